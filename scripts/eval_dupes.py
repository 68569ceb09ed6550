"""Measure ``citekit check dupes`` on real reposted Chinese news (tests/data/dupes_real/).

Each record carries labels: ``work`` (the same text) and ``issuance`` (the work in one source).
Pairs of one issuance are true duplicates, pairs of one work in different issuances are reposts,
pairs of different works are distinct (a *hard negative* when one of the works is marked
``hard`` and both are in one story). The set is split by story: ``dev`` was used for tuning,
``test`` was not; report on ``test``.

Prints, per split:

* ``duplicate`` precision and recall (over true duplicate pairs);
* ``duplicate``-or-``possible`` precision (a pair counts as right when it is the same work) and
  recall (over true duplicate pairs);
* hard negatives called ``duplicate``;
* reposts offered (reported as ``repost`` or ``possible``).

Run: ``python scripts/eval_dupes.py [--split test|dev|all] [--errors]``
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from citekit.checks.duplicates import find_duplicates
from citekit.model import Library, Name, PartialDate, Reference

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dupes_real" / "records.yaml"
_RANK = {"duplicate": 3, "possible": 2, "repost": 1}


@dataclass(frozen=True)
class Labelled:
    """A record with its labels."""

    ref: Reference
    story: str
    work: str
    issuance: str
    hard: bool


def to_reference(item: dict[str, Any]) -> Reference:
    """A record of the set as citekit reads it."""
    date = item.get("date")
    return Reference(
        str(item["key"]),
        str(item.get("type", "article-newspaper")),
        title=item.get("title"),
        author=tuple(Name.parse(str(a)) for a in item.get("authors") or ()),
        container_title=item.get("container"),
        issued=PartialDate.parse(str(date)) if date is not None else None,
        page=str(item["page"]) if item.get("page") is not None else None,
        issue=str(item["issue"]) if item.get("issue") is not None else None,
        url=item.get("url"),
    )


def load(split: str) -> list[Labelled]:
    """The records of ``split`` (``dev``, ``test`` or ``all``)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = []
    for story in data["stories"]:
        if split != "all" and story["split"] != split:
            continue
        for item in story["records"]:
            out.append(
                Labelled(
                    to_reference(item),
                    story["story"],
                    str(item["work"]),
                    str(item["issuance"]),
                    bool(item.get("hard")),
                )
            )
    return out


def truth(a: Labelled, b: Labelled) -> str:
    """``duplicate``, ``repost``, ``hard`` (a hard negative) or ``distinct``."""
    if a.issuance == b.issuance:
        return "duplicate"
    if a.work == b.work:
        return "repost"
    if a.story == b.story and (a.hard or b.hard):
        return "hard"
    return "distinct"


def evaluate(split: str, show_errors: bool = False) -> dict[str, float]:
    """Compute (and print) the figures for ``split``."""
    records = load(split)
    groups = find_duplicates(Library(r.ref for r in records))
    called: dict[frozenset[str], str] = {}
    said: dict[str, set[frozenset[str]]] = {"duplicate": set(), "repost": set(), "possible": set()}
    for g in groups:
        for a, b in combinations(g.ids, 2):
            pair = frozenset((a, b))
            said[g.decision].add(pair)
            if _RANK[g.decision] > _RANK.get(called.get(pair, ""), 0):
                called[pair] = g.decision
    by_key = {r.ref.id: r for r in records}
    true_dup, true_rep, hard = set(), set(), set()
    for a, b in combinations(records, 2):
        pair = frozenset((a.ref.id, b.ref.id))
        kind = truth(a, b)
        {"duplicate": true_dup, "repost": true_rep, "hard": hard}.get(kind, set()).add(pair)
    dup = said["duplicate"]
    loose = said["duplicate"] | said["possible"]
    same_work = true_dup | true_rep
    offered = said["repost"] | said["possible"]
    reposts = said["repost"]

    def ratio(n: int, d: int) -> float:
        return n / d if d else 1.0

    figures = {
        "records": len(records),
        "duplicate groups": len(
            {r.issuance for r in records if sum(x.issuance == r.issuance for x in records) > 1}
        ),
        "true duplicate pairs": len(true_dup),
        "repost pairs": len(true_rep),
        "hard negative pairs": len(hard),
        "duplicate precision": ratio(len(dup & true_dup), len(dup)),
        "duplicate recall": ratio(len(dup & true_dup), len(true_dup)),
        "dup-or-possible precision": ratio(len(loose & same_work), len(loose)),
        "dup-or-possible recall": ratio(len(loose & true_dup), len(true_dup)),
        "hard negatives called duplicate": len(dup & hard),
        "reposts offered": ratio(len(offered & true_rep), len(true_rep)),
        "repost precision (same work)": ratio(len(reposts & same_work), len(reposts)),
    }
    print(f"split: {split}")
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name:<34} {shown}")
    if show_errors:
        for pair in sorted(true_dup - loose, key=sorted):
            a, b = sorted(pair)
            print(f"  MISSED duplicate {a} {b}: {called.get(pair, 'not reported')}")
        for pair in sorted(true_rep - offered - dup, key=sorted):
            a, b = sorted(pair)
            print(f"  MISSED repost    {a} {b}: {called.get(pair, 'not reported')}")
        for pair in sorted((loose | reposts) - same_work, key=sorted):
            a, b = sorted(pair)
            print(f"  WRONG  {called[pair]:<9} {a} {b} ({truth(by_key[a], by_key[b])})")
        for pair in sorted((dup & true_rep), key=sorted):
            a, b = sorted(pair)
            print(f"  REPOST called duplicate {a} {b}")
        for g in groups:
            print(f"    {g.decision:<9} {g.score:5.1f} {' '.join(g.ids)}  {g.reason[:160]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    parser.add_argument("--errors", action="store_true", help="list the pairs it got wrong")
    args = parser.parse_args()
    evaluate(args.split, args.errors)


if __name__ == "__main__":
    main()
