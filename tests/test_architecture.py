"""The import graph is the architecture: every import in citekit/ is one docs/ARCHITECTURE.md
allows ("Import rules"), and each third-party library is imported only where it says."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "citekit"
DOC = ROOT / "docs" / "ARCHITECTURE.md"


def modules() -> dict[str, Path]:
    """``citekit.render._engine`` -> its file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in the file, including function-level ones."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                # `from . import x` imports the submodule x when there is one
                sub = f"{module}.{alias.name}"
                yield (sub if sub in MODULES else module), node.lineno


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table(heading: str, columns: int) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading`` in ARCHITECTURE.md."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(heading)
    rows = []
    for line in text[start:].splitlines():
        if line.startswith("|"):
            rows.append(cells(line))
        elif rows:
            break
    assert rows and all(len(r) == columns for r in rows), f"malformed table after {heading!r}"
    return [r for r in rows[2:]]  # without header and |---| line


def names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


RULES = table("| part | modules | may import |", 3)
PREFIXES = [(prefix, names(r[0])[0]) for r in RULES for prefix in names(r[1])]
ALLOWED = {names(r[0])[0]: set(names(r[2])) for r in RULES}
EXCEPTIONS = {(names(r[0])[0], names(r[1])[0]) for r in table("| from | to | why", 3)}
LIBRARIES = {names(r[0])[0]: names(r[1]) for r in table("| library | imported only by |", 2)}


def part_of(module: str) -> str | None:
    """The part a citekit module belongs to (the first matching prefix), or None."""
    if module == "citekit":
        return "package"
    local = module.removeprefix("citekit.")
    for prefix, part in PREFIXES:
        if local == prefix or local.startswith(prefix + "."):
            return part
    return None


def covered(module: str, patterns: list[str]) -> bool:
    local = module.removeprefix("citekit.")
    return any(local == p or local.startswith(p + ".") for p in patterns)


def edges() -> Iterator[tuple[str, str, str, int]]:
    """(from part, to part, where, line) for every import of one citekit part by another."""
    for name, path in MODULES.items():
        for target, line in imports(name, path):
            if target != "citekit" and not target.startswith("citekit."):
                continue
            src, dst = part_of(name), part_of(target)
            if src != dst:
                yield src or name, dst or target, str(path.relative_to(ROOT)), line


def test_every_module_belongs_to_a_part() -> None:
    homeless = [name for name in MODULES if part_of(name) is None]
    assert homeless == [], "add these to the Import rules of docs/ARCHITECTURE.md"


def test_no_import_edge_the_architecture_forbids() -> None:
    forbidden = [
        f"{where}:{line}: {src} -> {dst}"
        for src, dst, where, line in edges()
        if dst not in ALLOWED.get(src, set()) and (src, dst) not in EXCEPTIONS
    ]
    assert forbidden == []


def test_every_listed_exception_still_exists() -> None:
    present = {(src, dst) for src, dst, _, _ in edges()}
    assert present >= EXCEPTIONS, "an edge that is gone: remove it from docs/ARCHITECTURE.md"


def test_extraction_checks_and_rendering_cannot_reach_the_store() -> None:
    for part in ("checks", "render", "completeness"):
        assert "store" not in ALLOWED[part]
    assert ("extract", "store") in EXCEPTIONS  # the one known leak, listed with its way out


def test_each_third_party_library_is_imported_only_where_the_doc_says() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    found: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        for target, line in imports(name, path):
            top = target.split(".")[0]
            if top in stdlib or top == "citekit" or not top:
                continue
            if top not in LIBRARIES or not covered(name, LIBRARIES[top]):
                found.setdefault(top, set()).add(f"{path.relative_to(ROOT)}:{line}")
    assert found == {}


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        pytest.param("from ..store import load_refs\n", False, id="relative"),
        pytest.param("import citekit.store\n", False, id="absolute"),
        pytest.param("def f():\n    from citekit import store\n", False, id="in-function"),
        pytest.param("from ..model import Reference\n", True, id="allowed"),
    ],
)
def test_the_walker_sees_every_kind_of_import(
    source: str, ok: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "records.py"
    fake.write_text(source, encoding="utf-8")
    found = [t for t, _ in imports("citekit.checks.records", fake)]
    parts = {part_of(t) for t in found if t.startswith("citekit")}
    assert ("store" not in parts) is ok


#: the modules of the library's shared values and its API (issue 16)
OWN = [
    "citekit",
    "citekit.aliases",
    "citekit.api",
    "citekit.build",
    "citekit.checks.records",
    "citekit.completeness",
    "citekit.errors",
    "citekit.intake",
    "citekit.location",
    "citekit.model",
    "citekit.problems",
]


@pytest.mark.parametrize("name", OWN)
def test_no_public_mutable_globals(name: str) -> None:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    mutable = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    found = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        is_mutable = isinstance(value, mutable) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in ("list", "dict", "set", "defaultdict")
        )
        for target in targets:
            if is_mutable and isinstance(target, ast.Name) and not target.id.startswith("_"):
                found.append(f"{target.id} (line {node.lineno})")
    assert found == []
