"""Rebuild ``argmap/data/unit_head.npz``: the claim / premise / evidence unit head.

Trains a multinomial logistic regression on MiniLM embeddings of gold spans plus
the cue features of :func:`argmap.steps.classify.cue_features`, from the two
train + ship corpora under ``../shared/corpora``:

* cdcp: value/policy -> claim (premise when the proposition is the source of a
  reason link), fact/testimony/reference -> evidence;
* ukp-webdiscourse: Claim -> claim, Premise -> premise, Backing -> evidence
  (implicit claims with ``begin == end == 0`` skipped).

Only the fixed-seed 80 % training split of each corpus (``bench.quality_units.split``)
is used, so ``bench/quality_units.py`` scores on documents the head never saw.
The regularisation strength is picked on a validation slice of the training split.

Run: ``python train/train_units.py`` (about a minute; embeddings cached in /tmp).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap import resources  # noqa: E402
from argmap.heads import DATA, load_head, save_head  # noqa: E402
from argmap.steps.classify import FEATURE_NAMES, features  # noqa: E402
from bench.quality_units import Doc, load_cdcp, load_ukp, split  # noqa: E402

CLASSES = ["claim", "premise", "evidence"]
CACHE = Path("/tmp/argmap-unit-embeddings")
C_GRID = (0.03, 0.1, 0.3, 1.0)


def examples(docs: list[Doc]) -> tuple[list[str], list[str]]:
    """(span texts, fine labels) of every gold span."""
    texts, labels = [], []
    for d in docs:
        for sp in d.spans:
            texts.append(d.text[sp.start:sp.end].strip())
            labels.append(sp.label)
    return texts, labels


def embed_cached(texts: list[str]) -> np.ndarray:
    """MiniLM vectors for ``texts``, cached on disk by content hash."""
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{key}.npy"
    if path.exists():
        return np.load(path)
    vecs = resources.encode(resources.load_encoder(), texts)
    CACHE.mkdir(exist_ok=True)
    np.save(path, vecs)
    return vecs


def fit(X: np.ndarray, y: list[str], C: float):
    """A balanced multinomial logistic regression on standardised inputs."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    model.fit(scaler.transform(X), y)
    return scaler, model


def coarse_f1(y_true: list[str], y_pred: list[str]) -> float:
    """Claim-like (claim, premise) vs evidence macro-F1."""
    from sklearn.metrics import f1_score

    def c(v):
        return ["evidence" if x == "evidence" else "claim" for x in v]

    return float(f1_score(c(y_true), c(y_pred), average="macro"))


def main() -> None:
    train_docs, held_docs = [], []
    for docs in (load_cdcp(), load_ukp()):
        tr, he = split(docs)
        train_docs += tr
        held_docs += he
    fit_docs, val_docs = split(train_docs, seed=7)
    tx, ty = examples(fit_docs)
    vx, vy = examples(val_docs)
    Xf, Xv = features(tx, embed_cached(tx)), features(vx, embed_cached(vx))
    scores = {C: coarse_f1(vy, list(fit(Xf, ty, C)[1].predict(fit(Xf, ty, C)[0].transform(Xv))))
              for C in C_GRID}
    best_c = max(scores, key=scores.__getitem__)
    print("validation claim-vs-evidence macro-F1 by C:", {k: round(v, 4) for k, v in scores.items()})
    ax, ay = examples(train_docs)
    scaler, model = fit(features(ax, embed_cached(ax)), ay, best_c)
    order = [list(model.classes_).index(c) for c in CLASSES]
    meta = {"corpora": ["cdcp", "ukp-webdiscourse"], "split": "fixed-seed 80% of documents (seed 13)",
            "C": best_c, "examples": len(ay), "validation_macro_f1": round(scores[best_c], 4),
            "script": "train/train_units.py"}
    out = DATA / "unit_head.npz"
    DATA.mkdir(exist_ok=True)
    save_head(out, kind="logreg", classes=CLASSES, features=[f"minilm_{i}" for i in range(384)]
              + list(FEATURE_NAMES), meta=meta, W=model.coef_[order].T, b=model.intercept_[order],
              mean=scaler.mean_, scale=scaler.scale_)
    hx, hy = examples(held_docs)
    pred = load_head(out).predict(features(hx, embed_cached(hx)))
    print(f"held-out gold spans, claim-vs-evidence macro-F1: {coarse_f1(hy, pred):.4f} ({len(hy)} spans)")
    print(f"wrote {out} (C={best_c}, {len(ay)} examples)")


if __name__ == "__main__":
    main()
