"""Speed of ``argmap.analyze`` per pipeline step, against the bare model passes.

For synthetic threads of 100, 1,000 and 10,000 comments it prints the time per
comment of each step (``ArgumentMap.meta["timings"]``) and the ratio of the whole
analysis to the *bare model passes* measured in the same run: one ``nlp.pipe``
over the comment texts plus one MiniLM ``encode`` of the same texts. It also times
the seed thread with models loaded (target < 3 s).

Synthetic threads use real text: sentences sampled from the bodies of
``../shared/corpora/cmv-adhominem`` (Reddit comments), else from ``threads/``. By
default a thread is written as a page copy (``• Author`` lines, no reply
structure) and read with :func:`argmap.parse_thread`, so reply reconstruction
runs as it does on a real flat copy; ``--style tree`` builds explicit random
reply trees instead. Some comments address an earlier author by name.

Usage::

    python bench/speed.py                       # 100, 1,000, 10,000 comments (minutes)
    python bench/speed.py --sizes 100 1000      # quicker
    python bench/speed.py --sizes 1000 --repeats 3   # steadier on a busy machine
    python bench/speed.py --json /tmp/speed.json

Targets (issue 3): seed < 3 s; analysis <= 1.3 x bare passes; per-comment time of
no step growing with thread size (the "growth" column: per-comment time at the
largest size over that at the smallest; ~1 is linear, ~size ratio is quadratic).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared"))
CMV = SHARED / "corpora" / "cmv-adhominem" / "threads"
SEED_FILE = ROOT / "threads" / "russian-trolls-study.txt"
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def sentence_pool(limit_files: int = 400, seed: int = 7) -> list[str]:
    """Real sentences: cmv-adhominem comment bodies if present, else the bundled threads."""
    texts: list[str] = []
    if CMV.is_dir():
        files = sorted(CMV.glob("*.json"))
        for f in random.Random(seed).sample(files, min(limit_files, len(files))):
            for line in f.read_text(encoding="utf-8").splitlines():
                body = json.loads(line).get("body", "") if line.strip() else ""
                if body and not body.startswith(("[removed]", "[deleted]")):
                    texts.append(body)
    else:
        texts = [p.read_text(encoding="utf-8") for p in (ROOT / "threads").glob("*.txt")]
    pool = []
    for t in texts:
        t = re.sub(r"^\s*>.*$", "", t, flags=re.M)            # quoted lines: not this author's words
        t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)          # markdown links -> their text
        pool += [s.strip() for s in SENT.split(" ".join(t.split())) if 20 <= len(s.strip()) <= 300]
    return pool


def synthetic_comments(n: int, pool: list[str], seed: int = 11) -> list[tuple[str, str, int]]:
    """``n`` (author, text, parent index) triples; index 0 is the article."""
    rng = random.Random(seed)
    authors = [f"user{k}" for k in range(max(8, n // 12))]
    out = [("", " ".join(rng.choice(pool) for _ in range(12)), -1)]
    for i in range(1, n + 1):
        parent = 0 if i < 3 or rng.random() < 0.25 else rng.randrange(max(1, i - 30), i)
        text = " ".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6))))
        if parent and rng.random() < 0.3:
            text = f"{out[parent][0]}, {text}"                  # addressing the parent by name
        out.append((rng.choice(authors), text, parent))
    return out


def page_copy(comments: list[tuple[str, str, int]]) -> str:
    """A flat page copy (title, article, ``• Author`` blocks), as a browser copy looks."""
    lines = ["Synthetic thread for argmap speed measurements", "", comments[0][1], ""]
    for author, text, _ in comments[1:]:
        lines += [f"  • {author}", "", f"    {text}", ""]
    return "\n".join(lines)


def tree_thread(comments: list[tuple[str, str, int]]):
    """An explicit reply tree built directly (no reader involved)."""
    from argmap.model import Comment, ParentLink, Thread

    cs = [Comment("c0", "", comments[0][1], None, 0, parent=ParentLink("root", 1.0, "article"))]
    cs += [Comment(f"c{i}", a, t, f"c{p}", i, parent=ParentLink("explicit", 1.0, "synthetic"))
           for i, (a, t, p) in enumerate(comments) if i]
    return Thread("synthetic", "Synthetic thread", "generic", tuple(cs))


def build_thread(n: int, pool: list[str], style: str):
    comments = synthetic_comments(n, pool)
    if style == "tree":
        return tree_thread(comments)
    import argmap

    return argmap.parse_thread(page_copy(comments))


def bare_passes(texts: list[str], nlp, encoder, batch_size: int) -> dict[str, float]:
    """Wall seconds for one spaCy pipe and one MiniLM encode over the texts, and
    the process CPU seconds of both (steadier than wall time on a busy machine)."""
    from argmap.resources import encode

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    t1 = time.perf_counter()
    encode(encoder, texts, batch_size=batch_size)
    t2 = time.perf_counter()
    return {"spacy": t1 - t0, "encode": t2 - t1, "cpu": time.process_time() - c0}


def measure(thread, nlp, encoder, repeats: int = 1) -> dict[str, Any]:
    """Time the bare passes and ``analyze`` over the same comment texts, alternating
    ``repeats`` times; the fastest of each is kept (the least disturbed by other
    load on the machine), with the step timings of the fastest analysis."""
    import argmap
    from argmap.settings import DEFAULT

    texts = [c.text for c in thread.comments]
    bares, runs = [], []
    for _ in range(repeats):
        bares.append(bare_passes(texts, nlp, encoder, DEFAULT.batch_size))
        t0, c0 = time.perf_counter(), time.process_time()
        amap = argmap.analyze(thread, nlp=nlp, encoder=encoder)
        runs.append((time.perf_counter() - t0, time.process_time() - c0, amap))
    bare = min(bares, key=lambda b: b["spacy"] + b["encode"])
    total, _, amap = min(runs, key=lambda r: r[0])
    cpu, bare_cpu = min(r[1] for r in runs), min(b["cpu"] for b in bares)
    bare_s = bare["spacy"] + bare["encode"]
    return {"comments": len(thread.comments), "units": len(amap.units), "relations": len(amap.relations),
            "distinct_units": len({u.text for u in amap.units}), "repeats": repeats,
            "total_s": round(total, 3), "bare_s": round(bare_s, 3), "bare": {k: round(v, 3) for k, v in bare.items()},
            "ratio": round(total / bare_s, 3) if bare_s else None,
            "cpu_s": round(cpu, 3), "cpu_ratio": round(cpu / bare_cpu, 3) if bare_cpu else None,
            "load": round(os.getloadavg()[0], 1),
            "timings": dict(amap.meta.get("timings", {})),
            "chars": sum(len(t) for t in texts)}


def seed_times(nlp, encoder, repeats: int = 3) -> dict[str, Any]:
    """Wall and CPU seconds of ``analyze`` on the seed thread, models loaded (after
    one warm-up), and the 1-minute load average when done."""
    import argmap

    thread = argmap.read_thread(SEED_FILE)
    argmap.analyze(thread, nlp=nlp, encoder=encoder)
    out: dict[str, Any] = {"wall": [], "cpu": []}
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        argmap.analyze(thread, nlp=nlp, encoder=encoder)
        out["wall"].append(round(time.perf_counter() - t0, 3))
        out["cpu"].append(round(time.process_time() - c0, 3))
    out["load"] = round(os.getloadavg()[0], 1)
    return out


def report(results: list[dict[str, Any]], seed: dict[str, Any]) -> str:
    """Markdown: per-step ms/comment by size, totals and ratio, growth, seed time."""
    sizes = [r["comments"] for r in results]
    steps = list(dict.fromkeys(s for r in results for s in r["timings"]))
    head = "| step | " + " | ".join(f"{n:,} comments (ms/comment)" for n in sizes) + " | growth |"
    lines = [head, "|---|" + "---|" * (len(sizes) + 1)]
    for s in steps + ["total", "bare passes"]:
        per = [1000 * _secs(r, s) / r["comments"] for r in results]
        growth = f"{per[-1] / per[0]:.2f}" if len(per) > 1 and per[0] > 0 else "-"
        lines.append(f"| {s} | " + " | ".join(f"{p:.2f}" for p in per) + f" | {growth} |")
    lines += ["", "| comments | units (distinct) | analyze (s) | bare passes (s) | ratio (target <= 1.3) "
                  "| CPU ratio | load avg |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['comments']:,} | {r['units']:,} ({r['distinct_units']:,}) | {r['total_s']:.2f} "
              f"| {r['bare_s']:.2f} | {r['ratio']:.2f} | {r['cpu_ratio']:.2f} | {r['load']} |" for r in results]
    if seed:
        wall = seed["wall"]
        lines += ["", f"Seed thread, models loaded: median {statistics.median(wall):.2f} s "
                      f"(runs: {', '.join(f'{s:.2f}' for s in wall)}; target < 3 s), "
                      f"CPU median {statistics.median(seed['cpu']):.2f} s, load avg {seed['load']}"]
    return "\n".join(lines)


def _secs(r: dict[str, Any], step: str) -> float:
    if step == "total":
        return r["total_s"]
    if step == "bare passes":
        return r["bare_s"]
    return r["timings"].get(step, 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[100, 1000, 10000])
    ap.add_argument("--style", choices=("pagecopy", "tree"), default="pagecopy")
    ap.add_argument("--no-seed", action="store_true", help="skip timing the seed thread")
    ap.add_argument("--repeats", type=int, default=1,
                    help="alternate bare passes and analysis this many times per size, keep the fastest")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this JSON file")
    args = ap.parse_args(argv)
    from argmap import resources

    t0 = time.perf_counter()
    nlp, encoder = resources.load_nlp(), resources.load_encoder()
    print(f"models loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    seed = {} if args.no_seed else seed_times(nlp, encoder)
    pool = sentence_pool()
    results = []
    for n in sorted(args.sizes):
        results.append(measure(build_thread(n, pool, args.style), nlp, encoder, args.repeats))
        print(f"{n} comments: {results[-1]['total_s']} s", file=sys.stderr)
    print(report(results, seed))
    if args.json:
        args.json.write_text(json.dumps({"seed_s": seed, "style": args.style, "sizes": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
