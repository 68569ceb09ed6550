"""Reading and writing ``refs/*.yaml`` files, checked on the way in, round-trip on the way out.

Reading refuses a file (:class:`~citekit.errors.StoreError` with file:line) that YAML would read
wrongly or dangerously: duplicate keys, alias bombs, unknown top-level keys. A record with a bad
value is reported with its line (E202) and the others still load; two records sharing a key are
reported with both lines (E203). Writing rewrites only what changed (comments, key order and
unknown fields survive, :mod:`._roundtrip`) and refuses to overwrite a file that changed on disk
since it was read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import located, write_text_atomic
from ..errors import StoreError
from ..model import DateError, Library, Reference
from ..problems import Problems
from ..xmltext import describe_forbidden, xml_forbidden
from ._roundtrip import rewrite_yaml
from ._yaml import LINE, dump_yaml, load_yaml, strip_lines
from .records import FIELD_ORDER, ref_from_yaml, ref_to_yaml

__all__ = [
    "HEADER",
    "TOP_KEYS",
    "ChangedOnDiskError",
    "RefsFile",
    "dump_mapping_file",
    "dump_refs_file",
    "load_mapping_file",
    "load_refs",
    "load_refs_file",
    "load_sidecar",
    "read_yaml_text",
    "refs_files",
    "write_refs_file",
]

HEADER = (
    "# citekit reference file: the references found in one source document.\n"
    "# Edit freely: `citekit extract` keeps fields you change here when it runs again.\n"
    "# Field names are CSL-JSON variables; dates are ISO (2018-09-03, 2018-09 or 2018).\n"
)
#: the keys a refs file may have at its top level
TOP_KEYS = ("source", "document", "references")
_ORDER = (*FIELD_ORDER, "provenance", "warnings")


class ChangedOnDiskError(StoreError):
    """A file changed on disk between citekit reading and writing it; nothing was written."""


@dataclass
class RefsFile:
    """One ``refs/*.yaml`` file."""

    path: Path
    source: str | None = None
    document: Reference | None = None
    references: list[Reference] = field(default_factory=list)
    #: 1-based line of each record in the file, by key (for messages and the review page)
    lines: dict[str, int] = field(default_factory=dict)
    #: the text it was read from (None: the file did not exist); a write refuses to replace
    #: a file whose text is no longer this one
    text: str | None = field(default=None, repr=False, compare=False)
    #: whether ``text`` says what is on disk (False for a RefsFile made in memory)
    read: bool = field(default=False, repr=False, compare=False)
    #: what ``text`` says, as read (so that a rewrite need not parse it again)
    original: RefsFile | None = field(default=None, repr=False, compare=False)
    #: ``text`` is exactly what citekit writes for it afresh (no comment, nothing reordered)
    plain: bool = field(default=False, repr=False, compare=False)


def read_yaml_text(path: Path) -> str:
    """The text of a YAML file (UTF-8, BOM allowed); StoreError when it cannot be read."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise StoreError("is a directory, not a YAML file", str(path)) from None
    except OSError as exc:
        raise StoreError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StoreError(
            f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save the file as UTF-8",
            f"{path}:{line}",
        ) from None


def _parse(text: str, path: Path, problems: Problems) -> RefsFile:
    data = load_yaml(text, str(path))
    out = RefsFile(path, text=text, read=True)
    if data is None:
        return out
    if not isinstance(data, dict):
        raise StoreError("expected a mapping with a 'references' list", f"{path}:1")
    for key in data:
        if key != LINE and key not in TOP_KEYS:
            raise StoreError(
                f"unknown top-level key {key!r} (expected {', '.join(TOP_KEYS)}); "
                "a record pasted without its '- ' under 'references:'?",
                f"{path}:{_key_line(text, key, data[LINE])}",
            )
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise StoreError("'source' must be the path of a document", f"{path}:{data[LINE]}")
    out.source = source
    doc = data.get("document")
    if isinstance(doc, dict):
        try:
            out.document = ref_from_yaml(strip_lines(doc))
        except (ValueError, DateError) as exc:
            problems.add(f"{path}:{doc[LINE]}", "E202", f"bad document record: {exc}", "error")
    elif doc is not None:
        raise StoreError("'document' must be a record (a mapping)", f"{path}:{data[LINE]}")
    entries = data.get("references") or []
    if not isinstance(entries, list):
        raise StoreError("'references' must be a list of records", f"{path}:{data[LINE]}")
    seen: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            problems.add(str(path), "E201", f"reference is not a mapping: {entry!r}"[:200], "error")
            continue
        where = f"{path}:{entry[LINE]}"
        try:
            ref = ref_from_yaml(strip_lines(entry))
        except (ValueError, DateError) as exc:
            shown = entry.get("id")
            problems.add(where, "E202", f"entry {shown!r}: {exc}", "error")
            continue
        folded = ref.id.casefold()
        if folded in seen:
            problems.add(
                where,
                "E203",
                f"two records share the key {ref.id!r} (also at line {seen[folded]}): rename one",
                "error",
            )
        else:
            seen[folded] = entry[LINE]
            out.lines[ref.id] = entry[LINE]
        _report_forbidden(entry, where, problems)
        out.references.append(ref.replace(origin=where))
    out.original = RefsFile(path, out.source, out.document, list(out.references), text=text)
    return out


def _report_forbidden(entry: dict[str, Any], where: str, problems: Problems) -> None:
    """Characters XML 1.0 forbids (ESC, NUL ...): removed from .docx and HTML, so say so."""
    found: list[str] = []
    for key, value in entry.items():
        if isinstance(value, str) and (chars := xml_forbidden(value)):
            found.append(f"{key} ({describe_forbidden(chars)})")
    if found:
        problems.add(
            where,
            "W204",
            f"entry {entry.get('id')!r}: control characters in {', '.join(found)}; "
            "removed from .docx and HTML outputs: delete them here",
            "warning",
        )


def _key_line(text: str, key: str, default: int) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if (
            line.startswith(f"{key}:")
            or line.startswith(f"'{key}':")
            or line.startswith(f'"{key}":')
        ):
            return i
    return default


def load_refs_file(path: str | Path, problems: Problems | None = None) -> RefsFile:
    """Read one refs file. Malformed YAML raises StoreError; bad records go to ``problems``."""
    path = Path(path)
    problems = problems if problems is not None else Problems()
    return _parse(read_yaml_text(path), path, problems)


def refs_files(path: Path) -> list[Path]:
    """Reference files of ``refs/``: ``*.yaml`` except citekit's own ``_*.yaml`` data files."""
    if path.is_dir():
        return sorted(
            p
            for p in path.glob("*.y*ml")
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", "."))
        )
    return [path]


def load_refs(
    path: str | Path = "refs",
    problems: Problems | None = None,
    *,
    files: list[RefsFile] | None = None,
) -> Library:
    """Load ``refs/`` (or one YAML file) into a Library; shared keys are errors (E203).

    Each file read is also appended to ``files`` when given (its document record and source,
    without a second parse).
    """
    problems = problems if problems is not None else Problems()
    lib = Library()
    first: dict[str, str] = {}
    for file in refs_files(Path(path)):
        rf = load_refs_file(file, problems)
        if files is not None:
            files.append(rf)
        for ref in rf.references:
            folded = ref.id.casefold()
            if folded in first:
                if first[folded] != str(file):  # the same file reported it already
                    problems.add(
                        ref.origin or str(file),
                        "E203",
                        f"two records share the key {ref.id!r} (also in {first[folded]}): "
                        "rename one",
                        "error",
                    )
                continue
            first[folded] = str(file)
            lib.add(ref)
    return lib


# ---------------------------------------------------------------------------------- writing


def _top(rf: RefsFile) -> dict[str, Any]:
    return {
        "source": rf.source,
        "document": ref_to_yaml(rf.document) if rf.document is not None else None,
        "references": [ref_to_yaml(r) for r in rf.references],
    }


def _fresh(rf: RefsFile) -> str:
    data = {k: v for k, v in _top(rf).items() if v is not None or k == "references"}
    return HEADER + dump_yaml(data)


def dump_refs_file(rf: RefsFile) -> str:
    """The file's new text: a round-trip edit of the text it was read from, else a new file."""
    return _dump(rf)[0]


def _dump(rf: RefsFile) -> tuple[str, bool]:
    """:func:`dump_refs_file`, and whether the text is citekit's own afresh (``plain``)."""
    if rf.text is None:
        return _fresh(rf), True
    old = rf.original
    if old is None or old.text != rf.text:
        old = _parse(rf.text, rf.path, Problems())
    if old.plain or _fresh(old) == rf.text:
        # Exactly as citekit wrote it (no comment, nothing reordered): writing it afresh is the
        # same as a round trip, and much faster for a large file.
        return _fresh(rf), True
    old_records = {r.id: ref_to_yaml(r) for r in old.references}
    old_top = {
        "source": old.source,
        "document": ref_to_yaml(old.document) if old.document is not None else None,
    }
    return rewrite_yaml(rf.text, HEADER, _top(rf), old_records, old_top, _ORDER), False


def _check_unchanged(rf: RefsFile) -> None:
    try:
        now: str | None = rf.path.read_bytes().decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        now = None
    except OSError as exc:
        raise located(exc, str(rf.path)) from exc
    if now != rf.text:
        raise ChangedOnDiskError(
            "changed on disk while citekit was working on it (a hand edit?); "
            "nothing was written: run the command again",
            str(rf.path),
        )


def write_refs_file(rf: RefsFile) -> None:
    """Write atomically; a file read from disk is refused if it changed there meanwhile."""
    text, plain = _dump(rf)
    if rf.read and text == rf.text:
        return  # nothing to change
    write_text_atomic(
        rf.path, text, before_replace=(lambda: _check_unchanged(rf)) if rf.read else None
    )
    rf.text = text
    rf.read = True
    # what is on disk now, for the next rewrite of this RefsFile (no parse, no second dump)
    rf.original = RefsFile(rf.path, rf.source, rf.document, list(rf.references), text=text)
    rf.original.plain = plain


# ------------------------------------------------------------------------- small YAML files


def load_mapping_file(path: str | Path) -> dict[str, Any]:
    """Read a small YAML mapping (sidecar metadata, alias table, decisions); {} when empty."""
    path = Path(path)
    data = load_yaml(read_yaml_text(path), str(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StoreError("expected a YAML mapping", f"{path}:1")
    result: dict[str, Any] = strip_lines(data)
    return result


def dump_mapping_file(path: str | Path, data: Mapping[str, Any], header: str = "") -> None:
    """Write a small YAML mapping atomically (inverse of :func:`load_mapping_file`).

    ``header`` is a comment block put first; inner lists are written on one line.
    """
    write_text_atomic(path, header + dump_yaml(dict(data), flow_lists=True))


def load_sidecar(path: str | Path) -> dict[str, Any]:
    """Read a document's sidecar metadata (``<doc>.meta.yaml``): what the text cannot say."""
    return load_mapping_file(path)
