"""``write_bibliography_docx``: a GB/T 7714 reference list as a Word document."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from citekit.docx import write_bibliography_docx
from citekit.docx.bibliography import hanging_twips, split_links
from citekit.docx.ooxml import iter_paragraphs, paragraph_text, q
from citekit.render import Rendered

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

ENTRIES = [
    Rendered(
        "lishuiribao2018",
        "[1]",
        "沈仁. 丽水推进生态产品价值实现[N]. 丽水日报，2018-09-03（1）.",
        "",
        "",
    ),
    Rendered(
        "xinhua2019",
        "[2]",
        "全国生态环境保护大会召开[EB/OL]. 新华网，（2019-05-01）[2020-01-02]. "
        "http://www.xinhuanet.com/politics/2019-05/01/c_1124440.htm.",
        "",
        "",
    ),
    Rendered(
        "smith2020",
        "[3]",
        "Smith J. Ecosystem services[J]. Nature, 2020, 5: 10-20. DOI:10.1038/s41586-020-1.",
        "",
        "",
    ),
]


def _xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


@pytest.fixture
def written(tmp_path: Path) -> Path:
    path = tmp_path / "bib.docx"
    write_bibliography_docx(ENTRIES, path)
    return path


def test_heading_and_numbered_entries(written: Path) -> None:
    d = docx.Document(str(written))
    lines = [p.text for p in d.paragraphs]
    assert lines[0] == "参考文献"
    assert d.paragraphs[0].style.name == "Heading 1"
    body = [paragraph_text(p) for p in iter_paragraphs(_xml(written, "word/document.xml"))]
    assert body[1:] == [f"{e.label}\t{e.text}" for e in ENTRIES]


def test_label_column_is_a_hanging_indent_with_a_tab_stop(written: Path) -> None:
    root = _xml(written, "word/document.xml")
    entries = list(iter_paragraphs(root))[1:]
    for p in entries:
        ind = p.find(f"{q('pPr')}/{q('ind')}")
        tab = p.find(f"{q('pPr')}/{q('tabs')}/{q('tab')}")
        assert ind is not None and tab is not None
        assert ind.get(q("left")) == ind.get(q("hanging")) == tab.get(q("pos"))


def test_fonts_set_apart_for_east_asian_and_latin_text_at_wuhao(written: Path) -> None:
    styles = _xml(written, "word/styles.xml")
    normal = next(s for s in styles.iter(q("style")) if s.get(q("styleId")) == "Normal").find(
        q("rPr")
    )
    assert normal is not None
    fonts = normal.find(q("rFonts"))
    assert fonts is not None
    assert fonts.get(q("eastAsia")) == "宋体"
    assert fonts.get(q("ascii")) == fonts.get(q("hAnsi")) == "Times New Roman"
    size = normal.find(q("sz"))
    assert size is not None and size.get(q("val")) == "21"  # 五号 = 10.5 pt, in half points
    defaults = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('rFonts')}")
    assert defaults is not None and defaults.get(q("asciiTheme")) is None


def test_options_change_fonts_and_size(tmp_path: Path) -> None:
    path = tmp_path / "bib.docx"
    write_bibliography_docx(ENTRIES, path, cjk_font="仿宋", latin_font="Arial", size_pt=12)
    styles = _xml(path, "word/styles.xml")
    normal = next(s for s in styles.iter(q("style")) if s.get(q("styleId")) == "Normal")
    fonts = normal.find(f"{q('rPr')}/{q('rFonts')}")
    assert fonts is not None and fonts.get(q("eastAsia")) == "仿宋"
    assert fonts.get(q("ascii")) == "Arial"
    size = normal.find(f"{q('rPr')}/{q('sz')}")
    assert size is not None and size.get(q("val")) == "24"


def test_urls_and_dois_are_hyperlinks(written: Path) -> None:
    root = _xml(written, "word/document.xml")
    rels = {
        r.get("Id"): r
        for r in _xml(written, "word/_rels/document.xml.rels")
        if r.get("Type", "").endswith("/hyperlink")
    }
    links = list(root.iter(q("hyperlink")))
    targets = [rels[h.get(R_ID)].get("Target") for h in links]
    assert targets == [
        "http://www.xinhuanet.com/politics/2019-05/01/c_1124440.htm",
        "https://doi.org/10.1038/s41586-020-1",
    ]
    assert all(rels[h.get(R_ID)].get("TargetMode") == "External" for h in links)
    # the sentence's final full stop is not part of the link
    assert "".join(t.text or "" for t in links[0].iter(q("t"))).endswith(".htm")


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("无链接。", [("无链接。", None)]),
        (
            "见 https://a.cn/x?y=1，及",
            [("见 ", None), ("https://a.cn/x?y=1", "https://a.cn/x?y=1"), ("，及", None)],
        ),
        (
            "DOI:10.1000/abc.",
            [("DOI:", None), ("10.1000/abc", "https://doi.org/10.1000/abc"), (".", None)],
        ),
    ],
)
def test_split_links(text: str, pieces: list[tuple[str, str | None]]) -> None:
    assert split_links(text) == pieces
    assert "".join(p for p, _ in pieces) == text


_link_text = st.lists(
    st.one_of(
        st.text(alphabet="沈仁。，；（）[]. abc", max_size=8),
        st.sampled_from(["http://a.cn/x", "https://b.org/p?q=1.", "10.1038/abc", "DOI:"]),
    ),
    max_size=6,
).map("".join)


@given(_link_text)
def test_split_links_loses_nothing(text: str) -> None:
    pieces = split_links(text)
    assert "".join(piece for piece, _ in pieces) == text
    for piece, url in pieces:
        assert url is None or url == piece or url == f"https://doi.org/{piece}"
        assert url is None or not piece.endswith(".")


def test_indent_grows_with_the_widest_label() -> None:
    assert hanging_twips(["[1]"], 10.5) < hanging_twips(["[1]", "[100]"], 10.5)
    assert hanging_twips([""], 10.5) == 420  # author-date: two characters of 五号


def test_author_date_entries_have_no_label_column(tmp_path: Path) -> None:
    path = tmp_path / "ad.docx"
    write_bibliography_docx(
        [Rendered("a", "", "沈仁，2018. 标题[N]. 报，2018-09-03.", "", "")], path
    )
    (p,) = list(iter_paragraphs(_xml(path, "word/document.xml")))[1:]
    assert paragraph_text(p) == "沈仁，2018. 标题[N]. 报，2018-09-03."
    assert p.find(f"{q('pPr')}/{q('tabs')}") is None


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "bib.docx"
    path.write_bytes(b"old")
    with pytest.raises(AttributeError):
        write_bibliography_docx([object()], path)  # type: ignore[list-item]
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bib.docx"]
