"""One entry's fields <-> one CSL-JSON item (no I/O, no bibtexparser)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ...model import CSL_TYPES, DateError, PartialDate, is_cjk
from ...render._prepare import is_proceedings
from ...render.editions import normalize_edition
from .latex import latex_escape, latex_unescape
from .names import _AND_RE, format_bibtex_name, parse_bibtex_names
from .types import (
    _ARCHIVE_TYPES,
    _EXTRA_TEXT,
    _FIELD_RE,
    _IN_BOOK,
    _IN_TYPES,
    _LANGID_IN,
    _LANGID_OUT,
    _MONTHS,
    _NAME_FIELDS,
    _OUT_TYPES,
    _PERIODICAL,
    _SUBTYPES,
    _WEB,
)

#: biblatex list fields, whose items " and " separates
_LIST_FIELDS = frozenset(["publisher", "location", "institution", "organization", "address"])
_VOLUME_RE = re.compile(r"^\s*第\s*(\d+)\s*卷\s*$")
#: CSL types whose ``number`` is an article number, biblatex's ``eid`` (biblatex-gb7714 prints
#: it in the pages' place since v1.1v)
_ARTICLE_NUMBERED = frozenset(["article-journal", "article-magazine"])
_NUMBERED_RE = re.compile(r"^\s*\d+(?:\s*[-–—,，、&]\s*\d+)*\s*$")  # 1, 1-3, 1, 2
FIELD_CSL = "citekit-csl"
FIELD_PROVENANCE = "citekit-provenance"
FIELD_WARNINGS = "citekit-warnings"
_ASCII_WS = " \t\r\n"

# ------------------------------------------------------------------------------ CSL -> fields


def _date_fields(date: Mapping[str, Any], biblatex: bool) -> dict[str, str]:
    try:
        pd = PartialDate.from_csl(date)
    except DateError:
        return {}
    if not pd.is_valid:
        return {"year": latex_escape(pd.literal or "")}
    if biblatex:
        return {"date": pd.iso()}
    out = {"year": str(pd.year)}
    if pd.month is not None:  # gbt7714-bibtex-style reads the full date from ``date``
        out["date"] = pd.iso()
    return out


def _accessed_field(date: Mapping[str, Any]) -> str | None:
    try:
        pd = PartialDate.from_csl(date)
    except DateError:
        return None
    return pd.iso() if pd.is_valid else latex_escape(pd.literal or "")


def _names_field(names: Any, biblatex: bool) -> str | None:
    if not isinstance(names, list) or not all(isinstance(n, Mapping) for n in names):
        return None
    return " and ".join(format_bibtex_name(n, biblatex=biblatex) for n in names)


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def _entry_type(csl_type: str, biblatex: bool, genre: str | None) -> tuple[str, str | None]:
    bibtex_type, biblatex_type, subtype = _OUT_TYPES.get(csl_type, ("misc", "misc", None))
    etype = biblatex_type if biblatex else bibtex_type
    if not biblatex and csl_type == "thesis" and genre and re.search(r"硕士|master", genre, re.I):
        etype = "mastersthesis"
    if subtype is None and _IN_TYPES.get(etype) != csl_type and csl_type in CSL_TYPES:
        # @misc + entrysubtype = {legislation}: the CSL type in a field BibTeX styles ignore
        subtype = csl_type
    return etype, subtype


def _container_field(csl_type: str, biblatex: bool) -> str:
    if csl_type in _PERIODICAL:
        return "journaltitle" if biblatex else "journal"
    if csl_type in _IN_BOOK:
        return "booktitle"
    if csl_type in _WEB:
        return "organization"
    return "howpublished"


def _publisher_field(csl_type: str, biblatex: bool) -> str:
    if csl_type == "report":
        return "institution"
    if csl_type == "thesis":
        return "institution" if biblatex else "school"
    return "publisher"


def _csl_to_fields(
    item: Mapping[str, Any], biblatex: bool, gb7714: str = "2015"
) -> tuple[str, dict[str, str]]:
    """The native BibTeX fields (values as written, LaTeX-escaped) of a CSL-JSON item, for the
    biblatex-gb7714 style of GB/T 7714-``gb7714`` (2015 or 2025)."""
    csl_type = str(item.get("type", "document"))
    genre = item.get("genre")
    etype, subtype = _entry_type(csl_type, biblatex, genre if isinstance(genre, str) else None)
    archived = csl_type in _ARCHIVE_TYPES and bool(
        item.get("archive") or item.get("archive_location")
    )
    native = etype
    if csl_type == "book" and is_proceedings(str(item.get("title") or "")):
        etype = "proceedings"  # as citekit types it ([C]), not @book ([M])
    elif csl_type == "chapter":
        etype = "inbook"  # a part of a book: [M]// in the GB/T 7714 styles (@incollection is [G])
    elif archived:
        etype = "archive"  # biblatex-gb7714: [A], institution, location, number
    elif csl_type in ("legislation", "regulation"):
        etype = "online" if item.get("URL") else "misc"
    elif biblatex and csl_type == "document" and item.get("URL"):
        # a document found at a URL: an online resource, [EB/OL] as citekit prints it (GB/T
        # 7714-2025 B.10); biblatex-gb7714 prints an @misc with a URL as [Z/OL]
        etype = "online"
    if etype != native:
        subtype = csl_type if _IN_TYPES.get(etype) != csl_type else None
    f: dict[str, str] = {}
    if subtype:
        f["entrysubtype"] = subtype

    def text(var: str, field: str) -> None:
        value = item.get(var)
        if isinstance(value, str | int) and not isinstance(value, bool) and field not in f:
            f[field] = latex_escape(str(value))
            if field in _LIST_FIELDS and _AND_RE.search(f" {value} "):
                f[field] = "{" + f[field] + "}"  # Farrar, Straus and Giroux: one publisher

    for var, field in _NAME_FIELDS:
        if var in item and (names := _names_field(item[var], biblatex)) is not None:
            f[field] = names
    if archived:
        text("archive", "institution")
        text("archive-place", "location")
        text("archive_location", "number")
    if csl_type in ("legislation", "regulation"):
        # a policy document: its 文号 in number, its GB/T 7714 type code in mark
        text("number", "number")
        f["mark"] = "EB" if item.get("URL") else "Z"
    edition_in_number = csl_type == "article-newspaper" and "page" in item and "number" not in item
    if edition_in_number:
        text("page", "number")  # a newspaper's 版次: number in biblatex-gb7714
    text("title", "title")
    if gb7714 == "2015" and csl_type in ("standard", "legislation", "regulation"):
        # 标准名称：标准编号 / 题名：文号 (GB/T 7714-2015): style gb7714-2015 prints a title
        # addon after the title with a colon, and has no place for a standard's number otherwise
        # (nor, before v1.1t, for an @online's); gb7714-2025 prints the number itself (标准编号
        # 标准名称, 题名：文号), so there it is written once
        text("number", "titleaddon")
    text("container-title", _container_field(csl_type, biblatex))
    text("collection-title", "series")
    edition = item.get("edition")
    if isinstance(edition, str | int) and not isinstance(edition, bool):
        # as the GB/T 7714 styles print it (8.3.1): no first edition; 7 for 第七版 (-> 7 版),
        # 2 for 2nd (-> 2nd ed.); the record's own spelling travels in citekit-csl
        language = str(item.get("language") or "").split("-")[0].lower()
        cjk = language in ("zh", "ja", "ko") or (not language and is_cjk(str(item.get("title"))))
        normal = normalize_edition(str(edition), "zh" if cjk else "en")
        if normal is not None:
            f["edition"] = latex_escape(normal.removesuffix(" 版"))
    volume = item.get("volume")
    addon = "booktitleaddon" if csl_type in _IN_BOOK else "titleaddon"
    if isinstance(volume, str) and (m := _VOLUME_RE.match(volume)):
        f["volume"] = m[1]  # 第1卷 -> 1: the styles add 第 … 卷 themselves
    elif (
        biblatex
        and csl_type not in _PERIODICAL
        and csl_type != "periodical"  # a serial's holdings (1984, 1(1)-) are its volume
        and isinstance(volume, str)
        and volume.strip()
        and not _NUMBERED_RE.match(volume)
        and addon not in f
    ):
        # biblatex's volume is an integer field, and biblatex-gb7714 wraps it in 第 … 卷
        # (第上册卷): a volume such as 上册 is other title information, as GB/T 7714 prints it
        f[addon] = latex_escape(volume)
    else:
        text("volume", "volume")
    text("genre", "type")
    if csl_type in _PERIODICAL or csl_type == "periodical":
        text("issue", "number")
        if csl_type in _ARTICLE_NUMBERED:
            text("number", "eid")  # an article number (2025: 45（增刊1）：730570): eid
    else:
        text("number", "number")
        text("issue", "issue")
    page = item.get("page")
    if isinstance(page, str | int) and not isinstance(page, bool) and not edition_in_number:
        f["pages"] = latex_escape(str(page)).replace("-", "--")
    text("event-title", "eventtitle")
    text("event-place", "venue")
    text("publisher-place", "location" if biblatex else "address")
    text("publisher", _publisher_field(csl_type, biblatex))
    text("authority", "organization")
    if isinstance(item.get("issued"), Mapping):
        f.update(_date_fields(item["issued"], biblatex))
    if isinstance(item.get("accessed"), Mapping) and (acc := _accessed_field(item["accessed"])):
        f["urldate"] = acc
    for var, field in (("URL", "url"), ("DOI", "doi")):
        link = item.get(var)
        if isinstance(link, str):
            # Verbatim fields (url package, biber): braces and backslashes would end the field
            # early; RFC 3986 allows none of them, so their percent-encoding means the same.
            f[field] = link.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    lang = item.get("language")
    if isinstance(lang, str):
        if lang in _LANGID_OUT:
            f["langid"] = _LANGID_OUT[lang]
        else:
            f["language"] = latex_escape(lang)
    for var, field in _EXTRA_TEXT.items():
        text(var, field)
    text("note", "note")
    custom = item.get("custom")
    if isinstance(custom, Mapping) and isinstance(custom.get("bibtex"), Mapping):
        for field, value in custom["bibtex"].items():
            key = str(field).lower()
            if (
                isinstance(value, str)
                and key not in f
                and _FIELD_RE.match(key)
                and _balanced(value)
                and not value.endswith("\\")
            ):
                f[key] = value  # as it was written in the .bib it came from
    return etype, f


# ------------------------------------------------------------------------------ fields -> CSL


def _parse_date(text: str) -> dict[str, Any]:
    try:
        return PartialDate.parse(text).to_csl()
    except DateError:
        return PartialDate.raw(text).to_csl()


def _month(text: str) -> int | None:
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    return _MONTHS.get(t[:3])


def _fields_to_csl(
    etype: str, fields: Mapping[str, str], warn: Any = None
) -> tuple[dict[str, Any], set[str]]:
    """Native BibTeX fields -> CSL-JSON variables, and the set of fields that were used.

    ``warn(field, message)`` is called for values that were kept but could not be read.
    """
    f = {k.lower(): v for k, v in fields.items()}
    used: set[str] = set()
    out: dict[str, Any] = {}

    def take(field: str) -> str | None:
        if field in f and field not in used:
            used.add(field)
            return f[field]
        return None

    def text(var: str, *candidates: str) -> None:
        if var in out:
            return
        for field in candidates:
            value = take(field)
            if value is not None:
                out[var] = latex_unescape(value)
                return

    subtype = (f.get("entrysubtype") or "").strip().lower()
    csl_type = _IN_TYPES.get(etype.lower(), "document")
    if etype.lower() == "article" and subtype in _SUBTYPES:
        csl_type = _SUBTYPES[subtype]
        used.add("entrysubtype")
    elif subtype in CSL_TYPES:
        csl_type = subtype
        used.add("entrysubtype")
    out["type"] = csl_type

    for var, field in _NAME_FIELDS:
        value = take(field)
        if value is not None:
            out[var] = parse_bibtex_names(value)
    if etype.lower() == "archive" or (csl_type in _ARCHIVE_TYPES and "institution" in f):
        text("archive", "institution")
        text("archive-place", "location")
        text("archive_location", "number")
    if csl_type in ("legislation", "regulation") and "mark" in f:
        used.add("mark")  # the type code citekit writes; the type is in entrysubtype
    if csl_type == "article-newspaper" and "pages" not in f:
        text("page", "number")  # @newspaper number is the 版次
    text("title", "title")
    addon = take("titleaddon")
    if addon is not None and addon == f.get("number"):
        addon = None  # the number written again for the title (a standard, a policy document)
    _join(out, "title", [take("subtitle"), addon])
    if csl_type in _WEB:
        text("container-title", "organization")
    text("container-title", "journaltitle", "journal", "booktitle", "howpublished")
    _join(out, "container-title", [take("booksubtitle"), take("booktitleaddon")])
    text("collection-title", "series")
    text("edition", "edition")
    text("genre", "type")
    text("volume", "volume")
    if csl_type in _PERIODICAL or csl_type == "periodical":
        text("issue", "number", "issue")
        if csl_type in _ARTICLE_NUMBERED:
            text("number", "eid")
    else:
        text("number", "number")
        text("issue", "issue")
    pages = take("pages")
    if pages is not None:
        out["page"] = latex_unescape(pages.replace("--", "-"))
    text("event-title", "eventtitle")
    text("event-place", "venue")
    text("publisher-place", "location", "address")
    text("publisher", "publisher", "institution", "school")
    text("authority", "organization")

    date = take("date")
    if date is not None:
        out["issued"] = _parse_date(date.strip())
        if warn and "raw" in out["issued"]:
            warn("date", f"date {date.strip()!r} is not one day, month or year; kept as written")
        if "year" in f:
            used.add("year")
            used.update(k for k in ("month", "day") if k in f)
    elif "year" in f:
        year = latex_unescape(take("year") or "")
        month = take("month")
        day = take("day")
        parts = [year]
        m = _month(month) if month is not None else None
        if month is not None and m is None and warn:
            warn("month", f"month {month!r} is not a month; ignored")
        if m is not None:
            parts.append(str(m))
            if day is not None and day.strip().isdigit():
                parts.append(day.strip())
        out["issued"] = _parse_date("-".join(parts))
        if warn and "raw" in out["issued"]:
            warn("year", f"year {year!r} is not a date; kept as written")
    urldate = take("urldate")
    if urldate is not None:
        out["accessed"] = _parse_date(latex_unescape(urldate))
        if warn and "raw" in out["accessed"]:
            warn("urldate", f"urldate {urldate!r} is not a date; kept as written")
    for var, field in (("URL", "url"), ("DOI", "doi")):
        value = take(field)
        if value is not None:
            out[var] = value.strip(_ASCII_WS)
    langid = take("langid")
    language = take("language")
    for value in (langid, language):
        if value is not None and "language" not in out:
            word = latex_unescape(value)
            out["language"] = _LANGID_IN.get(word, _LANGID_IN.get(word.lower(), word))
    for var, field in _EXTRA_TEXT.items():
        text(var, field)
    text("note", "note")
    return out, used


def _join(out: dict[str, Any], var: str, parts: list[str | None]) -> None:
    """Title + subtitle / title addon as one title (GB/T 7714 其他题名信息 after a colon,
    full-width in a Chinese title)."""
    for part in parts:
        if part is None or not latex_unescape(part):
            continue
        text = latex_unescape(part)
        head = str(out.get(var) or "")
        colon = "：" if is_cjk(head + text) else ": "
        out[var] = f"{head}{colon}{text}" if head else text


def _read_fields(etype: str, fields: Mapping[str, str], warn: Any = None) -> dict[str, Any]:
    """Native fields -> CSL item; fields citekit has no variable for go to ``custom.bibtex``."""
    item, used = _fields_to_csl(etype, fields, warn)
    unknown = {k: v for k, v in fields.items() if k not in used}
    if unknown:
        item["custom"] = {"bibtex": unknown}
    return item


# ------------------------------------------------------------------------------ JSON carriers

_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _json_field(value: Any) -> str:
    """Compact JSON whose braces inside strings are \\u-escaped (the structural ones balance)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_STRING_RE.sub(
        lambda m: m.group().replace("{", "\\u007b").replace("}", "\\u007d"), text
    )


def _carried(item: Mapping[str, Any], back: Mapping[str, Any]) -> list[list[Any]]:
    """CSL variables that the native fields do not give back exactly, in a stable order."""
    return [
        [var, item.get(var)]
        for var in sorted(set(item) | set(back))
        if var != "id" and item.get(var) != back.get(var)
    ]
