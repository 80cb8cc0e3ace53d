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

This module is the step and its orchestration; the parts live in their own modules:
:mod:`argmap.stance_reply` (reply stance: target, head, decision rules, judgement),
:mod:`argmap.stance_thesis` (stance to the thesis) and :mod:`argmap.stance_attacks`
(personal-attack flags and whom insults hit). Reasons are :mod:`argmap.reasons` codes
rendered to each ``why``. Reply stance comes from a small head
(``argmap/data/stance_head.npz``, built by ``train/train_stance.py`` from hand-labelled
reply pairs) over discourse cues (:mod:`argmap.stance_cues`) and the MiniLM vectors of
parent and reply; a review store's learned community head (:mod:`argmap.community`) may
decide on top of it. All model work is batched over the thread: one head call for every
reply, one for every comment against the thesis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .. import attack
from ..model import ArgumentMap, Comment, CommentLabels, Judgement
from ..settings import DEFAULT, Settings
from ..stance_attacks import attack_aims, personal_attacks
from ..stance_cues import FEATURES as CUE_FEATURES
from ..stance_cues import Cues, feature_vector, find_cues, own_text  # noqa: F401

# the parts, re-exported: callers and tests import them from here
from ..stance_reply import (  # noqa: F401
    CLASS_BIAS,
    DIM,
    EMBED_PARTS,
    LABELS,
    NEUTRAL_MARGIN,
    Replies,
    Target,
    View,
    adds_to,
    adjust,
    choose_target,
    explicit_opener,
    feature_names,
    hostile_to_attack,
    judge_stance,
    no_side,
    pair_features,
    pile_on,
    prepare,
    reply_probabilities,
    signed,
)
from ..stance_thesis import (  # noqa: F401
    HOP_DECAY,
    ROOT_THRESHOLD,
    Thesis,
    choose_thesis,
    side,
    stance_to_root,
)


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
    attacks = _keep_pinned(amap, "personal-attack", r.comments,
                           personal_attacks(r.view, r.comments, r.texts, hits))
    aims = [attack_aims(amap, c, h) for c, h in zip(r.comments, hits, strict=True)]
    probs = np.vstack([adjust(p, q, a, aim) for p, q, a, aim in zip(probs, r.cues, attacks, aims, strict=True)])
    return Decided(r, hits, attacks, aims, probs)


def stance(amap: ArgumentMap, *, settings: Settings = DEFAULT, community=None) -> ArgumentMap:
    """Label every non-root comment's stance, stance to the thesis and personal attack.

    Args:
        amap: a map with the reply tree, units and vectors.
        settings: unused for now (thresholds live in the part modules, documented there).
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
    probs = d.probs.copy()
    learned = community is not None and community.usable
    if learned:
        probs = community.proba(probs, d.cue_matrix, r.V)
    # no text, a parent with no text, advertising: no side, and nothing to propagate
    nones = [no_side(t, tg) for t, tg in zip(r.texts, r.targets, strict=True)]
    probs[np.array([n is not None for n in nones])] = [0.0, 0.0, 1.0]
    stances = _keep_pinned(amap, "stance", r.comments, [
        judge_stance(p, q, tg, t, a, aim, none=n, learned=community.name if learned else "")
        for p, q, tg, t, a, aim, n in zip(probs, r.cues, r.targets, r.texts, d.attacks, d.aims, nones, strict=True)])
    for i, (c, st) in enumerate(zip(r.comments, stances, strict=True)):
        if amap.pinned("stance", c.id):  # a corrected stance propagates to the thesis as certain
            probs[i] = np.eye(3)[LABELS.index(st.label)]
    thesis = choose_thesis(r.view)
    fixed = {c.id: pin for c in r.comments if (pin := amap.pinned("stance-to-root", c.id))}
    to_root = stance_to_root(r.view, r.comments, r.texts, probs, stances, thesis, fixed)
    labels = [CommentLabels(c.id, s, t, a) for c, s, t, a in zip(r.comments, stances, to_root, d.attacks, strict=True)]
    meta = dict(amap.meta)
    if community is not None:
        meta["stance_model"] = _model_meta(community, learned)
    return replace(amap, comment_labels=tuple(labels), meta=meta)


def _keep_pinned(amap: ArgumentMap, kind: str, comments: list[Comment], found: list[Judgement]
                 ) -> list[Judgement]:
    """``found`` with each comment's corrected judgement of ``kind`` in its place (the
    correction keeps the target the step chose)."""
    return [pin.as_judgement(j.target) if (pin := amap.pinned(kind, c.id)) else j
            for c, j in zip(comments, found, strict=True)]


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

