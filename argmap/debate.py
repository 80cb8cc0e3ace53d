"""The map as a person reads it: the debate's claims as a tree of cards under the thesis.

Pure functions, no Streamlit (the app draws the result in ``app_views/map.py``).

Each card is one argued point (:func:`argmap.summaries.points`, the same "claim" the
header, the claims table and the chart count). A unit that is not a point (a reason,
a piece of evidence) is folded into the point it supports in its own comment, so its
sources become chips on that card and its links become the card's links.

A card hangs under the card it answers:

1. the target of its strongest support or attack link (confidence >=
   ``settings.min_relation_confidence``), its ends folded into points as above;
2. else, the most argued-over card of the comment it replies to, with that comment's
   stance to its parent (``support``, ``attack``, or ``reply`` when neutral);
3. else (the article's own points, replies to the article with no link), it answers
   the thesis directly: a *top-level* card.

Top-level cards fall on the thesis's side they argue: the article's points are
``for``; a reply's take its comment's ``stance_to_root`` (``for``/``against``,
``neutral`` when it has none). Below a card, its supporters come first, then its
attackers, then plain replies, each most argued-over first.

"Argued-over" (:attr:`Card.score`): the summed confidence of the links between this
card and other comments, plus a quarter of those inside its comment and 0.3 per
source it cites. :func:`shown` picks the ``limit`` most argued-over cards plus the
cards on their path to the thesis, and every card under an expanded one, so a
2,000-comment thread opens on a readable first screen and "show more" raises
``limit``.

Example:
    >>> from argmap.model import ArgumentMap, ClaimStatus, Comment, Relation, Thread, Unit
    >>> t = Thread("t", "Cats", "generic", (Comment("r", "mo", "Cats rule.", None, 0),
    ...     Comment("c1", "ann", "No they do not.", "r", 1)))
    >>> m = ArgumentMap(t, units=(Unit("r:0", "r", 0, 10, "Cats rule.", "claim", 0.9, "x"),
    ...     Unit("c1:0", "c1", 0, 15, "No they do not.", "claim", 0.9, "x")),
    ...     relations=(Relation("c1:0", "r:0", "attack", 0.8, "disagrees"),),
    ...     statuses=(ClaimStatus("r:0", "contested", "attacked"), ClaimStatus("c1:0", "unsourced", "no")))
    >>> d = build_debate(m)
    >>> d.cards["c1:0"].parent, d.cards["c1:0"].relation, d.cards["r:0"].side
    ('r:0', 'attack', 'for')
    >>> [(c.unit_id, depth) for c, depth, hidden in outline(d, shown(d, 5))["for"]]
    [('r:0', 0), ('c1:0', 1)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .cytoscape import MapFilter, stance_index
from .graph import source_key
from .model import ArgumentMap, Unit
from .settings import DEFAULT, Settings
from .summaries import points

SIDES = ("for", "against", "neutral")
EVERYTHING = MapFilter()
ORDER = {"support": 0, "attack": 1, "reply": 2}


@dataclass(frozen=True)
class Card:
    """One claim on the map and the link that places it.

    ``parent`` is the unit id of the card it answers (None: it answers the thesis);
    ``relation`` is ``support``, ``attack`` or ``reply``, with the link's
    ``confidence`` and ``why``; ``side`` is the thesis side of its top-level ancestor.
    ``sources`` are the names of the sources it or a unit folded into it cites (weak
    mentions below ``settings.min_evidence_confidence`` left out). ``children`` are
    the cards answering it, supporters first, then attackers, then replies.
    """

    unit_id: str
    comment_id: str
    comment_index: int
    author: str
    text: str
    status: str
    parent: str | None
    relation: str
    confidence: float
    why: str
    side: str
    sources: tuple[str, ...]
    score: float
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Debate:
    """The thesis (the thread's title and article) and every card, top-level ones per side."""

    title: str
    root_id: str
    cards: dict[str, Card] = field(default_factory=dict)
    top: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def ancestors(self, unit_id: str) -> list[str]:
        """Parent, grandparent, ... up to a top-level card."""
        out, seen = [], {unit_id}
        p = self.cards[unit_id].parent
        while p is not None and p in self.cards and p not in seen:
            seen.add(p)
            out.append(p)
            p = self.cards[p].parent
        return out

    def descendants(self, unit_id: str) -> int:
        """How many cards hang below this one, any depth."""
        stack, n = list(self.cards[unit_id].children), 0
        while stack:
            x = stack.pop()
            n += 1
            stack.extend(self.cards[x].children)
        return n


def _status(amap: ArgumentMap, unit_id: str) -> str:
    """The unit's status, or "" when it has none."""
    s = amap.status_of(unit_id)
    return s.status if s else ""


def kept_points(amap: ArgumentMap, keep: MapFilter) -> list[Unit]:
    """The claims (argued points, :func:`argmap.summaries.points`) ``keep`` lets through, page order."""
    stances = stance_index(amap)
    return [u for u in points(amap) if keep.keeps(
        status=_status(amap, u.id), author=amap.thread.get(u.comment_id).author,
        stance=stances.get(u.comment_id, "none"), confidence=u.confidence)]


def build_debate(amap: ArgumentMap, keep: MapFilter = EVERYTHING, settings: Settings = DEFAULT) -> Debate:
    """Every claim ``keep`` lets through as a :class:`Card` placed in the debate's tree."""
    t = amap.thread
    pts = kept_points(amap, keep)
    is_point = {u.id for u in pts}
    units = amap.units_by_id
    page = amap.unit_row
    by_comment: dict[str, list[str]] = {}
    for u in pts:
        by_comment.setdefault(u.comment_id, []).append(u.id)
    usable = [r for r in amap.relations if r.confidence >= settings.min_relation_confidence
              and r.label in ("support", "attack")]
    inside: dict[str, list[str]] = {}  # unit -> units it supports within its comment
    for r in usable:
        if r.label == "support" and r.source in units and r.target in units \
                and units[r.source].comment_id == units[r.target].comment_id:
            inside.setdefault(r.source, []).append(r.target)

    # how argued-over each point is (before placing: the lead of a comment is its most argued point)
    def fold(x: str, fallback: bool = True) -> str | None:
        """The point a unit (or comment id) stands for: itself, the point it supports in its comment,
        else (with ``fallback``) its comment's first point."""
        if x in is_point:
            return x
        seen, stack = {x}, list(inside.get(x, ()))
        while stack:
            y = stack.pop(0)
            if y in is_point:
                return y
            if y not in seen:
                seen.add(y)
                stack.extend(inside.get(y, ()))
        if not fallback:
            return None
        cid = units[x].comment_id if x in units else x
        return by_comment.get(cid, [None])[0]

    score: Counter[str] = Counter()
    links: list[tuple[str, str, str, float, str, bool]] = []  # (from point, to point, label, conf, why, across)
    for r in usable:
        a, b = fold(r.source), fold(r.target)
        if a is None or b is None or a == b:
            continue
        across = units[a].comment_id != units[b].comment_id
        w = r.confidence if across else 0.25 * r.confidence
        score[a] += w
        score[b] += w
        links.append((a, b, r.label, r.confidence, r.why, across))
    sources: dict[str, list[str]] = {}
    for e in amap.evidence:
        if e.confidence < settings.min_evidence_confidence or e.unit_id not in units:
            continue
        home = fold(e.unit_id, fallback=False)  # a chip only on the card whose status it backs
        if home is not None:
            names = sources.setdefault(home, [])
            name = e.source or e.text
            if source_key(name) not in {source_key(n) for n in names}:
                names.append(name)
    for uid, names in sources.items():
        score[uid] += 0.3 * len(names)

    def lead(cid: str | None) -> str | None:
        ids = by_comment.get(cid or "", [])
        return max(ids, key=lambda x: (score[x], -page(x))) if ids else None

    # place each point under what it answers (cycle-safe)
    parent: dict[str, tuple[str | None, str, float, str]] = {}
    ranked: dict[str, tuple[tuple[bool, float], tuple[str, str, float, str]]] = {}
    for a, b, label, conf, why, across in links:
        if a not in ranked or (across, conf) > ranked[a][0]:
            ranked[a] = ((across, conf), (b, label, conf, why))
    best = {a: v for a, (_, v) in ranked.items()}
    stances = {cl.comment_id: cl for cl in amap.comment_labels}

    def creates_cycle(child: str, new_parent: str) -> bool:
        seen, p = {child}, new_parent
        while p is not None:
            if p in seen:
                return True
            seen.add(p)
            p = parent.get(p, (None,))[0]
        return False

    for u in pts:
        c = t.get(u.comment_id)
        choice: tuple[str | None, str, float, str] = (None, "reply", 1.0, "answers the thesis")
        if u.id in best and not creates_cycle(u.id, best[u.id][0]):
            choice = best[u.id]
        elif c.parent_id is not None and c.parent_id in t and t.get(c.parent_id).parent_id is not None:
            target = lead(c.parent_id)
            cl = stances.get(c.id)
            st = cl.stance if cl else None
            if target is not None and not creates_cycle(u.id, target):
                label = st.label if st and st.label in ("support", "attack") else "reply"
                choice = (target, label, st.confidence if st else 0.5,
                          st.why if st else "replies to that comment")
        parent[u.id] = choice

    def top_side(uid: str) -> str:
        c = t.get(units[uid].comment_id)
        if c.parent_id is None:
            return "for"
        cl = stances.get(c.id)
        sr = cl.stance_to_root.label if cl and cl.stance_to_root else ""
        return {"support": "for", "attack": "against"}.get(sr, "neutral")

    kids: dict[str | None, list[str]] = {}
    for u in pts:
        kids.setdefault(parent[u.id][0], []).append(u.id)
    for v in kids.values():
        v.sort(key=lambda x: (ORDER[parent[x][1]], -score[x], page(x)))
    cards: dict[str, Card] = {}

    def make(top_id: str, side: str) -> None:
        stack = [top_id]  # iterative: a reply chain thousands deep must not hit the recursion limit
        while stack:
            uid = stack.pop()
            u, (p, label, conf, why) = units[uid], parent[uid]
            c = t.get(u.comment_id)
            cards[uid] = Card(unit_id=uid, comment_id=c.id, comment_index=c.index, author=c.author, text=u.text,
                              status=_status(amap, uid), parent=p, relation=label, confidence=round(conf, 2),
                              why=why, side=side, sources=tuple(sources.get(uid, ())), score=round(score[uid], 3),
                              children=tuple(kids.get(uid, ())))
            stack.extend(kids.get(uid, ()))

    top: dict[str, list[str]] = {s: [] for s in SIDES}
    for uid in sorted(kids.get(None, []), key=lambda x: (-score[x] - _subtree(kids, score, x), page(x))):
        side = top_side(uid)
        top[side].append(uid)
        make(uid, side)
    return Debate(title=t.title, root_id=t.root.id, cards=cards, top={s: tuple(v) for s, v in top.items()})


def _subtree(kids: dict[str | None, list[str]], score: Counter[str], uid: str) -> float:
    stack, total = list(kids.get(uid, ())), 0.0
    while stack:
        x = stack.pop()
        total += score[x]
        stack.extend(kids.get(x, ()))
    return total


def shown(debate: Debate, limit: int, expanded: frozenset[str] | set[str] = frozenset(),
          per_side: int = 3) -> set[str]:
    """The cards to draw: the most argued-over, each with the cards on its way to the thesis,
    within a budget of ``2 * limit`` cards (a claim deep in a long reply chain is skipped
    rather than drawing its whole chain); the first ``per_side`` top-level cards of each
    side (so both sides are seen); and every card directly under an expanded one (with the
    path to it)."""
    ranked = sorted(debate.cards.values(), key=lambda c: (-c.score, c.comment_index))
    out: set[str] = {uid for side in SIDES for uid in debate.top.get(side, ())[:per_side]}
    budget, taken = len(out) + 2 * max(limit, 0), 0
    for c in ranked:
        if taken >= max(limit, 0):
            break
        new = ({c.unit_id} | set(debate.ancestors(c.unit_id))) - out
        if len(out) + len(new) > budget:
            continue
        out |= new
        taken += 1
    for uid in expanded:
        if uid in debate.cards:
            out.add(uid)
            out.update(debate.ancestors(uid))
            out.update(debate.cards[uid].children)
    return out


def outline(debate: Debate, visible: set[str]) -> dict[str, list[tuple[Card, int, int]]]:
    """Per side, the visible cards in reading order: ``(card, depth, hidden)`` where
    ``hidden`` counts the cards directly under it that are not drawn."""
    out: dict[str, list[tuple[Card, int, int]]] = {s: [] for s in SIDES}

    for side in SIDES:
        stack = [(uid, 0) for uid in reversed(debate.top.get(side, ())) if uid in visible]
        while stack:  # depth first, children in order, without recursion
            uid, depth = stack.pop()
            c = debate.cards[uid]
            out[side].append((c, depth, sum(1 for k in c.children if k not in visible)))
            stack.extend((k, depth + 1) for k in reversed(c.children) if k in visible)
    return out


UNSOURCED = ("unsourced", "contested")
SOURCED = ("sourced", "sourced-and-contested")


def unsourced_highlights(debate: Debate, amap: ArgumentMap, n: int = 3, min_words: int = 5) -> list[Card]:
    """The ``n`` unsourced claims a reader should see first (:func:`highlights`)."""
    return highlights(debate, amap, UNSOURCED, n, min_words)


def sourced_highlights(debate: Debate, amap: ArgumentMap, n: int = 2, min_words: int = 5) -> list[Card]:
    """The ``n`` sourced claims a reader should see first (:func:`highlights`)."""
    return highlights(debate, amap, SOURCED, n, min_words)


def highlights(debate: Debate, amap: ArgumentMap, statuses: tuple[str, ...], n: int = 3,
               min_words: int = 5) -> list[Card]:
    """The ``n`` claims with one of ``statuses`` a reader should see first: for the unsourced
    ones, the unsourced statements of fact that matter to the debate, not its quarrels. The
    header names them so a reader sees unsourced (and sourced) claims without opening the map.

    Passed over: fragments (shorter than ``min_words`` words, or a clause ending in a comma)
    and questions. Then, with the positions' rules (:func:`argmap.positions.left_out`,
    :func:`argmap.positions.stands_alone`), claims on the debate's topic that read on their own
    come first (no personal attack, no remark spoken to a participant, no aside off the topic,
    no opening connective or backward pronoun); among those, statements of fact (``claim_type``
    fact: checkable, so a source is owed) before opinions, participants' before the article's,
    then the most argued over, then the longest. Claims the rules pass over fill the list only
    when too few are left. A map with no unit vectors (read from JSON) has no topic: only the
    topic rule is skipped.
    """
    from .positions import first_names, left_out, stands_alone, topic_vector

    def fact(c: Card) -> bool:
        u = amap.unit(c.unit_id)
        return u is not None and getattr(u, "claim_type", None) == "fact"

    cards = [c for c in debate.cards.values() if c.status in statuses
             and len(c.text.split()) >= min_words and not c.text.rstrip(" \"')\u201d").endswith(("?", ","))]
    vectors = amap.vectors.aligned("units", len(amap.units))
    near: dict[str, float] = {}
    if vectors is not None and cards:
        topic = topic_vector(amap, vectors, points(amap))
        if topic is not None:
            near = {c.unit_id: float(vectors[amap.unit_row(c.unit_id)] @ topic) for c in cards}

    names = first_names(amap)

    def readable(c: Card) -> bool:
        return left_out(c.text, near.get(c.unit_id, 1.0), names) is None and stands_alone(c.text)

    cards.sort(key=lambda c: (not readable(c), not fact(c), c.comment_id == debate.root_id, -round(c.score, 3),
                              -len(c.text), c.comment_index))
    return cards[:n]


@dataclass(frozen=True)
class AttackPair:
    """One participant against another: replies that dispute the other's comment (reply stance
    ``attack``) and personal attacks aimed at them (:func:`argmap.summaries.attacked_person`)."""

    attacker: str
    attacked: str
    disputes: int
    personal: int


def who_attacks_whom(amap: ArgumentMap, n: int = 3) -> list[AttackPair]:
    """The ``n`` pairs of participants where one attacks the other most (personal attacks count
    first, then participants before the article, then disputed comments), so the header says who
    attacks whom without a click. A personal attack counts when an insult or ad hominem pattern
    aimed at a person backs the flag (:func:`argmap.attack.find_patterns`); a flag from hostile
    tone alone is a moderator's "check", not a fact to show a stranger. A reply to the article
    disputes "the article"; attacking one's own comment is no pair."""
    from .attack import find_patterns
    from .summaries import attacked_person
    t = amap.thread
    disputes: Counter[tuple[str, str]] = Counter()
    personal: Counter[tuple[str, str]] = Counter()
    for c in t.comments[1:]:
        labels = amap.labels_for(c.id)
        if labels is None:
            continue
        who = c.author or "(anonymous)"
        if labels.personal_attack is not None and labels.personal_attack.label == "personal-attack" \
                and any(h.aim != "third" for h in find_patterns(c.text)):
            personal[(who, attacked_person(amap, c.id)[0])] += 1
        if labels.stance is not None and labels.stance.label == "attack" and c.parent_id in t:
            p = t.get(c.parent_id)
            disputes[(who, p.author or "(anonymous)" if p.parent_id is not None else "the article")] += 1
    pairs = [AttackPair(a, b, disputes[(a, b)], personal[(a, b)])
             for a, b in set(disputes) | set(personal) if a != b]
    pairs.sort(key=lambda x: (-x.personal, x.attacked == "the article", -(x.personal + x.disputes),
                              x.attacker, x.attacked))
    return pairs[:n]


def status_counts(amap: ArgumentMap, keep: MapFilter = EVERYTHING) -> dict[str, int]:
    """Claims per status (the same claims as the header, the claims table and the map)."""
    return dict(Counter(_status(amap, u.id) for u in kept_points(amap, keep)))


def claims_by_participant(amap: ArgumentMap) -> list[tuple[str, dict[str, int]]]:
    """Per author (most claims first): claims per status."""
    per: dict[str, Counter[str]] = {}
    for u in points(amap):
        per.setdefault(amap.thread.get(u.comment_id).author, Counter())[_status(amap, u.id)] += 1
    return sorted(((a, dict(c)) for a, c in per.items()), key=lambda x: -sum(x[1].values()))
