"""No input crashes an importer: any text either reads (bad records reported, kept) or is
refused with a CitekitError naming the file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.formats.cnki import read_cnki
from citekit.formats.endnote import read_endnote
from citekit.formats.endnote_xml import read_endnote_xml
from citekit.formats.gbt_text import parse_entry, read_gbt_text
from citekit.formats.noteexpress import read_noteexpress
from citekit.formats.refworks import read_refworks
from citekit.formats.ris import read_ris
from citekit.problems import Problems

# text built from the pieces the formats are made of, so the readers' inner paths are reached
_PIECES = st.sampled_from(
    [
        "TY  - ",
        "ER  - ",
        "AU  - ",
        "PY  - ",
        "SP  - ",
        "EP  - ",
        "%0 ",
        "%A ",
        "%D ",
        "{Reference Type}: ",
        "{Author}: ",
        "{Year}: ",
        "RT ",
        "A1 ",
        "vo ",
        "OP ",
        "FD ",
        "[1]",
        "（2）",
        "3.",
        "[J]",
        "[M]",
        "[EB/OL]",
        "//",
        ". ",
        "．",
        "，",
        ",",
        ":",
        "：",
        "(",
        ")",
        "（",
        "）",
        "[",
        "]",
        "2020",
        "2020-13-45",
        "1-2",
        "等",
        "et al.",
        "张三",
        "Smith J",
        "http://x.cn/a.b.",
        "DOI:10.1/x",
        "\n",
        "\n\n",
        " ",
        "Journal Article",
        "JOUR",
        "SrcDatabase-来源库: ",
        "Title-题名: ",
        "Keyword-关键词: a;;b",
        "Thesis",
        "<",
        ">",
        "&",
        "\x00",
        "\ufeff",
        "Ol",
        "「J」",
    ]
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=300)
@given(_TEXT)
def test_line_readers_never_crash(text: str) -> None:
    for read in (read_ris, read_endnote, read_noteexpress, read_refworks, read_cnki, read_gbt_text):
        problems = Problems()
        refs = read(text, "f.txt", problems)
        for ref in refs:
            assert ref.provenance and ref.provenance[0].file == "f.txt"
            ref.to_csl()


@settings(max_examples=300)
@given(_TEXT)
def test_gbt_entry_parser_never_crashes(text: str) -> None:
    csl, why = parse_entry(text)
    assert (csl is None) == bool(why)


@settings(max_examples=150)
@given(
    st.lists(
        st.sampled_from(
            [
                "<xml>",
                "<records>",
                "<record>",
                "</record>",
                "</records>",
                "</xml>",
                "<titles>",
                "<title>",
                "</title>",
                "</titles>",
                '<ref-type name="Book">6</ref-type>',
                "x",
                "&amp;",
                "&bad;",
                '<!DOCTYPE xml [<!ENTITY e "v">]>',
                "&e;",
                '<?xml version="1.0"?>',
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_endnote_xml_reader_never_crashes(text: str) -> None:
    try:
        refs = read_endnote_xml(text.encode("utf-8"), "f.xml", Problems())
    except CitekitError:
        return
    for ref in refs:
        ref.to_csl()
