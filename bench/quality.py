"""Quality of argmap on the development corpora, as one markdown table.

Runs the scorers other modules provide and prints ``metric | corpus | n | value |
floor | pass``:

* ``bench/quality_units.py``: ``score_cdcp`` (claim-like vs evidence-like macro-F1)
  and ``score_ukp`` (claim vs premise macro-F1);
* ``bench/quality_stance.py``: ``score_subreddit_agreement`` (reply stance, 3
  classes), ``score_microtexts`` (support/attack accuracy) and
  ``score_personal_attack`` (personal-attack F1 on cmv-adhominem);
* ``bench/quality_learning.py``: ``score_learning_curve`` (reply stance after k
  simulated moderator corrections on subreddit-agreement, k = 0, 25, 50, 100, 200, mean
  of 5 draws tested on the rest; target 0.60 at k = 100);
* ``bench/quality_stance_model.py``: ``score_perspectrum`` (support/undermine accuracy on
  Perspectrum dev), ``score_argkp`` (stance-to-topic accuracy on IBM ArgKP dev),
  ``score_ablation`` (each stance decision rule's contribution, with and without it, paired
  bootstrap CI) and ``score_reliability`` (share of stances right per confidence bin on
  every measured corpus).
* ``bench/quality_positions.py``: ``score_positions`` (grouping claims into positions:
  pairwise F1, adjusted Rand index and representative accuracy on IBM ArgKP dev).

A scorer's row may carry ``ci`` (a 95% confidence interval, shown in the ``95% CI``
column) and its own ``floor``.

* issue 11 (sourcing): ``quality_units.score_cdcp_assertions`` (opinion / fact / evidence
  on cdcp, claim-type accuracy, share of cdcp facts given a status),
  ``quality_attach.score_attachment`` (attachment precision on cdcp evidences/reasons and
  ukp premise/backing -> claim), ``quality_quotes.score`` (quoted-text recognition on
  iac-forum-threads, measure only), ``quality_verdicts.score_verdicts`` (hand-labelled
  ``sourced`` verdicts on CMV comments, ``bench/labels/cmv_sourced.tsv``).

A scorer that is missing prints a "not available" row; one that fails prints its
error; neither stops the others. Floors come from issue 3: macro-F1 >= 0.70 on
cdcp, reply-stance macro-F1 >= 0.55 on subreddit-agreement, personal-attack F1 >=
0.75 on cmv-adhominem.

Usage::

    python bench/quality.py                  # every scorer, models loaded once
    python bench/quality.py --only cdcp ukp  # a subset (names as in SCORERS)
    python bench/quality.py --json out.json  # also write the rows as JSON
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

# short name -> (module in bench/, function, corpus shown when the scorer is missing)
SCORERS: dict[str, tuple[str, str, str]] = {
    "cdcp": ("quality_units", "score_cdcp", "cdcp"),
    "ukp": ("quality_units", "score_ukp", "ukp-webdiscourse"),
    "assertions": ("quality_units", "score_cdcp_assertions", "cdcp (opinion/fact/evidence)"),
    "attachment": ("quality_attach", "score_attachment", "cdcp + ukp-webdiscourse links"),
    "quotes": ("quality_quotes", "score", "iac-forum-threads"),
    "verdicts": ("quality_verdicts", "score_verdicts", "cmv-adhominem (hand-labelled verdicts)"),
    "agreement": ("quality_stance", "score_subreddit_agreement", "subreddit-agreement"),
    "microtexts": ("quality_stance", "score_microtexts", "arg-microtexts"),
    "attack": ("quality_stance", "score_personal_attack", "cmv-adhominem"),
    "curve": ("quality_learning", "score_learning_curve", "subreddit-agreement (learning curve)"),
    "perspectrum": ("quality_stance_model", "score_perspectrum", "perspectrum dev"),
    "argkp": ("quality_stance_model", "score_argkp", "ibm-argkp dev"),
    "ablation": ("quality_stance_model", "score_ablation", "stance decision rules (ablation)"),
    "reliability": ("quality_stance_model", "score_reliability", "stance reliability per confidence bin"),
    "positions": ("quality_positions", "score_positions", "ibm-argkp"),
}
# (scorer, metric) -> floor to beat
FLOORS: dict[tuple[str, str], float] = {
    ("cdcp", "macro_f1"): 0.70,
    ("agreement", "macro_f1"): 0.55,
    ("attack", "f1"): 0.75,
}
METRICS = ("macro_f1", "accuracy", "accuracy_decided", "neutral_share", "f1", "precision", "recall",
           "contribution", "ari", "representative_accuracy",
           "claim_type_accuracy", "fact_status_share", "attach_precision", "attach_recall", "base_rate",
           "char_precision", "char_recall", "span_recall", "origin_accuracy")
COUNT_KEYS = ("n", "spans", "pairs", "rows", "examples", "chains", "comments", "relations", "edges", "documents")
Row = dict[str, Any]


def load_scorer(name: str):
    """The scoring function for a short name, or None when its module or function is absent."""
    module, func, _ = SCORERS[name]
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, func, None)


def call_scorer(fn, models: dict[str, Any]) -> Any:
    """Call a scorer with whichever of ``nlp``/``encoder`` it accepts."""
    params = inspect.signature(fn).parameters
    return fn(**{k: v for k, v in models.items() if k in params})


def rows_from(result: Any, name: str) -> list[Row]:
    """Table rows from scorer ``name``'s result: a dict (or list of dicts) of metrics.

    Numeric values of the keys in METRICS become rows (a per-class dict is skipped);
    ``n`` is the first integer count found (``n``, ``spans``, ``pairs``, ...).
    """
    rows = []
    for res in result if isinstance(result, list) else [result]:
        corpus = res.get("corpus", SCORERS[name][2])
        n = next((res[k] for k in COUNT_KEYS if isinstance(res.get(k), int)), None)
        for m in METRICS:
            value = res.get(m)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                floor = res.get("floor", FLOORS.get((name, m))) if m in ("macro_f1", "f1") else FLOORS.get((name, m))
                ci = res.get("ci") if m == res.get("ci_metric", "macro_f1") else None
                rows.append({"metric": m, "corpus": corpus, "n": n, "value": value, "floor": floor,
                             "pass": None if floor is None else value >= floor,
                             "ci": f"{ci[0]:.3f} to {ci[1]:.3f}" if ci else None})
    return rows


def run(names: list[str], models: dict[str, Any]) -> list[Row]:
    """Score every named corpus; missing or failing scorers become explanatory rows."""
    rows: list[Row] = []
    for name in names:
        corpus = SCORERS[name][2]
        fn = load_scorer(name)
        if fn is None:
            rows.append({"metric": SCORERS[name][1], "corpus": corpus, "n": None,
                         "value": "not available", "floor": None, "pass": None})
            continue
        t0 = time.perf_counter()
        try:
            got = rows_from(call_scorer(fn, models), name)
        except Exception as exc:  # a broken scorer must not hide the others' figures
            got = [{"metric": SCORERS[name][1], "corpus": corpus, "n": None,
                    "value": f"error: {type(exc).__name__}: {exc}"[:120], "floor": None, "pass": False}]
        for r in got:
            r["seconds"] = round(time.perf_counter() - t0, 1)
        rows.extend(got)
    return rows


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "**no**"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v).replace("|", "\\|")


def markdown(rows: list[Row]) -> str:
    """The rows as a markdown table."""
    head = ("metric", "corpus", "n", "value", "ci", "floor", "pass")
    lines = ["| " + " | ".join(h if h != "ci" else "95% CI" for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(r.get(h)) for h in head) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", choices=list(SCORERS), default=list(SCORERS))
    ap.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = ap.parse_args(argv)
    from argmap import resources

    models = {"nlp": resources.load_nlp(), "encoder": resources.load_encoder()}
    rows = run(args.only, models)
    print(markdown(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0 if all(r["pass"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
