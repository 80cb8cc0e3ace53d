"""The ``argmap/1`` JSON document: lossless, ``ArgumentMap.from_json(to_json(m)) == m``."""

from __future__ import annotations

from ..model import ArgumentMap


def to_json(amap: ArgumentMap) -> str:
    """The map as indented ``argmap/1`` JSON (UTF-8 text, controls escaped by JSON).

    Example:
        >>> from argmap.model import Comment, Thread
        >>> t = Thread("t", "T", "generic", (Comment("root", "", "Hi", None, 0),))
        >>> ArgumentMap.from_json(to_json(ArgumentMap(thread=t))) == ArgumentMap(thread=t)
        True
    """
    return amap.to_json(indent=2) + "\n"
