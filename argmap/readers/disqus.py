"""Disqus XML export: ``<thread dsq:id>`` elements, then ``<post>`` elements naming their
``<thread dsq:id>`` and, for replies, their ``<parent dsq:id>``.

``<message>`` is HTML and becomes plain text. Posts marked ``<isDeleted>`` or ``<isSpam>``
are kept, flagged in ``meta``. An export holding several discussions is read for the one
with the most posts; the others are named in the warnings. Documents declaring XML
entities are refused (entity expansion attacks).

Example:
    >>> xml = ('<disqus xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="7">'
    ...        '<title>Post</title></thread><post dsq:id="1"><message>&lt;p&gt;Hi&lt;/p&gt;</message>'
    ...        '<author><name>Ann</name></author><thread dsq:id="7"/></post></disqus>')
    >>> [(c.id, c.author, c.text, c.parent_id) for c in parse(xml).comments]
    [('thread-7', '', '', None), ('1', 'Ann', 'Hi', 'thread-7')]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..errors import ThreadFormatError
from ..model import ParentLink, Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited
from ._text import html_to_text, strip_quote_marks, to_iso

NAME = "disqus"
DESCRIPTION = "Disqus XML export (<thread>, <post> with <parent>, <isDeleted>, <isSpam>)"

_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse a Disqus export into a Thread (see the module docstring)."""
    doc = _load(text, source)
    posts = list(limited((p for p in doc.iter() if _local(p.tag) == "post"), settings, source))
    counts = Counter(_ref(p, "thread") for p in posts)
    if not counts:  # a discussion nobody has commented on yet
        counts = Counter(_dsq_id(t) for t in doc.iter() if _local(t.tag) == "thread" and len(t))
    if not counts:
        raise ThreadFormatError("no <thread> or <post> elements: not a Disqus export", source=source)
    chosen, n = counts.most_common(1)[0]
    warnings = [f"the export holds {len(counts)} discussions; read thread {chosen} ({n} posts), "
                f"skipped {len(posts) - n} posts of the others"] if len(counts) > 1 and posts else []
    root, title = _root(doc, chosen)
    raws = [_post(p, i) for i, p in enumerate(posts, 1) if _ref(p, "thread") == chosen]
    return build_thread(NAME, root, raws, source=source, settings=settings, title=title,
                        warnings=warnings)


def _load(text: str, source: str) -> ET.Element:
    if _ENTITY.search(text):
        raise ThreadFormatError("XML declares entities, which argmap refuses to expand",
                                source=source)
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ThreadFormatError(f"not well-formed XML (column {column + 1})", source=source,
                                line=line) from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _text(el: ET.Element, *path: str) -> str:
    for name in path:
        found = _child(el, name)
        if found is None:
            return ""
        el = found
    return "".join(el.itertext()).strip()


def _dsq_id(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    return next((v for k, v in el.attrib.items() if _local(k) == "id" and v), None)


def _ref(post: ET.Element, name: str) -> str | None:
    """The ``dsq:id`` of a post's ``<thread>`` or ``<parent>``."""
    return _dsq_id(_child(post, name))


def _root(doc: ET.Element, thread_id: str | None) -> tuple[Raw, str]:
    for el in doc.iter():
        if _local(el.tag) == "thread" and _dsq_id(el) == thread_id and len(el):
            raw = Raw(id=f"thread-{thread_id}", parent=None, author=_author(el),
                      text=html_to_text(_text(el, "message")),
                      created=to_iso(_text(el, "createdAt")), where="thread",
                      meta={"link": _text(el, "link")})
            return raw, _text(el, "title")
    why = f"Disqus thread {thread_id}, whose <thread> element is not in this file"
    return Raw(id=f"thread-{thread_id}", parent=None, where="thread", meta={"placeholder": True},
               link=ParentLink("root", 1.0, why)), ""


def _author(el: ET.Element) -> str:
    return _text(el, "author", "name") or _text(el, "author", "username")


def _post(post: ET.Element, number: int) -> Raw:
    meta: dict[str, object] = {}
    for flag, key in (("isDeleted", "deleted"), ("isSpam", "spam")):
        if _text(post, flag).lower() == "true":
            meta[key] = True
    username = _text(post, "author", "username")
    if username:
        meta["username"] = username
    text, spans = strip_quote_marks(html_to_text(_text(post, "message"), mark_quotes=True))
    return Raw(id=_dsq_id(post) or _text(post, "id") or None, parent=_ref(post, "parent"),
               author=_author(post), text=text, created=to_iso(_text(post, "createdAt")),
               where=f"post {number}", meta=meta, parent_quotes=spans)
