"""Units and evidence on the seed thread, with the real models (segment -> evidence).

Properties a reader checks by hand; no exact confidences or unit counts.
"""

from __future__ import annotations

import pytest

from argmap.model import ArgumentMap
from argmap.pipeline import STEP_NAMES, build_steps, run_steps
from argmap.steps.evidence import CITATION_THRESHOLD


@pytest.fixture(scope="module")
def units_map(nlp, encoder, seed_text) -> ArgumentMap:
    """The seed thread through the pipeline up to and including the evidence step."""
    import argmap

    thread = argmap.parse_thread(seed_text)
    upto = STEP_NAMES.index("evidence") + 1
    return run_steps(ArgumentMap(thread=thread), build_steps(nlp=nlp, encoder=encoder)[:upto])


def _comment(amap: ArgumentMap, author: str, starts: str):
    return next(c for c in amap.thread.comments if c.author == author and c.text.startswith(starts))


def _unit(amap: ArgumentMap, needle: str):
    return next(u for u in amap.units if needle in u.text)


def _cited(amap: ArgumentMap, comment_id: str):
    return [e for e in amap.evidence if e.comment_id == comment_id and e.confidence >= CITATION_THRESHOLD]


def test_evidence_seed_offsets_hold(units_map):
    for u in units_map.units:
        assert units_map.thread.get(u.comment_id).text[u.start:u.end] == u.text
    for e in units_map.evidence:
        assert units_map.thread.get(e.comment_id).text[e.start:e.end] == e.text
        assert any(u.id == e.unit_id for u in units_map.units)


def test_evidence_seed_article_statistics_document_study(units_map):
    root = [e for e in units_map.evidence if e.comment_id == units_map.thread.root.id]
    stats = {e.text for e in root if e.kind == "statistic"}
    assert {"$100,000", "0.000007 cents", "$6.5 billion"} <= stats
    assert any(e.kind == "document" and "Point 95" in e.text and e.source == "Mueller indictment" for e in root)
    assert any(e.kind == "study" and e.source.startswith("Assessing the Russian Internet Research") for e in root)


def test_evidence_seed_margaret_resolves_to_article_citations(units_map):
    margaret = _comment(units_map, "Margaret Flowers", "He quoted")
    evs = _cited(units_map, margaret.id)
    by_id = {e.id: e for e in units_map.evidence}
    targets = {by_id[e.refers_to].kind for e in evs if e.refers_to}
    assert {"document", "study"} <= targets
    assert all(by_id[e.refers_to].comment_id == units_map.thread.root.id for e in evs if e.refers_to)


def test_evidence_seed_peterpaget_sources_and_quoted_block(units_map):
    peter = _comment(units_map, "PeterPaget", "Margaret It looks")
    sources = {e.source for e in _cited(units_map, peter.id)}
    assert {"Eric Lohr", "New York Times", "Daily Kos", "Fiona Hill"} <= sources
    assert any(e.kind == "testimony" and e.source == "Fiona Hill" for e in _cited(units_map, peter.id))
    quoted = _unit(units_map, "Vladimir Putin")
    assert quoted.quoted and quoted.quoted_from
    assert not _unit(units_map, "I do not get you guys").quoted


def test_evidence_seed_outlet_mention_is_not_a_citation(units_map):
    fox = [e for e in units_map.evidence if e.source == "FOX News" and "not pro-Trump" in
           units_map.thread.get(e.comment_id).text[e.start:e.start + 40]]
    assert fox and all(e.confidence < CITATION_THRESHOLD for e in fox)


def test_evidence_seed_experience(units_map):
    don = _comment(units_map, "DonRice", "Right, Tony")
    assert any(e.kind == "experience" and "as I did" in e.text for e in units_map.evidence
               if e.comment_id == don.id)


def test_evidence_seed_claim_and_premise_split(units_map):
    claim = _unit(units_map, "Trump was elected")
    premise = _unit(units_map, "because Clinton was an elitist")
    assert claim.id != premise.id and claim.end <= premise.start
    assert claim.kind == "claim" and premise.kind == "premise"


def test_evidence_seed_questions_and_other(units_map):
    assert _unit(units_map, "Who to believe Kevin?").kind == "question"
    rhetorical = _unit(units_map, "Why aren\u2019t the Dems impeaching")
    assert rhetorical.kind == "question" and rhetorical.confidence < 0.9
    assert _unit(units_map, "Thank you").kind == "other"
