"""Infer each comment's parent where the page lost it.

Requires: thread, vectors['comments']. Assigns: parent_id/parent for comments whose parent.source == 'inferred'.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def reconstruct(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
