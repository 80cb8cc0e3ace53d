"""JSON loading and field access that fail with one clear :class:`ThreadFormatError`.

Python's JSON parser recurses and stops near 1,000 levels. Nested formats need more: a
Reddit reply is five JSON levels below its parent, so ``Settings.max_depth`` (10,000)
replies are about 50,000 levels. A document that hits Python's limit is measured (one
linear scan) and, when within :data:`MAX_NESTING`, parsed again in a thread with a large
stack and a raised recursion limit; deeper ones are refused in one line.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ThreadFormatError
from ..settings import DEFAULT

#: The deepest JSON nesting read: six levels per reply level of ``Settings.max_depth``.
MAX_NESTING = 6 * DEFAULT.max_depth + 100
_STACK_BYTES = 512 * 1024 * 1024  # address space reserved for the deep parse; used as touched
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_PATH_MAX = 240


@dataclass(frozen=True)
class Where:
    """A place in the input, for error messages: a 1-based line and/or a JSON path."""

    source: str
    line: int | None = None
    path: str = ""

    def at(self, key: str | int) -> Where:
        step = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.path else key)
        path = self.path + step
        if len(path) > _PATH_MAX:  # deep in a 10,000-level tree: keep the ends (linear, readable)
            path = path[:80] + "…" + path[-(_PATH_MAX - 81):]
        return Where(self.source, self.line, path)

    def label(self) -> str:
        return " ".join(p for p in (f"line {self.line}" if self.line else "", self.path) if p)

    def error(self, problem: str, key: str | None = None) -> ThreadFormatError:
        path = self.at(key).path if key else self.path
        return ThreadFormatError(problem, source=self.source, line=self.line, field=path or None)


def json_type(value: Any) -> str:
    """The JSON name of a Python value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "object", list: "array", str: "string"}.get(type(value), "number")


def loads(text: str, where: Where) -> Any:
    """``json.loads`` with a one-line error naming the line and column."""
    try:
        try:
            return json.loads(text)
        except RecursionError:
            return _loads_deep(text, where)
    except ThreadFormatError:
        raise
    except json.JSONDecodeError as exc:
        line = exc.lineno + (where.line or 1) - 1
        raise ThreadFormatError(f"not valid JSON: {exc.msg} (column {exc.colno})",
                                source=where.source, line=line) from None
    except RecursionError:
        raise where.error(f"JSON nested too deeply (argmap reads up to {MAX_NESTING:,} levels)") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise where.error(f"not valid JSON: {exc}") from None


def nesting(text: str) -> int:
    """The deepest bracket nesting of JSON text (strings skipped), in one linear scan."""
    depth = deepest = 0
    for m in _TOKEN.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _loads_deep(text: str, where: Where) -> Any:
    """``json.loads`` of a document deeper than Python's recursion limit allows (see the
    module docstring); raises RecursionError past :data:`MAX_NESTING`."""
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise where.error(f"JSON nested {depth:,} levels deep; argmap reads up to {MAX_NESTING:,} "
                          f"({DEFAULT.max_depth:,} reply levels, Settings.max_depth)")
    out: dict[str, Any] = {}

    def work() -> None:
        try:
            out["value"] = json.loads(text)
        except BaseException as exc:  # handed to the caller's thread
            out["error"] = exc

    old_limit, old_stack = sys.getrecursionlimit(), threading.stack_size(_STACK_BYTES)
    sys.setrecursionlimit(max(old_limit, depth + 1_000))
    try:
        worker = threading.Thread(target=work, name="argmap-deep-json")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if "error" in out:
        raise out["error"]
    return out["value"]


def loads_document_or_lines(text: str, source: str) -> tuple[Any, bool]:
    """One JSON document, or JSON Lines when the text is several values, one per line.

    Returns:
        ``(value, is_lines)``; for JSON Lines ``value`` is a list of ``(line, value)``.
    """
    try:
        return json.loads(text), False
    except json.JSONDecodeError as exc:
        if not exc.msg.startswith("Extra data"):
            return loads(text, Where(source)), False  # raises the clear message
    except (RecursionError, ValueError):
        return loads(text, Where(source)), False  # a deep document, or the clear message
    return list(iter_lines(text, source)), True


def located_records(data: Any, is_lines: bool, source: str) -> list[tuple[Where, Any]] | None:
    """``(where, value)`` per record of JSON Lines or a JSON list, as
    :func:`loads_document_or_lines` returned them; ``None`` for a single document."""
    if is_lines:
        return [(Where(source, n), v) for n, v in data]
    if isinstance(data, list):
        return [(Where(source).at(i), v) for i, v in enumerate(data)]
    return None


def iter_lines(text: str, source: str) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line of JSON Lines text."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, loads(line, Where(source, number))


def obj(value: Any, where: Where) -> dict[str, Any]:
    """``value`` if it is a JSON object, else a clear error."""
    if not isinstance(value, dict):
        raise where.error(f"expected a JSON object, found {json_type(value)}")
    return value


def first_key(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` present in ``record``."""
    return next((n for n in names if n in record), None)


def text_field(record: dict[str, Any], names: tuple[str, ...], where: Where) -> str:
    """The first present field of ``names`` as text ("" when absent or null)."""
    key = first_key(record, names)
    value = record.get(key) if key else None
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise where.error(f"expected text, found {json_type(value)}", key)


def id_field(record: dict[str, Any], names: tuple[str, ...], where: Where) -> str | None:
    """The first present field of ``names`` as an id string (``None`` when absent or empty)."""
    key = first_key(record, names)
    value = record.get(key) if key else None
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise where.error(f"expected an id (text or whole number), found {json_type(value)}", key)


def list_field(record: dict[str, Any], name: str, where: Where) -> list[Any]:
    """A JSON array field ([] when absent or null)."""
    value = record.get(name)
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise where.error(f"expected an array, found {json_type(value)}", name)
    return value
