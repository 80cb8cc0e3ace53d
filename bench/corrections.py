"""How long one correction takes to apply to an analysed thread (target: under 2 s at 1,000 comments).

A correction re-runs the pipeline steps downstream of what it fixes
(:func:`argmap.corrections.apply`); this prints, per thread size and per kind of
correction, the median wall time of ``apply`` on the map as ``analyze`` returned it (as
the app keeps it), on the map loaded back from a review store (which keeps its vectors),
and, once, on a map read from argmap/1 JSON alone (no vectors: they are re-encoded
first), with the steps that re-ran.

Threads are the synthetic page copies of ``bench/speed.py`` (real Reddit sentences).

Usage::

    python bench/corrections.py                 # 1,000 comments
    python bench/corrections.py --sizes 100 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.speed import build_thread, sentence_pool  # noqa: E402


def corrections_for(amap) -> list:
    """One correction of each kind on targets that exist in this map."""
    from argmap.corrections import Correction

    when = "2026-12-07T00:00:00Z"
    mid = amap.thread.comments[len(amap.thread.comments) // 2]
    earlier = amap.thread.comments[len(amap.thread.comments) // 4]
    claim = next(s.unit_id for s in amap.statuses)
    rel = amap.relations[len(amap.relations) // 2]
    ev = next((e for e in amap.evidence), None)
    out = [Correction("stance", mid.id, "attack", "bench", created=when),
           Correction("stance-to-root", mid.id, "support", "bench", created=when),
           Correction("personal-attack", mid.id, "confirm", "bench", created=when),
           Correction("parent", mid.id, earlier.id, "bench", created=when),
           Correction("unit-kind", claim, "premise", "bench", created=when),
           Correction("relation", f"{rel.source}->{rel.target}", "none", "bench", created=when)]
    if ev is not None:
        out.append(Correction("source", ev.source or ev.text, "unreliable", "bench", created=when))
    return out


def timed(fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    import argmap
    from argmap.corrections import apply
    from argmap.model import ArgumentMap
    from argmap.resources import load_encoder, load_nlp
    from argmap.store import Store

    nlp, encoder = load_nlp(), load_encoder()
    pool = sentence_pool()
    print("| comments | correction | re-ran | median s (as analysed) | s (from the store) | s (from JSON only) |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        amap, t_analyze = timed(argmap.analyze, build_thread(n, pool, "page"), nlp=nlp, encoder=encoder)
        loaded = ArgumentMap.from_json(amap.to_json())
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db")
            stored = store.latest(store.save_analysis(b"bench %d" % n, amap))
        cs = corrections_for(amap)
        for c in cs:
            runs = [timed(apply, amap, [c], encoder=encoder) for _ in range(args.repeats)]
            (fixed, problems), _ = runs[0]
            assert not problems, problems
            _, t_stored = timed(apply, stored, [c], encoder=encoder)
            t_json = timed(apply, loaded, [c], encoder=encoder)[1] if c is cs[0] else None
            med = statistics.median(t for _, t in runs)
            print(f"| {n} | {c.kind} | {', '.join(fixed.meta.get('rederived', [])) or '-'} | "
                  f"{med:.2f} | {t_stored:.2f} | {'' if t_json is None else f'{t_json:.2f}'} |")
        print(f"| {n} | (whole analysis, for scale) | all | {t_analyze:.2f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
