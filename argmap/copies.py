"""Unmarked verbatim copies: text a comment repeats word for word from any earlier comment.

Forum posts often open with a copy of what they answer, with no quote marker at all
(4forums, page copies), or repeat a sentence from several posts up. Each comment is
compared with the earlier comments that share the most content bigrams with it (an
:class:`argmap.echo.NgramIndex` with bounded posting lists: a handful of candidates per
comment, so the whole thread costs time linear in its length); a shared word run of at
least :data:`MIN_COPY_WORDS` words (:data:`MIN_COPY_CONTENT` of them content words) is a
copy. Runs from the same comment separated only by spaces or punctuation merge into one
region. The copy's origin is the comment it was copied from or, when that comment was
itself quoting (its own ``quotes`` cover the span), that quote's origin.

Each copy becomes a :class:`~argmap.model.Quote` of the copying comment with a ``why``
("copies 3 sentences (41 words) of #12 (PeterPaget) word for word"). Pure functions; no model.

Example:
    >>> from argmap.model import Comment
    >>> a = Comment("a", "ann", "The tax cut paid for itself within three years of passing.", None, 0)
    >>> b = Comment("b", "bob", "The tax cut paid for itself within three years of passing. No it did not.", "a", 1)
    >>> [(q.source_id, q.start, q.end) for q in add_copies([a, b])[1].quotes]
    [('a', 0, 57)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .echo import NgramIndex, Words, common_spans, words
from .model import Comment, Quote

MIN_COPY_WORDS = 8     # shortest shared run that counts as a copy
MIN_COPY_CONTENT = 4   # content words it must hold ("and I think that it is the" is no copy)
CANDIDATES = 5         # earlier comments compared per comment (best by shared bigrams)
_GAP = re.compile(r"[\s\W]{0,12}")


def add_copies(comments: Sequence[Comment]) -> list[Comment]:
    """``comments`` with a :class:`Quote` for every verbatim copy of an earlier comment's text
    (spans already quoted are left as they are)."""
    index = NgramIndex(max_postings=16)
    ws: list[Words] = []
    out: list[Comment] = []
    labels = {c.id: f"#{c.index} ({c.author or 'anonymous'})" for c in comments}
    for i, c in enumerate(comments):
        w = words(c.text)
        ws.append(w)
        found = _copies(c, w, [(j, comments[j], ws[j]) for j, _ in index.candidates(w, limit=CANDIDATES)],
                        out, labels) if i > 0 and not c.empty else []
        out.append(replace(c, quotes=tuple(sorted(c.quotes + tuple(found), key=lambda q: q.start)))
                   if found else c)
        index.add(i, w)
    return out


def _copies(c: Comment, w: Words, cands: list[tuple[int, Comment, Words]], done: list[Comment],
            labels: dict[str, str]) -> list[Quote]:
    regions: list[tuple[int, int, str, int, str]] = []   # start, end, origin id, words, origin label
    for j, src, sw in sorted(cands, key=lambda t: t[0]):
        for sp in common_spans(w, sw, min_words=MIN_COPY_WORDS, min_content=MIN_COPY_CONTENT):
            origin = _origin(done[j], sp.b_start, sp.b_end)
            regions.append((sp.a_start, sp.a_end, origin, sp.n_words, src.id))
    regions.sort()
    merged: list[list] = []
    for s, e, origin, n, _via in regions:
        if any(q.start < e and s < q.end for q in c.quotes):
            continue
        if merged and merged[-1][2] == origin and (s <= merged[-1][1] or _GAP.fullmatch(c.text[merged[-1][1]:s])):
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][3] += n
            merged[-1][4] += 1
        elif not merged or s >= merged[-1][1]:
            merged.append([s, e, origin, n, 1])
    return [Quote(s, e, origin, f"copies {k} sentence{'s' * (k > 1)} ({n} words) of {labels.get(origin, origin)} "
                                f"word for word")
            for s, e, origin, n, k in merged]


def _origin(src: Comment, start: int, end: int) -> str:
    """The comment the copied span comes from: ``src``, or what ``src`` was quoting there."""
    for q in src.quotes:
        if q.start <= start and end <= q.end and q.source_id:
            return q.source_id
    return src.id
