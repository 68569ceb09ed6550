"""The records extracted from seeds/ render as a correct bibliography in every style.

tests/data/seed_records.json is a fixed CSL-JSON snapshot of ``citekit extract seeds/*.txt
--format csl-json`` (provenance dropped), so these goldens change only when rendering does.
The golden files under tests/golden/render/ were reviewed by hand against GB/T 7714 (type codes
[N] [J] [EB/OL] [Z], punctuation of each edition, 佚名 and pinyin order in author-date);
regenerate with ``pytest tests/test_render_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from citekit.model import Reference
from citekit.problems import Problems
from citekit.render import CiteItem, available_styles, render_bibliography, render_citations

SEED_RECORDS = Path(__file__).resolve().parent / "data" / "seed_records.json"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))


def seed_refs() -> list[Reference]:
    return [Reference.from_csl(item) for item in json.loads(SEED_RECORDS.read_text("utf-8"))]


@pytest.mark.parametrize("style", available_styles())
def test_seed_bibliography(style: str, golden: Callable[[str, str], None]) -> None:
    problems = Problems()
    entries = render_bibliography(seed_refs(), style, problems=problems)
    text = "".join(f"{e.label} {e.text}\n" if e.label else f"{e.text}\n" for e in entries)
    text += "".join(f"# {p}\n" for p in problems)
    golden(f"render/seeds.{style}.txt", text)


def test_seed_bibliography_html_and_markdown(golden: Callable[[str, str], None]) -> None:
    entries = render_bibliography(seed_refs()[:12])
    golden("render/seeds.head.html", "".join(f"{e.label} {e.html}\n" for e in entries))
    golden("render/seeds.head.md", "".join(f"{e.label} {e.markdown}\n" for e in entries))


@pytest.mark.parametrize("style", ["gb-t-7714-2025-numeric", "gb-t-7714-2025-author-date"])
def test_seed_citations(style: str, golden: Callable[[str, str], None]) -> None:
    refs = seed_refs()
    authored = [r for r in refs if r.author][:4]
    keys = [r.id for r in authored]
    citations, bibliography = render_citations(
        refs,
        [
            [CiteItem(keys[0])],
            [CiteItem(keys[1]), CiteItem(keys[2]), CiteItem(keys[0])],
            [CiteItem(keys[3], locator="15")],
            [CiteItem(refs[0].id)],
        ],
        style,
    )
    text = "".join(f"{c.text}\t{c.html}\n" for c in citations)
    text += "".join(f"{e.label} {e.text}\n".lstrip() for e in bibliography)
    golden(f"render/citations.{style}.txt", text)
