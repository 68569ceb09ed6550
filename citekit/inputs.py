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
from .formats.detect import FORMATS, detect_format
from .model import Library, Reference
from .problems import Problems

__all__ = [
    "INPUT_KINDS",
    "MAX_BYTES",
    "ImportedFile",
    "input_kind",
    "load_input",
    "read_records",
]

#: every format ``--from`` accepts (besides ``auto``)
INPUT_KINDS = FORMATS
#: the largest input file read (bytes)
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class ImportedFile:
    """The records of one input file, before keys are assigned, and how it was read."""

    source: str
    format: str
    #: why this format: ``has a 'TY  -' line``, ``--from ris``
    reason: str
    records: list[Reference] = field(default_factory=list)


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
    elif kind == "bibtex":
        from .formats.bibtex import from_bibtex

        refs = list(from_bibtex(text, where, problems))
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


def load_input(path: str | Path, problems: Problems | None = None, fmt: str = "auto") -> Library:
    """Load records from ``path``; malformed items go to ``problems``, the rest still load.

    Records without a key (every imported format but refs/, CSL-JSON and BibTeX) get one.
    """
    from .keys import assign_keys

    problems = problems if problems is not None else Problems()
    imported = read_records(str(path), fmt, problems)
    if imported.format == "refs":
        from .redirects import attach_redirects

        # Keys merged away by `citekit merge` still find their survivor (with a note).
        return attach_redirects(Library(imported.records), path, problems)
    if imported.format in ("csl-json", "bibtex"):
        return Library(imported.records)
    return Library(assign_keys(imported.records))
