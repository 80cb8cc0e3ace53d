"""Split every comment into argumentative units (sentences or clauses).

Requires: thread. Assigns: units (kind provisional), quoted flags from comment quotes.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def segment(amap: ArgumentMap, *, nlp=None, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
