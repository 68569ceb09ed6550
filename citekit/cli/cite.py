"""``citekit cite``: turn ``[@key]`` markers in a Word report into citations + a reference list."""

from __future__ import annotations

import re

import click

from ..errors import CitationError
from ..problems import Problems
from ._common import echo_json, format_option, load_announced, report_problems

__all__ = ["cite"]


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option(
    "--refs",
    "refs",
    required=True,
    type=click.Path(),
    help="The records: refs/ (or one .yaml in it), a CSL-JSON .json or a BibTeX .bib file.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Where to write the cited report (required unless --in-place).",
)
@click.option(
    "--style",
    default=None,
    help="Style name or .csl path (default gb-t-7714-2025-numeric; see `citekit render --help`).",
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Replace REPORT itself (atomically) instead of writing -o.",
)
@click.option(
    "--notes",
    is_flag=True,
    help="Footnote citations (注释): each citation becomes a Word footnote ①②③ holding the full "
    "GB/T 7714 entry (the short form when a source is cited again); the style defaults to "
    "gb-t-7714-2025-note. A reference list is added only at {{bibliography}}.",
)
@click.option(
    "--notes-restart-each-page",
    is_flag=True,
    help="With --notes: number the footnotes ① again on every page.",
)
@click.option(
    "--heading-style",
    default=None,
    metavar="STYLE",
    help="Paragraph style (name or id in the report) for a new 参考文献 heading; default: "
    "citekit's own style based on the body font.",
)
@click.option(
    "--link-color",
    default=None,
    metavar="RRGGBB",
    help="Colour and underline URLs/DOIs in the list (e.g. 0563C1); default: black, as the text.",
)
@format_option("text", "json", help="json: what was cited (keys, numbers, locations) on stdout.")
def cite(
    report: str,
    refs: str,
    output: str | None,
    style: str | None,
    in_place: bool,
    notes: bool,
    notes_restart_each_page: bool,
    heading_style: str | None,
    link_color: str | None,
    fmt: str,
) -> None:
    """Replace [@key] markers in REPORT.docx with GB/T 7714 citations and add the list.

    \b
    Markers, anywhere in the text (body, tables, headers, footnotes):
      [@lishuiribao2018]              one source            -> [1]
      [@a; @b; @c]                    several               -> [1-3]
      [@a, p. 15]  [@a, 第15页]        with a page           -> [1]15
      【@a；@b】  ［＠a，第3页］          as a Chinese input method types them
    The reference list goes where a paragraph reads {{bibliography}}, or
    under the report's 参考文献 heading, or at the end under a new one.
    With --notes, citations become footnotes ①②③ instead (注释).
    Citations are stored as Zotero-compatible fields:
    edit the report (move, add [@key] markers) and run cite again on it — it
    renumbers everything and rebuilds the list; Zotero can refresh it too.

    \b
    Examples:
      citekit cite report.docx --refs refs/ -o report-cited.docx
      citekit cite report.docx --refs refs.json --style gb-t-7714-2025-author-date -o out.docx
      citekit cite report-cited.docx --refs refs/ --in-place
      citekit cite report.docx --refs refs/ -o out.docx --format json
      citekit cite report.docx --refs refs/ --notes -o report-notes.docx

    Unknown keys and malformed markers are listed with the text around them
    and nothing is written (exit 1). REPORT is only changed with --in-place.
    """
    from ..docx import CiteProblemsError, cite_document
    from ..docx.bibliography import EntryLayout

    if link_color is not None and not re.fullmatch(r"[0-9A-Fa-f]{6}", link_color):
        raise click.BadParameter(
            f"{link_color!r} is not a colour RRGGBB", param_hint="--link-color"
        )
    if notes_restart_each_page and not notes:
        raise click.UsageError("--notes-restart-each-page goes with --notes")
    if in_place and output:
        raise click.UsageError("give either -o OUTPUT or --in-place, not both")
    if not in_place and not output:
        raise click.UsageError("missing -o OUTPUT (or --in-place to replace REPORT)")
    problems = Problems()
    library = load_announced(refs, problems)
    load_errors = problems.errors
    if load_errors:
        report_problems(problems)
        raise CitationError(f"{len(load_errors)} unreadable record(s) in the references", refs)
    try:
        result = cite_document(
            report,
            library,
            style,
            output,
            in_place=in_place,
            problems=problems,
            heading_style=heading_style,
            layout=EntryLayout(link_color=link_color.upper() if link_color else None),
            notes=notes,
            restart_notes_each_page=notes_restart_each_page,
        )
    except CiteProblemsError as exc:
        report_problems(problems)
        raise CitationError(exc.message, exc.where) from None
    report_problems(problems)
    if fmt == "json":
        echo_json(result.to_json())
        return
    n_refs = len(result.bibliography)
    where = {
        "placeholder": "at {{bibliography}}",
        "field": "rebuilt in place",
        "end": "added at the end",
        None: "not added",
    }[result.bibliography_at]
    click.echo(
        f"{result.output}: {len(result.citations)} citation(s) of {n_refs} source(s) "
        f"in {result.style}; reference list {where}"
    )
