"""Sources into ``refs/``: extract or import, give keys, merge, report — one orchestration.

Consumes document paths (and an :class:`~citekit.aliases.Aliases` table) and reference files
(RIS, EndNote, NoteExpress, GB/T lists, CSL-JSON, BibTeX …, read by :mod:`citekit.inputs`);
produces the merged ``refs/*.yaml`` files (through :func:`citekit.store.merge_extraction`,
which keeps hand edits) and an :class:`Intake` summary with its problems. ``citekit extract``,
``citekit import``, ``citekit build``, :func:`citekit.extract_into_refs` and
:func:`citekit.import_into_refs` all go through :class:`Intake`.

Problem codes: ``E100`` a source (or its refs file) that cannot be read or merged; ``E110`` a
record the source no longer yields (kept in refs/); ``W441`` a document that gave no record but
reads as a reference list or export (import it instead); ``W440`` an imported record whose own
citation key could not be kept (taken by another source, or not usable as a key): the message
says the key it got, so that ``\\cite``/``[@key]`` commands can be fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError, InputError, StoreError
from .model import Reference
from .problems import Problems

if TYPE_CHECKING:
    from .aliases import Aliases
    from .extract import Extraction, Unparsed
    from .inputs import ImportedFile
    from .store import MergeReport

__all__ = ["ImportReport", "Intake", "usable_key"]

_KEY = re.compile(r"\w[\w.:+/-]*")
_MAX_KEY = 100


def usable_key(key: str) -> bool:
    """Whether a key a file brings can be a refs/ key: word characters and ``. : + / -``, a
    letter somewhere, at most 100 characters, no URL (Zotero's item URIs are ids, not keys)."""
    return (
        len(key) <= _MAX_KEY
        and _KEY.fullmatch(key) is not None
        and any(c.isalpha() for c in key)
        and "://" not in key
    )


@dataclass
class ImportReport:
    """What importing one reference file did."""

    source: str
    #: the format it was read as (``ris``, ``gbt-text`` …) and why (``has a 'TY  -' line``)
    format: str
    reason: str
    refs_file: Path | None = None
    records: int = 0
    #: records kept only as raw text (an entry of a GB/T list that did not parse ...)
    unparsed: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    #: (the file's own key, the key given) for records whose key could not be kept
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """``lib.ris: ris (has a 'TY  -' line): 12 record(s) -> refs/lib.yaml``."""
        return (
            f"{self.source}: {self.format} ({self.reason}): {self.records} record(s)"
            + (f", {self.unparsed} kept as raw text" if self.unparsed else "")
            + (f" -> {self.refs_file}" if self.refs_file else "")
        )


@dataclass
class Intake:
    """Documents merged into ``refs_dir`` so far, with counts and problems."""

    refs_dir: Path
    aliases: Aliases | None = None
    problems: Problems = field(default_factory=Problems)
    #: documents extracted (readable)
    documents: list[str] = field(default_factory=list)
    #: documents that could not be read or merged (each has an E100 problem)
    failed: list[str] = field(default_factory=list)
    records: int = 0
    added: int = 0
    updated: int = 0
    kept_edits: int = 0
    #: attribution-cue lines that gave no record (reported as possibly missed)
    missed: int = 0
    unparsed: list[Unparsed] = field(default_factory=list)
    #: reference files imported (one report each, with the format detected)
    imports: list[ImportReport] = field(default_factory=list)

    def extract(self, path: str) -> Extraction | None:
        """Extract one document; None (and an E100 problem) when it cannot be read."""
        from .extract import extract_file

        try:
            ex = extract_file(path, self.problems, aliases=self.aliases)
        except (DocumentError, StoreError) as exc:
            self.fail(path, exc)
            return None
        self.documents.append(path)
        if not ex.references:
            self._hint_import(path)
        return ex

    def _hint_import(self, path: str) -> None:
        """W441 when a document that gave no record is a reference list or export."""
        from .inputs import source_kind

        try:
            kind, reason = source_kind(path)
        except InputError:
            return
        if kind != "document":
            self.problems.add(
                path,
                "W441",
                f"no attribution found; the file holds {kind} ({reason}): import it with "
                f"`citekit import {path}` (`citekit build` reads it so by itself)",
            )

    def fail(self, path: str, exc: InputError) -> None:
        """Record that ``path`` could not be done (E100, at the place the error names)."""
        self.problems.add(exc.where or path, "E100", exc.message, "error")
        self.failed.append(path)

    def merge(self, ex: Extraction) -> None:
        """Merge one extraction into ``refs_dir`` (raises StoreError for an unreadable file)."""
        self.merge_records(ex.source, ex.document, ex.references)
        self.unparsed.extend(ex.unparsed)
        self.missed += len(ex.missed)

    def merge_records(
        self,
        source: str,
        document: Reference | None,
        records: Sequence[Reference],
        *,
        keep_ids: bool = False,
    ) -> MergeReport:
        """Merge the records found in ``source`` into its refs file, counting what changed.

        ``keep_ids``: records keep the keys they carry where free (imported files).
        """
        from .store import merge_extraction, refs_path_for

        report = merge_extraction(source, document, records, self.refs_dir, keep_ids=keep_ids)
        self.records += len(records)
        self.added += len(report.added)
        self.updated += len(report.updated)
        self.kept_edits += len(report.kept_edits)
        for key in report.vanished:
            self.problems.add(
                str(refs_path_for(source, self.refs_dir)),
                "E110",
                f"record {key!r} is no longer found in {source}; kept in refs/, "
                "delete it by hand if it is gone for good",
            )
        return report

    # ----------------------------------------------------------------------------- import

    def read(self, path: str, fmt: str = "auto") -> ImportedFile | None:
        """Read one reference file (format ``fmt`` or detected); None (and an E100 problem)
        when it cannot be read at all. Bad records are in :attr:`problems`, the rest kept."""
        from .inputs import read_records

        try:
            return read_records(path, fmt, self.problems)
        except InputError as exc:
            self.fail(path, exc)
            return None

    def merge_import(self, imported: ImportedFile) -> ImportReport:
        """Merge one file's records into its refs file, keeping the keys the file gives them
        where free (W440 for each that could not be kept). Raises StoreError."""
        from .store import refs_path_for

        shown = imported.source
        report = ImportReport(shown, imported.format, imported.reason)
        report.records = len(imported.records)
        report.unparsed = sum(1 for r in imported.records if r.type == "document" and r.warnings)
        # A key that cannot be a refs/ key is not proposed (a bare record number is no key).
        own = imported.anchored()
        records = [r if usable_key(r.id) else r.replace(id="") for r in own]
        if records:
            merged = self.merge_records(shown, None, records, keep_ids=True)
            report.refs_file = refs_path_for(shown, self.refs_dir)
            report.added, report.updated = merged.added, merged.updated
            report.kept_edits, report.vanished = merged.kept_edits, merged.vanished
            new = set(merged.added)
            for ref, key in zip(own, merged.keys, strict=True):
                if ref.id and key and ref.id != key and not ref.id.isdigit():
                    report.renamed.append((ref.id, key))
                    self._report_renamed(ref, key, key in new)
        self.imports.append(report)
        return report

    def _report_renamed(self, ref: Reference, key: str, new: bool) -> None:
        own = ref.id
        if not usable_key(own):
            why = f"the key {own!r} cannot be a citekit key (letters, digits, _ . : + / -)"
        elif new:
            why = f"the key {own!r} is taken in {self.refs_dir}/ (another source has, or had, it)"
        else:
            why = f"this record is in {self.refs_dir}/ already, under another key (keys stay)"
        self.problems.add(
            ref.location,
            "W440",
            f"{why}; this record's key is {key!r}: cite it as [@{key}] / \\cite{{{key}}}",
        )

    def add_import(self, path: str, fmt: str = "auto") -> ImportReport | None:
        """Read ``path`` and merge it at once; a failure is recorded (E100), not raised."""
        imported = self.read(path, fmt)
        if imported is None:
            return None
        try:
            return self.merge_import(imported)
        except StoreError as exc:
            self.fail(path, exc)
            return None

    # ---------------------------------------------------------------------------- extract

    def add(self, path: str) -> None:
        """Extract ``path`` and merge it at once; a failure is recorded, not raised."""
        ex = self.extract(path)
        if ex is None:
            return
        try:
            self.merge(ex)
        except StoreError as exc:
            self.documents.remove(path)
            self.fail(path, exc)

    def add_all(self, paths: Iterable[str]) -> Intake:
        """:meth:`add` each of ``paths``; returns self."""
        for path in paths:
            self.add(path)
        return self

    def summary(self) -> str:
        """``3 document(s), 40 record(s): 40 added, 0 updated, 0 with hand edits kept -> refs/;
        2 attribution-cue line(s) without a record`` (``… 1 reference file(s), …`` after
        imports)."""
        files = f"{len(self.imports)} reference file(s), " if self.imports else ""
        return (
            f"{len(self.documents)} document(s), {files}{self.records} record(s): "
            f"{self.added} added, {self.updated} updated, "
            f"{self.kept_edits} with hand edits kept -> {self.refs_dir}/; "
            f"{self.missed} attribution-cue line(s) without a record"
        )
