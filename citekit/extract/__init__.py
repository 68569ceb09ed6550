"""Extraction: a source document -> :class:`Extraction` (reference records with provenance).

Consumes a :class:`~citekit.documents.Document` (and optional sidecar metadata), produces
records in source order. Never raises on bad input: what cannot be interpreted becomes an
:class:`Unparsed` item and a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..documents import read_document
from ..problems import Problems
from .result import Extraction, Unparsed
from .scan import extract_document

__all__ = ["Extraction", "Unparsed", "extract_document", "extract_file", "sidecar_path"]


def sidecar_path(path: str | Path) -> Path:
    """``seeds/002_x.txt`` -> ``seeds/002_x.meta.yaml``."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.yaml")


def extract_file(path: str | Path, problems: Problems | None = None) -> Extraction:
    """Read ``path`` (with its sidecar ``.meta.yaml`` when present) and extract it.

    Raises DocumentError when the file cannot be read at all.
    """
    from ..store import load_sidecar

    doc = read_document(path)
    meta: Mapping[str, Any] | None = None
    side = sidecar_path(path)
    if str(path) != "-" and side.exists():
        meta = load_sidecar(side)
    return extract_document(doc, meta, problems)
