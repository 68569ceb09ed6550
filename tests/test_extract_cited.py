"""A GB/T 7714 entry quoted inside a bulletin — ``引用格式：…``, a ``参考文献`` list, a bare
``[J]`` or ``[N]`` line — is a reference: it becomes a record with its line, the evidence it was
read from and a confidence. A body sentence carrying a footnote mark ``[1]`` is not an entry."""

from __future__ import annotations

import pytest

import citekit
from citekit.documents import Document
from citekit.extract import Extraction, Unparsed, extract_document


def _extract(text: str, name: str = "bulletin.txt") -> Extraction:
    return extract_document(Document(name, text, "utf-8"))


def _refs(text: str) -> list[citekit.Reference]:
    return _extract(text).references


def test_a_cite_as_line_is_a_journal_article_with_every_field() -> None:
    text = (
        "数字治理专题信息\n\n"
        "基层数字治理的实践路径\n"
        "引用格式：张三，李四.基层数字治理的实践路径[J].中国行政管理,2024,40(3):45-67.\n"
        "摘要：本文讨论基层数字治理。\n"
    )
    ex = _extract(text)
    [ref] = [r for r in ex.references if r.type == "article-journal"]
    assert ref.title == "基层数字治理的实践路径"
    assert [a.display for a in ref.author] == ["张三", "李四"]
    assert (ref.container_title, ref.volume, ref.issue, ref.page) == (
        "中国行政管理",
        "40",
        "3",
        "45-67",
    )
    assert ref.issued is not None and ref.issued.year == 2024
    p = ref.provenance[0]
    assert (p.file, p.start_line, p.end_line) == ("bulletin.txt", 4, 4)
    assessment = ex.assessment(ref)
    assert assessment is not None and assessment.confidence >= 0.8
    assert "form:cited-reference" in assessment.evidence
    assert "cue:cite-as" in assessment.evidence


def test_a_cue_alone_above_the_entry_counts_as_its_cue() -> None:
    text = "引用请注明以下信息:\n王五.乡村阅读推广的十年[J].图书馆论坛,2023(5):1-9.\n"
    ex = _extract(text, "b.txt")
    [ref] = ex.references
    assert ref.title == "乡村阅读推广的十年" and ref.provenance[0].start_line == 2
    a = ex.assessment(ref)
    assert a is not None and "cue:cite-as" in a.evidence


_ARTICLE = (
    "专题信息 2026年第2期\n\n"
    "公共文化服务的均等化：回顾与展望\n"
    "本文回顾了近十年公共文化服务均等化的政策演进，梳理了城乡之间、区域之间在设施、"
    "资源与服务上的差距，并对数字化条件下的均等化路径作了讨论。研究认为，"
    "基层服务能力建设、数字资源共建共享和评估机制完善是今后工作的三个重点。\n"
    "从设施看，县级以上公共图书馆和文化馆已基本做到全覆盖，乡镇综合文化站的建设也基本完成，"
    "但部分站点存在有场地无人员、有设备无活动的问题，服务效能仍有提升空间。\n"
    "从资源看，数字资源的总量增长很快，但适合基层群众使用的内容仍然偏少，"
    "资源的分类组织和推送方式也需要按照不同人群的需求加以改进。\n"
    "作者单位：某省图书馆研究部。文章有删节，全文见原刊。\n\n"
)


def test_a_reference_list_gives_one_record_per_entry_of_every_type() -> None:
    text = _ARTICLE + (
        "参考文献\n"
        "[1] 赵六.公共文化服务均等化研究[J].图书情报工作,2022,66(1):10-18.\n"
        "[2] 钱七.让书香浸润乡村[N].人民日报,2024-04-23(5).\n"
        "[3] 国家图书馆.2023年全民阅读报告[EB/OL].(2024-04-20)[2024-05-01]."
        "https://www.nlc.cn/report.html.\n"
        "[4] 孙八.数字图书馆导论[M].北京:科学出版社,2019:33.\n"
    )
    refs = _refs(text)
    assert [r.type for r in refs] == ["article-journal", "article-newspaper", "webpage", "book"]
    paper = refs[1]
    assert paper.container_title == "人民日报" and paper.issued is not None
    assert paper.issued.iso() == "2024-04-23"
    assert refs[2].url == "https://www.nlc.cn/report.html"
    assert refs[3].publisher == "科学出版社"
    assert [r.provenance[0].start_line for r in refs] == [10, 11, 12, 13]


def test_an_entry_wrapped_over_two_lines_is_joined() -> None:
    text = (
        "参考文献：\n"
        "[1] 周九，吴十.高校图书馆学科服务模式的演进与展望[J].大学图书馆学报,\n"
        "2021,39(2):55-62.\n"
    )
    [ref] = _refs(text)
    assert ref.container_title == "大学图书馆学报" and ref.page == "55-62"
    assert (ref.provenance[0].start_line, ref.provenance[0].end_line) == (2, 3)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "党的二十大报告指出，高质量发展是首要任务。[1]将这一理论用于期刊领域，二者相辅相成。",
            id="footnote-mark-in-a-sentence",
        ),
        pytest.param(
            "多位学者从不同维度分析了区域期刊的问题[2-4]，例如汤某[5]从数字出版维度提出意见。",
            id="several-marks",
        ),
        pytest.param(
            "文献类型标识中，期刊用[J]表示，报纸用[N]表示。专著用[M]表示。",
            id="codes-explained-in-running-text",
        ),
    ],
)
def test_a_body_sentence_with_a_footnote_mark_is_not_an_entry(line: str) -> None:
    ex = _extract("一段正文\n" + line + "\n", "b.txt")
    assert not [r for r in ex.references if r.type in ("article-journal", "article-newspaper")]
    assert not [u for u in ex.unparsed if "GB/T" in u.reason]


def test_full_width_brackets_and_traditional_characters_keep_the_text_as_written() -> None:
    text = "引用格式　王浩,劉慧,寧晨,等.教育數字化轉型的耦合研究［J］.教學與管理,2025(03):6-11.\n"
    ex = _extract(text, "b.txt")
    [ref] = ex.references
    assert ref.title == "教育數字化轉型的耦合研究"
    assert ref.container_title == "教學與管理"
    assert [a.display for a in ref.author] == ["王浩", "劉慧", "寧晨"]
    assert ref.extra.get("et-al") is True  # 等: more authors than printed


def test_a_citation_printed_twice_is_one_record() -> None:
    entry = "黄某. 什么是功能语言学[J]. 外语学刊, 2023, 39(1): 73-89."
    refs = _refs(entry + "\n引用本文: " + entry + "\n")
    assert len(refs) == 1
    assert (refs[0].provenance[0].start_line, refs[0].provenance[0].end_line) == (1, 2)


def test_an_announced_entry_that_does_not_parse_is_reported_not_dropped() -> None:
    ex = _extract("引用格式：某某[J]\n", "b.txt")
    assert not ex.references
    [item] = [i for i in ex.items if isinstance(i, Unparsed)]
    assert item.provenance.start_line == 1 and "GB/T 7714" in item.reason


def test_a_pasted_reference_list_is_left_to_import() -> None:
    """A text that is mostly entries is a reference list (``citekit import`` reads it; extract
    says so with W441), not a bulletin quoting references."""
    entries = [f"[{i}] 作者{i}.题名第{i}篇的研究[J].某某学报,2020,{i}(1):1-9." for i in range(1, 6)]
    assert _refs("\n".join(entries) + "\n") == []


def test_the_grammar_is_shared_with_the_reference_list_reader() -> None:
    from citekit import gbt_entry
    from citekit.formats import gbt_text

    assert gbt_text.parse_entry is gbt_entry.parse_entry
    assert gbt_text.split_entries is gbt_entry.split_entries


def test_two_alike_entries_of_a_numbered_list_stay_two() -> None:
    entry = "郑某.地方志的数字化[J].中国地方志,2022(4):5-9."
    refs = _refs(f"参考文献\n[1] {entry}\n[2] {entry}\n")
    assert [r.provenance[0].start_line for r in refs] == [2, 3]


@pytest.mark.parametrize(
    ("line", "kind", "container"),
    [
        pytest.param(
            "引用格式：卫某,蒋某.县域公共文化服务的供给.中国行政管理,2023,39(4):60-66.",
            "article-journal",
            "中国行政管理",
            id="journal",
        ),
        pytest.param(
            "引用本文：沈某.书香社会建设的地方经验.光明日报,2024-04-23(7).",
            "article-newspaper",
            "光明日报",
            id="newspaper",
        ),
    ],
)
def test_an_announced_entry_without_a_type_code_takes_the_code_its_fields_imply(
    line: str, kind: str, container: str
) -> None:
    ex = _extract(line + "\n")
    [ref] = ex.references
    assert (ref.type, ref.container_title) == (kind, container)
    a = ex.assessment(ref)
    assert a is not None and "code:inferred" in a.evidence
    assert any("type code" in d for d in a.doubts)


def test_a_labelled_list_under_a_references_heading_may_omit_codes() -> None:
    text = _ARTICLE + (
        "参考文献：\n"
        "[1] 韩某, 杨某. 图书馆数据治理框架研究. 图书情报工作, 2022, 66(3): 12-20.\n"
        "[2] 朱某. 公共数字文化. 北京: 国家图书馆出版社, 2019.\n"
        "本文为节选。\n"
        "会议要求各单位认真学习。\n"
        "1. 做好统计工作.\n"
    )
    refs = _refs(text)
    assert [(r.type, r.title) for r in refs] == [
        ("article-journal", "图书馆数据治理框架研究"),
        ("book", "公共数字文化"),
    ]


def test_a_sentence_that_merely_names_a_cue_is_not_an_entry() -> None:
    ex = _extract("引用格式规范的重要性在于方便读者查找原文。\n")
    assert not ex.references and not ex.unparsed


def test_a_source_line_above_naming_the_same_journal_is_the_same_reference() -> None:
    text = _ARTICLE + (
        "全文刊登于《园林学刊》2023年第4期 P10-17\n"
        "魏某,韩某.乡村景观的生态基础[J].园林学刊,2023,30(4):10-17.\n"
    )
    [ref] = [r for r in _refs(text) if r.type == "article-journal"]
    p = ref.provenance[0]
    assert (p.start_line, p.end_line) == (9, 10)


def test_english_references_with_and_without_a_type_code() -> None:
    text = (
        "Library news\n\n"
        + "An overview of the reading programme and what it achieved in its first year. " * 8
        + "\n\nReferences\n"
        "[1] ZHANG S, LI S. Reading promotion in rural China[J]. Library Trends, 2024, 72(3): "
        "45-67.\n"
        "[2] WANG H. Public libraries and the digital divide. Journal of Documentation, 2023, "
        "79(2): 301-320.\n"
    )
    refs = _refs(text)
    assert [(r.title, r.container_title, r.volume, r.issue) for r in refs] == [
        ("Reading promotion in rural China", "Library Trends", "72", "3"),
        ("Public libraries and the digital divide", "Journal of Documentation", "79", "2"),
    ]
    assert [[(a.family, a.given) for a in r.author] for r in refs] == [
        [("ZHANG", "S"), ("LI", "S")],
        [("WANG", "H")],
    ]
