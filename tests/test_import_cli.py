"""`citekit import`: files into refs/ through the extraction merge, or CSL-JSON on stdout; every
INPUT command reads the imported formats too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from citekit.cli import cli

DATA = Path(__file__).parent / "data" / "import"


def test_import_merges_into_refs_and_says_which_format(runner: CliRunner, tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    result = runner.invoke(cli, ["import", str(DATA / "cnki.ris"), "--into", str(refs)])
    assert result.exit_code == 0, result.output
    assert "cnki.ris: ris (has a 'TY  -' line): 5 record(s)" in result.stderr
    text = (refs / "cnki.yaml").read_text(encoding="utf-8")
    assert "id: panzilin2021" in text and "container-title: 医学综述" in text


def test_reimport_keeps_hand_edits(runner: CliRunner, tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    args = ["import", str(DATA / "cnki_noteexpress.txt"), "--into", str(refs)]
    assert runner.invoke(cli, args).exit_code == 0
    path = refs / "cnki_noteexpress.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "title: 计算机辅助导航技术在脊柱外科中的应用",
            "title: 计算机辅助导航技术在脊柱外科中的应用（修订）",
        ),
        "utf-8",
    )
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "1 with hand edits kept" in result.stderr
    assert "（修订）" in path.read_text("utf-8")


def test_csl_json_is_printed_and_nothing_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: object
) -> None:
    result = runner.invoke(
        cli,
        ["import", str(DATA / "cnki.enw"), "--format", "csl-json", "--into", str(tmp_path / "r")],
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [i["type"] for i in items] == [
        "article-journal",
        "thesis",
        "paper-conference",
        "chapter",
    ]
    assert not (tmp_path / "r").exists()


def test_stdin_is_read(runner: CliRunner) -> None:
    text = "[1] 张三. 题名[J]. 刊名, 2020, 1(2): 3-4.\n"
    result = runner.invoke(cli, ["import", "-", "--format", "csl-json"], input=text)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["container-title"] == "刊名"
    assert item["custom"]["citekit"]["provenance"][0]["file"] == "<stdin>"


def test_a_bad_entry_is_a_warning_with_its_line_and_the_rest_is_kept(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli, ["import", str(DATA / "thesis_list.txt"), "--into", str(tmp_path / "refs")]
    )
    assert result.exit_code == 0, result.output
    assert f"{DATA / 'thesis_list.txt'}:8: warning[E421]" in result.stderr
    assert "8 record(s), 1 kept as raw text" in result.stderr
    assert "这一行不是参考文献" in (tmp_path / "refs" / "thesis_list.yaml").read_text("utf-8")


def test_an_unreadable_file_fails_the_run_but_not_the_others(
    runner: CliRunner, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.dat"
    junk.write_text("hello\n", "utf-8")
    refs = tmp_path / "refs"
    result = runner.invoke(cli, ["import", str(junk), str(DATA / "cnki.ris"), "--into", str(refs)])
    assert result.exit_code == 1
    assert f"{junk}: error[E100]: not a reference input" in result.stderr
    assert (refs / "cnki.yaml").exists()


def test_from_names_the_format(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "refs.dat"
    shutil.copy(DATA / "cnki_refworks.txt", f)
    result = runner.invoke(cli, ["import", str(f), "--from", "refworks", "--format", "csl-json"])
    assert result.exit_code == 0
    assert "refworks (--from refworks)" in result.stderr
    result = runner.invoke(cli, ["import", str(f), "--from", "nope"])
    assert result.exit_code == 1


def test_render_and_export_read_imported_formats(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(DATA / "cnki_noteexpress.txt")])
    assert result.exit_code == 0, result.output
    expected = "潘紫麟，刘庆鹏. 计算机辅助导航技术在脊柱外科中的应用[J]. 医学综述，2021，27（11）："
    assert expected + "2184-2188." in result.stdout
    out = tmp_path / "x.bib"
    result = runner.invoke(
        cli, ["export", str(DATA / "endnote.xml"), "--to", "bibtex", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Shaking without quaking" in out.read_text("utf-8")


def test_import_help_runs(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    assert "NoteExpress" in result.output and "--from" in result.output


def test_an_entry_left_out_fails_the_run_as_render_and_export_do(
    runner: CliRunner, tmp_path: Path
) -> None:
    bib = tmp_path / "mixed.bib"
    bib.write_text(
        "@article{good, title={Deep learning}, journal={Nature}, year={2015}}\n"
        "@article{good, title={The same key again}, year={2016}}\n",
        "utf-8",
    )
    refs = tmp_path / "refs"
    result = runner.invoke(cli, ["import", str(bib), "--into", str(refs)])
    assert result.exit_code == 1, result.output
    assert f"{bib}:2: error[E411]" in result.stderr
    assert "Deep learning" in (refs / "mixed.yaml").read_text("utf-8")
    printed = runner.invoke(cli, ["import", str(bib), "--format", "csl-json"])
    assert printed.exit_code == 1
    assert [i["title"] for i in json.loads(printed.stdout)] == ["Deep learning"]
