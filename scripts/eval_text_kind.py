"""Score the bulletin-or-reference-list decision ``citekit build`` makes for a .txt/.docx.

Two classes of real text: bulletins (``tests/corpus/docs/*.txt``, compiled from real public
pages, and the project's ``seeds/*.txt``) and formatted GB/T 7714 reference lists copied out of
real theses and papers (``tests/data/import/gbt_real/*.txt``, ``thesis_list.txt`` beside it),
plus the files of ``tests/data/import/text_kind/`` (collected after the rule was written and
scored once; ``list_*`` are reference lists, ``bulletin_*`` documents to extract, sources in
``tests/data/import/README.md``).

Splits: ``dev`` = the gbt ``dev_*`` lists, ``thesis_list.txt``, corpus folds 0-2 and the
seeds; ``held-out`` = the gbt ``heldout_*`` lists and corpus folds 3-4; ``fresh`` =
``text_kind/``. The decision is :func:`citekit.formats.detect.document_or_list`.

    python scripts/eval_text_kind.py        # confusion counts per split
    python scripts/eval_text_kind.py -v     # also each file's share of GB/T entries
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citekit.documents import read_document  # noqa: E402
from citekit.formats.detect import document_or_list, list_share  # noqa: E402
from citekit.store import load_mapping_file  # noqa: E402

IMPORT = ROOT / "tests" / "data" / "import"
CORPUS = ROOT / "tests" / "corpus" / "docs"


def samples() -> list[tuple[str, str, Path]]:
    """(split, true class, path) for every file."""
    out: list[tuple[str, str, Path]] = []
    for p in sorted((IMPORT / "gbt_real").glob("*.txt")):
        out.append(("dev" if p.name.startswith("dev_") else "held-out", "list", p))
    out.append(("dev", "list", IMPORT / "thesis_list.txt"))
    for p in sorted(CORPUS.glob("*.txt")):
        gold = load_mapping_file(p.with_suffix(".gold.yaml"))
        out.append(("dev" if int(gold["fold"]) <= 2 else "held-out", "bulletin", p))
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        out.append(("dev", "bulletin", p))
    for p in sorted((IMPORT / "text_kind").glob("*.txt")):
        out.append(("fresh", p.name.split("_", 1)[0], p))
    return out


def main(verbose: bool) -> None:
    """Print the confusion counts of each split (rows: truth, columns: decision)."""
    table: dict[str, dict[tuple[str, str], int]] = {}
    for split, truth, path in samples():
        text = read_document(str(path)).text
        kind, _reason = document_or_list(text)
        said = "list" if kind == "gbt-text" else "bulletin" if kind == "document" else kind
        cell = table.setdefault(split, {})
        cell[truth, said] = cell.get((truth, said), 0) + 1
        if verbose or said != truth:
            mark = "" if said == truth else "   <- WRONG"
            share = list_share(text)
            print(f"{split:8} {truth:8} -> {said:8} share {share:4.0%}  {path.name}{mark}")
    for split in ("dev", "held-out", "fresh"):
        cell = table.get(split, {})
        if not cell:
            continue
        right = sum(n for (t, s), n in cell.items() if t == s)
        total = sum(cell.values())
        print(
            f"{split:8}: {right}/{total} right; "
            f"list->list {cell.get(('list', 'list'), 0)}, "
            f"list->bulletin {cell.get(('list', 'bulletin'), 0)}, "
            f"bulletin->bulletin {cell.get(('bulletin', 'bulletin'), 0)}, "
            f"bulletin->list {cell.get(('bulletin', 'list'), 0)}"
        )


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
