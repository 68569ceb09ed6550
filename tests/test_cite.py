"""``citekit cite``: [@key] markers in a Word report become numbered, Zotero-compatible citations.

Reports are built with python-docx (footnotes, tracked changes and fields with lxml, since
python-docx cannot make them); results are checked on the XML and on the visible text.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from citekit.cli import cli
from citekit.docx import CiteProblemsError, cite_document, write_bibliography_docx
from citekit.docx.bibliography import EntryLayout
from citekit.docx.fields import parse_citation, rtf
from citekit.docx.markers import (
    MarkerItem,
    find_markers,
    parse_locator,
    replace_span,
    scan_paragraph,
)
from citekit.docx.ooxml import (
    RPR_ORDER,
    iter_paragraphs,
    make_run,
    paragraph_text,
    q,
    set_property,
)
from citekit.docx.richtext import Segment, html_segments
from citekit.errors import CitationError
from citekit.model import Library, Reference
from citekit.render import CiteItem, render_bibliography, render_citations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMERIC = "gb-t-7714-2025-numeric"
AUTHOR_DATE = "gb-t-7714-2025-author-date"

RECORDS = [
    {
        "id": "lishuiribao2018",
        "type": "article-newspaper",
        "title": "丽水推进生态产品价值实现",
        "container-title": "丽水日报",
        "author": [{"literal": "沈仁"}],
        "issued": {"date-parts": [[2018, 9, 3]]},
        "page": "1",
    },
    {
        "id": "xinhua2019",
        "type": "webpage",
        "title": "全国生态环境保护大会召开",
        "container-title": "新华网",
        "issued": {"date-parts": [[2019, 5, 1]]},
        "accessed": {"date-parts": [[2020, 1, 2]]},
        "URL": "http://www.xinhuanet.com/politics/2019-05/01/c_1124440.htm",
    },
    {
        "id": "yuxiao2012",
        "type": "article-journal",
        "title": "生态补偿机制研究",
        "container-title": "中国人口·资源与环境",
        "author": [
            {"literal": "于潇"},
            {"literal": "王强"},
            {"literal": "李明"},
            {"literal": "赵四"},
        ],
        "issued": {"date-parts": [[2012]]},
        "volume": "22",
        "issue": "3",
        "page": "14-19",
    },
    {
        "id": "smith2020",
        "type": "article-journal",
        "title": "Ecosystem services",
        "container-title": "Nature",
        "author": [{"family": "Smith", "given": "John"}],
        "issued": {"date-parts": [[2020]]},
        "volume": "5",
        "page": "10-20",
        "language": "en",
    },
]
KEYS = [r["id"] for r in RECORDS]


@pytest.fixture
def library() -> Library:
    return Library(Reference.from_csl(r) for r in RECORDS)


@pytest.fixture
def refs_json(tmp_path: Path) -> Path:
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------- helpers

Runs = Sequence[str | tuple[str, dict[str, bool]]]


def add_runs(paragraph: object, runs: Runs) -> None:
    """Add runs to a python-docx paragraph: "text" or ("text", {"bold": True, ...})."""
    for run in runs:
        text, fmt = (run, {}) if isinstance(run, str) else run
        r = paragraph.add_run(text)  # type: ignore[attr-defined]
        for attr, value in fmt.items():
            setattr(r, attr, value)


def build_report(
    path: Path,
    paragraphs: Sequence[Runs],
    *,
    table: Sequence[Sequence[Runs]] = (),
    header: Runs = (),
    footnotes: dict[int, Runs] | None = None,
    picture: bool = False,
    comment: bool = False,
    textbox: str | None = None,
) -> Path:
    """A report built with python-docx; a paragraph run "<<FN1>>" becomes footnote 1's mark."""
    d = docx.Document()
    d.add_heading("关于生态产品价值实现的调研报告", 1)
    for runs in paragraphs:
        add_runs(d.add_paragraph(), runs)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, runs in enumerate(row):
                add_runs(t.cell(r, c).paragraphs[0], runs)
    if header:
        add_runs(d.sections[0].header.paragraphs[0], header)
    if picture:
        d.add_picture(io.BytesIO(tiny_png()))
    if comment:
        p = d.add_paragraph("批注所在的段落。")
        d.add_comment(p.runs, text="请核对来源", author="审稿人", initials="审")
    d.save(path)
    if footnotes:
        add_footnotes(path, footnotes)
    if textbox is not None:
        add_textbox(path, textbox)
    return path


def add_textbox(path: Path, text: str) -> None:
    """Put a text box (DrawingML, with its VML fallback, as Word writes it) in a new paragraph."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    run = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2000000" cy="500000"/>'
        f'<wp:docPr id="50" name="文本框 1"/><a:graphic xmlns:a="{a}"><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" '
        'cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape style="width:157pt;height:39pt"><v:textbox>{box}</v:textbox></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )

    def change(entries: dict[str, bytes]) -> None:
        doc = entries["word/document.xml"].decode()
        at = doc.rindex("<w:sectPr")
        entries["word/document.xml"] = (doc[:at] + run + doc[at:]).encode()

    rewrite_zip(path, change)


def tiny_png() -> bytes:
    """A 2x2 red PNG, made here so that no test data is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def rewrite_zip(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Apply ``change`` to the entries of a .docx (a dict name -> bytes) and save it."""
    with zipfile.ZipFile(path) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    change(entries)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def add_footnotes(path: Path, notes: dict[int, Runs], kind: str = "footnote") -> None:
    """Add word/footnotes.xml (python-docx cannot) and turn "<<FNn>>" runs into references.

    With ``kind="endnote"``: word/endnotes.xml, and "<<ENn>>" runs.
    """
    ns = f'xmlns:w="{W}"'
    body = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>",
    ]
    for nid, runs in notes.items():
        xml_runs = "".join(
            f"<w:r>{'<w:rPr><w:i/></w:rPr>' if isinstance(r, tuple) else ''}"
            f'<w:t xml:space="preserve">{r[0] if isinstance(r, tuple) else r}</w:t></w:r>'
            for r in runs
        )
        body.append(
            f'<w:{kind} w:id="{nid}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f"</w:rPr><w:{kind}Ref/></w:r>{xml_runs}</w:p></w:{kind}>"
        )
    part = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {ns}>'
    part += "".join(body) + f"</w:{kind}s>"
    mark = "FN" if kind == "footnote" else "EN"

    def change(entries: dict[str, bytes]) -> None:
        entries[f"word/{kind}s.xml"] = part.encode()
        ct = entries["[Content_Types].xml"].decode()
        entries["[Content_Types].xml"] = ct.replace(
            "</Types>",
            f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>',
        ).encode()
        rels = entries["word/_rels/document.xml.rels"].decode()
        entries["word/_rels/document.xml.rels"] = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rId{mark}1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{kind}s" Target="{kind}s.xml"/></Relationships>',
        ).encode()
        doc = entries["word/document.xml"].decode()
        for nid in notes:
            doc = doc.replace(
                f"<w:r><w:t>&lt;&lt;{mark}{nid}&gt;&gt;</w:t></w:r>",
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:{kind}Reference w:id="{nid}"/></w:r>',
            )
        entries["word/document.xml"] = doc.encode()

    rewrite_zip(path, change)


def part_xml(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def texts(path: Path, name: str = "word/document.xml") -> list[str]:
    """Visible text of every paragraph of a part (field codes are not visible)."""
    return [paragraph_text(p) for p in iter_paragraphs(part_xml(path, name))]


def citation_fields(root: etree._Element) -> list[dict[str, object]]:
    """The JSON of every Zotero citation field in a part, in order."""
    out = []
    code = "".join(t.text or "" for t in root.iter(q("instrText")))
    for m in re.finditer(r"ADDIN ZOTERO_ITEM CSL_CITATION (\{.*?\}) (?= |$|ADDIN)", code + " "):
        out.append(json.loads(m.group(1)))
    return out


def superscripts(root: etree._Element) -> list[str]:
    """Texts of the runs shown in superscript."""
    return [
        "".join(t.text or "" for t in r.iter(q("t")))
        for r in root.iter(q("r"))
        if r.find(f"{q('rPr')}/{q('vertAlign')}[@{q('val')}='superscript']") is not None
        and r.find(q("t")) is not None
    ]


def test_properties_go_where_the_schema_wants_them() -> None:
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    rpr = etree.fromstring(
        f'<w:rPr xmlns:w="{W}" xmlns:w14="{w14}"><w:b/><w:lang w:val="zh-CN"/>'
        "<w14:textOutline/></w:rPr>"
    )
    set_property(rpr, etree.Element(q("vertAlign")), RPR_ORDER)
    set_property(rpr, etree.Element(q("i")), RPR_ORDER)
    set_property(rpr, etree.Element(q("rtl")), RPR_ORDER)
    assert [etree.QName(c).localname for c in rpr] == [
        "b",
        "i",
        "vertAlign",
        "rtl",
        "lang",
        "textOutline",
    ]


# ------------------------------------------------------------------------------- markers


@pytest.mark.parametrize(
    ("text", "items"),
    [
        pytest.param("[@a]", [MarkerItem("a")], id="one"),
        pytest.param("[@a; @b]", [MarkerItem("a"), MarkerItem("b")], id="two"),
        pytest.param("[@a；@b]", [MarkerItem("a"), MarkerItem("b")], id="full-width-semicolon"),
        pytest.param("[@a, p. 15]", [MarkerItem("a", "15", "page")], id="page"),
        pytest.param("[@a，第15页]", [MarkerItem("a", "15", "page")], id="chinese-page"),
        pytest.param("[@a, pp. 15-17]", [MarkerItem("a", "15-17", "page")], id="page-range"),
        pytest.param("[@a, chap. 3]", [MarkerItem("a", "3", "chapter")], id="chapter"),
        pytest.param("［@a］", [MarkerItem("a")], id="full-width-brackets"),
        pytest.param("【@a；@b】", [MarkerItem("a"), MarkerItem("b")], id="chinese-ime-brackets"),
        pytest.param("［＠a，p. 3］", [MarkerItem("a", "3")], id="full-width-at"),
        pytest.param("[ @a ; @b , 7 ]", [MarkerItem("a"), MarkerItem("b", "7")], id="spaces"),
        # pandoc's syntax: a prefix, a suffix, an author suppressed
        pytest.param("[@a b]", [MarkerItem("a", suffix="b")], id="suffix-after-space"),
        pytest.param("[-@a]", [MarkerItem("a", suppress_author=True)], id="suppress-author"),
        pytest.param(
            "[see @a, p. 15 and passim]",
            [MarkerItem("a", "15", prefix="see", suffix="and passim")],
            id="prefix-locator-suffix",
        ),
        pytest.param(
            "[参见@a，第3页，有改动；@b]",
            [MarkerItem("a", "3", prefix="参见", suffix="有改动"), MarkerItem("b")],
            id="chinese-prefix-suffix",
        ),
    ],
)
def test_marker_forms(text: str, items: list[MarkerItem]) -> None:
    markers, errors = find_markers(f"见{text}。")
    assert errors == []
    assert [list(m.items) for m in markers] == [items]
    assert markers[0].raw == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("见[@", "not closed", id="open-end"),
        pytest.param("见[@a; 后文", "not closed", id="unclosed-list"),
        pytest.param("见[@a;]", "stray ';'", id="stray-semicolon"),
        pytest.param("见[@]", "expected '@key'", id="no-key"),
        pytest.param("见[@a, ]", "empty locator", id="empty-locator"),
    ],
)
def test_malformed_markers_are_errors_with_their_offsets(text: str, reason: str) -> None:
    markers, errors = find_markers(text)
    assert markers == []
    assert len(errors) == 1
    assert reason in str(errors[0])
    assert errors[0].start == 1


def test_brackets_without_at_sign_are_plain_text() -> None:
    assert find_markers("见[1]与【注】及 [x@y] 和 email@example.com") == ([], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p. 15", ("15", "page")),
        ("第3章", ("3", "chapter")),
        ("15", ("15", "page")),
        ("§ 2", ("2", "section")),
        ("第2版", ("2", "page")),
        ("附录A", ("附录A", "page")),
        ("第１５～１７页", ("15-17", "page")),
    ],
)
def test_locators(text: str, expected: tuple[str, str]) -> None:
    assert parse_locator(text) == expected


_key = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
_loc = st.one_of(st.none(), st.from_regex(r"[1-9][0-9]{0,3}(-[1-9][0-9]{0,3})?", fullmatch=True))


@given(st.lists(st.tuples(_key, _loc), min_size=1, max_size=5), st.text(max_size=20))
def test_any_marker_list_parses_back(items: list[tuple[str, str | None]], around: str) -> None:
    around = re.sub(r"[\[\]［］【】@＠]", "", around)
    inner = "; ".join(f"@{k}, p. {loc}" if loc else f"@{k}" for k, loc in items)
    markers, errors = find_markers(f"{around}[{inner}]{around}")
    assert errors == []
    assert [(i.key, i.locator) for i in markers[0].items] == items


_token = st.one_of(
    st.text(alphabet="甲乙丙，。 ab", min_size=1, max_size=6),
    st.from_regex(r"\[@k[0-9]\]", fullmatch=True),
)


@given(st.lists(_token, min_size=1, max_size=8), st.data())
def test_cutting_markers_out_of_any_run_split_keeps_the_rest_and_its_formatting(
    tokens: list[str], data: st.DataObject
) -> None:
    text = "".join(tokens)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=6)))
    bounds = [0, *[c for c in cuts if c < len(text)], len(text)]
    bold = [data.draw(st.booleans()) for _ in bounds[1:]]
    p = etree.fromstring(f'<w:p xmlns:w="{W}"/>')
    char_bold: list[bool] = []
    for (a, b), is_bold in zip(itertools.pairwise(bounds), bold, strict=True):
        r = etree.SubElement(p, q("r"))
        if is_bold:
            etree.SubElement(etree.SubElement(r, q("rPr")), q("b"))
        etree.SubElement(r, q("t")).text = text[a:b]
        char_bold += [is_bold] * (b - a)
    scan = scan_paragraph(p)
    markers, errors = find_markers(scan.text)
    assert errors == []
    expected_text, expected_bold, pos = "", [], 0
    for m in markers:
        shown = f"<{m.items[0].key}>"
        expected_text += text[pos : m.start] + shown
        expected_bold += char_bold[pos : m.start] + [False] * len(shown)
        pos = m.end
    expected_text += text[pos:]
    expected_bold += char_bold[pos:]
    for m in reversed(markers):
        shown = f"<{m.items[0].key}>"
        replace_span(scan, m.start, m.end, lambda rpr, s=shown: [make_run(None, text=s)])
    got_bold = [
        r.find(f"{q('rPr')}/{q('b')}") is not None
        for r in p.iter(q("r"))
        for t in r.iter(q("t"))
        for _ in t.text or ""
    ]
    assert paragraph_text(p) == expected_text
    assert got_bold == expected_bold
    assert all(r.find(q("t")) is not None for r in p.iter(q("r")))  # no empty runs left


# ---------------------------------------------------------------------------- citing


def test_markers_split_across_runs_become_superscript_fields(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [
            [
                ("据", {"italic": True}),
                "报道[@lishui",
                ("ribao2018", {"bold": True}),
                "]，另见",
                ("[@xinhua2019; @", {"underline": True}),
                "yuxiao2012]。",
            ]
        ],
    )
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert texts(out)[1] == "据报道[1]，另见[2,3]。"
    root = part_xml(out)
    assert superscripts(root) == ["[1]", "[2,3]"]
    # the text around a marker keeps its formatting
    italic = [r for r in root.iter(q("r")) if r.find(f"{q('rPr')}/{q('i')}") is not None]
    assert ["".join(t.text or "" for t in r.iter(q("t"))) for r in italic] == ["据"]
    assert [c.keys for c in result.citations] == [
        ("lishuiribao2018",),
        ("xinhua2019", "yuxiao2012"),
    ]
    assert [c.numbers for c in result.citations] == [(1,), (2, 3)]


def test_a_marker_as_word_splits_it(tmp_path: Path, library: Library) -> None:
    """Spell-check marks, revision ids, a bookmark and a rendered page break inside a marker."""
    report = build_report(tmp_path / "r.docx", [["WORDPARA"]])
    word_xml = (
        '<w:r w:rsidR="00A1"><w:t xml:space="preserve">详见 </w:t></w:r>'
        '<w:r w:rsidR="00A2"><w:t>[@</w:t></w:r><w:proofErr w:type="spellStart"/>'
        '<w:bookmarkStart w:id="7" w:name="_Ref1"/>'
        '<w:r w:rsidR="00A3"><w:rPr><w:lang w:val="en-US"/></w:rPr><w:lastRenderedPageBreak/>'
        '<w:t>lishuiribao</w:t></w:r><w:proofErr w:type="spellEnd"/>'
        '<w:r w:rsidR="00A4"><w:t>2018]</w:t></w:r><w:bookmarkEnd w:id="7"/>'
        '<w:r w:rsidR="00A5"><w:t>。</w:t></w:r>'
    )
    rewrite_zip(
        report,
        lambda e: e.__setitem__(
            "word/document.xml",
            e["word/document.xml"].replace(b"<w:r><w:t>WORDPARA</w:t></w:r>", word_xml.encode()),
        ),
    )
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    assert texts(out)[1] == "详见 [1]。"
    root = part_xml(out)
    assert len(list(root.iter(q("bookmarkStart")))) == len(list(root.iter(q("bookmarkEnd")))) == 1
    assert superscripts(root) == ["[1]"]


def test_numbering_by_first_citation_with_repeats_ranges_and_locators(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [
            ["甲[@smith2020]。"],
            ["乙[@lishuiribao2018; @xinhua2019; @yuxiao2012]。"],
            ["丙[@smith2020]，丁[@yuxiao2012; @smith2020]，戊[@xinhua2019, p. 15]。"],
        ],
    )
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    lines = texts(out)
    assert lines[1:4] == ["甲[1]。", "乙[2-4]。", "丙[1]，丁[1,4]，戊[3]15。"]
    bib = [line for line in lines if line.startswith("[")]
    assert [b.split("\t")[0] for b in bib] == ["[1]", "[2]", "[3]", "[4]"]
    assert "Ecosystem services" in bib[0] and "丽水推进" in bib[1]


def test_body_footnotes_tables_and_headers_in_reading_order(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["正文[@yuxiao2012]。"], ["脚注在此", "<<FN1>>", "，之后[@smith2020]。"]],
        footnotes={1: ["见[@lishui", ("ribao2018", {}), "]。"]},
        table=[[["表中[@xinhua2019]"], ["无"]]],
        header=["页眉[@yuxiao2012, p. 3]"],
    )
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert [(c.location, c.numbers) for c in result.citations] == [
        ("body paragraph 2", (1,)),
        ("footnote 1 paragraph 1", (2,)),
        ("body paragraph 3", (3,)),
        ("body table 1, row 1, cell 1", (4,)),
        ("header of section 1 paragraph 1", (1,)),
    ]
    assert texts(out, "word/footnotes.xml")[-1] == "见[2]。"
    assert "页眉[1]3" in texts(out, "word/header1.xml")
    assert "表中[4]" in texts(out)
    fields = citation_fields(part_xml(out, "word/footnotes.xml"))
    assert fields[0]["properties"] == {  # noteIndex tells Zotero it sits in note 1
        "formattedCitation": r"{\rtf \super [2]\nosupersub{}}",  # RTF, as Zotero keeps it
        "plainCitation": "[2]",
        "noteIndex": 1,
    }


def test_endnotes_are_cited_where_their_mark_stands(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx", [["甲", "<<EN1>>", "乙[@smith2020]"], ["丙[@xinhua2019]"]]
    )
    add_footnotes(report, {1: ["尾注[@yuxiao2012; @xinhua2019]"]}, kind="endnote")
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert [(c.location, c.text) for c in result.citations] == [
        ("endnote 1 paragraph 1", "[1,2]"),
        ("body paragraph 2", "[3]"),
        ("body paragraph 3", "[2]"),
    ]
    assert texts(out, "word/endnotes.xml")[-1] == "尾注[1,2]"


def test_fields_carry_zotero_csl_citation_json(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@yuxiao2012, p. 15; @smith2020]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    root = part_xml(out)
    (field,) = citation_fields(root)
    assert field["schema"].endswith("csl-citation.json")  # type: ignore[union-attr]
    assert isinstance(field["citationID"], str) and field["citationID"]
    items = field["citationItems"]
    assert [i["id"] for i in items] == ["yuxiao2012", "smith2020"]  # type: ignore[union-attr,index]
    assert items[0]["uris"] == ["http://citekit.invalid/items/yuxiao2012"]  # type: ignore[index]
    assert items[0]["locator"] == "15" and items[0]["label"] == "page"  # type: ignore[index]
    assert items[0]["itemData"]["title"] == "生态补偿机制研究"  # type: ignore[index]
    assert "custom" not in items[0]["itemData"]  # type: ignore[index]
    # the field is a complex field: begin, code, separate, result, end
    kinds = [f.get(q("fldCharType")) for f in root.iter(q("fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    instr = "".join(t.text or "" for t in root.iter(q("instrText")))
    assert "ADDIN ZOTERO_BIBL" in instr and "CSL_BIBLIOGRAPHY" in instr
    cid, parsed = parse_citation(instr.split(" ADDIN ZOTERO_BIBL")[0])
    assert cid == field["citationID"] and parsed[0].locator == "15"


@pytest.mark.parametrize(
    ("text", "superscript", "expected"),
    [
        ("[1-3]", True, r"{\rtf \super [1-3]\nosupersub{}}"),
        (
            "（沈仁，2018）",
            False,
            r"{\rtf \uc0\u-248{}\uc0\u27784{}\uc0\u20161{}\uc0\u-244{}2018\uc0\u-247{}}",
        ),
        ("a{b}\\", False, r"{\rtf a\{b\}\\}"),
    ],
)
def test_formatted_citation_is_rtf_like_zotero_writes(
    text: str, superscript: bool, expected: str
) -> None:
    assert rtf(text, superscript=superscript) == expected


def test_bibliography_at_placeholder(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["见[@xinhua2019]。"], ["参考文献"], ["{{bibliography}}"], ["附录"]],
    )
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert result.bibliography_at == "placeholder"
    lines = texts(out)
    i = lines.index("参考文献")
    assert lines[i + 1].startswith("[1]\t全国生态环境保护大会召开[EB/OL]")
    assert lines[i + 2] == "附录"
    assert "{{bibliography}}" not in "".join(lines)
    # the URL is a real hyperlink with an external relationship
    root = part_xml(out)
    (link,) = root.iter(q("hyperlink"))
    rid = link.get(q("r:id"))
    rels = part_xml(out, "word/_rels/document.xml.rels")
    (rel,) = [r for r in rels if r.get("Id") == rid]
    assert rel.get("Target") == RECORDS[1]["URL"] and rel.get("TargetMode") == "External"
    # label in its own column: hanging indent with a tab stop at the indent
    p = next(p for p in iter_paragraphs(root) if paragraph_text(p).startswith("[1]"))
    ind = p.find(f"{q('pPr')}/{q('ind')}")
    tab = p.find(f"{q('pPr')}/{q('tabs')}/{q('tab')}")
    assert ind is not None and tab is not None
    assert ind.get(q("hanging")) == ind.get(q("left")) == tab.get(q("pos"))


def test_a_section_break_on_the_placeholder_stays_after_the_list(
    tmp_path: Path, library: Library
) -> None:
    d = docx.Document()
    d.add_paragraph("见[@xinhua2019]与[@smith2020]。")
    placeholder = d.add_paragraph("{{bibliography}}")
    d.add_section()
    d.add_paragraph("附录（新的一节）")
    # as Word writes it: the section break in the pPr of the section's last paragraph
    (sect,) = [e for e in d.element.body.iter(q("sectPr")) if e.getparent().tag == q("pPr")]
    holder = sect.getparent().getparent()
    placeholder._p.get_or_add_pPr().append(sect)
    holder.getparent().remove(holder)
    report = tmp_path / "r.docx"
    d.save(report)
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    cite_document(once, library, NUMERIC, twice)
    for out in (once, twice):
        body = part_xml(out).find(q("body"))
        assert body is not None
        breaks = [p for p in body if p.find(f"{q('pPr')}/{q('sectPr')}") is not None]
        assert [paragraph_text(p).split("\t")[0] for p in breaks] == ["[2]"]
        assert texts(out)[-1] == "附录（新的一节）"


def test_bibliography_at_the_end_under_a_heading(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]与[@lishuiribao2018]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    lines = texts(out)
    assert lines[-3] == "参考文献"
    assert lines[-2].startswith("[1]\t全国") and lines[-1].startswith("[2]\t沈仁.")
    body = part_xml(out).find(q("body"))
    assert body is not None and body[-1].tag == q("sectPr")  # section settings stay last
    heading = body[-4].find(f"{q('pPr')}/{q('pStyle')}")
    # not the template's Heading 1 (chapter numbering, colours): citekit's own 参考文献 style,
    # based on the body style, bold, black
    assert heading is not None and heading.get(q("val")) == "citekitBibliographyHeading"
    styles = part_xml(out, "word/styles.xml")
    (style,) = [s for s in styles.iter(q("style")) if s.get(q("styleId")) == heading.get(q("val"))]
    assert style.find(q("basedOn")).get(q("val")) == "Normal"  # type: ignore[union-attr]
    assert style.find(f"{q('rPr')}/{q('b')}") is not None
    assert style.find(f"{q('rPr')}/{q('color')}").get(q("val")) == "000000"  # type: ignore[union-attr]
    assert style.find(f"{q('pPr')}/{q('numPr')}") is None


def test_an_existing_references_heading_is_used(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]。"], ["参 考 文 献"], ["附录"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    lines = texts(out)
    assert lines.count("参 考 文 献") == 1 and "参考文献" not in lines
    at = lines.index("参 考 文 献")
    assert lines[at + 1].startswith("[1]\t全国") and lines[at + 2] == "附录"


def test_a_named_heading_style_is_used_or_refused(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out, heading_style="Heading 2")
    body = part_xml(out).find(q("body"))
    assert body is not None
    style = body[-3].find(f"{q('pPr')}/{q('pStyle')}")
    assert style is not None and style.get(q("val")) == "Heading2"
    with pytest.raises(CitationError, match="no paragraph style '标题 9'"):
        cite_document(report, library, NUMERIC, tmp_path / "x.docx", heading_style="标题 9")
    assert not (tmp_path / "x.docx").exists()


def test_entries_single_spaced_black_links_and_unbroken_dates(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]与[@smith2020]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    body = part_xml(out).find(q("body"))
    assert body is not None
    entries = [p for p in body.iter(q("p")) if paragraph_text(p).startswith("[")]
    for p in entries:
        spacing = p.find(f"{q('pPr')}/{q('spacing')}")
        assert spacing is not None
        assert (spacing.get(q("after")), spacing.get(q("line"))) == ("0", "240")
        assert p.find(f"{q('pPr')}/{q('snapToGrid')}").get(q("val")) == "0"  # type: ignore[union-attr]
        for link in p.iter(q("hyperlink")):
            assert link.find(f".//{q('color')}") is None and link.find(f".//{q('u')}") is None
    # every hyphen between digits is Word's non-breaking hyphen: no "2019-03-" / "05" break
    for p in entries:
        for t in p.iter(q("t")):
            if t.getparent().getparent().tag != q("hyperlink"):  # type: ignore[union-attr]
                assert not re.search(r"\d-\d|\d-$|^-?\d*-\d", t.text or ""), t.text
    assert any(p.find(f".//{q('noBreakHyphen')}") is not None for p in entries)
    blue = tmp_path / "blue.docx"
    cite_document(report, library, NUMERIC, blue, layout=EntryLayout(link_color="0563C1"))
    colors = [c.get(q("val")) for c in part_xml(blue).iter(q("color"))]
    assert "0563C1" in colors


def test_author_date_style(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["据报道[@lishuiribao2018]，另[@smith2020]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, AUTHOR_DATE, out)
    line = texts(out)[1]
    assert line.startswith("据报道（沈仁，2018）")
    assert "Smith" in line and "2020" in line
    assert superscripts(part_xml(out)) == []
    bib = texts(out)[-2:]
    assert all(not b.startswith("[") and "\t" not in b for b in bib)


def test_author_date_page_is_superscript_after_the_parenthesis(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["据报道[@lishuiribao2018, p. 3]。"]])
    out = tmp_path / "out.docx"
    cite_document(report, library, AUTHOR_DATE, out)
    assert texts(out)[1] == "据报道（沈仁，2018）3。"
    assert superscripts(part_xml(out)) == ["3"]  # GB/T 7714: the page, not the parenthesis


@pytest.mark.parametrize(
    ("html", "segments"),
    [
        ("<sup>[1-3]</sup>", [Segment("[1-3]", sup=True)]),
        ("（沈仁，2018）<sup>3</sup>", [Segment("（沈仁，2018）"), Segment("3", sup=True)]),
        (
            "<i>Nature</i> &amp; <b>x</b>",
            [Segment("Nature", italic=True), Segment(" & "), Segment("x", bold=True)],
        ),
    ],
)
def test_html_segments(html: str, segments: list[Segment]) -> None:
    assert html_segments(html) == segments


# ------------------------------------------------------------------------------ re-running


def test_second_run_is_byte_identical(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["甲[@smith2020]乙", "<<FN1>>"], ["{{bibliography}}"]],
        footnotes={1: ["注[@xinhua2019, p. 2]"]},
        header=["[@yuxiao2012]"],
    )
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    result = cite_document(once, library, NUMERIC, twice)
    assert result.bibliography_at == "field"
    assert {c.source for c in result.citations} == {"field"}
    with zipfile.ZipFile(once) as a, zipfile.ZipFile(twice) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_rerun_after_editing_renumbers_and_rebuilds_without_duplicates(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙[@xinhua2019]。"], ["丙。"]]
    )
    once = tmp_path / "once.docx"
    cite_document(report, library, NUMERIC, once)
    # the author adds a new source before the others and one beside an existing citation
    d = docx.Document(str(once))
    d.paragraphs[1].insert_paragraph_before("新增[@yuxiao2012]。")
    d.paragraphs[4].add_run("又见[@lishuiribao2018]。")
    edited = tmp_path / "edited.docx"
    d.save(edited)
    twice = tmp_path / "twice.docx"
    result = cite_document(edited, library, NUMERIC, twice)
    lines = texts(twice)
    assert lines[1:5] == ["新增[1]。", "甲[2]。", "乙[3]。", "丙。又见[4]。"]
    assert lines.count("参考文献") == 1
    assert [ln.split("\t")[0] for ln in lines if re.match(r"\[\d\]\t", ln)] == [
        "[1]",
        "[2]",
        "[3]",
        "[4]",
    ]
    instr = "".join(t.text or "" for t in part_xml(twice).iter(q("instrText")))
    assert instr.count("ZOTERO_BIBL") == 1
    assert [c.source for c in result.citations] == ["marker", "field", "field", "marker"]


def test_rerun_after_moving_a_citation_renumbers(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["甲[@smith2020]。"], ["乙[@xinhua2019]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    assert texts(once)[1:3] == ["甲[1]。", "乙[2]。"]
    d = docx.Document(str(once))
    first, second = d.paragraphs[1]._p, d.paragraphs[2]._p
    second.addnext(first)  # the author moves the first paragraph below the second
    moved = tmp_path / "moved.docx"
    d.save(moved)
    cite_document(moved, library, NUMERIC, twice)
    lines = texts(twice)
    assert lines[1:3] == ["乙[1]。", "甲[2]。"]
    assert lines[-2].startswith("[1]\t全国生态环境保护大会召开") and "Ecosystem" in lines[-1]


def test_switching_style_on_rerun_drops_superscript(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@lishuiribao2018]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    cite_document(once, library, AUTHOR_DATE, twice)
    assert texts(twice)[1] == "见（沈仁，2018）。"
    assert superscripts(part_xml(twice)) == []


def test_field_of_a_record_missing_from_the_library_uses_its_stored_data(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    smaller = Library(r for r in library if r.id != "smith2020")
    result = cite_document(once, smaller, NUMERIC, twice)
    assert [p.code for p in result.problems] == ["W604"]
    assert "Ecosystem services" in texts(twice)[-1]


def zotero_prefs_of(path: Path) -> str:
    """The Zotero document data stored in the custom properties, chunks joined."""
    root = part_xml(path, "docProps/custom.xml")
    props = [p for p in root if (p.get("name") or "").startswith("ZOTERO_PREF_")]
    props.sort(key=lambda p: int(p.get("name", "").rsplit("_", 1)[1]))
    return "".join(p[0].text or "" for p in props)


def test_zotero_document_preferences_let_zotero_refresh(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    prefs = zotero_prefs_of(once)
    assert prefs.startswith('<data data-version="3"')
    # the style actually used (its own CSL id), 2025 included: not Zotero's 2015 style
    assert 'id="https://citekit.invalid/styles/gb-t-7714-2025-numeric"' in prefs
    assert '<pref name="fieldType" value="Field"/>' in prefs
    root = part_xml(once, "docProps/custom.xml")
    assert all(len(p[0].text or "") <= 255 for p in root)  # Word cuts values at 255
    types = part_xml(once, "[Content_Types].xml")
    assert any(o.get("PartName") == "/docProps/custom.xml" for o in types)
    rels = part_xml(once, "_rels/.rels")
    assert any(r.get("Target") == "docProps/custom.xml" for r in rels)
    # a style change on a re-run updates citekit's own preferences
    cite_document(once, library, AUTHOR_DATE, twice)
    assert 'styles/gb-t-7714-2025-author-date"' in zotero_prefs_of(twice)


def test_preferences_a_zotero_user_set_are_kept(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020]。"]])
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    cite_document(report, library, NUMERIC, once)
    theirs = (
        '<data data-version="3"><session id="AbCdEfGh"/>'
        '<style id="http://www.zotero.org/styles/apa"/></data>'
    )

    def change(entries: dict[str, bytes]) -> None:
        root = etree.fromstring(entries["docProps/custom.xml"])
        first, *rest = list(root)
        first[0].text = theirs
        for p in rest:
            root.remove(p)
        entries["docProps/custom.xml"] = etree.tostring(root)

    rewrite_zip(once, change)
    result = cite_document(once, library, NUMERIC, twice)
    assert zotero_prefs_of(twice) == theirs
    # … and the user is told that they name another style than the one cited in
    (warning,) = [p for p in result.problems if p.code == "W610"]
    assert "http://www.zotero.org/styles/apa" in warning.message


def test_every_citation_of_a_source_carries_one_uri_across_citations_and_runs(
    tmp_path: Path, library: Library
) -> None:
    # Zotero's Refresh files citations under one embedded item per URI: with one URI per
    # source it keeps one number per source; with "uris": [] it would number each citation.
    report = build_report(
        tmp_path / "r.docx",
        [["甲[@smith2020]。"], ["乙[@yuxiao2012; @smith2020]。"], ["丙[@smith2020, p. 3]。"]],
    )
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)

    def uris(path: Path) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for f in citation_fields(part_xml(path)):
            for item in f["citationItems"]:  # type: ignore[union-attr]
                found.setdefault(item["id"], set()).update(item["uris"])  # type: ignore[index]
        return found

    first = uris(out)
    assert first == {
        "smith2020": {"http://citekit.invalid/items/smith2020"},
        "yuxiao2012": {"http://citekit.invalid/items/yuxiao2012"},
    }
    again = tmp_path / "again.docx"
    cite_document(out, library, NUMERIC, again)
    assert uris(again) == first


def test_a_field_zotero_made_is_renumbered_and_keeps_its_library_link(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["新[@smith2020]。"], ["旧ZOTERO。"]])
    uri = "http://zotero.org/users/123/items/ABCD2345"
    code = {
        "citationID": "zX9",
        "properties": {"formattedCitation": "[1]", "plainCitation": "[1]", "noteIndex": 0},
        "citationItems": [
            {
                "id": 77,
                "uris": [uri],
                "itemData": {
                    "id": 77,
                    "type": "book",
                    "title": "生态学原理",
                    "issued": {"date-parts": [[2001]]},
                },
            }
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    instr = json.dumps(code, ensure_ascii=False).replace("&", "&amp;").replace("<", "&lt;")
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_ITEM CSL_CITATION '
        f"{instr} </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>[1]</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    rewrite_zip(
        report,
        lambda e: e.__setitem__(
            "word/document.xml",
            e["word/document.xml"].replace(
                "ZOTERO。</w:t></w:r>".encode(),
                f"</w:t></w:r>{field}<w:r><w:t>。</w:t></w:r>".encode(),
            ),
        ),
    )
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert texts(out)[1:3] == ["新[1]。", "旧[2]。"]
    codes = [p.code for p in result.problems]
    assert codes == ["W604", "W315"]  # 77 is not in citekit's library; the book has no publisher
    assert all(p.severity == "warning" for p in result.problems)
    fields = citation_fields(part_xml(out))
    item = fields[1]["citationItems"][0]  # type: ignore[index]
    assert item["id"] == 77 and item["uris"] == [uri]
    assert fields[1]["citationID"] == "zX9"


def test_text_boxes_are_cited_once_and_their_fallback_copy_follows(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]。"]], textbox="框中[@smith2020]")
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    result = cite_document(report, library, NUMERIC, once)
    assert [(c.location, c.numbers) for c in result.citations] == [
        ("body paragraph 2", (1,)),
        ("text box in body paragraph 3", (2,)),  # counted once, not twice
    ]
    root = part_xml(once)
    boxes = ["".join(t.text or "" for t in b.iter(q("t"))) for b in root.iter(q("txbxContent"))]
    assert boxes == ["框中[2]", "框中[2]"]  # DrawingML and its VML fallback
    cite_document(once, library, NUMERIC, twice)
    with zipfile.ZipFile(once) as a, zipfile.ZipFile(twice) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


_marker = st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True).map(
    lambda keys: "[" + "; ".join(f"@{k}" for k in keys) + "]"
)
_paragraph = st.lists(
    st.one_of(st.sampled_from(["据报道", "，", "。", "另见"]), _marker), max_size=5
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_paragraph, min_size=1, max_size=4), st.data())
def test_any_report_is_cited_completely_and_a_rerun_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    library: Library,
    paragraphs: list[list[str]],
    data: st.DataObject,
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    runs: list[list[str | tuple[str, dict[str, bool]]]] = []
    for tokens in paragraphs:
        text = "".join(tokens)
        cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=4)))
        bounds = [0, *[c for c in cuts if c < len(text)], len(text)]
        runs.append(
            [
                (text[a:b], {"bold": i % 2 == 1})
                for i, (a, b) in enumerate(itertools.pairwise(bounds))
            ]
        )
    report = build_report(tmp / "r.docx", runs)
    once, twice = tmp / "once.docx", tmp / "twice.docx"
    result = cite_document(report, library, NUMERIC, once)
    n_markers = sum(t.startswith("[@") for tokens in paragraphs for t in tokens)
    assert len(result.citations) == n_markers
    assert "[@" not in "".join(texts(once))
    assert len(citation_fields(part_xml(once))) == n_markers
    cite_document(once, library, NUMERIC, twice)
    with zipfile.ZipFile(once) as a, zipfile.ZipFile(twice) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


# ---------------------------------------------------------------- everything else unchanged


def test_images_comments_styles_and_other_parts_are_untouched(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@xinhua2019]。"]], picture=True, comment=True)
    before = report.read_bytes()
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    assert report.read_bytes() == before  # the report itself is never touched
    with zipfile.ZipFile(report) as a, zipfile.ZipFile(out) as b:
        assert b.namelist() == [*a.namelist(), "docProps/custom.xml"]  # Zotero's preferences
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
        old_styles, new_styles = (etree.fromstring(z.read("word/styles.xml")) for z in (a, b))
    assert sorted(changed) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",  # citekit's 参考文献 heading style is added, nothing else changes
    ]
    added = new_styles[-1]
    assert added.get(q("styleId")) == "citekitBibliographyHeading"
    new_styles.remove(added)
    assert etree.tostring(new_styles, method="c14n") == etree.tostring(old_styles, method="c14n")
    root = part_xml(out)
    assert len(list(root.iter("{*}drawing"))) == 1
    assert len(list(root.iter(q("commentRangeStart")))) == 1
    assert "批注所在的段落。" in texts(out)


def test_tracked_changes_stay_and_deleted_text_is_not_cited(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["前文"]])

    def change(entries: dict[str, bytes]) -> None:
        doc = entries["word/document.xml"].decode()
        tracked = (
            '<w:ins w:id="91" w:author="编辑" w:date="2024-05-01T00:00:00Z"><w:r>'
            "<w:t>新增[@smith2020]</w:t></w:r></w:ins>"
            '<w:del w:id="92" w:author="编辑" w:date="2024-05-01T00:00:00Z"><w:r>'
            "<w:delText>删去[@nosuchkey]</w:delText></w:r></w:del>"
        )
        entries["word/document.xml"] = doc.replace(
            "<w:r><w:t>前文</w:t></w:r>", "<w:r><w:t>前文</w:t></w:r>" + tracked
        ).encode()

    rewrite_zip(report, change)
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    root = part_xml(out)
    (ins,) = root.iter(q("ins"))
    assert "[1]" in "".join(t.text or "" for t in ins.iter(q("t")))  # still a tracked insertion
    (deleted,) = root.iter(q("delText"))
    assert deleted.text == "删去[@nosuchkey]"
    assert texts(out)[1] == "前文新增[1]"


# -------------------------------------------------------------------------------- errors


def test_every_bad_marker_is_reported_with_its_place_and_nothing_is_written(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(
        tmp_path / "r.docx",
        [["正文[@smith2020]。"], ["未知[@lishuiribao2019]。"], ["半个[@xinhua2019; 后面"]],
        footnotes={1: ["注[@"]},
    )
    before = report.read_bytes()
    out = tmp_path / "out.docx"
    with pytest.raises(CiteProblemsError) as info:
        cite_document(report, library, NUMERIC, out)
    problems = [str(p) for p in info.value.problems.errors]
    assert len(problems) == 3
    assert "body paragraph 3: error[E601]: unknown citation key 'lishuiribao2019'" in problems[0]
    assert "did you mean 'lishuiribao2018'?" in problems[0]
    assert '"未知[@lishuiribao2019]。"' in problems[0]
    assert "body paragraph 4: error[E602]: malformed citation marker" in problems[1]
    assert "not closed" in problems[1]
    assert "footnote 1 paragraph 1: error[E602]" in problems[2]
    assert not out.exists()
    assert report.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"not a zip at all", "not a readable .docx", id="not-zip"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "save it as .docx", id="doc"
        ),
        pytest.param(None, "no main document", id="zip-without-document"),
        pytest.param(b"broken-xml", "broken XML", id="broken-xml"),
        pytest.param(b"strict", "Strict Open XML", id="strict-ooxml"),
    ],
)
def test_unreadable_docx(
    tmp_path: Path, library: Library, content: bytes | None, message: str
) -> None:
    path = tmp_path / "bad.docx"
    if content == b"broken-xml":
        build_report(path, [["x"]])
        rewrite_zip(path, lambda e: e.__setitem__("word/document.xml", b"<w:document"))
    elif content == b"strict":
        build_report(path, [["x"]])
        strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
        rewrite_zip(
            path,
            lambda e: e.__setitem__(
                "word/document.xml", e["word/document.xml"].replace(W.encode(), strict)
            ),
        )
    elif content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
    else:
        path.write_bytes(content)
    with pytest.raises(CitationError, match=message):
        cite_document(path, library, NUMERIC, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_output_must_not_be_the_input_unless_in_place(tmp_path: Path, library: Library) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020]。"]])
    with pytest.raises(CitationError, match="--in-place"):
        cite_document(report, library, NUMERIC, report)
    cite_document(report, library, NUMERIC, None, in_place=True)
    assert texts(report)[1] == "见[1]。"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]  # no temporary file left


def test_two_placeholders_are_an_error(tmp_path: Path, library: Library) -> None:
    report = build_report(
        tmp_path / "r.docx", [["见[@smith2020]"], ["{{bibliography}}"], ["｛｛ bibliography ｝｝"]]
    )
    with pytest.raises(CiteProblemsError) as info:
        cite_document(report, library, NUMERIC, tmp_path / "out.docx")
    (problem,) = info.value.problems.errors
    assert problem.code == "E605" and problem.where.endswith("body paragraph 4")


def test_a_report_without_markers_is_copied_with_a_warning(
    tmp_path: Path, library: Library
) -> None:
    report = build_report(tmp_path / "r.docx", [["没有引用。"], ["{{bibliography}}"]])
    out = tmp_path / "out.docx"
    result = cite_document(report, library, NUMERIC, out)
    assert [p.code for p in result.problems] == ["W607"]
    assert result.citations == [] and result.bibliography == []
    assert texts(out)[1] == "没有引用。"


# ------------------------------------------------------------------------------------ CLI


def test_cli_json_report(tmp_path: Path, refs_json: Path, runner: CliRunner) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020; @xinhua2019, p. 2]。"]])
    out = tmp_path / "out.docx"
    args = ["cite", str(report), "--refs", str(refs_json), "-o", str(out), "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    refs = [Reference.from_csl(r) for r in RECORDS]
    items = [CiteItem("smith2020"), CiteItem("xinhua2019", "2")]
    (shown,), _ = render_citations(refs, [items], NUMERIC)  # what render makes of it
    assert data["citations"] == [
        {
            "location": "body paragraph 2",
            "keys": ["smith2020", "xinhua2019"],
            "locators": [None, "2"],
            "numbers": [1, 2],
            "text": shown.text,
            "from": "marker",
        }
    ]
    assert [e["key"] for e in data["bibliography"]["entries"]] == ["smith2020", "xinhua2019"]
    assert data["bibliography"]["at"] == "end"


def test_cli_text_and_errors(tmp_path: Path, refs_json: Path, runner: CliRunner) -> None:
    good = build_report(tmp_path / "good.docx", [["见[@smith2020]。"]])
    out = tmp_path / "out.docx"
    result = runner.invoke(cli, ["cite", str(good), "--refs", str(refs_json), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 citation(s) of 1 source(s)" in result.stdout

    bad = build_report(tmp_path / "bad.docx", [["见[@nope]与[@smith2020;]"]])
    out2 = tmp_path / "out2.docx"
    result = runner.invoke(cli, ["cite", str(bad), "--refs", str(refs_json), "-o", str(out2)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert "E601" in lines[0] and "E602" in lines[1]
    assert lines[2].startswith("citekit: error:") and "nothing written" in lines[2]
    assert not out2.exists()

    result = runner.invoke(cli, ["cite", str(good), "--refs", str(refs_json)])
    assert result.exit_code == 1 and "--in-place" in result.stderr


# -------------------------------------------------------------------------- LibreOffice


@pytest.mark.slow
def test_libreoffice_opens_the_result(tmp_path: Path, library: Library) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    report = build_report(
        tmp_path / "r.docx",
        [["据报道[@lishuiribao2018]，另见[@xinhua2019; @yuxiao2012]。", "<<FN1>>"]],
        footnotes={1: ["注[@smith2020, p. 12]"]},
        picture=True,
        comment=True,
        textbox="框中[@smith2020]",
    )
    out = tmp_path / "out.docx"
    cite_document(report, library, NUMERIC, out)
    bib = tmp_path / "bib.docx"
    write_bibliography_docx(render_bibliography(list(library), NUMERIC), bib)
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    convert = ["--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run(
        [soffice, "--headless", profile, *convert, str(out), str(bib)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in ("out.pdf", "bib.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
        pdftotext = shutil.which("pdftotext")
        if pdftotext:
            text = subprocess.run(
                [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
            assert "参考文献" in text and "丽水推进生态产品价值实现" in text
            assert "Ecosystem services" in text


def test_cli_in_place(tmp_path: Path, refs_json: Path, runner: CliRunner) -> None:
    report = build_report(tmp_path / "r.docx", [["见[@smith2020]。"]])
    result = runner.invoke(cli, ["cite", str(report), "--refs", str(refs_json), "--in-place"])
    assert result.exit_code == 0, result.output
    assert texts(report)[1] == "见[1]。"
    both = ["cite", str(report), "--refs", str(refs_json), "--in-place", "-o", "x.docx"]
    assert runner.invoke(cli, both).exit_code == 1
