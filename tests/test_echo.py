"""Unit tests for argmap.echo: tokens, spans, n-grams, document frequency, the index."""

from __future__ import annotations

from argmap.echo import (
    DocFreq,
    NgramIndex,
    common_spans,
    general_rarity,
    longest_common_span,
    polarity_flipped,
    shared_content_words,
    shared_ngrams,
    stem,
    words,
)


def test_echo_offsets_point_at_the_text():
    text = "Yes–Americans should NOT trust the basic institutions of our government."
    w = words(text)
    assert all(text[t.start:t.end] for t in w.tokens)
    assert [text[t.start:t.end] for t in w.tokens][:3] == ["Yes", "Americans", "should"]


def test_echo_contractions_split_into_two_keys():
    keys = [t.key for t in words("He's right, they're wrong and I don't care.").tokens]
    assert keys[:2] == ["he", "is"] and "are" in keys and keys[-3:] == ["do", "not", stem("care")]


def test_echo_stem_meets_inflections():
    assert stem("agencies") == stem("agency")
    assert stem("writing") == stem("write")
    assert stem("believes") == stem("beliefs")
    assert stem("have") == "have"             # stopwords are never stemmed


def test_echo_longest_common_span_finds_the_quotation():
    a = "No, most if not all US intelligence agencies have not, and they never did."
    b = "Most if not all US intelligence agencies have said Russia was involved."
    span = longest_common_span(a, b)
    assert span is not None and span.n_words == 8
    assert a[span.a_start:span.a_end] == "most if not all US intelligence agencies have"
    assert b[span.b_start:span.b_end].lower() == "most if not all us intelligence agencies have"


def test_echo_common_spans_skip_function_word_runs():
    assert common_spans("it is of the", "this is of the kind") == []
    spans = common_spans("He quoted it as factual backup, of the sort", "no factual backup at all")
    assert [s.text for s in spans] == ["factual backup"]


def test_echo_common_spans_do_not_overlap_in_the_first_text():
    a = words("the Mueller report said the Mueller report")
    b = words("the Mueller report")
    spans = common_spans(a, b)
    assert len(spans) == 2
    taken = [set(range(s.a_i, s.a_i + s.n_words)) for s in spans]
    assert not taken[0] & taken[1]


def test_echo_shared_ngrams_and_words():
    assert ("factual", "backup") in shared_ngrams("little factual backup", "as factual backup")
    assert shared_content_words("I like Rachel", "a fan of Rachel!") == {"rachel"}


def test_echo_docfreq_rarity_falls_with_frequency():
    df = DocFreq([words(t) for t in ("trump won", "trump lost", "trump again", "rachel maddow")])
    assert df["trump"] == 3
    assert df.rarity("rachel") == 1.0 > df.rarity("trump") > 0.0


def test_echo_general_rarity_knows_everyday_words():
    assert general_rarity("the") < general_rarity("talk") < general_rarity("backup") == 1.0


def test_echo_polarity_flip_marks_rebuttal():
    a, b = words("He quoted it as factual backup."), words("It has little to no factual backup.")
    assert polarity_flipped(a, b, common_spans(a, b)[0])
    c = words("There is factual backup here.")
    assert not polarity_flipped(a, c, common_spans(a, c)[0])


def test_echo_index_finds_candidates_and_stays_bounded():
    idx = NgramIndex(max_postings=4)
    for k in range(10):
        idx.add(k, words(f"a common phrase about factual backup number {k}"))
    idx.add("odd", words("nothing shared at all"))
    hits = idx.candidates(words("where is the factual backup"), limit=10)
    ids = [d for d, _ in hits]
    assert ids and set(ids) <= {6, 7, 8, 9}        # only the newest postings are kept
    assert "odd" not in ids


def test_echo_spans_stop_at_sentence_ends():
    spans = common_spans("It is not their beliefs. It is the beliefs they download.",
                         "conform to their beliefs. It is a shame")
    assert [s.text for s in spans][0] == "their beliefs"
    assert all("." not in s.text for s in spans)
