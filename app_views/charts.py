"""At a glance: claims by status, and each participant's claims by status (Vega-Lite via Altair).

Counts come from :mod:`argmap.debate` (the same claims as the header and the tables);
author names reach the chart as data values, never as markup.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from argmap.model import STATUSES
from argmap.safetext import clean, shorten

from .common import BADGE, STATUS_HEX, STATUS_LOOK

ORDER = ("sourced", "sourced-and-contested", "rebutted-with-source", "contested", "unsourced")
TOP_PEOPLE = 7


def _name(status: str) -> str:
    """A status as the chart shows it: its glyph (in every common font) and words."""
    return f"{BADGE[status]} {STATUS_LOOK[status][2]}"


def _scale() -> alt.Scale:
    return alt.Scale(domain=[_name(s) for s in ORDER], range=[STATUS_HEX[s] for s in ORDER])


def status_chart(counts: dict[str, int]) -> None:
    rows = [{"status": _name(s), "claims": counts.get(s, 0), "order": i} for i, s in enumerate(ORDER)]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("status:N", sort=[r["status"] for r in rows], title=None,
                axis=alt.Axis(labelLimit=170, labelFontSize=11, ticks=False, domain=False, labelOverlap=False)),
        # room to the right of the longest bar for its count ("122" was clipped to "12")
        x=alt.X("claims:Q", title=None, axis=None,
                scale=alt.Scale(domain=[0, max(1, max(r["claims"] for r in rows)) * 1.25], nice=False)))
    bars = base.mark_bar(height=14, stroke="#31333f", strokeWidth=0.6).encode(
        color=alt.Color("status:N", scale=_scale(), legend=None),
        tooltip=[alt.Tooltip("status:N"), alt.Tooltip("claims:Q")])
    text = base.mark_text(align="left", dx=3, fontSize=12).encode(text="claims:Q")
    st.caption("Claims by status")
    st.altair_chart((bars + text).properties(height=118), width="stretch")


def people_chart(per_author: list[tuple[str, dict[str, int]]]) -> None:
    rows: list[dict[str, Any]] = []
    shown = per_author[:TOP_PEOPLE]
    for author, counts in shown:
        who = shorten(clean(author), 22) or "(the article)"
        for s in ORDER:
            if counts.get(s):
                rows.append({"who": who, "status": _name(s), "claims": counts[s], "rank": ORDER.index(s)})
    rest = len(per_author) - len(shown)
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(height=10, stroke="#31333f", strokeWidth=0.5).encode(
        y=alt.Y("who:N", sort=None, title=None,
                axis=alt.Axis(labelLimit=120, ticks=False, domain=False, labelFontSize=10, labelOverlap=False)),
        x=alt.X("sum(claims):Q", title=None, axis=alt.Axis(tickMinStep=1, grid=False, labelFontSize=10)),
        color=alt.Color("status:N", scale=_scale(), legend=None),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("who:N", title="participant"), alt.Tooltip("status:N"), alt.Tooltip("claims:Q")])
    st.caption("Claims per participant, by status" + (f" (top {len(shown)}; {rest} more in Participants)"
                                                       if rest > 0 else ""))
    st.altair_chart(bars.properties(height=17 * len(shown) + 12), width="stretch")


assert set(ORDER) == set(STATUSES)
