"""The Map tab: the argument graph (streamlit-cytoscape), its legend, and the detail panel."""

from __future__ import annotations

import streamlit as st
from streamlit_cytoscape import Event, streamlit_cytoscape

from argmap import cytoscape as cyto
from argmap.corrections import corrected
from argmap.model import ArgumentMap
from argmap.safetext import clean, shorten

from .common import BADGE, evidence_chip, marker, md, reviews, speaker, who
from .review import show_correction_error, source_corrections, unit_corrections

MAP_NODES = 300  # nodes drawn at most; beyond that a force layout stops being readable


def map_tab(amap: ArgumentMap, keep: cyto.MapFilter, key: str) -> None:
    view = cyto.build_view(amap, keep, max_nodes=MAP_NODES)
    graph_col, detail_col = st.columns([5, 3], gap="medium")
    with graph_col:
        if not view.node_count:
            st.info("No claims to draw: the analysis found none, or the filters hide them all.")
            clicked = None
        else:
            clicked = streamlit_cytoscape(
                view.elements, layout=cyto.layout(view.node_count), node_styles=cyto.style_rules(),
                height=680, key=f"map-{key}-{abs(hash(keep))}", events=[Event("pick", "tap", "node")])
            more = (f" The most argued-over claims are drawn; {view.hidden} more are in the Claims tab "
                    "(filters narrow the map)." if view.hidden else "")
            st.caption(f"{view.node_count} nodes, {view.edge_count} links. Click a node for details; "
                       f"scroll to zoom, drag to pan.{more}")
        legend_view()
    if clicked and clicked.get("timestamp") != st.session_state.get("map_ts"):
        st.session_state["map_ts"] = clicked.get("timestamp")
        ref = view.ref.get(str((clicked.get("data") or {}).get("target_id")))
        if ref:
            st.session_state["picked"] = ref
    with detail_col:
        detail_panel(amap, keep)


def legend_view() -> None:
    """The legend, compact: one line for claim colours, one for links and other nodes."""
    items = cyto.legend()
    swatch = {"circle": "●", "diamond": "◆", "box": "■", "solid": "━━▶", "dashed": "╍╍┫", "dotted": "┈┈"}
    claims = [e for e in items if e.name.startswith("claim: ")]
    rest = [e for e in items if not e.name.startswith("claim: ")]
    line = " &nbsp; ".join
    st.markdown("**Claims:** " + line(f":{_css_name(e.colour)}[{swatch[e.style]}] {e.name[7:]}" for e in claims),
                help="\n".join(f"- **{e.name[7:]}**: {e.meaning}" for e in claims))
    st.markdown("**Links and other nodes:** " + line(f":{_css_name(e.colour)}[{swatch[e.style]}] {e.name}"
                                                     for e in rest),
                help="\n".join(f"- **{e.name}**: {e.meaning}" for e in rest))


def _css_name(colour: str) -> str:
    """The nearest Streamlit Markdown colour for a legend swatch."""
    table = {"#1b9e77": "green", "#7570b3": "violet", "#d95f02": "orange", "#e6ab02": "yellow",
             "#9e9e9e": "gray", "#2e7d32": "green", "#c62828": "red", "#8d6e63": "gray",
             "#5d4037": "gray", "#90caf9": "blue", "#a1887f": "orange", "#ce93d8": "violet",
             "#e0e0e0": "gray"}
    return table.get(colour, "gray")


def detail_panel(amap: ArgumentMap, keep: cyto.MapFilter) -> None:
    claims = cyto.visible_claims(amap, keep)
    picked = st.session_state.get("picked")
    options = [u.id for u in claims]
    if picked and picked[0] == "unit" and picked[1] not in options and any(u.id == picked[1] for u in amap.units):
        options.insert(0, picked[1])
    st.session_state["pick_box"] = picked[1] if picked and picked[0] == "unit" and picked[1] in options else None
    texts = {u.id: u.text for u in amap.units}
    st.selectbox("Claim", options, key="pick_box", placeholder="Click a node, or choose a claim",
                 format_func=lambda uid: shorten(clean(texts.get(uid, uid)), 90), on_change=_on_pick)
    with st.container(border=True, key="detail"):
        show_correction_error()
        if not picked:
            st.markdown("**Details**  \nClick a claim in the map to see its text, its author, why it has its "
                        "status and what supports and attacks it.")
        elif picked[0] == "unit":
            unit_detail(amap, picked[1])
        elif picked[0] == "source":
            source_detail(amap, picked[1])
        else:
            comment_detail(amap, picked[1])


def _on_pick() -> None:
    uid = st.session_state.get("pick_box")
    st.session_state["picked"] = ("unit", uid) if uid else None


def _relation_key(r) -> tuple[str, str]:
    return "relation", f"{r.source}->{r.target}"


def unit_detail(amap: ArgumentMap, unit_id: str) -> None:
    try:
        d = cyto.claim_detail(amap, unit_id)
    except KeyError:
        st.info("That claim is not in this analysis any more.")
        return
    status = d.status.status if d.status else ""
    fixed = corrected(amap)
    kind = "Claim" if d.unit.kind == "claim" and not d.unit.quoted else d.unit.kind.capitalize()
    st.markdown(f"#### {BADGE.get(status, '')} {kind}" + (f" · `{status}`" if status else ""))
    st.markdown(f"{speaker(d.comment)} · confidence {d.unit.confidence:.2f}{marker(('unit-kind', d.unit.id) in fixed)}")
    st.markdown(md(d.unit.text))
    if d.status:
        st.markdown(f"**Why {status}:** {md(d.status.why)}")
    elif d.unit.why:
        st.caption(f"Why a {d.unit.kind}: {md(d.unit.why)}")
    for e in d.evidence:
        evidence_chip(e, reviews(amap))
    for title, links in (("Supported by", d.supported_by), ("Attacked by", d.attacked_by),
                         ("Supports", d.supports), ("Attacks", d.attacks)):
        if links:
            st.markdown(f"**{title}** ({len(links)})")
            for link in links:
                text = link.unit.text if link.unit else link.comment.text
                st.markdown(f"- {speaker(link.comment)}: {md(shorten(text, 200))}  \n"
                            f"  :gray[{md(link.relation.why)} · confidence {link.relation.confidence:.2f}]"
                            f"{marker(_relation_key(link.relation) in fixed)}")
    if d.stance:
        st.caption(f"Comment's stance to its parent: {d.stance.label} ({d.stance.confidence:.2f}, "
                   f"{md(d.stance.why)}){marker(('stance', d.comment.id) in fixed)}")
    with st.expander("✏️ Correct this"):
        unit_corrections(amap, d)


def source_detail(amap: ArgumentMap, key: str) -> None:
    uses = cyto.source_users(amap, key)
    if not uses:
        st.info("That source is not in this analysis any more.")
        return
    st.markdown(f"#### ◆ Source · `{uses[0].kind}`")
    evidence_chip(uses[0], reviews(amap))
    units = amap.units_by_id
    st.markdown(f"**Cited by {len(uses)} unit(s)**")
    for e in uses:
        c = amap.thread.get(e.comment_id)
        text = units[e.unit_id].text if e.unit_id in units else e.text
        st.markdown(f"- {speaker(c)}: {md(shorten(text, 200))}")
    with st.expander("✏️ Verify this source"):
        source_corrections(uses[0].source, reviews(amap))


def comment_detail(amap: ArgumentMap, comment_id: str) -> None:
    if comment_id not in amap.thread:
        st.info("That comment is not in this analysis any more.")
        return
    c = amap.thread.get(comment_id)
    st.markdown(f"#### Comment #{c.index} by {who(c.author)}")
    st.markdown(md(shorten(c.text, 2000)))
