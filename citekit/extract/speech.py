"""Speech excerpts: ``（摘自袁家军同志2021年7月19日在…推进会上的讲话摘要）`` -> speech parts.

Consumes the joined text of an excerpt note (it may wrap over several lines); produces
:class:`Speech` (speaker, date, event, genre) or None when the note is not about a speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import PartialDate
from .dates import find_dates

__all__ = ["Speech", "parse_speech"]

_SPEECH = re.compile(
    r"^\s*(?:摘自|节选自|选自)?\s*(?P<speaker>[\u4e00-\u9fff·]{2,8}?)?\s*(?:同志|总书记|主席|书记|省长)?\s*"
    r"(?P<date>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*"
    r"(?:在(?P<event>.+?)(?:上|时|中))?\s*的\s*(?P<genre>讲话|报告|发言|致辞|演讲|重要讲话|讲话要点)"
    r"(?P<part>摘要|节选|摘编|要点)?\s*$"
)


_GENRES = ("讲话", "报告", "发言", "致辞", "演讲")


@dataclass(frozen=True, slots=True)
class Speech:
    """The parts of a speech note; ``excerpt`` when it says 摘要/节选."""

    speaker: str | None
    issued: PartialDate | None
    bad_date: str | None
    event: str | None
    genre: str
    excerpt: bool


def parse_speech(text: str) -> Speech | None:
    """Parse the inside of a speech note (without its brackets); None if it is not one."""
    if not any(word in text for word in _GENRES):
        return None
    flat = re.sub(r"\s+", "", text)
    m = _SPEECH.match(flat)
    if not m:
        return None
    dates = find_dates(m["date"])
    issued = bad = None
    if dates:
        issued = dates[0].date
        if not dates[0].valid:
            bad = dates[0].raw
    genre = "讲话" if m["genre"] == "重要讲话" else m["genre"]
    return Speech(m["speaker"] or None, issued, bad, m["event"], genre, bool(m["part"]))
