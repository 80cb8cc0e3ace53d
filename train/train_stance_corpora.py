"""Would the licence-clean debate corpora make a better reply-stance head? Train and compare.

Candidates, each the shipped recipe (:class:`train_stance.Head`: standardised cue features,
up-weighted, plus ``u*v``, ``|u-v|``, ``v``; balanced multinomial logistic regression,
C = 0.01, cue weight 10), trained on:

* ``own``: the project's labelled pairs (``train/labels``, the shipped head's data);
* ``own+perspectrum``: plus a stratified sample of Perspectrum *train* (claim, perspective)
  pairs, SUPPORT -> support, UNDERMINE -> attack (Chen et al. 2019, CC BY-SA 4.0);
* ``own+argkp``: plus a sample of IBM ArgKP *train* (topic, argument) pairs, pro -> support,
  con -> attack (Bar-Haim et al. 2020, CDLA-Sharing 1.0);
* ``own+both``.

Each is scored on subreddit-agreement (measure only: never trained on) through the stance
step's decision rules (:func:`bench.quality_stance_model.decide_without` with the candidate's
probabilities), with a paired bootstrap 95% CI of its difference to the shipped head, and on
Perspectrum dev (support/undermine accuracy) and ArgKP dev (stance-to-topic accuracy), head
alone. With ``--ship``, the best candidate replaces ``argmap/data/stance_head.npz`` only if
the lower end of its CI on subreddit-agreement is above 0 (it measurably beats the current
head); the corpora are then named in the head's metadata.

Run: ``python train/train_stance_corpora.py [--ship]`` (a few minutes on 2 cores the first
time: the new pairs are embedded once and cached in /tmp).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from train_stance import CDCP_PAIRS, Head, features, labelled_pairs  # noqa: E402

from argmap.heads import DATA, save_head  # noqa: E402
from argmap.steps.stance import LABELS, feature_names, pair_features  # noqa: E402
from bench.quality_stance_model import (  # noqa: E402
    _parts,
    accuracy,
    decide_without,
    load_argkp,
    load_perspectrum,
    macro_f1,
    paired_diff_ci,
)

N_PERSPECTRUM = 1500
N_ARGKP = 1000
C, CUE_WEIGHT = 0.01, 10.0
ATTRIBUTION = {
    "perspectrum": "Perspectrum (Chen et al., NAACL 2019), CC BY-SA 4.0, github.com/CogComp/perspectrum",
    "ibm-argkp": "IBM Debater ArgKP (Bar-Haim et al., ACL 2020), CDLA-Sharing 1.0, "
                 "github.com/IBM/KPA_2021_shared_task",
}


def sample(pairs, n, seed=0):
    return random.Random(seed).sample(pairs, min(n, len(pairs)))


def ids(pairs) -> np.ndarray:
    return np.array([LABELS.index(p.label) for p in pairs])


def subreddit_probs(head: Head) -> np.ndarray:
    """The candidate head's probabilities for every subreddit-agreement reply (stance-step rows)."""
    _, r, _, _, _, _, _ = _parts("subreddit")
    X = pair_features(r.cues, r.U, r.V)
    return head.lr.predict_proba((X - head.mean) / head.scale)


def with_rules(P0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(gold, predicted) on subreddit-agreement with the decision rules over ``P0``."""
    import bench.quality_stance_model as qm
    parts = list(_parts("subreddit"))
    parts[2] = P0
    saved = qm._parts
    qm._parts = lambda which: tuple(parts)
    try:
        return decide_without("subreddit")
    finally:
        qm._parts = saved


def thesis_head() -> None:
    """``--thesis``: the head for a comment's *direct* stance to the article's thesis
    (``argmap/data/thesis_head.npz``, used by :func:`argmap.stance_thesis._direct_to_thesis`):
    the shipped recipe on the project's pairs plus ArgKP train (topic, argument) pairs, a
    softmax temperature fitted on its out-of-fold probabilities. Prints ArgKP dev accuracy of
    the sign of P(support) - P(attack), for the reply-stance head and this one, with CIs."""
    from train_stance import fit_temperature, oof_probabilities

    from bench.quality_stance_model import bootstrap
    own, argkp = labelled_pairs(), sample(load_argkp("train"), N_ARGKP)
    X = np.vstack([features(own), features(argkp)])
    y = np.concatenate([ids(own), ids(argkp)])
    head = Head(C, CUE_WEIGHT).fit(X, y)
    temperature = round(fit_temperature(oof_probabilities(X, y, C, CUE_WEIGHT), y), 2)
    dev = load_argkp("dev")
    Xd, gold = features(dev), ids(dev)
    from argmap.heads import load_head
    rows = {}
    for name, proba in (("stance_head (shipped)", load_head("stance_head").predict_proba(Xd)),
                        ("thesis_head", head.lr.predict_proba((Xd - head.mean) / head.scale))):
        pred = np.where(proba[:, 0] >= proba[:, 1], 0, 1)   # sign of support - attack
        rows[name] = {"argkp_dev_sign_accuracy": round(accuracy(gold, pred), 4),
                      "ci": bootstrap(accuracy, gold, pred)}
    print(json.dumps(rows))
    meta = {"labels": f"train/labels + {CDCP_PAIRS} cdcp support pairs + {len(argkp)} ibm-argkp train "
                      "(topic, argument) pairs", "attribution": [ATTRIBUTION["ibm-argkp"]],
            "n": int(len(y)), "C": C, "cue_weight": CUE_WEIGHT, "temperature": temperature,
            "argkp_dev": rows, "script": "train/train_stance_corpora.py --thesis"}
    save_head(DATA / "thesis_head.npz", kind="logreg", classes=list(LABELS), features=feature_names(),
              meta=meta, W=head.lr.coef_.T, b=head.lr.intercept_, mean=head.mean, scale=head.scale)
    print("wrote", DATA / "thesis_head.npz", "temperature", temperature)


def main() -> None:
    if "--thesis" in sys.argv:
        thesis_head()
        return
    own = labelled_pairs()
    persp = sample(load_perspectrum("train"), N_PERSPECTRUM)
    argkp = sample(load_argkp("train"), N_ARGKP)
    X_own, X_p, X_a = features(own), features(persp), features(argkp)
    dev_p, dev_a = load_perspectrum("dev"), load_argkp("dev")
    Xd_p, Xd_a = features(dev_p), features(dev_a)
    sets = {"own": [(X_own, ids(own))], "own+perspectrum": [(X_own, ids(own)), (X_p, ids(persp))],
            "own+argkp": [(X_own, ids(own)), (X_a, ids(argkp))],
            "own+both": [(X_own, ids(own)), (X_p, ids(persp)), (X_a, ids(argkp))]}
    gold, shipped = decide_without("subreddit")
    results = {}
    for name, parts in sets.items():
        X = np.vstack([x for x, _ in parts])
        y = np.concatenate([t for _, t in parts])
        head = Head(C, CUE_WEIGHT).fit(X, y)
        _, pred = with_rules(subreddit_probs(head))
        row = {"candidate": name, "n": len(y),
               "subreddit_macro_f1": round(macro_f1(gold, pred), 4),
               "diff_vs_shipped": round(macro_f1(gold, pred) - macro_f1(gold, shipped), 4),
               "diff_ci": paired_diff_ci(macro_f1, gold, pred, shipped),
               "perspectrum_dev_acc": round(accuracy(ids(dev_p), head.predict(Xd_p)), 4),
               "argkp_dev_acc": round(accuracy(ids(dev_a), head.predict(Xd_a)), 4)}
        results[name] = (row, head, y)
        print(json.dumps(row), flush=True)
    if "--ship" in sys.argv:
        name, (row, head, y) = max(results.items(), key=lambda kv: kv[1][0]["diff_ci"][0])
        if name == "own" or row["diff_ci"][0] <= 0:
            print(f"not shipped: no candidate measurably beats the current head "
                  f"(best lower CI end {row['diff_ci'][0]:+.4f}, {name})")
            return
        corpora = [c for c in ATTRIBUTION if c.split("-")[-1] in name]
        meta = {"labels": f"train/labels + {CDCP_PAIRS} cdcp support pairs + " + ", ".join(corpora),
                "attribution": [ATTRIBUTION[c] for c in corpora], "n": int(len(y)), "C": C,
                "cue_weight": CUE_WEIGHT, "script": "train/train_stance_corpora.py", **row}
        save_head(DATA / "stance_head.npz", kind="logreg", classes=list(LABELS), features=feature_names(),
                  meta=meta, W=head.lr.coef_.T, b=head.lr.intercept_, mean=head.mean, scale=head.scale)
        print("shipped", name)


if __name__ == "__main__":
    main()
