"""``citekit extract``: source documents -> refs/ (or CSL-JSON on stdout)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DocumentError, StoreError
from ..problems import Problems
from ._common import echo_json, format_option, progress, report_problems

__all__ = ["extract"]


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    default="refs",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Reference library to write/merge into.",
)
@format_option(
    "yaml",
    "csl-json",
    help="yaml: merge into --out. csl-json: print a CSL-JSON array, write nothing.",
)
def extract(files: tuple[str, ...], out_dir: str, fmt: str) -> None:
    """Extract the references of FILES (.txt or .docx; '-' is stdin).

    Finds source attributions （来源：…）/摘自…/原载… with the title of the article each one
    closes, bare URL lines, magazine table-of-contents entries, speech excerpts and documents
    cited by title and number (《…》（发改地区〔2017〕922号）). What a text cannot say (a magazine's
    name, year and issue) comes from a sidecar file beside it: FILE's stem + .meta.yaml.

    Records are merged into one YAML file per document in --out: fields you edited by hand
    are kept, records that vanished from the source are reported and kept. A file that cannot
    be read is reported and the others are still processed (exit 1 at the end). Finding
    nothing is not an error (exit 0).

    \b
    Examples:
      citekit extract seeds/*.txt
      citekit extract seeds/*.txt --out refs/
      citekit extract bulletin.txt --format csl-json > bulletin.json
      cat bulletin.txt | citekit extract - --format csl-json
    """
    from ..extract import extract_file
    from ..keys import assign_keys
    from ..model import Library
    from ..store import merge_extraction, refs_path_for

    problems = Problems()
    failed = False
    if fmt == "csl-json":
        refs = []
        for f in progress(files, "Extracting"):
            try:
                ex = extract_file(f, problems)
            except (DocumentError, StoreError) as exc:
                problems.add(exc.where or f, "E100", exc.message, "error")
                failed = True
                continue
            refs.extend(ex.references)
        lib = Library(assign_keys(refs))
        echo_json(lib.to_csl())
        report_problems(problems)
        raise SystemExit(1 if failed else 0)

    out = Path(out_dir)
    totals = {
        "documents": 0,
        "records": 0,
        "added": 0,
        "updated": 0,
        "kept_edits": 0,
        "missed": 0,
    }
    for f in progress(files, "Extracting"):
        try:
            ex = extract_file(f, problems)
            report = merge_extraction(f, ex.document, ex.references, out)
        except (DocumentError, StoreError) as exc:
            problems.add(exc.where or f, "E100", exc.message, "error")
            failed = True
            continue
        totals["documents"] += 1
        totals["records"] += len(ex.references)
        totals["missed"] += len(ex.missed)
        totals["added"] += len(report.added)
        totals["updated"] += len(report.updated)
        totals["kept_edits"] += len(report.kept_edits)
        for key in report.vanished:
            problems.add(
                str(refs_path_for(f, out)),
                "E110",
                f"record {key!r} is no longer found in {f}; kept in refs/, "
                "delete it by hand if it is gone for good",
            )
    report_problems(problems)
    click.echo(
        f"{totals['documents']} document(s), {totals['records']} record(s): "
        f"{totals['added']} added, {totals['updated']} updated, "
        f"{totals['kept_edits']} with hand edits kept -> {out}/; "
        f"{totals['missed']} attribution-cue line(s) without a record",
        err=True,
    )
    raise SystemExit(1 if failed else 0)
