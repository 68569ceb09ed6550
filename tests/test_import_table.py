"""The import mapping table is data: every target it names is one citekit knows, every type a
CSL type, and the README shows exactly the table generated from it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from citekit.formats.tagged import FIELD_TARGETS, field_table
from citekit.model import CSL_TYPES

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["ris", "endnote", "endnote-xml", "noteexpress", "refworks", "cnki"]
# CSL 1.0.2 variables the tables may use besides the targets of tagged.py
CSL_VARIABLES = {
    "abstract",
    "accessed",
    "archive",
    "author",
    "call-number",
    "collection-editor",
    "collection-title",
    "container-title",
    "container-title-short",
    "contributor",
    "DOI",
    "edition",
    "editor",
    "genre",
    "issue",
    "issued",
    "language",
    "note",
    "number",
    "number-of-pages",
    "original-title",
    "page",
    "publisher",
    "publisher-place",
    "source",
    "title",
    "title-short",
    "translator",
    "URL",
    "volume",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_target_is_known_and_every_type_is_csl(fmt: str) -> None:
    types, fields = field_table(fmt)
    assert set(types.values()) <= CSL_TYPES
    assert set(fields.values()) <= CSL_VARIABLES | FIELD_TARGETS
    assert "type" in fields.values()


def test_readme_holds_the_generated_table() -> None:
    spec = importlib.util.spec_from_file_location("import_table", ROOT / "scripts/import_table.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.table() in readme
    assert re.search(r"\| title \| `TI` `T1` \| `%T` \|", readme)
