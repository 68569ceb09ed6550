"""Zotero's document preferences in a .docx: custom properties ``ZOTERO_PREF_1``, ``_2`` …

Consumes a :class:`~citekit.docx.package.DocxPackage` and the style the citations were made
in; produces ``docProps/custom.xml`` entries holding Zotero's document data. Zotero's Word
plugin only treats a document as its own when it finds them: without them, "Refresh" answers
that a citation must be inserted first. Word cuts a property value at 255 characters, so the
data is split into numbered properties. Preferences written by Zotero itself (another session
id) are left alone: the user's choice of style wins.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..xmltext import xml_safe
from .package import DocxPackage

__all__ = ["SESSION_ID", "ZOTERO_STYLES", "write_zotero_prefs", "zotero_prefs"]

_STYLE_RE = re.compile(r'<style\b[^>]*\bid="([^"]*)"')

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the user-defined property set
PREFIX = "ZOTERO_PREF_"
CHUNK = 255
#: marks preferences citekit wrote (Zotero's own session ids are random)
SESSION_ID = "citekit1"

#: the Zotero style repository's GB/T 7714 styles, for a style that has no id of its own
ZOTERO_STYLES = {
    True: "http://www.zotero.org/styles/china-national-standard-gb-t-7714-2015-numeric",
    False: "http://www.zotero.org/styles/china-national-standard-gb-t-7714-2015-author-date",
}


def zotero_prefs(style_id: str, locale: str = "zh-CN", *, notes: bool = False) -> str:
    """Zotero's document data (data-version 3) naming ``style_id`` and fields as field type.

    ``notes``: the citations are footnotes (Zotero's ``noteType`` 1).
    """
    note_pref = '<pref name="noteType" value="1"/>' if notes else ""
    return (
        '<data data-version="3" zotero-version="7.0">'
        f'<session id="{SESSION_ID}"/>'
        f'<style id={quoteattr(style_id)} locale={quoteattr(locale)} hasBibliography="1" '
        'bibliographyStyleHasBeenSet="1"/>'
        f'<prefs><pref name="fieldType" value="Field"/>{note_pref}</prefs></data>'
    )


def _properties(pkg: DocxPackage) -> tuple[str, etree._Element]:
    """The custom properties part (created, with its content type and relationship)."""
    for rel in pkg.relationships(""):
        if rel.get("Type") == CUSTOM_RT:
            name = rel.get("Target", "").lstrip("/")
            if name in pkg.data:
                return name, pkg.xml(name)
    name = "docProps/custom.xml"
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    pkg.add_part(name, root)
    types = pkg.xml("[Content_Types].xml")
    override = etree.SubElement(types, f"{{{CT_NS}}}Override")
    override.set("PartName", f"/{name}")
    override.set("ContentType", CUSTOM_CT)
    pkg.touch("[Content_Types].xml")
    pkg.add_relationship("", CUSTOM_RT, name)
    return name, root


def write_zotero_prefs(pkg: DocxPackage, style_id: str, *, notes: bool = False) -> str | None:
    """Store Zotero document preferences for ``style_id``.

    Returns None when written (or already right); when preferences Zotero itself wrote are
    there they are kept, and the style they name is returned (possibly ``""``).
    """
    name, root = _properties(pkg)
    props = root.findall(f"{{{CUSTOM_NS}}}property")
    ours = [p for p in props if (p.get("name") or "").startswith(PREFIX)]
    if ours:
        existing = "".join(p.findtext(f"{{{VT_NS}}}lpwstr") or "" for p in ours)
        if f'<session id="{SESSION_ID}"/>' not in existing:
            m = _STYLE_RE.search(existing)
            return m.group(1) if m else ""
    wanted = zotero_prefs(style_id, notes=notes)
    chunks = [wanted[i : i + CHUNK] for i in range(0, len(wanted), CHUNK)]
    current = sorted(
        ((p.get("name") or "", p.findtext(f"{{{VT_NS}}}lpwstr") or "") for p in ours),
        key=lambda kv: int(kv[0][len(PREFIX) :] or 0) if kv[0][len(PREFIX) :].isdigit() else 0,
    )
    if current == [(f"{PREFIX}{i}", c) for i, c in enumerate(chunks, 1)]:
        return None
    for p in ours:
        root.remove(p)
    pids = [int(p.get("pid", "1")) for p in root.findall(f"{{{CUSTOM_NS}}}property")]
    pid = max([1, *pids]) + 1
    for i, chunk in enumerate(chunks, 1):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        prop.set("fmtid", FMTID)
        prop.set("pid", str(pid))
        prop.set("name", f"{PREFIX}{i}")
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = xml_safe(chunk)
        pid += 1
    pkg.touch(name)
    return None
