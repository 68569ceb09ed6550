"""A journal-contents bulletin (期刊目次 / 新刊速递 / 目录): a heading names the journal, year and
issue, and gives them to every entry under it; entries are found by the shape their block
repeats (``标题 作者 (页码)``, ``标题/作者``, ``标题……作者……页码``, ``作者：标题``, numbered,
wrapped), not by a pattern per journal. Section labels are not entries."""

from __future__ import annotations

import pytest

from citekit.documents import Document
from citekit.extract import extract_document
from citekit.extract.contents import issue_heading
from citekit.model import Reference


def _entries(text: str) -> list[Reference]:
    ex = extract_document(Document("toc.txt", text, "utf-8"))
    return [r for r in ex.references if r.type.startswith("article")]


def _fields(r: Reference) -> tuple[object, ...]:
    year = r.issued.year if r.issued else None
    return (r.container_title, year, r.volume, r.issue)


@pytest.mark.parametrize(
    ("line", "container", "year", "volume", "issue"),
    [
        pytest.param("《经济研究》2024年第3期", "经济研究", 2024, None, "3", id="book-brackets"),
        pytest.param("中国行政管理 2024(5)", "中国行政管理", 2024, None, "5", id="year-(issue)"),
        pytest.param("图书馆论坛 2023, 43(7)", "图书馆论坛", 2023, "43", "7", id="cited-form"),
        pytest.param("情报杂志，2022，41(2)", "情报杂志", 2022, "41", "2", id="full-width-commas"),
        pytest.param(
            "《图书情报知识》2021年第38卷第4期", "图书情报知识", 2021, "38", "4", id="year-volume"
        ),
        pytest.param("《编辑之友》2020年第9期（第289期）", "编辑之友", 2020, None, "9", id="tail"),
        pytest.param(
            "《档案学研究》2024年第2期（第38卷）", "档案学研究", 2024, "38", "2", id="vol"
        ),
        pytest.param("出版发行研究 2019年11期", "出版发行研究", 2019, None, "11", id="no-di"),
        pytest.param(
            "Library Trends, 2023, 71(4)", "Library Trends", 2023, "71", "4", id="english-cited"
        ),
        pytest.param(
            "China Economist Vol. 18, No. 3, 2023", "China Economist", 2023, "18", "3", id="vol-no"
        ),
    ],
)
def test_a_heading_names_journal_year_volume_and_issue(
    line: str, container: str, year: int, volume: str | None, issue: str
) -> None:
    h = issue_heading(line, 1)
    assert h is not None and h.journal
    assert (h.container, h.issued.year if h.issued else None, h.volume, h.issue) == (
        container,
        year,
        volume,
        issue,
    )


@pytest.mark.parametrize(
    "line",
    [
        "专题信息 2026年第1期",  # the bulletin's own masthead
        "今年1-5月 2024年5期",
        "景区游客量于 2020年12月",
        "来源：人民日报 2024(5)",
    ],
)
def test_a_masthead_or_a_sentence_is_not_a_journal_heading(line: str) -> None:
    assert issue_heading(line, 1) is None


def test_several_journals_in_one_document_give_their_entries_their_own_issue() -> None:
    text = (
        "期刊目次速递（2026年第2期）\n\n"
        "《图书情报工作》2025年第4期\n"
        "公共图书馆阅读推广的成效评估 / 王小明，李大华（12）\n"
        "高校图书馆空间再造研究 / 赵一（25）\n\n"
        "大学图书馆学报 2025, 43(2)\n"
        "数字人文与图书馆服务……陈二 周三……33\n"
        "古籍数字化的标准问题……吴四……41\n"
    )
    refs = _entries(text)
    assert [r.title for r in refs] == [
        "公共图书馆阅读推广的成效评估",
        "高校图书馆空间再造研究",
        "数字人文与图书馆服务",
        "古籍数字化的标准问题",
    ]
    assert [_fields(r) for r in refs] == [
        ("图书情报工作", 2025, None, "4"),
        ("图书情报工作", 2025, None, "4"),
        ("大学图书馆学报", 2025, "43", "2"),
        ("大学图书馆学报", 2025, "43", "2"),
    ]
    assert [[a.display for a in r.author] for r in refs] == [
        ["王小明", "李大华"],
        ["赵一"],
        ["陈二", "周三"],
        ["吴四"],
    ]
    assert [r.page for r in refs] == ["12", "25", "33", "41"]


def test_each_journal_heading_may_hold_a_single_entry() -> None:
    text = (
        "《情报学报》2024年第3期\n"
        "科研数据共享的激励机制 / 孙甲，钱乙（301）\n\n"
        "《情报资料工作》2023年第6期\n"
        "档案开放审核的实践 / 李丙（55）\n"
    )
    refs = _entries(text)
    assert [(r.title, r.container_title, r.page) for r in refs] == [
        ("科研数据共享的激励机制", "情报学报", "301"),
        ("档案开放审核的实践", "情报资料工作", "55"),
    ]


def test_section_labels_and_subtitles_are_not_entries() -> None:
    text = (
        "《中国出版》2024年第8期 目次\n"
        "【专题研究】\n"
        "出版融合发展的路径 张一 王二 (3)\n"
        "——以地方出版集团为例\n"
        "【特稿】\n"
        "学术期刊评价改革 刘三 (9)\n"
        "编辑实务\n"
        "校对工作的标准化 陈四 (15)\n"
    )
    refs = _entries(text)
    assert [r.title for r in refs] == [
        "出版融合发展的路径——以地方出版集团为例",
        "学术期刊评价改革",
        "校对工作的标准化",
    ]
    assert [r.page for r in refs] == ["3", "9", "15"]


def test_numbered_entries_are_not_page_numbers() -> None:
    text = (
        "《新世纪图书馆》2023年第5期 要目\n"
        "1  智慧图书馆的建设框架／周甲\n"
        "2  图书馆员的数字素养／吴乙，郑丙\n"
        "3  阅读疗法的本土实践／冯丁\n"
    )
    refs = _entries(text)
    assert [r.title for r in refs] == [
        "智慧图书馆的建设框架",
        "图书馆员的数字素养",
        "阅读疗法的本土实践",
    ]
    assert all(r.page is None for r in refs)


def test_an_entry_wrapped_over_two_lines_is_one_entry() -> None:
    text = (
        "中国科技期刊研究 2023(4)\n"
        "开放获取期刊的学术影响力评价及其\n"
        "改进……韩一 魏二……401\n"
        "科技期刊的同行评议……楚三……410\n"
    )
    refs = _entries(text)
    assert [(r.title, r.page) for r in refs] == [
        ("开放获取期刊的学术影响力评价及其改进", "401"),
        ("科技期刊的同行评议", "410"),
    ]
    assert refs[0].provenance[0].start_line == 2 and refs[0].provenance[0].end_line == 3


def test_a_byline_on_its_own_line_with_the_page() -> None:
    text = (
        "《图书馆杂志》2024年第1期\n"
        "公共文化云平台的用户研究\n"
        "    蒋一 沈二 韩三 (17)\n"
        "《图书馆杂志》2024年第2期\n"
        "地方文献的征集\n"
        "杨四　朱五\n"
        "页码：30-38\n"
    )
    refs = _entries(text)
    assert [(r.title, [a.display for a in r.author], r.page, r.issue) for r in refs] == [
        ("公共文化云平台的用户研究", ["蒋一", "沈二", "韩三"], "17", "1"),
        ("地方文献的征集", ["杨四", "朱五"], "30-38", "2"),
    ]


def test_author_first_entries() -> None:
    text = (
        "《档案管理》2022年第6期\n"
        "许一，何二：电子档案的长期保存\n"
        "吕三：档案馆的公共服务转型\n"
        "施四：口述历史档案的整理\n"
    )
    refs = _entries(text)
    assert [(r.title, [a.display for a in r.author]) for r in refs] == [
        ("电子档案的长期保存", ["许一", "何二"]),
        ("档案馆的公共服务转型", ["吕三"]),
        ("口述历史档案的整理", ["施四"]),
    ]


def test_an_issue_line_under_each_entry_is_that_entry_s_source() -> None:
    text = (
        "【其他期刊】\n\n"
        "1  乡村文化振兴的图书馆路径／孔一\n"
        "   《图书馆建设》第7期\n"
        "2  全民阅读立法的比较研究／曹二，严三\n"
        "   国家图书馆学刊，2021，30(3)\n"
    )
    refs = _entries(text)
    assert [(r.title, r.container_title, r.issue) for r in refs] == [
        ("乡村文化振兴的图书馆路径", "图书馆建设", "7"),
        ("全民阅读立法的比较研究", "国家图书馆学刊", "3"),
    ]
    assert refs[1].volume == "30" and refs[1].issued is not None
    assert [(r.provenance[0].start_line, r.provenance[0].end_line) for r in refs] == [
        (3, 4),
        (5, 6),
    ]


def test_english_contents_with_dot_leaders_rubrics_and_a_wrapped_title() -> None:
    text = (
        "China Today  Vol.73 No.4  April 2024\n"
        "Cover Story\n"
        "Rural Revival in Practice ........................................ 12\n"
        "   Villages find new ways to keep young people\n"
        "Culture\n"
        "The Long Road of a Museum Collection Moving\n"
        "Across Provinces ................................................. 20\n"
        "Old Crafts, New Markets .......................................... 26\n"
    )
    refs = _entries(text)
    assert [(r.title, r.page) for r in refs] == [
        ("Rural Revival in Practice", "12"),
        ("The Long Road of a Museum Collection Moving Across Provinces", "20"),
        ("Old Crafts, New Markets", "26"),
    ]
    assert {r.container_title for r in refs} == {"China Today"}


def test_english_entries_with_latin_bylines() -> None:
    text = (
        "Journal of Documentation, 2024, 80(2)\n"
        "Reading habits of rural students. L Zhao, M Chen. 301-320\n"
        "Archives as evidence: a review. P Wang. 321-340\n"
    )
    refs = _entries(text)
    assert [(r.title, [(a.family, a.given) for a in r.author], r.page) for r in refs] == [
        ("Reading habits of rural students", [("Zhao", "L"), ("Chen", "M")], "301-320"),
        ("Archives as evidence: a review", [("Wang", "P")], "321-340"),
    ]


def test_a_title_naming_a_book_is_not_a_journal_heading() -> None:
    text = (
        "《李某文选》重要篇目介绍\n"
        "《李某文选》收入了作者的重要著作九十四篇，其中多数是第一次公开发表。\n"
        "（《人民日报》1989.2.15 第3版）\n"
    )
    ex = extract_document(Document("b.txt", text, "utf-8"))
    [ref] = ex.references
    assert ref.container_title == "人民日报"
    assert ref.title == "《李某文选》重要篇目介绍"


def test_after_a_section_label_entries_of_another_shape_are_another_list() -> None:
    text = (
        "【《文物春秋》“考古研究”栏目选目】\n"
        "青铜器铭文释读 ………………………… 甲一\n"
        "汉代漆器的工艺 ………………………… 乙二\n"
        "唐代墓志所见职官 …………………… 丙三\n"
        "【其他】\n"
        "1  宋代瓷窑的分布／丁四\n"
        "   故宫藏品专题（转载）\n"
        "2  明清书画的鉴定／戊五\n"
    )
    refs = _entries(text)
    assert [(r.title, r.container_title) for r in refs] == [
        ("青铜器铭文释读", "文物春秋"),
        ("汉代漆器的工艺", "文物春秋"),
        ("唐代墓志所见职官", "文物春秋"),
    ]


@pytest.mark.parametrize(
    ("line", "container", "issue"),
    [
        pytest.param("一、《生态学杂志》2021年第8期", "生态学杂志", "8", id="enumerated"),
        pytest.param("【航空学报】2020年第8期", "航空学报", "8", id="square-brackets"),
        pytest.param("【深空探测学报】2017, 4(2)", "深空探测学报", "2", id="square-cited"),
        pytest.param(
            "三、《生物多样性》２０２１年第２９卷第４期", "生物多样性", "4", id="full-width"
        ),
        pytest.param(
            "四、《生态学报》2018年第15期　专论与综述", "生态学报", "15", id="section-tail"
        ),
        pytest.param("现代情报 | 2024年第3期", "现代情报", "3", id="bar"),
        pytest.param("图书馆建设 2024年第3期", "图书馆建设", "3", id="bare-name"),
        pytest.param("《图书馆建设》（2024年第3期）", "图书馆建设", "3", id="bracketed-issue"),
        pytest.param(
            "Journal of Documentation, Volume 80, Issue 2, 2024",
            "Journal of Documentation",
            "2",
            id="volume-issue-words",
        ),
    ],
)
def test_numbered_bracketed_and_full_width_headings(line: str, container: str, issue: str) -> None:
    h = issue_heading(line, 1)
    assert h is not None and (h.container, h.issue) == (container, issue)


def test_one_issue_per_article_with_bylines_under_titles_and_bare_entries() -> None:
    text = (
        "期刊目次辑要\n"
        "一、《地理研究》２０２０年第３期\n"
        "城市群空间结构的演化\n"
        "\u3000苏明　李华　阿旺久美　等……………………………………９１\n"
        "二、《自然资源学报》２０１９年第２期\n"
        "湿地保护的成本分担……陶某　严某……２０５\n"
        "三、《新民周刊》２０２０年第２５期\n"
        "暴雨考验下的城市\n"
        "四、《科学导报》２０１６年第４０期\n"
        "这种卫星能看到什么\n"
    )
    refs = _entries(text)
    assert [(r.title, r.container_title, r.issue, r.page) for r in refs] == [
        ("城市群空间结构的演化", "地理研究", "3", "91"),
        ("湿地保护的成本分担", "自然资源学报", "2", "205"),
        ("暴雨考验下的城市", "新民周刊", "25", None),
        ("这种卫星能看到什么", "科学导报", "40", None),
    ]
    assert [a.display for a in refs[0].author] == ["苏明", "李华", "阿旺久美"]


@pytest.mark.parametrize(
    ("text", "container", "volume", "issue"),
    [
        pytest.param("《读书》\n2024年第3期\n", "读书", None, "3", id="name-then-issue"),
        pytest.param("【图书馆论坛】\n第44卷 第5期 2024年5月\n", "图书馆论坛", "44", "5", id="vol"),
        pytest.param(
            "Library Hi Tech\nVol. 42 No. 2 (2024)\n", "Library Hi Tech", "42", "2", id="en"
        ),
    ],
)
def test_a_journal_named_on_the_line_above_its_issue(
    text: str, container: str, volume: str | None, issue: str
) -> None:
    from citekit.extract.contents import find_issue_headings
    from citekit.extract.text import LineMap

    [h] = find_issue_headings(LineMap(text), [1, 2])
    assert (h.line, h.container, h.volume, h.issue) == (2, container, volume, issue)


def test_an_issue_line_under_a_sentence_is_no_heading() -> None:
    from citekit.extract.contents import find_issue_headings
    from citekit.extract.text import LineMap

    assert find_issue_headings(LineMap("今天天气很好。\n2024年第3期\n"), [1, 2]) == []


@pytest.mark.parametrize("line", ["《求是》2024/06", "《瞭望》2024.03"])
def test_year_and_issue_joined_by_a_slash_or_dot(line: str) -> None:
    h = issue_heading(line, 1)
    assert h is not None and h.issued is not None and h.issued.year == 2024


def test_entries_that_name_their_own_journal_and_issue() -> None:
    text = (
        "论文选目\n\n"
        "1. 基层治理的数字化路径／张三，李四．《中国行政管理》2024年第3期\n"
        "2. 张明：乡村振兴中的公共服务，《经济研究》2023年第5期。\n"
        "3. 公共文化服务标准化研究　王五　图书馆论坛 2022(4)\n"
        "4. 城市更新的治理逻辑，赵六，《城市规划》2021年第7期，第12-20页\n"
    )
    refs = _entries(text)
    assert [
        (r.title, [a.display for a in r.author], r.container_title, r.issue, r.page) for r in refs
    ] == [
        ("基层治理的数字化路径", ["张三", "李四"], "中国行政管理", "3", None),
        ("乡村振兴中的公共服务", ["张明"], "经济研究", "5", None),
        ("公共文化服务标准化研究", ["王五"], "图书馆论坛", "4", None),
        ("城市更新的治理逻辑", ["赵六"], "城市规划", "7", "12-20"),
    ]


def test_a_sentence_naming_a_journal_issue_is_not_an_entry() -> None:
    text = "动态\n该研究成果发表在《经济研究》2024年第3期上，引起学界关注。\n"
    assert _entries(text) == []


def test_a_contributors_role_after_the_names_is_no_name() -> None:
    refs = _entries(
        "《出版科学》2007年第1期\n"
        "2006年出版文化史研究论著目录 / 范 军 辑录\n"
        "论编辑的主体性 / 李四 编译\n"
    )
    assert [(r.title, [a.literal for a in r.author]) for r in refs] == [
        ("2006年出版文化史研究论著目录", ["范军"]),
        ("论编辑的主体性", ["李四"]),
    ]


def test_an_entry_with_a_slashed_byline_ends_on_its_line() -> None:
    refs = _entries("《出版科学》2007年第1期\n研究论著目录 / 范 军 辑\n数字出版的未来 / 张 三\n")
    assert [r.title for r in refs] == ["研究论著目录", "数字出版的未来"]


@pytest.mark.parametrize(
    ("line", "container", "year", "volume", "issue"),
    [
        pytest.param(
            "■ 地理学报（Acta Geographica Sinica）2020, 75(2)",
            "地理学报",
            2020,
            "75",
            "2",
            id="ornament-and-english-name",
        ),
        pytest.param("● 《档案学通讯》2022年第4期", "档案学通讯", 2022, None, "4", id="bullet"),
        pytest.param("◇ 农业经济问题 2019年（第40卷）", "农业经济问题", 2019, "40", None, id="vol"),
    ],
)
def test_an_ornament_or_an_english_name_does_not_hide_a_heading(
    line: str, container: str, year: int, volume: str | None, issue: str | None
) -> None:
    h = issue_heading(line, 1)
    assert h is not None
    assert (h.container, h.issued.year if h.issued else None, h.volume, h.issue) == (
        container,
        year,
        volume,
        issue,
    )


def test_entries_under_a_year_and_volume_heading_name_their_own_issue() -> None:
    text = (
        "◆ 农业经济问题　2019年（第40卷）\n"
        "第3期　乡村振兴背景下农村土地流转的收入效应　李明华，赵建国，等　pp.45-56\n"
        "第11期　粮食主产区农户种植结构调整研究　孙立平，周海燕　pp.102-113\n"
    )
    got = sorted((r.title, r.issue, r.volume, r.page) for r in _entries(text))
    assert got == [
        ("乡村振兴背景下农村土地流转的收入效应", "3", "40", "45-56"),
        ("粮食主产区农户种植结构调整研究", "11", "40", "102-113"),
    ]
    authors = {
        r.title: [a.literal or a.family + (a.given or "") for a in r.author] for r in _entries(text)
    }
    assert authors["粮食主产区农户种植结构调整研究"] == ["孙立平", "周海燕"]


def test_a_first_page_in_brackets_opens_an_entry_its_byline_under_it() -> None:
    text = (
        "■ 地理学报（Acta Geographica Sinica）2020, 75(2)\n"
        "[231]  黄河流域城市群空间结构演变特征\n"
        "       王晓东　陈立新　刘海燕\n"
        "[1047] 长江经济带绿色发展效率的时空分异\n"
        "       赵一鸣　孙静\n"
    )
    got = sorted((r.title, r.page, len(r.author)) for r in _entries(text))
    assert got == [
        ("长江经济带绿色发展效率的时空分异", "1047", 2),
        ("黄河流域城市群空间结构演变特征", "231", 3),
    ]


def test_slashes_between_title_byline_and_page_and_a_ruled_label_is_no_entry() -> None:
    text = (
        "========== 社会学 ==========\n"
        "\n"
        "◇《社会学研究》2023年第2期\n"
        "城市社区治理中的居民参与机制／张伟　刘芳／57\n"
        "\n"
        "========== 经济学 ==========\n"
    )
    refs = _entries(text)
    assert [(r.title, r.page, r.issue) for r in refs] == [
        ("城市社区治理中的居民参与机制", "57", "2")
    ]
    assert len(refs[0].author) == 2
