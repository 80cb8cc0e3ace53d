"""Generic CSV with a header row: ``id, parent_id, author, text, created`` (the same loose
field names as generic JSON; comma, semicolon or tab separated).

A ``text`` column (or ``body``, ``message``, ``content``, ``comment``) is required; without
an ``id`` column rows are called ``row-N`` (N the line number) and all reply to the root.

Example:
    >>> t = parse('id,parent_id,author,text\\n1,,op,Article\\n2,1,ann,"Yes, but no."\\n')
    >>> [(c.id, c.parent_id, c.text) for c in t.comments]
    [('1', None, 'Article'), ('2', '1', 'Yes, but no.')]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..errors import ThreadFormatError
from ..model import Thread
from ..settings import DEFAULT, Settings
from ._json import Where
from .generic_json import FIELDS, build_flat

NAME = "generic-csv"
DESCRIPTION = "CSV with a header: id, parent_id, author, text, created"

_DELIMITERS = (",", ";", "\t")


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse a CSV of comments into a Thread (see the module docstring)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=header.count)
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_bytes))
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in next(reader, [])]
        _check_header(columns, source)
        items = list(_rows(reader, columns, source))
    except csv.Error as exc:
        raise ThreadFormatError(f"not valid CSV: {exc}", source=source,
                                line=reader.line_num) from None
    thread = build_flat(NAME, items, source, settings)
    if text.count('"') % 2 and items:  # quotes come in pairs: the last quoted field never closed
        line = items[-1][0].line
        thread = replace(thread, warnings=thread.warnings + (
            f"{source}, line {line}: a quoted field is never closed (the file may be truncated); "
            "the last comment may be cut short or hold several rows",))
    return thread


def _check_header(columns: list[str], source: str) -> None:
    if not any(c in FIELDS["text"] for c in columns):
        raise ThreadFormatError(
            f"the header names no text column (expected one of {', '.join(FIELDS['text'])}); "
            f"found {', '.join(columns[:8]) or 'nothing'}", source=source, line=1)


def _rows(reader: Any, columns: list[str], source: str) -> Iterator[tuple[Where, dict[str, str]]]:
    has_id = any(c in FIELDS["id"] for c in columns)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        where = Where(source, reader.line_num)
        if len(row) > len(columns):
            raise where.error(f"{len(row)} cells but the header has {len(columns)} columns")
        record = {c: v for c, v in zip(columns, row, strict=False) if c}
        if not has_id:
            record["id"] = f"row-{reader.line_num}"
        yield where, record
