"""Bytes to text: size limit first, then encodings in a fixed order, then a binary check.

Order tried: a byte-order mark (UTF-32, UTF-16, UTF-8); UTF-16 without a mark when every
other byte is NUL; strict UTF-8; then Windows-1252. Guesses are reported in the thread's
warnings. Other NUL bytes mean binary data.
"""

from __future__ import annotations

import codecs

from ..errors import ThreadFormatError
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


def check_size(n_bytes: int, settings: Settings, source: str) -> None:
    """Raise if ``n_bytes`` is over ``settings.max_bytes`` (call before reading or decoding)."""
    if n_bytes > settings.max_bytes:
        raise ThreadFormatError(
            f"file is {n_bytes / 1e6:.1f} MB; the limit is {settings.max_bytes / 1e6:.1f} MB "
            "(Settings.max_bytes)", source=source)


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
    except UnicodeDecodeError as exc:
        bad = exc.start
    text = data.decode("cp1252", errors="replace")
    return text, [f"{source}: not UTF-8 (byte {bad}); decoded as Windows-1252"]


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
