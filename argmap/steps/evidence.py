"""Cited evidence and sources, typed.

Requires: units. Assigns: evidence.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def find_evidence(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
