"""Sourced-support status of every claim.

Requires: relations, evidence. Assigns: statuses.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def status(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
