"""The JSON of a Reddit thread page (``…/comments/ID/.json``): ``[post listing, comment listing]``.

Comments nest through ``data.replies`` (a Listing, or ``""`` when there are none); the tree
is walked with an explicit stack, so depth is bounded only by Python's JSON parser
(about 250 reply levels, four JSON levels each). ``more`` stubs (replies the page did not
load) are counted and reported in the thread's warnings and ``meta``.

Example:
    >>> page = ('[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_x",'
    ...         ' "title": "CMV", "selftext": "", "author": "op"}}]}},'
    ...         ' {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"name": "t1_a",'
    ...         ' "parent_id": "t3_x", "author": "ann", "body": "&gt; CMV\\\\n\\\\nNo.", "replies": ""}}]}}]')
    >>> t = parse(page)
    >>> t.title, t.comments[1].text, t.comments[1].quotes[0].source_id
    ('CMV', 'CMV\\n\\nNo.', 't3_x')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import ParentLink, Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited
from ._json import Where, json_type, list_field, loads, obj
from ._reddit import comment_raw, submission_raw

NAME = "reddit-json"
DESCRIPTION = "Reddit thread page JSON: [post listing, comment listing] with nested replies"


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse a Reddit thread page's JSON into a Thread (see the module docstring)."""
    where = Where(source)
    data = loads(text, where)
    post_listing, comment_listing = _listings(data, where)
    root, title = _root(post_listing, where.at(0))
    stubs: list[int] = []
    at = where.at(0 if post_listing is None else 1).at("data")
    comments = list(limited(_walk(comment_listing, at, root.id, stubs), settings, source))
    warnings = []
    if stubs:
        warnings.append(f"{len(stubs)} 'more' stubs stand for {sum(stubs)} comments that are not "
                        "in this file (the page had not loaded them)")
    meta = {"more_stubs": len(stubs), "more_comments": sum(stubs)}
    return build_thread(NAME, root, comments, source=source, settings=settings, title=title,
                        warnings=warnings, meta=meta)


def _listings(data: Any, where: Where) -> tuple[dict | None, dict]:
    """``(post listing or None, comment listing)`` from a page or a bare comment listing."""
    if isinstance(data, dict):
        return None, _listing(data, where)
    if not isinstance(data, list) or not 1 <= len(data) <= 2:
        raise where.error(f"expected [post listing, comment listing], found {json_type(data)}"
                          + (f" of {len(data)} items" if isinstance(data, list) else ""))
    if len(data) == 1:
        return None, _listing(data[0], where.at(0))
    return _listing(data[0], where.at(0)), _listing(data[1], where.at(1))


def _listing(value: Any, where: Where) -> dict[str, Any]:
    d = obj(value, where)
    if d.get("kind") != "Listing":
        raise where.error(f"expected kind 'Listing', found {d.get('kind')!r}", "kind")
    return obj(d.get("data"), where.at("data"))


def _root(listing: dict | None, where: Where) -> tuple[Raw, str]:
    if listing is not None:
        for i, child in enumerate(list_field(listing, "children", where.at("data"))):
            w = where.at("data").at("children").at(i)
            if obj(child, w).get("kind") == "t3":
                return submission_raw(obj(child.get("data"), w.at("data")), w.at("data"))
    why = "the submission, which is not in this file"
    return Raw(id="t3_unknown", parent=None, where="root", link=ParentLink("root", 1.0, why),
               meta={"placeholder": True}), ""


def _walk(listing: dict, where: Where, root_id: str, stubs: list[int]) -> Iterator[Raw]:
    """Comments in page order (depth first), without recursion; ``more`` stubs counted."""
    stack = [(child, where.at("children").at(i), root_id)
             for i, child in enumerate(list_field(listing, "children", where))][::-1]
    while stack:
        child, w, parent = stack.pop()
        kind = obj(child, w).get("kind")
        data = obj(child.get("data"), w.at("data"))
        if kind == "more":
            stubs.append(_more_count(data, w.at("data")))
            continue
        if kind != "t1":
            raise w.error(f"expected a comment (kind 't1' or 'more'), found {kind!r}", "kind")
        raw = comment_raw(data, w.at("data"), parent)
        yield raw
        replies = data.get("replies")
        if replies:
            rw = w.at("data").at("replies")
            kids = list_field(_listing(replies, rw), "children", rw.at("data"))
            stack.extend((k, rw.at("data").at("children").at(i), raw.id or parent)
                         for i, k in reversed(list(enumerate(kids))))


def _more_count(data: dict[str, Any], where: Where) -> int:
    count = data.get("count")
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count
    return len(list_field(data, "children", where))

