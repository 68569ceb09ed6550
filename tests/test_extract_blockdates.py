"""An attribution that names no day is dated by its article's block: a date printed alone on a
line (under the title, on the line after the source), else the day in an article's address.
Official names of one outlet stay as printed; spelling variants are normalised."""

from __future__ import annotations

import pytest

import citekit
from citekit.aliases import Aliases
from citekit.extract.blockdates import date_line, url_date


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2024/12/25 19:08", "2024-12-25"),
        ("201703161523", "2017-03-16"),
        ("发布时间：2020-03-09", "2020-03-09"),
        ("Published: Apr 21, 2022 07:35 PM Updated: Apr 23, 2022 12:45 PM", "2022-04-21"),
        ("2018/2/11 18:23(2/12 08:07 更新)", "2018-02-11"),
        ("(Xinhua)    10:25, April 24, 2020", "2020-04-24"),
    ],
)
def test_a_line_holding_only_a_date_gives_its_day(line: str, day: str) -> None:
    found = date_line(line)
    assert found is not None and found.iso() == day


@pytest.mark.parametrize(
    "line", ["国家图书馆公布2018年阅读报告，3月5日起开放", "2018年", "201713161523"]
)
def test_a_date_in_running_text_or_without_a_day_is_not_a_date_line(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.xinhuanet.com/2020-03/09/c_1125681.htm", "2020-03-09"),
        ("https://example.cn/news/20200309/a.html", "2020-03-09"),
        ("https://www.cna.com.tw/news/acul/202403270066.aspx", "2024-03-27"),
    ],
)
def test_an_address_carries_its_day(url: str, day: str) -> None:
    found = url_date(url)
    assert found is not None and found.iso() == day


def test_an_id_in_an_address_is_no_day() -> None:
    assert url_date("https://news.housefun.com.tw/news/article/188474220680.html") is None


def test_an_undated_source_takes_the_date_line_of_its_article() -> None:
    text = (
        "最後一波! 台灣首府大學藏書出清\n"
        "2024/12/25 19:08\n"
        "幫書找到好歸宿，台灣首府大學圖書館的藏書出清，引起各方回響。\n"
        "來源：自由時報\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.container_title == "自由時報"
    assert ref.issued is not None and ref.issued.iso() == "2024-12-25"


def test_a_date_after_a_bar_is_the_sources_date() -> None:
    text = "UK libraries fall victim to funding cuts\nSource: Xinhua | 2020/12/27 17:43:40\n"
    (ref,) = citekit.extract_text(text).references
    assert ref.issued is not None and ref.issued.iso() == "2020-12-27"


@pytest.mark.parametrize(
    ("printed", "cited"),
    [
        ("中国新闻网", "中国新闻网"),
        ("中新网", "中新网"),
        ("中新社", "中新社"),
        ("浙江在线网站", "浙江在线"),
    ],
)
def test_official_names_stay_as_printed_and_variants_are_normalised(
    printed: str, cited: str
) -> None:
    (ref,) = citekit.extract_text(f"图书馆开放时间调整\n（来源：{printed}）\n").references
    assert ref.container_title == cited


def test_official_names_of_one_outlet_are_still_one_source() -> None:
    table = Aliases.builtin()
    assert table.canonical("中国新闻网") == table.canonical("中新网")
    assert table.canonical("中新社") == table.canonical("中国新闻社")


def test_a_users_entry_normalises_an_official_name_again() -> None:
    table = Aliases.builtin().extended({"中新网": ["中国新闻网"]})
    assert table.spelling("中国新闻网") == "中新网"


def test_a_dateline_takes_the_year_its_paragraph_prints_for_that_month() -> None:
    text = (
        "2026年第2期\n\n"
        "第31届全国图书交易博览会济南开幕\n"
        "中新网济南7月27日电 第31届全国图书交易博览会27日在山东国际会展中心开幕。\n"
        "书博会现场的山东展区。\n"
        "（2023年7月）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.issued is not None and ref.issued.iso() == "2023-07-27"


def test_a_day_wins_over_an_issues_month_in_the_source() -> None:
    (ref,) = citekit.extract_text("本期导读\n来源:《求是》2023/11 2023-06-01 09:00:00\n").references
    assert ref.issued is not None and ref.issued.iso() == "2023-06-01"


@pytest.mark.parametrize(
    ("printed", "cited"),
    [
        ("公众号：MySQL解决方案工程师", "MySQL解决方案工程师"),
        ("公众号日拱一兵的文章", "日拱一兵"),
        ("优发表网整理", "优发表网"),
        ("中青报", "中国青年报"),
    ],
)
def test_a_source_is_cited_by_its_own_name(printed: str, cited: str) -> None:
    (ref,) = citekit.extract_text(f"图书馆开放时间调整\n来源：{printed}\n").references
    assert ref.container_title == cited
