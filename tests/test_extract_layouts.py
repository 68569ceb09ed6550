"""Extraction reads every bulletin layout: attribution at the head or tail, datelines, two
sources, traditional and English lines, bylines, journal contents, policy documents, dates,
junk, PDF artefacts — and says so when it is unsure or misses a cue line."""

from __future__ import annotations

import pytest

from citekit.documents import Document
from citekit.extract import Extraction, extract_document
from citekit.model import Reference


def _ex(text: str, path: str = "b.txt") -> Extraction:
    return extract_document(Document(path, text, "utf-8"))


def _refs(text: str) -> list[Reference]:
    return [r for r in _ex(text).references if r.type != "legislation"]


def _only(text: str) -> Reference:
    refs = _refs(text)
    assert len(refs) == 1, [(r.title, r.container_title) for r in refs]
    return refs[0]


def _authors(ref: Reference) -> list[str]:
    return [a.display for a in ref.author]


BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"


@pytest.mark.parametrize(
    ("header", "container", "date"),
    [
        pytest.param("2020-03-09 来源: 学习时报", "学习时报", "2020-03-09", id="date-source"),
        pytest.param(
            "发布时间：2022-04-27 08:44 信息来源：光明日报 浏览量：",
            "光明日报",
            "2022-04-27",
            id="fields-with-junk",
        ),
        pytest.param(
            "2020年10月16日07:21 来源：人民网－人民日报",
            "人民日报",
            "2020-10-16",
            id="portal-paper",
        ),
        pytest.param(
            "2019-05-06\n来源：中国青年报", "中国青年报", "2019-05-06", id="separate-lines"
        ),
        pytest.param(
            "来源:\n经济日报\n2021-01-07", "经济日报", "2021-01-07", id="source-next-line"
        ),
        pytest.param("稿源：浙江日报 2021-8-28", "浙江日报", "2021-08-28", id="gaoyuan"),
        pytest.param(
            "文献来源：中国社会科学报 2021年3月24日",
            "中国社会科学报",
            "2021-03-24",
            id="wenxian",
        ),
    ],
)
def test_attribution_at_the_head_takes_the_title_above(
    header: str, container: str, date: str
) -> None:
    text = f"专题信息 2026年第1期\n\n一、要闻\n\n本文的标题在这里\n{header}\n{BODY}\n"
    ref = _only(text)
    assert ref.title == "本文的标题在这里"
    assert ref.container_title == container
    assert ref.issued is not None and ref.issued.iso() == date


def test_attribution_at_the_tail_takes_its_own_article_title() -> None:
    text = (
        "专题信息 2026年第1期\n\n第一篇文章的标题\n作者：张三\n"
        f"{BODY}\n（来源：人民日报 2024-03-05）\n\n第二篇文章的标题\n{BODY}\n"
        "（来源：光明日报 2024-03-06）\n"
    )
    first, second = _refs(text)
    assert (first.title, first.container_title, _authors(first)) == (
        "第一篇文章的标题",
        "人民日报",
        ["张三"],
    )
    assert (second.title, second.container_title) == ("第二篇文章的标题", "光明日报")


def test_wechat_header_and_repost() -> None:
    ref = _only(f"一篇推文的标题\n原创 张三 新京报 2024-03-01\n{BODY}\n")
    assert (ref.title, ref.container_title, _authors(ref)) == ("一篇推文的标题", "新京报", ["张三"])
    assert ref.issued is not None and ref.issued.iso() == "2024-03-01"
    ref = _only(f"另一篇推文的标题\nThe following article is from 新京报 Author 李四\n{BODY}\n")
    got = (ref.title, ref.container_title, _authors(ref))
    assert got == ("另一篇推文的标题", "新京报", ["李四"])


def test_dateline_agency_is_the_source_reporters_the_authors_year_from_context() -> None:
    text = (
        f"简报 2023年第2期\n\n外交部发言人答记者问\n新华社北京10月15日电（记者 张三 李四）{BODY}\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title, _authors(ref)) == (
        "外交部发言人答记者问",
        "新华社",
        ["张三", "李四"],
    )
    assert ref.issued is not None and ref.issued.iso() == "2023-10-15"


def test_site_dateline() -> None:
    ref = _only(f"2024年3月要闻\n\n杭州举办一场活动\n中新网杭州3月5日电 {BODY}\n")
    assert ref.container_title == "中新网" and ref.title == "杭州举办一场活动"
    assert ref.issued is not None and ref.issued.iso() == "2024-03-05"


def test_dateline_without_a_year_anywhere_is_left_empty_and_flagged() -> None:
    ex = _ex(f"一篇报道的标题\n新华社北京10月15日电 {BODY}\n")
    (ref,) = ex.references
    assert ref.issued is None
    assert any(p.code == "E106" and p.where == "b.txt:2" for p in ex.problems)


def test_two_sources_in_one_line_paper_is_container_agency_kept() -> None:
    text = f"一篇旧闻的标题\n{BODY}\n（新华社北京八月三十日电，载《人民日报》1990年8月30日第1版）\n"
    ref = _only(text)
    assert (ref.container_title, ref.edition) == ("人民日报", "1")
    assert ref.issued is not None and ref.issued.iso() == "1990-08-30"
    assert ref.note and "新华社" in ref.note


def test_traditional_characters_match_and_are_kept_as_written() -> None:
    ref = _only(f"兩岸交流的標題\n{BODY}\n（來源：聯合報 2023年2月11日）\n")
    assert ref.container_title == "聯合報"
    assert ref.title == "兩岸交流的標題"
    ref = _only(f"一篇轉載的文章\n{BODY}\n（轉載自端傳媒,2020年11月10日）\n")
    assert ref.container_title == "端傳媒"


@pytest.mark.parametrize(
    ("line", "container", "date", "edition"),
    [
        pytest.param("Source: China Daily, 2020-08-18, Page 1", "China Daily", "2020-08-18", "1"),
        pytest.param("(China Daily, September 24, 2020)", "China Daily", "2020-09-24", None),
        pytest.param("China Daily, 24 September 2020, p. 14", "China Daily", "2020-09-24", "14"),
        pytest.param(
            "（来源：China Daily 2018年5月10日 第1版）",
            "China Daily",
            "2018-05-10",
            "1",
            id="mixed",
        ),
    ],
)
def test_english_and_mixed_source_lines(
    line: str, container: str, date: str, edition: str | None
) -> None:
    body = "The president said on Monday that the country would press ahead with reforms."
    ref = _only(f"Xi urges youth to make new contributions\nBy LI LEI\n{body}\n{line}\n")
    assert ref.container_title == container
    assert ref.issued is not None and ref.issued.iso() == date
    assert ref.edition == edition
    assert ref.title == "Xi urges youth to make new contributions"
    assert _authors(ref) == ["LI LEI"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("作者：张三 李四", ["张三", "李四"]),
        ("本报记者 王五 通讯员 赵六", ["王五", "赵六"]),
        ("文/钱七", ["钱七"]),
        ("撰稿：祝 彦", ["祝彦"]),
        ("编译：刘洋", ["刘洋"]),
        ("记者 孙八、周九，吴十", ["孙八", "周九", "吴十"]),
        ("作者：郑一 责任编辑：王二", ["郑一"]),
        ("方开燕、贾茹、邓志慧", ["方开燕", "贾茹", "邓志慧"]),
    ],
)
def test_bylines_under_the_title(byline: str, authors: list[str]) -> None:
    ref = _only(f"一篇文章的标题\n{byline}\n{BODY}\n（来源：人民日报 2024-03-05）\n")
    assert ref.title == "一篇文章的标题"
    assert _authors(ref) == authors


def test_editors_and_photographers_are_never_authors() -> None:
    text = (
        "一篇文章的标题\n责任编辑：王五 摄影：赵六 校对：钱七\n"
        f"{BODY}\n（来源：人民日报 2024-03-05）\n"
    )
    assert _authors(_only(text)) == []


def test_masthead_and_section_heading_are_never_titles() -> None:
    text = f"专题信息 2026年第1期\n\n【时事要闻】\n\n{BODY}\n（来源：人民日报 2024-03-05）\n"
    ex = _ex(text)
    (ref,) = ex.references
    assert ref.title is None
    assert any(p.code == "E102" and p.where == "b.txt:6" for p in ex.problems)


def test_journal_contents_heading_gives_container_year_and_issue() -> None:
    text = (
        "期刊目次速递\n\n《经济研究》2024年第3期\n"
        "数字经济与高质量发展 张三 李四 (4)\n"
        "人工智能与劳动力市场/王五\n"
        "绿色金融的理论与实践……赵六……32\n\n"
        "中国行政管理 2024(5)\n"
        "基层治理现代化的路径 祝 彦\n"
        "政府数字化转型研究 钱七、孙八 (15-22)\n"
    )
    refs = _refs(text)
    got = [
        (
            r.title,
            r.container_title,
            r.issued.iso() if r.issued else None,
            r.issue,
            r.page,
            _authors(r),
        )
        for r in refs
    ]
    assert got == [
        ("数字经济与高质量发展", "经济研究", "2024", "3", "4", ["张三", "李四"]),
        ("人工智能与劳动力市场", "经济研究", "2024", "3", None, ["王五"]),
        ("绿色金融的理论与实践", "经济研究", "2024", "3", "32", ["赵六"]),
        ("基层治理现代化的路径", "中国行政管理", "2024", "5", None, ["祝彦"]),
        ("政府数字化转型研究", "中国行政管理", "2024", "5", "15-22", ["钱七", "孙八"]),
    ]
    assert all(r.type == "article-journal" for r in refs)


def test_policy_documents_number_before_after_or_under_the_title() -> None:
    text = (
        "政策文件摘编\n\n国务院关于推动内蒙古高质量发展\n奋力书写中国式现代化新篇章的意见\n"
        "国发〔2023〕16号\n各省、自治区、直辖市人民政府：\n正文从这里开始，讲述有关事项。\n\n"
        "鲁政发〔2014〕20号《山东省人民政府关于深化预算管理制度改革的实施意见》\n\n"
        "省人民政府關于\n進一步優化營商環境的若干意見\n鄂政發〔2018〕26號\n\n"
        "三、相关法律\n\n《中华人民共和国预算法》\n"
    )
    refs = _ex(text).references
    got = [(r.title, r.number, r.authority) for r in refs]
    assert got == [
        (
            "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见",
            "国发〔2023〕16号",
            "国务院",
        ),
        (
            "山东省人民政府关于深化预算管理制度改革的实施意见",
            "鲁政发〔2014〕20号",
            "山东省人民政府",
        ),
        ("省人民政府關于進一步優化營商環境的若干意見", "鄂政發〔2018〕26號", None),
        ("中华人民共和国预算法", None, None),
    ]
    assert all(r.type == "legislation" for r in refs)


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("人民日报 19-3-5", "2019-03-05"),
        ("人民日报 21-1-7", "2021-01-07"),
        ("人民日报 二〇一九年三月五日", "2019-03-05"),
        ("人民日报 2019.03.05", "2019-03-05"),
        ("人民日报 3月5日", "2026-03-05"),
    ],
)
def test_dates_in_every_form_year_from_the_bulletin(phrase: str, iso: str) -> None:
    ref = _only(f"专题信息 2026年第1期\n\n标题在这里\n{BODY}\n（来源：{phrase}）\n")
    assert ref.issued is not None and ref.issued.iso() == iso


def test_unresolvable_day_is_left_empty_and_flagged() -> None:
    ex = _ex(f"标题在这里\n{BODY}\n（来源：人民日报 3月5日）\n")
    (ref,) = ex.references
    assert ref.issued is None
    assert any(p.code == "E106" for p in ex.problems)


@pytest.mark.parametrize(
    "junk", ["浏览量：1234", "点击数：56", "字号 大 中 小", "打印本页", "分享到"]
)
def test_boilerplate_is_never_a_source(junk: str) -> None:
    ref = _only(f"标题在这里\n2021-08-28 来源：浙江日报 {junk}\n{BODY}\n")
    assert ref.container_title == "浙江日报"


@pytest.mark.parametrize("alone", ["本刊", "本报"])
def test_this_publication_alone_is_no_source(alone: str) -> None:
    ex = _ex(f"标题在这里\n{BODY}\n（来源：{alone}）\n")
    assert ex.references == []
    assert [u.provenance.start_line for u in ex.unparsed] == [3]


def test_pdf_artefacts_page_furniture_and_stray_spaces() -> None:
    text = (
        "专题信息 2026年第1期\n\n让山区成为令人向往的幸福美好家园加快跨越\n式高质量发展\n"
        "作者：张 三\n"
        "这是正文的第一段，讲述了事情的经过和各方的反\n— 3 —\n"
        "应，篇幅较长，足以看出是正文而不是标题。\n"
        "（来源：丽水日报 ２０１８－９－３）\n"
    )
    ref = _only(text)
    assert ref.title == "让山区成为令人向往的幸福美好家园加快跨越式高质量发展"
    assert _authors(ref) == ["张三"]
    assert ref.container_title == "丽水日报"
    assert ref.issued is not None and ref.issued.iso() == "2018-09-03"


def test_letter_spaced_pdf_lines_read_as_written_names_with_a_space_stay_apart() -> None:
    text = (
        "人 民 日 报 1978年9月13日 第1版\n\n华主席叶委员长为妇代会题词\n"
        "新 华 社 北 京 九 月 十 二 日 电 （记 者 张 三）为祝贺大会召开，题了词。\n"
    )
    ref = _only(text)  # the paper that printed the dispatch is the container, the agency a note
    assert (ref.title, ref.container_title, ref.note, _authors(ref)) == (
        "华主席叶委员长为妇代会题词",
        "人民日报",
        "新华社",
        ["张三"],
    )
    assert ref.issued is not None and ref.issued.iso() == "1978-09-13"


def test_despace_closes_long_letter_spaced_runs_only() -> None:
    from citekit.extract.artefacts import despace

    assert despace("新 华 社 北 京 九 月 电\n") == "新华社北京九月电\n"
    assert despace("x\n富 强 浙 江\n") == "x\n富 强 浙 江\n"  # a heading set wide stays
    assert despace("及对策 / 骆 瑾 王 昕 方立国") == "及对策 / 骆 瑾 王 昕 方立国"
    assert despace("a\n人 民 日 报 1962年") == "a\n人民日报 1962年"
    assert despace("English words a b c d e f") == "English words a b c d e f"


def test_bracketed_outlet_and_day_closes_the_article_column_dropped() -> None:
    text = (
        "港台报刊剪报\n\n為台灣拚經濟 卻開放晶圓廠登陸…這不是矛盾嗎?\n☉張國財\n"
        "以子之矛,攻子之盾的寓言,大家耳熟能詳,這種自打嘴巴、無法自圓其說的矛盾,是自相矛盾。\n"
        "（自由時報·自由廣場,中華民國91年3月19日）\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title, _authors(ref)) == (
        "為台灣拚經濟 卻開放晶圓廠登陸…這不是矛盾嗎?",
        "自由時報",
        ["張國財"],
    )
    assert ref.issued is not None and ref.issued.iso() == "2002-03-19"


def test_work_title_with_a_day_in_brackets_is_no_source() -> None:
    assert (
        _refs("《采访受阻事件透视》(2002年3月28日)\n主持人：今天我们要讲的故事与记者有关。\n") == []
    )


def test_names_before_a_bar_are_the_authors() -> None:
    text = (
        f"朱金鹤 孙红雪│数字经济是否提升了城市经济韧性?\n\n{BODY}\n"
        "本文刊发于《现代经济探讨》2021年10月\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title, _authors(ref)) == (
        "数字经济是否提升了城市经济韧性?",
        "现代经济探讨",
        ["朱金鹤", "孙红雪"],
    )


def test_post_header_on_two_lines_then_where_it_was_printed() -> None:
    text = (
        f"推文选编\n\n土地资源错配与绿色技术创新\n\n李勇刚 现代经济探讨\n2024-09-04\n\n{BODY}\n"
        "本文刊发于《现代经济探讨》2023年第7期\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title, _authors(ref)) == (
        "土地资源错配与绿色技术创新",
        "现代经济探讨",
        ["李勇刚"],
    )


@pytest.mark.parametrize(
    "header", ["迪哥讲事　2026-03-30", "程序员成长指北 2022-05-09 09:01 发表于北京"]
)
def test_account_and_day_under_a_title_is_a_header_not_a_title(header: str) -> None:
    text = f"一次意外的接口测试\n{header}\n以下文章来源于安全无界，作者pippybear\n{BODY}\n"
    ref = _only(text)
    assert (ref.title, ref.container_title) == ("一次意外的接口测试", "安全无界")
    assert ref.issued is not None and ref.issued.iso()[:4] in ("2026", "2022")


def test_contents_heading_by_web_address_takes_the_name_above_decks_left_out() -> None:
    text = (
        "期刊目次速递\n\n一、Beijing Review\n\n"
        "WWW.BJREVIEW.COM VOL.64 NO.22 JUNE 3, 2021\nCONTENTS\n"
        "02 Nujiang's Miracle\n12 The Highway of Hope — A Beautiful Road connects regions\n"
        "16 Not One Less — One vocational school raises educational hopes\n"
    )
    refs = _refs(text)
    assert [(r.title, r.container_title, r.page) for r in refs] == [
        ("Nujiang's Miracle", "Beijing Review", "2"),
        ("The Highway of Hope", "Beijing Review", "12"),
        ("Not One Less", "Beijing Review", "16"),
    ]


def test_traditional_contents_entries_are_kept_as_written() -> None:
    text = (
        "期刊目次速递\n\n《東方論壇》2022年第1期\n　魯迅的紀實創作及其影響與意義／章羅生\n"
        "《現代情報》2016年第7期\n"
        "　高校圖書館一站式讀者薦購服務平臺的設計與研究／王潔慧　張洪艷（第90-95页）\n"
    )
    refs = _refs(text)
    assert [(r.title, r.container_title, _authors(r)) for r in refs] == [
        ("魯迅的紀實創作及其影響與意義", "東方論壇", ["章羅生"]),
        ("高校圖書館一站式讀者薦購服務平臺的設計與研究", "現代情報", ["王潔慧", "張洪艷"]),
    ]


def test_document_lists_titles_that_issue_another_numbers_beside_or_first() -> None:
    text = (
        "二、正文引用的上位文件\n\n"
        "1. 浙江省人民政府办公厅关于印发《浙江省促进残疾人就业行动方案(2022—2025年)》的通知"
        "（浙政办发〔2022〕59号）\n"
        "2. 金华市人民政府办公室关于印发《金华市促进残疾人就业行动方案(2022—2025年)》\n"
        "   的通知　金政办发〔2022〕50号\n"
        "3. 中办发〔2016〕8号　中共中央办公厅国务院办公厅印发"
        "《关于全面推进政务公开工作的意见》的通知\n"
        "4. 《山东省人民政府信息公开办法》(省政府令第225号)\n"
        "5. 《陝西省政務信息資源共享管理辦法》(陝政發〔2017〕34號)\n"
    )
    got = [(r.title, r.number) for r in _ex(text).references]
    assert got == [
        (
            "浙江省人民政府办公厅关于印发《浙江省促进残疾人就业行动方案(2022—2025年)》的通知",
            "浙政办发〔2022〕59号",
        ),
        (
            "金华市人民政府办公室关于印发《金华市促进残疾人就业行动方案(2022—2025年)》的通知",
            "金政办发〔2022〕50号",
        ),
        (
            "中共中央办公厅国务院办公厅印发《关于全面推进政务公开工作的意见》的通知",
            "中办发〔2016〕8号",
        ),
        ("山东省人民政府信息公开办法", "省政府令第225号"),
        ("陝西省政務信息資源共享管理辦法", "陝政發〔2017〕34號"),
    ]


def test_policy_date_is_the_nearest_signature_or_field() -> None:
    text = (
        "（一）\n某某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(某办发〔2017〕2号)\n"
        "某某市人民政府办公室\n2017年1月10日\n\n（二）\n"
        "标　　题：某某市人民政府办公室关于印发《某某实施方案》的通知\n成文日期：2023年3月13日\n"
    )
    first = _ex(text).references[0]
    assert first.number == "某办发〔2017〕2号"
    assert first.issued is not None and first.issued.iso() == "2017-01-10"


def test_source_field_naming_junk_is_no_record() -> None:
    text = f"国务院文件\n\n发布时间:2024-11-01 21:09:52 来源: sp20241101\n{BODY}\n"
    ex = _ex(text)
    assert ex.references == []
    assert [(p.code, p.where) for p in ex.problems] == [("E101", "b.txt:3")]


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        ("特稿:中国战“疫”五字诀", "中国战“疫”五字诀"),
        ("(近观中国)世界向何处去?习近平答“时代四问”", "世界向何处去?习近平答“时代四问”"),
        ("《瞭望》:钱学森的成就与忧虑", "钱学森的成就与忧虑"),
        ("专访郭嘉铨:无惧抹黑守护香港丨香港一线", "专访郭嘉铨:无惧抹黑守护香港"),
        ("期刊精粹 | 步行指数评价研究【2019.5期】", "步行指数评价研究"),
        (
            "韩国大选|李俊锡首尔演讲 遇反对者抗议引发冲突",
            "韩国大选|李俊锡首尔演讲 遇反对者抗议引发冲突",
        ),
    ],
)
def test_column_labels_and_tags_are_no_part_of_the_title(printed: str, title: str) -> None:
    assert _only(f"{printed}\n{BODY}\n（来源：人民日报 2024-03-05）\n").title == title


def test_page_header_outlet_and_day_is_the_source() -> None:
    ref = _only(f"国图首次展出特藏古籍\n2005年04月19日07:56 中国广播网\n{BODY}\n")
    assert (ref.title, ref.container_title) == ("国图首次展出特藏古籍", "中国广播网")
    assert ref.issued is not None and ref.issued.iso() == "2005-04-19"


def test_the_same_source_said_again_in_a_header_is_one_record() -> None:
    text = (
        "國圖110歲 3.2萬部古籍實現在線閱覽\n發布時間:2019-09-05 20:02 來源:中國青年報 編輯:楊倩\n"
        f"信息來源:中國青年報 2019-09-05\n{BODY}\n"
    )
    ref = _only(text)
    assert (ref.container_title, ref.provenance[0].start_line, ref.provenance[0].end_line) == (
        "中國青年報",
        2,
        3,
    )


@pytest.mark.parametrize(
    "header",
    [
        "发布时间:2020-06-29 10:55:43",
        "作者:汤贞敏 时间:2020-06-29 点击数:",
        "2020/6/29 9:36:04   阅读:615",
    ],
)
def test_a_title_dated_by_its_page_header_alone_is_a_record_without_container(
    header: str,
) -> None:
    ex = _ex(f"高校动态\n\n基于二维象限分析法的大学排名影响研究\n{header}\n{BODY}\n")
    (ref,) = ex.references
    assert (ref.title, ref.container_title, ref.type) == (
        "基于二维象限分析法的大学排名影响研究",
        None,
        "webpage",
    )
    assert ref.issued is not None and ref.issued.iso() == "2020-06-29"
    assert any(p.code == "E105" for p in ex.problems)  # no container: said, not guessed


def test_a_header_dated_article_closed_by_its_source_is_that_sources_record() -> None:
    text = (
        "打破偏見! 「十大非去不可」圖書館 南部拿下一半\n2015/10/02 08:01\n"
        f"{BODY}\n（自由時報電子報）\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title) == (
        "打破偏見! 「十大非去不可」圖書館 南部拿下一半",
        "自由時報電子報",
    )
    assert ref.issued is not None and ref.issued.iso() == "2015-10-02"


def test_site_header_with_month_day_time_then_dateline_is_one_record() -> None:
    text = (
        "专题信息　2026年第5期\n\n集装箱铁水联运装载和安全检查国家标准发布\n"
        "中国新闻网　10-08 20:38\n"
        f"中新网10月8日电（记者 陈杭）{BODY}\n"
    )
    ref = _only(text)
    assert (ref.title, _authors(ref)) == ("集装箱铁水联运装载和安全检查国家标准发布", ["陈杭"])
    assert ref.issued is not None and ref.issued.iso() == "2026-10-08"
    assert (ref.provenance[0].start_line, ref.provenance[0].end_line) == (4, 5)


def test_title_line_closed_by_its_time_and_outlet() -> None:
    text = (
        "《自然》论文：模拟组织柔软传感器可实时监测神经递质（2022-06-02 10:33:56，中国新闻网）\n"
        f"中新网北京6月2日电 (记者 孙自法){BODY}\n"
    )
    ref = _only(text)
    assert (ref.title, _authors(ref)) == (
        "《自然》论文：模拟组织柔软传感器可实时监测神经递质",
        ["孙自法"],
    )
    assert ref.issued is not None and ref.issued.iso() == "2022-06-02"


def test_same_as_above_repeats_the_previous_articles_source() -> None:
    text = (
        f"穗涉外宾馆定最低限价\n{BODY}\n（《人民日报》1990年9月4日第1版）\n\n"
        f"人大常委会举行全会听取汇报\n新华社北京9月3日电 {BODY}\n（同上）\n"
    )
    first, second = _refs(text)
    assert (second.title, second.container_title, second.edition) == (
        "人大常委会举行全会听取汇报",
        first.container_title,
        first.edition,
    )
    assert second.issued == first.issued


def test_repost_header_naming_the_journal_issue_is_a_journal_article() -> None:
    text = (
        "专题信息 2026年第1期\n\n新形势下数字经济的发展与治理\n2020-11-13 10:29贺建风\n"
        "人民论坛·学术前沿 2020年17期\n【DOI】10.16619/j.cnki.rmltxsqy.2020.17.005\n"
    )
    ref = _only(text)
    assert (ref.title, ref.container_title, ref.issue, ref.type, _authors(ref)) == (
        "新形势下数字经济的发展与治理",
        "人民论坛·学术前沿",
        "17",
        "article-journal",
        ["贺建风"],
    )
