"""Human corrections, applied on top of an analysis: pure functions, no database.

A :class:`Correction` names what it changes by a stable id (a comment id, a unit id
``comment_id:start``, a relation ``source->target``, a source name), so it applies
to every re-analysis of the same thread. :func:`apply` returns the corrected map and
the corrections it could not apply (their target no longer exists): those are
reported, never dropped. A corrected value carries a visible marker: confidence 1.0
and ``why`` = ``"corrected by <who> on <date>: <note>"``; ``meta["corrections"]``
lists what was applied and ``meta["correction_problems"]`` what was not.

Example:
    >>> from argmap.model import ArgumentMap, Comment, Thread
    >>> t = Thread(id="t", title="T", source_format="generic", comments=(
    ...     Comment(id="root", author="", text="Article", parent_id=None, index=0),
    ...     Comment(id="c1", author="ann", text="No.", parent_id="root", index=1)))
    >>> c = Correction("stance", "c1", "attack", author="mod", created="2026-01-02T10:00:00Z")
    >>> fixed, problems = apply(ArgumentMap(thread=t), [c])
    >>> fixed.labels_for("c1").stance.why, problems
    ('corrected by mod on 2026-01-02', [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

from .errors import ArgmapError
from .model import (
    RELATION_LABELS,
    STANCES,
    UNIT_KINDS,
    ArgumentMap,
    CommentLabels,
    Judgement,
    ParentLink,
    Relation,
)

SOURCE_VERDICTS = ("verified", "unreliable")
ATTACK_VERDICTS = ("confirm", "dismiss")

#: kind -> (what the target is, the allowed values or None for "an earlier comment id")
KINDS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "parent": ("comment id", None),
    "unit-kind": ("unit id (comment_id:start)", UNIT_KINDS),
    "stance": ("comment id", STANCES),
    "stance-to-root": ("comment id", STANCES),
    "relation": ("source->target ids", (*RELATION_LABELS, "none")),
    "source": ("source name", SOURCE_VERDICTS),
    "personal-attack": ("comment id", ATTACK_VERDICTS),
}


class CorrectionError(ArgmapError, ValueError):
    """A correction that cannot be made: unknown kind, bad value, missing target."""


class TargetMissing(LookupError):
    """The correction's target is not in this map (raised inside :func:`apply`)."""


def now() -> str:
    """The current UTC time as ISO 8601 with a ``Z`` (what corrections record)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Correction:
    """One human correction. ``value`` is always a string (see :data:`KINDS`).

    ``id`` is the store's row id (None before it is stored); ``uid`` is a global id
    that makes imports idempotent; ``before`` is the value the author saw.
    """

    kind: str
    target: str
    value: str
    author: str
    note: str = ""
    created: str = ""
    id: int | None = None
    uid: str = ""
    before: str | None = None

    @property
    def marker(self) -> str:
        """The visible ``why`` of a corrected value."""
        text = f"corrected by {self.author or 'someone'} on {self.created[:10] or 'an unknown date'}"
        return f"{text}: {self.note}" if self.note else text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Problem:
    """A correction that did not apply, and why."""

    correction: Correction
    reason: str

    def __str__(self) -> str:
        c = self.correction
        ref = f"#{c.id} " if c.id is not None else ""
        return f"correction {ref}({c.kind} {c.target!r} -> {c.value!r}): {self.reason}"


def validate(kind: str, target: str, value: str) -> None:
    """Check a correction's shape (not its target). Raises :class:`CorrectionError`."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not isinstance(target, str) or not target.strip():
        raise CorrectionError(f"{kind}: the target ({KINDS[kind][0]}) is empty")
    allowed = KINDS[kind][1]
    if allowed is not None and value not in allowed:
        raise CorrectionError(f"{kind}: value {value!r} is not one of {', '.join(allowed)}")
    if allowed is None and (not isinstance(value, str) or not value.strip()):
        raise CorrectionError(f"{kind}: the value (a comment id) is empty")
    if kind == "relation" and "->" not in target:
        raise CorrectionError(f"relation: target {target!r} must be 'source->target'")


# --- reading the current value --------------------------------------------------

def current_value(amap: ArgumentMap, kind: str, target: str) -> str | None:
    """The value a correction of ``kind`` on ``target`` would replace.

    Raises:
        TargetMissing: the target is not in this map.
    """
    if kind == "parent":
        return _comment(amap, target).parent_id
    if kind == "unit-kind":
        return _unit(amap, target).kind
    if kind in ("stance", "stance-to-root", "personal-attack"):
        _comment(amap, target)
        labels = amap.labels_for(target)
        field_name = kind.replace("-", "_")
        judgement = getattr(labels, field_name) if labels else None
        return judgement.label if judgement else None
    if kind == "relation":
        found = [r for r in amap.relations if _rel_key(r) == target]
        if found:
            return found[0].label
        _endpoints(amap, target)
        return "none"
    if kind == "source":
        _source(amap, target)
        key = _source_key(target)
        reviews = dict(amap.meta.get("source_reviews") or {})
        found = [r for name, r in reviews.items() if _source_key(name) == key]
        return found[-1]["verdict"] if found else None
    raise CorrectionError(f"unknown correction kind {kind!r}")


def _comment(amap: ArgumentMap, comment_id: str):
    if comment_id not in amap.thread:
        raise TargetMissing(f"comment {comment_id!r} is not in the thread")
    return amap.thread.get(comment_id)


def _unit(amap: ArgumentMap, unit_id: str):
    for u in amap.units:
        if u.id == unit_id:
            return u
    raise TargetMissing(f"unit {unit_id!r} is not in this analysis (was the text segmented differently?)")


def _rel_key(r: Relation) -> str:
    return f"{r.source}->{r.target}"


def _endpoints(amap: ArgumentMap, key: str) -> tuple[str, str]:
    """Split ``source->target`` where both ends are unit or comment ids of this map."""
    ids = {u.id for u in amap.units} | {c.id for c in amap.thread.comments}
    parts = key.split("->")
    for i in range(1, len(parts)):  # ids may themselves contain "->": try every split
        src, dst = "->".join(parts[:i]), "->".join(parts[i:])
        if src in ids and dst in ids:
            return src, dst
    raise TargetMissing(f"relation {key!r}: an end is not a unit or comment of this map")


def _source_key(name: str) -> str:
    from .graph import source_key  # "The New York Times" and "New York Times" are one source

    return source_key(name)


def _source(amap: ArgumentMap, name: str) -> None:
    key = _source_key(name)
    if not any(_source_key(e.source or e.text) == key for e in amap.evidence):
        raise TargetMissing(f"no evidence cites the source {name!r}")


# --- applying ---------------------------------------------------------------------

def _fix_parent(amap: ArgumentMap, c: Correction) -> ArgumentMap:
    comment = _comment(amap, c.target)
    new_parent = _comment(amap, c.value)
    if comment.parent_id is None:
        raise TargetMissing("the thread's root has no parent to change")
    if new_parent.index >= comment.index:
        raise TargetMissing(f"the new parent {c.value!r} does not come before {c.target!r}")
    fixed = replace(comment, parent_id=new_parent.id, parent=ParentLink("explicit", 1.0, c.marker))
    comments = tuple(fixed if x.id == comment.id else x for x in amap.thread.comments)
    return replace(amap, thread=replace(amap.thread, comments=comments))


def _fix_unit_kind(amap: ArgumentMap, c: Correction) -> ArgumentMap:
    unit = _unit(amap, c.target)
    fixed = replace(unit, kind=c.value, confidence=1.0, why=c.marker)
    return replace(amap, units=tuple(fixed if u.id == unit.id else u for u in amap.units))


def _fix_label(amap: ArgumentMap, c: Correction) -> ArgumentMap:
    comment = _comment(amap, c.target)
    field_name = c.kind.replace("-", "_")
    old_labels = amap.labels_for(comment.id) or CommentLabels(comment_id=comment.id)
    old = getattr(old_labels, field_name)
    if c.kind == "personal-attack":
        label = "personal-attack" if c.value == "confirm" else "none"
    else:
        label = c.value
    default_target = comment.parent_id if c.kind == "stance" else None
    judgement = Judgement(label, 1.0, c.marker, old.target if old else default_target)
    new_labels = replace(old_labels, **{field_name: judgement})
    order = {x.id: x.index for x in amap.thread.comments}
    others = [cl for cl in amap.comment_labels if cl.comment_id != comment.id]
    labels = sorted([*others, new_labels], key=lambda cl: order.get(cl.comment_id, 0))
    return replace(amap, comment_labels=tuple(labels))


def _fix_relation(amap: ArgumentMap, c: Correction) -> ArgumentMap:
    existing = [r for r in amap.relations if _rel_key(r) == c.target]
    src, dst = (existing[0].source, existing[0].target) if existing else _endpoints(amap, c.target)
    kept = [r for r in amap.relations if _rel_key(r) != c.target]
    if c.value != "none":
        kept.append(Relation(src, dst, c.value, 1.0, c.marker))
    return replace(amap, relations=tuple(kept))


def _fix_source(amap: ArgumentMap, c: Correction) -> ArgumentMap:
    _source(amap, c.target)
    key = _source_key(c.target)  # one review per source, however it was spelled
    reviews = {name: r for name, r in dict(amap.meta.get("source_reviews") or {}).items()
               if _source_key(name) != key}
    reviews[c.target] = {"verdict": c.value, "note": c.note, "by": c.author,
                         "on": c.created, "why": c.marker}
    return replace(amap, meta={**amap.meta, "source_reviews": reviews})


_APPLY: dict[str, Callable[[ArgumentMap, Correction], ArgumentMap]] = {
    "parent": _fix_parent,
    "unit-kind": _fix_unit_kind,
    "stance": _fix_label,
    "stance-to-root": _fix_label,
    "personal-attack": _fix_label,
    "relation": _fix_relation,
    "source": _fix_source,
}


def apply(amap: ArgumentMap, corrections: Iterable[Correction]) -> tuple[ArgumentMap, list[Problem]]:
    """Apply corrections in order (a later one on the same target wins).

    Args:
        amap: an analysis (as :func:`argmap.analyze` returned it).
        corrections: the thread's active corrections, oldest first.

    Returns:
        The corrected map (``meta["corrections"]`` lists the applied ones,
        ``meta["correction_problems"]`` the rest) and the problems.
    """
    applied: list[dict[str, Any]] = []
    problems: list[Problem] = []
    touched_status = False
    for c in corrections:
        try:
            validate(c.kind, c.target, c.value)
            amap = _APPLY[c.kind](amap, c)
        except (TargetMissing, CorrectionError) as exc:
            problems.append(Problem(c, str(exc)))
            continue
        applied.append({k: v for k, v in c.to_dict().items() if k != "before"})
        touched_status |= c.kind in ("unit-kind", "relation", "source")
    if touched_status:
        amap = _recompute_status(amap)
    meta = {**amap.meta, "corrections": applied, "correction_problems": [str(p) for p in problems]}
    return replace(amap, meta=meta), problems


def _recompute_status(amap: ArgumentMap) -> ArgumentMap:
    """Re-run the status step after kinds/relations/source verdicts changed.

    Evidence from sources marked unreliable does not count as sourcing a claim.
    Only when the status step ran on this map (it has statuses or a timing).
    """
    if not amap.statuses and "status" not in dict(amap.meta.get("timings") or {}):
        return amap
    from .settings import Settings
    from .steps.status import status

    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in dict(amap.meta.get("settings") or {}).items() if k in known})
    reviews = dict(amap.meta.get("source_reviews") or {})
    bad = {_source_key(name) for name, r in reviews.items() if r.get("verdict") == "unreliable"}
    trusted = replace(amap, evidence=tuple(e for e in amap.evidence
                                           if _source_key(e.source or e.text) not in bad))
    return replace(amap, statuses=status(trusted, settings=settings).statuses)
