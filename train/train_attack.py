"""Rebuild ``argmap/data/attack_head.npz``: the personal-attack head.

Logistic regression on each comment's MiniLM vector (as the embed step pools it) plus
the pattern counts of :func:`argmap.attack.pattern_features`, trained on the Apache-2.0
``cmv-adhominem`` chains: the last comment of an ``N_ah_*`` chain was removed by the
moderators as a personal attack (label ``personal-attack``), the last of an ``N_delta_*``
chain persuaded the poster (label ``none``). Bodies that are ``[removed]``, ``[deleted]``
or overwritten are left out. Only the training chains are used (chain numbers not a
multiple of 5, :func:`bench.quality_stance.is_heldout`); the held-out chains are scored
by ``bench/quality_stance.py``. The regularisation strength and the decision threshold
are picked by 5-fold cross-validation grouped by chain number, on the training chains
(the threshold: best F1 with a precision of at least 0.8).

Run: ``python train/train_attack.py`` (a minute or two; vectors cached in /tmp).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.attack import FEATURE_NAMES, pattern_features  # noqa: E402
from argmap.heads import DATA, save_head  # noqa: E402
from argmap.steps.stance import View  # noqa: E402
from bench.quality_stance import attack_pairs, chain_number, embedded_map  # noqa: E402

C_GRID = (0.03, 0.1, 0.3, 1.0)
CLASSES = ["none", "personal-attack"]


def features(pairs) -> np.ndarray:
    """Head inputs for the reply of each pair, built exactly as the stance step builds them."""
    view = View.of(embedded_map(pairs))
    replies = [view.amap.thread.get(f"r{i}") for i in range(len(pairs))]
    texts = [view.own_text(c) for c in replies]
    vecs = np.vstack([view.vec(c.id) for c in replies])
    return np.hstack([vecs, pattern_features(texts)])


def cv_probabilities(X: np.ndarray, y: np.ndarray, groups: np.ndarray, C: float) -> np.ndarray:
    """Out-of-fold probabilities, folds grouped by chain number."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    out = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=3000))
        model.fit(X[tr], y[tr])
        out[te] = model.predict_proba(X[te])[:, 1]
    return out


MIN_PRECISION = 0.8


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 of ``p >= threshold`` among thresholds whose precision
    is at least :data:`MIN_PRECISION` (a moderator tool should not cry wolf)."""
    best = (0.5, 0.0)
    for t in np.arange(0.2, 0.81, 0.02):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        if not tp or tp / pred.sum() < MIN_PRECISION:
            continue
        f1 = 2 * tp / (pred.sum() + (y == 1).sum())
        best = max(best, (float(t), f1), key=lambda b: b[1])
    return best


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    pairs = attack_pairs(heldout=False)
    X = features(pairs)
    y = np.array([p.label == "personal-attack" for p in pairs], dtype=int)
    groups = np.array([chain_number(p.source.split(":")[0]) for p in pairs])
    scores = {C: best_threshold(cv_probabilities(X, y, groups, C), y) for C in C_GRID}
    C = max(scores, key=lambda c: scores[c][1])
    threshold, cv_f1 = scores[C]
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=C, max_iter=3000).fit(scaler.transform(X), y)
    names = [f"emb_{i}" for i in range(X.shape[1] - len(FEATURE_NAMES))] + list(FEATURE_NAMES)
    meta = {"corpus": "cmv-adhominem (Apache-2.0), training chains (number % 5 != 0)",
            "n": len(y), "positives": int(y.sum()), "C": C, "threshold": round(threshold, 3),
            "cv_f1": round(float(cv_f1), 4), "min_precision": MIN_PRECISION, "script": "train/train_attack.py"}
    save_head(DATA / "attack_head.npz", kind="logreg", classes=CLASSES, features=names, meta=meta,
              W=model.coef_.T, b=model.intercept_, mean=scaler.mean_, scale=scaler.scale_)
    print({k: v for k, v in meta.items()}, {c: round(s[1], 4) for c, s in scores.items()})


if __name__ == "__main__":
    main()
