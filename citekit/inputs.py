"""INPUT, everywhere in citekit: the one dispatcher from a path to records.

An input is ``refs/`` (or one YAML file in it), or a file in any format citekit imports:
CSL-JSON, BibTeX, RIS, EndNote tagged and XML, NoteExpress, RefWorks, CNKI's own export, or a
formatted GB/T 7714
list (``gbt-text``; also a .docx holding one). The format is detected from the content (see
:mod:`citekit.formats.detect`), or named with ``fmt``. ``-`` is standard input. Inputs are
bounded: a file over :data:`MAX_BYTES` is refused.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError, FormatError, InputError
from .formats.detect import FORMATS, SUFFIXES, detect_format
from .model import Library, Reference
from .problems import Problems

__all__ = [
    "INPUT_KINDS",
    "MAX_BYTES",
    "NATIVE",
    "TEXT_AS",
    "ImportedFile",
    "LoadedInput",
    "input_kind",
    "load_input",
    "read_input",
    "read_records",
    "source_kind",
]

#: every format ``--from`` accepts (besides ``auto``)
INPUT_KINDS = FORMATS
#: the largest input file read (bytes)
MAX_BYTES = 64 * 1024 * 1024
#: formats citekit writes itself: commands do not announce them
NATIVE = ("refs", "csl-json", "bibtex")
#: what ``citekit build --text-as`` may say a .txt/.docx is
TEXT_AS = ("auto", "document", "gbt-text")


@dataclass
class ImportedFile:
    """The records of one input file, before keys are assigned, and how it was read."""

    source: str
    format: str
    #: why this format: ``has a 'TY  -' line``, ``--from ris``
    reason: str
    records: list[Reference] = field(default_factory=list)
    #: the file's text, for formats whose records do not carry their own lines (CSL-JSON,
    #: BibTeX: :meth:`anchored` gives them)
    text: str = ""

    def anchored(self) -> list[Reference]:
        """The records, each with its place in this file as provenance (the store matches a
        re-imported record by it): CSL-JSON and BibTeX records get the lines from their own
        start to the next record's, and that text; the other formats have theirs already."""
        if not self.text:
            return list(self.records)
        from .model import Location, Provenance

        lines = self.text.split("\n")
        where = "<stdin>" if self.source == "-" else self.source
        starts = [Location.parse(r.origin).start_line if r.origin else None for r in self.records]
        out: list[Reference] = []
        for i, ref in enumerate(self.records):
            start = starts[i]
            if start is None or any(p.file == where for p in ref.provenance):
                out.append(ref)
                continue
            following = [s for s in starts[i + 1 :] if s is not None and s > start]
            end = (following[0] - 1) if following else len(lines)
            while end > start and not lines[end - 1].strip():
                end -= 1
            anchor = Provenance(where, start, end, "\n".join(lines[start - 1 : end]).strip())
            out.append(ref.replace(provenance=(*ref.provenance, anchor)))
        return out


def _read_bytes(path: str) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError("no such file or directory", path)
        if p.is_dir():
            raise InputError("is a directory; only refs/ may be a directory", path)
        if p.stat().st_size > MAX_BYTES:
            raise InputError(f"larger than {MAX_BYTES // 2**20} MiB; split it", path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // 2**20} MiB; split it", path)
    return data


def _decode(data: bytes, path: str) -> str:
    from .documents import decode_bytes

    try:
        text, _enc = decode_bytes(data, path)
    except DocumentError as exc:
        raise FormatError(exc.message, exc.where) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_refs(path: str) -> bool:
    p = Path(path)
    return path != "-" and (p.is_dir() or p.suffix.lower() in (".yaml", ".yml"))


def input_kind(path: str | Path, fmt: str = "auto") -> str:
    """The format of ``path`` (``refs``, ``ris`` ...): named, or detected from its content."""
    return _sniff(str(path), fmt)[0]


def _sniff(path: str, fmt: str) -> tuple[str, str, bytes]:
    if fmt != "auto":
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}", path)
        return fmt, f"--from {fmt}", b"" if fmt == "refs" else _read_bytes(path)
    if _is_refs(path):
        if not Path(path).exists():
            raise InputError("no such file or directory", path)
        return "refs", "refs/ YAML", b""
    data = _read_bytes(path)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        found, reason = detect_format(_docx_text(data, path)[:20_000], ".docx")
        if found is not None:
            found, reason = "gbt-text", f"a .docx document whose text {reason}"
    else:
        found, reason = detect_format(_decode(data, path)[:20_000] if data else "", suffix)
    if found is None:
        raise InputError(
            f"not a reference input ({reason}): expected refs/ or a .yaml file, CSL-JSON, "
            "BibTeX, RIS, EndNote (.enw or XML), NoteExpress, RefWorks or a GB/T 7714 list; "
            "name the format with --from",
            path,
        )
    return found, reason, data


def _docx_text(data: bytes, path: str) -> str:
    """The text of a .docx (a thesis whose reference list is to be read); "" if unreadable."""
    from .documents import _docx_text as docx_text

    try:
        return docx_text(data, path)
    except DocumentError:
        return ""


def _text_of(data: bytes, path: str, fmt: str) -> str:
    if fmt == "gbt-text" and (path.lower().endswith(".docx") or data[:4] == b"PK\x03\x04"):
        return _docx_text(data, path)
    return _decode(data, path)


def read_records(path: str, fmt: str = "auto", problems: Problems | None = None) -> ImportedFile:
    """The records of one input file (ids as the file gives them, empty for most formats)."""
    problems = problems if problems is not None else Problems()
    kind, reason, data = _sniff(path, fmt)
    if kind == "refs":
        from .store import load_refs

        return ImportedFile(path, kind, reason, list(load_refs(path, problems)))
    where = "<stdin>" if path == "-" else path
    if kind == "endnote-xml":
        from .formats.endnote_xml import read_endnote_xml

        return ImportedFile(path, kind, reason, read_endnote_xml(data, where, problems))
    text = _text_of(data, where, kind)
    refs: list[Reference]
    if kind == "csl-json":
        from .formats.csljson import from_csl_json

        refs = list(from_csl_json(text, where, problems))
        return ImportedFile(path, kind, reason, refs, text)
    elif kind == "bibtex":
        from .formats.bibtex import from_bibtex

        refs = list(from_bibtex(text, where, problems))
        return ImportedFile(path, kind, reason, refs, text)
    elif kind == "ris":
        from .formats.ris import read_ris

        refs = read_ris(text, where, problems)
    elif kind == "enw":
        from .formats.endnote import read_endnote

        refs = read_endnote(text, where, problems)
    elif kind == "noteexpress":
        from .formats.noteexpress import read_noteexpress

        refs = read_noteexpress(text, where, problems)
    elif kind == "refworks":
        from .formats.refworks import read_refworks

        refs = read_refworks(text, where, problems)
    elif kind == "cnki":
        from .formats.cnki import read_cnki

        refs = read_cnki(text, where, problems)
    else:
        from .formats.gbt_text import read_gbt_text

        refs = read_gbt_text(text, where, problems)
    return ImportedFile(path, kind, reason, refs)


@dataclass(frozen=True)
class LoadedInput:
    """An input's records, keyed, and the format they were read as."""

    library: Library
    source: str
    format: str
    reason: str

    @property
    def note(self) -> str | None:
        """``lib.ris: read as ris (has a 'TY  -' line), 12 record(s)`` for a format citekit
        does not write itself (commands print it on stderr); None for refs/, CSL-JSON, BibTeX."""
        if self.format in NATIVE:
            return None
        count = len(self.library)
        return f"{self.source}: read as {self.format} ({self.reason}), {count} record(s)"


def read_input(
    path: str | Path, problems: Problems | None = None, fmt: str = "auto"
) -> LoadedInput:
    """:func:`load_input`, also saying which format the records were read as."""
    from .keys import assign_keys

    problems = problems if problems is not None else Problems()
    imported = read_records(str(path), fmt, problems)
    lib: Library
    if imported.format == "refs":
        from .redirects import attach_redirects

        # Keys merged away by `citekit merge` still find their survivor (with a note).
        lib = attach_redirects(Library(imported.records), path, problems)
    elif imported.format in ("csl-json", "bibtex"):
        lib = Library(imported.records)
    else:
        lib = Library(assign_keys(imported.records))
    return LoadedInput(lib, str(path), imported.format, imported.reason)


def load_input(path: str | Path, problems: Problems | None = None, fmt: str = "auto") -> Library:
    """Load records from ``path``; malformed items go to ``problems``, the rest still load.

    Records without a key get one (those that bring their own keep it where it is unique).
    """
    return read_input(path, problems, fmt).library


def source_kind(path: str, text_as: str = "auto") -> tuple[str, str]:
    """What ``citekit build`` does with ``path``: ``("document", why)`` to extract it, else
    ``(format, why)`` to import it.

    A file whose name is not a reference format's (.txt, .docx, .md …) is a document unless its
    content is a reference export or a GB/T 7714 list
    (:func:`citekit.formats.detect.document_or_list`); ``text_as`` (``document``,
    ``gbt-text``) decides for them instead. A .ris, .bib, .json … is a reference file of the
    format its content shows. Raises InputError for one that is not, and for refs/ YAML.
    """
    if text_as not in TEXT_AS:
        raise InputError(f"unknown --text-as {text_as!r}; one of: {', '.join(TEXT_AS)}", path)
    if Path(path).suffix.lower() not in SUFFIXES:
        if text_as != "auto":
            return text_as, f"--text-as {text_as}"
        from .formats.detect import document_or_list

        try:
            data = _read_bytes(path)
            if Path(path).suffix.lower() == ".docx" or data[:4] == b"PK\x03\x04":
                text = _docx_text(data, path)
            else:
                text = _decode(data, path)
        except InputError as exc:
            # Unreadable here is unreadable for extraction too: it reports the error (E100).
            return "document", f"a document ({exc.message})"
        return document_or_list(text)
    kind, reason, _data = _sniff(path, "auto")
    if kind == "refs":
        raise InputError(
            "a refs/ YAML file: build reads the library itself (--refs names its directory)",
            path,
        )
    return kind, reason
