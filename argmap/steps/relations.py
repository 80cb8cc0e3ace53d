"""Support/attack relations between units, inside a comment and across replies.

Requires: units (with kinds), evidence, comment_labels (stance with ``target``),
vectors (optional). Assigns: relations.

Inside a comment, each *voice* (a run of consecutive units that are all the
author's own, or all quoted from the same place) is read in order:

* a unit opening with a reason marker ("because", "since", "given that") supports
  the nearest claim before it (after it when it comes first: "Because X, Y");
* a unit followed by a claim opening with a conclusion marker ("so", "therefore",
  "thus", "hence") supports that claim;
* otherwise a premise supports its nearest claim, and an evidence unit the
  nearest claim or premise (ties go to the unit before), in the same paragraph
  and at most ``ADJACENT_REACH`` (3) units away, with a confidence that decays
  with distance (0.6, 0.5, 0.4). Markers reach ``MARKER_REACH`` (2) units.

A block quoted from outside sources (consecutive units with ``Unit.quoted`` and
``quoted_from`` not a comment of the thread; nested quotations, an article quoting
a newspaper, form one block) is read voice by voice the same way, and its top
claims and citing units (those supporting nothing inside the block) support the
author's own claim or premise within ``QUOTE_REACH`` (3) units that is closest in
meaning to what they lean on (mean cosine, less 0.05 per unit of distance; the nearest
claim when no vectors are known; never the line introducing the quotation): quoting a
report is leaning on it, and on the claim the report is about, not on "I do not get you
guys." written after it. Text quoted from another comment gets no relations here (it is
that comment's argument, linked where it was written), and neither does a quote whose
origin is not in the thread (a Reddit ``>`` line matching no comment of the export: most
often the parent's or the poster's words, quoted to be answered, not leaned on).

Across comments, a reply whose stance to its parent is ``support`` or ``attack``
links its main units (its lead top-level own claim, plus any other top-level
unit whose embedding is at least ``settings.echo_similarity`` from the target)
to the parent unit its stance targets. ``confidence = stance confidence x target
sureness x reply-link confidence`` (the last only for inferred parents), where
target sureness is 1.0 when the reply quotes the target or the parent has one
argumentative unit, else 0.7 + 0.3 x cosine(reply unit, target) with vectors,
else 0.8 (the stance step already chose the target by quotation, echo or
meaning). Quoted units are never the source of a cross-comment relation.

When the stance names no known target unit, or the reply has no own units, the
relation is **comment to comment**: ``source`` and ``target`` are then comment
ids (``Relation.source in thread``) rather than unit ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..model import ArgumentMap, Comment, Relation, Unit
from ..quoting import UNNAMED_QUOTE, introduces_quotation
from ..settings import DEFAULT, Settings
from ..stance_cues import find_cues

ARGUMENTATIVE = ("claim", "premise", "evidence")
MARKER_REACH = 2     # units between a reason marker and the claim it gives a reason for
ADJACENT_REACH = 3   # units between a premise/evidence and the claim it backs (same paragraph)
QUOTE_REACH = 3      # units between a quoted source block and the author's claim it backs
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_LEAD = r"^\W*(?:(?:and|but|or|yet|well|also|plus)\W+)?"
REASON_MARKERS = re.compile(_LEAD + r"(because|since|given that|seeing that|due to|after all|as long as)\b",
                            re.IGNORECASE)
CONCLUSION_MARKERS = re.compile(
    _LEAD + r"(so|therefore|thus|hence|consequently|accordingly|which means|that's why|that is why"
    r"|as a result|it follows that)\b", re.IGNORECASE)


def relate(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Assign ``relations``: intra-comment premise/evidence -> claim, reply -> parent unit.

    Args:
        amap: a map with classified units and per-comment stance labels.
        settings: ``echo_similarity`` decides which extra reply units link.

    Returns:
        The map with ``relations`` (unit ids, or comment ids when no target unit is known),
        in comment order, at most one relation per (source, target) pair.
    """
    citing = {e.unit_id for e in amap.evidence if e.confidence >= settings.min_evidence_confidence}
    out: list[Relation] = []
    ctx = _CrossContext(amap, set(), settings)
    for c in amap.thread.comments:
        out.extend(intra_relations(amap.units_of(c.id), amap.thread, citing, ctx.cos))
    for c in amap.thread.comments:
        out.extend(report_relations(amap.units_of(c.id), citing))
    ctx.intra_sources = {r.source for r in out}
    for c in amap.thread.comments:
        out.extend(ctx.reply_relations(c))
    return replace(amap, relations=tuple(_dedupe(out)))


# "It found that ...", "The study also shows ...": a unit restating what the source just cited reports
_REPORT_OPENER = re.compile(
    r"^\W*(?:(?:and|but|so|also)\W+)?(?:it|they|the (?:study|report|paper|survey|researchers|authors|"
    r"indictment|analysis))\s+(?:also\s+)?(?:found|finds|shows?|showed|concluded|concludes|reports?|"
    r"reported|says|said|estimates?|estimated|confirms?|confirmed|documented|states?|stated)\b", re.I)


def report_relations(units: Sequence[Unit], citing: set[str], reach: int = 2) -> list[Relation]:
    """Links that carry a citation to what restates it, inside one comment:

    * a unit opening with a report verb ("It found that the IRA sock puppets had no
      influence ...") is supported by the nearest citing unit at most ``reach`` units
      before it ("A recently published study ... Assessing the ...");
    * a unit introducing a quotation ("As Point 95 of the Mueller indictment said:") that
      cites its source supports each unit of the quoted run right after it: what follows
      is from that source.
    """
    out: list[Relation] = []
    for i, u in enumerate(units):
        if u.quoted:
            continue
        if _REPORT_OPENER.match(u.text):
            for j in range(i - 1, max(-1, i - 1 - reach), -1):
                if units[j].id in citing and not units[j].quoted:
                    out.append(Relation(units[j].id, u.id, "support", 0.8,
                                        f"restates what the source just cited reports ('{_REPORT_OPENER.match(u.text).group(0).strip()}')"))
                    break
        if u.id in citing and introduces_quotation(u.text):
            for v in units[i + 1:]:
                if not v.quoted:
                    break
                out.append(Relation(u.id, v.id, "support", 0.9,
                                    "the quotation's source, named in the line introducing it"))
    return out


def _dedupe(rels: Sequence[Relation]) -> list[Relation]:
    """Keep the most confident relation per (source, target), in first-seen order."""
    best: dict[tuple[str, str], Relation] = {}
    for r in rels:
        key = (r.source, r.target)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())


# --- inside a comment ---------------------------------------------------------

def voices(units: Sequence[Unit]) -> list[list[Unit]]:
    """Runs of consecutive units sharing ``(quoted, quoted_from)``: the author's own
    words, or one quoted block."""
    runs: list[list[Unit]] = []
    for u in units:
        if runs and (runs[-1][-1].quoted, runs[-1][-1].quoted_from) == (u.quoted, u.quoted_from):
            runs[-1].append(u)
        else:
            runs.append([u])
    return runs


def intra_relations(units: Sequence[Unit], thread: Any, citing: set[str] = frozenset(),
                    cos: Callable[[Unit, Unit], float | None] | None = None) -> list[Relation]:
    """Relations among one comment's units (see the module docstring).

    ``citing`` holds the ids of units that cite evidence: in a quoted source block,
    those and the quoted claims are what the author leans on. ``cos`` (unit, unit) ->
    cosine or None picks, among the author's claims near a quoted block, the one the
    block is about.
    """
    if not units:
        return []
    text = thread.get(units[0].comment_id).text if units[0].comment_id in thread else ""
    out: list[Relation] = []
    block: list[Unit] = []   # consecutive units quoted from outside sources (nested quotes included)
    block_rels: list[Relation] = []
    for run in [*voices(units), []]:
        outside = (bool(run) and run[0].quoted and run[0].quoted_from != UNNAMED_QUOTE
                   and not (run[0].quoted_from and run[0].quoted_from in thread))
        if block and not outside:
            out.extend(_quote_block_support(block, block_rels, units, citing, cos))
            block, block_rels = [], []
        if not run or (run[0].quoted and not outside):
            continue  # another participant's words: linked where they were written
        rels = run_relations(run, text)
        out.extend(rels)
        if outside:
            block.extend(run)
            block_rels.extend(rels)
    return out


def run_relations(run: Sequence[Unit], text: str = "") -> list[Relation]:
    """Marker and adjacency relations inside one voice (``text``: the comment, for paragraphs)."""
    out: list[Relation] = []
    for i, u in enumerate(run):
        if u.kind not in ARGUMENTATIVE:
            continue
        nxt = run[i + 1] if i + 1 < len(run) else None
        if u.kind != "evidence" and (m := REASON_MARKERS.match(u.text)):
            j = _nearest(run, i, ("claim",), MARKER_REACH, before_only=True)
            j = _nearest(run, i, ("claim",), MARKER_REACH) if j is None else j
            if j is not None:
                side = "preceding" if j < i else "following"
                out.append(Relation(u.id, run[j].id, "support", 0.8,
                                    f"gives a reason ('{m.group(1).lower()}') for the {side} claim"))
        elif nxt is not None and nxt.kind == "claim" and (m := CONCLUSION_MARKERS.match(nxt.text)):
            out.append(Relation(u.id, nxt.id, "support", 0.75,
                                f"the next sentence draws a conclusion from it ('{m.group(1).lower()}')"))
        elif u.kind in ("premise", "evidence"):
            out.extend(_adjacent_support(run, i, text))
    return out


def _adjacent_support(run: Sequence[Unit], i: int, text: str) -> list[Relation]:
    """A premise backs the nearest claim, evidence the nearest claim or premise, same paragraph."""
    u = run[i]
    kinds = ("claim",) if u.kind == "premise" else ("claim", "premise")
    j = _nearest(run, i, kinds, ADJACENT_REACH, ok=lambda j: _same_paragraph(text, u, run[j]))
    if j is None:
        return []
    dist = abs(j - i)
    what = "reason" if u.kind == "premise" else "evidence"
    return [Relation(u.id, run[j].id, "support", round(0.6 - 0.1 * (dist - 1), 3),
                     f"{what} next to the {run[j].kind} it backs, same paragraph")]


def _same_paragraph(text: str, a: Unit, b: Unit) -> bool:
    """No blank line between the two units (a paragraph break ends an adjacency link)."""
    lo, hi = sorted((a, b), key=lambda u: u.start)
    return not PARAGRAPH_BREAK.search(text, lo.end, max(lo.end, hi.start))


def _nearest(run: Sequence[Unit], i: int, kinds: tuple[str, ...], reach: int, *, before_only: bool = False,
             ok: Any = None) -> int | None:
    """Index of the nearest unit of ``kinds`` within ``reach`` of ``run[i]`` passing ``ok``;
    ties go to the earlier one."""
    def good(j: int) -> bool:
        return run[j].kind in kinds and (ok is None or ok(j))

    before = next((j for j in range(i - 1, max(-1, i - reach - 1), -1) if good(j)), None)
    after = None if before_only else next(
        (j for j in range(i + 1, min(len(run), i + reach + 1)) if good(j)), None)
    if before is None or after is None:
        return before if before is not None else after
    return before if i - before <= after - i else after


def _quote_block_support(block: Sequence[Unit], rels: Sequence[Relation], units: Sequence[Unit],
                         citing: set[str], cos: Callable[[Unit, Unit], float | None] | None = None
                         ) -> list[Relation]:
    """The top claims and citing units of a quoted source block support the author's own
    claim or premise within ``QUOTE_REACH`` units of the block that is closest in meaning
    to them (the nearest claim when no vectors are known; none without a claim nearby)."""
    pos = {u.id: i for i, u in enumerate(units)}
    first, last = pos[block[0].id], pos[block[-1].id]
    reach = range(max(0, first - QUOTE_REACH), min(len(units), last + QUOTE_REACH + 1))
    # The line introducing the quotation ("As Point 95 of the indictment said:") is its
    # attribution, not what it backs.
    own = [k for k in reach if not units[k].quoted
           and not (k == first - 1 and units[k].text.rstrip().endswith(":"))]
    claims = [k for k in own if units[k].kind == "claim"]
    if not claims or _disputes(units, last):
        return []
    # With vectors, the author's premises compete too: the claim/premise line is fuzzy,
    # and the quoted report is often about the sentence the head called a premise.
    near = [k for k in own if units[k].kind in ("claim", "premise")] if cos else claims
    linked = {r.source for r in rels}
    tops = [u for u in block if u.kind in ARGUMENTATIVE and u.id not in linked]
    lean = [u for u in tops if u.kind == "claim" or u.id in citing] or tops

    def distance(k: int) -> float:
        return (first - k) if k < first else (k - last) + 0.5

    how = "the author's nearest claim"
    k_best = min(claims, key=distance)
    sims = {k: [x for u in lean if (x := cos(u, units[k])) is not None] if cos else [] for k in near}
    if len(near) > 1 and lean and all(sims.values()):
        score = {k: sum(sims[k]) / len(sims[k]) - 0.05 * distance(k) for k in near}
        k_best = max(near, key=lambda k: (score[k], -distance(k)))
        how = f"the author's nearby {units[k_best].kind} closest in meaning ({sum(sims[k_best]) / len(sims[k_best]):.2f})"
    target = units[k_best]
    return [Relation(u.id, target.id, "support", 0.5,
                     f"quoted from {u.quoted_from or 'a source'} in support of {how}") for u in lean]


def _disputes(units: Sequence[Unit], last: int) -> bool:
    """True when the author's first own unit after a quoted block rejects it ("Nonsense.",
    "That is false", "No, ..."): a quotation quoted in order to dispute it is no source
    for the author."""
    nxt = next((u for u in units[last + 1:] if not u.quoted), None)
    if nxt is None:
        return False
    cues = find_cues("", nxt.text)
    return cues.disagree_open or bool(_REJECTS.match(nxt.text))


_REJECTS = re.compile(r"^\W*(?:(?:that|this|it)(?:'s|\u2019s| is| was)\s+(?:(?:a|an|just|simply|complete|"
                      r"total|utter)\s+)*(?:false|wrong|nonsense|untrue|a lie|lie|lies|bs|bullshit|garbage|"
                      r"propaganda|rubbish|debunked)|nonsense|rubbish|false|wrong|not true|bullshit)\b", re.I)


# --- across comments ---------------------------------------------------------

class _CrossContext:
    """Reply linking over one map (its indexes keep it linear in thread size)."""

    def __init__(self, amap: ArgumentMap, intra_sources: set[str], settings: Settings):
        self.amap = amap
        self.settings = settings
        self.vectors = amap.vectors.aligned("units", len(amap.units))
        self.intra_sources = intra_sources

    def reply_relations(self, c: Comment) -> list[Relation]:
        """The reply's main units -> the parent unit its stance targets."""
        cl = self.amap.labels_for(c.id)
        st = cl.stance if cl else None
        if st is None or st.label not in ("support", "attack") or c.parent_id is None:
            return []
        link = c.parent.confidence if c.parent and c.parent.source == "inferred" else 1.0
        target = self.amap.unit(st.target) if st.target else None
        if target is not None and target.comment_id == c.id:
            target = None
        mains = self.main_units(c.id)
        pa = cl.personal_attack
        extra = "; also a personal attack" if pa and pa.label == "personal-attack" else ""
        parent = self._describe(c.parent_id)
        if target is None or not mains:
            conf = round(st.confidence * link, 3)
            return [Relation(c.id, c.parent_id, st.label, conf,
                             f"{st.label}s {parent}: {st.why} (no target unit known){extra}")]
        out = []
        for u, how, sure in self.pick_sources(c, mains, target):
            conf = round(st.confidence * sure * link, 3)
            out.append(Relation(u.id, target.id, st.label, conf,
                                f"{st.label}s {parent}'s {target.kind}: {st.why}; target {how}{extra}"))
        return out

    def main_units(self, comment_id: str) -> list[Unit]:
        """Top-level own units: claims first, else premises/evidence, else questions."""
        own = [u for u in self.amap.units_of(comment_id) if not u.quoted]
        for kinds in (("claim",), ("premise", "evidence"), ("question",)):
            tops = [u for u in own if u.kind in kinds and u.id not in self.intra_sources]
            if tops:
                return tops
        return []

    def pick_sources(self, c: Comment, mains: Sequence[Unit],
                     target: Unit) -> list[tuple[Unit, str, float]]:
        """The lead main unit, plus main units that echo the target."""
        sure, how = self.sureness(c, mains[0], target)
        picked = [(mains[0], how, sure)]
        for u in mains[1:]:
            sim = self.cos(u, target)
            if sim is not None and sim >= self.settings.echo_similarity:
                picked.append((u, f"echoed (similarity {sim:.2f})", 0.7 + 0.3 * sim))
        return picked

    def sureness(self, c: Comment, lead: Unit, target: Unit) -> tuple[float, str]:
        """How sure the targeted unit is, and a phrase saying why."""
        if _quotes(c, self.amap.units_of(c.id), target):
            return 1.0, "quoted in the reply"
        parent_units = [u for u in self.amap.units_of(target.comment_id) if u.kind in ARGUMENTATIVE]
        if len(parent_units) == 1:
            return 1.0, "is the parent's only argumentative unit"
        sim = self.cos(lead, target)
        if sim is not None:
            return 0.7 + 0.3 * max(0.0, sim), f"chosen by the stance step (similarity {sim:.2f})"
        return 0.8, "chosen by the stance step"

    def cos(self, a: Unit, b: Unit) -> float | None:
        """Cosine of two units' vectors, or None without vectors."""
        if self.vectors is None:
            return None
        va, vb = self.vectors[self.amap.unit_row(a.id)], self.vectors[self.amap.unit_row(b.id)]
        return float(va @ vb)  # vectors are unit-normalised by resources.encode

    def _describe(self, comment_id: str) -> str:
        pc = self.amap.thread.get(comment_id) if comment_id in self.amap.thread else None
        if pc is None:
            return comment_id
        who = pc.author or ("the article" if pc.parent_id is None else "anonymous")
        return f"#{pc.index} ({who})"


def _quotes(c: Comment, units: Sequence[Unit], target: Unit) -> bool:
    """True when the reply quotes (part of) the target unit's text."""
    spans = [c.text[q.start:q.end] for q in c.quotes if q.source_id in (None, target.comment_id)]
    spans += [u.text for u in units if u.quoted and u.quoted_from == target.comment_id]
    norm = " ".join(target.text.split()).lower()
    return any(len(s.strip()) >= 12 and " ".join(s.split()).lower().strip(" “”\"'>") in norm
               for s in spans)
