"""Source documents: bytes on disk -> :class:`Document` (decoded text with 1-based lines).

Encodings: UTF-8 with or without BOM, UTF-16/32 (BOM, or NUL-pattern detected), GB18030 (a
superset of GBK and GB2312). ``.docx`` input is read as its paragraphs, one per line. A file that
cannot be read raises :class:`~citekit.errors.DocumentError` naming it.

Reading is bounded: a document larger than :data:`MAX_DOCUMENT_BYTES` (64 MB; the
``CITEKIT_MAX_DOCUMENT_MB`` environment variable or ``max_bytes`` changes it) is refused, and
so are FIFOs, sockets and devices (checked before reading, so nothing ever blocks on them).
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import DocumentError

__all__ = ["MAX_DOCUMENT_BYTES", "Document", "decode_bytes", "max_document_bytes", "read_document"]

#: the largest document read by default (bytes); see :func:`max_document_bytes`
# Extraction peaks at about six times the document's size (benchmarks/bench_store.py): 64 MB
# keeps it under 500 MB. A year of bulletins is a few MB.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_DOCX_XML_LIMIT = 512 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded source document."""

    #: path as given by the user (used in provenance and messages)
    path: str
    text: str
    #: the encoding it was read with (``utf-8``, ``gb18030``, ``utf-16-le``, ``docx``)
    encoding: str

    @property
    def lines(self) -> list[str]:
        """The text split into lines (line N is ``lines[N - 1]``)."""
        return self.text.split("\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the NUL pattern of mostly-ASCII or CJK text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > half * 0.3 and even_nul == 0:
        return "utf-16-le"
    if even_nul > half * 0.3 and odd_nul == 0:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, where: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)`` or raise DocumentError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"invalid {enc} after byte-order mark: {exc.reason} "
                    f"at byte {exc.start + len(bom)}",
                    where,
                ) from None
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes); expected text or .docx", where)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"neither UTF-8, UTF-16 nor GB18030 (undecodable byte at offset {exc.start})", where
        ) from None
    return text, "gb18030"


def _normalize_newlines(text: str) -> str:
    if "\r" not in text:
        return text  # (one scan instead of two for the usual text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _docx_text(data: bytes, where: str) -> str:
    """Paragraph texts of a .docx body (tables included), one paragraph per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            size = zf.getinfo("word/document.xml").file_size
            if size > _DOCX_XML_LIMIT:
                raise DocumentError(
                    f"its text unpacks to {size / 1048576:.0f} MB (a zip bomb?): refused", where
                )
            xml = zf.read("word/document.xml")
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise DocumentError(f"not a readable .docx ({exc})", where) from None
    paras = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append("\t")
        paras.append("".join(parts))
    return "\n".join(paras)


def max_document_bytes() -> int:
    """The size limit in force: ``CITEKIT_MAX_DOCUMENT_MB`` (a number of MB) or 64 MB."""
    value = os.environ.get("CITEKIT_MAX_DOCUMENT_MB", "").strip()
    try:
        return int(float(value) * 1024 * 1024) if value else MAX_DOCUMENT_BYTES
    except ValueError:
        return MAX_DOCUMENT_BYTES


def _too_big(size: int, limit: int, where: str) -> DocumentError:
    return DocumentError(
        f"too large ({size / 1048576:.1f} MB; the limit is {limit / 1048576:.0f} MB): "
        "split it, or raise the limit with CITEKIT_MAX_DOCUMENT_MB",
        where,
    )


def _read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; never blocks on a FIFO."""
    shown = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", shown) from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError("is a directory, not a document", shown)
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "a device"
        )
        raise DocumentError(f"is {kind}, not a regular file: refused", shown)
    if st.st_size > limit:
        raise _too_big(st.st_size, limit, shown)
    try:
        # O_NONBLOCK: should the path have become a FIFO since stat, open does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", shown) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError("is not a regular file: refused", shown)
        try:
            # a buffer of the file's size, not of the limit (64 MB) for every small file
            want = min(st.st_size, limit) + 1
            data = fh.read(want)
            if len(data) == want and want <= limit:  # it grew since stat: read on to the limit
                data += fh.read(limit + 1 - want)
        except OSError as exc:
            raise DocumentError(f"cannot read: {exc.strerror or exc}", shown) from None
    if len(data) > limit:
        raise _too_big(len(data), limit, shown)
    return data


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read a source document (``-`` is standard input), refusing one above ``max_bytes``."""
    shown = str(path)
    limit = max_document_bytes() if max_bytes is None else max_bytes
    if shown == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big(len(data), limit, shown)
    else:
        data = _read_bounded(path, limit)
    if shown.lower().endswith(".docx") or data[:4] == b"PK\x03\x04":
        return Document(shown, _docx_text(data, shown), "docx")
    text, enc = decode_bytes(data, shown)
    return Document(shown, _normalize_newlines(text), enc)
