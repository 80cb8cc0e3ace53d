"""The typed graph and its queries, on hand-built maps."""

from __future__ import annotations

import doctest
import io
import json
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import given, settings
from test_relations import build_map, uid
from test_status import random_maps

import argmap.graph
from argmap.graph import (
    EDGE_TYPES,
    NODE_TYPES,
    central_claims,
    claims_per_participant,
    most_attacked_claims,
    to_graph,
    unanswered_claims,
)
from argmap.model import Relation
from argmap.steps.relations import relate
from argmap.steps.status import status


@pytest.fixture()
def debate():
    """Article claim attacked twice (once with a source), supported once; a reply to a reply."""
    m = build_map([
        ("root", "moon", None, [("claim", "The IRA had no influence."), ("evidence", "It spent $100,000.")]),
        ("a", "peter", "root", [("claim", "Russia meddled."), ("evidence", "Fiona Hill testified so.")]),
        ("b", "kev", "a", [("claim", "Mueller found nothing.")]),
        ("c", "don", "root", [("claim", "Right, it was tiny.")]),
        ("d", "peter", "root", [("claim", "Nonsense, all of it.")]),
    ], evidence={("root", 1): [("statistic", "$100,000")], ("a", 1): [("testimony", "Fiona Hill")]},
        stances={"a": ("attack", 0.9, ("root", 0)), "b": ("attack", 0.7, ("a", 0)),
                 "c": ("support", 0.8, ("root", 0)), "d": ("attack", 0.6, None)},
        personal={"d"})
    return status(relate(m))


def test_graph_nodes_and_edges_are_typed(debate):
    G = to_graph(debate)
    assert {d["type"] for _, d in G.nodes(data=True)} == set(NODE_TYPES)
    assert {d["type"] for _, _, d in G.edges(data=True)} == set(EDGE_TYPES)
    assert G.nodes["source:fiona hill"]["name"] == "Fiona Hill"
    assert G.edges["a", "root"]["type"] == "reply" and G.edges["a", "root"]["stance"] == "attack"
    assert G.edges[uid(debate, "a", 0), "root:0"]["type"] == "attack"
    assert G.nodes["root:0"]["status"] == "sourced-and-contested"
    assert G.nodes["d"]["personal_attack"] is True


def test_graph_comment_relation_lands_on_reply_edge(debate):
    G = to_graph(debate)
    edge = G.edges["d", "root"]
    assert edge["type"] == "reply" and edge["stance"] == "attack" and "no target unit" in edge["stance_why"]


def test_graph_attributes_are_json_and_graphml_safe(debate):
    G = to_graph(debate)
    json.dumps(nx.node_link_data(G, edges="links"))
    for _, d in G.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    buf = io.BytesIO()
    nx.write_graphml(G, buf)
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()


def test_graph_sources_are_shared_by_name():
    m = build_map([("r", "", None, [("claim", "X."), ("claim", "Y.")])],
                  evidence={("r", 0): [("news", "The New York Times")], ("r", 1): [("link", "the new york times")]})
    G = to_graph(m)
    src = [n for n, d in G.nodes(data=True) if d["type"] == "source"]
    assert src == ["source:new york times"] and G.nodes[src[0]]["kinds"] == "news,link"
    assert G.in_degree(src[0]) == 2


def test_graph_id_collision_raises():
    m = build_map([("r", "", None, [("claim", "X.")])], evidence={("r", 0): [("news", "NYT")]})
    m = replace(m, evidence=(replace(m.evidence[0], id="r"),))
    with pytest.raises(ValueError, match="'r'"):
        to_graph(m)


def test_graph_queries(debate):
    G = to_graph(debate)
    a0, b0, c0, d0 = (uid(debate, x, 0) for x in "abcd")
    top, score = central_claims(G, n=1)[0]
    assert top == "root:0" and score > 0
    assert most_attacked_claims(G) == [("root:0", 1), (a0, 1)]
    assert unanswered_claims(G) == [b0, c0, d0]
    assert claims_per_participant(G) == {"peter": 2, "moon": 1, "kev": 1, "don": 1}


def test_graph_unanswered_ignores_own_comment_support():
    m = relate(build_map([("r", "", None, [("claim", "X."), ("premise", "because Y.")])]))
    assert unanswered_claims(to_graph(m)) == ["r:0"]


def test_graph_dangling_relation_is_skipped():
    m = build_map([("r", "", None, [("claim", "X.")])])
    m = replace(m, relations=(Relation("nope", "r:0", "attack", 0.9, "x"),))
    assert to_graph(m).in_degree("r:0") == 1  # only the 'contains' edge


def test_graph_docstring_examples_run():
    result = doctest.testmod(argmap.graph)
    assert result.attempted >= 5 and result.failed == 0


@settings(max_examples=60, deadline=None)
@given(random_maps())
def test_graph_property_every_node_and_edge_typed(m):
    m = status(relate(m))
    G = to_graph(m)
    assert all(d["type"] in NODE_TYPES for _, d in G.nodes(data=True))
    assert all(d["type"] in EDGE_TYPES for _, _, d in G.edges(data=True))
    assert {n for n, d in G.nodes(data=True) if d["type"] == "unit"} == {u.id for u in m.units}
    assert sum(1 for _, d in G.nodes(data=True) if d.get("status")) == len(m.statuses)
    json.dumps(nx.node_link_data(G, edges="links"))
