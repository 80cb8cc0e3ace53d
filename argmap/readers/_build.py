"""Turn a reader's raw records into a :class:`Thread` that keeps every invariant.

Every structured reader yields :class:`Raw` records in file order and calls
:func:`build_thread`, which is where the hard cases are decided once for all formats:

* missing id: a generated ``auto-N`` id, reported;
* duplicate id: the later comment is renamed ``ID~2`` (``~3`` ...), reported; replies
  naming the id go to its first holder;
* missing parent (orphan): attached to the root with source ``orphan``, the declared
  id kept in ``meta["declared_parent_id"]``, reported;
* reply cycle (a self-reply included): broken at the cycle's first comment in file
  order, which is attached to the root as an orphan, reported;
* children listed before their parents: moved to just after the parent, otherwise
  file order is kept (file order is page order);
* more than ``Settings.max_comments`` comments, or replies nested deeper than
  ``Settings.max_depth``: :class:`ThreadFormatError`.

Nothing here recurses, so a 10,000-deep chain is fine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ThreadFormatError
from ..model import Comment, ParentLink, Quote, Thread
from ..settings import Settings

ROOT_WHY = "the thread's root (the article or submission)"


@dataclass
class Raw:
    """One comment as a reader found it, before ids and parents are checked.

    Attributes:
        id: the format's id (``None`` or ``""`` when missing).
        parent: the declared parent id; ``None`` means top-level (a reply to the root).
        where: where it is in the file, for messages ("line 3", "post 7").
        parent_quotes: ``(start, end)`` spans of ``text`` quoting the parent.
        link: a fixed parent link (page copies); ``parent`` is then the root id or the id
            of an earlier comment of the same file.
    """

    id: str | None
    parent: str | None
    author: str = ""
    text: str = ""
    created: str | None = None
    where: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    parent_quotes: tuple[tuple[int, int], ...] = ()
    link: ParentLink | None = None


@dataclass
class _Node:
    raw: Raw
    id: str
    pos: int
    parent: str = ""
    link: ParentLink | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def build_thread(fmt: str, root: Raw, comments: Iterable[Raw], *, source: str,
                 settings: Settings, title: str = "", thread_id: str = "",
                 warnings: Iterable[str] = (), meta: dict[str, Any] | None = None) -> Thread:
    """Check and order raw records into a Thread (see the module docstring)."""
    notes: list[str] = list(warnings)
    nodes = _collect(root, comments, settings, source)
    first = _assign_ids(nodes, notes)
    for node in nodes[1:]:
        _resolve_parent(fmt, node, nodes[0].id, first, notes)
    _break_cycles(nodes, notes)
    order = _order(nodes)
    _check_depth(order, settings, source)
    out = tuple(_to_comment(n, i, order) for i, n in enumerate(order))
    return Thread(id=thread_id or nodes[0].id, title=title, source_format=fmt, comments=out,
                  warnings=tuple(notes), meta=dict(meta or {}))


def _collect(root: Raw, comments: Iterable[Raw], settings: Settings, source: str) -> list[_Node]:
    nodes = [_Node(root, "", 0)]
    for raw in comments:
        if len(nodes) > settings.max_comments:
            raise ThreadFormatError(
                f"more than {settings.max_comments:,} comments (Settings.max_comments); "
                f"stopped at {raw.where or 'comment ' + str(len(nodes))}", source=source)
        nodes.append(_Node(raw, "", len(nodes)))
    return nodes


def _assign_ids(nodes: list[_Node], notes: list[str]) -> dict[str, _Node]:
    """Give every node a unique id; return original id -> its first holder."""
    taken = {n.raw.id for n in nodes if n.raw.id}
    first: dict[str, _Node] = {}
    for n in nodes:
        rid = n.raw.id
        if not rid:
            n.id = _fresh(f"auto-{n.pos}", taken, f"auto-{n.pos}")
            notes.append(f"{_where(n)}: no id; called it {n.id}")
        elif rid in first:
            n.id = _fresh(rid, taken, rid + "~2")
            n.meta["original_id"] = rid
            notes.append(f"{_where(n)}: id {rid} repeats an earlier comment's id; kept as {n.id} "
                         f"(replies to {rid} go to the first one)")
        else:
            n.id = rid
            first[rid] = n
    return first


def _fresh(base: str, taken: set[str], candidate: str) -> str:
    """``candidate``, or ``base~2``, ``base~3``... whichever is free first."""
    k = 2
    while candidate in taken:
        candidate = f"{base}~{k}"
        k += 1
    taken.add(candidate)
    return candidate


def _where(n: _Node) -> str:
    return n.raw.where or f"comment {n.pos}"


def _resolve_parent(fmt: str, n: _Node, root_id: str, first: dict[str, _Node],
                    notes: list[str]) -> None:
    declared = n.raw.parent
    if n.raw.link is not None:
        n.parent = first[declared].id if declared in first and first[declared] is not n else root_id
        n.link = n.raw.link
    elif not declared:
        n.parent, n.link = root_id, ParentLink("explicit", 1.0, f"{fmt} marks it top-level")
    elif declared == root_id or (declared in first and first[declared] is not n):
        target = root_id if declared == root_id else first[declared].id
        n.parent, n.link = target, ParentLink("explicit", 1.0, f"{fmt} gives parent {declared}")
    else:
        problem = "is itself" if declared == n.raw.id else "is not in this file"
        _orphan(n, root_id, f"declared parent {declared} {problem}", notes)


def _orphan(n: _Node, root_id: str, problem: str, notes: list[str]) -> None:
    n.meta["declared_parent_id"] = n.raw.parent
    n.parent = root_id
    n.link = ParentLink("orphan", 1.0, f"{problem}; attached to the root")
    notes.append(f"{_where(n)}: comment {n.id}: {problem}; attached to the root")


def _break_cycles(nodes: list[_Node], notes: list[str]) -> None:
    """Cut every reply cycle at its first comment in file order (each node walked once)."""
    by_id = {n.id: n for n in nodes}
    reaches_root = {nodes[0].id}
    for start in nodes[1:]:
        path: list[_Node] = []
        on_path: set[str] = set()
        cur = start
        while cur.id not in reaches_root and cur.id not in on_path:
            path.append(cur)
            on_path.add(cur.id)
            cur = by_id[cur.parent]
        if cur.id in on_path:
            cycle = path[path.index(cur):]
            cut = min(cycle, key=lambda c: c.pos)
            ids = " -> ".join(c.id for c in sorted(cycle, key=lambda c: c.pos))
            _orphan(cut, nodes[0].id, f"declared parent {cut.raw.parent} is in a reply cycle ({ids})",
                    notes)
        reaches_root |= on_path


def _order(nodes: list[_Node]) -> list[_Node]:
    """File order, except that a child listed before its parent waits for it."""
    waiting: dict[str, list[_Node]] = {}
    done: set[str] = set()
    out: list[_Node] = []
    for n in nodes:
        if n.pos and n.parent not in done:
            waiting.setdefault(n.parent, []).append(n)
            continue
        stack = [n]
        while stack:
            m = stack.pop()
            done.add(m.id)
            out.append(m)
            stack.extend(reversed(waiting.pop(m.id, [])))
    return out


def _check_depth(order: list[_Node], settings: Settings, source: str) -> None:
    depth = {order[0].id: 0}
    for n in order[1:]:
        d = depth[n.parent] + 1
        if d > settings.max_depth:
            raise ThreadFormatError(
                f"replies nested deeper than {settings.max_depth:,} levels (Settings.max_depth) "
                f"at comment {n.id}", source=source)
        depth[n.id] = d


def _to_comment(n: _Node, index: int, order: list[_Node]) -> Comment:
    raw = n.raw
    if index == 0:
        return Comment(id=n.id, author=raw.author, text=raw.text, parent_id=None, index=0,
                       created=raw.created, parent=raw.link or ParentLink("root", 1.0, ROOT_WHY),
                       meta={**raw.meta, **n.meta})
    known = n.link is not None and n.link.source == "explicit"
    quotes = tuple(
        Quote(s, e, n.parent, "'>' quote of the parent") if known else
        Quote(s, e, None, f"'>' quote of the parent {raw.parent}, which is not in this file")
        for s, e in raw.parent_quotes)
    return Comment(id=n.id, author=raw.author, text=raw.text, parent_id=n.parent, index=index,
                   created=raw.created, parent=n.link, quotes=quotes, meta={**raw.meta, **n.meta})


def limited(records: Iterable[Any], settings: Settings, source: str) -> Iterator[Any]:
    """Pass records through, raising once there are more than ``Settings.max_comments``
    (so a huge file stops early instead of being read to the end)."""
    for count, record in enumerate(records, 1):
        if count > settings.max_comments + 1:  # +1: the root may be among them
            raise ThreadFormatError(
                f"more than {settings.max_comments:,} comments (Settings.max_comments)",
                source=source)
        yield record


def scalars(record: dict[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The fields of a JSON record whose values are plain scalars, for ``Comment.meta``."""
    drop = set(skip)
    return {k: v for k, v in record.items() if k not in drop and _is_scalar(v)}


def _is_scalar(v: Any) -> bool:
    if isinstance(v, float):
        return v == v and v not in (float("inf"), float("-inf"))
    return v is None or isinstance(v, str | int | bool)


def split_root(fmt: str, records: list[Raw], title: str = "") -> tuple[Raw, list[Raw], list[str]]:
    """Pick the root of a flat list: the one record with no parent, if exactly one has none;
    else a new empty root ``root`` that the parentless records reply to.

    Returns:
        ``(root, other records, warnings)``.
    """
    tops = [r for r in records if not r.parent]
    if len(tops) == 1:
        root = tops[0]
        return root, [r for r in records if r is not root], []
    why = f"{fmt} has {len(tops)} records without a parent; they reply to a new empty root"
    ids = {r.id for r in records}
    root_id = "root"
    while root_id in ids:
        root_id += "_"
    root = Raw(id=root_id, parent=None, text="", where="root",
               link=ParentLink("root", 1.0, why), meta={"placeholder": True})
    return root, records, ([why] if tops else [])
