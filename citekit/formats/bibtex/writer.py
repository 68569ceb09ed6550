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


def _entry(ref: Reference, biblatex: bool) -> btm.Entry:
    if not _KEY_RE.match(ref.id):
        raise FormatError(
            f"citation key {ref.id!r} cannot be written in BibTeX "
            "(no spaces, commas, braces, quotes or #%'=\\~)",
            ref.origin,
        )
    item = ref.to_csl(provenance=False)
    # Zotero's Extra lines (DOI:, archive-place:, type: dataset) written as the fields they name
    etype, fields = _csl_to_fields(read_extra(item), biblatex)
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


def to_bibtex(lib: Iterable[Reference], *, biblatex: bool = False) -> str:
    """Library -> BibTeX text (``biblatex=True``: BibLaTeX fields and entry types).

    Raises :class:`~citekit.errors.FormatError` for a citation key BibTeX cannot hold.
    """
    blib = BibLibrary([_entry(ref, biblatex) for ref in lib])
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


def write_bibtex(lib: Iterable[Reference], path: str | Path, *, biblatex: bool = False) -> None:
    """Write a .bib file atomically (nothing is written if any record cannot be)."""
    write_text_atomic(path, to_bibtex(lib, biblatex=biblatex))
