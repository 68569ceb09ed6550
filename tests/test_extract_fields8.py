"""Fields of found records, round 8: a repost's day is not the work's, a person's name is no
container, bylines in brackets and English bylines before a bar read whole."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.bylines import is_byline, parse_names_after_roles
from citekit.extract.labels import clean_container
from citekit.model import Name, PartialDate, Provenance, Reference


def _ref(raw: str, **fields: object) -> Reference:
    base: dict[str, object] = {"id": "r", "title": "标题"}
    base.update(fields)
    return Reference(**base, provenance=(Provenance("doc.txt", 3, 3, raw),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "container"),
    [
        ("（文章来源：中国青年报；新华网2020年11月25日转载）", "中国青年报"),
        ("故宫博物院院刊（来源：故宫博物院院刊，2025-05-20转载）", "故宫博物院院刊"),
    ],
)
def test_the_day_a_page_reposted_a_work_is_not_its_date(raw: str, container: str) -> None:
    day = next(d for d in ("2020-11-25", "2025-05-20") if d[:4] in raw)
    ref = clean_container(_ref(raw, container_title=container, issued=PartialDate.parse(day)))
    assert ref.issued is None
    assert "reposted" in ref.warnings[-1]


def test_the_reposting_page_keeps_its_own_day() -> None:
    raw = "（文章来源：中国青年报；新华网2020年11月25日转载）"
    ref = clean_container(
        _ref(raw, container_title="新华网", issued=PartialDate.parse("2020-11-25"))
    )
    assert ref.issued == PartialDate.parse("2020-11-25")
    assert ref.warnings == ()


def test_a_day_printed_as_the_works_own_stays() -> None:
    raw = "（来源：中国青年报 2020年11月25日 第3版；转载请注明出处）"
    ref = clean_container(
        _ref(raw, container_title="中国青年报", issued=PartialDate.parse("2020-11-25"))
    )
    assert ref.issued == PartialDate.parse("2020-11-25")


def test_a_persons_name_as_source_is_the_author_not_the_container() -> None:
    raw = "农村土地流转的制度约束时间: 2016-09-11信息来源:李恒 作者:hjr_admin"
    ref = clean_container(_ref(raw, container_title="李恒"))
    assert ref.container_title is None
    assert ref.author == (Name(literal="李恒"),)
    assert "person" in ref.warnings[-1]


@pytest.mark.parametrize(
    "outlet", ["南都", "钱江", "文汇报", "高新院", "海外网", "邢强博士", "温州人"]
)
def test_an_outlet_that_starts_like_a_surname_stays_the_container(outlet: str) -> None:
    ref = clean_container(_ref(f"来源：{outlet}", container_title=outlet))
    assert ref.container_title == outlet
    assert ref.author == ()


def test_a_name_in_book_title_marks_is_a_publication_not_a_person() -> None:
    ref = clean_container(_ref("（来源：《李白》2018-10-28）", container_title="李白"))
    assert ref.container_title == "李白"
    assert ref.author == ()


def test_an_english_byline_name_runs_to_the_bar() -> None:
    raw = "By Jiang Li | 2025/1/22 23:18:45"
    ref = clean_container(_ref(raw, container_title="Li", author=(Name(literal="Jiang"),)))
    assert [a.literal for a in ref.author] == ["Jiang Li"]
    assert ref.container_title is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Lu Wenao | 2025/1/21 22:49:53", ("Lu Wenao",)),
        ("By Mei Jia | China Daily Africa | Updated: 2017-06-16 08:41", ("Mei Jia",)),
        ("（信达证券研究报告，作者左前明；国际电力网2021年9月6日转载）", ("左前明",)),
        ("（来源：人民日报 作者：王五（特约））", ("王五",)),
        ("（记者 张三）", ("张三",)),
    ],
)
def test_names_in_a_bracketed_or_barred_byline(line: str, names: tuple[str, ...]) -> None:
    assert parse_names_after_roles(line) == names
    assert is_byline(line) or len(line) > 30


def test_a_bracketed_attribution_gives_its_author_end_to_end() -> None:
    text = (
        "电力行业研究:新型电力系统的特点、趋势与投资机会\n"
        "当前,电力行业CO2排放约占我国CO2排放总量的四成。\n"
        "（信达证券研究报告，作者左前明；国际电力网2021年9月6日转载）\n"
    )
    refs = citekit.extract_text(text).references
    assert refs
    assert any(a.display == "左前明" for r in refs for a in r.author)


@pytest.mark.parametrize("name", ["傅莹", "赖锦宏", "賴錦宏", "阎学通", "於方", "巨云鹏", "濮励杰"])
def test_common_surnames_outside_the_first_hundreds_are_read_as_people(name: str) -> None:
    from citekit.extract.bylines import looks_like_person

    assert looks_like_person(name)


def test_a_name_list_under_the_title_gives_the_authors_of_a_tail_attribution() -> None:
    text = (
        "智慧养老研究：理论回顾与未来机会\n"
        "左美云　沈原燕杭　段睿睿\n"
        "自2011年“智慧养老”术语提出以来，相关研究逐渐增多。\n"
        "（《人口与社会》2022年第4期）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == ["左美云", "沈原燕杭", "段睿睿"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("文｜张三", ("张三",)),
        ("文 | 张三 李四", ("张三", "李四")),
        ("撰文｜郑政", ("郑政",)),
        ("文/图 王五", ("王五",)),
        ("文图/王五", ("王五",)),
        ("文/周博文", ("周博文",)),
        ("记者 张三 李四 实习生 王五", ("张三", "李四", "王五")),
        ("作者：Norvald H. Ryeng　译：徐轶韬", ("Norvald H. Ryeng",)),
        ("原文作者：Chen Hui jing", ("Chen Hui jing",)),
        ("作者：Wang Fang, Li Lei", ("Wang Fang", "Li Lei")),
        ("责任编辑：王五", ()),
        ("记者 王腾 摄", ()),
        ("本报记者 张三 摄影 李四", ("张三",)),
    ],
)
def test_bylines_in_the_shapes_pages_print_them(line: str, names: tuple[str, ...]) -> None:
    assert parse_names_after_roles(line) == names


def test_a_headline_in_title_case_is_no_list_of_names() -> None:
    from citekit.extract.bylines import is_name_list

    assert not is_name_list("China's National Library Opens Readers' Festival")
    assert not is_name_list("The National Library of China Sunday opened its doors")


def test_names_alone_in_brackets_in_an_attribution_are_its_authors() -> None:
    line = (
        "摘自：中华预防医学会第十四届学术交流会论文（郑力　吴曙霞　樊兆春），中国疾控中心网站录入"
    )
    assert parse_names_after_roles(line) == ("郑力", "吴曙霞", "樊兆春")
    assert parse_names_after_roles("（来源：光明日报 2020年1月1日）") == ()


@pytest.mark.parametrize("word", ["原文", "时间", "全文", "文章", "原创"])
def test_words_of_attribution_lines_are_no_person(word: str) -> None:
    from citekit.extract.bylines import looks_like_person

    assert not looks_like_person(word)
    assert parse_names_after_roles(f"{word} 作者：张三", bare=True) == ("张三",)


def test_writers_in_brackets_opening_the_lead() -> None:
    text = (
        "南京图书馆新馆建成开放\n"
        "http://www.sina.com.cn 2006年11月07日01:32 南京报业网-南京日报\n"
        "  【南京日报报道】 (张粉琴李冀) 我省重点文化设施南京图书馆新馆落成典礼昨天举行。\n"
    )
    from citekit.extract.leadreporters import lead_reporters
    from citekit.extract.text import LineMap

    assert lead_reporters(LineMap(text), 1, 3) == ("张粉琴", "李冀")


@pytest.mark.parametrize(
    "line",
    [
        "Saturday, September 6, 2008",
        "2 August 2023 | 10:30 GMT+8",
        "2023年8月2日 星期三",
        "2023-08-02 | 阅读 123",
        "Time: 2023.08.02 09:31:12",
        "Posted on 2023-08-02",
    ],
)
def test_a_page_date_with_its_weekday_zone_or_counter_is_a_date_line(line: str) -> None:
    from citekit.extract.blockdates import date_line

    assert date_line(line) == PartialDate.parse("2023-08-02") or "2008" in line


def test_a_date_beside_an_outlet_is_no_date_line() -> None:
    from citekit.extract.blockdates import date_line

    assert date_line("2023-08-02 新华网") is None


@pytest.mark.parametrize(
    ("line", "ok"), [("张三 李四 王五 等", True), ("张三、李四等", True), ("平等", False)]
)
def test_a_list_of_names_may_close_with_et_al(line: str, ok: bool) -> None:
    from citekit.extract.bylines import is_name_list

    assert is_name_list(line) is ok
