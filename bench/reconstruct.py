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

With ``--real`` it measures parent accuracy on real threads whose tree is known
(:mod:`bench.realthreads`): one r/changemyview submission's tree per page, longer pages of
several submissions' trees, and the 4forums.com threads of ``iac-forum-threads`` (measure
only), each written as a page copy in every style that loses the tree, read back with the
page-copy reader and reconstructed. It prints, per set and style, the accuracy with a 95%
confidence interval (bootstrap over threads, as posts of one thread are not independent),
the "previous post" and "first post" baselines, how many posts the reader lost, accuracy by
confidence bin (calibration), and the seed thread's figure.

Run: ``python bench/reconstruct.py [--sizes 100 1000 10000] [--out DIR] [--no-embed]``
or ``python bench/reconstruct.py --quality`` or ``python bench/reconstruct.py --real
[--split test] [--styles bullet says] [--no-embed]``
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


# --- quality on real threads with known trees, as page copies in every style --------------

def align(parsed: list[str], gold: list[str]) -> dict[int, int]:
    """Parsed comment position -> gold post position (1-based), by the author sequence
    (identity when the reader found every post; difflib's matching blocks otherwise)."""
    import difflib
    if parsed == gold:
        return {k: k for k in range(1, len(gold) + 1)}
    sm = difflib.SequenceMatcher(a=parsed, b=gold, autojunk=False)
    out = {}
    for a, b, n in sm.get_matching_blocks():
        for d in range(n):
            out[a + d + 1] = b + d + 1
    return out


def read_page(rt, style: str, vectors: dict | None):
    """The page copy of real thread ``rt`` in ``style``, read back: ``(map, alignment)``, the
    map carrying MiniLM comment vectors when ``vectors`` is given (those of the true post
    texts, by the alignment), or ``(None, {})`` when the reader finds no comments."""
    import numpy as np

    from argmap.errors import ThreadFormatError
    from bench.realthreads import page_copy, text_key
    try:
        thread = argmap.parse_thread(page_copy(rt, style), "page-copy", source=f"{rt.id}.{style}")
    except ThreadFormatError:
        return None, {}
    got = [c.author for c in thread.comments[1:]]
    amap_ = align(got, [p.author for p in rt.posts[1:]])
    vecs = Vectors()
    if vectors is not None:
        dim = len(next(iter(vectors.values())))
        zero = np.zeros(dim, dtype="float32")
        rows_ = [vectors[text_key(rt.posts[0].text)] if rt.posts[0].text.strip() else zero]
        for k, c in enumerate(thread.comments[1:], 1):
            g = amap_.get(k)
            rows_.append(vectors[text_key(rt.posts[g].text)] if g and c.text.strip() else zero)
        vecs = Vectors(comments=np.array(rows_))
    return ArgumentMap(thread=thread, vectors=vecs), amap_


def score_thread(rt, style: str, vectors: dict | None, settings=None) -> dict:
    """Read one real thread's page copy, reconstruct it, compare with the true tree.

    Returns ``rows`` (true parent, inferred parent or -1, confidence, position) for every
    true post (a post the reader lost counts wrong, with confidence 0), ``lost`` (posts the
    reader did not give back as comments) and ``extra`` (comments it made up)."""
    from argmap.settings import DEFAULT
    amap, amap_ = read_page(rt, style, vectors)
    if amap is None:   # the reader found no comments: every post lost
        return {"rows": [(p.parent, -1, 0.0, g) for g, p in enumerate(rt.posts[1:], 1)],
                "lost": len(rt.posts) - 1, "extra": 0}
    out = reconstruct(amap, settings=settings or DEFAULT)
    pos = {c.id: k for k, c in enumerate(out.thread.comments)}
    back = {g: k for k, g in amap_.items()}
    rows = []
    for g in range(1, len(rt.posts)):
        k = back.get(g)
        if k is None:
            rows.append((rt.posts[g].parent, -1, 0.0, g))
            continue
        c = out.thread.comments[k]
        p = pos[c.parent_id]
        rows.append((rt.posts[g].parent, 0 if p == 0 else amap_.get(p, -1), c.parent.confidence, g))
    return {"rows": rows, "lost": len(rt.posts) - 1 - len(back), "extra": len(out.thread.comments) - 1 - len(back)}


def bootstrap_ci(per_thread: list[tuple[int, int]], reps: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of a pooled accuracy, resampling threads: ``per_thread`` = (right, total)."""
    import numpy as np
    if not per_thread:
        return (0.0, 0.0)
    arr = np.array(per_thread, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(arr), size=(reps, len(arr)))
    acc = arr[idx, 0].sum(1) / np.maximum(1, arr[idx, 1].sum(1))
    return float(np.quantile(acc, 0.025)), float(np.quantile(acc, 0.975))


def _acc(per_thread: list[tuple[int, int]]) -> str:
    right, total = sum(r for r, _ in per_thread), sum(n for _, n in per_thread)
    lo, hi = bootstrap_ci(per_thread)
    return f"{right / max(1, total):.3f} [{lo:.3f}, {hi:.3f}]"


def real_quality(split: str = "test", styles=None, embed: bool = True, sets=None) -> dict:
    """Accuracy per set and page-copy style, with baselines, CIs and calibration bins."""
    from bench.realthreads import FORUM_STYLES, STYLES, all_threads, post_vectors
    chosen = styles
    results = {}
    for name, threads in all_threads().items():
        if sets and name not in sets:
            continue
        threads = [t for t in threads if t.split == split]
        if not threads:
            continue
        vectors = post_vectors(threads) if embed else None
        n_posts = sum(len(t.posts) - 1 for t in threads)
        prev = [(sum(g == k - 1 for k, g in enumerate(t.gold, 1)), len(t.gold)) for t in threads]
        first = [(sum(g == min(t.opening, k - 1) for k, g in enumerate(t.gold, 1)), len(t.gold)) for t in threads]
        print(f"\n{name} ({split}): {len(threads)} threads, {n_posts} posts; "
              f"baselines: previous post {_acc(prev)}, first post {_acc(first)}")
        unrecorded = sum(not r for t in threads for r in t.recorded)
        if unrecorded:
            print(f"  ({unrecorded} posts the site filed under the opening post without recording a reply: "
                  "see realthreads.IAC_TREE_FROM)")
        styles = chosen or (STYLES + FORUM_STYLES if name == "iac" else STYLES)
        for style in styles:
            t0 = time.process_time()
            scored = [score_thread(t, style, vectors) for t in threads]
            cpu = time.process_time() - t0
            per = [(sum(g == p for g, p, _, _ in s["rows"]), len(s["rows"])) for s in scored]
            rows = [r for s in scored for r in s["rows"]]
            lost = sum(s["lost"] for s in scored)
            extra = sum(s["extra"] for s in scored)
            results[(name, style)] = {"per": per, "rows": rows, "lost": lost}
            print(f"  {style:7s} parent right {_acc(per)}  lost {lost} extra {extra}  "
                  f"({1000 * cpu / max(1, n_posts):.1f} ms CPU/post)")
            if unrecorded:
                kept = [(sum(g == p for g, p, _, k in s["rows"] if t.posts[k].recorded),
                         sum(t.posts[k].recorded for *_, k in s["rows"])) for t, s in zip(threads, scored, strict=True)]
                print(f"          recorded replies only {_acc(kept)}")
        _calibration([r for (n, _), v in results.items() if n == name for r in v["rows"]])
    return results


def _calibration(rows: list[tuple]) -> None:
    """Accuracy per confidence bin (all styles of a set together)."""
    bins = [(0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.95), (0.95, 1.01)]
    cells = []
    for lo, hi in bins:
        sel = [g == p for g, p, c, _ in rows if lo <= c < hi]
        mean_c = sum(c for _, _, c, _ in rows if lo <= c < hi) / max(1, len(sel))
        cells.append(f"[{lo:.2f},{min(hi, 1):.2f}): {sum(sel) / max(1, len(sel)):.2f} right, "
                     f"conf {mean_c:.2f}, n={len(sel)}")
    print("  calibration: " + " | ".join(cells))


def seed_quality() -> None:
    """The seed thread's defensible links with units and vectors (as the pipeline runs it)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_reconstruct_seed import AMBIGUOUS, CLEAR, SEED

    from argmap.resources import load_encoder, load_nlp
    from argmap.steps.embed import embed
    from argmap.steps.segment import segment
    amap = embed(segment(ArgumentMap(thread=argmap.read_thread(SEED)), nlp=load_nlp()), encoder=load_encoder())
    out = reconstruct(amap)
    ok = {**{k: {v} for k, v in CLEAR.items()}, **AMBIGUOUS}
    t = out.thread
    got = {k: t.get(t.comments[k].parent_id).index for k in range(1, len(t.comments))}
    clear = sum(got[k] == v for k, v in CLEAR.items())
    print(f"\nseed thread: clear links right {clear}/{len(CLEAR)}, defensible "
          f"{sum(got[k] in ok[k] for k in ok)}/{len(ok)}, confident clear links "
          f"{sum(got[k] == v and t.comments[k].parent.confidence >= 0.6 for k, v in CLEAR.items())}/{len(CLEAR)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    ap.add_argument("--no-embed", action="store_true", help="reconstruct without MiniLM vectors")
    ap.add_argument("--quality", action="store_true",
                    help="instead: accuracy on interleaved real reply chains (cmv-adhominem)")
    ap.add_argument("--real", action="store_true",
                    help="instead: accuracy on real threads with known trees, as page copies")
    ap.add_argument("--split", default="test", choices=("train", "test"))
    ap.add_argument("--styles", nargs="+", default=None)
    ap.add_argument("--sets", nargs="+", default=None, help="cmv, cmv-pages, iac")
    args = ap.parse_args(argv)
    if args.real:
        real_quality(args.split, args.styles, embed=not args.no_embed, sets=args.sets)
        if not args.sets:
            seed_quality()
        return 0
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
