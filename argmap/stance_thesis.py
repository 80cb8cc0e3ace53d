"""Stance to the thesis: each comment's stance toward the root's main thesis.

The thesis (:func:`choose_thesis`) is the root unit that restates the title plus the root
claims closest to it. A top-level comment's stance to the thesis is its stance to the
article; deeper down it is propagated (attacking an attacker of the thesis supports it)
and blended with the comment's own direct stance to the thesis text
(:func:`stance_to_root`), less confident per reply hop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import echo
from .model import Comment, Judgement, Pin, Unit
from .safetext import shorten
from .stance_cues import find_cues, own_text
from .stance_reply import View, reply_probabilities, signed

ROOT_THRESHOLD = 0.15    # |signed stance to the thesis| below this is neutral
# The head for a comment's own stance to the thesis (argmap/data/thesis_head.npz, built by
# ``train/train_stance_corpora.py --thesis``; ArgKP dev stance-to-topic accuracy 0.622 against
# 0.531 for the reply-stance head). Trained on IBM Debater ArgKP, CDLA-Sharing 1.0 (attributed
# in the README and the head's metadata).
THESIS_HEAD = "thesis_head"
HOP_DECAY = 0.85         # confidence kept per reply hop when propagating to the thesis


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
    """Each comment's own signed stance to the thesis text (one batched call of the thesis
    head: the reply-stance recipe trained on the project's pairs plus IBM ArgKP (topic,
    argument) pairs, :data:`THESIS_HEAD`)."""
    cues = [find_cues(thesis.text, t) for t in texts]
    U = np.repeat(thesis.vec[None, :], len(comments), axis=0)
    V = np.vstack([view.vec(c.id) for c in comments])
    return np.array([signed(p) for p in reply_probabilities(cues, U, V, THESIS_HEAD)])


def stance_to_root(view: View, comments: list[Comment], texts: list[str], probs: np.ndarray,
                   stances: list[Judgement], thesis: Thesis, fixed: Mapping[str, Pin] | None = None
                   ) -> list[Judgement]:
    """Stance toward the thesis: the parent's, flipped by an attack, blended with direct cues.

    A top-level comment's stance to the thesis is its stance to the article (:func:`side`). Deeper down,
    ``prop = s(reply -> parent) * sign(r(parent))`` when the parent takes a side (attacking
    an attacker of the thesis supports it; 0 when the parent is neutral), then
    ``r = HOP_DECAY * prop + 0.35 * (1 - |prop|) * direct``; confidence shrinks per hop.
    A corrected stance to the thesis (``fixed``, by comment id) is kept, and its replies
    inherit it as a certain side (+1, -1 or 0).
    """
    fixed = fixed or {}
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
        hops[c.id] = hops.get(c.parent_id, 0) + 1
        if (pin := fixed.get(c.id)) is not None:
            r[c.id] = {"support": 1.0, "attack": -1.0}.get(pin.value, 0.0)
            out.append(pin.as_judgement(thesis.unit_ids[0] if thesis.unit_ids else None))
            continue
        r[c.id] = score
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
    # a forum page has a title and no article: the thesis is the title's (and the opening post's)
    has_article = bool(view.amap.thread.root.text.strip())
    if hops == 1:
        # name what the thesis is: on a news report "disputes the article" may mean "disputes
        # the decision it reports", and the moderator sees which
        what = view.amap.thread.title.strip() or (thesis.text.strip() if thesis else "")
        named = ("the article" if has_article else "the thread's title") + (f" ('{shorten(what, 60)}')" if what else "")
        plain = "the article" if has_article else named
        return {"support": f"agrees with {named}", "attack": f"disputes {named}",
                "neutral": f"takes no clear side on {plain}"}[label]
    thesis_of = "the article's thesis" if has_article else "the thread's thesis"
    parent = view.amap.thread.get(c.parent_id)
    side = "backs" if parent_r > ROOT_THRESHOLD else "opposes" if parent_r < -ROOT_THRESHOLD else "is neutral on"
    verb = {"support": "agrees with", "attack": "disputes", "neutral": "answers"}[st.label]
    who = parent.author or parent.id
    if side == "is neutral on" and label != "neutral":
        # nothing to inherit from a parent that takes no side: the comment's own words decided
        own = "backs" if label == "support" else "opposes"
        return f"{own} {thesis_of} in its own words ({verb} {who}, who takes no side on it)"
    why = f"{verb} {who}, who {side} {thesis_of}"
    if label == "neutral" and st.label != "neutral" and side != "is neutral on":
        why += ", but the signals are too weak to place it on a side"
    return why

