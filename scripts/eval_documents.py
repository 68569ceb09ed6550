"""Measure extraction on whole annotated documents (tests/corpus/docs/<id>.txt + .gold.yaml).

Per document, predictions are matched to gold references by line: a record matches a gold entry
when its provenance span contains the gold line. Recall = matched gold / gold, precision =
matched records / records. Field accuracy is end to end: right value / all gold references (a
missed reference counts wrong), after NFKC and whitespace folding; authors compare as a set and
are scored on the references that name authors. Prints one table per layout and per fold.

    python scripts/eval_documents.py [--corpus DIR] [--fold N | --exclude-fold N] [--layout L]
                                     [--json] [--verbose] [--errors] [DOC_ID ...]

``--verbose`` lists every error of every document (file:line: what); ``--errors`` counts them by
kind (missed, extra record, each field) per layout, to see which mechanism fails across many
documents rather than one document at a time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit.extract import extract_file
from citekit.model import Reference
from citekit.store import load_mapping_file

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "docs"

#: fields scored on every gold reference (null = null is right)
FIELDS = (
    "title",
    "container",
    "date",
    "authors",
    "type",
    "edition",
    "issue",
    "volume",
    "page",
    "number",
    "authority",
    "url",
)
#: the fields the summary tables show
HEADLINE = ("title", "container", "date", "authors")


def fold(value: object) -> str:
    """NFKC, no whitespace, case-folded; None and '' are the same."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).casefold()


def _authors(values: Iterable[object]) -> frozenset[str]:
    return frozenset(fold(v) for v in values if fold(v))


def predicted(ref: Reference, name: str) -> object:
    """The value of field ``name`` on a record, in the gold file's terms."""
    if name == "container":
        return ref.container_title
    if name == "date":
        return ref.issued.iso() if ref.issued and ref.issued.is_valid else None
    if name == "authors":
        return _authors(a.display for a in ref.author)
    if name == "page" and ref.type == "article-newspaper":
        return None  # a newspaper's 版次 is scored as edition
    return getattr(ref, name, None)


def gold_value(entry: Mapping[str, Any], name: str) -> object:
    """The value of field ``name`` in a gold entry."""
    if name == "authors":
        return _authors(entry.get("authors") or ())
    value = entry.get(name)
    if name == "date" and value is not None:
        return str(value)
    return value


def same(name: str, got: object, want: object) -> bool:
    """Equal after folding (sets for authors)."""
    if name == "authors":
        return got == want
    if name == "edition":
        return fold(got).removeprefix("第").removesuffix("版") == fold(want).removeprefix(
            "第"
        ).removesuffix("版")
    return fold(got) == fold(want)


@dataclass
class Tally:
    """Counts for one group of documents."""

    docs: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=dict)
    with_authors: int = 0
    layout_name: str = ""

    def add(self, other: Tally) -> None:
        self.docs += other.docs
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.with_authors += other.with_authors
        for k, v in other.right.items():
            self.right[k] = self.right.get(k, 0) + v

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    def accuracy(self, name: str) -> float:
        total = self.with_authors if name == "authors" else self.gold
        return self.right.get(name, 0) / total if total else 1.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "docs": self.docs,
            "gold": self.gold,
            "predicted": self.predicted,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
        }
        out.update({f: round(self.accuracy(f), 4) for f in FIELDS})
        return out


@dataclass
class DocResult:
    """One document's tally and its misses (for --verbose)."""

    id: str
    layout: str
    fold: int
    tally: Tally
    misses: list[str]


def _match(gold: Sequence[Mapping[str, Any]], refs: Sequence[Reference]) -> list[int | None]:
    """For each gold entry, the index of the record matched to it (each record used once)."""
    used: set[int] = set()
    out: list[int | None] = []
    for entry in gold:
        line = int(entry["line"])
        best: int | None = None
        best_score = -1
        for i, ref in enumerate(refs):
            if i in used or not ref.provenance:
                continue
            p = ref.provenance[0]
            if not p.start_line <= line <= p.end_line:
                continue
            score = sum(same(f, predicted(ref, f), gold_value(entry, f)) for f in HEADLINE)
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            used.add(best)
        out.append(best)
    return out


def evaluate_document(txt: Path) -> DocResult:
    """Extract ``txt`` and score it against ``<id>.gold.yaml``."""
    gold_path = txt.with_name(txt.stem + ".gold.yaml")
    meta = load_mapping_file(gold_path)
    entries = list(meta.get("references") or [])
    ex = extract_file(str(txt))
    refs = ex.references
    tally = Tally(docs=1, gold=len(entries), predicted=len(refs))
    misses: list[str] = []
    for entry, idx in zip(entries, _match(entries, refs), strict=True):
        ref = refs[idx] if idx is not None else None
        names_authors = bool(entry.get("authors"))
        tally.with_authors += int(names_authors)
        if ref is None:
            misses.append(f"{txt.name}:{entry['line']}: missed ({entry.get('title')!r})")
            continue
        tally.matched += 1
        for f in FIELDS:
            if f == "authors" and not names_authors:
                continue
            got, want = predicted(ref, f), gold_value(entry, f)
            if same(f, got, want):
                tally.right[f] = tally.right.get(f, 0) + 1
            elif f in HEADLINE or f in ("edition", "issue", "number"):
                g = sorted(got) if isinstance(got, frozenset) else got
                w = sorted(want) if isinstance(want, frozenset) else want
                misses.append(f"{txt.name}:{entry['line']}: {f}: got {g!r}, want {w!r}")
    gold_lines = [int(e["line"]) for e in entries]
    for ref in refs:
        p = ref.provenance[0] if ref.provenance else None
        if p and not any(p.start_line <= n <= p.end_line for n in gold_lines):
            misses.append(f"{txt.name}:{p.start_line}: extra record {ref.title!r}")
    return DocResult(txt.stem, str(meta.get("layout")), int(meta.get("fold") or 0), tally, misses)


_FROZEN: list[Path] = []


def documents(corpus: Path) -> list[Path]:
    """The corpus documents that have a gold file, sorted (the listing of a first-sight run
    when there was one in this process)."""
    if _FROZEN:
        return list(_FROZEN)
    return sorted(p for p in corpus.glob("*.txt") if p.with_name(p.stem + ".gold.yaml").exists())


def evaluate(
    corpus: Path = DEFAULT,
    *,
    ids: Sequence[str] = (),
    fold: int | None = None,
    exclude_fold: int | None = None,
    layout: str | None = None,
) -> list[DocResult]:
    """Score every selected document."""
    out = []
    for txt in documents(corpus):
        if ids and txt.stem not in ids:
            continue
        result = evaluate_document(txt)
        if fold is not None and result.fold != fold:
            continue
        if exclude_fold is not None and result.fold == exclude_fold:
            continue
        if layout and result.layout != layout:
            continue
        out.append(result)
    return out


def group(results: Sequence[DocResult], key: str) -> dict[str, Tally]:
    """Tallies per layout or per fold, plus 'all'."""
    groups: dict[str, Tally] = {}
    total = Tally()
    for r in results:
        name = r.layout if key == "layout" else f"fold {r.fold}"
        groups.setdefault(name, Tally()).add(r.tally)
        total.add(r.tally)
    out = dict(sorted(groups.items()))
    out["all"] = total
    return out


def table(groups: Mapping[str, Tally]) -> str:
    """A plain-text table: docs, refs, recall, precision and the headline fields."""
    head = f"{'':12} {'docs':>4} {'refs':>5} {'recall':>7} {'prec':>7} " + " ".join(
        f"{f:>9}" for f in HEADLINE
    )
    rows = [head]
    for name, t in groups.items():
        rows.append(
            f"{name:12} {t.docs:4d} {t.gold:5d} {t.recall:7.1%} {t.precision:7.1%} "
            + " ".join(f"{t.accuracy(f):9.1%}" for f in HEADLINE)
        )
    return "\n".join(rows)


def error_kind(miss: str) -> str:
    """The kind of one error line: ``missed``, ``extra``, or the field that is wrong."""
    what = miss.split(": ", 2)[1] if miss.count(": ") >= 1 else miss
    if what.startswith("missed"):
        return "missed"
    if what.startswith("extra record"):
        return "extra"
    return what.split(":", 1)[0]


def error_table(results: Sequence[DocResult]) -> str:
    """Errors counted by kind (columns) per layout (rows)."""
    counts: dict[str, dict[str, int]] = {}
    kinds: set[str] = set()
    for r in results:
        row = counts.setdefault(r.layout, {})
        for miss in r.misses:
            k = error_kind(miss)
            kinds.add(k)
            row[k] = row.get(k, 0) + 1
    order = [k for k in ("missed", "extra", *HEADLINE) if k in kinds]
    order += sorted(kinds - set(order))
    lines = [f"{'':12} " + " ".join(f"{k:>9}" for k in order)]
    total: dict[str, int] = {}
    for layout, row in sorted(counts.items()):
        lines.append(f"{layout:12} " + " ".join(f"{row.get(k, 0):9d}" for k in order))
        for k, v in row.items():
            total[k] = total.get(k, 0) + v
    lines.append(f"{'all':12} " + " ".join(f"{total.get(k, 0):9d}" for k in order))
    return "\n".join(lines)


def _row(name: str, t: Tally) -> str:
    authors = f"{t.accuracy('authors'):.1%}" if t.with_authors else "n/a"
    return (
        f"| {name} | {t.layout_name} | {t.gold} | {t.recall:.1%} | {t.precision:.1%} | "
        f"{t.accuracy('title'):.1%} | {t.accuracy('container'):.1%} | "
        f"{t.accuracy('date'):.1%} | {authors} |"
    )


def first_sight(corpus: Path, eval_md: Path) -> int:
    """Score the documents EVAL_MD does not list yet; append them as a new held-out batch."""
    import datetime as dt
    import subprocess

    text = eval_md.read_text(encoding="utf-8") if eval_md.exists() else ""
    new = [p for p in documents(corpus) if f"| {p.stem} |" not in text]
    _FROZEN[:] = documents(corpus)  # the listing the tables below will use too
    if not new:
        print("every document already has a first-sight figure\n")
        return 0
    results = [evaluate_document(p) for p in new]
    total = Tally()
    rows = []
    for r in results:
        r.tally.layout_name = r.layout
        rows.append(_row(r.id, r.tally))
        total.add(r.tally)
    total.layout_name = ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = (
        f"\n## Batch of {len(new)} — {now} (extractor at {commit or '?'} + work in progress)\n\n"
        "| document | layout | refs | recall | prec | title | container | date | authors |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
        + _row(f"**batch ({len(new)} docs)**", total)
        + "\n"
    )
    with eval_md.open("a", encoding="utf-8") as fh:
        fh.write(block)
    print(block)
    return 0


def held_out_summary(eval_md: Path, since: str = "") -> str:
    """Per-layout totals of the first-sight rows of EVAL_MD (held-out figures).

    Recall and field accuracies are exact (weighted by references); precision is rebuilt from
    matched / precision per row; authors are weighted by references (approximate).
    """
    rows: dict[str, list[list[float]]] = {}
    batch_time = ""
    in_summary = False
    for line in eval_md.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            # a summary section holds totals, not rows: skip it up to the next batch
            in_summary = line.startswith("## Summary")
            found = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)
            batch_time = found.group(0) if found else ""
        if in_summary or (since and batch_time < since):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 9 or not cells[2].isdigit() or cells[0].startswith("**"):
            continue
        refs = int(cells[2])
        vals = [float(c.rstrip("%")) / 100 if c.endswith("%") else -1.0 for c in cells[3:]]
        rows.setdefault(cells[1], []).append([refs, *vals])
    out = ["| layout | docs | refs | recall | prec | title | container | date | authors |"]
    out.append("|---|---|---|---|---|---|---|---|---|")
    everything = [r for rs in rows.values() for r in rs]
    for name, rs in [*sorted(rows.items()), ("**all**", everything)]:
        refs = sum(r[0] for r in rs)
        matched = sum(r[0] * r[1] for r in rs)
        predicted = sum(r[0] * r[1] / r[2] for r in rs if r[2] > 0)

        def mean(i: int, rs: list[list[float]] = rs) -> str:
            use = [r for r in rs if r[i] >= 0]
            w = sum(r[0] for r in use)
            return f"{sum(r[0] * r[i] for r in use) / w:.1%}" if w else "n/a"

        prec = f"{matched / predicted:.1%}" if predicted else "n/a"
        out.append(
            f"| {name} | {len(rs)} | {refs:.0f} | {matched / refs:.1%} | {prec} | "
            f"{mean(3)} | {mean(4)} | {mean(5)} | {mean(6)} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("ids", nargs="*", help="document ids (default: all)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--fold", type=int)
    parser.add_argument("--exclude-fold", type=int)
    parser.add_argument("--layout")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="every error, file:line")
    parser.add_argument("--errors", action="store_true", help="errors counted by kind and layout")
    parser.add_argument(
        "--first-sight",
        type=Path,
        metavar="EVAL_MD",
        help="score only documents not yet listed in EVAL_MD and append their rows (held out)",
    )
    parser.add_argument(
        "--since",
        default="",
        help="with --held-out: only batches from this time on (YYYY-MM-DD HH:MM)",
    )
    parser.add_argument(
        "--held-out",
        type=Path,
        metavar="EVAL_MD",
        help="print the per-layout totals of the first-sight (held-out) rows of EVAL_MD",
    )
    args = parser.parse_args(argv)
    if args.held_out:
        print(held_out_summary(args.held_out, args.since))
        return 0
    if args.first_sight:
        # one listing of the corpus for both: a document that arrives meanwhile is never scored
        # here before its first-sight figure is recorded
        first_sight(args.corpus, args.first_sight)
    results = evaluate(
        args.corpus,
        ids=args.ids,
        fold=args.fold,
        exclude_fold=args.exclude_fold,
        layout=args.layout,
    )
    if not results:
        print(f"no annotated documents in {args.corpus}", file=sys.stderr)
        return 1
    by_layout, by_fold = group(results, "layout"), group(results, "fold")
    if args.json:
        print(
            json.dumps(
                {
                    "layout": {k: v.as_dict() for k, v in by_layout.items()},
                    "fold": {k: v.as_dict() for k, v in by_fold.items()},
                    "documents": {r.id: r.tally.as_dict() for r in results},
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    print("per layout\n" + table(by_layout) + "\n\nper fold\n" + table(by_fold))
    if args.errors:
        print("\nerrors by kind\n" + error_table(results))
    if args.verbose:
        for r in results:
            for miss in r.misses:
                print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
