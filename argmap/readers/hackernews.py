"""Hacker News items: the nested tree the Algolia API returns (``/api/v1/items/ID``:
``children`` lists), or flat Firebase API items (``parent``/``kids``) as a JSON list or
one per line.

The top item (the story) is the root. Comment ``text`` is HTML and becomes plain text
(links keep their URL); ``>`` lines, HN's quoting habit, become quotes of the parent. Deleted and dead items are kept, flagged in ``meta``. Flat items
are ordered by each item's ``kids`` (the page's order) where given, else file order.

Example:
    >>> t = parse('{"id": 1, "type": "story", "title": "Ask HN", "author": "pg", "children": ['
    ...           '{"id": 2, "parent_id": 1, "author": "ann", "text": "<p>Yes &amp; no</p>", "children": []}]}')
    >>> [(c.id, c.parent_id, c.text) for c in t.comments]
    [('1', None, ''), ('2', '1', 'Yes & no')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited, scalars
from ._json import (
    Where,
    id_field,
    json_type,
    list_field,
    loads_document_or_lines,
    located_records,
    obj,
    text_field,
)
from ._text import html_to_text, strip_quote_marks, to_iso

NAME = "hackernews"
DESCRIPTION = "Hacker News items: Algolia tree (nested children) or flat items (parent/kids)"

_META = ("type", "points", "score", "url", "deleted", "dead", "descendants")


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse Hacker News items into a Thread (see the module docstring)."""
    data, is_lines = loads_document_or_lines(text, source)
    items = located_records(data, is_lines, source)
    if items is None:
        if isinstance(data, dict) and "children" in data:
            return _parse_tree(data, source, settings)
        if not isinstance(data, dict):
            raise Where(source).error(f"expected an item or a list of items, found {json_type(data)}")
        items = [(Where(source), data)]
    return _parse_flat(items, source, settings)


def _item(d: dict[str, Any], where: Where, parent: str | None) -> Raw:
    declared = id_field(d, ("parent_id", "parent"), where) or parent
    meta = {k: v for k, v in scalars(d).items() if k in _META and v is not None}
    html = text_field(d, ("text", "comment_text", "story_text"), where)
    text, spans = strip_quote_marks(html_to_text(html, mark_quotes=True))
    return Raw(id=id_field(d, ("id", "objectID"), where), parent=declared,
               author=text_field(d, ("author", "by"), where), text=text,
               created=to_iso(d.get("created_at", d.get("time", d.get("created_at_i")))),
               where=where.label(), meta=meta, parent_quotes=spans)


def _parse_tree(top: dict[str, Any], source: str, settings: Settings) -> Thread:
    where = Where(source)
    root = _item(top, where, None)
    if root.parent:
        root.meta["declared_parent_id"], root.parent = root.parent, None
    comments = list(limited(_walk(top, where, root.id), settings, source))
    return build_thread(NAME, root, comments, source=source, settings=settings,
                        title=text_field(top, ("title",), where))


def _walk(top: dict[str, Any], where: Where, root_id: str | None) -> Iterator[Raw]:
    """Depth-first over ``children`` with an explicit stack."""
    stack = [(k, where.at("children").at(i), root_id)
             for i, k in enumerate(list_field(top, "children", where))][::-1]
    while stack:
        value, w, parent = stack.pop()
        d = obj(value, w)
        raw = _item(d, w, parent)
        yield raw
        stack.extend((k, w.at("children").at(i), raw.id or parent)
                     for i, k in reversed(list(enumerate(list_field(d, "children", w)))))


def _parse_flat(items: list[tuple[Where, Any]], source: str, settings: Settings) -> Thread:
    records = [(w, obj(v, w)) for w, v in limited(items, settings, source)]
    if not records:
        raise Where(source).error("no items")
    raws = [_item(d, w, None) for w, d in records]
    top = next((i for i, r in enumerate(raws) if not r.parent), 0)
    root = raws[top]
    if root.parent:
        root.meta["declared_parent_id"], root.parent = root.parent, None
    order = _kids_order(records, raws, top)
    return build_thread(NAME, root, [raws[i] for i in order if i != top], source=source,
                        settings=settings, title=text_field(records[top][1], ("title",), records[top][0]))


def _kids_order(records: list[tuple[Where, dict]], raws: list[Raw], top: int) -> list[int]:
    """Item positions in page order: depth first along ``kids`` from the root, then the
    items ``kids`` did not reach, in file order."""
    pos = {r.id: i for i, r in reversed(list(enumerate(raws))) if r.id}
    seen, out = {top}, []
    stack = [top]
    while stack:
        i = stack.pop()
        out.append(i)
        w, d = records[i]
        kids = [pos.get(id_field({"k": k}, ("k",), w.at("kids"))) for k in list_field(d, "kids", w)]
        fresh = list(dict.fromkeys(k for k in kids if k is not None and k not in seen))
        seen.update(fresh)
        stack.extend(reversed(fresh))
    return out + [i for i in range(len(raws)) if i not in seen]
