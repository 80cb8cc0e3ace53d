"""Reply stance and personal-attack quality on the development corpora.

Three scores, each run through argmap's real scoring path (segment -> embed -> stance on
a Thread built from the corpus, every row batched into one thread, never one pipeline
run per row):

* :func:`score_subreddit_agreement`: reply-stance macro-F1 and accuracy on
  ``subreddit-agreement`` (quote, response; 0 disagree -> attack, 1 neutral, 2 agree ->
  support). Measure only: never trained on.
* :func:`score_microtexts`: support/attack accuracy on ``arg-microtexts`` edges between ADU
  texts (``sup``/``exa`` support, ``reb``/``und`` attack). Measure only.
* :func:`score_personal_attack`: personal-attack F1 on the held-out chains of
  ``cmv-adhominem`` (last comment of ``ah`` chains = attack, of ``delta`` chains = not;
  removed/deleted/overwritten bodies left out). The split is by chain number
  (:func:`is_heldout`), so an ``ah`` chain and its ``delta`` twin fall on the same side.

The corpus readers and the pair-thread builder here are shared with ``train/``.

Run: ``python bench/quality_stance.py`` (a few minutes on 2 CPUs).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argmap.model import ArgumentMap, Comment, Quote, Thread  # noqa: E402
from bench.metrics import accuracy, f1_per_class  # noqa: E402

CORPORA = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared")) / "corpora"
SUBREDDIT_LABELS = {"0": "attack", "1": "neutral", "2": "support"}
MICRO_LABELS = {"sup": "support", "exa": "support", "reb": "attack", "und": "attack"}
UNUSABLE = ("[removed]", "[deleted]")


# --- corpus readers -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """A (parent, reply) pair with its gold label and where it came from."""

    parent: str
    reply: str
    label: str
    source: str = ""


def load_subreddit() -> list[Pair]:
    """subreddit-agreement rows (CSV in Windows-1252) as pairs with argmap labels."""
    path = CORPORA / "subreddit-agreement" / "SubReddit-MaskMandate.csv"
    with open(path, encoding="cp1252", newline="") as f:
        return [Pair(r["quote_text"], r["response_text"], SUBREDDIT_LABELS[r["relation"].strip()],
                     f"row{i}") for i, r in enumerate(csv.DictReader(f))]


def _adu_texts(root: ET.Element) -> dict[str, str]:
    edus = {e.get("id"): (e.text or "").strip() for e in root.iter("edu")}
    texts: dict[str, list[str]] = {}
    for e in root.iter("edge"):
        if e.get("type") == "seg":
            texts.setdefault(e.get("trg"), []).append(edus[e.get("src")])
    return {k: " ".join(v) for k, v in texts.items()}


def load_microtexts() -> list[Pair]:
    """arg-microtexts support/attack edges as (target ADU text, source ADU text) pairs.

    An undercut attacks an inference edge; its parent text is that edge's premise.
    """
    pairs = []
    for path in sorted((CORPORA / "arg-microtexts" / "corpus" / "en").glob("micro_*.xml")):
        root = ET.parse(path).getroot()
        adus, edges = _adu_texts(root), {e.get("id"): e for e in root.iter("edge")}
        for e in edges.values():
            label = MICRO_LABELS.get(e.get("type"))
            trg = e.get("trg")
            if trg in edges:
                trg = edges[trg].get("src")
            if label and trg in adus and e.get("src") in adus:
                pairs.append(Pair(adus[trg], adus[e.get("src")], label, f"{path.stem}:{e.get('id')}"))
    return pairs


def usable(body: str) -> bool:
    """False for removed, deleted or overwritten bodies (nothing to judge)."""
    b = body.strip()
    return bool(b) and b not in UNUSABLE and "This comment has been overwritten" not in b


@lru_cache(maxsize=1)
def load_cmv() -> dict[str, tuple[dict, ...]]:
    """cmv-adhominem chains: file name -> Reddit comments in reply order."""
    out = {}
    for path in sorted((CORPORA / "cmv-adhominem" / "threads").glob("*.json")):
        with open(path, encoding="utf-8") as f:
            out[path.name] = tuple(json.loads(line) for line in f if line.strip())
    return out


def chain_number(file: str) -> int:
    """The N of ``N_ah_*.json`` / ``N_delta_*.json``."""
    return int(file.split("_", 1)[0])


def is_heldout(file: str) -> bool:
    """Document-level split: chains whose number is a multiple of 5 are held out (20%)."""
    return chain_number(file) % 5 == 0


def attack_pairs(*, heldout: bool | None = None) -> list[Pair]:
    """(previous comment, last comment) of each usable chain; label attack / none.

    Args:
        heldout: True for the held-out split only, False for the training split, None for all.
    """
    pairs = []
    for file, rows in load_cmv().items():
        if heldout is not None and is_heldout(file) != heldout:
            continue
        last = rows[-1]
        if not usable(last["body"]) or len(rows) < 2:
            continue
        label = "personal-attack" if "_ah_" in file else "none"
        pairs.append(Pair(rows[-2]["body"], last["body"], label, f"{file}:{last['name']}"))
    return pairs


# --- the pair thread and the scoring path -------------------------------------------------------

_QUOTE_LINE = re.compile(r"^[ \t]*(?:>|&gt;)[^\n]*", re.M)


def _quotes(text: str, parent_id: str) -> tuple[Quote, ...]:
    """Reddit ``>`` lines quote the parent."""
    return tuple(Quote(m.start(), m.end(), parent_id, "Reddit '>' quote")
                 for m in _QUOTE_LINE.finditer(text))


def pairs_thread(pairs: list[Pair], thread_id: str = "pairs") -> Thread:
    """One thread holding every pair as a parent (top-level) and its reply, in page order."""
    comments = [Comment("root", "", "Pairs under evaluation.", None, 0)]
    for i, p in enumerate(pairs):
        pid, rid = f"p{i}", f"r{i}"
        comments.append(Comment(pid, f"a{i}", p.parent, "root", len(comments)))
        comments.append(Comment(rid, f"b{i}", p.reply, pid, len(comments), quotes=_quotes(p.reply, pid)))
    return Thread(thread_id, "", "generic", tuple(comments))


@lru_cache(maxsize=1)
def models():
    """(nlp, encoder), loaded once."""
    from argmap.resources import load_encoder, load_nlp
    return load_nlp(), load_encoder()


CACHE = Path(os.environ.get("ARGMAP_STANCE_CACHE", "/tmp/argmap-stance-cache-v2"))


def embedded_map(pairs: list[Pair]) -> ArgumentMap:
    """The pair thread after the real segment and embed steps (what stance sees).

    Units and vectors are cached in :data:`CACHE` by a hash of the texts, so re-running a
    benchmark or a training script does not re-run the models.
    """
    import hashlib
    import pickle

    from argmap.steps.embed import embed
    from argmap.steps.segment import segment
    thread = pairs_thread(pairs)
    key = hashlib.sha1("\x00".join(c.text for c in thread.comments).encode()).hexdigest()[:20]
    path = CACHE / f"{key}.pkl"
    if path.exists():
        units, vectors = pickle.loads(path.read_bytes())
        return ArgumentMap(thread=thread, units=units, vectors=vectors)
    nlp, encoder = models()
    amap = embed(segment(ArgumentMap(thread=thread), nlp=nlp), encoder=encoder)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((amap.units, amap.vectors)))
    return amap


def run_stance(pairs: list[Pair]) -> ArgumentMap:
    """segment -> embed -> stance over all pairs at once."""
    from argmap.steps.stance import stance
    return stance(embedded_map(pairs))


def reply_labels(amap: ArgumentMap, n: int, field: str = "stance") -> list[str]:
    """The ``field`` label of each reply ``r0..r{n-1}``."""
    return [getattr(amap.labels_for(f"r{i}"), field).label for i in range(n)]


# --- scores -------------------------------------------------------------------------------------

def score_subreddit_agreement() -> dict:
    """Reply-stance macro-F1 and accuracy on subreddit-agreement (3 classes)."""
    pairs = load_subreddit()
    gold = [p.label for p in pairs]
    pred = reply_labels(run_stance(pairs), len(pairs))
    f1 = f1_per_class(gold, pred, ("support", "attack", "neutral"))
    return {"corpus": "subreddit-agreement", "n": len(pairs), "macro_f1": round(sum(f1.values()) / 3, 4),
            "accuracy": round(accuracy(gold, pred), 4), "f1": {k: round(v, 4) for k, v in f1.items()}}


def score_microtexts() -> dict:
    """Support/attack accuracy on arg-microtexts edges.

    ``accuracy`` counts a neutral answer as wrong; ``accuracy_decided`` scores only the
    edges given support or attack; ``neutral_share`` is how many were left neutral.
    """
    pairs = load_microtexts()
    gold = [p.label for p in pairs]
    pred = reply_labels(run_stance(pairs), len(pairs))
    decided = [(g, p) for g, p in zip(gold, pred, strict=True) if p != "neutral"]
    return {"corpus": "arg-microtexts", "n": len(pairs), "accuracy": round(accuracy(gold, pred), 4),
            "accuracy_decided": round(accuracy(*zip(*decided, strict=True)), 4) if decided else 0.0,
            "neutral_share": round(pred.count("neutral") / len(pred), 4)}


def score_personal_attack() -> dict:
    """Personal-attack precision, recall and F1 on the held-out cmv-adhominem chains."""
    # the flag reads only the comment itself: a stub parent halves the model work
    pairs = [replace(p, parent="(parent omitted)") for p in attack_pairs(heldout=True)]
    gold = [p.label for p in pairs]
    pred = reply_labels(run_stance(pairs), len(pairs), "personal_attack")
    tp = sum(g == p == "personal-attack" for g, p in zip(gold, pred, strict=True))
    prec = tp / max(pred.count("personal-attack"), 1)
    rec = tp / max(gold.count("personal-attack"), 1)
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    return {"corpus": "cmv-adhominem (held-out chains)", "n": len(pairs), "f1": round(f1, 4),
            "precision": round(prec, 4), "recall": round(rec, 4), "accuracy": round(accuracy(gold, pred), 4)}


def main() -> None:
    for fn in (score_subreddit_agreement, score_microtexts, score_personal_attack):
        print(json.dumps(fn()))


if __name__ == "__main__":
    main()
