"""A community's own reply-stance head, learned from its moderators' stance corrections.

Agreement is community-specific ("Same here." on a vaccine forum, a pile-on against a
third party on a news site). Every stance correction in a review store is a labelled
(parent, reply) pair from that store's community; :func:`fit` turns them into a small
*residual* head on top of the shipped model:

``logits = log p_shipped + z @ W + b``

where ``p_shipped`` is the shipped model's decision probabilities for the reply (head plus
decision rules) and ``z`` the standardised inputs :func:`inputs` builds: the shipped
log-probabilities themselves, the discourse cues (:mod:`argmap.stance_cues`) and a
nearest-neighbour vote over the corrected replies' MiniLM vectors (what the community's
own replies that read like this one were labelled). ``W`` and ``b`` are pulled toward zero
(L2, strength picked by cross-validation), so with few or noisy corrections the head
stays close to the shipped model. Numpy only; a few milliseconds to fit.

:func:`fit` also reports a cross-validated macro-F1 of the learned head against the
shipped model's on the same examples (stratified folds; the regularisation is picked
inside each training fold). The store keeps the result (:meth:`argmap.store.Store.learn`);
the stance step uses it when it holds at least :data:`MIN_EXAMPLES` examples.

Example:
    >>> rng = np.random.default_rng(0)
    >>> n = 60
    >>> y = np.array([i % 3 for i in range(n)])
    >>> base = np.full((n, 3), 1 / 3)                 # a shipped model that knows nothing
    >>> cues = np.eye(3)[y] + 0.1 * rng.normal(size=(n, 3))   # cues that do
    >>> vecs = rng.normal(size=(n, 8))
    >>> head = fit(base, cues, vecs, [("support", "attack", "neutral")[i] for i in y])
    >>> head.n_examples, head.cv_macro_f1 > head.shipped_macro_f1
    (60, True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

LABELS = ("support", "attack", "neutral")
MIN_EXAMPLES = 20        # fewer corrections than this: the shipped model is used
LAMBDAS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)   # L2 strengths tried by cross-validation
K_NEIGHBOURS = 7         # corrected replies that vote on a new reply
FOLDS = 5


def _norm_rows(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    n = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(n > 0, n, 1.0)


def knn_vote(vecs: np.ndarray, ref_vecs: np.ndarray, ref_y: np.ndarray, *,
             exclude_self: bool = False, k: int = K_NEIGHBOURS) -> np.ndarray:
    """``(n, 3)``: the similarity-weighted share of each label among the ``k`` corrected
    replies most like each reply (cosine of MiniLM vectors); uniform when there are none.
    With ``exclude_self`` (``vecs`` is ``ref_vecs``) a reply does not vote on itself."""
    n = len(vecs)
    out = np.full((n, 3), 1.0 / 3)
    if n == 0 or len(ref_vecs) == 0:
        return out
    S = _norm_rows(vecs) @ _norm_rows(ref_vecs).T
    if exclude_self:
        np.fill_diagonal(S, -np.inf)
    k = min(k, S.shape[1] - (1 if exclude_self else 0))
    if k <= 0:
        return out
    idx = np.argpartition(-S, k - 1, axis=1)[:, :k]
    sims = np.take_along_axis(S, idx, axis=1)
    w = np.exp(4.0 * np.clip(sims, -1, 1))          # closer neighbours count more
    Y = np.eye(3)[np.asarray(ref_y)[idx]]             # (n, k, 3)
    votes = (w[:, :, None] * Y).sum(axis=1) + 0.5     # +0.5: a weak uniform prior
    return votes / votes.sum(axis=1, keepdims=True)


def inputs(base_p: np.ndarray, cues: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """The residual head's raw inputs: shipped log-probabilities, cues, log neighbour votes."""
    base_p = np.clip(np.asarray(base_p, dtype=np.float64), 1e-6, 1.0)
    return np.hstack([np.log(base_p), np.asarray(cues, dtype=np.float64), np.log(votes)])


def _train(base_logit: np.ndarray, Z: np.ndarray, y: np.ndarray, lam: float,
           iters: int = 25) -> tuple[np.ndarray, np.ndarray]:
    """Newton's method for class-balanced multinomial logistic regression with an offset:
    minimise sum_i w_i CE(softmax(base_i + z_i W + b), y_i) + lam/2 (|W|^2 + |b|^2 / 10)."""
    n, d = Z.shape
    X = np.hstack([Z, np.ones((n, 1))])
    counts = np.bincount(y, minlength=3).astype(float)
    w = (n / (3.0 * np.maximum(counts, 1.0)))[y]
    Y = np.eye(3)[y]
    reg = np.full(d + 1, lam)
    reg[-1] = lam
    R = np.diag(np.tile(reg, 3))            # theta laid out class-major: [W[:,0]; b0; W[:,1]; ...]
    theta = np.zeros(3 * (d + 1))
    for _ in range(iters):
        T = theta.reshape(3, d + 1).T        # (d+1, 3)
        logits = base_logit + X @ T
        P = np.exp(logits - logits.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        G = ((w[:, None] * (P - Y)).T @ X).reshape(-1) + R @ theta
        H = np.zeros((3 * (d + 1), 3 * (d + 1)))
        for a in range(3):
            for c in range(a, 3):
                coef = w * P[:, a] * ((a == c) - P[:, c])
                blk = (X * coef[:, None]).T @ X
                H[a * (d + 1):(a + 1) * (d + 1), c * (d + 1):(c + 1) * (d + 1)] = blk
                H[c * (d + 1):(c + 1) * (d + 1), a * (d + 1):(a + 1) * (d + 1)] = blk.T
        H += R + 1e-8 * np.eye(len(theta))
        step = np.linalg.solve(H, G)
        theta -= step
        if np.abs(step).max() < 1e-6:
            break
    T = theta.reshape(3, d + 1).T
    return T[:-1], T[-1]


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 over the three labels (a label absent from both counts as 0)."""
    f = []
    for k in range(3):
        tp = float(np.sum((gold == k) & (pred == k)))
        fp, fn = float(np.sum((gold != k) & (pred == k))), float(np.sum((gold == k) & (pred != k)))
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f))


def _folds(y: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """Stratified fold ids, ``k`` folds (fewer when there are few examples)."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=int)
    for c in range(3):
        idx = np.flatnonzero(y == c)
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % k
    return [np.flatnonzero(fold == f) for f in range(k)]


@dataclass(frozen=True, eq=False)
class CommunityHead:
    """A learned residual head (see the module docstring). ``n_examples`` corrections went in."""

    n_examples: int
    lam: float
    mean: np.ndarray
    scale: np.ndarray
    W: np.ndarray
    b: np.ndarray
    ref_vecs: np.ndarray            # the corrected replies' vectors (for the neighbour vote)
    ref_y: np.ndarray
    cv_macro_f1: float = 0.0        # the learned head, out of fold
    shipped_macro_f1: float = 0.0   # the shipped model on the same examples
    counts: dict[str, int] = field(default_factory=dict)
    created: str = ""

    @property
    def usable(self) -> bool:
        """True when it has enough examples (of at least two labels) to replace the shipped
        decision and learned something: cross-validation preferred it to the shipped model,
        both in picking its regularisation and out of fold on the same examples."""
        return (self.n_examples >= MIN_EXAMPLES and len(set(np.asarray(self.ref_y).tolist())) >= 2
                and bool(np.isfinite(self.lam)) and self.cv_macro_f1 > self.shipped_macro_f1)

    @property
    def name(self) -> str:
        return f"learned from {self.n_examples} of your corrections"

    def proba(self, base_p: np.ndarray, cues: np.ndarray, vecs: np.ndarray) -> np.ndarray:
        """``(n, 3)`` probabilities in :data:`LABELS` order for new replies."""
        if len(base_p) == 0:
            return np.zeros((0, 3))
        votes = knn_vote(vecs, self.ref_vecs, self.ref_y)
        return _predict(self, base_p, inputs(base_p, cues, votes))

    def to_dict(self) -> dict[str, Any]:
        arrays = {k: np.asarray(getattr(self, k)).tolist() for k in ("mean", "scale", "W", "b")}
        return {"n_examples": self.n_examples, "lam": self.lam if np.isfinite(self.lam) else None, **arrays,
                "ref_vecs": np.asarray(self.ref_vecs, dtype=np.float32).round(5).tolist(),
                "ref_y": np.asarray(self.ref_y).tolist(), "cv_macro_f1": self.cv_macro_f1,
                "shipped_macro_f1": self.shipped_macro_f1, "counts": self.counts, "created": self.created}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CommunityHead:
        arr = {k: np.asarray(d[k], dtype=np.float64) for k in ("mean", "scale", "W", "b", "ref_vecs")}
        return cls(n_examples=int(d["n_examples"]), lam=float("inf") if d["lam"] is None else float(d["lam"]), ref_y=np.asarray(d["ref_y"], dtype=int),
                   cv_macro_f1=float(d.get("cv_macro_f1", 0.0)),
                   shipped_macro_f1=float(d.get("shipped_macro_f1", 0.0)),
                   counts=dict(d.get("counts", {})), created=str(d.get("created", "")), **arr)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CommunityHead:
        return cls.from_dict(json.loads(text))


def _predict(head: CommunityHead, base_p: np.ndarray, Zraw: np.ndarray) -> np.ndarray:
    Z = (Zraw - head.mean) / head.scale
    logits = np.log(np.clip(base_p, 1e-6, 1.0)) + Z @ head.W + head.b
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _fit_fixed(base_p: np.ndarray, cues: np.ndarray, vecs: np.ndarray, y: np.ndarray,
               lam: float) -> CommunityHead:
    votes = knn_vote(vecs, vecs, y, exclude_self=True)   # as a new reply will see them
    Zraw = inputs(base_p, cues, votes)
    mean, scale = Zraw.mean(axis=0), Zraw.std(axis=0)
    scale = np.where(scale > 1e-6, scale, 1.0)
    if not np.isfinite(lam):   # no residual: the shipped model's decisions
        return CommunityHead(len(y), lam, mean, scale, np.zeros((Zraw.shape[1], 3)), np.zeros(3),
                             np.asarray(vecs, dtype=np.float64), y)
    W, b = _train(np.log(np.clip(base_p, 1e-6, 1.0)), (Zraw - mean) / scale, y, lam)
    return CommunityHead(len(y), lam, mean, scale, W, b, np.asarray(vecs, dtype=np.float64), y)


def _pick_lambda(base_p, cues, vecs, y) -> float:
    """The L2 strength with the best inner cross-validated macro-F1 (ties: the stronger);
    ``inf`` (keep the shipped model: no residual) when none beats the shipped model there."""
    k = min(FOLDS, max(2, int(np.bincount(y, minlength=3).max() // 2)))
    folds = _folds(y, k, seed=1)
    best, best_lam = macro_f1(y, base_p.argmax(axis=1)), float("inf")
    for lam in sorted(LAMBDAS, reverse=True):
        pred = np.zeros(len(y), dtype=int)
        for te in folds:
            tr = np.setdiff1d(np.arange(len(y)), te)
            if len(te) == 0 or len(tr) == 0:
                continue
            h = _fit_fixed(base_p[tr], cues[tr], vecs[tr], y[tr], lam)
            pred[te] = h.proba(base_p[te], cues[te], vecs[te]).argmax(axis=1)
        score = macro_f1(y, pred)
        if score > best + 1e-9:
            best, best_lam = score, lam
    return best_lam


def fit(base_p: np.ndarray, cues: np.ndarray, vecs: np.ndarray, labels: list[str], *,
        created: str = "", cross_validate: bool = True) -> CommunityHead:
    """Learn a community head from labelled replies.

    Args:
        base_p: ``(n, 3)`` the shipped model's probabilities (:data:`LABELS` order).
        cues: ``(n, c)`` cue features of each (parent, reply) pair.
        vecs: ``(n, 384)`` reply vectors.
        labels: the moderators' labels, one of :data:`LABELS` each.
        cross_validate: also measure the learned and the shipped model out of fold.

    Returns:
        The head; with ``cross_validate``, ``cv_macro_f1`` (learned, out of fold, the L2
        strength picked inside each training fold) and ``shipped_macro_f1`` (shipped model,
        same examples).
    """
    bad = [lab for lab in labels if lab not in LABELS]
    if bad:
        raise ValueError(f"unknown stance label {bad[0]!r}; expected one of {', '.join(LABELS)}")
    y = np.array([LABELS.index(lab) for lab in labels], dtype=int)
    base_p, cues, vecs = (np.asarray(a, dtype=np.float64) for a in (base_p, cues, vecs))
    n = len(y)
    counts = {lab: int((y == i).sum()) for i, lab in enumerate(LABELS)}
    if n < 2 or len(set(y.tolist())) < 2:
        # nothing to learn from: an identity head (the shipped model) recording the count
        d = inputs(base_p[:1], cues[:1], np.full((1, 3), 1 / 3)).shape[1] if n else 3 + cues.shape[1] + 3
        return CommunityHead(n, float("inf"), np.zeros(d), np.ones(d), np.zeros((d, 3)), np.zeros(3),
                             vecs, y, counts=counts, created=created)
    cv, shipped = 0.0, macro_f1(y, base_p.argmax(axis=1))
    if cross_validate:
        k = min(FOLDS, max(2, int(np.bincount(y, minlength=3).max() // 2)))
        pred = np.zeros(n, dtype=int)
        for te in _folds(y, k):
            tr = np.setdiff1d(np.arange(n), te)
            if len(te) == 0 or len(set(y[tr].tolist())) < 2:
                pred[te] = base_p[te].argmax(axis=1)
                continue
            lam = _pick_lambda(base_p[tr], cues[tr], vecs[tr], y[tr])
            h = _fit_fixed(base_p[tr], cues[tr], vecs[tr], y[tr], lam)
            pred[te] = h.proba(base_p[te], cues[te], vecs[te]).argmax(axis=1)
        cv = macro_f1(y, pred)
    head = _fit_fixed(base_p, cues, vecs, y, _pick_lambda(base_p, cues, vecs, y))
    return CommunityHead(head.n_examples, head.lam, head.mean, head.scale, head.W, head.b,
                         head.ref_vecs, head.ref_y, round(cv, 4), round(shipped, 4), counts, created)
