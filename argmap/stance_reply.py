"""Reply stance: a reply's stance toward its parent (support / attack / neutral).

The parent unit it answers (:func:`choose_target`: the unit it quotes, then the one whose
wording it echoes, then the closest in meaning), the small head over discourse cues and
MiniLM vectors (:func:`reply_probabilities`; ``argmap/data/stance_head.npz``, built by
``train/train_stance.py``), the decision rules on top of it (:func:`adjust`), the cases
that take no side (:func:`no_side`) and the judgement with its why (:func:`judge_stance`).
Reasons are :class:`argmap.reasons.Reason` codes, rendered to the ``why`` text and never
parsed back. The step itself is :func:`argmap.steps.stance.stance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import echo, sources
from .model import ArgumentMap, Comment, Judgement
from .reasons import Reason, render
from .safetext import shorten
from .stance_cues import FEATURES as CUE_FEATURES
from .stance_cues import Cues, cue_reason_codes, feature_vector, find_cues, own_text

LABELS = ("support", "attack", "neutral")
DIM = 384
EMBED_PARTS = ("prod", "absdiff", "reply")
# Added to the head's log-probabilities before the argmax: the label priors of real
# threads differ from those of the training pairs (CMV replies are ~70% attacks).
# Picked on subreddit-agreement (measure-only; three numbers, no weights fitted there).
CLASS_BIAS = {"support": 0.0, "attack": 0.0, "neutral": 0.0}
NEUTRAL_MARGIN = 0.0     # a top label ahead by less than this is reported as neutral


def feature_names() -> list[str]:
    """Names of the head's inputs, in order: cue features, then embedding blocks."""
    return list(CUE_FEATURES) + [f"{p}_{i}" for p in EMBED_PARTS for i in range(DIM)]


def pair_features(cues: list[Cues], U: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Head inputs for (parent, reply) pairs: cue features plus ``u*v``, ``|u-v|``, ``v``.

    Args:
        cues: one :class:`~argmap.stance_cues.Cues` per pair.
        U: ``(n, 384)`` parent-side vectors (the target unit's or parent comment's).
        V: ``(n, 384)`` reply vectors.
    """
    C = np.vstack([feature_vector(c) for c in cues]) if cues else np.zeros((0, len(CUE_FEATURES)))
    U, V = np.asarray(U, dtype=np.float32), np.asarray(V, dtype=np.float32)
    return np.hstack([C, U * V, np.abs(U - V), V]).astype(np.float32)


@lru_cache(maxsize=2)
def _head(name: str = "stance_head"):
    from .heads import load_head
    return load_head(name)


def reply_probabilities(cues: list[Cues], U: np.ndarray, V: np.ndarray,
                        head_name: str = "stance_head") -> np.ndarray:
    """``(n, 3)`` probabilities in :data:`LABELS` order, class bias applied. ``head_name``:
    a head in ``argmap/data`` with the same inputs (``thesis_head`` for stance to the thesis)."""
    if not cues:
        return np.zeros((0, 3))
    head = _head(head_name)
    p = head.predict_proba(pair_features(cues, U, V))
    p = p[:, [head.classes.index(lab) for lab in LABELS]]
    logits = np.log(np.clip(p, 1e-9, 1.0)) + np.array([CLASS_BIAS[lab] for lab in LABELS])
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# --- the view of a map that the step works on ------------------------------------------------

@dataclass(frozen=True)
class Target:
    """The part of the parent a reply answers: a unit (or the whole parent) and why
    (``reason.code``: quotes, echoes, closest, whole-comment or title)."""

    unit_id: str | None
    text: str
    vec: np.ndarray
    reason: Reason

    @property
    def why(self) -> str:
        return self.reason.text


@dataclass(frozen=True)
class View:
    """The stance step's view of one map: its vectors as float32 rows, and unit rows per
    comment from the map's own indexes."""

    amap: ArgumentMap
    row: dict[str, int]
    unit_vecs: np.ndarray
    comment_vecs: np.ndarray

    @classmethod
    def of(cls, amap: ArgumentMap) -> View:
        comments = amap.thread.comments
        cv = amap.vectors.aligned("comments", len(comments))
        uv = amap.vectors.aligned("units", len(amap.units))
        cv = np.asarray(np.zeros((len(comments), DIM)) if cv is None else cv, dtype=np.float32)
        uv = np.asarray(np.zeros((len(amap.units), DIM)) if uv is None else uv, dtype=np.float32)
        return cls(amap, {c.id: i for i, c in enumerate(comments)}, uv, cv)

    def units(self, comment_id: str, *, own: bool = True) -> list[int]:
        """Unit rows of a comment; with ``own``, those not quoted from elsewhere (if any)."""
        rows = [self.amap.unit_row(u.id) for u in self.amap.units_of(comment_id)]
        mine = [i for i in rows if not self.amap.units[i].quoted]
        return mine if own and mine else rows

    def own_text(self, c: Comment) -> str:
        """The author's own words: unquoted units, else the text without ``>`` lines."""
        rows = self.units(c.id)
        if rows and not all(self.amap.units[i].quoted for i in rows):
            return " ".join(self.amap.units[i].text for i in rows)
        return own_text(c.text)

    def vec(self, comment_id: str) -> np.ndarray:
        return self.comment_vecs[self.row[comment_id]]

    def words(self, c: Comment) -> echo.Words:
        """The comment's text tokenised for echo lookups (memoised by :func:`echo.words`)."""
        return echo.words(c.text)


def _unit_at(view: View, comment_id: str, pos: int) -> int | None:
    for i in view.units(comment_id, own=False):
        u = view.amap.units[i]
        if u.start <= pos < u.end:
            return i
    return None


def _quoted_target(view: View, reply: Comment, parent: Comment) -> Target | None:
    """The parent unit the reply quotes (a ``>`` quote or a quote found by reconstruction)."""
    for q in reply.quotes:
        if q.source_id not in (None, parent.id):
            continue
        span = echo.longest_common_span(reply.text[q.start:q.end], view.words(parent), min_content=1)
        i = _unit_at(view, parent.id, span.b_start) if span else None
        if i is not None:
            u = view.amap.units[i]
            return Target(u.id, u.text, view.unit_vecs[i], Reason("quotes", shorten(span.text, 40)))
    return None


def _echo_target(view: View, text: str, parent: Comment) -> Target | None:
    span = echo.longest_common_span(text, view.words(parent), min_content=2)
    i = _unit_at(view, parent.id, span.b_start) if span else None
    if i is None:
        return None
    u = view.amap.units[i]
    return Target(u.id, u.text, view.unit_vecs[i], Reason("echoes", shorten(span.text, 40)))


def choose_target(view: View, reply: Comment, parent: Comment, reply_text: str) -> Target:
    """The parent unit a reply answers: by quotation, echoed wording, then meaning."""
    found = _quoted_target(view, reply, parent) or _echo_target(view, reply_text, parent)
    if found is not None:
        return found
    rows = view.units(parent.id)
    if not rows:
        text = own_text(parent.text)
        if not text.strip() and parent.parent_id is None:
            return Target(None, view.amap.thread.title.strip(), view.vec(parent.id), Reason("title"))
        return Target(None, text, view.vec(parent.id), Reason("whole-comment"))
    best = rows[int(np.argmax(view.unit_vecs[rows] @ view.vec(reply.id)))]
    u = view.amap.units[best]
    return Target(u.id, u.text, view.unit_vecs[best], Reason("closest", shorten(u.text, 40)))


# --- judgements --------------------------------------------------------------------------------

def hostile_to_attack(p: np.ndarray, personal: Judgement, at_parent: bool = True) -> np.ndarray:
    """Name-calling the parent's author is opposition: when a patterned personal attack hits
    the parent's author (``at_parent``) and the head does not already say attack, most of the
    support probability and some of the neutral move to attack (attack at least 0.6).
    Disparaging a third party ("people like that") is not opposition (see :func:`pile_on`)."""
    if personal.label != "personal-attack" or not at_parent or np.argmax(p) == 1:
        return p
    ps = 0.25 * p[0]
    pa = max(0.6, p[1] + 0.75 * p[0] + 0.5 * p[2])
    return np.array([ps, pa, max(0.0, 1.0 - ps - pa)])


def _shift(p: np.ndarray, src: int, dst: int, frac: float) -> np.ndarray:
    """``p`` with ``frac`` of class ``src``'s probability moved to class ``dst``."""
    q = np.array(p, dtype=float)
    q[dst] += frac * q[src]
    q[src] *= 1.0 - frac
    return q


def pile_on(p: np.ndarray, third_party: bool, cues: Cues) -> np.ndarray:
    """Disparaging a third party in reply, with no disagreement cue, sides with the parent
    ("People like that don't care, Margaret."): half of the attack probability moves to support."""
    if not third_party or cues.disagrees:
        return p
    return _shift(p, 1, 0, 0.5)


def adds_to(p: np.ndarray, cues: Cues) -> np.ndarray:
    """A reply that restates the parent's point and adds to it ("Trump *also* won the election
    because he campaigned on economic populism"), with no disagreement cue, is not a rebuttal:
    most of the attack probability moves to support."""
    if not cues.adds or cues.disagrees or cues.contrast:
        return p
    return _shift(p, 1, 0, 0.75)


def explicit_opener(p: np.ndarray, cues: Cues) -> np.ndarray:
    """An opener is the author's own word on their stance: a reply that opens with disagreement
    ("Actually they held two consultations", "No, ...") or repeats the parent's words and
    negates them ("... cannot be done online" against "... can be done online"), and says no
    agreement anywhere, is no agreement, whatever its topic words suggest to the head; one
    that opens with agreement ("Exactly.", "Right, Tony.") and shows no disagreement cue is
    no rebuttal. The head's choice moves three quarters of its probability to the cue's side.
    (Measured on subreddit-agreement, measure only: macro-F1 0.472 -> 0.478 for openers,
    0.479 with echo-then-negate; arg-microtexts decided accuracy 0.547 -> 0.550.)"""
    top = int(np.argmax(p))
    if top == 0 and (cues.disagree_open or cues.echo_negation) and not cues.agrees:
        return _shift(p, 0, 1, 0.75)
    if top == 1 and cues.agree_open and not cues.disagrees:
        return _shift(p, 1, 0, 0.75)
    return p


def adjust(p: np.ndarray, cues: Cues, personal: Judgement, aim: str) -> np.ndarray:
    """The head's probabilities after the decision rules, in order: whom an insult hits
    (:func:`hostile_to_attack`, :func:`pile_on`), adding to the parent (:func:`adds_to`),
    explicit cues (:func:`explicit_opener`)."""
    p = hostile_to_attack(p, personal, aim == "parent")
    p = pile_on(p, aim == "third", cues)
    return explicit_opener(adds_to(p, cues), cues)


def no_side(text: str, target: Target) -> tuple[float, Reason] | None:
    """(confidence, reason) when a reply takes no side whatever the head says: it has no text, its
    parent has none (a post missing from an export), or it is advertising. The one place this
    is decided: :func:`stance` zeroes such replies' probabilities (so nothing propagates to the
    thesis through them) and :func:`judge_stance` reports the reason."""
    if not text.strip():
        return 0.3, Reason("no-text")
    if sources.is_removed(text):
        return 0.9, Reason("removed")
    if not target.text.strip() or sources.is_removed(target.text):
        return 0.3, Reason("parent-no-text")
    if sources.is_spam(text):
        return 0.8, Reason("spam")
    return None


_UNSET = object()


def judge_stance(p: np.ndarray, cues: Cues, target: Target, text: str = "x",
                 personal: Judgement | None = None, aim: str = "parent", *, none: object = _UNSET,
                 learned: str = "") -> Judgement:
    """A reply's stance from its probabilities and cues, with a moderator-readable why.

    ``aim`` says whom the reply's insult patterns hit (:func:`attack_aims`); ``none`` is
    :func:`no_side`'s answer when the caller has it already; ``learned`` names a community
    head that decided ``p`` ("learned from 40 of your corrections"), added to the why."""
    if none is _UNSET:
        none = no_side(text, target)
    if none is not None:
        return Judgement("neutral", none[0], none[1].text, target.unit_id)
    order = np.argsort(-p)
    label = LABELS[int(order[0])]
    conf = float(p[order[0]])
    if label != "neutral" and conf - float(p[order[1]]) < NEUTRAL_MARGIN:
        label, conf = "neutral", float(p[LABELS.index("neutral")]) + NEUTRAL_MARGIN / 2
    reasons = cue_reason_codes(cues, label)
    if (label == "attack" and not reasons and personal is not None
            and personal.label == "personal-attack" and aim == "parent"):
        reasons.append(Reason("attacks-author", personal.why))
    if label == "support" and aim == "third" and not reasons and personal is not None:
        reasons.append(Reason("sides-against-third", personal.why))
    if target.reason.code == "quotes" and label != "neutral":
        reasons.insert(0, target.reason)
    if cues.sarcasm or cues.rhetorical:
        # sarcasm and rhetorical questions flip meaning: never a confident label
        conf = min(conf, 0.55)
        reasons.append(Reason("may-be-sarcastic"))
    shown = reasons[:2] or [_DEFAULT[label]]
    if learned:
        shown.append(Reason("learned", learned))
    return Judgement(label, round(min(conf, 0.97), 3), render(shown, limit=3), target.unit_id)


_DEFAULT = {"support": Reason("reads-support"), "attack": Reason("reads-attack"),
            "neutral": Reason("no-clear-side")}


def signed(p: np.ndarray) -> float:
    """support minus attack probability, in -1..1."""
    return float(p[0] - p[1])


@dataclass(frozen=True)
class Replies:
    """Everything the reply-stance head needs for the non-root comments of a map."""

    view: View
    comments: list[Comment]
    texts: list[str]
    targets: list[Target]
    cues: list[Cues]
    U: np.ndarray
    V: np.ndarray


def prepare(amap: ArgumentMap) -> Replies:
    """Targets, cues and vectors for every reply (shared with ``train/train_stance.py``).

    A reply to a comment is compared with that whole comment (as the head was trained);
    a reply to the root is compared with the root unit it targets (an article is long).
    """
    thread = amap.thread
    view = View.of(amap)
    comments = [c for c in thread.comments if c.parent_id is not None and c.parent_id in thread]
    texts = [view.own_text(c) for c in comments]
    targets, sides, U = [], [], []
    for c, t in zip(comments, texts, strict=True):
        parent = thread.get(c.parent_id)
        tg = choose_target(view, c, parent, t)
        targets.append(tg)
        whole = parent.parent_id is not None
        sides.append(view.own_text(parent) if whole else tg.text)
        U.append(view.vec(parent.id) if whole else tg.vec)
    cues = [find_cues(side, t) for side, t in zip(sides, texts, strict=True)]
    V = np.vstack([view.vec(c.id) for c in comments]) if comments else np.zeros((0, DIM))
    return Replies(view, comments, texts, targets, cues, np.vstack(U) if U else np.zeros((0, DIM)), V)

