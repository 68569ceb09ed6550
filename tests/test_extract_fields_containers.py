"""Fields of found records: a container without the column printed after its outlet, a
placeholder that names no source left empty (and said), titles without the marks, column names
and authors printed around them, letter-spaced names read at their gaps."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.blockdates import date_line_outlet
from citekit.extract.bylines import parse_byline_line, parse_names_after_roles
from citekit.extract.labels import clean_container, strip_labels, strip_list_marks
from citekit.model import Reference


@pytest.mark.parametrize(
    ("printed", "container"),
    [
        ("澎湃新闻·私家历史", "澎湃新闻"),
        ("人民论坛网·理论前沿", "人民论坛网"),
        ("大江网·大江新闻客户端", "大江网"),
        ("人民论坛·学术前沿", "人民论坛·学术前沿"),  # a journal's name: no outlet before the dot
        ("人民日报", "人民日报"),
    ],
)
def test_a_column_after_an_outlet_is_no_part_of_the_container(printed: str, container: str) -> None:
    ref = clean_container(Reference(id="r", title="标题", container_title=printed))
    assert ref.container_title == container
    assert ref.warnings == ()


@pytest.mark.parametrize("printed", ["网络转载", "原刊不详", "用户上传", "网络"])
def test_a_placeholder_source_leaves_the_container_empty_and_says_so(printed: str) -> None:
    ref = clean_container(Reference(id="r", title="标题", container_title=printed))
    assert ref.container_title is None
    assert printed in ref.warnings[-1]


def test_a_placeholder_source_keeps_its_record() -> None:
    text = "住房城乡建设部出台意见规范公共租赁住房运行管理\n正文一段。\n（来源：原刊不详）\n"
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "住房城乡建设部出台意见规范公共租赁住房运行管理"
    assert ref.container_title is None


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("大江时评：“1000万辆”书写中国新能源产业新坐标", "“1000万辆”书写中国新能源产业新坐标"),
        ("新华时评：让每一个孩子都有人生出彩的机会", "让每一个孩子都有人生出彩的机会"),
        ("7. 特稿：中国战“疫”五字诀", "中国战“疫”五字诀"),
        ("王毅：中方愿同各方一道推动合作", "王毅：中方愿同各方一道推动合作"),  # a speaker stays
    ],
)
def test_a_column_named_for_its_outlet_is_no_part_of_the_title(title: str, clean: str) -> None:
    assert strip_labels(title) == clean


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("《未成年人檢察工作白皮書(2021)》", "未成年人檢察工作白皮書(2021)"),
        ("《中国农村发展报告》发布", "《中国农村发展报告》发布"),
        ("《论语》与《孟子》比较研究", "《论语》与《孟子》比较研究"),
    ],
)
def test_book_title_marks_around_a_whole_title_are_no_part_of_it(title: str, clean: str) -> None:
    assert strip_list_marks(title) == clean


def test_names_before_a_bar_after_a_list_number_are_the_authors() -> None:
    text = (
        "7. 沈国舫 | 关于现代林草业可持续发展的几点战略思考\n"
        "正文一段。\n"
        "（来源：《林草政策研究》2021年第1期）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "关于现代林草业可持续发展的几点战略思考"
    assert [a.literal or a.family for a in ref.author] == ["沈国舫"]


def test_letter_spaced_names_are_cut_at_the_wider_gaps() -> None:
    assert parse_names_after_roles("陈 友 华　邵 文 君", bare=True) == ("陈友华", "邵文君")
    assert parse_names_after_roles("作者：骆 瑾 王 昕") == ("骆瑾", "王昕")


@pytest.mark.parametrize(
    ("source", "container"),
    [
        (
            "【原载《武汉理工大学学报（社会科学版）》2020年第2期，作者吴宁、秦雅楠】",
            "武汉理工大学学报（社会科学版）",
        ),
        ("（来源：《人文杂志》2020年第5期　作者：鲁全）", "人文杂志"),
        ("（来源：《求是》杂志2020年第5期）", "求是"),
    ],
)
def test_a_name_printed_in_book_title_marks_is_the_whole_container(
    source: str, container: str
) -> None:
    text = f"突发公共卫生事件的应急管理机制探析\n正文一段。\n{source}\n"
    (ref,) = citekit.extract_text(text).references
    assert ref.container_title == container


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("盛卫华/文 王悦/绘", ("盛卫华",)),
        ("张三 李四/文", ("张三", "李四")),
        ("国务院/文", ()),
        ("毛艳青（商丘工学院教育与现代艺术学院）", ("毛艳青",)),  # a paper's author, institution
        ("张三 李四(北京大学法学院)", ("张三", "李四")),
        ("王毅（外交部部长）", ()),  # a speaker and his office: no paper's byline
    ],
)
def test_names_before_their_role_make_a_byline(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline_line(line) == names


@pytest.mark.parametrize(
    ("printed", "container"),
    [
        ("人民日報人民時評", "人民日報"),  # a known paper, its column glued to it
        ("中國日報網環球在線", "中國日報網"),
        ("人民日报海外版", "人民日报海外版"),  # another paper of the house
        ("中國青年報客戶端", "中國青年報客戶端"),
        ("中央廣播電視總臺中國之聲", "中央廣播電視總臺中國之聲"),  # a broadcaster's channel
        ("经济研究导刊", "经济研究导刊"),  # a journal of its own, not 经济研究's column
    ],
)
def test_a_column_glued_to_a_known_paper_is_no_part_of_the_container(
    printed: str, container: str
) -> None:
    ref = clean_container(Reference(id="r", title="标题", container_title=printed))
    assert ref.container_title == container


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("快科技（原驱动之家）　2022-06-01 20:41:31", "快科技"),
        ("cnBeta 2021年12月08日 10:04", "cnBeta"),
        ("華夏經緯網 > 文化 > 文化觀察      2024-01-25 09:26:13", "華夏經緯網"),
        ("文章日期:2023年12月21日　明報", "明報"),  # the paper after its day
        ("2020-11-13 10:29 贺建风", None),
        ("李倩倩 2024-04-25", None),  # the author, not the site
        ("发布时间 2024-08-30", None),
        ("刊登於 2018-05-13", None),
        ("2024-08-30 10:00", None),
    ],
)
def test_a_page_header_names_its_site_before_its_day(line: str, site: str | None) -> None:
    assert date_line_outlet(line) == site


def test_a_clipped_page_without_a_source_line_takes_its_site_from_the_header() -> None:
    text = (
        "Gartner：一线车企已着手自研车用芯片 更好掌控路线图和供应链\n"
        "cnBeta 2021年12月08日 10:04\n"
        "分析公司 Gartner 表示，一些顶级汽车制造商可能已经着手设计自己的车用芯片。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.container_title == "cnBeta"
    assert ref.issued is not None and ref.issued.iso() == "2021-12-08"


def test_a_site_and_day_under_a_headline_take_that_headline() -> None:
    text = (
        "  • 2022-12-06\n"
        "  • 0 条评论\n"
        "集成电路产业是“现代工业的粮食”，是衡量一国产业竞争力的关键。\n"
        "\n"
        "北京集成电路设计业销售规模突破900亿元\n"
        "腾讯新闻 2024-08-30\n"
        "\n"
        "2022年中国集成电路市场回顾及2023年发展前景预测分析\n"
        "集成电路产业作为信息技术产业群的基础和核心，已成为关系国民经济和社会发展的产业。\n"
    )
    refs = citekit.extract_text(text).references
    (ref,) = [r for r in refs if r.container_title == "腾讯新闻"]
    assert ref.title == "北京集成电路设计业销售规模突破900亿元"


def test_an_app_download_link_over_a_headline_is_page_furniture() -> None:
    text = (
        "APP下载\n"
        "档案史料的活化与民族叙事的创新\n"
        "2024-02-18 17:19杨光\n"
        "档案与建设 2024年1期\n"
        "摘 要:作为民族叙事不可或缺的素材,档案史料扮演着再现民族记忆的历史视窗角色。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "档案史料的活化与民族叙事的创新"


def test_a_wire_storys_closing_stamp_dates_it_in_the_republic_of_chinas_years() -> None:
    text = (
        "訪台國際旅客截至目前約500萬 陳世凱盼續努力\n"
        "(中央社記者余曉涵台北10日電)據交通部觀光署統計,今年截至8月約500萬名國際旅客。\n"
        "觀光署表示,將持續推動國際宣傳。\n"
        "(編輯:李明宗)1130910\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.issued is not None and ref.issued.iso() == "2024-09-10"


def test_an_author_with_an_institution_under_a_title_is_its_byline() -> None:
    text = (
        "微信公众号的版权保护刍议\n"
        "毛艳青（商丘工学院教育与现代艺术学院）\n"
        "文献来源：出版广角，2018年第1期\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "微信公众号的版权保护刍议"
    assert [a.literal for a in ref.author] == ["毛艳青"]


def test_titles_quoted_in_a_list_before_their_sources_are_each_their_own() -> None:
    text = (
        "== Graduates and jobs ==\n"
        "\n"
        '* "China jobs: Beijing in search of new arsenal to create fresh vacancies for its '
        'graduates" (SCMP, April 28, 2023)\n'
        '* "China\'s urban youth unemployment rate rose to 21% in June" (NHPR, Sept. 15, 2023)\n'
    )
    refs = citekit.extract_text(text).references
    assert [(r.title, r.container_title) for r in refs] == [
        (
            "China jobs: Beijing in search of new arsenal to create fresh vacancies for its "
            "graduates",
            "SCMP",
        ),
        ("China's urban youth unemployment rate rose to 21% in June", "NHPR"),
    ]


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        (
            '* "China\'s urban youth unemployment rate rose"',
            "China's urban youth unemployment rate rose",
        ),
        ("• 北京集成电路设计业销售规模突破900亿元", "北京集成电路设计业销售规模突破900亿元"),
        ("“一村万树”种出“绿富美”", "“一村万树”种出“绿富美”"),  # quotes inside: the title's own
    ],
)
def test_a_bullet_and_quotes_around_a_whole_title_are_no_part_of_it(title: str, clean: str) -> None:
    assert strip_list_marks(title) == clean
