"""Zotero's "Extra" field: ``key: value`` lines in ``note`` -> CSL variables.

Zotero has no field for many CSL variables (``original-title``, ``archive``, ``event-title``,
``number`` of most types ...); users write them as lines ``key: value`` in Extra, which Zotero's
CSL-JSON export passes on in ``note``. citeproc-js reads them as CSL variables; so does citekit
before rendering. A line names a CSL variable (``original-date``, ``DOI``) or a Zotero field
(``archiveLocation``, ``Place``); ``type: dataset`` changes the type. Values never override a
variable the item already has (except ``type``); the lines read are removed from ``note``.
Names are ``Family || Given`` or one literal name; dates are ``YYYY[-MM[-DD]]`` (else literal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import CSL_TYPES

__all__ = ["read_extra"]

#: CSL 1.0.2 variables a line may name (lower-case; the item's spelling is in the value)
_TEXT = {
    v.lower(): v
    for v in [
        "abstract",
        "annote",
        "archive",
        "archive_collection",
        "archive_location",
        "archive-place",
        "authority",
        "call-number",
        "chapter-number",
        "citation-key",
        "collection-number",
        "collection-title",
        "container-title",
        "container-title-short",
        "dimensions",
        "division",
        "DOI",
        "edition",
        "event-place",
        "event-title",
        "genre",
        "ISBN",
        "ISSN",
        "issue",
        "jurisdiction",
        "language",
        "license",
        "medium",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "original-publisher",
        "original-publisher-place",
        "original-title",
        "page",
        "part-number",
        "part-title",
        "PMCID",
        "PMID",
        "publisher",
        "publisher-place",
        "references",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "section",
        "source",
        "status",
        "title",
        "title-short",
        "URL",
        "version",
        "volume",
        "volume-title",
        "year-suffix",
    ]
}
_NAMES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
_DATES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
#: Zotero field names (Extra accepts them too) -> CSL variables
_ZOTERO = {
    "archivelocation": "archive_location",
    "loc. in archive": "archive_location",
    "place": "publisher-place",
    "eventplace": "event-place",
    "conferencename": "event-title",
    "proceedingstitle": "container-title",
    "bookauthor": "container-author",
    "originaldate": "original-date",
    "originaltitle": "original-title",
    "accessdate": "accessed",
    "date": "issued",
    "versionnumber": "version",
    "series": "collection-title",
    "seriesnumber": "collection-number",
}
_LINE = re.compile(r"^\s*\{?:?\s*([A-Za-z][A-Za-z0-9 ._-]*?)\s*:\s*(.+?)\s*\}?\s*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_TYPES = CSL_TYPES  # the item types Zotero's "type:" line may name


def _variable(key: str) -> str | None:
    k = key.strip().lower()
    k = _ZOTERO.get(k.replace(" ", "").replace("_", ""), k) if k not in _TEXT else k
    k = _ZOTERO.get(k, k)
    for candidate in (k, k.replace(" ", "-"), k.replace(" ", "_")):
        if candidate in _TEXT:
            return _TEXT[candidate]
        if candidate in _NAMES or candidate in _DATES or candidate == "type":
            return candidate
    return None


def _date(value: str) -> dict[str, Any]:
    m = _DATE.match(value.strip())
    if not m:
        return {"literal": value.strip()}
    return {"date-parts": [[int(p) for p in m.groups() if p]]}


def _name(value: str) -> dict[str, str]:
    if "||" in value:
        family, given = (p.strip() for p in value.split("||", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": value.strip()}


def read_extra(item: Mapping[str, Any]) -> dict[str, Any]:
    """``item`` with the ``key: value`` lines of its ``note`` read as CSL variables."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return dict(item)
    out = dict(item)
    kept: list[str] = []
    for line in note.splitlines():
        m = _LINE.match(line)
        var = _variable(m[1]) if m else None
        if m is None or var is None:
            kept.append(line)
            continue
        value = m[2]
        if var == "type":
            if value.strip() in _TYPES:
                out["type"] = value.strip()
            else:
                kept.append(line)
        elif var in _NAMES:
            names = out.get(var)
            # several lines add several names (author: A || B, author: C || D)
            if isinstance(names, list) and var not in item:
                names.append(_name(value))
            elif var not in item:
                out[var] = [_name(value)]
        elif var in item:
            continue  # the item's own field wins; the line is read, not kept
        elif var in _DATES:
            out[var] = _date(value)
        else:
            out[var] = value
    rest = "\n".join(kept).strip()
    if rest:
        out["note"] = rest
    else:
        out.pop("note", None)
    return out
