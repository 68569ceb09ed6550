"""The fields of a found record: authors from bylines wherever the article prints them, titles
without the marks and labels printed around them."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.blockdates import date_line, labelled_date, reports_its_year
from citekit.extract.bylines import is_byline, parse_names_after_roles
from citekit.extract.labels import strip_labels, strip_list_marks
from citekit.extract.layout import is_header_field
from citekit.extract.leadreporters import lead_end, lead_reporters
from citekit.extract.text import LineMap
from citekit.extract.titles import is_time_line, not_a_deck, not_a_headline


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
    lines = LineMap("标题\n来源：北京商报\n\n第一行\n第二行（记者 郑蕊）\n\n下一篇文章的标题\n")
    assert lead_end(lines, 2) == 5
    assert lead_end(lines, 2, frozenset({4})) == 3
    # a blank line after every line (a pasted PDF) is read past; page furniture is no headline
    spaced = LineMap("标题\n\n来源：北京商报\n\n2021-03-24\n\n字号\n\n正文。（记者 郑蕊）\n")
    assert lead_end(spaced, 3) == 9


def test_a_byline_closing_the_lead_under_a_header_names_the_author() -> None:
    text = (
        "城乡公共文化空间有了新模样\n"
        "  来源: 北京商报\n"
        "2021-03-24 16:50:49\n"
        "要创新拓展城乡公共文化空间，打造有特色、有品位的公共文化空间。（记者 郑蕊）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == ["郑蕊"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("香港新聞組╱香港17日電", True),
        ("聯合報／ 大陸中心／即時報導", True),
        ("記者楊金城╱台南報導", True),
        ("编辑/张三", False),
        ("关于教育/科技/人才的报道", False),
    ],
)
def test_a_desks_byline_in_slashes_is_a_byline(byline: str, expected: bool) -> None:
    assert is_byline(byline) is expected


def test_a_desks_byline_under_a_title_is_not_part_of_it() -> None:
    text = (
        "【三】港故宮9展覽盛宴 古埃及展人氣爆棚\n"
        "香港新聞組╱香港17日電\n"
        "「古埃及文明大展」成為香港故宮館開幕後最受歡迎的展覽之一。\n"
        "世界日報　2026-02-17\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "港故宮9展覽盛宴 古埃及展人氣爆棚"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("用户视角下公共图书馆家谱阅读推广策略探索*", "用户视角下公共图书馆家谱阅读推广策略探索"),
        ("比例原则视角下数据可携权之适用路径＊", "比例原则视角下数据可携权之适用路径"),
    ],
)
def test_a_papers_footnote_mark_is_not_part_of_its_title(title: str, clean: str) -> None:
    assert strip_list_marks(title) == clean


def test_authors_named_before_a_colon_with_deng_leave_the_title() -> None:
    text = (
        "朱啟臻等:家庭農場是什么哪里好怎么做\n"
        "[ 作者:朱啟臻等  文章來源:中國鄉村發現  點擊數: 更新時間:2017-03-15 ]\n"
        "傳統農戶經營雖然具有適應農業特點的優勢,但也因過于分散和小規模造成農業長期「內卷化」。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "家庭農場是什么哪里好怎么做"
    assert [a.display for a in ref.author] == ["朱啟臻"]


@pytest.mark.parametrize("line", ["04-22-2017 11:14 BJT", "2018/2/11 18:23", "2021年3月24日 16:50"])
def test_a_line_of_only_a_day_and_time_is_no_title(line: str) -> None:
    assert is_time_line(line)


@pytest.mark.parametrize("line", ["2021年度报告", "China turns a new page", "十四五规划2021"])
def test_a_title_with_a_year_is_no_time_line(line: str) -> None:
    assert not is_time_line(line)


def test_an_english_dateline_under_its_days_line_takes_the_headline_above() -> None:
    text = (
        "China turns a new page on reading\n"
        "04-22-2017 11:14 BJT\n"
        "BEIJING, April 22 (Xinhua) -- World Book Day falls on Sunday, and Chinese people are "
        "seeking new ways of reading.\n"
    )
    refs = citekit.extract_text(text).references
    assert [r.title for r in refs] == ["China turns a new page on reading"]


def test_a_sentence_closing_with_its_outlet_is_no_title() -> None:
    text = (
        "Ten-year Fishing Ban on Yangtze Officially in Place\n"
        "The official start of the ten-year fishing ban on the Yangtze River was celebrated on "
        "31 December 2020.\n"
        "Starting from 00:00 1 January 2021, fishing on key water bodies of the Yangtze River "
        "will be strictly\n"
        "banned for a continuous 10 years. (People's Daily)\n"
    )
    refs = citekit.extract_text(text).references
    assert [r.title for r in refs] == ["Ten-year Fishing Ban on Yangtze Officially in Place"]


def test_a_photo_caption_over_a_blank_line_is_no_wrapped_title() -> None:
    text = (
        "By Mei Jia/Yuan Hui(China Daily)\n"
        "The three-day expo has drawn about 716,000 visitors, and many more online.[Photo/Xinhua]\n"
        "\n"
        "Love of books\n"
        "By Mei Jia | CHINA DAILY | Updated: 2020-06-01 07:05\n"
        "Tong Xixi, a writer of children's books, at a public welfare event in Liuzhou.\n"
    )
    titles = [r.title for r in citekit.extract_text(text).references]
    assert titles[-1] == "Love of books"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2025 06/10 17:37:07", "2025-06-10"),
        ("04-22-2017 11:14 BJT", "2017-04-22"),
        ("2018/2/11 18:23", "2018-02-11"),
    ],
)
def test_a_pages_day_alone_on_its_line(line: str, iso: str) -> None:
    day = date_line(line)
    assert day is not None and day.iso() == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("时间:2024-05-04 10:46:22 推荐 734", "2024-05-04"),
        ("[ 作者:吕娜  文章来源:中国乡村发现  点击数: 更新时间:2018-04-18 ]", "2018-04-18"),
        ("[ 作者:王麗霞  文章來源:中國鄉村發現  點擊數: 更新時間:2018-10-29 ]", "2018-10-29"),
    ],
)
def test_a_labelled_day_on_a_header_line(line: str, iso: str) -> None:
    day = labelled_date(line)
    assert day is not None and day.iso() == iso


def test_a_day_in_running_text_is_not_a_labelled_day() -> None:
    assert labelled_date("会议时间：另行通知，预计在2024-05-04前后举行") is None
    assert date_line("13-22-2017 11:14") is None


def test_the_day_labelled_after_the_page_furniture_dates_the_record() -> None:
    text = (
        "吕娜:俄罗斯转轨时期农地制度变迁的逻辑\n"
        "[ 作者:吕娜  文章来源:中国乡村发现  点击数: 更新时间:2018-04-18 录入:王惠敏 ]\n"
        "摘要:俄罗斯在转轨时期, 农业经济发展与农地制度改革之间的关系是复杂的。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.issued is not None and ref.issued.iso() == "2018-04-18"


_OLD_NEWS = (
    "时事资料汇编\n"
    "2026年第1期\n"
    "\n"
    "国务院办公厅发出公告\n"
    "（新华社北京3月2日电，《人民日报》1992年3月3日第1版）\n"
    "\n"
    "全国政协会议闭幕\n"
    "（《人民日报》1995年11月9日第4版）\n"
    "\n"
    "某地举办读书节\n"
    "（《光明日报》1996年4月1日第2版）\n"
    "\n"
    "铁路治安秩序开始好转\n"
    "（《经济日报》1993年5月6日第3版）\n"
    "\n"
    "外交部发言人答记者问\n"
    "新华社北京11月3日电　外交部发言人今天在记者招待会上回答了记者的提问。\n"
)


def test_a_bulletin_of_old_clippings_does_not_date_a_yearless_dateline() -> None:
    assert not reports_its_year(_OLD_NEWS, 2026)
    ex = citekit.extract_text(_OLD_NEWS)
    (ref,) = [r for r in ex.references if r.title == "外交部发言人答记者问"]
    assert ref.issued is None or ref.issued.year != 2026
    assert any("names no year" in p.message for p in ex.problems)


def test_a_bulletin_of_its_years_news_dates_a_yearless_dateline() -> None:
    text = _OLD_NEWS
    for old, new in (("1992", "2026"), ("1993", "2026"), ("1995", "2025"), ("1996", "2026")):
        text = text.replace(old, new)
    assert reports_its_year(text, 2026)
    ex = citekit.extract_text(text)
    (ref,) = [r for r in ex.references if r.title == "外交部发言人答记者问"]
    assert ref.issued is not None and ref.issued.iso() == "2026-11-03"


def test_a_bulletin_with_few_dates_is_taken_to_report_its_year() -> None:
    assert reports_its_year("简报 2026年第1期\n新华社北京4月11日电 今天…", 2026)


def test_a_papers_kicker_set_over_its_main_title_is_part_of_the_title() -> None:
    text = (
        "落实治理整顿措施　严厉打击犯罪分子\n"
        "铁路重点区段治安秩序开始好转\n"
        "本报讯　今年以来，部分站、车、区段盗窃、哄抢运输物资等犯罪活动相当猖獗。\n"
        "（人民日报，1989年4月25日，第1版）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title is not None
    assert ref.title.replace("\u3000", " ") == (
        "落实治理整顿措施 严厉打击犯罪分子 铁路重点区段治安秩序开始好转"
    )


def test_a_short_section_heading_over_a_title_stays_out_of_it() -> None:
    text = (
        "\n"
        "国内要闻\n"
        "铁路重点区段治安秩序开始好转\n"
        "本报讯　今年以来，部分站、车、区段盗窃、哄抢运输物资等犯罪活动相当猖獗。\n"
        "（人民日报，1989年4月25日，第1版）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "铁路重点区段治安秩序开始好转"


def test_a_headline_over_its_pages_date_line_after_a_cut_paragraph() -> None:
    text = (
        "“天外来课”让航天梦更近\n"
        "2021年12月9日,“天宫课堂”第一课正式开讲。图为湖北省十堰市的学生们在收看直播\n"
        "\n"
        "我们为什么要在月背采样?\n"
        "时间:2024-05-04 10:46:22 推荐 734\n"
        "嫦娥六号探测器由长征五号遥八运载火箭成功发射,顺利进入地月转移轨道。\n"
        "来源:中国科技网\n"
    )
    refs = citekit.extract_text(text).references
    assert [r.title for r in refs] == ["我们为什么要在月背采样?"]


@pytest.mark.parametrize("headline", ["市场活起来 农民富起来 安徽培育农字号名牌", "文物收藏热背后"])
def test_a_headline_with_a_widgets_word_inside_is_no_header_field(headline: str) -> None:
    assert not is_header_field(headline)
    assert is_header_field("字号 大 中 小")


def test_a_numbered_item_after_a_blank_line_starts_an_article() -> None:
    text = (
        "【七】上海:120家博物馆连续三天免费开放\n"
        "中央政府门户网站 www.gov.cn 2014-05-18 19:17 来源: 新华社\n"
        "5月18日,观众在上海工艺美术博物馆内参观象牙雕塑。新华社记者刘颖摄\n"
        "\n"
        "【八】博物馆里过假期\n"
        "10月7日,观众在太原博物馆参观。新华社记者 曹阳 摄\n"
        "（国际在线 2018-10-08）\n"
    )
    refs = citekit.extract_text(text).references
    assert refs[-1].title == "博物馆里过假期"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("（来源：澎湃新闻；作者：沈丽华，中国社会科学院考古研究所）", ["沈丽华"]),
        ("（来源：China Daily，2024年1月9日；作者：ZHAO YIMENG）", ["ZHAO YIMENG"]),
    ],
)
def test_an_author_field_names_people_not_their_institution(line: str, names: list[str]) -> None:
    body = "考古工作者在遗址新发现6座祭祀坑，已出土重要文物500余件。"
    text = f"某地考古有新发现\n{body}\n{line}\n"
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == names


def test_an_account_line_between_a_headline_and_its_day_is_not_part_of_the_title() -> None:
    text = (
        "■ 开发与运维\n"
        "\n"
        "一张图带你了解Linux 文件目录结构，很详细！\n"
        "电子物证\n"
        "2024-09-10\n"
        "以下文章来源于网络技术联盟站，作者wljslmz瑞哥\n"
        "Linux 文件目录结构是任何 Linux 系统的基本组成部分。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "一张图带你了解Linux 文件目录结构，很详细！"


def test_an_english_headlines_wrapped_end_is_no_name_line() -> None:
    text = (
        "(CGTN, August 14, 2020)\n"
        "\n"
        "Hainan hosts expo\n"
        "to push reading\n"
        "Updated: 2012-11-20 11:00\n"
        "By Mei Jia ( China Daily)\n"
        "The 23rd National Books Expo is to open in Hainan province from April 19 to 22.\n"
    )
    titles = [r.title for r in citekit.extract_text(text).references]
    assert titles[-1] == "Hainan hosts expo to push reading"


def test_a_tail_source_shares_the_headline_of_the_header_in_its_block() -> None:
    text = (
        "Immersive experience areas at Suzhou No 2 Library attract many readers every weekend.\n"
        "\n"
        "Celebrating the classics\n"
        "Source:CFP Published: 2017/4/22 0:03:39\n"
        "Students in traditional clothes read Chinese classics at a school in Fuyang, Anhui.\n"
        "Source: Global Times, April 22, 2017\n"
    )
    refs = citekit.extract_text(text).references
    assert refs[-1].container_title == "Global Times"
    assert refs[-1].title == "Celebrating the classics"


def test_a_source_closing_a_long_article_shares_no_headline() -> None:
    text = (
        "第一篇文章标题\n"
        "第一段正文内容，讲述了一件事情的来龙去脉。\n"
        "第二段正文内容，继续讲述这件事情。\n"
        "第三段正文内容，讲述事情的结果。\n"
        "（来源：人民日报）\n"
        "这一段没有标题，只是一段话。\n"
        "（来源：光明日报）\n"
    )
    refs = citekit.extract_text(text).references
    assert refs[-1].title != "第一篇文章标题"


def test_an_english_lead_ending_in_its_writers_name_reports() -> None:
    lead = (
        "The National Book Expo recently returned to Shenzhen after a gap of around 20 years, "
        "rekindling memories, Mei Jia reports."
    )
    assert lead_reporters(LineMap(lead), 1, 1) == ("Mei Jia",)
    other = "He said the reports were wrong, Mei Jia reports it."
    assert lead_reporters(LineMap(other), 1, 1) == ()


@pytest.mark.parametrize(
    "line",
    [
        "━━ 2017年 ━━",
        "关键词:控制者个人信息义务",
        "文号：自然资发〔2019〕87号",
        "MIND SPORTS AND THE OLYMPICS",
    ],
)
def test_a_year_a_field_or_a_section_in_capitals_is_no_headline(line: str) -> None:
    assert not_a_headline(line)
    assert not_a_deck(line)


@pytest.mark.parametrize("line", ["古共中央认为", "落实治理整顿措施 严厉打击犯罪分子", "China 75"])
def test_a_kicker_may_be_a_deck(line: str) -> None:
    assert not not_a_deck(line)


def test_a_year_heading_set_over_a_title_without_a_blank_line_stays_out() -> None:
    text = (
        "━━ 2017年 ━━\n"
        "大熊猫“八喜”、“映雪”即将回归大自然\n"
        "新华社成都11月20日电　两只大熊猫即将放归野外。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "大熊猫“八喜”、“映雪”即将回归大自然"


def test_a_section_in_capitals_over_an_english_headline_is_not_its_title() -> None:
    text = (
        "MIND SPORTS AND THE OLYMPICS\n"
        "'Rule violation' leads to loss for Chinese Go player Ke Jie in S.Korea\n"
        "By Jiang Li | Global Times | 2025/1/22 23:18:45\n"
        "Chinese Go player Ke Jie's loss in the LG Cup finals has sparked controversy.\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "'Rule violation' leads to loss for Chinese Go player Ke Jie in S.Korea"


def test_a_subtitle_alone_takes_its_main_title_across_a_blank_line() -> None:
    text = (
        "走“双赢”发展道路\n"
        "\n"
        "——访国家环保总局局长解振华\n"
        "\n"
        "本报记者 孙秀艳\n"
        "\n"
        "记者日前就环境保护与经济发展的关系采访了国家环保总局局长解振华。\n"
        "\n"
        "（《人民日报》2001年6月28日第3版）\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "走“双赢”发展道路——访国家环保总局局长解振华"


def test_an_indent_before_an_attribution_is_no_title() -> None:
    text = (
        "\u3000\u3000一些国家坚决支持中国统一\n"
        "\u3000\u3000据新华社北京3月24日电 综合本社驻外记者报道:塞拉利昂、津巴布韦等国领导人"
        "近日发表谈话或声明,重申坚持一个中国的原则。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "一些国家坚决支持中国统一"


def test_traditional_page_fields_before_a_source_are_no_title() -> None:
    text = (
        "加入國際公約20年我國非遺保護成績斐然\n"
        "編輯: 左妍冰 | 時間: 2024-12-23 12:08:06 | 來源: 新華社 |\n"
        "  2024年全國非物質文化遺產保護工作會議12月23日在北京舉行。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert ref.title == "加入國際公約20年我國非遺保護成績斐然"


def test_a_traditional_genre_label_after_a_headline_leaves_it() -> None:
    assert strip_labels("增進了解加強友誼擴大合作 社論") == "增進了解加強友誼擴大合作"


def test_a_question_headline_over_another_is_no_kicker() -> None:
    assert not_a_deck("2023年生態環境保護成效如何?")
    text = (
        "2023年生態環境保護成效如何?\n"
        "南遷候鳥如何“過春節”?濕地保護修復“越冬天堂”\n"
        "來源：新華社 2024-02-10\n"
        "每年冬季，大批候鳥從北方飛抵南方的濕地越冬。\n"
    )
    refs = citekit.extract_text(text).references
    assert refs[-1].title == "南遷候鳥如何“過春節”?濕地保護修復“越冬天堂”"
