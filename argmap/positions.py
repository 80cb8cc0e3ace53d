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

Each position carries:

* ``label``/``unit_id``: its representative claim, the member closest to all the others
  (most argued-over on a tie);
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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .model import ArgumentMap, Position, Unit
from .settings import DEFAULT, Settings

SOURCED = ("sourced", "sourced-and-contested")
MIN_WORDS = 4  # "Thank you", "Quite odd…" are not positions


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


def representative(vectors: Any, members: Sequence[int], weight: Sequence[float] | None = None) -> int:
    """The member (an index into ``vectors``) with the highest mean similarity to the others.

    ``weight`` breaks near-ties (within 0.02) in favour of the heavier member.
    """
    if len(members) == 1:
        return members[0]
    v = np.asarray(vectors, dtype="float32")[list(members)]
    sims = v @ v.T
    mean = (sims.sum(axis=1) - 1.0) / (len(members) - 1)
    best = float(mean.max())
    near = [i for i in range(len(members)) if mean[i] >= best - 0.02]
    pick = max(near, key=lambda i: ((weight[members[i]] if weight else 0.0), mean[i]))
    return members[pick]


def find_positions(amap: ArgumentMap, vectors: Any, settings: Settings = DEFAULT) -> tuple[Position, ...]:
    """The positions of ``amap`` given the vectors of its units (rows in ``amap.units`` order).

    Most prevalent first (comments, then participants, then members). At most
    ``settings.max_positions``; groups of one claim are kept only to fill the list when
    fewer than three groups of two or more exist.
    """
    from .summaries import points

    index = {u.id: i for i, u in enumerate(amap.units)}
    argued = _argued(amap, settings)
    pts = [u for u in points(amap) if len(u.text.split()) >= MIN_WORDS and u.id in index]
    if len(pts) > MAX_POINTS:
        keep = set(sorted(pts, key=lambda u: -argued.get(u.id, 0.0))[:MAX_POINTS])
        pts = [u for u in pts if u in keep]
    if not pts:
        return ()
    v = centred(np.asarray(vectors, dtype="float32")[[index[u.id] for u in pts]])
    head = load_head()
    labels = group(v, settings.position_similarity, head)
    weight = [argued.get(u.id, 0.0) for u in pts]
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(labels):
        groups.setdefault(g, []).append(i)
    made = [_position(amap, pts, v, members, weight, settings, head) for members in groups.values()]
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
              settings: Settings, head: PairHead | None = None) -> Position:
    rep = representative(v, members, weight)
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
    sourced = sum((st := amap.status_of(u.id)) is not None and st.status in SOURCED for u in units) / len(units)
    rebuttal = strongest_rebuttal(amap, {u.id for u in units}, settings)
    why = (f"{len(units)} claims make much the same point (mean probability {confidence:.2f} of making "
           "the representative's)"
           if len(units) > 1 else "one much-argued claim that no other claim repeats")
    return Position(id="", label=pts[rep].text, unit_id=pts[rep].id, members=tuple(u.id for u in units),
                    comments=len(comments), participants=len(people), side=side,
                    sourced_share=round(sourced, 3), rebuttal=rebuttal, confidence=confidence, why=why)


def strongest_rebuttal(amap: ArgumentMap, members: set[str], settings: Settings = DEFAULT) -> str | None:
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
    g = SupportGraph(amap, settings)

    best = max(attacks, key=lambda r: (r.source in units and g.is_sourced(r.source), r.confidence))
    return best.source


def positions(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Pipeline step. Requires: units, statuses, relations, comment_labels, ``vectors.units``.
    Assigns: positions (unchanged when the map has no unit vectors)."""
    vectors = amap.vectors.aligned("units", len(amap.units))
    if vectors is None:
        return amap
    return replace(amap, positions=find_positions(amap, vectors, settings))
