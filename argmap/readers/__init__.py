"""Readers: one module per input format, each ``parse(text, *, source) -> Thread``.

:func:`parse_thread` sniffs the format (or takes ``fmt``), decodes bytes, enforces
the documented limits and turns every failure into one :class:`ThreadFormatError`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ThreadFormatError
from ..model import Thread
from ..settings import DEFAULT, Settings

# name -> (module name, one-line description); filled in by the reader modules.
FORMATS: dict[str, str] = {}


def parse_thread(data: str | bytes, fmt: str = "auto", *, source: str = "<text>",
                 settings: Settings = DEFAULT) -> Thread:
    """Parse a thread from text or bytes (format sniffed unless ``fmt`` is given)."""
    raise ThreadFormatError("no readers yet", source=source)


def read_thread(path: str | Path, fmt: str = "auto", *, settings: Settings = DEFAULT) -> Thread:
    """Read a thread from a file, naming the file in any error."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ThreadFormatError(f"cannot read file ({exc.strerror or exc})", source=str(p)) from None
    return parse_thread(data, fmt, source=str(p), settings=settings)
