"""The public surface: what ``import citekit`` offers, sorted, documented, and usable alone."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import citekit

ROOT = Path(__file__).resolve().parent.parent
BULLETIN = (
    "山区发展新篇章\n\n正文第一段。\n\n（来源：《浙江日报》2018-9-3）\n\n"
    "海岛旅游再升级\n\n正文第二段。\n\n（来源：《浙江日报》2018-9-3）\n\n"
    "数字经济新动能\n\n正文第三段。\n\n（来源：浙江在线网）\n"
)
VERBS = [
    "build",
    "check_links",
    "check_records",
    "cite_docx",
    "export",
    "extract_file",
    "extract_into_refs",
    "extract_text",
    "find_duplicates",
    "import_into_refs",
    "load",
    "merge",
    "render",
]


def test_all_is_sorted_and_every_name_exists() -> None:
    assert citekit.__all__ == sorted(citekit.__all__)
    for name in citekit.__all__:
        assert hasattr(citekit, name), name


def test_every_public_name_has_a_docstring() -> None:
    for name in citekit.__all__:
        obj = getattr(citekit, name)
        if name != "__version__":
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("name", VERBS)
def test_every_verb_is_exported_typed_and_documented_in_one_line(name: str) -> None:
    verb = getattr(citekit, name)
    assert name in citekit.__all__
    hints = inspect.signature(verb)
    assert hints.return_annotation is not inspect.Signature.empty, name
    for param in hints.parameters.values():
        assert param.annotation is not inspect.Parameter.empty, f"{name}({param.name})"
    assert (verb.__doc__ or "").splitlines()[0].strip(), name
    assert f"`{name}(" in (ROOT / "docs" / "API.md").read_text(encoding="utf-8"), name


def test_the_api_example_runs_with_only_import_citekit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "docs" / "API.md").read_text(encoding="utf-8")
    [code] = re.findall(r"```python\n(.*?)```", text, re.S)
    imports = re.findall(r"^\s*(?:import|from)\s+(\S+)", code, re.M)
    assert imports == ["citekit"]
    assert len(code.splitlines()) <= 20
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "docs/API.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[1] 乡村振兴见成效[N]. 浙江日报，2018-09-03."
    assert out[-1] == "bulletin.txt:7: error[W305]: 'zhejiangzaixian' is a web page without URL"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.json"]  # nothing else written


def test_extracted_records_come_out_keyed_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = citekit.extract_text(BULLETIN, name="b.txt")
    keys = [r.id for r in found.references]
    assert keys == ["zhejiangribao2018", "zhejiangribao2018a", "zhejiangzaixian"]
    assert list(tmp_path.iterdir()) == []
    # keyed records go straight into a Library, BibTeX and a bibliography
    assert citekit.Library(found.references).keys() == keys
    assert citekit.export(found.references, "bibtex").count("@newspaper{") == 2
    assert [e.id for e in citekit.render(found.references).entries] == keys


def test_extract_file_is_extract_text_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    by_file = citekit.extract_file(path)
    by_text = citekit.extract_text(BULLETIN, name=str(path))
    assert by_file.references == by_text.references


def test_render_returns_entries_and_problems_from_one_render() -> None:
    refs = citekit.extract_text(BULLETIN, name="b.txt").references
    bib = citekit.render(refs, style="gb-t-7714-2015-numeric", format="markdown")
    assert bib.style == "gb-t-7714-2015-numeric"
    assert [e.label for e in bib.entries] == ["[1]", "[2]", "[3]"]
    assert [(p.code, p.key, p.location.start_line) for p in bib.problems] == [
        ("W305", "zhejiangzaixian", 17)
    ]
    assert bib.text.splitlines()[0] == "[1] 山区发展新篇章[N]. 浙江日报, 2018-09-03."
    assert str(bib) == bib.text


def test_export_writes_the_path_it_is_given(tmp_path: Path) -> None:
    refs = citekit.extract_text(BULLETIN, name="b.txt").references
    out = tmp_path / "out" / "refs.bib"
    out.parent.mkdir()
    text = citekit.export(refs, "biblatex", out, provenance=False)
    assert out.read_text(encoding="utf-8") == text
    assert "journaltitle" in text and "provenance" not in text
    assert [r.id for r in citekit.load(out)] == [r.id for r in refs]
    docx = tmp_path / "bib.docx"
    assert citekit.export(refs, "docx", docx).startswith("[1] 山区发展新篇章")
    assert docx.stat().st_size > 0


def test_extract_into_refs_then_load(tmp_path: Path) -> None:
    doc = tmp_path / "b.txt"
    doc.write_text(BULLETIN, encoding="utf-8")
    refs = tmp_path / "refs"
    intake = citekit.extract_into_refs([doc], refs)
    assert (intake.added, intake.records, intake.failed) == (3, 3, [])
    lib = citekit.load(refs)
    assert lib.keys() == ["zhejiangribao2018", "zhejiangribao2018a", "zhejiangzaixian"]
    again = citekit.extract_into_refs([doc, tmp_path / "missing.txt"], refs)
    assert (again.added, again.failed) == (0, [str(tmp_path / "missing.txt")])
    assert [p.code for p in again.problems] == ["E100"]


def test_import_into_refs(tmp_path: Path) -> None:
    lib = tmp_path / "lib.json"
    lib.write_text('[{"id": "a", "type": "book", "title": "一", "publisher": "出版社"}]')
    intake = citekit.import_into_refs(lib, tmp_path / "refs")
    assert (intake.added, intake.records) == (1, 1)
    [ref] = citekit.load(tmp_path / "refs")
    assert (ref.title, ref.publisher) == ("一", "出版社")


def test_load_without_a_collector_raises_for_unreadable_records(tmp_path: Path) -> None:
    lib = tmp_path / "lib.json"
    lib.write_text('[{"id": "a", "title": "一"}, {"title": "no id"}]', encoding="utf-8")
    with pytest.raises(citekit.InputError, match="1 record"):
        citekit.load(lib)
    problems = citekit.Problems()
    assert citekit.load(lib, problems=problems).keys() == ["a"]
    assert [(p.code, p.location.start_line) for p in problems] == [("E402", 1)]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        pytest.param(lambda: citekit.load("no/such/refs"), citekit.InputError, id="missing-input"),
        pytest.param(
            lambda: citekit.render([], style="no-such-style"), citekit.StyleError, id="style"
        ),
        pytest.param(
            lambda: citekit.render([citekit.Reference("a"), citekit.Reference("A")]),
            citekit.DuplicateKeyError,
            id="duplicate-key",
        ),
        pytest.param(
            lambda: citekit.render([citekit.Reference("")]), citekit.RecordError, id="no-key"
        ),
        pytest.param(
            lambda: citekit.export([], "yaml"),  # type: ignore[arg-type]
            citekit.InputError,
            id="export-format",
        ),
        pytest.param(lambda: citekit.export([], "docx"), citekit.InputError, id="docx-no-path"),
        pytest.param(
            lambda: citekit.Reference.from_csl({"title": "x"}), citekit.RecordError, id="csl-no-id"
        ),
        pytest.param(
            lambda: citekit.Reference.from_csl({"id": "a", "author": [5]}),
            citekit.RecordError,
            id="csl-bad-name",
        ),
        pytest.param(
            lambda: citekit.Reference.from_csl({"id": "a", "issued": [2018]}),
            citekit.RecordError,
            id="csl-bad-date",
        ),
        pytest.param(lambda: citekit.PartialDate.parse("2018-2-30"), citekit.DateError, id="date"),
        pytest.param(lambda: citekit.Provenance("a.txt", 3, 1), citekit.RecordError, id="bad-span"),
    ],
)
def test_every_error_a_caller_gets_is_a_citekit_error(call: object, error: type) -> None:
    with pytest.raises(error) as exc:
        call()  # type: ignore[operator]
    assert isinstance(exc.value, citekit.CitekitError)


def test_citekit_errors_are_still_the_builtin_errors_older_code_caught() -> None:
    with pytest.raises(KeyError):
        citekit.Library([citekit.Reference("a"), citekit.Reference("a")])
    with pytest.raises(ValueError):
        citekit.PartialDate.parse("not a date")
    with pytest.raises(ValueError):
        citekit.Reference.from_csl({})


def test_export_to_an_unwritable_path_is_an_input_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(citekit.InputError, match="cannot write"):
        citekit.export([citekit.Reference("a", title="x")], "bibtex", blocker / "a.bib")


def test_the_readme_library_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"## As a library\n.*?```python\n(.*?)```", text, re.S)
    assert re.findall(r"^\s*(?:import|from)\s+(\S+)", code, re.M) == ["citekit"]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out == ["[1] 乡村振兴见成效[N]. 浙江日报，2018-09-03.", ""]
    assert (tmp_path / "refs.bib").read_text(encoding="utf-8").startswith("@newspaper{")


def test_reading_checking_and_rendering_never_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "b.txt"
    doc.write_text(BULLETIN, encoding="utf-8")
    citekit.extract_into_refs([doc], tmp_path / "refs")
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    monkeypatch.chdir(tmp_path)
    lib = citekit.load("refs")
    found = citekit.extract_file(doc, aliases=citekit.load_aliases("refs"))
    citekit.render(lib, style="gb-t-7714-2025-author-date")
    citekit.check_records(lib)
    citekit.find_duplicates([*lib, *(r.replace(id=r.id + "x") for r in found.references)])
    citekit.export(lib, "csl-json")
    after = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert after == before


def test_an_input_error_has_a_typed_location(tmp_path: Path) -> None:
    bad = tmp_path / "refs" / "a.yaml"
    bad.parent.mkdir()
    bad.write_text("references:\n- id: a\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(citekit.StoreError) as exc:
        citekit.load(bad.parent)
    assert exc.value.location is not None
    assert (exc.value.location.file, exc.value.location.start_line) == (str(bad), 4)
