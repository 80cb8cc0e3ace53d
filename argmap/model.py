"""The nouns of argmap as frozen records, and their JSON form (schema ``argmap/1``).

Standard library only. Every record is a frozen dataclass; a pipeline step returns
a new :class:`ArgumentMap` via :func:`dataclasses.replace`. ``to_dict``/``from_dict``
are exact inverses: ``ArgumentMap.from_dict(m.to_dict()) == m`` (vectors aside,
which are a cache and never serialised).

Example:
    >>> t = Thread(id="t", title="T", source_format="generic", comments=(
    ...     Comment(id="root", author="", text="Article", parent_id=None, index=0),
    ...     Comment(id="c1", author="ann", text="I agree.", parent_id="root", index=1,
    ...             parent=ParentLink("explicit", 1.0, "the file says so")),
    ... ))
    >>> [c.id for c in t.replies("root")]
    ['c1']
    >>> ArgumentMap.from_dict(ArgumentMap(thread=t).to_dict()) == ArgumentMap(thread=t)
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

SCHEMA = "argmap/1"

UNIT_KINDS = ("claim", "premise", "evidence", "question", "other")
# What an assertion (a claim or premise) is, cdcp's scheme: a checkable statement of fact, a
# judgement, or a proposal of what should be done. Evidence, questions and other units have none.
CLAIM_TYPES = ("fact", "value", "policy")
EVIDENCE_KINDS = (
    "link",          # a URL
    "document",      # a document or official record: "the Mueller report", an indictment
    "study",         # a paper or study
    "news",          # a news outlet: "The New York Times", "Daily Kos"
    "testimony",     # sworn or public testimony: "Fiona Hill ... under oath"
    "quotation",     # an attributed quotation: "As X said:"
    "statistic",     # a number offered as fact: "$100,000", "0.000007 cents"
    "experience",    # personal experience: "as I did in the 1980s"
)
STANCES = ("support", "attack", "neutral")
RELATION_LABELS = ("support", "attack")
PARENT_SOURCES = ("root", "explicit", "inferred", "orphan")
STATUSES = (
    "sourced",                # it, or a unit supporting it, cites evidence
    "unsourced",              # no evidence, not attacked
    "contested",              # attacked, no sources on either side
    "rebutted-with-source",   # attacked by a unit that cites evidence; itself unsourced
    "sourced-and-contested",  # sourced, and attacked
)


@dataclass(frozen=True)
class ParentLink:
    """How a comment's parent was found.

    Attributes:
        source: ``root`` (the thread root has no parent), ``explicit`` (the format
            said so), ``inferred`` (reconstructed from the text) or ``orphan`` (the
            declared parent is missing; attached to the root and reported).
        confidence: 0..1; 1.0 for explicit parents.
        why: a short phrase a moderator understands.
    """

    source: str
    confidence: float
    why: str


@dataclass(frozen=True)
class Quote:
    """A span of a comment's text quoted from elsewhere.

    ``source_id`` is the quoted comment's id when known (a Reddit ``>`` line quotes
    the parent), else ``None`` (quoted from an outside source or unknown).
    """

    start: int
    end: int
    source_id: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Comment:
    """One post. The thread's root (article or submission) has ``parent_id=None``.

    ``index`` is page order (root is 0). ``meta`` keeps format-specific extras
    (score, permalink, the declared parent of an orphan) as JSON-able values.
    """

    id: str
    author: str
    text: str
    parent_id: str | None
    index: int
    created: str | None = None
    parent: ParentLink | None = None
    quotes: tuple[Quote, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True for a comment with no text (an image-only or removed post)."""
        return not self.text.strip()


@dataclass(frozen=True)
class Thread:
    """A comment thread: root first, then comments in page order (parents first).

    ``warnings`` are things the reader reported rather than dropped: orphans
    attached to the root, ``more`` stubs not included, skipped duplicates.
    """

    id: str
    title: str
    source_format: str
    comments: tuple[Comment, ...]
    warnings: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Comment:
        return self.comments[0]

    @cached_property
    def _by_id(self) -> dict[str, Comment]:
        return {c.id: c for c in self.comments}

    @cached_property
    def _children(self) -> dict[str | None, list[Comment]]:
        kids: dict[str | None, list[Comment]] = {}
        for c in self.comments:
            kids.setdefault(c.parent_id, []).append(c)
        return kids

    def get(self, comment_id: str) -> Comment:
        """The comment with this id (KeyError if none)."""
        return self._by_id[comment_id]

    def __contains__(self, comment_id: object) -> bool:
        return comment_id in self._by_id

    def replies(self, comment_id: str) -> list[Comment]:
        """Direct replies to a comment, in page order."""
        return list(self._children.get(comment_id, ()))

    def ancestors(self, comment_id: str) -> list[Comment]:
        """Parent, grandparent, ... up to the root (cycle-safe)."""
        out: list[Comment] = []
        seen = {comment_id}
        pid = self._by_id[comment_id].parent_id
        while pid is not None and pid in self._by_id and pid not in seen:
            seen.add(pid)
            out.append(self._by_id[pid])
            pid = self._by_id[pid].parent_id
        return out

    def depth(self, comment_id: str) -> int:
        """0 for the root, 1 for a top-level reply, ..."""
        return len(self.ancestors(comment_id))

    def walk(self) -> Iterator[tuple[Comment, int]]:
        """Depth-first (comment, depth) pairs from the root, children in page order."""
        stack = [(self.root, 0)]
        while stack:
            c, d = stack.pop()
            yield c, d
            stack.extend((k, d + 1) for k in reversed(self._children.get(c.id, ())))


@dataclass(frozen=True)
class Unit:
    """An argumentative unit: a span of one comment, ``comment.text[start:end] == text``.

    ``quoted`` marks text quoted from another comment or from a source; it is not
    the author's own claim. ``quoted_from`` names the comment id or source.
    ``claim_type`` (:data:`CLAIM_TYPES`) is set for claims and premises only: ``fact``
    (an assertion of fact: with no origin of its own it is an *unsourced factual
    claim* until something backs it), ``value`` (an opinion) or ``policy`` (a proposal).
    """

    id: str
    comment_id: str
    start: int
    end: int
    text: str
    kind: str
    confidence: float
    why: str
    quoted: bool = False
    quoted_from: str | None = None
    claim_type: str | None = None

    @staticmethod
    def make_id(comment_id: str, start: int) -> str:
        return f"{comment_id}:{start}"


@dataclass(frozen=True)
class Evidence:
    """What a unit cites, typed (``kind`` in :data:`EVIDENCE_KINDS`).

    ``start``/``end`` are offsets in the comment's text. ``refers_to`` is the id of
    earlier evidence a vague reference resolves to ("he quoted the Mueller report").
    """

    id: str
    unit_id: str
    comment_id: str
    kind: str
    source: str
    text: str
    start: int
    end: int
    confidence: float
    why: str
    url: str | None = None
    refers_to: str | None = None


@dataclass(frozen=True)
class Relation:
    """A support or attack edge, unit to unit (or comment to comment)."""

    source: str
    target: str
    label: str
    confidence: float
    why: str


@dataclass(frozen=True)
class Judgement:
    """A labelled judgement with its confidence and reason.

    ``target`` optionally names what it is about (the parent unit a stance targets).
    """

    label: str
    confidence: float
    why: str
    target: str | None = None


@dataclass(frozen=True)
class CommentLabels:
    """Per-comment judgements: stance to parent, stance to the root's thesis,
    and the personal-attack flag (label ``personal-attack`` or ``none``)."""

    comment_id: str
    stance: Judgement | None = None
    stance_to_root: Judgement | None = None
    personal_attack: Judgement | None = None


@dataclass(frozen=True)
class ClaimStatus:
    """A claim's sourced-support status and the chain of ids that justifies it."""

    unit_id: str
    status: str
    why: str
    chain: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Vectors:
    """MiniLM embeddings a map carries as a cache (never serialised, never compared).

    ``units`` has one unit-normalised row per :attr:`ArgumentMap.units` entry,
    ``comments`` one per ``thread.comments`` entry (``(n, 384)`` numpy arrays);
    either may be ``None`` when the step that makes it has not run.
    """

    units: Any = None
    comments: Any = None

    def aligned(self, name: str, n: int) -> Any:
        """The ``units`` or ``comments`` rows when there are exactly ``n`` of them, else None."""
        rows = getattr(self, name)
        return rows if rows is not None and len(rows) == n else None


NO_VECTORS = Vectors()


@dataclass(frozen=True)
class Pin:
    """A value a person fixed (a correction): the steps that assign it keep it.

    ``kind`` and ``target`` are a correction's (:data:`argmap.corrections.KINDS`);
    ``value`` its value; ``why`` the visible marker ("corrected by ... on ...").
    """

    kind: str
    target: str
    value: str
    why: str

    def as_judgement(self, target: str | None = None) -> Judgement:
        """The pinned value as a per-comment judgement (stance, stance to the thesis,
        personal attack: ``confirm`` is ``personal-attack``, ``dismiss`` is ``none``)."""
        label = {"confirm": "personal-attack", "dismiss": "none"}.get(self.value, self.value) \
            if self.kind == "personal-attack" else self.value
        return Judgement(label, 1.0, self.why, target)


def _cache_field(default: Any = None) -> Any:
    return field(default=default, compare=False, repr=False)


@dataclass(frozen=True)
class Position:
    """A position of the debate: claims that say much the same (see :mod:`argmap.positions`).

    ``label`` is the representative claim's text (``unit_id``); ``members`` the unit ids
    of every claim in it; ``comments``/``participants`` its prevalence; ``side`` is
    ``for``/``against`` the thesis, ``mixed`` or ``unclear``; ``rebuttal`` the unit (or
    comment) id of the strongest attack on it.
    """

    id: str
    label: str
    unit_id: str
    members: tuple[str, ...]
    comments: int
    participants: int
    side: str
    sourced_share: float
    rebuttal: str | None
    confidence: float
    why: str



@dataclass(frozen=True)
class ArgumentMap:
    """The result of :func:`argmap.analyze`.

    ``vectors`` caches embeddings (:class:`Vectors`); it is never serialised.
    ``pins`` are the corrections in force (:class:`Pin`, keyed by ``(kind, target)``):
    a step that assigns a pinned value keeps it and derives the rest from it (see
    :mod:`argmap.corrections`); they are re-applied from the review store, never
    serialised. ``meta`` records settings, model versions and step timings.

    Lookups (:meth:`unit`, :meth:`units_of`, :meth:`labels_for`, ...) use indexes
    built once per map on first use and cached (the map is frozen).

    Invariants steps keep (so the JSON round trip is exact): ``comment_labels``
    holds at most one record per comment, in page order, and only for comments
    with at least one judgement; ``units`` are in page order then offset order.
    """

    thread: Thread
    units: tuple[Unit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    relations: tuple[Relation, ...] = ()
    comment_labels: tuple[CommentLabels, ...] = ()
    statuses: tuple[ClaimStatus, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    positions: tuple[Position, ...] = ()
    vectors: Vectors = _cache_field(NO_VECTORS)
    pins: Mapping[tuple[str, str], Pin] = field(default_factory=dict, compare=False, repr=False)

    # --- indexes, built once per map ---------------------------------------
    @cached_property
    def _ix(self) -> _Indexes:
        return _Indexes.of(self)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the fields, not the cached indexes (they are rebuilt on first use)."""
        return {k: v for k, v in self.__dict__.items() if k != "_ix"}

    @property
    def units_by_id(self) -> Mapping[str, Unit]:
        """Every unit by its id (built once; read-only)."""
        return self._ix.units

    # --- lookups -----------------------------------------------------------
    def unit(self, unit_id: str) -> Unit | None:
        """The unit with this id, or None."""
        return self._ix.units.get(unit_id)

    def unit_row(self, unit_id: str) -> int:
        """The unit's position in :attr:`units` (its row in ``vectors.units``); KeyError if none."""
        return self._ix.rows[unit_id]

    def labels_for(self, comment_id: str) -> CommentLabels | None:
        """The comment's judgements (stance, stance to the thesis, personal attack), or None."""
        return self._ix.labels.get(comment_id)

    def units_of(self, comment_id: str) -> tuple[Unit, ...]:
        """The comment's units in offset order."""
        return self._ix.units_of.get(comment_id, ())

    def evidence_of(self, unit_id: str) -> tuple[Evidence, ...]:
        """The evidence a unit cites, in order."""
        return self._ix.evidence_of.get(unit_id, ())

    def status_of(self, unit_id: str) -> ClaimStatus | None:
        """The unit's sourced-support status, or None (it is no argued point)."""
        return self._ix.statuses.get(unit_id)

    def children(self, comment_id: str) -> list[Comment]:
        """Direct replies to a comment, in page order."""
        return self.thread.replies(comment_id)

    def pinned(self, kind: str, target: str) -> Pin | None:
        """The correction in force for ``(kind, target)``, or None."""
        return self.pins.get((kind, target))

    def claims(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "claim" and not u.quoted]

    # --- JSON --------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArgumentMap:
        return from_dict(data)

    @classmethod
    def from_json(cls, text: str) -> ArgumentMap:
        return from_dict(json.loads(text))


@dataclass(frozen=True)
class _Indexes:
    """The lookups of one :class:`ArgumentMap`, built together in one linear pass each."""

    units: Mapping[str, Unit]
    rows: Mapping[str, int]
    units_of: Mapping[str, tuple[Unit, ...]]
    labels: Mapping[str, CommentLabels]
    evidence_of: Mapping[str, tuple[Evidence, ...]]
    statuses: Mapping[str, ClaimStatus]

    @classmethod
    def of(cls, amap: ArgumentMap) -> _Indexes:
        return cls(units=dict({u.id: u for u in amap.units}),
                   rows=dict({u.id: i for i, u in enumerate(amap.units)}),
                   units_of=_grouped(amap.units, "comment_id"),
                   labels=dict({cl.comment_id: cl for cl in amap.comment_labels}),
                   evidence_of=_grouped(amap.evidence, "unit_id"),
                   statuses=dict({st.unit_id: st for st in amap.statuses}))


def _grouped(items: tuple[Any, ...], key: str) -> Mapping[str, tuple[Any, ...]]:
    """``items`` grouped by the value of attribute ``key``, order kept."""
    out: dict[str, list[Any]] = {}
    for x in items:
        out.setdefault(getattr(x, key), []).append(x)
    return dict({k: tuple(v) for k, v in out.items()})


# ---------------------------------------------------------------------------
# Serialisation. Comments carry their per-comment labels in the JSON so a reader
# of the document sees one record per comment.

def _plain(obj: Any) -> Any:
    return None if obj is None else asdict(obj)


def _comment_dict(c: Comment, labels: CommentLabels | None) -> dict[str, Any]:
    return {
        "id": c.id,
        "author": c.author,
        "text": c.text,
        "parent_id": c.parent_id,
        "index": c.index,
        "created": c.created,
        "empty": c.empty,
        "parent": _plain(c.parent),
        "quotes": [asdict(q) for q in c.quotes],
        "stance": _plain(labels.stance) if labels else None,
        "stance_to_root": _plain(labels.stance_to_root) if labels else None,
        "personal_attack": _plain(labels.personal_attack) if labels else None,
        "meta": dict(c.meta),
    }


def to_dict(amap: ArgumentMap) -> dict[str, Any]:
    """The ``argmap/1`` JSON document for a map (see README, "JSON schema")."""
    t = amap.thread
    return {
        "schema": SCHEMA,
        "thread": {
            "id": t.id,
            "title": t.title,
            "source_format": t.source_format,
            "warnings": list(t.warnings),
            "meta": dict(t.meta),
        },
        "comments": [_comment_dict(c, amap.labels_for(c.id)) for c in t.comments],
        "units": [asdict(u) for u in amap.units],
        "evidence": [asdict(e) for e in amap.evidence],
        "relations": [asdict(r) for r in amap.relations],
        "claims": [asdict(s) | {"chain": list(s.chain)} for s in amap.statuses],
        "positions": [asdict(p) | {"members": list(p.members)} for p in amap.positions],
        "meta": dict(amap.meta),
    }


def _build(cls: type, data: Mapping[str, Any] | None) -> Any:
    if data is None:
        return None
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _comment_from(d: Mapping[str, Any]) -> tuple[Comment, CommentLabels | None]:
    c = Comment(
        id=d["id"], author=d["author"], text=d["text"], parent_id=d["parent_id"],
        index=d["index"], created=d.get("created"),
        parent=_build(ParentLink, d.get("parent")),
        quotes=tuple(_build(Quote, q) for q in d.get("quotes", ())),
        meta=dict(d.get("meta") or {}),
    )
    parts = {k: _build(Judgement, d.get(k)) for k in ("stance", "stance_to_root", "personal_attack")}
    has = any(v is not None for v in parts.values())
    return c, (CommentLabels(comment_id=c.id, **parts) if has else None)


def from_dict(data: Mapping[str, Any]) -> ArgumentMap:
    """Inverse of :func:`to_dict`. Raises ValueError on a different schema."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"schema: expected {SCHEMA!r}, got {data.get('schema')!r}")
    pairs = [_comment_from(d) for d in data["comments"]]
    td = data["thread"]
    thread = Thread(
        id=td["id"], title=td["title"], source_format=td["source_format"],
        comments=tuple(c for c, _ in pairs), warnings=tuple(td.get("warnings", ())),
        meta=dict(td.get("meta") or {}),
    )
    return ArgumentMap(
        thread=thread,
        units=tuple(_build(Unit, u) for u in data.get("units", ())),
        evidence=tuple(_build(Evidence, e) for e in data.get("evidence", ())),
        relations=tuple(_build(Relation, r) for r in data.get("relations", ())),
        comment_labels=tuple(cl for _, cl in pairs if cl is not None),
        statuses=tuple(
            ClaimStatus(s["unit_id"], s["status"], s["why"], tuple(s.get("chain", ())))
            for s in data.get("claims", ())
        ),
        meta=dict(data.get("meta") or {}),
        positions=tuple(
            _build(Position, p) if "members" not in p else _build(Position, {**p, "members": tuple(p["members"])})
            for p in data.get("positions", ())
        ),
    )
