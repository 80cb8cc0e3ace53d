"""Every export of the real seed thread (analysed once per session with the real
models) reads back with a real parser. Properties only: never exact model output."""

from __future__ import annotations

import json

import pytest
from readback import aif_problems, assert_inert, read_argdown, read_graphml

from argmap.exporters import EXPORTERS
from argmap.exporters._common import propositions
from argmap.exporters.schemas import validate
from argmap.model import ArgumentMap


def test_exporters_seed_json_is_lossless_and_valid(seed_map):
    text = EXPORTERS["json"].function(seed_map)
    assert ArgumentMap.from_json(text) == seed_map
    validate(json.loads(text), "argmap-1")


def test_exporters_seed_aif_is_well_formed(seed_map):
    doc = json.loads(EXPORTERS["aif"].function(seed_map))
    validate(doc, "aif")
    assert aif_problems(doc) == []
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("I") == len(propositions(seed_map)) > 0
    assert types.count("RA") + types.count("CA") == len(seed_map.relations)
    assert len(doc["participants"]) >= 2


def test_exporters_seed_graphml_reads_back(seed_map):
    g = read_graphml(EXPORTERS["graphml"].function(seed_map))
    assert {c.id for c in seed_map.thread.comments} <= set(g.nodes)
    assert sum(d["type"] == "reply" for _, _, d in g.edges(data=True)) == len(seed_map.thread.comments) - 1


def test_exporters_seed_argdown_parses(seed_map):
    statements, relations = read_argdown(EXPORTERS["argdown"].function(seed_map))
    assert len(statements) == len(propositions(seed_map))
    named = {r.source for r in seed_map.relations} | {r.target for r in seed_map.relations}
    assert len(relations) == sum(1 for r in seed_map.relations if r.source in named)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exporters_seed_is_fast_and_nonempty(seed_map, fmt):
    out = EXPORTERS[fmt].function(seed_map)
    assert len(out) > 1000


def test_exporters_seed_html_is_inert(seed_map):
    page = EXPORTERS["html"].function(seed_map)
    assert_inert(page)
    assert page.count('<li class="d') == len(seed_map.thread.comments)
