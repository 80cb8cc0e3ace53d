"""Tiny numpy inference for trained classifier heads stored as ``.npz`` files.

A head maps a feature matrix ``X`` (n, d) to class probabilities (n, k). Two
shapes are supported, both with an optional standardisation (``mean``/``scale``)
applied first:

* ``logreg``: ``softmax(X @ W + b)`` (``W`` (d, k)); with k == 1 a sigmoid gives
  the probability of ``classes[1]``;
* ``mlp``: one hidden ReLU layer, ``softmax(relu(X @ W1 + b1) @ W2 + b2)``.

The file holds the arrays plus ``kind``, ``classes`` (names of the k outputs),
``features`` (names of the d inputs, so a caller can check it builds them in the
same order) and ``meta`` (a JSON string: corpora, split, scores; an optional
``temperature`` divides the logits before the softmax, fitted by the training script so
that the probabilities are calibrated). Training
scripts (``train/``) write heads with :func:`save_head`; the library reads them
with :func:`load_head`, numpy only (no scikit-learn at run time).

Example:
    >>> import numpy as np, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "toy.npz")
    >>> save_head(path, kind="logreg", classes=["no", "yes"], features=["x"],
    ...           W=np.array([[2.0]]), b=np.array([0.0]))
    >>> head = load_head(path)
    >>> head.predict_proba(np.array([[0.0], [10.0]])).round(3).tolist()
    [[0.5, 0.5], [0.0, 1.0]]
    >>> head.classes
    ('no', 'yes')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("logreg", "mlp")


@dataclass(frozen=True, eq=False)
class Head:
    """A loaded head: call :meth:`predict_proba` on a ``(n, d)`` feature matrix."""

    kind: str
    classes: tuple[str, ...]
    features: tuple[str, ...]
    arrays: dict[str, np.ndarray]
    meta: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, ``(n, len(classes))``, rows summing to 1."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            raise ValueError(f"head expects (n, {len(self.features)}) features, got {X.shape}")
        a = self.arrays
        if "mean" in a:
            X = (X - a["mean"]) / a["scale"]
        if self.kind == "mlp":
            X = np.maximum(X @ a["W1"] + a["b1"], 0.0)
            logits = X @ a["W2"] + a["b2"]
        else:
            logits = X @ a["W"] + a["b"]
        if logits.shape[1] == 1:
            logits = np.hstack([np.zeros_like(logits), logits])
        return _softmax(logits / float(self.meta.get("temperature", 1.0)))

    def predict(self, X: np.ndarray) -> list[str]:
        """The most probable class name for each row."""
        return [self.classes[i] for i in self.predict_proba(X).argmax(axis=1)]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def save_head(path: str | Path, *, kind: str, classes: list[str], features: list[str],
              meta: dict[str, Any] | None = None, **arrays: np.ndarray) -> None:
    """Write a head (arrays ``W``/``b`` or ``W1``/``b1``/``W2``/``b2``, optional ``mean``/``scale``)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    need = ("W", "b") if kind == "logreg" else ("W1", "b1", "W2", "b2")
    missing = [n for n in need if n not in arrays]
    if missing:
        raise ValueError(f"{kind} head needs arrays {missing}")
    np.savez_compressed(
        path, kind=np.array(kind), classes=np.array(classes), features=np.array(features),
        meta=np.array(json.dumps(meta or {})),
        **{k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()},
    )


def load_head(path: str | Path) -> Head:
    """Read a head written by :func:`save_head`. A bare name means ``argmap/data/<name>.npz``."""
    p = Path(path)
    if p.suffix != ".npz" and not p.is_absolute():
        p = DATA / f"{path}.npz"
    return _load(str(p))


@lru_cache(maxsize=16)
def _load(path: str) -> Head:
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k].astype(np.float64) for k in z.files
                  if k not in ("kind", "classes", "features", "meta")}
        return Head(kind=str(z["kind"]), classes=tuple(str(c) for c in z["classes"]),
                    features=tuple(str(f) for f in z["features"]), arrays=arrays,
                    meta=json.loads(str(z["meta"])))
