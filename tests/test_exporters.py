"""Every export read back with a real parser: json (schema + round trip), AIF (schema +
structure), GraphML (networkx), Argdown (its statement/relation grammar), HTML (a
strict HTML parser). Hand-built maps, a hostile thread and hypothesis maps."""

from __future__ import annotations

import json
import re

import pytest
from handmade import HOSTILE, hostile_map, maps, small_map
from hypothesis import HealthCheck, given, settings
from readback import aif_problems, assert_inert, audit_html, read_argdown, read_graphml

from argmap import model
from argmap.errors import ArgmapError
from argmap.exporters import EXPORTERS, export
from argmap.exporters._common import one_line, propositions, xml_id, xml_safe
from argmap.exporters.aif import to_aif_dict
from argmap.exporters.argdown import to_argdown
from argmap.exporters.graphml import to_graphml
from argmap.exporters.html_report import to_html
from argmap.exporters.schemas import load_schema, validate
from argmap.model import ArgumentMap

FIXED = {"small": small_map, "hostile": hostile_map}
SLOW_OK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- registry --------------------------------------------------------------------

def test_exporters_registry_names_extensions_and_mime():
    assert set(EXPORTERS) == {"json", "aif", "graphml", "argdown", "html"}
    for name, (fn, ext, mime) in EXPORTERS.items():
        out = fn(small_map())
        assert isinstance(out, str) and out, name
        assert re.fullmatch(r"[a-z]+", ext) and "/" in mime
        assert export(small_map(), name) == out  # pure: same input, same output


def test_exporters_unknown_format_is_an_argmap_error():
    with pytest.raises(ArgmapError, match="unknown export format"):
        export(small_map(), "pdf")


# --- argmap JSON -------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXED)
def test_exporters_json_round_trip_is_lossless(name):
    amap = FIXED[name]()
    text = export(amap, "json")
    assert ArgumentMap.from_json(text) == amap
    validate(json.loads(text), "argmap-1")


@SLOW_OK
@given(maps())
def test_exporters_json_round_trip_property(amap):
    text = export(amap, "json")
    assert ArgumentMap.from_json(text) == amap
    validate(json.loads(text), "argmap-1")


def test_exporters_json_schema_enums_match_the_model():
    defs = load_schema("argmap-1")["$defs"]
    assert tuple(defs["unit"]["properties"]["kind"]["enum"]) == model.UNIT_KINDS
    assert tuple(defs["evidence"]["properties"]["kind"]["enum"]) == model.EVIDENCE_KINDS
    assert tuple(defs["relation"]["properties"]["label"]["enum"]) == model.RELATION_LABELS
    assert tuple(defs["claim"]["properties"]["status"]["enum"]) == model.STATUSES
    parent = defs["comment"]["properties"]["parent"]["oneOf"][1]
    assert tuple(parent["properties"]["source"]["enum"]) == model.PARENT_SOURCES


def test_exporters_json_schema_rejects_a_broken_document():
    import jsonschema

    doc = small_map().to_dict()
    doc["units"][0]["kind"] = "rant"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "argmap-1")


# --- AIF ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXED)
def test_exporters_aif_validates_and_is_well_formed(name):
    amap = FIXED[name]()
    doc = json.loads(export(amap, "aif"))
    validate(doc, "aif")
    assert aif_problems(doc) == []
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("RA") == sum(r.label == "support" for r in amap.relations)
    assert types.count("CA") == sum(r.label == "attack" for r in amap.relations)
    assert types.count("I") == len(propositions(amap)) == types.count("L")
    anchored = [n for n in doc["nodes"] if n["type"] == "YA" and n["text"] in ("Arguing", "Disagreeing")]
    assert types.count("YA") == types.count("L") + len(anchored)
    assert len(anchored) == 2  # c1:0 attacks the article, c2:0 attacks c1:0: both answer the parent
    assert types.count("TA") == len(amap.thread.comments) - 1
    texts = {n["text"] for n in doc["nodes"] if n["type"] == "I"}
    assert texts == {p.text for p in propositions(amap)}  # JSON keeps hostile text exactly


def test_exporters_aif_questions_are_pure_questioning():
    doc = to_aif_dict(small_map())
    question = next(n for n in doc["nodes"] if n["type"] == "I" and n["text"].startswith("Why not"))
    ya = next(e["fromID"] for e in doc["edges"] if e["toID"] == question["nodeID"])
    node = next(n for n in doc["nodes"] if n["nodeID"] == ya)
    assert (node["text"], node["scheme"], node["schemeID"]) == ("Pure Questioning", "PureQuestioning", "91")


def test_exporters_aif_without_units_uses_comments():
    amap = ArgumentMap(thread=small_map().thread)
    doc = to_aif_dict(amap)
    validate(doc, "aif")
    assert aif_problems(doc) == []
    assert sum(n["type"] == "I" for n in doc["nodes"]) == len(amap.thread.comments)


@SLOW_OK
@given(maps())
def test_exporters_aif_property(amap):
    doc = json.loads(export(amap, "aif"))
    validate(doc, "aif")
    assert aif_problems(doc) == []


# --- GraphML -----------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXED)
def test_exporters_graphml_reads_back_with_networkx(name):
    from argmap.graph import to_graph

    amap = FIXED[name]()
    g = read_graphml(to_graphml(amap))
    typed = to_graph(amap)
    assert g.number_of_nodes() == typed.number_of_nodes()
    assert g.number_of_edges() == typed.number_of_edges()
    types = [d["type"] for _, _, d in g.edges(data=True)]
    assert types.count("support") + types.count("attack") == len(amap.relations)
    assert types.count("reply") == len(amap.thread.comments) - 1
    assert types.count("contains") == len(amap.units)
    for c in amap.thread.comments:
        assert g.nodes[xml_id(c.id)]["text"] == xml_safe(c.text)
        assert g.nodes[xml_id(c.id)]["author"] == xml_safe(c.author)
    assert g.graph["title"] == xml_safe(amap.thread.title)
    statuses = {s.unit_id: s.status for s in amap.statuses}
    assert {n: d["status"] for n, d in g.nodes(data=True) if "status" in d} == statuses


def test_exporters_graphml_carries_source_reviews():
    from argmap.corrections import Correction, apply

    fixed, _ = apply(small_map(), [Correction("source", "New York Times", "unreliable", "mod", "paywalled",
                                              "2025-01-01T00:00:00Z")])
    g = read_graphml(to_graphml(fixed))
    [source] = [d for _, d in g.nodes(data=True) if d.get("review")]
    assert source["review"] == "unreliable" and "paywalled" in source["review_why"]


@SLOW_OK
@given(maps())
def test_exporters_graphml_property(amap):
    g = read_graphml(to_graphml(amap))
    assert {xml_id(c.id) for c in amap.thread.comments} | {xml_id(u.id) for u in amap.units} <= set(g.nodes)
    for u in amap.units:
        assert g.nodes[xml_id(u.id)]["text"] == xml_safe(u.text)


# --- Argdown -----------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXED)
def test_exporters_argdown_parses_back(name):
    amap = FIXED[name]()
    text = to_argdown(amap)
    statements, relations = read_argdown(text)
    props = propositions(amap)
    assert sorted(statements.values()) == sorted(re.sub("[\u202a-\u202e\u2066-\u2069]", "", one_line(p.text))
                                                 for p in props)
    assert len(relations) == len(amap.relations)
    assert sorted(label for _, label, _ in relations) == sorted(r.label for r in amap.relations)


def test_exporters_argdown_hostile_text_is_escaped():
    text = to_argdown(hostile_map())
    for line in text.split("\n")[1:]:
        if "]: " not in line:
            continue
        body = line.split("]: ", 1)[1]
        assert not re.search(r"(?<!\\)[\[\]<>#@*_{}/](?![^ ]*\))", body.split(" #(")[0]), line
        assert not re.search("[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]", line)


@SLOW_OK
@given(maps())
def test_exporters_argdown_property(amap):
    statements, relations = read_argdown(to_argdown(amap))
    assert len(statements) == len(propositions(amap))
    named = set(statements)
    assert all(src in named and dst in named for src, _, dst in relations)


# --- HTML --------------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXED)
def test_exporters_html_is_inert_and_complete(name):
    amap = FIXED[name]()
    page = to_html(amap)
    a = assert_inert(page)
    shown = "".join(a.text)
    for c in amap.thread.comments:
        assert one_line(c.text[:20].replace("\u200b", "")).split()[0].strip("<\"'\x00") in shown
    for claim in amap.claims():
        assert any(s.unit_id == claim.id for s in amap.statuses) or "not assessed" in shown
    assert "rebutted-with-source" in shown and "New York Times" in shown


def test_exporters_html_escapes_hostile_text():
    page = to_html(hostile_map())
    assert "<script" not in page.lower()
    assert "javascript:" not in re.findall(r'href="([^"]*)"', page)[0] if 'href="' in page else True
    assert not any(h.startswith("javascript") for h in re.findall(r'href="([^"]*)"', page))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\u202e]", page)
    shown = "".join(audit_html(page).text)
    assert '<script>alert("x")</script>' in shown  # shown as text, not run


def test_exporters_html_has_a_print_stylesheet_and_corrections():
    from argmap.corrections import Correction, apply

    fixed, _ = apply(small_map(), [Correction("stance", "c3", "attack", "mod", "typo", "2025-01-02T00:00:00Z"),
                                   Correction("unit-kind", "gone:0", "claim", "mod", "", "2025-01-02T00:00:00Z")])
    page = to_html(fixed)
    assert "@media print" in page
    shown = "".join(audit_html(page).text)
    assert "Human corrections" in shown and "corrected by mod on 2025-01-02: typo" in shown
    assert "Not applied" in shown and "gone:0" in shown


@SLOW_OK
@given(maps())
def test_exporters_html_property(amap):
    page = to_html(amap)
    assert_inert(page)
    assert page.count('<li class="d') == len(amap.thread.comments)


def test_exporters_hostile_text_constant_is_hostile():
    assert "<script>" in HOSTILE and "\x00" in HOSTILE and "\u202e" in HOSTILE and "&" in HOSTILE
