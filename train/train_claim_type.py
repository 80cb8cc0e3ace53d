"""Rebuild ``argmap/data/claim_type_head.npz``: fact / value / policy for an assertion.

A claim or premise is a **fact** (a checkable statement: "The IRA spent $100,000."),
a **value** judgement ("That is a terrible idea.") or a **policy** proposal ("The
rule should be withdrawn."): the scheme cdcp annotates (Park and Cardie). The head is
a multinomial logistic regression on MiniLM vectors plus the cue features of
:func:`argmap.steps.classify.cue_features`, trained on cdcp's value, policy and fact
propositions (testimony and reference are evidence, not assertions, and are left out)
of the fixed-seed 80 % training split of documents (``bench.quality_units.split``), so
``bench/quality.py`` scores on documents the head never saw. C is picked by 3-fold
document-grouped cross-validation on the training documents (macro-F1).

Run: ``python train/train_claim_type.py`` (under a minute; embeddings cached in /tmp).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.heads import DATA, load_head, save_head  # noqa: E402
from argmap.steps.classify import CLAIM_TYPES, FEATURE_NAMES, features  # noqa: E402
from bench.quality_units import load_cdcp_types, split  # noqa: E402
from train.train_units import embed_cached, fit  # noqa: E402

C_GRID = (0.003, 0.01, 0.03, 0.1)


def examples(docs) -> tuple[list[str], list[str], list[str]]:
    """(texts, cdcp type, document id) of every value/policy/fact proposition."""
    texts, labels, doc_ids = [], [], []
    for d in docs:
        for sp in d.spans:
            if sp.label in CLAIM_TYPES:
                texts.append(d.text[sp.start:sp.end].strip())
                labels.append(sp.label)
                doc_ids.append(d.id)
    return texts, labels, doc_ids


def macro(y_true, y_pred) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, average="macro", labels=list(CLAIM_TYPES)))


def main() -> None:
    train, held = split(load_cdcp_types())
    tx, ty, td = examples(train)
    X = features(tx, embed_cached(tx))
    ids = sorted(set(td))
    random.Random(7).shuffle(ids)
    fold_of = {d: i % 3 for i, d in enumerate(ids)}
    fold = np.array([fold_of[d] for d in td])
    y = np.array(ty)
    scores = {}
    for C in C_GRID:
        pred = np.empty(len(ty), dtype=object)
        for k in range(3):
            scaler, model = fit(X[fold != k], list(y[fold != k]), C)
            pred[fold == k] = model.predict(scaler.transform(X[fold == k]))
        scores[C] = round(macro(list(y), list(pred)), 4)
        print(f"3-fold CV C={C}: macro-F1 {scores[C]}")
    best_c = max(scores, key=scores.__getitem__)
    scaler, model = fit(X, ty, best_c)
    classes = list(CLAIM_TYPES)
    order = [list(model.classes_).index(c) for c in classes]
    meta = {"corpora": ["cdcp"], "split": "fixed-seed 80% of documents (seed 13)",
            "labels": "cdcp value / policy / fact propositions", "C": best_c, "examples": len(ty),
            "cross_validation_macro_f1": scores[best_c], "script": "train/train_claim_type.py"}
    out = DATA / "claim_type_head.npz"
    save_head(out, kind="logreg", classes=classes, features=[f"minilm_{i}" for i in range(384)]
              + list(FEATURE_NAMES), meta=meta, W=model.coef_[order].T, b=model.intercept_[order],
              mean=scaler.mean_, scale=scaler.scale_)
    head = load_head(out)
    hx, hy, _ = examples(held)
    pred = head.predict(features(hx, embed_cached(hx)))
    print(f"held-out cdcp gold propositions: macro-F1 {macro(hy, pred):.4f} ({len(hy)} propositions)")
    print(f"wrote {out} (C={best_c}, {len(ty)} examples)")


if __name__ == "__main__":
    main()
