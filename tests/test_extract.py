"""Extraction: seeds against reviewed golden files, attribution forms, properties."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.documents import Document
from citekit.extract import Extraction, extract_document, extract_file
from citekit.extract.sources import parse_sources
from citekit.extract.text import clean_title
from citekit.extract.toc import parse_byline
from citekit.model import Name, Reference
from citekit.problems import Problems

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _dump(ex: Extraction) -> str:
    data = {
        "document": ex.document.to_csl() if ex.document else None,
        "items": [r.to_csl() for r in ex.references],
        "unparsed": [f"{u.provenance.location}: {u.reason}" for u in ex.unparsed],
        "problems": [str(p) for p in ex.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_matches_golden(
    seed: Path, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # provenance names the file as given: seeds/<stem>.txt
    ex = extract_file(seed.relative_to(ROOT).as_posix())
    golden(f"extract/{seed.stem}.json", _dump(ex))


def _one(text: str) -> Reference:
    ex = extract_document(Document("t.txt", text, "utf-8"))
    assert len(ex.references) == 1, ex.references
    return ex.references[0]


@pytest.mark.parametrize(
    ("line", "container", "date", "rtype"),
    [
        pytest.param(
            "（来源：《丽水日报》2018-9-3）",
            "丽水日报",
            "2018-09-03",
            "article-newspaper",
            id="bracket-guillemets-dash-date",
        ),
        pytest.param(
            "（来源：浙江在线网 2018-1-17）",
            "浙江在线",
            "2018-01-17",
            "webpage",
            id="alias-to-canonical",
        ),
        pytest.param(
            "(摘自绍兴晚报 2019年5月6日 A02版)",
            "绍兴晚报",
            "2019-05-06",
            "article-newspaper",
            id="zhaizi-cjk-date",
        ),
        pytest.param(
            "来源：《求是》２０２５年第１８期",
            "求是",
            "2025",
            "article-magazine",
            id="full-width-digits-issue",
        ),
        pytest.param(
            "（原载二〇一八年三月《大江南北》）",
            "大江南北",
            "2018-03",
            "article-magazine",
            id="chinese-numeral-date",
        ),
        pytest.param(
            "（来源：新华社 2018-05-31）",
            "新华社",
            "2018-05-31",
            "article-newspaper",
            id="news-agency",
        ),
        pytest.param(
            "2021-08-28 16:50 来源：浙江日报 作者：刘乐平 余勤",
            "浙江日报",
            "2021-08-28",
            "article-newspaper",
            id="header-line",
        ),
        pytest.param(
            "(来源：人民网-《人民日报》)",
            "人民日报",
            None,
            "article-newspaper",
            id="portal-newspaper",
        ),
        pytest.param(
            "信息来源：省发改委 2018.09.03", "省发改委", "2018-09-03", "webpage", id="dotted-date"
        ),
    ],
)
def test_attribution_forms(line: str, container: str, date: str | None, rtype: str) -> None:
    ref = _one(line)
    assert ref.container_title == container
    assert (ref.issued.iso() if ref.issued else None) == date
    assert ref.type == rtype
    assert ref.language == "zh-CN"


def test_edition_and_issue() -> None:
    paper = _one("（摘自绍兴日报 2017年1月13日 周五 第二版)")
    assert (paper.edition, paper.page) == ("2", "2")  # the 版次 is printed as the page
    assert _one("（来源：《温州人·求真》2018 年第 19 期）").issue == "19"


def test_impossible_date_is_kept_raw_and_flagged() -> None:
    problems = Problems()
    ex = extract_document(
        Document("t.txt", "标题\n\n正文。\n（来源：《丽水日报》2018-2-30）", "utf-8"),
        None,
        problems,
    )
    ref = ex.references[0]
    assert ref.issued is not None and not ref.issued.is_valid
    assert ref.issued.literal == "2018-2-30"
    assert any("2018-2-30" in w for w in ref.warnings)
    assert [p.code for p in problems] == ["E103"]
    assert problems.items[0].where == "t.txt:4"


def test_several_sources_in_one_line() -> None:
    ex = extract_document(Document("t.txt", "来源：共产党员网、《求是》杂志", "utf-8"))
    assert [r.container_title for r in ex.references] == ["共产党员网", "求是"]


def test_bare_url_line_after_attribution_is_its_url() -> None:
    text = "标题\n\n正文。\n\n（来源：《宁波日报》 2018-8-24）\n\nhttp://example.org/a.html\n"
    ref = _one(text)
    assert ref.url == "http://example.org/a.html"
    assert ref.title == "标题"


def test_title_is_heading_before_body_not_section() -> None:
    text = "\n\n".join(
        [
            "（来源：《浙江日报》2018-6-9）",
            "山海协作 优势互补 ",
            "全省打造山海协作工程升级版取得初步成效 ",
            "全省打造山海协作工程升级版取得阶段性成效，并呈现出良好的",
            "态势。",
            "（来源：浙江在线 2018-9-12）",
        ]
    )
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert refs[1].title == "全省打造山海协作工程升级版取得初步成效"


def test_wrapped_title_is_joined() -> None:
    text = "\n\n".join(
        [
            " 专家视点 ",
            "车俊：聚力打造山海协作工程升级版 实现更高质量的区域",
            "协调发展 ",
            "车俊指出，山海协作工程是习近平总书记在浙江工作期间作出的",
            "重大战略决策。",
            "（来源：《浙江在线》2017-05-30）",
        ]
    )
    assert _one(text).title == "车俊：聚力打造山海协作工程升级版 实现更高质量的区域协调发展"


def test_speech_excerpt_wrapped_over_lines() -> None:
    text = "\n".join(
        [
            "……的幸福美好家园。",
            "（摘自袁家军同志2021年7月",
            "19日在山区26县跨越式高质量发",
            "展暨山海协作工程推进会上的讲",
            "话摘要）",
        ]
    )
    ref = _one(text)
    assert ref.type == "speech"
    assert ref.author == (Name(literal="袁家军"),)
    assert ref.event_title == "山区26县跨越式高质量发展暨山海协作工程推进会"
    assert ref.issued is not None and ref.issued.iso() == "2021-07-19"
    assert ref.provenance[0].start_line == 2 and ref.provenance[0].end_line == 5


def test_legislation_with_number_and_authority() -> None:
    text = (
        "2017年，国家发改委等八部委\n\n"
        "联合出台《关于支持“飞地经济”发展的指导意见》（发改地区〔2017〕922号），鼓励"
    )
    ref = _one(text)
    assert ref.type == "legislation"
    assert ref.number == "发改地区〔2017〕922号"
    assert ref.authority == "国家发改委"
    assert ref.title == "关于支持“飞地经济”发展的指导意见"


@pytest.mark.parametrize(
    ("byline", "names", "et_al", "role"),
    [
        ("本刊记者 马跃明 袁 卫", ["马跃明", "袁卫"], False, "本刊记者"),
        ("王状武 陈 江", ["王状武", "陈江"], False, None),
        ("郑亚丽 等", ["郑亚丽"], True, None),
        ("本刊评论员", ["本刊评论员"], False, None),
        ("宗 和 林 莉", ["宗和", "林莉"], False, None),
    ],
)
def test_byline(byline: str, names: list[str], et_al: bool, role: str | None) -> None:
    b = parse_byline(byline)
    assert [n.display for n in b.authors] == names
    assert (b.et_al, b.role) == (et_al, role)


def test_clean_title_pdf_artefacts() -> None:
    assert clean_title("浙江经济这样干浙江经济这样干") == "浙江经济这样干"
    assert (
        clean_title("稳进稳进20252025，，浙江经济这样干浙江经济这样干")
        == "稳进2025，浙江经济这样干"
    )
    assert clean_title("山山水水") == "山山水水"  # a reduplicated word, not a doubled glyph run
    assert clean_title("富 强 浙 江") == "富强浙江"
    assert clean_title("交易额破 5 亿元 来看") == "交易额破5亿元 来看"
    assert clean_title("进一步加强野飞地冶统筹建设") == "进一步加强“飞地”统筹建设"


def test_parse_sources_no_source() -> None:
    assert parse_sources("网络") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "（）()来源：摘自《》2018-9-3年月日第期版 \n丽水日报网http://a.b/〔〕号关于意见讲话在上的同志14——/本刊记者袁卫等"
            )
        ),
        max_size=300,
    )
)
def test_any_text_never_crashes_and_provenance_is_inside(text: str) -> None:
    doc = Document("p.txt", text, "utf-8")
    ex = extract_document(doc)
    n_lines = len(doc.lines)
    for item in ex.items:
        prov = item.provenance if isinstance(item, Reference) else (item.provenance,)
        assert prov, item
        for p in prov:
            assert 1 <= p.start_line <= p.end_line <= n_lines
    again = extract_document(doc)
    assert again.items == ex.items  # deterministic


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    extract_document(Document("p.txt", text, "utf-8"))


def test_header_line_under_its_title() -> None:
    text = "\n".join(
        [
            "浙江经济稳中有进",
            "2021-08-28 16:50 来源：浙江日报 作者：刘乐平 余勤",
            "本报讯 全省经济运行稳中有进，主要指标好于预期。",
        ]
    )
    ref = _one(text)
    assert (ref.title, ref.container_title) == ("浙江经济稳中有进", "浙江日报")
    assert [a.display for a in ref.author] == ["刘乐平", "余勤"]


def test_second_attribution_line_shares_the_title() -> None:
    text = "\n\n".join(
        ["标题", "正文。", "（来源：新华社 2018-05-31）", "（来源：人民网 2018-05-31）"]
    )
    refs = extract_document(Document("t.txt", text, "utf-8")).references
    assert [(r.title, r.container_title) for r in refs] == [("标题", "新华社"), ("标题", "人民网")]
