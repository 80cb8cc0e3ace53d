"""At a glance: claims by status, and each participant's claims by status.

Drawn as small SVG pictures made here (:func:`status_svg`, :func:`people_svg`: pure functions,
no Streamlit) and shown with ``st.image``: the browser loads no chart library for them
(Vega-Lite and its Arrow data cost a new visitor about a third of a second on the
development machine, ``bench/app_speed.py``), and an SVG shown as an image runs no script.
Counts come from :mod:`argmap.debate` (the same claims as the header and the tables);
author names are XML-escaped text in the picture, never markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

import streamlit as st

from argmap.model import STATUSES
from argmap.safetext import clean, shorten

from .common import BADGE, STATUS_HEX, STATUS_LOOK

ORDER = ("sourced", "sourced-and-contested", "rebutted-with-source", "contested", "unsourced")
TOP_PEOPLE = 7
FONT = "font-family=\"'Source Sans Pro', 'DejaVu Sans', Arial, Helvetica, sans-serif\""  # an image has no web fonts
INK = "#31333f"


def _name(status: str) -> str:
    """A status as the chart shows it: its glyph (in every common font) and words."""
    return f"{BADGE[status]} {STATUS_LOOK[status][2]}"


def _text(x: float, y: float, words: str, size: int = 12, anchor: str = "start", fill: str = INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'dominant-baseline="middle">{escape(words)}</text>')


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" {FONT} role="img"><title>{escape(title)}</title>'
            + "".join(body) + "</svg>")


def status_svg(counts: dict[str, int], width: int = 380) -> str:
    """Claims per status: one bar per status (colour from ``STATUS_HEX``), its count at its end."""
    label_w, row_h, bar_h = 160, 22, 14
    room = width - label_w - 34  # the longest bar leaves room for its count
    top = max(1, max((counts.get(s, 0) for s in ORDER), default=0))
    body = []
    for i, s in enumerate(ORDER):
        n = counts.get(s, 0)
        y = 4 + i * row_h
        w = room * n / top
        body.append(_text(label_w - 6, y + bar_h / 2, _name(s), 11, "end"))
        if n:
            body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{STATUS_HEX[s]}" '
                        f'stroke="{INK}" stroke-width="0.6"/>')
        body.append(_text(label_w + w + 4, y + bar_h / 2, str(n), 12))
    words = "; ".join(f"{counts.get(s, 0)} {STATUS_LOOK[s][2]}" for s in ORDER)
    return _svg(width, 8 + len(ORDER) * row_h, body, f"Claims by status: {words}")


def people_svg(per_author: list[tuple[str, dict[str, int]]], width: int = 380) -> str:
    """Per participant (the first :data:`TOP_PEOPLE`): a bar of their claims, one segment per status."""
    shown = per_author[:TOP_PEOPLE]
    label_w, row_h, bar_h = 150, 19, 11
    room = width - label_w - 30
    top = max([1, *(sum(c.values()) for _, c in shown)])
    body = []
    for i, (author, counts) in enumerate(shown):
        y = 3 + i * row_h
        who = shorten(clean(author), 21) or "(the article)"
        body.append(_text(label_w - 6, y + bar_h / 2, who, 10, "end"))
        x = float(label_w)
        for s in ORDER:
            n = counts.get(s, 0)
            if n:
                w = room * n / top
                body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{STATUS_HEX[s]}" '
                            f'stroke="{INK}" stroke-width="0.5"/>')
                x += w
        body.append(_text(x + 4, y + bar_h / 2, str(sum(counts.values())), 11))
    title = "; ".join(f"{shorten(clean(a), 40) or 'the article'}: {sum(c.values())}" for a, c in shown)
    return _svg(width, 6 + max(1, len(shown)) * row_h, body, f"Claims per participant: {title}")


def status_chart(counts: dict[str, int]) -> None:
    st.caption("Claims by status")
    st.image(status_svg(counts))


def people_chart(per_author: list[tuple[str, dict[str, int]]]) -> None:
    rest = len(per_author) - min(len(per_author), TOP_PEOPLE)
    st.caption("Claims per participant, by status" + (f" (top {TOP_PEOPLE}; {rest} more in Participants)"
                                                       if rest > 0 else ""))
    st.image(people_svg(per_author))


assert set(ORDER) == set(STATUSES)
