"""``citekit check records``: incomplete or impossible records. Exit 0 clean, 2 found, 1 failed."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import click

from ..problems import Problems
from ._common import echo_json, format_option, progress, report_problems

__all__ = ["records"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: list[dict[str, Any]]) -> None:
    heads = ["where", "severity", "code", "message"]
    widths = [max([_width(h)] + [_width(str(r[h])) for r in rows]) for h in heads[:-1]]
    for row in [dict(zip(heads, (h.upper() for h in heads), strict=True)), *rows]:
        cells = [
            str(row[h]) + " " * (w - _width(str(row[h])))
            for h, w in zip(heads[:-1], widths, strict=True)
        ]
        click.echo("  ".join([*cells, str(row["message"])]))


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path())
@format_option(
    "table",
    "json",
    help='json: an array of {"id", "where", "code", "severity", "message"} on stdout.',
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge future dates against this day (YYYY-MM-DD) instead of the real today.",
)
@click.option("--errors-only", is_flag=True, help="Report (and fail on) errors only.")
def records(input_path: str, fmt: str, today: dt.datetime | None, errors_only: bool) -> None:
    """Check that every record in INPUT is complete and possible.

    INPUT is refs/ (or one .yaml file in it), a CSL-JSON .json file or a BibTeX .bib file.
    Errors (the record cannot give a correct GB/T 7714 entry): no title (W301), no source
    (W302), an impossible date (W303), a web page without URL (W305), a URL that does not parse
    (W306), a newspaper article without date (W307), text with U+FFFD (W314). Warnings: future
    dates (W304), accessed before issued (W308), no access date on a web page (W309), no date
    (W310), odd DOI (W311), extraction warnings (W312), a title or container-title still in 《》
    (W313), a book, thesis, patent or standard without publisher or number (W315). Entries
    that cannot be read at all are reported on stderr.

    Exit code: 0 nothing found, 2 something found, 1 INPUT could not be read.

    \b
    Examples:
      citekit check records refs/
      citekit check records library.bib --format json > problems.json
      citekit check records refs/ --errors-only --today 2026-07-01
    """
    from ..checks.records import check_record
    from ._common import load_announced

    load_problems = Problems()
    lib = load_announced(input_path, load_problems)
    day = today.date() if today else dt.date.today()
    rows: list[dict[str, Any]] = []
    for ref in progress(lib, "Checking records"):
        for p in check_record(ref, today=day):
            if errors_only and p.severity != "error":
                continue
            rows.append({"id": ref.id, **p.to_json()})
    if errors_only:
        load_problems.items = load_problems.errors
    report_problems(load_problems)
    if fmt == "json":
        echo_json([{k: r[k] for k in ("id", "where", "code", "severity", "message")} for r in rows])
    elif rows:
        _table(rows)
    found = bool(rows) or bool(load_problems)
    if fmt == "table":
        errors = sum(r["severity"] == "error" for r in rows)
        flagged = len({r["id"] for r in rows})
        click.echo(
            f"{errors} error(s), {len(rows) - errors} warning(s) in {flagged} of {len(lib)} "
            f"record(s){'' if not load_problems else f'; {len(load_problems)} unreadable'}",
            err=True,
        )
    raise SystemExit(2 if found else 0)
