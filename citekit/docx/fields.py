"""Zotero-compatible Word fields: a citation carries its items' CSL-JSON, as Zotero's plugin does.

Consumes cited items (key, locator, CSL-JSON) and the text render made of them; produces the
runs of a complex field (``w:fldChar`` begin / ``w:instrText`` / separate / result / end)::

    ADDIN ZOTERO_ITEM CSL_CITATION {"citationID": …, "properties": {"formattedCitation": …,
        "plainCitation": …, "noteIndex": 0}, "citationItems": [{"id": …,
        "uris": ["http://citekit.invalid/items/KEY"], "itemData": {CSL-JSON}, "locator": …,
        "label": …}], "schema": …}
    ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY

(the CSL "embedded citation object", csl-citation.json). Every citation of one record carries
the same URI (:func:`item_uri`, made from its citation key, which never changes its source):
Zotero's Refresh finds no library item for it, uses ``itemData``, and files every citation
with that URI under one embedded item — one number, one entry. With ``"uris": []`` it would
make a new item per citation. Reading a field back (:func:`parse_citation`) is what lets
``citekit cite`` run again on its own output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .ooxml import Element, make_el, make_run, make_text

__all__ = [
    "BIBL_INSTR",
    "CITATION_PREFIX",
    "SCHEMA",
    "FieldItem",
    "citation_id",
    "citation_instr",
    "field_runs",
    "is_bibliography",
    "is_citation",
    "item_uri",
    "parse_citation",
    "rtf",
]

SCHEMA = "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
CITATION_PREFIX = "ADDIN ZOTERO_ITEM CSL_CITATION"
BIBL_INSTR = 'ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY'
#: Word copes with long instrText, but keeps field code pieces short itself; so do we
_INSTR_CHUNK = 4000
#: citation item members citekit writes itself; any others are kept as found
_OWN = frozenset({"itemData", "locator", "label", "prefix", "suffix", "suppress-author"})
#: the URIs citekit gives its records (``.invalid`` is reserved: it never names a real host)
URI_BASE = "http://citekit.invalid/items/"


@dataclass(frozen=True, slots=True)
class FieldItem:
    """One item of a citation field: key, locator and the CSL-JSON stored with it."""

    key: str
    locator: str | None = None
    label: str = "page"
    item_data: Mapping[str, Any] | None = None
    #: what else the field said about the item (Zotero's ``uris``, ``prefix``, its own ``id``…),
    #: written back unchanged so that a Zotero user's items stay linked to their library
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: text shown before / after the item inside the citation (pandoc's ``[see @a, p. 5 and
    #: passim]``: prefix ``see``, suffix ``and passim``), and ``[-@a]``'s suppressed author
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


def item_uri(key: str) -> str:
    """The stable URI of the record ``key`` in Zotero's ``uris`` (same for every citation)."""
    return URI_BASE + quote(key, safe="")


def _uris(key: str, found: object) -> list[str]:
    """The ``uris`` to write: a Zotero library item's own are kept; citekit's are renewed."""
    if isinstance(found, list):
        kept = [u for u in found if isinstance(u, str) and not u.startswith(URI_BASE)]
        if kept:
            return kept
    return [item_uri(key)]


def is_citation(instr: str) -> bool:
    """True for a Zotero citation field code."""
    return instr.strip().startswith("ADDIN ZOTERO_ITEM")


def is_bibliography(instr: str) -> bool:
    """True for a Zotero bibliography field code."""
    return instr.strip().startswith("ADDIN ZOTERO_BIBL")


def citation_id(seed: str, taken: set[str]) -> str:
    """A deterministic 8-character citationID from ``seed``, unique among ``taken``."""
    n = 0
    while True:
        digest = hashlib.sha1(f"{seed}#{n}".encode()).hexdigest()[:8]
        if digest not in taken:
            taken.add(digest)
            return digest
        n += 1


def rtf(text: str, *, superscript: bool = False) -> str:
    """``text`` as the RTF fragment Zotero's Word plugin keeps in ``formattedCitation``."""
    out = []
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        unit = int.from_bytes(data[i : i + 2], "little")
        if unit > 127:
            # RTF \u takes a signed 16-bit number; astral characters go as surrogate pairs
            out.append(f"\\uc0\\u{unit - 65536 if unit > 32767 else unit}{{}}")
        elif chr(unit) in "\\{}":
            out.append("\\" + chr(unit))
        else:
            out.append(chr(unit))
    body = "".join(out)
    if superscript:
        return f"{{\\rtf \\super {body}\\nosupersub{{}}}}"
    return f"{{\\rtf {body}}}"


def citation_instr(
    cid: str,
    items: Sequence[FieldItem],
    plain: str,
    *,
    note_index: int = 0,
    superscript: bool = False,
) -> str:
    """The field code of one citation (JSON in the shape Zotero writes and reads)."""
    cites: list[dict[str, Any]] = []
    for item in items:
        cite: dict[str, Any] = {"id": item.key}
        cite.update(item.extra)
        cite["uris"] = _uris(item.key, item.extra.get("uris"))
        if item.item_data is not None:
            cite["itemData"] = dict(item.item_data)
        if item.locator:
            cite["locator"] = item.locator
            cite["label"] = item.label
        if item.prefix:
            cite["prefix"] = item.prefix
        if item.suffix:
            cite["suffix"] = item.suffix
        if item.suppress_author:
            cite["suppress-author"] = True
        cites.append(cite)
    data = {
        "citationID": cid,
        "properties": {
            "formattedCitation": rtf(plain, superscript=superscript),
            "plainCitation": plain,
            "noteIndex": note_index,
        },
        "citationItems": cites,
        "schema": SCHEMA,
    }
    return f"{CITATION_PREFIX} {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}"


def parse_citation(instr: str) -> tuple[str | None, list[FieldItem]]:
    """Read a citation field code back: (citationID, items). Raises ``ValueError``."""
    body = instr.strip()
    if not body.startswith(CITATION_PREFIX):
        raise ValueError("not a Zotero citation field")
    body = body[len(CITATION_PREFIX) :].strip()
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the citation data is not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("citationItems"), list):
        raise ValueError("the citation data has no citationItems")
    items: list[FieldItem] = []
    for cite in data["citationItems"]:
        if not isinstance(cite, dict):
            raise ValueError("a citation item is not an object")
        item_data = cite.get("itemData")
        key = cite.get("id")
        if isinstance(item_data, dict) and isinstance(item_data.get("id"), str):
            key = item_data["id"] if key is None or not isinstance(key, str) else key
        if key is None:
            raise ValueError("a citation item has no id")
        locator = cite.get("locator")
        items.append(
            FieldItem(
                str(key),
                None if locator in (None, "") else str(locator),
                str(cite.get("label") or "page"),
                item_data if isinstance(item_data, dict) else None,
                {k: v for k, v in cite.items() if k not in _OWN},
                prefix=str(cite.get("prefix") or ""),
                suffix=str(cite.get("suffix") or ""),
                suppress_author=bool(cite.get("suppress-author")),
            )
        )
    cid = data.get("citationID")
    return (None if cid is None else str(cid)), items


def _fld_char(kind: str, rpr: Element | None) -> Element:
    return make_run(rpr, children=[make_el("fldChar", {"fldCharType": kind})])


def field_begin(instr: str, rpr: Element | None) -> list[Element]:
    """The runs that open a field: begin, the code (in chunks), separate."""
    runs = [_fld_char("begin", rpr)]
    padded = f" {instr} "
    for i in range(0, len(padded), _INSTR_CHUNK):
        runs.append(make_run(rpr, children=[make_text(padded[i : i + _INSTR_CHUNK], "instrText")]))
    runs.append(_fld_char("separate", rpr))
    return runs


def field_end(rpr: Element | None) -> Element:
    """The run that closes a field."""
    return _fld_char("end", rpr)


def field_runs(instr: str, result: Sequence[Element], rpr: Element | None) -> list[Element]:
    """A whole one-paragraph field: the code, then the ``result`` runs it shows."""
    return [*field_begin(instr, rpr), *result, field_end(rpr)]
