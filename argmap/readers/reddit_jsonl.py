"""Reddit API comment objects, one JSON object per line (as PRAW or Pushshift dump them;
a JSON list of them works too).

Fields used: ``name`` (``t1_…``; or ``id``), ``parent_id``, ``link_id`` (``t3_…``, the
submission), ``author`` or ``author_name``, ``body`` (Markdown; ``>`` lines become
quotes of the parent), ``created_utc``. A line whose name is ``t3_…`` is the submission
and becomes the root; without one, the root is an empty placeholder named after the
comments' ``link_id``. The first comment's parent is often not in the file: it is
attached to the root and reported.

Example:
    >>> t = parse('{"name": "t1_a", "parent_id": "t3_x", "link_id": "t3_x", "author": "ann", "body": "Hi"}')
    >>> [(c.id, c.parent_id) for c in t.comments]
    [('t3_x', None), ('t1_a', 't3_x')]
"""

from __future__ import annotations

from typing import Any

from ..model import ParentLink, Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited
from ._json import Where, id_field, loads_document_or_lines, located_records, obj
from ._reddit import comment_raw, is_submission, submission_raw

NAME = "reddit-jsonl"
DESCRIPTION = "Reddit API comment objects, one JSON object per line (name, parent_id, link_id, body)"


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse JSON Lines of Reddit comments into a Thread (see the module docstring)."""
    records = [(w, obj(v, w)) for w, v in limited(_items(text, source), settings, source)]
    if not records:
        raise Where(source).error("no comment objects")
    root, title, warnings = _root(records, source)
    comments = [comment_raw(d, w) for w, d in records if d is not root[1]]
    for raw in comments:
        if raw.parent is None:
            warnings.append(f"{raw.where}: no parent_id; treated as a top-level comment")
    return build_thread(NAME, root[0], comments, source=source, settings=settings, title=title,
                        warnings=warnings, meta={"link_id": root[0].id})


def _items(text: str, source: str) -> list[tuple[Where, Any]]:
    """``(where, value)`` per comment: JSON lines, or a JSON list of comment objects."""
    data, is_lines = loads_document_or_lines(text, source)
    items = located_records(data, is_lines, source)
    return items if items is not None else [(Where(source, 1), data)]


def _root(records: list[tuple[Where, dict[str, Any]]],
          source: str) -> tuple[tuple[Raw, Any], str, list[str]]:
    """The submission line if there is one, else a placeholder for the ``link_id``."""
    for where, d in records:
        if is_submission(d, where):
            raw, title = submission_raw(d, where)
            return (raw, d), title, []
    link = next((lk for w, d in records if (lk := id_field(d, ("link_id",), w))), None)
    if link is None:
        link = next((p for w, d in records
                     if (p := id_field(d, ("parent_id",), w) or "").startswith("t3_")), "t3_unknown")
    why = f"the submission {link}, which is not in this file"
    return (Raw(id=link, parent=None, where="root", link=ParentLink("root", 1.0, why),
                meta={"placeholder": True}), None), "", []
