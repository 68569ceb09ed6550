"""``citekit export``: INPUT -> BibTeX, BibLaTeX, CSL-JSON or a .docx bibliography."""

from __future__ import annotations

from pathlib import Path

import click

from ..problems import Problems
from ._common import report_problems

__all__ = ["export"]

_BY_SUFFIX = {".bib": "bibtex", ".json": "csl-json", ".docx": "docx"}


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path())
@click.option(
    "--to",
    "target",
    type=click.Choice(["bibtex", "biblatex", "csl-json", "docx"]),
    default=None,
    help="Output format. [default: from the -o extension: .bib bibtex, .json csl-json, .docx]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (atomically). Without it the export goes to stdout (not for docx).",
)
@click.option(
    "--no-provenance",
    is_flag=True,
    help="Leave out where each record was found (custom.citekit / citekit-provenance).",
)
@click.option(
    "--style",
    "style_name",
    default=None,
    metavar="NAME|PATH",
    help="docx: style name (see 'citekit styles') or CSL file. [default: gb-t-7714-2025-numeric]",
)
@click.option(
    "--gb7714",
    type=click.Choice(["2015", "2025"]),
    default="2015",
    show_default=True,
    help="biblatex: the biblatex-gb7714 style the .bib is for (gb7714-2015 or gb7714-2025; "
    "they print a standard's number differently).",
)
@click.option("--heading", default="参考文献", show_default=True, help="docx: heading text.")
@click.option("--font-cjk", default="宋体", show_default=True, help="docx: font for Chinese.")
@click.option(
    "--font-latin", default="Times New Roman", show_default=True, help="docx: font for Latin."
)
@click.option(
    "--size", type=float, default=10.5, show_default=True, help="docx: font size in points."
)
def export(
    input_path: str,
    target: str | None,
    output: str | None,
    no_provenance: bool,
    style_name: str | None,
    gb7714: str,
    heading: str,
    font_cjk: str,
    font_latin: str,
    size: float,
) -> None:
    """Export every record in INPUT as BibTeX, BibLaTeX, CSL-JSON or a Word bibliography.

    INPUT is refs/ (or one .yaml file in it), a CSL-JSON .json file or a BibTeX .bib file.
    BibTeX and BibLaTeX use the entry types and fields of the GB/T 7714 LaTeX packages
    (gbt7714 for BibTeX, biblatex-gb7714-2015): @newspaper, @online, urldate, langid. Records
    re-import without loss: what BibTeX has no field for travels in citekit-* fields.

    A malformed item in INPUT is reported on stderr with its file and line and the others are
    still exported, with exit 1 (records were left out); exit 1 also when nothing could be
    read or the output cannot be written.
    The output file is replaced only when the whole export succeeded.

    \b
    Examples:
      citekit export refs/ --to biblatex -o refs.bib
      citekit export refs/ --to biblatex --gb7714 2025 -o refs.bib
      citekit export refs/ -o refs.json                  # CSL-JSON, from the extension
      citekit export library.bib --to csl-json | jq '.[].id'
      citekit export refs/ -o 参考文献.docx --style gb-t-7714-2015-numeric --font-cjk 仿宋
    """
    from ..atomic import write_text_atomic
    from ..errors import CitekitError
    from ..model import Library
    from ._common import load_announced

    if target is None:
        target = _BY_SUFFIX.get(Path(output).suffix.lower()) if output else None
        if target is None:
            raise click.UsageError("say what to export to: --to bibtex|biblatex|csl-json|docx")
    to_stdout = output in (None, "-")
    if target == "docx" and to_stdout:
        raise click.UsageError("--to docx writes a file: give it with -o FILE.docx")
    if target != "docx":
        for name, value, default in (
            ("--style", style_name, None),
            ("--heading", heading, "参考文献"),
            ("--font-cjk", font_cjk, "宋体"),
            ("--font-latin", font_latin, "Times New Roman"),
            ("--size", size, 10.5),
        ):
            if value != default:
                raise click.UsageError(f"{name} only applies to --to docx")
    if target != "biblatex" and gb7714 != "2015":
        raise click.UsageError("--gb7714 only applies to --to biblatex")

    problems = Problems()
    lib = load_announced(input_path, problems)
    left_out = bool(problems.errors)  # items of INPUT that could not be read
    if not lib and problems.errors:
        report_problems(problems)
        raise CitekitError(f"{input_path}: no record could be read; nothing exported")

    if target == "docx":
        from ..docx import write_bibliography_docx
        from ..render import load_style, render_bibliography

        style = load_style(style_name)
        entries = render_bibliography(list(lib), style, problems=problems)
        left_out = left_out or len(entries) < len(lib)
        assert output is not None
        try:
            write_bibliography_docx(
                entries,
                output,
                heading=heading,
                cjk_font=font_cjk,
                latin_font=font_latin,
                size_pt=size,
            )
        except OSError as exc:
            raise CitekitError(f"{output}: cannot write: {exc.strerror or exc}") from None
    else:
        if target == "csl-json":
            from ..formats.csljson import dump_csl_json

            text = dump_csl_json(lib, provenance=not no_provenance)
        else:
            from ..formats.bibtex import to_bibtex

            if no_provenance:
                lib = Library(r.replace(provenance=(), warnings=()) for r in lib)
            text = to_bibtex(lib, biblatex=target == "biblatex", gb7714=gb7714)
        if to_stdout:
            click.echo(text, nl=False)
        else:
            assert output is not None
            try:
                write_text_atomic(output, text)
            except OSError as exc:
                raise CitekitError(f"{output}: cannot write: {exc.strerror or exc}") from None
    report_problems(problems)
    if not to_stdout:
        click.echo(f"{len(lib)} record(s) -> {output} ({target})", err=True)
    if left_out:  # records were left out: say so in the exit code
        raise SystemExit(1)
