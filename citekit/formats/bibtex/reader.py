"""BibTeX/BibLaTeX text -> Library (bibtexparser's splitter); bad entries are reported
and kept in order as :class:`FailedEntry` values, nothing lost; bugs raise."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bibtexparser import model as btm
from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException

from ...errors import FormatError
from ...model import Library, Provenance, Reference
from ...problems import Problems
from .fields import FIELD_CSL, FIELD_PROVENANCE, FIELD_WARNINGS, _read_fields
from .names import _ASCII_WS, split_top
from .types import _IN_TYPES

# bibtexparser logs every syntax error it recovers from; we report them ourselves, with the file.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

# -------------------------------------------------------------------------------------- import


def _line(block: btm.Block) -> int:
    return (block.start_line or 0) + 1


def _failure(block: btm.ParsingFailedBlock, text: str) -> str:
    err = block.error
    if isinstance(block, btm.DuplicateBlockKeyBlock):
        return f"duplicate citation key {block.key!r}; the first entry is kept"
    if isinstance(err, BlockAbortedException):
        reason = err.abort_reason.strip()
        if err.end_index is not None:
            reason += f" (reading stopped at line {text.count(chr(10), 0, err.end_index) + 1})"
        return f"malformed entry: {reason}"
    first = str(err).strip().splitlines()
    return f"malformed entry: {first[0] if first else type(err).__name__}"


_HASH_RE = re.compile(r"[ \t\r\n]*#[ \t\r\n]*")


def _concatenation(value: str, strings: Mapping[str, str]) -> str:
    """``rmrb # {（海外版）}`` -> 人民日报（海外版）: the parts of an unenclosed value, joined."""
    out = []
    for part in split_top(value, _HASH_RE):
        part = part.strip(_ASCII_WS)
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return "".join(out)


def _entry_to_ref(
    entry: btm.Entry, where: str, problems: Problems, strings: Mapping[str, str]
) -> Reference:
    at = f"{where}:{_line(entry)}"
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for fld in entry.fields:
        key = fld.key.lower()
        if key in fields:  # BibTeX itself uses the first value
            problems.add(
                f"{where}:{(fld.start_line or 0) + 1}",
                "E413",
                f"entry {entry.key!r}: field {key!r} given twice; the first value is used",
            )
            continue
        value = fld.value if isinstance(fld.value, str) else str(fld.value)
        if fld.enclosing == "no-enclosing" and "#" in value:
            value = _concatenation(value, strings)
        fields[key] = value
        lines[key] = (fld.start_line if fld.start_line is not None else entry.start_line or 0) + 1

    def warn(field: str, message: str) -> None:
        problems.add(
            f"{where}:{lines.get(field, _line(entry))}", "E414", f"entry {entry.key!r}: {message}"
        )

    etype = entry.entry_type.lower()
    if etype not in _IN_TYPES:
        problems.add(at, "E415", f"entry {entry.key!r}: unknown entry type @{etype}, read as misc")
    native = {k: v for k, v in fields.items() if not k.startswith("citekit-")}
    item = _read_fields(etype, native, warn)
    item["id"] = entry.key
    provenance: tuple[Provenance, ...] = ()
    warnings: tuple[str, ...] = ()
    try:
        if FIELD_CSL in fields:
            for var, value in json.loads(fields[FIELD_CSL]):
                if value is None:
                    item.pop(str(var), None)
                else:
                    item[str(var)] = value
        if FIELD_PROVENANCE in fields:
            provenance = tuple(
                Provenance(str(f), int(s), int(e), str(r))
                for f, s, e, r in json.loads(fields[FIELD_PROVENANCE])
            )
        if FIELD_WARNINGS in fields:
            warnings = tuple(str(w) for w in json.loads(fields[FIELD_WARNINGS]))
    except (ValueError, TypeError) as exc:
        problems.add(
            at, "E416", f"entry {entry.key!r}: unreadable citekit-* field ({exc}); ignored"
        )
    ref = Reference.from_csl(item)
    return ref.replace(provenance=provenance, warnings=warnings, origin=at)


@dataclass(frozen=True, slots=True)
class FailedEntry:
    """A block that could not be read as an entry, kept in its place (bibtexparser's
    failed block): where it starts, its key if known, its raw text and why."""

    where: str
    key: str | None
    raw: str
    reason: str


@dataclass(frozen=True, slots=True)
class BibtexRead:
    """Everything read from a .bib text, in file order: records and failed entries."""

    items: tuple[Reference | FailedEntry, ...]

    @property
    def references(self) -> list[Reference]:
        """The records that were read."""
        return [i for i in self.items if isinstance(i, Reference)]

    @property
    def failed(self) -> list[FailedEntry]:
        """The entries that could not be read."""
        return [i for i in self.items if isinstance(i, FailedEntry)]


def read_bibtex(text: str, where: str = "<bibtex>", problems: Problems | None = None) -> BibtexRead:
    """Parse BibTeX/BibLaTeX text into records and failed entries, in file order.

    Bad input never raises: each malformed entry becomes a :class:`FailedEntry` and a problem
    (E41x) at its line. Anything else that goes wrong is a bug and raises.
    """
    problems = problems if problems is not None else Problems()
    text = text.lstrip("\ufeff")
    parsed = parse_string(text)
    strings = {b.key.lower(): str(b.value) for b in parsed.strings}
    items: list[Reference | FailedEntry] = []
    seen: set[str] = set()
    for block in parsed.blocks:
        at = f"{where}:{_line(block)}"
        entry: btm.Entry | None = None
        if isinstance(block, btm.Entry):
            entry = block
        elif isinstance(block, btm.DuplicateFieldKeyBlock):
            inner = block.ignore_error_block
            entry = inner if isinstance(inner, btm.Entry) else None
        elif isinstance(block, btm.ParsingFailedBlock):
            code = "E411" if isinstance(block, btm.DuplicateBlockKeyBlock) else "E410"
            reason = _failure(block, text)
            problems.add(at, code, reason, "error")
            key = getattr(block, "key", None)
            items.append(FailedEntry(at, str(key) if key else None, block.raw or "", reason))
            continue
        if entry is None:
            continue  # @string, @preamble, @comment and text between entries
        try:
            ref = _entry_to_ref(entry, where, problems, strings)
        except FormatError as exc:  # a field no reader should take in (kept, with the reason)
            reason = f"entry {entry.key!r}: {exc.message}"
            problems.add(at, "E410", reason, "error")
            items.append(FailedEntry(at, entry.key, entry.raw or "", reason))
            continue
        if ref.id.casefold() in seen:
            reason = f"duplicate citation key {ref.id!r} (keys are case-insensitive)"
            problems.add(at, "E411", reason, "error")
            items.append(FailedEntry(at, ref.id, entry.raw or "", reason))
            continue
        seen.add(ref.id.casefold())
        items.append(ref)
    return BibtexRead(tuple(items))


def from_bibtex(text: str, where: str = "<bibtex>", problems: Problems | None = None) -> Library:
    """Parse BibTeX/BibLaTeX text. Malformed entries go to ``problems`` (E41x); the rest load."""
    lib = Library()
    for ref in read_bibtex(text, where, problems).references:
        lib.add(ref)
    return lib


def load_bibtex(path: str | Path, problems: Problems | None = None) -> Library:
    """Read a .bib file (UTF-8, with or without BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 (byte {exc.start}); save the .bib file as UTF-8", str(path)
        ) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return from_bibtex(text, str(path), problems)
