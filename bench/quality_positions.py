"""Positions (key points) quality on IBM ArgKP: does argmap group arguments as the key points do?

IBM Debater ArgKP (``shared/corpora/ibm-argkp``, CDLA-Sharing 1.0; Bar-Haim et al., ACL 2020)
gives, per debate topic, crowd arguments and the key point each one makes. An argument
matched to exactly one key point has a gold group; argmap's grouping
(:func:`argmap.positions.group`, average-linkage clustering of MiniLM vectors) is run on all
such arguments of a topic, both stances together (argmap does not know the stance when it
groups), and scored pairwise: a pair of arguments is positive when they make the same key point.

* :func:`calibrate`: the threshold with the best mean adjusted Rand index over the
  **train** topics (what ``Settings.position_similarity`` is set to); arguments are
  centred on their topic's mean, as argmap centres a thread's claims;
* :func:`score_argkp`: pairwise precision, recall and F1 on the **dev** topics at the
  shipped threshold, with a 95% bootstrap interval (arguments resampled, 1,000 times), the
  adjusted Rand index, and how often a group's representative argument makes the group's
  majority key point (the label shown in the Positions tab).

The test split is held out. Run: ``python bench/quality_positions.py [--calibrate]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argmap.positions import centred, group, left_out, load_head, representative, stands_alone  # noqa: E402
from argmap.settings import DEFAULT  # noqa: E402

CORPUS = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared")) / "corpora" / "ibm-argkp"
THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.20, 0.91, 0.05))


def load(split: str) -> dict[str, list[tuple[str, str]]]:
    """Topic -> [(argument text, key point id)] for arguments matched to exactly one key point."""
    if not (CORPUS / f"labels_{split}.csv").exists():
        raise FileNotFoundError(f"{CORPUS} is absent: ibm-argkp is needed for this score")
    with (CORPUS / f"arguments_{split}.csv").open(encoding="utf-8") as f:
        args = {r["arg_id"]: (r["argument"], r["topic"]) for r in csv.DictReader(f)}
    positive: dict[str, list[str]] = defaultdict(list)
    with (CORPUS / f"labels_{split}.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"] == "1":
                positive[r["arg_id"]].append(r["key_point_id"])
    topics: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for aid, kps in positive.items():
        if len(kps) == 1 and aid in args:
            text, topic = args[aid]
            topics[topic].append((text, kps[0]))
    return dict(topics)


def encode_topics(topics: dict[str, list[tuple[str, str]]], encoder) -> dict[str, np.ndarray]:
    from argmap.resources import encode

    return {t: encode(encoder, [a for a, _ in rows]) for t, rows in topics.items()}


def vectors(topics: dict[str, list[tuple[str, str]]], encoder, centre: bool = True) -> dict[str, np.ndarray]:
    """Per topic, the arguments' vectors centred on the topic's mean (as argmap centres a thread's)."""
    return {t: centred(v) if centre else v for t, v in encode_topics(topics, encoder).items()}


def closeness(raw: np.ndarray) -> np.ndarray:
    """Each argument's cosine to its topic's mean vector: argmap's topic vector for a thread whose
    article has too few units of its own (:func:`argmap.positions.topic_vector`)."""
    t = raw.mean(axis=0)
    return raw @ (t / np.linalg.norm(t))


def as_argmap(texts: list[str], raw: np.ndarray, vecs: np.ndarray, th: float, head) -> tuple[list[int], list[bool]]:
    """Group one topic's arguments as :func:`argmap.positions.find_positions` does: arguments it
    leaves out (:func:`argmap.positions.left_out`) are groups of their own; also, per argument,
    whether it may name its group (:func:`argmap.positions.stands_alone`)."""
    near = closeness(raw)
    kept = [i for i, a in enumerate(texts) if left_out(a, float(near[i])) is None]
    pred = [-1] * len(texts)
    for i, g in zip(kept, group(vecs[kept], th, head) if kept else [], strict=True):
        pred[i] = g
    n = max(pred, default=-1) + 1
    for i in range(len(pred)):
        if pred[i] < 0:
            pred[i], n = n, n + 1
    return pred, [stands_alone(a) for a in texts]


def score_topics(encoder, split: str = "dev") -> dict:
    """How many arguments the topic rule (:data:`argmap.positions.TOPIC_MIN`) keeps against
    their own topic's mean vector and against another topic's."""
    from argmap.positions import TOPIC_MIN

    raw = encode_topics(load(split), encoder)
    means = {t: v.mean(axis=0) / np.linalg.norm(v.mean(axis=0)) for t, v in raw.items()}
    own = np.concatenate([v @ means[t] for t, v in raw.items()])
    other = np.concatenate([v @ means[u] for t, v in raw.items() for u in raw if u != t])
    return {"split": split, "threshold": TOPIC_MIN, "own_topic_kept": round(float(np.mean(own >= TOPIC_MIN)), 4),
            "other_topic_kept": round(float(np.mean(other >= TOPIC_MIN)), 4)}


def pair_counts(pred: list[int], gold: list[str], idx: np.ndarray | None = None) -> tuple[int, int, int]:
    """(true positive, predicted positive, gold positive) pairs."""
    p = np.asarray(pred)[idx] if idx is not None else np.asarray(pred)
    g = np.asarray(gold)[idx] if idx is not None else np.asarray(gold)
    same_p = p[:, None] == p[None, :]
    same_g = g[:, None] == g[None, :]
    np.fill_diagonal(same_p, False)
    np.fill_diagonal(same_g, False)
    return int((same_p & same_g).sum()) // 2, int(same_p.sum()) // 2, int(same_g.sum()) // 2


def prf(tp: int, pp: int, gp: int) -> tuple[float, float, float]:
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def calibrate(encoder, split: str = "train") -> dict:
    topics = load(split)
    vecs = vectors(topics, encoder)
    head = load_head()
    table = []
    for th in THRESHOLDS:
        f1s, aris = [], []
        for t, rows in topics.items():
            gold = [k for _, k in rows]
            pred = group(vecs[t], th, head)
            f1s.append(prf(*pair_counts(pred, gold))[2])
            aris.append(_ari(pred, gold))
        table.append((th, float(np.mean(f1s)), float(np.mean(aris))))
    best = max(table, key=lambda x: x[2])
    return {"split": split, "topics": len(topics), "arguments": sum(map(len, topics.values())),
            "sweep": table, "best_threshold": best[0], "best_mean_ari": round(best[2], 3)}


def _ari(pred: list[int], gold: list[str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(gold, pred))


def score_argkp(encoder, threshold: float | None = None, split: str = "dev", boots: int = 1000,
                use_head: bool = True, centre: bool = True) -> dict:
    """Pairwise P/R/F1 (95% bootstrap CI), ARI and representative accuracy on ``split``."""
    th = DEFAULT.position_similarity if threshold is None else threshold
    head = load_head() if use_head else None
    topics = load(split)
    raws = encode_topics(topics, encoder)
    vecs = {t: centred(v) if centre else v for t, v in raws.items()}
    rng = np.random.default_rng(13)
    tot = np.zeros(3, dtype=np.int64)
    boot = np.zeros((boots, 3), dtype=np.int64)
    aris, rep_hits, rep_n, unnamed, dropped, sizes = [], 0, 0, 0, 0, []
    for t, rows in topics.items():
        gold = [k for _, k in rows]
        pred, alone = as_argmap([a for a, _ in rows], raws[t], vecs[t], th, head)
        near = closeness(raws[t])
        dropped += sum(left_out(a, float(near[i])) is not None for i, (a, _) in enumerate(rows))
        tot += pair_counts(pred, gold)
        for b in range(boots):
            boot[b] += pair_counts(pred, gold, rng.integers(0, len(rows), len(rows)))
        aris.append(_ari(pred, gold))
        members: dict[int, list[int]] = defaultdict(list)
        for i, g in enumerate(pred):
            members[g].append(i)
        for ms in members.values():
            sizes.append(len(ms))
            if len(ms) < 2:
                continue
            majority = Counter(gold[i] for i in ms).most_common(1)[0][0]
            rep = representative(vecs[t], ms, eligible=alone, topic=near)
            if rep is None:  # argmap shows no such group: count it as a miss
                unnamed += 1
            rep_hits += rep is not None and gold[rep] == majority
            rep_n += 1
    p, r, f1 = prf(*tot)
    f1_boot = sorted(prf(*row)[2] for row in boot)
    return {"corpus": f"ibm-argkp {split}", "metric": "pairwise", "threshold": float(th),
            "scorer": ("pair head" if head is not None else "cosine") + (", centred" if centre else ""), "topics": len(topics),
            "n": sum(map(len, topics.values())), "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f1, 3), "f1_ci95": (round(f1_boot[int(0.025 * boots)], 3),
                                             round(f1_boot[int(0.975 * boots) - 1], 3)),
            "ari": round(float(np.mean(aris)), 3), "groups": len(sizes),
            "gold_groups": sum(len(set(k for _, k in rows)) for rows in topics.values()),
            "representative_accuracy": round(rep_hits / rep_n, 3) if rep_n else None,
            "groups_with_no_label": unnamed, "arguments_left_out": dropped}


def score_positions(encoder) -> dict:
    """The row bench/quality.py prints (dev split, shipped threshold)."""
    return score_argkp(encoder)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calibrate", action="store_true", help="sweep thresholds on train first")
    ap.add_argument("--topic", action="store_true", help="how many arguments the topic rule keeps")
    args = ap.parse_args()
    from argmap.resources import load_encoder

    enc = load_encoder()
    if args.calibrate:
        cal = calibrate(enc)
        print(f"train: {cal['topics']} topics, {cal['arguments']} arguments")
        for th, f1, ari in cal["sweep"]:
            print(f"  threshold {th:.2f}: mean pairwise F1 {f1:.3f}, mean ARI {ari:.3f}")
        print(f"best threshold {cal['best_threshold']} (mean ARI {cal['best_mean_ari']})")
        for split in ("train", "dev"):
            print(score_argkp(enc, cal["best_threshold"], split, boots=200))
        print("baselines on dev:")
        print(score_argkp(enc, 0.7, boots=200, use_head=False, centre=False))
        print(score_argkp(enc, 0.1, boots=200, use_head=False, centre=True))
    if args.topic:
        for split in ("train", "dev"):
            print(score_topics(enc, split))
    print(score_argkp(enc))


if __name__ == "__main__":
    main()
