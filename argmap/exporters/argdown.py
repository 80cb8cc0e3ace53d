"""Argdown text (https://argdown.org): each proposition a statement ``[label]: text``,
with the statements that support it (``+``) or attack it (``-``) indented below.

Text is put on one line, bidi overrides are dropped, and every character Argdown
gives a meaning to is escaped with a backslash, so thread text can never start a
reference, tag, mention, comment or data block, nor reorder the line around it. Labels are ``author index.n`` (the n-th unit of comment
number ``index``), kept to letters, digits and a few safe marks.
"""

from __future__ import annotations

import re

from ..model import ArgumentMap
from ._common import Proposition, one_line, propositions

# Argdown's inline syntax: references [..] <..>, tags #, mentions @, emphasis * _,
# data {..}, comments // /* */ and HTML <..>, plus the escape character itself.
_SPECIAL = re.compile(r"([\\\[\]<>#@*_{}/])")
_LABEL_BAD = re.compile(r"[^\w .'-]+")


# Bidi embeddings, overrides and isolates would reorder the rest of the line in an editor
# (labels, tags, relation signs: "Trojan Source"); marks such as U+200F are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """One line of text, safe inside an Argdown statement."""
    return _SPECIAL.sub(r"\\\1", _BIDI_CONTROLS.sub("", one_line(text)))


def unescape(text: str) -> str:
    """Inverse of :func:`escape` (on the one-line text)."""
    return re.sub(r"\\(.)", r"\1", text)


def _labels(amap: ArgumentMap, props: list[Proposition]) -> dict[str, str]:
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for p in props:
        c = amap.thread.get(p.comment_id)
        who = _LABEL_BAD.sub(" ", one_line(c.author or ("article" if c.parent_id is None else "anonymous")))
        who = " ".join(who.split())[:30].strip() or "anonymous"
        if p.kind == "comment":
            labels[p.id] = f"{who} {c.index}"
        else:
            seen[c.id] = seen.get(c.id, 0) + 1
            labels[p.id] = f"{who} {c.index}.{seen[c.id]}"
    return labels


def to_argdown(amap: ArgumentMap) -> str:
    """The map as Argdown text.

    Example:
        >>> from argmap.model import Comment, Relation, Thread
        >>> t = Thread("t", "T", "generic", (Comment("root", "", "Tax [sugar]!", None, 0),
        ...     Comment("c1", "ann", "It works.", "root", 1)))
        >>> m = ArgumentMap(thread=t, relations=(Relation("c1", "root", "support", 0.9, "agrees"),))
        >>> print(to_argdown(m))
        # T
        <BLANKLINE>
        [article 0]: Tax \\[sugar\\]!
            + [ann 1]
        <BLANKLINE>
        [ann 1]: It works.
        <BLANKLINE>
    """
    props = propositions(amap)
    labels = _labels(amap, props)
    status = {s.unit_id: s.status for s in amap.statuses}
    lines = [f"# {escape(amap.thread.title) or 'Thread'}", ""]
    for p in props:
        tags = "" if p.kind == "comment" else f" #({p.kind})"
        if p.id in status:
            tags += f" #({status[p.id]})"
        lines.append(f"[{labels[p.id]}]: {escape(p.text)}{tags}")
        for r in amap.relations:
            if r.target == p.id and r.source in labels:
                lines.append(f"    {'+' if r.label == 'support' else '-'} [{labels[r.source]}]")
        lines.append("")
    return "\n".join(lines)
