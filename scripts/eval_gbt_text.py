"""Score the gbt-text parser on hand-annotated real reference lists.

Each ``tests/data/import/gbt_real/<name>.txt`` (a list as printed in a real thesis or paper)
has ``<name>.yaml``: one row per entry, ``[type, title, authors, container, year, volume,
issue, pages]``, annotated by hand. An entry is exactly right when all eight agree. Text is
compared after Unicode NFKC folding, with whitespace next to a CJK character dropped (a
wrapped or OCR'd line puts spaces inside Chinese words) and dashes/tildes in page ranges
read as ``-``. ``dev_*`` sets were used to develop the parser; ``heldout_*`` sets were not.

    python scripts/eval_gbt_text.py            # a line per set, then dev and held-out totals
    python scripts/eval_gbt_text.py -v         # also every wrong entry, field by field
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citekit.formats.gbt_text import _LABEL_RE, read_gbt_text  # noqa: E402
from citekit.model import Reference  # noqa: E402
from citekit.store import load_mapping_file  # noqa: E402

DATA = ROOT / "tests" / "data" / "import" / "gbt_real"
FIELDS = ("type", "title", "authors", "container", "year", "volume", "issue", "pages")
_CJK = r"[\u2e80-\u9fff\uff00-\uffef]"


def norm(value: Any) -> str:
    """Text as compared: NFKC, no whitespace beside CJK, single spaces, page dashes as -."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(rf"\s+(?={_CJK})|(?<={_CJK})\s+", "", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*[~～—–-]\s*", "-", text) if re.fullmatch(r"[\w\s~～—–-]+", text) else text


def observed(ref: Reference) -> dict[str, Any]:
    """The eight fields of a parsed record."""
    names = []
    for n in ref.author:
        if n.family == "others":
            names.append("等")
        else:
            names.append(n.literal or " ".join(p for p in (n.family, n.given) if p))
    return {
        "type": ref.type,
        "title": ref.title,
        "authors": names,
        "container": ref.container_title,
        "year": ref.issued.year if ref.issued else None,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.page,
    }


def score(name: str, verbose: bool) -> tuple[int, int]:
    """(exactly right, entries) for one set."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    rows = load_mapping_file_list(DATA / f"{name}.yaml")
    refs = read_gbt_text(text, name)
    lines = text.splitlines()
    if any(_LABEL_RE.match(line) for line in lines):
        # a numbered list: the annotated entries are the labelled ones; any other record (a
        # heading line read as an entry) is an extra record, counted apart
        labelled = [r for r in refs if _LABEL_RE.match(lines[r.provenance[0].start_line - 1])]
        extra = len(refs) - len(labelled)
        if extra:
            print(f"  {name}: {extra} extra record(s) from unlabelled lines")
        refs = labelled
    if len(refs) != len(rows):
        print(f"  {name}: {len(refs)} entries read, {len(rows)} annotated")
    right = 0
    for i, (ref, row) in enumerate(zip(refs, rows, strict=False), 1):
        want = dict(zip(FIELDS, row, strict=True))
        got = observed(ref)
        bad = [
            f
            for f in FIELDS
            if (
                [norm(a) for a in got[f]] != [norm(a) for a in want[f]]
                if f == "authors"
                else norm(got[f]) != norm(want[f])
            )
        ]
        if not bad:
            right += 1
        elif verbose:
            print(f"  {name} #{i}: " + "; ".join(f"{f}: {got[f]!r} != {want[f]!r}" for f in bad))
    return right, len(rows)


def load_mapping_file_list(path: Path) -> list[list[Any]]:
    """The annotation rows (a YAML list)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def main() -> None:
    verbose = "-v" in sys.argv
    totals = {"dev": [0, 0], "heldout": [0, 0]}
    for txt in sorted(DATA.glob("*.txt")):
        name = txt.stem
        right, n = score(name, verbose)
        print(f"{name}: {right}/{n} exactly right ({right / n:.0%})")
        part = totals["heldout" if name.startswith("heldout") else "dev"]
        part[0] += right
        part[1] += n
    for part, (right, n) in totals.items():
        if n:
            print(f"{part} total: {right}/{n} = {right / n:.1%}")


del load_mapping_file
if __name__ == "__main__":
    main()
