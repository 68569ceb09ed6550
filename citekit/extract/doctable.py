"""Tables of documents (``序号 | 文件名称 | 文号 | 发文机关 | 日期``) -> one record per row.

Consumes the document lines as written; produces :class:`TableRow` values. A table is found by
its header row: cells separated by ``|`` (``｜``) or tabs, one column naming the document
(文件名称, 名称, 标题) and at least one more naming its 文号, issuing body or date. Each row under
it, cut by the same separator, gives a legislation record; a dash or an empty cell is a value
not printed. The table ends at the first line that is not a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Provenance, Reference
from .dates import find_dates
from .text import LineMap, fold_width

__all__ = ["TableRow", "find_document_tables"]

# the header cell of each column read (the first that matches decides)
_COLUMNS = (
    (
        "title",
        re.compile(r"^(?:文件|法规|政策|规章)?(?:名称|标题|题名|题目)$|^(?:文件|法规|政策)$"),
    ),
    ("number", re.compile(r"^(?:文号|发文字号|发文文号|文件编号|编号|字号)$")),
    (
        "authority",
        re.compile(r"^(?:发文|发布|制定|印发)?(?:机关|单位|部门)$"),
    ),
    ("date", re.compile(r"^(?:发文|发布|成文|印发|公布)?(?:日期|时间)$")),
)
# where a header may be: a line naming a document column next to a separator
_HEADER_HINT = re.compile(r"(?:名称|标题|题名)[ \t\u3000]*(?:[|｜\t])")
_SEPARATOR = re.compile(r"\s*[|｜]\s*|\t+")
_EMPTY = re.compile(r"^[—–\-－/／无]*$")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One document listed in a table row."""

    line: int
    record: Reference


def _cells(text: str) -> list[str]:
    return [c.strip().strip("\u3000") for c in _SEPARATOR.split(text.strip().strip("|｜"))]


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        for name, pattern in _COLUMNS:
            if name not in found and pattern.match(cell.replace(" ", "")):
                found[name] = i
                break
    return found


def find_document_tables(lines: LineMap, path: str) -> list[TableRow]:
    """The rows of every table of documents in ``lines``."""
    out: list[TableRow] = []
    if "|" not in lines.text and "｜" not in lines.text and "\t" not in lines.text:
        return out
    for n in lines.lines_of(m.start() for m in _HEADER_HINT.finditer(lines.text)):
        header = _cells(lines.line(n))
        cols = _columns(header)
        if "title" not in cols or len(cols) < 2:
            continue
        for k in range(n + 1, lines.count + 1):
            text = lines.line(k)
            cells = _cells(text)
            if len(cells) < 2 or len(cells) > len(header) + 1:
                break  # running text again: the table is over
            value = {
                name: cells[i] if i < len(cells) and not _EMPTY.match(cells[i]) else None
                for name, i in cols.items()
            }
            title = value["title"]
            if not title:
                continue
            date = value.get("date")
            dates = [d for d in find_dates(fold_width(date))] if date else []
            out.append(
                TableRow(
                    k,
                    Reference(
                        id="",
                        type="legislation",
                        title=title,
                        number=value.get("number"),
                        authority=value.get("authority"),
                        issued=dates[0].date if dates and dates[0].valid else None,
                        provenance=(Provenance(path, k, k, text.strip()),),
                    ),
                )
            )
    return out
