"""``citekit export``: every INPUT kind to BibTeX, BibLaTeX, CSL-JSON and .docx."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citekit.cli import cli

REFS = """references:
- id: lishuiribao2018
  type: article-newspaper
  title: 以“丽水之干”担纲“丽水之赞”
  author: [马跃明, 袁卫]
  container-title: 丽水日报
  issued: '2018-09-03'
  provenance:
  - {file: seeds/000.txt, lines: [98, 112], raw: （来源：《丽水日报》2018-9-3）}
- id: xinhuanet2020
  type: webpage
  title: 100% 的 R&D_投入
  container-title: 新华网
  URL: http://www.xinhuanet.com/a_b.htm
  accessed: '2020-06-01'
"""


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    path = tmp_path / "refs" / "a.yaml"
    path.parent.mkdir()
    path.write_text(REFS, encoding="utf-8")
    return path.parent


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, ["export", *map(str, args)])


def test_bibtex_to_stdout(runner: CliRunner, refs: Path) -> None:
    result = run(runner, refs, "--to", "bibtex")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@newspaper{lishuiribao2018,")
    assert "{马跃明} and {袁卫}" in result.stdout
    assert r"100\% 的 R\&D\_投入" in result.stdout
    assert "citekit-provenance" in result.stdout


def test_biblatex_uses_journaltitle_and_date(runner: CliRunner, refs: Path) -> None:
    result = run(runner, refs, "--to", "biblatex")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "  journaltitle = {丽水日报},\n" in result.stdout
    assert "  date         = {2018-09-03},\n" in result.stdout
    assert "  urldate      = {2020-06-01},\n" in result.stdout
    assert "journal " not in result.stdout and "year" not in result.stdout


def test_csl_json_to_a_file_format_from_extension(runner: CliRunner, refs: Path) -> None:
    out = refs.parent / "out" / "refs.json"
    result = run(runner, refs, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "2 record(s) ->" in result.stderr
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == ["lishuiribao2018", "xinhuanet2020"]
    assert items[0]["custom"]["citekit"]["provenance"][0]["lines"] == [98, 112]


def test_no_provenance_bibtex(runner: CliRunner, refs: Path) -> None:
    result = run(runner, refs, "--to", "bibtex", "--no-provenance")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@newspaper{lishuiribao2018,\n")
    assert "@online{xinhuanet2020," in result.stdout
    assert "provenance" not in result.stdout


def test_no_provenance_csl_json(runner: CliRunner, refs: Path) -> None:
    result = run(runner, refs, "--to", "csl-json", "--no-provenance")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["lishuiribao2018", "xinhuanet2020"]
    assert all("custom" not in i for i in items)
    assert items[0]["issued"] == {"date-parts": [[2018, 9, 3]]}


def test_formats_round_trip_through_the_cli(runner: CliRunner, refs: Path) -> None:
    bib = refs.parent / "refs.bib"
    assert run(runner, refs, "--to", "biblatex", "-o", bib).exit_code == 0
    from_bib = run(runner, bib, "--to", "csl-json")
    from_yaml = run(runner, refs, "--to", "csl-json")
    assert (from_bib.exit_code, from_yaml.exit_code) == (0, 0)
    assert len(json.loads(from_yaml.stdout)) == 2
    assert json.loads(from_bib.stdout) == json.loads(from_yaml.stdout)


def test_malformed_items_are_reported_and_the_rest_exported(
    runner: CliRunner, tmp_path: Path
) -> None:
    lib = tmp_path / "lib.json"
    lib.write_text(
        '[\n  {"id": "a", "title": "一"},\n  {"title": "no id"},\n  {"id": "b", "title": "二"}\n]',
        encoding="utf-8",
    )
    result = run(runner, lib, "--to", "bibtex")
    assert result.exit_code == 1  # a record was left out
    assert re.findall(r"^@(\w+)\{(\w+),", result.stdout, re.M) == [("misc", "a"), ("misc", "b")]
    assert f"{lib}:3: error[E402]" in result.stderr


def test_nothing_readable_exits_1_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text("@misc{a title = {x}}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run(runner, lib, "-o", out)
    assert result.exit_code == 1
    assert f"{lib}:1: error[E410]" in result.stderr
    assert "nothing exported" in result.stderr
    assert not out.exists()


def test_a_failed_export_leaves_the_old_file(runner: CliRunner, tmp_path: Path) -> None:
    lib = tmp_path / "lib.json"
    lib.write_text('[{"id": "has space", "title": "x"}]', encoding="utf-8")
    out = tmp_path / "refs.bib"
    out.write_text("% old\n", encoding="utf-8")
    result = run(runner, lib, "-o", out)
    assert result.exit_code == 1
    assert "'has space' cannot be written in BibTeX" in result.stderr
    assert out.read_text(encoding="utf-8") == "% old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.json", "refs.bib"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "docx"], "give it with -o FILE.docx"),
        (["-o", "out.txt"], "--to bibtex|biblatex|csl-json|docx"),
        (["--to", "bibtex", "--style", "gb-t-7714-2015-numeric"], "--style only applies"),
        (["--to", "csl-json", "--font-cjk", "仿宋"], "--font-cjk only applies"),
        (["--to", "yaml"], "Invalid value for '--to'"),
    ],
)
def test_usage_errors_exit_1(runner: CliRunner, refs: Path, args: list[str], message: str) -> None:
    result = run(runner, refs, *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_missing_input_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path / "nope.bib", "--to", "csl-json")
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_docx_bibliography(runner: CliRunner, refs: Path) -> None:
    out = refs.parent / "参考文献.docx"
    result = run(
        runner,
        refs,
        "-o",
        out,
        "--style",
        "gb-t-7714-2015-numeric",
        "--heading",
        "参考文献表",
        "--font-cjk",
        "仿宋",
        "--size",
        "12",
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "参考文献表" in xml
    assert "丽水之干" in xml and "新华网" in xml
    assert 'w:eastAsia="仿宋"' in styles
    assert '<w:sz w:val="24"/>' in styles  # 12 pt in half-points


def test_docx_unknown_style_lists_the_names(runner: CliRunner, refs: Path) -> None:
    out = refs.parent / "x.docx"
    result = run(runner, refs, "-o", out, "--style", "no-such-style")
    assert result.exit_code == 1
    assert "gb-t-7714-2025-numeric" in result.stderr
    assert not out.exists()


def test_an_unwritable_output_exits_1(runner: CliRunner, refs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run(runner, refs, "--to", "bibtex", "-o", blocker / "refs.bib")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_gb7714_names_the_biblatex_style_and_only_applies_to_biblatex(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "references:\n- {id: s, type: standard, title: 标点符号用法, number: GB/T 15834—2011}\n",
        encoding="utf-8",
    )
    for2015 = run(runner, path, "--to", "biblatex")
    for2025 = run(runner, path, "--to", "biblatex", "--gb7714", "2025")
    assert for2015.exit_code == 0 and for2025.exit_code == 0, for2025.output
    assert "titleaddon   = {GB/T 15834—2011}," in for2015.stdout
    assert "titleaddon" not in for2025.stdout and "GB/T 15834—2011" in for2025.stdout
    refused = run(runner, path, "--to", "bibtex", "--gb7714", "2025")
    assert refused.exit_code == 1 and "--gb7714 only applies to --to biblatex" in refused.output
