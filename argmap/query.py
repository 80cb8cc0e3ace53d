"""The support graph a map's statuses are decided on, and the queries over it.

One place answers "is this unit sourced, by what, and who attacks it": the status
step (:mod:`argmap.steps.status`) assigns statuses from it, and the summaries, the
HTML report, the app and corrections ask it (:class:`SupportGraph`, built once per
map in time linear in units + evidence + relations; :func:`support_graph` caches one
per map and settings).

The argued points are every own assertion: each claim and premise not quoted from
someone else. A unit is ``evidence`` only when it reports something from an origin
(it cites a link, document, study, outlet, testimony, quotation, statistic or
first-hand experience); a statement of fact with no origin ("Putin did not elect
Trump.") is an assertion (``claim_type == "fact"``), so it gets a status and an
unsourced one is on the moderator's list as an *unsourced factual claim*. Evidence,
questions and quoted units get no status; their sourcing and the attacks on them flow
into the points they support.

The rule, with ``min = settings.min_relation_confidence`` (weaker relations are
kept in the map but decide nothing) and ``min_ev = settings.min_evidence_confidence``
(weaker evidence, such as a mere mention of an outlet, sources nothing):

* A unit is **sourced** when it cites evidence (an :class:`Evidence` of confidence
  >= ``min_ev`` whose ``unit_id`` is the unit) or when a unit supporting it is sourced, following
  support relations of confidence >= ``min`` any number of hops (evidence unit ->
  premise -> claim; a reply that backs the claim with a source counts too).
* A claim is **attacked** when an attack relation of confidence >= ``min`` targets
  it, or targets a unit that supports it from inside its own comment (attacking
  a claim's reason contests the claim). Comment-to-comment relations (no known
  target unit) attack no particular claim and are ignored here.
* An attacker is sourced by the same rule as any unit.

Then, for each claim:

==================  ==========  ==========================  ========================
attacked?           claim       some attacker sourced?      status
==================  ==========  ==========================  ========================
no                  sourced     \\-                          ``sourced``
no                  unsourced   \\-                          ``unsourced``
yes                 sourced     either                      ``sourced-and-contested``
yes                 unsourced   yes                         ``rebutted-with-source``
yes                 unsourced   no                          ``contested``
==================  ==========  ==========================  ========================

``chain`` lists ids from the claim outward: for a sourced claim the shortest
support path down to the unit that cites, then that unit's evidence ids; then,
for an attacked claim, the attacked unit (when it is a reason of the claim), the
attacker and, for ``rebutted-with-source``, the attacker's own source path and
evidence. Every id in a chain is a unit, evidence or comment id of the map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import echo
from .model import ArgumentMap, ClaimStatus, Evidence, Unit
from .safetext import shorten
from .settings import DEFAULT, Settings
from .sources import evidence_source_key, source_key


def argued_points(g: SupportGraph) -> list[Unit]:
    """Every own assertion: each claim and premise that is not quoted, in unit order.

    Evidence (a unit that reports something from an origin), questions, other units and
    quoted units get no status of their own; their sourcing and the attacks on them flow
    into the points they support.
    """
    return [u for u in g.amap.units if not u.quoted and u.kind in ("claim", "premise")]


def distrusted_sources(amap: ArgumentMap) -> set[str]:
    """Source keys a moderator marked ``unreliable`` (``meta["source_reviews"]``)."""
    reviews = dict(amap.meta.get("source_reviews") or {})
    return {source_key(name) for name, r in reviews.items() if r.get("verdict") == "unreliable"}


MAX_HOPS = 4
MIN_ATTACHMENT = 0.4  # weaker attachments are shown but make nothing sourced

# "It found that ...", "according to", "the study shows": the unit restates what a source reports
_REPORTS = re.compile(
    r"\b(?:it|they|this|these|those|the (?:study|studies|report|paper|survey|researchers|authors|data|"
    r"indictment|article|analysis|findings))\s+(?:also\s+)?(?:found|finds|shows?|showed|shown|"
    r"concluded|concludes|reports?|reported|says|said|estimates?|estimated|confirms?|confirmed|"
    r"documented|documents|states?|stated)\b|\baccording to\b|\bas (?:the|a|this) \w+ (?:shows|found|says)",
    re.I)
# "That's simply not feasible ...", "So, ...", "This shows ...": the next sentence is about what was just cited
_ANAPHORA = re.compile(r"^\W*(?:that|this|these|those|it|so|thus|hence|which|such)\b", re.I)
_FIGURE = re.compile(r"\d[\d,.]*")
# a reply's reference to the article the thread discusses: "his article", "this piece"
_THE_ARTICLE = re.compile(r"\b(?:this|the|his|her|their|your|b's)\s+(?:article|piece|post|blog post|essay|"
                          r"op-ed|column|write-?up)\b|\bthe author\b|\bOP\b", re.I)


@dataclass(frozen=True)
class Attachment:
    """How surely a citing unit is evidence for a claim: a confidence and why."""

    confidence: float
    why: str


def attachment(g: SupportGraph, citing_id: str, unit_id: str) -> Attachment:
    """How surely what ``citing_id`` reports backs ``unit_id``: from meaning and position.

    1.0 when the unit cites it itself. Otherwise a score from the MiniLM cosine of the
    two units (0.5 when the map carries no vectors: meaning unknown, position decides),
    plus 0.08 per shared content word (up to 3) and 0.1 for a shared figure, plus 0.25
    when either opens a report ("it found", "according to", "the study shows"); inside
    one comment (counting the author's own units), less 0.1 per unit of distance beyond
    the next, plus 0.1 for neighbours and 0.15 more when the claim follows the citation
    and refers back to it ("That's simply not feasible ...", "So ..."); less 0.15 when all
    the unit offers is an anecdote or a figure and the two are not about the same thing
    (cosine below 0.3: they back what they are about, and nothing else). Mapped to 0..1
    by ``(score - 0.2) / 0.4``. Below :data:`MIN_ATTACHMENT` the evidence makes nothing
    sourced.
    """
    if citing_id == unit_id:
        return Attachment(1.0, "cites it itself")
    a, b = g.units[citing_id], g.units[unit_id]
    cos = g.cos(citing_id, unit_id)
    shared = sorted(w for w in echo.shared_content_words(a.text, b.text) if len(w) >= 3)
    figures = set(_FIGURE.findall(a.text)) & set(_FIGURE.findall(b.text))
    marker = _REPORTS.search(b.text) or _REPORTS.search(a.text)
    kinds = {e.kind for e in g.cites.get(citing_id, ())}
    score = (cos if cos is not None else 0.5) + 0.08 * min(len(shared), 3) + 0.1 * bool(figures)
    score += 0.25 if marker else 0.0
    anecdote = bool(kinds) and kinds <= {"experience", "statistic"} and cos is not None and cos < 0.3
    if anecdote:
        score -= 0.15
    follows = False
    if a.comment_id == b.comment_id:
        own = [u.id for u in g.amap.units_of(a.comment_id) if not u.quoted or u.id in (a.id, b.id)]
        gap = abs(own.index(a.id) - own.index(b.id))
        score -= 0.1 * max(0, gap - 1)
        if gap == 1:
            follows = own.index(b.id) > own.index(a.id) and bool(_ANAPHORA.match(b.text))
            score += 0.1 + (0.15 if follows else 0.0)
    conf = max(0.0, min(1.0, (score - 0.2) / 0.4))
    parts = [f"similarity {cos:.2f}" if cos is not None else "no vectors"]
    if shared:
        parts.append("shares " + ", ".join(f"'{w}'" for w in shared[:3]))
    if marker:
        parts.append(f"'{marker.group(0).strip()}'")
    if follows:
        parts.append("follows it and refers back to it")
    if anecdote:
        parts.append("an anecdote or figure about something else")
    return Attachment(round(conf, 3), "; ".join(parts))


def _root_keys(amap: ArgumentMap) -> set[str]:
    """Source keys naming the thread's root article: its author, site and title."""
    root = amap.thread.root
    names = [root.author, amap.thread.title, *(str(root.meta.get(k) or "") for k in ("site", "url", "domain"))]
    return {source_key(n) for n in names if n and n.strip()}


def _cites_root(amap: ArgumentMap, e: Evidence, root_keys: set[str]) -> bool:
    """A reply citing the article under discussion: by its author, site or title, or as "his article"."""
    if e.comment_id == amap.thread.root.id:
        return False
    if evidence_source_key(e) in root_keys:
        return True
    u = amap.unit(e.unit_id)
    return bool(u is not None and e.kind in ("news", "document", "link", "quotation") and _THE_ARTICLE.search(u.text))


@dataclass(frozen=True)
class Attack:
    """One attack bearing on a claim: ``attacker`` hits ``attacked`` (the claim or its reason)."""

    attacker: str
    attacked: str
    confidence: float


class SupportGraph:
    """Support and attack edges of a map with each unit's shortest path to a source.

    Built once per map in time linear in units + evidence + relations.
    """

    def __init__(self, amap: ArgumentMap, settings: Settings = DEFAULT):
        self.amap = amap
        self.units: Mapping[str, Unit] = amap.units_by_id
        self.cites: dict[str, list[Evidence]] = {}
        self.circular: dict[str, list[Evidence]] = {}
        distrusted = distrusted_sources(amap)
        root_keys = _root_keys(amap)
        for e in amap.evidence:
            if e.confidence >= settings.min_evidence_confidence and evidence_source_key(e) not in distrusted:
                if _cites_root(amap, e, root_keys):
                    self.circular.setdefault(e.unit_id, []).append(e)
                else:
                    self.cites.setdefault(e.unit_id, []).append(e)
        self.min_attachment = MIN_ATTACHMENT
        self._vecs = amap.vectors.aligned("units", len(amap.units))
        self._paths: dict[str, list[str]] = {}
        min_confidence = settings.min_relation_confidence
        self.supporters: dict[str, list[str]] = {}
        self.supported: dict[str, list[str]] = {}
        self.attacks_on: dict[str, list[tuple[str, float]]] = {}
        for r in amap.relations:
            if r.confidence < min_confidence or r.target not in self.units:
                continue
            if r.label == "support" and r.source in self.units:
                self.supporters.setdefault(r.target, []).append(r.source)
                self.supported.setdefault(r.source, []).append(r.target)
            elif r.label == "attack":
                self.attacks_on.setdefault(r.target, []).append((r.source, r.confidence))

    def attachment(self, citing_id: str, unit_id: str) -> Attachment:
        """How surely what ``citing_id`` reports is evidence for ``unit_id`` (see :func:`attachment`)."""
        return attachment(self, citing_id, unit_id)

    def cos(self, a: str, b: str) -> float | None:
        """Cosine of two units' MiniLM vectors, or None when the map carries none."""
        if self._vecs is None:
            return None
        return float(self._vecs[self.amap.unit_row(a)] @ self._vecs[self.amap.unit_row(b)])

    def source_path(self, unit_id: str) -> list[str]:
        """``[unit_id, supporter, ..., citing unit]``, or ``[]`` when unsourced.

        The shortest support path (relations of confidence >= ``min_relation_confidence``,
        at most :data:`MAX_HOPS` hops) to a unit citing evidence whose attachment to
        ``unit_id`` (:meth:`attachment`) is at least :data:`MIN_ATTACHMENT`: evidence backs
        what it is evidence for, not whatever a chain of adjacent sentences reaches.
        """
        if unit_id in self._paths:
            return self._paths[unit_id]
        prev: dict[str, str | None] = {unit_id: None}
        frontier, found = [unit_id], None
        for _ in range(MAX_HOPS + 1):
            for x in frontier:
                if x in self.cites and self.attachment(x, unit_id).confidence >= self.min_attachment:
                    found = x
                    break
            if found is not None:
                break
            nxt = []
            for x in frontier:
                for y in self.supporters.get(x, ()):
                    if y in self.units and y not in prev:
                        prev[y] = x
                        nxt.append(y)
            frontier = nxt
        path: list[str] = []
        while found is not None:
            path.append(found)
            found = prev[found]
        self._paths[unit_id] = path[::-1]
        return self._paths[unit_id]

    def is_sourced(self, unit_id: str) -> bool:
        return bool(self.source_path(unit_id))

    def circular_citations(self, unit_id: str) -> list[Evidence]:
        """Citations of the article under discussion the unit rests on (they source nothing)."""
        out = list(self.circular.get(unit_id, ()))
        for s in self.reasons(unit_id):
            out.extend(self.circular.get(s, ()))
        for s in self.supporters.get(unit_id, ()):
            out.extend(self.circular.get(s, ()))
        return out

    def evidence_of(self, unit_id: str) -> list[Evidence]:
        """Evidence the unit cites itself."""
        return self.cites.get(unit_id, [])

    def relied_on(self, unit_id: str) -> list[Evidence]:
        """Evidence the unit rests on: cited by it or by any unit supporting it, any number of hops."""
        seen, stack, out = {unit_id}, [unit_id], []
        while stack:
            x = stack.pop()
            out.extend(self.evidence_of(x))
            for s in self.supporters.get(x, ()):
                if s not in seen:
                    seen.add(s)
                    stack.append(s)
        return sorted(out, key=lambda e: (e.comment_id, e.start, e.id))

    def reasons(self, unit_id: str) -> list[str]:
        """Units supporting ``unit_id`` from inside its own comment, transitively."""
        cid = self.units[unit_id].comment_id
        seen, stack, out = {unit_id}, [unit_id], []
        while stack:
            for s in self.supporters.get(stack.pop(), ()):
                if s not in seen and self.units[s].comment_id == cid:
                    seen.add(s)
                    out.append(s)
                    stack.append(s)
        return out

    def attacks(self, unit_id: str) -> list[Attack]:
        """Attacks on the unit and on its own-comment reasons, most confident first."""
        out = [Attack(a, t, c) for t in [unit_id, *self.reasons(unit_id)]
               for a, c in self.attacks_on.get(t, ())]
        return sorted(out, key=lambda a: -a.confidence)


def claim_status(g: SupportGraph, u: Unit) -> ClaimStatus:
    """The status of one claim by the rule in the module docstring."""
    path = g.source_path(u.id)
    attacks = g.attacks(u.id)
    src_chain = [*path, *(e.id for e in g.evidence_of(path[-1]))] if path else [u.id]
    if not attacks:
        if path:
            return ClaimStatus(u.id, "sourced", source_phrase(g, path), _unique(src_chain))
        circ = g.circular_citations(u.id)
        lead = "an assertion of fact that " if u.claim_type == "fact" else ""
        why = f"{lead}cites no evidence and nothing supporting it does; not attacked"
        if circ:
            why = (f"circular: cites the article under discussion ({_join([evidence_phrase(e) for e in circ])}), "
                   f"which is no source for a reply to it; otherwise {why}")
        return ClaimStatus(u.id, "unsourced", why, _unique([u.id, *(e.id for e in circ)]))
    hits = [x for a in attacks for x in ((a.attacked,) if a.attacked != u.id else ()) + (a.attacker,)]
    who = attackers_phrase(g, u.id, attacks)
    if path:
        return ClaimStatus(u.id, "sourced-and-contested", f"{source_phrase(g, path)}; {who}",
                           _unique([*src_chain, *hits]))
    sourced = [a for a in attacks if g.is_sourced(a.attacker)]
    if sourced:
        a = sourced[0]
        apath = g.source_path(a.attacker)
        chain = [u.id, a.attacked, *apath, *(e.id for e in g.evidence_of(apath[-1])), *hits]
        return ClaimStatus(u.id, "rebutted-with-source",
                           f"{who}, which {_verb(source_phrase(g, apath))}; the claim cites nothing",
                           _unique(chain))
    return ClaimStatus(u.id, "contested", f"{who}; no sources on either side", _unique([u.id, *hits]))


def _verb(phrase: str) -> str:
    """"cites X" stays; "supported by Y" becomes "is supported by Y"."""
    return phrase if phrase.startswith("cites") else f"is {phrase}"


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


# --- phrases a moderator reads -------------------------------------------------

def evidence_phrase(e: Evidence) -> str:
    """"report in The New York Times", "testimony of Fiona Hill", "statistic $100,000"."""
    name = e.source or e.text
    return {
        "link": f"link to {name}",
        "study": name if "study" in name.lower() or name.lower().startswith(("a ", "the ")) else f"study {name}",
        "news": f"report in {name}",
        "testimony": f"testimony of {name}",
        "quotation": f"quotation of {name}",
        "statistic": f"statistic {e.text or name}",
        "experience": f"personal experience ({e.text or name})",
    }.get(e.kind, name)


def _join(items: Sequence[str], limit: int = 3) -> str:
    items = list(dict.fromkeys(items))
    more = len(items) - limit
    head = items[:limit]
    text = head[0] if len(head) == 1 else ", ".join(head[:-1]) + " and " + head[-1]
    return text + (f" (+{more} more)" if more > 0 else "")


def comment_tag(g: SupportGraph, unit_or_comment_id: str) -> str:
    """"#11 (PeterPaget)" for a unit's or a comment's comment."""
    u = g.units.get(unit_or_comment_id)
    cid = u.comment_id if u else unit_or_comment_id
    thread = g.amap.thread
    if cid not in thread:
        return cid
    c = thread.get(cid)
    return f"#{c.index} ({c.author or ('the article' if c.parent_id is None else 'anonymous')})"


def source_phrase(g: SupportGraph, path: Sequence[str]) -> str:
    """Why a unit with this source path is sourced."""
    what = _join([evidence_phrase(e) for e in g.evidence_of(path[-1])])
    if len(path) == 1:
        return f"cites {what}"
    start, citing = g.units[path[0]], g.units[path[-1]]
    hops = len(path) - 1
    if citing.comment_id == start.comment_id:
        via = (f"the text it quotes from {citing.quoted_from or 'a source'}" if citing.quoted
               else f"the same comment's {citing.kind} '{shorten(citing.text, 40)}'")
        att = g.attachment(citing.id, start.id)
        return (f"supported by {via}, citing {what} ({hops} step{'s' * (hops > 1)}; "
                f"attachment {att.confidence:.2f}: {att.why})")
    att = g.attachment(citing.id, start.id)
    return f"supported by {comment_tag(g, citing.id)}'s {what} (attachment {att.confidence:.2f}: {att.why})"


def attackers_phrase(g: SupportGraph, claim_id: str, attacks: Sequence[Attack]) -> str:
    """"attacked by #5 (kevinzeese) and #7 (DonRice)", noting attacks on the claim's reasons."""
    text = f"attacked by {_join([comment_tag(g, a.attacker) for a in attacks])}"
    on_reasons = sum(a.attacked != claim_id for a in attacks)
    if on_reasons == len(attacks):
        text += " (on its reasons)"
    elif on_reasons:
        text += " (on it and its reasons)"
    return text


def verdict_label(g: SupportGraph, u: Unit, status: ClaimStatus | None = None) -> str:
    """What a reader is told about one unit, in a few words: "unsourced factual claim",
    "opinion", "proposal", "quoted from #12 (PeterPaget)", "circular: cites the article under
    discussion", or the status itself.

    Example: an own fact claim with no source reads "unsourced factual claim".
    """
    if u.quoted:
        src = u.quoted_from or "a source"
        return f"quoted from {comment_tag(g, src)}" if src in g.amap.thread else f"quoted from {src}"
    if status is None:
        return u.kind
    if status.status == "unsourced" and g.circular_citations(u.id):
        return "circular: cites the article under discussion"
    if status.status == "unsourced" and u.claim_type == "fact":
        return "unsourced factual claim"
    if status.status == "unsourced" and u.claim_type == "value":
        return "opinion"
    if status.status == "unsourced" and u.claim_type == "policy":
        return "proposal"
    return status.status
