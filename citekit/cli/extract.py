"""``citekit extract``: source documents -> refs/ (or CSL-JSON on stdout)."""

from __future__ import annotations

from pathlib import Path

import click

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

    Source names go through the alias table (citekit/data/aliases.yaml, extended by
    --out's _aliases.yaml). Records are merged into one YAML file per document in --out:
    fields you edited by hand are kept, records that vanished from the source are reported
    and kept. A file that cannot be read is reported and the others are still processed
    (exit 1 at the end). Finding nothing is not an error (exit 0).

    \b
    Examples:
      citekit extract seeds/*.txt
      citekit extract seeds/*.txt --out refs/
      citekit extract bulletin.txt --format csl-json > bulletin.json
      cat bulletin.txt | citekit extract - --format csl-json
    """
    from ..aliases import load_aliases
    from ..api import extract_into_refs
    from ..intake import Intake
    from ..keys import assign_keys
    from ..model import Library

    aliases = load_aliases(out_dir)  # refs/_aliases.yaml extends the built-in table
    if fmt == "csl-json":
        intake = Intake(Path(out_dir), aliases)
        refs = []
        for f in progress(files, "Extracting"):
            ex = intake.extract(f)
            if ex is not None:
                refs.extend(ex.references)
        # keys as the store would give them, unique across all FILES; refs/ is not touched
        echo_json(Library(assign_keys(refs)).to_csl())
        report_problems(intake.problems)
        raise SystemExit(1 if intake.failed else 0)

    intake = extract_into_refs(progress(files, "Extracting"), out_dir, aliases=aliases)
    report_problems(intake.problems)
    click.echo(intake.summary(), err=True)
    raise SystemExit(1 if intake.failed else 0)
