"""MiniLM vectors for units and comments in one batched encode.

Requires: units. Assigns: vectors {'units', 'comments'}.

PLACEHOLDER: being written; returns its input unchanged until then.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..settings import DEFAULT, Settings


def embed(amap: ArgumentMap, *, encoder=None, settings: Settings = DEFAULT) -> ArgumentMap:
    return amap
