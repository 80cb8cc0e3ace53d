"""Time reading and reply-tree reconstruction on synthetic threads of 100, 1,000 and 10,000 comments.

Each thread is written twice, as a page copy (the seed thread's "  • Author" style, which
loses the reply structure) and as Reddit API JSON lines (explicit parents), then:

- read: :func:`argmap.parse_thread` on each file;
- embed: the MiniLM comment vectors reconstruction uses (one batched encode);
- reconstruct: :func:`argmap.steps.reconstruct.reconstruct` on the page copy.

It prints wall seconds and milliseconds per comment for each size (and the CPU seconds
of reconstruction, steadier than wall time on a shared machine), and the ratio
per-comment(largest) / per-comment(smallest): about 1 means linear time, a quadratic
step would show a ratio near the size ratio (100). It also prints how many inferred
parents match the generator's (a sanity figure: the generator plants names and echoes,
so it is no measure of quality; see docs/reconstruction.md for that).

Texts are sentences sampled from ``corpora/cmv-adhominem`` comment bodies when the
shared folder is present, else from the sample threads in ``threads/``.

With ``--quality`` it measures accuracy instead, on real text: groups of five
cmv-adhominem reply chains (real Reddit comments with their true parents) are merged
into one flat page in random order, reconstructed, and the inferred parents compared
with the true ones (each chain's first comment belongs to the root).

Run: ``python bench/reconstruct.py [--sizes 100 1000 10000] [--out DIR] [--no-embed]``
or ``python bench/reconstruct.py --quality``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.model import ArgumentMap, Vectors  # noqa: E402
from argmap.steps.reconstruct import reconstruct  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "cmv-adhominem" / "threads"
FIRST = ["Peter", "Kevin", "Margaret", "Tony", "Rachel", "Omar", "Lena", "Dmitri", "Grace", "Sam",
         "Aisha", "Jonas", "Priya", "Hugo", "Mei", "Carlos", "Ingrid", "Tariq", "Nora", "Felix"]
LAST = ["Paget", "Zeese", "Flowers", "Rice", "Moore", "Clemons", "Hale", "Reed", "Patel", "Stone"]
_SENT = re.compile(r"(?<=[.!?])\s+")


def sentences(limit: int = 30000) -> list[str]:
    """Plain sentences of 6-30 words from real comments (no quotes, links or markup)."""
    if CORPUS.is_dir():
        bodies = [json.loads(line)["body"] for f in sorted(CORPUS.glob("*.json"))
                  for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        bodies = [p.read_text(encoding="utf-8") for p in (ROOT / "threads").glob("*.txt")]
    out: list[str] = []
    for body in bodies:
        for s in _SENT.split(" ".join(body.split())):
            if 6 <= len(s.split()) <= 30 and not re.search(r"[>*\[\]#]|http|&gt;|\bedit\b", s, re.I):
                out.append(s)
    return list(dict.fromkeys(out))[:limit]


def handle(rng: random.Random, k: int) -> str:
    """Handles in the styles people use: PeterPaget, kevinzeese, Margaret Flowers, voza0db."""
    first, last = FIRST[k % len(FIRST)], LAST[(k // len(FIRST)) % len(LAST)]
    style = k % 4
    base = [f"{first}{last}", f"{first.lower()}{last.lower()}", f"{first} {last}",
            f"{first.lower()[:4]}{k}"][style]
    return base if k < len(FIRST) * len(LAST) else f"{base}{k}"


def synth_thread(n: int, pool: list[str], seed: int = 0) -> tuple[str, list[dict], list[int]]:
    """(article, comments, parent positions): replies lean to recent comments; some name
    the author they answer ("Right, Kevin.") or repeat a few of the parent's words."""
    rng = random.Random(seed)
    authors = [handle(rng, k) for k in range(max(8, n // 6))]
    article = " ".join(rng.sample(pool, 8))
    comments: list[dict] = []
    parents: list[int] = []
    for k in range(1, n + 1):
        parent = 0 if k == 1 or rng.random() < 0.3 else max(1, k - 1 - int(rng.expovariate(0.3)))
        author = rng.choice([a for a in authors[:12 + k // 3] if not comments or a != comments[-1]["author"]])
        text = " ".join(rng.sample(pool, rng.randint(1, 3)))
        if parent and rng.random() < 0.25:
            name = comments[parent - 1]["author"].split()[0]
            text = rng.choice([f"Right, {name}. ", f"{name}, ", f"@{name} "]) + text
        if parent and rng.random() < 0.2:
            words = comments[parent - 1]["text"].split()
            start = rng.randrange(max(1, len(words) - 6))
            text += " You say \"" + " ".join(words[start:start + 6]) + "\" but no."
        comments.append({"author": author, "text": text})
        parents.append(parent)
    return article, comments, parents


def page_copy(title: str, article: str, comments: list[dict]) -> str:
    """The seed thread's layout: title, article, then "  • Author" and indented text."""
    parts = [title, "", article, ""]
    for c in comments:
        parts += [f"  • {c['author']}", "", f"    {c['text']}", ""]
    return "\n".join(parts)


def reddit_jsonl(comments: list[dict], parents: list[int]) -> str:
    """The same thread as Reddit API comment objects, one per line, parents explicit."""
    lines = []
    for k, (c, p) in enumerate(zip(comments, parents, strict=True), start=1):
        lines.append(json.dumps({
            "name": f"t1_c{k}", "parent_id": f"t1_c{p}" if p else "t3_bench", "link_id": "t3_bench",
            "author_name": c["author"], "body": c["text"], "created_utc": 1_600_000_000 + 60 * k,
        }))
    return "\n".join(lines) + "\n"


CPU: dict[str, float] = {}


def timed(fn, *args, **kw):
    """(result, wall seconds); the process CPU seconds go to ``CPU[fn name]``."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    CPU[getattr(fn, "__name__", "fn")] = time.process_time() - c0
    return out, time.perf_counter() - t0


def run_size(n: int, pool: list[str], out_dir: Path, encoder) -> dict:
    """Write one size's files, then time reading, embedding and reconstruction."""
    article, comments, parents = synth_thread(n, pool, seed=n)
    page = out_dir / f"bench-{n}.txt"
    jsonl = out_dir / f"bench-{n}.jsonl"
    page.write_text(page_copy(f"Benchmark thread of {n} comments", article, comments), encoding="utf-8")
    jsonl.write_text(reddit_jsonl(comments, parents), encoding="utf-8")
    thread, t_page = timed(argmap.parse_thread, page.read_bytes(), source=str(page))
    _, t_jsonl = timed(argmap.parse_thread, jsonl.read_bytes(), source=str(jsonl))
    vectors, t_embed = Vectors(), 0.0
    if encoder is not None:
        from argmap.resources import encode
        vecs, t_embed = timed(encode, encoder, [c.text for c in thread.comments])
        vectors = Vectors(comments=vecs)
    result, t_rec = timed(reconstruct, ArgumentMap(thread=thread, vectors=vectors))
    got = [result.thread.get(c.parent_id).index for c in result.thread.comments[1:]]
    agree = sum(g == p for g, p in zip(got, parents, strict=True)) / n
    return {"n": n, "read_page": t_page, "read_jsonl": t_jsonl, "embed": t_embed,
            "reconstruct": t_rec, "reconstruct_cpu": CPU["reconstruct"], "agree": agree}


def report(rows: list[dict]) -> None:
    """Print the table and the linearity ratios."""
    cols = ("read_page", "read_jsonl", "embed", "reconstruct", "reconstruct_cpu")
    print(f"{'comments':>9} " + " ".join(f"{c + ' s':>14} {'ms/comment':>10}" for c in cols)
          + f" {'planted parents found':>22}")
    for r in rows:
        cells = " ".join(f"{r[c]:14.3f} {1000 * r[c] / r['n']:10.3f}" for c in cols)
        print(f"{r['n']:9d} {cells} {r['agree']:22.1%}")
    lo, hi = rows[0], rows[-1]
    for c in cols:
        if lo[c] > 0:
            ratio = (hi[c] / hi["n"]) / (lo[c] / lo["n"])
            print(f"per-comment {c} at {hi['n']:,} / at {lo['n']:,}: {ratio:.2f}"
                  f"  (size ratio {hi['n'] // lo['n']}; quadratic would be ~{hi['n'] // lo['n']})")


# --- quality on real text: interleaved r/changemyview reply chains -----------------

def cmv_chains() -> list[list[dict]]:
    """The cmv-adhominem reply chains (each a list of Reddit comment objects)."""
    return [[json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
            for f in sorted(CORPUS.glob("*.json"))]


def chain_vectors(chains: list[list[dict]], encoder) -> list[list]:
    """MiniLM vectors of every chain comment, cached in /tmp (the encode takes minutes)."""
    import numpy as np

    from argmap.resources import encode
    cache = Path("/tmp/argmap-bench/cmv-vectors.npy")
    texts = [r["body"] for ch in chains for r in ch]
    if cache.exists() and len(np.load(cache)) == len(texts):
        flat = np.load(cache)
    else:
        flat = encode(encoder, texts)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, flat)
    out, k = [], 0
    for ch in chains:
        out.append([flat[k + n] for n in range(len(ch))])
        k += len(ch)
    return out


def interleave(group: list[list[dict]], vecs: list[list], rng: random.Random):
    """One flat page from several chains, merged in random order (each chain's order
    kept). Returns the thread, the true parent position of each comment, the vectors."""
    import numpy as np

    from argmap.model import Comment, ParentLink, Thread
    queues = [list(zip(ch, v, strict=True)) for ch, v in zip(group, vecs, strict=True)]
    comments = [Comment("root", "", "", None, 0, parent=ParentLink("root", 1.0, "root"))]
    gold, rows, seen = [0], [np.zeros(len(vecs[0][0]), dtype="float32")], {}
    while any(queues):
        ci = rng.choice([k for k, q in enumerate(queues) if q])
        r, v = queues[ci].pop(0)
        seen[f"{ci}:{r['name']}"] = len(comments)
        gold.append(seen.get(f"{ci}:{r['parent_id']}", 0))
        comments.append(Comment(f"{ci}:{r['name']}", r.get("author_name") or "", r["body"], "root",
                                len(comments), parent=ParentLink("inferred", 0.05, "flattened")))
        rows.append(v)
    return Thread("cmv", "interleaved chains", "flat", tuple(comments)), gold, np.array(rows)


def quality(encoder, groups: int = 80, per_group: int = 5, seed: int = 0) -> None:
    """Flatten groups of real reply chains into one page each, reconstruct, and score."""
    chains = cmv_chains()
    vecs = chain_vectors(chains, encoder)
    rng = random.Random(seed)
    order = list(range(len(chains)))
    rng.shuffle(order)
    rows = []   # (true parent, inferred parent, confidence, position)
    for g in range(groups):
        pick = order[g * per_group:(g + 1) * per_group]
        thread, gold, v = interleave([chains[i] for i in pick], [vecs[i] for i in pick], rng)
        out = reconstruct(ArgumentMap(thread=thread, vectors=Vectors(comments=v)))
        pos = {c.id: k for k, c in enumerate(out.thread.comments)}
        rows += [(gold[k], pos[c.parent_id], c.parent.confidence, k)
                 for k, c in enumerate(out.thread.comments) if k]
    _print_quality(rows, groups, per_group)


def _print_quality(rows: list[tuple], groups: int, per_group: int) -> None:
    def acc(sel):
        sel = list(sel)
        return f"{sum(g == p for g, p, _, _ in sel) / max(1, len(sel)):.1%} of {len(sel)}"
    print(f"{groups} pages of {per_group} interleaved cmv-adhominem chains, {len(rows)} comments")
    print(f"  parent right: {acc(rows)}; replies within a chain: {acc(r for r in rows if r[0])}; "
          f"chain openers (to the root): {acc(r for r in rows if not r[0])}")
    print(f"  baseline 'the comment just before': {acc((g, k - 1, c, k) for g, _, c, k in rows)}")
    print(f"  confidence >= 0.6: {acc(r for r in rows if r[2] >= 0.6)}; "
          f"below 0.6: {acc(r for r in rows if r[2] < 0.6)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    ap.add_argument("--no-embed", action="store_true", help="reconstruct without MiniLM vectors")
    ap.add_argument("--quality", action="store_true",
                    help="instead: accuracy on interleaved real reply chains (cmv-adhominem)")
    args = ap.parse_args(argv)
    if args.quality:
        from argmap.resources import load_encoder
        quality(load_encoder())
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    pool = sentences()
    print(f"{len(pool):,} sentences from {'cmv-adhominem' if CORPUS.is_dir() else 'threads/'}")
    encoder = None
    if not args.no_embed:
        from argmap.resources import load_encoder
        encoder, t_load = timed(load_encoder)
        print(f"encoder loaded in {t_load:.1f} s (once, not counted below)")
    rows = []
    for n in sorted(args.sizes):
        rows.append(run_size(n, pool, args.out, encoder))
        print(f"  {n:,} comments done", flush=True)
    report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
