"""Untrusted thread text made safe to display: graph labels, markdown, links.

Comment text, author names and URLs come from strangers. Nothing here trusts them:

- :func:`clean` drops control characters and bidirectional overrides (which can
  make a label read backwards) and breaks very long unbroken runs so they wrap;
- :func:`escape_label` also neutralises ``<``, ``>`` and ``&`` so no markup can
  form in a graph component, and shortens the text;
- :func:`escape_markdown` backslash-escapes every character Markdown (and
  Streamlit's ``:color[...]`` directives, ``$`` maths, ``:emoji:`` codes) reads;
- :func:`safe_url` returns a link only when it is plain ``http(s)``; ``javascript:``,
  ``data:``, ``file:`` and the rest are never made clickable.

Example:
    >>> escape_label("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> safe_url("javascript:alert(1)") is None
    True
    >>> escape_markdown("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

# Bidirectional embeddings/overrides/isolates and other invisible format marks.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'@])")
ZWSP = "\u200b"


def _strip_controls(text: str) -> str:
    """Remove control characters except newline and tab; drop bidi marks."""
    text = text.translate(_BIDI)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def break_long_runs(text: str, width: int = 40) -> str:
    """Insert zero-width spaces into unbroken runs longer than ``width`` so they wrap."""
    pattern = re.compile(r"\S{" + str(width + 1) + ",}")

    def split(m: re.Match[str]) -> str:
        run = m.group(0)
        return ZWSP.join(run[i:i + width] for i in range(0, len(run), width))

    return pattern.sub(split, text)


def clean(text: str | None, *, width: int = 40) -> str:
    """Text without control characters or bidi overrides, long runs broken to wrap."""
    return break_long_runs(_strip_controls(text or ""), width)


def shorten(text: str, limit: int) -> str:
    """One line, at most ``limit`` characters, an ellipsis when cut.

    The cut falls at a word boundary when one lies in the last 40% of the kept text
    ("the ongoing agit prop message is that…", not "...that Ameri…"), with a trailing
    ``,;:`` dropped; otherwise mid-word (one long word, a URL).
    """
    one = " ".join(text.split())
    if len(one) <= limit:
        return one
    cut = one[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space >= 0.6 * len(cut) and not one[len(cut)].isspace():
        cut = cut[:space]
    return cut.rstrip().rstrip(",;:").rstrip() + "…"


def escape_label(text: str | None, limit: int = 80) -> str:
    """A short, single-line label with no markup: safe for any graph component.

    ``<``, ``>`` and ``&`` become entities, so even a component that linkifies
    ``<a href>`` or uses ``innerHTML`` sees plain text.
    """
    return html.escape(shorten(clean(text, width=30), limit), quote=False)


def escape_markdown(text: str | None, *, width: int = 60) -> str:
    """Text that Streamlit's Markdown shows literally (line breaks kept).

    Every Markdown, HTML, LaTeX (``$``) and directive (``:red[...]``) character is
    backslash-escaped, so a comment can neither format, link nor colour itself.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", clean(text, width=width))
    paragraphs = re.split(r"\n\s*\n", escaped)
    joined = ("  \n".join(ln.strip() for ln in p.splitlines() if ln.strip()) for p in paragraphs)
    return "\n\n".join(p for p in joined if p) or "\\(empty\\)"


def escape_inline(text: str | None, *, width: int = 60, one_line: bool = False) -> str:
    """Like :func:`escape_markdown` but keeps leading and trailing spaces, for pieces joined inline.

    Runs of spaces collapse to one (so no piece can start an indented code block);
    with ``one_line`` newlines become spaces (for a ``:color[...]`` label).
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", clean(text, width=width))
    escaped = re.sub(r"[ \t]+", " ", escaped)
    if one_line:
        return re.sub(r"\s*\n\s*", " ", escaped)
    escaped = re.sub(r" *\n *", "\n", escaped)
    return re.sub(r"\n{2,}", "\n\n", escaped).replace("\n\n", "\0").replace("\n", "  \n").replace("\0", "\n\n")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a well-formed ``http``/``https`` link, else ``None``.

    Example:
        >>> safe_url("https://example.org/a?b=1")
        'https://example.org/a?b=1'
        >>> [safe_url(u) for u in ("data:text/html,x", "//evil", "http://")]
        [None, None, None]
    """
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


_URL_UNSAFE_IN_MARKDOWN = {ord(ch): f"%{ord(ch):02X}" for ch in "()[]<>\\\"'` "}


def markdown_url(url: str | None) -> str | None:
    """A :func:`safe_url` with the characters that could end or nest a Markdown link percent-encoded.

    Example:
        >>> markdown_url("https://a.org/x)[y](javascript:alert(1)")
        'https://a.org/x%29%5By%5D%28javascript:alert%281%29'
    """
    url = safe_url(url)
    return url.translate(_URL_UNSAFE_IN_MARKDOWN) if url else None
