"""Precision and recall of ``sourced`` on hand-labelled claim verdicts from real threads.

``bench/labels/cmv_sourced.tsv`` holds own assertions from r/changemyview comments
(cmv-adhominem, Apache-2.0) labelled ``sourced`` / ``unsourced`` by hand; its header says
how. Each chain is read and analysed whole; a labelled sentence is matched to the units
of its comment that start inside it (the first ``sentence_prefix`` characters locate it),
and argmap says "sourced" when any of them has status ``sourced`` or
``sourced-and-contested``. A sentence argmap gives no status (it typed it evidence, a
question or other) counts as not sourced and is counted in ``no_status``.

Run: ``python bench/quality_verdicts.py``. Small set (24 sentences): read the figures
with their counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench.quality_units import CORPORA  # noqa: E402

LABELS = ROOT / "bench" / "labels" / "cmv_sourced.tsv"
SOURCED = ("sourced", "sourced-and-contested")


def load_labels() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            f, cid, prefix, label = line.split("\t")
            rows.append((f, cid, prefix, label))
    return rows


def score_verdicts(nlp=None, encoder=None) -> dict:
    from argmap import analyze, read_thread, resources

    nlp = nlp or resources.load_nlp()
    encoder = encoder or resources.load_encoder()
    rows = load_labels()
    maps = {}
    tp = fp = fn = tn = no_status = 0
    details = []
    for f, cid, prefix, label in rows:
        if f not in maps:
            maps[f] = analyze(read_thread(CORPORA / "cmv-adhominem" / "threads" / f), nlp=nlp, encoder=encoder)
        m = maps[f]
        c = m.thread.get(cid)
        start = c.text.find(prefix)
        if start < 0:
            raise ValueError(f"{LABELS.name}: '{prefix}' not found in {f} {cid}")
        end = _sentence_end(c.text, start + len(prefix))
        units = [u for u in m.units_of(cid) if start <= u.start < end]
        statuses = [m.status_of(u.id) for u in units]
        said = any(s is not None and s.status in SOURCED for s in statuses)
        no_status += all(s is None for s in statuses)
        gold = label == "sourced"
        tp += gold and said
        fp += said and not gold
        fn += gold and not said
        tn += not gold and not said
        details.append((prefix, label, [s.status if s else None for s in statuses]))
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return {"corpus": "cmv-adhominem (hand-labelled verdicts)", "n": len(rows), "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(2 * p * r / max(1e-9, p + r), 3),
            "accuracy": round((tp + tn) / max(1, len(rows)), 3), "no_status": no_status,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "details": details}


def _sentence_end(text: str, pos: int) -> int:
    for k in range(pos, len(text)):
        if text[k] in ".!?\n" and (k + 1 == len(text) or text[k + 1] in " \n)\"'"):
            return k + 1
    return len(text)


if __name__ == "__main__":
    print(json.dumps(score_verdicts(), indent=2))
