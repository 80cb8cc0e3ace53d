"""Plain-data tables of an :class:`~argmap.model.ArgumentMap` for the app and the exports.

Every function takes a finished map (after the ``status`` step) and returns a list
of dicts whose values are JSON-able (str, int, float, bool, None, lists and dicts
of those): no streamlit, no HTML, no escaping (the view escapes). Row keys are a
stable interface; add keys, never rename them.

* :func:`claims_table`: one row per argued point (own claim, or a premise standing as
  a point: :func:`points`), with status and counts.
* :func:`sources_table`: one row per cited source.
* :func:`participants_table`: one row per author.
* :func:`moderator_queue`: personal attacks, attacked claims with no source, shaky reply links.
* :func:`thread_tree`: the reconstructed conversation, depth-first, with units and evidence.

Support and attack counts use relations of confidence >= ``settings.min_relation_confidence``,
and sources evidence of confidence >= ``settings.min_evidence_confidence`` (a mere mention
of an outlet is not a citation): the same ones that decide statuses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict
from typing import Any

from . import attack
from .corrections import corrected
from .model import ArgumentMap, Evidence, Judgement, Unit
from .query import SupportGraph, verdict_label
from .settings import DEFAULT, Settings
from .sources import evidence_source_key, source_key

Row = dict[str, Any]
UNSOURCED_ATTACKED = ("contested", "rebutted-with-source")
PARTICIPANT_COUNTS = ("comments", "claims", "sourced_claims", "sources_cited", "rebuttals_given",
                      "rebuttals_received", "supports_given", "supports_received", "personal_attacks_made",
                      "personal_attacks_received")


def points(amap: ArgumentMap) -> list[Unit]:
    """The argued points: own claims plus the premises the status step gave a status
    (see :mod:`argmap.query`), in unit order."""
    with_status = {s.unit_id for s in amap.statuses}
    return [u for u in amap.units if u.id in with_status or (u.kind == "claim" and not u.quoted)]


def _names(evs: list[Evidence]) -> list[str]:
    return list(dict.fromkeys(e.source or e.text for e in evs))


def _incoming(amap: ArgumentMap, settings: Settings) -> dict[tuple[str, str], int]:
    counts: Counter[tuple[str, str]] = Counter()
    for r in amap.relations:
        if r.confidence >= settings.min_relation_confidence:
            counts[(r.target, r.label)] += 1
    return counts


def claims_table(amap: ArgumentMap, settings: Settings = DEFAULT) -> list[Row]:
    """One row per argued point (:func:`points`), in page order.

    Keys: ``unit_id``, ``comment_id``, ``index`` (comment's page position), ``author``,
    ``text``, ``status``, ``status_why``, ``chain`` (ids), ``supports`` and ``attacks``
    (relations received), ``sources`` (names of sources it rests on, directly or through
    its supporters), ``n_sources``, ``confidence`` (of the unit's kind), ``claim_type``
    (fact / value / policy) and ``verdict`` (what a reader is told in a few words:
    "unsourced factual claim", "opinion", "circular: cites the article under discussion",
    or the status; :func:`argmap.query.verdict_label`).

    Example:
        >>> from argmap.model import ArgumentMap, Comment, Thread, Unit
        >>> t = Thread("t", "T", "generic", (Comment("root", "mo", "Cats rule.", None, 0),))
        >>> m = ArgumentMap(thread=t, units=(Unit("root:0", "root", 0, 10, "Cats rule.", "claim", 0.9, "x"),))
        >>> [(r["author"], r["status"], r["attacks"]) for r in claims_table(m)]
        [('mo', None, 0)]
    """
    g = SupportGraph(amap, settings)
    incoming = _incoming(amap, settings)
    rows = []
    for u in points(amap):
        c, s = amap.thread.get(u.comment_id), amap.status_of(u.id)
        names = _names(g.relied_on(u.id))
        rows.append({
            "unit_id": u.id, "comment_id": u.comment_id, "index": c.index, "author": c.author,
            "text": u.text, "status": s.status if s else None, "status_why": s.why if s else None,
            "chain": list(s.chain) if s else [], "supports": incoming[(u.id, "support")],
            "attacks": incoming[(u.id, "attack")], "sources": names, "n_sources": len(names),
            "confidence": u.confidence, "claim_type": u.claim_type,
            "verdict": verdict_label(g, u, s) if s else None,
        })
    return rows


def sources_table(amap: ArgumentMap, settings: Settings = DEFAULT) -> list[Row]:
    """One row per cited source (evidence grouped by :func:`argmap.graph.source_key`).

    Keys: ``key`` (the graph's source node id), ``source`` (name as first cited),
    ``kinds``, ``evidence_ids``, ``urls``, ``citations`` (evidence count), ``claims``
    (own claims resting on it, see :func:`claims_table`), ``n_claims``, ``participants``
    (authors citing it), ``n_participants``. Most relied-on first, then page order.
    """
    g = SupportGraph(amap, settings)
    rows: dict[str, Row] = {}
    for e in amap.evidence:
        if e.confidence < settings.min_evidence_confidence:
            continue
        name = e.source or e.text
        row = rows.setdefault(source_key(name), {
            "key": source_key(name), "source": name, "kinds": [], "evidence_ids": [], "urls": [],
            "claims": [], "participants": []})
        author = amap.thread.get(e.comment_id).author if e.comment_id in amap.thread else ""
        for field, value in (("kinds", e.kind), ("evidence_ids", e.id), ("urls", e.url),
                             ("participants", author)):
            if value is not None and value not in row[field]:
                row[field].append(value)
    for u in points(amap):
        for key in dict.fromkeys(evidence_source_key(e) for e in g.relied_on(u.id)):
            rows[key]["claims"].append(u.id)
    for row in rows.values():
        row.update(citations=len(row["evidence_ids"]), n_claims=len(row["claims"]),
                   n_participants=len(row["participants"]))
    return sorted(rows.values(), key=lambda r: (-r["n_claims"], -r["n_participants"]))


def _is_personal(j: Judgement | None) -> bool:
    return j is not None and j.label == "personal-attack"


def participants_table(amap: ArgumentMap, settings: Settings = DEFAULT) -> list[Row]:
    """One row per author, in order of first appearance.

    Keys: ``author``, ``comments``, ``claims``, ``sourced_claims`` (own claims whose status
    involves their own sourcing: ``sourced``/``sourced-and-contested``), ``sources_cited``
    (distinct sources), ``rebuttals_given`` / ``rebuttals_received`` (replies with stance
    ``attack`` to / from another author), ``supports_given`` / ``supports_received``,
    ``personal_attacks_made`` / ``personal_attacks_received``.
    """
    t = amap.thread
    rows: dict[str, Row] = {}

    def row(author: str) -> Row:
        return rows.setdefault(author, {"author": author} | dict.fromkeys(PARTICIPANT_COUNTS, 0))

    for c in t.comments:
        row(c.author)["comments"] += 1
        cl, parent = amap.labels_for(c.id), (t.get(c.parent_id) if c.parent_id in t else None)
        if cl is None or parent is None or parent.author == c.author:
            continue
        kind = {"attack": "rebuttals", "support": "supports"}.get(cl.stance.label if cl.stance else "")
        if kind:
            row(c.author)[f"{kind}_given"] += 1
            row(parent.author)[f"{kind}_received"] += 1
        if _is_personal(cl.personal_attack):
            row(c.author)["personal_attacks_made"] += 1
            row(parent.author)["personal_attacks_received"] += 1
    for u in points(amap):
        r = row(t.get(u.comment_id).author)
        r["claims"] += 1
        s = amap.status_of(u.id)
        r["sourced_claims"] += s is not None and s.status in ("sourced", "sourced-and-contested")
    cited: dict[str, set[str]] = {}
    for e in amap.evidence:
        if e.comment_id in t and e.confidence >= settings.min_evidence_confidence:
            cited.setdefault(t.get(e.comment_id).author, set()).add(evidence_source_key(e))
    for author, keys in cited.items():
        row(author)["sources_cited"] = len(keys)
    return list(rows.values())


def moderator_queue(amap: ArgumentMap, settings: Settings = DEFAULT) -> list[Row]:
    """What a moderator should look at, most pressing first.

    Three kinds of row, in this order: ``personal-attack`` (flagged comments, most
    confident first), ``attacked-unsourced-claim`` (claims ``contested`` or
    ``rebutted-with-source``), ``low-confidence-link`` (inferred reply links below
    ``settings.low_link_confidence``, least confident first). Keys: ``kind``,
    ``comment_id``, ``unit_id`` (None for comment rows), ``author``, ``text``,
    ``confidence``, ``why``, ``corrected`` (a person set the flag or the link); personal-attack
    rows also ``target`` (who is attacked, :func:`attacked_person`), ``target_why`` and
    ``quote`` (the words, :func:`attack_words`).
    """
    t = amap.thread
    fixed = corrected(amap)
    rows: list[Row] = []
    for cl in sorted(amap.comment_labels, key=lambda x: -(x.personal_attack.confidence if x.personal_attack else 0)):
        if _is_personal(cl.personal_attack):
            c = t.get(cl.comment_id)
            target, how = attacked_person(amap, c.id)
            rows.append(_queue_row("personal-attack", c.id, None, c.author, c.text,
                                   cl.personal_attack.confidence, cl.personal_attack.why,
                                   ("personal-attack", c.id) in fixed)
                        | {"target": target, "target_why": how, "quote": attack_words(c.text)})
    for s in amap.statuses:
        if s.status in UNSOURCED_ATTACKED:
            u = amap.unit(s.unit_id)
            rows.append(_queue_row("attacked-unsourced-claim", u.comment_id, u.id, t.get(u.comment_id).author,
                                   u.text, u.confidence, f"{s.status}: {s.why}"))
    shaky = [c for c in t.comments if c.parent and c.parent.source == "inferred"
             and c.parent.confidence < settings.low_link_confidence]
    for c in sorted(shaky, key=lambda c: c.parent.confidence):
        rows.append(_queue_row("low-confidence-link", c.id, None, c.author, c.text, c.parent.confidence,
                               f"reply to {_tag(t, c.parent_id)}? {c.parent.why}", ("parent", c.id) in fixed))
    return rows


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_YOU = re.compile(r"\b(?:you|your|you're|yourself|u|ur)\b", re.I)


def attacked_person(amap: ArgumentMap, comment_id: str) -> tuple[str, str]:
    """Who a personal attack in this comment is aimed at, and how that was found.

    In order: the person an insult pattern names (:func:`argmap.attack.find_patterns`:
    "Moon is a propagandist"); a participant the comment names (a full author name, or a
    capitalised word of four or more letters that begins one: "Pete" for PeterPaget); else
    the author of the comment it replies to.

    >>> from argmap.model import Comment, Thread
    >>> t = Thread("t", "T", "generic", (Comment("r", "mo", "Art.", None, 0),
    ...     Comment("a", "PeterPaget", "Hm.", "r", 1), Comment("b", "ann", "Pete, you fool.", "a", 2)))
    >>> attacked_person(ArgumentMap(t), "b")
    ('PeterPaget', 'named in the comment')
    """
    t = amap.thread
    c = t.get(comment_id)
    named = next((h.name for h in attack.find_patterns(c.text) if h.aim == "named" and h.name
                  and h.name.lower() not in ("he", "she", "they", "people")), None)
    if named:
        return named, "named by the detector"
    authors = {a for a in (x.author for x in t.comments) if a.strip() and a != c.author}
    words = set(re.findall(r"\b[A-Z][a-z]{3,}\b", c.text))
    for a in sorted(authors, key=len, reverse=True):
        first = a.split()[0].lower()
        if a in c.text or any(first.startswith(w.lower()) for w in words):
            return a, "named in the comment"
    if c.parent_id in t:
        parent = t.get(c.parent_id)
        if parent.parent_id is None:
            return "the article's author" if not parent.author.strip() else parent.author, "the comment replies to the article"
        return parent.author or "(anonymous)", f"the author of #{parent.index}, which this comment replies to"
    return "unknown", "no one named, no parent comment"


def attack_words(text: str) -> str:
    """The words of a personal attack: the sentence holding the first insult pattern's match
    (:func:`argmap.attack.find_patterns`), else the sentence most addressed to a person ("you",
    "your"), else the first; at most 160 characters.

    >>> attack_words("Thanks. Answer me this, r u a nut or a bozo?")
    'Answer me this, r u a nut or a bozo?'
    """
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text or "") if m.group(0).strip()]
    if not sentences:
        return ""
    matched = [h.text.lower() for h in attack.find_patterns(text or "")]
    pick = next((x for x in sentences if any(m in x.lower() for m in matched)), None)
    if pick is None:
        pick = max(sentences, key=lambda x: (len(_YOU.findall(x)), -sentences.index(x)))
    return pick if len(pick) <= 160 else pick[:159].rstrip() + "…"


def _tag(thread: Any, comment_id: str | None) -> str:
    """"#10 (DonRice)", "#0 (the article)" or the bare id when unknown."""
    if comment_id not in thread:
        return str(comment_id)
    c = thread.get(comment_id)
    return f"#{c.index} ({c.author or ('the article' if c.parent_id is None else 'anonymous')})"


def _queue_row(kind: str, cid: str, unit_id: str | None, author: str, text: str, conf: float,
               why: str, fixed: bool = False) -> Row:
    return {"kind": kind, "comment_id": cid, "unit_id": unit_id, "author": author, "text": text,
            "confidence": conf, "why": why, "corrected": fixed}


def _judgement(j: Judgement | None, fixed: bool = False) -> dict[str, Any] | None:
    return None if j is None else asdict(j) | {"corrected": fixed}


def thread_tree(amap: ArgumentMap) -> list[Row]:
    """The conversation depth-first from the root (children in page order), one row per comment.

    Keys: ``comment_id``, ``index``, ``depth``, ``author``, ``text``, ``empty``, ``parent_id``,
    ``parent`` (``{source, confidence, why}`` or None), ``stance``, ``stance_to_root``,
    ``personal_attack`` (``{label, confidence, why, target, corrected}`` or None), ``units``
    (the :class:`~argmap.model.Unit` fields plus ``status``, ``corrected`` and ``verdict``:
    "quoted from #12 (ann)", "unsourced factual claim", ...), ``evidence``
    (the :class:`~argmap.model.Evidence` fields). ``parent`` also has ``corrected``.
    """
    fixed = corrected(amap)
    g = SupportGraph(amap)
    units: dict[str, list[Row]] = {}
    for u in amap.units:
        s = amap.status_of(u.id)
        units.setdefault(u.comment_id, []).append(
            asdict(u) | {"status": s.status if s else None, "corrected": ("unit-kind", u.id) in fixed,
                         "verdict": verdict_label(g, u, s) if (s or u.quoted) else None})
    evidence: dict[str, list[Row]] = {}
    for e in amap.evidence:
        evidence.setdefault(e.comment_id, []).append(asdict(e))
    rows = []
    for c, depth in amap.thread.walk():
        cl = amap.labels_for(c.id)
        parent = asdict(c.parent) | {"corrected": ("parent", c.id) in fixed} if c.parent else None
        rows.append({
            "comment_id": c.id, "index": c.index, "depth": depth, "author": c.author, "text": c.text,
            "empty": c.empty, "parent_id": c.parent_id, "parent": parent,
            "stance": _judgement(cl.stance if cl else None, ("stance", c.id) in fixed),
            "stance_to_root": _judgement(cl.stance_to_root if cl else None, ("stance-to-root", c.id) in fixed),
            "personal_attack": _judgement(cl.personal_attack if cl else None, ("personal-attack", c.id) in fixed),
            "units": units.get(c.id, []), "evidence": evidence.get(c.id, []),
        })
    return rows


def positions_table(amap: ArgumentMap) -> list[Row]:
    """One row per position of the debate (:mod:`argmap.positions`), most prevalent first.

    Keys: ``id``, ``label`` (the representative claim), ``unit_id``, ``author`` and
    ``index`` (of the representative), ``comments``, ``participants``, ``side``,
    ``sourced_share``, ``confidence``, ``why``, ``members`` (``unit_id``, ``author``,
    ``index``, ``text``, ``status``, ``kind`` each: ``evidence`` for a sentence that cites a
    source and makes a point, which has no status), ``rebuttal`` (``id``, ``author``, ``index``,
    ``text``, ``sourced``; or None).
    """
    t = amap.thread
    units = {u.id: u for u in amap.units}
    statuses = {s.unit_id: s.status for s in amap.statuses}

    def who(comment_id: str) -> tuple[str, int]:
        c = t.get(comment_id)
        return c.author, c.index

    rows = []
    for p in amap.positions:
        members = []
        for m in p.members:
            if m in units:
                author, index = who(units[m].comment_id)
                members.append({"unit_id": m, "author": author, "index": index, "text": units[m].text,
                                "status": statuses.get(m), "kind": units[m].kind})
        rebuttal = None
        if p.rebuttal in units:
            author, index = who(units[p.rebuttal].comment_id)
            rebuttal = {"id": p.rebuttal, "author": author, "index": index, "text": units[p.rebuttal].text,
                        "sourced": statuses.get(p.rebuttal) in ("sourced", "sourced-and-contested")
                        or any(e.unit_id == p.rebuttal for e in amap.evidence)}
        elif p.rebuttal in t:
            author, index = who(p.rebuttal)
            rebuttal = {"id": p.rebuttal, "author": author, "index": index, "text": t.get(p.rebuttal).text,
                        "sourced": False}
        rep_author, rep_index = who(units[p.unit_id].comment_id) if p.unit_id in units else ("", 0)
        rows.append({"id": p.id, "label": p.label, "unit_id": p.unit_id, "author": rep_author,
                     "index": rep_index, "comments": p.comments, "participants": p.participants,
                     "side": p.side, "sourced_share": p.sourced_share, "confidence": p.confidence,
                     "why": p.why, "members": members, "rebuttal": rebuttal})
    return rows
