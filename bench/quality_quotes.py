"""Quoted-text recognition on real forum threads: ``../shared/corpora/iac-forum-threads``.

The 60 4forums.com threads carry no quote markers: posts copy earlier posts (or outside
texts) verbatim, and the corpus annotates each copied span with the post it comes from.
Each thread is read as argmap sees it (true parents, no quotes) and argmap's quote regions
(:func:`argmap.quoting.quote_regions` after :func:`argmap.copies.add_copies`) are compared
with the annotation, character by character:

* ``char_precision`` / ``char_recall`` / ``char_f1``: of the characters argmap marks quoted,
  the share the annotation marks quoted, and the reverse (whitespace not counted);
* ``span_recall``: annotated spans at least half covered by argmap's regions;
* ``origin_accuracy``: of the annotated spans quoting a post (``quote_id`` given) that
  argmap found, the share whose region names that post as the origin.

Measure only (the corpus has no licence): no threshold is fitted on it. Bootstrap 95 %
intervals over threads. Run: ``python bench/quality_quotes.py`` (``--boxes``: each quote in a
vBulletin quote box, "Quote:" and "Originally Posted by X", as a copied forum page shows it).
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared")) / "corpora" / "iac-forum-threads"


def load(path: Path, boxes: bool = False):
    """(comments, gold spans per post id: [(start, end, quoted post id or None)]). With ``boxes``,
    each annotated quote stands in a vBulletin quote box ("Quote:", "Originally Posted by X") as a
    copied forum page shows it (:func:`bench.realthreads.quote_boxes`), the spans moved with it."""
    from argmap.model import Comment, ParentLink

    posts, _, _meta = json.loads(path.read_text(encoding="utf-8"))
    quotes = json.loads((CORPUS / "quotes" / path.name).read_text(encoding="utf-8"))
    posts = sorted(posts, key=lambda p: (p[7] or 0))
    ids = {str(p[0]) for p in posts}
    comments = []
    for i, p in enumerate(posts):
        parent = str(p[5]) if i and p[5] is not None and str(p[5]) in ids else (str(posts[0][0]) if i else None)
        comments.append(Comment(str(p[0]), str(p[2]), p[3], parent, i,
                                parent=ParentLink("explicit", 1.0, "corpus") if i else None))
    gold: dict[str, list] = {}
    for pid, (s, e, info) in quotes:
        qid = info.get("quote_id")
        gold.setdefault(str(pid), []).append((s, e, str(qid) if qid is not None else None))
    if boxes:
        from dataclasses import replace

        from bench.realthreads import quote_boxes
        author = {str(p[0]): str(p[2]) for p in posts}
        for k, c in enumerate(comments):
            spans = [(s, e, author.get(q, "") if q else "", q) for s, e, q in gold.get(c.id, [])]
            if spans:
                text, moved = quote_boxes(c.text, spans)
                comments[k] = replace(c, text=text)
                gold[c.id] = [(s, e, q) for s, e, _, q in moved]
    return comments, gold


def score_thread(comments, gold) -> dict:
    from argmap.copies import add_copies
    from argmap.quoting import quote_regions

    tp = fp = fn = 0
    spans = found = origin_ok = origin_n = 0
    for c in add_copies(comments):
        regions = quote_regions(c)
        pred = [False] * len(c.text)
        for r in regions:
            for k in range(max(0, r.start), min(len(c.text), r.end)):
                pred[k] = True
        true = [False] * len(c.text)
        for s, e, _ in gold.get(c.id, ()):
            for k in range(max(0, s), min(len(c.text), e)):
                true[k] = True
        for k, ch in enumerate(c.text):
            if ch.isspace():
                continue
            tp += pred[k] and true[k]
            fp += pred[k] and not true[k]
            fn += true[k] and not pred[k]
        for s, e, qid in gold.get(c.id, ()):
            e = min(e, len(c.text))
            if e <= s:
                continue
            spans += 1
            covered = sum(pred[s:e])
            if covered * 2 >= e - s:
                found += 1
                if qid is not None:
                    origin_n += 1
                    best = max(regions, key=lambda r: min(e, r.end) - max(s, r.start))
                    origin_ok += best.source == qid
    return {"tp": tp, "fp": fp, "fn": fn, "spans": spans, "found": found, "origin_ok": origin_ok,
            "origin_n": origin_n}


def _figures(parts: list[dict]) -> dict:
    t = {k: sum(p[k] for p in parts) for k in parts[0]}
    p = t["tp"] / max(1, t["tp"] + t["fp"])
    r = t["tp"] / max(1, t["tp"] + t["fn"])
    return {"char_precision": p, "char_recall": r, "char_f1": 2 * p * r / max(1e-9, p + r),
            "span_recall": t["found"] / max(1, t["spans"]), "origin_accuracy": t["origin_ok"] / max(1, t["origin_n"]),
            "spans": t["spans"]}


def score(seed: int = 1, rounds: int = 300, boxes: bool = False) -> dict:
    """Figures over all threads with bootstrap 95 % intervals (resampling threads); with ``boxes``
    on the posts as a copied forum page shows them, quotes in quote boxes."""
    files = sorted((CORPUS / "discussions").glob("*.json"))
    parts = [score_thread(*load(f, boxes)) for f in files]
    point = _figures(parts)
    rng = random.Random(seed)
    boot = [_figures([rng.choice(parts) for _ in parts]) for _ in range(rounds)]
    out = {"corpus": "iac-forum-threads" + (", quotes in quote boxes" if boxes else ""), "threads": len(parts),
           "spans": point["spans"]}
    for k in ("char_precision", "char_recall", "char_f1", "span_recall", "origin_accuracy"):
        vals = sorted(b[k] for b in boot)
        out[k] = round(point[k], 3)
        out[k + "_ci"] = (round(vals[int(0.025 * rounds)], 3), round(vals[int(0.975 * rounds) - 1], 3))
    return out


if __name__ == "__main__":
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the quote benchmark needs ../shared/corpora/iac-forum-threads")
    print(json.dumps(score(boxes="--boxes" in sys.argv[1:]), indent=2))
