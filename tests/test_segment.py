"""Segmentation: sentences and clauses, offsets, quoted units."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from argmap.model import ArgumentMap, Comment, Quote, Thread
from argmap.quoting import quote_regions, region_for
from argmap.steps.segment import segment, split_clauses, units_of


def _doc(words, heads, deps, pos, spaces=None):
    """A parsed Doc built by hand (no model)."""
    spaces = spaces or [True] * (len(words) - 2) + [False, False]
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)


def _because_doc():
    # "Trump was elected because Clinton was corrupt."
    return _doc(
        ["Trump", "was", "elected", "because", "Clinton", "was", "corrupt", "."],
        heads=[2, 2, 2, 5, 5, 2, 5, 2],
        deps=["nsubjpass", "auxpass", "ROOT", "mark", "nsubj", "advcl", "acomp", "punct"],
        pos=["PROPN", "AUX", "VERB", "SCONJ", "PROPN", "AUX", "ADJ", "PUNCT"],
    )


def test_segment_splits_claim_and_reason_clause():
    doc = _because_doc()
    spans = split_clauses(doc, 0, len(doc.text))
    assert [doc.text[a:b].strip() for a, b in spans] == ["Trump was elected", "because Clinton was corrupt."]


def test_segment_keeps_short_pieces_whole():
    # "I left because bored." has no clause after the marker: stays one unit.
    doc = _doc(["I", "left", "because", "bored", "."], heads=[1, 1, 3, 1, 1],
               deps=["nsubj", "ROOT", "mark", "advcl", "punct"], pos=["PRON", "VERB", "SCONJ", "ADJ", "PUNCT"])
    assert split_clauses(doc, 0, len(doc.text)) == [(0, len(doc.text))]


def test_segment_offsets_match_comment_text():
    doc = _because_doc()
    comment = Comment("c1", "ann", doc.text, "root", 1)
    units = units_of(comment, doc)
    assert len(units) == 2
    for u in units:
        assert comment.text[u.start:u.end] == u.text
        assert u.text == u.text.strip()
        assert u.id == f"c1:{u.start}"


def test_segment_marks_units_in_quote_spans():
    doc = _because_doc()
    comment = Comment("c2", "bob", doc.text, "c1", 2, quotes=(Quote(0, 17, "c1", "> line"),))
    units = units_of(comment, doc)
    assert units[0].quoted and units[0].quoted_from == "c1"
    assert not units[1].quoted


def test_segment_quoting_introduced_paragraph_and_copied_block():
    text = ("As Point 95 of the Mueller indictment said:\n\nThey charged 25 dollars per post.\n\n"
            "I think that settles it.")
    regions = quote_regions(Comment("r", "", text, None, 0))
    assert len(regions) == 1
    assert text[regions[0].start:regions[0].end] == "They charged 25 dollars per post."
    assert regions[0].source == "Mueller indictment"
    copied = ("I will copy in comments from another source:\n\n\u201cRussia meddled.\n\n"
              "Reported The New York Times,\n\nShe testified on Thursday.\n\n"
              "This is from Ian Reifowitz for Daily Kos\n\nI agree with it.")
    regs = quote_regions(Comment("c", "p", copied, "r", 1))
    outer = max(regs, key=lambda r: r.end - r.start)
    assert copied[outer.start:outer.end].startswith("\u201cRussia")
    assert copied[outer.end:].lstrip().startswith("This is from")
    assert "Daily Kos" in outer.source
    inner = region_for(regs, copied.index("She"), copied.index("She") + 10)
    assert inner.source == "New York Times"
    assert region_for(regs, copied.index("I agree"), len(copied)) is None


def test_segment_short_scare_quotes_are_not_quoted_regions():
    text = "U.S. intelligence claimed that the campaign was to \u201csow discord\u201d within the country."
    assert quote_regions(Comment("r", "", text, None, 0)) == []


@pytest.fixture(scope="module")
def small_map(nlp):
    comments = (
        Comment("root", "", "Taxes are too high. They hurt growth because firms invest less.", None, 0),
        Comment("c1", "ann", "", "root", 1),
        Comment("c2", "bob", "Thanks!\n\nI disagree, but it is a fair point.", "root", 2),
    )
    return segment(ArgumentMap(thread=Thread("t", "T", "generic", comments)), nlp=nlp)


def test_segment_real_model_units_in_page_then_offset_order(small_map):
    order = {c.id: c.index for c in small_map.thread.comments}
    keys = [(order[u.comment_id], u.start) for u in small_map.units]
    assert keys == sorted(keys)
    assert not small_map.units_of("c1")
    for u in small_map.units:
        assert small_map.thread.get(u.comment_id).text[u.start:u.end] == u.text
        assert u.kind in ("claim", "premise", "evidence", "question", "other")


def test_segment_real_model_splits_reason_and_paragraphs(small_map):
    texts = [u.text for u in small_map.units]
    assert any(t.startswith("because") for t in texts)
    assert "Thanks!" in texts  # a paragraph break ends a unit


def test_segment_splits_coordinated_clauses_with_own_subjects():
    # "I received calls , and I consider this rude ."
    doc = _doc(["I", "received", "calls", ",", "and", "I", "consider", "this", "rude", "."],
               heads=[1, 1, 1, 1, 1, 6, 1, 8, 6, 1],
               deps=["nsubj", "ROOT", "dobj", "punct", "cc", "nsubj", "conj", "nsubj", "ccomp", "punct"],
               pos=["PRON", "VERB", "NOUN", "PUNCT", "CCONJ", "PRON", "VERB", "PRON", "ADJ", "PUNCT"],
               spaces=[True, True, False, True, True, True, True, True, False, False])
    spans = split_clauses(doc, 0, len(doc.text))
    assert [doc.text[a:b].strip() for a, b in spans] == ["I received calls,", "and I consider this rude."]


def test_segment_does_not_split_shared_subject_coordination():
    # "I received calls and ignored them ." : one subject, one unit.
    doc = _doc(["I", "received", "calls", "and", "ignored", "them", "."],
               heads=[1, 1, 1, 1, 1, 4, 1],
               deps=["nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct"],
               pos=["PRON", "VERB", "NOUN", "CCONJ", "VERB", "PRON", "PUNCT"])
    assert split_clauses(doc, 0, len(doc.text)) == [(0, len(doc.text))]


def test_segment_line_break_after_a_finished_sentence_ends_a_unit(nlp):
    # The seed's Tony: the parser runs "...economics).\nTurns out ..." into one sentence.
    text = ("Trump also won the election because he campaigned on economic populism. (BTW, you can "
            "tell that they are not populists, as they sound like Republicans on economics).\n"
            "Turns out Trump was a FAKE populist.\nAnd a wrapped line\nthat goes on is one sentence.")
    amap = segment(ArgumentMap(thread=Thread("t", "T", "generic", (Comment("r", "", text, None, 0),))), nlp=nlp)
    texts = [u.text for u in amap.units]
    assert "Turns out Trump was a FAKE populist." in texts
    assert not any("economics)." in t and "Turns out" in t for t in texts)
    assert any("wrapped line\nthat goes on" in t for t in texts)  # no end mark: no cut
