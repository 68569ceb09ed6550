"""Merging duplicate records in ``refs/``, and remembering records that are *not* duplicates.

Consumes citation keys and the ``refs/`` library; produces changed ``refs/*.yaml`` files (the
surviving record carries the union of the provenances, i.e. every bulletin that cited it; the
others are removed from their files), a changed ``refs/_decisions.yaml`` or
``refs/_redirects.yaml``.

A merge loses nothing: a value of a merged record that differs from the survivor's (another
title spelling, another date, an author) is kept on the survivor as a *variant* with where it
came from (``citekit-variants``) and listed in the :class:`MergeResult`; empty fields of the
survivor are filled only from records of the same issuance (same source, date, issue and
edition: a wire dated the day before does not take page A01 from the next day's print copy);
of two spellings of one URL the one without tracking parameters is kept. The merged-away keys
become redirects (:mod:`citekit.redirects`) that ``render``, ``cite`` and ``export`` follow, and
they are never assigned to another record.

Re-running ``citekit extract`` afterwards does not undo a merge: the store's merge base in
``refs/.extracted/`` shows a removed record as deleted by hand (not re-added), and provenance
from other documents on the survivor is kept (see :func:`citekit.store.merge_extraction`).
Nothing is written unless every check passes; each file is replaced atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from pathlib import Path
from typing import Any

from .aliases import load_aliases
from .checks.duplicates import Decisions, Verdict, compare_references
from .checks.evidence import norm_url
from .checks.normalize_text import fold
from .checks.sources import relate_sources, source_name
from .errors import InputError, StoreError
from .model import Library, Name, PartialDate, Reference
from .problems import Problems
from .redirects import load_redirects, save_redirects
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
    "VARIANTS",
    "MergeResult",
    "Variant",
    "load_decisions",
    "mark_not_duplicates",
    "mark_reposts",
    "merge_duplicates",
    "merge_records",
    "save_decisions",
]

#: the ``extra`` variable holding the values of merged records that differ from the survivor's
VARIANTS = "citekit-variants"

DECISIONS_FILE = "_decisions.yaml"
_DECISIONS_HEADER = (
    "# citekit: records a person declared NOT duplicates of each other.\n"
    "# `citekit check dupes` does not report these groups again.\n"
    "# Written by `citekit merge --not-duplicate KEY KEY...`; delete a line to undo.\n"
)
# Fields that are not filled from the merged records: identity and bookkeeping.
_NOT_FILLED = {"id", "provenance", "warnings", "origin", "extra"}
# Fields that belong to one printing of a work: filled only from the same issuance.
_ISSUANCE = {"page", "edition", "issue", "volume", "section", "url", "accessed"}


@dataclass(frozen=True)
class Variant:
    """A value of a merged record kept on the survivor: which field, what, from where."""

    field: str
    value: Any
    source: str
    #: where the merged record was found (``a.txt:3``), for the merge report
    where: tuple[str, ...] = ()
    #: why it is a variant: ``differs``, ``spelling`` (the same value written otherwise),
    #: ``other issuance`` (not filled into an empty field) or ``tracking parameters``
    why: str = "differs"

    def to_mapping(self) -> dict[str, Any]:
        """YAML/JSON form: ``{field, value, from, where, why}``."""
        out: dict[str, Any] = {"field": self.field, "value": self.value, "from": self.source}
        if self.where:
            out["where"] = list(self.where)
        if self.why != "differs":
            out["why"] = self.why
        return out


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
    #: values of the merged records kept on the survivor as variants
    variants: list[Variant] = field(default_factory=list)


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


def _plain(value: Any) -> Any:
    """A field value as YAML/JSON data (names as display strings, dates as ISO)."""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple) and value and isinstance(value[0], Name):
        return [n.display for n in value]
    return value


def _same_value(name: str, a: Any, b: Any, survivor: Reference, other: Reference) -> bool:
    if a == b:
        return True
    if name == "url":
        return norm_url(a) == norm_url(b)
    if name == "container_title":
        aliases = load_aliases(None)
        rel = relate_sources(source_name(a, aliases), source_name(b, aliases))
        return rel.relation == "same"
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return [fold(_plain_name(x)) for x in a] == [fold(_plain_name(x)) for x in b]
    return False


def _plain_name(n: Any) -> str:
    return n.display if isinstance(n, Name) else str(n)


def same_issuance(a: Reference, b: Reference) -> bool:
    """True when ``a`` and ``b`` are one printing: same source, date, issue and edition."""
    if (a.issued is None) != (b.issued is None) or (a.issued and b.issued and a.issued != b.issued):
        return False
    ca, cb = a.container_title or "", b.container_title or ""
    if ca and cb and not _same_value("container_title", ca, cb, a, b):
        return False
    for name in ("issue", "edition"):
        va, vb = getattr(a, name), getattr(b, name)
        if va and vb and fold(va) != fold(vb):
            return False
    return True


def _has_tracking(url: str) -> bool:
    return "?" in url and norm_url(url) == norm_url(url.split("?")[0]) if url else False


def merge_records(
    survivor: Reference, others: Sequence[Reference]
) -> tuple[Reference, list[str], list[Variant]]:
    """``survivor`` with the provenances of ``others`` added, nothing of theirs lost.

    Returns the merged record, the names of the fields filled (empty on the survivor, filled
    from a record of the same issuance) and the variants kept: every value of ``others`` that
    differs from the survivor's, or that belongs to another issuance. Provenance and warnings
    are unions in order (survivor first); ``extra`` variables the survivor lacks are added.
    """
    changes: dict[str, Any] = {}
    variants: list[Variant] = []
    for f in fields(Reference):
        if f.name in _NOT_FILLED:
            continue
        current = getattr(survivor, f.name)
        for other in others:
            value = getattr(other, f.name)
            if _empty(value):
                continue
            where = tuple(p.location for p in other.provenance)
            if _empty(current):
                if f.name in _ISSUANCE and not same_issuance(survivor, other):
                    variants.append(
                        Variant(f.name, _plain(value), other.id, where, "other issuance")
                    )
                    continue
                changes[f.name] = current = value
                continue
            if current == value:
                continue
            if _same_value(f.name, current, value, survivor, other):
                if f.name == "url" and _has_tracking(current) and not _has_tracking(value):
                    # The clean spelling of the same URL wins; the tracking one is kept.
                    variants.append(
                        Variant(f.name, current, survivor.id, (), "tracking parameters")
                    )
                    changes[f.name] = current = value
                else:
                    variants.append(Variant(f.name, _plain(value), other.id, where, "spelling"))
                continue
            variants.append(Variant(f.name, _plain(value), other.id, where))
    filled = [k for k in changes if _empty(getattr(survivor, k))]
    provenance = list(dict.fromkeys(survivor.provenance))
    warnings = list(dict.fromkeys(survivor.warnings))
    extra = dict(survivor.extra)
    kept = [dict(v) for v in extra.get(VARIANTS) or [] if isinstance(v, Mapping)]
    for other in others:
        provenance.extend(p for p in other.provenance if p not in provenance)
        warnings.extend(w for w in other.warnings if w not in warnings)
        for var, value in other.extra.items():
            if var == VARIANTS:
                kept.extend(dict(v) for v in value or [] if isinstance(v, Mapping))
            else:
                extra.setdefault(var, value)
    kept.extend(v.to_mapping() for v in variants)
    if kept:
        extra[VARIANTS] = [dict(t) for t in dict.fromkeys(_freeze(v) for v in kept)]
    changes.update(provenance=tuple(provenance), warnings=tuple(warnings), extra=extra)
    return survivor.replace(**changes), filled, variants


def _freeze(v: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple((k, tuple(x) if isinstance(x, list) else x) for k, x in v.items())


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
            if verdict.decision == "repost":
                raise InputError(
                    f"{a.id!r} and {b.id!r} are the same work in different sources (a repost): "
                    "record that with --as-repost, or use --force to merge anyway",
                    str(refs_dir),
                )
            result.verdicts.append((a.id, b.id, verdict))

    merged, result.filled, result.variants = merge_records(survivor, others)
    redirects = load_redirects(refs_dir)
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
    # The merged-away keys keep working, and are never given to another record.
    for old in result.removed:
        redirects.add_merge(old, survivor.id)
    save_redirects(redirects, refs_dir)
    return result


@locked_refs
def mark_reposts(
    keys: Sequence[str], *, original: str | None = None, refs_dir: str | Path = "refs"
) -> list[str]:
    """Record in ``refs_dir/_redirects.yaml`` that ``keys`` are reposts of ``original`` (else
    the first key): the same work printed by other sources. No record is changed or removed.

    Returns the keys newly recorded. Unknown keys are refused.
    """
    refs_dir = Path(refs_dir)
    lib = _load_library(refs_dir)
    group = _resolve(lib, [*([original] if original else []), *keys], refs_dir)
    first, copies = group[0], group[1:]
    redirects = load_redirects(refs_dir)
    new = [r.id for r in copies if redirects.original(r.id) != first.id]
    for r in copies:
        redirects.add_repost(r.id, first.id)
    if new:
        save_redirects(redirects, refs_dir)
    return new


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
