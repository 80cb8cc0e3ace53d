"""The use-case calls both faces make: read, analyse, keep in the review store, apply
the moderators' corrections.

The CLI (``argmap analyze FILE --db PATH``) calls :func:`analyze_file`; the app, which
caches the uncorrected analysis per input, calls :func:`analyze_bytes` without a store
and :func:`keep_and_correct` on every rerun (corrections change more often than inputs).

Example:
    >>> import argmap
    >>> result = argmap.analyze_file("threads/russian-trolls-study.txt")  # doctest: +SKIP
    >>> result.map.to_dict()["schema"], result.key is None                # doctest: +SKIP
    ('argmap/1', True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .corrections import Problem
from .errors import ThreadFormatError
from .model import ArgumentMap, Thread
from .pipeline import Progress, analyze
from .readers import parse_thread
from .readers._decode import check_size
from .settings import DEFAULT, Settings

if TYPE_CHECKING:
    from .store import Store

OnRead = Callable[[Thread], None]


@dataclass(frozen=True)
class Analysis:
    """What one analysis produced.

    Attributes:
        map: the argument map, with the store's corrections applied when there is a store.
        key: the thread's key in the store (sha256 of the input bytes), or None without one.
        problems: corrections that no longer apply (their target is gone), never dropped.
    """

    map: ArgumentMap
    key: str | None = None
    problems: tuple[Problem, ...] = ()


def analyze_file(path: str | Path, *, fmt: str = "auto", store: Store | None = None,
                 settings: Settings = DEFAULT, nlp=None, encoder=None,
                 progress: Progress | None = None, on_read: OnRead | None = None) -> Analysis:
    """Read the file at ``path`` (its size checked first), analyse it and, with a store,
    keep the analysis and apply the thread's corrections. ``on_read(thread)`` is called
    once the thread is parsed, before the analysis (the CLI prints the reader's warnings
    and sizes its progress line there).

    Raises:
        ThreadFormatError: the file cannot be read or parsed (the message names it).
    """
    p = Path(path)
    try:
        check_size(p.stat().st_size, settings, str(p))  # before reading a huge file
        data = p.read_bytes()  # read once: the store keys the thread on these bytes
    except OSError as exc:
        raise ThreadFormatError(f"cannot read file ({exc.strerror or exc})", source=str(p)) from None
    return analyze_bytes(data, fmt=fmt, source=str(p), store=store, settings=settings,
                         nlp=nlp, encoder=encoder, progress=progress, on_read=on_read)


def analyze_bytes(data: bytes, *, fmt: str = "auto", source: str = "<input>", store: Store | None = None,
                  settings: Settings = DEFAULT, nlp=None, encoder=None,
                  progress: Progress | None = None, on_read: OnRead | None = None,
                  review: bool = True) -> Analysis:
    """Parse ``data`` (format ``fmt``, named ``source`` in errors) and analyse it; with a
    store, reply stance uses its learned head (``argmap review learn``) and, unless
    ``review=False`` (the app keeps and corrects the analysis itself, on every rerun), the
    result is kept there with its corrections applied (:func:`review`)."""
    thread = parse_thread(data, fmt, source=source, settings=settings)
    if on_read is not None:
        on_read(thread)
    amap = analyze(thread, settings, nlp=nlp, encoder=encoder, progress=progress, store=store)
    if store is None or not review:
        return Analysis(amap)
    return keep_and_correct(store, data, amap, encoder=encoder)


def keep_and_correct(store: Store, data: bytes, amap: ArgumentMap, *, save: bool = True, encoder=None
                     ) -> Analysis:
    """Keep ``amap`` (uncorrected) in the store under the key of ``data`` and return it
    with the thread's active corrections applied (they re-derive what depends on them)."""
    key = store.save_analysis(data, amap) if save else store.key_of(data)
    fixed, problems = store.apply(key, amap, encoder=encoder)
    return Analysis(fixed, key, tuple(problems))
