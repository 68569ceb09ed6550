"""Endnotes (注释：①…): a notes list is a list of citations whatever style its notes use — the
Chinese legal / social-science style (《题名》，载《刊》…), a GB/T 7714 entry, or an English
note — and a work named in the text with its note's mark is the note's record, not one more."""

from __future__ import annotations

from citekit.documents import Document
from citekit.extract import extract_document
from citekit.extract.endnotes import read_note
from citekit.model import Reference

DIGEST = """\
城 市 治 理 参 考　　　　　　　　　　　　　　２０２４年第２期
社区治理研究综述

近年来，《城市社区居民委员会工作条例》①为社区治理提供了依据。学界对居民参与多有讨论②，
相关著作亦有译介③。部分观点见注④。
城 市 治 理 参 考　　　　　　　　　　　　　　　　　— ５ —

注释：
①民政部：《城市社区居民委员会工作条例》，2021年6月15日印发。
②张明远、李秋华：《城市社区治理中的居民参与机制研究》，载《中国行政管理》2020年第5期。
城 市 治 理 参 考　　　　　　　　　　　　　　　　　— ６ —
③［英］John Smith著，王晓译：《城市与社区——比较研究》，商务印书馆，
２０１９年３月。
④此处观点为作者归纳。
"""


def _refs(text: str) -> list[Reference]:
    ex = extract_document(Document("digest.txt", text, "utf-8"))
    return list(ex.references)


def test_each_citing_note_is_one_record_and_a_remark_is_none() -> None:
    refs = _refs(DIGEST)
    got = sorted((r.provenance[0].start_line, r.type, r.title) for r in refs)
    assert got == [
        (9, "legislation", "城市社区居民委员会工作条例"),
        (10, "article-journal", "城市社区治理中的居民参与机制研究"),
        (12, "book", "城市与社区——比较研究"),
    ]


def test_a_note_gives_authors_container_issue_date_and_authority() -> None:
    by_title = {r.title: r for r in _refs(DIGEST)}
    law = by_title["城市社区居民委员会工作条例"]
    assert (law.authority, str(law.issued)) == ("民政部", "2021-06-15")
    article = by_title["城市社区治理中的居民参与机制研究"]
    assert [a.literal for a in article.author] == ["张明远", "李秋华"]
    assert (article.container_title, article.issue, str(article.issued)) == (
        "中国行政管理",
        "5",
        "2020",
    )
    book = by_title["城市与社区——比较研究"]
    assert [a.literal for a in book.author] == ["John Smith"]  # the translator is no author
    assert (book.publisher, str(book.issued)) == ("商务印书馆", "2019-03")


def test_a_wrapped_note_over_a_page_header_is_read_whole() -> None:
    book = next(r for r in _refs(DIGEST) if r.type == "book")
    assert (book.provenance[0].start_line, book.provenance[0].end_line) == (12, 13)


def test_a_mention_with_the_notes_mark_is_not_a_second_record() -> None:
    titles = [r.title for r in _refs(DIGEST)]
    assert titles.count("城市社区居民委员会工作条例") == 1


def test_notes_in_gbt_or_english_style() -> None:
    gbt = read_note("王立新.数字政府建设路径研究[J].电子政务,2022(4):15-24.")
    assert gbt is not None
    assert (gbt.type, gbt.title, gbt.container_title) == (
        "article-journal",
        "数字政府建设路径研究",
        "电子政务",
    )
    en = read_note(
        'Mary Brown, "Urban Governance in Asia: A Review", 2022-05-10, https://example.org/ug.'
    )
    assert en is not None
    assert (en.title, en.url, [a.literal for a in en.author]) == (
        "Urban Governance in Asia: A Review",
        "https://example.org/ug",
        ["Mary Brown"],
    )
    assert read_note("参见前文第二部分的讨论。") is None


def test_a_sentence_starting_with_note_is_not_a_notes_list() -> None:
    text = "注：本期内容仅供内部参考。\n《关于加强社区治理的意见》今年出台。\n"
    assert all(r.type != "book" for r in _refs(text))
