"""Measure the extractor on ../shared/corpus/attributions.jsonl (real attribution lines).

Runs :func:`citekit.extract.extract_document` on each snippet and compares the first record with
the hand-made gold fields. Containers are compared through the alias table (``浙江在线网`` and
``浙江在线`` count as the same), dates as ISO strings. Prints accuracy per field; ``--verbose``
lists the misses.

    python scripts/eval_corpus.py [--corpus PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit.aliases import load_aliases, normalize_name
from citekit.documents import Document
from citekit.extract import extract_document
from citekit.extract.sources import is_agency
from citekit.model import Reference

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "attributions.jsonl"

KIND_OF_TYPE = {
    "article-newspaper": "newspaper",
    "article-magazine": "magazine-journal",
    "article-journal": "magazine-journal",
    "webpage": "website",
    "speech": "speech",
}


@dataclass
class Score:
    """Hits and totals per field, plus the misses for --verbose."""

    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, item_id: str, got: object, want: object) -> None:
        self.totals[name] = self.totals.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + int(ok)
        if not ok:
            self.misses.append(f"{item_id} {name}: got {got!r}, want {want!r}")

    def accuracy(self, name: str) -> float:
        total = self.totals.get(name, 0)
        return self.hits.get(name, 0) / total if total else 1.0


def kind_of(ref: Reference | None) -> str:
    if ref is None:
        return "other"
    if is_agency(ref.container_title):
        return "news-agency"
    return KIND_OF_TYPE.get(ref.type, "other")


def first_record(snippet: str) -> Reference | None:
    ex = extract_document(Document("<snippet>", snippet, "utf-8"))
    refs = [r for r in ex.references if r.type != "legislation"]
    with_container = [r for r in refs if r.container_title]
    if with_container:
        return with_container[0]
    return refs[0] if refs else None


def evaluate(items: list[Mapping[str, Any]]) -> Score:
    """Score every corpus item."""
    aliases = load_aliases(None)
    score = Score()
    for item in items:
        gold = item["gold"]
        ref = first_record(item["snippet"])
        want_c = gold.get("container")
        got_c = ref.container_title if ref else None
        same = (want_c is None and got_c is None) or (
            want_c is not None
            and got_c is not None
            and normalize_name(aliases.canonical(want_c))
            == normalize_name(aliases.canonical(got_c))
        )
        score.add("container", same, item["id"], got_c, want_c)
        want_d = gold.get("date")
        got_d = ref.issued.iso() if ref and ref.issued else None
        score.add("date", want_d == got_d, item["id"], got_d, want_d)
        score.add(
            "kind", kind_of(ref) == gold.get("kind"), item["id"], kind_of(ref), gold.get("kind")
        )
        if gold.get("issue"):
            want_i = str(gold["issue"].get("number"))
            score.add(
                "issue",
                ref is not None and ref.issue == want_i,
                item["id"],
                ref and ref.issue,
                want_i,
            )
        if gold.get("edition"):
            score.add(
                "edition",
                ref is not None and ref.edition == gold["edition"],
                item["id"],
                ref and ref.edition,
                gold["edition"],
            )
    return score


def load(path: Path) -> list[dict[str, Any]]:
    """The corpus items."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    items = load(args.corpus)
    score = evaluate(items)
    print(f"{len(items)} corpus items")
    for name in ("container", "date", "kind", "issue", "edition"):
        total = score.totals.get(name, 0)
        print(f"{name:>10}: {score.accuracy(name):6.1%}  ({score.hits.get(name, 0)}/{total})")
    if args.verbose:
        print("\nmisses:")
        for miss in score.misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
