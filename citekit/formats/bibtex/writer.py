"""Library -> BibTeX/BibLaTeX text (bibtexparser's writer)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bibtexparser import model as btm
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library as BibLibrary
from bibtexparser.middlewares.enclosing import AddEnclosingMiddleware
from bibtexparser.writer import BibtexFormat

from ...atomic import write_text_atomic
from ...errors import FormatError
from ...model import Reference
from ...render.extra import read_extra
from .fields import (
    FIELD_CSL,
    FIELD_PROVENANCE,
    FIELD_WARNINGS,
    _carried,
    _csl_to_fields,
    _json_field,
    _read_fields,
)
from .types import _KEY_RE, _ORDER

# -------------------------------------------------------------------------------------- export


def _entry(ref: Reference, biblatex: bool, gb7714: str) -> btm.Entry:
    if not _KEY_RE.match(ref.id):
        raise FormatError(
            f"citation key {ref.id!r} cannot be written in BibTeX "
            "(no spaces, commas, braces, quotes or #%'=\\~)",
            ref.origin,
        )
    item = ref.to_csl(provenance=False)
    # Zotero's Extra lines (DOI:, archive-place:, type: dataset) written as the fields they name
    etype, fields = _csl_to_fields(read_extra(item), biblatex, gb7714)
    carried = _carried(item, _read_fields(etype, fields))
    ordered = sorted(fields, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))
    out = [btm.Field(k, fields[k]) for k in ordered]
    if carried:
        out.append(btm.Field(FIELD_CSL, _json_field(carried)))
    if ref.provenance:
        prov = [[p.file, p.start_line, p.end_line, p.raw] for p in ref.provenance]
        out.append(btm.Field(FIELD_PROVENANCE, _json_field(prov)))
    if ref.warnings:
        out.append(btm.Field(FIELD_WARNINGS, _json_field(list(ref.warnings))))
    return btm.Entry(etype, ref.id, out)


GB7714_STYLES = ("2015", "2025")


def to_bibtex(lib: Iterable[Reference], *, biblatex: bool = False, gb7714: str = "2015") -> str:
    """Library -> BibTeX text (``biblatex=True``: BibLaTeX fields and entry types).

    ``gb7714``: the biblatex-gb7714 style the fields are for, ``2015`` (gb7714-2015: a
    standard's number and a policy document's 文号 also as ``titleaddon``, which it prints
    after the title) or ``2025`` (gb7714-2025 prints ``number`` there itself).
    Raises :class:`~citekit.errors.FormatError` for a citation key BibTeX cannot hold.
    """
    if gb7714 not in GB7714_STYLES:
        raise ValueError(f"gb7714 must be one of {', '.join(GB7714_STYLES)}, not {gb7714!r}")
    blib = BibLibrary([_entry(ref, biblatex, gb7714) for ref in lib])
    fmt = BibtexFormat()  # type: ignore[no-untyped-call]
    fmt.indent = "  "
    fmt.value_column = 15  # values line up after "journaltitle = "; longer keys push theirs on
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    enclose = AddEnclosingMiddleware(
        allow_inplace_modification=True,
        default_enclosing="{",
        reuse_previous_enclosing=False,
        enclose_integers=True,
    )
    text: str = write_string(blib, unparse_stack=[enclose], bibtex_format=fmt)
    return text if text.endswith("\n") or not text else text + "\n"


def write_bibtex(
    lib: Iterable[Reference], path: str | Path, *, biblatex: bool = False, gb7714: str = "2015"
) -> None:
    """Write a .bib file atomically (nothing is written if any record cannot be)."""
    write_text_atomic(path, to_bibtex(lib, biblatex=biblatex, gb7714=gb7714))
