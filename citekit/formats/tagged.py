"""Tagged reference records (RIS, EndNote, NoteExpress, RefWorks) -> :class:`Reference`.

Each format's reader (:mod:`.ris`, :mod:`.endnote`, :mod:`.noteexpress`, :mod:`.refworks`,
:mod:`.endnote_xml`) cuts its file into :class:`TaggedRecord` values: the tags and values in
file order, with the record's line span and raw text. This module turns one into a record
through the format's table in ``citekit/data/import_fields.yaml`` (tag -> CSL variable, type
name -> CSL type). Names are split at ``;``, and a Chinese byline also at ``,`` ``，`` ``、``;
Chinese names stay whole, Western ones become family/given. A tag the table does not know is
kept in the record's ``custom.<format>`` object, never dropped.

Problems: E431 a record with no type or an unknown type (kept as ``document``), E432 a record
with no title (kept), E433 a date that cannot be read (kept as written).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..model import CSL_TYPES, DateError, Name, PartialDate, Provenance, Reference, is_cjk
from ..problems import Problems

__all__ = [
    "FIELD_TARGETS",
    "TaggedRecord",
    "field_table",
    "split_names",
    "to_reference",
]

#: the targets a table may name besides CSL variables
FIELD_TARGETS = frozenset(
    [
        "type",
        "ignore",
        "page-first",
        "page-last",
        "ISSN-or-ISBN",
        "keyword",
        "citation-key",
    ]
)
_NAME_VARS = (
    "author",
    "editor",
    "translator",
    "container-author",
    "collection-editor",
    "contributor",
)
_DATE_VARS = ("issued", "accessed")
_LONG_TEXT = ("abstract", "note")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_LANGUAGES = {
    "chi": "zh-CN",
    "zho": "zh-CN",
    "chinese": "zh-CN",
    "中文": "zh-CN",
    "汉语": "zh-CN",
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "eng": "en-US",
    "english": "en-US",
    "英文": "en-US",
    "英语": "en-US",
    "en": "en-US",
}


@dataclass
class TaggedRecord:
    """One record as read: ``(tag, value, line)`` in file order, its line span and raw text."""

    file: str
    start_line: int
    end_line: int
    raw: str
    fields: list[tuple[str, str, int]] = field(default_factory=list)

    def add(self, tag: str, value: str, line: int) -> None:
        """Append one tag's value."""
        self.fields.append((tag, value, line))

    def extend_last(self, text: str, line: int) -> None:
        """A continuation line: part of the previous tag's value."""
        if not self.fields:
            return
        tag, value, at = self.fields[-1]
        glue = "" if (is_cjk(value[-1:]) or is_cjk(text[:1])) else " "
        self.fields[-1] = (tag, (value + glue + text).strip(), at)
        self.end_line = max(self.end_line, line)


@cache
def field_table(fmt: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(types, fields)`` of ``fmt`` from ``data/import_fields.yaml`` (types folded to lower)."""
    from ..store import load_mapping_file

    path = resources.files("citekit") / "data" / "import_fields.yaml"
    with resources.as_file(path) as p:
        data = load_mapping_file(p)
    entry = data[fmt]
    types = entry["types"]
    if isinstance(types, str):  # "endnote": the types of another format
        types = data[types]["types"]
    return (
        {str(k).casefold(): str(v) for k, v in types.items()},
        {str(k): str(v) for k, v in entry["fields"].items()},
    )


# ------------------------------------------------------------------------------------ names


def _person(text: str) -> Name:
    """One name: 潘紫麟 whole, ``Smith, John``, ``John Smith``, ``SMITH J``, a body."""
    text = unicodedata.normalize("NFKC", text).strip().strip(",;")
    if not text or text == ".":
        return Name()
    if is_cjk(text) and not re.search(r"[A-Za-z]{2}", text):
        return Name(literal=re.sub(r"\s+", "", text))
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family=family.strip(), given=given.strip() or None)
    text = text.rstrip(".")
    parts = text.split()
    if len(parts) >= 2 and all(re.fullmatch(r"[A-Z](?:-[A-Z])?\.?", p) for p in parts[1:]):
        return Name(family=parts[0], given=" ".join(parts[1:]))
    if len(parts) >= 2 and len(parts) <= 4:
        return Name(family=parts[-1], given=" ".join(parts[:-1]))
    return Name(literal=text)


def split_names(values: Iterable[str]) -> tuple[Name, ...]:
    """Names from tag values: one name a value, or a list split at ``;`` (Chinese also at
    ``,`` ``，`` ``、``); ``等``/``et al.`` become the CSL name ``others``."""
    out: list[Name] = []
    more = False
    for value in values:
        for part in re.split(r"[;；]", value):
            pieces = re.split(r"[,，、]", part) if is_cjk(part) else [part]
            for piece in pieces:
                piece = piece.strip()
                if not piece:
                    continue
                if piece.lower().rstrip(".") in ("等", "et al", "others"):
                    more = True
                    continue
                name = _person(piece)
                if name != Name():
                    out.append(name)
    if more:
        out.append(Name(family="others"))
    return tuple(out)


# ------------------------------------------------------------------------------------ values


def parse_date(text: str) -> PartialDate:
    """``2021``, ``2021/05/03/``, ``2021-05``, ``2021年5月``, ``May 2021``; raises DateError."""
    norm = unicodedata.normalize("NFKC", text).strip()
    m = re.search(r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?", norm)
    if not m:
        raise DateError(f"not a date: {text!r}")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is None:
        word = re.search(r"[A-Za-z]+", norm)
        if word and word.group(0).lower() in _MONTHS:
            month = _MONTHS[word.group(0).lower()]
    return PartialDate.of(year, month or None, day if month else None)


def _strip_zeros(text: str) -> str:
    """``07`` -> ``7``, ``004`` -> ``4`` (CNKI pads issues and newspaper pages)."""
    return re.sub(r"(?<![\d.])0+(?=\d)", "", text)


def _doi(text: str) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text.strip(), flags=re.I)


def _issn_or_isbn(text: str) -> tuple[str, str]:
    digits = re.sub(r"[^0-9Xx]", "", text)
    return ("ISSN", text.strip()) if len(digits) == 8 else ("ISBN", text.strip())


# ------------------------------------------------------------------------------ conversion


def to_reference(rec: TaggedRecord, fmt: str, problems: Problems) -> Reference:
    """One tagged record -> a record; problems are reported at its lines.

    The id is the record's own citation key when it has one (``citation-key`` in the field
    table), else empty.
    """
    types, fields = field_table(fmt)
    where = f"{rec.file}:{rec.start_line}"
    values: dict[str, list[str]] = {}
    unknown: dict[str, Any] = {}
    csl_type = ""
    type_name = ""
    for tag, value, _line in rec.fields:
        value = value.strip()
        if not value:
            continue
        target = fields.get(tag) or fields.get(tag.upper())
        if target is None:
            prev = unknown.get(tag)
            unknown[tag] = value if prev is None else f"{prev}; {value}"
            continue
        if target == "ignore":
            continue
        if target == "type":
            type_name = value
            csl_type = types.get(value.casefold(), "")
            continue
        values.setdefault(target, []).append(value)
    item: dict[str, Any] = {}
    warnings: list[str] = []
    if not csl_type:
        what = f"unknown type {type_name!r}" if type_name else "no type"
        problems.add(where, "E431", f"{fmt} record with {what}; kept as a document")
        warnings.append(f"{what} in the {fmt} record; typed document")
        csl_type = "document"
    item["type"] = csl_type if csl_type in CSL_TYPES else "document"
    page_first = page_last = ""
    # The user's own key (RIS ID, EndNote %F label); a bare record number is a counter.
    key = next((v for v in values.pop("citation-key", []) if not v.isdigit()), "")
    for target, vals in values.items():
        if target in _NAME_VARS:
            names = split_names(vals)
            if names:
                item[target] = [n.to_csl() for n in names]
        elif target in _DATE_VARS:
            if target in item:
                continue
            try:
                item[target] = parse_date(vals[0]).to_csl()
            except DateError:
                problems.add(where, "E433", f"cannot read the date {vals[0]!r}; kept as written")
                item[target] = PartialDate.raw(vals[0]).to_csl()
        elif target == "page-first":
            page_first = _strip_zeros(vals[0])
        elif target == "page-last":
            page_last = _strip_zeros(vals[0])
        elif target == "ISSN-or-ISBN":
            for v in vals:
                var, text = _issn_or_isbn(v)
                item.setdefault(var, text)
        elif target == "keyword":
            words = [w.strip() for v in vals for w in re.split(r"[;；]+", v) if w.strip()]
            item["keyword"] = "; ".join(dict.fromkeys(words))
        elif target in _LONG_TEXT:
            item[target] = "\n".join(vals)
        elif target == "DOI":
            item["DOI"] = _doi(vals[0])
        elif target in ("volume", "issue", "page"):
            item[target] = _strip_zeros(vals[0]).replace("+", ",")
        elif target == "language":
            lang = vals[0].strip().strip(";；")
            item["language"] = _LANGUAGES.get(lang.casefold(), lang)
        elif target in ("title", "container-title") or target not in item:
            item.setdefault(target, vals[0])
            if len(vals) > 1 and target not in ("title", "container-title"):
                item[target] = "; ".join(dict.fromkeys(vals))
    if page_first and "page" not in item:
        item["page"] = f"{page_first}-{page_last}" if page_last else page_first
    if item["type"] == "thesis":
        degree = item.get("genre") or (type_name if re.fullmatch(r"硕士|博士", type_name) else "")
        if re.fullmatch(r"硕士|博士", degree):
            item["genre"] = degree + "学位论文"
        if "publisher" not in item and "container-title" in item:
            item["publisher"] = item.pop("container-title")  # GB/T 7714: the university
    if unknown:
        item["custom"] = {fmt: unknown}
    if "title" not in item:
        problems.add(where, "E432", f"{fmt} record without a title; kept")
        warnings.append("no title")
    ref = Reference.from_csl({**item, "id": "_"})
    prov = Provenance(rec.file, rec.start_line, max(rec.end_line, rec.start_line), rec.raw)
    return ref.replace(id=key, provenance=(prov,), warnings=tuple(warnings))


def records_to_refs(
    records: Iterable[TaggedRecord], fmt: str, problems: Problems
) -> list[Reference]:
    """Every record converted, in file order."""
    return [to_reference(r, fmt, problems) for r in records]


def tag_lines(text: str) -> Iterable[tuple[int, str]]:
    """``(line number, line)``, 1-based, without line ends."""
    return enumerate(text.splitlines(), 1)


def mapping_rows(fmt: str) -> Mapping[str, str]:
    """The tag -> target table of ``fmt`` (for the README table)."""
    return field_table(fmt)[1]


def read_tagged_lines(
    text: str,
    where: str,
    fmt: str,
    line_re: re.Pattern[str],
    start_tag: str,
    problems: Problems,
    *,
    blank_ends: bool = False,
) -> list[Reference]:
    """The line-tagged formats: a record starts at ``start_tag``; ``line_re`` gives a line's
    tag and value (groups 1 and 2); other non-blank lines continue the value above them.

    Lines before the first record are reported (E434, at most three) and ignored.
    """
    records: list[TaggedRecord] = []
    lines = text.splitlines()
    cur: TaggedRecord | None = None
    stray = 0
    for n, line in enumerate(lines, 1):
        m = line_re.match(line.lstrip("\ufeff"))
        if m and m.group(1).casefold() == start_tag.casefold():
            if cur is not None:
                records.append(cur)
            cur = TaggedRecord(where, n, n, "")
        if cur is None:
            if line.strip():
                stray += 1
                if stray <= 3:
                    problems.add(f"{where}:{n}", "E434", f"text outside any {fmt} record; ignored")
            continue
        if not line.strip():
            if blank_ends and cur.fields:
                records.append(cur)
                cur = None
            continue
        if m:
            cur.add(m.group(1), m.group(2).strip(), n)
            cur.end_line = n
        else:
            cur.extend_last(line.strip(), n)
    if cur is not None:
        records.append(cur)
    for rec in records:
        rec.raw = "\n".join(lines[rec.start_line - 1 : rec.end_line])
    return records_to_refs(records, fmt, problems)
