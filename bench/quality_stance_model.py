"""The stance model under the microscope: the new licence-clean corpora, an ablation of the
hand rules, and reliability per confidence bin.

* :func:`score_perspectrum`: support/undermine accuracy on Perspectrum dev (claim,
  perspective) pairs (Chen et al. 2019, CC BY-SA 4.0): the reply-stance head's reading of
  "does this sentence back or undermine that claim". ``accuracy`` counts a neutral answer as
  wrong; ``accuracy_decided`` scores the pairs given support or attack.
* :func:`score_argkp`: stance-to-topic accuracy on IBM ArgKP dev (topic, argument) pairs
  (Bar-Haim et al. 2020, CDLA-Sharing 1.0): a top-level comment's stance to the thesis is its
  stance to the article, so the pair is read as (thesis, reply).
* :func:`score_ablation`: each decision rule's contribution (``hostile_to_attack``,
  ``pile_on``, ``adds_to``, ``explicit_opener``, ``no_side``): macro-F1 on subreddit-agreement
  and accuracy on arg-microtexts with the rule and without it, the difference with a paired
  bootstrap 95% CI (1,000 replicates over the pairs), and macro-F1 on the project's own
  labelled pairs with out-of-fold head probabilities (:func:`ablation_own`). A rule whose CI
  lies above 0 helps on that corpus; one whose CI straddles 0 is within noise there.
* :func:`score_reliability`: per confidence bin of the reported stance, how often it is right
  (with a Wilson 95% interval) on every measured corpus.

Every pair goes through the real scoring path (segment -> embed -> stance on one batched
pair thread, :mod:`bench.quality_stance`). Run: ``python bench/quality_stance_model.py``
or ``python bench/quality.py --only perspectrum argkp ablation reliability``.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality_stance import (  # noqa: E402
    CORPORA,
    Pair,
    embedded_map,
    load_microtexts,
    load_subreddit,
    reply_labels,
    run_stance,
)

LABELS = ("support", "attack", "neutral")
RULES = ("hostile_to_attack", "pile_on", "adds_to", "explicit_opener", "no_side")
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
BOOT = 1000


# --- corpus readers (shared with train/train_stance_corpora.py) ---------------------------------

def load_perspectrum(split: str) -> list[Pair]:
    """(claim, perspective) pairs of one split ('train' or 'dev'); SUPPORT -> support,
    UNDERMINE -> attack. Each perspective cluster gives one pair per paraphrase (pid)."""
    folder = CORPORA / "perspectrum"
    claims = json.loads((folder / "perspectrum_train_dev.json").read_text(encoding="utf-8"))
    pool = {p["pId"]: p["text"] for p in json.loads((folder / "perspective_pool_train_dev.json")
                                                     .read_text(encoding="utf-8"))}
    splits = json.loads((folder / "dataset_split_train_dev.json").read_text(encoding="utf-8"))
    pairs = []
    for c in claims:
        if splits.get(str(c["cId"])) != split:
            continue
        for p in c["perspectives"]:
            label = {"SUPPORT": "support", "UNDERMINE": "attack"}.get(p["stance_label_3"])
            for pid in p["pids"]:
                if label and pid in pool:
                    pairs.append(Pair(c["text"], pool[pid], label, f"perspectrum:{c['cId']}:{pid}"))
    return pairs


def load_argkp(split: str) -> list[Pair]:
    """(topic, argument) pairs of one split ('train' or 'dev'); stance 1 -> support, -1 -> attack."""
    path = CORPORA / "ibm-argkp" / f"arguments_{split}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return [Pair(r["topic"], r["argument"], "support" if r["stance"].strip() == "1" else "attack",
                     f"argkp:{r['arg_id']}") for r in csv.DictReader(f)]


# --- helpers ---------------------------------------------------------------------------------------

def macro_f1(gold: np.ndarray, pred: np.ndarray, labels=(0, 1, 2)) -> float:
    f = []
    for k in labels:
        tp = float(np.sum((gold == k) & (pred == k)))
        fp, fn = float(np.sum((gold != k) & (pred == k))), float(np.sum((gold == k) & (pred != k)))
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f))


def accuracy(gold: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean(gold == pred)) if len(gold) else 0.0


def bootstrap(metric, gold: np.ndarray, pred: np.ndarray, *, reps: int = BOOT, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of ``metric(gold, pred)`` over resampled pairs."""
    rng = np.random.default_rng(seed)
    n = len(gold)
    vals = [metric(gold[i], pred[i]) for i in (rng.integers(0, n, n) for _ in range(reps))]
    lo, hi = np.percentile(vals, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def paired_diff_ci(metric, gold, a, b, *, reps: int = BOOT, seed: int = 0) -> tuple[float, float]:
    """95% interval of ``metric(gold, a) - metric(gold, b)`` over the same resampled pairs."""
    rng = np.random.default_rng(seed)
    n = len(gold)
    vals = []
    for _ in range(reps):
        i = rng.integers(0, n, n)
        vals.append(metric(gold[i], a[i]) - metric(gold[i], b[i]))
    lo, hi = np.percentile(vals, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval of a proportion k/n."""
    if n == 0:
        return 0.0, 0.0
    z, p = 1.96, k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return round(c - h, 3), round(c + h, 3)


def ids(labels: list[str]) -> np.ndarray:
    return np.array([LABELS.index(x) for x in labels])


# --- the two new corpora -----------------------------------------------------------------------------

def _two_way(name: str, pairs: list[Pair]) -> dict:
    gold = ids([p.label for p in pairs])
    pred = ids(reply_labels(run_stance(pairs), len(pairs)))
    decided = pred != 2
    return {"corpus": name, "n": len(pairs), "accuracy": round(accuracy(gold, pred), 4),
            "ci": bootstrap(accuracy, gold, pred), "ci_metric": "accuracy",
            "accuracy_decided": round(accuracy(gold[decided], pred[decided]), 4),
            "neutral_share": round(float(np.mean(~decided)), 4)}


def score_perspectrum() -> dict:
    """Support/undermine accuracy on Perspectrum dev (neutral counted wrong)."""
    return _two_way("perspectrum dev (claim, perspective): support/undermine", load_perspectrum("dev"))


def score_argkp() -> list[dict]:
    """Stance-to-topic accuracy on IBM ArgKP dev: the reply-stance path (neutral counted
    wrong), and the sign of P(support) - P(attack) from the thesis head
    (:data:`argmap.stance_thesis.THESIS_HEAD`, a comment's direct stance to the thesis) and,
    for comparison, from the reply-stance head on the same inputs."""
    from argmap.stance_thesis import THESIS_HEAD
    from argmap.steps.stance import prepare, reply_probabilities
    pairs = load_argkp("dev")
    rows = [_two_way("ibm-argkp dev (topic, argument): stance to topic, reply-stance path", pairs)]
    r = prepare(embedded_map(pairs))
    index = {c.id: i for i, c in enumerate(r.comments)}
    order = [index[f"r{i}"] for i in range(len(pairs))]
    gold = ids([p.label for p in pairs])
    for name, head in (("reply-stance head", "stance_head"), ("thesis head", THESIS_HEAD)):
        P = reply_probabilities([r.cues[i] for i in order], r.U[order], r.V[order], head)
        pred = np.where(P[:, 0] >= P[:, 1], 0, 1)
        rows.append({"corpus": f"ibm-argkp dev: sign of support - attack, {name}", "n": len(pairs),
                     "accuracy": round(accuracy(gold, pred), 4), "ci": bootstrap(accuracy, gold, pred),
                     "ci_metric": "accuracy"})
    return rows


# --- ablation of the decision rules --------------------------------------------------------------------

_CACHED: dict[str, tuple] = {}


def _parts(which: str):
    """Head probabilities before the rules and what each rule needs, for one corpus."""
    if which not in _CACHED:
        _CACHED[which] = _build_parts(which)
    return _CACHED[which]


def _build_parts(which: str):
    from argmap.steps.stance import (
        attack,
        attack_aims,
        no_side,
        personal_attacks,
        prepare,
        reply_probabilities,
    )
    pairs = load_subreddit() if which == "subreddit" else load_microtexts()
    amap = embedded_map(pairs)
    r = prepare(amap)
    P0 = reply_probabilities(r.cues, r.U, r.V)
    hits = [attack.find_patterns(t) for t in r.texts]
    attacks = personal_attacks(r.view, r.comments, r.texts, hits)
    aims = [attack_aims(amap, c, h) for c, h in zip(r.comments, hits, strict=True)]
    nones = [no_side(t, tg) is not None for t, tg in zip(r.texts, r.targets, strict=True)]
    row = {c.id: i for i, c in enumerate(r.comments)}
    order = [row[f"r{i}"] for i in range(len(pairs))]
    return pairs, r, P0, attacks, aims, nones, order


def decide_without(which: str, drop: tuple[str, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """(gold, predicted) label ids with the rules in ``drop`` switched off (same order as the
    stance step's :func:`~argmap.stance_reply.adjust`)."""
    from argmap.steps.stance import adds_to, explicit_opener, hostile_to_attack, pile_on
    pairs, r, P0, attacks, aims, nones, order = _parts(which)
    pred = []
    for i in order:
        p, cues = P0[i], r.cues[i]
        if "hostile_to_attack" not in drop:
            p = hostile_to_attack(p, attacks[i], aims[i] == "parent")
        if "pile_on" not in drop:
            p = pile_on(p, aims[i] == "third", cues)
        if "adds_to" not in drop:
            p = adds_to(p, cues)
        if "explicit_opener" not in drop:
            p = explicit_opener(p, cues)
        label = int(np.argmax(p))
        if nones[i] and "no_side" not in drop:
            label = 2
        pred.append(label)
    return ids([p.label for p in pairs]), np.array(pred)


def ablation() -> list[dict]:
    rows = []
    for which, metric, mname in (("subreddit", macro_f1, "macro-F1"), ("microtexts", accuracy, "accuracy")):
        gold, full = decide_without(which)
        base = metric(gold, full)
        for rule in (*RULES, "all rules"):
            drop = RULES if rule == "all rules" else (rule,)
            _, without = decide_without(which, drop)
            changed = int(np.sum(without != full))
            rows.append({"corpus": which, "metric": mname, "rule": rule, "with": round(base, 4),
                         "without": round(metric(gold, without), 4),
                         "contribution": round(base - metric(gold, without), 4),
                         "ci": paired_diff_ci(metric, gold, full, without), "changed": changed})
    return rows


def ablation_own() -> list[dict]:
    """The same ablation on the project's own labelled pairs (``train/labels``, 743), with the
    head's *out-of-fold* probabilities (5 folds, the shipped C, cue weight and temperature), so
    that the head never saw the pair it decides. About two minutes on 2 cores."""
    sys.path.insert(0, str(ROOT / "train"))
    from train_stance import CHUNK, features, labelled_pairs, oof_probabilities

    from argmap.stance_reply import _head
    from argmap.steps.stance import attack, attack_aims, no_side, personal_attacks, prepare
    pairs = labelled_pairs()
    y = ids([p.label for p in pairs])
    meta = _head().meta
    P = oof_probabilities(features(pairs), y, float(meta.get("C", 0.01)), float(meta.get("cue_weight", 10.0)))
    z = np.log(np.clip(P, 1e-12, 1.0)) / float(meta.get("temperature", 1.0))
    P = np.exp(z - z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    cues, attacks, aims, nones = [], [], [], []
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        amap = embedded_map(chunk)
        r = prepare(amap)
        hits = [attack.find_patterns(t) for t in r.texts]
        flags = personal_attacks(r.view, r.comments, r.texts, hits)
        row = {c.id: j for j, c in enumerate(r.comments)}
        for k in range(len(chunk)):
            j = row[f"r{k}"]
            cues.append(r.cues[j])
            attacks.append(flags[j])
            aims.append(attack_aims(amap, r.comments[j], hits[j]))
            nones.append(no_side(r.texts[j], r.targets[j]) is not None)

    class _Replies:
        pass
    rep = _Replies()
    rep.cues = cues
    _CACHED["own"] = (pairs, rep, P, attacks, aims, nones, list(range(len(pairs))))
    gold, full = decide_without("own")
    rows = []
    for rule in (*RULES, "all rules"):
        _, without = decide_without("own", RULES if rule == "all rules" else (rule,))
        rows.append({"corpus": "own labelled pairs (out of fold)", "metric": "macro-F1", "rule": rule,
                     "with": round(macro_f1(gold, full), 4), "without": round(macro_f1(gold, without), 4),
                     "contribution": round(macro_f1(gold, full) - macro_f1(gold, without), 4),
                     "ci": paired_diff_ci(macro_f1, gold, full, without),
                     "changed": int(np.sum(without != full))})
    return rows


def score_ablation() -> list[dict]:
    """Rows for ``bench/quality.py``: each rule's contribution (with minus without) with its CI."""
    return [{"corpus": f"{r['corpus']}: contribution of {r['rule']} to {r['metric']} "
                       f"({r['with']:.3f} with, {r['without']:.3f} without; {r['changed']} labels change)",
             "n": len(decide_without(r["corpus"] if r["corpus"] in _CACHED else "own")[0]), "contribution": r["contribution"], "ci": r["ci"],
             "ci_metric": "contribution"} for r in ablation() + ablation_own()]


# --- reliability ------------------------------------------------------------------------------------------

def reliability(pairs: list[Pair]) -> list[dict]:
    """Per confidence bin of the reported stance: pairs, share right, Wilson 95% interval."""
    amap = run_stance(pairs)
    js = [amap.labels_for(f"r{i}").stance for i in range(len(pairs))]
    out = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        got = [(j.label == p.label) for j, p in zip(js, pairs, strict=True) if lo <= j.confidence < hi]
        if got:
            out.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(got),
                        "right": round(sum(got) / len(got), 3), "ci": wilson(sum(got), len(got))})
    return out


def score_reliability() -> list[dict]:
    """Rows for ``bench/quality.py``: share right per confidence bin on each measured corpus."""
    corpora = (("subreddit-agreement", load_subreddit), ("arg-microtexts", load_microtexts),
               ("perspectrum dev", lambda: load_perspectrum("dev")), ("ibm-argkp dev", lambda: load_argkp("dev")))
    rows = []
    for name, load in corpora:
        for b in reliability(load()):
            rows.append({"corpus": f"{name}: stances reported with confidence {b['bin']}", "n": b["n"],
                         "accuracy": b["right"], "ci": b["ci"], "ci_metric": "accuracy"})
    return rows


def main() -> None:
    print(json.dumps(score_perspectrum()))
    for r in score_argkp():
        print(json.dumps(r))
    for r in ablation() + ablation_own():
        print(json.dumps(r))
    for name, load in (("subreddit-agreement", load_subreddit), ("arg-microtexts", load_microtexts),
                       ("perspectrum dev", lambda: load_perspectrum("dev")),
                       ("ibm-argkp dev", lambda: load_argkp("dev"))):
        print(name, json.dumps(reliability(load())))


if __name__ == "__main__":
    main()
