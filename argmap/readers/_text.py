"""Text helpers shared by readers: HTML to plain text, Reddit ``>`` quotes, timestamps."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset("p div blockquote pre ul ol table tr h1 h2 h3 h4 h5 h6".split())
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")
_TAG = re.compile(r"<[^>]*>")
# A "<" that does not open a whole tag (or comment) within 2,000 characters is text. Escaping
# it first keeps html.parser linear: on a stray "<" it scans ahead for the tag's end, and on
# thousands of them ("<a <a <a ...") it took quadratic time (30 s for 20 KB).
_STRAY_LT = re.compile(r"<(?!/?[A-Za-z][^<>]{0,2000}>|!--[^<>]{0,2000}-->)")


class _PlainText(HTMLParser):
    """Collects text; block tags become blank lines, ``<br>`` a newline, links keep their URL."""

    def __init__(self, mark_quotes: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str | None, int]] = []
        self.mark_quotes = mark_quotes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote" and self.mark_quotes:
            self.parts.append("\n\n" + _QUOTE_ON)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a" and not self.links:  # links do not nest: an <a> inside an open one is ignored
            self.links.append((dict(attrs).get("href"), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote" and self.mark_quotes:
            self.parts.append(_QUOTE_OFF + "\n\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:])
            self.parts[start:] = [_link_text(label, href)]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _link_text(label: str, href: str | None) -> str:
    """The link's words, with its URL when the words do not already show it."""
    if not href or not href.startswith(("http://", "https://")):
        return label
    shown = label.strip()
    stem = shown.rstrip(".…")
    if not stem or stem in href:  # no words, or the words are (a cut-off piece of) the URL
        return href
    return label if href in label else f"{label} ({href})"


def html_to_text(html: str, mark_quotes: bool = False) -> str:
    """Plain text of an HTML fragment (HN comments, Disqus messages).

    With ``mark_quotes``, each line inside a ``<blockquote>`` starts with ``> `` so that
    :func:`strip_quote_marks` finds the quoted block (the reader then records it as a
    quote, and the text keeps no marker).

    Example:
        >>> html_to_text("<p>Hi &amp; bye<p>See <a href='https://x.org/a'>this</a>")
        'Hi & bye\\n\\nSee this (https://x.org/a)'
        >>> html_to_text("<blockquote>You said so.</blockquote><p>No.", mark_quotes=True)
        '> You said so.\\n\\nNo.'
    """
    html = html.replace(_QUOTE_ON, "").replace(_QUOTE_OFF, "")
    if "<" not in html and "&" not in html:
        return tidy(html)
    parser = _PlainText(mark_quotes)
    try:
        parser.feed(_STRAY_LT.sub("&lt;", html))
        parser.close()
        text = "".join(parser.parts)
    except (AssertionError, ValueError):  # very malformed markup: drop the tags
        text = _TAG.sub(" ", html)
    text = tidy(text)
    return _mark_quoted_lines(text) if mark_quotes and _QUOTE_ON in text else text


_QUOTE_ON, _QUOTE_OFF = "\ue000", "\ue001"   # private-use sentinels, removed from the input first


def _mark_quoted_lines(text: str) -> str:
    """Prefix every non-blank line between the blockquote sentinels with ``> `` (nesting counts)."""
    out, depth = [], 0
    for line in text.split("\n"):
        opens, closes = line.count(_QUOTE_ON), line.count(_QUOTE_OFF)
        clean = line.replace(_QUOTE_ON, "").replace(_QUOTE_OFF, "").strip()
        after = max(0, depth + opens - closes)
        if clean:
            out.append(f"> {clean}" if depth + opens > 0 else clean)
        else:   # a blank line inside one quote keeps the block whole
            out.append(">" if depth > 0 and after > 0 else "")
        depth = after
    return tidy("\n".join(out))


def tidy(text: str) -> str:
    """Collapse runs of spaces, strip each line, keep at most one blank line in a row."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


_QUOTE_MARK = re.compile(r" {0,3}(?:>(?!!) ?)+")  # '>!' opens a Reddit spoiler, not a quote


def strip_quote_marks(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove Markdown ``>`` quote markers.

    Returns:
        The text without markers, and the ``(start, end)`` span of each quoted block in it
        (blank blocks are not reported).

    Example:
        >>> strip_quote_marks("> you said\\n> this\\n\\nNo.")
        ('you said\\nthis\\n\\nNo.', ((0, 13),))
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, block = 0, None
    for line in text.split("\n"):
        mark = _QUOTE_MARK.match(line)
        if mark and mark.end() > 0:
            line = line[mark.end():]
            block = pos if block is None else block
            block_end = pos + len(line)
        elif block is not None:
            spans.append((block, block_end))
            block = None
        out.append(line)
        pos += len(line) + 1
    if block is not None:
        spans.append((block, block_end))
    stripped = "\n".join(out)
    return stripped, tuple(s for s in (_trim(stripped, a, b) for a, b in spans) if s)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def to_iso(value: object) -> str | None:
    """An ISO-8601 UTC time (``2017-04-18T23:36:43Z``) from epoch seconds (or ms) or an
    ISO string; ``None`` when absent or unreadable (naive times are taken as UTC)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if _NUMBER.fullmatch(s):
        return _from_epoch(float(s))
    try:
        when = datetime.fromisoformat(s)
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return when.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _from_epoch(seconds: float) -> str | None:
    if not math.isfinite(seconds):
        return None
    if abs(seconds) > 1e11:  # milliseconds (JavaScript, ConvoKit exports)
        seconds /= 1000
    try:
        when = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return when.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
