"""Sourced-support status of every claim, computed over the support/attack graph.

Requires: units, evidence, relations. Assigns: statuses (one :class:`ClaimStatus`
per *argued point*, in unit order).

The rule (which units are argued points, when one is sourced, attacked, rebutted with a
source) and the support graph it is decided on live in :mod:`argmap.query`, which the
summaries, the HTML report and the app ask too.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import ArgumentMap
from ..query import SupportGraph, argued_points, claim_status
from ..settings import DEFAULT, Settings


def status(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Assign ``statuses``: one :class:`ClaimStatus` per argued point (the rule is
    :mod:`argmap.query`'s; evidence from a source a moderator marked unreliable in
    ``meta["source_reviews"]`` sources nothing)."""
    g = SupportGraph(amap, settings)
    return replace(amap, statuses=tuple(claim_status(g, u) for u in argued_points(g)))
