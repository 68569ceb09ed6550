"""The value extraction produces: records in source order, plus what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Provenance, Reference
from ..problems import Problems
from .assess import LOW_CONFIDENCE, Assessment

__all__ = ["Assessment", "Extraction", "Unparsed"]


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
    #: confidence and evidence of each record, by ``id()`` of the record in ``items``
    assessments: dict[int, Assessment] = field(default_factory=dict)

    def assessment(self, ref: Reference) -> Assessment | None:
        """The confidence and evidence ``ref`` (a record of ``items``) was built from."""
        return self.assessments.get(id(ref))

    @property
    def missed(self) -> list[Unparsed]:
        """Lines with an attribution cue that produced no record ("possibly missed")."""
        return [i for i in self.items if isinstance(i, Unparsed)]

    @property
    def low_confidence(self) -> list[Reference]:
        """Records built on weak evidence, least confident first."""
        scored = [
            (a.confidence, i, r)
            for i, r in enumerate(self.references)
            if (a := self.assessment(r)) is not None and a.confidence < LOW_CONFIDENCE
        ]
        return [r for _, _, r in sorted(scored, key=lambda t: (t[0], t[1]))]

    @property
    def references(self) -> list[Reference]:
        """Only the records."""
        return [i for i in self.items if isinstance(i, Reference)]

    @property
    def unparsed(self) -> list[Unparsed]:
        """Only what could not be read."""
        return [i for i in self.items if isinstance(i, Unparsed)]
