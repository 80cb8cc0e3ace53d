"""Where a comment quotes someone else: quote regions and who they come from.

Three cases, most specific first when they nest:

* the comment's own ``quotes`` (Reddit ``>`` lines, or quotes of an earlier
  comment found by reconstruction): ``source`` is the quoted comment's id;
* a paragraph introduced by an attribution ("As Point 95 of the Mueller
  indictment said:", "Reported The New York Times,", "It found:"), or a block the
  author says they copy in ("I will copy in comments from ... source:") that runs
  to its sign-off ("This is from Ian Reifowitz for Daily Kos") or closing mark;
* a long quotation in quotation marks next to an attribution verb
  ("As Eric Lohr ... summarized it, "By the early 18th century ...""). Short
  scare quotes ("sow discord") are not regions.

Pure functions of a :class:`~argmap.model.Comment`; no model.

Example:
    >>> from argmap.model import Comment
    >>> c = Comment("c", "a", "As the report said:\\n\\nIt was tiny.\\n\\nI agree.", None, 0)
    >>> [(c.text[r.start:r.end], r.source) for r in quote_regions(c)]
    [('It was tiny.', 'Report')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import sources
from .model import Comment, Unit
from .safetext import shorten


@dataclass(frozen=True)
class QuoteRegion:
    """A quoted span ``[start, end)`` of a comment's text and its source."""

    start: int
    end: int
    source: str
    why: str


_PARA_RE = re.compile(r"\S(?:.*?\S)?(?=\s*\n[ \t\u00a0]*\n|\s*$)", re.S)
_COPY_RE = re.compile(r"\b(?:copy|copied|copying|paste|pasted|pasting|excerpt|quote from|"
                      r"here is what|here's what|from an article|from a source)\b", re.I)
_SIGNOFF_RE = re.compile(r"^(?:this (?:is|was) (?:from|by)|source:|from:|via|[\u2014\u2013-]{1,2})\s*(.+)$",
                         re.I | re.S)
_ATTRIB_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(v) for v in sources.ATTRIBUTION_VERBS) + r")\b", re.I)
_QUOTED_RE = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{20,}?)[\u201d\"]", re.S)
_MIN_QUOTE_WORDS = 7


def introduces_quotation(text: str) -> bool:
    """True for a short lead-in to someone else's words: "As Point 95 of the Mueller indictment
    said:", "Reported The New York Times,", "Here is what he wrote:".

    Example:
        >>> introduces_quotation("As Point 95 of the Mueller indictment said:")
        True
        >>> introduces_quotation("He said that the report was wrong.")
        False
    """
    t = text.strip().rstrip("\u00a0 ")
    if len(t.split()) > 25:
        return False
    if t.endswith(":"):
        return bool(_ATTRIB_RE.search(t) or _COPY_RE.search(t))
    return t.endswith(",") and bool(_LEAD_RE.match(t)) and len(t.split()) <= 8


_LEAD_RE = re.compile(r"(?:reported|wrote|writes|said|says|according to|as)\s+[A-Z\w]", re.I)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (blank-line separated, stripped)."""
    return [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]


# ``quoted_from`` of a quote whose origin the reader could not find (a Reddit ``>`` line that
# matches no comment of the export): most often the parent's or the poster's words, so it is
# neither a named source the author leans on nor the author's own claim.
UNNAMED_QUOTE = "quoted text"


def quote_regions(comment: Comment) -> list[QuoteRegion]:
    """Every quote region of a comment, sorted by start (outer before inner)."""
    regions = [QuoteRegion(q.start, q.end, q.source_id or UNNAMED_QUOTE, q.why or "quoted span")
               for q in comment.quotes]
    copies = list(regions)
    regions += bbcode_blocks(comment.text)
    regions += _introduced_blocks(comment.text)
    regions += _attributed_quotations(comment.text)
    # a quote box whose words the copy finder traced to a comment quotes that comment, and ends
    # where the copy ends (a copied page may run the reply on without a blank line); a box comes
    # last, so a source named by the words around it wins a tie
    for b in quote_box_blocks(comment.text):
        traced = [r for r in copies if r.start < b.end and b.start < r.end]
        if traced:
            b = QuoteRegion(b.start, max(r.end for r in traced), traced[0].source, b.why)
        regions.append(b)
    return Regions(sorted(regions, key=lambda r: (r.start, -r.end)))


class Regions(list):
    """Quote regions sorted by start, with what :func:`region_for` needs to look at only the
    regions near a span (a scan of all of them per unit was quadratic on a comment of
    thousands of copied-in blocks)."""

    _index: tuple[list[int], list[int]] | None = None

    def lookup(self) -> tuple[list[int], list[int]]:
        """Starts, and the furthest end reached by any region up to each position."""
        if self._index is None or len(self._index[0]) != len(self):
            reach, far = [], -1
            for r in self:
                far = max(far, r.end)
                reach.append(far)
            self._index = ([r.start for r in self], reach)
        return self._index


BBCODE_RE = re.compile(r"\[quote(?:=\s*\"?(?P<who>[^\];\"]*)\"?(?:;\s*(?P<id>[^\]]*))?)?\]"
                        r"(?P<body>.*?)\[/quote\]", re.I | re.S)


# A forum quote box as a copied page shows it: a header ("Quote:"; vBulletin "Originally Posted by
# ann"; phpBB "ann wrote:", "On 3 May, ann wrote:"; XenForo "ann said: ↑"), then the quoted words.
# Group ``a`` or ``b`` holds the name as written. ("Quote from the report:" introduces a source's
# words, left to the attributed-quotation rules.)
QUOTE_HEAD = re.compile(
    r"^[ \t]*(?:quote:?[ \t]*$"
    r"|(?:quote:?[ \t]*)?originally[ \t]+posted[ \t]+by"
    r"[ \t]+@?(?P<a>[^\n:()]{1,40}?)[ \t]*(?::|[ \t]+on[ \t][^\n]*|[ \t]*\([^\n]*|[ \t]*[»↑][^\n]*)?[ \t]*$"
    r"|(?:on[ \t][^\n]{3,60}?,[ \t]*)?@?(?!(?:as|the|an?|he|she|they|it|this|that|who|which|and|but)\b)"
    r"(?P<b>[^\n:]{1,40}?)[ \t]+(?:wrote[ \t]*:|said[ \t]*:[ \t]*[»↑^])[ \t]*$)", re.IGNORECASE | re.MULTILINE)
# ("ann said:" alone introduces a quotation in prose as often as a box: the box's arrow is needed)


def quote_lead(text: str) -> int:
    """Where a post's words begin after the quote-box header lines that open it (0 when none):
    a copy of a post right after them opens the post as much as one that stands first.

    >>> quote_lead("Quote:\\nOriginally Posted by ann\\nuniforms make kids equal")
    32
    >>> quote_lead("I disagree.")
    0
    """
    end = 0
    while (m := QUOTE_HEAD.match(text, end)) and m.end() > end:
        end = m.end()
        while text[end:end + 1] in ("\n", " ", "\t"):
            end += 1
    return end


FORUM_POST = "post by "


def is_forum_post(source: str | None) -> bool:
    """A quote region's source that is a forum user's post ("post by ann"), no outside source."""
    return bool(source) and source.startswith(FORUM_POST)


def quote_box_blocks(text: str) -> list[QuoteRegion]:
    """The quoted words of each forum quote box (:data:`QUOTE_HEAD`): from the header to the next
    blank line, credited to the post of the user the header names ("post by ann": a forum user's
    words are no outside source), or to unnamed quoted text.

    Example:
        >>> t = "Quote:\\nOriginally Posted by ann\\nTax is theft.\\n\\nNo, it pays for roads."
        >>> [(t[r.start:r.end], r.source) for r in quote_box_blocks(t)]
        [('Tax is theft.', 'post by ann')]
    """
    out, end = [], -1
    for m in QUOTE_HEAD.finditer(text):
        if m.start() < end:
            continue
        start = m.end()
        who = (m.group("a") or m.group("b") or "").strip()
        while (nxt := QUOTE_HEAD.match(text, start + 1 if text[start:start + 1] == "\n" else start)) and \
                nxt.end() > start:   # "Quote:" then "Originally Posted by ann": one box
            who = who or (nxt.group("a") or nxt.group("b") or "").strip()
            start = nxt.end()
        while start < len(text) and text[start].isspace():
            start += 1
        stop = re.search(r"\n[ \t\u00a0]*\n", text[start:])
        end = start + stop.start() if stop else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            head = " ".join(text[m.start():start].split())
            out.append(QuoteRegion(start, end, f"{FORUM_POST}{who}" if who else UNNAMED_QUOTE,
                                   f"forum quote box ('{shorten(head, 50)}')"))
    return out


def bbcode_blocks(text: str) -> list[QuoteRegion]:
    """Forum ``[quote]...[/quote]`` and ``[QUOTE=name;id]...[/QUOTE]`` blocks (the body only).

    Example:
        >>> [(r.source, r.why) for r in bbcode_blocks("[QUOTE=ann;12]Tax is theft.[/QUOTE] No.")]
        [('ann', "[QUOTE] block of ann's post 12")]
    """
    out = []
    for m in BBCODE_RE.finditer(text):
        a, b = m.span("body")
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a:
            continue
        who, pid = (m.group("who") or "").strip(), (m.group("id") or "").strip()
        why = f"[QUOTE] block of {who}'s post {pid}" if who and pid else (
            f"[QUOTE] block of {who}" if who else "[quote] block")
        out.append(QuoteRegion(a, b, who or UNNAMED_QUOTE, why))
    return out


def region_for(regions: list[QuoteRegion], start: int, end: int) -> QuoteRegion | None:
    """The innermost region holding most of ``[start, end)``, else None (the first of equals)."""
    if not isinstance(regions, Regions):
        candidates = list(enumerate(regions))
    else:
        starts, reach = regions.lookup()
        i, candidates = bisect_left(starts, end) - 1, []
        while i >= 0 and reach[i] > start:  # earlier regions all end before the span
            candidates.append((i, regions[i]))
            i -= 1
    best: tuple[int, int, QuoteRegion] | None = None
    for i, r in candidates:
        overlap = min(end, r.end) - max(start, r.start)
        if overlap * 2 > end - start and (best is None or (r.end - r.start, i) < best[:2]):
            best = (r.end - r.start, i, r)
    return best[2] if best else None


def _introduced_blocks(text: str) -> list[QuoteRegion]:
    """Paragraphs introduced by an attribution ending in ':' or ','; copied-in blocks."""
    paras = paragraphs(text)
    ahead = _Ahead(text, paras)
    out: list[QuoteRegion] = []
    for i, (a, b) in enumerate(paras[:-1]):
        intro = _last_sentence(text[a:b])
        if not intro.endswith((":", ",")) or not (_ATTRIB_RE.search(intro) or _COPY_RE.search(intro)):
            continue
        first = paras[i + 1][0]
        last, signoff = _block_end(text, paras, i + 1, copied=bool(_COPY_RE.search(intro)), ahead=ahead)
        source = signoff or sources.source_name(intro) or _pronoun_source(text[a:b]) or "a source"
        why = f"introduced by '{shorten(intro, 60)}'"
        out.append(QuoteRegion(first, last, source, why))
    return out


class _Ahead:
    """For each paragraph, the next one that is a sign-off or holds a closing quotation mark,
    found in one backward pass when first asked (a scan per introduced block was quadratic:
    "I copied this:" repeated took 30 s for 40 KB)."""

    def __init__(self, text: str, paras: list[tuple[int, int]]) -> None:
        self.text, self.paras = text, paras
        self._signoff: list[int | None] | None = None
        self._close: list[int | None] | None = None

    def signoff(self, j: int) -> int | None:
        """Index of the first sign-off paragraph at or after ``j``."""
        if self._signoff is None:
            self._signoff = self._next(lambda a, b: b - a < 120 and _SIGNOFF_RE.match(self.text[a:b]))
        return self._signoff[j] if j < len(self.paras) else None

    def close(self, j: int) -> int | None:
        """Index of the first paragraph at or after ``j`` holding a closing quotation mark."""
        if self._close is None:
            self._close = self._next(lambda a, b: any(ch in self.text[a:b] for ch in sources.QUOTE_CLOSE))
        return self._close[j] if j < len(self.paras) else None

    def _next(self, test) -> list[int | None]:
        out: list[int | None] = [None] * len(self.paras)
        nxt = None
        for k in range(len(self.paras) - 1, -1, -1):
            if test(*self.paras[k]):
                nxt = k
            out[k] = nxt
        return out


def _block_end(text: str, paras: list[tuple[int, int]], j: int, copied: bool,
               ahead: _Ahead | None = None) -> tuple[int, str | None]:
    """End of a quoted block starting at paragraph ``j`` and the sign-off's source, if any.

    A copied-in block runs to a sign-off paragraph ("This is from X"); one that opens
    with a quotation mark runs to the paragraph holding the closing mark; otherwise
    the block is the one paragraph.
    """
    ahead = ahead or _Ahead(text, paras)
    if copied:
        k = ahead.signoff(j + 1)
        if k is not None:
            a, b = paras[k]
            return paras[k - 1][1], sources.normalise_source(_SIGNOFF_RE.match(text[a:b]).group(1))
    a, b = paras[j]
    if text[a] in sources.QUOTE_OPEN and not any(ch in text[a + 1:b] for ch in sources.QUOTE_CLOSE):
        k = ahead.close(j + 1)
        if k is not None:
            return paras[k][1], None
    return b, None


def _attributed_quotations(text: str) -> list[QuoteRegion]:
    """Long passages in quotation marks with an attribution verb just before them."""
    out = []
    for m in _QUOTED_RE.finditer(text):
        if len(m.group(1).split()) < _MIN_QUOTE_WORDS:
            continue
        before = text[max(0, m.start() - 160):m.start()]
        clause = re.split(r"[.!?:]\s|\n\s*\n", before)[-1].lstrip(sources.QUOTE_OPEN + " ")
        if not _ATTRIB_RE.search(clause):
            continue
        source = sources.source_name(clause) or "a source"
        out.append(QuoteRegion(m.start(1), m.end(1), source, f"in quotation marks after '{shorten(clause, 60)}'"))
    return out


def _last_sentence(para: str) -> str:
    return re.split(r"(?<=[.!?])\s+", para.strip())[-1]


def _pronoun_source(para: str) -> str | None:
    """For "It found:" name the source from the rest of the paragraph ("The study by ...")."""
    found = sources.document_in(para)
    return sources.normalise_source(found[0]) if found else None


def mark_quoted(units: Sequence[Unit], comments: Sequence[Comment]) -> tuple[Unit, ...]:
    """``units`` with ``quoted``/``quoted_from`` set wherever their comment's quotes cover them
    (for quotes found after segmentation: the copies reconstruction finds)."""
    regions = {c.id: quote_regions(c) for c in comments if c.quotes}
    ids = {c.id for c in comments}
    out = []
    for u in units:
        r = region_for(regions.get(u.comment_id, []), u.start, u.end)
        # a quote box credited to a name is now traced to the comment it copies, and the words
        # after the copy that the box's blank-line end took in are the poster's own again
        if r is not None and (not u.quoted or (r.source in ids and is_forum_post(u.quoted_from))):
            u = replace(u, quoted=True, quoted_from=r.source)
        elif r is None and u.comment_id in regions and is_forum_post(u.quoted_from):
            u = replace(u, quoted=False, quoted_from=None)
        out.append(u)
    return tuple(out)
