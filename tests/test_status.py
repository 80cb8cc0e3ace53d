"""Sourced-support status on hand-built maps: every status, multi-hop chains,
quoted units, thresholds; and a hypothesis property over random small maps."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from test_relations import build_map, random_maps, uid

from argmap.model import STATUSES, Relation
from argmap.settings import Settings
from argmap.steps.relations import relate
from argmap.steps.status import status


def analyse(m):
    return status(relate(m))


def by_unit(m):
    return {s.unit_id: s for s in m.statuses}


def test_status_sourced_when_the_claim_cites():
    m = analyse(build_map([("r", "", None, [("claim", "The Mueller report found 13 defendants.")])],
                          evidence={"r:0": [("document", "the Mueller report")]}))
    (s,) = m.statuses
    assert s.status == "sourced"
    assert s.chain == ("r:0", "r:0:e0")
    assert "cites the Mueller report" in s.why


def test_status_unsourced_claim():
    m = analyse(build_map([("r", "", None, [("claim", "Moon is wrong.")])]))
    (s,) = m.statuses
    assert (s.status, s.chain) == ("unsourced", ("r:0",))
    assert s.why


def test_status_multi_hop_chain_evidence_premise_claim():
    m = analyse(build_map([("r", "", None, [("claim", "The ads had no effect."), ("premise", "They were tiny."),
                                            ("evidence", "The IRA spent $100,000.")])],
                          evidence={("r", 2): [("statistic", "$100,000")]}))
    s = by_unit(m)[uid(m, "r", 0)]
    assert s.status == "sourced"
    assert s.chain == (uid(m, "r", 0), uid(m, "r", 1), uid(m, "r", 2), f"{uid(m, 'r', 2)}:e0")
    assert "2 steps" in s.why and "statistic" in s.why


def test_status_contested_when_attacked_without_sources():
    m = analyse(build_map([("p", "ann", None, [("claim", "Russia had no impact.")]),
                           ("r", "bob", "p", [("claim", "That is false.")])],
                          stances={"r": ("attack", 0.8, "p:0")}))
    s = by_unit(m)["p:0"]
    assert s.status == "contested"
    assert s.chain == ("p:0", "r:0")
    assert "#1 (bob)" in s.why and "no sources on either side" in s.why
    assert by_unit(m)["r:0"].status == "unsourced"


def test_status_rebutted_with_source_when_the_attack_cites():
    m = analyse(build_map([("p", "ann", None, [("claim", "Moon has no factual backup.")]),
                           ("r", "mf", "p", [("claim", "He quoted the Mueller report and a study.")])],
                          stances={"r": ("attack", 0.8, "p:0")},
                          evidence={"r:0": [("document", "the Mueller report"), ("study", "a published study")]}))
    s = by_unit(m)["p:0"]
    assert s.status == "rebutted-with-source"
    assert s.chain == ("p:0", "r:0", "r:0:e0", "r:0:e1")
    assert "the Mueller report" in s.why and "#1 (mf)" in s.why


def test_status_rebuttal_sourced_through_its_own_premise():
    m = analyse(build_map([("p", "ann", None, [("claim", "Nobody interfered.")]),
                           ("r", "bob", "p", [("claim", "Russia interfered."),
                                              ("evidence", "Fiona Hill said so under oath.")])],
                          stances={"r": ("attack", 0.9, "p:0")},
                          evidence={("r", 1): [("testimony", "Fiona Hill")]}))
    s = by_unit(m)["p:0"]
    assert s.status == "rebutted-with-source"
    ev = uid(m, "r", 1)
    assert s.chain == ("p:0", "r:0", ev, f"{ev}:e0")


def test_status_sourced_and_contested():
    m = analyse(build_map([("p", "ann", None, [("claim", "The IRA spent $100,000.")]),
                           ("r", "bob", "p", [("claim", "That number is wrong.")])],
                          stances={"r": ("attack", 0.8, "p:0")},
                          evidence={"p:0": [("statistic", "$100,000")]}))
    s = by_unit(m)["p:0"]
    assert s.status == "sourced-and-contested"
    assert s.chain == ("p:0", "p:0:e0", "r:0")


def test_status_sourced_by_a_supporting_reply():
    m = analyse(build_map([("p", "ann", None, [("claim", "Russia meddled.")]),
                           ("r", "bob", "p", [("claim", "Yes, the NYT reported it.")])],
                          stances={"r": ("support", 0.8, "p:0")},
                          evidence={"r:0": [("news", "The New York Times")]}))
    s = by_unit(m)["p:0"]
    assert s.status == "sourced"
    assert "#1 (bob)'s report in The New York Times" in s.why


def test_status_attack_on_a_reason_contests_the_claim():
    m = analyse(build_map([("p", "ann", None, [("claim", "Trump won"), ("premise", "because Clinton was corrupt.")]),
                           ("r", "bob", "p", [("claim", "Clinton was not corrupt.")])],
                          stances={"r": ("attack", 0.8, ("p", 1))}))
    s = by_unit(m)["p:0"]
    assert s.status == "contested"
    assert s.chain == ("p:0", uid(m, "p", 1), "r:0")
    assert "on its reasons" in s.why


def test_status_quoted_claims_get_no_status_but_source_the_author():
    m = analyse(build_map([("r", "", None, [
        ("claim", "Russia meddled in 2016."),
        ("claim", "Putin interfered in our elections.", ""),
        ("evidence", "Reported The New York Times.", "")])],
        evidence={("r", 2): [("news", "The New York Times")]}))
    assert [s.unit_id for s in m.statuses] == ["r:0"]
    assert m.statuses[0].status == "sourced"
    assert m.statuses[0].chain[-1] == f"{uid(m, 'r', 2)}:e0"


def test_status_weak_relations_decide_nothing():
    m = build_map([("p", "ann", None, [("claim", "A is true.")]),
                   ("r", "bob", "p", [("claim", "No.")])], stances={"r": ("attack", 0.2, "p:0")})
    assert by_unit(analyse(m))["p:0"].status == "unsourced"
    lenient = status(relate(m), settings=Settings(min_relation_confidence=0.1))
    assert by_unit(lenient)["p:0"].status == "contested"


def test_status_support_cycles_terminate():
    m = build_map([("r", "", None, [("claim", "A."), ("claim", "B.")])])
    m = replace(m, relations=(Relation("r:0", "r:3", "support", 0.9, "x"),
                              Relation("r:3", "r:0", "support", 0.9, "x")))
    assert {s.status for s in status(m).statuses} == {"unsourced"}


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_status_property_every_own_claim_exactly_one_status(m):
    out = analyse(m)
    units = {u.id: u for u in m.units}
    order = [u.id for u in m.units]
    got = [s.unit_id for s in out.statuses]
    claims = [u.id for u in m.units if u.kind == "claim" and not u.quoted]
    assert len(got) == len(set(got)) and set(claims) <= set(got)
    assert got == sorted(got, key=order.index)
    assert all(units[i].kind in ("claim", "premise", "evidence") and not units[i].quoted for i in got)
    ids = {u.id for u in m.units} | {e.id for e in m.evidence} | {c.id for c in m.thread.comments}
    for s in out.statuses:
        assert s.status in STATUSES and s.why
        assert s.chain and s.chain[0] == s.unit_id and set(s.chain) <= ids
        has_ev = any(x in {e.id for e in m.evidence} for x in s.chain)
        assert has_ev == (s.status in ("sourced", "sourced-and-contested", "rebutted-with-source"))


def test_status_a_mere_mention_sources_nothing():
    m = build_map([("r", "", None, [("claim", "FOX News is not pro-Trump.")])],
                  evidence={("r", 0): [("news", "FOX News")]})
    mention = replace(m, evidence=(replace(m.evidence[0], confidence=0.2, why="mentions FOX News"),))
    assert analyse(m).statuses[0].status == "sourced"
    assert analyse(mention).statuses[0].status == "unsourced"


def test_status_standalone_and_answered_premises_are_argued_points():
    m = analyse(build_map([
        ("p", "peter", None, [("premise", "Moon is just a propagandist."), ("premise", "He has no backup.")]),
        ("r", "mf", "p", [("evidence", "He quoted the Mueller report.")]),
    ], stances={"r": ("attack", 0.9, ("p", 1))}, evidence={("r", 0): [("document", "the Mueller report")]}))
    got = by_unit(m)
    assert set(got) == {"p:0", uid(m, "p", 1)}          # evidence gets no status
    assert got[uid(m, "p", 1)].status == "rebutted-with-source"
    assert got["p:0"].status == "unsourced"


def test_status_every_own_claim_and_premise_gets_a_status():
    m = analyse(build_map([("p", "", None, [("claim", "Trump won"), ("premise", "because Clinton was corrupt.")])]))
    assert [s.unit_id for s in m.statuses] == ["p:0", "p:10"]
