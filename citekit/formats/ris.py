"""RIS (``TY  - JOUR`` ... ``ER  -``) -> records: Web of Science, Scopus, CNKI, Zotero exports.

The file is cut into records here (so each keeps its line span and raw text); the tag lines
of each record are read by rispy, the maintained RIS parser, with every tag kept as found;
``citekit/data/import_fields.yaml`` (``ris``) maps tags and types. Lines are normalised to
``XX  - value`` first, since exports vary in spacing (``TY - JOUR``, ``TY  -JOUR``).
Problems: E434 lines outside any record (or a record without ``ER``) are reported, and a
record without ``ER`` is still read.
"""

from __future__ import annotations

import re

import rispy

from ..model import Reference, is_cjk
from ..problems import Problems
from .tagged import TaggedRecord, records_to_refs

__all__ = ["read_ris"]

#: ``XX  - value``; exports also write ``XX - value``, ``XX  -value`` and an empty ``ER  -``
_TAG_RE = re.compile(r"^([A-Z][A-Z0-9])(?:\s{1,4}-\s{0,2}|-(?:\s{1,2}|$))(.*)$")


def _parse_tags(lines: list[str], tags: set[str]) -> dict[str, list[str]]:
    """One record's normalised lines through rispy (every tag a list, nothing renamed)."""
    mapping = {t: t for t in tags} | {"UK": "UK"}
    parser = rispy.RisParser(
        mapping=mapping,
        list_tags=sorted(tags),
        enforce_list_tags=True,
        delimiter_tags_mapping={},
        skip_unknown_tags=False,
    )
    parsed = parser.parse_lines(iter(lines))
    return parsed[0] if parsed else {}


def _glue(a: str, b: str) -> str:
    return a + b if (is_cjk(a[-1:]) or is_cjk(b[:1])) else f"{a} {b}"


def _record(
    where: str, start: int, end: int, lines: list[str], tagged: list[tuple[str, str, int]]
) -> TaggedRecord:
    """Build one record: rispy reads the tag lines, the line numbers come from the scan."""
    tags = {t for t, _v, _n in tagged}
    fields = _parse_tags([f"{t}  - {v}" for t, v, _n in tagged] + ["ER  - "], tags)
    rec = TaggedRecord(where, start, end, "\n".join(lines))
    seen: dict[str, int] = {}
    for tag, value, n in tagged:
        i = seen.get(tag, 0)
        seen[tag] = i + 1
        vals = fields.get(tag, [])
        vals = [vals] if isinstance(vals, str) else vals
        rec.add(tag, str(vals[i]) if i < len(vals) else value, n)
    return rec


def read_ris(text: str, where: str, problems: Problems) -> list[Reference]:
    """Every RIS record of ``text`` (ids empty)."""
    records: list[TaggedRecord] = []
    lines = text.splitlines()
    tagged: list[tuple[str, str, int]] = []
    start = 0
    stray = 0
    for n, line in enumerate(lines, 1):
        m = _TAG_RE.match(line.lstrip("\ufeff"))
        tag = m.group(1) if m else ""
        if tag == "TY":
            if start:
                problems.add(f"{where}:{start}", "E434", "RIS record without ER; read")
                records.append(_record(where, start, n - 1, lines[start - 1 : n - 1], tagged))
            start, tagged = n, []
        if not start:
            if line.strip():
                stray += 1
                if stray <= 3:
                    problems.add(f"{where}:{n}", "E434", "text outside any RIS record; ignored")
            continue
        if tag == "ER":
            records.append(_record(where, start, n, lines[start - 1 : n], tagged))
            start, tagged = 0, []
        elif m:
            tagged.append((tag, m.group(2).strip(), n))
        elif line.strip() and tagged:
            t, v, at = tagged[-1]  # a continuation line belongs to the tag above it
            tagged[-1] = (t, _glue(v, line.strip()), at)
    if start:
        problems.add(f"{where}:{start}", "E434", "RIS record without ER; read")
        records.append(_record(where, start, len(lines), lines[start - 1 :], tagged))
    return records_to_refs(records, "ris", problems)
