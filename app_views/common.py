"""What every view shares: escaping helpers, badges and markers, source chips.

Thread text is untrusted: everything here turns it into inert Markdown or plain
table cells (see :mod:`argmap.safetext`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from argmap.look import NO_STATUS, STATUS_LOOKS
from argmap.model import ArgumentMap
from argmap.safetext import clean, escape_markdown, markdown_url, shorten

# How each status looks is defined once, in argmap.look (colour, Material icon, glyph, words,
# meaning; colours checked for colour-blind readers and greyscale with bench/colourblind.py).
# These are its Streamlit forms; "" is a claim with no status.
_LOOKS = {**STATUS_LOOKS, "": NO_STATUS}
STATUS_LOOK: dict[str, tuple[str, str, str]] = {  # status: (Streamlit colour, Material icon, short words)
    s: (look.colour, f":material/{look.icon}:", look.words) for s, look in _LOOKS.items()}
STATUS_HEX = {s: look.hex for s, look in _LOOKS.items()}  # solid colours: chart bars
# glyphs in every common font (no emoji) mark statuses where Material icons cannot go:
# table cells, selectbox options
BADGE = {s: look.glyph for s, look in _LOOKS.items()}
STATUS_MEANING = {s: look.meaning for s, look in _LOOKS.items()}
RELATION_LOOK = {"support": ("green", ":material/arrow_upward:", "supports"),
                 "attack": ("red", ":material/close:", "attacks"),
                 "reply": ("gray", ":material/subdirectory_arrow_right:", "replies to")}
CLAIM_HELP = ("A **claim** is a statement someone argues for (not a question, not quoted from someone "
              "else), or a reason others argue with; each has one sourced-support status. The header, the "
              "chart, the map, the Claims tab and the Participants tab all count these same claims.")


def badge(status: str | None) -> str:
    """A status as a coloured badge with its icon and words (our fixed vocabulary only)."""
    colour, icon, words = STATUS_LOOK.get(status or "", STATUS_LOOK[""])
    return f":{colour}-badge[{icon} {words}]"


def relation_tag(label: str) -> str:
    """"supports" / "attacks" / "replies to" with its icon, coloured."""
    colour, icon, words = RELATION_LOOK.get(label, RELATION_LOOK["reply"])
    return f":{colour}[{icon} **{words}**]"


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


def marker(is_corrected: bool) -> str:
    """A visible mark on a value a person corrected (``argmap.corrections.corrected`` says which)."""
    return " :blue-badge[:material/edit: corrected]" if is_corrected else ""


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


def reviews(amap: ArgumentMap) -> dict[str, Any]:
    """Reviewers' verdicts on sources, by source name (see argmap.corrections)."""
    return dict(amap.meta.get("source_reviews") or {})


def evidence_chip(e: Any, reviews: dict[str, Any] | None = None) -> None:
    """One cited source (an Evidence or its dict): kind chip, its words, a link only when plain http(s),
    and a reviewer's verdict on the source when there is one."""
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k)
    verdict = (reviews or {}).get(get("source")) or {}
    raw = get("url")
    url = markdown_url(raw)
    link = f" [open link :material/open_in_new:]({url})" if url else (" :gray[\\(link not clickable\\)]" if raw else "")
    review = {"verified": " :green-badge[:material/check: verified]",
              "unreliable": " :red-badge[:material/block: unreliable]"}.get(verdict.get("verdict"), "")
    st.markdown(f":orange-badge[:material/attach_file: {get('kind')}] {md(shorten(get('source') or get('text'), 160))}"
                f"{link}{review}{marker(bool(verdict))}")
