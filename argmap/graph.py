"""An :class:`~argmap.model.ArgumentMap` as a typed ``networkx.DiGraph``, and pure
queries over it.

Nodes carry ``type``: ``comment`` (id = comment id), ``unit`` (id = unit id),
``evidence`` (id = evidence id) and ``source`` (id = ``"source:" + normalised
name``, one node per cited source shared by all evidence naming it). Edges carry
``type``:

=============  ===================  ==============================================
type           direction            meaning
=============  ===================  ==============================================
``reply``      child -> parent      comment replies to comment (``source``,
                                    ``confidence``, ``why`` of the reply link; plus
                                    ``stance``/``stance_confidence``/``stance_why``)
``contains``   comment -> unit      the unit is a span of the comment
``cites``      unit -> evidence     the unit cites the evidence
``from_source`` evidence -> source  the evidence names the source
``support``    unit -> unit         a support relation (``confidence``, ``why``)
``attack``     unit -> unit         an attack relation (``confidence``, ``why``)
=============  ===================  ==============================================

A comment-to-comment relation (no target unit known) lands on the reply edge
between the two comments as its ``stance`` attributes, or, when there is no such
edge, as a ``support``/``attack`` edge between the comment nodes.

Every attribute value is a ``str``, ``int``, ``float`` or ``bool`` (``None``
values are left out), so the graph is JSON-able and GraphML-safe. Claim unit nodes
carry ``status`` and ``status_why``.

The queries take the graph and return plain values (lists, dicts, tuples), in
the habit of networkx's algorithms. "Claims" there are own (unquoted) claim units
and the premises the status step treats as argued points (nodes with ``status``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from .model import ArgumentMap, Comment, Evidence, Unit
from .sources import source_key

NODE_TYPES = ("comment", "unit", "evidence", "source")
EDGE_TYPES = ("reply", "contains", "cites", "from_source", "support", "attack")


def to_graph(amap: ArgumentMap) -> nx.DiGraph:
    """The map as a typed directed graph (see the module docstring).

    Raises:
        ValueError: when two records of different types share an id.

    Example:
        >>> from argmap.model import ArgumentMap, Comment, Thread, Unit
        >>> t = Thread("t", "T", "generic", (Comment("root", "mo", "Cats rule.", None, 0),))
        >>> amap = ArgumentMap(thread=t, units=(Unit("root:0", "root", 0, 10, "Cats rule.", "claim", 0.9, "x"),))
        >>> G = to_graph(amap)
        >>> G.nodes["root:0"]["type"], G.edges["root", "root:0"]["type"]
        ('unit', 'contains')
    """
    G = nx.DiGraph(id=amap.thread.id, title=amap.thread.title)
    for c in amap.thread.comments:
        _add_node(G, c.id, "comment", **_comment_attrs(c, amap.labels_for(c.id)))
    for c in amap.thread.comments:
        if c.parent_id is not None and c.parent_id in G:
            G.add_edge(c.id, c.parent_id, **_clean(type="reply", **_reply_attrs(c, amap.labels_for(c.id))))
    for u in amap.units:
        s = amap.status_of(u.id)
        _add_node(G, u.id, "unit", **_unit_attrs(u), status=s and s.status, status_why=s and s.why)
        G.add_edge(u.comment_id, u.id, type="contains")
    for e in amap.evidence:
        _add_evidence(G, e)
    for r in amap.relations:
        _add_relation(G, r.source, r.target, r.label, r.confidence, r.why)
    return G


def _clean(**attrs: Any) -> dict[str, Any]:
    """Attributes without ``None`` values (GraphML has no null)."""
    return {k: v for k, v in attrs.items() if v is not None}


def _add_node(G: nx.DiGraph, node: str, node_type: str, /, **attrs: Any) -> None:
    if node in G and G.nodes[node]["type"] != node_type:
        raise ValueError(f"id {node!r} is used by a {G.nodes[node]['type']} and a {node_type}")
    G.add_node(node, **_clean(type=node_type, **attrs))


def _comment_attrs(c: Comment, labels: Any) -> dict[str, Any]:
    pa = labels.personal_attack if labels else None
    sr = labels.stance_to_root if labels else None
    return dict(author=c.author, index=c.index, text=c.text, empty=c.empty, created=c.created,
                personal_attack=bool(pa and pa.label == "personal-attack"),
                personal_attack_confidence=pa.confidence if pa else None,
                personal_attack_why=pa.why if pa else None,
                stance_to_root=sr.label if sr else None,
                stance_to_root_confidence=sr.confidence if sr else None)


def _reply_attrs(c: Comment, labels: Any) -> dict[str, Any]:
    st = labels.stance if labels else None
    link = c.parent
    return dict(source=link.source if link else None, confidence=link.confidence if link else None,
                why=link.why if link else None, stance=st.label if st else None,
                stance_confidence=st.confidence if st else None, stance_why=st.why if st else None)


def _unit_attrs(u: Unit) -> dict[str, Any]:
    return dict(comment_id=u.comment_id, start=u.start, end=u.end, text=u.text, kind=u.kind,
                confidence=u.confidence, why=u.why, quoted=u.quoted, quoted_from=u.quoted_from,
                claim_type=u.claim_type)


def _add_evidence(G: nx.DiGraph, e: Evidence) -> None:
    _add_node(G, e.id, "evidence", unit_id=e.unit_id, comment_id=e.comment_id, kind=e.kind,
              source=e.source, text=e.text, start=e.start, end=e.end, confidence=e.confidence,
              why=e.why, url=e.url, refers_to=e.refers_to)
    if e.unit_id in G:
        G.add_edge(e.unit_id, e.id, type="cites", confidence=e.confidence, why=e.why)
    name = e.source or e.text
    key = source_key(name)
    if key not in G:
        _add_node(G, key, "source", name=name, kinds=e.kind)
    elif e.kind not in G.nodes[key]["kinds"].split(","):
        G.nodes[key]["kinds"] += "," + e.kind
    G.add_edge(e.id, key, type="from_source")


def _add_relation(G: nx.DiGraph, s: str, t: str, label: str, conf: float, why: str) -> None:
    if s not in G or t not in G:
        return
    if G.has_edge(s, t) and G.edges[s, t]["type"] == "reply":
        G.edges[s, t].update(stance=label, stance_confidence=conf, stance_why=why)
        return
    G.add_edge(s, t, type=label, confidence=conf, why=why)


# --- queries ---------------------------------------------------------------------

def _is_claim(G: nx.DiGraph, n: str) -> bool:
    """An own claim, or a unit the status step treated as an argued point (it has a status)."""
    d = G.nodes[n]
    return d["type"] == "unit" and not d.get("quoted", False) and (d.get("kind") == "claim" or "status" in d)


def _claims(G: nx.DiGraph) -> list[str]:
    return [n for n in G if _is_claim(G, n)]


def _argument_in(G: nx.DiGraph, n: str, kinds: tuple[str, ...] = ("support", "attack")) -> list[tuple[str, dict]]:
    return [(s, d) for s, _, d in G.in_edges(n, data=True) if d["type"] in kinds]


def central_claims(G: nx.DiGraph, n: int = 5) -> list[tuple[str, float]]:
    """The ``n`` claims most argued about: ``(unit id, score)``, highest first.

    The score sums the confidence of every support and attack edge into the claim,
    plus half that of edges into the units that support it (a claim whose reasons
    are debated is central too). Ties keep page order.

    Example:
        >>> import networkx as nx
        >>> G = nx.DiGraph()
        >>> for u in ("a", "b", "c"):
        ...     G.add_node(u, type="unit", kind="claim")
        >>> G.add_edge("b", "a", type="attack", confidence=0.8)
        >>> G.add_edge("c", "a", type="support", confidence=0.5)
        >>> central_claims(G, n=2)
        [('a', 1.3), ('b', 0.0)]
    """
    def score(c: str) -> float:
        direct = _argument_in(G, c)
        total = sum(d.get("confidence", 1.0) for _, d in direct)
        for s, d in direct:
            if d["type"] == "support":
                total += 0.5 * sum(e.get("confidence", 1.0) for _, e in _argument_in(G, s))
        return round(float(total), 4)

    ranked = sorted(((c, score(c)) for c in _claims(G)), key=lambda x: -x[1])
    return ranked[:n]


def most_attacked_claims(G: nx.DiGraph, n: int | None = None) -> list[tuple[str, int]]:
    """Claims with at least one attack: ``(unit id, number of attacks)``, most first.

    Example:
        >>> import networkx as nx
        >>> G = nx.DiGraph()
        >>> for u in ("a", "b", "c"):
        ...     G.add_node(u, type="unit", kind="claim")
        >>> G.add_edges_from([("b", "a"), ("c", "a"), ("a", "b")], type="attack")
        >>> most_attacked_claims(G)
        [('a', 2), ('b', 1)]
    """
    counts = [(c, len(_argument_in(G, c, ("attack",)))) for c in _claims(G)]
    ranked = sorted((x for x in counts if x[1]), key=lambda x: -x[1])
    return ranked if n is None else ranked[:n]


def unanswered_claims(G: nx.DiGraph) -> list[str]:
    """Claims nobody else responded to: no support or attack edge arrives from a unit
    of another comment (nor from another comment), in page order.

    Example:
        >>> import networkx as nx
        >>> G = nx.DiGraph()
        >>> G.add_node("a", type="unit", kind="claim", comment_id="c1")
        >>> G.add_node("b", type="unit", kind="claim", comment_id="c1")
        >>> G.add_node("x", type="unit", kind="claim", comment_id="c2")
        >>> G.add_edge("x", "a", type="attack")
        >>> unanswered_claims(G)
        ['b', 'x']
    """
    def answered(c: str) -> bool:
        own = G.nodes[c].get("comment_id")
        return any(G.nodes[s].get("comment_id", s) != own for s, _ in _argument_in(G, c))

    return [c for c in _claims(G) if not answered(c)]


def claims_per_participant(G: nx.DiGraph) -> dict[str, int]:
    """Own (unquoted) claims per author, most first; authors with no claims left out.

    Example:
        >>> import networkx as nx
        >>> G = nx.DiGraph()
        >>> G.add_node("c1", type="comment", author="ann")
        >>> G.add_node("c2", type="comment", author="bob")
        >>> G.add_node("c1:0", type="unit", kind="claim", comment_id="c1")
        >>> G.add_node("c1:9", type="unit", kind="claim", comment_id="c1")
        >>> G.add_node("c2:0", type="unit", kind="claim", comment_id="c2", quoted=True)
        >>> claims_per_participant(G)
        {'ann': 2}
    """
    counts = Counter(G.nodes[G.nodes[c]["comment_id"]].get("author", "") for c in _claims(G))
    return dict(counts.most_common())
