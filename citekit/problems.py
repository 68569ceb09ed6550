"""Problems found in input that did not stop the job: warnings and errors with a location.

Stages take a :class:`Problems` collector explicitly (no global state) and the CLI prints it.
Codes: ``E1xx`` extraction, ``E2xx`` store (refs/), ``W3xx`` record checks, ``E4xx`` formats
(CSL-JSON, BibTeX), ``E5xx`` rendering, ``E6xx``/``W6xx`` citing in Word reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Problem", "Problems", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: ``seeds/a.txt:12: warning[E103]: impossible date '2018-2-30'``."""

    where: str
    code: str
    message: str
    severity: Severity = "warning"

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
    """An ordered collector of :class:`Problem`."""

    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, code: str, message: str, severity: Severity = "warning") -> None:
        """Record one problem."""
        self.items.append(Problem(where, code, message, severity))

    def extend(self, other: Problems) -> None:
        """Append all problems of ``other``."""
        self.items.extend(other.items)

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
