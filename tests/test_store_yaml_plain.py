"""The store's YAML reader builds plain documents directly: the values must be exactly the
ones PyYAML's constructor makes (types included), and everything else still goes through it."""

from __future__ import annotations

from typing import Any

import pytest

from citekit.errors import StoreError
from citekit.store._yaml import _LineLoader, load_yaml


def constructed(text: str) -> Any:
    """What PyYAML's own (generic) constructor makes of ``text`` with the store's loader."""
    loader = _LineLoader(text)
    try:
        return loader.construct_document(loader.get_single_node())
    finally:
        loader.dispose()


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(
            same(k1, k2) and same(a[k1], b[k2]) for k1, k2 in zip(a, b, strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


DOCUMENTS = [
    "source: seeds/a.txt\nreferences:\n- id: a\n  title: 题名\n  issued: '2018-09-03'\n",
    "a: 1\nb: 1.5\nc: true\nd: ~\ne: null\nf: 2018-09-03\ng: 2018-02-30\nh: .nan\ni: -.inf\n",
    "a: 0x1F\nb: 0o17\nc: 1_000\nd: 190:20:30\ne: +12\nf: 1e3\ng: Yes\nh: off\ni: ''\n",
    "'1': one\n2: two\ntrue: three\nnull: four\n1.5: five\n",
    "- [1, 2, {a: b}]\n- {x: [y, z], n: 3}\n- plain\n- 'quoted 1'\n- \"2\"\n",
    "title: |\n  two\n  lines\nnote: >\n  folded\n  text\n",
    "__line__: 7\nnested:\n  __line__: x\n  deeper: {a: {b: {c: [d]}}}\n",
    "just a string\n",
    "42\n",
    "[]\n",
    "{}\n",
    "k: !!str 12\nm: !!int '7'\nf: !!float '2'\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_plain_documents_are_built_exactly_as_pyyaml_builds_them(text: str) -> None:
    assert same(load_yaml(text, "x.yaml"), constructed(text))


def test_aliases_and_merge_keys_still_go_through_the_constructor() -> None:
    text = "base: &b {a: 1}\nuse:\n  <<: *b\n  c: 2\nagain: *b\n"
    assert same(load_yaml(text, "x.yaml"), constructed(text))
    assert load_yaml(text, "x.yaml")["use"]["a"] == 1


def test_a_sequence_as_key_is_refused_as_before() -> None:
    with pytest.raises(StoreError, match="unhashable") as found:
        load_yaml("? [a, b]\n: c\n", "x.yaml")
    assert found.value.where == "x.yaml:1:3"


def test_checks_still_come_first() -> None:
    with pytest.raises(StoreError, match="duplicate key 'a'") as found:
        load_yaml("a: 1\nb:\n  - c: 1\n    c: 2\na: 3\n", "x.yaml")
    assert found.value.where == "x.yaml:5"
    with pytest.raises(StoreError, match="unsupported YAML tag"):
        load_yaml("a: !!python/object:os.system x\n", "x.yaml")
