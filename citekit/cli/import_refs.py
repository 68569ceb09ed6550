"""``citekit import``: reference files (RIS, EndNote, NoteExpress, RefWorks, GB/T lists ...)
-> refs/ (or CSL-JSON on stdout)."""

from __future__ import annotations

import click

from ..inputs import INPUT_KINDS
from ._common import echo_json, format_option, progress, report_problems

__all__ = ["import_refs"]


@click.command("import")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--into",
    "into",
    default="refs",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Reference library to merge into.",
)
@click.option(
    "--from",
    "from_fmt",
    type=click.Choice(["auto", *INPUT_KINDS]),
    default="auto",
    show_default=True,
    help="The files' format; auto detects it from the content.",
)
@format_option(
    "yaml",
    "csl-json",
    help="yaml: merge into --into. csl-json: print a CSL-JSON array, write nothing.",
)
def import_refs(files: tuple[str, ...], into: str, from_fmt: str, fmt: str) -> None:
    """Import the references of FILES ('-' is stdin) into refs/.

    Reads RIS (Web of Science, Scopus, CNKI, Zotero), EndNote tagged (.enw, CNKI's EndNote
    export) and EndNote XML, NoteExpress (CNKI's and Wanfang's NoteExpress export, .net),
    RefWorks (CNKI), CNKI's own 自定义/E-Study export (with 中图分类号), CSL-JSON, BibTeX,
    and formatted GB/T 7714 reference lists pasted as text, also from a .docx (gbt-text:
    [1]潘紫麟,刘庆鹏.…[J].医学综述,2021,27(11):2184-2188.).
    The format is detected from each file's content and printed; --from names it.

    Each file's records are merged into one YAML file in --into, like `citekit extract`:
    keys assigned (a record's own key - BibTeX, CSL-JSON id, RIS ID, EndNote label - is kept
    when no other source has it; otherwise a warning names its new key), fields you edited
    by hand kept. A record that cannot be read is reported
    at its file:line and the others are kept; an entry of a GB/T list that does not parse is
    kept as raw text with a warning. A file that cannot be read at all is reported and the
    others are still imported (exit 1 at the end).

    \b
    Examples:
      citekit import CNKI-export.ris
      citekit import NoteExpress.net --into refs/
      citekit import references.txt --from gbt-text --format csl-json
      pbpaste | citekit import - --format csl-json
    """
    from pathlib import Path

    from ..intake import Intake
    from ..keys import assign_keys
    from ..model import Library

    intake = Intake(Path(into))
    if fmt == "csl-json":
        refs = []
        for f in progress(files, "Importing"):
            imported = intake.read(f, from_fmt)
            if imported is None:
                continue
            click.echo(
                f"{f}: {imported.format} ({imported.reason}): {len(imported.records)} record(s)",
                err=True,
            )
            refs.extend(imported.records)
        echo_json(Library(assign_keys(refs)).to_csl())
        report_problems(intake.problems)
        # as render and export: exit 1 when a file or a record of one could not be read
        raise SystemExit(1 if intake.failed or intake.problems.errors else 0)

    for f in progress(files, "Importing"):
        report = intake.add_import(f, from_fmt)
        if report is not None:
            click.echo(report.line(), err=True)
    report_problems(intake.problems)
    click.echo(
        f"{len(intake.imports)} file(s), {intake.records} record(s): {intake.added} added, "
        f"{intake.updated} updated, {intake.kept_edits} with hand edits kept -> {into}/",
        err=True,
    )
    raise SystemExit(1 if intake.failed or intake.problems.errors else 0)
