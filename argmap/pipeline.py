"""The whole pipeline on one screen: :data:`PIPELINE`, :func:`build_steps` and :func:`analyze`.

Each step is a plain function ``ArgumentMap -> ArgumentMap`` whose model
dependencies are keyword-only arguments, so a test can call one step directly
on a hand-built map. Each step declares the fields of the map it **requires** and
the ones it **assigns** (as spaCy's ``Language.factory(requires=..., assigns=...)``
does); :func:`check` verifies, when a pipeline is built, that every requirement is
assigned by an earlier step (or is the thread itself) and that no field has two
writers. The order is written once, in :data:`PIPELINE`.

The same declarations let a correction re-derive what depends on it:
:func:`downstream` names the steps to re-run when fields change
(:func:`argmap.corrections.apply` uses it), and :attr:`Step.keeps` names the
fields whose corrected values a step holds fixed while deriving the rest (the
stance step keeps a corrected stance and propagates it to the thesis).

Fields (what part of an :class:`~argmap.model.ArgumentMap` they name):

==================  ==============================================================
``thread``          the reader's output: texts, authors, order, declared parents and quotes
``units``           ``units``: spans, ``quoted`` / ``quoted_from``
``vectors``         ``vectors``: MiniLM rows for units and comments
``parents``         each comment's ``parent_id`` and ``ParentLink``
``quotes``          each comment's ``quotes`` (copied-in spans and their origin)
``kinds``           each unit's ``kind`` (claim, premise, evidence, question, other)
``evidence``        ``evidence``
``stance``          ``comment_labels``: stance to the parent
``stance_to_root``  ``comment_labels``: stance to the root's thesis
``personal_attack`` ``comment_labels``: the personal-attack flag
``relations``       ``relations``
``source_reviews``  ``meta["source_reviews"]``: sources a moderator verified or distrusts
``statuses``        ``statuses``: each argued point's sourced-support status
``positions``       ``positions``: the claims grouped into the points the debate turns on
==================  ==============================================================
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from . import positions, resources
from .errors import ArgmapError
from .model import ArgumentMap, Thread
from .settings import DEFAULT, Settings
from .steps import classify, embed, evidence, reconstruct, relations, segment, stance, status

StepFn = Callable[[ArgumentMap], ArgumentMap]
Progress = Callable[[str, int, int], None]

#: fields present before any step runs
INPUTS = frozenset({"thread", "source_reviews"})


class PipelineError(ArgmapError, ValueError):
    """A pipeline whose steps' declarations do not fit together."""


@dataclass(frozen=True)
class Step:
    """One pipeline step and its declarations.

    Attributes:
        name: the step's name (``meta["timings"]`` keys, progress messages).
        func: ``func(amap, *, settings, **models) -> ArgumentMap``.
        requires: fields the step reads.
        assigns: fields the step writes.
        models: the keyword arguments naming loaded models (``nlp``, ``encoder``).
        keeps: assigned fields whose corrected (pinned) values the step holds fixed
            while deriving the rest from them: a correction of one of these re-runs
            this step; a correction of any other assigned field re-runs only what
            requires it.
    """

    name: str
    func: Callable[..., ArgumentMap]
    requires: frozenset[str]
    assigns: frozenset[str]
    models: tuple[str, ...] = ()
    keeps: frozenset[str] = frozenset()


def _step(name: str, func: Callable[..., ArgumentMap], requires: Iterable[str], assigns: Iterable[str],
          models: Iterable[str] = (), keeps: Iterable[str] = ()) -> Step:
    return Step(name, func, frozenset(requires), frozenset(assigns), tuple(models), frozenset(keeps))


PIPELINE: tuple[Step, ...] = (
    _step("segment", segment.segment, {"thread"}, {"units"}, models=("nlp",)),
    _step("embed", embed.embed, {"thread", "units"}, {"vectors"}, models=("encoder",)),
    _step("reconstruct", reconstruct.reconstruct, {"thread", "units", "vectors"}, {"parents", "quotes"}),
    _step("classify", classify.classify, {"units", "vectors", "quotes"}, {"kinds"}),
    _step("evidence", evidence.find_evidence, {"thread", "units", "kinds"}, {"evidence"}),
    _step("stance", stance.stance, {"parents", "quotes", "units", "kinds", "vectors"},
          {"stance", "stance_to_root", "personal_attack"}, models=("community",),
          keeps={"stance", "stance_to_root", "personal_attack"}),
    _step("relations", relations.relate,
          {"parents", "quotes", "units", "kinds", "evidence", "stance", "personal_attack", "vectors"},
          {"relations"}),
    _step("status", status.status, {"units", "kinds", "evidence", "relations", "source_reviews"},
          {"statuses"}),
    _step("positions", positions.positions,
          {"units", "kinds", "vectors", "stance_to_root", "relations", "statuses"}, {"positions"}),
)

STEP_NAMES = tuple(s.name for s in PIPELINE)


def check(steps: Sequence[Step], inputs: Iterable[str] = INPUTS) -> None:
    """Raise :class:`PipelineError` unless every step's requirements are met in order.

    A requirement is met by the inputs or by an earlier step's assignment; a field is
    assigned by one step only. (The reader's declared parents and ``>`` quotes are part
    of ``thread``; ``parents`` and ``quotes`` are the tree and quotes once
    ``reconstruct`` has completed them.)

    Example:
        >>> check(PIPELINE)
        >>> check(PIPELINE[1:])
        Traceback (most recent call last):
        ...
        argmap.pipeline.PipelineError: step 'embed' requires 'units', which no earlier step assigns
    """
    have, writer = set(inputs), {}
    for s in steps:
        for need in sorted(s.requires):
            if need not in have:
                raise PipelineError(f"step {s.name!r} requires {need!r}, which no earlier step assigns")
        for field in sorted(s.assigns):
            if field in writer:
                raise PipelineError(f"steps {writer[field]!r} and {s.name!r} both assign {field!r}")
            writer[field] = s.name
        have |= s.assigns
        if not s.keeps <= s.assigns:
            raise PipelineError(f"step {s.name!r} keeps {sorted(s.keeps - s.assigns)}, which it does not assign")


def downstream(changed: Iterable[str], steps: Sequence[Step] = PIPELINE) -> list[Step]:
    """The steps to re-run, in order, when ``changed`` fields were corrected.

    The first step to re-run is the earliest one that requires a changed field, or
    that keeps one (it re-derives the rest from the corrected value); every later
    step that requires something changed so far follows.

    Example:
        >>> [s.name for s in downstream({"stance"})]
        ['stance', 'relations', 'status', 'positions']
        >>> [s.name for s in downstream({"kinds"})]
        ['evidence', 'stance', 'relations', 'status', 'positions']
        >>> [s.name for s in downstream({"source_reviews"})]
        ['status', 'positions']
    """
    dirty, out = set(changed), []
    for s in steps:
        if s.requires & dirty or s.keeps & dirty:
            out.append(s)
            dirty |= s.assigns
    return out


def bind(steps: Sequence[Step], settings: Settings = DEFAULT, *, nlp=None, encoder=None,
         community=None) -> list[tuple[str, StepFn]]:
    """``(name, step)`` pairs with settings and models bound; models load lazily, once.
    ``community``: a review store's learned stance head (:mod:`argmap.community`), or None."""
    loaders = {"nlp": lambda: nlp if nlp is not None else resources.load_nlp(settings.spacy_model),
               "encoder": lambda: encoder if encoder is not None
               else resources.load_encoder(settings.encoder_package),
               "community": lambda: community}
    return [(s.name, partial(s.func, settings=settings, **{m: loaders[m]() for m in s.models}))
            for s in steps]


def build_steps(settings: Settings = DEFAULT, *, nlp=None, encoder=None, community=None
                ) -> list[tuple[str, StepFn]]:
    """The checked pipeline as ``(name, step)`` pairs, models bound. Loads models lazily.
    ``community``: a learned stance head (:mod:`argmap.community`) for the stance step."""
    check(PIPELINE)
    return bind(PIPELINE, settings, nlp=nlp, encoder=encoder, community=community)


def run_steps(amap: ArgumentMap, steps: Sequence[tuple[str, StepFn]],
              progress: Progress | None = None) -> ArgumentMap:
    """Run steps in order, recording each one's wall time in ``meta["timings"]``.

    When the map carries pins (corrections held fixed), each step's pinned fields are
    written back after it runs, so later steps see the corrected values.
    """
    from .corrections import impose

    assigns = {s.name: s.assigns for s in PIPELINE}
    timings: dict[str, float] = {}
    for i, (name, step) in enumerate(steps):
        if progress:
            progress(name, i, len(steps))
        t0 = time.perf_counter()
        amap = step(amap)
        if amap.pins:
            amap = impose(amap, assigns.get(name, ()))
        timings[name] = round(time.perf_counter() - t0, 4)
    return replace(amap, meta={**amap.meta, "timings": timings})


def analyze(thread: Thread, settings: Settings = DEFAULT, *, nlp=None, encoder=None,
            progress: Progress | None = None, store=None) -> ArgumentMap:
    """Find the argument structure of a thread.

    Args:
        thread: from :func:`argmap.parse_thread` or :func:`argmap.read_thread`.
        settings: thresholds and model names.
        nlp, encoder: already-loaded models (else loaded once per process).
        progress: called as ``progress(step_name, i, n)`` before each step.
        store: an :class:`argmap.store.Store`; its learned stance head (``argmap review
            learn``), when it has enough corrections, decides reply stance, and
            ``meta["stance_model"]`` names it.

    Returns:
        The :class:`ArgumentMap`; ``.to_json()`` gives the ``argmap/1`` document.

    Example:
        >>> import argmap
        >>> amap = argmap.analyze(argmap.read_thread("threads/russian-trolls-study.txt"))  # doctest: +SKIP
        >>> amap.to_dict()["schema"]  # doctest: +SKIP
        'argmap/1'
    """
    community = store.community_head() if store is not None else None
    steps = build_steps(settings, nlp=nlp, encoder=encoder, community=community)
    meta = {"settings": settings.as_dict(), "models": resources.model_versions()}
    return run_steps(ArgumentMap(thread=thread, meta=meta), steps, progress)
