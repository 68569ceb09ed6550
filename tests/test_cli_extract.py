"""``citekit extract``: refs/ output, CSL-JSON on stdout, stdin, bad files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citekit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eabb3536ebd0d52d.txt"


def test_csl_json_prints_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "refs"
    result = runner.invoke(cli, ["extract", str(SEED), "--format", "csl-json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    attributions = [i for i in items if i["type"] != "legislation"]
    assert len(attributions) == 12  # the twelve （来源：…） lines of the bulletin
    assert attributions[0]["container-title"] == "丽水日报"
    assert len({i["id"] for i in items}) == len(items)  # keys assigned and unique
    assert not out.exists()


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["extract", "-", "--format", "csl-json"],
        input="标题\n\n正文。\n\n（来源：新华社 2018-05-31）\n",
    )
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["title"] == "标题"


def test_nothing_found_is_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("没有来源的正文。\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(f), "--format", "csl-json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_bad_file_reported_others_processed(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\xfe\x00binary\x00\x01\x02" * 50)
    out = tmp_path / "refs"
    result = runner.invoke(cli, ["extract", str(bad), str(SEED), "--out", str(out)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert list(out.glob("*.yaml"))


def test_help_has_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "citekit extract seeds/*.txt" in result.output
