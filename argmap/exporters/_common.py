"""What several exporters share: text made safe for XML and one-line formats, and the
propositions (argumentative nodes) of a map."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ArgumentMap

# XML 1.0 forbids C0 controls other than tab/newline/return, U+FFFE/U+FFFF and lone surrogates.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Everything that breaks a one-line format: controls (C0, DEL, C1), line and paragraph separators.
_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 cannot carry replaced by U+FFFD, and line ends
    as an XML parser reads them back (``\\r\\n`` and ``\\r`` become ``\\n``)."""
    return _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def xml_id(node_id: str) -> str:
    """A node id XML can carry, reversibly: ``\\`` doubled, a forbidden character as ``\\uXXXX``."""
    escaped = node_id.replace("\\", "\\\\")
    return _XML_BAD.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


def one_line(text: str) -> str:
    """``text`` on one line: every run of control characters becomes one space."""
    return _LINE_BAD.sub(" ", text).strip()


@dataclass(frozen=True)
class Proposition:
    """A node of the argument: a unit, or a whole comment when the map has no units."""

    id: str
    comment_id: str
    text: str
    kind: str


def propositions(amap: ArgumentMap) -> list[Proposition]:
    """The map's argumentative nodes in page order.

    Units of kind ``other`` are left out unless a relation names them. A comment is
    a node when the map has no units (only the reply tree is known yet) or when a
    relation names the comment itself.
    """
    named = {r.source for r in amap.relations} | {r.target for r in amap.relations}
    out = [Proposition(u.id, u.comment_id, u.text, u.kind) for u in amap.units
           if u.kind != "other" or u.id in named]
    whole = [c for c in amap.thread.comments
             if c.id in named or (not amap.units and not c.empty)]
    out += [Proposition(c.id, c.id, c.text, "comment") for c in whole]
    order = {c.id: c.index for c in amap.thread.comments}
    return sorted(out, key=lambda p: (order.get(p.comment_id, 0), p.kind != "comment"))
