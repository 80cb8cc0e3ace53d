"""Reasons as codes: what a judgement rests on, rendered to the ``why`` text a moderator reads.

Code decides on :attr:`Reason.code` (never on the rendered text); :func:`render` turns a
list of reasons into the one-line ``why``. ``detail`` carries the words the reason quotes
(already shortened by whoever found them).

Example:
    >>> render([Reason("quotes", "factual backup"), Reason("disagree-open", "No,")])
    "quotes 'factual backup'; opens with disagreement ('No,')"
    >>> Reason("may-be-sarcastic").text
    'may be sarcastic or rhetorical'
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATES: dict[str, str] = {
    # which part of the parent a reply answers
    "quotes": "quotes '{}'",
    "echoes": "repeats '{}'",
    "closest": "closest in meaning to '{}'",
    "whole-comment": "answers the whole comment",
    "title": "answers the title",
    # cues
    "echo-negates": "repeats '{}' and negates it",
    "disagree-open": "opens with disagreement ('{}')",
    "disputes": "disputes the parent's point",
    "challenging-question": "answers with a challenging question",
    "contrasts": "contrasts with the parent",
    "agree-open": "opens with agreement ('{}')",
    "says-agrees": "says it agrees",
    "adds-to": "adds to the parent's point ('{}')",
    "echoes-wording": "echoes the parent's wording",
    "concedes": "concedes a point, then contrasts",
    "asks": "asks a question",
    # whom an insult hits
    "attacks-author": "attacks the author ({})",
    "sides-against-third": "sides with the parent against someone else ({})",
    "may-be-sarcastic": "may be sarcastic or rhetorical",
    # the head alone
    "reads-support": "reads as agreement with the parent",
    "reads-attack": "reads as disagreement with the parent",
    "no-clear-side": "takes no clear side",
    # no side whatever the head says
    "no-text": "no text to judge",
    "removed": "deleted or removed: no text to judge",
    "parent-no-text": "the parent has no text to take a side on",
    "spam": "looks like advertising or spam, not a reply",
    # a community head decided
    "learned": "{}",
    # free text (a reason from elsewhere, already worded)
    "text": "{}",
}


@dataclass(frozen=True)
class Reason:
    """A reason code (a key of :data:`TEMPLATES`) and the words it quotes, if any."""

    code: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise ValueError(f"unknown reason code {self.code!r}")

    @property
    def text(self) -> str:
        return TEMPLATES[self.code].format(self.detail)


def render(reasons: list[Reason], limit: int = 2) -> str:
    """The first ``limit`` reasons as one ``why`` line, joined by '; '."""
    return "; ".join(r.text for r in reasons[:limit])
