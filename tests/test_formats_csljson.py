"""CSL-JSON in and out: malformed input is located by file and line, the rest loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.errors import FormatError
from citekit.formats.csljson import dump_csl_json, from_csl_json, load_csl_json, write_csl_json
from citekit.model import Library, Name, PartialDate, Provenance, Reference
from citekit.problems import Problems

REF = Reference(
    id="lishuiribao2018",
    type="article-newspaper",
    title="以“丽水之干”担纲“丽水之赞”",
    author=(Name(literal="马跃明"),),
    container_title="丽水日报",
    issued=PartialDate(2018, 9, 3),
    provenance=(Provenance("seeds/000.txt", 98, 112, "（来源：《丽水日报》2018-9-3）"),),
    warnings=("page not found",),
    extra={"custom": {"zotero": "ABC"}},
)


def test_export_is_readable_chinese_with_provenance_in_custom() -> None:
    text = dump_csl_json(Library([REF]))
    assert "丽水日报" in text  # not \\u-escaped
    (item,) = json.loads(text)
    assert item["custom"]["citekit"]["provenance"][0]["lines"] == [98, 112]
    assert item["custom"]["zotero"] == "ABC"  # someone else's custom data is kept
    assert from_csl_json(text) == Library([REF])


def test_without_provenance() -> None:
    (item,) = json.loads(dump_csl_json(Library([REF]), provenance=False))
    assert "citekit" not in item.get("custom", {})


MIXED = """[
  {"id": "a", "type": "webpage", "title": "一"},
  42,
  {"id": "b", "type": "webpage", "issued": {"date-parts": [["x"]]}, "author": "马跃明"},
  {"id": "A", "title": "again"},
  {"id": "c", "type": "newspaper", "title": "三"},
  {"type": "book"},
  {"id": "d", "title": {"zh": "标题"}}
]
"""


def test_bad_items_are_reported_with_their_line_and_the_rest_load() -> None:
    problems = Problems()
    lib = from_csl_json(MIXED, "lib.json", problems)
    assert lib.keys() == ["a", "c"]
    assert lib.get("a").origin == "lib.json:2"
    found = [(p.where, p.code, p.severity) for p in problems]
    assert found == [
        ("lib.json:3", "E401", "error"),
        ("lib.json:4", "E402", "error"),  # author must be a list
        ("lib.json:5", "E403", "error"),  # ids are case-insensitive
        ("lib.json:6", "E404", "warning"),  # 'newspaper' is not a CSL type: kept, reported
        ("lib.json:7", "E402", "error"),  # no id
        ("lib.json:8", "E402", "error"),  # a title must be text
    ]
    assert "'title' must be text, not dict" in problems.items[-1].message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param('[\n  {"id": "a"}\n  {"id": "b"}\n]', "x.json:3:3", id="missing-comma"),
        pytest.param('[\n  {"id": "a",}\n]', "x.json:2:14", id="trailing-comma-in-object"),
        pytest.param('[{"id": "a"}]\n]', "x.json:2:1", id="extra-data"),
        pytest.param('[{"id": "a"}', "x.json:1:13", id="unterminated-array"),
        pytest.param("", "x.json:1:1", id="empty"),
    ],
)
def test_malformed_json_names_file_line_and_column(text: str, where: str) -> None:
    with pytest.raises(FormatError) as exc:
        from_csl_json(text, "x.json")
    assert exc.value.where == where
    assert str(exc.value).startswith(f"{where}: malformed JSON: ")


def test_one_object_bom_and_empty_array() -> None:
    assert from_csl_json('\ufeff{"id": "a", "title": "一"}').keys() == ["a"]
    assert len(from_csl_json("[ ]")) == 0


def test_write_is_atomic_and_load_reads_it_back(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    write_csl_json(Library([REF]), path)
    assert load_csl_json(path) == Library([REF])
    assert [p.name for p in tmp_path.iterdir()] == ["refs.json"]


def test_load_refuses_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('[{"id": "a", "title": "丽水日报"}]'.encode("gbk"))
    with pytest.raises(FormatError) as exc:
        load_csl_json(path)
    assert exc.value.where == str(path)


def test_line_numbers_stay_right_in_a_large_file() -> None:
    items = [{"id": f"k{i}", "title": "标题\n第二行"} for i in range(3000)]
    text = json.dumps(items, ensure_ascii=False, indent=1)
    lib = from_csl_json(text, "big.json")
    assert len(lib) == 3000
    line = int(lib.get("k2999").origin.rsplit(":", 1)[1])
    assert text.splitlines()[line - 1].strip() == "{"
    assert '"k2999"' in text.splitlines()[line]
