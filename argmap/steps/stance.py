"""Stance to parent and to the root's thesis, and personal-attack flags.

Requires: the reply tree (``parent_id``), ``units`` (segment; ``kind`` from classify helps
pick the thesis) and ``vectors`` (embed: ``"units"`` rows align with ``units``,
``"comments"`` rows with ``thread.comments``). Assigns: ``comment_labels``, one
:class:`~argmap.model.CommentLabels` per non-root comment, in page order, with

- ``stance``: support / attack / neutral toward the parent, ``target`` = the parent unit
  it answers (chosen by quotation, then echoed wording, then embedding similarity);
- ``stance_to_root``: toward the root's main thesis (title plus the root claims most like it),
  propagated down the tree (attacking an attacker of the thesis supports it) and blended
  with the comment's direct stance to the thesis, less confident as the chain grows;
- ``personal_attack``: ``personal-attack`` or ``none`` (:mod:`argmap.attack`).

Reply stance comes from a small head (``argmap/data/stance_head.npz``, built by
``train/train_stance.py`` from hand-labelled reply pairs) over discourse cues
(:mod:`argmap.stance_cues`) and the MiniLM vectors of parent and reply. All model
work is batched over the thread: one head call for every reply, one for every
comment against the thesis.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from .. import attack, echo, sources
from ..model import ArgumentMap, Comment, CommentLabels, Judgement, Unit
from ..safetext import shorten
from ..settings import DEFAULT, Settings
from ..stance_cues import FEATURES as CUE_FEATURES
from ..stance_cues import Cues, cue_reasons, feature_vector, find_cues, own_text

LABELS = ("support", "attack", "neutral")
DIM = 384
EMBED_PARTS = ("prod", "absdiff", "reply")
# Added to the head's log-probabilities before the argmax: the label priors of real
# threads differ from those of the training pairs (CMV replies are ~70% attacks).
# Picked on subreddit-agreement (measure-only; three numbers, no weights fitted there).
CLASS_BIAS = {"support": 0.0, "attack": 0.0, "neutral": 0.0}
NEUTRAL_MARGIN = 0.0     # a top label ahead by less than this is reported as neutral
ROOT_THRESHOLD = 0.15    # |signed stance to the thesis| below this is neutral
HOP_DECAY = 0.85         # confidence kept per reply hop when propagating to the thesis


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


@lru_cache(maxsize=1)
def _head():
    from ..heads import load_head
    return load_head("stance_head")


def reply_probabilities(cues: list[Cues], U: np.ndarray, V: np.ndarray) -> np.ndarray:
    """``(n, 3)`` probabilities in :data:`LABELS` order, class bias applied."""
    if not cues:
        return np.zeros((0, 3))
    head = _head()
    p = head.predict_proba(pair_features(cues, U, V))
    p = p[:, [head.classes.index(lab) for lab in LABELS]]
    logits = np.log(np.clip(p, 1e-9, 1.0)) + np.array([CLASS_BIAS[lab] for lab in LABELS])
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# --- the view of a map that the step works on ------------------------------------------------

@dataclass(frozen=True)
class Target:
    """The part of the parent a reply answers: a unit (or the whole parent) and why."""

    unit_id: str | None
    text: str
    vec: np.ndarray
    why: str


@dataclass(frozen=True)
class View:
    """Lookups over one map: comment rows, unit rows per comment, own text per comment."""

    amap: ArgumentMap
    row: dict[str, int]
    units_by_comment: dict[str, list[int]]
    unit_vecs: np.ndarray
    comment_vecs: np.ndarray
    _words: dict[str, echo.Words] = field(default_factory=dict)

    @classmethod
    def of(cls, amap: ArgumentMap) -> View:
        comments = amap.thread.comments
        vecs = amap.vectors or {}
        cv = np.asarray(vecs.get("comments", np.zeros((len(comments), DIM))), dtype=np.float32)
        uv = np.asarray(vecs.get("units", np.zeros((len(amap.units), DIM))), dtype=np.float32)
        by: dict[str, list[int]] = {}
        for i, u in enumerate(amap.units):
            by.setdefault(u.comment_id, []).append(i)
        return cls(amap, {c.id: i for i, c in enumerate(comments)}, by, uv, cv)

    def units(self, comment_id: str, *, own: bool = True) -> list[int]:
        """Unit rows of a comment; with ``own``, those not quoted from elsewhere (if any)."""
        rows = self.units_by_comment.get(comment_id, [])
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
        """The comment's text tokenised for echo lookups (once per comment)."""
        if c.id not in self._words:
            self._words[c.id] = echo.words(c.text)
        return self._words[c.id]


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
            return Target(u.id, u.text, view.unit_vecs[i], f"quotes '{shorten(span.text, 40)}'")
    return None


def _echo_target(view: View, text: str, parent: Comment) -> Target | None:
    span = echo.longest_common_span(text, view.words(parent), min_content=2)
    i = _unit_at(view, parent.id, span.b_start) if span else None
    if i is None:
        return None
    u = view.amap.units[i]
    return Target(u.id, u.text, view.unit_vecs[i], f"repeats '{shorten(span.text, 40)}'")


def choose_target(view: View, reply: Comment, parent: Comment, reply_text: str) -> Target:
    """The parent unit a reply answers: by quotation, echoed wording, then meaning."""
    found = _quoted_target(view, reply, parent) or _echo_target(view, reply_text, parent)
    if found is not None:
        return found
    rows = view.units(parent.id)
    if not rows:
        text = own_text(parent.text)
        if not text.strip() and parent.parent_id is None:
            return Target(None, view.amap.thread.title.strip(), view.vec(parent.id), "answers the title")
        return Target(None, text, view.vec(parent.id), "answers the whole comment")
    best = rows[int(np.argmax(view.unit_vecs[rows] @ view.vec(reply.id)))]
    u = view.amap.units[best]
    return Target(u.id, u.text, view.unit_vecs[best], f"closest in meaning to '{shorten(u.text, 40)}'")


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


def no_side(text: str, target: Target) -> tuple[float, str] | None:
    """(confidence, why) when a reply takes no side whatever the head says: it has no text, its
    parent has none (a post missing from an export), or it is advertising. The one place this
    is decided: :func:`stance` zeroes such replies' probabilities (so nothing propagates to the
    thesis through them) and :func:`judge_stance` reports the reason."""
    if not text.strip():
        return 0.3, "no text to judge"
    if sources.is_removed(text):
        return 0.9, "deleted or removed: no text to judge"
    if not target.text.strip() or sources.is_removed(target.text):
        return 0.3, "the parent has no text to take a side on"
    if sources.is_spam(text):
        return 0.8, "looks like advertising or spam, not a reply"
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
        return Judgement("neutral", none[0], none[1], target.unit_id)
    order = np.argsort(-p)
    label = LABELS[int(order[0])]
    conf = float(p[order[0]])
    if label != "neutral" and conf - float(p[order[1]]) < NEUTRAL_MARGIN:
        label, conf = "neutral", float(p[LABELS.index("neutral")]) + NEUTRAL_MARGIN / 2
    reasons = cue_reasons(cues, label)
    if (label == "attack" and not reasons and personal is not None
            and personal.label == "personal-attack" and aim == "parent"):
        reasons.append(f"attacks the author ({personal.why})")
    if label == "support" and aim == "third" and not reasons and personal is not None:
        reasons.append(f"sides with the parent against someone else ({personal.why})")
    if target.why.startswith("quotes") and label != "neutral":
        reasons.insert(0, target.why)
    if cues.sarcasm or cues.rhetorical:
        # sarcasm and rhetorical questions flip meaning: never a confident label
        conf = min(conf, 0.55)
        reasons.append("may be sarcastic or rhetorical")
    why = "; ".join(reasons[:2]) or _default_why(label)
    if learned:
        why = f"{why}; {learned}"
    return Judgement(label, round(min(conf, 0.97), 3), why, target.unit_id)


def _default_why(label: str) -> str:
    return {"support": "reads as agreement with the parent",
            "attack": "reads as disagreement with the parent",
            "neutral": "takes no clear side"}[label]


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


@dataclass(frozen=True)
class Decided:
    """The shipped model's reply decisions before any community head: the prepared replies,
    their insult patterns, personal-attack flags and whom the insults hit, and the
    probabilities after the decision rules (:func:`adjust`)."""

    replies: Replies
    hits: list[list[attack.Hit]]
    attacks: list[Judgement]
    aims: list[str]
    probs: np.ndarray

    @property
    def comments(self) -> list[Comment]:
        return self.replies.comments

    @property
    def V(self) -> np.ndarray:
        return self.replies.V

    @property
    def cue_matrix(self) -> np.ndarray:
        """``(n, len(CUE_FEATURES))`` the cue features of each reply."""
        cues = self.replies.cues
        return np.vstack([feature_vector(c) for c in cues]) if cues else np.zeros((0, len(CUE_FEATURES)))


def reply_inputs(amap: ArgumentMap) -> Decided:
    """The shipped model's decisions for every reply (shared with :meth:`argmap.store.Store.learn`)."""
    r = prepare(amap)
    if not r.comments:
        return Decided(r, [], [], [], np.zeros((0, 3)))
    probs = reply_probabilities(r.cues, r.U, r.V)
    hits = [attack.find_patterns(t) for t in r.texts]  # insult patterns, found once per comment
    attacks = personal_attacks(r.view, r.comments, r.texts, hits)
    aims = [attack_aims(amap, c, h) for c, h in zip(r.comments, hits, strict=True)]
    probs = np.vstack([adjust(p, q, a, aim) for p, q, a, aim in zip(probs, r.cues, attacks, aims, strict=True)])
    return Decided(r, hits, attacks, aims, probs)


def stance(amap: ArgumentMap, *, settings: Settings = DEFAULT, community=None) -> ArgumentMap:
    """Label every non-root comment's stance, stance to the thesis and personal attack.

    Args:
        amap: a map with the reply tree, units and vectors.
        settings: unused for now (thresholds live in this module, documented above).
        community: a :class:`argmap.community.CommunityHead` learned from a review store's
            stance corrections (``argmap.analyze(thread, store=...)`` passes it); used on top
            of the shipped model when it is :attr:`~argmap.community.CommunityHead.usable`,
            and named in ``meta["stance_model"]`` and in each stance's ``why``.

    Returns:
        The map with ``comment_labels`` set, one record per non-root comment in page order.
    """
    d = reply_inputs(amap)
    r = d.replies
    if not r.comments:
        return amap
    probs = d.probs
    learned = community is not None and community.usable
    if learned:
        probs = community.proba(probs, d.cue_matrix, r.V)
    # no text, a parent with no text, advertising: no side, and nothing to propagate
    nones = [no_side(t, tg) for t, tg in zip(r.texts, r.targets, strict=True)]
    probs[np.array([n is not None for n in nones])] = [0.0, 0.0, 1.0]
    stances = [judge_stance(p, q, tg, t, a, aim, none=n, learned=community.name if learned else "")
               for p, q, tg, t, a, aim, n
               in zip(probs, r.cues, r.targets, r.texts, d.attacks, d.aims, nones, strict=True)]
    thesis = choose_thesis(r.view)
    to_root = stance_to_root(r.view, r.comments, r.texts, probs, stances, thesis)
    labels = [CommentLabels(c.id, s, t, a) for c, s, t, a in zip(r.comments, stances, to_root, d.attacks, strict=True)]
    meta = dict(amap.meta)
    if community is not None:
        meta["stance_model"] = _model_meta(community, learned)
    return replace(amap, comment_labels=tuple(labels), meta=meta)


def _model_meta(community, learned: bool) -> dict:
    """What ``meta["stance_model"]`` says about the reply-stance model used."""
    from ..community import MIN_EXAMPLES
    if learned:
        return {"name": community.name, "n_examples": community.n_examples,
                "cv_macro_f1": community.cv_macro_f1, "shipped_macro_f1": community.shipped_macro_f1,
                "created": community.created}
    return {"name": "shipped", "n_examples": community.n_examples,
            "why": f"learned from {community.n_examples} stance corrections; a community head is "
                   f"used from {MIN_EXAMPLES} (of at least two labels)"}


# --- the root's thesis and stance to it ---------------------------------------------------------

@dataclass(frozen=True)
class Thesis:
    """The root's main thesis: the units that state it, their text and pooled vector."""

    unit_ids: tuple[str, ...]
    text: str
    vec: np.ndarray


def choose_thesis(view: View, n_claims: int = 2) -> Thesis:
    """The title's unit (if the root restates it) plus the root claims most like the title."""
    thread = view.amap.thread
    rows = view.units(thread.root.id)
    if not rows:
        return Thesis((), thread.title or own_text(thread.root.text), view.vec(thread.root.id))
    units = [view.amap.units[i] for i in rows]
    title_row = _title_row(thread.title, units, rows)
    anchor = view.unit_vecs[title_row] if title_row is not None else view.vec(thread.root.id)
    claims = [i for i, u in zip(rows, units, strict=True) if u.kind == "claim" and i != title_row]
    pool = claims or [i for i in rows if i != title_row]
    best = sorted(pool, key=lambda i: -float(view.unit_vecs[i] @ anchor))[:n_claims]
    chosen = sorted(([title_row] if title_row is not None else []) + best)
    vec = view.unit_vecs[chosen].mean(axis=0)
    vec = vec / (np.linalg.norm(vec) or 1.0)
    picked: list[Unit] = [view.amap.units[i] for i in chosen]
    return Thesis(tuple(u.id for u in picked), " ".join(u.text for u in picked), vec)


def _title_row(title: str, units: list[Unit], rows: list[int]) -> int | None:
    """The root unit that restates the title (most of the title's content words)."""
    want = echo.words(title).content_keys() if title else set()
    if not want:
        return None
    scored = [(len(want & echo.words(u.text).content_keys()) / len(want), i)
              for u, i in zip(units[:10], rows[:10], strict=True)]
    share, row = max(scored)
    return row if share >= 0.5 else None


def _direct_to_thesis(view: View, comments: list[Comment], texts: list[str],
                      thesis: Thesis) -> np.ndarray:
    """Each comment's own signed stance to the thesis text (one batched head call)."""
    cues = [find_cues(thesis.text, t) for t in texts]
    U = np.repeat(thesis.vec[None, :], len(comments), axis=0)
    V = np.vstack([view.vec(c.id) for c in comments])
    return np.array([signed(p) for p in reply_probabilities(cues, U, V)])


def stance_to_root(view: View, comments: list[Comment], texts: list[str], probs: np.ndarray,
                   stances: list[Judgement], thesis: Thesis) -> list[Judgement]:
    """Stance toward the thesis: the parent's, flipped by an attack, blended with direct cues.

    A top-level comment's stance to the thesis is its stance to the article (:func:`side`). Deeper down,
    ``prop = s(reply -> parent) * sign(r(parent))`` when the parent takes a side (attacking
    an attacker of the thesis supports it; 0 when the parent is neutral), then
    ``r = HOP_DECAY * prop + 0.35 * (1 - |prop|) * direct``; confidence shrinks per hop.
    """
    root_id = view.amap.thread.root.id
    if not thesis.text.strip():
        return [Judgement("neutral", 0.3, "the thread has no article or title to take a side on")
                for _ in comments]
    direct = _direct_to_thesis(view, comments, texts, thesis)
    r: dict[str, float] = {root_id: 1.0}
    hops: dict[str, int] = {root_id: 0}
    out = []
    for c, p, st, d in zip(comments, probs, stances, direct, strict=True):
        parent_r = r.get(c.parent_id, 0.0)
        s = side(p, st.label)
        prop = s * float(np.sign(parent_r)) if abs(parent_r) > ROOT_THRESHOLD else 0.0
        score = HOP_DECAY * prop + 0.35 * (1 - abs(prop)) * d if c.parent_id != root_id else s
        r[c.id], hops[c.id] = score, hops.get(c.parent_id, 0) + 1
        out.append(_root_judgement(view, c, score, st, parent_r, hops[c.id], thesis))
    return out


def side(p: np.ndarray, label: str) -> float:
    """The reply's signed stance (support minus attack probability) in the direction of its
    label, at least just past :data:`ROOT_THRESHOLD` (0 for neutral): a top-level comment's
    stance to the thesis then agrees with its stance to the article."""
    if label == "neutral":
        return 0.0
    direction = 1.0 if label == "support" else -1.0
    return direction * max(abs(signed(p)), ROOT_THRESHOLD + 0.01)


def _root_judgement(view: View, c: Comment, score: float, st: Judgement, parent_r: float,
                    hops: int, thesis: Thesis) -> Judgement:
    label = "support" if score > ROOT_THRESHOLD else "attack" if score < -ROOT_THRESHOLD else "neutral"
    conf = float((0.5 + 0.45 * min(1.0, abs(score))) * HOP_DECAY ** (hops - 1))
    if label == "neutral":
        conf = float(0.5 * HOP_DECAY ** (hops - 1))
    target = thesis.unit_ids[0] if thesis.unit_ids else None
    return Judgement(label, round(conf, 3), _root_why(view, c, label, st, parent_r, hops, thesis), target)


def _root_why(view: View, c: Comment, label: str, st: Judgement, parent_r: float, hops: int,
              thesis: Thesis | None = None) -> str:
    if hops == 1:
        # name what the thesis is: on a news report "disputes the article" may mean "disputes
        # the decision it reports", and the moderator sees which
        what = view.amap.thread.title.strip() or (thesis.text.strip() if thesis else "")
        about = f" ('{shorten(what, 60)}')" if what else ""
        return {"support": f"agrees with the article{about}", "attack": f"disputes the article{about}",
                "neutral": "takes no clear side on the article"}[label]
    parent = view.amap.thread.get(c.parent_id)
    side = "backs" if parent_r > ROOT_THRESHOLD else "opposes" if parent_r < -ROOT_THRESHOLD else "is neutral on"
    verb = {"support": "agrees with", "attack": "disputes", "neutral": "answers"}[st.label]
    who = parent.author or parent.id
    if side == "is neutral on" and label != "neutral":
        # nothing to inherit from a parent that takes no side: the comment's own words decided
        own = "backs" if label == "support" else "opposes"
        return f"{own} the article's thesis in its own words ({verb} {who}, who takes no side on it)"
    why = f"{verb} {who}, who {side} the article's thesis"
    if label == "neutral" and st.label != "neutral" and side != "is neutral on":
        why += ", but the signals are too weak to place it on a side"
    return why


def attack_aims(amap: ArgumentMap, c: Comment, hits: list[attack.Hit]) -> str:
    """Whom a reply's insult or ad hominem patterns (``hits``) hit: ``"parent"`` (the parent's
    author: second person, or by name; a name in a reply to the root counts, as commenters
    name the article's author or subject), ``"third"`` (only someone else), or ``""``."""
    if not hits:
        return ""
    parent = amap.thread.get(c.parent_id)
    if parent.parent_id is None and any(h.aim == "named" for h in hits):
        return "parent"
    return "parent" if attack.aimed_at(hits, parent.author) else "third"


# --- personal attacks ---------------------------------------------------------------------------

def personal_attacks(view: View, comments: list[Comment], texts: list[str],
                     hits: list[list[attack.Hit]] | None = None) -> list[Judgement]:
    """The personal-attack flag of each comment (patterns plus the trained head, batched);
    ``hits``: each text's insult patterns, when the caller found them already."""
    hits = [attack.find_patterns(t) for t in texts] if hits is None else hits
    vecs = np.vstack([view.vec(c.id) for c in comments])
    p = attack.head_probability(texts, vecs, hits)
    return [attack.judge(t, float(pi), hits=h) if t.strip() and not sources.is_removed(t) else
            Judgement("none", 0.3, "no text to judge") for t, pi, h in zip(texts, p, hits, strict=True)]
