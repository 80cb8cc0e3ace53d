"""argmap in the browser: ``streamlit run app.py``.

A thin view over the library. It picks a thread (bundled sample, upload or paste),
calls :func:`argmap.analyze` once per input (models cached per server, analyses per
input bytes and format), and draws what :mod:`argmap.cytoscape` and
:mod:`argmap.summaries` compute. No NLP, graph or table logic lives here.

Thread text, author names and URLs are untrusted: they are shown only as escaped
Markdown or table cells (never ``unsafe_allow_html``), graph labels are escaped in
:mod:`argmap.cytoscape`, and only plain http(s) links are ever clickable
(:func:`argmap.safetext.safe_url`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_cytoscape import Event, streamlit_cytoscape

import argmap
from argmap import cytoscape as cyto
from argmap import summaries
from argmap.errors import ArgmapError, ThreadFormatError
from argmap.model import STANCES, STATUSES, UNIT_KINDS, ArgumentMap
from argmap.resources import load_encoder, load_nlp
from argmap.safetext import clean, escape_inline, escape_markdown, markdown_url, safe_url, shorten
from argmap.store import Store, thread_key

LOG = logging.getLogger("argmap.app")
ROOT = Path(__file__).resolve().parent
THREADS = ROOT / "threads"
SEED = "russian-trolls-study.txt"
STEP_LABELS = {
    "segment": "splitting comments into argumentative units",
    "embed": "embedding sentences",
    "reconstruct": "rebuilding the reply tree",
    "classify": "telling claims from premises and questions",
    "evidence": "finding cited sources",
    "stance": "judging agreement and disagreement",
    "relations": "linking support and attack",
    "status": "deciding each claim's sourced-support status",
}
BADGE = {"sourced": "🟢", "sourced-and-contested": "🟣", "rebutted-with-source": "🟠",
         "contested": "🟡", "unsourced": "⚪", "": "▫️"}
MAP_LIMIT = 300  # claims drawn at most; beyond that a force layout stops being readable
UNSOURCED = ("unsourced", "contested", "rebutted-with-source")
KIND_COLOUR = {"claim": "blue", "premise": "green", "evidence": "orange", "question": "violet", "other": "gray"}


def md(text: str | None) -> str:
    """Thread text as inert Markdown."""
    return escape_markdown(text)


def speaker(c: Any) -> str:
    """Who said it and where: "by **ann** in comment #4", or "in the article"."""
    if c.parent_id is None:
        return "in the article" + (f" by **{who(c.author)}**" if c.author.strip() else "")
    return f"by **{who(c.author)}** in comment #{c.index}"


def who(author: str | None) -> str:
    """An author name, escaped, or "(anonymous)"."""
    return md(shorten(author or "", 60)) if (author or "").strip() else "_\\(anonymous\\)_"


# --------------------------------------------------------------------------- loading
@st.cache_resource(show_spinner=False)
def models() -> tuple[Any, Any]:
    """spaCy and MiniLM, loaded once per server process."""
    return load_nlp(), load_encoder()


@st.cache_data(show_spinner=False, max_entries=24)
def analysed(data: bytes, fmt: str, source: str) -> ArgumentMap:
    """The map for these input bytes and format.

    Progress (named steps) goes to a placeholder made here, which ends empty, so a
    cache hit replays nothing visible.
    """
    slot = st.empty()
    try:
        slot.progress(0.0, text="Reading the thread…")
        thread = argmap.parse_thread(data, fmt, source=source)
        slot.progress(0.0, text=f"Read {len(thread.comments) - 1} comments. "
                                "Loading the language models (once per server, about a minute)…")
        nlp, encoder = models()

        def step(name: str, i: int, n: int) -> None:
            slot.progress(i / n, text=f"Step {i + 1} of {n}: {STEP_LABELS.get(name, name)}…")

        amap = argmap.analyze(thread, nlp=nlp, encoder=encoder, progress=step)
    finally:
        slot.empty()
    return replace(amap, vectors=None)


def samples() -> list[str]:
    """Bundled sample threads (every file in threads/ but its README)."""
    return sorted(p.name for p in THREADS.iterdir() if p.is_file() and not p.name.lower().startswith("readme"))


def choose_input() -> tuple[bytes, str, str] | None:
    """Sidebar: the input bytes, format and a display name, or None when nothing is given."""
    sb = st.sidebar
    sb.header("Thread")
    mode = sb.radio("Load", ["Sample", "Upload", "Paste"], horizontal=True, key="mode")
    fmt = sb.selectbox("Format", ["auto", *argmap.FORMATS], key="fmt",
                       help="auto recognises the format; pick one if it guesses wrong")
    if mode == "Sample":
        names = samples()
        name = sb.selectbox("Sample thread", names, index=names.index(SEED) if SEED in names else 0, key="sample")
        return (THREADS / name).read_bytes(), fmt, name
    if mode == "Upload":
        up = sb.file_uploader("Thread file", key="upload",
                              help="Page copy (.txt), Reddit JSON/JSONL, Disqus XML, CSV… see `argmap formats`")
        return (up.getvalue(), fmt, up.name) if up else None
    text = sb.text_area("Paste a thread", key="paste", height=220,
                        help="Copy the comments from a web page and paste them here")
    return (text.encode("utf-8"), fmt, "pasted text") if text.strip() else None


def load(source: tuple[bytes, str, str]) -> ArgumentMap | None:
    """Analyse, turning every failure into one clear message (never a traceback)."""
    try:
        return analysed(*source)
    except ThreadFormatError as exc:
        st.error(f"**Could not read this thread.** {md(str(exc))}", icon="🚫")
    except ArgmapError as exc:
        st.error(f"**Could not analyse this thread.** {md(str(exc))}", icon="🚫")
    except Exception as exc:  # a bug or a broken install: say so in one line, log the traceback
        LOG.exception("analysis of %r failed", source[2])
        st.error(f"**Could not analyse this thread** ({type(exc).__name__}): {md(shorten(str(exc), 300))}  \n"
                 "This is a fault in argmap, not in your input; the server log has the details.", icon="🚫")
    return None


# --------------------------------------------------------------------------- filters
def choose_filter(amap: ArgumentMap) -> cyto.MapFilter:
    """Sidebar filters shared by the map and the claims table."""
    sb = st.sidebar
    sb.header("Filters")
    authors = sorted({amap.thread.get(u.comment_id).author for u in amap.claims()})
    keep = cyto.MapFilter(
        statuses=tuple(sb.multiselect("Claim status", STATUSES, key="f_status",
                                      format_func=lambda s: f"{BADGE[s]} {s}")),
        authors=tuple(sb.multiselect("Participant", authors, key="f_author",
                                     format_func=lambda a: shorten(clean(a), 40) or "(anonymous)")),
        stances=tuple(sb.multiselect("Stance to the parent comment", [*STANCES, "none"], key="f_stance")),
        min_confidence=sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf",
                                 help="Hide claims and links the tool is less sure of"),
    )
    sb.header("Review")
    sb.text_input("Your name, for the review log", key="reviewer", max_chars=80,
                  help="Corrections you make are saved with your name and can be undone (History tab)")
    return keep


# --------------------------------------------------------------------------- header
def header(amap: ArgumentMap) -> None:
    t = amap.thread
    st.title("argmap")
    took = sum((amap.meta.get("timings") or {}).values())
    st.caption(f"{md(shorten(t.title, 160))} · format: {md(t.source_format)} · analysed in {took:.1f} s")
    claims = amap.claims()
    statuses = cyto.status_index(amap)
    sourced = sum(1 for u in claims if statuses.get(u.id, "").startswith("sourced"))
    cols = st.columns(5)
    cols[0].metric("Comments", len(t.comments) - 1)
    cols[1].metric("Participants", len({c.author for c in t.comments[1:]}))
    cols[2].metric("Claims", len(claims))
    cols[3].metric("Sourced claims", f"{sourced}" + (f" ({100 * sourced // len(claims)}%)" if claims else ""))
    cols[4].metric("Attacks", sum(1 for r in amap.relations if r.label == "attack"))
    if len(t.comments) < 2:
        st.warning("argmap found no comments in this input. Is it a comment thread, and is the format right?",
                   icon="⚠️")
    for w in t.warnings[:5]:
        st.warning(md(shorten(w, 300)), icon="⚠️")


# --------------------------------------------------------------------------- map
def map_tab(amap: ArgumentMap, keep: cyto.MapFilter, key: str) -> None:
    view = cyto.build_view(amap, keep, limit=MAP_LIMIT)
    graph_col, detail_col = st.columns([5, 3], gap="medium")
    with graph_col:
        if not view.node_count:
            st.info("No claims to draw: the analysis found none, or the filters hide them all.")
            clicked = None
        else:
            clicked = streamlit_cytoscape(
                view.elements, layout=cyto.layout(view.node_count), node_styles=cyto.style_rules(),
                height=680, key=f"map-{key}-{abs(hash(keep))}", events=[Event("pick", "tap", "node")])
            more = (f" The {MAP_LIMIT} most argued-over claims are drawn; {view.hidden} more are in the "
                    "Claims tab (filters narrow the map)." if view.hidden else "")
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


def unit_detail(amap: ArgumentMap, unit_id: str) -> None:
    try:
        d = cyto.claim_detail(amap, unit_id)
    except KeyError:
        st.info("That claim is not in this analysis any more.")
        return
    status = d.status.status if d.status else ""
    kind = "Claim" if d.unit.kind == "claim" and not d.unit.quoted else d.unit.kind.capitalize()
    st.markdown(f"#### {BADGE.get(status, '')} {kind}" + (f" · `{status}`" if status else ""))
    st.markdown(f"{speaker(d.comment)} · confidence {d.unit.confidence:.2f}{marker(d.unit.why)}")
    st.markdown(md(d.unit.text))
    if d.status:
        st.markdown(f"**Why {status}:** {md(d.status.why)}{marker(d.status.why)}")
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
                            f"{marker(link.relation.why)}")
    if d.stance:
        st.caption(f"Comment's stance to its parent: {d.stance.label} ({d.stance.confidence:.2f}, "
                   f"{md(d.stance.why)}){marker(d.stance.why)}")
    with st.expander("✏️ Correct this"):
        unit_corrections(amap, d)


def marker(why: str | None) -> str:
    """A visible mark on a value a person corrected (see argmap.corrections)."""
    return " :blue-badge[✏️ corrected]" if (why or "").startswith("corrected by") else ""


def evidence_chip(e: Any, reviews: dict[str, Any] | None = None) -> None:
    """One cited source (an Evidence or its dict): kind chip, its words, a link only when plain http(s),
    and a reviewer's verdict on the source when there is one."""
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k)
    verdict = (reviews or {}).get(get("source")) or {}
    raw = get("url")
    url = markdown_url(raw)
    link = f" [open link ↗]({url})" if url else (" :gray[\\(link not clickable\\)]" if raw else "")
    badge = {"verified": " :green-badge[✔ verified]", "unreliable": " :red-badge[✖ unreliable]"}.get(
        verdict.get("verdict"), "")
    st.markdown(f":orange-badge[📎 {get('kind')}] {md(shorten(get('source') or get('text'), 160))}{link}"
                f"{marker(get('why'))}{badge}{marker(verdict.get('why'))}")


def source_detail(amap: ArgumentMap, key: str) -> None:
    uses = cyto.source_users(amap, key)
    if not uses:
        st.info("That source is not in this analysis any more.")
        return
    st.markdown(f"#### ◆ Source · `{uses[0].kind}`")
    evidence_chip(uses[0], reviews(amap))
    units = {u.id: u for u in amap.units}
    st.markdown(f"**Cited by {len(uses)} unit(s)**")
    for e in uses:
        c = amap.thread.get(e.comment_id)
        text = units[e.unit_id].text if e.unit_id in units else e.text
        st.markdown(f"- {speaker(c)}: {md(shorten(text, 200))}")
    with st.expander("✏️ Verify this source"):
        source_corrections(uses[0].source, reviews(amap))


def reviews(amap: ArgumentMap) -> dict[str, Any]:
    """Reviewers' verdicts on sources, by source name (see argmap.corrections)."""
    return dict(amap.meta.get("source_reviews") or {})


def comment_detail(amap: ArgumentMap, comment_id: str) -> None:
    if comment_id not in amap.thread:
        st.info("That comment is not in this analysis any more.")
        return
    c = amap.thread.get(comment_id)
    st.markdown(f"#### Comment #{c.index} by {who(c.author)}")
    st.markdown(md(shorten(c.text, 2000)))


# --------------------------------------------------------------------------- tables
@st.cache_data(show_spinner=False, max_entries=24)
def tables(key: str, _amap: ArgumentMap) -> dict[str, list[dict[str, Any]]]:
    """The summaries tables for one analysis (``key`` names it; the map itself is not hashed)."""
    return {"claims": summaries.claims_table(_amap), "sources": summaries.sources_table(_amap),
            "participants": summaries.participants_table(_amap), "queue": summaries.moderator_queue(_amap),
            "tree": summaries.thread_tree(_amap)}


def plain(value: Any, limit: int = 300) -> Any:
    """A table cell: strings cleaned of control and bidi characters (tables show text, never markup)."""
    if isinstance(value, str):
        return shorten(clean(value, width=60), limit)
    if isinstance(value, list):
        return ", ".join(str(plain(v, 80)) for v in value)
    return value


def author_cell(author: str, index: int) -> str:
    """An author name for a table cell; the article's (comment #0) author may be blank."""
    return plain(author) or ("(the article)" if index == 0 else "(anonymous)")


def claims_tab(amap: ArgumentMap, keep: cyto.MapFilter, rows: list[dict[str, Any]]) -> None:
    quick = st.segmented_control("Show", ["All", "Unsourced", "Contested", "Sourced"], default="All",
                                 key="quick", help="Unsourced: no source on the claim or its supporters")
    wanted = {"Unsourced": UNSOURCED, "Contested": ("contested", "sourced-and-contested", "rebutted-with-source"),
              "Sourced": ("sourced", "sourced-and-contested")}.get(quick or "All")
    if wanted:
        keep = replace(keep, statuses=tuple(s for s in wanted if not keep.statuses or s in keep.statuses) or ("-",))
    shown = {u.id for u in cyto.visible_claims(amap, keep)}
    table = [{"status": f"{BADGE.get(r['status'] or '', '')} {r['status'] or 'not computed'}",
              "claim": plain(r["text"]), "author": author_cell(r["author"], r["index"]),
              "sources": plain(r["sources"]), "supports": r["supports"], "attacks": r["attacks"],
              "confidence": round(r["confidence"], 2), "why": plain(r["status_why"] or ""), "#": r["index"]}
             for r in rows if r["unit_id"] in shown]
    st.caption(f"{len(table)} of {len(rows)} claims. Click a column header to sort.")
    names = ["status", "claim", "author", "sources", "supports", "attacks", "confidence", "why", "#"]
    st.dataframe({n: [r[n] for r in table] for n in names}, hide_index=True, width="stretch",
                 height=min(38 + 35 * max(len(table), 1), 640),
                 column_config={
                     "claim": st.column_config.TextColumn("claim", width="large"),
                     "#": st.column_config.NumberColumn("#", help="comment number on the page"),
                     "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0,
                                                                   format="%.2f"),
                     "why": st.column_config.TextColumn("why this status", width="medium")})


def sources_tab(rows: list[dict[str, Any]], verdicts: dict[str, Any]) -> None:
    if not rows:
        st.info("No cited sources found in this thread.")
        return
    table = [{"source": plain(r["source"], 160), "type": plain(r["kinds"]),
              "link": next((u for u in map(safe_url, r["urls"]) if u), None),
              "review": {"verified": "✔ verified", "unreliable": "✖ unreliable"}.get(
                  (verdicts.get(r["source"]) or {}).get("verdict"), ""),
              "claims relying on it": r["n_claims"], "participants citing it": r["n_participants"],
              "citations": r["citations"],
              "cited by": ", ".join(plain(p, 40) or "(the article)" for p in r["participants"])} for r in rows]
    st.caption("Every cited source: links, documents, studies, news outlets, testimony, statistics. "
               "Only plain http(s) links are clickable.")
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("link", display_text="open ↗"),
                                "source": st.column_config.TextColumn("source", width="large")})


def participants_tab(rows: list[dict[str, Any]]) -> None:
    table = [{k.replace("_", " "): (plain(v, 60) or "(anonymous)") if k == "author" else v for k, v in r.items()}
             for r in rows]
    st.caption("Per participant: claims made and sourced, sources cited, rebuttals and support given and "
               "received, personal attacks. Click a column header to sort.")
    st.dataframe(table, hide_index=True, width="stretch")


QUEUE_TITLES = {"personal-attack": "⚠️ Personal attacks", "attacked-unsourced-claim": "🟡 Attacked claims with no source",
                "low-confidence-link": "🔗 Reply links to confirm"}


def moderator_tab(amap: ArgumentMap, rows: list[dict[str, Any]]) -> None:
    st.caption("What needs a human look, most pressing first.")
    reviewing = can_review()
    for kind, title in QUEUE_TITLES.items():
        items = [r for r in rows if r["kind"] == kind]
        with st.expander(f"{title} ({len(items)})", expanded=bool(items) and kind != "low-confidence-link"):
            if not items:
                st.caption("Nothing here.")
            for i, r in enumerate(items[:100]):
                queue_item(amap, r, f"{kind}-{i}", reviewing)


def queue_item(amap: ArgumentMap, r: dict[str, Any], key: str, reviewing: bool) -> None:
    """One queue row: who, why, the text (escaped), and the corrections that settle it."""
    c = amap.thread.get(r["comment_id"])
    cols = st.columns([5, 2]) if reviewing else [st.container()]
    cols[0].markdown(f"**#{c.index}** {who(r['author'])} · confidence {r['confidence']:.2f} · "
                     f":gray[{md(r['why'])}]{marker(r['why'])}")
    cols[0].markdown(f"> {md(shorten(r['text'], 400))}")
    if not reviewing or marker(r["why"]):
        return
    if r["kind"] == "personal-attack":
        cols[1].button("Confirm attack", key=f"q-ok-{key}", on_click=correct,
                       args=("personal-attack", c.id, "confirm"))
        cols[1].button("Not an attack", key=f"q-no-{key}", on_click=correct,
                       args=("personal-attack", c.id, "dismiss"))
    elif r["kind"] == "low-confidence-link" and c.parent_id:
        cols[1].button("Link is right", key=f"q-link-{key}", on_click=correct, args=("parent", c.id, c.parent_id),
                       help="Confirm that this comment replies to the one argmap picked")


# --------------------------------------------------------------------------- thread
PAGE = 40


def thread_tab(amap: ArgumentMap, rows: list[dict[str, Any]]) -> None:
    pages = max(1, -(-len(rows) // PAGE))
    top = st.columns([3, 1])
    top[0].markdown("The conversation as argmap reconstructed it. Units: :blue-background[claim] "
                    ":green-background[premise] :orange-background[evidence] :violet-background[question] "
                    ":gray-background[quoted]; 📎 chips are cited sources; "
                    ":orange-badge[inferred link] marks a reply link the tool rebuilt.")
    page = top[1].number_input("Page", 1, pages, 1, key="thread_page") if pages > 1 else 1
    for row in rows[(page - 1) * PAGE: page * PAGE]:
        comment_block(amap, row)


def comment_block(amap: ArgumentMap, row: dict[str, Any]) -> None:
    """One comment, indented by depth, its units marked by kind (all text escaped)."""
    depth = min(row["depth"], 8)
    body = st.columns([depth, 24 - depth])[1] if depth else st.container()
    with body.container(border=True):
        st.markdown(comment_heading(amap, row))
        if row["empty"]:
            st.markdown(":gray[_\\(no text\\)_]")
        else:
            st.markdown(highlighted(row["text"], row["units"]))
        for e in row["evidence"]:
            evidence_chip(e, reviews(amap))


def highlighted(text: str, units: list[dict[str, Any]]) -> str:
    """The comment as escaped Markdown with each unit on a background of its kind's colour.

    Claims also carry their status badge. Only our own fixed colour names enter the
    directive; the unit's text inside it is escaped like every other piece.
    """
    out, pos = [], 0
    for u in sorted(units, key=lambda u: u["start"]):
        if u["start"] < pos or u["end"] > len(text):
            continue
        out.append(escape_inline(text[pos:u["start"]]))
        piece = escape_inline(u["text"], one_line=True)
        if u["kind"] == "other" and not u["quoted"]:
            out.append(piece)
        else:
            colour = "gray" if u["quoted"] else KIND_COLOUR.get(u["kind"], "gray")
            badge = BADGE.get(u["status"] or "", "") + " " if u["kind"] == "claim" and not u["quoted"] else ""
            out.append(f"{badge}:{colour}-background[{piece}]{marker(u['why'])}")
        pos = u["end"]
    out.append(escape_inline(text[pos:]))
    return "".join(out).strip() or "\\(empty\\)"


def comment_heading(amap: ArgumentMap, row: dict[str, Any]) -> str:
    if row["parent_id"] is None:
        return f"**{md(shorten(amap.thread.title, 120))}** {who(row['author'])}"
    parts = [f"**#{row['index']}** {who(row['author'])}"]
    if row["parent_id"] in amap.thread:
        parts.append(f"replying to #{amap.thread.get(row['parent_id']).index}")
    link = row["parent"] or {}
    if link.get("source") == "inferred":
        parts.append(f":orange-badge[inferred link · {link['confidence']:.2f}] :gray[{md(link['why'])}]"
                     f"{marker(link['why'])}")
    elif link.get("source") == "orphan":
        parts.append(f":red-badge[parent missing] :gray[{md(link['why'])}]")
    if row["stance"]:
        colour = {"support": "green", "attack": "red"}.get(row["stance"]["label"], "gray")
        parts.append(f":{colour}-badge[{row['stance']['label']}]{marker(row['stance']['why'])}")
    attack = row["personal_attack"]
    if attack and attack["label"] == "personal-attack":
        parts.append(f":red-badge[⚠ personal attack]{marker(attack['why'])}")
    return " · ".join(parts)


# --------------------------------------------------------------------------- review store
@st.cache_resource(show_spinner=False)
def review_store() -> Store | str:
    """The SQLite review store (``$ARGMAP_DB`` or ~/.argmap/reviews.db), or why it cannot open."""
    try:
        return Store()
    except ArgmapError as exc:
        return str(exc)


@st.cache_resource(show_spinner=False)
def _saved_analyses() -> set[tuple[str, str]]:
    """(thread key, format) pairs this server already saved to the store."""
    return set()


def reviewed(source: tuple[bytes, str, str], raw: ArgumentMap) -> ArgumentMap:
    """The analysis with the thread's stored corrections applied; problems are reported, not dropped."""
    store = review_store()
    if isinstance(store, str):
        st.sidebar.warning(f"Corrections are off: {md(store)}", icon="🗄️")
        return raw
    key = thread_key(source[0])
    st.session_state["thread_key"] = key
    try:
        if (key, source[1]) not in _saved_analyses():
            store.save_analysis(source[0], raw)
            _saved_analyses().add((key, source[1]))
        fixed, problems = store.apply(key, raw)
    except ArgmapError as exc:
        st.sidebar.warning(f"The review store failed: {md(str(exc))}", icon="🗄️")
        return raw
    for p in problems:
        st.warning(f"A correction no longer applies: {md(str(p))}", icon="✏️")
    return fixed


def reviewer() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def can_review() -> bool:
    if isinstance(review_store(), str) or not st.session_state.get("thread_key"):
        return False
    if not reviewer():
        st.caption("To correct the analysis, enter your name under **Review** in the sidebar.")
        return False
    return True


def correct(kind: str, target: str, value: str, note: str = "") -> None:
    """Store one correction (a widget callback: the rerun that follows shows it applied)."""
    store = review_store()
    try:
        cid = store.add_correction(st.session_state["thread_key"], kind, target, value,
                                   author=reviewer(), note=note)
        st.toast(f"Correction #{cid} saved: {kind} → {value}", icon="✏️")
    except ArgmapError as exc:
        st.session_state["correction_error"] = str(exc)


def undo(correction_id: int) -> None:
    try:
        review_store().undo(correction_id, author=reviewer() or "anonymous")
        st.toast(f"Correction #{correction_id} undone", icon="↩️")
    except ArgmapError as exc:
        st.session_state["correction_error"] = str(exc)


def show_correction_error() -> None:
    error = st.session_state.pop("correction_error", None)
    if error:
        st.error(f"**Correction not saved.** {md(error)}", icon="✏️")


UNCHANGED = "(unchanged)"


def unit_corrections(amap: ArgumentMap, d: cyto.ClaimDetail) -> None:
    """A form to correct this unit's kind, its links, and its comment's stance, flag and parent."""
    if not can_review():
        return
    uid, c = d.unit.id, d.comment
    links = {f"{lk.relation.source}->{lk.relation.target}": lk for lk in
             (*d.supported_by, *d.attacked_by, *d.supports, *d.attacks)}
    earlier = [x.id for x in amap.thread.comments if x.index < c.index]
    with st.form(f"fix-{uid}", border=False):
        st.selectbox("Kind of this unit", UNIT_KINDS, index=UNIT_KINDS.index(d.unit.kind), key=f"fx-kind-{uid}")
        if links:
            cols = st.columns([3, 2])
            cols[0].selectbox("Link", list(links), key=f"fx-link-{uid}", format_func=lambda k: _link_label(links[k]))
            cols[1].selectbox("is really", [UNCHANGED, "support", "attack", "none"], key=f"fx-rel-{uid}")
        if c.parent_id is not None:
            cols = st.columns(2)
            cols[0].selectbox("Comment's stance to its parent", [UNCHANGED, *STANCES], key=f"fx-stance-{uid}")
            cols[1].selectbox("Personal attack?", [UNCHANGED, "confirm", "dismiss"], key=f"fx-pa-{uid}")
            st.selectbox("Comment replies to", [UNCHANGED, *earlier], key=f"fx-parent-{uid}",
                         format_func=lambda i: i if i == UNCHANGED else _comment_label(amap, i))
        st.text_input("Note (optional)", key=f"fx-note-{uid}")
        st.form_submit_button("Save corrections", on_click=_save_unit_form, args=(amap, uid, c.id), type="primary")


def _link_label(link: cyto.Link) -> str:
    text = link.unit.text if link.unit else link.comment.text
    return f"{link.relation.label}: #{link.comment.index} {shorten(clean(text), 50)}"


def _comment_label(amap: ArgumentMap, comment_id: str) -> str:
    c = amap.thread.get(comment_id)
    return f"#{c.index} {shorten(clean(c.author), 20) or '(anonymous)'}: {shorten(clean(c.text), 50)}"


def _save_unit_form(amap: ArgumentMap, uid: str, comment_id: str) -> None:
    ss, note = st.session_state, st.session_state.get(f"fx-note-{uid}", "")
    unit = next(u for u in amap.units if u.id == uid)
    if ss.get(f"fx-kind-{uid}") not in (None, unit.kind):
        correct("unit-kind", uid, ss[f"fx-kind-{uid}"], note)
    if ss.get(f"fx-rel-{uid}", UNCHANGED) != UNCHANGED:
        correct("relation", ss[f"fx-link-{uid}"], ss[f"fx-rel-{uid}"], note)
    for field, kind in (("stance", "stance"), ("pa", "personal-attack"), ("parent", "parent")):
        if ss.get(f"fx-{field}-{uid}", UNCHANGED) != UNCHANGED:
            correct(kind, comment_id, ss[f"fx-{field}-{uid}"], note)


def source_corrections(name: str, reviews: dict[str, Any]) -> None:
    if not can_review():
        return
    with st.form(f"fix-source-{hashlib.sha1(name.encode()).hexdigest()[:10]}", border=False):
        verdict = st.radio("This source is", ["verified", "unreliable"], horizontal=True,
                           index=1 if (reviews.get(name) or {}).get("verdict") == "unreliable" else 0)
        note = st.text_input("Note (what you checked)")
        if st.form_submit_button("Save verdict", type="primary"):
            correct("source", name, verdict, note)
            st.rerun()


def history_tab(amap: ArgumentMap) -> None:
    store, key = review_store(), st.session_state.get("thread_key")
    if isinstance(store, str) or not key:
        st.info("The review store is not available, so there is no history.")
        return
    st.caption(f"Review store: {md(str(store.path))} · thread key {key[:12]}… · corrections are re-applied on "
               "every re-analysis of this thread and can be undone here.")
    active = store.corrections(key)
    st.markdown(f"**Active corrections ({len(active)})**")
    for c in reversed(active):
        cols = st.columns([6, 1])
        cols[0].markdown(f"#{c.id} · **{md(c.kind)}** on `{md(shorten(c.target, 60))}`: "
                         f"{md(c.before or '?')} → **{md(c.value)}** · by {who(c.author)} on {c.created[:16]}"
                         + (f" · {md(c.note)}" if c.note else ""))
        cols[1].button("Undo", key=f"undo-{c.id}", on_click=undo, args=(c.id,), disabled=not reviewer())
    log = store.history(key)
    st.markdown(f"**History ({len(log)})**")
    st.dataframe([{"when": e.at[:19].replace("T", " "), "who": plain(e.author), "action": e.action,
                   "correction": e.correction_id, "kind": e.kind, "target": plain(e.target, 80),
                   "before": plain(e.before or ""), "after": plain(e.after or "")} for e in reversed(log)],
                 hide_index=True, width="stretch")


# --------------------------------------------------------------------------- export and help
def export_tab(amap: ArgumentMap, name: str) -> None:
    from argmap.exporters import EXPORTERS

    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in Path(name).stem)[:60] or "thread"
    st.markdown("Download the map to keep it, open it in other tools, or print it for a class.")
    notes = {"json": "argmap JSON, lossless", "aif": "AIF, opens in OVA and AIFdb",
             "graphml": "GraphML for Gephi, yEd, networkx", "argdown": "Argdown text",
             "html": "a self-contained report that prints well"}
    cols = st.columns(len(EXPORTERS))
    for col, (fmt, ex) in zip(cols, EXPORTERS.items(), strict=True):
        col.download_button(f"{fmt.upper()}", data=lambda fn=ex.function: fn(amap), file_name=f"{stem}.{ex.extension}",
                            mime=ex.mime, key=f"dl-{fmt}", on_click="ignore", icon="⬇️",
                            help=notes.get(fmt, fmt), width="stretch")


HOW_TO_READ = """
**What you are looking at.** argmap splits each comment into *units*: **claims** (what someone
asserts), **premises** (reasons given for a claim), **evidence** (what is cited), questions and the
rest. It links units that **support** (green arrow) or **attack** (red dashed bar) each other and
looks for cited **sources**: links, reports, studies, news outlets, testimony, statistics.

**The colours answer one question: does this claim have sourced support?**
🟢 *sourced*: it cites a source, or a unit backing it does. ⚪ *unsourced*: no source, nobody
objected. 🟡 *contested*: attacked, and nobody on either side cites anything. 🟠
*rebutted-with-source*: unsourced, attacked by someone who cites a source. 🟣
*sourced-and-contested*: sourced, and attacked.

**Reading it well.** A source is not proof: check it (the Sources tab lists them). "Unsourced"
is not "false", and "contested" is not "wrong": it marks where the conversation needs evidence.
Every judgement carries a *confidence* (0 to 1) and a short *why*; low-confidence links are
guesses to confirm. Reply links marked *inferred* were rebuilt by the tool because the page lost
them.

**For a class.** Pick a claim, follow its attacks, and ask: what would settle this? Which
source would you check first? Who is arguing with the claim, and who with the person?
"""


# --------------------------------------------------------------------------- page
def main() -> None:
    st.set_page_config(page_title="argmap: who backs their claims?", page_icon="🗺️", layout="wide")
    source = choose_input()
    if source is None:
        st.title("argmap")
        st.info("Upload a thread file or paste a thread in the sidebar to map its arguments.", icon="👈")
        return
    raw = load(source)
    if raw is None:
        return
    amap = reviewed(source, raw)
    keep = choose_filter(amap)
    header(amap)
    key = f"{hashlib.sha256(source[0]).hexdigest()[:16]}-{source[1]}"
    fixes = "-".join(str(c.get("id")) for c in amap.meta.get("corrections") or ())
    data = tables(f"{key}-{fixes}", amap)
    tabs = st.tabs(["🗺️ Map", "📋 Claims", "💬 Thread", "📚 Sources", "👥 Participants",
                    "🛡️ Moderator queue", "🕘 History", "⬇️ Export", "❓ How to read this map"])
    with tabs[0]:
        map_tab(amap, keep, key)
    with tabs[1]:
        claims_tab(amap, keep, data["claims"])
    with tabs[2]:
        thread_tab(amap, data["tree"])
    with tabs[3]:
        sources_tab(data["sources"], reviews(amap))
    with tabs[4]:
        participants_tab(data["participants"])
    with tabs[5]:
        moderator_tab(amap, data["queue"])
    with tabs[6]:
        history_tab(amap)
    with tabs[7]:
        export_tab(amap, source[2])
    with tabs[8]:
        st.markdown(HOW_TO_READ)


main()
