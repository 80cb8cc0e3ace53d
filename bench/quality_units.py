"""Unit-kind quality on cdcp and ukp-webdiscourse (held-out 20 % of documents).

``score_cdcp()``: claim-like (value, policy) vs evidence-like (fact, testimony,
reference) propositions. ``score_ukp()``: explicit claim vs premise spans
(implicit claims, ``begin == end == 0``, skipped). Each gold span is matched to
the predicted unit that overlaps it most (characters); predicted ``claim``,
``premise`` and ``question`` count as claim-like and ``evidence`` as evidence-like
on cdcp; on ukp ``claim``/``question`` count as claim and ``premise``/``evidence``
as premise (a ukp premise may be a fact). A gold span whose best unit is ``other``
counts as a miss for its class. The documents scored are the fixed-seed 20 %
held out from training (``split()``), never the ones the shipped head saw.

Run: ``python bench/quality_units.py`` (prints both score dicts as JSON).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.metrics import accuracy, f1_per_class  # noqa: E402

CORPORA = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared")) / "corpora"
SEED = 13
TRAIN_FRACTION = 0.8
CDCP_COARSE = {"value": "claim", "policy": "claim", "fact": "evidence", "testimony": "evidence",
               "reference": "evidence"}
PRED_CDCP = {"claim": "claim", "premise": "claim", "question": "claim", "evidence": "evidence"}
PRED_UKP = {"claim": "claim", "question": "claim", "premise": "premise", "evidence": "premise"}


@dataclass(frozen=True)
class Span:
    """A gold span: offsets in the document, fine label (claim/premise/evidence) and coarse label."""

    start: int
    end: int
    label: str
    coarse: str


@dataclass(frozen=True)
class Doc:
    """One annotated document of a corpus."""

    id: str
    text: str
    spans: tuple[Span, ...]


def load_cdcp(root: Path = CORPORA) -> list[Doc]:
    """cdcp comments; value/policy props that are the source of a reason link are premises."""
    docs = []
    for ann in sorted((root / "cdcp" / "train").glob("*.ann.json")):
        text = ann.with_name(ann.name.replace(".ann.json", ".txt")).read_text(encoding="utf-8")
        data = json.loads(ann.read_text(encoding="utf-8"))
        reasons = {i for (a, b), _ in data["reasons"] for i in range(a, b + 1)}
        spans = []
        for i, ((s, e), lab) in enumerate(zip(data["prop_offsets"], data["prop_labels"], strict=True)):
            coarse = CDCP_COARSE[lab]
            fine = "evidence" if coarse == "evidence" else ("premise" if i in reasons else "claim")
            spans.append(Span(s, e, fine, coarse))
        docs.append(Doc(ann.name.split(".")[0], text, tuple(spans)))
    return docs


def load_cdcp_types(root: Path = CORPORA) -> list[Doc]:
    """cdcp comments with each proposition's own type as ``label`` (value, policy, fact,
    testimony, reference) and its claim/evidence ``coarse`` label."""
    docs = []
    for ann in sorted((root / "cdcp" / "train").glob("*.ann.json")):
        text = ann.with_name(ann.name.replace(".ann.json", ".txt")).read_text(encoding="utf-8")
        data = json.loads(ann.read_text(encoding="utf-8"))
        spans = tuple(Span(s, e, lab, CDCP_COARSE[lab])
                      for (s, e), lab in zip(data["prop_offsets"], data["prop_labels"], strict=True))
        docs.append(Doc(ann.name.split(".")[0], text, spans))
    return docs


_UKP_TYPES = {"Claim": ("claim", "claim"), "Premise": ("premise", "premise"),
              "Backing": ("evidence", "premise")}


def load_ukp(root: Path = CORPORA) -> list[Doc]:
    """ukp-webdiscourse documents; Backing spans are kept as evidence (coarse: premise)."""
    docs = []
    for path in sorted((root / "ukp-webdiscourse" / "data" / "gold.data.toulmin").glob("*.xmi")):
        tree = ET.parse(path).getroot()
        text = next(el.get("sofaString") for el in tree if el.tag.endswith("}Sofa"))
        spans = []
        for el in tree:
            name = el.tag.rsplit("}", 1)[-1]
            s, e = int(el.get("begin", 0)), int(el.get("end", 0))
            if name in _UKP_TYPES and e > s:
                spans.append(Span(s, e, *_UKP_TYPES[name]))
        docs.append(Doc(path.stem, text, tuple(sorted(spans, key=lambda sp: sp.start))))
    return docs


def split(docs: list[Doc], seed: int = SEED) -> tuple[list[Doc], list[Doc]]:
    """(train, held-out): a fixed-seed 80/20 split by document."""
    ids = sorted(d.id for d in docs)
    random.Random(seed).shuffle(ids)
    train_ids = set(ids[: int(len(ids) * TRAIN_FRACTION)])
    return [d for d in docs if d.id in train_ids], [d for d in docs if d.id not in train_ids]


def predict_units(docs: list[Doc], nlp=None, encoder=None):
    """Run segment -> embed -> classify over the documents as one thread (batched)."""
    from argmap import resources
    from argmap.model import ArgumentMap, Comment, Thread
    from argmap.steps.classify import classify
    from argmap.steps.embed import embed
    from argmap.steps.segment import segment

    nlp = nlp or resources.load_nlp()
    encoder = encoder or resources.load_encoder()
    comments = [Comment("root", "", "", None, 0)] + [
        Comment(d.id, "", d.text, "root", i + 1) for i, d in enumerate(docs)]
    amap = ArgumentMap(thread=Thread("bench", "bench", "generic", tuple(comments)))
    t0 = time.perf_counter()
    amap = classify(embed(segment(amap, nlp=nlp), encoder=encoder))
    return amap, time.perf_counter() - t0


def match_units(doc: Doc, units) -> list:
    """For each gold span, the unit overlapping it most (None if none)."""
    out = []
    for sp in doc.spans:
        best, unit = 0, None
        for u in units:
            ov = min(sp.end, u.end) - max(sp.start, u.start)
            if ov > best:
                best, unit = ov, u
        out.append(unit)
    return out


def match_kinds(doc: Doc, units, facts_as_evidence: bool = False) -> list[str]:
    """For each gold span, the kind of the unit overlapping it most ("other" if none).

    With ``facts_as_evidence`` (cdcp), an assertion of fact (a claim or premise with
    ``claim_type == "fact"``: a statement of fact that gives no origin) counts as
    ``evidence``, the side cdcp's ``fact`` propositions are on.
    """
    return ["other" if u is None else ("evidence" if facts_as_evidence and u.claim_type == "fact" else u.kind)
            for u in match_units(doc, units)]


def _assertion_class(u) -> str:
    """value|policy -> opinion, an assertion of fact -> fact, evidence -> evidence."""
    if u is None or u.kind == "other":
        return "none"
    if u.kind == "evidence":
        return "evidence"
    return "fact" if u.claim_type == "fact" else "opinion"


def score_cdcp_assertions(nlp=None, encoder=None) -> dict:
    """Evidence vs assertion on held-out cdcp: value|policy (opinion) vs fact vs
    testimony|reference (evidence) macro-F1, the claim-type accuracy on value/policy/fact
    propositions, and the share of ``fact`` propositions given a sourced-support status."""
    from argmap.steps.evidence import find_evidence
    from argmap.steps.relations import relate
    from argmap.steps.status import status

    _, held = split(load_cdcp_types())
    amap, secs = predict_units(held, nlp, encoder)
    amap = status(relate(find_evidence(amap)))
    by_doc: dict[str, list] = {}
    for u in amap.units:
        by_doc.setdefault(u.comment_id, []).append(u)
    has_status = {s.unit_id for s in amap.statuses}
    gold3 = {"value": "opinion", "policy": "opinion", "fact": "fact", "testimony": "evidence",
             "reference": "evidence"}
    gold, pred, ct_gold, ct_pred, facts, fact_status = [], [], [], [], 0, 0
    for d in held:
        for sp, u in zip(d.spans, match_units(d, by_doc.get(d.id, [])), strict=True):
            gold.append(gold3[sp.label])
            pred.append(_assertion_class(u))
            if sp.label in ("value", "policy", "fact") and u is not None and u.claim_type:
                ct_gold.append(sp.label)
                ct_pred.append(u.claim_type)
            if sp.label == "fact":
                facts += 1
                fact_status += u is not None and u.id in has_status
    res = macro_f1(gold, pred, ("opinion", "fact", "evidence"))
    return {"corpus": "cdcp (opinion/fact/evidence)", "macro_f1": res["macro_f1"], "accuracy": res["accuracy"],
            "claim_type_accuracy": round(accuracy(ct_gold, ct_pred), 4),
            "fact_status_share": round(fact_status / max(1, facts), 4), "facts": facts,
            "spans": len(gold), "seconds": round(secs, 2)}


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    """Per-label F1, their mean and the accuracy, rounded for the table."""
    out = {f"f1_{lab}": round(v, 4) for lab, v in f1_per_class(gold, pred, labels).items()}
    out["macro_f1"] = round(sum(out.values()) / len(labels), 4)
    out["accuracy"] = round(accuracy(gold, pred), 4)
    return out


def _score(docs: list[Doc], mapping: dict[str, str], labels: tuple[str, ...], keep, nlp, encoder,
           facts_as_evidence: bool = False) -> dict:
    _, held = split(docs)
    amap, secs = predict_units(held, nlp, encoder)
    by_doc: dict[str, list] = {}
    for u in amap.units:
        by_doc.setdefault(u.comment_id, []).append(u)
    gold, pred = [], []
    for d in held:
        for sp, kind in zip(d.spans, match_kinds(d, by_doc.get(d.id, []), facts_as_evidence), strict=True):
            if keep(sp):
                gold.append(sp.coarse)
                pred.append(mapping.get(kind, "none"))
    res = macro_f1(gold, pred, labels)
    return res | {"documents": len(held), "spans": len(gold), "units": len(amap.units),
                  "seconds": round(secs, 2), "split": f"held-out {1 - TRAIN_FRACTION:.0%} by document, seed {SEED}"}


def score_cdcp(nlp=None, encoder=None) -> dict:
    """Claim-like vs evidence-like macro-F1 on the held-out cdcp documents."""
    return {"corpus": "cdcp"} | _score(load_cdcp(), PRED_CDCP, ("claim", "evidence"),
                                       lambda sp: True, nlp, encoder, facts_as_evidence=True)


def score_ukp(nlp=None, encoder=None) -> dict:
    """Explicit claim vs premise macro-F1 on the held-out ukp-webdiscourse documents."""
    return {"corpus": "ukp-webdiscourse"} | _score(load_ukp(), PRED_UKP, ("claim", "premise"),
                                                   lambda sp: sp.label in ("claim", "premise"), nlp, encoder)


def time_seed(nlp=None, encoder=None, repeats: int = 3) -> dict:
    """Seconds for segment, embed, classify and evidence on the seed thread (best of
    ``repeats``, models loaded), against the bare spaCy pipe + MiniLM encode of its sentences."""
    from argmap import read_thread, resources
    from argmap.model import ArgumentMap
    from argmap.steps.classify import classify
    from argmap.steps.embed import embed
    from argmap.steps.evidence import find_evidence
    from argmap.steps.segment import segment

    nlp = nlp or resources.load_nlp()
    encoder = encoder or resources.load_encoder()
    thread = read_thread(ROOT / "threads" / "russian-trolls-study.txt")
    steps = (("segment", lambda m: segment(m, nlp=nlp)), ("embed", lambda m: embed(m, encoder=encoder)),
             ("classify", classify), ("evidence", find_evidence))
    best: dict[str, float] = {}
    for _ in range(repeats):
        amap = ArgumentMap(thread=thread)
        for name, step in steps:
            t0 = time.perf_counter()
            amap = step(amap)
            best[name] = min(best.get(name, 1e9), time.perf_counter() - t0)
        t0 = time.perf_counter()
        sents = [s.text for d in nlp.pipe(c.text for c in thread.comments) for s in d.sents]
        resources.encode(encoder, sents)
        best["bare"] = min(best.get("bare", 1e9), time.perf_counter() - t0)
    total = sum(v for k, v in best.items() if k != "bare")
    return {k: round(v, 3) for k, v in best.items()} | {
        "total": round(total, 3), "ratio_to_bare": round(total / best["bare"], 2),
        "units": len(amap.units), "evidence_items": len(amap.evidence)}


if __name__ == "__main__":
    from argmap import resources

    _nlp, _enc = resources.load_nlp(), resources.load_encoder()
    print(json.dumps(time_seed(_nlp, _enc), indent=2))
    print(json.dumps(score_cdcp(_nlp, _enc), indent=2))
    print(json.dumps(score_ukp(_nlp, _enc), indent=2))
