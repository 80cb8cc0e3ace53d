"""argmap.cytoscape: elements, filters, stylesheet and legend on hand-built maps."""

from __future__ import annotations

import json

import pytest

from argmap.cytoscape import (
    EDGE_STYLE,
    STATUS_STYLE,
    MapFilter,
    build_view,
    layout,
    legend,
    stylesheet,
    visible_claims,
)
from argmap.model import (
    ArgumentMap,
    ClaimStatus,
    Comment,
    CommentLabels,
    Evidence,
    Judgement,
    Relation,
    Thread,
    Unit,
)

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def _unit(cid: str, text: str, kind: str = "claim", conf: float = 0.9) -> Unit:
    return Unit(Unit.make_id(cid, 0), cid, 0, len(text), text, kind, conf, "test")


@pytest.fixture
def amap() -> ArgumentMap:
    comments = (
        Comment("root", "", "The article.", None, 0),
        Comment("c1", "ann", "Trolls swayed nobody.", "root", 1),
        Comment("c2", "bob", "They did sway people.", "c1", 2),
        Comment("c3", HOSTILE, HOSTILE + " [x](javascript:alert(1))", "c1", 3),
        Comment("c4", "ann", "The study says so, see https://example.org/s", "c2", 4),
    )
    units = (
        _unit("c1", comments[1].text), _unit("c2", comments[2].text, conf=0.4),
        _unit("c3", comments[3].text), _unit("c4", comments[4].text, kind="premise"),
    )
    return ArgumentMap(
        thread=Thread("t", "T", "generic", comments),
        units=units,
        evidence=(
            Evidence("e1", "c4:0", "c4", "link", "https://example.org/s", "https://example.org/s",
                     29, 50, 0.9, "a URL", url="https://example.org/s"),
            Evidence("e2", "c1:0", "c1", "link", "data:text/html,x", "data:text/html,x",
                     0, 5, 0.8, "a URL", url="data:text/html,x"),
        ),
        relations=(
            Relation("c2:0", "c1:0", "attack", 0.8, "contradicts 'swayed nobody'"),
            Relation("c4:0", "c1:0", "support", 0.3, "agrees"),
            Relation("c3:0", "c1:0", "attack", 0.6, HOSTILE),
        ),
        comment_labels=(
            CommentLabels("c2", stance=Judgement("attack", 0.8, "disagrees")),
            CommentLabels("c4", stance=Judgement("support", 0.7, "agrees")),
        ),
        statuses=(
            ClaimStatus("c1:0", "sourced-and-contested", "cites a link; attacked by #2"),
            ClaimStatus("c2:0", "unsourced", "no source"),
            ClaimStatus("c3:0", "unsourced", "no source"),
        ),
    )


def _types(view) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in view.elements["nodes"]:
        out[n["data"]["_type"]] = out.get(n["data"]["_type"], 0) + 1
    return out


def test_cytoscape_claims_are_nodes_coloured_by_status(amap):
    view = build_view(amap)
    claims = [n["data"] for n in view.elements["nodes"] if n["data"]["_type"] == "claim"]
    assert {c["_status"] for c in claims} == {"sourced-and-contested", "unsourced"}
    selectors = " ".join(r["selector"] for r in stylesheet())
    for status in STATUS_STYLE:
        assert f'[_status = "{status}"]' in selectors


def test_cytoscape_support_and_attack_edges_are_distinct(amap):
    view = build_view(amap)
    labels = {e["data"]["label"] for e in view.elements["edges"]}
    assert {"support", "attack", "cites"} <= labels
    styles = {r["selector"]: r["style"] for r in stylesheet()}
    sup, att = styles['edge[label = "support"]'], styles['edge[label = "attack"]']
    assert sup["line-color"] != att["line-color"] and sup["line-style"] != att["line-style"]


def test_cytoscape_sources_attach_to_the_unit_they_back(amap):
    view = build_view(amap)
    by_id = {n["data"]["id"]: n["data"] for n in view.elements["nodes"]}
    cites = [e["data"] for e in view.elements["edges"] if e["data"]["label"] == "cites"]
    assert len(cites) == 2
    for edge in cites:
        assert by_id[edge["source"]]["_type"] == "source"
        assert view.ref[edge["target"]][0] == "unit"


def test_cytoscape_escapes_every_thread_string(amap):
    dumped = json.dumps(build_view(amap).elements)
    assert "<script" not in dumped and "<img" not in dumped and "<" not in dumped
    assert "&lt;script&gt;" in dumped


def test_cytoscape_ids_are_opaque_and_map_back(amap):
    view = build_view(amap)
    for node in view.elements["nodes"]:
        nid = node["data"]["id"]
        assert nid[0] in "ucs" and nid[1:].isdigit()
        assert nid in view.ref
    assert {key for kind, key in view.ref.values() if kind == "unit"} >= {"c1:0", "c2:0", "c3:0"}


def test_cytoscape_status_filter_hides_other_claims(amap):
    view = build_view(amap, MapFilter(statuses=("unsourced",)))
    claim_refs = {view.ref[n["data"]["id"]][1] for n in view.elements["nodes"]
                  if n["data"]["_type"] == "claim"}
    # c1 still appears, as the target of relations from shown claims, but c2 and c3 are the kept ones
    assert {"c2:0", "c3:0"} <= claim_refs
    assert [u.id for u in visible_claims(amap, MapFilter(statuses=("unsourced",)))] == ["c2:0", "c3:0"]


def test_cytoscape_author_stance_and_confidence_filters(amap):
    assert [u.id for u in visible_claims(amap, MapFilter(authors=("bob",)))] == ["c2:0"]
    assert [u.id for u in visible_claims(amap, MapFilter(stances=("attack",)))] == ["c2:0"]
    assert [u.id for u in visible_claims(amap, MapFilter(stances=("none",)))] == ["c1:0", "c3:0"]
    assert "c2:0" not in [u.id for u in visible_claims(amap, MapFilter(min_confidence=0.5))]


def test_cytoscape_min_confidence_drops_weak_relations(amap):
    weak = build_view(amap, MapFilter(min_confidence=0.5))
    assert "support" not in {e["data"]["label"] for e in weak.elements["edges"]}
    assert MapFilter(min_confidence=0.5).active and not MapFilter().active


def test_cytoscape_empty_map_gives_empty_elements():
    t = Thread("t", "T", "generic", (Comment("root", "", "x", None, 0),))
    view = build_view(ArgumentMap(thread=t))
    assert view.node_count == 0 and view.edge_count == 0


def test_cytoscape_same_source_is_one_node(amap):
    extra = Evidence("e3", "c2:0", "c2", "link", "https://example.org/s", "https://example.org/s",
                     0, 5, 0.9, "a URL", url="https://example.org/s")
    from dataclasses import replace
    view = build_view(replace(amap, evidence=amap.evidence + (extra,)))
    assert _types(view)["source"] == 2  # example.org shared by c4 and c2, plus the data: URL


def test_cytoscape_legend_covers_statuses_and_edges():
    names = {e.name for e in legend()}
    assert {f"claim: {s}" for s in STATUS_STYLE} <= names
    assert set(EDGE_STYLE) <= names
    assert all(e.colour.startswith("#") and e.meaning for e in legend())


def test_cytoscape_layout_scales_down_work_for_big_maps():
    small, big = layout(50), layout(600)
    assert small["name"] == big["name"] == "fcose"
    assert not small["animate"] and not big["animate"]
    assert big["numIter"] < small["numIter"]


def test_cytoscape_node_budget_keeps_the_most_argued_claims(amap):
    from dataclasses import replace

    lone = Comment("c5", "dan", "Dogs rule.", "root", 5)
    bigger = replace(amap, thread=replace(amap.thread, comments=amap.thread.comments + (lone,)),
                     units=amap.units + (_unit("c5", lone.text),))
    everything = build_view(bigger)
    assert everything.hidden == 0 and everything.node_count == 7
    view = build_view(bigger, max_nodes=6)
    claims = {view.ref[n["data"]["id"]][1] for n in view.elements["nodes"] if n["data"]["_type"] == "claim"}
    assert "c1:0" in claims and "c5:0" not in claims  # the argued-over claim first; the lone one left out
    assert view.node_count == 6 and view.hidden == 1
    assert {"c2:0", "c3:0"} <= claims  # already drawn as context, so free


def test_status_looks_are_defined_once_and_every_view_reads_them():
    """argmap.look is the one table: the graph's styles and the app's badges, colours and glyphs agree with it."""
    import sys
    from pathlib import Path

    from argmap.look import NO_STATUS, STATUS_LOOKS
    from argmap.model import STATUSES

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from app_views.common import BADGE, STATUS_HEX, STATUS_LOOK, STATUS_MEANING

    assert set(STATUS_LOOKS) == set(STATUSES)
    for s, look in STATUS_LOOKS.items():
        assert STATUS_STYLE[s] == (look.hex, look.meaning)
        assert STATUS_LOOK[s] == (look.colour, f":material/{look.icon}:", look.words)
        assert (STATUS_HEX[s], BADGE[s], STATUS_MEANING[s]) == (look.hex, look.glyph, look.meaning)
    assert STATUS_HEX[""] == NO_STATUS.hex and BADGE[""] == NO_STATUS.glyph
    assert len({look.icon for look in STATUS_LOOKS.values()}) == len(STATUS_LOOKS), "an icon per status"
    assert len({look.glyph for look in STATUS_LOOKS.values()}) == len(STATUS_LOOKS), "a glyph per status"
    source = (Path(__file__).resolve().parent.parent / "argmap" / "look.py").read_text(encoding="utf-8")
    assert "import streamlit" not in source and "from streamlit" not in source, "the library never imports streamlit"
