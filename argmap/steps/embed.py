"""MiniLM vectors for units and comments in one batched encode.

Requires: units. Assigns: ``vectors`` (:class:`~argmap.model.Vectors`: ``units`` is
(n_units, 384), ``comments`` (n_comments, 384), rows in the order of ``units`` /
``thread.comments``).

Each distinct unit text is encoded once (identical texts share a vector), in
batches of equal token length (:func:`argmap.resources.encode_packed`). Each
comment's vector is the length-weighted mean of its unit vectors,
re-normalised (a zero row for a comment with no units), so the encoder runs once
over the unit texts and never again over whole comments. A root with no text but a
title (a link post) gets its title's vector.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from .. import resources
from ..model import ArgumentMap, Unit, Vectors
from ..settings import DEFAULT, Settings

DIM = 384


def embed(amap: ArgumentMap, *, encoder: Any, settings: Settings = DEFAULT) -> ArgumentMap:
    """Encode every unit once and pool units into comment vectors.

    Args:
        amap: a map with ``units`` (from :func:`argmap.steps.segment.segment`).
        encoder: a loaded sentence encoder (``resources.load_encoder()``).
        settings: ``batch_size`` for the encoder.

    Returns:
        The map with ``vectors.units`` and ``vectors.comments`` set.
    """
    thread = amap.thread
    texts = [u.text for u in amap.units]
    # A link post has a title and no text: the title stands for the root (same encode call)
    titled = bool(thread.title.strip()) and not any(u.comment_id == thread.root.id for u in amap.units)
    vecs = encode_unique(encoder, texts + [thread.title] if titled else texts, settings.batch_size)
    unit_vecs = vecs[:len(texts)]
    comment_ids = [c.id for c in thread.comments]
    comment_vecs = pool_comments(amap.units, unit_vecs, comment_ids)
    if titled:
        comment_vecs[comment_ids.index(thread.root.id)] = vecs[-1]
    return replace(amap, vectors=Vectors(units=unit_vecs, comments=comment_vecs))


def encode_unique(encoder: Any, texts: list[str], batch_size: int) -> np.ndarray:
    """Vectors for ``texts`` (one row each), encoding each distinct text once.

    Quoted passages, repeated slogans and short replies ("Exactly.", "Source?")
    recur in a thread; an identical text gets an identical vector, so the
    encoder sees every distinct text once and rows are copied back.

    Args:
        encoder: a loaded sentence encoder.
        texts: the texts, duplicates allowed.
        batch_size: encoder batch size.

    Returns:
        ``(len(texts), d)`` float32 array, unit-normalised rows.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    first: dict[str, int] = {}
    rows = np.fromiter((first.setdefault(t, len(first)) for t in texts), dtype=np.intp, count=len(texts))
    vecs = np.asarray(resources.encode_packed(encoder, list(first), batch_size=batch_size), dtype=np.float32)
    return vecs.reshape(len(first), -1)[rows]


def pool_comments(units: tuple[Unit, ...], unit_vecs: np.ndarray, comment_ids: list[str]) -> np.ndarray:
    """Unit-normalised, length-weighted mean of each comment's unit vectors.

    Args:
        units: the units, one per row of ``unit_vecs``.
        unit_vecs: ``(len(units), d)`` array.
        comment_ids: the comments, one output row each, in this order.

    Returns:
        ``(len(comment_ids), d)`` float32 array; zero rows for comments without units.

    Example:
        >>> from argmap.model import Unit
        >>> us = (Unit("a:0", "a", 0, 2, "hi", "other", 0.0, ""),)
        >>> pool_comments(us, np.array([[3.0, 4.0]]), ["a", "b"]).tolist()
        [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    dim = unit_vecs.shape[1] if unit_vecs.ndim == 2 and unit_vecs.shape[1] else DIM
    row = {cid: i for i, cid in enumerate(comment_ids)}
    out = np.zeros((len(comment_ids), dim), dtype=np.float64)
    for u, vec in zip(units, unit_vecs, strict=True):
        if u.comment_id in row:
            out[row[u.comment_id]] += max(len(u.text), 1) * vec
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms > 0, norms, 1.0)).astype(np.float32)
