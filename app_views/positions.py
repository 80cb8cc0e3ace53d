"""The Positions tab: the few positions the debate turns on (rows from argmap.summaries)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from argmap.positions import LEFT_OUT
from argmap.safetext import shorten

from .common import badge, md, who

SIDE_LOOK = {"for": ":blue-badge[:material/thumb_up: for the thesis]",
             "against": ":orange-badge[:material/thumb_down: against the thesis]",
             "mixed": ":gray-badge[:material/swap_horiz: both sides]",
             "unclear": ":gray-badge[:material/more_horiz: side unclear]"}


CITES = ":blue-badge[:material/attach_file: cites a source]"


def positions_tab(rows: list[dict[str, Any]], out: dict[str, int]) -> None:
    """The positions (``rows``, :func:`argmap.summaries.positions_table`) and how many argued points
    are in none, per reason (``out``, :func:`argmap.positions.left_out_counts`; both cached per
    analysis with the other tables)."""
    st.caption("The positions the debate turns on: claims that say much the same, grouped (MiniLM vectors and a "
               "small head trained on IBM ArgKP key points), each named by its most representative claim that reads "
               "on its own. A sentence that cites a source and makes a point of its own is a member, and counts as "
               "sourced. Questions, personal attacks, remarks spoken to other participants and asides off the "
               "article's topic are left out. Most prevalent first.")
    if out:
        st.caption("In no position: " + ", ".join(f"{n} {LEFT_OUT[why][0 if n == 1 else 1]}"
                                                  for why, n in sorted(out.items(), key=lambda x: -x[1])) + ".")
    if not rows:
        st.info("No positions: the thread has too few claims, or none repeat one another.")
        return
    for r in rows:
        with st.container(border=True, key=f"position-{r['id']}"):
            st.markdown(f"**{md(shorten(r['label'], 220))}**")
            share = round(100 * r["sourced_share"])
            st.markdown(f"{SIDE_LOOK.get(r['side'], '')} · :material/forum: **{r['comments']}** comment"
                        f"{'s' if r['comments'] != 1 else ''} · :material/group: **{r['participants']}** "
                        f"participant{'s' if r['participants'] != 1 else ''} · :material/attach_file: "
                        f"{share}% sourced · :gray[confidence {r['confidence']:.2f}: {md(r['why'])}]")
            reb = r["rebuttal"]
            if reb:
                src = " :blue-badge[:material/verified: with a source]" if reb["sourced"] else ""
                st.markdown(f":red[:material/close: **Strongest rebuttal**]{src} by {who(reb['author'])} "
                            f"(#{reb['index']}): {md(shorten(reb['text'], 220))}")
            else:
                st.caption("Nobody attacked this position.")
            with st.expander(f"The {len(r['members'])} claims in it"):
                for m in r["members"]:
                    place = f"#{m['index']}" if m["index"] else "the article"
                    look = CITES if m.get("kind") == "evidence" else badge(m["status"])
                    st.markdown(f"- {look} {who(m['author']) if m['author'] else ''} "
                                f":gray[{place}]: {md(shorten(m['text'], 200))}")
