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
    "--as-repost",
    "as_repost",
    is_flag=True,
    help="Do not merge: record in refs/_redirects.yaml that KEYS are reposts of the first key "
    "(or --into): the same work printed by other sources. The records stay as they are.",
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
    as_repost: bool,
    refs_dir: Path,
    fmt: str,
) -> None:
    """Merge the records KEYS (duplicates of one source) into one record in refs/.

    The surviving record (--into, else the first key) keeps every provenance, i.e. every
    bulletin that cited the source. Nothing is lost: a value of another record that differs
    from the survivor's (a second title spelling, another date, an author) is kept on it as a
    variant (citekit-variants) and listed; empty fields are filled only from records of the
    same issuance (same source, date, issue, edition). The others are removed from their
    files; their keys become redirects (refs/_redirects.yaml) that render, cite and export
    follow to the survivor, and are never given to another record. A later `citekit extract`
    does not bring them back.

    Refused, with refs/ left untouched, when a key is unknown or when the records are not
    duplicates of each other (different numbers, parts, years, authors or declared not
    duplicates; the same work in another source is a repost: use --as-repost) unless --force.

    \b
    Examples:
      citekit check dupes refs/                       # find the groups
      citekit merge zhejiangzaixian2018 zhejiangzaixian2018a
      citekit merge a b c --into b
      citekit merge lishuiribao2018 lishuiribao2018b --not-duplicate
      citekit merge xinhuashe2024 renminribao2024 --as-repost
    """
    from ..merge import mark_not_duplicates, mark_reposts, merge_duplicates

    if not_duplicate and as_repost:
        raise click.UsageError("give either --not-duplicate or --as-repost, not both")
    if as_repost:
        if force:
            raise click.UsageError("--as-repost cannot be combined with --force")
        recorded = mark_reposts(keys, original=into, refs_dir=refs_dir)
        original = into or keys[0]
        if fmt == "json":
            echo_json({"original": original, "reposts": recorded})
        else:
            state = f"recorded: {', '.join(recorded)}" if recorded else "already recorded"
            click.echo(f"{state} as repost(s) of {original} ({refs_dir}/_redirects.yaml)")
        return
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
                "variants": [v.to_mapping() for v in result.variants],
            }
        )
        return
    filled = f"; filled {', '.join(result.filled)}" if result.filled else ""
    click.echo(
        f"merged {', '.join(result.removed)} into {result.survivor}{filled} "
        f"-> {', '.join(str(p) for p in result.files)}"
    )
    for v in result.variants:
        where = f" ({', '.join(v.where)})" if v.where else ""
        click.echo(f"  kept as variant: {v.field} = {v.value!r} from {v.source}{where} [{v.why}]")
    if result.removed:
        click.echo(
            f"  {', '.join(result.removed)} now cite {result.survivor} ({refs_dir}/_redirects.yaml)"
        )
