"""Generic JSON: a list of ``{id, parent_id, author, text, created}`` records (or
``{"title": ..., "comments": [...]}``, or one record per line).

Field names are matched loosely (see ``FIELDS``). When exactly one record has no parent it
is the root (the article); otherwise a new empty root is made and the parentless records
reply to it.

Example:
    >>> t = parse('[{"id": 1, "text": "Article"}, {"id": 2, "parent_id": 1, "author": "ann", "text": "No."}]')
    >>> [(c.id, c.parent_id, c.author) for c in t.comments]
    [('1', None, ''), ('2', '1', 'ann')]
"""

from __future__ import annotations

from typing import Any

from ..model import Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited, scalars, split_root
from ._json import Where, id_field, json_type, loads_document_or_lines, obj, text_field
from ._text import to_iso

NAME = "generic-json"
DESCRIPTION = "JSON list (or JSON lines) of {id, parent_id, author, text, created}"

FIELDS = {
    "id": ("id", "comment_id", "name"),
    "parent": ("parent_id", "parent", "reply_to", "in_reply_to", "replyto"),
    "author": ("author", "user", "username", "speaker", "by", "user_name", "author_name"),
    "text": ("text", "body", "message", "content", "comment"),
    "created": ("created", "created_at", "created_utc", "timestamp", "time", "date"),
}
_USED = frozenset(name for names in FIELDS.values() for name in names)


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse generic JSON records into a Thread (see the module docstring)."""
    data, is_lines = loads_document_or_lines(text, source)
    title = ""
    if is_lines:
        items = [(Where(source, n), v) for n, v in data]
    else:
        if isinstance(data, dict) and isinstance(data.get("comments"), list):
            title = text_field(data, ("title",), Where(source))
            data = data["comments"]
            base = Where(source).at("comments")
        else:
            base = Where(source)
        if not isinstance(data, list):
            raise base.error(f"expected a list of comment records, found {json_type(data)}")
        items = [(base.at(i), v) for i, v in enumerate(data)]
    return build_flat(NAME, items, source, settings, title=title)


def record_raw(d: dict[str, Any], where: Where, fields: dict[str, tuple[str, ...]] = FIELDS) -> Raw:
    """One generic record as a Raw (unknown scalar fields go to ``meta``)."""
    created = next((d[k] for k in fields["created"] if k in d), None)
    return Raw(id=id_field(d, fields["id"], where), parent=id_field(d, fields["parent"], where),
               author=text_field(d, fields["author"], where),
               text=text_field(d, fields["text"], where), created=to_iso(created),
               where=where.label(), meta=scalars(d, _USED))


def build_flat(fmt: str, items: list[tuple[Where, Any]], source: str, settings: Settings, *,
               title: str = "", fields: dict[str, tuple[str, ...]] = FIELDS) -> Thread:
    """Records -> Thread, the root chosen by :func:`split_root`."""
    raws = [record_raw(obj(v, w), w, fields) for w, v in limited(items, settings, source)]
    if not raws:
        raise Where(source).error("no comment records")
    root, rest, warnings = split_root(fmt, raws, title)
    return build_thread(fmt, root, rest, source=source, settings=settings, title=title,
                        warnings=warnings)
