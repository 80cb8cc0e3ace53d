"""Bytes to text: size limit first, then encodings in a fixed order, then a binary check.

Order tried: a byte-order mark (UTF-32, UTF-16, UTF-8); UTF-16 without a mark when every
other byte is NUL; strict UTF-8; then UTF-8 with bad bytes replaced (a damaged UTF-8 file)
or Windows-1252 (a legacy file with no UTF-8 in it). Guesses are reported in the thread's
warnings, naming the byte offsets. Other NUL bytes mean binary data.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import fields, replace
from typing import Any

from ..errors import ThreadFormatError
from ..model import Thread
from ..settings import Settings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters a text file does not contain (tab, newline, CR, form feed are fine).
_CONTROL = frozenset(chr(i) for i in range(32)) - {"\t", "\n", "\r", "\f", "\v"} | {"\x7f"}
_MAX_CONTROL_SHARE = 0.02
_MB = 1024 * 1024  # the README's "200 MB" is 200 x 1,048,576 bytes


def check_size(n_bytes: int, settings: Settings, source: str) -> None:
    """Raise if ``n_bytes`` is over ``settings.max_bytes`` (call before reading or decoding)."""
    if n_bytes > settings.max_bytes:
        raise ThreadFormatError(
            f"file is {n_bytes / _MB:,.1f} MB ({n_bytes:,} bytes); the limit is "
            f"{settings.max_bytes / _MB:,.0f} MB ({settings.max_bytes:,} bytes, Settings.max_bytes)",
            source=source)


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode bytes to text.

    Returns:
        ``(text, warnings)``; a warning says when the encoding was a guess.

    Raises:
        ThreadFormatError: a BOM that lies, or binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise ThreadFormatError(
                    f"starts with a {encoding} byte-order mark but byte {exc.start} is not "
                    f"valid {encoding}", source=source) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        return _utf16_without_bom(data, nul, source)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data, source)


def _mostly_utf8(data: bytes, source: str) -> tuple[str, list[str]]:
    """Text that is not valid UTF-8: UTF-8 with each bad sequence replaced by U+FFFD when the
    file holds more good UTF-8 characters than bad sequences (a damaged UTF-8 file: decoding
    all of it as Windows-1252 would turn every bullet into 'â€¢'); else Windows-1252 (a
    legacy file: 'caf\xe9'). Either way the warning names the first bad byte offsets."""
    offsets = _bad_offsets(data, limit=3)
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    where = ", ".join(str(o) for o in offsets) + (f" and {n_bad - len(offsets)} more" if n_bad > len(offsets) else "")
    if non_ascii - n_bad >= n_bad:
        return text, [f"{source}: not valid UTF-8 at byte {where}; decoded as UTF-8 with "
                      "each bad byte sequence shown as \ufffd"]
    return data.decode("cp1252", errors="replace"), [
        f"{source}: not UTF-8 (bad byte at {where}) and no other UTF-8 characters; "
        "decoded as Windows-1252"]


def _bad_offsets(data: bytes, limit: int) -> list[int]:
    """Byte offsets of the first ``limit`` sequences that are not UTF-8."""
    out, pos = [], 0
    while len(out) < limit:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            out.append(pos + exc.start)
            pos += exc.end
    return out


def _utf16_without_bom(data: bytes, nul: int, source: str) -> tuple[str, list[str]]:
    """Text with NUL bytes is UTF-16 without a BOM (NULs in every other byte), or binary."""
    half = len(data) // 2
    for encoding, zeros, others in (("utf-16-le", data[1::2], data[0::2]),
                                    ("utf-16-be", data[0::2], data[1::2])):
        if len(data) % 2 == 0 and zeros.count(0) > 0.6 * half and others.count(0) == 0:
            try:
                return data.decode(encoding), [f"{source}: no byte-order mark; decoded as {encoding.upper()}"]
            except UnicodeDecodeError:
                break
    raise ThreadFormatError(f"binary data, not text (NUL byte at offset {nul})", source=source)


def check_text(text: str, settings: Settings, source: str) -> str:
    """Reject empty, oversized or binary-looking text; normalise line ends to ``\\n``."""
    if len(text) > settings.max_bytes:
        raise ThreadFormatError(
            f"text is {len(text):,} characters; the limit is {settings.max_bytes:,} "
            "(Settings.max_bytes)", source=source)
    if not text.strip():
        raise ThreadFormatError("file is empty", source=source)
    sample = text[:65536]
    control = sum(1 for ch in sample if ch in _CONTROL)
    if control > max(2, _MAX_CONTROL_SHARE * len(sample)):
        raise ThreadFormatError(
            f"binary data, not text ({control} control characters in the first "
            f"{len(sample):,})", source=source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A lone UTF-16 surrogate ("\ud83d" in JSON: half of an emoji) is no character: spaCy and
# every UTF-8 writer refuse it. A JSON escape or a str passed in directly can carry one.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def may_hold_surrogates(text: str) -> bool:
    """Whether ``text`` (the input) could give strings with lone surrogates (linear check)."""
    return bool(_SURROGATE_ESCAPE.search(text) or _SURROGATE.search(text))


def mend_surrogates(thread: Thread) -> tuple[Thread, list[str]]:
    """Lone surrogates in the thread's strings replaced by U+FFFD (same length, so offsets
    hold), with one warning per comment naming it."""
    warnings: list[str] = []
    comments = []
    for c in thread.comments:
        changes = {f.name: _mend(getattr(c, f.name)) for f in fields(c)
                   if f.name in ("id", "author", "text", "parent_id", "created", "meta")}
        changed = {k: v for k, (v, n) in changes.items() if n}
        if changed:
            n = sum(n for _, n in changes.values())
            warnings.append(f"comment {changed.get('id', c.id)}: {n} lone surrogate escape(s) "
                            f"(half of an emoji, no character) in {', '.join(changed)} replaced by U+FFFD")
            c = replace(c, **changed)
        comments.append(c)
    (title, n_title), (tid, n_id) = _mend(thread.title), _mend(thread.id)
    if n_title or n_id:
        warnings.append(f"{n_title + n_id} lone surrogate escape(s) in the thread's title or id "
                        "replaced by U+FFFD")
    return replace(thread, id=tid, title=title, comments=tuple(comments)), warnings


def _mend(value: Any) -> tuple[Any, int]:
    """``value`` with lone surrogates replaced in every string inside it, and how many."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list | tuple):
        pairs = [_mend(v) for v in value]
        return type(value)(v for v, _ in pairs), sum(n for _, n in pairs)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            (k2, a), (v2, b) = _mend(k), _mend(v)
            out[k2] = v2
            total += a + b
        return out, total
    return value, 0
