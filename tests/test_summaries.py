"""Summary tables on a hand-built debate: values, JSON-ability, stable keys."""

from __future__ import annotations

import doctest
import json

import pytest
from test_relations import build_map, uid

import argmap.summaries
from argmap.steps.relations import relate
from argmap.steps.status import status
from argmap.summaries import (
    claims_table,
    moderator_queue,
    participants_table,
    sources_table,
    thread_tree,
)


@pytest.fixture()
def debate():
    m = build_map([
        ("root", "moon", None, [("claim", "The IRA had no influence."), ("premise", "It was tiny."),
                                ("evidence", "It spent $100,000.")]),
        ("a", "peter", "root", [("claim", "Russia meddled."), ("evidence", "Fiona Hill testified so.")]),
        ("b", "kev", "a", [("claim", "Mueller found nothing.")]),
        ("c", "don", "root", [("claim", "Right, it was tiny."), ("evidence", "As the NYT said.")]),
        ("d", "peter", "b", [("question", "r u a nut or a bozo?")]),
        ("e", "tony", "root", [("claim", "Trump won on populism.")]),
    ], evidence={("root", 2): [("statistic", "$100,000")], ("a", 1): [("testimony", "Fiona Hill")],
                 ("c", 1): [("news", "The New York Times")]},
        stances={"a": ("attack", 0.9, ("root", 0)), "b": ("attack", 0.7, ("a", 0)),
                 "c": ("support", 0.8, ("root", 0)), "d": ("attack", 0.6, ("b", 0))},
        personal={"d"}, inferred={"e": 0.3})
    return status(relate(m))


def test_summaries_claims_table(debate):
    rows = {r["unit_id"]: r for r in claims_table(debate)}
    root = rows["root:0"]
    assert root["status"] == "sourced-and-contested" and root["author"] == "moon"
    assert (root["supports"], root["attacks"]) == (2, 1)    # its premise and don's reply
    assert set(root["sources"]) == {"$100,000", "The New York Times"}
    assert rows[uid(debate, "a", 0)]["status"] == "sourced-and-contested"
    assert rows[uid(debate, "b", 0)]["status"] == "contested"
    assert rows[uid(debate, "e", 0)]["status"] == "unsourced"
    assert [r["index"] for r in rows.values()] == sorted(r["index"] for r in rows.values())


def test_summaries_sources_table(debate):
    rows = {r["source"]: r for r in sources_table(debate)}
    assert set(rows) == {"$100,000", "Fiona Hill", "The New York Times"}
    assert rows["$100,000"]["claims"] == ["root:0", uid(debate, "root", 1)]   # the claim and its premise
    assert rows["The New York Times"]["claims"] == ["root:0", uid(debate, "c", 0)]
    assert rows["Fiona Hill"]["participants"] == ["peter"] and rows["Fiona Hill"]["kinds"] == ["testimony"]
    # most relied on first: each rests two argued points (the premise "It was tiny." has a status too)
    assert sources_table(debate)[0]["n_claims"] == 2


def test_summaries_participants_table(debate):
    rows = {r["author"]: r for r in participants_table(debate)}
    assert list(rows) == ["moon", "peter", "kev", "don", "tony"]
    p = rows["peter"]
    assert (p["comments"], p["claims"], p["sources_cited"]) == (2, 1, 1)
    assert (p["rebuttals_given"], p["rebuttals_received"], p["personal_attacks_made"]) == (2, 1, 1)
    assert rows["kev"]["personal_attacks_received"] == 1
    assert rows["moon"]["supports_received"] == 1 and rows["moon"]["sourced_claims"] == 2   # the claim and its premise


def test_summaries_moderator_queue(debate):
    rows = moderator_queue(debate)
    kinds = [r["kind"] for r in rows]
    assert kinds == ["personal-attack", "attacked-unsourced-claim", "low-confidence-link"]
    assert rows[0]["comment_id"] == "d" and rows[0]["unit_id"] is None
    assert rows[1]["unit_id"] == uid(debate, "b", 0) and rows[1]["why"].startswith("contested")
    assert rows[2]["comment_id"] == "e" and rows[2]["confidence"] == 0.3


def test_summaries_thread_tree_depth_first(debate):
    rows = thread_tree(debate)
    assert [(r["comment_id"], r["depth"]) for r in rows] == [
        ("root", 0), ("a", 1), ("b", 2), ("d", 3), ("c", 1), ("e", 1)]
    root = rows[0]
    assert root["units"][0]["status"] == "sourced-and-contested"
    assert root["evidence"][0]["kind"] == "statistic"
    assert rows[3]["personal_attack"]["label"] == "personal-attack"
    assert rows[5]["parent"]["source"] == "inferred"


def test_summaries_all_tables_json_able(debate):
    for table in (claims_table(debate), sources_table(debate), participants_table(debate),
                  moderator_queue(debate), thread_tree(debate)):
        assert table and all(isinstance(r, dict) for r in table)
        json.loads(json.dumps(table))


def test_summaries_stable_keys(debate):
    assert set(claims_table(debate)[0]) == {
        "unit_id", "comment_id", "index", "author", "text", "status", "status_why", "chain", "supports",
        "attacks", "sources", "n_sources", "confidence", "claim_type", "verdict"}
    assert set(sources_table(debate)[0]) == {
        "key", "source", "kinds", "evidence_ids", "urls", "citations", "claims", "n_claims", "participants",
        "n_participants"}
    base = {"kind", "comment_id", "unit_id", "author", "text", "confidence", "why", "corrected"}
    for row in moderator_queue(debate):
        extra = {"target", "target_why", "quote"} if row["kind"] == "personal-attack" else set()
        assert set(row) == base | extra, row["kind"]


def test_summaries_personal_attacks_name_who_is_attacked_and_quote_the_words(debate):
    rows = [r for r in moderator_queue(debate) if r["kind"] == "personal-attack"]
    assert rows
    for r in rows:
        assert r["target"] and r["target"] != r["author"], "someone other than the attacker is named"
        assert r["target_why"]
        assert r["quote"] and r["quote"].rstrip("…") in r["text"], "the quoted words are the comment's own"


def test_summaries_empty_map():
    m = status(relate(build_map([("root", "", None, [])])))
    assert claims_table(m) == sources_table(m) == moderator_queue(m) == []
    assert [r["comments"] for r in participants_table(m)] == [1]
    assert len(thread_tree(m)) == 1


def test_summaries_docstring_examples_run():
    result = doctest.testmod(argmap.summaries)
    assert result.attempted >= 1 and result.failed == 0
