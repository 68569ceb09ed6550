"""Problems found in input that did not stop the job: warnings and errors with a location.

Stages take a :class:`Problems` collector explicitly (no global state) and the CLI prints it.
Each :class:`Problem` carries a typed :class:`~citekit.model.Location` (file, line span, the
record's key) so code can tell which record a problem is about without reading text back.
The same finding reported twice (two stages checking one record) is kept once.

Codes: ``E1xx`` extraction, ``E2xx`` store (refs/), ``W3xx`` record checks, ``E4xx`` formats
(CSL-JSON, BibTeX), ``E5xx`` rendering, ``E6xx``/``W6xx`` citing in Word reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .location import Location

__all__ = [
    "Problem",
    "Problems",
    "Severity",
    "low_confidence_in",
    "low_confidence_message",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: ``seeds/a.txt:12: warning[E103]: impossible date '2018-2-30'``."""

    location: Location
    code: str
    message: str
    severity: Severity = "warning"

    @property
    def where(self) -> str:
        """The location as printed (``refs/a.yaml:30``); read :attr:`location` in code."""
        return str(self.location)

    @property
    def key(self) -> str | None:
        """The citation key of the record this is about, when known."""
        return self.location.key

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, str]:
        """Plain dict for ``--format json``."""
        return {
            "where": self.where,
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass
class Problems:
    """An ordered collector of :class:`Problem`; adding a problem already there is a no-op."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        given, self.items = self.items, []
        self._add_all(given)

    def add(
        self, where: str | Location, code: str, message: str, severity: Severity = "warning"
    ) -> None:
        """Record one problem; ``where`` is a :class:`Location` (text is read as one)."""
        location = where if isinstance(where, Location) else Location.parse(where)
        self.append(Problem(location, code, message, severity))

    def append(self, problem: Problem) -> None:
        """Record ``problem`` unless the same finding is already here."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, other: Iterable[Problem]) -> None:
        """Append all problems of ``other``."""
        self._add_all(other)

    def _add_all(self, problems: Iterable[Problem]) -> None:
        for p in list(problems):
            self.append(p)

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.items if p.severity == "error"]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


# E105, the warning a record built on weak evidence keeps in its ``warnings``: written by
# extraction, read back by the report's "to check first" panel — one wording for both.
_LOW_CONFIDENCE = re.compile(r"low confidence \((\d+(?:\.\d+)?)\)")


def low_confidence_message(confidence: float, doubts: Iterable[str]) -> str:
    """``low confidence (0.45): no source named, …`` (E105)."""
    return f"low confidence ({confidence:.2f}): {', '.join(doubts) or 'weak evidence'}"


def low_confidence_in(warning: str) -> float | None:
    """The confidence an E105 warning names (None: ``warning`` is another warning)."""
    m = _LOW_CONFIDENCE.match(warning)
    return float(m[1]) if m else None
