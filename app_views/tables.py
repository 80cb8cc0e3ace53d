"""The table tabs (claims, sources, participants, moderator queue), the thread view and export.

Rows come from :mod:`argmap.summaries`; these functions only choose columns and draw.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st

from argmap import cytoscape as cyto
from argmap import debate as deb
from argmap import summaries
from argmap.model import ArgumentMap
from argmap.positions import left_out_counts
from argmap.safetext import escape_inline, safe_url, shorten
from argmap.settings import DEFAULT

from .common import BADGE, UNSOURCED, author_cell, badge, evidence_chip, marker, md, plain, reviews, who
from .review import can_review, correct


@st.cache_resource(show_spinner=False, max_entries=24)  # shared rows, read only
def tables(key: str, _amap: ArgumentMap) -> dict[str, Any]:
    """The summaries tables for one analysis (``key`` names it; the map itself is not hashed)."""
    return {"claims": summaries.claims_table(_amap), "sources": summaries.sources_table(_amap),
            "participants": summaries.participants_table(_amap), "queue": summaries.moderator_queue(_amap),
            "tree": summaries.thread_tree(_amap), "positions": summaries.positions_table(_amap),
            "left_out": left_out_counts(_amap)}


def claims_tab(amap: ArgumentMap, keep: cyto.MapFilter, rows: list[dict[str, Any]]) -> None:
    quick = st.segmented_control("Show", ["All", "Unsourced", "Contested", "Sourced"], default="All",
                                 key="quick", help="Unsourced: no source on the claim or its supporters")
    wanted = {"Unsourced": UNSOURCED, "Contested": ("contested", "sourced-and-contested", "rebutted-with-source"),
              "Sourced": ("sourced", "sourced-and-contested")}.get(quick or "All")
    if wanted:
        keep = replace(keep, statuses=tuple(s for s in wanted if not keep.statuses or s in keep.statuses) or ("-",))
    shown = {u.id for u in deb.kept_points(amap, keep)}
    table = [{"status": f"{BADGE.get(r['status'] or '', '')} {r.get('verdict') or r['status'] or 'not computed'}",
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
                 column_config={"link": st.column_config.LinkColumn("link", display_text="open link"),
                                "source": st.column_config.TextColumn("source", width="large")})


def participants_tab(rows: list[dict[str, Any]]) -> None:
    table = [{k.replace("_", " "): (plain(v, 60) or "(anonymous)") if k == "author" else v for k, v in r.items()}
             for r in rows]
    st.caption("Per participant: claims made and sourced, sources cited, rebuttals and support given and "
               "received, personal attacks. Click a column header to sort.")
    st.dataframe(table, hide_index=True, width="stretch")


QUEUE_TITLES = {"personal-attack": ":material/warning: Personal attacks",
                "attacked-unsourced-claim": ":material/bolt: Attacked claims with no source",
                "low-confidence-link": ":material/link: Reply links to confirm"}


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
    if r["kind"] == "personal-attack":
        cols[0].markdown(f"**#{c.index}** {who(r['author'])} :red[:material/arrow_forward: attacks] "
                         f"**{who(r['target'])}** :gray[\\({md(r['target_why'])}\\)] · confidence {r['confidence']:.2f}")
        cols[0].markdown(f"> “{md(r['quote'])}”")
        cols[0].caption(f"Why flagged: {md(r['why'])}{marker(r['corrected'])}")
    else:
        cols[0].markdown(f"**#{c.index}** {who(r['author'])} · confidence {r['confidence']:.2f} · "
                         f":gray[{md(r['why'])}]{marker(r['corrected'])}")
        cols[0].markdown(f"> {md(shorten(r['text'], 400))}")
    if not reviewing or r["corrected"]:
        return
    if r["kind"] == "personal-attack":
        cols[1].button("Confirm attack", key=f"q-ok-{key}", on_click=correct,
                       args=("personal-attack", c.id, "confirm"))
        cols[1].button("Not an attack", key=f"q-no-{key}", on_click=correct,
                       args=("personal-attack", c.id, "dismiss"))
    elif r["kind"] == "low-confidence-link" and c.parent_id:
        cols[1].button("Link is right", key=f"q-link-{key}", on_click=correct, args=("parent", c.id, c.parent_id),
                       help="Confirm that this comment replies to the one argmap picked")


PAGE = 40


def thread_tab(amap: ArgumentMap, rows: list[dict[str, Any]]) -> None:
    pages = max(1, -(-len(rows) // PAGE))
    top = st.columns([3, 1])
    top[0].markdown("The conversation as argmap reconstructed it. Only what needs a look is highlighted: "
                    ":orange-background[a claim with no source behind it] (with its status), "
                    ":red-background[the words of a personal attack]; claims that attack another are marked "
                    ":red[:material/close:], sourced claims :blue[:material/verified:], "
                    ":orange-badge[:material/attach_file: chips] are cited sources and "
                    ":orange-badge[inferred link] marks a reply link the tool rebuilt.")
    page = top[1].number_input("Page", 1, pages, 1, key="thread_page") if pages > 1 else 1
    attackers = {r.source for r in amap.relations if r.label == "attack"
                 and r.confidence >= DEFAULT.min_relation_confidence}
    for row in rows[(page - 1) * PAGE: page * PAGE]:
        comment_block(amap, row, attackers)


def comment_block(amap: ArgumentMap, row: dict[str, Any], attackers: set[str] = frozenset()) -> None:
    """One comment, indented by depth, what needs a look highlighted (all text escaped)."""
    depth = min(row["depth"], 8)
    body = st.columns([depth, 24 - depth])[1] if depth else st.container()
    with body.container(border=True):
        st.markdown(comment_heading(amap, row))
        if row["empty"]:
            st.markdown(":gray[_\\(no text\\)_]")
        else:
            attack = row["personal_attack"]
            words = summaries.attack_words(row["text"]) \
                if attack and attack["label"] == "personal-attack" else ""
            st.markdown(highlighted(row["text"], row["units"], attackers, words))
        for e in row["evidence"]:
            if e["confidence"] >= DEFAULT.min_evidence_confidence:
                evidence_chip(e, reviews(amap))


def highlighted(text: str, units: list[dict[str, Any]], attackers: set[str] | frozenset[str] = frozenset(),
                attack_words: str = "") -> str:
    """The comment as escaped Markdown, highlighting only what needs a look.

    A claim with no source behind it (unsourced, contested, rebutted-with-source) gets an
    orange background and its status badge; the sentence of a personal attack a red one;
    a sourced claim a small blue mark, a unit attacking another a red cross; quoted text
    is grey. Everything else is plain text. Only our own fixed colour names enter a
    directive; the text inside is escaped like every other piece.
    """
    out, pos, last_from = [], 0, None
    for u in sorted(units, key=lambda u: u["start"]):
        if u["start"] < pos or u["end"] > len(text):
            continue
        out.append(escape_inline(text[pos:u["start"]]))
        if u["quoted"] and u.get("verdict") and u["quoted_from"] != last_from:
            out.append(f":gray-badge[{escape_inline(u['verdict'], one_line=True)}] ")
        last_from = u["quoted_from"] if u["quoted"] else None
        piece = escape_inline(u["text"], one_line=True)
        mark = " :red[:material/close:]" if u["id"] in attackers and not u["quoted"] else ""
        if u["quoted"]:
            out.append(f":gray[{piece}]")
        elif attack_words and (attack_words.rstrip("…") in u["text"] or u["text"] in attack_words):
            out.append(f":red-background[{piece}]{mark}")
        elif u["status"] in UNSOURCED:
            out.append(f"{badge(u['status'])} :orange-background[{piece}]{mark}")
        elif u["status"]:
            out.append(f":blue[:material/verified:] {piece}{mark}")
        else:
            out.append(f"{piece}{mark}")
        out.append(marker(u["corrected"]))
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
                     f"{marker(link['corrected'])}")
    elif link.get("source") == "orphan":
        parts.append(f":red-badge[parent missing] :gray[{md(link['why'])}]")
    if row["stance"]:
        colour = {"support": "green", "attack": "red"}.get(row["stance"]["label"], "gray")
        parts.append(f":{colour}-badge[{row['stance']['label']}]{marker(row['stance']['corrected'])}")
    attack = row["personal_attack"]
    if attack and attack["label"] == "personal-attack":
        parts.append(f":red-badge[:material/warning: personal attack]{marker(attack['corrected'])}")
    return " · ".join(parts)


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
                            mime=ex.mime, key=f"dl-{fmt}", on_click="ignore", icon=":material/download:",
                            help=notes.get(fmt, fmt), width="stretch")


HOW_TO_READ = """
**What you are looking at.** argmap splits each comment into *units*: **claims** (what someone
asserts), **premises** (reasons given for a claim), **evidence** (what is cited), questions and the
rest. It links units that **support** (:green[:material/arrow_upward:]) or **attack** (:red[:material/close:]) each other and
looks for cited **sources**: links, reports, studies, news outlets, testimony, statistics.

**The colours and icons answer one question: does this claim have sourced support?**
:blue-badge[:material/verified: sourced]: it cites a source, or a unit backing it does.
:gray-badge[:material/help: unsourced]: no source, nobody objected.
:orange-badge[:material/bolt: contested, no sources]: attacked, and nobody on either side cites anything.
:red-badge[:material/cancel: rebutted with a source]: unsourced, attacked by someone who cites a source.
:violet-badge[:material/balance: sourced, contested]: sourced, and attacked. Each status has its own
icon and words as well as its colour, so the map reads in greyscale and with colour blindness.

**What counts as a claim.** A claim is a statement someone argues for (not a question, not
quoted from someone else), or a reason that others argue with; each has one status. The
header, the chart, the map, the Claims and Participants tabs count these same claims.

**The map** puts the article's thesis on top, then the claims *for* it on the left and
*against* it on the right. Under each claim come the claims that answer it: what supports it
(:green[:material/arrow_upward: supports]) first, then what attacks it (:red[:material/close: attacks]).
The most argued-over claims are drawn first; "more replies" unfolds a sub-thread and "Show more
claims" draws the next ones. **Positions** groups claims that say much the same into the few
points the debate turns on.

**Reading it well.** A source is not proof: check it (the Sources tab lists them). "Unsourced"
is not "false", and "contested" is not "wrong": it marks where the conversation needs evidence.
Every judgement carries a *confidence* (0 to 1) and a short *why*; low-confidence links are
guesses to confirm. Reply links marked *inferred* were rebuilt by the tool because the page lost
them. Stances (agree / disagree) are the tool's weakest judgement: on forums unlike its
training material, even a stance given 0.9 or more was right about 7 times in 10 when
measured, so treat a stance as a lead to check, not a verdict.

**For a class.** Pick a claim, follow its attacks, and ask: what would settle this? Which
source would you check first? Who is arguing with the claim, and who with the person?
"""
