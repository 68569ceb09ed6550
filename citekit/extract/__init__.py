"""Extraction: a source document -> :class:`Extraction` (reference records with provenance).

Consumes a :class:`~citekit.documents.Document` (and optional sidecar metadata,
``<stem>.meta.yaml``), produces records in source order. Never raises on bad input: what cannot
be interpreted becomes an :class:`Unparsed` item and a problem. Structure first, then fields:
lines get roles, attributions find the title of their own article, records are built from the
roles around them, and each record carries a confidence and the evidence it was built from.

One stage per module::

    artefacts.py    PDF letter-spacing closed up before any stage reads a line
    cues.py         cue words and line roles, declared once in data/cues.yaml
    fold.py         the folded form cues are matched on (NFKC, traditional -> simplified)
    splitter.py     lines -> Candidate (form, line span, raw text); never interprets
    patterns.py     one small function per attribution form (（来源：…）, 新华社…电, Source:)
    layout.py       line roles (masthead, section, title, byline, source, body, furniture ...)
    titles.py       the title of an attribution's article: same line, above (head), or the
                    nearest heading block before it (tail); the header lines around it
    bylines.py      authors from bylines (作者：, 本报记者, 文/, By ...), never editors
    sources.py      a source phrase -> container, date, issue, edition, URL, via; CSL type
    dates.py        every date form (2018-9-3, 19-3-5, 二〇一八年, 3月5日 in a known year)
    blockdates.py   an undated attribution's day: a date line of its block, a URL's day
    leadreporters.py  the reporters an article's lead names (（记者 NAME）) when no byline does
    headings.py     heading blocks (wrapped titles joined, section headings dropped)
    headers.py      titles dated only by their page's header (no source named: low confidence)
    labels.py       column labels and tags around a headline (特稿:, 丨香港一线) dropped
    contents.py     issue headings (《经济研究》2024年第3期) and journal-contents entries
    toc.py          magazine tables of contents (page ranges, bylines, 等, 本刊记者)
    policy.py       policy documents by their 文号 line (title above, below or beside it)
    legislation.py  《…》（发改地区〔2017〕922号） and documents and laws cited by title
    speech.py       （摘自…同志…在…上的讲话）
    assess.py       a record's confidence from its evidence
    missed.py       attribution-cue lines that produced no record (never silent)
    metadata.py     the document's own record (compiling library, topic; sidecar)
    normalize.py    Reference -> Reference transforms (aliases, titles, language); an
                    outlet's official names (中国新闻网, 中新网) stay as printed
    scan.py         the driver: extract_document

Problem codes: ``E100`` unreadable file (CLI), ``E101`` attribution naming no source,
``E102`` article title not found, ``E103`` impossible date kept as written, ``E104`` a line
with an attribution cue produced no record, ``E105`` low-confidence record, ``E106`` a day
without a year the bulletin does not give (left empty), ``E107`` names printed together that
could not be split with confidence (left out, shown in the warning).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..aliases import Aliases
from ..documents import read_document
from ..problems import Problems
from .result import Assessment, Extraction, Unparsed
from .scan import extract_document

__all__ = [
    "Assessment",
    "Extraction",
    "Unparsed",
    "extract_document",
    "extract_file",
    "sidecar_path",
]


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
