"""EndNote XML (``<xml><records><record>`` ...) -> records.

Parsed with lxml with entity resolution, DTD loading and network access off and the huge-tree
guard on, so a hostile file cannot expand entities or reach out. Element paths under
``<record>`` map through ``citekit/data/import_fields.yaml`` (``endnote-xml``); the type is the
``name`` of ``<ref-type>``. A file that is not well-formed XML raises FormatError at its line.
"""

from __future__ import annotations

from lxml import etree

from ..errors import FormatError
from ..model import Reference
from ..problems import Problems
from .tagged import TaggedRecord, field_table, records_to_refs

__all__ = ["read_endnote_xml"]

#: a record's serialised raw text kept in provenance is cut here
_RAW_LIMIT = 20_000


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
    )


def _text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext()).strip()


def _line(el: etree._Element, default: int = 1) -> int:
    """The element's 1-based source line (lxml may not know it)."""
    line = el.sourceline
    return line if isinstance(line, int) and line > 0 else default


def read_endnote_xml(data: bytes, where: str, problems: Problems) -> list[Reference]:
    """Every ``<record>`` of an EndNote XML export (ids empty)."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 1
        raise FormatError(f"malformed EndNote XML: {exc.msg}", f"{where}:{line}") from None
    paths = field_table("endnote-xml")[1]
    records: list[TaggedRecord] = []
    found = root.iter("record")
    for rec_el in found:
        start = _line(rec_el)
        raw = etree.tostring(rec_el, encoding="unicode")[:_RAW_LIMIT]
        rec = TaggedRecord(where, start, start + raw.count("\n"), raw)
        ref_type = rec_el.find("ref-type")
        if ref_type is not None:
            rec.add("ref-type", ref_type.get("name") or _text(ref_type), start)
        for path in paths:
            if path == "ref-type":
                continue
            for el in rec_el.iterfind(path):
                value = _text(el)
                if value:
                    rec.add(path, value, _line(el, start))
        known = {p.split("/")[0] for p in paths}
        for child in rec_el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in known and _text(child):
                rec.add(tag, _text(child), _line(child, start))
        records.append(rec)
    if not records:
        problems.add(where, "E434", "no <record> in this EndNote XML file")
    return records_to_refs(records, "endnote-xml", problems)
