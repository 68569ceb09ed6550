"""Duplicate sources: the same article spelled differently is found; look-alikes stay apart.

Titles and attributions are the real ones of seeds/000 and seeds/001 (浙江“两会”专题), re-spelt
the way other bulletins reprint them: full-width digits, traditional characters, 《》 or not,
浙江在线网 for 浙江在线, another date format.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.checks.duplicates import (
    Decisions,
    DuplicateGroup,
    compare_references,
    find_duplicates,
)
from citekit.checks.normalize_text import _VARIANTS, fold, numbers, part_markers, to_simplified
from citekit.model import Library, PartialDate, Provenance, Reference

AMAZON = "交易额破 5 亿元 来看阿里巴巴丽水产业带的成绩单"  # seeds/000 l.296, 浙江在线网 2018-1-17
JIANGSHAN = "江山木门迈向智能制造"  # seeds/000 l.324
LISHUI = "以“丽水之干”担纲“丽水之赞”"  # seeds/000 l.98, 《丽水日报》2018-9-3
LISHUI_SUB = "以“丽水之干”担纲“丽水之赞” 高质量谱写“八八战略”丽水新篇章"
XU = "徐文光：衢州打造山海协作升级版"  # seeds/001


def ref(
    key: str,
    title: str | None,
    container: str | None = "浙江在线",
    date: str | None = "2018-1-17",
    source: str = "seeds/000_eabb3536ebd0d52d.txt",
    line: int = 322,
    **kw: object,
) -> Reference:
    """A record as extraction makes it, with a provenance in ``source``."""
    return Reference(
        key,
        "article-newspaper",
        title=title,
        container_title=container,
        issued=PartialDate.parse(date) if date else None,
        provenance=(Provenance(source, line, line, f"（来源：{container} {date}）"),),
        **kw,  # type: ignore[arg-type]
    )


# -------------------------------------------------------------------------- same source

SAME = [
    pytest.param(
        ref("a", AMAZON, "浙江在线网", "2018-1-17"),
        ref("b", "交易额破５亿元　来看阿里巴巴丽水产业带的成绩单", "《浙江在线》", "2018-01-17"),
        id="alias-container-full-width-digit",
    ),
    pytest.param(
        ref("a", JIANGSHAN, "浙江在线", "2018-9-12"),
        ref("b", "江山木門邁向智能製造", "浙江在线", "2018年9月12日"),
        id="traditional-characters",
    ),
    pytest.param(
        ref("a", LISHUI, "丽水日报", "2018-9-3"),
        ref("b", '以"丽水之干"担纲"丽水之赞"', "《丽水日报》", "2018.09.03"),
        id="ascii-quotes-book-title-marks",
    ),
    pytest.param(
        ref("a", XU, "浙江日报", "2018-06-30"),
        ref("b", "徐文光: 衢州打造山海协作升级版", "浙報", "2018-6-30"),
        id="half-width-colon-traditional-alias",
    ),
    pytest.param(
        ref("a", "二〇一八年丽水市政府工作报告", "丽水日报", "2018"),
        ref("b", "2018年丽水市政府工作报告", "丽水日报", "2018"),
        id="chinese-numerals",
    ),
    pytest.param(
        ref("a", "省委十五届六次全会暨省委经济工作会议", "浙江日报", "2019-12-1"),
        ref("b", "省委十 五屆六次全會暨省委經濟工作會議", "浙江日报", "2019-12-1"),
        id="space-inside-a-numeral",
    ),
    pytest.param(
        ref("a", "Zhejiang Online  Report", "ZJOL", "2018-1-17"),
        ref("b", "zhejiang online report", "浙江在线", "2018-1-17"),
        id="latin-case-spacing",
    ),
    pytest.param(
        ref("a", LISHUI, "丽水日报", "2018"),
        ref("b", LISHUI, "丽水日报", "2018-9-3"),
        id="year-and-full-date-agree",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_source_spelt_differently_is_a_duplicate(a: Reference, b: Reference) -> None:
    verdict = compare_references(a, b)
    assert verdict.decision == "duplicate", verdict
    assert verdict.score >= 97.0


def test_alias_is_named_in_the_reason() -> None:
    a, b = SAME[0].values
    assert "浙江在线网 = 《浙江在线》" in compare_references(a, b).reason


# ----------------------------------------------------------------------------- look-alikes

LOOK_ALIKES = [
    pytest.param(
        "2022年浙江省国民经济和社会发展统计公报",
        "2023年浙江省国民经济和社会发展统计公报",
        "number",
        id="year-in-title",
    ),
    pytest.param(
        "２０２２年浙江省统计公报", "2023年浙江省统计公报", "number", id="full-width-year"
    ),
    pytest.param("山区跨越式发展（上）", "山区跨越式发展（下）", "part", id="upper-lower"),
    pytest.param("山区跨越式发展（上）", "山区跨越式发展", "part", id="upper-vs-whole"),
    pytest.param("山区跨越式发展（一）", "山区跨越式发展（二）", "part", id="part-number"),
    pytest.param("山区发展系列报道之一", "山区发展系列报道之二", "part", id="zhi-yi"),
    pytest.param("共同富裕 第二部分", "共同富裕 第三部分", "part", id="di-er-bufen"),
    pytest.param("“十三五”规划纲要解读", "“十四五”规划纲要解读", "character", id="shisanwu"),
    pytest.param("丽水市推进山海协作工程", "衢州市推进山海协作工程", "character", id="place-name"),
    pytest.param("山区县财政收入增长", "山区县财政收入减长", "character", id="one-character"),
    pytest.param("财政收入增长3.5%", "财政收入增长35%", "number", id="decimal-point"),
    pytest.param(XU, "徐文光：衢州打造山海协作样板版", "character", id="two-characters"),
]


@pytest.mark.parametrize(("title_a", "title_b", "why"), LOOK_ALIKES)
def test_look_alike_titles_stay_apart(title_a: str, title_b: str, why: str) -> None:
    a = ref("a", title_a, "浙江日报", "2023")
    b = ref("b", title_b, "浙江日报", "2023")
    verdict = compare_references(a, b)
    assert verdict.decision == "distinct", verdict
    assert why in verdict.reason
    assert find_duplicates(Library([a, b])) == []


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        pytest.param(
            ref("a", JIANGSHAN, "浙江在线", "2018-9-12"),
            ref("b", JIANGSHAN, "浙江在线", "2019-9-12"),
            "another year",
            id="other-year",
        ),
        pytest.param(
            ref("a", "卷首语", "统计科学与实践", "2018", issue="6"),
            ref("b", "卷首语", "统计科学与实践", "2018", issue="7"),
            "another issue",
            id="other-issue",
        ),
        pytest.param(
            ref("a", JIANGSHAN, doi="10.1000/a"),
            ref("b", JIANGSHAN, doi="10.1000/b"),
            "different DOIs",
            id="other-doi",
        ),
    ],
)
def test_same_title_elsewhere_is_another_source(a: Reference, b: Reference, why: str) -> None:
    verdict = compare_references(a, b)
    assert verdict.decision == "distinct"
    assert why in verdict.reason


# -------------------------------------------------------------------------------- possible


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        pytest.param(
            ref("a", LISHUI, "丽水日报", "2018-9-3"),
            ref("b", LISHUI_SUB, "丽水日报", "2018-9-3"),
            "contains",
            id="subtitle-dropped",
        ),
        pytest.param(
            ref("a", AMAZON),
            ref("b", "交易额破5亿元 来看阿里巴巴丽水产业带成绩单"),
            "similar titles",
            id="de-dropped",
        ),
        pytest.param(
            ref("a", JIANGSHAN, date="2018-9-12"),
            ref("b", JIANGSHAN, date="2018-9-14"),
            "2 days apart",
            id="days-differ",
        ),
        pytest.param(
            ref("a", JIANGSHAN, date="2018-9-12"),
            ref("b", JIANGSHAN, date=None),
            "only one has a date",
            id="date-missing",
        ),
        pytest.param(
            ref("a", JIANGSHAN, container=None),
            ref("b", JIANGSHAN),
            "only one names its source",
            id="source-missing",
        ),
        pytest.param(
            ref("a", None, "浙江在线网", "2018-1-17"),
            ref("b", None, "《浙江在线》", "2018-01-17"),
            "same source and day",
            id="no-titles-same-day",
        ),
    ],
)
def test_uncertain_pairs_are_possible(a: Reference, b: Reference, why: str) -> None:
    verdict = compare_references(a, b)
    assert verdict.decision == "possible", verdict
    assert why in verdict.reason
    (group,) = find_duplicates(Library([a, b]))
    assert group.decision == "possible" and set(group.ids) == {"a", "b"}


def test_untitled_records_of_different_days_are_not_reported() -> None:
    a = ref("a", None, "浙江在线", "2018-1-17")
    b = ref("b", None, "浙江在线", "2018-1-18")
    assert find_duplicates(Library([a, b])) == []


def test_same_url_without_titles_is_a_duplicate_but_a_homepage_is_not() -> None:
    url = "http://zjnews.zjol.com.cn/201801/t20180117_6376612.shtml"
    a = ref("a", None, url=url)
    b = ref("b", None, date=None, url=url.replace("http://", "https://") + "/")
    assert compare_references(a, b).decision == "duplicate"
    home_a = ref("a", None, date="2018-1-1", url="http://www.zjol.com.cn/")
    home_b = ref("b", None, date="2018-2-1", url="https://zjol.com.cn")
    assert compare_references(home_a, home_b).decision == "distinct"


# ------------------------------------------------------------------------------- grouping


def test_one_article_in_three_bulletins_is_one_group_across_documents() -> None:
    lib = Library(
        [
            ref("zjol2018", AMAZON, "浙江在线网", "2018-1-17", source="seeds/000.txt"),
            ref("lsrb2018", LISHUI, "丽水日报", "2018-9-3", source="seeds/000.txt"),
            ref("zjol2018a", "交易额破５亿元来看阿里巴巴丽水产业带的成绩单", "浙江在线",
                "2018-01-17", source="seeds/001.txt"),
            ref("zjol2018b", "交易額破5億元 來看阿里巴巴麗水產業帶的成績單", "ZJOL",
                "2018年1月17日", source="seeds/002.txt"),
        ]
    )  # fmt: skip
    groups = find_duplicates(lib)
    assert groups == [
        DuplicateGroup(
            ("zjol2018", "zjol2018a", "zjol2018b"),
            "duplicate",
            groups[0].score,
            groups[0].reason,
            groups[0].evidence_for,
            groups[0].evidence_against,
        )
    ]
    assert groups[0].score >= 97.0
    assert groups[0].evidence_for[0].startswith("same title after normalization")
    assert groups[0].to_json()["ids"] == ["zjol2018", "zjol2018a", "zjol2018b"]


def test_a_chain_through_a_vaguer_date_joins_no_two_works() -> None:
    # 2018 agrees with both days, but the two days disagree with each other: the duplicate
    # group is a clique (a, b) and the pair that would join c is only possible, saying why.
    lib = Library(
        [
            ref("a", JIANGSHAN, date="2018-9-12"),
            ref("b", JIANGSHAN, date="2018"),
            ref("c", JIANGSHAN, date="2018-10-1"),
        ]
    )
    groups = find_duplicates(lib)
    dup = [set(g.ids) for g in groups if g.decision == "duplicate"]
    assert all(not {"a", "c"} <= ids for ids in dup)
    joined = [g for g in groups if g.decision == "possible" and "c" in g.ids]
    assert joined and all("dates differ" in g.reason for g in joined)


def test_decisions_silence_a_pair_declared_not_duplicates() -> None:
    a, b = ref("a", JIANGSHAN), ref("b", "江山木門邁向智能製造")
    assert len(find_duplicates(Library([a, b]))) == 1
    decisions = Decisions()
    assert decisions.mark_distinct(["A", "b"])  # keys are case-insensitive
    assert not decisions.mark_distinct(["b", "a"])
    assert find_duplicates(Library([a, b]), decisions=decisions) == []
    assert Decisions.from_mapping(decisions.to_mapping()).is_distinct("a", "B")


def test_bad_decisions_mapping_names_the_file() -> None:
    with pytest.raises(ValueError, match=r"refs/_decisions.yaml: distinct entry 1"):
        Decisions.from_mapping({"distinct": [["only-one"]]}, "refs/_decisions.yaml")


# --------------------------------------------------------------------------- normalization


def test_fold_keeps_every_chinese_character_and_drops_only_form() -> None:
    assert fold("《浙江在线》") == fold("浙江在线") == "浙江在线"
    assert fold("“八八战略”的山区实践") == "88战略的山区实践"
    assert fold("江山木門 邁向智能製造") == fold(JIANGSHAN)
    assert to_simplified("丽水") == "丽水"


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=30))
@settings(max_examples=200, deadline=None)
def test_fold_never_strips_cjk(text: str) -> None:
    folded = fold(text)
    # Numerals may become digits; every other character survives, in simplified form.
    kept = [
        c
        for c in to_simplified(text).translate(_VARIANTS)
        if c not in "〇零一二两三四五六七八九十百"
    ]
    assert all(c in folded for c in kept)


def test_numbers_and_parts() -> None:
    assert numbers("二〇二二年第十九期") == numbers("2022年第19期") == ("19", "2022")
    assert fold("增长3.5%") != fold("增长35%")
    assert part_markers("回眸 下") == {"下"} and part_markers("线上办事") == frozenset()
    assert part_markers("之三") == part_markers("（三）") == part_markers("第三部分") == {"3"}


# ------------------------------------------------------------------------------ properties

VARIANTS = [
    (AMAZON, "浙江在线网", "2018-1-17"),
    ("交易額破５億元 來看阿里巴巴麗水產業帶的成績單", "浙江在线", "2018-01-17"),
    (JIANGSHAN, "浙江在线", "2018-9-12"),
    ("江山木门迈向智能制造（上）", "浙江在线", "2018-9-12"),
    (JIANGSHAN, "浙江日报", "2018-9-12"),
    (JIANGSHAN, "浙江在线", "2018"),
    (LISHUI, "丽水日报", "2018-9-3"),
    (LISHUI_SUB, "《丽水日报》", "2018-09-03"),
    (XU, "浙江日报", "2018-06-30"),
    ("徐文光:衢州打造山海协作升级版", "浙报", "2018-6-30"),
    (None, "浙江在线", "2018-9-12"),
]


def _as_sets(groups: list[DuplicateGroup]) -> set[tuple[frozenset[str], str, float, str]]:
    return {(frozenset(g.ids), g.decision, g.score, g.reason) for g in groups}


@given(st.lists(st.sampled_from(range(len(VARIANTS))), min_size=2, max_size=14), st.randoms())
@settings(max_examples=60, deadline=None)
def test_find_duplicates_is_invariant_under_shuffling(picks: list[int], rnd: random.Random) -> None:
    refs = [ref(f"k{n}", *VARIANTS[v]) for n, v in enumerate(picks)]
    shuffled = refs[:]
    rnd.shuffle(shuffled)
    assert _as_sets(find_duplicates(Library(refs))) == _as_sets(find_duplicates(Library(shuffled)))


@given(st.sampled_from(VARIANTS), st.sampled_from(VARIANTS))
@settings(deadline=None)  # the first call loads OpenCC's dictionaries
def test_compare_is_symmetric(x: tuple[str, str, str], y: tuple[str, str, str]) -> None:
    a, b = ref("a", *x), ref("b", *y)
    assert compare_references(a, b) == compare_references(b, a)


def test_blocking_still_finds_planted_duplicates_among_thousands() -> None:
    # Speed is shown by benchmarks/bench_dupes.py; here: blocking loses no planted duplicate.
    rnd = random.Random(7)
    refs = []
    for n in range(3000):
        # distinct synthetic titles: a place, a topic and a serial number
        title = f"{rnd.choice('丽衢温台金湖嘉绍舟杭')}州第{n}期山海协作工作简报"
        refs.append(ref(f"r{n}", title, "浙江日报", f"20{10 + n % 10}-1-1"))
    planted = [ref(f"dup{n}", refs[n].title.replace("工作", "工作 "), "浙報",  # type: ignore[union-attr]
                   refs[n].issued.iso()) for n in range(0, 3000, 100)]  # type: ignore[union-attr]  # fmt: skip
    groups = find_duplicates(Library(refs + planted))
    assert {frozenset(g.ids) for g in groups} == {
        frozenset((f"r{n}", f"dup{n}")) for n in range(0, 3000, 100)
    }


def test_possible_group_never_joins_two_different_works() -> None:
    # The short title may be either long one, but the long ones differ in a character.
    short = ref("s", "全面打好生态环境保护攻坚战")
    one = ref("x", "全面打好生态环境保护攻坚战 丽水打造样板")
    other = ref("y", "全面打好生态环境保护攻坚战 衢州打造样板")
    groups = find_duplicates(Library([short, one, other]))
    assert {frozenset(g.ids) for g in groups} == {frozenset("sx"), frozenset("sy")}
    assert {g.decision for g in groups} == {"possible"}


def test_a_stock_title_cited_hundreds_of_times_is_grouped_by_source_and_year() -> None:
    sources = ["浙江日报", "丽水日报", "浙江在线", "新华社", "人民日报"]
    refs = [
        ref(f"r{n}", "政府工作报告", sources[n % 5], f"{2000 + n // 5}-3-5") for n in range(500)
    ]
    refs.append(ref("again", "政府工作报告", "浙報", "2003-03-05"))  # = r15
    refs.append(ref("undated", "政府工作报告", "浙江日报", None))
    groups = find_duplicates(Library(refs))
    # Same source and day: perhaps two pieces of that title in one paper, so only possible.
    assert [(g.ids, g.decision) for g in groups if g.decision != "repost"] == [
        (("r15", "again"), "possible")
    ]
    # Undated, it could be any year's report: a stock title with nothing else that agrees
    # (no day, no author) is evidence of nothing, so it is not offered 100 times.
    assert not [g for g in groups if "undated" in g.ids]
    # Other papers' 政府工作报告 of the same day may be other governments' reports: a stock
    # title in another source is not offered as a repost either.
    assert [g.ids for g in groups if "r15" in g.ids] == [("r15", "again")]


def test_a_stock_title_is_a_duplicate_when_the_author_or_page_agrees_too() -> None:
    a = ref("a", "编者按", "宁波日报", "2021-11-10", page="A2")
    b = ref("b", "编者按", "宁波日报", "2021-11-10", page="A02")
    c = ref("c", "编者按", "宁波日报", "2021-11-10", page="A5")
    assert compare_references(a, b).decision == "duplicate"
    verdict = compare_references(a, c)
    assert verdict.decision == "distinct" and "other pages of the same day" in verdict.reason
