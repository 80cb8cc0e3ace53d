"""Exports of an :class:`~argmap.model.ArgumentMap`: pure functions returning text.

``EXPORTERS`` maps a format name to ``(function, file extension, MIME type)``; the
CLI's ``--to`` and the app's download buttons use it.

Example:
    >>> from argmap.model import ArgumentMap, Comment, Thread
    >>> amap = ArgumentMap(thread=Thread("t", "T", "generic", (Comment("root", "", "Hi", None, 0),)))
    >>> fn, ext, mime = EXPORTERS["graphml"]
    >>> fn(amap).startswith("<?xml"), ext, mime
    (True, 'graphml', 'application/graphml+xml')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..errors import ArgmapError
from ..model import ArgumentMap
from .aif import to_aif
from .argdown import to_argdown
from .argmap_json import to_json
from .graphml import to_graphml
from .html_report import to_html


class Exporter(NamedTuple):
    """One export format: ``function(amap) -> str``, file extension, MIME type."""

    function: Callable[[ArgumentMap], str]
    extension: str
    mime: str


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(to_json, "json", "application/json"),
    "aif": Exporter(to_aif, "json", "application/json"),
    "graphml": Exporter(to_graphml, "graphml", "application/graphml+xml"),
    "argdown": Exporter(to_argdown, "argdown", "text/plain"),
    "html": Exporter(to_html, "html", "text/html"),
}


def export(amap: ArgumentMap, fmt: str) -> str:
    """``amap`` in format ``fmt`` (a key of :data:`EXPORTERS`).

    Raises:
        ArgmapError: an unknown format.
    """
    if fmt not in EXPORTERS:
        raise ArgmapError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
    return EXPORTERS[fmt].function(amap)


__all__ = ["EXPORTERS", "Exporter", "export", "to_aif", "to_argdown", "to_graphml", "to_html", "to_json"]
