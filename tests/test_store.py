"""refs/: YAML round trip, deterministic keys, merging that keeps hand edits, errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekit.errors import StoreError
from citekit.model import Name, PartialDate, Provenance, Reference
from citekit.problems import Problems
from citekit.store import (
    RefsFile,
    dump_refs_file,
    load_refs,
    load_refs_file,
    merge_extraction,
    write_refs_file,
)


def _ref(raw: str, container: str, date: PartialDate, line: int, title: str = "T") -> Reference:
    return Reference(
        id="",
        type="article-newspaper",
        title=title,
        container_title=container,
        issued=date,
        provenance=(Provenance("seeds/a.txt", line, line, raw),),
    )


EXTRACTED = [
    _ref("（来源：《丽水日报》2018-9-3）", "丽水日报", PartialDate(2018, 9, 3), 10, "甲"),
    _ref("（来源：《丽水日报》2018-10-28）", "丽水日报", PartialDate(2018, 10, 28), 20, "乙"),
    _ref("（来源：新华社 2018-05-31）", "新华社", PartialDate(2018, 5, 31), 30, "丙"),
]


def test_yaml_round_trip_keeps_everything(tmp_path: Path) -> None:
    ref = Reference(
        id="mayueming2021",
        type="article-magazine",
        title="让山区成为令人向往的幸福美好家园",
        author=(Name(literal="马跃明"), Name(literal="袁卫"), Name(family="Smith", given="J")),
        issued=PartialDate(2021, 8),
        page="14-19",
        provenance=(Provenance("seeds/002.txt", 176, 178, "14 让山区…"),),
        warnings=("title wraps",),
    )
    rf = RefsFile(tmp_path / "x.yaml", "seeds/002.txt", None, [ref])
    write_refs_file(rf)
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert "- 马跃明" in text  # Chinese names are plain strings, kept whole
    back = load_refs_file(tmp_path / "x.yaml")
    assert back.references == [ref]
    assert dump_refs_file(back) == text


def test_first_extraction_assigns_deterministic_unique_keys(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    keys = load_refs(tmp_path).keys()
    assert keys == ["lishuiribao2018", "lishuiribao2018a", "xinhuashe2018"]


def test_rerun_is_a_no_op(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    before = (tmp_path / "a.yaml").read_bytes()
    report = merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    assert (tmp_path / "a.yaml").read_bytes() == before
    assert report.added == report.updated == report.vanished == []


def test_hand_edits_survive_a_rerun(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    path = tmp_path / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 乙", "title: 乙（修订）"), encoding="utf-8"
    )
    changed = [*EXTRACTED[:2], EXTRACTED[2].replace(title="丙二")]  # the extractor improved
    report = merge_extraction("seeds/a.txt", None, changed, tmp_path)
    lib = load_refs(tmp_path)
    assert lib.get("lishuiribao2018a").title == "乙（修订）"  # hand edit kept
    assert lib.get("xinhuashe2018").title == "丙二"  # untouched field follows the source
    assert report.kept_edits == ["lishuiribao2018a"]


def test_vanished_records_are_reported_and_kept(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    report = merge_extraction("seeds/a.txt", None, EXTRACTED[:2], tmp_path)
    assert report.vanished == ["xinhuashe2018"]
    assert "xinhuashe2018" in load_refs(tmp_path)


def test_keys_are_unique_across_documents_regardless_of_case(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED[:1], tmp_path)
    other = EXTRACTED[0].replace(provenance=(Provenance("seeds/b.txt", 1, 1, "x"),))
    merge_extraction("seeds/b.txt", None, [other], tmp_path)
    assert load_refs(tmp_path).keys() == ["lishuiribao2018", "lishuiribao2018a"]


def test_malformed_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("references:\n- id: a\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(StoreError) as info:
        load_refs_file(path)
    assert str(info.value).startswith(f"{path}:4:")


def test_bad_record_is_reported_with_its_line_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "references:\n- id: good\n  title: 好\n- id: bad\n  issued: 2018-2-30x\n"
        "  author: 7\n- id: Good\n",
        encoding="utf-8",
    )
    problems = Problems()
    lib = load_refs(tmp_path, problems)
    assert lib.keys() == ["good"]
    messages = [str(p) for p in problems]
    assert any(m.startswith(f"{path}:4: error[E202]: entry 'bad'") for m in messages)
    assert any(m.startswith(f"{path}:7: error[E203]") for m in messages)


def test_unquoted_impossible_date_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "references:\n- id: a\n  issued: 2018-02-30\n- id: b\n  issued: 2018-02-28\n",
        encoding="utf-8",
    )
    problems = Problems()
    lib = load_refs(tmp_path, problems)
    assert lib.get("b").issued == PartialDate(2018, 2, 28)
    assert not lib.get("a").issued.is_valid  # kept raw, flagged by check records
    assert lib.get("a").issued.iso() == "2018-02-30"


def test_merge_refuses_a_file_with_unreadable_records_and_changes_nothing(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    path = tmp_path / "a.yaml"
    broken = path.read_text(encoding="utf-8").replace("title: 乙", "title: 乙\n  author: 7")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable records"):
        merge_extraction("seeds/a.txt", None, EXTRACTED, tmp_path)
    assert path.read_text(encoding="utf-8") == broken  # the hand edit is not lost


def test_the_key_registry_ignores_a_line_cut_short_and_appends_after_it(tmp_path: Path) -> None:
    from citekit.store import KeyRegistry

    path = tmp_path / "_keys.yaml"
    path.write_text('# header\nabc2018: "seeds/a.txt:1"\nxyz20', encoding="utf-8")
    registry = KeyRegistry(tmp_path).load()
    assert "abc2018" in registry and "xyz20" not in registry
    registry.add({"new2020": "seeds/b.txt:2"})
    assert "new2020" in KeyRegistry(tmp_path).load()
    assert "ABC2018" in KeyRegistry(tmp_path).load()  # keys compare regardless of case


def test_standard_input_gets_its_own_refs_file(tmp_path: Path) -> None:
    ref = EXTRACTED[0].replace(provenance=(Provenance("-", 1, 1, "x"),))
    merge_extraction("-", None, [ref], tmp_path)
    assert load_refs_file(tmp_path / "stdin.yaml").source == "-"
