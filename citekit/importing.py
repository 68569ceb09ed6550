"""Import: reference files -> ``refs/``, through the same merge as extraction.

:func:`import_into_refs` reads one input (any format :mod:`citekit.inputs` reads), and merges
its records into ``refs/<stem>.yaml`` with :func:`citekit.store.merge_extraction`, exactly as
``citekit extract`` does for a document: keys assigned by the store's scheme, fields edited
by hand kept, records no longer in the file reported and kept, one file per source, written
atomically. (``citekit.api.import_into_refs`` is the library verb for the same job; this is
the orchestration the ``citekit import`` command runs.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import read_records
from .problems import Problems

__all__ = ["ImportReport", "import_into_refs"]


@dataclass
class ImportReport:
    """What importing one file did."""

    source: str
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


def import_into_refs(
    source: str | os.PathLike[str],
    refs_dir: str | os.PathLike[str] = "refs",
    *,
    fmt: str = "auto",
    problems: Problems | None = None,
) -> ImportReport:
    """Merge the records of ``source`` into ``refs_dir``; bad records go to ``problems``.

    Raises :class:`~citekit.errors.InputError` when the file cannot be read at all (nothing is
    written then) and :class:`~citekit.errors.StoreError` when its refs file is unreadable.
    """
    from .store import merge_extraction, refs_path_for

    problems = problems if problems is not None else Problems()
    shown = os.fspath(source)
    imported = read_records(shown, fmt, problems)
    report = ImportReport(shown, imported.format, imported.reason)
    report.records = len(imported.records)
    report.unparsed = sum(1 for r in imported.records if r.type == "document" and r.warnings)
    if not imported.records:
        return report
    merged = merge_extraction(shown, None, imported.records, Path(refs_dir))
    report.refs_file = refs_path_for(shown, Path(refs_dir))
    report.added, report.updated = merged.added, merged.updated
    report.kept_edits, report.vanished = merged.kept_edits, merged.vanished
    return report
