"""Where something is: :class:`Location` (file, 1-based line span, the record's key).

A value only (no I/O, no imports from the rest of citekit), so that problems, records and
errors can all carry one; ``str(location)`` is the form messages print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["Location"]

# ``file:12``, ``file:12-14``, ``file:12:3`` (anything else is kept whole as the file)
_LOCATION_RE = re.compile(r"^(?P<file>.*?):(?P<start>\d+)(?:-(?P<end>\d+))?(?::(?P<col>\d+))?$")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file and 1-based inclusive line span, and the record it concerns.

    ``str(location)`` is the form messages print (``refs/a.yaml:30``, ``seeds/a.txt:12-14``,
    the record key when nothing else is known); code reads the fields, never that text.
    """

    file: str = ""
    start_line: int | None = None
    end_line: int | None = None
    #: citation key of the record this place belongs to, when there is one
    key: str | None = None
    #: 1-based column, when the reader knows it
    column: int | None = None
    #: a place a line number cannot give (``body paragraph 4`` of a .docx)
    detail: str | None = None

    def __str__(self) -> str:
        if not self.file:
            return self.key or self.detail or ""
        out = self.file
        if self.start_line is not None:
            out += f":{self.start_line}"
            if self.end_line is not None and self.end_line != self.start_line:
                out += f"-{self.end_line}"
            if self.column is not None:
                out += f":{self.column}"
        return f"{out}: {self.detail}" if self.detail else out

    @property
    def lines(self) -> range:
        """The line numbers covered (empty when no line is known)."""
        if self.start_line is None:
            return range(0)
        return range(self.start_line, (self.end_line or self.start_line) + 1)

    def with_key(self, key: str | None) -> Location:
        """The same place, belonging to the record ``key``."""
        return replace(self, key=key)

    @classmethod
    def parse(cls, text: str, *, key: str | None = None) -> Location:
        """Read a location written as text (``refs/a.yaml:30``, ``a.txt:98-112``, ``a.yaml:3:5``).

        The one reader of location strings, for values that arrive as text (an ``origin``
        set by a reader, a ``where`` given by older code). Lossless: ``str(parse(t)) == t``.
        """
        m = _LOCATION_RE.match(text)
        if m is None:
            return cls(file=text, key=key)
        start = int(m["start"])
        end = int(m["end"]) if m["end"] else start
        col = int(m["col"]) if m["col"] else None
        if end < start or (m["end"] and end == start) or m["start"].startswith("0"):
            return cls(file=text, key=key)  # not a form str() would write: keep the text
        return cls(m["file"], start, end, key, col)
