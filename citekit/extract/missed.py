"""Never silent: lines that carry an attribution cue but produced no record.

Consumes the folded document lines and the line spans every record and unparsed item covers;
produces one :class:`~.result.Unparsed` per uncovered cue line, with the reason. Cues are the
strong ones only — a source keyword with a colon or an opening bracket (``来源：``,
``（转自``), an agency dateline (``新华社…电``), a document number (``国发〔2023〕16号``), an
English ``Source:`` label — so a sentence that merely says 来源 is not reported.
"""

from __future__ import annotations

import bisect
import re

from ..model import Provenance
from .contents import IssueHeading
from .cues import CUES, alternation
from .result import Unparsed
from .text import LineMap

__all__ = ["empty_issue_headings", "find_missed"]

_KW = re.compile(rf"[（(【\[]\s*{CUES.keyword}|{CUES.keyword}\s*[:：]")
_DATELINE = re.compile(
    rf"{alternation(CUES.agency)}[\u4e00-\u9fff]{{0,8}}?\s*(?:\d{{1,2}}\s*月\s*)?"
    rf"(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日\s*电"
)
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［„]\s*\d{4}\s*[〕\]］‟]\s*\d{1,4}\s*号")
_ENGLISH = re.compile(rf"^\s*{alternation(CUES.source_english)}\s*:", re.IGNORECASE)


def _cue(line: str) -> tuple[str, str] | None:
    """The kind and text of the strongest cue in ``line`` (each test guarded by a cheap one)."""
    if ":" in line or "：" in line or "（" in line or "(" in line or "【" in line or "[" in line:
        m = _KW.search(line)
        if m:
            return "kw", m.group(0)
    if "电" in line:
        m = _DATELINE.search(line)
        if m:
            return "dateline", m.group(0)
    if "号" in line:
        m = _NUMBER.search(line)
        if m:
            return "number", m.group(0)
    if ":" in line:
        m = _ENGLISH.search(line)
        if m:
            return "english", m.group(0)
    return None


_REASONS = {
    "kw": "source keyword {cue!r} but no source could be read",
    "dateline": "agency dateline {cue!r} produced no record",
    "number": "document number {cue!r} produced no record",
    "english": "English source label {cue!r} produced no record",
}


def find_missed(
    lines: LineMap,
    original: LineMap,
    covered: list[tuple[int, int]],
    path: str,
    cue_lines: list[int],
) -> list[Unparsed]:
    """One item per cue line outside every span in ``covered``, in line order.

    :param cue_lines: the lines worth testing (those holding a trigger word or a 〔 bracket)
    """
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    max_end: list[int] = []
    top = 0
    for _, e in spans:
        top = max(top, e)
        max_end.append(top)
    out: list[Unparsed] = []
    for n in sorted(set(cue_lines)):
        i = bisect.bisect_right(starts, n)
        if i and max_end[i - 1] >= n:
            continue  # a record or an unparsed item covers the line
        found = _cue(lines.line(n))
        if found is None:
            continue
        kind, cue = found[0], found[1].strip()[:20]
        raw = original.line(n).strip()[:200]
        reason = "attribution cue without a record: " + _REASONS[kind].format(cue=cue)
        out.append(Unparsed(Provenance(path, n, n, raw), reason))
    return out


def empty_issue_headings(
    headings: list[IssueHeading], original: LineMap, covered: list[tuple[int, int]], path: str
) -> list[Unparsed]:
    """One item per journal-issue heading under which no line gave a record.

    A heading names the periodical, year and issue of the contents list below it (down to the
    next heading); when none of those lines became an entry, the list was not read.
    """
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    reach: list[int] = []  # the furthest line any span starting so far reaches
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)
    journals = sorted((h for h in headings if h.journal and not h.listing), key=lambda h: h.line)
    lines_after = sorted(h.line for h in headings)
    out: list[Unparsed] = []
    for h in journals:
        i = bisect.bisect_right(lines_after, h.line)
        stop = lines_after[i] if i < len(lines_after) else original.count + 1
        j = bisect.bisect_left(starts, h.line)
        if (j < len(starts) and starts[j] < stop) or (j and reach[j - 1] >= h.line):
            continue  # the heading itself or a line of its list gave a record
        raw = original.line(h.line).strip()[:200]
        reason = (
            f"journal-issue heading ({h.container}) but no contents entry could be read under it"
        )
        out.append(Unparsed(Provenance(path, h.line, h.line, raw), reason))
    return out
