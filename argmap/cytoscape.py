"""An :class:`~argmap.model.ArgumentMap` as Cytoscape.js elements, stylesheet and legend.

Pure functions, no Streamlit. The app's map is now the card tree of :mod:`argmap.debate`;
this module still gives it the sidebar filters (:class:`MapFilter`) and the detail panel's
data (:func:`claim_detail`), and keeps the Cytoscape.js elements for anyone embedding the map
in a Cytoscape.js page (no Python component is needed for that).

- Claims are nodes coloured by their sourced-support status; other argumentative
  units appear when a relation ties them to a shown claim.
- Each distinct source (a URL, "the Mueller report", a study) is one node with a
  dotted ``cites`` edge to every unit that cites it, so a source many claims rely
  on is visible as a hub.
- ``support`` edges are solid green arrows, ``attack`` edges dashed red bars.

Every string from the thread goes through :func:`argmap.safetext.escape_label`
before it reaches the component, and element ids are opaque (``u3``, ``s1``), so
thread-controlled ids never reach a selector. :class:`MapView` maps them back.

Example:
    >>> from argmap.model import ArgumentMap, Comment, Thread, Unit, ClaimStatus
    >>> t = Thread("t", "T", "generic", (Comment("r", "", "Root.", None, 0),
    ...     Comment("c1", "<b>ann</b>", "Cats rule.", "r", 1)))
    >>> u = Unit("c1:0", "c1", 0, 10, "Cats rule.", "claim", 0.9, "a verdict")
    >>> amap = ArgumentMap(t, units=(u,), statuses=(ClaimStatus("c1:0", "unsourced", "no source"),))
    >>> view = build_view(amap)
    >>> view.elements["nodes"][0]["data"]["author"]
    '&lt;b&gt;ann&lt;/b&gt;'
    >>> view.ref["u0"]
    ('unit', 'c1:0')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .look import NO_STATUS as _NONE
from .look import STATUS_LOOKS
from .model import ArgumentMap, ClaimStatus, Comment, Evidence, Judgement, Relation, Unit
from .safetext import escape_label
from .settings import DEFAULT, Settings
from .sources import evidence_source_key

# status: (colour, what it means to a reader), from the one table of status looks (argmap.look)
STATUS_STYLE: dict[str, tuple[str, str]] = {s: (look.hex, look.meaning) for s, look in STATUS_LOOKS.items()}
NO_STATUS = (_NONE.hex, _NONE.meaning)
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    # unit kind: (colour, shape, meaning) for units that are not claims
    "premise": ("#90caf9", "round-rectangle", "a reason given for a claim"),
    "evidence": ("#a1887f", "round-rectangle", "a unit reporting evidence"),
    "question": ("#ce93d8", "round-rectangle", "a question"),
    "other": ("#e0e0e0", "round-rectangle", "other text"),
    "claim": ("#cfd8dc", "ellipse", "a claim quoted from elsewhere"),
}
EDGE_STYLE: dict[str, tuple[str, str, str, str]] = {
    # label: (colour, line style, arrow shape, meaning)
    "support": ("#2e7d32", "solid", "triangle", "supports"),
    "attack": ("#c62828", "dashed", "tee", "attacks"),
    "cites": ("#8d6e63", "dotted", "none", "source cited by"),
}
SOURCE_COLOUR = "#5d4037"


@dataclass(frozen=True)
class MapFilter:
    """What the map and claims table show. Empty tuples mean "no restriction".

    Attributes:
        statuses: claim statuses to keep.
        authors: participants whose claims to keep.
        stances: keep claims in comments with this stance to their parent
            (``support``, ``attack``, ``neutral``; ``none`` for no stance).
        min_confidence: hide claims and relations judged less surely than this.
    """

    statuses: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    min_confidence: float = 0.0

    def keeps(self, *, status: str, author: str, stance: str, confidence: float) -> bool:
        """True when a claim with these attributes passes every restriction."""
        return (confidence >= self.min_confidence
                and (not self.statuses or status in self.statuses)
                and (not self.authors or author in self.authors)
                and (not self.stances or stance in self.stances))

    @property
    def active(self) -> bool:
        """True when any restriction is set."""
        return bool(self.statuses or self.authors or self.stances or self.min_confidence > 0)


def status_index(amap: ArgumentMap) -> dict[str, str]:
    """Unit id -> status for every claim that has one."""
    return {s.unit_id: s.status for s in amap.statuses}


def stance_index(amap: ArgumentMap) -> dict[str, str]:
    """Comment id -> its stance to its parent (comments without one are absent)."""
    return {cl.comment_id: cl.stance.label for cl in amap.comment_labels if cl.stance}


def visible_claims(amap: ArgumentMap, keep: MapFilter = MapFilter()) -> list[Unit]:
    """The claims ``keep`` lets through, in page order.

    A claim without a computed status counts as status ``""``; a comment without
    a stance counts as stance ``none``.
    """
    statuses, stances = status_index(amap), stance_index(amap)
    return [u for u in amap.claims() if keep.keeps(
        status=statuses.get(u.id, ""), author=amap.thread.get(u.comment_id).author,
        stance=stances.get(u.comment_id, "none"), confidence=u.confidence)]


@dataclass
class MapView:
    """Elements for the component plus ``ref``: element id -> (``unit``|``source``|``comment``, key),
    and ``hidden``: how many claims the filter let through but the node limit left out."""

    elements: dict[str, list[dict[str, Any]]]
    ref: dict[str, tuple[str, str]] = field(default_factory=dict)
    hidden: int = 0

    @property
    def node_count(self) -> int:
        return len(self.elements["nodes"])

    @property
    def edge_count(self) -> int:
        return len(self.elements["edges"])


class _Builder:
    """Collects nodes and edges with opaque ids; one instance per :func:`build_view`."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.units = {u.id: (i, u) for i, u in enumerate(amap.units)}
        self.comments = {c.id: (i, c) for i, c in enumerate(amap.thread.comments)}
        self.statuses = {s.unit_id: s for s in amap.statuses}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []
        self.ref: dict[str, tuple[str, str]] = {}
        self.sources: dict[str, str] = {}

    def node_for(self, key: str) -> str | None:
        """The element id for a unit or comment id, adding the node on first use."""
        for table, prefix, kind, make in ((self.units, "u", "unit", self._unit_node),
                                          (self.comments, "c", "comment", self._comment_node)):
            if key in table:
                i, obj = table[key]
                nid = f"{prefix}{i}"
                if nid not in self.nodes:
                    self.nodes[nid] = make(nid, obj)
                    self.ref[nid] = (kind, obj.id)
                return nid
        return None

    def _unit_node(self, nid: str, unit: Unit) -> dict[str, Any]:
        author = self.amap.thread.get(unit.comment_id).author
        status = self.statuses.get(unit.id)
        is_claim = unit.kind == "claim" and not unit.quoted
        data = {
            "id": nid,
            "label": _node_title(unit, status.status if status else ""),
            "author": escape_label(author, 40) or "(anonymous)",
            "text": escape_label(unit.text, 280),
            "confidence": round(unit.confidence, 2),
            "_why": escape_label(status.why if status and is_claim else unit.why, 200),
            "_caption": escape_label(unit.text, 60),
            "_type": "claim" if is_claim else "unit",
            "_status": (status.status if status else "none") if is_claim else "",
            "_kind": unit.kind,
        }
        return {"data": data}

    def _comment_node(self, nid: str, comment: Comment) -> dict[str, Any]:
        who = escape_label(comment.author, 40) or "(anonymous)"
        data = {
            "id": nid, "label": "Comment", "author": who,
            "text": escape_label(comment.text, 280),
            "_caption": f"#{comment.index} {who}", "_type": "comment", "_status": "", "_kind": "comment",
        }
        return {"data": data}

    def source_node(self, ev: Evidence) -> str:
        """One node per distinct source (same URL, or same kind and wording)."""
        key = source_key(ev)
        nid = self.sources.get(key)
        if nid is None:
            nid = self.sources[key] = f"s{len(self.sources)}"
            self.ref[nid] = ("source", key)
            self.nodes[nid] = {"data": {
                "id": nid, "label": f"Source: {ev.kind}",
                "source": escape_label(ev.source, 200), "why": escape_label(ev.why, 200),
                "_caption": escape_label(ev.source, 40), "_type": "source", "_status": "", "_kind": ev.kind,
            }}
        return nid

    def edge(self, source: str, target: str, label: str, confidence: float, why: str, weak: bool = False) -> None:
        self.edges.append({"data": {
            "id": f"e{len(self.edges)}", "source": source, "target": target, "label": label,
            "confidence": round(confidence, 2), "why": escape_label(why, 200), "_weak": int(weak),
        }})


def _node_title(unit: Unit, status: str) -> str:
    """The infopanel heading: a fixed vocabulary, never thread text."""
    if unit.kind == "claim" and not unit.quoted:
        return f"Claim: {status}" if status else "Claim"
    return f"Quoted {unit.kind}" if unit.quoted else unit.kind.capitalize()


def build_view(amap: ArgumentMap, keep: MapFilter = MapFilter(), *, with_sources: bool = True,
               settings: Settings = DEFAULT, max_nodes: int | None = None) -> MapView:
    """Nodes for the claims ``keep`` shows, the units related to them, and their sources.

    A relation is drawn when one end is a shown claim (the other end is added as
    context) and its confidence reaches ``keep.min_confidence``; relations too weak
    to decide a status (below ``settings.min_relation_confidence``) are drawn faded.
    With ``max_nodes``, the most argued-over claims are drawn first and the rest
    left out once the budget is spent, so a big thread's map stays readable;
    ``MapView.hidden`` counts the claims left out.
    """
    b = _Builder(amap)
    claims = visible_claims(amap, keep)
    shown = {u.id for u in (most_argued(amap, claims, max_nodes, keep) if max_nodes else claims)}
    for uid in sorted(shown, key=lambda k: b.units[k][0]):
        b.node_for(uid)
    for rel in amap.relations:
        if rel.confidence < keep.min_confidence or not (rel.source in shown or rel.target in shown):
            continue
        src, dst = b.node_for(rel.source), b.node_for(rel.target)
        if src and dst and rel.label in ("support", "attack"):
            b.edge(src, dst, rel.label, rel.confidence, rel.why,
                   weak=rel.confidence < settings.min_relation_confidence)
    if with_sources:
        _attach_sources(b, amap)
    return MapView({"nodes": list(b.nodes.values()), "edges": b.edges}, b.ref, hidden=len(claims) - len(shown))


def most_argued(amap: ArgumentMap, claims: list[Unit], max_nodes: int,
                keep: MapFilter = MapFilter()) -> list[Unit]:
    """The claims to draw within ``max_nodes`` nodes: most relations first, then most sources.

    Each claim costs itself, the units it is related to and the sources they cite
    (nodes already counted are free). Returned in page order.
    """
    partners: dict[str, set[str]] = {}
    for rel in amap.relations:
        if rel.confidence >= keep.min_confidence and rel.label in ("support", "attack"):
            partners.setdefault(rel.source, set()).add(rel.target)
            partners.setdefault(rel.target, set()).add(rel.source)
    cited: dict[str, set[str]] = {}
    for ev in amap.evidence:
        cited.setdefault(ev.unit_id, set()).add("source " + source_key(ev))
    order = {u.id: i for i, u in enumerate(claims)}
    ranked = sorted(claims, key=lambda u: (-len(partners.get(u.id, ())), -len(cited.get(u.id, ())), order[u.id]))
    chosen, nodes = [], set()
    for u in ranked:
        units = {u.id} | partners.get(u.id, set())
        new = (units | set().union(*(cited.get(x, set()) for x in units))) - nodes
        if chosen and new and len(nodes) + len(new) > max_nodes:
            continue
        chosen.append(u)
        nodes |= new
    return sorted(chosen, key=lambda u: order[u.id])


def _attach_sources(b: _Builder, amap: ArgumentMap) -> None:
    """A ``cites`` edge from each source to every shown unit that cites it."""
    shown_units = {key: nid for nid, (kind, key) in b.ref.items() if kind == "unit"}
    for ev in amap.evidence:
        target = shown_units.get(ev.unit_id)
        if target:
            b.edge(b.source_node(ev), target, "cites", ev.confidence, ev.why)


@dataclass(frozen=True)
class Link:
    """One end of a relation as the detail panel shows it: the unit (or whole comment) and the edge."""

    comment: Comment
    unit: Unit | None
    relation: Relation


@dataclass(frozen=True)
class ClaimDetail:
    """Everything the detail panel says about one unit."""

    unit: Unit
    comment: Comment
    status: ClaimStatus | None
    stance: Judgement | None
    supported_by: tuple[Link, ...]
    attacked_by: tuple[Link, ...]
    supports: tuple[Link, ...]
    attacks: tuple[Link, ...]
    evidence: tuple[Evidence, ...]


def claim_detail(amap: ArgumentMap, unit_id: str) -> ClaimDetail:
    """What supports and attacks ``unit_id``, what it backs, why its status. KeyError if absent."""
    units = amap.units_by_id
    unit = units[unit_id]

    def link(rel: Relation, other: str) -> Link | None:
        if other in units:
            return Link(amap.thread.get(units[other].comment_id), units[other], rel)
        return Link(amap.thread.get(other), None, rel) if other in amap.thread else None

    def ends(label: str, incoming: bool) -> tuple[Link, ...]:
        mine = [(r, r.source if incoming else r.target) for r in amap.relations
                if r.label == label and (r.target if incoming else r.source) in (unit_id, unit.comment_id)]
        return tuple(x for x in (link(r, o) for r, o in mine) if x is not None)

    labels = amap.labels_for(unit.comment_id)
    return ClaimDetail(
        unit=unit, comment=amap.thread.get(unit.comment_id),
        status=next((s for s in amap.statuses if s.unit_id == unit_id), None),
        stance=labels.stance if labels else None,
        supported_by=ends("support", True), attacked_by=ends("attack", True),
        supports=ends("support", False), attacks=ends("attack", False),
        evidence=tuple(e for e in amap.evidence if e.unit_id == unit_id),
    )


def source_users(amap: ArgumentMap, key: str) -> list[Evidence]:
    """The evidence records behind one source node (``MapView.ref`` key)."""
    return [e for e in amap.evidence if source_key(e) == key]


source_key = evidence_source_key  # the one rule (argmap.sources); the app's name for it


@dataclass(frozen=True)
class StyleRule:
    """One stylesheet rule in the shape ``streamlit-cytoscape`` takes (an object with ``dump()``)."""

    selector: str
    style: dict[str, Any]

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": dict(self.style)}


def style_rules() -> list[StyleRule]:
    """:func:`stylesheet` as objects the component accepts."""
    return [StyleRule(r["selector"], r["style"]) for r in stylesheet()]


def stylesheet() -> list[dict[str, Any]]:
    """Cytoscape.js style rules (selectors use only our own fixed values)."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(_caption)", "font-size": 7, "text-wrap": "wrap", "text-max-width": 110,
            "text-valign": "bottom", "text-margin-y": 3, "width": 18, "height": 18,
            "border-width": 1, "border-color": "#ffffff", "min-zoomed-font-size": 6}},
        {"selector": "edge", "style": {"width": 1.6, "curve-style": "bezier", "arrow-scale": 0.9}},
    ]
    for status, (colour, _) in [*STATUS_STYLE.items(), ("none", NO_STATUS)]:
        rules.append({"selector": f'node[_type = "claim"][_status = "{status}"]',
                      "style": {"background-color": colour, "width": 30, "height": 30, "font-size": 8}})
    for kind, (colour, shape, _) in KIND_STYLE.items():
        rules.append({"selector": f'node[_type = "unit"][_kind = "{kind}"]',
                      "style": {"background-color": colour, "shape": shape, "width": 22, "height": 14}})
    rules.append({"selector": 'node[_type = "source"]', "style": {
        "background-color": SOURCE_COLOUR, "shape": "diamond", "width": 14, "height": 14,
        "font-size": 6, "color": SOURCE_COLOUR}})
    rules.append({"selector": 'node[_type = "comment"]', "style": {
        "background-color": "#eceff1", "shape": "rectangle", "border-color": "#90a4ae"}})
    for label, (colour, line, arrow, _) in EDGE_STYLE.items():
        rules.append({"selector": f'edge[label = "{label}"]', "style": {
            "line-color": colour, "target-arrow-color": colour, "line-style": line,
            "target-arrow-shape": arrow, "width": 1 if label == "cites" else 2.2}})
    rules.append({"selector": "edge[_weak = 1]", "style": {"opacity": 0.35, "width": 1}})
    return rules


def layout(node_count: int) -> dict[str, Any]:
    """A force-directed layout (fcose) tuned to stay readable up to a few hundred nodes.

    Disconnected claims are packed into a grid beside the connected debate rather
    than scattered; no animation, and fewer iterations above 400 nodes, to keep the
    first render quick.
    """
    return {
        "name": "fcose", "quality": "default",  # "draft" is spectral only: tangled on big maps
        "randomize": True, "animate": False,  # animation frames cost seconds on a slow machine
        "fit": True, "padding": 24, "nodeDimensionsIncludeLabels": True,
        "packComponents": True, "nodeRepulsion": 6500, "idealEdgeLength": 70,
        "edgeElasticity": 0.45, "gravity": 0.3, "numIter": 2500 if node_count < 400 else 1200,
        "tile": True, "tilingPaddingVertical": 14, "tilingPaddingHorizontal": 14,
    }


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: what a colour or line means."""

    element: str   # "node" or "edge"
    name: str
    colour: str
    style: str     # shape for nodes, line style for edges
    meaning: str


def legend() -> list[LegendEntry]:
    """The legend, in the order a reader needs it: claim statuses, edges, other nodes."""
    out = [LegendEntry("node", f"claim: {s}", c, "circle", m) for s, (c, m) in STATUS_STYLE.items()]
    out += [LegendEntry("edge", lbl, c, line, m) for lbl, (c, line, _, m) in EDGE_STYLE.items()]
    out.append(LegendEntry("node", "source", SOURCE_COLOUR, "diamond", "a cited source (link, report, study...)"))
    out += [LegendEntry("node", k, c, "box", m) for k, (c, _, m) in KIND_STYLE.items() if k != "claim"]
    return out
