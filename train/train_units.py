"""Rebuild ``argmap/data/unit_head.npz``: the claim / premise / evidence unit head.

Trains a multinomial logistic regression on MiniLM embeddings of gold spans plus
the cue features of :func:`argmap.steps.classify.cue_features`, from the two
train + ship corpora under ``../shared/corpora``:

* cdcp: value/policy -> claim (premise when the proposition is the source of a
  reason link), fact/testimony/reference -> evidence;
* ukp-webdiscourse: Claim -> claim, Premise -> premise, Backing -> evidence
  (implicit claims with ``begin == end == 0`` skipped).

The labelling of cdcp's value/policy propositions that serve as reasons (premise, or
claim like the rest) and the regularisation strength are picked by 3-fold
cross-validation, grouped by document, on the training documents. Only the fixed-seed 80 % training split of each corpus (``bench.quality_units.split``)
is used, so ``bench/quality_units.py`` scores on documents the head never saw.

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
C_GRID = (0.01, 0.03)


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
    """Claim-like (claim, premise) vs evidence macro-F1 (the cdcp figure)."""
    from sklearn.metrics import f1_score

    def c(v):
        return ["evidence" if x == "evidence" else "claim" for x in v]

    return float(f1_score(c(y_true), c(y_pred), average="macro"))


def premise_f1(y_true: list[str], y_pred: list[str]) -> float:
    """Claim vs premise-or-evidence macro-F1 over gold claims and premises (the ukp figure)."""
    from sklearn.metrics import f1_score

    keep = [i for i, y in enumerate(y_true) if y in ("claim", "premise")]

    def c(v):
        return ["claim" if v[i] == "claim" else "premise" for i in keep]

    return float(f1_score(c(y_true), c(y_pred), average="macro"))


def relabel(labels: list[str], corpus: list[str], scheme: str) -> list[str]:
    """Scheme ``reasons``: cdcp reason sources are premises; ``claims``: all cdcp value/policy are claims."""
    if scheme == "reasons":
        return labels
    return ["claim" if (c == "cdcp" and y == "premise") else y for y, c in zip(labels, corpus, strict=True)]


def corpus_examples(parts: dict[str, list[Doc]]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(texts, labels, corpus name, document id) over several corpora."""
    texts, labels, corpus, doc_ids = [], [], [], []
    for name, docs in parts.items():
        for d in docs:
            t, y = examples([d])
            texts += t
            labels += y
            corpus += [name] * len(t)
            doc_ids += [f"{name}/{d.id}"] * len(t)
    return texts, labels, corpus, doc_ids


def cross_validate(X: np.ndarray, y: list[str], corpus: list[str], doc_ids: list[str],
                   folds: int = 3) -> tuple[str, float, dict]:
    """Pick the labelling scheme and C by document-grouped cross-validation on the training split.

    The score is the mean of the cdcp claim-vs-evidence and the ukp claim-vs-premise
    macro-F1 over the out-of-fold predictions.
    """
    import random

    ids = sorted(set(doc_ids))
    random.Random(7).shuffle(ids)
    fold_of = {d: i % folds for i, d in enumerate(ids)}
    fold = np.array([fold_of[d] for d in doc_ids])
    corpus_arr = np.array(corpus)
    scores = {}
    for scheme in ("reasons", "claims"):
        labels = np.array(relabel(y, corpus, scheme))
        for C in C_GRID:
            pred = np.empty(len(y), dtype=object)
            for k in range(folds):
                scaler, model = fit(X[fold != k], list(labels[fold != k]), C)
                pred[fold == k] = model.predict(scaler.transform(X[fold == k]))
            gold = np.array(y)
            cd = coarse_f1(list(gold[corpus_arr == "cdcp"]), list(pred[corpus_arr == "cdcp"]))
            uk = premise_f1(list(gold[corpus_arr == "ukp"]), list(pred[corpus_arr == "ukp"]))
            scores[(scheme, C)] = (round((cd + uk) / 2, 4), round(cd, 4), round(uk, 4))
    best = max(scores, key=lambda k: scores[k][0])
    return best[0], best[1], scores


def main() -> None:
    corpora = {"cdcp": load_cdcp(), "ukp": load_ukp()}
    train = {name: split(docs)[0] for name, docs in corpora.items()}
    held = {name: split(docs)[1] for name, docs in corpora.items()}
    ax, ay, ac, ad = corpus_examples(train)
    X = features(ax, embed_cached(ax))
    scheme, best_c, scores = cross_validate(X, ay, ac, ad)
    for k, v in scores.items():
        print(f"3-fold CV {k}: mean {v[0]}  cdcp {v[1]}  ukp {v[2]}")
    scaler, model = fit(X, relabel(ay, ac, scheme), best_c)
    order = [list(model.classes_).index(c) for c in CLASSES]
    meta = {"corpora": ["cdcp", "ukp-webdiscourse"], "split": "fixed-seed 80% of documents (seed 13)",
            "labels": scheme, "C": best_c, "examples": len(ay),
            "cross_validation": dict(zip(("mean", "cdcp", "ukp"), scores[(scheme, best_c)], strict=True)),
            "script": "train/train_units.py"}
    out = DATA / "unit_head.npz"
    DATA.mkdir(exist_ok=True)
    save_head(out, kind="logreg", classes=CLASSES, features=[f"minilm_{i}" for i in range(384)]
              + list(FEATURE_NAMES), meta=meta, W=model.coef_[order].T, b=model.intercept_[order],
              mean=scaler.mean_, scale=scaler.scale_)
    head = load_head(out)
    for name, docs in held.items():
        hx, hy = examples(docs)
        pred = head.predict(features(hx, embed_cached(hx)))
        print(f"held-out {name} gold spans: claim-vs-evidence {coarse_f1(hy, pred):.4f}, "
              f"claim-vs-premise {premise_f1(hy, pred):.4f} ({len(hy)} spans)")
    print(f"wrote {out} (labels={scheme}, C={best_c}, {len(ay)} examples)")


if __name__ == "__main__":
    main()
