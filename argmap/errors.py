"""The exceptions argmap raises. Each message is one line naming the file, line or
field and the problem, so the CLI and the app can show it as it is."""

from __future__ import annotations


class ArgmapError(Exception):
    """Base class for every error argmap raises on purpose."""


class ThreadFormatError(ArgmapError, ValueError):
    """Input that is not a thread argmap can read.

    Args:
        problem: what is wrong, in a few words.
        source: the file name (or ``"<text>"`` for pasted input).
        line: 1-based line number, when known.
        field: the JSON/XML/CSV field concerned, when known.

    Example:
        >>> str(ThreadFormatError("not valid JSON", source="a.json", line=3))
        'a.json, line 3: not valid JSON'
    """

    def __init__(self, problem: str, *, source: str = "<text>", line: int | None = None,
                 field: str | None = None) -> None:
        self.problem = problem
        self.source = source
        self.line = line
        self.field = field
        where = source
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {' '.join(problem.split())}")

    def with_source(self, source: str) -> ThreadFormatError:
        """The same error naming another source (a reader does not know the file name)."""
        return ThreadFormatError(self.problem, source=source, line=self.line, field=self.field)


class ModelUnavailableError(ArgmapError, RuntimeError):
    """A model package is not installed; the message says which one to install."""
