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


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_EN_MONTH = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?"
_EN_MDY = re.compile(
    rf"(?<![A-Za-z]){_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_EN_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+{_EN_MONTH},?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d)", re.IGNORECASE
)
# March 2022, Sept. 2021: a month of a year (a monthly issue, an undated page's month)
_EN_MY = re.compile(
    r"(?<![A-Za-z\d])(?P<mon>January|February|March|April|May|June|July|August|September|"
    r"October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
    r",?\s+(?P<y>(?:1[89]|20)\d\d)(?![\d\-/.:])"
)
_EN_MD = re.compile(
    rf"(?<![A-Za-z]){_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,])", re.IGNORECASE
)
# 19-3-5, 21-1-7: two-digit years in attribution dates (never inside a longer number)
_YMD_SHORT = re.compile(
    r"(?<![\d.\-/])(?P<y>\d{2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.\-/])"
)
# 3月5日, 三月五日: a day without its year, read only when the caller knows the year
_MD = re.compile(
    rf"(?<![\d年{_CN}])(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月\s*(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号]"
)


def _make_en(m: re.Match[str]) -> DateMatch:
    raw = m.group(0).strip()
    try:
        date = PartialDate.of(int(m["y"]), _MONTHS[m["mon"][:3].lower()], int(m["d"]), text=raw)
    except (DateError, KeyError, ValueError):
        date = PartialDate.raw(raw)
    return DateMatch(m.start(), m.end(), raw, date)


def _make_short(m: re.Match[str]) -> DateMatch | None:
    yy, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = 2000 + yy if yy < 50 else 1900 + yy
    raw = m.group(0)
    try:
        return DateMatch(m.start(), m.end(), raw, PartialDate.of(year, month, day, text=raw))
    except DateError:
        return DateMatch(m.start(), m.end(), raw, PartialDate.raw(raw))


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")


def find_dates(text: str, year: int | None = None) -> list[DateMatch]:
    """All dates in ``text``, in order, without overlaps (full-width digits are read too).

    ``year``: the year a day without one (``3月5日``) is in — the bulletin's own year; without
    it such days are not dates (never guessed; see :func:`find_yearless`).
    """
    text = fold_width(text)  # same length: spans stay valid in the original
    found: list[DateMatch] = []
    if "民国" in text:
        found += [_make(m, 1911) for m in _ROC.finditer(text)]
    if "年" in text:  # (the one date of Chinese numerals without 年 is a day of a known year)
        found += [_make(m) for m in _YMD_CJK.finditer(text)]
    # every other form has a digit: a line without one is passed over at once
    digits = _DIGIT.search(text) is not None
    if digits:
        for m in _YMD_NUMERIC.finditer(text):
            if m["d"] is None and (m["sep"] == "." or not 1 <= int(m["m"]) <= 12):
                continue  # 2018.6 is more often a number; 2018-20 is a range, not a date
            found.append(_make(m))
        if text.isascii() or _LATIN_LETTER.search(text):
            found += [_make_en(m) for m in _EN_MDY.finditer(text)]
            found += [_make_en(m) for m in _EN_DMY.finditer(text)]
            found += [
                DateMatch(m.start(), m.end(), m.group(0), date)
                for m in _EN_MY.finditer(text)
                if (date := PartialDate.of(int(m["y"]), _MONTHS[m["mon"][:3].lower()]))
            ]
        found += [d for m in _YMD_SHORT.finditer(text) if (d := _make_short(m))]
    if year is not None and "月" in text:
        for m in _MD.finditer(text):
            found.append(_make_md(m, year))
    if year is not None and not found and digits:
        for m in _EN_MD.finditer(text):  # Jan. 17 in a dispatch of a known year
            try:
                date = PartialDate.of(year, _MONTHS[m["mon"][:3].lower()], int(m["d"]))
            except (DateError, KeyError):
                continue
            found.append(DateMatch(m.start(), m.end(), m.group(0), date))
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def _make_md(m: re.Match[str], year: int) -> DateMatch:
    raw = m.group(0).strip()
    try:
        date = PartialDate.of(year, cn_to_int(m["m"]), cn_to_int(m["d"]), text=raw)
    except (DateError, KeyError, ValueError):
        date = PartialDate.raw(raw)
    return DateMatch(m.start(), m.end(), raw, date)


def find_yearless(text: str) -> str | None:
    """The first ``3月5日`` in ``text`` that has no year (for the 'cannot be resolved' flag)."""
    m = _MD.search(fold_width(text))
    return m.group(0) if m else None
