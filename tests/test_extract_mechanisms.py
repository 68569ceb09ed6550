"""General mechanisms of extraction, each on text made for it: publication lines, English
outlet lines, titles printed by the attribution itself, titles from the block's structure,
page furniture out of titles, names in a byline slot."""

from __future__ import annotations

import pytest

from citekit.documents import Document
from citekit.extract import Extraction, extract_document
from citekit.extract.bylines import is_name_list, name_slot, split_run
from citekit.extract.labels import strip_list_marks, strip_page_chrome
from citekit.extract.patterns import english_outlet_line, find_hits, publication_line
from citekit.model import Reference


def _ex(text: str, path: str = "m.txt") -> Extraction:
    return extract_document(Document(path, text, "utf-8"))


def _only(text: str) -> Reference:
    refs = [r for r in _ex(text).references if r.type != "legislation"]
    assert len(refs) == 1, [(r.title, r.container_title) for r in refs]
    return refs[0]


BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("——《人民日报》1993年7月11日第1版", "《人民日报》1993年7月11日第1版"),
        ("（载《人民日报》1998年2月27日第12版　周末副刊）", "《人民日报》1998年2月27日第12版"),
        ("齐鲁晚报 2025年10月11日 A01版", "齐鲁晚报 2025年10月11日 A01版"),
        ("〔香港中通社 2025-04-17〕", "香港中通社 2025-04-17"),
    ],
)
def test_a_line_that_is_only_a_publication_and_its_day_is_a_source_line(
    line: str, phrase: str
) -> None:
    hits = publication_line(line)
    assert [h.phrase for h in hits] == [phrase]


@pytest.mark.parametrize(
    "line",
    [
        "中国新闻网 2023年3月5日发布的消息显示，今年",  # a sentence goes on after the day
        "《採訪受阻事件透視》(2002年3月28日)",  # a work's title and its day, no paper
    ],
)
def test_a_sentence_or_a_works_title_with_a_day_is_no_publication_line(line: str) -> None:
    assert publication_line(line) == []


def test_a_publication_line_may_open_with_its_byline() -> None:
    (hit,) = publication_line("本报记者 柴逸扉 《 人民日报海外版 》( 2023年01月04日   第 04 版)")
    assert hit.authors == ("柴逸扉",)
    assert "人民日报海外版" in hit.phrase


def test_a_publication_line_closes_the_article_above_it() -> None:
    ref = _only(
        f"受李鹏总理委托朱镕基副总理主持国务院全会\n{BODY}\n——《人民日报》1993年7月11日第1版\n"
    )
    assert ref.title == "受李鹏总理委托朱镕基副总理主持国务院全会"
    assert ref.container_title == "人民日报"
    assert ref.issued is not None and ref.issued.iso() == "1993-07-11"
    assert ref.edition == "1"


@pytest.mark.parametrize(
    ("line", "outlet", "authors"),
    [
        ("By Wang Ru and Shi Baoyin | China Daily | Updated: 2025-03-15 09:13", "China Daily", 2),
        ("By Mei Jia/Yuan Hui(China Daily)", "China Daily", 2),
        ("(People's Daily Online) 16:32, April 23, 2024", "People's Daily Online", 0),
        ("   Xinhua | Updated: 2019-12-19 14:00", "Xinhua", 0),
        ("By: Global Times | Published: Oct 27, 2023 09:47 PM", "Global Times", 0),
        ("-- The Rising Nepal", "The Rising Nepal", 0),
    ],
)
def test_english_byline_and_outlet_lines_name_their_source(
    line: str, outlet: str, authors: int
) -> None:
    (hit,) = english_outlet_line(line)
    assert hit.phrase.startswith(outlet)
    assert len(hit.authors) == authors


@pytest.mark.parametrize("line", ["(Xinhua)", "(Photo/CFP)", "By CAO DESHENG", "By 2020 the city"])
def test_a_bare_agency_tag_a_photo_credit_or_a_byline_alone_is_no_outlet_line(line: str) -> None:
    assert english_outlet_line(line) == []


def test_an_english_byline_line_gives_the_record_its_authors() -> None:
    ref = _only(
        "Love of books\n"
        "By Mei Jia | CHINA DAILY | Updated: 2020-06-01 07:05\n"
        "Tong Xixi, a writer of children's books, at a public welfare event in Liuzhou.\n"
    )
    assert ref.title == "Love of books"
    assert [a.display for a in ref.author] == ["Mei Jia"]
    assert ref.issued is not None and ref.issued.iso() == "2020-06-01"


def test_a_dateline_that_prints_its_features_title_gives_that_title() -> None:
    (hit,) = find_hits("新华社北京12月17日电题：晴耕雨读书满乡——农家书屋探访记")
    assert hit.title == "晴耕雨读书满乡——农家书屋探访记"
    ref = _only(f"二、媒体看农家书屋\n\n新华社北京12月17日电题：晴耕雨读书满乡\n{BODY}\n")
    assert ref.title == "晴耕雨读书满乡"


def test_a_cna_dateline_names_its_reporter_before_the_place() -> None:
    (hit,) = find_hits("（中央社记者林宏翰洛杉矶23日专电）洛杉矶华侨文教服务中心成立27年。")
    assert (hit.phrase, hit.authors, hit.date) == ("中央社", ("林宏翰",), "23日")


def test_without_a_heading_line_the_first_line_of_the_block_is_the_title() -> None:
    ref = _only(
        "和田博物馆开放了1300多件珍贵文物，再现丝绸之路的记忆\n"
        f"{BODY}\n"
        "（来源：新华网 2025-05-18）\n"
    )
    assert ref.title == "和田博物馆开放了1300多件珍贵文物，再现丝绸之路的记忆"


def test_a_subtitle_found_alone_is_joined_to_its_main_title() -> None:
    ref = _only(
        "增进了解加强友谊扩大合作\n——祝贺杨尚昆主席访问亚非四国圆满成功\n社论\n"
        f"{BODY}\n（人民日报 1989年12月29日 一版）\n"
    )
    assert ref.title == "增进了解加强友谊扩大合作——祝贺杨尚昆主席访问亚非四国圆满成功"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("【二】香港故宮錄73萬人次入場", "香港故宮錄73萬人次入場"),
        ("3. 江流万古 文润千年", "江流万古 文润千年"),
        ("Xi calls for preserving quintessence of Chinese cultureShare - WeChat", None),
        ("媒介形态变化对出版史研究提出的新问题 /", "媒介形态变化对出版史研究提出的新问题"),
        ("【Python】50个Pandas的技巧", "【Python】50个Pandas的技巧"),  # a tag, not a number
    ],
)
def test_a_list_items_number_and_page_furniture_are_no_part_of_a_title(
    title: str, clean: str | None
) -> None:
    got = strip_list_marks(title)
    if clean is None:
        assert got is not None and "WeChat" not in got
    else:
        assert got == clean


@pytest.mark.parametrize(
    ("title", "container", "clean"),
    [
        (
            "大熊貓|有深圳客特意入園探龍鳳胎 - 有線新聞",
            "有線新聞",
            "大熊貓|有深圳客特意入園探龍鳳胎",
        ),
        ("首頁 > 最新 > 沙祖康:中國必須也能夠積极參与", None, "沙祖康:中國必須也能夠積极參与"),
        ("人民日报1978年3月11日 第4版 全军决心发扬雷锋精神", "人民日报", "全军决心发扬雷锋精神"),
        # a title that ends in its outlet's name as a word of the headline stays
        ("人民日报原国际部副主任温宪做客人民网", "人民网", "人民日报原国际部副主任温宪做客人民网"),
    ],
)
def test_a_web_pages_chrome_around_a_title_is_left_out(
    title: str, container: str | None, clean: str
) -> None:
    assert strip_page_chrome(title, container) == clean


def test_names_in_a_byline_slot_are_read_with_rare_surnames() -> None:
    assert name_slot(["刘四维", "茆意宏"])
    assert is_name_list("刘四维，茆意宏")
    assert not name_slot(["人民网", "新华社"])  # outlets, not people
    assert not name_slot(["春天"])  # no surname at all


def test_a_colon_title_of_a_study_names_its_author_and_a_quoted_remark_does_not() -> None:
    study = _only(
        f"黄海波:散布与聚合:宗教信息在互联网上的结构性特征初探\n{BODY}\n（来源：中国社会科学网）\n"
    )
    assert study.title == "散布与聚合:宗教信息在互联网上的结构性特征初探"
    assert [a.display for a in study.author] == ["黄海波"]
    remark = _only(f"徐文光：衢州打造山海协作升级版\n{BODY}\n（来源：衢州传媒网 2018-05-01）\n")
    assert remark.title == "徐文光：衢州打造山海协作升级版"
    assert remark.author == ()


def test_this_papers_own_report_takes_its_paper_from_the_issue_heading() -> None:
    ref = _only(
        f"人民日报 2001年6月28日 第3版\n\n走“双赢”发展道路\n本报记者 罗春华 李新烽\n{BODY}\n"
    )
    assert ref.container_title == "人民日报"
    assert [a.display for a in ref.author] == ["罗春华", "李新烽"]


def test_this_papers_report_without_a_heading_is_no_record_of_its_own() -> None:
    ex = _ex(f"高校即将实行教师职务聘任制\n本报讯 {BODY}\n（《人民日报》1985年8月31日 第1版）\n")
    refs = ex.references
    assert len(refs) == 1
    assert refs[0].title == "高校即将实行教师职务聘任制"
    assert not ex.unparsed


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("林春香李雨霞", ("林春香", "李雨霞")),
        ("何沛苁李忠明付毅飞", ("何沛苁", "李忠明", "付毅飞")),
        ("韩玉花", ("韩玉花",)),
        # two cuts start every name with a surname (杨俊锋|孙耀施|高俊… or …|孙耀|施高俊…)
        ("杨俊锋孙耀施高俊朱浩田谢文渊高诗婕沈梦婷", None),
    ],
)
def test_names_run_together_are_split_only_when_one_cut_fits(
    run: str, names: tuple[str, ...] | None
) -> None:
    assert split_run(run) == names


def test_names_run_together_that_cannot_be_split_are_warned_about() -> None:
    ex = _ex(
        f"数字素养与技能研究进展\n2024-08-06杨俊锋孙耀施高俊朱浩田谢文渊高诗婕沈梦婷\n{BODY}\n"
    )
    (ref,) = ex.references
    assert ref.author == ()
    assert any("杨俊锋孙耀施" in w for w in ref.warnings)
    assert any(p.code == "E107" for p in ex.problems)


def test_a_byline_field_on_the_attribution_line_names_the_authors() -> None:
    ref = _only(
        "生態環境部部長黃潤秋回應環保熱點問題\n"
        "新華社 發布時間:2024-03-12 09:35:50  作者:高敬、黃垚\n"
        f"{BODY}\n"
    )
    assert [a.display for a in ref.author] == ["高敬", "黃垚"]


def test_a_portals_page_header_names_the_outlet_it_reposts() -> None:
    ref = _only(
        "国民读书比例连续6年走低 11部委倡导全民阅读\n"
        "http://www.sina.com.cn 2006年04月24日09:45 南方日报\n"
        f"{BODY}\n"
    )
    assert (
        ref.title is not None
        and ref.title.replace(" ", "") == "国民读书比例连续6年走低11部委倡导全民阅读"
    )
    assert ref.container_title == "南方日报"
    assert ref.issued is not None and ref.issued.iso() == "2006-04-24"


def test_the_bulletins_masthead_is_never_the_first_articles_title() -> None:
    ref = _only(
        f"读书与教育 资讯选辑\n2026年第2期（总第14期）\n\n{BODY}\n（来源：南方日报 2022-04-21）\n"
    )
    assert ref.title != "读书与教育 资讯选辑"


def test_a_year_heading_dates_the_datelines_under_it() -> None:
    ref = _only(
        "科技信息部　编\n\n━━ 2022年 ━━\n\n争夺传粉昆虫或降低植物多样性\n"
        f"中新网北京7月21日电 (记者 孙自法){BODY}\n"
    )
    assert ref.issued is not None and ref.issued.iso() == "2022-07-21"


def test_a_digests_document_takes_the_date_printed_under_it() -> None:
    ex = _ex(
        "政策文件摘编\n\n"
        "6.丽水市“农家书屋”工程建设实施意见\n   丽政办发[2011]147号\n"
        "   成文日期：二〇一一年九月三十日\n"
    )
    (doc,) = [r for r in ex.references if r.type == "legislation"]
    assert doc.issued is not None and doc.issued.iso() == "2011-09-30"


def test_a_law_named_in_a_sentence_of_a_news_bulletin_is_no_record() -> None:
    ex = _ex(
        "石家莊市圖書館20項活動迎接世界讀書日\n"
        "為認真貫徹落實《公共圖書館法》,進一步激發群眾讀書熱情,市圖書館將舉辦20項活動,歡迎參加。\n"
        "（來源：無線石家莊 2021-01-21）\n"
    )
    assert [r.type for r in ex.references] == ["webpage"]


def test_a_pages_placeholder_day_is_no_date() -> None:
    ref = _only(f"第一批国家公园来了\n来源：新华网 1970-01-01\n{BODY}\n")
    assert ref.issued is None
    assert any("1970-01-01" in w for w in ref.warnings)


def test_a_papers_day_closing_the_last_article_is_its_source_not_a_heading() -> None:
    ref = _only(f"简光洲：甘肃14名婴儿同患肾病\n{BODY}\n《东方早报》2008年9月11日 A20版\n")
    assert ref.container_title == "东方早报"
    assert ref.issued is not None and ref.issued.iso() == "2008-09-11"


def test_a_repost_names_the_account_between_its_cue_and_colon() -> None:
    ref = _only(f"打造完美色彩\n{BODY}\n声明：本文转载自公众号：极影AdventureX，经授权转发。\n")
    assert ref.container_title == "极影AdventureX"


def test_a_photo_credit_names_no_source() -> None:
    ex = _ex(f"猫头鹰:长最萌的脸\n{BODY}\n题图来自：视觉中国\n")
    assert all(r.container_title != "视觉中国" for r in ex.references)


def test_a_journal_issue_line_closing_an_article_block_is_its_source() -> None:
    text = (
        "资料选编\n\n二、期刊论文\n\n"
        "家庭医生签约服务与医保支付方式改革工作的思考\n"
        "吴 军,史 庆\n"
        "中国全科医学 2013年28期\n\n"
        "体育文化记忆与国民体育素养提升\n"
        "陈静 普长辉\n"
        "山东体育科技 2018年2期\n"
    )
    refs = _ex(text).references
    assert [(r.title, r.container_title, r.issue, r.issued and r.issued.year) for r in refs] == [
        ("家庭医生签约服务与医保支付方式改革工作的思考", "中国全科医学", "28", 2013),
        ("体育文化记忆与国民体育素养提升", "山东体育科技", "2", 2018),
    ]
    assert [a.display for a in refs[0].author] == ["吴军", "史庆"]
    assert refs[0].provenance[0].start_line == 5 and refs[0].provenance[0].end_line == 7


def test_a_journal_issue_line_over_entries_stays_a_contents_heading() -> None:
    text = (
        "期刊目次\n\n外刊\n中国全科医学 2013年28期\n"
        "论家庭医生签约服务 吴军 (12)\n论医保支付 史庆 (20)\n"
    )
    refs = _ex(text).references
    assert [r.title for r in refs] == ["论家庭医生签约服务", "论医保支付"]
    assert all(r.container_title == "中国全科医学" for r in refs)


def test_a_record_spans_the_header_fields_printed_with_its_attribution() -> None:
    text = (
        "剪报\n\n"
        "農業部估水稻略增 力拚價守每百台斤1000元\n"
        "2023/12/1 14:43\n"
        "(中央社記者楊淑閔台北1日電)水稻轉作有成,改善供過於求問題,收購價創新高。\n"
    )
    (ref,) = _ex(text).references
    p = ref.provenance[0]
    assert (p.start_line, p.end_line) == (4, 5)
    assert ref.issued is not None and ref.issued.iso() == "2023-12-01"


def _wrapped(text: str, width: int) -> str:
    """``text`` hard-wrapped at ``width`` characters, as a PDF's text layer comes."""
    out = []
    for line in text.split("\n"):
        out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)


def test_an_attribution_broken_by_a_hard_wrap_is_read_across_the_break() -> None:
    para = "正文" * 40 + "。"
    text = _wrapped(
        f"专题信息\n\n黑龙江木兰县考古发现辽金古城\n{para}\n"
        "发布时间:2025年12月26日 21:04  来源:中国新闻网\n\n"
        f"德国双元制高等教育制度变迁特征与启示\n{para}\n{para}\n"
        "供稿单位:科研发展中心 查看人次:368 发布日期:2023-11-10 分享到:\n",
        30,
    )
    from citekit.extract.splitter import wrap_width
    from citekit.extract.text import LineMap

    assert wrap_width(LineMap(text)) == 30
    refs = _ex(text).references
    assert ("中国新闻网", "2025-12-26") in [
        (r.container_title, r.issued and r.issued.iso()) for r in refs
    ]


def test_a_text_of_long_paragraphs_is_not_hard_wrapped() -> None:
    from citekit.extract.splitter import wrap_width
    from citekit.extract.text import LineMap

    text = "\n".join(f"标题{k}\n" + "正文" * k + "。" for k in range(20, 80, 3))
    assert wrap_width(LineMap(text)) is None


def test_a_header_block_runs_over_the_article_s_own_metadata_fields() -> None:
    text = (
        "论文选摘\n\n"
        "公共图书馆参与非遗活动的路径探索\n"
        "2023-05-30张毅宏\n"
        "张毅宏\n"
        "中图分类号:G258.2 文献标识码:A\n"
        "DOI:10.13897/j.cnki.hbkjty.2023.0013\n\n"
        f"{BODY}\n"
    )
    (ref,) = _ex(text).references
    p = ref.provenance[0]
    assert (p.start_line, p.end_line) == (3, 7)
    assert ref.title == "公共图书馆参与非遗活动的路径探索"


def test_a_dated_source_line_after_a_full_width_comma_is_read() -> None:
    text = "剪报\n\n【六】博物館該如何贏得觀眾\n人民日報人民時評，2017年5月23日\n\n" + BODY + "\n"
    refs = _ex(text).references
    assert [(r.title, r.issued and r.issued.iso()) for r in refs] == [
        ("博物館該如何贏得觀眾", "2017-05-23")
    ]


def test_regional_spellings_of_a_cue_read_as_the_cue() -> None:
    from citekit.extract.cues import CUES
    from citekit.extract.scan import _variants

    assert ("报导", "报道") in CUES.variants
    assert _variants("央广记者杨仁翔台北报导") == "央广记者杨仁翔台北报道"
    assert _variants("领导说") == "领导说"


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("悠南 阅读:5243 2025-05-05 04:43:10", True),
        ("更新於 2022年05月28日14:29 • 發布於 2022年05月28日13:31", True),
        ("华夏经纬网 > 文化 > 文化观察      2024-01-25 09:26:13", True),
        ("他说 2024年5月3日 会议在北京召开，各方代表出席。", False),
        ("会议 于 2024年5月3日 在 北京 召开 各方 代表 出席", False),
    ],
)
def test_a_header_line_is_known_by_its_shape_a_day_among_few_short_fields(
    line: str, header: bool
) -> None:
    from citekit.extract.layout import is_header_field

    assert is_header_field(line) is header


def test_a_tail_attribution_of_an_article_its_header_already_cited_is_the_same_record() -> None:
    text = (
        "动态\n\n"
        "东丽区图书馆为居委会送书\n"
        "发布时间:2018-04-24\n"
        "信息来源:东丽区图书馆\n"
        "4月23日第23个世界读书日期间，我馆为丰年街丽新里居委会送上精心挑选的图书期刊共计239册。\n"
        "(信息来源:东丽区图书馆)\n"
    )
    (ref,) = _ex(text).references
    p = ref.provenance[0]
    assert (ref.title, ref.container_title) == ("东丽区图书馆为居委会送书", "东丽区图书馆")
    assert p.end_line == 7


def test_the_bulletin_s_note_on_its_sources_is_reported_not_a_record() -> None:
    text = (
        "政务诚信与预算监督 文件目录及选读\n"
        "（资料来源：各级政府网站及转载页面，按原样照录）\n\n"
        "一、选读文件\n\n"
        "关于加强政务诚信建设的指导意见\n"
        f"{BODY}\n"
        "（来源：人民日报 2017年5月23日）\n"
    )
    ex = _ex(text)
    assert [r.title for r in ex.references] == ["关于加强政务诚信建设的指导意见"]
    assert [u.provenance.start_line for u in ex.missed] == [2]
    assert any(p.code == "E104" for p in ex.problems.items)


def test_a_publication_line_may_end_with_its_writer_in_brackets() -> None:
    (hit,) = publication_line("——中国电力网，2021年3月24日（陈宗法）")
    assert (hit.phrase, hit.authors) == ("中国电力网，2021年3月24日", ("陈宗法",))
    assert publication_line("——中国电力网，2021年3月24日（上海）") == []


def test_a_quoted_title_before_its_source_in_a_bulleted_list() -> None:
    text = (
        "== Trade ==\n"
        "\n"
        '* "Exports: Why container freight rates doubled in a month" (Reuters, May 3, 2024)\n'
        '* "Port congestion eases as shipping lines add capacity" (Bloomberg, June 2, 2024)\n'
    )
    got = [(r.title, r.container_title) for r in _ex(text).references]
    assert got == [
        ("Exports: Why container freight rates doubled in a month", "Reuters"),
        ("Port congestion eases as shipping lines add capacity", "Bloomberg"),
    ]


@pytest.mark.parametrize("ornament", ["▲ ", "● ", "◆"])
def test_an_ornament_before_a_source_cue_does_not_hide_it(ornament: str) -> None:
    text = (
        "03\n"
        "城市更新中的历史街区保护路径\n"
        "推荐理由：文章梳理了历史街区保护与更新的三种模式。\n"
        f"{ornament}转自城市规划学刊（研究栏目）\n"
    )
    r = _only(text)
    assert (r.title, r.container_title) == ("城市更新中的历史街区保护路径", "城市规划学刊")


def test_a_name_before_a_header_lines_day_is_the_outlet_but_not_a_person() -> None:
    text = (
        "芯片摘编\n"
        "\n"
        "国产存储芯片价格回落 厂商加快扩产节奏\n"
        "爱范儿（ifanr）　2023-03-02 09:15:20\n"
        "近日，多家存储芯片厂商公布了扩产计划，行业人士认为价格将逐步企稳。\n"
        "\n"
        "新能源车企加码自研芯片\n"
        "王建国 2023-05-06 10:00\n"
        "多家新能源车企正在组建芯片团队，以降低对外部供应商的依赖。\n"
    )
    got = {r.title: r.container_title for r in _ex(text).references}
    assert got.get("国产存储芯片价格回落 厂商加快扩产节奏") == "爱范儿"
    assert got.get("新能源车企加码自研芯片") is None


def test_an_issue_without_di_after_the_year_is_read() -> None:
    text = (
        "数字政府建设的地方实践与路径选择\n"
        "2022年05月18日来源:《中国行政管理》2022年05期    作者:王明 李华\n"
        "摘要 数字政府建设是推进国家治理现代化的重要内容。\n"
    )
    r = _only(text)
    assert (r.container_title, r.issue) == ("中国行政管理", "5")


@pytest.mark.parametrize(
    ("line", "issue", "authors"),
    [
        pytest.param("——张立新，王海燕.《管理世界》2021（6）", "6", 2, id="dash-authors-dot"),
        pytest.param("（陈明、刘芳／管理世界，2021年第6期）", "6", 2, id="bracket-slash"),
        pytest.param("——《管理世界》2021，37（6）", "6", 0, id="dash-volume"),
        pytest.param(
            "——管理世界, 2021(6). DOI:10.19744/j.cnki.11-1235.2021.06.001", "6", 0, id="doi"
        ),
    ],
)
def test_a_line_that_is_only_a_periodicals_issue_closes_the_article(
    line: str, issue: str, authors: int
) -> None:
    text = (
        "城市群协同发展的制度逻辑\n"
        "城市群协同发展需要跨行政区的制度安排，本文从府际关系角度讨论其实现路径。\n"
        f"{line}\n"
    )
    r = _only(text)
    assert (r.title, r.container_title, r.issue, len(r.author)) == (
        "城市群协同发展的制度逻辑",
        "管理世界",
        issue,
        authors,
    )


def test_a_journal_heading_without_a_dash_or_bracket_is_no_source_line() -> None:
    from citekit.extract.patterns import journal_line

    assert journal_line("管理世界 2021, 37(6)") == []


def test_a_document_named_in_a_headline_is_the_articles_subject_not_a_citation() -> None:
    text = (
        "数据治理动态\n"
        "\n"
        "国家数据局等五部门联合印发《数据资产登记管理暂行办法》\n"
        "发布时间:2024-03-02 09:10:00 来源: 人民网\n"
        "人民网北京3月1日电 近日，国家数据局等五部门联合印发相关办法，自4月1日起施行。\n"
    )
    refs = _ex(text).references
    assert [r.container_title for r in refs] == ["人民网"]


def test_a_name_after_a_header_lines_day_is_the_outlet() -> None:
    text = (
        "閱讀推廣剪報\n"
        "\n"
        "社區圖書館延長開放時間 夜讀人數明顯增加\n"
        "2023-11-05 08:30　看中國\n"
        "多區社區圖書館自本月起延長開放至晚上十時，首周夜間入館人數較以往增加兩成。\n"
    )
    got = {r.title: r.container_title for r in _ex(text).references}
    assert got.get("社區圖書館延長開放時間 夜讀人數明顯增加") == "看中國"


def test_an_english_byline_with_a_bar_and_a_day_names_a_person_not_an_outlet() -> None:
    # By Jiang Li | 2025/1/22: "Li" is the name's last word; the outlet is named under it
    [hit] = english_outlet_line("By Jiang Li | 2025/1/22 23:18:45")
    assert hit.authors == ("Jiang Li",)
    assert "Li" not in hit.phrase
    text = (
        "Sports digest\n\n"
        "Chinese Go player Ke Jie withdraws from LG Cup finals\n"
        "By Jiang Li | 2025/1/24 0:08:44\n"
        "Chinese Go player Ke Jie lost to South Korean player Byun Sangil in the third game.\n"
        "Source: Global Times\n"
    )
    [ref] = _ex(text).references
    assert (ref.container_title, [a.display for a in ref.author]) == ("Global Times", ["Jiang Li"])


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("【来源】新华社 2023-05-01", "新华社 2023-05-01"),
        ("〔来源〕人民日报", "人民日报"),
        ("[来源]：光明日报", "光明日报"),
        (
            "[文献来源] 水文地质工程地质，2023，50（5）：1-9.",
            "水文地质工程地质，2023，50（5）：1-9.",
        ),
    ],
)
def test_a_source_label_in_brackets_takes_the_value_after_them(line: str, phrase: str) -> None:
    assert [h.phrase for h in find_hits(line)] == [phrase]


def test_an_english_source_label_ends_with_its_sentence() -> None:
    line = "[Source] Strategic Study of CAE, published 20 Oct 2021. Lan Xue, Zongchao Peng"
    assert [h.phrase for h in find_hits(line)] == ["Strategic Study of CAE, published 20 Oct 2021"]


def test_a_journal_cited_as_gbt_7714_does_gives_its_year_volume_and_issue() -> None:
    text = (
        "水资源参考\n\n我国地下水管理面临的问题与对策\n"
        "实施最严格水资源管理制度以来，我国地下水管理取得了显著的成效，水位总体回升。\n"
        "[文献来源] 水文地质工程地质，2023，50（5）：1-9. doi: 10.16030/j.cnki.issn.1000-3665\n"
    )
    [ref] = _ex(text).references
    assert (ref.container_title, str(ref.issued), ref.volume, ref.issue) == (
        "水文地质工程地质",
        "2023",
        "50",
        "5",
    )


def test_a_number_line_with_its_day_under_a_listed_title_is_that_documents() -> None:
    text = (
        "政策文件汇编（2024年第2期）\n\n"
        "1. 国务院关于印发《新时代基础教育扩优提质行动计划》的通知\n"
        "   国发〔2024〕5号  2024年3月1日\n"
        "2. 浙江省人民政府办公厅关于加快建设高质量教育体系的实施意见\n"
        "发文字号：浙政办发〔2024〕10号   发布日期：2024-02-05\n"
    )
    refs = _ex(text).references
    assert [(r.number, str(r.issued)) for r in refs] == [
        ("国发〔2024〕5号", "2024-03-01"),
        ("浙政办发〔2024〕10号", "2024-02-05"),
    ]
    assert not _ex(text).unparsed


def test_the_original_title_after_a_repost_source_is_no_second_source() -> None:
    text = (
        "公众号文章精选\n\n"
        "本文转载自微信公众号“出版商务周报”，原标题《2023年图书零售市场报告》\n"
        "图书零售市场码洋规模同比下降，线上渠道占比继续提高。\n"
    )
    [ref] = _ex(text).references
    assert (ref.title, ref.container_title) == ("2023年图书零售市场报告", "出版商务周报")


def test_writers_institutions_in_brackets_are_no_authors() -> None:
    text = (
        "航天选读\n\n液氧/甲烷火箭,发展到哪一步了?\n2024-01-12 18:57\n"
        "本文来自微信公众号:中国航天(ID:zght-caecc),作者:程诚、熊靖宇(上海空间推进研究所,"
        "上海空间发动机工程技术研究中心)\n"
    )
    [ref] = _ex(text).references
    assert [a.display for a in ref.author] == ["程诚", "熊靖宇"]


def test_a_name_joined_to_a_header_day_by_a_dot_or_bar_is_the_outlet() -> None:
    text = (
        "公众号文章精选\n\n阅读推广的十个案例\n图书馆建设 · 2024-01-15\n"
        "全民阅读活动深入开展，各地图书馆创新推广方式，读者参与热情高涨，活动形式多样。\n"
    )
    [ref] = _ex(text).references
    assert (ref.title, ref.container_title, str(ref.issued)) == (
        "阅读推广的十个案例",
        "图书馆建设",
        "2024-01-15",
    )


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("2024-03-05 | Global Times", "Global Times"),
        ("SHANGHAI DAILY  |  March 10, 2024", "SHANGHAI DAILY"),
    ],
)
def test_an_english_outlet_and_day_under_a_headline_is_its_header(header: str, outlet: str) -> None:
    text = (
        "Foreign Press Digest\n\nPoetry festival held in Chengdu\n"
        f"{header}\n"
        "Poets from 20 countries gathered in Chengdu for the annual festival on Sunday.\n"
    )
    [ref] = _ex(text).references
    assert (ref.title, ref.container_title) == ("Poetry festival held in Chengdu", outlet)
