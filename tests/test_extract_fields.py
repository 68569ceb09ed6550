"""The fields of a found record: authors from bylines wherever the article prints them, titles
without the marks and labels printed around them."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.bylines import parse_names_after_roles
from citekit.extract.leadreporters import lead_end, lead_reporters
from citekit.extract.text import LineMap


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("作者:徐黎丽 杨立霞来源:《西北民族研究》2021年第4期", ("徐黎丽", "杨立霞")),
        ("作者:陳靖來源:原創日期:2013-07-24人氣:757", ("陳靖",)),
        ("[ 作者:朱啟臻等  文章來源:中國鄉村發現  點擊數: 更新時間:2017-03-15 ]", ("朱啟臻",)),
        ("原标题《夜放花千树》,作者:青岚,头图来源:视觉中国", ("青岚",)),
    ],
)
def test_names_end_where_the_next_field_is_glued_to_them(
    byline: str, names: tuple[str, ...]
) -> None:
    assert parse_names_after_roles(byline) == names


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("经济日报北京5月20日讯 记者乔金亮从农业部获悉:当前", ("乔金亮",)),
        ("(中央社記者陳家倫台北11日電)台北書展今天是最後一天", ("陳家倫",)),
        ("记者张三北京11日电 会议今天开幕", ("张三",)),
        ("记者:郭倩", ("郭倩",)),
    ],
)
def test_a_reporters_name_run_into_the_lead(lead: str, names: tuple[str, ...]) -> None:
    assert lead_reporters(LineMap(lead), 1, 1) == names


@pytest.mark.parametrize("lead", ["记者从会上获悉,今年", "他在接受记者采访时说"])
def test_no_name_after_the_role_is_no_reporter(lead: str) -> None:
    assert lead_reporters(LineMap(lead), 1, 1) == ()


def test_the_lead_under_a_header_is_read_to_its_paragraphs_end() -> None:
    lines = LineMap("标题\n来源：北京商报\n\n第一行\n第二行（记者 郑蕊）\n\n下一篇\n")
    assert lead_end(lines, 2) == 5
    assert lead_end(lines, 2, frozenset({4})) == 3


def test_a_byline_closing_the_lead_under_a_header_names_the_author() -> None:
    text = (
        "城乡公共文化空间有了新模样\n"
        "  来源: 北京商报\n"
        "2021-03-24 16:50:49\n"
        "要创新拓展城乡公共文化空间，打造有特色、有品位的公共文化空间。（记者 郑蕊）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == ["郑蕊"]
