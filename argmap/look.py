"""How each claim status looks, defined once: colour, icon, glyph, words and meaning.

Every view draws a status from this table: the app's badges, legend, charts and tables
(``app_views.common`` derives its Streamlit forms from it), the Cytoscape.js stylesheet and
legend (:mod:`argmap.cytoscape`) and the colour-blind check (``bench/colourblind.py``).
No Streamlit here: ``icon`` is a Material Symbols name, which the app writes as
``:material/<icon>:``.

Colours avoid red/green pairs. They were chosen with ``bench/colourblind.py``: every pair at
least 11 ΔE apart under deuteranopia, protanopia, tritanopia and in greyscale (lightness runs
dark blue -> violet -> vermilion -> amber -> pale grey), and each status also has its own
icon (a shape that survives greyscale) and words.

Example:
    >>> STATUS_LOOKS["sourced"].words, STATUS_LOOKS["sourced"].icon
    ('sourced', 'verified')
    >>> look_of(None) is NO_STATUS
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import STATUSES


@dataclass(frozen=True)
class StatusLook:
    """One status as every view shows it.

    Attributes:
        hex: solid colour (chart bars, graph nodes).
        colour: the matching named colour for Streamlit Markdown badges.
        icon: a Material Symbols icon name.
        glyph: a character in every common font (no emoji), for table cells and option lists.
        words: the short words on a badge.
        meaning: what the status means to a reader (legend, help).
    """

    hex: str
    colour: str
    icon: str
    glyph: str
    words: str
    meaning: str


STATUS_LOOKS: dict[str, StatusLook] = {
    "sourced": StatusLook("#0d47a1", "blue", "verified", "●", "sourced",
                          "cites a source, or is backed by a unit that does"),
    "sourced-and-contested": StatusLook("#7b4fc4", "violet", "balance", "◐", "sourced, contested",
                                        "sourced, and attacked by someone"),
    "rebutted-with-source": StatusLook("#f4511e", "red", "cancel", "✕", "rebutted with a source",
                                       "unsourced, attacked by a unit that cites a source"),
    "contested": StatusLook("#f9a825", "orange", "bolt", "▲", "contested, no sources",
                            "attacked, no source on either side"),
    "unsourced": StatusLook("#e6e9ef", "gray", "help", "○", "unsourced", "no source, not attacked"),
}
NO_STATUS = StatusLook("#cfd8dc", "gray", "remove", "·", "no status", "status not computed")


def look_of(status: str | None) -> StatusLook:
    """The look of ``status``; :data:`NO_STATUS` for None, "" or an unknown value."""
    return STATUS_LOOKS.get(status or "", NO_STATUS)


assert set(STATUS_LOOKS) == set(STATUSES), "every status has a look"
