"""Evidence, not vetoes: the variants real news references come in, and the works they hide.

Spellings are the ones stored public pages print (tests/data/dupes_real/ names the pages):
``人民網-人民日報海外版``, ``东方网·纵相新闻``, ``央视新闻客户端``, ``中青报``, ``Xinhua News
Agency``, 第12期, a wire dated the day before its print copy, 文号 in titles.
"""

from __future__ import annotations

import pytest

from citekit.aliases import load_aliases
from citekit.checks.blocking import BlockingReport
from citekit.checks.duplicates import compare_references, find_duplicates
from citekit.checks.normalize_text import doc_numbers, fold, numbers, part_markers, title_forms
from citekit.checks.sources import relate_sources, source_name
from citekit.model import Library, Name, PartialDate, Reference

TITLE = "执政党候选人培尼亚当选巴拉圭总统"  # 新华社 2023-04-30, reprinted by 人民网 2023-05-01


def news(
    key: str,
    title: str | None = TITLE,
    source: str | None = "新华社",
    date: str | None = "2023-04-30",
    authors: tuple[str, ...] = (),
    type: str = "article-newspaper",
    **kw: object,
) -> Reference:
    return Reference(
        key,
        type,
        title=title,
        container_title=source,
        issued=PartialDate.parse(date) if date else None,
        author=tuple(Name.parse(a) for a in authors),
        **kw,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------- source names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("人民網-人民日報海外版", "人民日报海外版", id="site-newspaper-compound"),
        pytest.param("东方网·纵相新闻", "纵相新闻", id="middle-dot-compound"),
        pytest.param("央视新闻客户端", "央视新闻", id="client-suffix"),
        pytest.param("中青报", "中国青年报", id="abbreviation"),
        pytest.param("Xinhua News Agency", "新华社", id="english-name"),
        pytest.param("人民日报社", "人民日報", id="baoshe-suffix-traditional"),
        pytest.param("Economic Forum", "经济论坛", id="journal-translation"),
    ],
)
def test_one_source_spelt_two_ways(a: str, b: str) -> None:
    aliases = load_aliases(None)
    assert relate_sources(source_name(a, aliases), source_name(b, aliases)).relation == "same"
    assert compare_references(news("a", source=a), news("b", source=b)).decision == "duplicate"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("新华社", "新华网"),
        ("人民日报", "人民网"),
        ("中国日报", "中国日报网"),
        ("中新社", "中新网"),
    ],
)
def test_an_agency_or_paper_and_its_website_are_two_sources(a: str, b: str) -> None:
    aliases = load_aliases(None)
    assert relate_sources(source_name(a, aliases), source_name(b, aliases)).relation == "different"


# ------------------------------------------------------------------------------ numbers


def test_issue_numbers_compare_as_numbers() -> None:
    a = news("a", source="经济论坛", date="2020", issue="第6期", type="article-journal")
    b = news("b", source="经济论坛", date="2020", issue="06", type="article-journal")
    c = news("c", source="经济论坛", date="2020", issue="7", type="article-journal")
    assert numbers("第12期") == numbers("12") == numbers("012") == ("12",)
    assert compare_references(a, b).decision == "duplicate"
    assert "another issue" in compare_references(a, c).reason


def test_diacritics_fold_to_ascii() -> None:
    assert fold("Müller") == fold("Mueller") == fold("Muller")
    a = news("a", title="Interview mit Jürgen Müller über China", source="Die Zeit")
    b = news("b", title="Interview mit Juergen Mueller ueber China", source="Die Zeit")
    assert compare_references(a, b).decision == "duplicate"


def test_a_document_number_is_not_a_part_number() -> None:
    title = "关于印发《长江三角洲城市群发展规划》的通知（发改规划〔2016〕1176号）"
    assert part_markers(title) == frozenset()
    assert doc_numbers(title) == ("发改规划|2016|1176",)
    a = news("a", title=title, source="中国政府网", date="2016-06-03")
    b = news("b", title=title.replace("〔2016〕1176号", "[2016]第1176号"), source="中国政府网",
             date="2016-06-03")  # fmt: skip
    other = news("c", title=title.replace("1176", "1177"), source="中国政府网", date="2016-06-03")
    assert compare_references(a, b).decision in ("duplicate", "possible")
    assert "different document numbers" in compare_references(a, other).reason


def test_column_tags_are_not_part_of_the_title() -> None:
    forms = title_forms("【十年·中国观察】“小粉红”还是“躺平一代”？中国当代青年呈现多色光谱")
    assert forms.core == fold("“小粉红”还是“躺平一代”？中国当代青年呈现多色光谱")
    a = news("a", title="特稿：中国战“疫”五字诀", date="2023-01-11")
    b = news("b", title="中国战“疫”五字诀", date="2023-01-11")
    verdict = compare_references(a, b)
    assert verdict.decision == "duplicate"
    assert "same title apart from a column tag" in verdict.evidence_for


# -------------------------------------------------------------------------------- dates


def test_a_wire_dated_the_day_before_its_print_copy() -> None:
    title = "国家主席习近平发表二〇二四年新年贺词"
    wire = news("wire", title=title, date="2023-12-31")
    copy = news("copy", title=title, date="2024-01-01")
    verdict = compare_references(wire, copy)
    assert verdict.decision == "duplicate"
    assert any("one day apart" in w for w in verdict.evidence_for)
    later = news("later", title=title, date="2024-01-03")
    assert compare_references(wire, later).decision != "duplicate"


# ------------------------------------------------------------------------------ authors


def test_different_named_authors_are_different_works() -> None:
    gansu = news("a", "政府工作报告", None, "2023-01-15", ("任振鹤",), type="report")
    shanxi = news("b", "政府工作报告", None, "2023-01-15", ("金湘军",), type="report")
    verdict = compare_references(gansu, shanxi)
    assert verdict.decision == "distinct"
    assert any("different authors" in w for w in verdict.evidence_against)


def test_a_shortened_body_name_is_the_same_author() -> None:
    a = news("a", "抗击新冠肺炎疫情的中国行动", date="2020-06-07",
             authors=("中华人民共和国国务院新闻办公室",))  # fmt: skip
    b = news("b", "抗击新冠肺炎疫情的中国行动", date="2020-06-07", authors=("国务院新闻办公室",))
    assert compare_references(a, b).decision == "duplicate"


def test_bylines_that_name_no_person_do_not_count_as_authors() -> None:
    a = news("a", authors=("新华社记者",))
    b = news("b", authors=("陈昊佺",))
    assert compare_references(a, b).decision == "duplicate"


# ---------------------------------------------------------------------- generic titles


def test_a_bare_stock_title_is_not_contained_in_every_templated_one() -> None:
    bare = news("bare", "政府工作报告", None, "2024", type="report")
    provinces = [
        news(f"p{n}", f"{p}政府工作报告", None, "2024", type="report")
        for n, p in enumerate(["甘肃省", "江苏省", "安徽省", "北京市"])
    ]
    groups = find_duplicates(Library([bare, *provinces]))
    assert groups == []


def test_genericity_comes_from_the_library_not_a_list() -> None:
    # A title cited for many different years is generic, whatever its words.
    refs = [
        news(f"r{y}", "青年早新闻", "中国青年报客户端", f"{y}-01-01") for y in range(2018, 2026)
    ]
    refs.append(news("again", "青年早新闻", "中国青年报客户端", None))
    assert not [g for g in find_duplicates(Library(refs)) if "again" in g.ids]


# ------------------------------------------------------------------------------ reposts


def test_a_wire_printed_by_other_sources_is_one_repost_group_citing_the_wire() -> None:
    lib = Library(
        [
            news("rmw", source="人民网", date="2023-05-01"),
            news("xinhua", authors=("陈昊佺",)),
            news("gzrb", source="广州日报", date="2023-05-01", page="A3"),
            news("xinhua2", source="新華社"),
        ]
    )
    groups = find_duplicates(lib)
    assert [(g.decision, g.ids) for g in groups if g.decision == "duplicate"] == [
        ("duplicate", ("xinhua", "xinhua2"))
    ]
    (repost,) = [g for g in groups if g.decision == "repost"]
    assert set(repost.ids) == {"rmw", "xinhua", "gzrb", "xinhua2"}
    assert repost.original == "xinhua"
    assert any(w.startswith("another source") for w in repost.evidence_against)
    assert repost.to_json()["original"] == "xinhua"


def test_reasons_name_evidence_for_and_against() -> None:
    verdict = compare_references(news("a"), news("b", date=None))
    assert verdict.reason.startswith("for: same title")
    assert "against: only one has a date" in verdict.reason


# ----------------------------------------------------------------------------- blocking


def test_an_oversized_block_is_compared_in_sub_blocks_and_reported() -> None:
    refs = [news(f"s{n}", "卷首语", None, None) for n in range(120)]
    refs += [news(f"d{n}", "卷首语", "统计科学与实践", f"{2000 + n}-01-01") for n in range(60)]
    refs.append(news("twin", "卷首语", "统计科学与实践", "2001-01-01", page="3"))
    refs.append(news("d1p", "卷首语", "统计科学与实践", "2001-01-01", page="3"))
    report = BlockingReport()
    groups = find_duplicates(Library(refs), report=report)
    assert [g.ids for g in groups if g.decision == "duplicate"] == [("twin", "d1p")]
    (block,) = report.oversized
    assert block.key == fold("卷首语") and block.size == 182 and block.vague == 120
    assert "not compared" in str(block)


def test_an_unknown_translation_of_a_journal_name_is_worth_a_look() -> None:
    # 经济学动态 / Economic Perspectives is in no table: not the same source, not another one.
    a = news(
        "a", "数字经济与高质量发展", "经济学动态", "2021", ("王明",), "article-journal", issue="3"
    )
    b = a.replace(id="b", container_title="Economic Perspectives")
    verdict = compare_references(a, b)
    assert verdict.decision == "possible"
    assert any("perhaps a translation" in w for w in verdict.evidence_against)
