"""argmap in the browser: ``streamlit run app.py``.

A thin view over the library. It picks a thread (bundled sample, upload or paste),
calls :func:`argmap.analyze` once per input (models cached per server, analyses per
input bytes and format), and draws what :mod:`argmap.cytoscape` and
:mod:`argmap.summaries` compute, through the views in :mod:`app_views`. No NLP,
graph or table logic lives here.

Thread text, author names and URLs are untrusted: they are shown only as escaped
Markdown or table cells (never ``unsafe_allow_html``), graph labels are escaped in
:mod:`argmap.cytoscape`, and only plain http(s) links are ever clickable
(:func:`argmap.safetext.safe_url`).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import streamlit as st

import argmap
from app_views.charts import people_chart, status_chart
from app_views.common import BADGE, CLAIM_HELP, md, reviews
from app_views.map import debate_for, map_tab
from app_views.positions import positions_tab
from app_views.review import community_stamp, history_tab, learned_caption, review_store, reviewed
from app_views.tables import (
    HOW_TO_READ,
    claims_tab,
    export_tab,
    moderator_tab,
    participants_tab,
    sources_tab,
    tables,
    thread_tab,
)
from argmap import cytoscape as cyto
from argmap import debate as deb
from argmap.errors import ArgmapError, ThreadFormatError
from argmap.model import STANCES, STATUSES, ArgumentMap
from argmap.resources import load_encoder, load_nlp
from argmap.safetext import clean, shorten

LOG = logging.getLogger("argmap.app")
ROOT = Path(__file__).resolve().parent
THREADS = ROOT / "threads"
SEED = "russian-trolls-study.txt"
TABS = (":material/account_tree: Map", ":material/hub: Positions", ":material/list: Claims",
        ":material/forum: Thread", ":material/menu_book: Sources", ":material/group: Participants",
        ":material/shield: Moderator queue", ":material/history: History", ":material/download: Export",
        ":material/help: How to read this map")
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


@st.cache_resource(show_spinner=False)
def models() -> tuple[Any, Any]:
    """spaCy and MiniLM, loaded once per server process."""
    return load_nlp(), load_encoder()


@st.cache_resource(show_spinner=False, max_entries=24)
def analysed(data: bytes, fmt: str, source: str, learned: str = "") -> ArgumentMap:
    """The map for these input bytes and format; ``learned`` (the review store's learned
    stance head, :func:`community_stamp`) is part of the cache key, so learning re-analyses.

    Progress (named steps) goes to a placeholder made here, which ends empty, so a
    cache hit replays nothing visible.
    """
    slot = st.empty()
    try:
        slot.progress(0.0, text="Reading the thread and loading the language models "
                                "(once per server, about a minute)…")
        nlp, encoder = models()

        def step(name: str, i: int, n: int) -> None:
            slot.progress(i / n, text=f"Step {i + 1} of {n}: {STEP_LABELS.get(name, name)}…")

        store = review_store() if learned else None
        amap = argmap.analyze_bytes(data, fmt=fmt, source=source, nlp=nlp, encoder=encoder, progress=step,
                                    store=store if not isinstance(store, str) else None, review=False).map
    finally:
        slot.empty()
    return amap  # vectors kept: a correction re-derives stance from them without re-encoding


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
        return analysed(*source, community_stamp())
    except ThreadFormatError as exc:
        st.error(f"**Could not read this thread.** {md(str(exc))}", icon=":material/block:")
    except ArgmapError as exc:
        st.error(f"**Could not analyse this thread.** {md(str(exc))}", icon=":material/block:")
    except Exception as exc:  # a bug or a broken install: say so in one line, log the traceback
        LOG.exception("analysis of %r failed", source[2])
        st.error(f"**Could not analyse this thread** ({type(exc).__name__}): {md(shorten(str(exc), 300))}  \n"
                 "This is a fault in argmap, not in your input; the server log has the details.", icon=":material/block:")
    return None


def choose_filter(amap: ArgumentMap) -> cyto.MapFilter:
    """Sidebar filters shared by the map and the claims table."""
    sb = st.sidebar
    sb.header("Filters")
    # The filter widgets are drawn only once asked for: four widgets and their scripts cost a new
    # visitor's browser about 0.3 s (bench/app_speed.py), in a sidebar that starts folded.
    on = sb.toggle("Filter the map and the claims", key="f_on",
                   help="By claim status, participant, stance to the parent comment and confidence")
    keep = filters(amap) if on else deb.EVERYTHING
    sb.header("Review")
    sb.text_input("Your name, for the review log", key="reviewer", max_chars=80,
                  help="Corrections you make are saved with your name and can be undone (History tab)")
    learned_caption(amap)
    return keep


def filters(amap: ArgumentMap) -> cyto.MapFilter:
    """The sidebar's filter widgets and what they keep."""
    sb = st.sidebar
    authors = sorted({amap.thread.get(u.comment_id).author for u in deb.kept_points(amap, deb.EVERYTHING)})
    return cyto.MapFilter(
        statuses=tuple(sb.multiselect("Claim status", STATUSES, key="f_status",
                                      format_func=lambda s: f"{BADGE[s]} {s}")),
        authors=tuple(sb.multiselect("Participant", authors, key="f_author",
                                     format_func=lambda a: shorten(clean(a), 40) or "(anonymous)")),
        stances=tuple(sb.multiselect("Stance to the parent comment", [*STANCES, "none"], key="f_stance")),
        min_confidence=sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf",
                                 help="Hide claims and links the tool is less sure of"),
    )


SOURCED_HELP = ("Claims that cite a source, or that a sourced claim backs (status sourced, or sourced and "
                "contested), chosen by the same rules as the unsourced ones. The Sources tab lists what they cite.")
FIGHTS_HELP = ("Pairs of participants where one attacks the other most: personal attacks aimed at them (an "
               "insult or ad hominem pattern; flags from hostile tone alone are left to the Moderator queue, "
               "which quotes the words) and replies that dispute their comment. The Map draws each attack.")
UNSOURCED_HELP = ("Claims that cite nothing and that nothing sourced backs (status unsourced, or contested "
                  "with no sources on either side), on the debate's topic and readable on their own (no question, "
                  "no personal attack, no remark spoken to a participant): statements of fact first, participants' "
                  "before the article's, then the most argued over. The Claims tab lists them all.")


@st.cache_resource(show_spinner=False, max_entries=24)
def glance(key: str, _amap: ArgumentMap) -> tuple[dict[str, int], list[tuple[str, dict[str, int]]], list[deb.Card],
                                                   list[deb.Card], list[deb.AttackPair]]:
    """The header's figures for one analysis (``key`` names it): claims per status, per participant,
    and the unsourced and sourced claims to name (from the same cached tree the Map tab draws
    unfiltered), and who attacks whom."""
    tree = debate_for(key, deb.EVERYTHING, _amap)
    return (deb.status_counts(_amap), deb.claims_by_participant(_amap), deb.unsourced_highlights(tree, _amap),
            deb.sourced_highlights(tree, _amap), deb.who_attacks_whom(_amap))


def _who(c: deb.Card) -> str:
    """"#12 kevinzeese", or "the article" for the article's own claims."""
    return f"#{c.comment_index} {md(shorten(clean(c.author), 24))}" if c.comment_index else "the article"


def header(amap: ArgumentMap, key: str) -> None:
    """Title, the counts, and at a glance: claims by status, and each participant's claims by status."""
    t = amap.thread
    st.title("argmap", anchor=False)
    took = sum((amap.meta.get("timings") or {}).values())
    st.caption(f"{md(shorten(t.title, 160))} · format: {md(t.source_format)} · analysed in {took:.1f} s · "
               "load another thread or filter in the sidebar (top left)")
    counts, per_person, flagged, backed, fights = glance(key, amap)
    n_claims = sum(counts.values())
    sourced = counts.get("sourced", 0) + counts.get("sourced-and-contested", 0)
    figures, by_status, by_person = st.columns([5, 4, 4], gap="medium")
    with figures:
        top = st.columns(4)
        top[0].metric("Comments", len(t.comments) - 1)
        top[1].metric("Participants", len({c.author for c in t.comments[1:]}))
        top[2].metric("Claims", n_claims, help=CLAIM_HELP)
        top[3].metric("Sourced", sourced, help="Claims whose status is sourced or sourced-and-contested")
        attacks = sum(1 for r in amap.relations if r.label == "attack")
        st.caption(f"{100 * sourced // n_claims if n_claims else 0}% of claims sourced · {attacks} attack links · "
                   f"{len(amap.positions)} positions (Positions tab)", help=CLAIM_HELP)
        if flagged:
            st.markdown("**Stated with no source:**  \n" + "  \n".join(
                f":gray[{_who(c)}:] {md(shorten(clean(c.text), 90))}" for c in flagged), help=UNSOURCED_HELP)
    if n_claims:
        with by_status:
            status_chart(counts)
            if backed:
                st.markdown("**Sourced:**  \n" + "  \n".join(
                    f":gray[{_who(c)}:] {md(shorten(clean(c.text), 80))}" for c in backed), help=SOURCED_HELP)
        with by_person:
            people_chart(per_person)
            if fights:
                st.markdown("**Who attacks whom:**  \n" + "  \n".join(
                    f"{md(shorten(clean(f.attacker), 20))} → {md(shorten(clean(f.attacked), 20))} :small[" + " · ".join(
                        x for x in (f"{f.disputes} dispute{'s' * (f.disputes != 1)}" if f.disputes else "",
                                    f":red[{f.personal} personal attack{'s' * (f.personal != 1)}]" if f.personal else "")
                        if x) + "]"
                    for f in fights), help=FIGHTS_HELP)
    if len(t.comments) < 2:
        st.warning("argmap found no comments in this input. Is it a comment thread, and is the format right?",
                   icon=":material/warning:")
    for w in t.warnings[:5]:
        st.warning(md(shorten(w, 300)), icon=":material/warning:")


def main() -> None:
    st.set_page_config(page_title="argmap: who backs their claims?", page_icon=":material/account_tree:",
                       layout="wide", initial_sidebar_state="collapsed")
    source = choose_input()
    if source is None:
        st.title("argmap")
        st.info("Upload a thread file or paste a thread in the sidebar to map its arguments.",
                icon=":material/arrow_back:")
        return
    raw = load(source)
    if raw is None:
        return
    amap = reviewed(source, raw)
    keep = choose_filter(amap)
    key = f"{hashlib.sha256(source[0]).hexdigest()[:16]}-{source[1]}"
    if st.session_state.get("shown") != key:  # another thread: forget the last one's selection
        st.session_state.update(shown=key, picked=None, thread_page=1)
    fixes = "-".join(str(c.get("id")) for c in amap.meta.get("corrections") or ())
    view = f"{key}-{fixes}-{community_stamp()}"  # names this analysis in every cached view
    header(amap, view)
    data = tables(view, amap)
    tabs = dict(zip(TABS, st.tabs(TABS, key="tab", on_change="rerun"), strict=True))
    views = dict(zip(TABS, (
        lambda: map_tab(amap, keep, view),
        lambda: positions_tab(data["positions"], data["left_out"]),
        lambda: claims_tab(amap, keep, data["claims"]),
        lambda: thread_tab(amap, data["tree"]),
        lambda: sources_tab(data["sources"], reviews(amap)),
        lambda: participants_tab(data["participants"]),
        lambda: moderator_tab(amap, data["queue"]),
        lambda: history_tab(amap),
        lambda: export_tab(amap, source[2]),
        lambda: st.markdown(HOW_TO_READ),
    ), strict=True))
    for name, tab in tabs.items():
        if tab.open is not False:  # only the open tab runs (None: state not tracked, draw all)
            with tab:
                views[name]()


main()
