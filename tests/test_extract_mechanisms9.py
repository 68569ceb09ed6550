"""Mechanisms added in round 9: header lines over a day, a dash and a periodical alone, an
undated agency report, listed 预案 with a qualifier, a posting time before ``Source:``, a known
outlet's name alone under a title, a closing fields line, a journal line set apart, a law in a
headline's deck, a reporters' line under a joined dateline."""

from __future__ import annotations

from citekit.documents import Document
from citekit.extract import Extraction, extract_document
from citekit.extract.patterns import find_hits
from citekit.model import Reference

BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"
EN_BODY = (
    "Shoppers spent more than ever this season, according to figures released by the trade "
    "association on Monday, with most of the growth coming from smaller cities."
)


def _ex(text: str) -> Extraction:
    return extract_document(Document("m9.txt", text, "utf-8"))


def _refs(text: str) -> list[Reference]:
    return [r for r in _ex(text).references if r.type != "legislation"]


def _span(r: Reference) -> tuple[int, int]:
    p = r.provenance[0]
    return p.start_line, p.end_line


def test_bullet_header_lines_over_the_day_belong_to_the_article_under_it() -> None:
    text = f"剪报\n\n- 晴川新闻\n- 2023年10月04日\n城市马拉松今日开跑 三万人参赛\n{BODY}\n"
    refs = _refs(text)
    assert [(r.title, _span(r)) for r in refs] == [("城市马拉松今日开跑 三万人参赛", (3, 5))]


def test_a_dash_and_a_periodical_alone_close_the_article_above() -> None:
    (hit,) = find_hits("　　——《江城日报》")
    assert hit.phrase == "《江城日报》"
    assert find_hits("——《论语》") == []  # a book after a quotation: no periodical


def test_an_agency_report_without_a_day_opens_its_article() -> None:
    (hit,) = find_hits("中新社北京报道，随着各地连续降雨，有关部门采取措施。")
    assert (hit.form, hit.phrase) == ("dateline", "中新社")


def test_a_listed_contingency_plan_with_a_qualifier_is_a_document() -> None:
    text = (
        "文件目录\n\n1.《某省突发事件总体应急预案》(某政发〔2020〕12号)\n"
        "2.某市防汛抗旱应急预案\n3.某镇2023年突发事件总体应急预案(暂行)\n"
    )
    titles = [r.title for r in _ex(text).references if r.type == "legislation"]
    assert "某市防汛抗旱应急预案" in titles
    assert "某镇2023年突发事件总体应急预案(暂行)" in titles


def test_a_posting_time_may_come_before_source() -> None:
    (hit,) = find_hits("2025-09-15 15:01:14 Source: CFIS")
    assert hit.phrase == "CFIS"


def test_a_section_after_an_english_source_is_no_second_outlet() -> None:
    text = f"DIGEST\n\nMarkets open the season\n{EN_BODY}\nSource: Assomac, News from world\n"
    assert [r.container_title for r in _refs(text)] == ["Assomac"]


def test_a_known_outlet_alone_under_a_title_names_the_container() -> None:
    text = f"DIGEST\n\n1. Retail sales rise in autumn\nCGTN\n{EN_BODY}\n"
    (ref,) = _refs(text)
    assert (ref.title, ref.container_title, ref.issued) == (
        "Retail sales rise in autumn",
        "CGTN",
        None,
    )
    dated = f"DIGEST\n\n1. Retail sales rise in autumn\n2018-09-09\nXinhua\n{EN_BODY}\n"
    (ref,) = _refs(dated)
    assert (ref.container_title, _span(ref)) == ("Xinhua", (3, 5))


def test_a_fields_line_closing_a_short_article_dates_its_title() -> None:
    text = f"简报\n\n渔业发展的基本思路\n{BODY}\n编辑:张三 时间:2023-05-19 17:53:48 点击:12\n\n"
    (ref,) = _refs(text)
    assert ref.title == "渔业发展的基本思路"
    assert ref.issued is not None and (ref.issued.year, ref.issued.month) == (2023, 5)


def test_a_journal_line_set_apart_under_a_lone_headline_closes_the_article() -> None:
    text = f"网摘\n\n高速铁路蓄势待发\n\n新时代评论 2015年1期\n\n{BODY}\n"
    (ref,) = _refs(text)
    assert ref.title == "高速铁路蓄势待发"
    assert ref.container_title == "新时代评论"


def test_a_law_quoted_in_a_headline_deck_is_the_articles_subject() -> None:
    text = (
        "剪报\n\n《无障碍环境建设条例》实施六年\n城乡居民出行更便利\n"
        "《 江城日报 》( 2018年07月26日   第 03 版)\n"
        f"本报北京7月25日电  (记者王五){BODY}\n"
    )
    refs = _ex(text).references
    assert [r.container_title for r in refs] == ["江城日报"]


def test_a_reporters_line_under_a_joined_dateline_names_the_authors() -> None:
    text = (
        "剪报\n\n如何用好无障碍设施?\n2019-05-19 08:51:16 来源: 新华网\n"
        "新华社北京5月19日电 题:如何用好无障碍设施?\n新华社记者赵六、钱七\n"
        f"{BODY}\n"
    )
    (ref,) = _refs(text)
    assert [a.literal for a in ref.author] == ["赵六", "钱七"]
    assert _span(ref) == (4, 6)


def test_labelled_fields_in_a_closing_bracket_are_read_by_their_labels() -> None:
    text = f"简报\n\n深远海养殖的现状\n{BODY}\n（作者：赵六 钱七　来源：海洋管理研究 2022年10期）\n"
    (ref,) = _refs(text)
    assert (ref.container_title, ref.issue) == ("海洋管理研究", "10")


def test_a_breadcrumb_trail_under_a_site_name_heads_a_page() -> None:
    text = f"剪报\n\n散文天地网\n首页 > 散文 > 正文\n书屋里的梦想\n作者:孙八\n{BODY}\n"
    (ref,) = _refs(text)
    assert (ref.title, ref.container_title) == ("书屋里的梦想", "散文天地网")
    assert [a.literal for a in ref.author] == ["孙八"]
