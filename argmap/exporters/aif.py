"""AIF JSON as AIFdb and OVA read it (``nodes``, ``edges``, ``locutions``, ``participants``).

Each proposition (a unit, or a comment when there are no units) is an I-node; who
said it is an L-node ("author : text") joined to it by a YA node (Asserting, or Pure
Questioning for questions). A reply is a TA node (Default Transition) from the
parent's first locution to the reply's. A support relation is an RA node (Default
Inference) between I-nodes, an attack a CA node (Default Conflict); when it answers
the parent comment, a YA node (Arguing / Disagreeing) anchors it in the reply's TA.
Node ids are strings of integers, as AIFdb writes them.
"""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from ..model import ArgumentMap, Comment
from ._common import Proposition, propositions

# AIFdb's scheme names and ids, as AIFdb's own corpus exports write them (Pure Questioning
# is written "PureQuestioning", id 91, next to node text "Pure Questioning").
SCHEMES = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "TA": ("Default Transition", "82"),
    "Asserting": ("Asserting", "74"),
    "Pure Questioning": ("PureQuestioning", "91"),
    "Arguing": ("Arguing", "80"),
    "Disagreeing": ("Disagreeing", "78"),
}


class _Builder:
    """Accumulates nodes and edges with fresh integer ids."""

    def __init__(self) -> None:
        self.ids = count(1)
        self.edge_ids = count(1)
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []

    def node(self, text: str, type_: str, timestamp: str, scheme: str | None = None) -> str:
        nid = str(next(self.ids))
        node = {"nodeID": nid, "text": text, "type": type_, "timestamp": timestamp}
        if scheme:
            node["scheme"], node["schemeID"] = SCHEMES[scheme]
        self.nodes.append(node)
        return nid

    def edge(self, src: str, dst: str) -> None:
        self.edges.append({"edgeID": str(next(self.edge_ids)), "fromID": src, "toID": dst,
                           "formEdgeID": None})


def _timestamp(c: Comment) -> str:
    """AIFdb's ``YYYY-MM-DD HH:MM:SS`` from an ISO date, or empty."""
    return (c.created or "").replace("T", " ")[:19]


def _speaker(c: Comment) -> str:
    return c.author or ("article" if c.parent_id is None else "anonymous")


def to_aif(amap: ArgumentMap) -> str:
    """The map as AIF JSON text (validates against ``data/schema/aif.schema.json``)."""
    return json.dumps(to_aif_dict(amap), indent=2, ensure_ascii=False) + "\n"


def to_aif_dict(amap: ArgumentMap) -> dict[str, Any]:
    """The AIF document as plain data."""
    b = _Builder()
    people = {name: str(i) for i, name in
              enumerate(dict.fromkeys(_speaker(c) for c in amap.thread.comments), 1)}
    inode, first_l, locutions = _locutions(amap, b, people)
    transition: dict[str, str] = {}  # reply comment id -> its TA node
    for c in amap.thread.comments:
        if c.parent_id in first_l and c.id in first_l:
            transition[c.id] = ta = b.node(SCHEMES["TA"][0], "TA", _timestamp(c), "TA")
            b.edge(first_l[c.parent_id], ta)
            b.edge(ta, first_l[c.id])
    for r in amap.relations:
        if r.source in inode and r.target in inode:
            _relation(amap, b, r, inode, transition)
    participants = [{"participantID": pid, "firstname": name, "surname": ""}
                    for name, pid in people.items()]
    return {"nodes": b.nodes, "edges": b.edges, "locutions": locutions, "participants": participants}


def _relation(amap: ArgumentMap, b: _Builder, r, inode: dict[str, str], transition: dict[str, str]) -> None:
    """An RA (support) or CA (attack) node; when the relation answers the parent comment,
    a YA node (Arguing / Disagreeing) anchors it in the reply's transition, as IAT does."""
    kind = "RA" if r.label == "support" else "CA"
    src, dst = _comment_of(amap, r.source), _comment_of(amap, r.target)
    s = b.node(SCHEMES[kind][0], kind, _timestamp(src), kind)
    b.edge(inode[r.source], s)
    b.edge(s, inode[r.target])
    if src.parent_id == dst.id and src.id in transition:
        illocution = "Arguing" if kind == "RA" else "Disagreeing"
        ya = b.node(illocution, "YA", _timestamp(src), illocution)
        b.edge(transition[src.id], ya)
        b.edge(ya, s)


def _comment_of(amap: ArgumentMap, node_id: str) -> Comment:
    if node_id in amap.thread:
        return amap.thread.get(node_id)
    unit = next(u for u in amap.units if u.id == node_id)
    return amap.thread.get(unit.comment_id)


def _locutions(amap: ArgumentMap, b: _Builder, people: dict[str, str]):
    """I-, L- and YA-nodes for every proposition; returns the id maps and locutions."""
    inode: dict[str, str] = {}
    first_l: dict[str, str] = {}
    locutions: list[dict[str, Any]] = []
    for p in propositions(amap):
        c = amap.thread.get(p.comment_id)
        stamp = _timestamp(c)
        inode[p.id] = b.node(p.text, "I", stamp)
        lnode = b.node(f"{_speaker(c)} : {p.text}", "L", stamp)
        first_l.setdefault(c.id, lnode)
        locutions.append({"nodeID": lnode, "personID": people[_speaker(c)], "timestamp": stamp,
                          "start": None, "end": None, "source": ""})
        illocution = "Pure Questioning" if _is_question(p) else "Asserting"
        ya = b.node(illocution, "YA", stamp, illocution)
        b.edge(lnode, ya)
        b.edge(ya, inode[p.id])
    return inode, first_l, locutions


def _is_question(p: Proposition) -> bool:
    return p.kind == "question"
