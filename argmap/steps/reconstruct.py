"""Infer each comment's parent where the page lost it (flat page copies).

Requires: ``thread`` (comments in page order). Uses when present:
``vectors.comments`` (unit-normalised rows in ``thread.comments`` order) for
topical similarity, and ``units`` with ``vectors.units`` to find a sentence the
comment restates. Assigns: ``parent_id`` and ``parent`` (``ParentLink("inferred",
confidence, why)``) of every comment whose ``parent.source == "inferred"``, and
``Quote`` records where a comment repeats four or more words of its parent, and marks
the units inside those copies ``quoted`` (once, here: no later step re-marks them).
Explicit, orphan and root links are never changed.

Comments are visited in page order. The candidates for comment *i* are the root (or,
under a bare title, the opening post), the ``settings.candidate_window`` comments before
it, the latest comments of anyone it addresses by name, and earlier comments the echo
n-gram index finds; the work per comment is bounded, so a thread costs linear time. Each
candidate's score is the trained :class:`Scorer`'s logit over these signals (:data:`FEATURES`):
the hand-set points of :class:`Weights` enter as one input, and the rest have their own
weights, learned on real Reddit trees:

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
- the root: a comment that speaks to no one and echoes no one starts a new point;
- learned: verbatim copies (five words or more) of the candidate's own words, of words it
  quoted itself (against), a copy opening the comment, the comment just before when the
  comment copies, names and answers no one, and the time gap when the page shows times;
- a flat forum page (:func:`forum_share`: many posts open with a copy of what they answer):
  there a post that copies no one answers the latest post, who replied to whom counts less,
  and a copy of words the candidate itself quoted counts less against it. Reddit trees cannot
  teach this (they are threaded), so these three weights and the forum pages' temperature are
  picked on half of the measure-only forum threads (``train/train_reconstruct.py``).

The best candidate wins; its confidence is ``sigmoid(margin / temperature)`` of its
lead over the runner-up (0.5 for a tie; the temperature fitted so that it is calibrated: on
Reddit trees, and on flat forum pages a temperature of their own),
and ``why`` names the signals that put it ahead, adding "close call with #k" below
``settings.low_link_confidence`` (0.6, where the moderator queue starts).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

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
from ..quoting import mark_quoted, quote_lead
from ..settings import DEFAULT, Settings


@dataclass(frozen=True)
class Weights:
    """Hand-set points of the signals that read names, the exchange and wording (tuned by reading
    the seed thread; see docs/reconstruction.md), and the bounds of the candidate set. Their
    total is one input of the trained :class:`Scorer`, which learns how far to trust it."""

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
    root: float = 0.6             # the opening post's base score (a new top-level point)
    responds: float = -1.2        # the comment speaks to someone: the opening post is less likely
    index_candidates: int = 8     # echo-index lookups added to the window
    per_addressee: int = 3        # latest comments of each addressed author added
    copy_words: int = 5           # a shared run this long is a verbatim copy, not just an echo


# The trained model's inputs, in the order of the head's weights: the hand-set points of
# :class:`Weights` summed into one input ("hand"), and the signals whose weight is learned
# from real threads (values on a 0..1 scale unless noted).
FEATURES = (
    "hand",             # sum of the hand-set signal points (names, exchange, echo, topic, order)
    "previous",         # j is the comment just before
    "latest_of_author",  # j is its author's latest comment so far
    "talked_before",    # i's author replied to j's author before (conversations alternate)
    "copy",             # verbatim copy of j's own words: log(1 + words) / log(41), at most 1
    "copy_quoted",      # verbatim copy of words j itself copied from someone else
    "copy_opens",       # the copy of j opens comment i (forum-style quoting)
    "time_gap",         # log(1 + minutes between j and i) / 10, when the page shows both times
    "previous_lone",    # j is the comment just before, and i copies, names and answers no one
    "opening_lone",     # j is the opening post, and i copies, names and answers no one
    "forum_previous",   # on a flat forum page, j is the latest post and i copies no one (0..1)
    "forum_continues",  # on a flat forum page, "continues" (0..1)
    "forum_quoted",     # on a flat forum page, "copy_quoted" (its value times the page's forum share)
    "forum_own",        # on a flat forum page, "forum_previous" where the latest post is i's author's own
)
# Copies are evidence about the other comment's words, never scaled as one's own wording.
COPY_SIGNALS = frozenset({"copy", "copy_quoted", "copy_opens"})
LEARNED = frozenset(FEATURES[1:])


@dataclass(frozen=True)
class Scorer:
    """Coefficients of the trained conditional-logit model over :data:`FEATURES`.

    A candidate's logit is ``coef["hand"] * (hand points) + sum(coef[f] * value[f])`` over
    the learned features; the best candidate wins, and its confidence is
    ``sigmoid(lead over the runner-up / temperature)``, the temperature fitted on held-out
    training threads so that the confidence is the chance the link is right.
    """

    coef: dict[str, float]
    temperature: float = 1.0
    forum_temperature: float | None = None   # on a flat forum page (None: ``temperature``)
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def temperature_on(self, forum: float) -> float:
        """The temperature on a page read as a flat forum to degree ``forum`` (0..1)."""
        if self.forum_temperature is None or forum <= 0:
            return self.temperature
        return (1 - forum) * self.temperature + forum * self.forum_temperature

    def points(self, name: str, value: float) -> float:
        """A signal's contribution to the logit (hand signals carry their points as value)."""
        return self.coef.get(name if name in LEARNED else "hand", 0.0) * value


def load_scorer(path: str | None = None) -> Scorer:
    """The shipped scorer (``argmap/data/reconstruct_head.npz``, written by
    ``train/train_reconstruct.py``) or the head at ``path``."""
    from ..heads import load_head
    head = load_head(path or "reconstruct_head")
    if head.features != FEATURES:
        raise ValueError(f"reconstruct head features {head.features} do not match this code's {FEATURES}; "
                         "re-run train/train_reconstruct.py")
    w = head.arrays["W"][:, 0]
    return Scorer({f: float(x) for f, x in zip(FEATURES, w, strict=True)},
                  float(head.meta.get("temperature", 1.0)),
                  head.meta.get("forum", {}).get("temperature"), head.meta)


WEIGHTS = Weights()
_SCORER: list[Scorer] = []


def default_scorer() -> Scorer:
    """The shipped scorer, loaded once."""
    if not _SCORER:
        _SCORER.append(load_scorer())
    return _SCORER[0]


@dataclass
class _Thread:
    """Per-thread state built as comments are visited in page order."""

    comments: tuple[Comment, ...]
    words: list[Words]
    df: DocFreq
    sims: np.ndarray | None
    units: dict[int, tuple[np.ndarray, list[str]]] = field(default_factory=dict)  # unit vectors, texts
    times: list[float | None] = field(default_factory=list)   # seconds, one clock per page
    book: NameBook = field(default_factory=NameBook)
    index: NgramIndex = field(default_factory=NgramIndex)
    by_author: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    parent: dict[int, int] = field(default_factory=dict)       # position -> parent position
    speaks_to: dict[int, set[str]] = field(default_factory=dict)
    answered: set[tuple[str, int]] = field(default_factory=set)  # (author, position replied to)
    pairs: set[tuple[str, str]] = field(default_factory=set)     # (author, author they replied to)
    borrowed: dict[int, set[int]] = field(default_factory=dict)  # token positions copied from earlier
    cues: dict[int, _Cue] = field(default_factory=dict)
    questions: dict[int, tuple[str, ...]] = field(default_factory=dict)
    forum: float = 0.0   # how much the page reads as a flat forum (forum_share)
    lead: list[int] = field(default_factory=list)   # words of the quote-box lines opening each comment

    @property
    def opening(self) -> int:
        """The opening post: the article, or the first comment under a bare title (a forum page)."""
        return 1 if not self.comments[0].text.strip() and len(self.comments) > 1 else 0

    def label(self, j: int) -> str:
        return "the article" if j == 0 else f"#{self.comments[j].index}"


@dataclass(frozen=True)
class _Signal:
    value: float
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


_REL = re.compile(r"(?:about |over |almost |nearly )?(\d+|an?|one|a few)\s*(sec|second|min|minute|hr|hour|day|week|wk"
                  r"|month|mo|year|yr|s|m|h|d|w|y)s?\.?(?: ago)?", re.IGNORECASE)
_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hr": 3600,
            "hour": 3600, "d": 86400, "day": 86400, "w": 604800, "wk": 604800, "week": 604800,
            "mo": 2592000, "month": 2592000, "y": 31536000, "yr": 31536000, "year": 31536000}
_ABSOLUTE = ("%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d %H:%M",
             "%Y-%m-%d", "%m/%d/%Y %I:%M %p", "%m/%d/%Y",
             "%m-%d-%Y, %I:%M %p", "%m-%d-%Y %I:%M %p",   # vBulletin post bars: "04-14-2007, 10:02 AM"
             "%a %b %d, %Y %I:%M %p", "%a %b %d, %Y %H:%M")   # phpBB: "Sat Apr 14, 2007 02:32 pm"


def page_time(when: str | None) -> float | None:
    """Seconds on the page's clock for a time a page shows: an absolute date (seconds since
    1970), or a relative one ("3 hours ago", "3h": minus the seconds ago); None if unknown.

    >>> page_time("3 hours ago"), page_time("2d"), page_time("March 3, 2017 at 9:05 am") > 0
    (-10800.0, -172800.0, True)
    """
    if not when:
        return None
    s = when.strip().lower().replace(" at ", " ").replace("@", "").replace(".", "")
    s = re.sub(r"^(?:posted|edited|updated)\s+(?:on\s+)?|\s*\(edited\)$", "", s).strip()
    if s in ("just now", "moments ago", "moment ago", "today"):
        return 0.0
    if s == "yesterday":
        return -86400.0
    m = _REL.fullmatch(s)
    if m:
        n = m.group(1)
        count = float(n) if n.isdigit() else 3.0 if n == "a few" else 1.0
        return -count * _SECONDS[m.group(2).lower()]
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s).replace("am", "AM").replace("pm", "PM")
    for fmt in _ABSOLUTE:
        try:
            return datetime.strptime(s, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


def _opening_signals(st: _Thread, j: int, cue: _Cue, w: Weights) -> dict[str, _Signal]:
    """The opening post: a new point on the article, unless the comment speaks to someone."""
    if j != st.opening:
        return {}
    s = {"opening": _Signal(w.root, "starts a new point on " + ("the article" if j == 0 else "the opening post"))}
    if cue.responds:
        s["opening_responds"] = _Signal(w.responds)
    return s


def _exchange_signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights) -> dict[str, _Signal]:
    """Signals from who speaks to whom: addressing, mention, the ongoing conversation."""
    c, cj = st.comments[i], st.comments[j]
    s: dict[str, _Signal] = {}
    m = cue.addressed.get(cj.author)
    if m is not None:
        s["address"] = _Signal(w.address * m.score * m.vocative_score,
                               f"quotes {m.author} ('{m.quoting}')" if m.quoting else f"addresses '{m.text}' by name")
    elif cj.author in cue.mentioned:
        s["mention"] = _Signal(w.mention)
    pj = st.parent.get(j)
    if c.author and c.author in st.speaks_to.get(j, ()):
        s["addressed_by"] = _Signal(w.addressed_by, f"{cj.author} addressed {c.author} by name there")
    elif c.author and pj is not None and st.comments[pj].author == c.author:
        s["continues"] = _Signal(w.continues, f"continues the exchange ({st.label(j)} replied to {c.author})")
    if c.author and cj.author == c.author:
        s["same_author"] = _Signal(w.same_author)
    elif c.author and cj.author and (c.author, cj.author) in st.pairs:
        s["talked_before"] = _Signal(1.0, f"{c.author} has answered {cj.author} before")
    if (c.author, j) in st.answered:
        s["answered"] = _Signal(w.answered)
    return s


def _comment_signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights, window: int) -> dict[str, _Signal]:
    """Signals for an earlier comment j: distance, the exchange, an answered question.

    Beyond the window the distance counts as the window's: a comment found there by
    name or echo earned its place.
    """
    c, cj = st.comments[i], st.comments[j]
    gap = min(i - j - 1, window)
    s = {"recency": _Signal(-w.recency * math.log2(1 + gap))}
    if gap == 0:
        s["previous"] = _Signal(1.0, "the comment just before")
    if st.by_author.get(cj.author, [None])[-1] == j:
        s["latest_of_author"] = _Signal(1.0)
    s.update(_exchange_signals(st, i, j, cue, w))
    if cj.empty:
        s["empty"] = _Signal(w.empty_candidate)
    if j not in st.questions:
        st.questions[j] = tuple(question_kinds(cj.text))
    qa, opening = answer_to(st.questions[j], c.text)
    if qa:
        s["answer"] = _Signal(w.answer * qa, f"'{opening}' answers a question in {st.label(j)}")
    ti, tj = st.times[i], st.times[j]
    if ti is not None and tj is not None:
        s["time_gap"] = _Signal(math.log1p(max(0.0, ti - tj) / 60) / 10)
    return s


def _copies(st: _Thread, i: int, j: int, spans: list[Span], w: Weights) -> dict[str, _Signal]:
    """Verbatim copies of candidate j: runs of ``w.copy_words`` words or more.

    A run of j's own words is strong evidence that comment i answers j; a run j itself
    copied from an earlier comment (a quote of a quote) is weaker, as i may answer the
    comment j quoted. Copies that open comment i are the forum way of quoting."""
    own, quoted, opens = [], [], False
    mine = st.borrowed.get(j, set())
    for sp in spans:
        if sp.n_words < w.copy_words or sp.n_content < 2:
            continue
        if sum(k in mine for k in range(sp.b_i, sp.b_i + sp.n_words)) * 2 > sp.n_words:
            quoted.append(sp)
        else:
            own.append(sp)
            opens = opens or sp.a_i - st.lead[i] <= 2
    s: dict[str, _Signal] = {}
    if own:
        n = sum(sp.n_words for sp in own)
        what = (f"{len(own)} sentences" if len(own) > 1 else f"'{_short(own[0].text, 80)}'")
        s["copy"] = _Signal(min(1.0, math.log1p(n) / math.log(41)), f"copies {what} of {st.label(j)} ({n} words)")
        if opens:
            s["copy_opens"] = _Signal(1.0)
    if quoted:
        n = sum(sp.n_words for sp in quoted)
        s["copy_quoted"] = _Signal(min(1.0, math.log1p(n) / math.log(41)),
                                   f"copies words {st.label(j)} quoted ({n} words)")
    return s


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 3].rstrip() + "..."


def _content_signals(st: _Thread, i: int, j: int, w: Weights, sim_rel: float | None
                     ) -> tuple[dict[str, _Signal], list[Span]]:
    """What the texts share: verbatim copies, echoed wording, a restated sentence, the topic."""
    s: dict[str, _Signal] = {}
    raw, phrase, spans = _echo(st, i, j)
    if raw > 0:
        scale = w.echo if j > 0 else w.echo * w.article_echo
        s["echo"] = _Signal(scale * (1 - math.exp(-raw / 2.0)), f"{phrase} from {st.label(j)}")
    s.update(_copies(st, i, j, spans, w))
    if "copy" in s and "echo" in s:   # the echo of copied words is the copy: say so once
        s["echo"], s["copy"] = _Signal(s["echo"].value, s["copy"].phrase), _Signal(s["copy"].value)
    best, unit = _paraphrase(st, i, j) if j > 0 else (0.0, "")
    if best > w.paraphrase_floor:
        s["paraphrase"] = _Signal(w.paraphrase * (best - w.paraphrase_floor),
                                  f"restates '{_short(unit, 50)}' from {st.label(j)} ({best:.2f})")
    if sim_rel is not None:
        cos = float(st.sims[i] @ st.sims[j])
        topic = f"on the same topic as {st.label(j)} ({cos:.2f})" if cos >= 0.3 else ""
        s["similarity"] = _Signal(w.similarity * sim_rel, topic)
        if j > 0 and cos < w.unrelated_below:
            s["unrelated"] = _Signal(w.unrelated)
    return s, spans


def _signals(st: _Thread, i: int, j: int, cue: _Cue, w: Weights, sim_rel: float | None,
             window: int) -> tuple[dict[str, _Signal], list[Span]]:
    """Every feature of "comment i replies to candidate j", and the echoed spans."""
    s = _opening_signals(st, j, cue, w)
    if j > 0:
        s.update(_comment_signals(st, i, j, cue, w, window))
    content, spans = _content_signals(st, i, j, w, sim_rel)
    if "same_author" in s:   # one's own wording is no evidence of answering oneself
        content = {k: _Signal(v.value * w.own_words, v.phrase) for k, v in content.items()
                   if k not in COPY_SIGNALS}
    return s | content, spans


def _why(st: _Thread, best: int, second: int | None, sig: dict[str, dict[str, _Signal]],
         scorer: Scorer) -> str:
    """The signals that put ``best`` ahead of the runner-up, in plain words."""
    mine = sig[best]
    other = sig[second] if second is not None else {}
    lead = sorted(((scorer.points(k, s.value) - scorer.points(k, other[k].value if k in other else 0.0),
                    scorer.points(k, s.value), s.phrase) for k, s in mine.items()), reverse=True)
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


@dataclass(frozen=True)
class _Decision:
    parent: int
    confidence: float
    why: str
    spans: list[Span]
    candidates: list[int]
    signals: dict[int, dict[str, _Signal]]


def _candidate_set(st: _Thread, i: int, cue: _Cue, w: Weights, window: int) -> list[int]:
    cands = _candidates(st, i, list(cue.addressed), w, window)
    if st.opening == 1 and i > 1:      # a bare title is no parent; the opening post always is a candidate
        cands = sorted(set(cands) - {0} | {1})
    if bool(st.comments[i].meta.get("page_reply")) and len(cands) > 1:
        cands = [j for j in cands if j != 0]   # the page marked it a reply: not a new top-level point
    return cands


def _decide(st: _Thread, i: int, w: Weights, scorer: Scorer, settings: Settings) -> _Decision:
    """Pick comment i's parent: the most probable candidate under the trained scorer."""
    window = settings.candidate_window
    cue = _cue(st, i, window)
    cands = _candidate_set(st, i, cue, w, window)
    rel = _sim_rel(st, i, cands)
    sig, spans = {}, {}
    for j in cands:
        sig[j], spans[j] = _signals(st, i, j, cue, w, None if rel is None else rel[j], window)
    _note_borrowed(st, i, spans, w)
    if not cue.addressed and not any(k in sig[j] for j in cands for k in ("copy", "copy_quoted", "answer")):
        for j in cands:   # nothing points anywhere: the page's order and the opening post decide
            if j == i - 1:
                sig[j]["previous_lone"] = _Signal(1.0)
            if j == st.opening:
                sig[j]["opening_lone"] = _Signal(1.0)
    _forum_signals(st, i, cands, sig)
    if cands == [0] and i == 1:
        return _Decision(0, 1.0, "the first comment: only the article comes before it", [], cands, sig)
    logit = np.array([sum(scorer.points(k, s.value) for k, s in sig[j].items()) for j in cands])
    ranked = sorted(range(len(cands)), key=lambda k: (-logit[k], -cands[k]))
    best, second = cands[ranked[0]], (cands[ranked[1]] if len(ranked) > 1 else None)
    margin = float(logit[ranked[0]] - logit[ranked[1]]) if second is not None else 4.0
    conf = 1 / (1 + math.exp(-margin / scorer.temperature_on(st.forum)))
    why = _why(st, best, second, sig, scorer)
    if st.comments[i].meta.get("page_reply") and 0 not in cands:
        why += "; the page marks it a reply"
    if st.comments[i].empty:
        conf, why = min(conf, 0.5), "no text to go on; " + why
    if conf < settings.low_link_confidence and second is not None:
        why += f"; close call with {st.label(second)}"
    return _Decision(best, round(conf, 3), why, spans[best], cands, sig)


def lead_words(comments: tuple[Comment, ...], ws: list[Words]) -> list[int]:
    """Per comment, how many of its words are quote-box lines that open it ("Quote:", "Originally
    Posted by ann": :func:`argmap.quoting.quote_lead`); a copy right after them opens it."""
    out = []
    for c, wd in zip(comments, ws, strict=True):
        end = quote_lead(c.text) if c.text[:1] else 0
        out.append(sum(t.start < end for t in wd.tokens) if end else 0)
    return out


def forum_share(comments: tuple[Comment, ...], ws: list[Words], opening: int, w: Weights = WEIGHTS,
                lead: list[int] | None = None) -> float:
    """How much the page reads as a flat forum (0..1): the share of its comments after the opening
    post that open with a verbatim copy (``w.copy_words`` words or more) of an earlier comment
    (after any quote-box lines, :func:`lead_words`), forum-style quoting, ramped from ``FORUM_SHARE`` (0 at or below it) to one over ``FORUM_RAMP``;
    0 on pages of fewer than ``FORUM_MIN`` such comments. One pass with a bounded echo index:
    linear in the page.

    Threaded pages copied flat (Reddit trees, news comments) rarely open a reply with a copy: a
    median 0.11-0.12 of the comments of r/changemyview pages (0.30-0.38 at the 90th percentile),
    none on the bundled sample threads but the seed's 0.04; on flat debate-forum pages (4forums)
    a median 0.65 (0.39 at the 10th percentile).
    """
    todo = {i for i in range(opening + 1, len(comments)) if not comments[i].empty}
    if len(todo) < FORUM_MIN:
        return 0.0
    lead = lead or lead_words(comments, ws)
    index, opened = NgramIndex(max_postings=16), 0
    for i in range(len(comments)):
        if i in todo:
            opened += any(sp.a_i - lead[i] <= 2 for j, _ in index.candidates(ws[i], limit=5)
                          for sp in common_spans(ws[i], ws[j], min_words=w.copy_words, min_content=2))
        index.add(i, ws[i])
    return min(1.0, max(0.0, (opened / len(todo) - FORUM_SHARE) / FORUM_RAMP))


FORUM_SHARE, FORUM_RAMP, FORUM_MIN = 0.3, 0.2, 5


_QUOTE_VALUE = math.log1p(8) / math.log(41)   # a copy of eight words or more


def _quotes(s: dict[str, _Signal]) -> bool:
    """Comment i quotes candidate j as a forum post quotes: a copy that opens it, or eight words."""
    return "copy_opens" in s or any(k in s and s[k].value >= _QUOTE_VALUE for k in ("copy", "copy_quoted"))


def _forum_signals(st: _Thread, i: int, cands: list[int], sig: dict[int, dict[str, _Signal]]) -> None:
    """On a flat forum page (:func:`forum_share`) a post answers what it quotes; one that quotes no
    one answers the latest post, and who replied to whom says less than on a threaded page."""
    f = st.forum
    if f <= 0:
        return
    if i - 1 in sig and not any(_quotes(sig[j]) for j in cands):
        own = "same_author" in sig[i - 1]   # a second post in a row goes on from the first
        sig[i - 1]["forum_previous"] = _Signal(f, "" if own else "quotes no one: on a forum page that "
                                                                  "answers the latest post")
        if own:
            sig[i - 1]["forum_own"] = _Signal(f, "quotes no one: on a forum page that goes on from "
                                                 "the author's own latest post")
    for j in cands:
        if "continues" in sig[j]:
            sig[j]["forum_continues"] = _Signal(f)
        if "copy_quoted" in sig[j]:
            sig[j]["forum_quoted"] = _Signal(f * sig[j]["copy_quoted"].value)


def _note_borrowed(st: _Thread, i: int, spans: dict[int, list[Span]], w: Weights) -> None:
    """Remember which words of comment i are copies of earlier comments (quotes of quotes)."""
    st.borrowed[i] = {k for sp in (x for ss in spans.values() for x in ss)
                      if sp.n_words >= w.copy_words for k in range(sp.a_i, sp.a_i + sp.n_words)}


def _register(st: _Thread, i: int, parent: int | None, window: int) -> None:
    """Make comment i a candidate for later comments."""
    c = st.comments[i]
    if parent is not None:
        st.parent[i] = parent
    if i in st.parent:
        st.answered.add((c.author, st.parent[i]))
        pa = st.comments[st.parent[i]].author
        if st.parent[i] > 0 and pa and c.author and pa != c.author:
            st.pairs.add((c.author, pa))
    if i > 0:
        st.speaks_to[i] = set(_cue(st, i, window).addressed)
        st.by_author[c.author].append(i)
    st.book.add(c.author)
    st.index.add(i, st.words[i])


def _start(amap: ArgumentMap) -> _Thread:
    thread = amap.thread
    ws = [words(c.text) for c in thread.comments]
    st = _Thread(thread.comments, ws, DocFreq(ws), _similarity_matrix(amap), _unit_vectors(amap))
    st.times = [page_time(str(c.meta.get("time") or "")) for c in thread.comments]
    st.lead = lead_words(thread.comments, ws)
    st.forum = forum_share(thread.comments, ws, st.opening, lead=st.lead)
    return st


def _walk(amap: ArgumentMap, settings: Settings, weights: Weights, scorer: Scorer,
          gold: dict[int, int] | None = None):
    """Visit the comments in page order; yield ``(position, decision)`` for each inferred one.
    With ``gold`` (position -> true parent position) the history later comments see is the
    true tree (for training), else the decisions made."""
    thread = amap.thread
    st = _start(amap)
    todo = [c.parent is not None and c.parent.source == "inferred" for c in thread.comments]
    pos = {c.id: k for k, c in enumerate(thread.comments)}
    window = settings.candidate_window
    for i, c in enumerate(thread.comments):
        if i > 0 and todo[i]:
            d = _decide(st, i, weights, scorer, settings)
            yield i, d
            _register(st, i, gold.get(i, d.parent) if gold else d.parent, window)
        else:
            _register(st, i, pos.get(c.parent_id) if c.parent_id else None, window)


def candidate_features(amap: ArgumentMap, *, settings: Settings = DEFAULT, weights: Weights = WEIGHTS,
                       scorer: Scorer | None = None, gold: dict[int, int] | None = None
                       ) -> list[tuple[int, list[int], np.ndarray]]:
    """For training: ``(position, candidate positions, feature matrix)`` per inferred comment
    (rows follow :data:`FEATURES`)."""
    out = []
    for i, d in _walk(amap, settings, weights, scorer or default_scorer(), gold):
        X = np.array([[sum(v.value for k, v in d.signals[j].items() if k not in LEARNED)]
                      + [d.signals[j][f].value if f in d.signals[j] else 0.0 for f in FEATURES[1:]]
                      for j in d.candidates], dtype="float64")
        out.append((i, d.candidates, X))
    return out


def reconstruct(amap: ArgumentMap, *, settings: Settings = DEFAULT, weights: Weights = WEIGHTS,
                scorer: Scorer | None = None) -> ArgumentMap:
    """Infer the parent of every comment whose link is ``inferred`` (see module docstring).

    Args:
        amap: the map; ``vectors.comments`` (and ``vectors.units`` with ``units``)
            are used when present.
        settings: ``reconstruct`` (off: input returned unchanged), ``candidate_window``,
            ``min_parent_confidence`` (links below it say "low confidence"),
            ``low_link_confidence`` (links below it say "close call with #k").
        weights: bounds of the candidate set.
        scorer: the trained model (default: the shipped ``reconstruct_head.npz``).

    Returns:
        A new map whose thread has the inferred parents, confidences, reasons and quotes.
    """
    thread = amap.thread
    if not settings.reconstruct or not any(c.parent is not None and c.parent.source == "inferred"
                                           for c in thread.comments):
        return _with_copies(amap)
    out = list(thread.comments)
    st_comments = thread.comments
    for i, d in _walk(amap, settings, weights, scorer or default_scorer()):
        c = st_comments[i]
        why = ("low confidence: " if d.confidence < settings.min_parent_confidence else "") + d.why
        quotes = _quotes_for(st_comments, i, d)
        out[i] = replace(c, parent_id=st_comments[d.parent].id, parent=ParentLink("inferred", d.confidence, why),
                         quotes=quotes)
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


def _quotes_for(comments: tuple[Comment, ...], i: int, d: _Decision) -> tuple[Quote, ...]:
    """Quote records for verbatim runs of several words taken from the chosen parent."""
    c, j = comments[i], d.parent
    label = "the article" if j == 0 else f"#{comments[j].index}"
    new = []
    for sp in d.spans:
        overlaps = any(q.start < sp.a_end and sp.a_start < q.end for q in c.quotes)
        if sp.n_words >= 4 and sp.n_content >= 2 and not overlaps:
            new.append(Quote(sp.a_start, sp.a_end, comments[j].id, f"repeats {sp.n_words} words of {label}"))
    return c.quotes + tuple(sorted(new, key=lambda q: q.start))
