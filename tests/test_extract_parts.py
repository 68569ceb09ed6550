"""The extraction stages one by one: dates, source phrases, sidecar metadata, normalization."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citekit.documents import Document
from citekit.extract import extract_document, extract_file
from citekit.extract.dates import find_dates
from citekit.extract.normalize import normalize
from citekit.extract.sources import infer_type, parse_sources
from citekit.model import Reference
from citekit.problems import Problems


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        pytest.param("2018-9-3", "2018-09-03", id="dash"),
        pytest.param("2018年9月3日", "2018-09-03", id="cjk"),
        pytest.param("2018.09.03", "2018-09-03", id="dots"),
        pytest.param("２０１８年９月３日", "2018-09-03", id="full-width"),
        pytest.param("二〇一八年三月", "2018-03", id="chinese-numerals"),
        pytest.param("二○一九年十二月二十一日", "2019-12-21", id="chinese-numerals-day"),
        pytest.param("民国八年五月四日", "1919-05-04", id="roc-era"),
        pytest.param("2018 年第 19 期", "2018", id="year-of-issue"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    (d,) = find_dates(text)
    assert d.date.iso() == iso


def test_ranges_and_numbers_are_not_dates() -> None:
    assert find_dates("2021-2025") == []
    assert find_dates("增长3.5%") == []


def test_impossible_date_stays_raw() -> None:
    (d,) = find_dates("2018-2-30")
    assert not d.valid and d.date.literal == "2018-2-30"


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("丽水日报", {}, "article-newspaper"),
        ("钱江晚报", {}, "article-newspaper"),
        ("浙江在线", {}, "webpage"),
        ("浙江省发改委网站", {}, "webpage"),
        ("温州人·求真", {"issue": True}, "article-magazine"),
        ("统计科学与实践", {"issue": True}, "article-journal"),
        ("新华社", {}, "article-newspaper"),
        ("今日建德", {"day": True, "quoted": True}, "article-newspaper"),
    ],
)
def test_type_inference(name: str, kwargs: dict[str, bool], expected: str) -> None:
    assert infer_type(name, **kwargs) == expected


def test_source_phrase_parts() -> None:
    (src,) = parse_sources("绍兴晚报 2020年12月2日 星期三 A02越新闻")
    assert (src.container, src.edition, src.section) == ("绍兴晚报", "A02", "越新闻")
    (src,) = parse_sources("（原载1919年11月1日“新青年”6卷6号）".strip("（）").removeprefix("原载"))
    assert (src.container, src.volume, src.issue) == ("新青年", "6", "6")


def test_url_after_attribution_and_date_from_epaper_url() -> None:
    (src,) = parse_sources("http://epaper.sxnews.cn/sxrb/html/2019-03/27/content_9_6.htm")
    assert src.issued is not None and src.issued.iso() == "2019-03-27"


def test_sidecar_fills_magazine_entries(tmp_path: Path) -> None:
    doc = tmp_path / "issue.txt"
    doc.write_text(
        "\n".join(
            [
                ">>今浙论坛",
                "01 奋力开启新征程/本刊评论员",
                "06 超常规推动高质量发展/袁家军",
                "14 让山区成为幸福美好家园",
                "——综述/本刊记者 马跃明 袁 卫",
                "20 同步推动共同富裕/孟 刚",
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "issue.meta.yaml").write_text(
        "container-title: 今日浙江\nissued: 2025-01\nissue: 1\n", encoding="utf-8"
    )
    ex = extract_file(doc)
    assert ex.document is not None and ex.document.title == "今日浙江"
    pages = [(r.page, r.container_title, r.issue) for r in ex.references]
    assert pages == [
        ("1-5", "今日浙江", "1"),
        ("6-13", "今日浙江", "1"),
        ("14-19", "今日浙江", "1"),
        ("20", "今日浙江", "1"),
    ]
    assert ex.references[2].title == "让山区成为幸福美好家园——综述"


def test_bulletin_front_matter_is_the_document_record() -> None:
    text = "\n\n".join(
        [
            " 免责声明： ",
            "浙江“两会”专题信息产品由浙江省公共图书馆信息服务联",
            "盟各成员单位联合编辑。",
            "本期专题由丽水市图书馆编辑，如您需要更为详细的内容及",
            "跟踪报道，请与该馆联络。 ",
            " “八八战略”的山区实践 ",
            "正文。",
        ]
    )
    ex = extract_document(Document("b.txt", text, "utf-8"))
    assert ex.document is not None
    assert (ex.document.publisher, ex.document.title, ex.document.collection_title) == (
        "丽水市图书馆",
        "“八八战略”的山区实践",
        "浙江“两会”专题信息产品",
    )


def test_attribution_without_source_is_unparsed_and_reported() -> None:
    problems = Problems()
    ex = extract_document(Document("u.txt", "（来源：网络）", "utf-8"), None, problems)
    assert ex.references == [] and len(ex.unparsed) == 1
    assert [p.code for p in problems] == ["E101"]


@given(
    st.builds(
        Reference,
        id=st.just(""),
        title=st.text(max_size=30) | st.none(),
        container_title=st.sampled_from(["浙江在线网", "《丽水日报》", " 新华社 ", "ZJOL"])
        | st.none(),
    )
)
def test_normalize_is_idempotent(ref: Reference) -> None:
    once = normalize(ref)
    assert normalize(once) == once


def test_docx_bulletin(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for para in [
        "江山木门迈向智能制造",
        "木门业是江山市传统产业，历经 20 多年的发展。",
        "（来源：《浙江日报》2018-8-28）",
    ]:
        d.add_paragraph(para)
    path = tmp_path / "bulletin.docx"
    d.save(str(path))
    (ref,) = extract_file(path).references
    assert (ref.title, ref.container_title) == ("江山木门迈向智能制造", "浙江日报")
    assert ref.provenance[0].start_line == 3


_NOISY = st.text(
    alphabet=st.sampled_from(
        list("来源摘自原载《》“”（）()-－—·、，：:/ 0123456789０１")
        + list("年月日期版号〔〕讲话在上的同志等刊网报社")
    ),
    max_size=60,
)


@given(_NOISY)
def test_stage_functions_never_raise(text: str) -> None:
    from citekit.extract.legislation import find_docrefs
    from citekit.extract.speech import parse_speech
    from citekit.extract.text import clean_title
    from citekit.extract.toc import parse_byline

    for src in parse_sources(text, text):
        assert src.container is None or src.container.strip() == src.container
    for d in find_dates(text):
        assert text[d.start : d.end].strip() == d.raw or d.raw in text
    parse_speech(text)
    parse_byline(text)
    find_docrefs(text)
    clean_title(text)


def test_many_attributions_on_one_huge_line_each_keep_only_their_own_text() -> None:
    # a pasted page without line breaks: copying the whole line into every record would grow
    # with the square of the line (a 10 MB line of attributions took 23 GB)
    one = "（来源：人民日报 2020年1月{}日 第1版）"
    text = "".join(one.format(day % 28 + 1) for day in range(600))
    refs = extract_document(Document("long.txt", text, "utf-8")).references
    assert len(refs) == 600
    assert all(len(r.provenance[0].raw) <= 700 for r in refs)
    assert {r.container_title for r in refs} == {"人民日报"}
    assert refs[5].issued is not None and refs[5].issued.day == 6
    assert "1月6日" in refs[5].provenance[0].raw


def test_an_attribution_naming_no_source_still_closes_the_article_above_it() -> None:
    text = "旧闻标题\n\n正文。\n\n来源：\n\n\n\n（来源：人民日报 2020年1月2日）\n"
    ex = extract_document(Document("t.txt", text, "utf-8"))
    (ref,) = ex.references
    assert ref.title is None  # not the title of the article the empty 来源： closed
