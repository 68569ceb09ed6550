"""Dates inside attribution text: ``2018-9-3``, ``2018年9月3日``, ``2018.09.03``, ``二〇一八年``,
full-width digits, ROC-era years (``民国八年``), ``2018 年第 19 期`` (a year).

Consumes a source phrase (already width-folded); produces :class:`DateMatch` values with their
span. A date that names a day that does not exist (``2018-2-30``) is kept raw
(:meth:`PartialDate.raw`) and marked invalid; it is never corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DateError, PartialDate
from ..numerals import cn_to_int
from .text import fold_width

__all__ = ["DateMatch", "find_dates"]

_CN = "〇零○一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"

_YMD_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<d>\d{1,2}))?(?![\d.])(?!\s*[-./]\s*\d)"
)
_YMD_CJK = re.compile(
    rf"(?<!\d)(?P<y>(?:1[89]|20)\d\d|[{_CN}]{{4}})\s*年"
    rf"(?:\s*(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号])?)?"
)
_ROC = re.compile(
    rf"(?:中华)?民国\s*(?P<y>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*年"
    rf"(?:\s*(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号])?)?"
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date found in a text: its span, the raw text and the date (raw when impossible)."""

    start: int
    end: int
    raw: str
    date: PartialDate

    @property
    def valid(self) -> bool:
        """False when the date does not exist and was kept as text."""
        return self.date.is_valid


def _make(m: re.Match[str], year_offset: int = 0) -> DateMatch:
    raw = m.group(0).strip()
    try:
        year = cn_to_int(m["y"]) + year_offset
        month = cn_to_int(m["m"]) if m["m"] else None
        day = cn_to_int(m["d"]) if m["d"] else None
        date = PartialDate.of(year, month, day, text=raw)
    except (DateError, KeyError, ValueError):
        date = PartialDate.raw(raw)
    return DateMatch(m.start(), m.end(), raw, date)


def find_dates(text: str) -> list[DateMatch]:
    """All dates in ``text``, in order, without overlaps (full-width digits are read too)."""
    text = fold_width(text)  # same length: spans stay valid in the original
    found: list[DateMatch] = []
    if "民国" in text:
        found += [_make(m, 1911) for m in _ROC.finditer(text)]
    found += [_make(m) for m in _YMD_CJK.finditer(text)]
    for m in _YMD_NUMERIC.finditer(text):
        if m["d"] is None and (m["sep"] == "." or not 1 <= int(m["m"]) <= 12):
            continue  # 2018.6 is more often a number; 2018-20 is a range, not a date
        found.append(_make(m))
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out
