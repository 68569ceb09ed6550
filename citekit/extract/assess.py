"""Confidence of a record from the evidence it was built from.

Consumes a finished record and the evidence its builder collected (the attribution form, where
the title was found, the context used); produces an :class:`Assessment`: a confidence in 0..1
and the evidence, plus the doubts that lowered it. Records below :data:`LOW_CONFIDENCE` get a
warning naming file:line, and the review page lists them first.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Reference
from .linemodel import UNSURE

__all__ = ["LOW_CONFIDENCE", "Assessment", "assess"]

#: records below this confidence are warned about (E105)
LOW_CONFIDENCE = 0.5

# how much each kind of placement of the title is trusted
_PLACEMENT = {
    "same-line": 0.25,
    "head": 0.25,
    "tail": 0.2,
    "stacked": 0.2,
    "contents": 0.3,
    "toc": 0.3,
    "policy": 0.2,
    "legislation": 0.3,
    "speech": 0.3,
    "url": 0.3,
    "page-header": 0.0,
    "none": 0.0,
}


@dataclass(frozen=True, slots=True)
class Assessment:
    """How sure extraction is of one record, and why."""

    confidence: float
    evidence: tuple[str, ...]
    doubts: tuple[str, ...] = ()


def assess(ref: Reference, evidence: tuple[str, ...], placement: str) -> Assessment:
    """Score ``ref``: a title placed where an attribution's title sits, a container, a date."""
    score = 0.25 + _PLACEMENT.get(placement, 0.1)
    doubts: list[str] = []
    if ref.title:
        score += 0.2
        if len(ref.title) > 60:
            score -= 0.15
            doubts.append("very long title")
    elif ref.type not in ("webpage",):
        doubts.append("no title")
    if ref.container_title or ref.number or ref.type in ("legislation", "speech"):
        score += 0.2
    else:
        doubts.append("no container")
    if ref.issued is not None:
        score += 0.1
    for e in evidence:
        if e == "form:page-header":
            score -= 0.1
            doubts.append("no source named, only the page's header")
        if e.startswith("title:tail(-"):
            far = int(e[len("title:tail(-") : -1])
            if far > 120:
                score -= 0.15
                doubts.append(f"title {far} lines above")
        if e == UNSURE:
            # the title model kept this title with a low probability: flagged, never silent
            score = min(score, LOW_CONFIDENCE - 0.05)
            doubts.append("title uncertain (the title model's probability is low)")
    return Assessment(round(max(0.0, min(1.0, score)), 2), evidence, tuple(doubts))
