"""The positions of a debate: the thread's claims grouped into the few points it turns on.

A *position* (a "key point", after Bar-Haim et al., ACL 2020) is a group of argued
points (:func:`argmap.summaries.points`) that say much the same thing, whoever says
them. The grouping is average-linkage agglomerative clustering of the points, scored pairwise
by a small head on their MiniLM vectors, centred on the thread's mean (:func:`centred`:
the topic every claim shares is taken out) (:class:`PairHead`: the probability that two
claims make the same point, trained on IBM ArgKP train pairs), cut where the groups'
mean score falls below ``settings.position_similarity``. The head and the threshold come
from the train split of IBM ArgKP (arguments grouped by the key point they make); the dev
split measures them (``bench/quality_positions.py``).

A sentence that cites a source *and* makes a point of its own (kind ``evidence``, in the
author's words: :func:`citing_points`, :func:`makes_claim`) is a member as well, and counts as
sourced (:func:`is_sourced`). A named source that two or more participants cite in their own
words is a position of its own (:func:`argued_sources`): the points that cite it or name it
argue over what it shows, whatever their vectors say.

Not every argued point is a member. A position is a point *about the debate's topic*, so
left out are questions, personal attacks (:func:`argmap.attack.find_patterns`), remarks
spoken to a participant ("you", :func:`argmap.attack.speaks_to_someone`) and asides off the
topic: a point whose MiniLM cosine to the topic vector (:func:`topic_vector`: the mean of
the article's units, or of all the points when the article has fewer than three) is under
:data:`TOPIC_MIN` (0.25; on IBM ArgKP train, 99.8% of arguments reach it against their own
topic's mean and 30% against another topic's, ``bench/quality_positions.py --topic``).

Each position carries:

* ``label``/``unit_id``: its representative claim, the member that :func:`stands_alone`
  (a full claim readable out of context: no opening connective or backward-pointing
  pronoun, not cut off, six words or more) closest to all the others and to the topic
  (most argued-over on a tie); a group with no such member is not shown;
* ``comments``/``participants``: its prevalence, how many comments and people make it;
* ``side``: ``for`` or ``against`` the thesis (the article's claims are ``for``; other
  claims take their comment's ``stance_to_root``), ``mixed`` when members disagree,
  ``unclear`` when no member has a side;
* ``sourced_share``: the share of its members whose status is ``sourced`` or
  ``sourced-and-contested``;
* ``rebuttal``: the strongest attack on it (a sourced attacker first, then the most
  confident), or None;
* ``confidence`` (the pair head's mean probability that the members make the
  representative's point) and ``why``.

Pure functions over numpy arrays and the map; :func:`positions` is the pipeline step
(it needs ``amap.vectors.units`` from :mod:`argmap.steps.embed`).

Example:
    >>> import numpy as np
    >>> v = np.array([[1, 0], [0.96, 0.28], [0, 1]], dtype="float32")
    >>> group(v, 0.8)
    [0, 0, 1]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .attack import find_patterns, speaks_to_someone
from .model import ArgumentMap, Position, Unit
from .settings import DEFAULT, Settings

SOURCED = ("sourced", "sourced-and-contested")
MIN_WORDS = 4  # "Thank you", "Quite odd…" are not positions


TOPIC_MIN = 0.25  # cosine to the topic vector below which a point is an aside (see the docstring)
TOPIC_WEIGHT = 0.5  # how much closeness to the topic counts, beside closeness to the members, for a label
LABEL_MIN_WORDS = 6
# A label must be read out of context: these opening words lean on an earlier sentence.
_LEANS_BACK = frozenset(
    "and but or so because since as which who whom whose that although though while whereas if unless then "
    "also nor yet for even plus furthermore moreover besides hence thus therefore it its it's they them their "
    "theirs he him his she her hers this these those".split())
# A question without its question mark: "Why not write something intelligent instead.", "How come nobody asks."
_ASKS = re.compile(r"^\W*(?:why|how come)\b", re.I)
# A quantifier standing for something named before ("Both are...", "Neither changed...", "Some were...").
_QUANTIFIERS = frozenset("both neither either each some many most all none few several others another one".split())
_AUX = frozenset("is are was were be been have has had do does did can could will would should may might must "
                 "isn't aren't wasn't weren't don't doesn't didn't won't".split())
_CUT_OFF = ("?", ",", ";", ":", "—", "–", "-", "…", "...", "(")
# A citation that makes no point of its own: a pointer to a source ("See this write-up (link).",
# "Read the report here", "Source: ...") or a credit line ("This is from X for Y", "Via X").
_POINTER = re.compile(
    r"^\W*(?:(?:see|read|check|watch|listen to|look at|here(?:'s| is| are)|more (?:here|at|in)|"
    r"sources?|via|h/t|link|credit|from)\b"
    r"|(?:this|that|it|the above|the following|below|above)\s+(?:is|was|comes|came|'s)\s+(?:from|by|via)\b)",
    re.I)
_CLOSERS = " \"')\u201d\u2019"
# A reply's opening word set off by a comma or dash ("Thanks, anyway, but...", "No, most...",
# "Right, Tony."): the sentence answers someone, it does not state a position on its own.
_REPLY_OPENER = re.compile(r"^\W*(?:thanks|thank you|thx|yes|yeah|yep|no|nope|ok|okay|well|right|sure|true|"
                           r"indeed|lol|wow|oh|ah|fair|agreed|exactly|anyway|sorry)\s*[,\u2013\u2014!.-]", re.I)


HEAD = Path(__file__).resolve().parent / "data" / "position_head.npz"
MAX_POINTS = 1500  # a 2,000-comment thread: positions from its 1,500 most argued-over claims


@dataclass(frozen=True)
class PairHead:
    """P(two claims make the same point) from their MiniLM vectors ``u``, ``v``.

    A logistic regression on ``[u*v, (u-v)**2, cos]`` trained on IBM ArgKP train pairs
    (``train/train_positions.py``). Both feature blocks are bilinear in ``u`` and ``v``,
    so a whole similarity matrix is two matrix products.
    """

    w_prod: Any
    w_sq: Any
    w_cos: float
    bias: float

    def matrix(self, vectors: Any) -> Any:
        """The n x n matrix of same-point probabilities (float32, symmetric)."""
        v = np.asarray(vectors, dtype="float32")
        cos = v @ v.T
        sq = (v * v) @ self.w_sq
        logit = (v * (self.w_prod - 2 * self.w_sq)) @ v.T + sq[:, None] + sq[None, :] \
            + self.w_cos * cos + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))


@lru_cache(maxsize=1)
def load_head(path: str = str(HEAD)) -> PairHead | None:
    """The shipped pair head, or None when its file is absent (grouping falls back to cosine)."""
    if not Path(path).exists():
        return None
    with np.load(path) as z:
        return PairHead(z["w_prod"].astype("float32"), z["w_sq"].astype("float32"),
                        float(z["w_cos"]), float(z["bias"]))


def centred(vectors: Any) -> Any:
    """Vectors minus their mean, re-normalised: what is common to a whole debate (its topic)
    is taken out, so what tells its claims apart weighs more. Fewer than three rows are
    returned as they are (two centred vectors are always opposite)."""
    v = np.asarray(vectors, dtype="float32")
    if len(v) < 3:
        return v
    c = v - v.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(c, axis=1, keepdims=True)
    return (c / np.where(norms > 1e-6, norms, 1.0)).astype("float32")


def similarity(vectors: Any, head: PairHead | None = None) -> Any:
    """Pairwise same-point scores in 0..1: the pair head's probability, else cosine."""
    v = np.asarray(vectors, dtype="float32")
    return head.matrix(v) if head is not None else np.clip(v @ v.T, -1.0, 1.0)


def group(vectors: Any, threshold: float, head: PairHead | None = None) -> list[int]:
    """Cluster ids (0, 1, ... in order of first member) for unit-normalised row vectors.

    Average linkage on :func:`similarity`: two groups merge while the mean score between
    their members is at least ``threshold``. Deterministic.
    """
    v = np.asarray(vectors, dtype="float32")
    n = len(v)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sim = similarity(v, head).astype("float64")
    sim = (sim + sim.T) / 2
    np.fill_diagonal(sim, 1.0)
    dist = squareform(np.clip(1.0 - sim, 0.0, 2.0), checks=False)
    tree = linkage(dist, method="average")
    raw = fcluster(tree, t=1.0 - threshold, criterion="distance")
    order: dict[int, int] = {}
    return [order.setdefault(int(c), len(order)) for c in raw]


def representative(vectors: Any, members: Sequence[int], weight: Sequence[float] | None = None, *,
                   eligible: Sequence[bool] | None = None, topic: Sequence[float] | None = None) -> int | None:
    """The member (an index into ``vectors``) with the highest mean similarity to the others,
    plus :data:`TOPIC_WEIGHT` times its closeness to the topic (``topic``, per row), among the
    ``eligible`` members (default all); None when no member is eligible.

    ``weight`` breaks near-ties (within 0.02) in favour of the heavier member.
    """
    pool = [m for m in members if eligible is None or eligible[m]]
    if not pool:
        return None
    if len(members) == 1:
        return members[0]
    v = np.asarray(vectors, dtype="float32")[list(members)]
    sims = v @ v.T
    mean = (sims.sum(axis=1) - 1.0) / (len(members) - 1)
    at = {m: i for i, m in enumerate(members)}
    score = {m: float(mean[at[m]]) + (TOPIC_WEIGHT * float(topic[m]) if topic is not None else 0.0) for m in pool}
    best = max(score.values())
    near = [m for m in pool if score[m] >= best - 0.02]
    return max(near, key=lambda m: ((weight[m] if weight else 0.0), score[m]))


def stands_alone(text: str) -> bool:
    """True when ``text`` can name a position on its own: a full claim of at least
    :data:`LABEL_MIN_WORDS` words that does not open on a connective or a pronoun pointing
    back ("because she was...", "It found that...") or a reply's opening word ("Thanks, anyway,
    but...", "No, most..."), is not a question and is not cut off.

    >>> stands_alone("The IRA was a commercial click-bait operation."), stands_alone("because she was a lousy one.")
    (True, False)
    """
    words = text.split()
    if len(words) < LABEL_MIN_WORDS:
        return False
    first = re.sub(r"^\W+|\W+$", "", words[0]).lower().replace("\u2019", "'")
    second = re.sub(r"^\W+|\W+$", "", words[1]).lower().replace("\u2019", "'")
    if first in _QUANTIFIERS and (second in _AUX or second.endswith("ed") or second == "of"):
        return False  # "Both are...", "Neither changed...", "Most of it was...": of what?
    return first not in _LEANS_BACK and not text.rstrip(_CLOSERS).endswith(_CUT_OFF) \
        and not _REPLY_OPENER.match(text) and not speaks_to_someone(text)


# Why a point is in no position: reason code -> (one, many), as a reader would say it.
LEFT_OUT = {"question": ("a question", "questions"),
            "attack": ("a personal attack", "personal attacks"),
            "addressed": ("a remark spoken to a participant", "remarks spoken to a participant"),
            "aside": ("an aside off the debate's topic", "asides off the debate's topic")}


def first_names(amap: ArgumentMap) -> frozenset[str]:
    """The participants' first names as a reply would call them ("Margaret Flowers" -> "margaret"),
    lower case; names shorter than three letters are left out."""
    out = set()
    for c in amap.thread.comments:
        word = re.split(r"[\s_.,]+", (c.author or "").strip())[0]
        if len(word) >= 3 and word.isalpha():
            out.add(word.lower())
    return frozenset(out)


def calls_by_name(text: str, names: frozenset[str] | set[str]) -> bool:
    """True when ``text`` opens or ends by calling a participant by name, set off by a comma
    ("Tom, rural districts also lose...", "...before any trial, Geoff."), or opens on an
    @-mention ("@Priya S. Several of those...").

    >>> calls_by_name("Tom, rural districts also lose school meals.", {"tom"})
    True
    """
    t = text.strip().rstrip(_CLOSERS)
    if re.match(r"^\W*@\w", t):  # "@Priya S. Several of those districts..."
        return True
    if not names:
        return False
    head = re.match(r"^\W*([A-Za-z]+)\s*,", t)
    tail = re.search(r",\s*([A-Za-z]+)\s*[.!]*$", t)
    return any(m is not None and m.group(1).lower() in names for m in (head, tail))


def left_out(text: str, topic_similarity: float, names: frozenset[str] | set[str] = frozenset()) -> str | None:
    """Why a point is no member of any position (a :data:`LEFT_OUT` code), or None when it may be one.
    ``names``: the participants' first names (:func:`first_names`), for a remark that calls one by name."""
    if text.rstrip(_CLOSERS).endswith("?") or _ASKS.match(text):
        return "question"
    if find_patterns(text):
        return "attack"
    if speaks_to_someone(text) or calls_by_name(text, names):
        return "addressed"
    if topic_similarity < TOPIC_MIN:
        return "aside"
    return None


def makes_claim(text: str, cited: Sequence[tuple[int, int]] = ()) -> bool:
    """True when a unit that cites a source (kind ``evidence``) also makes a point of its own,
    so it may join a position: "The Mueller report proved the Russian government interfered."
    False for a bare citation: a pointer or credit line (:data:`_POINTER`: "See this write-up
    (link).", "This is from X for Y"), a lead-in cut off before what it introduces
    ("Reported The New York Times,"), or a unit whose words outside its ``cited`` spans (offsets
    into ``text``: the link, the source's name or title) are fewer than :data:`MIN_WORDS`
    ("The study by ... is headlined <title>").

    >>> makes_claim("See this write-up (https://example.org/a).", [(16, 39)])
    False
    >>> makes_claim("Most US intelligence agencies have said Russia interfered in 2016.", [(5, 29)])
    True
    """
    t = text.replace("\u2019", "'")
    if _POINTER.match(t) or t.rstrip(_CLOSERS).endswith(_CUT_OFF):
        return False
    keep = [True] * len(text)
    for a, b in cited:
        for i in range(max(a, 0), min(b, len(text))):
            keep[i] = False
    rest = "".join(ch if k else " " for ch, k in zip(text, keep, strict=True))
    return len(re.findall(r"[A-Za-z][\w'\u2019-]*", rest)) >= MIN_WORDS


def citing_points(amap: ArgumentMap) -> list[Unit]:
    """Units of kind ``evidence`` in the author's own words (not quoted) that make a point
    (:func:`makes_claim`): "Fiona Hill, under oath, said Russia interfered with our election."
    They cite a source *and* argue, so they may join a position, where they count as sourced."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in amap.evidence:
        spans.setdefault(e.unit_id, []).append((e.start, e.end))
    out = []
    for u in amap.units:
        if u.kind == "evidence" and not u.quoted:
            offset = [(a - u.start, b - u.start) for a, b in spans.get(u.id, ())]
            if makes_claim(u.text, offset):
                out.append(u)
    return out


def topic_vector(amap: ArgumentMap, vectors: Any, points: Sequence[Unit]) -> Any:
    """The debate's topic as one unit vector: the mean of the article's (root comment's) units,
    or of ``points`` when the article has fewer than three units."""
    v = np.asarray(vectors, dtype="float32")
    rows = [i for i, u in enumerate(amap.units) if u.comment_id == amap.thread.root.id and not u.quoted]
    if len(rows) < 3:
        index = {u.id: i for i, u in enumerate(amap.units)}
        rows = [index[u.id] for u in points if u.id in index]
    if not rows:
        return None
    t = v[rows].mean(axis=0)
    norm = float(np.linalg.norm(t))
    return t / norm if norm > 1e-6 else None


def candidates(amap: ArgumentMap, vectors: Any) -> tuple[list[Unit], dict[str, float], list[tuple[Unit, str]]]:
    """The argued points (and the citing units that make a point, :func:`citing_points`) that
    may join a position, each one's closeness to the topic, and those left out with why
    (:func:`left_out`; units under :data:`MIN_WORDS` words are neither). Page order."""
    from .summaries import points

    index = {u.id: i for i, u in enumerate(amap.units)}
    raw = np.asarray(vectors, dtype="float32")
    argued = points(amap)
    topic = topic_vector(amap, raw, [u for u in argued if u.id in index and len(u.text.split()) >= MIN_WORDS])
    pool = {u.id for u in argued} | {u.id for u in citing_points(amap)}
    pts = [u for u in amap.units if u.id in pool and len(u.text.split()) >= MIN_WORDS and u.id in index]
    near = {u.id: float(raw[index[u.id]] @ topic) if topic is not None else 1.0 for u in pts}
    names = first_names(amap)
    why = {u.id: left_out(u.text, near[u.id], names) for u in pts}
    return [u for u in pts if why[u.id] is None], near, [(u, why[u.id]) for u in pts if why[u.id]]


def left_out_counts(amap: ArgumentMap) -> dict[str, int]:
    """How many argued points are in no position, per :data:`LEFT_OUT` code; empty when the
    map carries no unit vectors (a map read back from JSON)."""
    vectors = amap.vectors.aligned("units", len(amap.units))
    if vectors is None:
        return {}
    return dict(Counter(why for _, why in candidates(amap, vectors)[2]))


# Words of a source's name that name no one source ("the Mueller report" is named by "Mueller").
_GENERIC_SOURCE_WORDS = frozenset(
    "the a an of and for on in report reports study studies survey article articles paper papers news times post "
    "journal review indictment investigation testimony hearing data document documents book agencies agency "
    "intelligence official officials government source sources website site blog page video".split())
SOURCE_MIN_PARTICIPANTS = 2  # participants citing a source before the debate is said to turn on it
SOURCE_MIN_MEMBERS = 3
SOURCE_MAX_SHARE = 0.2  # a source named in more of the points than this is what the whole debate is about


def source_mention(name: str) -> re.Pattern[str] | None:
    """A pattern for the words that name one source in a sentence (its capitalised words other
    than :data:`_GENERIC_SOURCE_WORDS`: "Mueller report" -> "Mueller"), or None when its name
    has none ("a study", "US intelligence agencies").

    >>> source_mention("Mueller report").pattern, source_mention("the study")
    ('\\\\bMueller\\\\b', None)
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", name)
             if w[0].isupper() and len(w) >= 3 and w.lower() not in _GENERIC_SOURCE_WORDS]
    return re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b") if words else None


def argued_sources(amap: ArgumentMap, pts: Sequence[Unit],
                   settings: Settings = DEFAULT) -> list[tuple[str, int, list[int]]]:
    """The sources the debate argues over: each named source that at least
    :data:`SOURCE_MIN_PARTICIPANTS` participants cite in their own words (a citation at or
    above ``settings.min_evidence_confidence``, from a source no moderator marked unreliable),
    with its members among ``pts`` (indices): the points that cite it or name it
    (:func:`source_mention`), at least :data:`SOURCE_MIN_MEMBERS` of them; most cited first.
    Left out: a source with no name of its own ("a study": several studies may be meant), one
    named in the thread's title or in more than :data:`SOURCE_MAX_SHARE` of the points (and more
    than twice :data:`SOURCE_MIN_MEMBERS`): what the whole debate is about, not one of its
    positions.
    Whatever they say of it ("X proved...", "X came up with nothing"), they argue over what
    that source shows: one position. A member is claimed by the first source only."""
    from .query import distrusted_sources
    from .sources import evidence_source_key

    distrusted = distrusted_sources(amap)
    units = amap.units_by_id
    root = amap.thread.root.id
    names: dict[str, str] = {}
    citers: dict[str, set[str]] = {}
    cited_in: dict[str, set[str]] = {}
    for e in amap.evidence:
        u = units.get(e.unit_id)
        key = evidence_source_key(e)
        if u is None or u.quoted or not e.source or e.confidence < settings.min_evidence_confidence \
                or key in distrusted or e.comment_id == root:
            continue
        names.setdefault(key, e.source)
        citers.setdefault(key, set()).add(amap.thread.get(e.comment_id).author)
        cited_in.setdefault(key, set()).add(e.unit_id)
    out, taken = [], set()
    for key in sorted(citers, key=lambda k: (-len(citers[k]), k)):
        mention = source_mention(names[key])
        if len(citers[key]) < SOURCE_MIN_PARTICIPANTS or mention is None or mention.search(amap.thread.title):
            continue  # unnamed ("a study": several studies), or the debate's own subject (in its title)
        members = [i for i, u in enumerate(pts) if i not in taken
                   and (u.id in cited_in[key] or mention.search(u.text))]
        if SOURCE_MIN_MEMBERS <= len(members) <= max(SOURCE_MAX_SHARE * len(pts), 2 * SOURCE_MIN_MEMBERS):
            out.append((names[key], len(citers[key]), members))
            taken.update(members)
    return out


def find_positions(amap: ArgumentMap, vectors: Any, settings: Settings = DEFAULT) -> tuple[Position, ...]:
    """The positions of ``amap`` given the vectors of its units (rows in ``amap.units`` order).

    Most prevalent first (comments, then participants, then members). At most
    ``settings.max_positions``; groups of one claim are kept only to fill the list when
    fewer than three groups of two or more exist.
    """
    index = {u.id: i for i, u in enumerate(amap.units)}
    argued = _argued(amap, settings)
    pts, near, _ = candidates(amap, vectors)
    if len(pts) > MAX_POINTS:
        keep = set(sorted(pts, key=lambda u: -argued.get(u.id, 0.0))[:MAX_POINTS])
        pts = [u for u in pts if u in keep]
    if not pts:
        return ()
    v = centred(np.asarray(vectors, dtype="float32")[[index[u.id] for u in pts]])
    head = load_head()
    weight = [argued.get(u.id, 0.0) for u in pts]
    alone = [stands_alone(u.text) for u in pts]
    closeness = [near[u.id] for u in pts]
    from .query import SupportGraph

    g = SupportGraph(amap, settings)
    made, taken = [], set()
    for name, cited_by, members in argued_sources(amap, pts, settings):
        p = _position(amap, pts, v, members, weight, settings, head, alone, closeness, g)
        if p is not None:  # a source no member can name stays with the groups below
            made.append(replace(p, why=f"{len(members)} claims argue over one source, {name}, that {cited_by} "
                                       f"participants cite; {p.why}"))
            taken.update(members)
    rest = [i for i in range(len(pts)) if i not in taken]
    groups: dict[int, list[int]] = {}
    for i, lab in zip(rest, group(v[rest], settings.position_similarity, head) if rest else [], strict=True):
        groups.setdefault(lab, []).append(i)
    made += [p for p in (_position(amap, pts, v, members, weight, settings, head, alone, closeness, g)
                         for members in groups.values()) if p is not None]
    made.sort(key=lambda p: (-p.comments, -p.participants, -len(p.members), -argued.get(p.unit_id, 0.0)))
    shared = [p for p in made if len(p.members) > 1]
    if len(shared) < 3:
        singles = sorted((p for p in made if len(p.members) == 1), key=lambda p: -argued.get(p.unit_id, 0.0))
        shared += [p for p in singles if argued.get(p.unit_id, 0.0) > 0][: 3 - len(shared)]
    return tuple(replace(p, id=f"p{i + 1}") for i, p in enumerate(shared[: settings.max_positions]))


def _argued(amap: ArgumentMap, settings: Settings) -> dict[str, float]:
    """Unit id -> summed confidence of the support and attack links touching it."""
    score: Counter[str] = Counter()
    for r in amap.relations:
        if r.confidence >= settings.min_relation_confidence:
            score[r.source] += r.confidence
            score[r.target] += r.confidence
    return dict(score)


def side_of(amap: ArgumentMap, unit: Unit) -> str | None:
    """``for``/``against`` the thesis for one claim, or None when its comment has no side."""
    c = amap.thread.get(unit.comment_id)
    if c.parent_id is None:
        return "for"
    labels = amap.labels_for(c.id)
    stance = labels.stance_to_root.label if labels and labels.stance_to_root else None
    return {"support": "for", "attack": "against"}.get(stance or "")


def _position(amap: ArgumentMap, pts: list[Unit], v: Any, members: list[int], weight: list[float],
              settings: Settings, head: PairHead | None = None, alone: Sequence[bool] | None = None,
              closeness: Sequence[float] | None = None, g: Any = None) -> Position | None:
    """The position of one group, or None when no member can name it (:func:`stands_alone`)."""
    rep = representative(v, members, weight, eligible=alone, topic=closeness)
    if rep is None:
        return None
    others = [m for m in members if m != rep]
    if others:  # how surely the members make the representative's point (the head's probability)
        scores = similarity(v[[rep, *others]], head)[0, 1:]
        confidence = round(float(np.clip(np.mean(scores), 0.0, 1.0)), 3)
    else:
        confidence = 0.5
    units = [pts[m] for m in members]
    comments = {u.comment_id for u in units}
    people = {amap.thread.get(c).author for c in comments}
    sides = Counter(s for s in (side_of(amap, u) for u in units) if s)
    if not sides:
        side = "unclear"
    else:
        top, n = sides.most_common(1)[0]
        side = top if n * 3 >= 2 * sum(sides.values()) else "mixed"
    sourced = sum(is_sourced(amap, u, g) for u in units) / len(units)
    rebuttal = strongest_rebuttal(amap, {u.id for u in units}, settings, g)
    why = (f"{len(units)} claims make much the same point (mean probability {confidence:.2f} of making "
           "the representative's)"
           if len(units) > 1 else "one much-argued claim that no other claim repeats")
    return Position(id="", label=pts[rep].text, unit_id=pts[rep].id, members=tuple(u.id for u in units),
                    comments=len(comments), participants=len(people), side=side,
                    sourced_share=round(sourced, 3), rebuttal=rebuttal, confidence=confidence, why=why)


def is_sourced(amap: ArgumentMap, unit: Unit, g: Any = None) -> bool:
    """A member counts as sourced when its status is ``sourced`` or ``sourced-and-contested``, or
    when it is a citing unit (:func:`citing_points`) whose own citation sources something (``g``,
    a :class:`argmap.query.SupportGraph`, leaves out weak mentions, sources a moderator marked
    unreliable and citations of the article under discussion)."""
    st = amap.status_of(unit.id)
    if st is not None:
        return st.status in SOURCED
    if unit.kind != "evidence":
        return False
    if g is None:
        from .query import SupportGraph

        g = SupportGraph(amap)
    return bool(g.evidence_of(unit.id))


def strongest_rebuttal(amap: ArgumentMap, members: set[str], settings: Settings = DEFAULT,
                       g: Any = None) -> str | None:
    """The unit (or comment) id of the strongest attack on any member: a sourced attacker
    first, then the most confident; attacks from a member's own comment do not count."""
    from .query import SupportGraph

    units = amap.units_by_id
    own = {units[m].comment_id for m in members if m in units}
    attacks = [r for r in amap.relations if r.label == "attack" and r.target in members
               and r.confidence >= settings.min_relation_confidence
               and (units[r.source].comment_id if r.source in units else r.source) not in own]
    if not attacks:
        return None
    g = g if g is not None else SupportGraph(amap, settings)
    best = max(attacks, key=lambda r: (r.source in units and g.is_sourced(r.source), r.confidence))
    return best.source


def positions(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Pipeline step. Requires: units, statuses, relations, comment_labels, ``vectors.units``.
    Assigns: positions (unchanged when the map has no unit vectors)."""
    vectors = amap.vectors.aligned("units", len(amap.units))
    if vectors is None:
        return amap
    return replace(amap, positions=find_positions(amap, vectors, settings))
