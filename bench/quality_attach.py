"""Attachment precision: does :func:`argmap.query.attachment` back only what the evidence is for?

On the held-out documents (fixed-seed 20 %, ``bench.quality_units.split``) of cdcp and
ukp-webdiscourse, every gold proposition is a unit (gold offsets), vectors from MiniLM.
For every ordered pair (a, b) inside one document where b is a claim-like target (cdcp
value/policy, or any proposition some link points to; ukp Claim) and a is another
proposition, ``attachment(a, b)`` is computed as if a cited a source; a pair at or above
:data:`argmap.query.MIN_ATTACHMENT` is "attached". Gold: cdcp ``evidences`` and
``reasons`` links (a -> b), ukp Backing/Premise -> Claim of the same document (the
corpus links each premise to the document's claim).

``attach_precision``: attached pairs that are gold links; ``attach_recall``: gold links
attached; ``base_rate``: gold links among all pairs (the precision of attaching
everything). Run: ``python bench/quality_attach.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench.quality_units import CORPORA, load_ukp, split  # noqa: E402


def _cdcp_docs():
    out = []
    for ann in sorted((CORPORA / "cdcp" / "train").glob("*.ann.json")):
        text = ann.with_name(ann.name.replace(".ann.json", ".txt")).read_text(encoding="utf-8")
        data = json.loads(ann.read_text(encoding="utf-8"))
        props = [(s, e, lab) for (s, e), lab in zip(data["prop_offsets"], data["prop_labels"], strict=True)]
        links = set()
        for key in ("evidences", "reasons"):
            for (a, b), t in data.get(key, ()):
                for i in range(a, b + 1):
                    links.add((i, t))
        targets = {k for k, (_, _, lab) in enumerate(props) if lab in ("value", "policy")} | {t for _, t in links}
        out.append((ann.name.split(".")[0], text, props, links, targets))
    return out


def _ukp_docs():
    """ukp-webdiscourse as (id, text, props, links, claims): the documents of
    :func:`bench.quality_units.load_ukp`, every premise or backing linked to the claim."""
    toulmin = {"claim": "Claim", "premise": "Premise", "evidence": "Backing"}
    out = []
    for doc in load_ukp():
        props = sorted((sp.start, sp.end, toulmin[sp.label]) for sp in doc.spans)
        claims = {k for k, p in enumerate(props) if p[2] == "Claim"}
        links = {(i, t) for t in claims for i, p in enumerate(props) if p[2] in ("Premise", "Backing")}
        out.append((doc.id, doc.text, props, links, claims))
    return out


class _Doc:
    def __init__(self, id_):
        self.id = id_


def _closure(links: set[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set(links)
    while True:
        more = {(a, c) for a, b in out for b2, c in out if b == b2 and a != c} - out
        if not more:
            return out
        out |= more


def _pairs(docs, encoder, kinds: dict[str, str]):
    """Before/after figures over the support paths argmap's relations draw between gold units."""
    from argmap import resources
    from argmap.model import ArgumentMap, Comment, Evidence, Thread, Unit, Vectors
    from argmap.query import MAX_HOPS, MIN_ATTACHMENT, SupportGraph
    from argmap.steps.relations import relate

    ids = sorted(d[0] for d in docs)
    held_ids = {d.id for d in split([_Doc(i) for i in ids])[1]}
    counts = {"before": [0, 0], "after": [0, 0]}    # [predicted, correct]
    all_pairs = gold_n = 0
    for did, text, props, links, targets in docs:
        if did not in held_ids or len(props) < 2:
            continue
        gold = _closure(links)
        units = tuple(Unit(f"{did}:{s}", did, s, e, text[s:e], kinds[lab], 1.0, "gold")
                      for s, e, lab in props)
        vecs = resources.encode(encoder, [u.text for u in units])
        ev = tuple(Evidence(f"{u.id}:e", u.id, did, "document", "a source", u.text[:10], u.start,
                            u.start + min(10, len(u.text)), 0.9, "bench") for u in units)
        thread = Thread(did, did, "generic", (Comment("root", "", "", None, 0),
                                              Comment(did, "x", text, "root", 1)))
        amap = ArgumentMap(thread=thread, units=units, evidence=ev, vectors=Vectors(units=vecs))
        g = SupportGraph(relate(amap))
        row = {u.id: k for k, u in enumerate(units)}
        for t in targets:
            all_pairs += len(units) - 1
            gold_n += sum((a, t) in gold for a in range(len(units)))
            seen, frontier = {units[t].id}, [units[t].id]
            for _ in range(MAX_HOPS):
                frontier = [y for x in frontier for y in g.supporters.get(x, ()) if y not in seen]
                seen.update(frontier)
                for y in frontier:
                    ok = (row[y], t) in gold
                    counts["before"][0] += 1
                    counts["before"][1] += ok
                    if g.attachment(y, units[t].id).confidence >= MIN_ATTACHMENT:
                        counts["after"][0] += 1
                        counts["after"][1] += ok
    out = {"pairs": all_pairs, "links": gold_n, "base_rate": round(gold_n / max(1, all_pairs), 4)}
    for name, (n, ok) in counts.items():
        out[f"{name}_attached"] = n
        out[f"{name}_precision"] = round(ok / max(1, n), 4)
        out[f"{name}_recall"] = round(ok / max(1, gold_n), 4)
    out["attach_precision"], out["attach_recall"] = out["after_precision"], out["after_recall"]
    return out


def score_attachment(encoder=None) -> list[dict]:
    from argmap import resources

    encoder = encoder or resources.load_encoder()
    cdcp = {"value": "claim", "policy": "claim", "fact": "premise", "testimony": "evidence", "reference": "evidence"}
    ukp = {"Claim": "claim", "Premise": "premise", "Backing": "evidence"}
    return [{"corpus": "cdcp evidences/reasons"} | _pairs(_cdcp_docs(), encoder, cdcp),
            {"corpus": "ukp-webdiscourse backing/premise->claim"} | _pairs(_ukp_docs(), encoder, ukp)]


if __name__ == "__main__":
    print(json.dumps(score_attachment(), indent=2))
