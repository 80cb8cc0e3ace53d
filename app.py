"""argmap in the browser: ``streamlit run app.py``.

A thin view over the library. It picks a thread (bundled sample, upload or paste),
calls :func:`argmap.analyze` once per input (models cached per server, analyses per
input bytes and format), and draws what :mod:`argmap.cytoscape` and
:mod:`argmap.summaries` compute. No NLP, graph or table logic lives here.

Thread text, author names and URLs are untrusted: they are shown only through
``st.text``/escaped Markdown, graph labels are escaped in :mod:`argmap.cytoscape`,
and only plain http(s) links are ever clickable (:func:`argmap.safetext.safe_url`).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_cytoscape import Event, streamlit_cytoscape

import argmap
from argmap import cytoscape as cyto
from argmap import summaries
from argmap.errors import ArgmapError
from argmap.model import STANCES, STATUSES, ArgumentMap
from argmap.resources import load_encoder, load_nlp
from argmap.safetext import clean, escape_markdown, markdown_url, safe_url, shorten

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
UNSOURCED = ("unsourced", "contested", "rebutted-with-source")
KIND_COLOUR = {"claim": "blue", "premise": "green", "evidence": "orange", "question": "violet", "other": "gray"}


def md(text: str | None) -> str:
    """Thread text as inert Markdown."""
    return escape_markdown(text)


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
    """The map for these input bytes and format; the progress box is replayed on a cache hit."""
    with st.status(f"Analysing {md(shorten(source, 60))}", expanded=True) as box:
        t0 = time.perf_counter()
        st.write("Reading the thread…")
        thread = argmap.parse_thread(data, fmt, source=source)
        st.write(f"Read {len(thread.comments) - 1} comments. Loading language models (once per server)…")
        nlp, encoder = models()
        bar = st.progress(0.0, text="Analysing…")

        def step(name: str, i: int, n: int) -> None:
            bar.progress(i / n, text=f"Step {i + 1} of {n}: {STEP_LABELS.get(name, name)}")

        amap = argmap.analyze(thread, nlp=nlp, encoder=encoder, progress=step)
        bar.progress(1.0, text="Done")
        box.update(label=f"Analysed {len(thread.comments) - 1} comments in "
                   f"{time.perf_counter() - t0:.1f} s", state="complete", expanded=False)
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
    except ArgmapError as exc:
        st.error(f"**Could not read this thread.** {md(str(exc))}", icon="🚫")
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
    return cyto.MapFilter(
        statuses=tuple(sb.multiselect("Claim status", STATUSES, key="f_status",
                                      format_func=lambda s: f"{BADGE[s]} {s}")),
        authors=tuple(sb.multiselect("Participant", authors, key="f_author",
                                     format_func=lambda a: shorten(clean(a), 40) or "(anonymous)")),
        stances=tuple(sb.multiselect("Stance to the parent comment", [*STANCES, "none"], key="f_stance")),
        min_confidence=sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf",
                                 help="Hide claims and links the tool is less sure of"),
    )


# --------------------------------------------------------------------------- header
def header(amap: ArgumentMap) -> None:
    t = amap.thread
    st.title("argmap")
    st.caption(f"{md(shorten(t.title, 160))} · format: {md(t.source_format)}")
    claims = amap.claims()
    statuses = cyto.status_index(amap)
    sourced = sum(1 for u in claims if statuses.get(u.id, "").startswith("sourced"))
    cols = st.columns(5)
    cols[0].metric("Comments", len(t.comments) - 1)
    cols[1].metric("Participants", len({c.author for c in t.comments[1:]}))
    cols[2].metric("Claims", len(claims))
    cols[3].metric("Sourced claims", f"{sourced}" + (f" ({100 * sourced // len(claims)}%)" if claims else ""))
    cols[4].metric("Attacks", sum(1 for r in amap.relations if r.label == "attack"))
    for w in t.warnings[:5]:
        st.warning(md(shorten(w, 300)), icon="⚠️")


# --------------------------------------------------------------------------- map
def map_tab(amap: ArgumentMap, keep: cyto.MapFilter, key: str) -> None:
    view = cyto.build_view(amap, keep)
    graph_col, detail_col = st.columns([3, 2], gap="medium")
    with graph_col:
        if not view.node_count:
            st.info("No claims to draw: the analysis found none, or the filters hide them all.")
            clicked = None
        else:
            clicked = streamlit_cytoscape(
                view.elements, layout=cyto.layout(view.node_count), node_styles=cyto.style_rules(),
                height=640, key=f"map-{key}-{abs(hash(keep))}", events=[Event("pick", "tap", "node")])
            st.caption(f"{view.node_count} nodes, {view.edge_count} links. Click a node for details; "
                       "scroll to zoom, drag to pan.")
        legend_view()
    if clicked and clicked.get("timestamp") != st.session_state.get("map_ts"):
        st.session_state["map_ts"] = clicked.get("timestamp")
        ref = view.ref.get(str((clicked.get("data") or {}).get("target_id")))
        if ref:
            st.session_state["picked"] = ref
    with detail_col:
        detail_panel(amap, keep)


def legend_view() -> None:
    with st.expander("Legend", expanded=True):
        cols = st.columns(2)
        for i, e in enumerate(cyto.legend()):
            mark = {"circle": "●", "diamond": "◆", "box": "▬"}.get(e.style, "")
            line = {"solid": "━━▶", "dashed": "╍╍┫", "dotted": "┈┈"}.get(e.style, mark)
            cols[i % 2].markdown(f":{_css_name(e.colour)}[{line if e.element == 'edge' else mark}] "
                                 f"**{e.name}**: {e.meaning}")


def _css_name(colour: str) -> str:
    """The nearest Streamlit Markdown colour for a legend swatch."""
    table = {"#1b9e77": "green", "#7570b3": "violet", "#d95f02": "orange", "#e6ab02": "orange",
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
    st.markdown(f"by **{who(d.comment.author)}** in comment #{d.comment.index} · "
                f"confidence {d.unit.confidence:.2f}{marker(d.unit.why)}")
    st.markdown(md(d.unit.text))
    if d.status:
        st.markdown(f"**Why {status}:** {md(d.status.why)}{marker(d.status.why)}")
    elif d.unit.why:
        st.caption(f"Why a {d.unit.kind}: {md(d.unit.why)}")
    for e in d.evidence:
        evidence_chip(e)
    for title, links in (("Supported by", d.supported_by), ("Attacked by", d.attacked_by),
                         ("Supports", d.supports), ("Attacks", d.attacks)):
        if links:
            st.markdown(f"**{title}** ({len(links)})")
            for link in links:
                text = link.unit.text if link.unit else link.comment.text
                st.markdown(f"- {who(link.comment.author)} (#{link.comment.index}): {md(shorten(text, 200))}  \n"
                            f"  :gray[{md(link.relation.why)} · confidence {link.relation.confidence:.2f}]"
                            f"{marker(link.relation.why)}")
    if d.stance:
        st.caption(f"Comment's stance to its parent: {d.stance.label} ({d.stance.confidence:.2f}, "
                   f"{md(d.stance.why)}){marker(d.stance.why)}")


def marker(why: str | None) -> str:
    """A visible mark on a value a person corrected (see argmap.corrections)."""
    return " :blue-badge[✏️ corrected]" if (why or "").startswith("corrected by") else ""


def evidence_chip(e: Any) -> None:
    """One cited source (an Evidence or its dict): kind chip, its words, a link only when plain http(s)."""
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k)
    raw = get("url")
    url = markdown_url(raw)
    link = f" [open link ↗]({url})" if url else (" :gray[\\(link not clickable\\)]" if raw else "")
    st.markdown(f":orange-badge[📎 {get('kind')}] {md(shorten(get('source') or get('text'), 160))}{link}"
                f"{marker(get('why'))}")


def source_detail(amap: ArgumentMap, key: str) -> None:
    uses = cyto.source_users(amap, key)
    if not uses:
        st.info("That source is not in this analysis any more.")
        return
    st.markdown(f"#### ◆ Source · `{uses[0].kind}`")
    evidence_chip(uses[0])
    units = {u.id: u for u in amap.units}
    st.markdown(f"**Cited by {len(uses)} unit(s)**")
    for e in uses:
        c = amap.thread.get(e.comment_id)
        text = units[e.unit_id].text if e.unit_id in units else e.text
        st.markdown(f"- {who(c.author)} (#{c.index}): {md(shorten(text, 200))}")


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


def claims_tab(amap: ArgumentMap, keep: cyto.MapFilter, rows: list[dict[str, Any]]) -> None:
    quick = st.segmented_control("Show", ["All", "Unsourced", "Contested", "Sourced"], default="All",
                                 key="quick", help="Unsourced: no source on the claim or its supporters")
    wanted = {"Unsourced": UNSOURCED, "Contested": ("contested", "sourced-and-contested", "rebutted-with-source"),
              "Sourced": ("sourced", "sourced-and-contested")}.get(quick or "All")
    if wanted:
        keep = replace(keep, statuses=tuple(s for s in wanted if not keep.statuses or s in keep.statuses) or ("-",))
    shown = {u.id for u in cyto.visible_claims(amap, keep)}
    table = [{"status": f"{BADGE.get(r['status'] or '', '')} {r['status'] or 'not computed'}",
              "claim": plain(r["text"]), "author": plain(r["author"]) or "(anonymous)", "#": r["index"],
              "supports": r["supports"], "attacks": r["attacks"], "sources": plain(r["sources"]),
              "confidence": round(r["confidence"], 2), "why": plain(r["status_why"] or "")}
             for r in rows if r["unit_id"] in shown]
    st.caption(f"{len(table)} of {len(rows)} claims. Click a column header to sort.")
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 640),
                 column_config={
                     "claim": st.column_config.TextColumn("claim", width="large"),
                     "#": st.column_config.NumberColumn("#", help="comment number on the page"),
                     "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0,
                                                                   format="%.2f"),
                     "why": st.column_config.TextColumn("why this status", width="medium")})


def sources_tab(rows: list[dict[str, Any]]) -> None:
    if not rows:
        st.info("No cited sources found in this thread.")
        return
    table = [{"source": plain(r["source"], 160), "type": plain(r["kinds"]),
              "link": next((u for u in map(safe_url, r["urls"]) if u), None),
              "claims relying on it": r["n_claims"], "participants citing it": r["n_participants"],
              "citations": r["citations"], "cited by": plain(r["participants"])} for r in rows]
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
    for kind, title in QUEUE_TITLES.items():
        items = [r for r in rows if r["kind"] == kind]
        with st.expander(f"{title} ({len(items)})", expanded=bool(items) and kind != "low-confidence-link"):
            if not items:
                st.caption("Nothing here.")
            for r in items[:100]:
                c = amap.thread.get(r["comment_id"])
                st.markdown(f"**#{c.index}** {who(r['author'])} · confidence {r['confidence']:.2f} · "
                            f":gray[{md(r['why'])}]{marker(r['why'])}")
                st.markdown(f"> {md(shorten(r['text'], 400))}")


# --------------------------------------------------------------------------- thread
PAGE = 40


def thread_tab(amap: ArgumentMap, rows: list[dict[str, Any]]) -> None:
    pages = max(1, -(-len(rows) // PAGE))
    top = st.columns([3, 1])
    top[0].caption("The conversation as argmap reconstructed it. Units are marked by kind; "
                   "📎 chips are cited sources; orange badges mark reply links the tool inferred.")
    page = top[1].number_input("Page", 1, pages, 1, key="thread_page") if pages > 1 else 1
    for row in rows[(page - 1) * PAGE: page * PAGE]:
        comment_block(amap, row)


def comment_block(amap: ArgumentMap, row: dict[str, Any]) -> None:
    """One comment, indented by depth, its units marked by kind (all text escaped)."""
    depth = min(row["depth"], 8)
    body = st.columns([depth, 24 - depth])[1] if depth else st.container()
    with body.container(border=True):
        st.markdown(comment_heading(amap, row))
        if not row["units"]:
            st.markdown(md(shorten(row["text"], 3000)) if not row["empty"] else ":gray[_\\(no text\\)_]")
        for u in row["units"]:
            tag = f"quoted {u['kind']}" if u["quoted"] else u["kind"]
            st.markdown(f":{KIND_COLOUR.get(u['kind'], 'gray')}-badge[{tag}]{marker(u['why'])} {md(u['text'])}")
        for e in row["evidence"]:
            evidence_chip(e)


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
    amap = load(source)
    if amap is None:
        return
    keep = choose_filter(amap)
    header(amap)
    key = f"{hashlib.sha256(source[0]).hexdigest()[:16]}-{source[1]}"
    data = tables(key, amap)
    tabs = st.tabs(["🗺️ Map", "📋 Claims", "💬 Thread", "📚 Sources", "👥 Participants",
                    "🛡️ Moderator queue", "⬇️ Export", "❓ How to read this map"])
    with tabs[0]:
        map_tab(amap, keep, key)
    with tabs[1]:
        claims_tab(amap, keep, data["claims"])
    with tabs[2]:
        thread_tab(amap, data["tree"])
    with tabs[3]:
        sources_tab(data["sources"])
    with tabs[4]:
        participants_tab(data["participants"])
    with tabs[5]:
        moderator_tab(amap, data["queue"])
    with tabs[6]:
        export_tab(amap, source[2])
    with tabs[7]:
        st.markdown(HOW_TO_READ)


main()
