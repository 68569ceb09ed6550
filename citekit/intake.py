"""Source documents into ``refs/``: extract, give keys, merge, report — one orchestration.

Consumes document paths (and an :class:`~citekit.aliases.Aliases` table); produces the merged
``refs/*.yaml`` files (through :func:`citekit.store.merge_extraction`, which keeps hand edits)
and an :class:`Intake` summary with its problems. ``citekit extract``, ``citekit build`` and
:func:`citekit.extract_into_refs` all go through :class:`Intake`.

Problem codes: ``E100`` a document (or its refs file) that cannot be read or merged; ``E110`` a
record the source no longer yields (kept in refs/).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError, StoreError
from .model import Reference
from .problems import Problems

if TYPE_CHECKING:
    from .aliases import Aliases
    from .extract import Extraction, Unparsed

__all__ = ["Intake"]


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

    def extract(self, path: str) -> Extraction | None:
        """Extract one document; None (and an E100 problem) when it cannot be read."""
        from .extract import extract_file

        try:
            ex = extract_file(path, self.problems, aliases=self.aliases)
        except (DocumentError, StoreError) as exc:
            self.fail(path, exc)
            return None
        self.documents.append(path)
        return ex

    def fail(self, path: str, exc: DocumentError | StoreError) -> None:
        """Record that ``path`` could not be done (E100, at the place the error names)."""
        self.problems.add(exc.where or path, "E100", exc.message, "error")
        self.failed.append(path)

    def merge(self, ex: Extraction) -> None:
        """Merge one extraction into ``refs_dir`` (raises StoreError for an unreadable file)."""
        self.merge_records(ex.source, ex.document, ex.references)
        self.unparsed.extend(ex.unparsed)
        self.missed += len(ex.missed)

    def merge_records(
        self, source: str, document: Reference | None, records: Sequence[Reference]
    ) -> None:
        """Merge the records found in ``source`` into its refs file, counting what changed."""
        from .store import merge_extraction, refs_path_for

        report = merge_extraction(source, document, records, self.refs_dir)
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
        2 attribution-cue line(s) without a record``."""
        return (
            f"{len(self.documents)} document(s), {self.records} record(s): "
            f"{self.added} added, {self.updated} updated, "
            f"{self.kept_edits} with hand edits kept -> {self.refs_dir}/; "
            f"{self.missed} attribution-cue line(s) without a record"
        )
