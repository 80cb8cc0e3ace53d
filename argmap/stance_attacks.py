"""Personal attacks in the stance step: each comment's flag and whom its insults hit.

The patterns and the trained head are :mod:`argmap.attack`'s; this module applies them to
the comments of a map (one batched head call) and says whom a reply's insult patterns hit
(:func:`attack_aims`), which the reply-stance rules use (name-calling the parent's author
is opposition; disparaging a third party is piling on).
"""

from __future__ import annotations

import numpy as np

from . import attack, sources
from .model import ArgumentMap, Comment, Judgement
from .stance_reply import View


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


def personal_attacks(view: View, comments: list[Comment], texts: list[str],
                     hits: list[list[attack.Hit]] | None = None) -> list[Judgement]:
    """The personal-attack flag of each comment (patterns plus the trained head, batched);
    ``hits``: each text's insult patterns, when the caller found them already."""
    hits = [attack.find_patterns(t) for t in texts] if hits is None else hits
    vecs = np.vstack([view.vec(c.id) for c in comments])
    p = attack.head_probability(texts, vecs, hits)
    return [attack.judge(t, float(pi), hits=h) if t.strip() and not sources.is_removed(t) else
            Judgement("none", 0.3, "no text to judge") for t, pi, h in zip(texts, p, hits, strict=True)]

