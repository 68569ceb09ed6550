"""Import beyond `citekit import`: build takes reference files beside documents (a .txt is read
as a bulletin or as a pasted GB/T list from its content), a file's own citation keys are kept
where free, every INPUT command says which format it read, and one orchestration (Intake)
does the job for import, build and the library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import citekit
from citekit.cli import cli
from citekit.documents import read_document
from citekit.formats.detect import document_or_list
from citekit.importing import import_into_refs
from citekit.intake import Intake, usable_key
from citekit.problems import Problems
from citekit.store import KeyRegistry, load_refs

TESTS = Path(__file__).parent
DATA = TESTS / "data" / "import"
BULLETIN = "乡村振兴见成效\n\n正文。\n\n（来源：《浙江日报》2018-9-3）\n"
BIB = """@article{Pan2021Nav,
  author = {潘紫麟 and 刘庆鹏},
  title = {计算机辅助导航技术在脊柱外科中的应用},
  journal = {医学综述},
  year = {2021},
  volume = {27},
  number = {11},
  pages = {2184--2188},
}

@book{lin2015,
  author = {林行众},
  title = {黄瓜共表达基因模块的识别及其特点分析},
  publisher = {南京农业大学},
  address = {南京},
  year = {2015},
}
"""


# ----------------------------------------------------------------- bulletin or list?

REAL_BULLETINS = sorted((TESTS / "corpus" / "docs").glob("*.txt")) + sorted(
    (TESTS.parent / "seeds").glob("*.txt")
)
REAL_LISTS = [*sorted((DATA / "gbt_real").glob("*.txt")), DATA / "thesis_list.txt"]


@pytest.mark.parametrize("path", REAL_BULLETINS, ids=lambda p: p.stem)
def test_a_real_bulletin_is_a_document(path: Path) -> None:
    kind, reason = document_or_list(read_document(str(path)).text)
    assert kind == "document", reason


@pytest.mark.parametrize("path", REAL_LISTS, ids=lambda p: p.stem)
def test_a_real_reference_list_is_gbt_text(path: Path) -> None:
    kind, reason = document_or_list(read_document(str(path)).text)
    assert kind == "gbt-text", reason
    assert "reads as entries" in reason


def test_a_bulletin_citing_two_works_in_gbt_form_stays_a_document() -> None:
    text = (TESTS / "corpus" / "docs" / "mixed-wenxian-xiansuo.txt").read_text(encoding="utf-8")
    kind, reason = document_or_list(text)
    assert kind == "document"
    assert "--text-as gbt-text" in reason  # says how to read it as a list instead


def test_a_reference_export_in_a_txt_is_read_as_that_format() -> None:
    text = (DATA / "cnki_noteexpress.txt").read_text(encoding="utf-8")
    assert document_or_list(text)[0] == "noteexpress"


# ------------------------------------------------------------------------------ build


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with a bulletin, a CNKI RIS export and a pasted GB/T list."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    shutil.copy(DATA / "cnki.ris", docs / "cnki.ris")
    shutil.copy(DATA / "gbt_real" / "heldout_i.txt", tmp_path / "thesis-refs.txt")
    return tmp_path


def test_build_imports_reference_files_beside_documents(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", "docs", "thesis-refs.txt", "--format", "json"])
    assert result.exit_code in (0, 2), result.output
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["reference_files"]) == (1, 2)
    read_as = {s["path"]: s["read_as"] for s in summary["sources"]}
    assert read_as == {
        "docs/bulletin.txt": "document",
        "docs/cnki.ris": "ris",
        "thesis-refs.txt": "gbt-text",
    }
    # One stderr line per source says what it was read as.
    assert "thesis-refs.txt: gbt-text (a GB/T 7714 reference list: " in result.stderr
    assert "docs/bulletin.txt: document (a document to extract" in result.stderr
    assert "docs/cnki.ris: ris (has a 'TY  -' line): 5 record(s) -> refs/cnki.yaml" in (
        result.stderr
    )
    lib = load_refs("refs")
    origins = {Path(r.origin or "").name.split(":")[0] for r in lib}
    assert origins == {"bulletin.yaml", "cnki.yaml", "thesis-refs.yaml"}
    assert summary["records"] == len(lib) == 1 + 5 + 10
    items = json.loads(Path("build/references.json").read_text(encoding="utf-8"))
    assert any(i.get("container-title") == "医学综述" for i in items)


def test_a_second_build_with_reference_files_changes_nothing(
    project: Path, runner: CliRunner
) -> None:
    args = ["build", "docs", "thesis-refs.txt", "--format", "json"]
    first = json.loads(runner.invoke(cli, args).stdout)
    keys = load_refs("refs").keys()
    second = json.loads(runner.invoke(cli, args).stdout)
    assert (first["added"], second["added"]) == (16, 0)
    assert load_refs("refs").keys() == keys


def test_text_as_forces_what_a_txt_is(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["build", "thesis-refs.txt", "--text-as", "document", "--format", "json"]
    )
    summary = json.loads(result.stdout)
    assert summary["sources"] == [
        {"path": "thesis-refs.txt", "read_as": "document", "reason": "--text-as document"}
    ]
    assert summary["reference_files"] == 0
    result = runner.invoke(
        cli, ["build", "docs/bulletin.txt", "--text-as", "gbt-text", "--format", "json"]
    )
    assert json.loads(result.stdout)["sources"][0]["read_as"] == "gbt-text"


def test_an_unreadable_reference_file_stops_the_build_before_refs_is_touched(
    project: Path, runner: CliRunner
) -> None:
    Path("broken.xml").write_text("<xml><records><record>", encoding="utf-8")
    result = runner.invoke(cli, ["build", "docs", "broken.xml"])
    assert result.exit_code == 1
    assert "broken.xml:1: error[E100]: malformed EndNote XML" in result.stderr
    assert not Path("refs").exists() and not Path("build").exists()


def test_a_refs_yaml_is_no_build_input(project: Path, runner: CliRunner) -> None:
    Path("lib.yaml").write_text("references: []\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", "docs", "lib.yaml"])
    assert result.exit_code == 1
    assert "lib.yaml: error[E100]: a refs/ YAML file" in result.stderr


def test_the_library_build_says_what_each_source_was(project: Path) -> None:
    result = citekit.build(["docs"], text_as="auto")
    assert [(p, k) for p, k, _ in result.sources] == [
        ("docs/bulletin.txt", "document"),
        ("docs/cnki.ris", "ris"),
    ]
    assert [i.format for i in result.imports] == ["ris"]


# --------------------------------------------------------------------------- own keys


def _bib(tmp_path: Path, name: str, text: str = BIB) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_files_own_keys_are_kept(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    report = import_into_refs(_bib(tmp_path, "mine.bib"), refs)
    assert report.added == ["Pan2021Nav", "lin2015"]
    assert report.renamed == []
    assert load_refs(refs).keys() == ["Pan2021Nav", "lin2015"]
    assert "Pan2021Nav" in KeyRegistry(refs).load()


def test_a_taken_key_gets_a_new_one_and_the_mapping_is_reported(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    import_into_refs(_bib(tmp_path, "mine.bib"), refs)
    other = BIB.replace("计算机辅助导航技术在脊柱外科中的应用", "另一篇文章").split("@book")[0]
    problems = Problems()
    report = import_into_refs(_bib(tmp_path, "theirs.bib", other), refs, problems=problems)
    [(own, given)] = report.renamed
    assert own == "Pan2021Nav" and given != own
    [warning] = [p for p in problems if p.code == "W440"]
    assert warning.location.file.endswith("theirs.bib") and warning.location.start_line == 1
    assert f"this record's key is {given!r}" in warning.message
    assert f"\\cite{{{given}}}" in warning.message


def test_a_key_once_given_to_another_source_is_not_reused(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    import_into_refs(_bib(tmp_path, "mine.bib"), refs)
    (refs / "mine.yaml").unlink()  # deleted by hand: the registry still knows its keys
    other = BIB.replace("计算机辅助导航技术在脊柱外科中的应用", "另一篇文章")
    report = import_into_refs(_bib(tmp_path, "theirs.bib", other), refs)
    assert [own for own, _ in report.renamed] == ["Pan2021Nav", "lin2015"]
    assert not {"pan2021nav", "lin2015"} & {r.id.casefold() for r in load_refs(refs)}


def test_reimporting_the_same_file_keeps_its_keys_silently(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    path = _bib(tmp_path, "mine.bib")
    import_into_refs(path, refs)
    shutil.rmtree(refs / ".extracted")
    (refs / "mine.yaml").unlink()  # the same file again: its keys were issued to it
    problems = Problems()
    report = import_into_refs(path, refs, problems=problems)
    assert (report.added, report.renamed) == (["Pan2021Nav", "lin2015"], [])
    assert not [p for p in problems if p.code == "W440"]


def test_ris_id_and_endnote_label_are_keys_record_numbers_are_not(tmp_path: Path) -> None:
    ris = tmp_path / "lib.ris"
    ris.write_text(
        "TY  - JOUR\nID  - smith2020\nAU  - Smith, John\nTI  - One\nPY  - 2020\nER  - \n\n"
        "TY  - JOUR\nID  - 42\nAU  - Doe, Jane\nTI  - Two\nPY  - 2021\nER  - \n",
        encoding="utf-8",
    )
    enw = tmp_path / "lib.enw"
    enw.write_text("%0 Book\n%A 林行众\n%T 黄瓜\n%D 2015\n%F Lin:2015\n", encoding="utf-8")
    problems = Problems()
    intake = citekit.import_into_refs([ris, enw], tmp_path / "refs")
    problems.extend(intake.problems)
    assert load_refs(tmp_path / "refs").keys() == ["smith2020", "doe2021", "Lin:2015"]
    assert not [p for p in problems if p.code == "W440"]  # a record number is no key


def test_an_id_that_cannot_be_a_key_is_replaced_and_reported(tmp_path: Path) -> None:
    lib = tmp_path / "zotero.json"
    lib.write_text(
        '[{"id": "http://zotero.org/users/local/x/items/AB12", "type": "book", '
        '"title": "一", "author": [{"literal": "张三"}], "issued": {"date-parts": [[2020]]}}]',
        encoding="utf-8",
    )
    intake = citekit.import_into_refs(lib, tmp_path / "refs")
    assert load_refs(tmp_path / "refs").keys() == ["zhangsan2020"]
    [warning] = [p for p in intake.problems if p.code == "W440"]
    assert "cannot be a citekit key" in warning.message


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("Pan2021Nav", True),
        ("smith:2020", True),
        ("张三2020", True),
        ("doe-2021_a", True),
        ("42", False),
        ("http://zotero.org/users/1/items/X", False),
        ("has space", False),
        ("a{b}", False),
        ("", False),
        ("x" * 101, False),
    ],
)
def test_usable_key(key: str, ok: bool) -> None:
    assert usable_key(key) is ok


# ---------------------------------------------------- one orchestration, formats said


def test_api_import_into_refs_returns_the_intake_with_the_detected_format(
    tmp_path: Path,
) -> None:
    intake = citekit.import_into_refs(
        [DATA / "cnki.ris", tmp_path / "missing.ris"], tmp_path / "refs"
    )
    assert isinstance(intake, Intake)
    [report] = intake.imports
    assert (report.format, report.records, len(report.added)) == ("ris", 5, 5)
    assert intake.failed == [str(tmp_path / "missing.ris")]
    assert [p.code for p in intake.problems.errors] == ["E100"]
    assert "1 reference file(s), 5 record(s)" in intake.summary()


@pytest.mark.parametrize(
    "command",
    [
        ["render"],
        ["export", "--to", "csl-json"],
        ["check", "records"],
    ],
)
def test_input_commands_say_which_format_they_read(
    command: list[str], runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, [*command, str(DATA / "cnki.ris")])
    assert "cnki.ris: read as ris (has a 'TY  -' line), 5 record(s)" in result.stderr, result.output
    lib = tmp_path / "lib.json"
    lib.write_text('[{"id": "a", "type": "book", "title": "一"}]', encoding="utf-8")
    result = runner.invoke(cli, [*command, str(lib)])
    assert "read as" not in result.stderr  # citekit's own formats go unannounced


def test_a_key_changed_in_the_file_keeps_the_stored_key_and_says_so(tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    path = _bib(tmp_path, "mine.bib")
    import_into_refs(path, refs)
    path.write_text(BIB.replace("@article{Pan2021Nav,", "@article{pan2021,"), encoding="utf-8")
    problems = Problems()
    report = import_into_refs(path, refs, problems=problems)
    assert report.renamed == [("pan2021", "Pan2021Nav")]
    [warning] = [p for p in problems if p.code == "W440"]
    assert "already, under another key" in warning.message
    assert load_refs(refs).keys() == ["Pan2021Nav", "lin2015"]


@pytest.mark.parametrize("name", ["mine.bib", "mine.json"])
def test_reimporting_bibtex_or_csl_json_adds_nothing(name: str, tmp_path: Path) -> None:
    refs = tmp_path / "refs"
    if name.endswith(".bib"):
        path = _bib(tmp_path, name)
    else:
        path = tmp_path / name
        path.write_text(
            '[{"id": "a1", "type": "book", "title": "一"},\n'
            ' {"id": "b2", "type": "book", "title": "二"}]',
            encoding="utf-8",
        )
    first = import_into_refs(path, refs)
    again = import_into_refs(path, refs)
    assert (len(first.added), again.added, again.renamed) == (2, [], [])
    assert len(load_refs(refs)) == 2
    [ref, _] = load_refs(refs)
    assert ref.provenance[-1].file == str(path) and ref.provenance[-1].start_line == 1


def test_extracting_a_pasted_list_says_to_import_it(runner: CliRunner) -> None:
    path = str(DATA / "gbt_real" / "heldout_i.txt")
    result = runner.invoke(cli, ["extract", path, "--format", "csl-json"])
    assert json.loads(result.stdout) == []
    assert f"{path}: warning[W441]: no attribution found; the file holds gbt-text" in (
        result.stderr
    )
    assert f"`citekit import {path}`" in result.stderr


def test_an_endnote_xml_label_is_the_records_key(tmp_path: Path) -> None:
    xml = (DATA / "endnote.xml").read_text(encoding="utf-8")
    path = tmp_path / "lib.xml"
    path.write_text(
        xml.replace("<language>eng</language>", "<label>Kanamori1998</label>", 1),
        encoding="utf-8",
    )
    intake = citekit.import_into_refs(path, tmp_path / "refs")
    assert intake.imports[0].format == "endnote-xml"
    assert load_refs(tmp_path / "refs").keys()[0] == "Kanamori1998"
