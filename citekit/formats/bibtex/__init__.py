"""BibTeX / BibLaTeX <-> :class:`~citekit.model.Library` (the only module importing bibtexparser).

Export writes the entry types and fields that the GB/T 7714 LaTeX packages read
(gbt7714-bibtex-style for BibTeX, biblatex-gb7714-2015 for BibLaTeX): ``@newspaper``,
``@online``, ``@article`` + ``journal`` (BibTeX) or ``journaltitle`` (BibLaTeX), ``urldate``,
``langid``, ``date`` (BibLaTeX) or ``year`` + ``date`` (BibTeX). Chinese names and corporate
bodies are braced so that BibTeX never splits them (``{马跃明}``); LaTeX special characters are
escaped and read back exactly.

Round trip: ``from_bibtex(to_bibtex(lib)) == lib`` for every record. What has a BibTeX field is
written there; whatever would not read back identically from those fields (a CSL variable
without a BibTeX counterpart such as ``section``, a CSL type that the entry type does not name,
a value BibTeX would normalise, such as a line break in a title) is also carried, exactly, in
the custom field ``citekit-csl``: a JSON array of ``[variable, CSL-JSON value]`` pairs (``null``
removes a variable that the native fields would wrongly imply). Provenance travels in
``citekit-provenance`` (``[[file, start_line, end_line, raw], ...]``) and extraction warnings in
``citekit-warnings``. BibTeX and biber ignore fields they do not know. Braces inside these JSON
strings are written ``\\u007b``/``\\u007d`` so that every value has balanced braces.

Import reads any BibTeX/BibLaTeX file. Entry types map to CSL types (``@article`` ->
article-journal; ``@newspaper``, or ``@article`` + ``entrysubtype = {newspaper}``, ->
article-newspaper; ``@online`` -> webpage ...); names to :class:`~citekit.model.Name` (a braced
name or a Chinese name whole as ``literal``, ``Family, Given`` split); LaTeX to Unicode (escapes,
accents, ``\\emph{}``, ``--``). Fields citekit has no variable for are kept as written in
``custom.bibtex`` and written back. A CSL type that BibTeX has no entry type for is written
``@misc`` (or ``@online``, ``@legislation`` ...) with ``entrysubtype = {speech}``.

Problems, each at ``file:line`` (1-based), while the other entries still import:
E410 malformed entry (error) · E411 duplicate citation key (error) · E412 entry that cannot be
read (error) · E413 field given twice, the first is used · E414 a date, year, month or urldate
that is not one, kept as written · E415 unknown entry type, read as misc · E416 unreadable
``citekit-*`` field, ignored.
"""

from __future__ import annotations

from .fields import FIELD_CSL, FIELD_PROVENANCE, FIELD_WARNINGS
from .latex import latex_escape, latex_unescape
from .names import format_bibtex_name, parse_bibtex_name, parse_bibtex_names
from .reader import BibtexRead, FailedEntry, from_bibtex, load_bibtex, read_bibtex
from .writer import to_bibtex, write_bibtex

__all__ = [
    "FIELD_CSL",
    "FIELD_PROVENANCE",
    "FIELD_WARNINGS",
    "BibtexRead",
    "FailedEntry",
    "format_bibtex_name",
    "from_bibtex",
    "latex_escape",
    "latex_unescape",
    "load_bibtex",
    "parse_bibtex_name",
    "parse_bibtex_names",
    "read_bibtex",
    "to_bibtex",
    "write_bibtex",
]
