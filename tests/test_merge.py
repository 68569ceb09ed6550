"""Merging duplicates in refs/: every provenance kept, look-alikes refused, re-extraction safe."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from citekit.checks.duplicates import find_duplicates
from citekit.cli import cli
from citekit.errors import InputError, StoreError
from citekit.inputs import load_input
from citekit.merge import (
    VARIANTS,
    _plain,
    load_decisions,
    mark_not_duplicates,
    merge_duplicates,
    merge_records,
)
from citekit.model import Name, PartialDate, Provenance, Reference
from citekit.problems import Problems
from citekit.redirects import RedirectingLibrary, Redirects, load_redirects
from citekit.store import RefsFile, load_refs, load_refs_file, merge_extraction, write_refs_file

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
    merged, filled, variants = merge_records(a, [b])
    assert merged.id == "a" and merged.title == AMAZON  # the survivor's own values win
    assert merged.url == b.url and filled == ["url"]
    assert [(v.field, v.value, v.source) for v in variants] == [("title", "other spelling", "b")]
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
    merged, _, _ = merge_records(group[0], group[1:])
    every = [p for r in group for p in r.provenance]
    assert set(merged.provenance) == set(every)
    assert len(merged.provenance) == len(set(merged.provenance))
    own = tuple(dict.fromkeys(group[0].provenance))
    assert merged.provenance[: len(own)] == own  # the survivor's own come first


# ------------------------------------------------------------------- merges that lose nothing

WIRE = Reference(
    "wire",
    "article-newspaper",
    title="国家主席习近平发表二〇二四年新年贺词",
    container_title="新华社",
    issued=PartialDate.parse("2023-12-31"),
    url="http://www.news.cn/politics/20231231/c.html?from=timeline&utm_source=wx",
    provenance=(Provenance("a.txt", 3, 3, "（来源：新华社 2023-12-31）"),),
)
PRINT = Reference(
    "print",
    "article-newspaper",
    title="國家主席习近平發表二〇二四年新年贺词",
    container_title="新华社",
    issued=PartialDate.parse("2024-01-01"),
    page="A01",
    author=(Name(literal="鞠鹏"),),
    url="http://www.news.cn/politics/20231231/c.html",
    provenance=(Provenance("b.txt", 5, 5, "（新华社 2024年1月1日 A01版）"),),
)


def _values_on(merged: Reference) -> set[tuple[str, str]]:
    """Every (field, value) the survivor holds, as value or variant, as comparable text."""
    out = set()
    for name in ("title", "container_title", "issued", "page", "url", "author", "type"):
        value = getattr(merged, name)
        if value not in (None, (), ""):
            out.add((name, repr(_plain(value))))
    for v in merged.extra.get(VARIANTS, []):
        out.add((v["field"], repr(v["value"])))
    return out


def test_a_wire_and_its_print_copy_merge_without_losing_anything() -> None:
    merged, filled, variants = merge_records(WIRE, [PRINT])
    # A01 belongs to the next day's print copy: not filled into the wire record, but kept.
    assert merged.page is None and "page" not in filled
    assert ("page", "A01", "print", "other issuance") in {
        (v.field, v.value, v.source, v.why) for v in variants
    }
    # The author, the other date and the other title spelling are variants with provenance.
    kept = {v.field: v for v in variants}
    assert kept["issued"].value == "2024-01-01" and kept["issued"].where == ("b.txt:5",)
    assert kept["title"].why == "spelling"
    # The URL without tracking parameters is the one kept; the other is a variant.
    assert merged.url == PRINT.url
    assert ("url", WIRE.url) in {(v.field, v.value) for v in variants}
    assert _values_on(merged) >= {
        ("page", "'A01'"),
        ("issued", "'2024-01-01'"),
        ("author", "['鞠鹏']"),
        ("url", repr(WIRE.url)),
    }


def test_fields_are_filled_from_the_same_issuance() -> None:
    same_day = PRINT.replace(id="print2", issued=PartialDate.parse("2023-12-31"))
    merged, filled, _ = merge_records(WIRE, [same_day])
    assert merged.page == "A01" and "page" in filled


_TEXT = st.text(alphabet="新华社人民日报江山木门ab1２", min_size=1, max_size=6)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "title": st.none() | _TEXT,
                "container_title": st.none()
                | st.sampled_from(["新华社", "新华通讯社", "人民日报"]),
                "page": st.none() | st.sampled_from(["A01", "2", "02"]),
                "url": st.none()
                | st.sampled_from(["http://a.cn/1", "http://a.cn/1?from=x", "https://b.cn/2"]),
                "issued": st.none() | st.sampled_from(["2024-01-01", "2023-12-31", "2024"]),
            }
        ),
        min_size=2,
        max_size=4,
    )
)
def test_every_value_of_every_merged_record_is_on_the_survivor(
    items: list[dict[str, str | None]],
) -> None:
    group = [
        Reference(
            f"k{n}",
            "article-newspaper",
            title=item["title"],
            container_title=item["container_title"],
            page=item["page"],
            url=item["url"],
            issued=PartialDate.parse(item["issued"]) if item["issued"] else None,
        )
        for n, item in enumerate(items)
    ]
    merged, _, _ = merge_records(group[0], group[1:])
    held = _values_on(merged)
    for ref in group:
        for name in ("title", "container_title", "page", "url", "issued"):
            value = getattr(ref, name)
            if value is not None:
                assert (name, repr(_plain(value))) in held, (name, value)


# ----------------------------------------------------------------- refusals by evidence


def _write(refs: Path, name: str, records: list[Reference]) -> None:
    write_refs_file(RefsFile(refs / name, name.replace(".yaml", ".txt"), None, records))


def test_different_authors_are_not_merged_without_force(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    gansu = Reference("gansu", "report", title="政府工作报告", author=(Name(literal="任振鹤"),),
                      issued=PartialDate.parse("2023-01-15"))  # fmt: skip
    shanxi = gansu.replace(id="shanxi", author=(Name(literal="金湘军"),))
    _write(refs, "a.yaml", [gansu, shanxi])
    with pytest.raises(InputError, match="different authors"):
        merge_duplicates(["gansu", "shanxi"], refs_dir=refs)
    merge_duplicates(["gansu", "shanxi"], refs_dir=refs, force=True)
    survivor = load_refs(refs).get("gansu")
    assert survivor is not None
    assert {"field": "author", "value": ["金湘军"], "from": "shanxi"} in survivor.extra[VARIANTS]


def test_a_repost_is_recorded_not_merged(tmp_path: Path, runner: CliRunner) -> None:
    refs = tmp_path / "refs"
    wire = WIRE.replace(id="xinhua", url=None)
    paper = wire.replace(
        id="rmrb", container_title="人民日报", issued=PartialDate.parse("2024-01-01")
    )
    _write(refs, "a.yaml", [wire, paper])
    with pytest.raises(InputError, match="--as-repost"):
        merge_duplicates(["xinhua", "rmrb"], refs_dir=refs)
    result = runner.invoke(cli, ["merge", "xinhua", "rmrb", "--as-repost", "--refs", str(refs)])
    assert result.exit_code == 0, result.output
    assert "rmrb" in result.output and "repost" in result.output
    assert load_redirects(refs).original("RMRB") == "xinhua"
    assert len(load_refs(refs)) == 2  # both records stay
    lib = load_input(refs)
    assert isinstance(lib, RedirectingLibrary) and lib.redirects.original("rmrb") == "xinhua"


# ------------------------------------------------------------------------- redirects


def test_an_old_key_renders_and_cites_as_the_survivor(refs: Path, tmp_path: Path) -> None:
    keys = keys_by_line(refs)
    survivor, old = keys[("a.txt", 3)], keys[("b.txt", 3)]
    merge_duplicates([survivor, old], refs_dir=refs)
    assert load_redirects(refs).resolve(old) == survivor

    problems = Problems()
    lib = load_input(refs, problems)
    assert lib.get(old) is lib.get(survivor) is not None
    assert [p.code for p in problems] == ["W330"] and survivor in problems_text(problems)

    report = tmp_path / "report.docx"
    d = docx.Document()
    d.add_paragraph(f"丽水产业带的成绩单[@{old}]。")
    d.save(str(report))
    from citekit.docx import cite_document

    result = cite_document(report, lib, None, tmp_path / "out.docx", problems=problems)
    assert [ref.id for ref in result.bibliography] == [survivor]
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert "交易额破" in text and "[1]" in text


def problems_text(problems: Problems) -> str:
    return "\n".join(str(p) for p in problems)


def test_a_fresh_extraction_never_reuses_a_merged_away_key(tmp_path: Path) -> None:
    out = tmp_path / "refs"
    merge_extraction(
        "a.txt", None, [extracted("a.txt", 3, JIANGSHAN, "浙江在线", "2018-9-12")], out
    )
    merge_extraction(
        "b.txt", None, [extracted("b.txt", 3, JIANGSHAN, "浙江在线", "2018-9-12")], out
    )
    keys = keys_by_line(out)
    kept, gone = keys[("a.txt", 3)], keys[("b.txt", 3)]
    assert gone == kept + "a"
    merge_duplicates([kept, gone], refs_dir=out)
    # Another article of the same source and year, in a new bulletin: its natural key would be
    # the free slot `gone`, which must stay the survivor's redirect.
    merge_extraction("c.txt", None, [extracted("c.txt", 2, LISHUI, "浙江在线", "2018-9-3")], out)
    new_key = keys_by_line(out)[("c.txt", 2)]
    assert new_key not in (kept, gone)
    assert load_redirects(out).resolve(gone) == kept
    # and the old key still cites the survivor, not the new record
    assert load_input(out).get(gone).id == kept  # type: ignore[union-attr]


def test_redirects_follow_later_merges_and_a_bad_file_names_itself(tmp_path: Path) -> None:
    redirects = Redirects()
    redirects.add_merge("b", "a")
    redirects.add_merge("a", "c")  # a itself merged later: b now cites c
    assert redirects.resolve("B") == "c" and redirects.resolve("a") == "c"
    assert redirects.resolve("c") is None
    assert Redirects.from_mapping(redirects.to_mapping()) == redirects
    (tmp_path / "_redirects.yaml").write_text("merged: [a, b]\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"_redirects.yaml: 'merged' must map keys to keys"):
        load_redirects(tmp_path)
