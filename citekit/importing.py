"""Import: one reference file -> ``refs/``, raising when it cannot be read.

:func:`import_into_refs` is :meth:`citekit.intake.Intake.merge_import` for one file, for
callers that want an exception rather than an E100 problem: the records of ``source`` (any
format :mod:`citekit.inputs` reads, detected from the content) are merged into
``refs/<stem>.yaml`` with :func:`citekit.store.merge_extraction`, exactly as a document's
extraction is: keys assigned (the file's own keys kept where free), hand edits kept, records
no longer in the file reported and kept, one file per source, written atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from .inputs import read_records
from .intake import ImportReport, Intake
from .problems import Problems

__all__ = ["ImportReport", "import_into_refs"]


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
    intake = Intake(Path(refs_dir), problems=problems if problems is not None else Problems())
    return intake.merge_import(read_records(os.fspath(source), fmt, intake.problems))
