"""Support/attack relations between units.

Requires: comment_labels, units. Assigns: relations.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def relate(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
