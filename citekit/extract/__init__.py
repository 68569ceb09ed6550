"""Extraction: a source document -> :class:`Extraction` (reference records with provenance).

Consumes a :class:`~citekit.documents.Document` (and optional sidecar metadata,
``<stem>.meta.yaml``), produces records in source order. Never raises on bad input: what cannot
be interpreted becomes an :class:`Unparsed` item and a problem.

One stage per module::

    splitter.py     lines -> Candidate (form, line span, raw text); never interprets
    patterns.py     one small function per attribution form (（来源：…）, 摘自…, 新华社…电, URL)
    sources.py      a source phrase -> container, date, issue, edition, URL, via; CSL type
    dates.py        every date form (2018-9-3, 二〇一八年, 民国八年, full-width digits)
    headings.py     the title of the article an attribution closes
    toc.py          magazine tables of contents (page ranges, bylines, 等, 本刊记者)
    speech.py       （摘自…同志…在…上的讲话）
    legislation.py  《…》（发改地区〔2017〕922号） and policy documents cited by title
    metadata.py     the document's own record (compiling library, topic; sidecar)
    normalize.py    Reference -> Reference transforms (aliases, titles, language)
    scan.py         the driver: extract_document

Problem codes: ``E100`` unreadable file (CLI), ``E101`` attribution naming no source,
``E102`` article title not found, ``E103`` impossible date kept as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..aliases import Aliases
from ..documents import read_document
from ..problems import Problems
from .result import Extraction, Unparsed
from .scan import extract_document

__all__ = ["Extraction", "Unparsed", "extract_document", "extract_file", "sidecar_path"]


def sidecar_path(path: str | Path) -> Path:
    """``seeds/002_x.txt`` -> ``seeds/002_x.meta.yaml``."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.yaml")


def extract_file(
    path: str | Path, problems: Problems | None = None, *, aliases: Aliases | None = None
) -> Extraction:
    """Read ``path`` (with its sidecar ``.meta.yaml`` when present) and extract it.

    Container names go through ``aliases`` (the built-in table when None). Raises
    DocumentError when the file cannot be read at all.
    """
    from ..store import load_sidecar

    doc = read_document(path)
    meta: Mapping[str, Any] | None = None
    side = sidecar_path(path)
    if str(path) != "-" and side.exists():
        meta = load_sidecar(side)
    return extract_document(doc, meta, problems, aliases=aliases)
