"""GraphML for Gephi, yEd and networkx: the typed graph of :func:`argmap.graph.to_graph`
(comments, units, evidence, sources; reply, contains, cites, from_source, support
and attack edges), with each source's human review (``review``, ``review_why``).

GraphML attributes are scalars (``to_graph`` leaves out missing values). XML 1.0
cannot carry most control characters: in text they become U+FFFD (the JSON export
keeps them), in node ids they are written as ``\\uXXXX`` (see
:func:`~argmap.exporters._common.xml_id`), reversibly.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from ..graph import source_key, to_graph
from ..model import ArgumentMap
from ._common import xml_id, xml_safe


def _safe(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}


def to_digraph(amap: ArgumentMap) -> nx.DiGraph:
    """``to_graph(amap)`` made XML-safe, with source reviews on the source nodes."""
    g = to_graph(amap)
    for name, review in dict(amap.meta.get("source_reviews") or {}).items():
        node = source_key(name)
        if node in g:
            g.nodes[node].update(review=review.get("verdict"), review_why=review.get("why"))
    safe = nx.DiGraph(**_safe(dict(g.graph)))
    safe.add_nodes_from((xml_id(n), _safe(d)) for n, d in g.nodes(data=True))
    safe.add_edges_from((xml_id(a), xml_id(b), _safe(d)) for a, b, d in g.edges(data=True))
    return safe


def to_graphml(amap: ArgumentMap) -> str:
    """The map as GraphML text (read it back with ``networkx.read_graphml``)."""
    buf = io.BytesIO()
    nx.write_graphml(to_digraph(amap), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")
