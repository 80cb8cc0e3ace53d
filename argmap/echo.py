"""Echoed wording between texts: shared word n-grams, common word spans, an n-gram index.

A reply often repeats its parent's words ("most if not all US intelligence
agencies", "factual backup"). This module finds such echoes cheaply and
deterministically, with no model:

- :func:`words` turns a text into :class:`Words`: tokens with character offsets and
  a normalised *key* per token (lower case, contractions split, light suffix
  stripping so "writing"/"write" and "agencies"/"agency" meet).
- :func:`common_spans` lists maximal runs of equal keys shared by two texts;
  :func:`longest_common_span` is the longest of them; :func:`shared_ngrams` the
  shared key n-grams; :func:`shared_content_words` the shared non-stopword keys.
- :func:`polarity_flipped` tells a rebuttal echo: one text negates the shared span
  ("no factual backup" -> "as factual backup").
- :class:`DocFreq` counts in how many texts each key / bigram occurs, so a caller
  can tell a distinctive echo ("factual backup") from a common one ("the 2016 election");
  :func:`general_rarity` says how unusual a word is in everyday online argument.
- :class:`NgramIndex` maps content-bearing bigrams to the texts holding them, for
  finding echo candidates among thousands of texts without comparing all pairs.

Example:
    >>> a = words("No, most if not all US intelligence agencies have not.")
    >>> b = words("Most if not all US intelligence agencies have said Russia was involved.")
    >>> span = longest_common_span(a, b)
    >>> span.text, span.n_words
    ('most if not all US intelligence agencies have', 8)
    >>> a.text[span.a_start:span.a_end]
    'most if not all US intelligence agencies have'
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either else even ever every
few for from further get got had has have having he her here hers herself him himself his how i if
in into is it its itself just let like may me might more most much must my myself neither no nor not
now of off on once one only or other our ours ourselves out over own quite rather really said same
say says she should so some something such than that the their theirs them themselves then there
these they this those though through thus to too under until up upon us very was way we well were
what when where which while who whom whose why will with would yet you your yours yourself
yourselves yes oh ok okay re
""".split())

COMMON_WORDS_PATH = Path(__file__).resolve().parent / "data" / "common_words.tsv"

_BREAK = re.compile(r"[.!?;:…\n]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PRONOUN_IS = frozenset("he she it that what there here who where how this".split())
_CLITICS = {"re": "are", "m": "am", "ve": "have", "ll": "will", "d": "would"}


@lru_cache(maxsize=65536)
def is_content_key(key: str) -> bool:
    """True for a key that carries meaning: not a stopword, has a letter."""
    return key not in STOPWORDS and any(ch.isalpha() for ch in key)


@dataclass(frozen=True)
class Token:
    """One word: ``text`` as written, ``key`` normalised, ``start``/``end`` char offsets."""

    text: str
    key: str
    start: int
    end: int

    @property
    def content(self) -> bool:
        """True unless the key is a stopword or has no letter."""
        return is_content_key(self.key)


@dataclass(frozen=True)
class Words:
    """A text prepared for echo lookups (build with :func:`words`)."""

    text: str
    tokens: tuple[Token, ...]
    keys: tuple[str, ...] = field(repr=False)
    bigram_positions: dict[tuple[str, str], list[int]] = field(repr=False, compare=False)
    content: frozenset[str] = field(default=frozenset(), repr=False)
    breaks: tuple[bool, ...] = field(default=(), repr=False)   # sentence ends before token k

    @property
    def bigrams(self) -> set[tuple[str, str]]:
        """The distinct key bigrams of the text."""
        return set(self.bigram_positions)

    def content_keys(self) -> frozenset[str]:
        """The distinct non-stopword keys."""
        return self.content


@dataclass(frozen=True)
class Span:
    """A run of equal keys: tokens ``[a_i, a_i + n_words)`` of *a* and ``[b_i, ...)`` of *b*.

    ``a_start``/``a_end`` and ``b_start``/``b_end`` are character offsets; ``text``
    is the span as written in *a*; ``n_content`` counts its non-stopword words.
    """

    a_i: int
    b_i: int
    n_words: int
    n_content: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str
    keys: tuple[str, ...]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper ("agencies"->"agency", "writing"->"writ").

    >>> [stem(w) for w in ("agencies", "beliefs", "believes", "writing", "write", "quoted", "us")]
    ['agency', 'belief', 'belief', 'writ', 'writ', 'quot', 'us']
    """
    w = word.lower()
    if len(w) <= 3 or not w.isalpha() or w in STOPWORDS:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("iev"):                                # believe/belief, relieve/relief
        w = w[:-1] + "f"
    return w


def _split_token(raw: str, start: int) -> list[Token]:
    """One regex word -> tokens; contractions give two tokens sharing the offsets."""
    end = start + len(raw)
    norm = raw.lower().replace("’", "'")
    base, sep, clitic = norm.partition("'")
    if not sep:
        return [Token(raw, stem(norm), start, end)]
    if clitic == "t" and base.endswith("n"):            # don't, can't, won't
        head = {"wo": "will", "ca": "can", "sha": "shall"}.get(base[:-1], base[:-1])
        return [Token(raw, stem(head), start, end), Token(raw, "not", start, end)]
    if clitic in _CLITICS:                              # you're, I'm, we've
        return [Token(raw, base, start, end), Token(raw, _CLITICS[clitic], start, end)]
    if clitic == "s" and base in _PRONOUN_IS:           # he's, that's
        return [Token(raw, base, start, end), Token(raw, "is", start, end)]
    return [Token(raw, stem(base), start, end)]         # possessive 's, o'clock


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    """Tokenise ``text`` for echo lookups (memoised: every step that compares the same
    comment, thesis or parent shares one tokenisation; treat the result as read-only).

    >>> [t.key for t in words("He's writing. Don't!").tokens]
    ['he', 'is', 'writ', 'do', 'not']
    """
    toks: list[Token] = []
    for m in _WORD.finditer(text):
        toks.extend(_split_token(m.group(), m.start()))
    keys = tuple(t.key for t in toks)
    breaks = tuple(k > 0 and bool(_BREAK.search(text, toks[k - 1].end, t.start))
                   for k, t in enumerate(toks))
    pos: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in range(len(keys) - 1):
        if not breaks[i + 1]:                            # no echo across a sentence end
            pos[(keys[i], keys[i + 1])].append(i)
    content = frozenset(k for k in set(keys) if is_content_key(k))
    return Words(text, tuple(toks), keys, dict(pos), content, breaks)


def _as_words(x: Words | str) -> Words:
    return x if isinstance(x, Words) else words(x)


def shared_ngrams(a: Words | str, b: Words | str, n: int = 2) -> set[tuple[str, ...]]:
    """Key n-grams that occur in both texts.

    >>> sorted(shared_ngrams("the factual backup", "no factual backup at all", 2))
    [('factual', 'backup')]
    """
    ka, kb = _as_words(a).keys, _as_words(b).keys
    grams = {tuple(ka[i:i + n]) for i in range(len(ka) - n + 1)}
    return grams & {tuple(kb[i:i + n]) for i in range(len(kb) - n + 1)}


def shared_content_words(a: Words | str, b: Words | str) -> set[str]:
    """Non-stopword keys that occur in both texts."""
    return _as_words(a).content_keys() & _as_words(b).content_keys()


def _make_span(a: Words, b: Words, i: int, j: int, n: int) -> Span:
    ta, tb = a.tokens, b.tokens
    return Span(
        a_i=i, b_i=j, n_words=n, n_content=sum(t.content for t in ta[i:i + n]),
        a_start=ta[i].start, a_end=ta[i + n - 1].end,
        b_start=tb[j].start, b_end=tb[j + n - 1].end,
        text=a.text[ta[i].start:ta[i + n - 1].end], keys=a.keys[i:i + n],
    )


def _maximal_runs(a: Words, b: Words, max_hits: int) -> list[tuple[int, int, int]]:
    """(i, j, length) for every maximal equal-key run of >= 2 tokens."""
    ka, kb = a.keys, b.keys
    runs = []
    for i in range(len(ka) - 1):
        for j in b.bigram_positions.get((ka[i], ka[i + 1]), ())[:max_hits]:
            if i > 0 and j > 0 and ka[i - 1] == kb[j - 1] and not a.breaks[i] and not b.breaks[j]:
                continue                                 # not the start of a run
            n = 2
            while (i + n < len(ka) and j + n < len(kb) and ka[i + n] == kb[j + n]
                   and not a.breaks[i + n] and not b.breaks[j + n]):
                n += 1
            runs.append((i, j, n))
    return runs


def common_spans(a: Words | str, b: Words | str, *, min_words: int = 2, min_content: int = 1,
                 max_hits: int = 20) -> list[Span]:
    """Maximal shared word runs, longest first, not overlapping in *a*.

    Args:
        a, b: texts (or :class:`Words`); spans are reported with *a*'s wording.
        min_words: shortest run reported (at least 2).
        min_content: fewest non-stopword words a run must hold ("of the" is no echo).
        max_hits: per bigram, at most this many positions in *b* are tried (bounds
            the work on repetitive text).

    >>> [s.text for s in common_spans("It's not their beliefs.", "conform to their beliefs")]
    ['their beliefs']
    """
    a, b = _as_words(a), _as_words(b)
    if not (a.bigram_positions.keys() & b.bigram_positions.keys()):
        return []
    taken: set[int] = set()
    out = []
    for i, j, n in sorted(_maximal_runs(a, b, max_hits), key=lambda r: (-r[2], r[0])):
        if n < max(2, min_words) or taken.intersection(range(i, i + n)):
            continue
        span = _make_span(a, b, i, j, n)
        if span.n_content >= min_content:
            out.append(span)
            taken.update(range(i, i + n))
    return out


def longest_common_span(a: Words | str, b: Words | str, *, min_content: int = 1) -> Span | None:
    """The longest shared word run (with at least ``min_content`` content words), or None."""
    spans = common_spans(a, b, min_content=min_content)
    return spans[0] if spans else None


def content_bigrams(w: Words) -> set[tuple[str, str]]:
    """Bigrams of ``w`` with at least one content word (what the index stores)."""
    return {g for g in w.bigram_positions if is_content_key(g[0]) or is_content_key(g[1])}


class DocFreq:
    """Document frequencies of keys and content bigrams over a set of texts.

    ``rarity(item)`` is 1.0 for something found in at most two texts (one text and
    the one echoing it) and falls towards 0 as the item becomes common.

    >>> df = DocFreq([words(t) for t in ("a fine day", "fine weather", "a day off", "day one")])
    >>> df["day"], round(df.rarity("weather"), 2), round(df.rarity("day"), 2)
    (3, 1.0, 0.56)
    """

    def __init__(self, texts: Iterable[Words] = ()) -> None:
        self.counts: Counter[Hashable] = Counter()
        self.n_docs = 0
        for w in texts:
            self.add(w)

    def add(self, w: Words) -> None:
        """Count one more text."""
        self.n_docs += 1
        self.counts.update(w.content_keys())
        self.counts.update(content_bigrams(w))

    def __getitem__(self, item: Hashable) -> int:
        return self.counts.get(item, 0)

    def rarity(self, item: Hashable) -> float:
        """``log((N+1)/df) / log((N+1)/2)`` clipped to 0..1 (N texts, df occurrences)."""
        n = self.n_docs + 1
        df = max(2, self.counts.get(item, 0))
        if n <= 2:
            return 1.0
        return max(0.0, min(1.0, math.log(n / df) / math.log(n / 2)))


@lru_cache(maxsize=1)
def _common_words() -> tuple[dict[str, int], int]:
    """Key -> document frequency in everyday online argument (``bench/build_common_words.py``)."""
    try:
        lines = COMMON_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}, 0
    n_docs = int(lines[0].split("\t")[1])
    table = dict(line.split("\t") for line in lines if not line.startswith("#"))
    return {k: int(v) for k, v in table.items()}, n_docs


def general_rarity(key: str) -> float:
    """0..1: how unusual a word key is in everyday online argument (1.0 = rare or unknown).

    From the document frequencies in ``argmap/data/common_words.tsv``:
    ``log(N/(df+1)) / log(N/5)`` clipped to 0..1.

    >>> general_rarity("backup") > 0.9 > general_rarity("talk") > general_rarity("the")
    True
    """
    table, n = _common_words()
    df = table.get(key, 0)
    if not n or df < 5:
        return 1.0
    return max(0.0, min(1.0, math.log(n / (df + 1)) / math.log(n / 5)))


class NgramIndex:
    """Inverted index from content bigrams to the (most recent) texts holding them.

    Posting lists keep at most ``max_postings`` ids, newest last, so a lookup costs
    at most ``max_postings`` per bigram however many texts were added: finding echo
    candidates stays linear in the number of texts overall.

    >>> idx = NgramIndex()
    >>> idx.add("c1", words("I quoted the Mueller report as factual backup."))
    >>> idx.add("c2", words("Nothing in common here."))
    >>> idx.candidates(words("No factual backup at all."))
    [('c1', 1.0)]
    """

    def __init__(self, max_postings: int = 32) -> None:
        self.max_postings = max_postings
        self._postings: dict[tuple[str, str], deque] = {}

    def add(self, doc_id: Hashable, w: Words) -> None:
        """Index one text under ``doc_id``."""
        for g in content_bigrams(w):
            self._postings.setdefault(g, deque(maxlen=self.max_postings)).append(doc_id)

    def candidates(self, w: Words, *, limit: int = 10,
                   weight: dict | None = None) -> list[tuple[Hashable, float]]:
        """Indexed ids sharing content bigrams with ``w``, best first.

        Each shared bigram adds ``weight[g]`` (default 1.0) to the ids holding it;
        pass rarities (e.g. :meth:`DocFreq.rarity`) to favour distinctive wording.
        """
        scores: Counter[Hashable] = Counter()
        for g in content_bigrams(w):
            ids = self._postings.get(g)
            if ids:
                inc = 1.0 if weight is None else weight.get(g, 0.0)
                for doc_id in set(ids):
                    scores[doc_id] += inc
        return [(d, s) for d, s in scores.most_common(limit) if s > 0]


NEGATORS = frozenset("no not never nothing none nobody without little hardly neither nor".split())


def negated(w: Words, i: int, n: int, window: int = 3) -> bool:
    """True if a negator sits in the span ``[i, i + n)`` of ``w`` or in the ``window``
    tokens before it ("little to no factual backup", "have not")."""
    return any(k in NEGATORS for k in w.keys[max(0, i - window):i + n])


def polarity_flipped(a: Words, b: Words, span: Span) -> bool:
    """True when one text negates the shared span and the other does not: the
    mark of a rebuttal ("no factual backup" -> "as factual backup").

    >>> a, b = words("He quoted it as factual backup."), words("little to no factual backup")
    >>> polarity_flipped(a, b, common_spans(a, b)[0])
    True
    """
    return negated(a, span.a_i, span.n_words) != negated(b, span.b_i, span.n_words)


def span_summary(spans: Sequence[Span], limit: int = 2) -> str:
    """The longest spans quoted for a ``why``: ``"'factual backup', 'Mueller report'"``."""
    return ", ".join(f"'{s.text}'" for s in spans[:limit])
