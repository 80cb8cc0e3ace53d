"""Reply stance learned from a community's corrections: the learning curve on
subreddit-agreement, with bootstrap confidence intervals.

subreddit-agreement is measure-only: nothing fitted here ships. The curve uses it *as if*
a moderator of that community had corrected ``k`` of its replies (k = 0, 25, 50, 100, 200;
a random draw of ``k`` rows, 5 draws): :func:`argmap.community.fit` learns a community head
on them exactly as :meth:`argmap.store.Store.learn` does (the shipped model's decision
probabilities, the cues and the reply vectors of the same pairs), and the head, where it is
usable (as in the stance step), labels the remaining rows. The shipped model's score on the
same remaining rows is printed beside it.

95% confidence intervals: percentile bootstrap (1,000 replicates) that resamples the draws
and, within each, the tested rows, so both the choice of corrected replies and the test
sample show in the interval.

Run: ``python bench/quality_learning.py`` (about a minute once the corpus vectors are
cached by ``bench/quality_stance.py``), or ``python bench/quality.py --only curve``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argmap import community as cm  # noqa: E402
from bench.quality_stance import Pair, embedded_map, load_subreddit  # noqa: E402

KS = (0, 25, 50, 100, 200)
DRAWS = 5
BOOT = 1000


@dataclass(frozen=True)
class Inputs:
    """Per pair: the shipped model's decision probabilities (rules applied), cue features,
    reply vector, whether it takes no side whatever the head says, and the gold label."""

    base: np.ndarray
    cues: np.ndarray
    vecs: np.ndarray
    none: np.ndarray
    y: np.ndarray


def pair_inputs(pairs: list[Pair]) -> Inputs:
    """The stance step's own inputs for each pair (segment -> embed -> :func:`reply_inputs`)."""
    from argmap.steps.stance import no_side, reply_inputs
    d = reply_inputs(embedded_map(pairs))
    row = {c.id: i for i, c in enumerate(d.comments)}
    idx = np.array([row[f"r{i}"] for i in range(len(pairs))])
    r = d.replies
    none = np.array([no_side(r.texts[i], r.targets[i]) is not None for i in idx])
    y = np.array([cm.LABELS.index(p.label) if p.label in cm.LABELS else -1 for p in pairs])
    return Inputs(d.probs[idx], d.cue_matrix[idx], d.V[idx], none, y)


@lru_cache(maxsize=1)
def subreddit_inputs() -> Inputs:
    return pair_inputs(load_subreddit())


def decide(p: np.ndarray, none: np.ndarray) -> np.ndarray:
    """Label ids as the stance step reports them (no-side replies are neutral)."""
    out = p.argmax(axis=1)
    out[none] = cm.LABELS.index("neutral")
    return out


def macro_f1_rows(gold: np.ndarray, pred: np.ndarray) -> float:
    return cm.macro_f1(gold, pred)


def bootstrap_ci(runs: list[tuple[np.ndarray, np.ndarray]], *, reps: int = BOOT,
                 seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean macro-F1 over ``runs`` ((gold, pred) per draw),
    resampling the draws and, within each, its rows."""
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(reps):
        picks = rng.integers(0, len(runs), len(runs))
        vals = []
        for j in picks:
            g, p = runs[j]
            i = rng.integers(0, len(g), len(g))
            vals.append(cm.macro_f1(g[i], p[i]))
        stats.append(np.mean(vals))
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def learning_curve(inp: Inputs, ks=KS, draws: int = DRAWS, *, reps: int = BOOT) -> list[dict]:
    """One row per k: the learned (community) and the shipped macro-F1 on the rest, with CIs."""
    rows = []
    n = len(inp.y)
    for k in ks:
        learned, shipped, used = [], [], 0
        for seed in range(draws):
            perm = np.random.default_rng(seed).permutation(n)
            tr, te = perm[:k], perm[k:]
            p = inp.base[te]
            if k:
                head = cm.fit(inp.base[tr], inp.cues[tr], inp.vecs[tr],
                              [cm.LABELS[i] for i in inp.y[tr]])
                if head.usable:
                    p = head.proba(inp.base[te], inp.cues[te], inp.vecs[te])
                    used += 1
            learned.append((inp.y[te], decide(p, inp.none[te])))
            shipped.append((inp.y[te], decide(inp.base[te], inp.none[te])))
        lf = [cm.macro_f1(g, p) for g, p in learned]
        sf = [cm.macro_f1(g, p) for g, p in shipped]
        rows.append({"k": k, "tested": n - k, "macro_f1": round(float(np.mean(lf)), 4),
                     "ci": bootstrap_ci(learned, reps=reps), "sd_draws": round(float(np.std(lf)), 4),
                     "shipped_macro_f1": round(float(np.mean(sf)), 4),
                     "shipped_ci": bootstrap_ci(shipped, reps=reps), "heads_used": used})
    return rows


def score_learning_curve() -> list[dict]:
    """Rows for ``bench/quality.py``: macro-F1 after k simulated corrections (target 0.60 at 100)."""
    out = []
    for r in learning_curve(subreddit_inputs()):
        out.append({"corpus": f"subreddit-agreement, learned from k={r['k']} corrections "
                              f"(shipped on the same rows {r['shipped_macro_f1']:.3f}, "
                              f"CI {r['shipped_ci'][0]:.3f}-{r['shipped_ci'][1]:.3f}; "
                              f"head used in {r['heads_used']}/{DRAWS} draws)",
                    "n": r["tested"], "macro_f1": r["macro_f1"], "ci": r["ci"],
                    "floor": 0.60 if r["k"] == 100 else None})
    return out


def main() -> None:
    for r in learning_curve(subreddit_inputs()):
        print(json.dumps(r))


if __name__ == "__main__":
    main()
