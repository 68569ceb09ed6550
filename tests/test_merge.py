"""Merging duplicates in refs/: every provenance kept, look-alikes refused, re-extraction safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from citekit.checks.duplicates import find_duplicates
from citekit.cli import cli
from citekit.errors import InputError, StoreError
from citekit.merge import load_decisions, mark_not_duplicates, merge_duplicates, merge_records
from citekit.model import PartialDate, Provenance, Reference
from citekit.store import load_refs, load_refs_file, merge_extraction, write_refs_file

AMAZON = "交易额破 5 亿元 来看阿里巴巴丽水产业带的成绩单"  # seeds/000, 浙江在线网 2018-1-17
JIANGSHAN = "江山木门迈向智能制造"
LISHUI = "以“丽水之干”担纲“丽水之赞”"


def extracted(source: str, line: int, title: str | None, container: str, date: str) -> Reference:
    """A record as extraction yields it (no key yet)."""
    raw = f"（来源：{container} {date}）"
    return Reference(
        "",
        "article-newspaper",
        title=title,
        container_title=container,
        issued=PartialDate.parse(date),
        provenance=(Provenance(source, line, line, raw),),
    )


def doc_a() -> list[Reference]:
    return [
        extracted("a.txt", 3, AMAZON, "浙江在线网", "2018-1-17"),
        extracted("a.txt", 6, JIANGSHAN, "浙江在线", "2018-9-12"),
    ]


def doc_b() -> list[Reference]:
    variant = "交易額破５億元　來看阿里巴巴麗水產業帶的成績單"
    return [
        extracted("b.txt", 3, variant, "《浙江在线》", "2018-01-17"),
        extracted("b.txt", 5, LISHUI, "《丽水日报》", "2018-9-3"),
    ]


def snapshot(refs: Path) -> dict[str, bytes]:
    """Every file under refs/ (the merge base included), to prove nothing changed."""
    return {
        str(p.relative_to(refs)): p.read_bytes() for p in sorted(refs.rglob("*")) if p.is_file()
    }


@pytest.fixture
def refs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """refs/ after extracting two bulletins that both cite the 浙江在线 article."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "refs"
    merge_extraction("a.txt", None, doc_a(), out)
    merge_extraction("b.txt", None, doc_b(), out)
    return out


def keys_by_line(refs: Path) -> dict[tuple[str, int], str]:
    lib = load_refs(refs)
    return {(p.file, p.start_line): r.id for r in lib for p in r.provenance}


# ------------------------------------------------------------------------------- records


def test_merge_records_unions_provenance_and_fills_empty_fields() -> None:
    a = Reference("a", title=AMAZON, provenance=(Provenance("a.txt", 3, 3, "x"),))
    b = Reference(
        "b",
        title="other spelling",
        url="http://zjnews.zjol.com.cn/x.shtml",
        provenance=(Provenance("b.txt", 3, 3, "y"), Provenance("a.txt", 3, 3, "x")),
        warnings=("title of the article not found",),
    )
    merged, filled = merge_records(a, [b])
    assert merged.id == "a" and merged.title == AMAZON  # the survivor's own values win
    assert merged.url == b.url and filled == ["url"]
    assert [p.file for p in merged.provenance] == ["a.txt", "b.txt"]
    assert merged.warnings == b.warnings


# ------------------------------------------------------------------------------ end to end


def test_merge_keeps_every_provenance_and_survives_re_extraction(refs: Path) -> None:
    (group,) = find_duplicates(load_refs(refs))
    assert group.decision == "duplicate"
    survivor, other = group.ids
    result = merge_duplicates(group.ids, refs_dir=refs)
    assert result.survivor == survivor and result.removed == [other]

    lib = load_refs(refs)
    assert other not in lib
    merged = lib.get(survivor)
    assert merged is not None
    assert {(p.file, p.start_line) for p in merged.provenance} == {("a.txt", 3), ("b.txt", 3)}

    # The bulletins are extracted again (twice): the removed record does not come back, and
    # the survivor keeps the provenance from the other bulletin.
    for _ in range(2):
        merge_extraction("a.txt", None, doc_a(), refs)
        merge_extraction("b.txt", None, doc_b(), refs)
    lib = load_refs(refs)
    assert other not in lib and len(lib) == 3
    merged = lib.get(survivor)
    assert merged is not None
    assert {(p.file, p.start_line) for p in merged.provenance} == {("a.txt", 3), ("b.txt", 3)}
    assert find_duplicates(lib) == []


def test_merge_into_the_record_of_the_other_bulletin(refs: Path) -> None:
    keys = keys_by_line(refs)
    a_key, b_key = keys[("a.txt", 3)], keys[("b.txt", 3)]
    merge_duplicates([a_key, b_key], into=b_key, refs_dir=refs)
    assert [r.id for r in load_refs_file(refs / "a.yaml").references] == [keys[("a.txt", 6)]]
    (survivor,) = [r for r in load_refs_file(refs / "b.yaml").references if r.id == b_key]
    assert len(survivor.provenance) == 2

    merge_extraction("a.txt", None, doc_a(), refs)
    assert a_key not in load_refs(refs)


def test_filled_field_is_kept_as_a_hand_edit(refs: Path) -> None:
    keys = keys_by_line(refs)
    a_key, b_key = keys[("a.txt", 3)], keys[("b.txt", 3)]
    url = "http://zjnews.zjol.com.cn/201801/t20180117_6376612.shtml"
    rf = load_refs_file(refs / "b.yaml")
    rf.references = [r.replace(url=url) if r.id == b_key else r for r in rf.references]
    write_refs_file(rf)

    result = merge_duplicates([a_key, b_key], refs_dir=refs)
    assert result.filled == ["url"]
    merge_extraction("a.txt", None, doc_a(), refs)
    survivor = load_refs(refs).get(a_key)
    assert survivor is not None and survivor.url == url


def test_last_record_of_a_document_is_not_re_added(tmp_path: Path) -> None:
    out = tmp_path / "refs"
    only = [extracted("c.txt", 2, JIANGSHAN, "浙江在线", "2018-9-12")]
    merge_extraction("a.txt", None, doc_a(), out)
    merge_extraction("c.txt", None, only, out)
    keys = keys_by_line(out)
    merge_duplicates([keys[("a.txt", 6)], keys[("c.txt", 2)]], refs_dir=out)
    assert load_refs_file(out / "c.yaml").references == []
    merge_extraction("c.txt", None, only, out)
    assert len(load_refs(out)) == 2


# -------------------------------------------------------------------------------- refusals


def test_unknown_key_is_refused_and_nothing_written(refs: Path) -> None:
    before = snapshot(refs)
    with pytest.raises(InputError, match=r"unknown citation key\(s\) 'nosuch'"):
        merge_duplicates([next(iter(keys_by_line(refs).values())), "nosuch"], refs_dir=refs)
    assert snapshot(refs) == before


def test_look_alikes_are_refused_without_force(refs: Path) -> None:
    keys = keys_by_line(refs)
    pair = [
        keys[("a.txt", 6)],
        keys[("b.txt", 5)],
    ]  # 江山木门… (浙江在线) vs 以“丽水之干”… (丽水日报)
    before = snapshot(refs)
    with pytest.raises(InputError, match=r"are not duplicates: .*use --force"):
        merge_duplicates(pair, refs_dir=refs)
    assert snapshot(refs) == before
    result = merge_duplicates(pair, force=True, refs_dir=refs)
    assert result.verdicts == [] and len(load_refs(refs)) == 3


def test_one_key_is_not_a_merge(refs: Path) -> None:
    key = keys_by_line(refs)[("a.txt", 3)]
    with pytest.raises(InputError, match="two or more different"):
        merge_duplicates([key, key.upper()], refs_dir=refs)


def test_a_broken_refs_file_is_not_rewritten(refs: Path) -> None:
    keys = keys_by_line(refs)
    broken = refs / "b.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8") + "- id: bad\n  author: 5\n", encoding="utf-8"
    )
    before = snapshot(refs)
    with pytest.raises(StoreError, match="fix refs/ first"):
        merge_duplicates([keys[("a.txt", 3)], keys[("b.txt", 3)]], refs_dir=refs)
    assert snapshot(refs) == before


# ------------------------------------------------------------------------- not duplicates


def test_not_duplicate_is_remembered_and_then_refuses_merge(refs: Path) -> None:
    keys = keys_by_line(refs)
    pair = [keys[("a.txt", 3)], keys[("b.txt", 3)]]
    assert mark_not_duplicates(pair, refs_dir=refs)
    assert not mark_not_duplicates(pair[::-1], refs_dir=refs)
    assert load_decisions(refs).is_distinct(*pair)
    assert find_duplicates(load_refs(refs), decisions=load_decisions(refs)) == []
    with pytest.raises(InputError, match="declared not duplicates"):
        merge_duplicates(pair, refs_dir=refs)
    # _decisions.yaml is citekit data, not a reference file
    assert len(load_refs(refs)) == 4


def test_malformed_decisions_file_names_the_file(refs: Path) -> None:
    (refs / "_decisions.yaml").write_text("distinct: [[only-one]]\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"_decisions.yaml: distinct entry 1"):
        load_decisions(refs)


# --------------------------------------------------------------------------------- the CLI


def test_cli_merge_and_not_duplicate(refs: Path, runner: CliRunner) -> None:
    keys = keys_by_line(refs)
    a_key, b_key = keys[("a.txt", 3)], keys[("b.txt", 3)]
    result = runner.invoke(cli, ["check", "dupes", str(refs), "--format", "json"])
    assert result.exit_code == 2

    result = runner.invoke(cli, ["merge", a_key, "nosuch", "--refs", str(refs)])
    assert result.exit_code == 1
    assert "unknown citation key(s) 'nosuch'" in result.output

    result = runner.invoke(cli, ["merge", b_key, a_key, "--refs", str(refs), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"survivor": "' + b_key in result.output

    result = runner.invoke(cli, ["check", "dupes", str(refs)])
    assert result.exit_code == 0, result.output

    pair = [keys[("a.txt", 6)], keys[("b.txt", 5)]]
    result = runner.invoke(cli, ["merge", *pair, "--not-duplicate", "--refs", str(refs)])
    assert result.exit_code == 0 and "remembered" in result.output
    assert "[" + ", ".join(pair) + "]" in (refs / "_decisions.yaml").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["merge", *pair, "--not-duplicate", "--into", pair[0]])
    assert result.exit_code == 1


def test_cli_extract_merge_extract(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole flow with the real extractor: the merge survives `citekit extract`."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(
        f"{AMAZON}\n正文。\n（来源：浙江在线网 2018-1-17）\n{JIANGSHAN}\n正文。\n"
        "（来源：浙江在线 2018-9-12）\n",
        encoding="utf-8",
    )
    Path("b.txt").write_text(
        "交易额破５亿元　来看阿里巴巴丽水产业带的成绩单\n正文。\n（来源：《浙江在线》2018-01-17）\n"
        f"{LISHUI}\n正文。\n（来源：《丽水日报》2018-9-3）\n",
        encoding="utf-8",
    )
    assert runner.invoke(cli, ["extract", "a.txt", "b.txt"]).exit_code == 0
    refs = tmp_path / "refs"
    keys = keys_by_line(refs)
    a_key, b_key = keys[("a.txt", 3)], keys[("b.txt", 3)]
    # Give both records the title by hand when the extractor did not find it.
    for name, key in (("a.yaml", a_key), ("b.yaml", b_key)):
        rf = load_refs_file(refs / name)
        rf.references = [
            r.replace(title=r.title or AMAZON) if r.id == key else r for r in rf.references
        ]
        write_refs_file(rf)

    result = runner.invoke(cli, ["merge", a_key, b_key])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["extract", "a.txt", "b.txt"]).exit_code == 0
    lib = load_refs(refs)
    assert b_key not in lib
    survivor = lib.get(a_key)
    assert survivor is not None
    assert {(p.file, p.start_line) for p in survivor.provenance} == {("a.txt", 3), ("b.txt", 3)}


@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 5)), max_size=4),
        min_size=2,
        max_size=4,
    )
)
def test_merged_record_has_every_provenance_once(spans: list[list[tuple[str, int]]]) -> None:
    group = [
        Reference(f"k{n}", provenance=tuple(Provenance(f"{f}.txt", ln, ln) for f, ln in s))
        for n, s in enumerate(spans)
    ]
    merged, _ = merge_records(group[0], group[1:])
    every = [p for r in group for p in r.provenance]
    assert set(merged.provenance) == set(every)
    assert len(merged.provenance) == len(set(merged.provenance))
    own = tuple(dict.fromkeys(group[0].provenance))
    assert merged.provenance[: len(own)] == own  # the survivor's own come first
