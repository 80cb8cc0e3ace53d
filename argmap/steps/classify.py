"""Unit kinds: claim, premise, evidence, question, other.

Requires: units, vectors. Assigns: unit kind/confidence/why.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def classify(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
