"""``citekit build``: the whole job, from source documents to ``build/index.html``."""

from __future__ import annotations

import click

from ._common import echo_json, format_option, progress, report_problems

__all__ = ["build"]


@click.command()
@click.argument("inputs", nargs=-1, metavar="[INPUTS]...")
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for the outputs.",
)
@click.option(
    "--refs",
    "refs_dir",
    default="refs",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Reference library to merge into and build from.",
)
@click.option(
    "--style",
    default=None,
    metavar="NAME|PATH",
    help="CSL style name or .csl file [default: gb-t-7714-2025-numeric].",
)
@click.option(
    "--check-links/--no-check-links",
    default=False,
    show_default=True,
    help="Also check that every URL still resolves (uses the network).",
)
@click.option(
    "--text-as",
    "text_as",
    type=click.Choice(["auto", "document", "gbt-text"]),
    default="auto",
    show_default=True,
    help="What a .txt/.docx is: auto decides from its content (a bulletin to extract, or a "
    "pasted GB/T 7714 reference list); document or gbt-text forces it.",
)
@format_option(
    "text", "json", help="text: a summary on stderr. json: the summary as JSON on stdout."
)
def build(
    inputs: tuple[str, ...],
    out_dir: str,
    refs_dir: str,
    style: str | None,
    check_links: bool,
    text_as: str,
    fmt: str,
) -> None:
    """Extract, check and render everything; write build/ and the review page.

    INPUTS are source documents (.txt, .docx), reference files (RIS, EndNote .enw/XML,
    NoteExpress, RefWorks, CNKI exports, BibTeX, CSL-JSON, a GB/T 7714 list in a .txt) or
    directories of them; default: seeds/. What each file is, is decided from its content and
    printed (a .txt holding a pasted reference list is imported, not extracted; --text-as
    decides instead). Documents are extracted and reference files imported as by
    `citekit import`; their records are merged into --refs (fields you edited there are
    kept), the library is
    checked for incomplete records, duplicates and (with --check-links) broken links, and
    these are written to --out, each atomically:

    \b
      references.bib      BibTeX
      references.json     CSL-JSON
      bibliography.txt    the GB/T 7714 bibliography as text
      bibliography.docx   the same as a Word document
      index.html          review page: each record beside its source lines,
                          with its problems; open it in a browser (works offline)

    To correct a record, edit the refs/ file and line shown on the review page and run
    citekit build again. Exit code: 0 clean, 2 something was found, 1 nothing could be built.

    \b
    Examples:
      citekit build
      citekit build seeds/ more/bulletin.docx --out site/
      citekit build seeds/ CNKI-export.ris thesis-references.txt
      citekit build --style gb-t-7714-2015-author-date --check-links
      citekit build --format json | jq .problems
    """
    from ..build import Build, BuildError, BuildOptions

    options = BuildOptions(
        inputs=inputs,
        out_dir=out_dir,
        refs_dir=refs_dir,
        style=style,
        check_links=check_links,
        text_as=text_as,
    )
    job = Build(options)
    steps = job.steps()
    try:
        for step in progress(steps, "Building", min_items=1):
            step()
    except BuildError as exc:
        report_problems(exc.problems)
        raise
    result = job.result()
    imports = {i.source: i for i in result.imports}
    for path, kind, reason in result.sources:
        if path in imports:
            click.echo(imports[path].line(), err=True)
        else:
            click.echo(f"{path}: {kind} ({reason})", err=True)
    report_problems(result.problems)
    summary = result.summary()
    if fmt == "json":
        echo_json(
            {
                **summary,
                "problem_list": [p.to_json() for p in result.problems],
                "duplicate_groups": [g.to_json() for g in result.duplicate_groups],
                "links": None if result.links is None else [r.to_json() for r in result.links],
            }
        )
    else:
        broken = "not checked" if result.broken is None else str(result.broken)
        click.echo(
            f"{summary['documents']} document(s), "
            + (f"{summary['reference_files']} reference file(s), " if result.imports else "")
            + f"{summary['records']} record(s) "
            f"({summary['added']} new, {summary['kept_edits']} with hand edits kept); "
            f"duplicates: {summary['duplicates']}, broken links: {broken}, "
            f"problems: {summary['problems']} ({summary['errors']} errors), "
            f"unparsed: {summary['unparsed']}",
            err=True,
        )
        click.echo(f"wrote {', '.join(summary['outputs'])}", err=True)
        click.echo(f"review: {options.out_dir}/index.html", err=True)
    raise SystemExit(result.exit_code)
