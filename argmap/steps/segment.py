"""Split every comment into argumentative units (sentences, or clauses).

Requires: thread. Assigns: units (provisional kind ``other``; :mod:`classify` sets
the final one), ``quoted``/``quoted_from`` from the comment's quote spans, quoted
passages attributed to a source, and blocks the author copies in.

One ``nlp.pipe`` runs over every comment text (root included); spaCy Docs never
leave this module. A sentence is cut at paragraph breaks, at a line break after a
finished sentence, and at quote boundaries,
then split into clauses where it carries a claim and its reason ("Trump was
elected | because Clinton was an elitist, corrupt candidate") or two coordinated
assertions ("He's a Mad King all right | but that doesn't mean ...", "I received
calls at 9:30 pm, | and I consider this rude"), keeping
each piece a meaningful clause (its own subject and verb, three words or more).

Example:
    >>> from argmap.model import ArgumentMap, Comment, Thread
    >>> from argmap.resources import load_nlp                      # doctest: +SKIP
    >>> t = Thread("t", "T", "generic", (Comment("r", "", "A. B because C is D.", None, 0),))
    >>> [u.text for u in segment(ArgumentMap(t), nlp=load_nlp()).units]  # doctest: +SKIP
    ['A.', 'B because C is D.']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..model import ArgumentMap, Comment, Unit
from ..quoting import QuoteRegion, quote_regions, region_for
from ..settings import DEFAULT, Settings

# Words that open a reason, consequence or contrast clause worth its own unit.
REASON_SPLIT = frozenset({"because", "since", "as"})
COORD_SPLIT = frozenset({"but", "so", "therefore", "thus", "hence", "yet"})
_PARA_RE = re.compile(r"\n[ \t\u00a0]*\n|\n[ \t]*(?=[\u2022*\-] )")
_CONTENT_RE = re.compile(r"\w")
_SUBJ = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_VERBAL = frozenset({"VERB", "AUX"})
_SO_NOT_CLAUSE = frozenset({"VERB", "ADJ", "ADV", "AUX", "NUM"})
# A short first line of a paragraph with no final punctuation, then a line break: a heading.
_HEADING_RE = re.compile(r"(?:^|\n[ \t\u00a0]*\n)[ \t]*[^\n.!?:;,]{1,40}(\n)(?=[ \t]*[A-Z])")
# A line that ends a sentence (end mark, maybe a closing bracket or quote), then a line
# starting with a capital: a sentence break even where the parser runs on ("...economics).
# / Turns out ...").
_LINE_END_RE = re.compile(r"[.!?\u2026][)\]\"'\u201d\u2019]*[ \t\u00a0]*(\n)(?=[ \t\u00a0]*[\"'(\u201c\u2018]?[A-Z])")


def segment(amap: ArgumentMap, *, nlp: Any, settings: Settings = DEFAULT) -> ArgumentMap:
    """Units for every comment, in page order then offset order.

    Args:
        amap: a map whose ``thread`` is set.
        nlp: a loaded spaCy pipeline with a parser (``resources.load_nlp()``).
        settings: ``batch_size`` for ``nlp.pipe``.

    Returns:
        The map with ``units`` set (kinds provisional).
    """
    comments = amap.thread.comments
    pieces = [(i, offset, piece) for i, c in enumerate(comments) for offset, piece in spacy_pieces(c.text)]
    docs = nlp.pipe((p for _, _, p in pieces), batch_size=settings.batch_size)
    by_comment: list[list[tuple[int, Any]]] = [[] for _ in comments]
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        by_comment[i].append((offset, doc))
    units: list[Unit] = []
    for comment, parsed in zip(comments, by_comment, strict=True):
        units.extend(units_of(comment, parsed))
    return replace(amap, units=tuple(units))


# --- what spaCy sees: bounded pieces, same offsets -------------------------------------
# spaCy's tokenizer strips affixes one at a time, copying the rest of the token each time:
# a long run with no space ("((((...", 10 KB of '"') took 30 s, and a text over
# 1,000,000 characters is refused (E088). So a long comment goes to spaCy in pieces cut at
# paragraph or sentence ends, and each piece is *defused*: a run of one punctuation mark
# keeps 8 characters at each end and is blanked in between, and a stretch with no space is
# given one every 200 characters (a link of up to 2,000 is left whole). Lengths never
# change, so offsets into the piece plus the piece's offset are offsets into the comment,
# and units take their text from the comment.
MAX_PIECE = 20_000
_RUN = re.compile(r"([^\w\s])\1{16,}")
_NO_SPACE = re.compile(r"\S{200,}")
_LONG_WORD = 200
_LONG_URL = 2_000
_PIECE_END = re.compile(r"\n[ \t\u00a0]*\n|[.!?][)\]\"'\u201d\u2019]*\s|\n|\s")


def spacy_pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``(offset, defused piece)`` pairs covering ``text``, each at most ``limit`` characters
    (default :data:`MAX_PIECE`).

    >>> spacy_pieces("One. Two.", limit=6)
    [(0, 'One. '), (5, 'Two.')]
    """
    limit = limit or MAX_PIECE
    out, start = [], 0
    while len(text) - start > limit:
        end = _piece_end(text, start, start + limit)
        out.append((start, defuse(text[start:end])))
        start = end
    out.append((start, defuse(text[start:])))
    return out


def _piece_end(text: str, start: int, stop: int) -> int:
    """The end of a piece in ``text[start:stop]``: after its last paragraph break, else its last
    sentence end, line break or space (in the second half of the piece), else ``stop``."""
    half = start + (stop - start) // 2
    for kind in range(4):
        best = None
        for m in _PIECE_END.finditer(text, half, stop):
            if _end_kind(m.group()) == kind:
                best = m.end()
        if best is not None:
            return best
    return stop


def _end_kind(sep: str) -> int:
    if sep.count("\n") >= 2:
        return 0
    if sep[0] in ".!?":
        return 1
    return 2 if sep == "\n" else 3


def defuse(text: str) -> str:
    """``text`` with pathological runs blanked, the same length (ordinary prose is unchanged).

    >>> defuse("(" * 20 + "a")
    '((((((((    ((((((((a'
    """
    text = _RUN.sub(lambda m: m.group()[:8] + " " * (len(m.group()) - 16) + m.group()[-8:], text)
    return _NO_SPACE.sub(_space_every, text)


def _space_every(m: re.Match[str]) -> str:
    if len(m.group()) <= _LONG_URL and m.group().startswith(("http://", "https://", "www.")):
        return m.group()  # a long link stays one token (spaCy matches it whole, cheaply)
    chars = list(m.group())
    chars[_LONG_WORD - 1::_LONG_WORD] = " " * len(chars[_LONG_WORD - 1::_LONG_WORD])
    return "".join(chars)


def units_of(comment: Comment, doc: Any) -> list[Unit]:
    """The units of one comment from its parsed Doc (sentences, cut and split), or from
    ``(offset, Doc)`` pieces as :func:`segment` parses a long comment."""
    pieces = [(0, doc)] if not isinstance(doc, list) else doc
    regions = quote_regions(comment)
    cuts = _block_cuts(comment.text, regions)
    out: list[Unit] = []
    for offset, piece in pieces:
        for sent in piece.sents:
            for start, end in _cut(sent.start_char + offset, sent.end_char + offset, cuts):
                for a, b in split_clauses(piece, start - offset, end - offset):
                    unit = _make_unit(comment, a + offset, b + offset, regions)
                    if unit is not None:
                        out.append(unit)
    return out


def _block_cuts(text: str, regions: list[QuoteRegion]) -> list[int]:
    """Offsets no unit may span: paragraph breaks and quote-region edges."""
    cuts = {m.start() for m in _PARA_RE.finditer(text)}
    cuts.update(m.start(1) for m in _HEADING_RE.finditer(text))
    cuts.update(m.start(1) for m in _LINE_END_RE.finditer(text))
    for r in regions:
        cuts.update((r.start, r.end))
    return sorted(cuts)


def _cut(start: int, end: int, cuts: list[int]) -> Iterable[tuple[int, int]]:
    """Split ``[start, end)`` at every cut strictly inside it (``cuts`` sorted)."""
    for c in cuts[bisect_right(cuts, start):bisect_left(cuts, end)]:
        yield start, c
        start = c
    yield start, end


def split_clauses(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the clauses in ``doc.text[start:end]`` (at least the whole).

    Splits before a reason marker heading a final adverbial clause ("... because
    Clinton was ..."), after a leading one ("Since X, Y"), and before a coordinating
    "but/so/therefore" that opens a clause, or an "and/or" joining two clauses that
    each have their own subject. Each piece must be a
    meaningful clause, else the span stays whole.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 6:
        return [(start, end)]
    for tok in span:
        cut = _split_point(tok, span)
        if cut is None or not span.start < cut < span.end or not start < doc[cut].idx < end:
            continue
        left, right = doc[span.start:cut], doc[cut:span.end]
        if _meaningful(left) and _meaningful(right):
            mid = doc[cut].idx
            return split_clauses(doc, start, mid) + split_clauses(doc, mid, end)
    return [(start, end)]


def _split_point(tok: Any, span: Any) -> int | None:
    """Token index where a new clause starts at ``tok``, or None."""
    low = tok.text.lower()
    if low in REASON_SPLIT and tok.dep_ == "mark" and tok.head.dep_ == "advcl":
        clause = tok.head
        if low == "as" and tok.i != span.start and tok.nbor(-1).text != ",":
            return None  # mid-sentence "as" is causal only after a comma; else comparative
        if clause.right_edge.i >= span.end - 2:
            return tok.i  # "Y because X."
        if tok.i == span.start:
            return clause.right_edge.i + 1  # "Since X, Y."
        return None
    if low in ("and", "or") and tok.dep_ == "cc" and tok.i > span.start:
        return tok.i if _coordinates_clauses(tok) else None
    if low in COORD_SPLIT and tok.dep_ in ("cc", "advmod", "mark", "ccomp") and tok.i > span.start:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if low == "so" and (tok.nbor(-1).text == "(" or (nxt is not None and nxt.pos_ in _SO_NOT_CLAUSE)):
            return None  # "so called", "so badly", "so thorough": degree, not consequence
        return tok.i
    return None


def _coordinates_clauses(cc: Any) -> bool:
    """True when "and/or" joins two verbs that each have their own subject
    ("I have received calls at 9:30 pm, | and I consider this rude")."""
    head = cc.head
    if head.pos_ not in _VERBAL or not any(c.dep_ in _SUBJ for c in head.children):
        return False
    return any(c.dep_ == "conj" and c.i > cc.i and c.pos_ in _VERBAL
               and any(g.dep_ in _SUBJ for g in c.children) for c in head.children)


def _meaningful(span: Any) -> bool:
    """A clause with a subject and a verb and at least three words."""
    words = [t for t in span if any(ch.isalnum() for ch in t.text)]
    if len(words) < 3:
        return False
    has_subj = any(t.dep_ in _SUBJ for t in span)
    has_verb = any(t.pos_ in _VERBAL for t in span)
    return has_subj and has_verb


def _make_unit(comment: Comment, start: int, end: int, regions: list[QuoteRegion]) -> Unit | None:
    """A Unit for the stripped span, or None when it holds no word."""
    text = comment.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _CONTENT_RE.search(text[start:end]):
        return None
    region = region_for(regions, start, end)
    return Unit(
        id=Unit.make_id(comment.id, start), comment_id=comment.id, start=start, end=end,
        text=text[start:end], kind="other", confidence=0.0, why="not yet classified",
        quoted=region is not None, quoted_from=region.source if region else None,
    )
