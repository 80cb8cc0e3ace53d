"""Personal attacks: does a comment attack the person rather than the argument?

Two signals, combined in :func:`detect`:

1. **Patterns** (:data:`PATTERNS`): second-person insults ("r u a nut or a bozo?", "you are
   just a troll"), name-calling of a third person ("Moon is just a propagandist"), and ad
   hominem moves ("you cannot understand", "people like that", "learn to read", "your brain").
   Each pattern carries the short reason shown to a moderator.
2. **A head** (``argmap/data/attack_head.npz``, built by ``train/train_attack.py``): logistic
   regression on the comment's MiniLM embedding plus the pattern counts, trained on the
   Apache-2.0 ``cmv-adhominem`` chains (the last comment of ``ah`` chains was removed by
   moderators as a personal attack; the last of ``delta`` chains persuaded the poster).

A pattern hit alone flags the comment; the head flags it when its probability clears the
threshold stored with it and the comment is aimed at a person (second person, a name, or a
pattern). A rebuttal can be a personal attack too: this is a separate flag from stance.

Example:
    >>> [h.why for h in find_patterns("Answer me this, r u a nut or a bozo?")]
    ["calls the other person 'nut'"]
    >>> [h.why for h in find_patterns("Moon is just a propagandist.")]
    ["calls Moon 'a propagandist'"]
    >>> find_patterns("He quoted the Mueller report and a published study as factual backup.")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model import Judgement

# Nouns and adjectives that insult a person when said of them.
INSULT_WORDS = (
    "idiot", "idiots", "moron", "morons", "imbecile", "imbeciles", "nut", "nuts", "nutjob",
    "nutcase", "bozo", "bozos", "clown", "clowns", "fool", "fools", "troll", "trolls", "shill",
    "shills", "liar", "liars", "propagandist", "propagandists", "hack", "hacks", "asshole",
    "assholes", "dickhead", "dick", "douche", "douchebag", "jerk", "retard", "retarded", "loser",
    "losers", "snowflake", "snowflakes", "sheep", "sheeple", "cunt", "twat", "prick", "pussy",
    "coward", "cowards", "hypocrite", "hypocrites", "bigot", "bigots", "dipshit", "dumbass",
    "stupid", "dumb", "ignorant", "brainwashed", "delusional", "pathetic", "crazy", "insane",
    "dense", "thick", "clueless", "childish", "obtuse", "disingenuous", "lunatic", "lunatics",
    "scum", "garbage", "trash", "piece of shit", "waste of space", "apologist", "puppet", "bot",
    "fanboy", "zealot", "nazi", "commie", "cultist", "simpleton", "halfwit", "cretin",
)
_INSULT = "|".join(re.escape(w) for w in sorted(INSULT_WORDS, key=len, reverse=True))
_YOU = r"(?:you|u|ya|ye|y'all|you guys|you people)"
_ARE = r"(?:are|r|'re|re|’re|’re)"
_FILL = r"(?:(?:just|such|a|an|so|being|really|clearly|obviously|the|total|complete|fucking|" \
        r"absolute|utter|little|some|kind of|sort of|nothing but|only|simply|an? \w+)\s+)*"


@dataclass(frozen=True)
class Pattern:
    """A personal-attack pattern: compiled regex, its family and the reason template."""

    family: str
    regex: re.Pattern[str]
    why: str
    aim: str = "author"  # whom it hits: "author" (the person spoken to), "named", "third"


def _p(family: str, rx: str, why: str, aim: str = "author") -> Pattern:
    return Pattern(family, re.compile(rx, re.I), why, aim)


PATTERNS: tuple[Pattern, ...] = (
    # "you are just a troll", "you're an idiot", "r u a nut or a bozo?"
    _p("insult", rf"\b{_YOU}\s*{_ARE}\s+{_FILL}(?P<w>{_INSULT})\b", "calls the other person '{w}'"),
    _p("insult", rf"\b{_ARE}\s+{_YOU}\s+{_FILL}(?P<w>{_INSULT})\b", "calls the other person '{w}'"),
    _p("insult", rf"\byou\s+(?:stupid\s+|fucking\s+|little\s+|absolute\s+)*(?P<w>{_INSULT})\b(?!\s+(?:idea|thing|argument|point))",
       "calls the other person '{w}'"),
    # "Moon is just a propagandist", "he's a hack"
    _p("label", rf"(?P<n>\b(?-i:[A-Z])[\w]+|\bhe|\bshe)\s+(?:is|are|'s|’s)\s+(?:just|only|nothing but|"
       rf"simply|clearly|obviously|basically|such)?\s*(?P<w>(?:an?\s+)?(?:\w+\s+)?(?:{_INSULT}))\b",
       "calls {n} '{w}'", "named"),
    # attacks on the person's mind or competence
    _p("competence", r"\b(?:you|u)\s+(?:clearly\s+|obviously\s+|just\s+|simply\s+)?(?:cannot|can't|can not|"
       r"don't|do not|couldn't|could not|won't)\s+(?:even\s+)?(?:understand|read|comprehend|think|grasp|get it)\b",
       "says the other person cannot understand"),
    _p("competence", r"\b(?:learn to read|reading comprehension|can you even read|go back to school|"
       r"use your brain|your (?:tiny |small |little )?brain|your (?:ignorance|stupidity)|"
       r"not (?:very |too )?bright|no idea what you(?:'re| are) talking about|"
       r"(?:is|are) you (?:stupid|dumb|high|drunk|retarded|serious)|do you even)\b",
       "mocks the person's intelligence"),
    # dismissing the person instead of the argument
    _p("ad-hominem", r"\bpeople like (?:you|u)\b", "dismisses people like the author"),
    # "People like that don't care, Margaret.": disparages a third party, not the one spoken to
    _p("ad-hominem", r"\bpeople like (?:that|him|her|them|this|these|those)\b",
       "dismisses someone as 'people like that'", "third"),
    _p("ad-hominem", r"\b(?:who are you|grow up|get a life|shut up|fuck (?:you|off)|screw you|go away|"
       r"get lost|you people|typical \w+ (?:response|logic)|you sound like)\b",
       "speaks to the person, not the point"),
)


@dataclass(frozen=True)
class Hit:
    """One pattern match: family, the matched text and the reason."""

    family: str
    text: str
    why: str
    aim: str = "author"
    name: str = ""  # the person named, for "named" hits


def aimed_at(hits: list[Hit], author: str | None) -> bool:
    """True when a hit attacks the person spoken to: second person, or names ``author``
    (an article's or comment's author, matched on any of its words, case-insensitively).

    >>> aimed_at(find_patterns("People like that don't care, Margaret."), "Margaret Flowers")
    False
    >>> aimed_at(find_patterns("Moon is just a propagandist."), "Moon of Alabama")
    True
    """
    names = {w.lower() for w in (author or "").replace("_", " ").split() if len(w) > 1}
    return any(h.aim == "author" or (h.aim == "named" and h.name.lower() in names) for h in hits)


def find_patterns(text: str) -> list[Hit]:
    """Personal-attack pattern matches in ``text``, in pattern order."""
    return list(_find_patterns(text))


@lru_cache(maxsize=8192)
def _find_patterns(text: str) -> tuple[Hit, ...]:
    """:func:`find_patterns`, memoised per text (every step and re-run shares one scan)."""
    hits = []
    for pat in PATTERNS:
        m = pat.regex.search(text)
        if m is None:
            continue
        groups = {k: (v or "").strip() for k, v in m.groupdict().items()}
        if pat.family == "label" and groups.get("n", "").lower() in _NOT_PERSON:
            continue
        name = groups.get("n", "") if pat.aim == "named" else ""
        aim = "third" if pat.aim == "named" and name.lower() in ("he", "she") else pat.aim
        hits.append(Hit(pat.family, m.group(0), pat.why.format(**groups), aim, name))
    return tuple(hits)


# Sentence subjects that are not people ("It is garbage", "This is crazy").
_NOT_PERSON = frozenset("it this that which what there here everything nothing something "
                        "anything argument idea article claim point".split())
FAMILIES = ("insult", "label", "competence", "ad-hominem")
_SECOND = re.compile(r"\b(?:you|your|you're|youre|yourself|u(?!\.\w)|ur)\b", re.I)  # "u", not "U.S."
# Polite formulas and the generic "you" ("you can tell that ...") aim at no one.
# A "you" after "if", "when", "until" states a general case ("A ban sounds great until you
# use a wheelchair", "if your phone makes a sound"), as does "you cannot <do> a ..." ("You
# cannot overhear a Slack DM") and "with six people you have ...": it speaks to no one in
# particular. ("You cannot read", "you cannot understand" stay aimed.)
_POLITE = re.compile(r"\b(?:thank you|thanks to you|see you|you know|you're welcome|if you will|"
                     r"you can (?:tell|see)|you could say|you have to wonder|mind you|"
                     r"(?:if|when|until|unless|once|whenever|as long as) (?:you|your)(?: \w+)?|"
                     r"you (?:can't|cannot|can not) (?!read|understand|think|comprehend|argue|even|see)\w+ "
                     r"(?:a|an|any)|(?:with|without) \w+(?: \w+)? you have)\b", re.I)


def speaks_to_someone(text: str) -> bool:
    """True when ``text`` speaks to a person ("you", "your"), not counting polite formulas
    and the generic "you" (see ``_POLITE``).

    >>> speaks_to_someone("I bet you're a fan of Rachel!"), speaks_to_someone("Thank you.")
    (True, False)
    """
    return bool(_SECOND.search(_POLITE.sub(" ", text)))


def pattern_features(texts: list[str], hits: list[list[Hit]] | None = None) -> np.ndarray:
    """Per text: one count per pattern family, then the second-person rate (for the head).
    ``hits``: each text's :func:`find_patterns`, when the caller has them already."""
    rows = []
    for k, t in enumerate(texts):
        fams = [h.family for h in (hits[k] if hits is not None else find_patterns(t))]
        n_words = max(len(t.split()), 1)
        rows.append([float(fams.count(f)) for f in FAMILIES]
                    + [min(1.0, 5 * len(_SECOND.findall(t)) / n_words)])
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), len(FAMILIES) + 1)


FEATURE_NAMES = tuple(f"pattern_{f}" for f in FAMILIES) + ("second_person",)


@lru_cache(maxsize=1)
def _head():
    from .heads import load_head
    try:
        return load_head("attack_head")
    except FileNotFoundError:
        return None


def head_probability(texts: list[str], vectors: np.ndarray,
                     hits: list[list[Hit]] | None = None) -> np.ndarray:
    """The trained head's probability of a personal attack per text (0.5 if no head ships)."""
    head = _head()
    if head is None or not texts:
        return np.full(len(texts), 0.5)
    X = np.hstack([np.asarray(vectors, dtype=np.float32), pattern_features(texts, hits)])
    return head.predict_proba(X)[:, head.classes.index("personal-attack")]


def head_threshold() -> float:
    """The decision threshold stored with the head (chosen on its training split)."""
    head = _head()
    return float(head.meta.get("threshold", 0.5)) if head is not None else 1.0


def judge(text: str, p_head: float, *, addressed: bool = False,
          threshold: float | None = None, hits: list[Hit] | None = None) -> Judgement:
    """The personal-attack judgement for one comment.

    Args:
        text: the comment's own words (quoted text removed).
        p_head: the head's probability (see :func:`head_probability`).
        addressed: True when the comment names or speaks to another participant.
        threshold: the head's decision threshold (default: the one shipped with it).
        hits: the text's :func:`find_patterns`, when the caller has them already.
    """
    thr = head_threshold() if threshold is None else threshold
    hits = find_patterns(text) if hits is None else hits
    aimed = bool(hits) or addressed or speaks_to_someone(text)
    if hits:
        conf = min(0.97, 0.75 + 0.2 * p_head + 0.05 * (len(hits) - 1))
        return Judgement("personal-attack", round(conf, 3), hits[0].why)
    if aimed and p_head >= thr:
        conf = 0.5 + 0.4 * (p_head - thr) / max(1e-6, 1 - thr)
        # Tone alone, with no insult or ad hominem pattern behind it, is a weak signal
        # (condescension and heat read alike): flag it for a human at modest confidence.
        return Judgement("personal-attack", round(min(conf, 0.65), 3),
                         "hostile, personal tone like moderator-removed attacks; no insult found, check")
    conf = 0.5 + 0.45 * (1 - p_head / max(thr, 1e-6)) if p_head < thr else 0.55
    return Judgement("none", round(min(conf, 0.95), 3), "no insult or attack on a person found")
