"""Infer each comment's parent where the page lost it (flat page copies).

Requires: ``thread`` (comments in page order). Uses when present:
``vectors.comments`` (unit-normalised rows in ``thread.comments`` order) for
topical similarity, and ``units`` with ``vectors.units`` to find a sentence the
comment restates. Assigns: ``parent_id`` and ``parent`` (``ParentLink("inferred",
confidence, why)``) of every comment whose ``parent.source == "inferred"``, and
``Quote`` records where a comment repeats four or more words of its parent, and marks
the units inside those copies ``quoted`` (once, here: no later step re-marks them).
Explicit, orphan and root links are never changed.

Comments are visited in page order. The candidates for comment *i* are the root,
the ``settings.candidate_window`` comments before it, the latest comments of anyone
it addresses by name, and earlier comments the echo n-gram index finds; the work
per comment is bounded, so a thread costs linear time. Each candidate's score
adds the points of its signals (see :class:`Weights`):

- addressing: the comment speaks to the candidate's author by name ("Right, Tony.",
  "Pete Pete!"); a third-person mention ("true with Peter Paget") counts against;
- the exchange: the candidate spoke to this comment's author by name, or replied to
  them; this author already answered the candidate (counts against);
- echo: the comment repeats distinctive wording of the candidate (rare in the thread
  and in everyday argument; wording a commenter brought in counts more than the
  article's; a negation flipped, "no factual backup" -> "as factual backup", more);
- restatement: a sentence of the comment is close to one of the candidate's (MiniLM);
- an answer to the candidate's question ("who are you brother?" -> "No one.");
- the topic (MiniLM cosine against the candidates' mean; an unrelated one counts
  against), page distance (nearer is likelier), people rarely answering themselves;
- the root: a comment that speaks to no one and echoes no one starts a new point.

The best candidate wins; its confidence is ``sigmoid(margin / temperature)`` of its
lead over the runner-up (0.5 for a tie), and ``why`` names the signals that put it
ahead, adding "close call with #k" below 0.6.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from ..addressing import (
    NameBook,
    NameMatch,
    addressed,
    answer_to,
    find_names,
    mentioned,
    question_kinds,
    speaks_to_someone,
)
from ..copies import add_copies
from ..echo import (
    DocFreq,
    NgramIndex,
    Span,
    Words,
    common_spans,
    content_bigrams,
    general_rarity,
    is_content_key,
    polarity_flipped,
    words,
)
from ..model import ArgumentMap, Comment, ParentLink, Quote
from ..quoting import mark_quoted
from ..settings import DEFAULT, Settings


@dataclass(frozen=True)
class Weights:
    """Score points per signal. Tuned by reading the seed thread and checked on
    interleaved real Reddit chains (see docs/reconstruction.md)."""

    address: float = 3.5          # x name score x vocative score
    mention: float = -2.0         # the candidate's author is only talked about
    addressed_by: float = 1.6     # the candidate spoke to this comment's author by name
    continues: float = 0.9        # the candidate replied to this comment's author
    echo: float = 3.0             # x (1 - exp(-echo / 2))
    article_echo: float = 0.5     # quoting the article counts this much: replies quote it too
    answer: float = 1.4           # x answer strength
    similarity: float = 3.0       # x (cosine - mean cosine over candidates)
    paraphrase: float = 3.0       # x (best unit-to-unit cosine - floor), comments only
    paraphrase_floor: float = 0.4
    unrelated: float = -1.5       # a comment on another topic altogether (cosine below ...)
    unrelated_below: float = 0.15
    recency: float = 0.4          # - x log2(1 + comments in between)
    answered: float = -0.8        # this author already replied to the candidate
    same_author: float = -3.0
    own_words: float = 0.3        # echo/similarity with one's own comment counts this much
    empty_candidate: float = -1.5
    root: float = 0.6             # the root's base score (a new top-level point)
    responds: float = -1.2        # the comment speaks to someone: the root is less likely
    temperature: float = 0.8      # confidence = sigmoid(margin / temperature)
    index_candidates: int = 8     # echo-index lookups added to the window
    per_addressee: int = 3        # latest comments of each addressed author added


WEIGHTS = Weights()


@dataclass
class _Thread:
    """Per-thread state built as comments are visited in page order."""

    comments: tuple[Comment, ...]
    words: list[Words]
    df: DocFreq
    sims: np.ndarray | None
    units: dict[int, tuple[np.ndarray, list[str]]] = field(default_factory=dict)  # unit vectors, texts
    book: NameBook = field(default_factory=NameBook)
    index: NgramIndex = field(default_factory=NgramIndex)
    by_author: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    parent: dict[int, int] = field(default_factory=dict)       # position -> parent position
    speaks_to: dict[int, set[str]] = field(default_factory=dict)
    answered: set[tuple[str, int]] = field(default_factory=set)  # (author, position replied to)
    cues: dict[int, _Cue] = field(default_factory=dict)
    questions: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def label(self, j: int) -> str:
        return "the article" if j == 0 else f"#{self.comments[j].index}"


@dataclass(frozen=True)
class _Signal:
    points: float
    phrase: str = ""


def _unit_vectors(amap: ArgumentMap) -> dict[int, tuple[np.ndarray, list[str]]]:
    """Per comment position: its unit vectors and unit texts (empty without units)."""
    vecs = amap.vectors.aligned("units", len(amap.units))
    if vecs is None or not len(amap.units):
        return {}
    pos = {c.id: k for k, c in enumerate(amap.thread.comments)}
    rows: dict[int, list[int]] = defaultdict(list)
    for n, u in enumerate(amap.units):
        if u.comment_id in pos and u.text.strip():
            rows[pos[u.comment_id]].append(n)
    arr = np.asarray(vecs, dtype="float32")
    return {k: (arr[r], [amap.units[n].text for n in r]) for k, r in rows.items()}


def _paraphrase(st: _Thread, i: int, j: int) -> tuple[float, str]:
    """Best cosine between a unit of comment i and a unit of candidate j, and j's unit."""
    if i not in st.units or j not in st.units:
        return 0.0, ""
    (ui, _), (uj, texts) = st.units[i], st.units[j]
    m = ui @ uj.T
    k = int(m.argmax())
    return float(m.flat[k]), texts[k % m.shape[1]]


def _similarity_matrix(amap: ArgumentMap) -> np.ndarray | None:
    """The comment vectors, or None when absent or not one row per comment."""
    vecs = amap.vectors.aligned("comments", len(amap.thread.comments))
    if vecs is None:
        return None
    return np.asarray(vecs, dtype="float32")


def _candidates(st: _Thread, i: int, addressees: list[str], w: Weights, window: int) -> list[int]:
    """Root + recent window + addressed authors' latest + echo-index hits (bounded)."""
    cands = {0, *range(max(1, i - window), i)}
    for a in addressees:
        cands.update(st.by_author.get(a, [])[-w.per_addressee:])
    weight = {g: st.df.rarity(g) for g in content_bigrams(st.words[i])}
    for j, _ in st.index.candidates(st.words[i], limit=w.index_candidates, weight=weight):
        cands.add(j)
    return sorted(j for j in cands if j < i)


def _rarity(st: _Thread, key: str) -> float:
    """Rare in this thread and unusual in everyday argument: a telling word to repeat."""
    return st.df.rarity(key) * general_rarity(key) ** 1.5


def _span_weight(st: _Thread, span: Span, i: int, j: int) -> float:
    """Distinctiveness of an echoed span: rare content words, a rare pair, length.

    A span one text negates and the other does not ("no factual backup" -> "as
    factual backup") is the mark of a rebuttal and counts one and a half times.

    Between comments, wording the article also uses is shared background and counts
    half; wording a commenter brought in ("Mueller report" when the article never
    says it) counts one and a half times.
    """
    content = {k for k in span.keys if is_content_key(k)}
    pairs = list(zip(span.keys, span.keys[1:], strict=False))
    novelty = 1.0
    if j > 0:
        background = sum(g in st.words[0].bigram_positions for g in pairs) / max(1, len(pairs))
        novelty = 1.5 - background
    # a rare pairing counts unless it is just an article and a word ("the talk")
    telling = span.n_words >= 3 or not {"the", "a", "an"} & set(span.keys)
    pair = max((st.df.rarity(g) for g in pairs if g in st.df.counts), default=0.0) if telling else 0.0
    general = max((general_rarity(k) for k in content), default=0.0)
    flip = 1.5 if polarity_flipped(st.words[i], st.words[j], span) else 1.0
    return novelty * flip * (sum(_rarity(st, k) for k in content) + general * pair
                             + 0.3 * max(0, span.n_words - 3))


def _rare_words(st: _Thread, i: int, j: int, exclude: set[str]) -> list[str]:
    """Telling words comment i shares with candidate j outside the echoed spans."""
    shared = st.words[i].content_keys() & st.words[j].content_keys() - exclude
    return sorted(k for k in shared if _rarity(st, k) >= 0.5)


def _echo(st: _Thread, i: int, j: int) -> tuple[float, str, list[Span]]:
    """Echo strength of comment i on candidate j, a phrase, and the spans.

    From the root (the article) only quotations of four words or more count, and
    the strength is divided by ``sqrt(length / 200 words)``: an article shares
    some wording with anything by chance.
    """
    a, b = st.words[i], st.words[j]
    spans = [s for s in common_spans(a, b) if j > 0 or s.n_words >= 4]
    raw = sum(_span_weight(st, s, i, j) for s in spans)
    rare = _rare_words(st, i, j, {k for s in spans for k in s.keys}) if j > 0 else []
    background = st.words[0].content_keys()
    raw += min(1.5, 0.5 * sum(_rarity(st, k) * (0.5 if k in background else 1.5) for k in rare))
    raw /= max(1.0, math.sqrt(len(b.tokens) / 200))
    if spans:
        phrase = "repeats " + ", ".join(f"'{s.text}'" for s in spans[:2])
    elif rare:
        shown = list(dict.fromkeys(t.text for t in a.tokens if t.key in rare))[:2]
        phrase = "shares the word" + ("s " if len(shown) > 1 else " ") + ", ".join(f"'{x}'" for x in shown)
    else:
        phrase = ""
    return raw, phrase, spans


@dataclass(frozen=True)
class _Cue:
    """What comment i itself says about whom it answers (computed once per comment)."""

    addressed: dict[str, NameMatch]
    mentioned: set[str]
    responds: str


def _cue(st: _Thread, i: int, window: int) -> _Cue:
    """Comment i's cues, computed once (the book must hold the earlier authors)."""
    if i not in st.cues:
        st.cues[i] = _make_cue(st, i, window)
    return st.cues[i]


def _make_cue(st: _Thread, i: int, window: int) -> _Cue:
    c = st.comments[i]
    recent = {st.comments[j].author for j in range(max(0, i - window), i)}
    names = find_names(c.text, st.book, exclude=(c.author,), among=recent)
    voc = addressed(names)
    return _Cue(
        addressed={m.author: m for m in voc},
        mentioned={m.author for m in mentioned(names)},
        responds=speaks_to_someone(c.text) or (f"addresses '{voc[0].text}'" if voc else ""),
    )


def _root_signals(cue: _Cue, w: Weights) -> dict[str, _Signal]:
    """The root: a new point on the article, unless the comment speaks to someone."""
    s = {"root": _Signal(w.root, "starts a new point on the article")}
    if cue.responds:
        s["responds"] = _Signal(w.responds)
    return s


def _exchange_signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights) -> dict[str, _Signal]:
    """Signals from who speaks to whom: addressing, mention, the ongoing exchange."""
    c, cj = st.comments[i], st.comments[j]
    s: dict[str, _Signal] = {}
    m = cue.addressed.get(cj.author)
    if m is not None:
        s["address"] = _Signal(w.address * m.score * m.vocative_score, f"addresses '{m.text}' by name")
    elif cj.author in cue.mentioned:
        s["mention"] = _Signal(w.mention)
    pj = st.parent.get(j)
    if c.author and c.author in st.speaks_to.get(j, ()):
        s["addressed_by"] = _Signal(w.addressed_by, f"{cj.author} addressed {c.author} by name there")
    elif c.author and pj is not None and st.comments[pj].author == c.author:
        s["continues"] = _Signal(w.continues, f"continues the exchange ({st.label(j)} replied to {c.author})")
    if c.author and cj.author == c.author:
        s["same_author"] = _Signal(w.same_author)
    if (c.author, j) in st.answered:
        s["answered"] = _Signal(w.answered)
    return s


def _comment_signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights, window: int
                     ) -> dict[str, _Signal]:
    """Signals for an earlier comment j: distance, the exchange, an answered question.

    Beyond the window the distance counts as the window's: a comment found there by
    name or echo earned its place.
    """
    c, cj = st.comments[i], st.comments[j]
    gap = min(i - j - 1, window)
    s = {"recency": _Signal(-w.recency * math.log2(1 + gap), "the comment just before" if gap == 0 else "")}
    s.update(_exchange_signals(st, i, j, cue, w))
    if cj.empty:
        s["empty"] = _Signal(w.empty_candidate)
    if j not in st.questions:
        st.questions[j] = tuple(question_kinds(cj.text))
    qa, opening = answer_to(st.questions[j], c.text)
    if qa:
        s["answer"] = _Signal(w.answer * qa, f"'{opening}' answers a question in {st.label(j)}")
    return s


def _content_signals(st: _Thread, i: int, j: int, w: Weights, sim_rel: float | None
                     ) -> tuple[dict[str, _Signal], list[Span]]:
    """What the texts share: echoed wording, a restated sentence, the topic."""
    s: dict[str, _Signal] = {}
    raw, phrase, spans = _echo(st, i, j)
    if raw > 0:
        scale = w.echo if j > 0 else w.echo * w.article_echo
        s["echo"] = _Signal(scale * (1 - math.exp(-raw / 2.0)), f"{phrase} from {st.label(j)}")
    best, unit = _paraphrase(st, i, j) if j > 0 else (0.0, "")
    if best > w.paraphrase_floor:
        shown = unit if len(unit) <= 50 else unit[:47].rstrip() + "..."
        s["paraphrase"] = _Signal(w.paraphrase * (best - w.paraphrase_floor),
                                  f"restates '{shown}' from {st.label(j)} ({best:.2f})")
    if sim_rel is not None:
        cos = float(st.sims[i] @ st.sims[j])
        topic = f"on the same topic as {st.label(j)} ({cos:.2f})" if cos >= 0.3 else ""
        s["similarity"] = _Signal(w.similarity * sim_rel, topic)
        if j > 0 and cos < w.unrelated_below:
            s["unrelated"] = _Signal(w.unrelated)
    return s, spans


def _signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights, sim_rel: float | None,
             window: int) -> tuple[dict[str, _Signal], list[Span]]:
    """Every signal for "comment i replies to candidate j", and the echoed spans."""
    s = _root_signals(cue, w) if j == 0 else _comment_signals(st, i, j, cue, w, window)
    content, spans = _content_signals(st, i, j, w, sim_rel)
    if "same_author" in s:          # one's own wording is no evidence of answering oneself
        content = {k: _Signal(v.points * w.own_words, v.phrase) for k, v in content.items()}
    return s | content, spans


def _why(st: _Thread, best: int, second: int | None, sig: dict[str, dict[str, _Signal]]) -> str:
    """The signals that put ``best`` ahead of the runner-up, in plain words."""
    mine = sig[best]
    other = sig[second] if second is not None else {}
    lead = sorted(((s.points - other.get(k, _Signal(0.0)).points, s.points, s.phrase)
                   for k, s in mine.items()), reverse=True)
    phrases = [p for d, _, p in lead if p and d >= 0.3][:3]
    if not phrases:
        phrases = [p for _, pts, p in lead if p and pts > 0][:2]
    if not phrases:
        phrases = ["no earlier comment it clearly answers" if best == 0 else "nearest plausible earlier comment"]
    return "; ".join(phrases)


def _sim_rel(st: _Thread, i: int, cands: list[int]) -> dict[int, float] | None:
    """Cosine of comment i with each candidate minus their mean (None without vectors)."""
    if st.sims is None or not st.sims[i].any():
        return None
    cos = st.sims[cands] @ st.sims[i]
    mean = float(cos.mean())
    return {j: float(x) - mean for j, x in zip(cands, cos, strict=True)}


def _decide(st: _Thread, i: int, w: Weights, window: int) -> tuple[int, float, str, list[Span]]:
    """Pick comment i's parent: (position, confidence, why, echoed spans of the parent)."""
    cue = _cue(st, i, window)
    cands = _candidates(st, i, list(cue.addressed), w, window)
    page_reply = bool(st.comments[i].meta.get("page_reply")) and len(cands) > 1
    if page_reply:  # the page marked it a reply ('parent' link): not a new top-level point
        cands = [j for j in cands if j != 0]
    if cands == [0] and i == 1:
        return 0, 1.0, "the first comment: only the article comes before it", []
    rel = _sim_rel(st, i, cands)
    sig, spans = {}, {}
    for j in cands:
        sig[j], spans[j] = _signals(st, i, j, cue, w, None if rel is None else rel[j], window)
    total = {j: sum(s.points for s in sig[j].values()) for j in cands}
    ranked = sorted(cands, key=lambda j: (-total[j], -j))
    best, second = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    margin = total[best] - total[second] if second is not None else 4 * w.temperature
    conf = 1 / (1 + math.exp(-margin / w.temperature))
    why = _why(st, best, second, sig)
    if page_reply:
        why += "; the page marks it a reply"
    if st.comments[i].empty:
        conf, why = min(conf, 0.5), "no text to go on; " + why
    if conf < 0.6 and second is not None:
        why += f"; close call with {st.label(second)}"
    return best, round(conf, 3), why, spans[best]


def _quotes(st: _Thread, i: int, j: int, spans: list[Span]) -> tuple[Quote, ...]:
    """Quote records for verbatim runs of several words taken from the parent."""
    c = st.comments[i]
    new = []
    for sp in spans:
        overlaps = any(q.start < sp.a_end and sp.a_start < q.end for q in c.quotes)
        if sp.n_words >= 4 and sp.n_content >= 2 and not overlaps:
            new.append(Quote(sp.a_start, sp.a_end, st.comments[j].id,
                             f"repeats {sp.n_words} words of {st.label(j)}"))
    return c.quotes + tuple(sorted(new, key=lambda q: q.start))


def _register(st: _Thread, i: int, parent: int | None, window: int) -> None:
    """Make comment i a candidate for later comments."""
    c = st.comments[i]
    if parent is not None:
        st.parent[i] = parent
    if i in st.parent:
        st.answered.add((c.author, st.parent[i]))
    if i > 0:
        st.speaks_to[i] = set(_cue(st, i, window).addressed)
        st.by_author[c.author].append(i)
    st.book.add(c.author)
    st.index.add(i, st.words[i])


def _infer_one(st: _Thread, i: int, w: Weights, settings: Settings) -> Comment:
    """Comment i with its inferred parent link and any quotes of the parent."""
    c = st.comments[i]
    j, conf, why, spans = _decide(st, i, w, settings.candidate_window)
    if conf < settings.min_parent_confidence:
        why = "low confidence: " + why
    st.parent[i] = j
    return replace(c, parent_id=st.comments[j].id, parent=ParentLink("inferred", conf, why),
                   quotes=_quotes(st, i, j, spans))


def reconstruct(amap: ArgumentMap, *, settings: Settings = DEFAULT, weights: Weights = WEIGHTS
                ) -> ArgumentMap:
    """Infer the parent of every comment whose link is ``inferred`` (see module docstring).

    Args:
        amap: the map; ``vectors.comments`` (and ``vectors.units`` with ``units``)
            are used when present.
        settings: ``reconstruct`` (off: input returned unchanged), ``candidate_window``,
            ``min_parent_confidence`` (links below it say "low confidence").
        weights: score points per signal.

    Returns:
        A new map whose thread has the inferred parents, confidences, reasons and quotes.
    """
    thread = amap.thread
    todo = [c.parent is not None and c.parent.source == "inferred" for c in thread.comments]
    if not settings.reconstruct or not any(todo):
        return _with_copies(amap)
    ws = [words(c.text) for c in thread.comments]
    st = _Thread(thread.comments, ws, DocFreq(ws), _similarity_matrix(amap), _unit_vectors(amap))
    pos = {c.id: k for k, c in enumerate(thread.comments)}
    out = list(thread.comments)
    for i, c in enumerate(thread.comments):
        if i > 0 and todo[i]:
            out[i] = _infer_one(st, i, weights, settings)
            _register(st, i, None, settings.candidate_window)
        else:
            _register(st, i, pos.get(c.parent_id) if c.parent_id else None, settings.candidate_window)
    # the copies found here are quoted text: units inside them are marked once, now
    return _with_copies(replace(amap, thread=replace(thread, comments=tuple(out)),
                                units=mark_quoted(amap.units, out)))


def _with_copies(amap: ArgumentMap) -> ArgumentMap:
    """The map with verbatim copies of any earlier comment recorded as quotes and their units
    marked quoted (:func:`argmap.copies.add_copies`)."""
    comments = add_copies(amap.thread.comments)
    if all(a is b for a, b in zip(comments, amap.thread.comments, strict=True)):
        return amap
    return replace(amap, thread=replace(amap.thread, comments=tuple(comments)),
                   units=mark_quoted(amap.units, comments))
