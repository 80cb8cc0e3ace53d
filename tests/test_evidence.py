"""Evidence detection: kinds, spans, mention vs citation, resolution across the thread."""

from __future__ import annotations

from argmap.model import EVIDENCE_KINDS, ArgumentMap, Comment, Thread, Unit
from argmap.steps.evidence import CITATION_THRESHOLD, detect, find_evidence


def _map(*texts: str) -> ArgumentMap:
    """A thread whose comments are single units (root first), built by hand."""
    comments, units = [], []
    for i, text in enumerate(texts):
        cid = "root" if i == 0 else f"c{i}"
        comments.append(Comment(cid, f"user{i}", text, None if i == 0 else "root", i))
        units.append(Unit(Unit.make_id(cid, 0), cid, 0, len(text), text, "claim", 0.5, "test"))
    return ArgumentMap(thread=Thread("t", "T", "generic", tuple(comments)), units=tuple(units))


def _kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for h in detect(text, "ann"):
        out.setdefault(h.kind, []).append(h.source)
    return out


def test_evidence_link_with_domain_as_source():
    hits = [h for h in detect("See https://www.nytimes.com/2019/11/21/us/politics.html for more.") if h.kind == "link"]
    assert hits and hits[0].source == "New York Times"
    assert hits[0].url.startswith("https://www.nytimes.com/")


def test_evidence_statistics():
    k = _kinds("The IRA spent $100,000, or 0.000007 cents per dollar, of $6.5 billion; 45% went to ads.")
    assert len(k["statistic"]) == 4


def test_evidence_document_and_quotation():
    k = _kinds("As Point 95 of the Mueller indictment said:")
    assert k["document"] == ["Mueller indictment"]
    assert k["quotation"] == ["Mueller indictment"]


def test_evidence_outlet_citation_vs_mention():
    cited = [h for h in detect("Reported The New York Times,") if h.kind == "news"]
    mention = [h for h in detect("FOX News is not pro-Trump because it wants to sow discord.") if h.kind == "news"]
    assert cited[0].confidence >= CITATION_THRESHOLD > mention[0].confidence
    assert "does not cite" in mention[0].why


def test_evidence_testimony_names_the_witness():
    text = ("Fiona Hill, with experience of Russia's efforts, under oath in a House committee "
            "hearing said she did not doubt Russia interfered.")
    hits = [h for h in detect(text) if h.kind == "testimony"]
    assert hits[0].source == "Fiona Hill"


def test_evidence_personal_experience():
    text = "Anyone who lived in the area as I did in the 1980's and 1990's knew he was a crook."
    hits = [h for h in detect(text, "DonRice") if h.kind == "experience"]
    assert hits and hits[0].source == "DonRice"
    assert "as I did" in text[hits[0].start:hits[0].end]


def test_evidence_study_title():
    text = "The study is headlined Assessing the impact of trolls on American Twitter users in 2017."
    titled = [h for h in detect(text) if h.kind == "study" and h.source != "study"]
    assert titled and titled[0].source.startswith("Assessing the impact")


def test_evidence_offsets_and_kinds_valid():
    amap = find_evidence(_map("The final price was $6.5 billion, reported the Washington Post.",
                              "As I did in 1990, I paid $300 to them."))
    assert amap.evidence
    for e in amap.evidence:
        assert e.kind in EVIDENCE_KINDS
        assert amap.thread.get(e.comment_id).text[e.start:e.end] == e.text
        assert 0.0 <= e.confidence <= 1.0 and e.why


def test_evidence_vague_reference_resolves_to_earlier_citation():
    amap = find_evidence(_map(
        "As Point 95 of the Mueller indictment said: they sold ads. A new study confirms it.",
        "He quoted the Mueller report and a published study as factual backup.",
    ))
    root = {e.kind: e for e in amap.evidence if e.comment_id == "root"}
    reply = [e for e in amap.evidence if e.comment_id == "c1"]
    refs = {e.kind: e.refers_to for e in reply}
    assert refs["document"] == root["document"].id
    assert refs["study"] == root["study"].id


def test_evidence_same_source_same_name():
    amap = find_evidence(_map("I trust the Mueller Report.", "This article quotes the Mueller report."))
    names = {e.source for e in amap.evidence if e.kind == "document"}
    assert names == {"Mueller report"}


def test_evidence_no_speaker_from_pronouns_or_function_words():
    for text in ("If I've said it once, I said it twice.", "Like I said, nobody cares.",
                 "We report what we see.", "People act like this all the time."):
        assert not [h for h in detect(text) if h.kind in ("quotation", "document")], text
    hits = [h for h in detect("Oooh. Senator Warren said the bill is dead.") if h.kind == "quotation"]
    assert hits and hits[0].source == "Senator Warren"
    text = "Oooh. Senator Warren said the bill is dead."
    assert text[hits[0].start:hits[0].end] == "Senator Warren"


def test_evidence_small_counts_and_durations_source_nothing():
    from argmap.settings import DEFAULT
    from argmap.steps.evidence import _statistics
    text = "17 agencies agreed over 35 years; 3,500 accounts and 2 million voters were seen."
    conf = {text[h.start:h.end].strip(): h.confidence for h in _statistics(text, "ann")}
    assert not any("years" in k for k in conf)  # a duration is no statistic
    assert conf["17 agencies"] < DEFAULT.min_evidence_confidence
    assert conf["3,500 accounts"] >= DEFAULT.min_evidence_confidence
    assert conf["2 million voters"] >= DEFAULT.min_evidence_confidence


def test_evidence_as_phrases_without_a_speaker_are_no_quotation():
    for text in ("As for punishing ignorance, that's not a proportional response.",
                 'As much as you can get "official" art of her, it is in the CSS.',
                 "as a dentist, at age 35, you would earn well."):
        assert not [h for h in detect(text) if h.kind == "quotation"], text
    lohr = [h for h in detect("As Eric Lohr, a historian of Russia, summarized it, Russia meddled.")
            if h.kind == "quotation"]
    assert lohr and lohr[0].source == "Eric Lohr"


def test_evidence_links_into_the_forum_itself_are_no_source():
    hits = list(detect("Please [read our rules](http://www.reddit.com/r/changemyview/wiki/rules) or "
                       "[message us](http://www.reddit.com/message/compose?to=/r/changemyview)."))
    assert len(hits) == 2 and all(h.kind == "link" and h.confidence < CITATION_THRESHOLD for h in hits)
    assert "forum's own pages" in hits[0].why
    study = list(detect("See https://www.reddit.com/r/science/comments/abc/new_study/ for the paper."))
    assert study and study[0].confidence >= CITATION_THRESHOLD


def test_evidence_figures_in_a_hypothetical_are_not_reported_figures():
    hyp = [h for h in detect("If you earn $22k a year and 30% goes on rent, you are poor.") if h.kind == "statistic"]
    assert hyp and all(h.confidence < CITATION_THRESHOLD and "hypothetical ('if')" in h.why for h in hyp)
    real = [h for h in detect("Only 69% of students graduate. If that is true we have a problem.")
            if h.kind == "statistic"]
    assert real and real[0].confidence >= CITATION_THRESHOLD  # the "if" comes after, in its own sentence


def test_evidence_experience_inside_someone_elses_quoted_words_is_not_the_authors():
    text = 'This is what you are saying: "The paper moved when I was out of my room," and so on.'
    assert not [h for h in detect(text) if h.kind == "experience"]
    assert [h for h in detect("As I did in the 1980s, I lived in New Jersey.") if h.kind == "experience"]


def test_evidence_witness_after_the_cue_only_right_after_of_from_by():
    far = [h for h in detect("On the basis of testimony of people who already didn't like Zoe Quinn, "
                             "they punish her.") if h.kind == "testimony"]
    assert far and far[0].source == "testimony" and far[0].confidence < CITATION_THRESHOLD
    near = [h for h in detect("The testimony of Fiona Hill was damning.") if h.kind == "testimony"]
    assert near and near[0].source == "Fiona Hill"


def test_evidence_figures_that_are_no_statistics():
    assert not [h for h in detect("As Ive stated before I can list hundreds of songs.") if h.kind == "quotation"]
    url = "https://en.wikipedia.org/wiki/List_of_colors:_A%E2%80%93F"
    assert [h.kind for h in detect(url)] == ["link"]  # '%E2%80' is no percentage
    (pct,) = [h for h in detect("Straight men who are 100% comfortable with it.") if h.kind == "statistic"]
    assert pct.confidence < CITATION_THRESHOLD and "intensifier" in pct.why
    (share,) = [h for h in detect("100% of the money went to ads.") if h.kind == "statistic"]
    assert share.confidence >= CITATION_THRESHOLD


def test_evidence_counts_of_any_plural_noun_but_not_durations_or_years():
    from argmap import sources
    found = [m.group(0) for t in ("The report covers 31 schools and 12,000 students.", "We lost 2,000 jobs.",
                                  "400 new homes were built.") for m in sources.COUNT_RE.finditer(t)]
    assert found == ["31 schools", "12,000 students", "2,000 jobs", "400 new homes"]
    for t in ("She served 35 years.", "In 2019 cars were banned.", "He is 6 feet tall.", "He made 3 good points."):
        assert not sources.COUNT_RE.search(t), t
    (big,) = [h for h in detect("It covers 12,000 students.") if h.kind == "statistic"]
    assert big.confidence >= CITATION_THRESHOLD


def test_evidence_described_documents_without_a_proper_name():
    (annual,) = [h for h in detect("The state education department published the same finding in its "
                                   "2023 annual report.") if h.kind == "document"]
    assert annual.source == "2023 annual report" and annual.confidence >= CITATION_THRESHOLD
    (listed,) = [h for h in detect("The utility report lists 1,800 left to replace.") if h.kind == "document"]
    assert listed.confidence >= CITATION_THRESHOLD
    (weather,) = [h for h in detect("I watched the weather report.") if h.kind == "document"]
    assert weather.confidence < CITATION_THRESHOLD  # a mention, no citing word


def test_evidence_outlet_cited_only_when_a_citing_word_points_at_it():
    def news(t):
        return [h for h in detect(t) if h.kind == "news"]
    assert news("I read it in the New York Times.")[0].confidence >= CITATION_THRESHOLD
    assert news("This is from Ian Reifowitz for Daily Kos")[0].confidence >= CITATION_THRESHOLD
    assert news("Rabid FoxNews viewers are no different from rabid HuffPo readers.")[0].confidence \
        < CITATION_THRESHOLD  # "from" points at the readers, not at the outlet


def test_evidence_pictures_are_no_source_unless_they_show_data():
    (meme,) = detect("[>Implying I'm biased.](http://img3.wikia.nocookie.net/images/8/84/FB.png)")
    assert meme.kind == "link" and meme.confidence < CITATION_THRESHOLD and "picture" in meme.why
    (graph,) = detect("Here's a graph of temperature trends (https://www.epa.gov/files/ghg-large.jpg).")
    assert graph.confidence >= CITATION_THRESHOLD


def test_evidence_an_outlet_is_no_witness():
    (t,) = [h for h in detect("Reported The New York Times, Hill testified.") if h.kind == "testimony"]
    assert t.source != "New York Times"


# --- property: detectors never fail and stay inside the unit ----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "As for", "as a dentist,", "According to the CDC,", "100%", "100% of", "12,000 students", "17 agencies",
    "$22k", "if", "let's say", "https://www.reddit.com/r/x/wiki/rules", "https://i.imgur.com/a.gif",
    "http://example.org/a%E2%80%93b", "graph", "the utility report lists", "its 2023 annual report",
    "testimony of people", "Fiona Hill", "testified", "under oath", "The New York Times", "from", "\"", "\u201c",
    "I was", "as I did in the 1980s", "Reported", ",", ".", "?", "\n", " ", "Daily Kos", "[deleted]"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=14))
def test_evidence_detect_property_never_fails_and_stays_in_the_text(parts):
    text = " ".join(parts)
    for h in detect(text, "someone"):
        assert h.kind in EVIDENCE_KINDS
        assert 0 <= h.start <= h.end <= len(text)
        assert 0.0 <= h.confidence <= 1.0 and h.why and h.source
