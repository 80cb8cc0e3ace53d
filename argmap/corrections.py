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
    ParentLink,
    Pin,
    Relation,
)
from .sources import evidence_source_key, source_key

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

    @property
    def pin(self) -> Pin:
        """The value this correction holds fixed in the map."""
        return Pin(self.kind, self.target, self.value, self.marker)

    @property
    def review(self) -> dict[str, str]:
        """A ``source`` correction's record in ``meta["source_reviews"]``."""
        return {"verdict": self.value, "note": self.note, "by": self.author, "on": self.created,
                "why": self.marker}

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
        key = source_key(target)
        reviews = dict(amap.meta.get("source_reviews") or {})
        found = [r for name, r in reviews.items() if source_key(name) == key]
        return found[-1]["verdict"] if found else None
    raise CorrectionError(f"unknown correction kind {kind!r}")


def corrected(amap: ArgumentMap) -> frozenset[tuple[str, str]]:
    """``(kind, target)`` of every correction applied to this map.

    Read from ``meta["corrections"]``, so it survives the JSON round trip; views ask
    this (never the ``why`` text) whether a value was set by a person.
    """
    return frozenset((c["kind"], c["target"]) for c in amap.meta.get("corrections") or ())


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


def _source(amap: ArgumentMap, name: str) -> None:
    key = source_key(name)
    if not any(evidence_source_key(e) == key for e in amap.evidence):
        raise TargetMissing(f"no evidence cites the source {name!r}")


# --- applying ---------------------------------------------------------------------
# Each fixer writes one pinned value into the map (checking that its target exists);
# apply() then re-runs the pipeline steps that depend on it, and writes the pins again
# after each re-run step that assigns what they fix (the re-run never overwrites them).

def _fix_parent(amap: ArgumentMap, pin: Pin) -> ArgumentMap:
    comment = _comment(amap, pin.target)
    new_parent = _comment(amap, pin.value)
    if comment.parent_id is None:
        raise TargetMissing("the thread's root has no parent to change")
    if new_parent.index >= comment.index:
        raise TargetMissing(f"the new parent {pin.value!r} does not come before {pin.target!r}")
    fixed = replace(comment, parent_id=new_parent.id, parent=ParentLink("explicit", 1.0, pin.why))
    comments = tuple(fixed if x.id == comment.id else x for x in amap.thread.comments)
    return replace(amap, thread=replace(amap.thread, comments=comments))


def _fix_unit_kind(amap: ArgumentMap, pin: Pin) -> ArgumentMap:
    unit = _unit(amap, pin.target)
    fixed = replace(unit, kind=pin.value, confidence=1.0, why=pin.why)
    return replace(amap, units=tuple(fixed if u.id == unit.id else u for u in amap.units))


def _fix_label(amap: ArgumentMap, pin: Pin) -> ArgumentMap:
    comment = _comment(amap, pin.target)
    field_name = pin.kind.replace("-", "_")
    old_labels = amap.labels_for(comment.id) or CommentLabels(comment_id=comment.id)
    old = getattr(old_labels, field_name)
    default_target = comment.parent_id if pin.kind == "stance" else None
    new_labels = replace(old_labels, **{field_name: pin.as_judgement(old.target if old else default_target)})
    order = {x.id: x.index for x in amap.thread.comments}
    others = [cl for cl in amap.comment_labels if cl.comment_id != comment.id]
    labels = sorted([*others, new_labels], key=lambda cl: order.get(cl.comment_id, 0))
    return replace(amap, comment_labels=tuple(labels))


def _fix_relation(amap: ArgumentMap, pin: Pin) -> ArgumentMap:
    existing = [r for r in amap.relations if _rel_key(r) == pin.target]
    src, dst = (existing[0].source, existing[0].target) if existing else _endpoints(amap, pin.target)
    kept = [r for r in amap.relations if _rel_key(r) != pin.target]
    if pin.value != "none":
        kept.append(Relation(src, dst, pin.value, 1.0, pin.why))
    return replace(amap, relations=tuple(kept))


def _fix_source(amap: ArgumentMap, pin: Pin, review: dict[str, str] | None = None) -> ArgumentMap:
    _source(amap, pin.target)
    key = source_key(pin.target)  # one review per source, however it was spelled
    reviews = {name: r for name, r in dict(amap.meta.get("source_reviews") or {}).items()
               if source_key(name) != key}
    old = dict(amap.meta.get("source_reviews") or {}).get(pin.target, {})
    reviews[pin.target] = review or {**old, "verdict": pin.value, "why": pin.why}
    return replace(amap, meta={**amap.meta, "source_reviews": reviews})


_APPLY: dict[str, Callable[[ArgumentMap, Pin], ArgumentMap]] = {
    "parent": _fix_parent,
    "unit-kind": _fix_unit_kind,
    "stance": _fix_label,
    "stance-to-root": _fix_label,
    "personal-attack": _fix_label,
    "relation": _fix_relation,
    "source": _fix_source,
}

#: the field of the map (:mod:`argmap.pipeline`'s names) each kind of correction fixes
FIELDS: dict[str, str] = {
    "parent": "parents",
    "unit-kind": "kinds",
    "stance": "stance",
    "stance-to-root": "stance_to_root",
    "personal-attack": "personal_attack",
    "relation": "relations",
    "source": "source_reviews",
}


def apply(amap: ArgumentMap, corrections: Iterable[Correction], *, encoder: Any = None,
          community: Any = None) -> tuple[ArgumentMap, list[Problem]]:
    """Apply corrections in order (a later one on the same target wins) and re-derive
    everything downstream of them.

    Each correction becomes a :class:`~argmap.model.Pin` on the map; the pipeline steps
    that depend on the fields it fixes (:func:`argmap.pipeline.downstream`) run again
    with the pins held fixed: a ``stance`` correction re-derives that reply's stance to
    the thesis (and its replies'), its relations to the parent and every status; a
    ``parent`` correction re-judges the reply against its new parent; a ``unit-kind``
    correction re-runs evidence, stance, relations and status; a ``source`` verdict
    re-runs status (evidence from a source marked unreliable sources nothing). Only
    steps that ran on this map re-run (a hand-built map just gets the values).

    Args:
        amap: an analysis (as :func:`argmap.analyze` returned it, or loaded from JSON).
        corrections: the thread's active corrections, oldest first.
        encoder: a loaded sentence encoder, used only when a step to re-run needs
            vectors the map does not carry (else loaded once per process).
        community: the review store's learned stance head (:mod:`argmap.community`), so a
            re-run stance step decides as the analysis did.

    Returns:
        The corrected map (``meta["corrections"]`` lists the applied ones,
        ``meta["correction_problems"]`` the rest, ``meta["rederived"]`` the steps
        that re-ran) and the problems.
    """
    applied: list[dict[str, Any]] = []
    problems: list[Problem] = []
    pins = dict(amap.pins)
    for c in corrections:
        try:
            validate(c.kind, c.target, c.value)
            pin = c.pin
            amap = _fix_source(amap, pin, c.review) if c.kind == "source" else _APPLY[c.kind](amap, pin)
        except (TargetMissing, CorrectionError) as exc:
            problems.append(Problem(c, str(exc)))
            continue
        pins[(c.kind, c.target)] = pin
        applied.append({k: v for k, v in c.to_dict().items() if k != "before"})
    amap = replace(amap, pins=pins)
    amap, rerun = _rederive(amap, {FIELDS[c["kind"]] for c in applied}, encoder, community)
    meta = {**amap.meta, "corrections": applied, "correction_problems": [str(p) for p in problems]}
    if rerun:
        meta["rederived"] = rerun
    return replace(amap, meta=meta), problems


def impose(amap: ArgumentMap, fields: Iterable[str] | None = None) -> ArgumentMap:
    """Write the map's pins (those fixing ``fields``, else all) back into it, in order."""
    want = None if fields is None else set(fields)
    for pin in amap.pins.values():
        if want is None or FIELDS[pin.kind] in want:
            try:
                amap = _APPLY[pin.kind](amap, pin)
            except TargetMissing:
                continue  # reported when the pin was made
    return amap


def _rederive(amap: ArgumentMap, changed: set[str], encoder: Any, community: Any = None
              ) -> tuple[ArgumentMap, list[str]]:
    """Re-run the steps downstream of ``changed`` that ran on this map, pins held fixed."""
    from . import pipeline

    ran = set(dict(amap.meta.get("timings") or {}))
    steps = [s for s in pipeline.downstream(changed) if s.name in ran]
    if not steps:
        return amap, []
    settings = _settings(amap)
    if any("vectors" in s.requires for s in steps) and not _has_vectors(amap):
        (_, embed), = pipeline.bind([pipeline.PIPELINE[pipeline.STEP_NAMES.index("embed")]],
                                    settings, encoder=encoder)
        amap = embed(amap)
    for s, (_, run) in zip(steps, pipeline.bind(steps, settings, encoder=encoder, community=community),
                           strict=True):
        amap = impose(run(amap), s.assigns)
    return amap, [s.name for s in steps]


def _has_vectors(amap: ArgumentMap) -> bool:
    v = amap.vectors
    return (v.aligned("units", len(amap.units)) is not None
            and v.aligned("comments", len(amap.thread.comments)) is not None)


def _settings(amap: ArgumentMap):
    """The settings the map was analysed with (``meta["settings"]``), defaults for the rest."""
    from .settings import Settings

    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in dict(amap.meta.get("settings") or {}).items() if k in known})
