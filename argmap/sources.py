"""The source lexicon: outlets, document and study words, attribution verbs, cue words.

Pure data plus a few compiled patterns and tiny helpers, shared by the unit
classifier (:mod:`argmap.steps.classify`) and the evidence finder
(:mod:`argmap.steps.evidence`). Lists are lower-case; patterns are compiled once.

Example:
    >>> normalise_source("The New York Times")
    'New York Times'
    >>> normalise_source("the Mueller indictment")
    'Mueller indictment'
    >>> outlet_name("nytimes.com")
    'New York Times'
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- news outlets -----------------------------------------------------------
# canonical name -> surface forms (lower-case, matched on word boundaries).
OUTLETS: dict[str, tuple[str, ...]] = {
    "New York Times": ("new york times", "nytimes", "ny times", "nyt"),
    "Washington Post": ("washington post", "wapo"),
    "Wall Street Journal": ("wall street journal", "wsj"),
    "Daily Kos": ("daily kos", "dailykos"),
    "FOX News": ("fox news", "fox new", "foxnews", "fox"),
    "CNN": ("cnn",),
    "MSNBC": ("msnbc",),
    "BBC": ("bbc",),
    "NPR": ("npr",),
    "Reuters": ("reuters",),
    "Associated Press": ("associated press", "ap news"),
    "The Guardian": ("the guardian", "guardian"),
    "The Intercept": ("the intercept",),
    "Politico": ("politico",),
    "The Atlantic": ("the atlantic",),
    "The Hill": ("the hill",),
    "Bloomberg": ("bloomberg",),
    "Los Angeles Times": ("los angeles times", "la times"),
    "USA Today": ("usa today",),
    "Huffington Post": ("huffington post", "huffpost"),
    "Breitbart": ("breitbart",),
    "Consortium News": ("consortium news", "consortiumnews"),
    "Moon of Alabama": ("moon of alabama", "moonofalabama"),
    "Popular Resistance": ("popular resistance", "popularresistance", "pop resistance"),
    "RT": ("russia today",),
    "Al Jazeera": ("al jazeera", "aljazeera"),
    "Newsweek": ("newsweek",),
    "Time": ("time magazine",),
    "The Economist": ("the economist",),
    "Financial Times": ("financial times",),
    "Rolling Stone": ("rolling stone",),
    "Mother Jones": ("mother jones",),
    "Vox": ("vox",),
    "Axios": ("axios",),
    "ABC News": ("abc news",),
    "CBS News": ("cbs news",),
    "NBC News": ("nbc news",),
    "Twitter": ("twitter",),
    "Facebook": ("facebook",),
    "YouTube": ("youtube",),
    "Wikipedia": ("wikipedia",),
}
# Outlets that are also platforms: citing them needs a stronger cue.
PLATFORMS = frozenset({"Twitter", "Facebook", "YouTube"})

# Domain (without www.) -> canonical outlet, for links.
DOMAINS: dict[str, str] = {
    "nytimes.com": "New York Times", "washingtonpost.com": "Washington Post",
    "wsj.com": "Wall Street Journal", "dailykos.com": "Daily Kos", "foxnews.com": "FOX News",
    "cnn.com": "CNN", "msnbc.com": "MSNBC", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "npr.org": "NPR", "reuters.com": "Reuters", "apnews.com": "Associated Press",
    "theguardian.com": "The Guardian", "theintercept.com": "The Intercept",
    "politico.com": "Politico", "theatlantic.com": "The Atlantic", "thehill.com": "The Hill",
    "moonofalabama.org": "Moon of Alabama", "popularresistance.org": "Popular Resistance",
    "consortiumnews.com": "Consortium News", "wikipedia.org": "Wikipedia",
    "en.wikipedia.org": "Wikipedia", "youtube.com": "YouTube", "youtu.be": "YouTube",
    "twitter.com": "Twitter", "x.com": "Twitter", "facebook.com": "Facebook",
}

# --- documents, official records, studies -----------------------------------
DOCUMENT_NOUNS = (
    "report", "indictment", "testimony", "transcript", "memo", "memorandum", "filing",
    "court filing", "ruling", "decision", "opinion", "statute", "law", "act", "bill", "rule",
    "regulation", "executive order", "order", "affidavit", "complaint", "records", "record",
    "hearing", "letter", "document", "documents", "minutes", "budget", "census", "audit",
    "white paper", "press release", "statement", "subpoena", "warrant", "dossier",
)
STUDY_NOUNS = (
    "study", "studies", "paper", "survey", "poll", "experiment", "analysis", "meta-analysis",
    "research", "trial", "review", "dataset", "data",
)
STUDY_ADJS = (
    "new", "recent", "recently published", "published", "peer-reviewed", "scientific", "academic",
    "independent", "latest", "2016", "2017", "2018", "2019", "2020",
)

# --- attribution and testimony -----------------------------------------------
ATTRIBUTION_VERBS = (
    "said", "says", "say", "stated", "states", "wrote", "writes", "reported", "reports",
    "told", "tells", "testified", "testifies", "claimed", "claims", "argued", "argues",
    "explained", "explains", "noted", "notes", "summarized", "summarised", "concluded",
    "concludes", "found", "finds", "showed", "shows", "confirmed", "confirms", "documented",
    "admitted", "announced", "declared", "insisted", "warned", "added", "observed",
    "according to", "quoted", "quotes", "cited", "cites", "put it", "puts it",
)
TESTIMONY_CUES = ("under oath", "testimony", "testified", "testify", "sworn", "deposition",
                  "committee hearing", "congressional hearing", "senate hearing", "house hearing",
                  "court hearing", "before congress", "before the committee", "in front of the nation")

# --- unit-level cue words ------------------------------------------------------
REASON_MARKERS = ("because", "since", "as", "for", "given that", "due to", "owing to",
                  "the reason is", "after all")
CONCLUSION_MARKERS = ("therefore", "thus", "hence", "so", "consequently", "clearly",
                      "obviously", "in conclusion", "which means", "it follows")
CONTRAST_MARKERS = ("but", "however", "although", "though", "yet", "nevertheless",
                    "on the other hand", "whereas", "still")
EXAMPLE_MARKERS = ("for example", "for instance", "e.g.", "such as", "in fact", "indeed")
MODALS = ("should", "must", "ought", "need", "needs", "have to", "has to", "shall", "would",
          "could", "might", "may", "cannot", "can't", "shouldn't", "mustn't")
HEDGES = ("i think", "i believe", "i guess", "i feel", "in my opinion", "imo", "imho",
          "i suspect", "seems", "seem", "probably", "likely", "perhaps", "maybe", "clearly",
          "obviously", "of course", "i doubt")
EVALUATIVE = (
    "good", "bad", "best", "worst", "wrong", "right", "unfair", "fair", "important", "better",
    "worse", "terrible", "great", "ridiculous", "nonsense", "preposterous", "absurd", "stupid",
    "crazy", "corrupt", "lousy", "evil", "dangerous", "unacceptable", "abusive", "deceptive",
    "necessary", "harmful", "beneficial", "valuable", "unforgivable", "bogus", "false", "fake",
    "true", "propaganda", "propagandist", "ought", "shameful", "disgrace", "outrageous",
    "awful", "excellent", "wonderful", "horrible", "reasonable", "unreasonable", "should",
)
FIRST_PERSON = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "we", "our",
                "us", "ours")
PAST_MARKERS = ("was", "were", "had", "did", "went", "got", "received", "paid", "called",
                "lived", "worked", "told", "asked", "became", "took", "used", "tried")
# --- advertising and spam -------------------------------------------------
_SPAM = re.compile(
    r"\b(?:visit (?:our|my) (?:shop|store|site|website|page)|buy now|order now|click (?:here|the link)|"
    r"promo code|discount code|cheap (?:pills|meds|viagra|cialis|loans?)|free (?:followers|crypto|gift card)|"
    r"earn \$?\d[\d,]* (?:a|per) (?:day|week|month)|work from home and earn|"
    r"check out my (?:channel|profile|onlyfans|store)|dm me for|whatsapp me)\b", re.I)


# Weaker selling signals: two of them, or one beside a link, make an advertisement.
_SELLING = re.compile(
    r"\b(?:\d{1,2}\s?% off|free shipping|today only|limited(?:[- ]time)? offer|click (?:now|below)|"
    r"buy (?:cheap|today|online)|order (?:today|online)|shop now|use (?:the )?code|coupon|"
    r"(?:best|lowest) prices?|sign up (?:now|today)|act now|don't miss (?:out|this)|money[- ]back|"
    r"100% (?:free|guaranteed)|risk[- ]free|wholesale|cheap \w+ (?:at|from|on)\b)", re.I)
_LINKISH = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|shop|store|biz|example)\b", re.I)


def is_spam(text: str) -> bool:
    """True for advertising or spam wording (the reply answers nobody): a strong phrase ("buy
    now", "promo code", "earn $500 a day"), or two selling signals ("80% off", "free
    shipping", "today only"), or one beside a link."""
    if _SPAM.search(text):
        return True
    selling = len(_SELLING.findall(text))
    return selling >= 2 or (selling == 1 and bool(_LINKISH.search(text)))


# What platforms leave in place of a deleted or moderated comment: no words of the author.
REMOVED_RE = re.compile(
    r"^\s*(?:\[(?:deleted|removed)\]|this comment (?:was|has been) (?:deleted|removed|overwritten)\b.*"
    r"|comment (?:deleted|removed) by (?:user|moderator|author)\.?)\s*$", re.I | re.S)


def is_removed(text: str) -> bool:
    """True for a placeholder body ("[deleted]", "[removed]", "This comment was deleted.")."""
    return bool(REMOVED_RE.match(text)) and len(text) < 300


GREETINGS = ("thanks", "thank you", "thank u", "thx", "ty", "cheers", "hi", "hello", "hey",
             "lol", "lmao", "rofl", "haha", "yes", "no", "ok", "okay", "agreed", "+1", "this",
             "well said", "good point", "great article", "great post", "nice", "wow", "bye",
             "you're welcome", "welcome", "congrats", "congratulations", "amen", "exactly")

# --- compiled patterns -----------------------------------------------------------
# Repetitions inside a figure are bounded ({0,24}: "1,000,000,000,000" has 17 characters):
# unbounded, a run such as "1,1,1,..." was rescanned from every digit (quadratic time).
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"'\u201c\u201d]+", re.I)
MONEY_RE = re.compile(
    r"(?:[$\u00a3\u20ac]\s?\d(?:[\d,]{0,24}\d)?(?:\.\d+)?(?:\s?(?:billion|million|thousand|trillion|[bmk]n?)\b)?"
    r"|\b\d(?:[\d,]{0,24}\d)?(?:\.\d+)?\s?(?:U\.?S\.?\s)?(?:cents?|dollars?|euros?|pounds?)\b)", re.I)
PERCENT_RE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)", re.I)
# A number counting things: "3,500 accounts", "2 million voters", "12,000 students",
# "31 schools", "1,800 left" is no count (no noun). Durations and clock units are no
# statistic ("35 years", "two weeks"); ages and sizes ("5 feet") neither.
_NOT_COUNTED = ("years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades",
                "centuries", "yrs", "hrs", "mins", "secs", "feet", "inches", "miles", "pounds",
                "kilos", "kgs", "lbs", "meters", "metres", "cents", "dollars", "euros", "points", "pages",
                "degrees", "items", "things", "ways", "reasons", "steps", "words", "sentences",
                "paragraphs", "comments", "replies", "posts", "links")
_NOT = r"(?!(?:" + "|".join(_NOT_COUNTED) + r")\b)"
COUNT_RE = re.compile(
    r"\b\d[\d,]{0,24}(?:\.\d+)?\s(?:million|billion|thousand|hundred)?\s?"
    r"(?:people|persons|voters|users|accounts|agencies|times|cases|deaths|votes|"
    r"posts|followers|comments|states|countries|members|jobs|percent|entities|documents)\b"
    # any other plural noun, maybe after one adjective; a year is no count ("in 2019 cars ...")
    r"|\b(?!(?:1[89]|20)\d\d\s)\d[\d,]{0,24}(?:\.\d+)?\s(?:(?:million|billion|thousand|hundred)\s)?"
    + _NOT + r"(?:[a-z]+\s" + _NOT + r")?[a-z]{2,}(?:[^s\W]s|ren)\b",
    re.I)
YEAR_RE = re.compile(r"\b(?:1[89]\d\d|20\d\d)(?:['\u2019]?s)?\b")
DIGIT_RE = re.compile(r"\d")
# A count is a statistic worth citing when it is large or scaled ("3,500 accounts",
# "2 million voters"); "17 agencies" restates a claim and sources nothing by itself.
LARGE_COUNT_RE = re.compile(r"\d{4}|\d,\d{3}|million|billion|thousand|hundred|percent|\d\.\d", re.I)
QUOTE_OPEN = "\"\u201c\u201e\u00ab"
QUOTE_CLOSE = "\"\u201d\u00bb"
_WORD_RE = re.compile(r"[a-z0-9'\u2019+.-]+")


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes normalised), a cheap tokenizer for cue matching."""
    return [w.replace("\u2019", "'").strip(".-") for w in _WORD_RE.findall(text.lower())]


@lru_cache(maxsize=64)
def phrase_re(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """One compiled alternation matching any of ``phrases`` on word boundaries (longest first)."""
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])")


def has_phrase(text_lower: str, phrases: tuple[str, ...] | frozenset[str]) -> str | None:
    """The leftmost phrase of ``phrases`` in ``text_lower`` on word boundaries, else None."""
    m = phrase_re(phrases).search(text_lower)
    return m.group(0) if m else None


_LEADING_THE = re.compile(r"^(?:the|a|an|this|that|his|her|their|our)\s+", re.I)


def normalise_source(name: str) -> str:
    """One spelling per source: drop a leading article, map outlet aliases, tidy space.

    Args:
        name: a source as written ("The New York Times", "the Mueller report").

    Returns:
        The canonical name ("New York Times", "Mueller report").
    """
    tidy = " ".join(name.replace("\u2019", "'").split()).strip(" ,.;:'\"")
    tidy = re.sub(r"\bU\.S\.?(?=\s|$)", "US", tidy)
    tidy = _LEADING_THE.sub("", tidy)
    low = tidy.lower()
    for canon, forms in OUTLETS.items():
        if low == canon.lower() or low in forms or low == "the " + canon.lower():
            return canon
    low = re.sub(r"\bmueller's\b", "mueller", low)
    if low.startswith("mueller ") and low.split()[1] in ("report", "investigation", "probe"):
        return "Mueller report"
    if low.startswith("mueller ") and low.split()[1] == "indictment":
        return "Mueller indictment"
    return tidy[:1].upper() + tidy[1:] if tidy else tidy


def outlet_name(domain: str) -> str:
    """The outlet for a URL's domain (``www.`` dropped), else the bare domain."""
    d = domain.lower().removeprefix("www.")
    if d in DOMAINS:
        return DOMAINS[d]
    parts = d.split(".")
    return DOMAINS.get(".".join(parts[-2:]), d)


# --- naming a source in a phrase ---------------------------------------------------
_CAP_FUNCTION = frozenset({
    "as", "according", "reported", "reports", "the", "but", "and", "in", "on", "at", "so", "if",
    "when", "while", "a", "an", "this", "that", "it", "he", "she", "they", "we", "i", "said",
    "says", "per", "from", "by", "to", "of", "also", "yet", "then", "now", "here", "there", "what",
    "mr", "mrs", "ms", "dr", "prof", "re", "read", "see", "note", "like", "with", "for",
})
_NAME_RE = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w'\u2019.-]*){0,5}")
_DOC_PHRASE_RE = re.compile(
    r"\b(?:the\s+|a\s+)?((?:[A-Z][\w'\u2019.-]*\s+){0,4}(?:"
    + "|".join(sorted({re.escape(n) for n in DOCUMENT_NOUNS + STUDY_NOUNS}, key=len, reverse=True))
    + r"))\b")
SELF_WORDS = frozenset({"i", "we", "me", "us"})


_OUTLET_OF = {form: canon for canon, forms in OUTLETS.items() for form in forms}
_OUTLET_RE = phrase_re(tuple(_OUTLET_OF))


def outlet_in(text: str) -> tuple[str, int, int] | None:
    """The first news outlet named in ``text``: (canonical name, start, end), else None.

    Single-word lower-case aliases ("fox", "nyt") only match when written capitalised.
    """
    for m in _OUTLET_RE.finditer(text.lower()):
        form = m.group(0)
        if " " not in form and not text[m.start()].isupper():
            continue
        return _OUTLET_OF[form], m.start(), m.end()
    return None


def person_or_org_in(text: str) -> tuple[str, int, int] | None:
    """The first capitalised name in ``text`` (function words trimmed), else None."""
    for m in _NAME_RE.finditer(text):
        toks = m.group(0).split()
        lead = 0
        while lead < len(toks) and toks[lead].lower().strip(".") in _CAP_FUNCTION:
            lead += 1
        toks = toks[lead:]
        while toks and toks[-1].lower() in ("of", "for", "the"):
            toks.pop()
        if toks:
            start = m.start() + m.group(0).index(toks[0])
            name = " ".join(toks).rstrip(".,")
            return name, start, start + len(name)
    return None


def document_in(text: str) -> tuple[str, int, int] | None:
    """The first document or study phrase ("the Mueller indictment"), else None."""
    m = _DOC_PHRASE_RE.search(text)
    if m is None:
        return None
    return m.group(1), m.start(1), m.end(1)


def source_name(text: str) -> str | None:
    """Who or what ``text`` (an attribution phrase) names as its source, normalised.

    Example:
        >>> source_name("As Point 95 of the Mueller indictment said:")
        'Mueller indictment'
        >>> source_name("Reported The New York Times,")
        'New York Times'
        >>> source_name("As Eric Lohr, an American University historian, summarized it,")
        'Eric Lohr'
    """
    found = [f for f in (outlet_in(text), document_in(text), person_or_org_in(text)) if f]
    if not found:
        toks = words(text)
        return "the author" if toks and SELF_WORDS & set(toks[:6]) else None
    doc = document_in(text)
    if doc and " of " in text[max(0, doc[1] - 12):doc[1]] + " ":
        found = [doc]  # "Point 95 of the Mueller indictment": the document is the source
    name = min(found, key=lambda f: f[1])[0]
    return normalise_source(name)


def source_key(name: str) -> str:
    """What makes two citations the same source, everywhere argmap asks (the graph's source
    nodes, the sources table, source reviews, statuses): ``"source:"`` + the lower-case
    name without a leading "the". (:func:`normalise_source` tidies a name when it is
    found; resolving a vague "the report" to an earlier citation is the evidence step's.)

    >>> source_key("The  New York Times")
    'source:new york times'
    """
    norm = re.sub(r"\s+", " ", name.strip().lower())
    return "source:" + re.sub(r"^the ", "", norm)


def evidence_source_key(ev) -> str:
    """:func:`source_key` of an :class:`~argmap.model.Evidence`'s source (its text when unnamed)."""
    return source_key(ev.source or ev.text)
