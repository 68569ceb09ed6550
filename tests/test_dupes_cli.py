"""``citekit check dupes``: exit codes 0/2/1, the JSON shape, the table, decisions honoured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.model import PartialDate, Provenance, Reference
from citekit.store import RefsFile, write_refs_file


def record(key: str, title: str, container: str, date: str, source: str = "a.txt") -> Reference:
    return Reference(
        key,
        "article-newspaper",
        title=title,
        container_title=container,
        issued=PartialDate.parse(date),
        provenance=(Provenance(source, 3, 3, f"（来源：{container} {date}）"),),
    )


S0, S1 = "seeds/000.txt", "seeds/001.txt"


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    """Two bulletins citing the same 浙江在线 article, plus a look-alike from another year."""
    out = tmp_path / "refs"
    write_refs_file(
        RefsFile(
            out / "000.yaml",
            "seeds/000.txt",
            None,
            [
                record(
                    "zjol2018", "江山木门迈向智能制造", "浙江在线网", "2018-9-12", "seeds/000.txt"
                ),
                record("zjrb2018", "2018年浙江省统计公报", "浙江日报", "2018-3-1", S0),
            ],
        )
    )
    write_refs_file(
        RefsFile(
            out / "001.yaml",
            "seeds/001.txt",
            None,
            [
                record("zjol2018a", "江山木門邁向智能製造", "《浙江在线》", "2018-09-12", S1),
                record("zjrb2019", "2019年浙江省统计公报", "浙江日报", "2019-3-1", S1),
            ],
        )
    )  # fmt: skip
    return out


def test_json_lists_groups_and_exits_2(refs: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "dupes", str(refs), "--format", "json"])
    assert result.exit_code == 2, result.output
    groups = json.loads(result.stdout)
    assert groups == [
        {
            "ids": ["zjol2018", "zjol2018a"],
            "decision": "duplicate",
            "score": groups[0]["score"],
            "reason": groups[0]["reason"],
            "for": groups[0]["for"],
            "against": [],
        }
    ]
    assert groups[0]["score"] >= 97.0
    assert groups[0]["for"][0].startswith("same title after normalization")
    assert "浙江在线网 = 《浙江在线》" in groups[0]["reason"]


def test_table_shows_titles_and_where_each_record_is(refs: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "dupes", str(refs)])
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0].split()
    assert first[0] == "duplicate" and first[2:] == ["zjol2018", "zjol2018a"]
    assert "江山木門邁向智能製造" in result.stdout
    assert f"{refs}/001.yaml:" in result.stdout
    assert "1 duplicate group(s), 0 repost group(s), 0 possible" in result.stderr


def test_clean_library_exits_0(refs: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "dupes", str(refs / "001.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_remembered_decision_is_not_reported_again(refs: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["merge", "--not-duplicate", "zjol2018", "zjol2018a", "--refs", str(refs)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["check", "dupes", str(refs), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_csl_json_input_uses_the_alias_table(refs: Path, tmp_path: Path, runner: CliRunner) -> None:
    export = tmp_path / "lib.json"
    items = [
        record("a", "江山木门迈向智能制造", "ZJOL", "2018-9-12", "x.txt").to_csl(),
        record("b", "江山木门迈向智能制造", "浙江在线", "2018-9-12", "y.txt").to_csl(),
    ]
    export.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(cli, ["check", "dupes", str(export), "--format", "json"])
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout)[0]["ids"] == ["a", "b"]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(lambda refs: refs / "missing", "no such file or directory", id="missing"),
        pytest.param(
            lambda refs: (refs / "_decisions.yaml").write_text("distinct: 5\n") and refs,
            "_decisions.yaml: 'distinct' must be a list",
            id="bad-decisions",
        ),
        pytest.param(
            lambda refs: (refs / "_decisions.yaml").write_text("distinct: [a\n") and refs,
            "_decisions.yaml:2:1: malformed YAML",
            id="malformed-decisions",
        ),
    ],
)
def test_unreadable_input_exits_1_with_the_file_named(
    refs: Path, runner: CliRunner, setup: object, message: str
) -> None:
    target = setup(refs)  # type: ignore[operator]
    result = runner.invoke(cli, ["check", "dupes", str(target)])
    assert result.exit_code == 1
    assert message in result.stderr


def test_malformed_record_is_listed_and_exits_1_after_the_check(
    refs: Path, runner: CliRunner
) -> None:
    with (refs / "001.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- id: broken\n  author: 5\n")
    result = runner.invoke(cli, ["check", "dupes", str(refs), "--format", "json"])
    assert result.exit_code == 1
    assert f"{refs}/001.yaml:" in result.stderr and "error[E202]" in result.stderr
    assert json.loads(result.stdout)[0]["ids"] == ["zjol2018", "zjol2018a"]


def test_reposts_name_the_original_and_oversized_blocks_are_reported(
    tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "refs"
    title = "执政党候选人培尼亚当选巴拉圭总统"
    stock = [record(f"s{n}", "卷首语", "", "2020", S0) for n in range(60)]
    write_refs_file(
        RefsFile(
            out / "000.yaml",
            S0,
            None,
            [
                record("xinhua", title, "新华社", "2023-4-30", S0),
                record("rmw", title, "人民网", "2023-5-1", S0),
                *[r.replace(container_title=None) for r in stock],
            ],
        )
    )
    result = runner.invoke(cli, ["check", "dupes", str(out)])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0].split()[0] == "repost"
    assert "original to cite: xinhua" in result.stdout
    assert "warning[W331]: 60 records share the title" in result.stderr
    assert "1 repost group(s)" in result.stderr
