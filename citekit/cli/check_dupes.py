"""``citekit check dupes``: records that denote the same source. Exit 0 none, 2 found, 1 error."""

from __future__ import annotations

from pathlib import Path

import click

from ..problems import Problems
from ._common import echo_json, format_option, report_problems

__all__ = ["dupes"]


def _refs_dir_of(input_path: Path) -> Path | None:
    """The refs/ directory INPUT belongs to (for its alias table and decisions), if any."""
    if input_path.is_dir():
        return input_path
    if input_path.suffix.lower() in (".yaml", ".yml"):
        return input_path.parent
    return None


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@format_option(
    "table", "json", help="table for people; json: an array of {ids, decision, score, reason}."
)
@click.option(
    "--refs",
    "refs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="refs/ directory whose _aliases.yaml and _decisions.yaml apply "
    "(default: INPUT itself when it is refs/ or a file in it).",
)
def dupes(input_path: Path, fmt: str, refs_dir: Path | None) -> None:
    """Find records in INPUT that denote the same source, within and across documents.

    INPUT is refs/ (or one .yaml file in it), a CSL-JSON .json or a BibTeX .bib file.
    Titles are compared after folding width, punctuation, spaces, 《》, traditional and
    simplified characters and numerals; source names through the alias table
    (浙江在线网 = 浙江在线). Look-alikes are never reported as duplicates: titles that differ
    in a number (2022年/2023年), a part (（上）/（下）, 之一/之二) or a replaced character, or
    the same title in another source, year or issue.

    \b
    Decisions:
      duplicate  the same words, source and date: merge with `citekit merge KEY...`
      possible   words added or dropped, a date or source missing: a person decides;
                 `citekit merge --not-duplicate KEY KEY` stops it being reported

    Exit code 0 when nothing is found, 2 when groups are found, 1 when INPUT cannot be read
    or has malformed records (listed on stderr; the check would be incomplete).

    \b
    Examples:
      citekit check dupes refs/
      citekit check dupes refs/ --format json | jq '.[] | select(.decision == "duplicate")'
      citekit check dupes library.json --refs refs/
    """
    from ..aliases import load_aliases
    from ..checks.duplicates import find_duplicates
    from ..inputs import load_input
    from ..merge import load_decisions

    problems = Problems()
    lib = load_input(input_path, problems)
    refs = refs_dir if refs_dir is not None else _refs_dir_of(input_path)
    aliases = load_aliases(refs)
    decisions = load_decisions(refs) if refs is not None else None
    groups = find_duplicates(lib, decisions=decisions, aliases=aliases)
    report_problems(problems)

    if fmt == "json":
        echo_json([g.to_json() for g in groups])
    else:
        for g in groups:
            click.echo(f"{g.decision:<9}  {g.score:5.1f}  {' '.join(g.ids)}")
            click.echo(f"           {g.reason}")
            for key in g.ids:
                ref = lib.get(key)
                if ref is None:
                    continue
                date = ref.issued.iso() if ref.issued else ""
                where = ref.origin or ""
                shown = " ".join(x for x in (ref.container_title or "", date) if x)
                click.echo(f"    {key}  {ref.title or '(no title)'}  {shown}  {where}".rstrip())
    n_dup = sum(g.decision == "duplicate" for g in groups)
    click.echo(
        f"{len(lib)} record(s): {n_dup} duplicate group(s), "
        f"{len(groups) - n_dup} possible; merge with `citekit merge KEY...`",
        err=True,
    )
    if problems.errors:
        raise SystemExit(1)
    raise SystemExit(2 if groups else 0)
