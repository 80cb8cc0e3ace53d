"""Train the positions pair head (argmap/data/position_head.npz) on IBM ArgKP train.

For every debate topic of ``shared/corpora/ibm-argkp`` (train split only; dev measures,
test is held out), every pair of arguments that each make exactly one key point is an
example: positive when they make the same key point. Features are ``[u*v, (u-v)**2,
cos]`` of their MiniLM vectors centred on the topic's mean (as a thread's are) (see :class:`argmap.positions.PairHead`); a class-balanced
logistic regression learns P(same point). At most 6,000 pairs per topic are sampled
(seeded), so every topic weighs about the same.

Run: ``python train/train_positions.py`` (about a minute), then
``python bench/quality_positions.py --calibrate`` to choose the threshold.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argmap.positions import HEAD, centred  # noqa: E402
from bench.quality_positions import encode_topics, load  # noqa: E402

PAIRS_PER_TOPIC = 6000


def features(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.hstack([u * v, (u - v) ** 2, np.sum(u * v, axis=1, keepdims=True)])


def pairs(vecs: np.ndarray, gold: list[str], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    i, j = np.triu_indices(len(gold), k=1)
    if len(i) > PAIRS_PER_TOPIC:
        pick = rng.choice(len(i), PAIRS_PER_TOPIC, replace=False)
        i, j = i[pick], j[pick]
    g = np.asarray(gold)
    return features(vecs[i], vecs[j]), (g[i] == g[j]).astype(np.int8)


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from argmap.resources import load_encoder

    topics = load("train")
    vecs = {t: centred(v) for t, v in encode_topics(topics, load_encoder()).items()}
    rng = np.random.default_rng(13)
    xs, ys = zip(*(pairs(vecs[t], [k for _, k in rows], rng) for t, rows in topics.items()), strict=True)
    X, y = np.vstack(xs), np.concatenate(ys)
    print(f"{len(topics)} topics, {len(y)} pairs, {y.mean():.3f} positive")
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(X, y)
    w = model.coef_[0].astype("float32")
    d = (len(w) - 1) // 2
    np.savez(HEAD, w_prod=w[:d], w_sq=w[d:2 * d], w_cos=np.float32(w[-1]), bias=np.float32(model.intercept_[0]))
    print(f"train accuracy {model.score(X, y):.3f}; wrote {HEAD}")


if __name__ == "__main__":
    main()
