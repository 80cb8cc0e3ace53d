"""Real discussion threads with known reply trees, flattened into page copies.

Two sources, both read from ``../shared/corpora`` at run time (never copied into the project):

* ``cmv``: the r/changemyview reply chains of ``cmv-adhominem`` (Apache-2.0). Chains of
  one submission share ``link_id``; comment ids (``name``) and ``parent_id`` merge them into
  one real multi-branch tree per submission. A comment whose parent is not in the corpus
  (the submission, or a comment no chain kept) hangs from the root. The submission's own
  text is not in the corpus, so the page's article is one placeholder line.
  Most submissions have one or two chains (3-12 comments); ``cmv_pages`` also merges the
  trees of three submissions into one page, as if their conversations ran side by side
  (each keeps its real time gaps, the posts merged in time order): real replies, on a page
  where the comment just before is often not the parent.
* ``iac``: the 60 4forums.com threads of ``iac-forum-threads`` (Internet Argument Corpus
  v1; no licence stated: **measure only**, never train on it), 40-160 posts each, with
  the true ``parent_post_id`` of every post. Posts open with verbatim copies of what they
  answer, without quote marks.

Every thread is a :class:`RealThread`: posts in time order, each with its author, text,
time and the position of its true parent (0 = the article; on a forum page the article is
the title alone and the opening post is post 1, as a forum page shows it). :func:`page_copy`
writes it in each page-copy style the page-copy reader reads *and* that loses the tree
(:data:`STYLES`): ``bullet`` (the seed's "  • Author", text indented), ``says``
(WordPress "Author says:" and a date), ``timed`` (Disqus: author, "•", "3 hours ago"),
``footer`` (Facebook: author, text, "Like" / "Reply" / "3h") and ``chat`` ("Name: text").
A copied page shows no markdown, so Reddit's ``>`` quote marks and link syntax are
removed: a quoted line is then a verbatim copy without marks, as on the forum pages.

The split is fixed: :func:`split_of` puts a submission (or forum thread) in ``test`` when
the first byte of the SHA-1 of its id is below 64 (a quarter), else in ``train``. The
IAC threads are always ``test``.

Example (the corpora present)::

    threads = cmv_threads()                     # one per submission
    text = page_copy(threads[0], "bullet")      # read it with argmap.parse_thread
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
CMV = CORPORA / "cmv-adhominem" / "threads"
IAC = CORPORA / "iac-forum-threads" / "discussions"
STYLES = ("bullet", "says", "timed", "footer", "chat")
# forum threads only: the bullet layout with the forum's quote boxes ("Quote:", "Originally Posted
# by X"), as a copied vBulletin page shows a post's quotes (the corpus texts drop those lines)
# vbulletin / phpbb: the page itself (post bars and member blocks; "Post by ann » date" lines, phpBB's
# "ann wrote:" quote boxes)
FORUM_STYLES = ("quoted", "vbulletin", "phpbb")
PLACEHOLDER = "The submission's text is not in the corpus; the comments below answer it."


@dataclass(frozen=True)
class Post:
    """One post: ``parent`` is the position of its true parent (0 = the article)."""

    author: str
    text: str
    time: float
    parent: int
    id: str = ""
    recorded: bool = True  # False: the site recorded no reply for it (see IAC_TREE_FROM)
    shown: str = ""        # the text as the forum page shows it, quote boxes and all ("" = text)


@dataclass(frozen=True)
class RealThread:
    """A thread whose tree is known: ``posts[0]`` is the article, the rest in time order."""

    id: str
    source: str            # "cmv", "cmv-pages" or "iac"
    title: str
    posts: tuple[Post, ...]
    split: str             # "train" or "test"
    opening: int = 0       # the opening post: the article (0), or the first post (1) on a forum page

    @property
    def gold(self) -> list[int]:
        """The true parent position of posts 1..n."""
        return [p.parent for p in self.posts[1:]]

    @property
    def recorded(self) -> list[bool]:
        """Whether the site recorded a reply for posts 1..n (see :data:`IAC_TREE_FROM`)."""
        return [p.recorded for p in self.posts[1:]]


def split_of(key: str) -> str:
    """The fixed split: ``test`` for a quarter of the ids (by SHA-1), else ``train``."""
    return "test" if hashlib.sha1(key.encode()).digest()[0] < 64 else "train"


_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MARK = re.compile(r"(\*\*|__|~~|^#+\s*|^\s*&gt;\s?|^\s*>\s?)", re.MULTILINE)


def page_text(body: str) -> str:
    """A Reddit markdown body as a copied page shows it: no ``>`` marks, link text only,
    entities decoded, paragraphs kept, lines stripped."""
    text = _LINK.sub(r"\1", body.replace("\r", ""))
    text = html.unescape(_MARK.sub("", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _chain_rows() -> list[dict]:
    rows = []
    for f in sorted(CMV.glob("*.json")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _tree(key: str, source: str, title: str, rows: list[dict]) -> RealThread:
    """One tree from Reddit comment rows (time order; parents outside it hang from the root)."""
    rows = sorted({r["name"]: r for r in rows}.values(), key=lambda r: (float(r["created_utc"]), r["name"]))
    pos = {r["name"]: k for k, r in enumerate(rows, 1)}
    posts = [Post("", PLACEHOLDER, float(rows[0]["created_utc"]) - 60, 0, key)]
    for r in rows:
        parent = pos.get(r["parent_id"], 0)
        posts.append(Post(r.get("author_name") or "[deleted]", page_text(r.get("body") or ""),
                          float(r["created_utc"]), parent if parent < pos[r["name"]] else 0, r["name"]))
    return RealThread(key, source, title, tuple(posts), split_of(key))


def cmv_threads(min_comments: int = 3) -> list[RealThread]:
    """One real tree per r/changemyview submission with at least ``min_comments`` comments."""
    if not CMV.is_dir():
        return []
    by_link: dict[str, list[dict]] = defaultdict(list)
    for r in _chain_rows():
        by_link[r["link_id"]].append(r)
    return [_tree(link, "cmv", f"CMV submission {link}", rows)
            for link, rows in sorted(by_link.items()) if len({r["name"] for r in rows}) >= min_comments]


def cmv_pages(per_page: int = 3, seed: int = 0) -> list[RealThread]:
    """Longer pages: the trees of ``per_page`` submissions of one split, as if their
    conversations ran side by side on one page: each tree keeps its real time gaps, starts at
    a random moment within the first tree's span, and the posts are merged in time order
    (every tree's top comments hang from the root)."""
    trees = cmv_threads(min_comments=2)
    out = []
    for split in ("train", "test"):
        pool = [t for t in trees if t.split == split]
        rng = random.Random(f"{seed}:{split}")
        rng.shuffle(pool)
        for g in range(0, len(pool) - per_page + 1, per_page):
            out.append(_merge(pool[g:g + per_page], rng, split))
    return out


def _merge(group: list[RealThread], rng: random.Random, split: str) -> RealThread:
    span = max(60.0, group[0].posts[-1].time - group[0].posts[1].time)
    timed = []
    for t, tree in enumerate(group):
        shift = 1_500_000_000.0 + (0.0 if t == 0 else rng.uniform(0, span)) - tree.posts[1].time
        timed += [(p.time + shift, t, k, p) for k, p in enumerate(tree.posts[1:], 1)]
    where: dict[tuple[int, int], int] = {}
    posts = [Post("", PLACEHOLDER, 1_500_000_000.0 - 60, 0, "root")]
    for when, t, k, p in sorted(timed, key=lambda x: (x[0], x[1], x[2])):
        where[(t, k)] = len(posts)
        posts.append(Post(p.author, p.text, when, where.get((t, p.parent), 0) if p.parent else 0, p.id))
    key = "+".join(t.id for t in group)
    return RealThread(key, "cmv-pages", "CMV page of several submissions", tuple(posts), split)


# 4forums.com recorded no reply tree before July 2003: of the 296 replies of the 60 threads made
# before 1 July 2003 (in threads 12, 255, 260, 274, 518 and 638), 295 have the opening post as
# their parent, the 60 that copy another post's words included (24 posts open "Originally
# posted by X"); after it, 15 of the 1,016 posts that quote no one do. Those posts' parents say
# where the post was filed, not what it answers: they are kept in the accuracy of all posts and
# left out of the accuracy of recorded replies (``Post.recorded``).
IAC_TREE_FROM = datetime(2003, 7, 1, tzinfo=UTC).timestamp()


def _clean(text: str) -> str:
    text = "\n".join(" ".join(line.split()) for line in text.replace("\r", "").split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def quote_boxes(text: str, spans: list[tuple]) -> tuple[str, list[tuple]]:
    """``text`` with each quoted span ``(start, end, author, *rest)`` in a vBulletin quote box as a
    copied page shows it ("Quote:", "Originally Posted by <author>" when the quote names one, the
    quoted words, a blank line), and the spans moved to where the words now stand (a span that
    overlaps the one before keeps no box and is dropped)."""
    out, moved, pos = [], [], 0
    for start, end, author, *rest in sorted(spans):
        if start < pos:
            continue
        head = "Quote:\n" + (f"Originally Posted by {author}\n" if author else "")
        out += [text[pos:start], "\n\n", head]
        at = sum(map(len, out))
        out += [text[start:end], "\n\n"]
        moved.append((at, at + end - start, author, *rest))
        pos = end
    out.append(text[pos:])
    return "".join(out), moved


def iac_threads() -> list[RealThread]:
    """The 60 forum threads (measure only), posts in time order, first post as the article.
    ``Post.shown`` is the post with its quotes in quote boxes (the ``quoted`` style)."""
    if not IAC.is_dir():
        return []
    out = []
    for f in sorted(IAC.glob("*.json")):
        raw, _, meta = json.loads(f.read_text(encoding="utf-8"))
        raw = sorted(raw, key=lambda p: (p[7], p[0]))
        spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        qfile = IAC.parent / "quotes" / f.name
        for pid, (start, end, info) in json.loads(qfile.read_text(encoding="utf-8")) if qfile.is_file() else []:
            spans[pid].append((start, end, (info.get("author") or "") if info.get("quote_id") else ""))
        pos = {p[0]: k for k, p in enumerate(raw, 1)}
        posts = [Post("", "", float(raw[0][7]) - 60, 0, "title")]   # the page: a title, then the posts
        for k, p in enumerate(raw, 1):
            parent = pos.get(p[5], 1) if k > 1 else 0
            posts.append(Post(p[2] or "[unknown]", _clean(p[3] or ""), float(p[7]),
                              parent if parent < k else 1, str(p[0]), k == 1 or float(p[7]) >= IAC_TREE_FROM,
                              _clean(quote_boxes(p[3] or "", spans.get(p[0], []))[0])))
        title = re.sub(r"^4Forums\.com Political Debates and Polls -\s*", "", meta.get("title", f.stem))
        out.append(RealThread(f.stem, "iac", title, tuple(posts), "test", opening=1))
    return out


# --- page copies --------------------------------------------------------------------------

def _date(t: float) -> str:
    d = datetime.fromtimestamp(t, tz=UTC)
    return f"{d:%B} {d.day}, {d.year} at {d.hour % 12 or 12}:{d.minute:02d} {'am' if d.hour < 12 else 'pm'}"


def _ago(t: float, now: float) -> str:
    s = max(0.0, now - t)
    for unit, size in (("year", 31_536_000), ("month", 2_592_000), ("day", 86_400), ("hour", 3600),
                       ("minute", 60)):
        if s >= size:
            n = int(s // size)
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    return "just now"


def _short_ago(t: float, now: float) -> str:
    s = max(0.0, now - t)
    for unit, size in (("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)):
        if s >= size:
            return f"{int(s // size)}{unit}"
    return "1m"


def page_copy(thread: RealThread, style: str = "bullet") -> str:
    """The thread as a copied comment page in one of :data:`STYLES`, posts in time order."""
    if style not in STYLES + FORUM_STYLES:
        raise ValueError(f"unknown page-copy style {style!r}; one of {', '.join(STYLES + FORUM_STYLES)}")
    article = thread.posts[0]
    head = f"{thread.title}\n\n"
    parts = [head + article.text, ""]
    now = thread.posts[-1].time + 600
    for k, p in enumerate(thread.posts[1:], 1):
        text = p.text
        if style == "quoted":   # the forum's own quote boxes kept, in the bullet layout
            text, style_k = p.shown or p.text, "bullet"
        else:
            style_k = style
        if style == "vbulletin":   # a copied vBulletin page: post bar, member block, the post, buttons
            when = datetime.fromtimestamp(p.time, UTC).strftime("%m-%d-%Y, %I:%M %p")
            parts += [f"Old {when}   #{k}", p.author, "Member", "Join Date: " + datetime.fromtimestamp(p.time - 86_400 * 90, UTC).strftime("%b %Y"),
                      f"Posts: {100 + 37 * k:,}", "Default", p.shown or p.text, "Reply With Quote"]
            continue
        if style == "phpbb":
            when = datetime.fromtimestamp(p.time, UTC).strftime("%a %b %d, %Y %I:%M %p")
            boxed = re.sub(r"Quote:\nOriginally Posted by ([^\n]+)\n", r"\1 wrote:\n", p.shown or p.text)
            parts += [("Re: " if k > 1 else "") + thread.title, f"Post by {p.author} » {when}", boxed, "Top", ""]
            continue
        if style_k == "bullet":
            parts += [f"  • {p.author}", ""] + (["\n".join("    " + ln if ln else "" for ln in text.split("\n")), ""]
                                               if text else [])
        elif style_k == "says":
            parts += [f"{p.author} says:", _date(p.time), "", text, "", "Reply", ""]
        elif style_k == "timed":
            parts += [p.author, "•", _ago(p.time, now), "", text, "", str(k % 7), "•", "Reply", "•", "Share ›", ""]
        elif style_k == "footer":
            parts += [p.author, *[ln for ln in text.split("\n") if ln.strip()], "Like", "Reply",
                      _short_ago(p.time, now), ""]
        else:  # chat: "Name: text", further paragraphs on their own lines
            first, _, rest = text.partition("\n")
            parts += [f"{p.author}: {first}" + (f"\n{rest}" if rest else ""), ""]
    return "\n".join(parts) + "\n"


def all_threads() -> dict[str, list[RealThread]]:
    """Every set by name: ``cmv`` (one submission each), ``cmv-pages``, ``iac``."""
    return {"cmv": cmv_threads(), "cmv-pages": cmv_pages(), "iac": iac_threads()}


if __name__ == "__main__":  # a summary of the sets
    for name, ts in all_threads().items():
        for split in ("train", "test"):
            sel = [t for t in ts if t.split == split]
            if sel:
                n = sum(len(t.posts) - 1 for t in sel)
                prev = sum(g == k - 1 for t in sel for k, g in enumerate(t.gold, 1)) / max(1, n)
                first = sum(g == min(t.opening, k - 1) for t in sel for k, g in enumerate(t.gold, 1)) / max(1, n)
                print(f"{name:10s} {split:5s} threads {len(sel):4d} posts {n:5d}  "
                      f"previous-post {prev:.3f}  first-post {first:.3f}")


# --- MiniLM vectors of the posts (cached: encoding thousands of posts takes minutes) ---------

VECTOR_CACHE = Path("/tmp/argmap-bench/realthreads-vectors.npz")


def post_vectors(threads: list[RealThread], encoder=None) -> dict[str, object]:
    """SHA-1 of a post's text -> its unit MiniLM vector, for every post of ``threads``
    (cached in :data:`VECTOR_CACHE`; texts not cached are encoded, loading the encoder
    when ``encoder`` is None)."""
    import numpy as np

    cache: dict[str, object] = {}
    if VECTOR_CACHE.exists():
        with np.load(VECTOR_CACHE) as z:
            cache = {k: z[k] for k in z.files}
    texts = {hashlib.sha1(p.text.encode()).hexdigest(): p.text for t in threads for p in t.posts}
    todo = [k for k in texts if k not in cache]
    if todo:
        from argmap.resources import encode, load_encoder
        encoder = encoder or load_encoder()
        vecs = encode(encoder, [texts[k] for k in todo])
        for k, v in zip(todo, vecs, strict=True):
            cache[k] = v.astype("float32")
        VECTOR_CACHE.parent.mkdir(parents=True, exist_ok=True)
        np.savez(VECTOR_CACHE, **cache)
    return {k: cache[k] for k in texts}


def text_key(text: str) -> str:
    """The key of a text in :func:`post_vectors`."""
    return hashlib.sha1(text.encode()).hexdigest()
