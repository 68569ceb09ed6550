"""Every gold file of the development corpus (tests/corpus/docs) follows tests/corpus's format."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DOCS = Path(__file__).resolve().parent / "corpus" / "docs"
LAYOUTS = {
    "tail", "head", "wechat", "dateline", "toc", "policy", "english", "traditional", "mixed", "pdf",
}  # fmt: skip
TOP_KEYS = {"source", "layout", "fold", "year", "references"}
REF_KEYS = {
    "line", "type", "title", "container", "date", "edition", "issue", "volume",
    "page", "number", "authority", "authors", "url", "note",
}  # fmt: skip
ISO_PARTIAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
GOLDS = sorted(DOCS.glob("*.gold.yaml"))
ROLE_WORDS = ("记者", "記者", "编辑", "編輯", "摄", "攝", "本报", "本報", "通讯员", "撰稿")


def _load(gold: Path) -> dict[str, Any]:
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{gold.name}: not a mapping"
    return data


def test_the_corpus_is_large_enough() -> None:
    docs = sorted(DOCS.glob("*.txt"))
    assert {d.name.removesuffix(".txt") for d in docs} == {
        g.name.removesuffix(".gold.yaml") for g in GOLDS
    }, "every document has exactly one gold file"
    assert len(GOLDS) >= 8


def test_every_fold_mixes_layouts() -> None:
    layouts: dict[int, set[str]] = {}
    for gold in GOLDS:
        data = _load(gold)
        layouts.setdefault(data["fold"], set()).add(data["layout"])
    assert set(layouts) == {0, 1, 2, 3, 4}
    assert all(len(kinds) >= 2 for kinds in layouts.values()), layouts


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name.removesuffix(".gold.yaml"))
def test_gold_file_follows_the_format(gold: Path) -> None:
    data = _load(gold)
    name = gold.name
    assert set(data) == TOP_KEYS, f"{name}: top-level keys {sorted(data)}"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", name.removesuffix(".gold.yaml")), name
    assert data["layout"] in LAYOUTS and name.startswith(data["layout"] + "-"), name
    assert data["fold"] in range(5), f"{name}: fold {data['fold']}"
    assert data["year"] is None or 1900 <= data["year"] <= 2100
    assert data["source"] and all(isinstance(s, str) and s for s in data["source"])
    text = (DOCS / name.replace(".gold.yaml", ".txt")).read_bytes().decode("utf-8")
    assert "\r" not in text, f"{name}: document must use LF line ends"
    lines = text.split("\n")
    previous = 0
    assert data["references"], f"{name}: no references"
    for ref in data["references"]:
        where = f"{name}: reference at line {ref.get('line')}"
        assert set(ref) == REF_KEYS, f"{where}: keys {sorted(ref)}"
        line = ref["line"]
        assert isinstance(line, int) and 1 <= line <= len(lines), where
        assert lines[line - 1].strip(), f"{where}: points at an empty line"
        assert line >= previous, f"{where}: references out of document order"
        previous = line
        assert isinstance(ref["type"], str) and ref["type"], where
        assert isinstance(ref["title"], str) and ref["title"].strip(), f"{where}: no title"
        date = ref["date"]
        assert date is None or ISO_PARTIAL.match(str(date)), f"{where}: date {date!r}"
        assert isinstance(ref["authors"], list), where
        for author in ref["authors"]:
            assert isinstance(author, str) and author.strip(), where
            assert not re.search(f"{CJK}\\s+{CJK}", author), f"{where}: {author!r} has a space"
            assert not any(role in author for role in ROLE_WORDS), f"{where}: {author!r}"
        for key in ("container", "edition", "issue", "volume", "page", "number", "authority"):
            value = ref[key]
            assert value is None or (isinstance(value, str) and value.strip()), (
                f"{where}: {key} {value!r} must be a non-empty string or null"
            )
