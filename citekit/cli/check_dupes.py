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
    "table",
    "json",
    help="table for people; json: an array of {ids, decision, score, reason, for, against, "
    "original}.",
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
    Evidence is weighed, not vetoed: titles after folding width, punctuation, spaces, 《》,
    traditional/simplified characters, numerals and diacritics, without column tags (特稿：,
    【十年·中国观察】); source names through the alias tables and as compound names
    (人民網-人民日報海外版), English names (Xinhua News Agency = 新华社), channel suffixes
    (央视新闻客户端 = 央视新闻); dates within a day (a wire and its print copy); authors;
    issue numbers (第12期 = 12). A generic title (政府工作报告, 卷首语) counts only when the
    source and day or an author agree. Never duplicates: another number or part in the title
    (2022年/2023年, （上）/（下）), a replaced character, another year, issue or 文号, or
    different named authors. Each group lists the evidence for and against.

    \b
    Decisions:
      duplicate  the same work in the same source: merge with `citekit merge KEY...`
      repost     the same work printed by another source (a 新华社 wire in 人民日报):
                 cite the original (listed); `citekit merge --as-repost KEY...` records it
      possible   worth a look: a person decides; `citekit merge --not-duplicate KEY KEY`
                 stops it being reported

    Exit code 0 when nothing is found, 2 when groups are found, 1 when INPUT cannot be read
    or has malformed records (listed on stderr; the check would be incomplete).

    \b
    Examples:
      citekit check dupes refs/
      citekit check dupes refs/ --format json | jq '.[] | select(.decision == "duplicate")'
      citekit check dupes library.json --refs refs/
    """
    from ..aliases import load_aliases
    from ..checks.duplicates import BlockingReport, find_duplicates
    from ..merge import load_decisions
    from ._common import load_announced

    problems = Problems()
    lib = load_announced(input_path, problems)
    refs = refs_dir if refs_dir is not None else _refs_dir_of(input_path)
    aliases = load_aliases(refs)
    decisions = load_decisions(refs) if refs is not None else None
    blocking = BlockingReport()
    groups = find_duplicates(lib, decisions=decisions, aliases=aliases, report=blocking)
    for block in blocking.oversized:
        problems.add(str(input_path), "W331", str(block))
    report_problems(problems)

    if fmt == "json":
        echo_json([g.to_json() for g in groups])
    else:
        for g in groups:
            click.echo(f"{g.decision:<9}  {g.score:5.1f}  {' '.join(g.ids)}")
            click.echo(f"           {g.reason}")
            if g.original is not None:
                click.echo(f"           original to cite: {g.original}")
            for key in g.ids:
                ref = lib.get(key)
                if ref is None:
                    continue
                date = ref.issued.iso() if ref.issued else ""
                where = ref.origin or ""
                shown = " ".join(x for x in (ref.container_title or "", date) if x)
                click.echo(f"    {key}  {ref.title or '(no title)'}  {shown}  {where}".rstrip())
    n_dup = sum(g.decision == "duplicate" for g in groups)
    n_rep = sum(g.decision == "repost" for g in groups)
    click.echo(
        f"{len(lib)} record(s): {n_dup} duplicate group(s), {n_rep} repost group(s), "
        f"{len(groups) - n_dup - n_rep} possible; merge with `citekit merge KEY...`",
        err=True,
    )
    if problems.errors:
        raise SystemExit(1)
    raise SystemExit(2 if groups else 0)
