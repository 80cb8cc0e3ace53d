"""The Map tab: the debate as cards under its thesis, the legend beside it, one detail panel.

The tree itself comes from :mod:`argmap.debate` (pure); this module only draws it with
Streamlit's own elements (bordered containers, Markdown badges with Material icons,
buttons), so every string from the thread goes through the escaping helpers and a click
on a card is an ordinary button.
"""

from __future__ import annotations

import streamlit as st

from argmap import cytoscape as cyto
from argmap import debate as deb
from argmap.corrections import corrected
from argmap.model import ArgumentMap
from argmap.safetext import clean, shorten
from argmap.settings import DEFAULT

from .common import (
    CLAIM_HELP,
    RELATION_LOOK,
    STATUS_LOOK,
    STATUS_MEANING,
    badge,
    evidence_chip,
    marker,
    md,
    relation_tag,
    reviews,
    speaker,
    who,
)
from .review import show_correction_error, source_corrections, unit_corrections

FIRST = 6       # cards drawn first: the most argued-over (plus their path to the thesis), about what the
PER_SIDE = 2    # map's box shows, and the first top-level cards of each side; more cost a new visitor's
                # browser time (a card is ~40 page elements) for cards below the fold
MORE = 15       # "show more" adds this many
PICK_OPTIONS = 300  # claims listed in the detail panel's chooser
MAP_HEIGHT = 520  # the map scrolls inside this box, so the legend and the panel stay in view
SIDE_TITLES = {"for": ":material/thumb_up: **For the thesis**", "against": ":material/thumb_down: **Against it**",
               "neutral": ":material/more_horiz: **No clear side**"}


@st.cache_resource(show_spinner=False, max_entries=48)  # one shared tree, not a copy per rerun
def debate_for(key: str, keep: cyto.MapFilter, _amap: ArgumentMap) -> deb.Debate:
    """The debate tree for one analysis (``key``) and filter."""
    return deb.build_debate(_amap, keep)


def map_tab(amap: ArgumentMap, keep: cyto.MapFilter, key: str) -> None:
    d = debate_for(key, keep, amap)
    ss = st.session_state
    if ss.get("map_for") != key:
        ss.update(map_for=key, map_limit=FIRST, map_open=[])
    order = {u.id: i for i, u in enumerate(amap.units)}
    visible = deb.shown(d, ss["map_limit"], frozenset(ss["map_open"]), per_side=PER_SIDE)
    rows = deb.outline(d, visible)
    map_col, side_col = st.columns([7, 3], gap="medium")
    with map_col:
        thesis(amap)
        if not d.cards:
            st.info("No claims to draw: the analysis found none, or the filters hide them all.")
        with st.container(height=MAP_HEIGHT, key="map-area", border=False):
            cols = st.columns(2, gap="small")
            for col, side in zip(cols, ("for", "against"), strict=True):
                with col:
                    column(side, d, rows[side], order)
            if rows["neutral"]:
                column("neutral", d, rows["neutral"], order)
        left = len(d.cards) - len(visible)
        foot = st.columns([3, 2])
        foot[0].caption(f"{len(visible)} of {len(d.cards)} claims drawn, the most argued-over first; "
                        "every claim is in the Claims tab. Open shows a claim's details, sources, supporters "
                        "and attackers beside the map.")
        if left > 0:
            foot[1].button(f"Show {min(MORE, left)} more claims", icon=":material/unfold_more:", key="map_more",
                           on_click=_more, width="stretch")
    with side_col:
        legend_view()
        detail_panel(amap, d, order)


def _more() -> None:
    st.session_state["map_limit"] = st.session_state.get("map_limit", FIRST) + MORE


def _toggle(uid: str) -> None:
    opened = list(st.session_state.get("map_open") or [])
    st.session_state["map_open"] = [u for u in opened if u != uid] if uid in opened else [*opened, uid]


def _pick(uid: str) -> None:
    st.session_state["picked"] = ("unit", uid)


def thesis(amap: ArgumentMap) -> None:
    root = amap.thread.root
    with st.container(border=True, key="thesis"):
        by = f" · by {who(root.author)}" if root.author.strip() else ""
        st.markdown(f":material/flag: **Thesis** (the article{by}): {md(shorten(amap.thread.title, 200))}")


def column(side: str, d: deb.Debate, rows: list[tuple[deb.Card, int, int]], order: dict[str, int]) -> None:
    st.markdown(f"{SIDE_TITLES[side]} · {len(d.top.get(side, ()))} sub-threads")
    if not rows:
        st.caption("No claim on this side.")
    for c, depth, hidden in rows:
        card(c, depth, hidden, f"u{order.get(c.unit_id, 0)}")


def card(c: deb.Card, depth: int, hidden: int, key: str) -> None:
    """One claim: what it answers and how, its status badge, who said it, the words (shortened),
    its sources as chips; Open shows it in the panel, the fold button its hidden replies."""
    indent = min(depth, 4)
    holder = st.columns([indent, 24 - indent], gap=None)[1] if indent else st
    picked = st.session_state.get("picked")
    with holder.container(border=True, key=f"card-{key}", gap="xxsmall"):
        head = f"{relation_tag(c.relation)} " if c.parent else ""
        place = f"#{c.comment_index}" if c.comment_index else "the article"
        author = f"**{who(c.author)}** " if c.author.strip() else ""
        chips = " ".join(f":orange-badge[:material/attach_file: {md(shorten(s, 30))}]" for s in c.sources[:3])
        more = f" :gray[+{len(c.sources) - 3}]" if len(c.sources) > 3 else ""
        row = st.container(horizontal=True, gap="small", vertical_alignment="top", wrap=False)
        row.markdown(f":small[{head}{badge(c.status)} {author}:gray[{place}]]  \n"
                     f"{md(shorten(c.text, 130))}" + (f"  \n{chips}{more}" if chips else ""), width="stretch")
        chosen = bool(picked and picked == ("unit", c.unit_id))
        # no tooltip (help=): a tooltip doubles the button in the page, and there are dozens of cards;
        # the caption under the map says what Open does
        row.button("Open", icon=":material/open_in_new:", key=f"open-{key}", type="tertiary",
                   on_click=_pick, args=(c.unit_id,), disabled=chosen)
        opened = c.unit_id in (st.session_state.get("map_open") or [])
        if hidden or opened:
            st.button(f"{hidden} more {'reply' if hidden == 1 else 'replies'}" if hidden else "Fold replies",
                       icon=":material/expand_more:" if hidden else ":material/expand_less:",
                       key=f"fold-{key}", type="tertiary", on_click=_toggle, args=(c.unit_id,))


def legend_view() -> None:
    """The legend: every status (icon, colour, words), the links and the chips; meanings on hover."""
    with st.container(border=True, key="legend"):
        lines = [badge(s) for s in STATUS_LOOK if s]
        links = " ".join(f":{c}[{i} {w}]" for c, i, w in RELATION_LOOK.values())
        meanings = "\n".join(f"- **{STATUS_LOOK[s][2]}**: {STATUS_MEANING[s]}" for s in STATUS_LOOK if s)
        st.markdown("**Legend**  \n" + "  \n".join(lines) + f"  \n:small[{links}]  \n"
                    ":orange-badge[:material/attach_file: a cited source]",
                    help=f"{meanings}\n\n{CLAIM_HELP}")



def detail_panel(amap: ArgumentMap, d: deb.Debate, order: dict[str, int]) -> None:
    """The claim chooser and the one detail panel. The chooser lists the :data:`PICK_OPTIONS` most
    argued-over claims the filters keep, in page order (every option is sent to the browser on each
    run: a 1,000-comment thread has thousands of claims; all of them are in the Claims tab)."""
    ranked = sorted(d.cards.values(), key=lambda c: (-c.score, c.comment_index))[:PICK_OPTIONS]
    options = sorted((c.unit_id for c in ranked), key=lambda uid: order.get(uid, 0))
    picked = st.session_state.get("picked")
    units = amap.units_by_id
    if picked and picked[0] == "unit" and picked[1] not in options and picked[1] in units:
        options.insert(0, picked[1])
    st.session_state["pick_box"] = picked[1] if picked and picked[0] == "unit" and picked[1] in options else None
    st.selectbox("Claim", options, key="pick_box", placeholder="Open a card, or choose a claim",
                 format_func=lambda uid: shorten(clean(units[uid].text if uid in units else uid), 90),
                 on_change=_on_pick)
    with st.container(border=True, key="detail"):
        show_correction_error()
        if not picked:
            st.markdown("**Details**  \nOpen a card on the map to see its full text, its author, why it has "
                        "its status, its sources and what supports and attacks it.")
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
    kind = "Claim" if d.status or (d.unit.kind == "claim" and not d.unit.quoted) else d.unit.kind.capitalize()
    st.markdown(f"**{kind}** {badge(status) if d.status else ''}")
    st.markdown(f"{speaker(d.comment)} · confidence {d.unit.confidence:.2f}{marker(('unit-kind', d.unit.id) in fixed)}")
    st.markdown(md(d.unit.text))
    if d.status:
        st.markdown(f"**Why {status}:** {md(d.status.why)}")
    elif d.unit.why:
        st.caption(f"Why a {d.unit.kind}: {md(d.unit.why)}")
    cited = [e for e in d.evidence if e.confidence >= DEFAULT.min_evidence_confidence]
    for e in cited:
        evidence_chip(e, reviews(amap))
    weak = [e for e in d.evidence if e not in cited]
    if weak:
        st.caption("Mentioned, too weakly to count as a citation: "
                   + "; ".join(md(shorten(e.source or e.text, 60)) for e in weak))
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
    with st.expander("Correct this", icon=":material/edit:"):
        unit_corrections(amap, d)


def source_detail(amap: ArgumentMap, key: str) -> None:
    uses = cyto.source_users(amap, key)
    if not uses:
        st.info("That source is not in this analysis any more.")
        return
    st.markdown(f"**:material/attach_file: Source** · `{uses[0].kind}`")
    evidence_chip(uses[0], reviews(amap))
    units = amap.units_by_id
    st.markdown(f"**Cited by {len(uses)} unit(s)**")
    for e in uses:
        c = amap.thread.get(e.comment_id)
        text = units[e.unit_id].text if e.unit_id in units else e.text
        st.markdown(f"- {speaker(c)}: {md(shorten(text, 200))}")
    with st.expander("Verify this source", icon=":material/fact_check:"):
        source_corrections(uses[0].source, reviews(amap))


def comment_detail(amap: ArgumentMap, comment_id: str) -> None:
    if comment_id not in amap.thread:
        st.info("That comment is not in this analysis any more.")
        return
    c = amap.thread.get(comment_id)
    st.markdown(f"**Comment #{c.index}** by {who(c.author)}")
    st.markdown(md(shorten(c.text, 2000)))
