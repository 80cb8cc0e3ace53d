"""Stance to parent and to root, personal-attack flags.

Requires: reply tree, units, vectors. Assigns: comment_labels.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def stance(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
