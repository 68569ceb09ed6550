"""Fields of found records, round 9: a year heading dates the datelines under it whatever
its mark, and not the item above it; slash bylines name the reporter, not the place; the
writers an attribution names before its source or where the work was carried."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.bylines import parse_byline_line
from citekit.extract.dates import find_dates
from citekit.extract.labels import clean_container
from citekit.extract.sources import parse_sources
from citekit.model import Provenance, Reference

BODY = "记者21日从有关部门获悉，今年以来各地持续推进相关工作，取得明显成效，群众普遍反映良好。"


def _dates(text: str) -> list[str | None]:
    refs = citekit.extract_text(text).references
    return [r.issued.iso() if r.issued else None for r in refs]


@pytest.mark.parametrize("mark", ["■ ", "◆", "● ", ""])
def test_a_marked_year_heading_dates_the_datelines_under_it(mark: str) -> None:
    text = (
        "电讯辑录\n（2025年第2期）\n\n"
        f"{mark}2019年\n\n加快推进有关工作\n新华社北京5月21日电（记者 叶昊鸣）{BODY}\n"
    )
    assert _dates(text) == ["2019-05-21"]


def test_the_year_heading_below_an_item_does_not_date_it() -> None:
    text = (
        "防汛电讯摘编\n\n2019年\n应急管理部部署防汛救灾工作\n"
        f"　　新华社北京6月22日电(记者 叶昊鸣){BODY}\n\n"
        "2022年\n国家防总提升防汛应急响应\n"
        f"　　新华社北京6月4日电 {BODY}\n　　【我要纠错】责任编辑:王洋\n\n"
        "2025年\n国家防总启动防汛四级应急响应\n"
        f"　　新华社北京6月18日电(记者 周圆){BODY}\n"
    )
    assert _dates(text) == ["2019-06-22", "2022-06-04", "2025-06-18"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("台湾醒报／ 记者吕翔禾╱台北报导", ("吕翔禾",)),
        ("记者傅希尧∕台北报导", ("傅希尧",)),
        ("记者张三/北京报道", ("张三",)),
    ],
)
def test_a_slash_byline_names_the_reporter_not_where_he_filed_from(
    line: str, names: tuple[str, ...]
) -> None:
    assert parse_byline_line(line) == names


def test_a_square_mark_before_a_persons_name_is_a_byline() -> None:
    assert parse_byline_line("■ 杨成") == ("杨成",)
    assert parse_byline_line("■ 新闻动态") == ()
    assert parse_byline_line("■ 2019年") == ()


def test_writers_then_source_in_one_bracket_give_both() -> None:
    (src,) = parse_sources("作者：吴侃侃 李青生　来源：海洋开发与管理 2022年10期")
    assert (src.container, src.issue, src.authors) == ("海洋开发与管理", "10", ("吴侃侃", "李青生"))


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("（陈新军，载《上海海洋大学学报》2022年第31卷第3期，第605-611页）", ("陈新军",)),
        ("（陈新军、张三：原载《学报》2021年第2期）", ("陈新军", "张三")),
        ("（人民日报，载《求是》2022年第3期）", ()),
    ],
)
def test_the_names_before_where_a_work_was_carried_are_its_writers(
    raw: str, names: tuple[str, ...]
) -> None:
    ref = Reference(
        id="r", title="标题", container_title="学报", provenance=(Provenance("d.txt", 3, 3, raw),)
    )
    assert tuple(a.literal for a in clean_container(ref).author) == names


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Source: chinaservicesinfo.com, March 2022", "2022-03"),
        ("Sept. 2021", "2021-09"),
        ("5 March 2022", "2022-03-05"),
        ("Mayor 2020", None),
    ],
)
def test_an_english_month_of_a_year_is_a_date(text: str, iso: str | None) -> None:
    found = find_dates(text)
    assert (found[0].date.iso() if found else None) == iso


def test_a_lead_reporter_before_a_slash_is_named_without_the_place() -> None:
    text = (
        "剪报\n\n助长辈健康老化 部长推中草药\n"
        "卫福部长指出，中医及中草药的养生观念与文化，可协助长辈们健康老化。（记者傅希尧摄）\n"
        "记者傅希尧∕台北报导\n"
        "卫福部长23日指出，台湾地区将进入超高龄社会，中医及中草药的养生观念与文化，可协助长辈们。\n"
        "（Yahoo奇摩新闻，2025-11-23）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert [a.literal for a in ref.author] == ["傅希尧"]
