"""Unit kinds: claim, premise, evidence, question, other.

Requires: units (``quoted`` already marked: by segment from the reader's quotes, by
reconstruct from the copies it finds), vectors.units. Assigns: unit kind/confidence/why.

Two layers:

1. **Rules** decide the clear cases with a stated reason: greetings and thanks
   ("thanks/greeting"), fragments without a verb ("fragment, no assertion"),
   questions ("question form"; rhetorical ones get a lower confidence), and units
   that open with a reason marker ("reason marker 'because'").
2. A **trained head** (:mod:`argmap.heads`, ``data/unit_head.npz``, built by
   ``train/train_units.py`` from cdcp and ukp-webdiscourse) scores claim / premise
   / evidence from the unit's MiniLM vector plus the linguistic cue features of
   :func:`cue_features` (numbers, attribution verbs, first-person experience,
   modal and evaluative words, discourse markers, named-entity-like names). Its
   probability is the confidence; the ``why`` names the cue that pushed hardest.

A rule and the head can disagree (a premise marker on a unit the head calls
evidence): the rule keeps the kind, the confidence drops. A unit quoted from a
named source (not from another comment, not the author's own earlier words) is
``evidence`` ("quotation from a source"): the author offers it as a report of what
the source says, and it stays ``quoted``; a quote whose origin is not in the thread (a
Reddit ``>`` line matching no comment) is no named source: the head decides its kind.
A unit directly followed in its sentence by a reason clause is the ``claim`` that clause
supports.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .. import sources
from ..heads import Head, load_head
from ..model import ArgumentMap, Unit
from ..quoting import UNNAMED_QUOTE, introduces_quotation, is_forum_post, quote_lead
from ..settings import DEFAULT, Settings
from .evidence import hits

HEAD_NAME = "unit_head"
CLAIM_TYPE_HEAD = "claim_type_head"
_WH = frozenset({"who", "what", "why", "how", "when", "where", "which", "whom", "whose"})
_AUX_Q = frozenset({"is", "are", "was", "were", "do", "does", "did", "can", "could", "would",
                    "will", "should", "have", "has", "isn't", "aren't", "don't", "doesn't",
                    "didn't", "wasn't", "won't", "wouldn't", "can't", "shouldn't", "r", "am"})
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|can|could|will|would|should|"
    r"must|may|might|shall|\w+ed|\w+s)\b|n't\b|'(?:s|re|m|ve|ll|d)\b", re.I)
_CAP_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")

FEATURE_NAMES = (
    "digits", "money_or_percent", "year", "attribution", "first_person", "first_person_past",
    "modal", "evaluative", "hedge", "reason_marker_start", "conclusion_marker", "contrast_marker",
    "example_marker", "named_entity", "url", "question_mark", "exclamation", "log_words",
    "second_person", "negation", "imperative", "source_noun",
)


def cue_features(text: str) -> np.ndarray:
    """The linguistic cue vector of one unit (order: :data:`FEATURE_NAMES`), from text alone.

    Example:
        >>> float(dict(zip(FEATURE_NAMES, cue_features("I paid $100 in 2019.")))["money_or_percent"])
        1.0
    """
    low = text.lower().replace("\u2019", "'")
    toks = sources.words(text)
    first = toks[0] if toks else ""
    fp = any(t in sources.FIRST_PERSON for t in toks)
    vals = (
        bool(sources.DIGIT_RE.search(text)),
        bool(sources.MONEY_RE.search(text) or sources.PERCENT_RE.search(text)),
        bool(sources.YEAR_RE.search(text)),
        bool(sources.has_phrase(low, sources.ATTRIBUTION_VERBS)),
        fp,
        fp and any(t in sources.PAST_MARKERS or t.endswith("ed") for t in toks),
        bool(sources.has_phrase(low, sources.MODALS)),
        bool(sources.has_phrase(low, sources.EVALUATIVE)),
        bool(sources.has_phrase(low, sources.HEDGES)),
        any(low.startswith(m + " ") for m in sources.REASON_MARKERS),
        bool(sources.has_phrase(low, sources.CONCLUSION_MARKERS)),
        bool(sources.has_phrase(low, sources.CONTRAST_MARKERS)),
        bool(sources.has_phrase(low, sources.EXAMPLE_MARKERS)),
        bool(_CAP_NAME.search(text)),
        bool(sources.URL_RE.search(text)) or "url" in toks,
        text.rstrip(" \"'\u201d)").endswith("?"),
        "!" in text,
        np.log1p(len(toks)) / 4.0,
        any(t in ("you", "your", "you're", "yours") for t in toks),
        any(t in ("not", "no", "never", "nothing") or t.endswith("n't") for t in toks),
        first in ("please", "read", "look", "consider", "stop", "let", "let's", "don't", "remember"),
        bool(sources.has_phrase(low, sources.DOCUMENT_NOUNS + sources.STUDY_NOUNS)),
    )
    return np.array(vals, dtype=np.float64)


def features(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """Head inputs: MiniLM vectors (n, 384) then cue features (n, len(FEATURE_NAMES))."""
    cues = np.array([cue_features(t) for t in texts]).reshape(len(texts), len(FEATURE_NAMES))
    return np.hstack([np.asarray(vectors, dtype=np.float64).reshape(len(texts), -1), cues])


def classify(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Set every unit's kind, confidence and why.

    Args:
        amap: a map with ``units`` and ``vectors.units`` (rows aligned with units).
        settings: unused today; kept for the step signature.

    Returns:
        The map with final unit kinds.
    """
    units = amap.units
    if not units:
        return replace(amap, units=units)
    head = load_head(HEAD_NAME)
    vecs = amap.vectors.aligned("units", len(units))
    if vecs is None:
        raise ValueError("classify needs vectors.units aligned with units: run embed first")
    X = features([u.text for u in units], vecs)
    probs = head.predict_proba(X)
    comment_ids = {c.id for c in amap.thread.comments}
    out = [_decide(u, p, head, comment_ids) for u, p in zip(units, probs, strict=True)]
    out = [_assertion(u, p, head, amap, settings) for u, p in zip(out, probs, strict=True)]
    out = _claims_before_reasons(out, amap)
    return replace(amap, units=tuple(_typed(out, X)))


def _assertion(unit: Unit, probs: np.ndarray, head: Head, amap: ArgumentMap, settings: Settings) -> Unit:
    """``evidence`` only for a unit that reports something from an origin; else an assertion.

    A unit the head calls evidence is kept as evidence when it carries a citation (an
    evidence hit at or above ``min_evidence_confidence``: a link, named document, study,
    outlet, testimony, attributed quotation, statistic, first-hand experience) or is a
    passage quoted from a named source. Otherwise it is a statement of fact with no
    origin: an assertion, ``claim`` or ``premise`` (whichever the head rates higher) with
    ``claim_type`` ``fact``.
    """
    if unit.kind != "evidence" or (unit.quoted and unit.quoted_from not in (None, UNNAMED_QUOTE, "the author")
                                   and unit.quoted_from not in amap.thread):
        return unit
    author = amap.thread.get(unit.comment_id).author or "the commenter"
    if any(h.confidence >= settings.min_evidence_confidence for h in hits(unit.text, author)):
        return unit
    scores = dict(zip(head.classes, (float(p) for p in probs), strict=True))
    kind = "premise" if scores.get("premise", 0.0) > scores.get("claim", 0.0) else "claim"
    conf = min(0.95, scores.get("evidence", 0.0) + scores.get(kind, 0.0))
    return replace(unit, kind=kind, confidence=round(conf, 3), claim_type="fact",
                   why=f"a statement of fact that gives no origin: an assertion, not evidence; {unit.why}")


def _typed(units: list[Unit], X: np.ndarray) -> list[Unit]:
    """Claims and premises get a ``claim_type`` (fact / value / policy) from the claim-type
    head (trained on cdcp's proposition types, ``train/train_claim_type.py``); an assertion
    demoted from evidence stays ``fact``; other kinds get none."""
    rows = [i for i, u in enumerate(units) if u.kind in ("claim", "premise") and u.claim_type is None]
    out = [u if u.kind in ("claim", "premise") else replace(u, claim_type=None) for u in units]
    if not rows:
        return out
    head = load_head(CLAIM_TYPE_HEAD)
    probs = head.predict_proba(X[rows])
    for i, p in zip(rows, probs, strict=True):
        k = int(np.argmax(p))
        ct = head.classes[k]
        word = {"fact": "a statement of fact", "value": "an opinion", "policy": "a proposal"}[ct]
        out[i] = replace(units[i], claim_type=ct, why=f"{units[i].why}; {word} ({ct} {float(p[k]):.2f})")
    return out


def _claims_before_reasons(units: list[Unit], amap: ArgumentMap) -> list[Unit]:
    """A unit directly followed, in the same sentence, by a reason clause is the claim it supports.

    "Trump was elected | because Clinton was ..." -> claim + premise.
    """
    out = list(units)
    for i, (u, nxt) in enumerate(zip(units, units[1:], strict=False)):
        if u.comment_id != nxt.comment_id or u.kind in ("question", "other") or nxt.kind != "premise":
            continue
        gap = amap.thread.get(u.comment_id).text[u.end:nxt.start]
        # a premise that opens with a reason marker got its kind from that rule (see rule_kind)
        if gap.strip(" ,;\u2014-") == "" and "\n" not in gap and reason_opener(nxt.text):
            conf = max(u.confidence, 0.7) if u.kind == "claim" else 0.65
            out[i] = replace(u, kind="claim", confidence=round(conf, 3),
                             why="claim supported by the reason clause that follows")
    return out


def _decide(unit: Unit, probs: np.ndarray, head: Head, comment_ids: set[str]) -> Unit:
    """Rules first, then the head; a rule that disagrees with the head lowers confidence."""
    ruled = rule_kind(unit.text)
    scores = dict(zip(head.classes, (float(p) for p in probs), strict=True))
    best = max(scores, key=scores.__getitem__)
    from_source = (unit.quoted and unit.quoted_from not in comment_ids and not is_forum_post(unit.quoted_from)
                   and unit.quoted_from not in ("the author", UNNAMED_QUOTE))
    if ruled is not None and (ruled[0] == "question" or not from_source):
        kind, conf, why = ruled
        if kind in scores and best != kind:
            conf = min(conf, 0.5 + scores[kind] / 2)
    elif from_source:
        # A passage quoted from a named source is offered as a report of what it says.
        kind, conf, why = "evidence", max(0.6, scores.get("evidence", 0.0)), "quotation from a source"
    else:
        kind, conf, why = best, scores[best], _head_why(best, unit.text)
    if unit.quoted and unit.quoted_from == UNNAMED_QUOTE:
        why = f"{why}; quoted, from a text not in the thread"
    elif unit.quoted and unit.quoted_from:
        where = "comment " if unit.quoted_from in comment_ids else ""
        why = f"{why}; quoted from {where}{unit.quoted_from}"
    return replace(unit, kind=kind, confidence=round(float(conf), 3), why=why)


# "Above: From Down With Hillary on Twitter." (the copy of a page keeps its picture captions)
_CAPTION = re.compile(r"^\s*(?:above|below|pictured|photo|image|picture|caption|illustration|"
                      r"top|header image|(?:photo|image) credit)\s*[:\u2014\u2013|]", re.I)

# "Posted by the parish newsletter team", "By Jane Smith": who wrote it, no assertion
_BYLINE = re.compile(r"^(?:(?i:posted|written|published|submitted|reported|compiled)\s+by\s+[^.!?\n,;:]{1,60}"
                     r"|[Bb]y\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})[.]?$")

# Whole units that assert nothing, tried first: (test, confidence, why).
_NO_ASSERTION = (
    (sources.is_removed, 0.95, "deleted or removed: the author's words are gone"),
    (sources.is_spam, 0.8, "advertising or spam, no argument"),
    (lambda t: bool(_CAPTION.match(t)), 0.85, "a picture caption"),
    (lambda t: bool(_BYLINE.match(t.strip())), 0.85, "a byline: who wrote or posted it"),
    (lambda t: bool(t.strip()) and quote_lead(t.strip()) == len(t.strip()), 0.9,
     "a forum quote box's header: whose words follow"),
)

# "Go Bernie and Elizabeth!", "Long live the Republic!", "Three cheers for Ann!"
_CHEER = re.compile(r"^(?:[Gg]o\s+(?:[A-Z]|team\b)|(?i:long live|hooray for|hurray for|three cheers for|"
                    r"god bless|viva)\b)[^.?]*!+$")


REASON_OPENERS = ("because", "since", "given that", "due to", "as")


def rule_kind(text: str) -> tuple[str, float, str] | None:
    """(kind, confidence, why) when a linguistic rule decides, else None.

    Example:
        >>> rule_kind("Thank you")
        ('other', 0.9, 'thanks/greeting')
        >>> rule_kind("Why aren't the Dems impeaching Trump over it?")[0]
        'question'
    """
    for test, conf, why in _NO_ASSERTION:
        if test(text):
            return "other", conf, why
    low = text.lower().replace("\u2019", "'").strip()
    toks = sources.words(text)
    bare = " ".join(toks).strip(" .!")
    if bare in sources.GREETINGS or sources.has_phrase(low, ("thank you", "thanks")) and len(toks) <= 6:
        return "other", 0.9, "thanks/greeting"
    if len(toks) <= 3 and not _VERBISH.search(text) and not sources.DIGIT_RE.search(text):
        return "other", 0.7, "fragment, no assertion"
    if _CHEER.match(text.strip()) and len(toks) <= 6:
        return "other", 0.75, "a cheer or slogan, no arguable assertion"
    if text.rstrip(" \"'\u201d)").endswith("?"):
        return _question(toks)
    # "Why is it so" is a question; "What is described as such was instead a marketing scheme."
    # (a long sentence ending in a full stop) is a statement opening with a wh-clause
    cleft = text.rstrip(" \"'\u201d)").endswith(".") and len(toks) > 8
    if len(toks) > 2 and toks[0] in _WH and (toks[1] in _AUX_Q or toks[1] in ("about", "not", "if")) and not cleft:
        return "question", 0.55, "question form without a question mark"
    if introduces_quotation(text):
        return "other", 0.8, "introduces a quotation: the words that follow are someone else's"
    marker = reason_opener(text)
    if marker is not None:
        return "premise", 0.8 if marker != "as" else 0.65, f"reason marker '{marker}'"
    return None


def reason_opener(text: str) -> str | None:
    """The reason marker a unit of four words or more opens with ("because", "since", ...)."""
    low = text.lower().replace("\u2019", "'").strip()
    if len(sources.words(text)) < 4:
        return None
    return next((m for m in REASON_OPENERS if low.startswith(m + " ")), None)


def _question(toks: list[str]) -> tuple[str, float, str]:
    """A question; rhetorical ones (negated or 'why not', 'isn't that') get less confidence."""
    negated = any(t.endswith("n't") or t == "not" for t in toks[:4])
    if negated or (toks and toks[0] in ("why", "how") and len(toks) > 6):
        return "question", 0.6, "question form, likely rhetorical"
    if toks and (toks[0] in _WH or toks[0] in _AUX_Q):
        return "question", 0.9, "question form"
    return "question", 0.75, "ends with a question mark"


_CUE_WHY = (
    ("money_or_percent", "evidence", "states a figure"),
    ("attribution", "evidence", "attributes a statement to a source"),
    ("first_person_past", "evidence", "first-person experience"),
    ("source_noun", "evidence", "refers to a report or study"),
    ("digits", "evidence", "gives a number"),
    ("modal", "claim", "modal language (should/must)"),
    ("evaluative", "claim", "evaluative language"),
    ("hedge", "claim", "states an opinion"),
    ("reason_marker_start", "premise", "opens with a reason marker"),
    ("conclusion_marker", "claim", "conclusion marker"),
)


def _head_why(kind: str, text: str) -> str:
    """A short reason for the head's decision, naming the first matching cue."""
    cues = dict(zip(FEATURE_NAMES, cue_features(text), strict=True))
    cues["digits"] = float(bool(sources.DIGIT_RE.search(sources.YEAR_RE.sub("", text))))
    for name, cue_kind, phrase in _CUE_WHY:
        if cue_kind == kind and cues[name] > 0:
            return f"{phrase} (unit model)"
    default = {"claim": "arguable assertion", "premise": "reason offered for a claim",
               "evidence": "checkable statement of fact, no source given"}
    return f"{default.get(kind, kind)} (unit model)"
