"""Who a comment addresses: names of earlier authors, and whether they are spoken to.

Commenters address each other by name in the forms people really use: a first
name for a handle ("Pete" for ``PeterPaget``, "Kevin" for ``kevinzeese``), a
nickname or misspelling ("Keeve"), or a real name ("Margaret" for ``Margaret
Flowers``). :class:`NameBook` matches words against author handles by these rules,
strongest first:

1. the whole handle ("kevinzeese", "Peter Paget" for ``PeterPaget``);
2. one part of a split handle ("Margaret", "Paget"; camelCase, ``_``, digits and
   spaces split a handle);
3. a prefix of a part or of the handle ("Pete", "Kevin", "qwert" for ``qwertx0815``);
4. a nickname: same first letter and first vowel, and the word's consonants begin
   the handle's consonants ("Keeve" ~ k-v ~ k-v-n-z-s);
5. a misspelling: Jaro-Winkler similarity of at least :data:`FUZZY_THRESHOLD` to a
   part, the handle, or a prefix of it of about the word's length.

:func:`find_names` then decides, from the words around each name, whether the
comment *addresses* that person (a vocative: "Margaret It looks like",
"..., Margaret.", "Right, Tony.", "Who to believe Kevin?", "Pete Pete!", "@ann") or
merely *mentions* them ("you and Margaret are arguing", "true with Peter Paget",
"Margaret says").

Besides names, a comment shows whom it answers by how it opens:
:func:`answer_strength` / :func:`answer_to` score an opening as the answer to a
question ("who are you brother?" -> "No one."), :func:`speaks_to_someone` says why
a text reads as a reply to a person ("you", "No,", "LOL", "It's not ..."), and
:func:`speaks_of_article` finds "this article", "the author".

Example:
    >>> book = NameBook(["PeterPaget", "kevinzeese", "Margaret Flowers"])
    >>> ms = find_names("Keeve what you and Margaret are arguing is preposterous.", book)
    >>> [(m.author, m.vocative) for m in ms]
    [('kevinzeese', True), ('Margaret Flowers', False)]
    >>> [(m.author, m.how) for m in addressed(find_names("Pete Pete! remove that bow tie.", book))]
    [('PeterPaget', "'Pete' is short for PeterPaget")]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .echo import STOPWORDS
from .quoting import BBCODE_RE, QUOTE_HEAD

FUZZY_THRESHOLD = 0.9

# Words that start sentences or open replies and must never be taken for a name
# part, a prefix or a nickname ("Right, Tony." addresses Tony, not a user "RightOn").
COMMON = STOPWORDS | frozenset("""
right wrong true false good great sure thanks thank sorry agreed exactly indeed absolutely
lol lmao wow hey hi hello dear look listen please read see yeah yep nope nah well maybe
first last next never always still actually people everyone anyone someone nobody man guys
dude sir madam brother sister friend mate buddy folks trump russia america news state
""".split())

# A name followed by one of these is the subject of a sentence about that person.
_THIRD_PERSON_NEXT = frozenset("""
is was has had says said thinks thought does did claims claimed wrote writes seems seemed
believes believed argues argued knows knew wants wanted and or isn't wasn't doesn't didn't
""".split())
# A name after one of these is an object ("true with Peter Paget", "you and Margaret").
_PREP_BEFORE = frozenset("""
with to about by of from for like than and or at on in as that whom against between among
unlike under over into onto per via versus vs
""".split())
# A name after one of these (and a comma or not) is spoken to ("Right, Tony.", "Hey Kev").
_OPENERS = frozenset("""
hi hey hello dear thanks thank sorry yes no right well ok okay sure look listen wow lol
oh exactly agreed indeed nope yep yeah true cheers congrats
""".split())

_NAME_WORD = re.compile(r"@?[^\W\d_][\w'’-]*")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_VOWELS = "aeiouy"


@dataclass(frozen=True)
class NameMatch:
    """A name in a text: which author, how sure, and whether it is a vocative.

    Attributes:
        author: the matched handle, as the thread spells it.
        text: the words as written ("Peter Paget").
        start, end: character offsets in the text.
        score: 0..1, how sure the words name this author (rules 1-5 above).
        how: a short reason ("'Pete' is short for PeterPaget").
        vocative: True when the comment speaks to this person.
        vocative_score: 0..1, how sure the position makes it a vocative.
    """

    author: str
    text: str
    start: int
    end: int
    score: float
    how: str
    vocative: bool
    vocative_score: float = 0.0
    quoting: str = ""   # the forum's quote attribution around the name ("Originally Posted by ann")


def name_parts(handle: str) -> tuple[str, ...]:
    """Lower-case parts of a handle: camelCase, digits, spaces and punctuation split.

    >>> name_parts("PeterPaget"), name_parts("Margaret Flowers"), name_parts("voza0db")
    (('peter', 'paget'), ('margaret', 'flowers'), ('voza', 'db'))
    """
    parts = []
    for chunk in re.split(r"[\W_]+", handle):
        parts.extend(p.lower() for p in _CAMEL.findall(chunk) if p.isalpha() and len(p) >= 2)
    return tuple(parts)


def squash(name: str) -> str:
    """Lower-case letters and digits only: ``"Peter Paget"`` -> ``"peterpaget"``."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def jaro_winkler(a: str, b: str, prefix_weight: float = 0.1) -> float:
    """Jaro-Winkler similarity of two strings, 0..1.

    >>> round(jaro_winkler("margret", "margaret"), 3), jaro_winkler("abc", "xyz")
    (0.975, 0.0)
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(0, max(len(a), len(b)) // 2 - 1)
    used = [False] * len(b)
    a_hits = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                a_hits.append(ch)
                break
    m = len(a_hits)
    if m == 0:
        return 0.0
    b_hits = [b[j] for j in range(len(b)) if used[j]]
    half_transpositions = sum(x != y for x, y in zip(a_hits, b_hits, strict=True))
    jaro = (m / len(a) + m / len(b) + (m - half_transpositions / 2) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_weight * (1 - jaro)


def _skeleton(s: str) -> str:
    return "".join(ch for ch in s if ch.isalpha() and ch not in _VOWELS)


def _first_vowel(s: str) -> str:
    return next((ch for ch in s if ch in _VOWELS), "")


def is_nickname(word: str, target: str) -> bool:
    """True if ``word`` looks like a nickname of ``target`` (both lower case).

    Same first letter, same first vowel, and the word's consonants (at least two)
    begin the target's consonants: "keeve"~"kevinzeese", "pete"~"peterpaget".

    >>> is_nickname("keeve", "kevinzeese"), is_nickname("put", "peterpaget")
    (True, False)
    """
    sk = _skeleton(word)
    return (len(word) >= 3 and len(sk) >= 2 and target[:1] == word[0]
            and _first_vowel(word) == _first_vowel(target)
            and _skeleton(target).startswith(sk))


class NameBook:
    """Author handles, matchable by name (see the module docstring for the rules).

    Exact names, parts and prefixes are dictionary lookups (constant time); the
    nickname and misspelling rules compare against the authors passed as
    ``among`` (e.g. the authors of recent comments), so cost stays bounded.
    """

    def __init__(self, authors: Iterable[str] = ()) -> None:
        self._exact: dict[str, set[str]] = {}
        self._part: dict[str, set[str]] = {}
        self._prefix: dict[str, set[str]] = {}
        self._initial: dict[str, set[str]] = {}   # first letter of the handle or a part
        self.authors: set[str] = set()
        for a in authors:
            self.add(a)

    def add(self, author: str) -> None:
        """Make ``author`` matchable (idempotent; empty handles are ignored)."""
        whole = squash(author)
        if not whole or author in self.authors:
            return
        self.authors.add(author)
        self._exact.setdefault(whole, set()).add(author)
        for part in {p for p in name_parts(author) if len(p) >= 3 and p not in COMMON}:
            self._part.setdefault(part, set()).add(author)
        for target in {whole, *name_parts(author)}:
            self._initial.setdefault(target[0], set()).add(author)
            for k in range(3, len(target)):
                if target[:k] not in COMMON:
                    self._prefix.setdefault(target[:k], set()).add(author)

    def lookup(self, word: str, *, among: Iterable[str] = ()) -> list[tuple[str, float, str]]:
        """``(author, score, how)`` for every author ``word`` may name, best first."""
        w = squash(word)
        if len(w) < 2:
            return []
        found: dict[str, tuple[float, str]] = {}
        for a in self._exact.get(w, ()):
            found[a] = (1.0, f"names {a}")
        for a in self._part.get(w, ()):
            found.setdefault(a, (0.95, f"'{word}' is part of the name {a}"))
        if w not in COMMON and len(w) >= 3:
            for a in self._prefix.get(w, ()):
                found.setdefault(a, (0.85, f"'{word}' is short for {a}"))
            # nicknames and misspellings keep the first letter: only those authors are tried
            for a in (self._initial.get(w[0], set()) & set(among)) - set(found):
                hit = self._loose(w, a)
                if hit:
                    found[a] = (hit[0], hit[1].format(word=word, author=a))
        return sorted(((a, s, h) for a, (s, h) in found.items()), key=lambda x: (-x[1], x[0]))

    @staticmethod
    @lru_cache(maxsize=65536)
    def _loose(w: str, author: str) -> tuple[float, str] | None:
        """Nickname or misspelling of ``author``, else None."""
        targets = {squash(author), *name_parts(author)}
        if any(is_nickname(w, t) for t in targets):
            return 0.75, "'{word}' looks like a nickname for {author}"
        # a misspelling has about the word's length: compare with a prefix of longer targets
        best = max((jaro_winkler(w, t[:len(w) + 1] if len(t) > len(w) + 2 else t)
                    for t in targets if len(t) >= len(w) - 2), default=0.0)
        if best >= FUZZY_THRESHOLD:
            return round(0.8 * best, 3), "'{word}' looks like a misspelling of {author}"
        return None


def _vocative_score(text: str, start: int, end: int) -> float:
    """0..1: how surely the name at ``text[start:end]`` is spoken to (position cues)."""
    if text[start] == "@":
        return 1.0
    before, after = text[:start].rstrip(), text[end:].lstrip()
    prev_words = re.findall(r"[\w'’]+", before[-40:].lower())
    prev = prev_words[-1] if prev_words else ""
    nxt = re.match(r"[\w'’]+", after.lower())
    next_word = nxt.group() if nxt else ""
    if next_word in _THIRD_PERSON_NEXT or after.startswith(("'s", "’s")):
        return 0.0                                      # "Margaret says ...": a subject
    closes = after == "" or after[0] in ",.!?:;…\n" or text[end:end + 1] == "\n"
    if not before:
        return 1.0                                      # "Margaret It looks like ..."
    if before[-1] in ".!?…\n" and closes:
        return 0.9                                      # a name as its own sentence
    if prev in _PREP_BEFORE:
        return 0.0                                      # "true with Peter Paget"
    if (before[-1] == "," or prev in _OPENERS) and closes:
        return 1.0                                      # "..., Margaret." / "Right, Tony."
    if after[:1] in ("?", "!"):
        return 0.8                                      # "Who to believe Kevin?"
    return 0.0


def _name_words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _NAME_WORD.finditer(text)]


def _match_words(text: str, book: NameBook, among: Iterable[str]) -> list[NameMatch]:
    """A match for every word that may name an author (best author per word)."""
    among = set(among)
    out = []
    for word, s, e in _name_words(text):
        if word[-2:] in ("'s", "’s"):                   # "Tony's point": the name, then 's
            word, e = word[:-2], e - 2
        bare = word.lstrip("@").rstrip("'’")
        loose_ok = word[0] == "@" or bare[:1].isupper()
        hits = book.lookup(bare, among=among if loose_ok else ())
        if hits and (loose_ok or hits[0][1] >= 0.95):
            author, score, how = hits[0]
            out.append(NameMatch(author, word, s, e, score, how, False))
    return out


def _merge_adjacent(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """Join "Peter Paget" (two words, one author) into one match."""
    out: list[NameMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev and prev.author == m.author and text[prev.end:m.start].strip() == "":
            whole = text[prev.start:m.end]
            score = max(prev.score, m.score, 1.0 if squash(whole) == squash(m.author) else 0.0)
            how = f"names {m.author}" if score == 1.0 else prev.how
            out[-1] = NameMatch(m.author, whole, prev.start, m.end, score, how, False)
        else:
            out.append(m)
    return out


def quote_attributions(text: str, book: NameBook) -> list[NameMatch]:
    r"""The authors a forum quote box names (:data:`argmap.quoting.QUOTE_HEAD`: "Originally Posted
    by ann", "ann wrote:", "ann said: ↑"; BBCode "[quote=ann]"), as vocative matches: the post
    answers them; "by ann" and "ann said" are no mention of a person talked about. ``quoting``
    holds the attribution. Only names of the thread's authors count (whole handle, part, prefix).

    >>> [(m.author, m.quoting) for m in quote_attributions(
    ...     "Quote: Originally Posted by ann\nuniforms make kids equal\n\nNo.", NameBook(["ann", "bob"]))]
    [('ann', 'Quote: Originally Posted by ann')]
    >>> [m.author for m in quote_attributions("bob said: ↑\nIt is cheap.\n\nIt is not.", NameBook(["bob"]))]
    ['bob']
    >>> quote_attributions("bob said that it is cheap.", NameBook(["bob"]))
    []
    """
    out = []
    heads = [(m, "a" if m.group("a") else "b") for m in QUOTE_HEAD.finditer(text) if m.group("a") or m.group("b")]
    heads += [(m, "who") for m in BBCODE_RE.finditer(text) if m.group("who")]
    for m, key in heads:
        name = m.group(key).strip()
        hits = book.lookup(name) if name else []
        if hits and hits[0][1] >= 0.85:
            author, score, _ = hits[0]
            line = " ".join(text[m.start():m.start(key) + len(m.group(key))].split())[:60]
            out.append(NameMatch(author, name, m.start(key), m.end(key), score, f"quotes {author}",
                                 True, 1.0, line))
    return sorted(out, key=lambda m: m.start)


def find_names(text: str, book: NameBook, *, exclude: Iterable[str] = (),
               among: Iterable[str] | None = None) -> list[NameMatch]:
    """Every name of a known author in ``text``, each marked vocative or not.

    Args:
        text: the comment.
        book: the authors that may be named.
        exclude: authors to ignore (the comment's own author).
        among: authors tried with the nickname/misspelling rules (default: all in
            the book; pass recent authors to bound the work on large threads).
    """
    among = book.authors if among is None else among
    exclude = set(exclude)
    merged = _merge_adjacent(text, _match_words(text, book, among))
    quoted = [q for q in quote_attributions(text, book) if q.author not in exclude]
    out = list(quoted)
    for m in merged:
        if m.author in exclude or any(q.start <= m.start < q.end for q in quoted):
            continue
        v = _vocative_score(text, m.start, m.end)
        out.append(NameMatch(m.author, m.text, m.start, m.end, m.score, m.how, v > 0, v))
    return sorted(out, key=lambda m: m.start)


def addressed(matches: Iterable[NameMatch]) -> list[NameMatch]:
    """The vocative matches, one per author (the surest), in text order."""
    best: dict[str, NameMatch] = {}
    for m in matches:
        if m.vocative:
            cur = best.get(m.author)
            if cur is None or m.score * m.vocative_score > cur.score * cur.vocative_score:
                best[m.author] = m
    return sorted(best.values(), key=lambda m: m.start)


def mentioned(matches: Iterable[NameMatch]) -> list[NameMatch]:
    """The non-vocative matches of authors never addressed in the same text."""
    matches = list(matches)
    spoken_to = {m.author for m in matches if m.vocative}
    return [m for m in matches if not m.vocative and m.author not in spoken_to]


# --- answers and replies: cues that a comment speaks to an earlier comment -------

# A question starts after a sentence end or line break (the lookbehind keeps the scan linear:
# without it a long run with no end mark was rescanned from every character).
_QUESTION = re.compile(r"(?<![^.!?\n])[^.!?\n]*\?")
_WH = frozenset("who whom whose what why how where when which".split())
_AUX = frozenset("""
are is am was were do does did can could will would should shall have has had may might must
r isn't aren't don't doesn't didn't can't won't wouldn't shouldn't haven't hasn't
""".split())
# Openings that answer a question of a given kind ("who are you?" -> "No one.").
_ANSWERS = (
    (("no one", "nobody", "noone", "none of", "i am", "i'm", "me.", "my name"), "who", 1.0),
    (("because", "cause ", "'cause", "since "), "why", 1.0),
    (("yes", "no", "yeah", "yep", "yup", "nope", "nah", "of course", "sure", "absolutely",
      "definitely", "not really", "never", "correct", "i do", "i did", "i don't", "i have"),
     "yesno", 0.8),
)
_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|you're|you’re|youre|u|ur)\b", re.I)
_THANKS = re.compile(r"\b(thank|thanks)\s+(you|u)\b", re.I)
_REPLY_OPENERS = frozenset("""
no yes right exactly agreed true lol lmao wrong nope yep yeah indeed that this he she they
nonsense correct absolutely nah wow
""".split())
# "It's not their beliefs.": a denial of something just said.
_DENIAL = re.compile(r"^\W*(it|that|this)\s*(['’]s|is|was)\s+not\b", re.I)
_ARTICLE_WORDS = re.compile(
    r"\b(the|this|that|your) (article|author|piece|post|study|essay|op-ed|story|writer)\b|\bOP\b", re.I)


def question_kinds(text: str) -> list[str]:
    """The kind of each question in ``text``: ``who``/``why``/... (wh-word), ``yesno`` or ``other``.

    >>> question_kinds("who are you brother? Why not write? Answer me this, r u a nut? Really?")
    ['who', 'why', 'yesno', 'other']
    """
    kinds = []
    for q in _QUESTION.findall(text):
        clause = re.split(r"[:;,—–]", q)[-1]          # "Answer me this, r u a nut?" -> "r u a nut?"
        first = (re.findall(r"[\w'’]+", clause.lower()) or [""])[0].replace("’", "'")
        kinds.append("why" if first == "why" else "who" if first in ("who", "whom") else
                     first if first in _WH else "yesno" if first in _AUX else "other")
    return kinds


def answer_strength(question_text: str, reply: str) -> tuple[float, str]:
    """0..1: how much ``reply`` opens like an answer to a question in ``question_text``.

    A typed match ("who ...?" -> "No one.", "why ...?" -> "Because ...") scores 1.0,
    a yes/no opening to a yes/no question 0.8, any of these to another question 0.5,
    a very short first sentence 0.3. Returns the score and the opening words.

    >>> answer_strength("Answer me this: who are you brother?", "No one. So you start ...")
    (1.0, 'No one')
    """
    return answer_to(tuple(question_kinds(question_text)), reply)


@lru_cache(maxsize=4096)
def _opening(reply: str) -> str:
    return re.split(r"[.!?\n]", reply.strip(), maxsplit=1)[0].strip()


def answer_to(kinds: tuple[str, ...], reply: str) -> tuple[float, str]:
    """:func:`answer_strength` given the question kinds already found (for reuse)."""
    if not kinds:
        return 0.0, ""
    first = _opening(reply)
    opening = first.lower().replace("’", "'") + "."
    for starts, kind, score in _ANSWERS:
        for s in starts:
            if opening.startswith(s) and not opening[len(s):len(s) + 1].isalpha():
                return (score if kind in kinds else 0.5), first[:len(s.rstrip(" ."))]
    if 0 < len(first.split()) <= 3:
        return 0.3, first[:40]
    return 0.0, ""


def speaks_to_someone(text: str) -> str:
    """Why ``text`` reads as a reply to a person rather than a new point, or ``""``.

    Second-person words ("you", "your"; not "thank you") or an opening that answers
    or points back ("No,", "Right", "LOL", "That ...", "He ...").

    >>> speaks_to_someone("It sounds like you bought a lot of it."), speaks_to_someone("Thank you")
    ("says 'you'", '')
    """
    m = _SECOND_PERSON.search(_THANKS.sub(" ", text))
    if m:
        return f"says '{m.group()}'"
    if _DENIAL.match(text):
        return "opens with a denial"
    first = (re.findall(r"[\w'’]+", text.lower()) or [""])[0]
    if first in _REPLY_OPENERS and not _ARTICLE_WORDS.match(text.strip()):
        return f"opens with '{first}'"
    return ""


def speaks_of_article(text: str) -> str:
    """The words by which ``text`` refers to the article ("this article"), or ``""``."""
    m = _ARTICLE_WORDS.search(text)
    return m.group() if m else ""
