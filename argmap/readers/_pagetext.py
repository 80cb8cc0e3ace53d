"""Line patterns of copied comment pages: author headers, times, and button noise.

Kept apart from :mod:`pagecopy` so the patterns can be read (and extended) in one place.
"""

from __future__ import annotations

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_UNIT = r"(?:sec|second|min|minute|hr|hour|day|week|wk|month|mo|year|yr)s?\.?"   # "5 hr. ago"
_TIME_CORE = "|".join((
    rf"(?:about |over |almost |nearly )?(?:\d+|an?|one|a few) {_UNIT} ago",
    r"\d{1,3}\s?(?:s|m|h|d|w|mo|y|yr|min|hr)",                    # 3h, 2d, 5 min
    r"just now|yesterday|today|moments? ago",
    rf"(?:yesterday|today) at {_CLOCK}",
    rf"{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}(?:,? (?:at |@ )?{_CLOCK})?",
    rf"\d{{1,2}} {_MONTH},? \d{{4}}(?:,? (?:at |@ )?{_CLOCK})?",
    rf"\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]{_CLOCK})?(?:\s?(?:utc|gmt|z))?",
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?:,? (?:at )?{_CLOCK})?",
))
_TIME = rf"(?:(?:posted|edited|updated)\s+)?(?:on\s+)?(?:{_TIME_CORE})(?:\s*\((?:edited)\))?"
TIME_LINE = re.compile(rf"\s*(?:[•·|–—-]\s*)?({_TIME})\s*(?:[•·|]\s*)?", re.IGNORECASE)
_BULLET = re.compile(r"\s*[•●◦▪‣∙·*]\s+(?P<rest>\S.*?)\s*")
_SAYS = re.compile(r"\s*(?P<name>\S.{0,59}?)\s+(?:says|said|wrote|writes|commented|replied)\s*:?\s*",
                   re.IGNORECASE)
_NAME_TIME = re.compile(rf"\s*(?P<name>\S.{{0,59}}?)(?P<sep>\s*[•·|–—]\s*|\s+)(?P<time>{_TIME})\s*",
                        re.IGNORECASE)
_SEPARATOR_CHARS = frozenset("•·|–—›»↑↓^-")
_SHORT = 120  # header, time and button lines are short; longer lines skip the patterns (and
#               their backtracking on long runs of spaces)

# Words of buttons and counters that page copies pick up ("Reply", "Like · Share", "12 likes").
NOISE_WORDS = frozenset("""
reply replies like likes liked share shares report flag edit delete upvote upvotes downvote
downvotes vote votes point points permalink embed save follow unfollow quote hide collapse
expand translate translation comment comments load more show view see read less log in to
sign up login parent context give award awards helpful not dislike retweet avatar hide past
favorite crosspost recommend recommended
ago a an just now yesterday edited sec secs second seconds min mins minute minutes hr hrs hour
hours day days week weeks month months year years tweet sort by newest oldest best top
""".split())
_STRONG_NOISE = frozenset("""
reply replies like likes share report flag upvote downvote permalink embed save follow
translate comments award retweet dislike points votes likes upvotes tweet sort avatar recommend
recommended
""".split())
_TOKEN = re.compile(r"[^\W_]+")
_COUNT = re.compile(r"\d+(?:[kmhdwys]|mo|min|hr)?")


def is_separator(line: str) -> bool:
    """A line of nothing but separators ("•", "|", "-") or blank space."""
    return all(ch in _SEPARATOR_CHARS for ch in line.strip())


def is_time(line: str) -> str | None:
    """The time a whole line states ("3 hours ago", "March 3, 2020 at 4:12 pm"), else None."""
    m = TIME_LINE.fullmatch(line.strip()) if len(line) <= _SHORT else None
    return m.group(1).strip() if m else None


def is_noise(line: str) -> bool:
    """A line of buttons or counters: only button words, numbers and times, and at least one
    unmistakable button word ("Reply", "Like · Reply · 3h", "Load more comments", "12 points")."""
    s = line.strip().lower()
    if not s or len(s) > 60:
        return False
    words = _TOKEN.findall(s)
    known = all(w in NOISE_WORDS or _COUNT.fullmatch(w) for w in words)
    return bool(words) and known and any(w in _STRONG_NOISE for w in words)


# "212 points by someone 5 hours ago | hide | past | favorite | 87 comments" (a Hacker News
# submission's byline) and "87 comments" style lines around a page's article.
# Reddit: "r/urbanplanning", "Posted by u/gridlocked 5 hr. ago", "submitted 5 hours ago by
# gridlocked", and old Reddit's run-together link rows ("permalinkembedsaveparentreportreply").
_PAGE_META = re.compile(
    rf"\s*(?:\d+\s+points?\s+by\s+\S+\s+{_TIME}(?:\s*\|.*)?"
    rf"|r/\w+|posted by u/\S+(?:\s+{_TIME})?|submitted\s+{_TIME}\s+by\s+\S+(?:\s+to\s+r/\w+)?)\s*",
    re.IGNORECASE)


def is_page_meta(line: str) -> bool:
    """A submission byline (Hacker News, Reddit) or a run-together link row (old Reddit)."""
    if len(line) > _SHORT or not line.strip():
        return False
    return bool(_PAGE_META.fullmatch(line) or _SORT_MENU.fullmatch(line)) or links_row(line) is not None


# Sort menus above a comment list: "Most relevant", "Sort by: Best", "Newest first".
_SORT_MENU = re.compile(r"\s*(?:sort(?:ed)? by:?\s*\w+(?: \w+)?|most relevant|all comments|newest first|"
                        r"oldest first|top comments|most recent|reader picks|nyt picks|editors'? picks|"
                        r"featured comments|(?:sign in|log in|register|create an account)\b.{0,80}"
                        r"\b(?:comment|discussion|conversation)s?\.?)\s*[▾▼⌄]?\s*", re.IGNORECASE)


# Old Reddit: "[–]tram_fan 42 points 4 hours ago" (optionally "[S]", "(3 children)").
_OLD_REDDIT = re.compile(
    rf"\s*\[[–+-]\]\s*(?P<name>[\w-]{{2,24}})(?:\s+\[[SMA]\])*\s+(?:-?\d+\s+points?|\[score hidden\])"
    rf"\s+(?P<time>{_TIME})(?:\s*\*?)(?:\s*\(\d+ child(?:ren)?\))?\s*", re.IGNORECASE)


def old_reddit_header(line: str) -> tuple[str, str] | None:
    """``(author, time)`` of an old Reddit comment header line, else None.

    >>> old_reddit_header("[–]tram_fan 42 points 4 hours ago")
    ('tram_fan', '4 hours ago')
    """
    m = _OLD_REDDIT.fullmatch(line) if len(line) <= _SHORT else None
    return (m.group("name"), m.group("time").strip()) if m else None


def links_row(line: str) -> frozenset[str] | None:
    """The links of an old Reddit row under a comment ("permalinkembedsaveparentreportreply"):
    ``{"parent"}`` for a reply, an empty set for a top-level comment; None for other lines."""
    s = line.strip().lower()
    if not s or not re.fullmatch(r"(?:permalink|embed|save|parent|report|reply|give award|source|edit|"
                                 r"delete|context|full comments(?:\s*\(\d+\))?|\s)+", s) or "permalink" not in s:
        return None
    return frozenset({"parent"}) if "parent" in s else frozenset()


def is_number(line: str) -> bool:
    """A bare counter line ("12", "1.2k")."""
    return bool(re.fullmatch(r"[-−]?\d+(?:\.\d+)?[km]?", line.strip(), re.IGNORECASE))


def looks_like_name(s: str, max_words: int = 4) -> bool:
    """A short, name-like string: an author handle or display name, not a sentence."""
    s = s.strip()
    if not 1 <= len(s) <= 40 or len(s.split()) > max_words:
        return False
    initial = len(s.split()) >= 2 and re.search(r"\s[A-Z]\.$", s)   # "Karen L."
    if (s[-1] in ".,;:!?\"”)" and not initial) or not any(ch.isalpha() for ch in s):
        return False
    return not (is_time(s) or is_noise(s))


def odd_name(s: str) -> bool:
    """A handle :func:`looks_like_name` turns down but people do use: punctuation only
    (``___``, ``-_-``), digits (``22254534``), emoji, a closing dot (``KenW.``), or a long name
    (up to 80 characters and 8 words). Not a sentence (no ``.``/``!``/``?`` before more words),
    a time or a button line. Readers take it as a header only where the layout confirms it.

    >>> [odd_name(s) for s in ("___", "22254534", "🙂🙂", "KenW.", "Sure. I agree", "Reply")]
    [True, True, True, True, False, False]
    """
    s = s.strip()
    if not s or len(s) > 80 or len(s.split()) > 8 or "\t" in s or looks_like_name(s):
        return False
    if re.search(r"[.!?]\s+\S", s) or is_time(s) or is_noise(s) or is_separator(s):
        return False
    return not s.endswith((":", ",", ";"))


def bullet_name(line: str, *, odd: bool = False) -> tuple[str, str | None] | None:
    """``(author, time)`` of a ``  • Author`` line (optionally ``• Author • 3 hours ago``);
    with ``odd``, also a line naming an unusual author (:func:`odd_name`)."""
    m = _BULLET.fullmatch(line.strip()) if len(line) <= _SHORT else None
    if not m:
        return None
    rest = m.group("rest")
    timed = _NAME_TIME.fullmatch(rest)
    if timed and (looks_like_name(timed.group("name")) or (odd and odd_name(timed.group("name")))):
        return timed.group("name").strip(), timed.group("time").strip()
    return (rest, None) if looks_like_name(rest) or (odd and odd_name(rest)) else None


def says_name(line: str) -> str | None:
    """The author of an ``Author says:`` line (an unusual name, ``___ says:``, only with the colon)."""
    m = _SAYS.fullmatch(line.strip()) if len(line) <= _SHORT else None
    if not m:
        return None
    name = m.group("name").strip()
    if looks_like_name(name, 6) or (line.rstrip().endswith(":") and odd_name(name)):
        return name
    return None


def name_with_time(line: str) -> tuple[str, str] | None:
    """``(author, time)`` of an ``Author • 3 hours ago`` or ``@handle 3 days ago`` line (a
    plain space is not enough otherwise: "We met 2 days ago" is a sentence)."""
    m = _NAME_TIME.fullmatch(line.strip()) if len(line) <= _SHORT else None
    if not m or not (looks_like_name(m.group("name")) or two_names(m.group("name"))):
        return None
    if not m.group("sep").strip() and not m.group("name").lstrip().startswith("@"):
        return None
    return m.group("name").strip(), m.group("time").strip()


# Hacker News page copies: "alice 4 hours ago | parent | next [–]" (a handle, a time, then the
# comment's links; top-level comments have no "parent" link, deeper replies also a "root").
_HN_HEAD = re.compile(
    rf"\s*(?P<name>[A-Za-z0-9_-]{{2,15}})\s+(?P<time>{_TIME})\s*\|\s*(?P<links>.*?)\s*",
    re.IGNORECASE)
_HN_LINKS = re.compile(r"(?:\b(?:root|parent|prev|next|context|flag|favorite|unvote|undown|edit|delete|"
                       r"on:[^|]*)\b|\[[–-]\]|\[\d+ more\]|\||\s)+", re.IGNORECASE)


def hn_header(line: str) -> tuple[str, str, frozenset[str]] | None:
    """``(author, time, links)`` of a Hacker News comment header line, else None.

    >>> name, time, links = hn_header("bob 4 hours ago | root | parent | next [–]")
    >>> name, time, sorted(links)
    ('bob', '4 hours ago', ['next', 'parent', 'root'])
    >>> hn_header("212 points by someone 5 hours ago | hide | past | favorite | 87 comments") is None
    True
    """
    m = _HN_HEAD.fullmatch(line) if len(line) <= _SHORT else None
    if not m or not _HN_LINKS.fullmatch(m.group("links") or "|"):
        return None
    links = frozenset(w.lower() for w in re.findall(r"root|parent|prev|next", m.group("links"), re.I))
    return m.group("name"), m.group("time").strip(), links


# "John Smith  Jane Doe • 3 years ago" (Disqus: the author, then whom it replies to), or with
# an arrow or words between the two names.
_REPLY_TO = re.compile(r"\s*(?P<author>\S.*?)(?:\s{2,}|\s*[↪→➦»>]\s*|\s+(?:replied to|replying to|in reply to|"
                       r"to)\s+)(?P<to>\S.*?)\s*")


def split_reply_to(name: str, earlier: set[str]) -> tuple[str, str | None]:
    """``(author, replied-to name)`` of a header naming both, else ``(name, None)``.

    Two names split by two spaces, an arrow or "replied to" always split; one space splits
    only when the tail is the name of an earlier commenter and the whole is not.

    >>> split_reply_to("John Smith  Jane Doe", set())
    ('John Smith', 'Jane Doe')
    >>> split_reply_to("John Smith Jane Doe", {"Jane Doe"})
    ('John Smith', 'Jane Doe')
    >>> split_reply_to("Mary Ann", {"Ann"})
    ('Mary Ann', None)
    """
    if name in earlier:
        return name, None
    pair = _name_pair(name)
    if pair:
        return pair
    for who in sorted(earlier, key=len, reverse=True):
        head = name[: -len(who)].rstrip()
        if (len(who.split()) >= 2 and name.endswith(" " + who) and head
                and looks_like_name(head) and len(head.split()) <= 3):
            return head, who
    return name, None


_TRAILING_TIME = re.compile(rf"(?:^|[\s·•|])(?P<time>{_TIME})\s*$", re.IGNORECASE)


def footer_time(line: str) -> str | None:
    """The time on a button line under a comment ("Like · Reply · 45m", "3h"), else None.

    >>> footer_time("Like · Reply · 45m"), footer_time("3h"), footer_time("Like")
    ('45m', '3h', None)
    """
    if len(line) > _SHORT or not (is_noise(line) or is_time(line)):
        return None
    m = _TRAILING_TIME.search(line.strip())
    return m.group("time").strip() if m else None


def is_footer_line(line: str) -> bool:
    """A line of a comment's footer: buttons, counters, a time or separators."""
    s = line.strip()
    return bool(s) and (is_noise(s) or bool(is_time(s)) or is_number(s) or is_separator(s))


def _name_pair(s: str) -> tuple[str, str] | None:
    """``(author, replied-to)`` when two names are split by two spaces, an arrow or words
    ("replied to"), else None."""
    m = _REPLY_TO.fullmatch(s)
    if not (m and looks_like_name(m.group("author")) and looks_like_name(m.group("to"))):
        return None
    if "  " in s or re.search(r"[↪→➦»>]|repl|\bto\b", s):
        return m.group("author").strip(), m.group("to").strip()
    return None


def two_names(s: str) -> bool:
    """"Author  Replied-to Author": two names split as :func:`split_reply_to` splits them."""
    return _name_pair(s) is not None


# "Alice: I think the study is too small." (a transcript or a hand-made thread): a name, a
# colon, the text on the same line. Labels that are not people are left alone.
_CHAT = re.compile(r"\s*(?P<name>[^\W\d][\w .'@-]{0,39}?|\[deleted\]|\[removed\]"
                   r"|[\d-](?=[\w-]*[^\W\d_])[\w-]{4,39})\s*:\s+(?P<text>\S.*)")
# a handle may open with a digit or a hyphen ("5th_Law_of_Robotics", "-TempestofChaos-", five
# characters or more, a letter among them: "1st:" or "10th:" label a list, not a speaker)
_NOT_SPEAKERS = frozenset("""
note notes update updated edit edited source sources example examples title summary q a ps p.s tl;dr
tldr warning disclaimer question answer step quote reply correction important caution fact facts
claim evidence premise conclusion reason reasons background context result results abstract
method methods keywords key point points why how what who when where re fwd subject from to cc date
posts joined location reputation
""".split()) | {"join date"}


_ODD_CHAT = re.compile(r"\s*(?P<name>[^\s:]{1,80}(?: [^\s:]{1,80}){0,7})\s*:\s+(?P<text>\S.*)")


def odd_chat_line(line: str) -> tuple[str, str] | None:
    """``(speaker, text)`` of a ``Handle: text`` line whose handle :func:`chat_line` turns down but
    people do use (``pnac=ww3``, ``KenW.``, ``___``, emoji, a long display name), else None: one
    word, words that each open with a capital (``A Very Long Display Name``), or words with a
    digit or symbol among them (``#1 fan!!``); not a phrase of plain words (``In my view``).
    Readers take it as a speaker only where the page confirms it (``pagecopy._chat_headers``).

    >>> odd_chat_line("pnac=ww3: Have you studied it?"), odd_chat_line("Alice: hi")
    (('pnac=ww3', 'Have you studied it?'), None)
    """
    if chat_line(line) or len(line) > 2000:
        return None
    m = _ODD_CHAT.fullmatch(line)
    if not m:
        return None
    name = m.group("name")
    parts = name.split()
    prose = len(parts) > 1 and any(w[0].islower() for w in parts) and not re.search(r"[^\w\s.,;'\"!?()-]|\d", name)
    if len(name) > 80 or prose:   # "In my view: ..." opens a paragraph; "#1 fan!!" and "🙂 Ann" are names
        return None
    if re.search(r"[()\[\]]|\.\s|^[*•‣◦–-]\s", name):   # "b (1)", "14. These phrases", "* Item": a list
        return None
    if name.lower().rstrip(".") in _NOT_SPEAKERS or is_time(name) or "//" in line[:12] or (
            is_number(name) and not re.fullmatch(r"\d{5,}", name)):   # "2017:", "3.5:"; "22254534" is a handle
        return None
    return (name, m.group("text").strip()) if looks_like_name(name) or odd_name(name) else None


def chat_line(line: str) -> tuple[str, str] | None:
    """``(speaker, text)`` of a ``Name: text`` line, else None.

    >>> chat_line("Alice: I think the study is too small.")
    ('Alice', 'I think the study is too small.')
    >>> chat_line("Note: the figures are from 2017.") is None
    True
    """
    m = _CHAT.fullmatch(line) if len(line) <= 2000 else None
    if not m:
        return None
    name = m.group("name").strip()
    if name.lower() in _NOT_SPEAKERS or not looks_like_name(name, 3) or is_time(name):
        return None
    return name, m.group("text").strip()
