"""citekit as a library: the verbs a script needs, over the parts the CLI uses.

Consumes text, documents and reference inputs; produces keyed :class:`~citekit.model.Reference`
records, rendered bibliographies, exported files and check results. Every verb is a thin,
typed wrapper over one part (see docs/ARCHITECTURE.md) and raises only
:class:`~citekit.errors.CitekitError` subclasses; findings that do not stop the job come back
in the result's ``problems``. Nothing here reads or writes a cache unless one is passed in, and
nothing writes ``refs/`` except :func:`extract_into_refs`, :func:`import_into_refs`,
:func:`merge` and :func:`build`. See docs/API.md.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError, RecordError
from .model import Library, Reference
from .problems import Problems

if TYPE_CHECKING:
    from .aliases import Aliases
    from .build import BuildResult
    from .checks.duplicates import Decisions, DuplicateGroup
    from .checks.links import LinkOptions, LinkResult
    from .docx.cite import CiteReport
    from .extract import Extraction
    from .intake import Intake
    from .merge import MergeResult
    from .render import Rendered, Style

__all__ = [
    "Bibliography",
    "build",
    "check_links",
    "check_records",
    "cite_docx",
    "export",
    "extract_file",
    "extract_into_refs",
    "extract_text",
    "find_duplicates",
    "import_into_refs",
    "load",
    "merge",
    "render",
]

PathLike = str | os.PathLike[str]
RenderFormat = Literal["text", "html", "markdown"]
ExportFormat = Literal["bibtex", "biblatex", "csl-json", "docx"]


# ----------------------------------------------------------------------------------- extract


def _keyed(ex: Extraction) -> Extraction:
    """``ex`` with provisional keys by the store's scheme (``lishuiribao2018``, ``…a``)."""
    from .extract import Extraction
    from .keys import assign_keys

    refs = assign_keys(ex.references)
    by_position = iter(refs)
    items = [next(by_position) if isinstance(i, Reference) else i for i in ex.items]
    document = ex.document
    if document is not None and not document.id:
        document = assign_keys([document], taken=[r.id for r in refs])[0]
    return Extraction(ex.source, document, items, ex.problems)


def extract_text(
    text: str,
    *,
    name: str = "<text>",
    aliases: Aliases | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Extraction:
    """The references in ``text`` (a bulletin), keyed; ``name`` is the file named in provenance."""
    from .documents import Document
    from .extract import extract_document

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _keyed(extract_document(Document(name, text, "utf-8"), meta, aliases=aliases))


def extract_file(path: PathLike, *, aliases: Aliases | None = None) -> Extraction:
    """The references in a .txt or .docx document (and its ``.meta.yaml`` sidecar), keyed."""
    from .extract import extract_file as _extract_file

    return _keyed(_extract_file(os.fspath(path), aliases=aliases))


def extract_into_refs(
    documents: Iterable[PathLike], refs_dir: PathLike = "refs", *, aliases: Aliases | None = None
) -> Intake:
    """Extract ``documents`` and merge them into ``refs_dir`` (hand edits kept); the summary.

    ``aliases`` defaults to the built-in table extended by ``<refs_dir>/_aliases.yaml``. A
    document that cannot be read is reported in ``problems`` (E100) and listed in ``failed``.
    """
    from .aliases import load_aliases
    from .intake import Intake

    table = aliases if aliases is not None else load_aliases(os.fspath(refs_dir))
    return Intake(Path(refs_dir), table).add_all(os.fspath(d) for d in documents)


def import_into_refs(
    sources: PathLike | Iterable[PathLike], refs_dir: PathLike = "refs", *, fmt: str = "auto"
) -> Intake:
    """Merge reference files (RIS, EndNote, NoteExpress, RefWorks, CNKI, GB/T lists,
    CSL-JSON, BibTeX, YAML) into ``refs_dir``; the summary, one report per file in ``imports``.

    Each file goes to ``<refs_dir>/<stem>.yaml`` like an extracted document's; its format is
    detected from the content (``fmt`` names it) and said in its report. Records keep the
    file's own keys where free (W440 names the new key of each that could not). Malformed
    records are reported in ``problems`` and the rest merged; a file that cannot be read is
    reported (E100) and listed in ``failed``.
    """
    from .intake import Intake

    paths = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    intake = Intake(Path(refs_dir))
    for path in paths:
        intake.add_import(os.fspath(path), fmt)
    return intake


# -------------------------------------------------------------------------------------- load


def _load_input(path: str, problems: Problems) -> Library:
    from .inputs import load_input

    return load_input(path, problems)


def load(path: PathLike, *, problems: Problems | None = None) -> Library:
    """Records from ``refs/`` (or one .yaml), a CSL-JSON .json or a BibTeX .bib file.

    Malformed records go to ``problems`` when a collector is given; without one, any error
    raises :class:`~citekit.errors.InputError` listing them (warnings are then dropped).
    """
    found = Problems()
    lib = _load_input(os.fspath(path), found)
    if problems is not None:
        problems.extend(found)
    elif found.errors:
        shown = "\n  ".join(str(p) for p in found.errors)
        raise InputError(f"{len(found.errors)} record(s) cannot be read:\n  {shown}")
    return lib


def _library(refs: Iterable[Reference]) -> Library:
    """``refs`` as a Library: keys must be set and unique (DuplicateKeyError otherwise)."""
    if isinstance(refs, Library):
        return refs
    refs = list(refs)
    for ref in refs:
        if not ref.id:
            raise RecordError(
                f"a record has no citation key (title {ref.title!r}); records from "
                "citekit.extract_text/extract_file/load are keyed"
            )
    return Library(refs)


# ------------------------------------------------------------------------------------ render


@dataclass(frozen=True)
class Bibliography:
    """A rendered bibliography: its entries and what rendering found, from one render."""

    entries: list[Rendered]
    problems: Problems
    #: the style's name (``gb-t-7714-2025-numeric``)
    style: str
    format: RenderFormat = "text"

    @property
    def text(self) -> str:
        """The whole bibliography in :attr:`format`, one entry a line, labels included."""
        lines = []
        for e in self.entries:
            body = {"text": e.text, "html": e.html, "markdown": e.markdown}[self.format]
            lines.append(f"{e.label} {body}" if e.label else body)
        return "".join(f"{line}\n" for line in lines)

    def __str__(self) -> str:
        return self.text


def _style(style: Style | str | None) -> Style:
    from .render import Style, load_style

    return style if isinstance(style, Style) else load_style(style)


def render(
    refs: Iterable[Reference],
    style: Style | str | None = None,
    format: RenderFormat = "text",
) -> Bibliography:
    """The bibliography of ``refs`` (citation order) in ``style`` (default GB/T 7714-2025)."""
    from .render import render_bibliography

    if format not in ("text", "html", "markdown"):
        raise InputError(f"unknown format {format!r}: text, html or markdown")
    lib = _library(refs)
    st = _style(style)
    problems = Problems()
    entries = render_bibliography(list(lib), st, problems=problems)
    return Bibliography(list(entries), problems, st.name, format)


# ------------------------------------------------------------------------------------ export


def export(
    refs: Iterable[Reference],
    to: ExportFormat = "bibtex",
    path: PathLike | None = None,
    *,
    style: Style | str | None = None,
    provenance: bool = True,
) -> str:
    """``refs`` as BibTeX, BibLaTeX or CSL-JSON text (also written to ``path``, atomically).

    ``to="docx"`` writes the rendered bibliography to ``path`` (required) and returns its text.
    """
    lib = _library(refs)
    if to == "docx":
        if path is None:
            raise InputError("export to docx needs a path (a .docx file to write)")
        bib = render(lib, style)
        from .docx import write_bibliography_docx

        _writing(path, lambda: write_bibliography_docx(bib.entries, path))
        return bib.text
    if style is not None:
        raise InputError(f"a style only applies to docx, not {to}")
    if to == "csl-json":
        from .formats.csljson import dump_csl_json

        text = dump_csl_json(lib, provenance=provenance)
    elif to in ("bibtex", "biblatex"):
        from .formats.bibtex import to_bibtex

        if not provenance:
            lib = Library(r.replace(provenance=(), warnings=()) for r in lib)
        text = to_bibtex(lib, biblatex=to == "biblatex")
    else:
        raise InputError(f"unknown export format {to!r}: bibtex, biblatex, csl-json or docx")
    if path is not None:
        from .atomic import write_text_atomic

        _writing(path, lambda: write_text_atomic(path, text))
    return text


def _writing(path: PathLike, write: Any) -> None:
    try:
        write()
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", os.fspath(path)) from None


def cite_docx(
    report: PathLike,
    refs: Iterable[Reference],
    out: PathLike | None = None,
    *,
    style: Style | str | None = None,
    in_place: bool = False,
) -> CiteReport:
    """Turn ``[@key]`` markers in a Word report into citations plus a bibliography.

    Raises :class:`~citekit.errors.CitationError` listing unknown keys and malformed markers.
    """
    from .docx import cite_document

    return cite_document(report, _library(refs), style, out, in_place=in_place)


# ------------------------------------------------------------------------------------ checks


def check_records(refs: Iterable[Reference], *, today: _dt.date | None = None) -> Problems:
    """Incomplete or impossible records (W3xx), each located at its record."""
    from .checks.records import check_records as _check_records

    return _check_records(list(refs), today=today)


def check_links(refs: Iterable[Reference], options: LinkOptions | None = None) -> list[LinkResult]:
    """Whether each URL of ``refs`` still resolves (uses the network; no cache unless
    ``options`` asks for one)."""
    from .checks.links import LinkOptions, gather_targets
    from .checks.links import check_links as _check_links

    opts = options if options is not None else LinkOptions(use_cache=False)
    return _check_links(gather_targets(list(refs)), opts)


def find_duplicates(
    refs: Iterable[Reference],
    *,
    aliases: Aliases | None = None,
    decisions: Decisions | None = None,
) -> list[DuplicateGroup]:
    """Groups of records that are (or may be) the same work."""
    from .checks.duplicates import find_duplicates as _find_duplicates

    return _find_duplicates(_library(refs), decisions=decisions, aliases=aliases)


# ------------------------------------------------------------------------------ refs/ writes


def merge(
    keys: Sequence[str],
    *,
    refs_dir: PathLike = "refs",
    into: str | None = None,
    force: bool = False,
) -> MergeResult:
    """Merge the records of ``keys`` in ``refs_dir`` into one (``into``, else the first)."""
    from .merge import merge_duplicates

    return merge_duplicates(keys, into=into, force=force, refs_dir=os.fspath(refs_dir))


def build(
    inputs: Sequence[PathLike] = (),
    *,
    out_dir: PathLike = "build",
    refs_dir: PathLike = "refs",
    style: str | None = None,
    links: bool = False,
    today: _dt.date | None = None,
    text_as: str = "auto",
) -> BuildResult:
    """The whole job (``citekit build``): documents and reference files -> refs/ -> checks ->
    ``out_dir``; ``text_as`` (``document``, ``gbt-text``) says what a .txt/.docx is instead of
    its content (``result.sources`` says what each was read as)."""
    from .build import BuildOptions, run_build

    options = BuildOptions(
        inputs=[os.fspath(p) for p in inputs],
        out_dir=os.fspath(out_dir),
        refs_dir=os.fspath(refs_dir),
        style=style,
        check_links=links,
        today=today,
        text_as=text_as,
    )
    return run_build(options)
