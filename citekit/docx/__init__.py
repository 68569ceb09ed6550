"""Word documents: rendered bibliographies -> .docx, and ``[@key]`` citing in reports.

Consumes :class:`~citekit.render.Rendered` entries (and, for citing, a report .docx with a
Library and a style); produces .docx files. This package is the only importer of python-docx;
the report surgery is done with lxml on the zip parts (see ``package.py``).

- ``bibliography.py``: :func:`write_bibliography_docx` and the entry paragraphs
- ``markers.py``: finding ``[@key]`` markers across runs, cutting them out
- ``fields.py``: Zotero-compatible citation/bibliography fields
- ``collect.py``: finding markers and fields in reading order, with their places
- ``cite.py``: :func:`cite_document`, the pipeline (rendering, rewriting, the list)
- ``docprops.py``, ``richtext.py``, ``package.py``, ``ooxml.py``: Zotero preferences, formatted
  runs, the zip package, WordprocessingML helpers
"""

from __future__ import annotations

from .bibliography import write_bibliography_docx
from .cite import Citation, CiteProblemsError, CiteReport, cite_document

__all__ = [
    "Citation",
    "CiteProblemsError",
    "CiteReport",
    "cite_document",
    "write_bibliography_docx",
]
