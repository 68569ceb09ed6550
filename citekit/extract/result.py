"""The value extraction produces: records in source order, plus what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Provenance, Reference
from ..problems import Problems

__all__ = ["Extraction", "Unparsed"]


@dataclass(frozen=True, slots=True)
class Unparsed:
    """An attribution-like passage that could not be turned into a record."""

    provenance: Provenance
    reason: str


@dataclass
class Extraction:
    """Everything found in one document, in source order."""

    #: the document path as given
    source: str
    #: the bulletin or magazine issue itself (compiling library, topic, issue), when known
    document: Reference | None = None
    items: list[Reference | Unparsed] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    @property
    def references(self) -> list[Reference]:
        """Only the records."""
        return [i for i in self.items if isinstance(i, Reference)]

    @property
    def unparsed(self) -> list[Unparsed]:
        """Only what could not be read."""
        return [i for i in self.items if isinstance(i, Unparsed)]
