"""A .docx opened at the zip level: parts are parsed on demand, untouched parts stay byte-identical.

Consumes a .docx path, produces the same package with only the changed XML parts rewritten
(every other zip entry — images, styles, comments, settings — is copied byte for byte, with its
original name, order, timestamp and compression). python-docx would re-serialize every part it
knows; citing a report must not.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import CitationError
from .ooxml import PKG_REL_NS, W_NS, Element

__all__ = ["DocxPackage", "StoryPart"]

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_HYPERLINK = _RT + "hyperlink"
_STORY_TYPES = {
    _RT + "header": "header",
    _RT + "footer": "footer",
    _RT + "footnotes": "footnotes",
    _RT + "endnotes": "endnotes",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True, remove_blank_text=False
)

#: the most a package may hold once unzipped (all parts together), in bytes; a 300-page report
#: with its pictures is a few tens of MB. ``CITEKIT_MAX_DOCX_BYTES`` overrides it.
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
#: the most zip entries a package may have
MAX_ENTRIES = 10_000
_READ_CHUNK = 1 << 20


def _max_package_bytes() -> int:
    """The size limit in force (the environment may raise or lower it)."""
    value = os.environ.get("CITEKIT_MAX_DOCX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_PACKAGE_BYTES


def _read_bounded(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], where: str
) -> dict[str, bytes]:
    """Every entry's bytes, refusing a zip bomb from the declared *and* the actual sizes.

    The declared sizes are checked before anything is inflated; each entry is then read in
    chunks and counted, so an entry that inflates to more than it declares is refused too
    without ever holding more than the limit in memory.
    """
    limit = _max_package_bytes()
    if len(infos) > MAX_ENTRIES:
        raise CitationError(
            f"not a usable .docx: {len(infos)} zip entries (at most {MAX_ENTRIES})", where
        )
    declared = sum(i.file_size for i in infos)
    if declared > limit:
        biggest = max(infos, key=lambda i: i.file_size)
        raise CitationError(
            f"refused: the package would unzip to {declared:,} bytes ({biggest.filename!r} alone "
            f"{biggest.file_size:,}), more than the limit of {limit:,} "
            "(a zip bomb? set CITEKIT_MAX_DOCX_BYTES to allow a bigger document)",
            where,
        )
    data: dict[str, bytes] = {}
    total = 0
    for info in infos:
        chunks = []
        with zf.open(info) as fh:
            while chunk := fh.read(_READ_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise CitationError(
                        f"refused: {info.filename!r} unzips to more than it declares and the "
                        f"package to more than {limit:,} bytes (a zip bomb?)",
                        where,
                    )
                chunks.append(chunk)
        data[info.filename] = b"".join(chunks)
    return data


def _has_doctype(blob: bytes) -> bool:
    """True when an XML part declares a DTD (which may define entities) near its start.

    A DTD must stand before the root element; markup in text is escaped, so the bytes
    ``<!DOCTYPE`` in a part's head mean a declaration (zero bytes dropped for UTF-16 parts).
    Parts that are parsed are checked once more on the parsed tree (:meth:`DocxPackage.xml`).
    """
    return b"<!DOCTYPE" in blob[:8192].replace(b"\x00", b"").upper()


@dataclass
class StoryPart:
    """One XML part holding text: the main document, a header/footer, footnotes or endnotes."""

    kind: str  # document | header | footer | footnotes | endnotes
    name: str  # zip entry name, e.g. word/header1.xml
    root: Element


@dataclass
class DocxPackage:
    """The zip entries of a .docx, with XML parts parsed lazily and tracked when changed."""

    path: str
    infos: list[zipfile.ZipInfo]
    data: dict[str, bytes]
    _xml: dict[str, Element] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, path: str | Path) -> DocxPackage:
        """Read ``path``; raise :class:`CitationError` when it is not a readable .docx."""
        where = str(path)
        try:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
                data = _read_bounded(zf, infos, where)
        except FileNotFoundError:
            raise CitationError("no such file", where) from None
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            hint = f"not a zip package: {exc}"
            with contextlib.suppress(OSError), open(path, "rb") as fh:
                if fh.read(8) == _OLE_MAGIC:  # Word 97-2003, or an encrypted .docx
                    hint = "a Word 97-2003 .doc or a password-protected file; save it as .docx"
            raise CitationError(f"not a readable .docx ({hint})", where) from None
        pkg = cls(where, infos, data)
        for name, blob in data.items():
            if name.endswith((".xml", ".rels")) and _has_doctype(blob):
                raise CitationError(
                    f"refused: {name} declares a DTD (<!DOCTYPE …>), which Word never writes "
                    "and which can define entities; save the document again in Word or LibreOffice",
                    where,
                )
        if "[Content_Types].xml" not in data:
            raise CitationError("not a .docx: [Content_Types].xml is missing", where)
        pkg.main_part()  # raises when the package has no main document
        return pkg

    # ------------------------------------------------------------------------------- parts

    def xml(self, name: str) -> Element:
        """The parsed root of part ``name`` (parsed once; changes are kept)."""
        if name not in self._xml:
            if name not in self.data:
                raise CitationError(f"the package has no part {name!r}", self.path)
            try:
                root = etree.fromstring(self.data[name], _PARSER)
            except etree.XMLSyntaxError as exc:
                raise CitationError(f"broken XML in {name}: {exc}", self.path) from None
            if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
                raise CitationError(f"refused: {name} declares a DTD (<!DOCTYPE …>)", self.path)
            self._xml[name] = root
        return self._xml[name]

    def touch(self, name: str) -> None:
        """Mark part ``name`` as changed, so that it is serialized on save."""
        self.dirty.add(name)

    def rels_name(self, part: str) -> str:
        """``word/document.xml`` -> ``word/_rels/document.xml.rels``."""
        head, tail = posixpath.split(part)
        return posixpath.join(head, "_rels", tail + ".rels")

    def relationships(self, part: str) -> list[Element]:
        """The ``Relationship`` elements of ``part`` (empty when it has none)."""
        rels = self.rels_name(part)
        if rels not in self.data:
            return []
        return list(self.xml(rels).iter(f"{{{PKG_REL_NS}}}Relationship"))

    def target(self, part: str, rel: Element) -> str:
        """The part name a relationship of ``part`` points to."""
        base = posixpath.dirname(part)
        target = rel.get("Target", "")
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(base, target))

    def main_part(self) -> str:
        """Name of the main document part (``word/document.xml`` as a rule)."""
        for rel in self.relationships(""):
            if rel.get("Type") == RT_OFFICE_DOCUMENT:
                name = self.target("", rel)
                if name in self.data:
                    return name
        raise CitationError("not a .docx: it has no main document part", self.path)

    def related(self, part: str, kind: str) -> Element | None:
        """The first part ``part`` relates to with a relationship type ending in ``/kind``."""
        for rel in self.relationships(part):
            if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
                name = self.target(part, rel)
                if name in self.data:
                    return self.xml(name)
        return None

    def story_parts(self) -> list[StoryPart]:
        """The main document, then headers/footers and foot/endnotes, in relationship order."""
        main = self.main_part()
        root = self.xml(main)
        if root.tag != f"{{{W_NS}}}document":
            raise CitationError(
                "not a Word document in the usual format (Strict Open XML?); "
                "save it as 'Word Document (.docx)'",
                self.path,
            )
        parts = [StoryPart("document", main, root)]
        seen = {main}
        for rel in self.relationships(main):
            kind = _STORY_TYPES.get(rel.get("Type", ""))
            if kind is None or rel.get("TargetMode") == "External":
                continue
            name = self.target(main, rel)
            if name in seen or name not in self.data:
                continue
            seen.add(name)
            parts.append(StoryPart(kind, name, self.xml(name)))
        return parts

    def add_part(self, name: str, root: Element) -> None:
        """Add a new XML part ``name`` (its content type and relationship are the caller's)."""
        self._xml[name] = root
        self.data[name] = b""
        self.infos.append(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)))
        self.touch(name)

    def add_relationship(
        self, part: str, rel_type: str, target: str, *, external: bool = False
    ) -> str:
        """Add a relationship from ``part`` (``""``: the package) and return its new id."""
        rels_name = self.rels_name(part)
        if rels_name not in self.data:
            root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})  # type: ignore[dict-item]
            self.add_part(rels_name, root)
        root = self.xml(rels_name)
        ids = {rel.get("Id") for rel in self.relationships(part)}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", rel_type)
        if part == "":
            target = target.lstrip("/")
        rel.set("Target", target)
        if external:
            rel.set("TargetMode", "External")
        self.touch(rels_name)
        return f"rId{n}"

    def hyperlink_id(self, part: str, url: str) -> str:
        """The relationship id of an external hyperlink to ``url`` from ``part``, added if new."""
        for rel in self.relationships(part):
            if (
                rel.get("Type") == RT_HYPERLINK
                and rel.get("Target") == url
                and rel.get("TargetMode") == "External"
            ):
                return str(rel.get("Id"))
        return self.add_relationship(part, RT_HYPERLINK, url, external=True)

    # ------------------------------------------------------------------------------- output

    def to_bytes(self) -> bytes:
        """The package as .docx bytes: changed parts re-serialized, the rest copied as read."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as out:
            for info in self.infos:
                name = info.filename
                if name in self.dirty:
                    blob = etree.tostring(
                        self._xml[name], xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                    fresh = zipfile.ZipInfo(name, date_time=info.date_time)
                    fresh.compress_type = zipfile.ZIP_DEFLATED
                    fresh.external_attr = info.external_attr
                    out.writestr(fresh, blob)
                else:
                    out.writestr(info, self.data[name])
        return buf.getvalue()
