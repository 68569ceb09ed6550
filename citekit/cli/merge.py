"""``citekit merge``: merge duplicate records in refs/, or remember that they are not."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import echo_json, format_option

__all__ = ["merge"]


@click.command()
@click.argument("keys", nargs=-1, required=True)
@click.option(
    "--into",
    default=None,
    metavar="KEY",
    help="Key of the record that survives (default: the first).",
)
@click.option("--force", is_flag=True, help="Merge even records that do not look like duplicates.")
@click.option(
    "--not-duplicate",
    "not_duplicate",
    is_flag=True,
    help="Do not merge: remember in refs/_decisions.yaml that KEYS are different sources, "
    "so `citekit check dupes` stops reporting them.",
)
@click.option(
    "--refs",
    "refs_dir",
    default="refs",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Reference library to change.",
)
@format_option("text", "json", help="json: what was done, for scripts.")
def merge(
    keys: tuple[str, ...],
    into: str | None,
    force: bool,
    not_duplicate: bool,
    refs_dir: Path,
    fmt: str,
) -> None:
    """Merge the records KEYS (duplicates of one source) into one record in refs/.

    The surviving record (--into, else the first key) keeps every provenance, i.e. every
    bulletin that cited the source, and its empty fields are filled from the others, which are
    removed from their files. A later `citekit extract` does not bring them back.

    Refused, with refs/ left untouched, when a key is unknown or when the records are not
    duplicates of each other (different numbers, parts, sources or years in the titles, or
    declared not duplicates) unless --force is given.

    \b
    Examples:
      citekit check dupes refs/                       # find the groups
      citekit merge zhejiangzaixian2018 zhejiangzaixian2018a
      citekit merge a b c --into b
      citekit merge lishuiribao2018 lishuiribao2018b --not-duplicate
    """
    from ..merge import mark_not_duplicates, merge_duplicates

    if not_duplicate:
        if into is not None or force:
            raise click.UsageError("--not-duplicate cannot be combined with --into or --force")
        new = mark_not_duplicates(keys, refs_dir=refs_dir)
        if fmt == "json":
            echo_json({"not_duplicate": list(keys), "new": new})
        else:
            state = "remembered" if new else "already known"
            click.echo(
                f"{state}: {', '.join(keys)} are not duplicates ({refs_dir}/_decisions.yaml)"
            )
        return

    result = merge_duplicates(keys, into=into, force=force, refs_dir=refs_dir)
    if fmt == "json":
        echo_json(
            {
                "survivor": result.survivor,
                "removed": result.removed,
                "filled": result.filled,
                "files": [str(p) for p in result.files],
                "verdicts": [
                    {"ids": [a, b], "decision": v.decision, "score": v.score, "reason": v.reason}
                    for a, b, v in result.verdicts
                ],
            }
        )
        return
    filled = f"; filled {', '.join(result.filled)}" if result.filled else ""
    click.echo(
        f"merged {', '.join(result.removed)} into {result.survivor}{filled} "
        f"-> {', '.join(str(p) for p in result.files)}"
    )
