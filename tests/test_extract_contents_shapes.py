"""A contents list is found under a heading of any shape: a line holding one year and a
periodical's name right over entries (``标题  作者  (页码)``) is that list's issue heading,
whatever its ornaments, labels, brackets and order; the same line over text is no heading."""

from __future__ import annotations

import pytest

from citekit.documents import Document
from citekit.extract import extract_document
from citekit.extract.contents import issue_heading, loose_heading

ENTRIES = (
    "数字人文视域下的古籍整理研究  张三  李四  (5)\n"
    "公共图书馆阅读推广的效能评估  王五  (12)\n"
    "高校图书馆数据馆员能力框架构建  赵六  钱七  (20)\n"
)


@pytest.mark.parametrize(
    ("heading", "journal", "volume", "issue"),
    [
        ("━━━━ 图书情报工作 · 2024 年 第 6 期 ━━━━", "图书情报工作", None, "6"),
        ("期刊名称：图书情报知识　出版时间：2024年第2期", "图书情报知识", None, "2"),
        ("【图书馆杂志】2024 Vol.43 No.5", "图书馆杂志", "43", "5"),
        ("情报学报，2024年3月，第43卷第3期", "情报学报", "43", "3"),
        ("No.3 2024 《国家图书馆学刊》", "国家图书馆学刊", None, "3"),
        ("图书与情报 | 2024-02", "图书与情报", None, "2"),
    ],
)
def test_a_heading_of_any_shape_over_entries_names_their_journal(
    heading: str, journal: str, volume: str | None, issue: str | None
) -> None:
    text = f"每月新刊\n\n{heading}\n{ENTRIES}"
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert [r.title for r in refs] == [
        "数字人文视域下的古籍整理研究",
        "公共图书馆阅读推广的效能评估",
        "高校图书馆数据馆员能力框架构建",
    ]
    assert {(r.container_title, r.volume, r.issue, str(r.issued)) for r in refs} == {
        (journal, volume, issue, "2024")
    }


@pytest.mark.parametrize(
    "line",
    [
        "2024年第3期",  # no name
        "专题信息 2024年第1期",  # the bulletin's own masthead
        "2023年与2024年对比",  # two years
        "数字人文视域下的古籍整理研究 张三 2024",  # an entry: words with spaces
    ],
)
def test_a_line_that_names_no_periodical_is_no_loose_heading(line: str) -> None:
    assert loose_heading(line, 1) is None


def test_a_loose_heading_over_running_text_opens_no_list() -> None:
    text = (
        "每月新刊\n\n图书情报工作 · 2024\n"
        "这是一段正文，讲述了本月图书馆界的大事，篇幅较长，足以看出不是目录条目。\n"
    )
    assert extract_document(Document("t.txt", text, "utf-8")).references == []


def test_periodicals_named_alone_over_their_entries_head_their_lists() -> None:
    text = (
        "本月期刊导读\n\n图书情报工作\n" + ENTRIES + "\n"
        "◆《中国图书馆学报》\n"
        "智慧图书馆建设的理论反思 / 孙八\n"
        "图书馆法治建设的回顾与展望 / 周九\n"
    )
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert [r.container_title for r in refs] == ["图书情报工作"] * 3 + ["中国图书馆学报"] * 2
    assert [a.display for a in refs[3].author] == ["孙八"]


def test_a_name_alone_under_a_dated_heading_is_a_column_not_another_journal() -> None:
    text = (
        "过刊目录\n\n《出版科学》2007年第4期\n"
        "编辑学·编辑工作\n"
        "再论编辑学的基本原理是文化变现 / 孙宸\n"
        "科技文稿处理中的服务理念 / 雷琪\n"
    )
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert {r.container_title for r in refs} == {"出版科学"}


def test_an_item_of_a_bulleted_list_is_no_heading_of_the_list_after_it() -> None:
    text = (
        "过刊目录\n\n·出版专业理论与实务\n·出版专业基础知识\n\n"
        "本期文章\n"
        "再论编辑学的基本原理是文化变现 / 孙宸\n"
        "科技文稿处理中的服务理念 / 雷琪\n"
    )
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert all(r.container_title != "出版专业基础知识" for r in refs)


@pytest.mark.parametrize(
    "heading", ["人民日报 第2版（要闻），2000年8月", "人民日报 第2版 2000年8月1日"]
)
def test_a_papers_page_in_any_order_heads_the_articles_under_it(heading: str) -> None:
    text = (
        f"人民日报文章选编\n\n{heading}\n\n西部大开发取得新进展\n本报记者 王刚\n"
        "西部大开发战略实施以来，西部地区经济社会发展取得显著成就，基础设施建设加快。\n"
    )
    [ref] = extract_document(Document("t.txt", text, "utf-8")).references
    assert (ref.title, ref.container_title, ref.edition) == (
        "西部大开发取得新进展",
        "人民日报",
        "2",
    )
    assert str(ref.issued).startswith("2000-08")
    assert [a.display for a in ref.author] == ["王刚"]


def test_a_sentence_naming_a_papers_page_is_no_heading() -> None:
    assert loose_heading("人民日报第2版刊发了文章 2000年8月1日", 1) is None
    assert issue_heading("人民日报第2版刊发了文章 2000年8月1日", 1) is None
