"""The container alias table: the built-in one, extended by the user's ``refs/_aliases.yaml``,
used by extraction (``citekit extract``, ``citekit build``, the library) as the README says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import citekit
from citekit.aliases import Aliases, load_aliases
from citekit.cli import cli
from citekit.store import load_refs

README = Path(__file__).resolve().parent.parent / "README.md"
#: one article from each of two sources, each named by an alias
BULLETIN = (
    "山区发展新篇章\n\n正文。\n\n（来源：浙江在线网）\n\n"
    "海岛旅游再升级\n\n正文。\n\n（来源：中国蓝新闻客户端）\n"
)
#: a user table: the README's example and a source the built-in table does not know
USER_TABLE = "{readme}\n新蓝网: [中国蓝新闻客户端, 中国蓝新闻]\n"


def readme_alias_example() -> str:
    """The ``refs/_aliases.yaml`` line the README shows (`浙江在线: [浙江在线网]`)."""
    m = re.search(r"`refs/_aliases.yaml`: `([^`]+)`", README.read_text(encoding="utf-8"))
    assert m is not None, "the README no longer shows an alias-table example"
    return m.group(1)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("refs").mkdir()
    Path("refs/_aliases.yaml").write_text(
        USER_TABLE.format(readme=readme_alias_example()), encoding="utf-8"
    )
    Path("bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    return tmp_path


def containers(refs_dir: str = "refs") -> list[str | None]:
    return [r.container_title for r in load_refs(refs_dir)]


def test_the_readme_example_is_an_alias_table() -> None:
    canonical, _, aliases = readme_alias_example().partition(": ")
    table = Aliases.from_mapping({canonical: aliases.strip("[]").split(", ")})
    assert table.canonical("《浙江在线网》") == "浙江在线"


def test_citekit_extract_uses_the_users_table(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "bulletin.txt"])
    assert result.exit_code == 0, result.output
    assert containers() == ["浙江在线", "新蓝网"]


def test_extract_to_csl_json_uses_the_table_of_out(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "bulletin.txt", "--format", "csl-json"])
    assert result.exit_code == 0, result.output
    assert '"container-title": "新蓝网"' in result.stdout


def test_citekit_build_uses_the_users_table(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", "bulletin.txt"])
    assert result.exit_code == 2, result.output  # two web pages without URL
    assert containers() == ["浙江在线", "新蓝网"]


def test_the_library_uses_the_table_it_is_given(project: Path) -> None:
    assert [r.container_title for r in citekit.extract_text(BULLETIN).references] == [
        "浙江在线",
        "中国蓝新闻客户端",  # the built-in table only
    ]
    table = citekit.load_aliases("refs")
    found = citekit.extract_text(BULLETIN, aliases=table)
    assert [r.container_title for r in found.references] == ["浙江在线", "新蓝网"]
    citekit.extract_into_refs(["bulletin.txt"], "refs")  # the table of refs/ by default
    assert containers() == ["浙江在线", "新蓝网"]


def test_the_users_entries_win_over_the_built_in_ones(tmp_path: Path) -> None:
    (tmp_path / "_aliases.yaml").write_text("浙江在线网: [浙江在线]\n", encoding="utf-8")
    assert load_aliases(None).canonical("浙江在线网") == "浙江在线"
    assert load_aliases(tmp_path).canonical("浙江在线") == "浙江在线网"


def test_an_alias_written_without_brackets_is_one_alias(tmp_path: Path) -> None:
    (tmp_path / "_aliases.yaml").write_text("新蓝网: 中国蓝新闻\n", encoding="utf-8")
    table = load_aliases(tmp_path)
    assert table.canonical("中国蓝新闻") == "新蓝网"
    assert table.canonical("中") == "中"  # not split into characters


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("新蓝网: {a: b}\n", "_aliases.yaml", id="mapping-value"),
        pytest.param("新蓝网: [a\n", "_aliases.yaml:2", id="malformed-yaml"),
    ],
)
def test_a_malformed_user_table_names_the_file(tmp_path: Path, text: str, where: str) -> None:
    (tmp_path / "_aliases.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(citekit.StoreError) as exc:
        load_aliases(tmp_path)
    assert str(exc.value.where).startswith(str(tmp_path / where))


def test_the_table_is_a_value() -> None:
    table = load_aliases(None)
    with pytest.raises(TypeError):
        table.table["x"] = "y"  # type: ignore[index]
    assert table.extended({"甲": ["乙"]}).canonical("乙") == "甲"
    assert table.canonical("乙") == "乙"
