"""Cited evidence and sources, typed.

Requires: units (kinds set by :mod:`classify`). Assigns: evidence.

Each unit's text is scanned by small detectors, one per kind of
:data:`argmap.model.EVIDENCE_KINDS`: links (URL, domain as source), documents
and official records ("Point 95 of the Mueller indictment"), studies ("a new
study", a title after "headlined"), news outlets, testimony ("under oath",
"during testimony"), attributed quotations ("As X said:", "Reported X,"),
statistics (money, percentages, counts) and personal experience ("as I did in
the 1980's"). Offsets are into the comment text.

**Mention vs citation.** An outlet or document named as the subject of an opinion
("FOX News is not pro-Trump because ...") is a mention: it is still recorded, with
confidence below :data:`CITATION_THRESHOLD` (``Settings.min_evidence_confidence``)
and a ``why`` saying so. Consumers that ask "is this claim sourced?" count only
evidence at or above it (the status step does).

**Vague references** ("He quoted the Mueller report and a published study") are
resolved against what earlier comments in the thread cited: ``refers_to`` is the
id of the earlier evidence of the same kind naming the same source (or, for a
generic study/report, the one the thread cited first). Source names are
normalised (:func:`argmap.sources.normalise_source`), and a bare surname is
mapped to the full name cited earlier ("Hill" -> "Fiona Hill").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from .. import sources
from ..model import ArgumentMap, Comment, Evidence, Unit
from ..settings import DEFAULT, Settings

CITATION_THRESHOLD = DEFAULT.min_evidence_confidence  # 0.5: below it a mention, not a citation
_CITE_VERBS = re.compile(
    r"\b(?:quot\w*|cit\w+|according to|reported|reports|said|says|wrote|writes|found|finds|"
    r"shows?|showed|confirms?|confirmed|findings|read|see|source|from|per|via|documented|"
    r"published|headlined|titled|states?|stated|lists|listed|estimates?|estimated|notes|noted|"
    r"concludes|concluded)\b", re.I)
_STRONG_DOC = ("report", "indictment", "transcript", "memo", "memorandum", "affidavit", "filing",
               "dossier", "court filing", "white paper", "press release")
# "testimony" and "hearing" belong to the testimony detector; vague nouns need a name.
_DOC_NOUNS = tuple(n for n in sources.DOCUMENT_NOUNS
                   if n not in ("testimony", "hearing", "opinion", "decision", "statement", "record"))
_DOC_NOUN_RE = "(?i:" + "|".join(sorted((re.escape(n) for n in _DOC_NOUNS), key=len, reverse=True)) + ")"
_CAPS = r"(?:[A-Z][\w'\u2019.-]*\s+){1,4}"
_DOC_RE = re.compile(
    rf"\b(?:(?:Point|Section|Paragraph|Page|Article|Chapter|Count)\s+\d+\w*\s+of\s+)?"
    rf"(?:(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:(?:published|official|new|recent|final|full|leaked)\s+)?"
    rf"{_CAPS}(?:{_DOC_NOUN_RE})"
    # "a district report", "its 2023 annual report", "the city's own report": up to three
    # lower-case words or a year between the determiner and a strong document noun
    rf"|(?i:the|a|an|this|that|his|her|their|its)\s+(?:(?:[a-z][a-z'\u2019-]*|\d{{4}})\s+){{0,3}}?"
    rf"(?:{'|'.join(_STRONG_DOC)}))\b")
_STUDY_RE = re.compile(
    r"\b(?:a|an|the|this|that|one|new|recent)\s+(?:(?:new|recent|recently|published|peer-reviewed|"
    r"scientific|academic|independent|latest|large|major|\d{4})\s+){0,3}(?:study|studies|paper|survey|"
    r"research|analysis|report by researchers)\b(?:\s+by\s+(?:[\w.'\u2019-]+\s+){0,5}?researchers)?", re.I)
_TITLE_RE = re.compile(r"\b(?:headlined|titled|entitled|called)\s+[\u201c\"]?([A-Z][^\n\u201d\"]{15,200}?)"
                       r"(?:[\u201d\"]|\.(?:\s|$)|$)")
_EXPERIENCE_RE = re.compile(
    r"\b(?:(?:as|when|while|where|since)\s+I\s+(?:did|was|lived|worked|grew up|saw|served|"
    r"studied|taught|visited|had)\b[^.;!?]*|I\s+(?:have|'ve|\u2019ve)\s+(?:been\s+(?:a|an|in|at|to|"
    r"working|living|dealing)|worked|lived|experienced|personally)\b[^.;!?]*|in\s+my\s+(?:experience|"
    r"(?:\d+\s+)?years\s+(?:as|of|in))\b[^.;!?]*|I\s+(?:lived|worked|grew\s+up|served|received|paid|"
    r"was\s+(?:charged|called|sued|told|harassed|contacted))\b[^.;!?]*)", re.I)
_ATTRIB_LEAD = re.compile(
    r"^(?:[\u201c\"]?\s*)(?:(?P<lead>as|according to)\s+(?P<a>[^,:;]{2,80}?)(?P<comma>,|\s+(?:said|says|wrote|"
    r"writes|summarized|summarised|put it|noted|reported|found|explained|stated|testified|concluded|documented))"
    r"|(?:reported|wrote|said|writes|says|reports)\s+(?P<b>[A-Z][^,:;]{2,60}?)\s*[,:])", re.I)
# At most nine capitalised words before the verb: unbounded, "Word Word ..." was rescanned
# from every word (245 s for 100 KB).
_ATTRIB_SUBJ = re.compile(
    r"(?P<s>(?:[A-Z][\w.'\u2019-]*\s+){0,8}(?:[A-Z][\w.'\u2019-]*|intelligence agencies|officials|"
    r"experts|scientists|researchers|economists|historians))(?:,[^,]{3,120},)?\s+(?:have\s+|has\s+|had\s+)?"
    r"(?:said|says|wrote|writes|told|reported|stated|testified|concluded|documented|confirmed|found)\b")
_SENT_START = frozenset({"no", "this", "that", "the", "a", "an", "our", "my", "your", "his", "her",
                         "their", "its", "any", "every", "each", "some"})
_GROUP_RE = re.compile(r"^(?P<g>(?:[A-Z][\w.]*\s+)*(?:\w+\s+)?(?:agencies|officials|experts|scientists|"
                       r"researchers|economists|historians|doctors|analysts))\b")
_TRAIL_RE = re.compile(r"\s+(?:have|has|had|clearly|also|repeatedly|recently|long|already|all)\b.*$", re.I)
_PRONOUN = frozenset({"he", "she", "they", "it", "i", "ive", "i've", "im", "id", "we", "you", "this",
                      "that", "there", "nobody",
                      "everyone", "everybody", "someone", "somebody", "people", "many", "most", "some",
                      "who", "which", "what", "one", "no one", "anyone", "all", "both", "none"})


class Hit(NamedTuple):
    """One detector match inside a unit (offsets local to the unit text)."""

    kind: str
    source: str
    start: int
    end: int
    confidence: float
    why: str
    url: str | None = None


def find_evidence(amap: ArgumentMap, *, settings: Settings = DEFAULT) -> ArgumentMap:
    """Typed evidence for every unit, references resolved against earlier citations.

    Args:
        amap: a map with classified ``units``.
        settings: unused today; kept for the step signature.

    Returns:
        The map with ``evidence`` set, in unit order.
    """
    thread = amap.thread
    found: list[Evidence] = []
    for unit in amap.units:
        comment = thread.get(unit.comment_id)
        for hit in hits(unit.text, _author(comment)):
            found.append(_evidence(unit, hit))
    return replace(amap, evidence=tuple(resolve(found, thread, settings.min_evidence_confidence)))


def _author(comment: Comment) -> str:
    return comment.author or ("the article" if comment.parent_id is None else "the commenter")


def _evidence(unit: Unit, hit: Hit) -> Evidence:
    start, end = unit.start + hit.start, unit.start + hit.end
    return Evidence(
        id=f"{unit.comment_id}:{start}:{hit.kind}", unit_id=unit.id, comment_id=unit.comment_id,
        kind=hit.kind, source=hit.source, text=unit.text[hit.start:hit.end], start=start, end=end,
        confidence=round(hit.confidence, 3), why=hit.why, url=hit.url)


def _dedupe(hits: Iterator[Hit]) -> list[Hit]:
    """One hit per (kind, start); for a kind and source keep the most confident."""
    best: dict[tuple[str, str], Hit] = {}
    for h in hits:
        key = (h.kind, h.source if h.kind not in ("statistic",) else f"{h.start}")
        if key not in best or h.confidence > best[key].confidence:
            best[key] = h
    return sorted(best.values(), key=lambda h: (h.start, h.kind))


@lru_cache(maxsize=8192)
def hits(text: str, author: str = "the commenter") -> tuple[Hit, ...]:
    """:func:`detect`'s hits, one per source and kind (the most confident), memoised: classify
    (is this unit's report sourced?) and this step ask about the same unit text once."""
    return tuple(_dedupe(detect(text, author)))


def detect(text: str, author: str = "the commenter") -> Iterator[Hit]:
    """Every evidence hit in one unit's text (offsets local to ``text``).

    Example:
        >>> [(h.kind, h.source) for h in detect("The IRA spent a total of $100,000.", "moon")]
        [('statistic', 'moon')]
    """
    yield from _links(text)
    yield from _statistics(text, author)
    yield from _documents(text)
    yield from _studies(text)
    yield from _outlets(text)
    yield from _testimony(text)
    yield from _quotations(text)
    yield from _experience(text, author)


def _cites(text: str) -> bool:
    return bool(_CITE_VERBS.search(text))


# Links into the forum's own machinery (messaging a moderator, the rules wiki, a user page):
# shown, but no source for a claim.
_FORUM_LINK = re.compile(r"^(?:[\w-]+\.)?(?:reddit\.com|redd\.it)/(?:message/|u/|user/|wiki/|r/[^/]+/(?:wiki|about)/)"
                         r"|^news\.ycombinator\.com/(?:user|newsguidelines|newsfaq)|^disqus\.com/by/", re.I)


# A picture or reaction image ("[>Implying ...](http://...wikia.nocookie.net/...png)") is no
# source unless the comment says it shows data ("Here's a graph of temperature trends").
_IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|gif|gifv|webp)(?:[/?#]|$)|^(?:i\.)?imgur\.com/|^i\.redd\.it/|"
                         r"^(?:media\.)?giphy\.com/|^tenor\.com/|nocookie\.net/", re.I)
_SHOWS_DATA = re.compile(r"\b(?:graph|chart|table|data|figure|map|plot|screenshot|scan|diagram|"
                         r"infographic|statistics|numbers)\b", re.I)


def _links(text: str) -> Iterator[Hit]:
    for m in sources.URL_RE.finditer(text):
        url = m.group(0).rstrip(".,;:!?)")
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I)
        domain = bare.split("/")[0]
        full = url if url.lower().startswith("http") else "http://" + url
        if _FORUM_LINK.search(bare):
            yield Hit("link", sources.outlet_name(domain), m.start(), m.start() + len(url), 0.2,
                      f"links to the forum's own pages ({domain}), not a source", full)
            continue
        if _IMAGE_LINK.search(bare) and not _SHOWS_DATA.search(text):
            yield Hit("link", sources.outlet_name(domain), m.start(), m.start() + len(url), 0.45,
                      f"links to a picture ({domain}); a source only when it shows data", full)
            continue
        yield Hit("link", sources.outlet_name(domain), m.start(), m.start() + len(url), 0.95,
                  f"links to {domain}", full)


def _statistics(text: str, author: str) -> Iterator[Hit]:
    urls = [m.span() for m in sources.URL_RE.finditer(text)]
    for rx, what in ((sources.MONEY_RE, "a sum of money"), (sources.PERCENT_RE, "a percentage"),
                     (sources.COUNT_RE, "a count")):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in urls):
                continue  # "%E2%80" inside a link is no percentage
            c, w = _figure_weight(rx, m, text, what)
            yield Hit("statistic", author, m.start(), m.end(), c, f"states {w}: '{m.group(0).strip()}'")


# A figure after "if", "imagine", "let's say" in its own sentence is made up for the argument.
_HYPOTHETICAL = re.compile(r"\b(?:if|imagine|suppose|supposing|let's say|let\u2019s say|say you|"
                           r"hypothetically|for example, say)\b", re.I)
# "100% comfortable", "110% sure": an intensifier, not a share of anything ("100% of" is one).
_INTENSIFIER = re.compile(r"\b(?:100|110|1000?)\s?(?:%|percent\b)(?!\s+of\b)", re.I)


def _figure_weight(rx: re.Pattern[str], m: re.Match[str], text: str, what: str) -> tuple[float, str]:
    """(confidence, what it is) for one figure: reported figures 0.85 (money, percentages) or
    0.6 (large counts); small counts, figures in a hypothetical and intensifiers 0.45 or less,
    below the citing threshold (shown, they source nothing)."""
    if rx is sources.COUNT_RE:
        if not sources.LARGE_COUNT_RE.search(m.group(0)):
            return 0.45, "a small count (shown, sources nothing by itself)"
    elif rx is sources.PERCENT_RE and _INTENSIFIER.fullmatch(m.group(0)) and \
            _INTENSIFIER.match(text, m.start()):
        return 0.3, f"'{m.group(0).strip()}' as an intensifier, not a share of anything"
    h = _HYPOTHETICAL.search(text, _clause_start(text, m.start()), m.start())
    if h is not None:
        return 0.45, f"{what} in a hypothetical ('{h.group(0).lower()}'), not a reported figure"
    return (0.6, what) if rx is sources.COUNT_RE else (0.85, what)


_CLAUSE_LOOKBACK = 1000


def _clause_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last . ! ? or line break)."""
    lo = max(0, pos - _CLAUSE_LOOKBACK)  # bounded: a figure per character must stay linear
    return max(lo - 1, *(text.rfind(ch, lo, pos) for ch in ".!?\n")) + 1


def _documents(text: str) -> Iterator[Hit]:
    for m in _DOC_RE.finditer(text):
        phrase = m.group(0)
        if not _named_ok(phrase):
            continue  # "We report", "People act": a pronoun or function word is not a name
        bare = re.sub(r"^.*?\bof\s+", "", phrase) if " of " in phrase else phrase
        bare = re.sub(r"^(?i:this|that|his|her|their|its|our|my|your)\s+", "", bare)
        name = sources.normalise_source(bare)
        cited = _cites(text) or phrase.lower().startswith(("point", "section", "paragraph", "page"))
        named = any(w[:1].isupper() for w in phrase.split()[:-1] if w.lower() not in _SENT_START)
        conf = (0.85 if cited else 0.55) if named else (0.5 if cited else 0.3)
        yield Hit("document", name, m.start(), m.end(), conf,
                  f"{'cites' if cited else 'mentions'} the {name}")


def _named_ok(phrase: str) -> bool:
    """False when a capitalised word before the noun is a pronoun or function word."""
    caps = [w for w in phrase.split()[:-1] if w[:1].isupper()]
    return not any(re.split(r"['\u2019]", w.lower().strip(".,"))[0] in _SENT_START | _PRONOUN | sources._CAP_FUNCTION
                   and w.lower() not in ("the", "a", "an") for w in caps)


def _studies(text: str) -> Iterator[Hit]:
    title = _TITLE_RE.search(text)
    if title:
        yield Hit("study", _clip_title(title.group(1)), title.start(1), title.end(1), 0.9,
                  "names a study by its title")
    for m in _STUDY_RE.finditer(text):
        cited = _cites(text) or bool(re.search(r"published|peer|new|recent", m.group(0), re.I))
        yield Hit("study", "study", m.start(), m.end(), 0.75 if cited else 0.45,
                  f"{'cites' if cited else 'mentions'} {m.group(0).strip()}")


def _short_clause(span: str, max_words: int = 8) -> str:
    """The experience clause cut to a few words, without a dangling connective."""
    toks = span.split()[:max_words]
    while toks and toks[-1].lower().strip(",") in ("and", "or", "but", "the", "a", "in", "of", "to", "knew"):
        toks.pop()
    return span[: span.index(toks[-1]) + len(toks[-1])].rstrip(" ,") if toks else span


def _clip_title(t: str) -> str:
    return " ".join(t.split()).rstrip(" .")


def _outlets(text: str) -> Iterator[Hit]:
    found = sources.outlet_in(text)
    if found is None:
        return
    name, a, b = found
    if name in sources.PLATFORMS and not re.search(r"\b(?:tweet|posted|wrote|said)\b", text, re.I):
        return
    # "from", "via", "in" cite only right before the outlet ("from the Times", "in a Fox
    # piece"): "viewers different from HuffPo readers" mentions it
    cited = bool(re.search(r"\b(?:reported|reports|according to|wrote|writes|said|says|"
                           r"article|story|piece|published|quoted)\b", text, re.I)) or bool(
        re.search(r"\b(?i:from|via|in|on|for)\s+(?i:the\s+|a\s+|an\s+)?$"
                  r"|\b(?i:from)\s+(?:[A-Z][\w.'\u2019-]*\s+){1,3}(?i:for|at|of|in)\s+(?i:the\s+)?$",
                  text[max(0, a - 60):a]))
    subject_opinion = a <= 4 and not cited
    conf = 0.85 if cited else (0.2 if subject_opinion else 0.35)
    why = f"cites {name}" if cited else f"mentions {name}, does not cite it"
    yield Hit("news", name, a, b, conf, why)


def _testimony(text: str) -> Iterator[Hit]:
    low = text.lower()
    cue = sources.has_phrase(low, sources.TESTIMONY_CUES)
    if cue is None:
        return
    pos = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low)
    name = _nearest_name(text, pos.start(), pos.end())
    if name is None:
        conf = 0.55 if cue in ("under oath", "testified", "sworn", "deposition") else 0.45
        yield Hit("testimony", "testimony", pos.start(), pos.end(), conf, f"refers to testimony ('{cue}')")
        return
    src, a, b = name
    start, end = min(a, pos.start()), max(b, pos.end())
    yield Hit("testimony", src, start, end, 0.85, f"{src}'s testimony ('{cue}')")


_NAME_RE = re.compile(r"(?P<title>(?:Dr|Mr|Ms|Mrs|Prof|Sen|Rep|Gen)\.?\s+)?"
                      r"(?P<n>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)(?:'s|\u2019s)?(?P<after>,|\s+(?:said|told|testified))?")


def _nearest_name(text: str, pos: int, end: int | None = None) -> tuple[str, int, int] | None:
    """The speaker of a testimony cue at ``pos`` (ending at ``end``): a person-like name before
    it, preferring an appositive subject ("Fiona Hill, a respected ...") or a titled name
    ("Dr. Hill's"), else the nearest; after it only right after "of", "from" or "by" ("the
    testimony of Fiona Hill", not "testimony of people who didn't like Zoe Quinn")."""
    end = pos if end is None else end
    names = []
    for m in _NAME_RE.finditer(text):
        toks = [t for t in m.group("n").split() if t.lower() not in sources._CAP_FUNCTION]
        if sources.outlet_in(m.group("n")) is not None:
            continue  # "Reported The New York Times, Hill testified": an outlet is no witness
        if m.start() >= end and not re.fullmatch(r"\s*(?:(?:given\s+)?(?:of|from|by)\s+)?(?:the\s+)?",
                                                   text[end:m.start()], re.I):
            continue
        if len(toks) >= 2 or (toks and m.group("title")):
            rank = 2 if m.group("after") or m.group("title") else 1
            names.append((" ".join(toks), m.start(), m.end(), rank, m.start() < pos))
    if not names:
        return None
    best = max(names, key=lambda n: (n[4], n[3], n[1] if n[4] else -n[1]))
    return best[0], best[1], best[2]


def _quotations(text: str) -> Iterator[Hit]:
    m = _ATTRIB_LEAD.search(text)
    if m and m.group("a") and m.group("lead").lower() == "as" and m.group("comma") == "," \
            and not m.group("a")[:1].isupper():
        m = None  # "As for punishing ignorance,", "As much as you can", "as a dentist,": no speaker
    if m:
        who = _TRAIL_RE.sub("", m.group("a") or m.group("b"))
        first = who.split()[0].lower() if who.split() else ""
        src = None if first in _PRONOUN else _who(who)
        if src and src.lower() not in _PRONOUN and src != "the author":
            a = m.start("a") if m.group("a") else m.start("b")
            yield Hit("quotation", src, a, a + len(who), 0.8, f"attributes the words to {src}")
            return
    for m in _ATTRIB_SUBJ.finditer(text):
        trimmed = _trim_subject(m.group("s"))
        if trimmed is None:
            continue
        offset, who = trimmed
        src = _who(who)
        if src == "the author":
            continue
        conf = 0.55 if len(who.split()) > 1 else 0.45  # a lone capitalised word may open the sentence
        yield Hit("quotation", src, m.start("s") + offset, m.start("s") + offset + len(who), conf,
                  f"reports what {src} said")


def _trim_subject(phrase: str) -> tuple[int, str] | None:
    """(offset, text) of the speaker in a "X said" subject: after any sentence break, with
    leading function words and pronouns dropped; None when nothing name-like is left."""
    toks = list(re.finditer(r"\S+", phrase))
    breaks = [i for i, t in enumerate(toks[:-1]) if t.group(0).endswith((".", "!", "?"))
              and len(t.group(0)) > 3]
    toks = toks[breaks[-1] + 1:] if breaks else toks
    skip = _PRONOUN | sources._CAP_FUNCTION | _SENT_START
    while toks and (toks[0].group(0).lower().strip(",") in skip
                    or re.search(r"['\u2019](?:ve|m|d|ll|re)$", toks[0].group(0).lower())):
        toks.pop(0)
    if not toks or any(t.group(0).lower() in _PRONOUN for t in toks):
        return None
    text = phrase[toks[0].start():toks[-1].end()]
    return (toks[0].start(), text) if len(text) >= 3 else None


def _who(phrase: str) -> str:
    """The source an attribution names: a group ("U.S. intelligence agencies") or a name."""
    g = _GROUP_RE.match(phrase.strip())
    if g:
        return sources.normalise_source(g.group("g"))
    return sources.source_name(phrase) or sources.normalise_source(phrase)


def _experience(text: str, author: str) -> Iterator[Hit]:
    for m in _EXPERIENCE_RE.finditer(text):
        before = text[:m.start()]
        if (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2:
            continue  # inside quotation marks: someone else's words ('what you're saying: "... I was ..."')
        span = _short_clause(m.group(0))
        yield Hit("experience", author, m.start(), m.start() + len(span), 0.75,
                  f"personal experience: '{' '.join(span.split()[:6])}'")


# --- resolution across the thread ------------------------------------------------

_GENERIC = frozenset({"study", "testimony", "report", "indictment"})


def resolve(found: list[Evidence], thread, threshold: float = CITATION_THRESHOLD) -> list[Evidence]:
    """Normalise names across the thread and point vague references at earlier evidence.

    Processes evidence in page order; an item whose (kind family, key name) matches
    a citation (confidence >= ``threshold``) from an earlier comment gets ``refers_to``.
    """
    fullnames: dict[str, str] = {}
    first: dict[tuple[str, str], Evidence] = {}
    out: list[Evidence] = []
    for ev in found:
        ev = _expand_surname(ev, fullnames)
        key = _ref_key(ev)
        earlier = first.get(key) if key else None
        if earlier is not None and earlier.comment_id != ev.comment_id:
            ev = replace(ev, refers_to=earlier.id,
                         why=f"{ev.why}; refers to {earlier.source} cited in {earlier.comment_id}")
        elif key and ev.confidence >= threshold and (
                key not in first or (first[key].comment_id == ev.comment_id
                                     and ev.confidence > first[key].confidence)):
            first[key] = ev  # the best-sourced item of the first citing comment
        out.append(ev)
    return _titled_studies(out)


def _expand_surname(ev: Evidence, fullnames: dict[str, str]) -> Evidence:
    parts = ev.source.split()
    if len(parts) >= 2 and parts[0][:1].isupper():
        fullnames.setdefault(parts[-1], ev.source)
    elif len(parts) == 1 and parts[0] in fullnames and ev.kind in ("testimony", "quotation"):
        return replace(ev, source=fullnames[parts[0]])
    return ev


def _ref_key(ev: Evidence) -> tuple[str, str] | None:
    """(kind family, key name): documents match on their proper name ("Mueller")."""
    if ev.kind in ("statistic", "experience", "link"):
        return None
    family = "document" if ev.kind in ("document", "quotation") else ev.kind
    names = [w for w in ev.source.split() if w[:1].isupper() and w.lower() not in _GENERIC]
    if ev.kind == "study":
        return ("study", "study")
    return (family, names[0].lower()) if names else None


def _titled_studies(evs: list[Evidence]) -> list[Evidence]:
    """Generic "study" mentions in a comment that also titles its study take that title."""
    titles = {e.comment_id: e for e in evs if e.kind == "study" and e.source != "study"}
    out = []
    for e in evs:
        t = titles.get(e.comment_id)
        if e.kind == "study" and e.source == "study" and t is not None:
            e = replace(e, source=t.source)
        out.append(e)
    return out
