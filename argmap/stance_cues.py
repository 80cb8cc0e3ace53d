"""Discourse cues of a reply's stance toward its parent: lexicons and a feature vector.

Pure Python (regular expressions over lower-cased text), so it is fast enough to run on
every reply of a 10,000-comment thread. :func:`cue_features` turns a (parent, reply) pair
into a fixed-length vector (names in :data:`FEATURES`) for the stance head, and
:func:`cue_reasons` names the cues that fired in words a moderator understands.

Example:
    >>> c = find_cues("The new study proves it.", "No, the new study proves nothing.")
    >>> c.disagree_open, c.echo_negation
    (True, True)
    >>> find_cues("Trump was a fake populist.", "Right, Tony.").agree_open
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import echo
from .reasons import Reason
from .safetext import shorten

# --- lexicons -----------------------------------------------------------------------------
# Reply-initial agreement: "Right, Tony.", "Exactly!", "Yes--Americans should NOT trust ...".
AGREE_OPENERS = (
    "right", "exactly", "yes", "yep", "yup", "yeah", "yea", "agreed", "i agree", "true", "so true",
    "indeed", "absolutely", "this", "well said", "well put", "good point", "great point",
    "fair point", "fair enough", "correct", "precisely", "100%", "+1", "same", "definitely",
    "totally", "you're right", "you are right", "couldn't agree more", "seconded", "spot on",
    "thank you", "thanks", "bingo", "amen", "preach", "truth", "facts", "ditto", "of course",
)
# Reply-initial disagreement: "No, most if not all US intelligence agencies have not".
DISAGREE_OPENERS = (
    "no", "nope", "nah", "wrong", "not true", "false", "but", "actually", "except", "that's not",
    "that is not", "thats not", "not really", "not at all", "hardly", "nonsense", "bullshit",
    "lol no", "i disagree", "disagree", "so what", "wtf", "what?", "uh", "um", "umm", "wait",
    "how about", "that's a", "except that", "not quite", "not necessarily", "incorrect",
    "you're wrong", "you are wrong", "that's ridiculous", "ridiculous",
)
AGREE_PHRASES = (
    "i agree", "agreed", "you're right", "you are right", "youre right", "good point",
    "great point", "fair point", "well said", "well put", "exactly", "so true", "this is true",
    "couldn't agree more", "spot on", "i concede", "totally agree", "completely agree",
    "same here", "me too", "absolutely right", "you nailed it", "this is so true", "100%",
    "they really do", "so much this", "that's right", "thats right", "that is true",
)
DISAGREE_PHRASES = (
    "i disagree", "you're wrong", "you are wrong", "youre wrong", "not true", "isn't true",
    "is not true", "nonsense", "preposterous", "ridiculous", "absurd", "bullshit", "makes no sense",
    "doesn't make sense", "no evidence", "not how", "that's not", "that is not", "misleading",
    "wrong", "false", "myth", "debunked", "strawman", "straw man", "not an argument", "irrelevant",
    "so what", "no one is", "nobody is", "doesn't mean", "does not mean", "not the same",
    "you don't understand", "you do not understand", "that's a lie", "not at all", "hardly",
    "what about", "whataboutism", "cherry pick", "no it isn't", "no it's not",
)
CONTRAST = ("but", "however", "although", "though", "yet", "nevertheless", "nonetheless",
            "still", "on the other hand", "whereas", "except", "instead", "rather")
CONCESSIONS = ("true", "fair", "i agree", "agreed", "good point", "yes", "yeah", "sure", "ok",
               "okay", "granted", "i see", "you're right", "you are right", "that's fair",
               "i understand", "i get", "i know", "maybe", "perhaps", "to be fair")
NEGATIONS = ("not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot",
             "without", "zero", "nowhere")
RHETORICAL = ("so you're saying", "so you are saying", "do you really", "do you even",
              "are you serious", "seriously?", "really?", "how is that", "how does that",
              "since when", "who cares", "what does that have to do", "are you kidding",
              "you think", "why would", "why should", "how can you", "how could you", "did you even")
# Sarcasm is a weak signal here: these markers only lower confidence, never flip a label.
SARCASM = ("/s", "yeah right", "oh sure", "oh yeah", "oh wow", "wow,", "bravo", "genius",
           "how convenient", "cool story", "good luck with", "what a surprise",
           "shocking", "i'm sure you", "totally not", "because that worked", "big surprise")
POSITIVE = (
    "good", "great", "excellent", "love", "like", "best", "right", "correct", "agree", "helpful",
    "useful", "valuable", "important", "true", "thanks", "thank", "nice", "happy", "glad",
    "smart", "fair", "honest", "safe", "support", "benefit", "better", "win", "awesome",
    "wonderful", "brilliant", "reasonable", "sensible", "respect", "well", "appreciate",
)
NEGATIVE = (
    "bad", "terrible", "awful", "hate", "worst", "wrong", "stupid", "idiot", "idiots", "dumb",
    "moron", "morons", "crazy", "insane", "ridiculous", "nonsense", "lie", "lies", "liar", "fake",
    "false", "evil", "dangerous", "disgusting", "pathetic", "selfish", "ignorant", "fool",
    "fools", "garbage", "trash", "shit", "fuck", "fucking", "damn", "sick", "die", "dead",
    "kill", "killing", "fail", "failed", "failure", "problem", "harm", "hurt", "risk", "absurd",
    "useless", "corrupt", "propaganda", "sad", "angry", "annoying", "horrible", "hypocrisy",
    "hypocrite", "hypocrites", "assholes", "asshole", "selfish", "entitled", "whining",
)
INSULTS = (
    "idiot", "idiots", "moron", "morons", "stupid", "dumb", "nut", "nuts", "bozo", "clown",
    "fool", "troll", "shill", "liar", "asshole", "dickhead", "retard", "retarded", "imbecile",
    "loser", "snowflake", "sheep", "sheeple", "brainwashed", "delusional", "cunt", "jerk",
    "douche", "propagandist", "hack", "pathetic", "ignorant", "coward", "hypocrite", "dipshit",
)

_WORD = re.compile(r"[a-z0-9']+")
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_STOP = frozenset(
    "the a an and or of to in on at for is are was were be been it its this that these those "
    "i you he she we they me him her us them my your his our their what which who with as by "
    "from if so do does did have has had just about there here than then would could should "
    "will can all any some more most very not no".split()
)


def _phrase_re(phrases: tuple[str, ...], anchored: bool) -> re.Pattern[str]:
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    head = r"^\W*" if anchored else r"(?<![a-z0-9'])"
    return re.compile(head + r"(?:" + alts + r")(?![a-z0-9'])")


# An opener agrees only when what follows does not turn it ("Totally wrong", "Of course not"),
# and "This" only on its own ("This.", "This!", "This right here"), not "This is ridiculous".
_AGREE_OPEN = re.compile(
    _phrase_re(tuple(o for o in AGREE_OPENERS if o != "this"), anchored=True).pattern
    + r"(?!\W*(?:not|wrong|false|incorrect|untrue|no|nonsense|ridiculous)\b)"
    + r"|^\W*this\s*(?:[.!]+|$|(?:right here|so much|100%|exactly|is it|is so true)\b)")
_DISAGREE_OPEN = _phrase_re(DISAGREE_OPENERS, anchored=True)
_AGREE_ANY = _phrase_re(AGREE_PHRASES, anchored=False)
_DISAGREE_ANY = _phrase_re(DISAGREE_PHRASES, anchored=False)
_CONTRAST = _phrase_re(CONTRAST, anchored=False)
_CONCESSION_OPEN = _phrase_re(CONCESSIONS, anchored=True)
_RHETORICAL = _phrase_re(RHETORICAL, anchored=False)
# Whole words only: "/s" inside a link ("example.org/scdc-report") is no sarcasm tag.
_SARCASM = re.compile(r"(?<![\w/.:-])(?:" + "|".join(re.escape(s) for s in SARCASM) + r")(?![\w/])")
_QUOTE_LINE = re.compile(r"^\s*(?:>|&gt;).*$", re.M)
# Advertising dropped into a thread takes no side: "Cheap pills here!!! visit our shop".
@dataclass(frozen=True)
class Cues:
    """The cues found in a reply (and against its parent). Booleans and rates in 0..1."""

    agree_open: bool
    disagree_open: bool
    agree_any: bool
    disagree_any: bool
    concede_contrast: bool
    contrast: bool
    negation_rate: float
    echo: float
    echo_negation: bool
    echoed: str
    question_open: bool
    question_rate: float
    rhetorical: bool
    sarcasm: bool
    second_person: float
    third_party: float
    insult: bool
    sentiment: float
    parent_sentiment: float
    quotes_parent: bool
    short: bool
    opener: str
    adds: str = ""

    @property
    def disagrees(self) -> bool:
        """Any disagreement cue: an opener, a phrase, or echo then negate."""
        return self.disagree_open or self.disagree_any or self.echo_negation

    @property
    def agrees(self) -> bool:
        """Any agreement cue: an opener or a phrase."""
        return self.agree_open or self.agree_any


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes kept, curly ones straightened)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def sentences(text: str) -> list[str]:
    """A cheap sentence split on end punctuation and line breaks (no model)."""
    return [s.strip() for s in _SENT.split(text) if s.strip()]


def own_text(reply: str) -> str:
    """The reply without Reddit ``>`` quote lines (quoted text is the parent's words)."""
    return _QUOTE_LINE.sub("", reply).strip() or reply.strip()


def sentiment(tokens: list[str]) -> float:
    """Lexicon polarity in -1..1: (positive - negative) / (positive + negative + 1)."""
    pos = sum(t in _POS for t in tokens)
    neg = sum(t in _NEG for t in tokens)
    return (pos - neg) / (pos + neg + 1.0)


_POS = frozenset(POSITIVE)
_NEG = frozenset(NEGATIVE)
_NEGS = frozenset(NEGATIONS)
_INSULTS = frozenset(INSULTS)
# Talking about a third party ("they", "these people") rather than to the parent's author:
# on forums, replies that gang up on someone else tend to agree with the parent.
_THIRD = frozenset("they them their they're theyre these those people folks".split())
_YOU = frozenset(("you", "your", "you're", "u", "ur", "yourself"))


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _STOP and len(t) > 2]


def _negations(tokens: list[str]) -> int:
    return sum(t in _NEGS or t.endswith("n't") for t in tokens)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence of ``text`` holding ``pos``; ``text[end]`` is its end
    mark when ``end < len(text)`` (cheap split on ``.!?`` and line breaks, no model)."""
    left = max(text.rfind(ch, 0, pos) for ch in ".!?\n")
    rights = [i for i in (text.find(ch, pos) for ch in ".!?\n") if i >= 0]
    return left + 1, min(rights) if rights else len(text)


def _negations_in(text: str) -> int:
    return sum(k in _NEGS for k in echo.words(text).keys)


def _echo_negation(parent: str, reply_sents: list[str]) -> tuple[bool, str]:
    """Echo then negate: a reply sentence repeats the parent's wording with the polarity flipped.

    "No, most if not all US intelligence agencies have not" against "Most if not all US
    intelligence agencies have said ..." echoes eight words and adds "not".
    """
    pw = echo.words(parent)
    for rs in reply_sents[:3]:
        span = echo.longest_common_span(rs, pw, min_content=2)
        if span is not None:
            start, end = _sentence_bounds(parent, span.b_start)
            if parent[end:end + 1] == "?":
                continue  # a question asserts nothing to negate ("... without hurting times?")
            if _negations_in(rs) != _negations_in(parent[start:end]):
                return True, span.text
    return False, ""


# "Trump *also* won the election because ...": the reply restates the parent's subject and
# adds a reason or a case of its own. Decision-time cue (not a head column): see
# ``argmap.steps.stance.adds_to``.
_ADDITIVE = re.compile(r"\b(also|too|as well|another reason|on top of that|in addition|additionally)\b")


def _adds_to(parent_tokens: list[str], reply_sents: list[str]) -> str:
    """The additive word when the reply's first sentence shares two content words with the
    parent, says "also"/"too"/"as well", and neither negates nor speaks to the author."""
    if not reply_sents:
        return ""
    first = reply_sents[0].lower()
    m = _ADDITIVE.search(first)
    toks = words(first)
    if m is None or first.endswith("?") or _negations(toks) or any(t in _YOU for t in toks):
        return ""
    shared = set(_content(parent_tokens)) & set(_content(toks))
    return m.group(1) if len(shared) >= 2 else ""


def _echo_ratio(parent_tokens: list[str], reply_tokens: list[str]) -> float:
    pc = set(_content(parent_tokens))
    if not pc:
        return 0.0
    return len(pc & set(_content(reply_tokens))) / len(pc)


def _opening(text: str) -> str:
    first = sentences(text)[:1]
    return first[0][:60] if first else ""


@lru_cache(maxsize=16384)
def find_cues(parent: str, reply: str) -> Cues:
    """All stance cues of ``reply`` against ``parent`` (texts as written; memoised, so a
    correction that re-runs the stance step recomputes only the pairs it changed)."""
    quoted = bool(_QUOTE_LINE.search(reply))
    own = own_text(reply).replace("\u2019", "'")
    low = own.lower()
    toks, ptoks = words(own), words(parent)
    sents = sentences(own)
    head = " ".join(sents[:2]).lower()
    echo_neg, echoed = _echo_negation(parent, sents)
    nq = sum(s.endswith("?") for s in sents)
    concede = bool(_CONCESSION_OPEN.search(low)) and bool(_CONTRAST.search(head))
    return Cues(
        agree_open=bool(_AGREE_OPEN.search(low)), disagree_open=bool(_DISAGREE_OPEN.search(low)),
        agree_any=bool(_AGREE_ANY.search(low)), disagree_any=bool(_DISAGREE_ANY.search(low)),
        concede_contrast=concede, contrast=bool(_CONTRAST.search(low)),
        negation_rate=min(1.0, 5 * _negations(toks) / max(len(toks), 1)),
        echo=_echo_ratio(ptoks, toks), echo_negation=echo_neg, echoed=echoed,
        question_open=bool(sents) and sents[0].endswith("?"),
        question_rate=nq / max(len(sents), 1),
        rhetorical=any(_RHETORICAL.search(x.lower()) for x in sents if x.endswith("?")),
        sarcasm=bool(_SARCASM.search(low)),
        second_person=min(1.0, 5 * sum(t in _YOU for t in toks) / max(len(toks), 1)),
        third_party=min(1.0, 5 * sum(t in _THIRD for t in toks) / max(len(toks), 1)),
        insult=any(t in _INSULTS for t in toks), sentiment=sentiment(toks),
        parent_sentiment=sentiment(ptoks), quotes_parent=quoted, short=len(toks) < 6,
        opener=_opening(own), adds=_adds_to(ptoks, sents),
    )


FEATURES = (
    "agree_open", "disagree_open", "agree_any", "disagree_any", "concede_contrast", "contrast",
    "negation_rate", "echo", "echo_negation", "question_open", "question_rate", "rhetorical",
    "sarcasm", "second_person", "third_party", "insult", "sentiment", "parent_sentiment",
    "sentiment_product", "you_negative", "quotes_parent", "short",
)


def feature_vector(c: Cues) -> np.ndarray:
    """The cues as floats in the order of :data:`FEATURES`."""
    vals = [getattr(c, n) for n in FEATURES[:16]] + [
        c.sentiment, c.parent_sentiment, c.sentiment * c.parent_sentiment,
        c.second_person * max(0.0, -c.sentiment), c.quotes_parent, c.short,
    ]
    return np.asarray(vals, dtype=np.float32)


def cue_features(parents: list[str], replies: list[str]) -> np.ndarray:
    """Cue feature matrix, one row per (parent, reply) pair."""
    rows = [feature_vector(find_cues(p, r)) for p, r in zip(parents, replies, strict=True)]
    return np.vstack(rows) if rows else np.zeros((0, len(FEATURES)), dtype=np.float32)


def cue_reason_codes(c: Cues, label: str) -> list[Reason]:
    """The cues that point to ``label``, strongest first, as reason codes."""
    out: list[Reason] = []
    if label == "attack":
        if c.echo_negation:
            out.append(Reason("echo-negates", shorten(c.echoed, 41)))
        if c.disagree_open:
            out.append(Reason("disagree-open", shorten(c.opener, 26)))
        if c.disagree_any and not c.disagree_open:
            out.append(Reason("disputes"))
        if c.rhetorical or c.question_open:
            out.append(Reason("challenging-question"))
        if c.contrast and not out:
            out.append(Reason("contrasts"))
    elif label == "support":
        if c.agree_open:
            out.append(Reason("agree-open", shorten(c.opener, 26)))
        elif c.agree_any:
            out.append(Reason("says-agrees"))
        if c.adds:
            out.append(Reason("adds-to", c.adds))
        if c.echo > 0.2 and not c.echo_negation:
            out.append(Reason("echoes-wording"))
    else:
        if c.concede_contrast:
            out.append(Reason("concedes"))
        elif c.question_open and not c.rhetorical:
            out.append(Reason("asks"))
    return out


def cue_reasons(c: Cues, label: str) -> list[str]:
    """Short phrases naming the cues that point to ``label`` (strongest first)."""
    return [r.text for r in cue_reason_codes(c, label)]
