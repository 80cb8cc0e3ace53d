"""End-to-end properties of the real pipeline on the seed thread (``seed_map`` fixture).

These assert properties a reader of the thread would check, never exact model
output: every claim has one status whose chain exists; relations are well formed;
PeterPaget's long comment is sourced; Margaret Flowers' reply rebuts with sources;
the JSON round trip is exact; graph and tables build.
"""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from argmap.graph import EDGE_TYPES, NODE_TYPES, central_claims, to_graph
from argmap.model import STATUSES, ArgumentMap
from argmap.summaries import claims_table, moderator_queue, participants_table, sources_table, thread_tree

SOURCED = ("sourced", "sourced-and-contested")


def comment_with(amap: ArgumentMap, author: str, words: str):
    found = [c for c in amap.thread.comments if c.author == author and words in c.text]
    assert found, f"no comment by {author} containing {words!r}"
    return found[0]


def statuses_of(amap: ArgumentMap, comment_id: str) -> dict[str, str]:
    units = {u.id for u in amap.units_of(comment_id)}
    return {s.unit_id: s.status for s in amap.statuses if s.unit_id in units}


def test_pipeline_every_claim_has_exactly_one_status(seed_map):
    claims = [u.id for u in seed_map.claims()]
    assert claims, "the seed thread has claims"
    got = [s.unit_id for s in seed_map.statuses]
    assert set(claims) <= set(got) and len(got) == len(set(got))   # plus premises standing as points
    ids = ({u.id for u in seed_map.units} | {e.id for e in seed_map.evidence}
           | {c.id for c in seed_map.thread.comments})
    for s in seed_map.statuses:
        assert s.status in STATUSES and s.why
        assert s.chain[0] == s.unit_id and set(s.chain) <= ids


def test_pipeline_relations_well_formed(seed_map):
    units = {u.id: u for u in seed_map.units}
    pairs = set()
    for r in seed_map.relations:
        assert r.label in ("support", "attack") and 0 <= r.confidence <= 1 and r.why
        assert (r.source in units or r.source in seed_map.thread) and (r.target in units or r.target in seed_map.thread)
        assert r.source != r.target and (r.source, r.target) not in pairs
        pairs.add((r.source, r.target))
        if r.source in units and r.target in units and units[r.source].comment_id != units[r.target].comment_id:
            assert not units[r.source].quoted, f"quoted unit {r.source} used as a reply's claim"
    assert any(r.label == "attack" for r in seed_map.relations), "the seed thread has rebuttals"


def test_pipeline_peterpaget_long_comment_is_sourced(seed_map):
    c = comment_with(seed_map, "PeterPaget", "Eric Lohr")
    sts = statuses_of(seed_map, c.id)
    assert any(s in SOURCED for s in sts.values()), sts


def test_pipeline_margaret_flowers_rebuts_with_sources(seed_map):
    margaret = comment_with(seed_map, "Margaret Flowers", "Mueller report")
    assert any(e.comment_id == margaret.id for e in seed_map.evidence)
    target = seed_map.thread.get(margaret.parent_id)
    assert target.author == "PeterPaget" and "propagandist" in target.text
    sts = statuses_of(seed_map, target.id)
    assert "rebutted-with-source" in sts.values() or "sourced-and-contested" in sts.values(), sts


def test_pipeline_personal_attack_reaches_the_moderator_queue(seed_map):
    bozo = comment_with(seed_map, "PeterPaget", "r u a nut or a bozo")
    rows = [r for r in moderator_queue(seed_map) if r["kind"] == "personal-attack"]
    assert bozo.id in {r["comment_id"] for r in rows}


def test_pipeline_json_round_trip_exact(seed_map):
    assert ArgumentMap.from_dict(seed_map.to_dict()) == seed_map
    assert ArgumentMap.from_json(seed_map.to_json()) == seed_map


def test_pipeline_graph_typed_and_complete(seed_map):
    G = to_graph(seed_map)
    assert {d["type"] for _, d in G.nodes(data=True)} <= set(NODE_TYPES)
    assert {d["type"] for _, _, d in G.edges(data=True)} <= set(EDGE_TYPES)
    unit_rel = [r for r in seed_map.relations if r.source not in seed_map.thread]
    assert all(G.has_edge(r.source, r.target) for r in unit_rel)
    assert central_claims(G, n=3)
    buf = io.BytesIO()
    nx.write_graphml(G, buf)     # every attribute is a GraphML scalar
    assert nx.read_graphml(io.BytesIO(buf.getvalue())).number_of_nodes() == G.number_of_nodes()


@pytest.mark.parametrize("table", [claims_table, sources_table, participants_table, moderator_queue])
def test_pipeline_tables_json_able(seed_map, table):
    rows = table(seed_map)
    assert isinstance(rows, list)
    json.loads(json.dumps(rows))


def test_pipeline_thread_tree_covers_every_comment(seed_map):
    rows = thread_tree(seed_map)
    assert sorted(r["comment_id"] for r in rows) == sorted(c.id for c in seed_map.thread.comments)
    assert sum(len(r["units"]) for r in rows) == len(seed_map.units)
