"""Every import format reads its documented shape with every field mapped, and bad records are
reported at their line while the good ones are kept.

The samples in tests/data/import/ are written from documented examples (see its README.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citekit.errors import FormatError, InputError
from citekit.inputs import load_input, read_records
from citekit.model import Name, PartialDate, Reference
from citekit.problems import Problems

DATA = Path(__file__).parent / "data" / "import"


def read(name: str, fmt: str = "auto") -> tuple[list[Reference], Problems, str]:
    problems = Problems()
    imported = read_records(str(DATA / name), fmt, problems)
    return imported.records, problems, imported.format


def lit(*names: str) -> tuple[Name, ...]:
    return tuple(Name(literal=n) for n in names)


# ------------------------------------------------------------------------------------ RIS


def test_cnki_ris_journal_article_has_every_field() -> None:
    refs, problems, fmt = read("cnki.ris")
    assert fmt == "ris"
    assert not problems.errors
    r = refs[0]
    assert r.type == "article-journal"
    assert r.title == "计算机辅助导航技术在脊柱外科中的应用"
    assert r.author == lit("潘紫麟", "刘庆鹏")
    assert r.container_title == "医学综述"
    assert r.issued == PartialDate(2021)
    assert (r.volume, r.issue, r.page) == ("27", "11", "2184-2188")
    assert r.extra["ISSN"] == "1006-2084"
    assert r.extra["keyword"] == "脊柱疾病; 计算机辅助; 导航技术"
    assert r.extra["call-number"] == "11-3553/R"
    assert r.extra["source"] == "CNKI"
    # a wrapped abstract is one value, Chinese lines joined without a space
    assert r.extra["abstract"].startswith("随着当代计算机技术的不断发展，计算机辅助")
    assert "结合。" in r.extra["abstract"] and "\n" not in r.extra["abstract"]


def test_ris_provenance_is_the_record_with_its_line_span() -> None:
    refs, _, _ = read("cnki.ris")
    first, second = refs[0].provenance[0], refs[1].provenance[0]
    assert (first.start_line, first.end_line) == (1, 20)
    assert first.raw.startswith("TY  - JOUR") and first.raw.endswith("ER  - ")
    assert second.start_line == 22
    assert first.file.endswith("cnki.ris")


def test_ris_western_names_dates_doi_and_language() -> None:
    refs, _, _ = read("cnki.ris")
    r = refs[2]
    assert r.author[0] == Name(family="Frese", given="Karen S.")
    assert r.issued == PartialDate(2013, 3, 1)
    assert r.accessed == PartialDate(2013, 3, 19)
    assert r.doi == "10.3390/biology2010378"
    assert r.language == "en-US"


def test_ris_newspaper_page_and_thesis_degree() -> None:
    refs, _, _ = read("cnki.ris")
    thesis, news, book = refs[1], refs[3], refs[4]
    assert thesis.type == "thesis" and thesis.genre == "硕士学位论文"
    assert thesis.publisher == "南京农业大学" and thesis.publisher_place == "南京"
    assert news.type == "article-newspaper" and news.page == "4"  # CNKI pads 版次: 004
    assert news.issued == PartialDate(2023, 9, 21)
    assert book.extra["ISBN"] == "978-7-80643-724-1" and book.edition == "2"


def test_ris_unknown_tag_is_kept_not_dropped() -> None:
    problems = Problems()
    from citekit.formats.ris import read_ris

    [ref] = read_ris("TY  - JOUR\nTI  - T\nZZ  - kept\nER  - \n", "x.ris", problems)
    assert ref.extra["custom"] == {"ris": {"ZZ": "kept"}}


def test_ris_record_without_er_is_read_and_reported() -> None:
    from citekit.formats.ris import read_ris

    problems = Problems()
    refs = read_ris("TY  - JOUR\nTI  - One\nTY  - BOOK\nTI  - Two\n", "x.ris", problems)
    assert [r.title for r in refs] == ["One", "Two"]
    assert [(p.where, p.code) for p in problems] == [("x.ris:1", "E434"), ("x.ris:3", "E434")]


# ------------------------------------------------------------------------------ EndNote


def test_cnki_endnote_tagged() -> None:
    refs, problems, fmt = read("cnki.enw")
    assert fmt == "enw" and not problems.errors
    art, thesis, conf, chapter = refs
    assert art.type == "article-journal"
    assert art.author == lit("辛宁", "陈建康", "陈艳", "杨洁")
    assert art.container_title == "中国医科大学学报"
    assert (art.volume, art.issue, art.page) == ("49", "12", "1106-1111,1117")
    assert art.extra["ISSN"] == "0258-4646"
    assert art.extra["call-number"] == "21-1227/R"
    assert art.url == "https://link.cnki.net/urlid/21.1227.R.20201202.1234.022"
    assert art.extra["keyword"].split("; ")[:2] == ["2型糖尿病", "阿尔茨海默病"]
    assert thesis.type == "thesis" and thesis.genre == "博士学位论文"
    assert thesis.publisher == "上海交通大学"
    assert conf.type == "paper-conference"
    assert conf.container_title == "内蒙古东部区考古学文化研究文集"
    assert chapter.type == "chapter"
    assert chapter.editor == (Name(family="Sodeman", given="W. A."),)
    assert chapter.author[1] == Name(family="Swartz", given="M. N.")
    assert chapter.language == "en-US"


def test_endnote_xml_no_entities_no_network() -> None:
    refs, problems, fmt = read("endnote.xml")
    assert fmt == "endnote-xml" and not problems.errors
    art, book = refs
    assert art.author == (Name(family="Kanamori", given="Hiroo"),)
    assert art.title == "Shaking without quaking"
    assert art.container_title == "Science"
    assert (art.volume, art.issue, art.page) == ("279", "5359", "2063")
    assert art.doi == "10.1126/science.279.5359.2063"
    assert art.extra["ISSN"] == "0036-8075"
    assert art.issued == PartialDate(1998)
    assert book.type == "book" and book.author == lit("陈登原")
    assert book.extra["call-number"] == "K20"
    assert art.provenance[0].start_line == 3


def test_endnote_xml_external_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    evil = tmp_path / "evil.xml"
    evil.write_text(
        f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<xml><records><record><ref-type name="Book">6</ref-type>'
        "<titles><title>&s;</title></titles></record></records></xml>",
        encoding="utf-8",
    )
    lib = load_input(evil, Problems())
    assert "TOP SECRET" not in str(lib[0].to_csl())


def test_endnote_xml_billion_laughs_is_refused_or_harmless(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    evil = tmp_path / "lol.xml"
    evil.write_text(
        f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY l0 "lol">{lol}]>'
        "<xml><records><record><titles><title>&l9;</title></titles></record></records></xml>",
        encoding="utf-8",
    )
    try:
        lib = load_input(evil, Problems())
    except FormatError:
        return
    assert len(str(lib[0].to_csl())) < 10_000


def test_malformed_endnote_xml_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<xml><records>\n<record>\n<titles></record></records></xml>", "utf-8")
    with pytest.raises(FormatError) as err:
        load_input(bad, Problems())
    assert str(err.value).startswith(f"{bad}:3:")


# --------------------------------------------------------------------------- NoteExpress


def test_cnki_noteexpress_semicolon_authors_and_cn_number() -> None:
    refs, problems, fmt = read("cnki_noteexpress.txt")
    assert fmt == "noteexpress" and not problems.errors
    art, thesis = refs
    assert art.author == lit("潘紫麟", "刘庆鹏")
    assert art.container_title == "医学综述"
    assert art.issued == PartialDate(2021)
    assert (art.volume, art.issue, art.page) == ("27", "11", "2184-2188")
    assert art.extra["ISSN"] == "1006-2084"
    assert art.note == "11-3553/R"
    assert thesis.type == "thesis" and thesis.genre == "博士学位论文"
    assert thesis.publisher == "武汉大学" and thesis.publisher_place == "武汉"
    assert "editor" not in thesis.to_csl()  # an empty {Secondary Author} adds nothing


def test_wanfang_noteexpress_repeated_tags_and_wrapped_abstract() -> None:
    [r], problems, fmt = read("wanfang.net")
    assert fmt == "noteexpress" and not problems.errors
    assert r.author == lit("许雅琼", "张银萍")
    assert r.extra["keyword"] == "乳腺癌; 婚姻质量; 社会支持"
    assert r.doi == "10.19347/j.cnki.2096-1413.202001019"
    assert r.language == "zh-CN"
    assert r.extra["original-title"].startswith("Relationship between marital quality")
    assert r.extra["abstract"].endswith("选取乳腺癌术后患者110例进行调查.")


# ------------------------------------------------------------------------------- RefWorks


def test_cnki_refworks() -> None:
    refs, problems, fmt = read("cnki_refworks.txt")
    assert fmt == "refworks" and not problems.errors
    art, thesis, news, std = refs
    assert art.author == lit("薛婉钰", "刘娜", "苑鑫", "张婷婷", "曹云娥", "陈书霞")
    assert art.container_title == "西北农林科技大学学报(自然科学版)"
    assert (art.volume, art.issue, art.page) == ("52", "7", "1-7")  # `vo` in lower case
    assert art.doi == "10.13207/j.cnki.jnwafu.2024.07.011"
    assert art.extra["call-number"] == "61-1390/S"
    assert art.extra["abstract"].count("【") == 2
    assert thesis.author == lit("林行众")  # `A1林行众`: CNKI left out the space
    assert thesis.extra["contributor"] == [{"literal": "黄三文"}, {"literal": "杨清"}]
    assert news.page == "4" and news.issued == PartialDate(2023, 9, 21)
    assert news.url == "https://link.cnki.net/doi/10.28502/n.cnki.nkjrb.2023.005521"
    assert std.type == "standard" and std.number == "GB/T 7714-2015"


# ------------------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("cnki.ris", "ris"),
        ("cnki.enw", "enw"),
        ("endnote.xml", "endnote-xml"),
        ("cnki_noteexpress.txt", "noteexpress"),
        ("wanfang.net", "noteexpress"),
        ("cnki_refworks.txt", "refworks"),
        ("thesis_list.txt", "gbt-text"),
        ("cnki_custom.txt", "cnki"),
    ],
)
def test_format_is_detected_from_content_not_name(tmp_path: Path, name: str, fmt: str) -> None:
    renamed = tmp_path / "export.dat"
    renamed.write_bytes((DATA / name).read_bytes())
    assert read_records(str(renamed)).format == fmt


def test_gbk_encoded_export_is_read(tmp_path: Path) -> None:
    f = tmp_path / "cnki-gbk.txt"
    f.write_bytes((DATA / "cnki_noteexpress.txt").read_text("utf-8").encode("gbk"))
    assert read_records(str(f)).records[0].author == lit("潘紫麟", "刘庆鹏")


def test_unknown_content_is_refused_with_the_formats_listed(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("just some notes\nnothing bibliographic\n", "utf-8")
    with pytest.raises(InputError, match=r"not a reference input.*RIS.*NoteExpress.*--from"):
        read_records(str(f))


def test_named_format_overrides_detection(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("[1] 张三. 题名[J]. 刊名, 2020, 1(2): 3-4.\n", "utf-8")
    assert read_records(str(f), "gbt-text").format == "gbt-text"
    assert read_records(str(f), "ris").records == []  # no TY line: nothing, nothing invented


def test_oversized_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import citekit.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_BYTES", 100)
    f = tmp_path / "big.ris"
    f.write_text("TY  - JOUR\n" + "TI  - x\n" * 50 + "ER  - \n", "utf-8")
    with pytest.raises(InputError, match="larger than"):
        read_records(str(f))


def test_records_without_type_or_title_are_kept_and_reported() -> None:
    from citekit.formats.noteexpress import read_noteexpress

    problems = Problems()
    text = "{Reference Type}: Mystery\n{Author}: 张三\n\n{Reference Type}: Book\n{Title}: 好书\n"
    refs = read_noteexpress(text, "x.net", problems)
    assert [r.type for r in refs] == ["document", "book"]
    assert [(p.where, p.code) for p in problems] == [("x.net:1", "E431"), ("x.net:1", "E432")]
    assert refs[0].warnings


def csl(refs: list[Reference]) -> list[dict[str, Any]]:
    return [r.to_csl(provenance=False) for r in refs]


def test_load_input_assigns_keys_to_imported_records() -> None:
    lib = load_input(DATA / "cnki.ris", Problems())
    assert lib.keys()[:2] == ["panzilin2021", "linxingzhong2015"]


# --------------------------------------------------------------------- CNKI's own export


def test_cnki_custom_export_keeps_classification_keywords_abstract() -> None:
    refs, problems, fmt = read("cnki_custom.txt")
    assert fmt == "cnki" and not problems.errors
    art, thesis = refs
    assert art.type == "article-journal"
    assert art.author[:2] == lit("张福锁", "王激清") and len(art.author) == 7
    assert art.container_title == "土壤学报"
    assert art.issued == PartialDate(2008, 9, 15)
    assert (art.volume, art.issue, art.page) == ("45", "5", "915-924")
    assert art.extra["call-number"] == "S147.2"  # 中图分类号
    assert art.extra["keyword"] == "肥料农学效率; 氮肥利用率; 影响因素; 提高途径"
    assert art.extra["abstract"].endswith("生理利用率等。")
    assert art.extra["ISSN"] == "0564-3929"
    assert thesis.type == "thesis" and thesis.genre == "硕士学位论文"
    assert thesis.publisher == "南京农业大学" and thesis.container_title is None


def test_ris_tag_spacing_variants() -> None:
    from citekit.formats.ris import read_ris

    text = "TY - JOUR\r\nAU  -Smith, John\nTI  - A title\nAB-testing is not a tag here\nER  -\n"
    [ref] = read_ris(text.replace("\r\n", "\n"), "x.ris", Problems())
    assert ref.author == (Name(family="Smith", given="John"),)
    assert ref.title == "A title AB-testing is not a tag here"
