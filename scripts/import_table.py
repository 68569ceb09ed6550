"""Print the README's import table: which field of which format becomes which CSL variable.

Generated from ``citekit/data/import_fields.yaml`` (a test checks the README holds this exact
table), plus the fixed grammar of ``gbt-text``.

    python scripts/import_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citekit.formats.tagged import field_table

FORMATS = ("ris", "endnote", "endnote-xml", "noteexpress", "refworks", "cnki")
HEADERS = ("RIS", "EndNote (.enw)", "EndNote XML", "NoteExpress", "RefWorks", "CNKI 自定义")
#: what a formatted GB/T 7714 entry gives each target
GBT = {
    "type": "`[J]` `[M]` `[EB/OL]` …",
    "author": "names before the title",
    "title": "text before `[J]`",
    "container-title": "`刊名` / after `//`",
    "editor": "names after `//`",
    "translator": "`…，译`",
    "issued": "`年` / `日期` / `（更新日期）`",
    "accessed": "`[引用日期]`",
    "volume": "`卷`",
    "issue": "`（期）`",
    "page": "`：页码` / `（版次）`",
    "publisher-place": "`出版地：`",
    "publisher": "`出版者`",
    "edition": "`2 版`",
    "number": "standard, patent, report no.",
    "URL": "URL",
    "DOI": "`DOI:`",
}
ORDER = [
    "type",
    "author",
    "editor",
    "translator",
    "collection-editor",
    "contributor",
    "title",
    "title-short",
    "original-title",
    "container-title",
    "container-title-short",
    "collection-title",
    "issued",
    "accessed",
    "volume",
    "issue",
    "page",
    "page-first",
    "page-last",
    "number-of-pages",
    "edition",
    "publisher",
    "publisher-place",
    "number",
    "genre",
    "ISSN-or-ISBN",
    "DOI",
    "URL",
    "language",
    "keyword",
    "abstract",
    "note",
    "call-number",
    "source",
    "archive",
]
SHOWN = {
    "ISSN-or-ISBN": "ISSN / ISBN (by shape)",
    "page-first": "page (first)",
    "page-last": "page (last)",
}


def table() -> str:
    by_target: dict[str, dict[str, list[str]]] = {}
    for fmt in FORMATS:
        for tag, target in field_table(fmt)[1].items():
            if target != "ignore":
                by_target.setdefault(target, {}).setdefault(fmt, []).append(tag)
    lines = [
        "| CSL variable | " + " | ".join(HEADERS) + " | gbt-text |",
        "|---" * (len(FORMATS) + 2) + "|",
    ]
    targets = [t for t in ORDER if t in by_target or t in GBT]
    targets += sorted(t for t in by_target if t not in ORDER)
    for target in targets:
        cells = [
            " ".join(f"`{t}`" for t in by_target.get(target, {}).get(fmt, [])) for fmt in FORMATS
        ]
        lines.append(
            f"| {SHOWN.get(target, target)} | " + " | ".join(cells) + f" | {GBT.get(target, '')} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table())
