"""The whole pipeline on one screen: :func:`build_steps` and :func:`analyze`.

Each step is a plain function ``ArgumentMap -> ArgumentMap`` whose model
dependencies are keyword-only arguments, so a test can call one step directly
on a hand-built map. Order matters and is documented in each step's docstring
("Requires"/"Assigns").
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from . import positions as positions_step
from . import resources
from .model import ArgumentMap, Thread
from .settings import DEFAULT, Settings
from .steps import classify, embed, evidence, reconstruct, relations, segment, stance, status

Step = Callable[[ArgumentMap], ArgumentMap]
Progress = Callable[[str, int, int], None]

STEP_NAMES = ("segment", "embed", "reconstruct", "classify", "evidence", "stance",
              "relations", "status", "positions")


def build_steps(settings: Settings = DEFAULT, *, nlp=None, encoder=None) -> list[tuple[str, Step]]:
    """The pipeline as ``(name, step)`` pairs, models bound. Loads models lazily."""
    nlp = nlp if nlp is not None else resources.load_nlp(settings.spacy_model)
    encoder = encoder if encoder is not None else resources.load_encoder(settings.encoder_package)
    return [
        ("segment", partial(segment.segment, nlp=nlp, settings=settings)),
        ("embed", partial(embed.embed, encoder=encoder, settings=settings)),
        ("reconstruct", partial(reconstruct.reconstruct, settings=settings)),
        ("classify", partial(classify.classify, settings=settings)),
        ("evidence", partial(evidence.find_evidence, settings=settings)),
        ("stance", partial(stance.stance, settings=settings)),
        ("relations", partial(relations.relate, settings=settings)),
        ("status", partial(status.status, settings=settings)),
        ("positions", partial(positions_step.positions, settings=settings)),
    ]


def run_steps(amap: ArgumentMap, steps: Sequence[tuple[str, Step]],
              progress: Progress | None = None) -> ArgumentMap:
    """Run steps in order, recording each one's wall time in ``meta["timings"]``."""
    timings: dict[str, float] = {}
    for i, (name, step) in enumerate(steps):
        if progress:
            progress(name, i, len(steps))
        t0 = time.perf_counter()
        amap = step(amap)
        timings[name] = round(time.perf_counter() - t0, 4)
    return replace(amap, meta={**amap.meta, "timings": timings})


def analyze(thread: Thread, settings: Settings = DEFAULT, *, nlp=None, encoder=None,
            progress: Progress | None = None) -> ArgumentMap:
    """Find the argument structure of a thread.

    Args:
        thread: from :func:`argmap.parse_thread` or :func:`argmap.read_thread`.
        settings: thresholds and model names.
        nlp, encoder: already-loaded models (else loaded once per process).
        progress: called as ``progress(step_name, i, n)`` before each step.

    Returns:
        The :class:`ArgumentMap`; ``.to_json()`` gives the ``argmap/1`` document.

    Example:
        >>> import argmap
        >>> amap = argmap.analyze(argmap.read_thread("threads/russian-trolls-study.txt"))  # doctest: +SKIP
        >>> amap.to_dict()["schema"]  # doctest: +SKIP
        'argmap/1'
    """
    steps = build_steps(settings, nlp=nlp, encoder=encoder)
    meta = {"settings": settings.as_dict(), "models": resources.model_versions()}
    return run_steps(ArgumentMap(thread=thread, meta=meta), steps, progress)
