"""What happens to a cited report next: footnote mode, Zotero, LibreOffice, python-docx, bad input.

The helpers that build reports live in test_cite.py; these tests are about the hand-off: a
document citekit wrote must survive the tools and people that open it next, and bad input
must end in one clear error with nothing written.
"""

# ruff: noqa: F811 - the fixtures `library` and `refs_json` come from test_cite by import

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from test_cite import (  # the fixtures are used by name
    AUTHOR_DATE,
    NUMERIC,
    build_report,
    citation_fields,
    library,  # noqa: F401
    part_xml,
    refs_json,  # noqa: F401
    rewrite_zip,
    texts,
)

from citekit.cli import cli
from citekit.docx import CiteProblemsError, cite_document
from citekit.docx.cite import note_style_name
from citekit.docx.ooxml import iter_paragraphs, paragraph_text, q
from citekit.errors import CitationError
from citekit.model import Library

# ------------------------------------------------------------------------------ footnotes


def footnotes(path: Path) -> list[str]:
    """Text of every real footnote (separators left out), in id order."""
    root = part_xml(path, "word/footnotes.xml")
    out = []
    for note in root.iter(q("footnote")):
        if note.get(q("type")) in ("separator", "continuationSeparator"):
            continue
        out.append("".join(paragraph_text(p) for p in iter_paragraphs(note)))
    return out


def test_note_mode_makes_one_footnote_per_citation_numbered_with_circles(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [
            ["据报道[@lishuiribao2018]。"],
            ["另见[@xinhua2019, 第3页]。"],
            ["再如[@lishuiribao2018, p. 2]。"],
        ],
    )
    out = tmp_path / "notes.docx"
    result = cite_document(report, library, None, out, notes=True)
    assert result.style == "gb-t-7714-2025-note"
    # the text keeps only the marks; the notes hold the entries
    assert texts(out)[1:4] == ["据报道。", "另见。", "再如。"]
    refs = list(part_xml(out).iter(q("footnoteReference")))
    assert len(refs) == 3
    notes = footnotes(out)
    assert notes == [
        " 沈仁. 丽水推进生态产品价值实现[N]. 丽水日报，2018-09-03（1）.",
        " 全国生态环境保护大会召开[EB/OL]. 新华网（2019-05-01）[2020-01-02]. "
        "http://www.xinhuanet.com/politics/2019-05/01/c_1124440.htm：3.",
        # a source cited again: the note style's short form, with the page
        " 沈仁. 丽水推进生态产品价值实现[N]：2.",
    ]
    # ① ② ③: Word's circled footnote numbers, in the section and in the settings
    sect_fmt = part_xml(out).find(f".//{q('sectPr')}/{q('footnotePr')}/{q('numFmt')}")
    assert sect_fmt is not None and sect_fmt.get(q("val")) == "decimalEnclosedCircle"
    settings_fmt = part_xml(out, "word/settings.xml").find(f".//{q('footnotePr')}/{q('numFmt')}")
    assert settings_fmt is not None and settings_fmt.get(q("val")) == "decimalEnclosedCircle"
    # each note holds a citation field whose noteIndex is the note's number
    root = part_xml(out, "word/footnotes.xml")
    assert [f["properties"]["noteIndex"] for f in citation_fields(root)] == [1, 2, 3]  # type: ignore[index]
    # no list at the end unless asked for: notes carry the entries
    assert "参考文献" not in texts(out)


def test_note_mode_rerun_rebuilds_the_notes_without_duplicates(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙[@yuxiao2012]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, None, once, notes=True)
    # the author adds a citation before the others and cites again
    d = docx.Document(str(once))
    d.paragraphs[1].insert_paragraph_before("先[@smith2020, p. 7]。")
    d.save(str(once))
    cite_document(once, library, None, twice, notes=True)
    notes = footnotes(twice)
    assert len(notes) == 3  # two rebuilt, one new: never a second copy of a note
    refs = [r.get(q("id")) for r in part_xml(twice).iter(q("footnoteReference"))]
    by_id = {
        n.get(q("id")): "".join(paragraph_text(p) for p in iter_paragraphs(n))
        for n in part_xml(twice, "word/footnotes.xml").iter(q("footnote"))
    }
    in_order = [by_id[r] for r in refs]
    # the new first citation now carries the full entry, the old one the short form
    assert in_order[0].startswith(" Smith J. Ecosystem services[J]. Nature") and "7." in in_order[0]
    assert in_order[1] == " Smith J. Ecosystem services[J]."
    assert in_order[2].startswith(" 于潇，王强，李明，等. 生态补偿机制研究[J].")
    again = tmp_path / "again.docx"
    cite_document(twice, library, None, again, notes=True)
    with zipfile.ZipFile(twice) as a, zipfile.ZipFile(again) as b:
        for name in ("word/document.xml", "word/footnotes.xml"):
            assert a.read(name) == b.read(name)


def test_note_mode_can_restart_numbering_on_each_page(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, None, out, notes=True, restart_notes_each_page=True)
    restart = part_xml(out).find(f".//{q('footnotePr')}/{q('numRestart')}")
    assert restart is not None and restart.get(q("val")) == "eachPage"


def test_note_mode_puts_a_list_where_the_report_asks(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx", [["甲[@smith2020]与[@yuxiao2012]。"], ["{{bibliography}}"]]
    )
    out = tmp_path / "out.docx"
    result = cite_document(report, library, None, out, notes=True)
    assert result.bibliography_at == "placeholder"
    assert [e.id for e in result.bibliography] == ["yuxiao2012", "smith2020"]  # Chinese first


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (None, "gb-t-7714-2025-note"),
        ("gb-t-7714-2015-numeric", "gb-t-7714-2015-note"),
        ("gb-t-7714-2025-author-date", "gb-t-7714-2025-note"),
        ("gb-t-7714-2015-note", "gb-t-7714-2015-note"),
        ("my.csl", "my.csl"),
    ],
)
def test_note_mode_chooses_the_note_variant_of_a_gbt_style(given: str | None, used: str) -> None:
    assert note_style_name(given) == used


def test_citations_in_headers_cannot_be_notes_and_say_so(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]], header=["页眉[@yuxiao2012]"])
    out = tmp_path / "out.docx"
    result = cite_document(report, library, None, out, notes=True)
    assert [p.code for p in result.problems if p.code == "W608"] == ["W608"]
    assert "header" in str(next(p for p in result.problems if p.code == "W608"))


# -------------------------------------------------------------------------------- Zotero


def test_zotero_field_json_for_repeated_grouped_and_paged_citations(
    tmp_path: Path, library: Library
) -> None:
    """The fields equal a fixture checked by hand against Zotero's csl-citation format."""
    report = build_report(
        tmp_path / "r.docx",
        [["甲[@smith2020]。"], ["乙[@yuxiao2012; @smith2020]。"], ["丙[@smith2020, 第15页]。"]],
    )
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    fields = citation_fields(part_xml(out))
    for f in fields:
        for item in f["citationItems"]:  # type: ignore[union-attr]
            del item["itemData"]  # type: ignore[attr-defined]
        del f["citationID"]
    smith = "http://citekit.invalid/items/smith2020"
    yu = "http://citekit.invalid/items/yuxiao2012"
    schema = "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
    sup = r"{\rtf \super %s\nosupersub{}}"
    assert fields == [
        {
            "properties": {
                "formattedCitation": sup % "[1]",
                "plainCitation": "[1]",
                "noteIndex": 0,
            },
            "citationItems": [{"id": "smith2020", "uris": [smith]}],
            "schema": schema,
        },
        {
            "properties": {
                "formattedCitation": sup % "[1,2]",  # two numbers take a comma (GB/T 7714 10.1.3)
                "plainCitation": "[1,2]",
                "noteIndex": 0,
            },
            "citationItems": [
                {"id": "yuxiao2012", "uris": [yu]},
                {"id": "smith2020", "uris": [smith]},
            ],
            "schema": schema,
        },
        {
            "properties": {
                "formattedCitation": sup % "[1]15",
                "plainCitation": "[1]15",
                "noteIndex": 0,
            },
            "citationItems": [
                {"id": "smith2020", "uris": [smith], "locator": "15", "label": "page"}
            ],
            "schema": schema,
        },
    ]


# ------------------------------------------------------------------ LibreOffice, python-docx


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


def _libreoffice_resave(path: Path, tmp_path: Path) -> Path:
    """Open ``path`` in LibreOffice and save it again as .docx (what a colleague's LO does)."""
    outdir = tmp_path / "lo-out"
    subprocess.run(
        [
            _soffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return outdir / path.name


@pytest.mark.slow
def test_a_document_saved_again_by_libreoffice_is_recited_correctly(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["甲[@smith2020]。"], ["乙[@yuxiao2012; @lishuiribao2018]。"], ["丙[@smith2020, p. 4]。"]],
    )
    cited = tmp_path / "cited.docx"
    first = cite_document(report, library, NUMERIC, cited)
    resaved = _libreoffice_resave(cited, tmp_path)
    again = tmp_path / "again.docx"
    second = cite_document(resaved, library, NUMERIC, again)
    # fields recognised (none turned into plain text), numbering right, no second list
    assert [c.source for c in second.citations] == ["field"] * 3
    assert [c.text for c in second.citations] == [c.text for c in first.citations]
    assert second.bibliography_at == "field"
    lines = texts(again)
    assert sum(line.startswith("[1]") for line in lines) == 1
    assert lines.count("参考文献") == 1


@pytest.mark.slow
def test_a_note_document_saved_again_by_libreoffice_keeps_its_notes(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙[@smith2020, p. 4]。"]])
    cited = tmp_path / "cited.docx"
    cite_document(report, library, None, cited, notes=True)
    resaved = _libreoffice_resave(cited, tmp_path)
    again = tmp_path / "again.docx"
    result = cite_document(resaved, library, None, again, notes=True)
    assert [c.source for c in result.citations] == ["field", "field"]
    assert len(footnotes(again)) == 2


def test_a_document_edited_by_python_docx_is_recited_correctly(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙[@yuxiao2012]。"]])
    cited = tmp_path / "cited.docx"
    cite_document(report, library, NUMERIC, cited)
    d = docx.Document(str(cited))
    d.paragraphs[1].insert_paragraph_before("新加的一段[@lishuiribao2018]。")
    d.save(str(cited))
    again = tmp_path / "again.docx"
    result = cite_document(cited, library, NUMERIC, again)
    assert [c.text for c in result.citations] == ["[1]", "[2]", "[3]"]
    assert [e.id for e in result.bibliography] == ["lishuiribao2018", "smith2020", "yuxiao2012"]
    assert texts(again).count("参考文献") == 1


# ------------------------------------------------------------------------------ bad input


# Runs citekit's CLI and, at exit, writes the process's peak resident memory (VmHWM, which a
# new program starts afresh: fork's copy of the test process does not count) to a file.
_MEASURED = """
import atexit, sys
from citekit.cli import main
out = sys.argv[1]
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            open(out, 'w').write(line.split()[1])
atexit.register(hwm)
sys.argv = ['citekit', *sys.argv[2:]]
main()
"""


def _run_cli(args: list[str], tmp_path: Path) -> tuple[int, str, int]:
    """citekit in a child process: (exit code, stderr, peak resident memory in bytes)."""
    env = {"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": "/usr/bin:/bin"}
    hwm = tmp_path / "hwm.txt"
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(hwm), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    return proc.returncode, proc.stderr, int(hwm.read_text()) * 1024


def _bomb(path: Path, size: int) -> None:
    """A .docx whose document part inflates to ``size`` bytes (zeros compress ~1000:1)."""
    report = build_report(path, [["甲[@smith2020]。"]])
    with zipfile.ZipFile(report) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        with zf.open("word/media/big.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 24)
            for _ in range(size // len(chunk)):
                fh.write(chunk)


@pytest.mark.slow
def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path, refs_json: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, 1 << 30)  # a 1 GiB part in a ~1 MB file
    assert bomb.stat().st_size < 5_000_000
    out = tmp_path / "out.docx"
    code, stderr, peak = _run_cli(
        ["cite", str(bomb), "--refs", str(refs_json), "-o", str(out)], tmp_path
    )
    assert code == 1
    assert "zip bomb" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert peak < 300 * 1024 * 1024  # refused from the declared sizes: nothing was inflated


def test_an_entry_inflating_beyond_its_declared_size_is_refused(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEKIT_MAX_DOCX_BYTES", "200000")
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    rewrite_zip(report, lambda e: e.__setitem__("word/media/pad.bin", b"\0" * 300_000))
    with pytest.raises(CitationError, match="zip bomb"):
        cite_document(report, library, NUMERIC, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_a_dtd_with_entities_is_refused(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])

    def add_dtd(entries: dict[str, bytes]) -> None:
        doc = entries["word/document.xml"].decode()
        head, rest = doc.split("?>", 1)
        entries["word/document.xml"] = (
            head + '?><!DOCTYPE w:document [<!ENTITY x "甲">]>' + rest.replace("甲", "&x;", 1)
        ).encode()

    rewrite_zip(report, add_dtd)
    with pytest.raises(CitationError, match="DTD"):
        cite_document(report, library, NUMERIC, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_an_unwritable_output_is_one_clear_error(
    tmp_path: Path, refs_json: Path, runner: CliRunner
) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    blocker = tmp_path / "file"  # a path under a regular file cannot be written, even by root
    blocker.write_text("x")
    args = ["cite", str(report), "--refs", str(refs_json), "-o", str(blocker / "out.docx")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.startswith("citekit: error:") and "cannot write" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_an_output_on_a_read_only_path_is_one_clear_error(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    # a path under a regular file can never be created, not even by root
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CitationError, match="cannot write"):
        cite_document(report, library, NUMERIC, blocker / "out.docx")


def test_cli_json_reports_notes(tmp_path: Path, refs_json: Path, runner: CliRunner) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    result = runner.invoke(
        cli,
        [
            *("cite", str(report), "--refs", str(refs_json), "--notes"),
            *("-o", str(tmp_path / "o.docx"), "--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["style"] == "gb-t-7714-2025-note"
    assert data["citations"][0]["text"].startswith("Smith J. Ecosystem services[J]. Nature")


# ------------------------------------------------------------------- other tools, silent gaps


def _field_xml(code: str, shown: str) -> str:
    instr = code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _put_fields(path: Path, marker: str, fields: str) -> None:
    def change(entries: dict[str, bytes]) -> None:
        doc = entries["word/document.xml"].decode()
        entries["word/document.xml"] = doc.replace(
            f"{marker}</w:t></w:r>", f"</w:t></w:r>{fields}<w:r><w:t>。</w:t></w:r>", 1
        ).encode()

    rewrite_zip(path, change)


def test_citations_of_other_tools_are_left_alone_and_reported(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙EN。"], ["丙NE。"], ["丁MD。"]]
    )
    endnote = (
        "<EndNote><Cite><Author>Smith</Author><Year>2020</Year><RecNum>7</RecNum></Cite></EndNote>"
    )
    _put_fields(report, "EN。", _field_xml(f"ADDIN EN.CITE {endnote}", "(Smith, 2020)"))
    _put_fields(
        report, "NE。", _field_xml("ADDIN NE.Ref.{6B0F7C2A-1F0B-4D2B-9C2E-0E6C0D1A2B3C}", "[2]")
    )
    mendeley = json.dumps({"citationItems": [{"id": "x", "itemData": {"title": "T"}}]})
    _put_fields(report, "MD。", _field_xml(f"ADDIN CSL_CITATION {mendeley}", "[3]"))
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    warnings = [p.message for p in result.problems if p.code == "W611"]
    assert [w.split(" citation")[0] for w in warnings] == [
        "1 EndNote",
        "1 NoteExpress",
        "1 Mendeley",
    ]
    lines = texts(out)
    assert lines[1:5] == ["甲[1]。", "乙(Smith, 2020)。", "丙[2]。", "丁[3]。"]  # untouched


def test_a_marker_typed_inside_a_citation_is_reported(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    once = tmp_path / "once.docx"
    cite_document(report, library, NUMERIC, once)

    def type_inside(entries: dict[str, bytes]) -> None:
        doc = entries["word/document.xml"].decode()
        entries["word/document.xml"] = doc.replace(
            "[1]</w:t>", "[1][@yuxiao2012]</w:t>", 1
        ).encode()

    rewrite_zip(once, type_inside)
    result = cite_document(once, library, NUMERIC, tmp_path / "twice.docx")
    (warning,) = [p for p in result.problems if p.code == "W612"]
    assert (
        "[@yuxiao2012]" in warning.message and "body paragraph 2" in warning.where
    )  # after the heading


def test_note_mode_tells_zotero_the_citations_are_footnotes(
    tmp_path: Path, library: Library
) -> None:
    from test_cite import zotero_prefs_of

    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, None, out, notes=True)
    prefs = zotero_prefs_of(out)
    assert 'styles/gb-t-7714-2025-note"' in prefs and '<pref name="noteType" value="1"/>' in prefs


# ------------------------------------------------------------------ pandoc's citation syntax


@pytest.mark.parametrize(
    ("marker", "style", "shown"),
    [
        ("[-@lishuiribao2018]", AUTHOR_DATE, "（2018）"),
        ("[参见@lishuiribao2018，第3页，有改动]", AUTHOR_DATE, "（参见沈仁，2018，有改动）3"),
        ("[see @yuxiao2012, p. 15 and passim]", AUTHOR_DATE, "（see 于潇 等，2012, and passim）15"),
        ("[参见@lishuiribao2018]", NUMERIC, "参见[1]"),
        ("[@lishuiribao2018, 第3页，有改动]", NUMERIC, "[1]3，有改动"),
    ],
)
def test_pandoc_prefixes_suffixes_and_suppressed_authors_are_shown(
    tmp_path: Path, library: Library, marker: str, style: str, shown: str
) -> None:
    report = build_report(tmp_path / "r.docx", [[f"甲{marker}。"]])
    out = tmp_path / "out.docx"
    result = cite_document(report, library, style, out)
    assert [c.text for c in result.citations] == [shown]
    assert texts(out)[1] == f"甲{shown}。"
    # kept in the field, as pandoc and Zotero name them, so that a rerun shows them again
    (field,) = citation_fields(part_xml(out))
    again = tmp_path / "again.docx"
    assert [c.text for c in cite_document(out, library, style, again).citations] == [shown]
    assert field["citationItems"]  # type: ignore[truthy-bool]


def test_an_email_in_brackets_is_not_a_citation(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。联系[编辑 office@example.cn]。"]])
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert len(result.citations) == 1
    assert texts(out)[1] == "甲[1]。联系[编辑 office@example.cn]。"


def test_a_full_width_key_gets_a_did_you_mean(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@ｓｍｉｔｈ２０２０]。"]])
    with pytest.raises(CiteProblemsError) as info:
        cite_document(report, library, NUMERIC, tmp_path / "out.docx")
    (problem,) = info.value.problems.errors
    assert "did you mean 'smith2020'?" in problem.message


def test_citations_zotero_cannot_refresh_are_reported(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["甲[@smith2020]。"]],
        header=["页眉[@yuxiao2012]"],
        textbox="框[@smith2020]",
    )
    result = cite_document(report, library, NUMERIC, tmp_path / "out.docx")
    places = [p.where.split(": ", 1)[1] for p in result.problems if p.code == "W608"]
    assert places == ["text box in body paragraph 3", "header of section 1 paragraph 1"]
