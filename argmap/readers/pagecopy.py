"""Page copies: a comment page copied as text (title, article, then the comments).

Comment headers it recognises, one style per text (the one that finds most comments; forum
post bars first):

* ``bullet``: ``  • Author`` lines, the text indented below (the seed thread's style);
* ``says``: ``Author says:`` lines (WordPress), usually followed by a date line;
* ``timed``: an author line followed by a time line (``3 hours ago``, ``March 3, 2020 at
  4:12 pm``), or both on one line (``Author • 3 hours ago``; Disqus, YouTube copies), with
  a place line between them when a name line stands just above (``Karen L.`` /
  ``Denver, CO`` / ``March 3, 2024``; New York Times);
* ``hn``: Hacker News headers, ``alice 4 hours ago | parent | next [–]``;
* ``footer``: an author line, the text, then buttons and a time (``Like`` / ``Reply`` /
  ``3h``, or ``Like · Reply · 45m``; Facebook copies);
* ``chat``: ``Name: text`` lines (a transcript or a thread typed by hand; at least two
  speakers), the text starting on the header line;
* ``oldreddit``: old Reddit headers, ``[–]tram_fan 42 points 4 hours ago`` (new Reddit's
  ``tram_fan`` / ``·`` / ``4 hr. ago`` is the ``timed`` style);
* ``forum``: forum software pages: vBulletin post bars (``Old 04-14-2007, 10:02 AM   #3``, the
  author on the next line, a member block of ``Join Date:`` / ``Posts:`` lines and a ``Default``
  post-icon line dropped, the post ending at ``Reply With Quote`` or its signature line) and
  phpBB ``Post by ann » Mon May 08, 2006 10:14 am`` lines (ending at ``Top``). When two such
  posts are found this style wins: a member block is no chat. Quote boxes (``Quote:``,
  ``Originally Posted by X``) stay in the text, for :mod:`argmap.quoting` and reconstruction.

What the page still shows of the reply structure is kept as an explicit parent link:
a Disqus-style header naming whom it answers (``John Smith  Jane Doe • 3 years ago``)
links to that person's latest earlier comment; a Hacker News or old Reddit comment without
a ``parent`` link is top-level, and a Hacker News one with ``parent`` but no ``root`` link
(on a page that shows ``root`` links) answers the latest top-level comment above it.

Button and counter lines ("Reply", "Like · Share", "12 points", "Load more comments") are
dropped; the time stays in ``meta["time"]`` (``created`` stays ``None``: a relative time
has no date). Otherwise the copy lost who answered whom, so a comment is attached to the
article with source ``inferred`` and a low confidence, for the reconstruct step to redo.
Ids are ``root``, ``c1``, ``c2``... in page order. A text with no recognisable comment
header raises :class:`ThreadFormatError`.

Example:
    >>> t = parse("Title\\n\\nArticle text.\\n\\n  • ann\\n\\n    I agree.\\n\\n  • bob\\n")
    >>> [(c.id, c.author, c.text) for c in t.comments]
    [('root', '', 'Article text.'), ('c1', 'ann', 'I agree.'), ('c2', 'bob', '')]
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import ThreadFormatError
from ..model import ParentLink, Thread
from ..settings import DEFAULT, Settings
from ._build import Raw, build_thread, limited
from ._pagetext import (
    bullet_name,
    chat_line,
    footer_time,
    hn_header,
    is_footer_line,
    is_noise,
    is_number,
    is_page_meta,
    is_separator,
    is_time,
    links_row,
    looks_like_name,
    name_with_time,
    odd_chat_line,
    odd_name,
    old_reddit_header,
    says_name,
    split_reply_to,
    two_names,
)

BULLETS = frozenset("•●◦▪‣∙*")
NAME = "page-copy"
DESCRIPTION = ("a comment page copied as text: title, article, '• Author' / 'Author says:' / author + time "
               "(Disqus, Reddit, NYT) / Hacker News / old Reddit headers, Facebook-style footers, or "
               "'Name: text' lines")

LOST = ParentLink("inferred", 0.05,
                  "page copy lost the reply structure; attached to the article until reconstructed")
_BLANKS = re.compile(r"\n{3,}")
_SITE_TAG = re.compile(r"\s+\((?:self\.\w+|[\w-]+(?:\.[\w-]+)+)\)$")


@dataclass(frozen=True)
class _Header:
    line: int            # 0-based index of the header line
    author: str
    body: int            # first line of the comment's text
    time: str | None
    links: frozenset[str] | None = None  # Hacker News: "parent", "root", "next", "prev"
    end: int | None = None               # where the text ends, when a footer closes it
    place: str | None = None             # a location line under the author (NYT)
    chat: bool = False                   # the text starts on the header line, after "Name:"
    odd: bool = False                    # an unusual name ("___"), kept because the layout confirms it


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse a copied comment page into a Thread (see the module docstring)."""
    lines = text.split("\n")
    style, headers = find_headers(lines)
    if not headers:
        raise ThreadFormatError(
            "no recognisable comments: no '• Author' lines, 'Author says:' lines, author lines "
            "with a time such as '3 hours ago', Hacker News or Reddit headers, or 'Name: text' lines",
            source=source)
    title, article = _article(lines[:headers[0].line])
    ends = [h.end if h.end is not None else nxt for h, nxt
            in zip(headers, [h.line for h in headers[1:]] + [len(lines)], strict=True)]
    if style == "oldreddit":  # the links row under each comment says whether it is a reply
        headers = [replace(h, links=_row_links(lines[h.body:end])) for h, end in zip(headers, ends, strict=True)]
    links = _page_links(headers, style)
    raws = (_comment(h, lines, end, k, link) for k, (h, end, link)
            in enumerate(zip(headers, ends, links, strict=True), 1))
    root = Raw(id="root", parent=None, text=article, where="article")
    return build_thread(NAME, root, limited(raws, settings, source), source=source,
                        settings=settings, title=title, thread_id=_slug(title),
                        warnings=unplaced(lines, style, headers), meta={"header_style": style})


def unplaced(lines: list[str], style: str, headers: list[_Header]) -> list[str]:
    """Warnings for lines that look like a comment header but were read as text: a bullet
    (``  • ___``), ``Name says:`` line or name over a time line among the comments that no
    header rule took, so
    its words stayed in the comment above. Nothing is merged without a word."""
    if style not in ("bullet", "says", "timed", "chat") or not headers:
        return []
    taken = {h.line for h in headers}
    depth = _depth(lines[headers[0].line])
    start = headers[0].line + 1
    if style == "bullet":   # bullet lines right above the first comment were read into the article
        while start - 1 > 0 and (not lines[start - 2].strip() or (
                _depth(lines[start - 2]) == depth and BULLETS & set(lines[start - 2][:8]))):
            start -= 1
    if style == "chat":   # a message by an unusual name above the first speaker's stays in the article
        start = (_next_text(lines, 0) or 0) + 1
    out = []
    for i in range(start, len(lines)):
        line = lines[i]
        if i in taken or not line.strip():
            continue
        if style == "chat":
            if chat_line(line) and not _after_blank(lines, i):
                out.append(f"line {i + 1}: {line.strip()[:60]!r} looks like a 'Name: text' line but "
                           "follows a line of text with no blank line between, unlike the page's "
                           "speakers; its text stays in the comment above")
            elif _after_blank(lines, i) and odd_chat_line(line):
                above = "the article" if i < headers[0].line else "the comment above"
                out.append(f"line {i + 1}: {line.strip()[:60]!r} looks like a 'Name: text' line with an "
                           f"unusual name that speaks only once; its text stays in {above}")
            continue
        if len(line) > 100:
            continue
        bullet = style == "bullet" and _depth(line) == depth and BULLETS & set(line[:8]) and \
            len(line.split()) <= 9
        says = style == "says" and re.fullmatch(r"\s*\S.{0,79}\s+says:\s*", line)
        timed = style == "timed" and odd_name(line) and _with_time(lines, _Header(i, line, i + 1, None)).time
        if bullet or says or timed:
            above = "the article" if i < headers[0].line else "the comment above"
            out.append(f"line {i + 1}: {line.strip()!r} looks like a comment header but could not be "
                       f"placed as one; its text stays in {above}")
    return out


def find_headers(lines: list[str]) -> tuple[str, list[_Header]]:
    """The header style that finds most comments, and its headers in page order."""
    best: tuple[str, list[_Header]] = ("", [])
    for style, finder in _FINDERS:
        found = finder(lines)
        if style == "forum" and found:   # a forum's post bars are unmistakable: its member block
            return style, found          # ("Posts: 5,123") must not read as chat speakers
        if len(found) > len(best[1]):
            best = (style, found)
    return best


def _bullet_headers(lines: list[str]) -> list[_Header]:
    found, odd = [], []
    for i, line in enumerate(lines):
        if not BULLETS & set(line[:8]):
            continue
        hit = bullet_name(line)
        if hit:
            found.append(_with_time(lines, _Header(i, hit[0], i + 1, hit[1])))
        elif bullet_name(line, odd=True):
            hit = bullet_name(line, odd=True)
            odd.append(_with_time(lines, _Header(i, hit[0], i + 1, hit[1], odd=True)))
    if found and odd:   # unusual names count only at the indent of the page's own headers
        depths = [_depth(lines[h.line]) for h in found]
        depth = max(set(depths), key=depths.count)
        odd = [h for h in odd if _depth(lines[h.line]) == depth]
    kept = _indented_only(lines, found, {h.line for h in odd})
    return _confirmed_odd(lines, kept, odd)


def _confirmed_odd(lines: list[str], kept: list[_Header], odd: list[_Header]) -> list[_Header]:
    """Bullet lines with an unusual name ("  • ___") are headers when they stand like the
    page's other headers: the same indent as theirs, and the line followed by deeper-indented
    text, by another header or by nothing."""
    if not odd:
        return kept
    if not kept:   # only unusual names: headers when two or more stand over indented text
        deeper = [h for h in odd if (j := _next_text(lines, h.body)) is not None
                  and _depth(lines[j]) > _depth(lines[h.line])]
        return deeper if len(deeper) >= 2 else []
    depth = max(set(d := [_depth(lines[h.line]) for h in kept]), key=d.count)
    starts = {h.line for h in kept} | {h.line for h in odd}
    out = list(kept)
    for h in odd:
        j = _next_text(lines, h.body)
        if _depth(lines[h.line]) == depth and (j is None or j in starts or _depth(lines[j]) > depth):
            out.append(h)
    return sorted(out, key=lambda h: h.line)


def _indented_only(lines: list[str], found: list[_Header], odd: set[int] = frozenset()) -> list[_Header]:
    """When most bullet comments indent their text (the seed's style), a bullet followed by
    unindented text is a list item of the article ("• Jobs"), not a comment; an empty comment
    is followed directly by the next comment's bullet."""
    indent = [_next_text(lines, h.body) for h in found]
    deeper = [j is not None and _depth(lines[j]) > _depth(lines[h.line])
              for h, j in zip(found, indent, strict=True)]
    starts = {h.line for h in found}
    with_text = sum(j is not None and j not in starts for j in indent)
    if sum(deeper) * 2 <= with_text:
        return found
    keep: list[_Header] = []
    for k in reversed(range(len(found))):  # from the end, so "followed by a kept bullet" is known
        j = indent[k]
        if deeper[k] or j is None or (keep and j == keep[-1].line) or j in odd:
            keep.append(found[k])
    return keep[::-1]


def _next_text(lines: list[str], start: int) -> int | None:
    return next((j for j in range(start, len(lines)) if lines[j].strip()), None)


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip())


def _says_headers(lines: list[str]) -> list[_Header]:
    """``Author says:`` lines; without the colon a date line must follow ("My doctor says")."""
    out = []
    for i, line in enumerate(lines):
        name = says_name(line) if len(line) < 80 else None
        header = _with_time(lines, _Header(i, name, i + 1, None)) if name else None
        if header and (line.rstrip().endswith(":") or header.time):
            out.append(header)
    return out


def _chat_headers(lines: list[str]) -> list[_Header]:
    """``Name: text`` lines; only when two or more speakers appear (else it is prose).

    On a page whose speakers start after a blank line (at least :data:`CHAT_SPACED` of them),
    a ``Name: text`` line right under a line of text continues that message: a pasted
    ``Function: ...`` or ``Etymology: ...`` entry is no new speaker (:func:`unplaced` says so)."""
    out = []
    first = _next_text(lines, 0)  # the title ("Ask HN: ...", "Opinion: ...") is no speaker
    for i, line in enumerate(lines):
        hit = chat_line(line) if i != first else None
        if hit:
            out.append(_Header(i, hit[0], i, None, chat=True))
    spaced = [h for h in out if _after_blank(lines, h.line)]
    if len(out) >= 4 and len(spaced) >= CHAT_SPACED * len(out):
        out = spaced
    if len({h.author for h in out}) < 2:
        return []
    # a one-word handle chat_line turns down ("pnac=ww3", "KenW.") speaks when it opens a
    # message after a blank line twice or more; once, unplaced() names the line
    odd = [(i, hit[0]) for i, line in enumerate(lines)
           if i != first and _after_blank(lines, i) and (hit := odd_chat_line(line))]
    seen = {name: sum(n == name for _, n in odd) for _, name in odd}
    out += [_Header(i, name, i, None, chat=True) for i, name in odd if seen[name] >= 2]
    return sorted(out, key=lambda h: h.line)


CHAT_SPACED = 0.6


def _after_blank(lines: list[str], i: int) -> bool:
    """Line ``i`` opens the page or follows a blank line."""
    return i == 0 or not lines[i - 1].strip()


def _row_links(body: list[str]) -> frozenset[str]:
    """The links of the last old-Reddit links row in a comment's lines (none: top-level)."""
    rows = [r for r in map(links_row, body) if r is not None]
    return rows[-1] if rows else frozenset()


def _one_line_headers(parse: Callable[[str], tuple | None]) -> Callable[[list[str]], list[_Header]]:
    """A finder for headers that stand on one line: ``parse(line)`` gives ``(author, time)``
    or ``(author, time, links)``, the text starts on the next line."""
    def find(lines: list[str]) -> list[_Header]:
        return [_Header(i, hit[0], i + 1, *hit[1:]) for i, hit in enumerate(map(parse, lines)) if hit]
    return find


def _footer_blocks(lines: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, time)`` of each run of footer lines holding a button word and a time."""
    out, i, n = [], 0, len(lines)
    while i < n:
        if not is_footer_line(lines[i]):
            i += 1
            continue
        j, when, button = i, None, False
        while j < n and (not lines[j].strip() or is_footer_line(lines[j])):
            when = when or footer_time(lines[j])
            button = button or is_noise(lines[j])
            j += 1
        if when and button:
            out.append((i, j, when))
        i = j
    return out


def _footer_headers(lines: list[str]) -> list[_Header]:
    """Comments closed by a footer: the author is the first line after the previous footer
    (for the first comment, the nearest name line above its text)."""
    out: list[_Header] = []
    prev_end = None
    for start, end, when in _footer_blocks(lines):
        if prev_end is None:
            head = next((k for k in range(start - 1, -1, -1) if _name_line(lines[k])
                         and (k == 0 or not lines[k - 1].strip() or is_footer_line(lines[k - 1]))), None)
        else:
            head = _next_text(lines, prev_end)
            head = head if head is not None and head < start and (
                _name_line(lines[head]) or odd_name(lines[head])) else None
        prev_end = end
        if head is not None:  # an author line right above the footer: an empty comment (an image)
            out.append(_Header(head, lines[head].strip(), head + 1, when, end=start))
    return out


def _timed_headers(lines: list[str]) -> list[_Header]:
    out: list[_Header] = []
    for i, line in enumerate(lines):
        if len(line) > 80 or (out and i < out[-1].body):
            continue
        inline = name_with_time(line)
        if inline:
            out.append(_Header(i, inline[0], i + 1, inline[1]))
            continue
        header = _with_time(lines, _Header(i, line.strip(), i + 1, None))
        if header.time and _name_line(line):
            out.append(_name_above_place(lines, header))
        elif header.time and odd_name(line) and not is_separator(line):
            out.append(replace(header, odd=True))    # "___" / "3 hours ago": kept if others confirm
    return out if any(not h.odd for h in out) or len(out) >= 2 else []


def _name_above_place(lines: list[str], h: _Header) -> _Header:
    """``Karen L.`` / ``Denver, CO`` / ``March 3, 2024`` (NYT): when the line right above the
    header line is a name too and starts the block, that is the author and the header line
    is a place (kept in ``meta["place"]``)."""
    k = h.line - 1
    if k < 0 or not _name_line(lines[k]) or (k > 0 and lines[k - 1].strip() and not is_noise(lines[k - 1])):
        return h
    return _Header(k, lines[k].strip(), h.body, h.time, place=h.author)


def _name_line(line: str) -> bool:
    return (looks_like_name(line) or two_names(line.strip())) and not is_separator(line)


def _with_time(lines: list[str], h: _Header) -> _Header:
    """Consume a time line (and lone '•' separators) right after a header."""
    if h.time:
        return h
    j = h.body
    for _ in range(3):
        while j < len(lines) and j - h.body < 3 and not lines[j].strip():
            j += 1
        if j >= len(lines):
            break
        if is_separator(lines[j]):
            j += 1
            continue
        when = is_time(lines[j])
        return _Header(h.line, h.author, j + 1, when) if when else h
    return h


# Forum software pages. vBulletin's post bar: "Old 04-14-2007, 10:02 AM   #3", the author on the
# next line, then a member block (a user title, "Join Date: Dec 2003", "Location: ...", "Posts:
# 5,123") and a post-icon line ("Default", with the post's title if it has one); the post ends at
# "Reply With Quote" or its signature (a "__________________" line). phpBB: "Post by ann » Mon
# May 08, 2004 10:14 am" (the "Re: title" line above belongs to it), ending at "Top".
_VB_WHEN = r"(?P<when>(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|today|yesterday),?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)"
_VB_NUMBER = r"\s*#\s?\d{1,6}\s*"
_VB_BAR = re.compile(rf"\s*(?:old\s+)?{_VB_WHEN}\s+{_VB_NUMBER}", re.IGNORECASE)   # date and "#3" on one line
_VB_DATE = re.compile(rf"\s*old\s+{_VB_WHEN}\s*", re.IGNORECASE)                # "#3" on the next line
_MEMBER = re.compile(r"\s*(?:join(?:ed)? date|joined|location|posts|age|gender|religion|political (?:leaning|party)"
                     r"|member ?#|thanks|thanked|reputation|rep power|blog entries|mentioned|tagged|quoted"
                     r"|awards?|country|status|occupation|interests)\s*:.{0,80}", re.IGNORECASE)
_PHPBB_BY = re.compile(r"\s*(?:post\s+)?by\s+(?P<a>[^»\n]{1,40}?)\s*»\s*(?P<when>[^\n]*\d[^\n]*)\s*", re.IGNORECASE)
_POST_END = re.compile(r"\s*(?:reply\s+with\s+quote|quote\s*$|multi-?quote|top|_{5,}|report\s+post)\s*", re.IGNORECASE)


def _forum_headers(lines: list[str]) -> list[_Header]:
    """vBulletin post bars and phpBB "Post by" lines (see above); two posts or more."""
    out = []
    for i, line in enumerate(lines):
        if len(line) > 120:
            continue
        m = _VB_BAR.fullmatch(line)
        two = None if m else _VB_DATE.fullmatch(line)   # the date, then "#3" on a line of its own
        if two and (n := _next_text(lines, i + 1)) is not None and n - i <= 2 and re.fullmatch(_VB_NUMBER, lines[n]):
            m, i_name = two, n
        else:
            i_name = i
        if m:
            j = _next_text(lines, i_name + 1)
            if j is None or j - i_name > 3 or not (looks_like_name(lines[j]) or odd_name(lines[j])):
                continue
            out.append(_Header(i, lines[j].strip(), _member_block_end(lines, j + 1), m.group("when")))
        elif m := _PHPBB_BY.fullmatch(line):
            start = i - 1 if i and lines[i - 1].strip().lower().startswith("re:") else i
            out.append(_Header(start, m.group("a").strip(), i + 1, m.group("when").strip()))
    out = [replace(h, end=_post_end(lines, h, nxt)) for h, nxt in
           zip(out, [h.line for h in out[1:]] + [len(lines)], strict=False)]
    return out if len(out) >= 2 else []


def _member_block_end(lines: list[str], k: int) -> int:
    """The first line of a vBulletin post's text, from the line under the author: past a user title
    ("Senior Member", when member lines or the post icon follow it), the member block's lines and
    the post-icon line ("Default", with the post's title); the block is contiguous, so a post line
    such as "Age: 45 and counting" further down stays text."""
    def icon(x: int) -> bool:
        return x < len(lines) and bool(re.match(r"\s*default\b", lines[x], re.IGNORECASE))

    def member(x: int) -> bool:
        return x < len(lines) and bool(_MEMBER.fullmatch(lines[x]))
    if k < len(lines) and lines[k].strip() and len(lines[k].split()) <= 5 and not member(k) and not icon(k) \
            and (member(k + 1) or icon(k + 1)):
        k += 1                                   # the user title
    start = k
    while k < len(lines) and k - start < 12 and (member(k) or (not lines[k].strip() and member(k + 1))):
        k += 1
    return k + 1 if icon(k) else k


def _post_end(lines: list[str], h: _Header, stop: int) -> int:
    """Where a forum post's text ends: its "Reply With Quote" / "Top" / signature line, else the
    next post."""
    return next((k for k in range(h.body, stop) if _POST_END.fullmatch(lines[k])), stop)


_FINDERS: tuple[tuple[str, Callable[[list[str]], list[_Header]]], ...] = (
    ("bullet", _bullet_headers), ("says", _says_headers), ("timed", _timed_headers), ("hn", _one_line_headers(hn_header)),
    ("oldreddit", _one_line_headers(old_reddit_header)), ("footer", _footer_headers),
    ("forum", _forum_headers), ("chat", _chat_headers))


def _page_links(headers: list[_Header], style: str) -> list[tuple[str, str, ParentLink, str | None]]:
    """``(author, parent id, link, replied-to name)`` per header: what the page still shows
    of who answers whom (see the module docstring), else the article with :data:`LOST`.
    Only author-and-time headers (Disqus) are read for a replied-to name."""
    out: list[tuple[str, str, ParentLink, str | None]] = []
    latest: dict[str, str] = {}      # author -> id of their latest comment so far
    top: str | None = None           # latest top-level comment (Hacker News)
    shows_root = any(h.links and "root" in h.links for h in headers)
    names: set[str] = set()
    split = []
    for h in headers:
        split.append(split_reply_to(h.author, names) if style == "timed" else (h.author, None))
        names.add(split[-1][0])
    names_replies = any(to for _, to in split)   # the page shows whom replies answer
    for k, (h, (author, to)) in enumerate(zip(headers, split, strict=True), 1):
        cid = f"c{k}"
        parent, link = "root", LOST
        if h.links is not None:
            if "parent" not in h.links:
                link, top = ParentLink("explicit", 1.0, "the page shows it as a top-level comment"), cid
            elif "root" not in h.links and shows_root and top is not None:
                parent = top
                link = ParentLink("explicit", 0.95, "a first-level reply (no 'root' link): answers the "
                                  "latest top-level comment above it")
        elif to is not None and to in latest:
            parent = latest[to]
            link = ParentLink("explicit", 0.95, f"the page shows it replies to {to} (their latest "
                              "comment above it)")
        elif to is None and names_replies and k > 1:
            link = ParentLink("explicit", 0.9, "the page names whom replies answer and names no one "
                              "here: a top-level comment")
        out.append((author, parent, link, to))
        latest[author] = cid
    return out


def _comment(h: _Header, lines: list[str], end: int, k: int,
             page: tuple[str, str, ParentLink, str | None]) -> Raw:
    author, parent, link, to = page
    meta: dict[str, object] = {"line": h.line + 1}
    if h.time:
        meta["time"] = h.time
    if to:
        meta["reply_to"] = to
    if h.place:
        meta["place"] = h.place
    if h.links and "parent" in h.links and link.source == "inferred":
        meta["page_reply"] = True  # a reply whose parent the page does not say: never the article
    body = lines[h.body:end]
    if h.chat:  # "Alice: text": drop the speaker from the first line
        body = [lines[h.line].split(":", 1)[1].strip(), *lines[h.line + 1:end]]
    return Raw(id=f"c{k}", parent=parent, author=author, text=_clean(body),
               where=f"line {h.line + 1}", meta=meta, link=link)


def _clean(body: list[str]) -> str:
    """Comment text without button noise, dedented, blank lines trimmed."""
    drop = [is_noise(ln) or is_page_meta(ln) or (bool(ln.strip()) and is_separator(ln)) for ln in body]
    for i, line in enumerate(body):  # a counter next to buttons is a button too ("12" / "Reply")
        if is_number(line) and (_near_drop(body, drop, i, -1) or _near_drop(body, drop, i, 1)):
            drop[i] = True
    kept = "\n".join(ln.rstrip() for ln, gone in zip(body, drop, strict=True) if not gone)
    return _BLANKS.sub("\n\n", textwrap.dedent(kept)).strip()


def _near_drop(body: list[str], drop: list[bool], i: int, step: int) -> bool:
    """Whether the nearest non-blank line before (step -1) or after (+1) line i is dropped."""
    j = i + step
    while 0 <= j < len(body) and not body[j].strip():
        j += step
    return 0 <= j < len(body) and drop[j]


def _article(lines: list[str]) -> tuple[str, str]:
    """``(title, article text)``: the first non-blank line is the title."""
    text = _clean(lines)
    title, _, rest = text.partition("\n")
    title = _SITE_TAG.sub("", title.strip())  # "... (self.urbanplanning)", "... (example.org)"
    return title.strip(), _BLANKS.sub("\n\n", rest).strip()


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return slug or "page"
