"""Merging duplicate records in ``refs/``, and remembering records that are *not* duplicates.

Consumes citation keys and the ``refs/`` library; produces changed ``refs/*.yaml`` files (the
surviving record carries the union of the provenances, i.e. every bulletin that cited it; the
others are removed from their files) or a changed ``refs/_decisions.yaml``.

Re-running ``citekit extract`` afterwards does not undo a merge: the store's merge base in
``refs/.extracted/`` shows a removed record as deleted by hand (not re-added), and provenance
from other documents on the survivor is kept (see :func:`citekit.store.merge_extraction`).
Nothing is written unless every check passes; each file is replaced atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from pathlib import Path
from typing import Any

from .aliases import load_aliases
from .checks.duplicates import Decisions, Verdict, compare_references
from .errors import InputError, StoreError
from .model import Library, Reference
from .problems import Problems
from .store import (
    RefsFile,
    dump_mapping_file,
    load_mapping_file,
    load_refs,
    load_refs_file,
    locked_refs,
    write_refs_file,
)

__all__ = [
    "DECISIONS_FILE",
    "MergeResult",
    "load_decisions",
    "mark_not_duplicates",
    "merge_duplicates",
    "merge_records",
    "save_decisions",
]

DECISIONS_FILE = "_decisions.yaml"
_DECISIONS_HEADER = (
    "# citekit: records a person declared NOT duplicates of each other.\n"
    "# `citekit check dupes` does not report these groups again.\n"
    "# Written by `citekit merge --not-duplicate KEY KEY...`; delete a line to undo.\n"
)
# Fields that are not filled from the merged records: identity and bookkeeping.
_NOT_FILLED = {"id", "provenance", "warnings", "origin", "extra"}


@dataclass
class MergeResult:
    """What :func:`merge_duplicates` did."""

    survivor: str
    removed: list[str] = field(default_factory=list)
    #: fields of the survivor filled from the merged records
    filled: list[str] = field(default_factory=list)
    #: refs files rewritten
    files: list[Path] = field(default_factory=list)
    #: the pairwise verdicts checked (empty with ``force``)
    verdicts: list[tuple[str, str, Verdict]] = field(default_factory=list)


def load_decisions(refs_dir: str | Path = "refs") -> Decisions:
    """The "not a duplicate" decisions of ``refs_dir`` (none when the file does not exist)."""
    path = Path(refs_dir) / DECISIONS_FILE
    if not path.exists():
        return Decisions()
    try:
        return Decisions.from_mapping(load_mapping_file(path), str(path))
    except ValueError as exc:
        raise StoreError(str(exc).removeprefix(f"{path}: "), str(path)) from None


def save_decisions(decisions: Decisions, refs_dir: str | Path = "refs") -> None:
    """Write ``refs_dir/_decisions.yaml`` atomically."""
    dump_mapping_file(Path(refs_dir) / DECISIONS_FILE, decisions.to_mapping(), _DECISIONS_HEADER)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == {}


def merge_records(survivor: Reference, others: Sequence[Reference]) -> tuple[Reference, list[str]]:
    """``survivor`` with the provenances of ``others`` added and its empty fields filled.

    Returns the merged record and the names of the filled fields. Provenance and warnings are
    unions in order (survivor first); ``extra`` variables the survivor lacks are added.
    """
    changes: dict[str, Any] = {}
    for f in fields(Reference):
        if f.name in _NOT_FILLED or not _empty(getattr(survivor, f.name)):
            continue
        for other in others:
            value = getattr(other, f.name)
            if not _empty(value):
                changes[f.name] = value
                break
    filled = list(changes)
    provenance = list(dict.fromkeys(survivor.provenance))
    warnings = list(dict.fromkeys(survivor.warnings))
    extra = dict(survivor.extra)
    for other in others:
        provenance.extend(p for p in other.provenance if p not in provenance)
        warnings.extend(w for w in other.warnings if w not in warnings)
        for var, value in other.extra.items():
            extra.setdefault(var, value)
    changes.update(provenance=tuple(provenance), warnings=tuple(warnings), extra=extra)
    return survivor.replace(**changes), filled


def _load_library(refs_dir: Path) -> Library:
    """The library of ``refs_dir``; refuse to rewrite anything when a file has bad records."""
    if not refs_dir.is_dir():
        raise InputError("not a refs/ directory", str(refs_dir))
    problems = Problems()
    lib = load_refs(refs_dir, problems)
    if problems.errors:
        first = problems.errors[0]
        raise StoreError(
            f"{first.message}; fix refs/ first (merging would rewrite files)", first.where
        )
    return lib


def _resolve(lib: Library, keys: Sequence[str], refs_dir: Path) -> list[Reference]:
    """The records of ``keys`` (each once, in the order given); unknown keys are refused."""
    unknown = [k for k in keys if lib.get(k) is None]
    if unknown:
        shown = ", ".join(repr(k) for k in unknown)
        raise InputError(
            f"unknown citation key(s) {shown}: not in any reference file", str(refs_dir)
        )
    out: list[Reference] = []
    for key in keys:
        ref = lib.get(key)
        if ref is not None and ref not in out:
            out.append(ref)
    if len(out) < 2:
        raise InputError("give two or more different citation keys", str(refs_dir))
    return out


def _file_of(ref: Reference) -> Path:
    if not ref.origin:
        raise InputError(f"record {ref.id!r} has no file in refs/")
    return Path(ref.origin.rsplit(":", 1)[0])


@locked_refs
def merge_duplicates(
    keys: Sequence[str],
    *,
    into: str | None = None,
    force: bool = False,
    refs_dir: str | Path = "refs",
) -> MergeResult:
    """Merge the records of ``keys`` into one (``into``, else the first key) in ``refs_dir``.

    Refused with :class:`~citekit.errors.InputError`, and nothing written, when a key is
    unknown or, without ``force``, when two of the records are not duplicates (different works
    by :func:`~citekit.checks.duplicates.compare_references`, or declared not duplicates).
    """
    refs_dir = Path(refs_dir)
    if into and into.casefold() not in {k.casefold() for k in keys}:
        raise InputError(f"--into {into!r} is not one of the keys to merge", str(refs_dir))
    lib = _load_library(refs_dir)
    group = _resolve(lib, [*([into] if into else []), *keys], refs_dir)
    survivor, others = group[0], group[1:]
    result = MergeResult(survivor.id)
    if not force:
        aliases = load_aliases(refs_dir)
        decisions = load_decisions(refs_dir)
        for a, b in combinations(group, 2):
            if decisions.is_distinct(a.id, b.id):
                raise InputError(
                    f"{a.id!r} and {b.id!r} were declared not duplicates "
                    f"(in {DECISIONS_FILE}); use --force to merge anyway",
                    str(refs_dir),
                )
            verdict = compare_references(a, b, aliases=aliases)
            if verdict.decision == "distinct":
                raise InputError(
                    f"{a.id!r} and {b.id!r} are not duplicates: {verdict.reason}; "
                    "use --force to merge anyway",
                    str(refs_dir),
                )
            result.verdicts.append((a.id, b.id, verdict))

    merged, result.filled = merge_records(survivor, others)
    removed = {r.id for r in others}
    files: list[RefsFile] = []
    for path in dict.fromkeys(_file_of(r) for r in group):
        problems = Problems()
        rf = load_refs_file(path, problems)
        if problems.errors:
            raise StoreError(problems.errors[0].message, problems.errors[0].where)
        rf.references = [
            merged.replace(origin=None) if r.id == survivor.id else r
            for r in rf.references
            if r.id not in removed
        ]
        files.append(rf)
    # Every check has passed: now write (each file atomically, comments kept; refused if it
    # changed on disk since it was read).
    for rf in files:
        write_refs_file(rf)
        result.files.append(rf.path)
    result.removed = [r.id for r in others]
    return result


@locked_refs
def mark_not_duplicates(keys: Sequence[str], *, refs_dir: str | Path = "refs") -> bool:
    """Remember in ``refs_dir/_decisions.yaml`` that ``keys`` are not duplicates of each other.

    Returns False (and writes nothing) when that was already known. Unknown keys are refused.
    """
    refs_dir = Path(refs_dir)
    lib = _load_library(refs_dir)
    group = _resolve(lib, keys, refs_dir)
    decisions = load_decisions(refs_dir)
    if not decisions.mark_distinct([r.id for r in group]):
        return False
    save_decisions(decisions, refs_dir)
    return True
