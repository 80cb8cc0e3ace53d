"""Hostile and huge input: each probe of issue 14 timed against ordinary prose of the
same size, read and analysed in the same run.

A probe is one hostile comment (or many tiny ones) placed in an otherwise ordinary
thread of its format (a page copy, Hacker News JSON or a Disqus export). Its twin is
the same thread with the hostile text replaced by real prose of the same length.
Both go through :func:`argmap.parse_thread` and :func:`argmap.analyze` with models
loaded once; the table gives seconds for each and their ratio (about 1 means the
hostile text costs what prose costs; a ratio that grows with size means super-linear
time). The slowest step of the probe is named, so a regression points at its culprit.
A probe that ends in a one-line :class:`ArgmapError` is reported as such (``error``).

Usage::

    python bench/pathology.py                    # every probe at its default sizes
    python bench/pathology.py --scale 0.25       # smaller sizes (quick look)
    python bench/pathology.py --only word-runs digits --scale 4
    python bench/pathology.py --json /tmp/pathology.json

Prose comes from ``../shared/corpora/cmv-adhominem`` (Reddit comments) when present,
else from the sample threads (see bench/speed.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from speed import sentence_pool  # noqa: E402

_NEIGHBOURS = ("Has anyone actually read the study they cite? I doubt it says that.",
               "Maria, the report is linked above. It found no measurable effect on voting.",
               "That is a fair point, but the sample was small.",
               "Where does the 2% figure come from?")


def prose(n: int, pool: list[str], seed: int = 3) -> str:
    """Real sentences joined to exactly ``n`` characters (paragraphs every ~600)."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n:
        s = rng.choice(pool)
        sep = "\n\n" if size and rng.random() < 0.15 else " "
        parts.append(sep + s)
        size += len(sep) + len(s)
    return "".join(parts).strip()[:n]


def repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# --- thread builders: the hostile text goes in comment 2 of six -----------------------

def page_copy(texts: list[str]) -> str:
    lines = ["A thread about a study", "", "The study found that troll accounts changed no opinions.", ""]
    for i, t in enumerate(texts):
        lines += [f"  • user{i}", "", t, ""]
    return "\n".join(lines)


def hackernews(texts: list[str]) -> str:
    items = [{"id": 1, "type": "story", "by": "op", "title": "A thread about a study",
              "text": "<p>The study found that troll accounts changed no opinions.</p>",
              "kids": [i + 2 for i in range(len(texts))]}]
    items += [{"id": i + 2, "type": "comment", "by": f"user{i}", "parent": 1, "text": t}
              for i, t in enumerate(texts)]
    return "\n".join(json.dumps(it) for it in items)


def disqus(texts: list[str]) -> str:
    from xml.sax.saxutils import escape

    posts = "".join(
        f'<post dsq:id="{i + 10}"><message>{escape(t)}</message><createdAt>2024-02-10T13:0{i}:00Z'
        f'</createdAt><author><name>user{i}</name><username>user{i}</username></author>'
        f'<thread dsq:id="1"/></post>' for i, t in enumerate(texts))
    return ('<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><title>A thread about a '
            'study</title><message>The study found that troll accounts changed no opinions.</message>'
            f'</thread>{posts}</disqus>')


BUILDERS: dict[str, Callable[[list[str]], str]] = {"page-copy": page_copy, "hackernews": hackernews,
                                                    "disqus": disqus}


def one_hostile(fmt: str, hostile: str) -> tuple[str, Callable[[str], str]]:
    """A thread with ``hostile`` as the second of six comments, and how to build its twin."""
    def build(text: str) -> str:
        return BUILDERS[fmt]([_NEIGHBOURS[0], text, *_NEIGHBOURS[1:], "Is that right?"])
    return build(hostile), build


def many_tiny(n_bytes: int, pool: list[str]) -> tuple[str, str]:
    """One-word comments filling ``n_bytes`` of comment text, and prose comments of the same total."""
    words = ["yes", "no", "lol", "this", "agreed", "source?", "wrong", "+1"]
    tiny, size = [], 0
    while size < n_bytes:
        tiny.append(words[len(tiny) % len(words)])
        size += len(tiny[-1])
    normal, size = [], 0
    while size < n_bytes:
        normal.append(prose(300, pool, seed=len(normal)))
        size += len(normal[-1])
    return page_copy(tiny), page_copy(normal)


# --- the probes (issue 14) -----------------------------------------------------------

PROBES: dict[str, tuple[str, Callable[[int], str], list[int]]] = {
    # name: (format, hostile text of n characters, default sizes)
    "no-punctuation": ("page-copy", lambda n: repeat("word and more words ", n), [10_000, 100_000]),
    "word-runs": ("page-copy", lambda n: repeat("Word ", n), [10_000, 100_000]),
    "digits": ("page-copy", lambda n: repeat("1,", n), [5_000, 20_000]),
    "reported-A": ("page-copy", lambda n: repeat("reported A ", n), [10_000, 40_000]),
    "hn-tags": ("hackernews", lambda n: repeat("<a ", n), [5_000, 20_000]),
    "disqus-tags": ("disqus", lambda n: repeat("<a ", n), [5_000, 20_000]),
    "parens": ("page-copy", lambda n: repeat("(", n // 2) + repeat(")", n - n // 2), [2_500, 10_000]),
    "quotes": ("page-copy", lambda n: repeat('"', n), [2_500, 10_000]),
    "copied-blocks": ("page-copy", lambda n: repeat("I copied this:\n\n", n), [10_000, 40_000]),
}
MANY_TINY_SIZES = [2_000, 20_000]  # bytes of one-word comments (~4 characters each)


def timed(text: str, nlp, encoder) -> tuple[float, str, int]:
    """Seconds to read and analyse ``text``, the slowest step (or the error), and units."""
    import argmap
    from argmap.errors import ArgmapError

    t0 = time.perf_counter()
    try:
        amap = argmap.analyze(argmap.parse_thread(text), nlp=nlp, encoder=encoder)
    except ArgmapError as exc:
        return time.perf_counter() - t0, f"error: {str(exc)[:60]}", 0
    secs = time.perf_counter() - t0
    timings = amap.meta.get("timings", {})
    slow = max(timings, key=timings.get) if timings else "-"
    return secs, f"{slow} {timings.get(slow, 0):.2f}s", len(amap.units)


def run(only: list[str] | None, scale: float) -> list[dict[str, Any]]:
    from argmap import resources
    from argmap.settings import DEFAULT

    nlp = resources.load_nlp(DEFAULT.spacy_model)
    encoder = resources.load_encoder(DEFAULT.encoder_package)
    pool = sentence_pool()
    timed(page_copy(list(_NEIGHBOURS)), nlp, encoder)  # warm-up
    rows = []
    cases = [(name, fmt, make, size) for name, (fmt, make, sizes) in PROBES.items() for size in sizes]
    cases += [("one-word-comments", "page-copy", None, size) for size in MANY_TINY_SIZES]
    for name, fmt, make, size in cases:
        if only and name not in only:
            continue
        n = max(10, int(size * scale))
        if make is None:
            hostile_text, prose_text = many_tiny(n, pool)
        else:
            hostile_text, build = one_hostile(fmt, make(n))
            prose_text = build(prose(n, pool))
        ps, _, pu = timed(prose_text, nlp, encoder)
        hs, slow, hu = timed(hostile_text, nlp, encoder)
        row = {"probe": name, "format": fmt, "size": n, "seconds": round(hs, 2), "prose_s": round(ps, 2),
               "ratio": round(hs / ps, 2) if ps else None, "slowest": slow, "units": hu, "prose_units": pu}
        rows.append(row)
        print(f"{name:18} {n:>8,} {hs:8.2f} {ps:8.2f} {row['ratio']:6.2f}  {slow}", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown; "growth" is seconds per character over that of the probe's smallest size
    (about 1 is linear; the size ratio, quadratic)."""
    lines = ["| probe | format | size (chars) | seconds | prose of the same size (s) | ratio | growth "
             "| slowest step |", "|---|---|---|---|---|---|---|---|"]
    first: dict[str, dict[str, Any]] = {}
    for r in rows:
        base = first.setdefault(r["probe"], r)
        growth = (r["seconds"] / r["size"]) / (base["seconds"] / base["size"]) if base["seconds"] else 0.0
        lines.append(f"| {r['probe']} | {r['format']} | {r['size']:,} | {r['seconds']:.2f} | {r['prose_s']:.2f} "
                     f"| {r['ratio']:.2f} | {growth:.2f} | {r['slowest']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", help=f"probes to run: {', '.join(PROBES)}, one-word-comments")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args()
    rows = run(args.only, args.scale)
    print(table(rows))
    print(f"\n(load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
