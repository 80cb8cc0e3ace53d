"""Readers: one module per input format, each ``parse(text, *, source) -> Thread``.

:func:`parse_thread` decodes bytes, enforces the documented limits, sniffs the format
(or takes ``fmt``) and turns every failure into one :class:`ThreadFormatError` naming
the file, the line or field, and the problem.

Example:
    >>> t = parse_thread('[{"id": "a", "text": "Post"}, {"id": "b", "parent_id": "a", "text": "Reply"}]')
    >>> t.source_format, [c.parent_id for c in t.comments]
    ('generic-json', [None, 'a'])
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from ..errors import ThreadFormatError
from ..model import Thread
from ..settings import DEFAULT, Settings
from . import convokit, disqus, generic_csv, generic_json, hackernews, pagecopy, reddit_json, reddit_jsonl
from ._decode import check_size, check_text, decode, may_hold_surrogates, mend_surrogates

_MODULES: tuple[ModuleType, ...] = (pagecopy, reddit_json, reddit_jsonl, hackernews, disqus,
                                    generic_json, generic_csv, convokit)
READERS: dict[str, ModuleType] = {m.NAME: m for m in _MODULES}

FORMATS: dict[str, str] = {m.NAME: m.DESCRIPTION for m in _MODULES}
"""Format name -> one-line description (printed by ``argmap formats``)."""

ALIASES = {"page": "page-copy", "text": "page-copy", "txt": "page-copy", "reddit": "reddit-json",
           "hn": "hackernews", "json": "generic-json", "csv": "generic-csv",
           "utterances": "convokit"}

# XML: a declaration, a comment, or a <disqus> element first (a page copy may start with
# "<Opinion>" or "<3"; it stays a page copy).
_XML_START = re.compile(r"<\?xml\b|<!--|<disqus\b|<(?:[\w:.-]+)[^<>]*>\s*<(?:disqus|thread|post|category)\b")
_JSON_START = re.compile(r'\[\s*(?:[\[{"\]tfn-]|\d)|\{\s*["}]')  # not "[Opinion] A title"
_FIELD_NAMES = frozenset(n for names in generic_json.FIELDS.values() for n in names)
_LISTING = re.compile(r'"kind"\s*:\s*"Listing"')
_KEY = re.compile(r'"([A-Za-z_]+)"\s*:')
_HN_TYPE = re.compile(r'"type"\s*:\s*"(?:story|comment|poll|job)"')


def sniff(text: str) -> str:
    """The format name a text most likely is, from its first 64 KB (never raises).

    JSON is told apart by its keys (``Listing``, ``link_id``, ``reply_to`` + ``speaker``,
    HN's ``kids``/``story_id``), XML is Disqus, a delimited header naming a text column is
    CSV, anything else is a page copy.

    Example:
        >>> sniff('{"name": "t1_a", "parent_id": "t3_x", "link_id": "t3_x", "body": "hi"}')
        'reddit-jsonl'
    """
    head = text[:65536].lstrip("\ufeff \t\n")
    if _XML_START.match(head):
        return "disqus"
    if _JSON_START.match(head):
        return _sniff_json(head)
    first = head.split("\n", 1)[0].lower()
    cells = {c.strip().strip('"') for c in re.split(r"[,;\t]", first)}
    if cells & set(generic_json.FIELDS["text"]) and len(cells & _FIELD_NAMES) >= 2:
        return "generic-csv"
    return "page-copy"


def _sniff_json(head: str) -> str:
    keys = set(_KEY.findall(head))
    if _LISTING.search(head):
        return "reddit-json"
    if "reply_to" in keys and keys & {"speaker", "user", "conversation_id"}:
        return "convokit"
    if "link_id" in keys or ("body" in keys and '"t1_' in head):
        return "reddit-jsonl"
    if keys & {"kids", "story_id", "created_at_i"} or ("by" in keys and _HN_TYPE.search(head)):
        return "hackernews"
    if "children" in keys and _HN_TYPE.search(head):
        return "hackernews"
    return "generic-json"


def parse_thread(data: str | bytes, fmt: str = "auto", *, source: str = "<text>",
                 settings: Settings = DEFAULT) -> Thread:
    """Parse a thread from text or bytes.

    Args:
        data: the file's bytes (encoding detected) or its text.
        fmt: a name from :data:`FORMATS` (or an alias such as ``hn``, ``csv``); ``auto`` sniffs.
        source: the file name, used in error messages.
        settings: the limits ``max_bytes``, ``max_comments``, ``max_depth``.

    Raises:
        ThreadFormatError: for anything that is not a readable thread (the only exception).
    """
    text, warnings = _decoded_text(data, source, settings)
    name = _format(fmt, text, source)
    try:
        thread = READERS[name].parse(text, source=source, settings=settings)
    except ThreadFormatError as exc:
        how = "sniffed; --format chooses another" if fmt == "auto" else "as asked"
        raise ThreadFormatError(f"{exc.problem} (read as {name}, {how})", source=exc.source,
                                line=exc.line, field=exc.field) from None
    except RecursionError:
        raise ThreadFormatError("input nested too deeply to read", source=source) from None
    except Exception as exc:  # a reader bug must still reach the user as one clear line
        raise ThreadFormatError(f"the {name} reader failed ({type(exc).__name__}: {exc}); "
                                "please report this as a bug", source=source) from exc
    if may_hold_surrogates(text):
        thread, mended = mend_surrogates(thread)
        warnings += mended
    return replace(thread, warnings=tuple(warnings) + thread.warnings,
                   meta={**thread.meta, "source": Path(source).name})


def _decoded_text(data: object, source: str, settings: Settings) -> tuple[str, list[str]]:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        check_size(len(raw), settings, source)
        text, warnings = decode(raw, source)
    elif isinstance(data, str):
        text, warnings = data, []
    else:
        raise ThreadFormatError(f"expected text or bytes, got {type(data).__name__}", source=source)
    return check_text(text, settings, source), warnings


def _format(fmt: str, text: str, source: str) -> str:
    if fmt == "auto":
        return sniff(text)
    name = ALIASES.get(fmt, fmt)
    if name not in READERS:
        raise ThreadFormatError(f"unknown format {fmt!r}; known: {', '.join(READERS)}",
                                source=source, field="format")
    return name


def read_thread(path: str | Path, fmt: str = "auto", *, settings: Settings = DEFAULT) -> Thread:
    """Read a thread from a file, naming the file in any error (size checked before reading)."""
    p = Path(path)
    try:
        check_size(p.stat().st_size, settings, str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise ThreadFormatError(f"cannot read file ({exc.strerror or exc})", source=str(p)) from None
    return parse_thread(data, fmt, source=str(p), settings=settings)


__all__ = ["ALIASES", "FORMATS", "READERS", "parse_thread", "read_thread", "sniff"]
