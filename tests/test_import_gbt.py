"""Formatted GB/T 7714 lists (gbt-text): entries found, each parsed from the standard's grammar,
nothing dropped; and the round trip through citekit's four styles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.formats.gbt_text import parse_entry, parse_names, read_gbt_text, split_entries
from citekit.model import Name, PartialDate, Reference
from citekit.problems import Problems

DATA = Path(__file__).parent / "data" / "import"
STYLES = [
    "gb-t-7714-2025-numeric",
    "gb-t-7714-2025-author-date",
    "gb-t-7714-2015-numeric",
    "gb-t-7714-2015-author-date",
]


def one(text: str) -> Reference:
    refs = read_gbt_text(text, "list.txt")
    assert len(refs) == 1, refs
    return refs[0]


# ------------------------------------------------------------------------- the list


@pytest.mark.parametrize(
    "label", ["[1]", "[1] ", "［1］", "1.", "1. ", "1、", "(1)", "（1）", "（1） "]
)
def test_every_numbering_style_is_one_entry_each(label: str) -> None:
    second = label.replace("1", "2")
    text = f"{label}张三.题名一[J].刊名,2020,1(2):3-4.\n{second}李四.题名二[M].北京:中华书局,2001."
    entries = split_entries(text)
    assert [(s, e) for s, e, _ in entries] == [(1, 1), (2, 2)]
    assert entries[0][2].startswith("张三")


def test_wrapped_entries_join_and_keep_their_line_span() -> None:
    text = (
        "参考文献\n"
        "[1] Myburg A A, Grattapaglia D, Tuskan G A, et al. The genome of Eucalyptus\n"
        "    grandis[J]. Nature, 2014, 510: 356-362.\n"
        "[2] 潘紫麟,刘庆鹏.计算机辅助导航技术在脊柱外科\n"
        "中的应用[J].医学综述,2021,27(11):2184-2188.\n"
    )
    refs = read_gbt_text(text, "list.txt")
    assert [(r.provenance[0].start_line, r.provenance[0].end_line) for r in refs] == [
        (2, 3),
        (4, 5),
    ]
    assert refs[0].title == "The genome of Eucalyptus grandis"
    assert refs[1].title == "计算机辅助导航技术在脊柱外科中的应用"  # no space inside Chinese


def test_unnumbered_list_one_entry_per_line_or_wrapped() -> None:
    text = (
        "王琦. 融合星载GNSS-R和SAR数据的土壤湿度反演方法研究[D]. 武汉：武汉大学，2022.\n"
        "Kanamori H. Shaking without quaking[J]. Science,\n"
        "1998, 279(5359): 2063.\n"
    )
    refs = read_gbt_text(text, "list.txt")
    assert [r.type for r in refs] == ["thesis", "article-journal"]
    assert refs[1].issue == "5359"


def test_an_entry_that_does_not_parse_is_kept_with_a_warning_at_its_line() -> None:
    problems = Problems()
    text = (
        "[1] 张三.题名[J].刊名,2020,1(2):3-4.\n"
        "[2] 这不是参考文献\n"
        "[3] 李四.书[M].北京:中华书局,2001.\n"
    )
    refs = read_gbt_text(text, "thesis.txt", problems)
    assert [r.type for r in refs] == ["article-journal", "document", "book"]
    assert refs[1].note == "这不是参考文献" and refs[1].warnings
    assert refs[1].provenance[0].raw == "这不是参考文献"
    assert [(p.where, p.code) for p in problems] == [("thesis.txt:2", "E421")]


# ---------------------------------------------------------------------- the grammar


def test_cnki_journal_article_compact_half_width() -> None:
    r = one(
        "[1]潘紫麟,刘庆鹏.计算机辅助导航技术在脊柱外科中的应用[J].医学综述,2021,27(11):2184-2188."
    )
    assert r.type == "article-journal"
    assert r.author == (Name(literal="潘紫麟"), Name(literal="刘庆鹏"))
    assert r.title == "计算机辅助导航技术在脊柱外科中的应用"
    assert r.container_title == "医学综述"
    assert r.issued == PartialDate(2021)
    assert (r.volume, r.issue, r.page) == ("27", "11", "2184-2188")
    assert r.language == "zh-CN"


def test_2025_full_width_punctuation_keeps_the_title_as_written() -> None:
    r = one("[3] 陈登原. 国史旧闻：第 1 卷[M]. 北京：中华书局，2000：29.")
    assert r.title == "国史旧闻：第 1 卷"
    assert (r.publisher_place, r.publisher, r.page) == ("北京", "中华书局", "29")


def test_author_date_year_after_the_authors() -> None:
    r = one(
        "于潇，刘义，柴跃廷，等，2012. 互联网药品可信交易环境中主体资质审核备案模式[J]. "
        "清华大学学报（自然科学版），52（11）：1518-1523."
    )
    assert r.issued == PartialDate(2012)
    assert r.author[-1] == Name(family="others")
    assert r.container_title == "清华大学学报（自然科学版）"
    assert (r.volume, r.issue) == ("52", "11")


def test_part_of_a_book_with_editor_and_pages() -> None:
    r = one(
        "程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽，赵其国. 长江流域洪涝灾害与科技对策. "
        "北京：科学出版社，1999：32-36."
    )
    assert r.type == "chapter"
    assert r.editor == (Name(literal="许厚泽"), Name(literal="赵其国"))
    assert r.container_title == "长江流域洪涝灾害与科技对策"
    assert (r.publisher, r.page, r.issued) == ("科学出版社", "32-36", PartialDate(1999))


def test_newspaper_date_and_page() -> None:
    r = one("丁文详. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).")
    assert r.type == "article-newspaper"
    assert r.issued == PartialDate(2000, 11, 20) and r.page == "15"


def test_web_page_dates_url_and_doi() -> None:
    r = one(
        "陈建军. 从数字地球到智慧地球[J/OL]. 国土资源导刊, 2010, 7(10): 93[2013-03-20]. "
        "http://d.g.wanfangdata.com.cn/Periodical_hunandz201010038.aspx. "
        "DOI:10.3969/j.issn.1672-5603.2010.10.038."
    )
    assert r.accessed == PartialDate(2013, 3, 20)
    assert r.url == "http://d.g.wanfangdata.com.cn/Periodical_hunandz201010038.aspx"
    assert r.doi == "10.3969/j.issn.1672-5603.2010.10.038"
    w = one(
        "北京鲁迅博物馆. 北京鲁迅博物馆志愿服务章程[EB/OL]. （2021-04-21）[2023-05-02]. "
        "http://www.luxunmuseum.com.cn/html/202104/a11310.htm."
    )
    assert w.type == "webpage"
    assert (w.issued, w.accessed) == (PartialDate(2021, 4, 21), PartialDate(2023, 5, 2))


def test_translator_edition_standard_and_patent_numbers() -> None:
    r = one(
        "库恩. 科学革命的结构: 第 4 版[M]. 金吾伦, 胡新和, 译. 2 版. 北京: 北京大学出版社, 2012."
    )
    assert r.extra["translator"] == [{"literal": "金吾伦"}, {"literal": "胡新和"}]
    assert r.edition == "2 版"
    s = one("GB/T 3792—2021 信息与文献 资源描述[S].")
    assert (s.type, s.number, s.title) == ("standard", "GB/T 3792—2021", "信息与文献 资源描述")
    p = one("邓一刚. 全智能节电器：CN200610171314.3[P]. 2008-01-16：8-9.")
    assert (p.type, p.number, p.issued, p.page) == (
        "patent",
        "CN200610171314.3",
        PartialDate(2008, 1, 16),
        "8-9",
    )


def test_bilingual_entry_keeps_the_translation_aside() -> None:
    r = one(
        "[2]宋瑞平．混合推荐算法的研究[D].兰州：兰州大学，2014.(Song Ruiping.Research of hybrid "
        "recommendation algorithm [D].Lanzhou: Lanzhou University,2014)"
    )
    assert (r.title, r.publisher, r.issued) == ("混合推荐算法的研究", "兰州大学", PartialDate(2014))
    assert r.note is not None and r.note.startswith("(Song Ruiping")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("潘紫麟,刘庆鹏", ["潘紫麟", "刘庆鹏"]),
        ("潘紫麟，刘庆鹏、王五；赵六", ["潘紫麟", "刘庆鹏", "王五", "赵六"]),
        ("张三, 李四, 王五, 等", ["张三", "李四", "王五", "others"]),
        ("FRESE K S, KATUS H A", ["FRESE|K S", "KATUS|H A"]),
        ("Myburg A A, Grattapaglia D, et al.", ["Myburg|A A", "Grattapaglia|D", "others"]),
        ("PEEBLES P Z, Jr", ["PEEBLES|P Z|Jr"]),
        ("World Health Organization", ["World Health Organization"]),
        ("沈 仁", ["沈仁"]),
    ],
)
def test_names_are_split_and_kept_whole_or_family_given(text: str, names: list[str]) -> None:
    def show(n: Name) -> str:
        if n.literal:
            return n.literal
        return "|".join(p for p in (n.family, n.given, n.suffix) if p)

    assert [show(n) for n in parse_names(text)] == names


def test_parse_entry_says_why_it_failed() -> None:
    csl, why = parse_entry("no type code here")
    assert csl is None and "type code" in why


# ------------------------------------------------------------------------ round trip


def _examples(shared: Path) -> list[Reference]:
    items = []
    for name in ("examples-2015.json", "examples-2025-zh.json"):
        items += json.loads((shared / "gbt7714" / name).read_text(encoding="utf-8"))
    return [Reference.from_csl(e["csl"]) for e in items]


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
def test_round_trip_through_each_style(shared: Path, style: str) -> None:
    """Render every GB/T 7714 example, parse the text back, render again: the same text."""
    from citekit.render import render_bibliography

    refs = _examples(shared)
    same = 0
    misses = []
    for ref in refs:
        [first] = render_bibliography([ref], style)
        csl, why = parse_entry(first.text)
        if csl is None:
            misses.append(f"unparsed ({why}): {first.text}")
            continue
        [again] = render_bibliography([Reference.from_csl({**csl, "id": ref.id})], style)
        if again.text == first.text:
            same += 1
        else:
            misses.append(f"{first.text}\n   -> {again.text}")
    rate = same / len(refs)
    print(f"\n{style}: {same}/{len(refs)} = {rate:.1%} render the same after parsing")
    assert rate >= 0.95, "\n".join(misses)


def test_real_development_lists_stay_parsed() -> None:
    """The hand-annotated development lists (tests/data/import/gbt_real/dev_*) keep parsing:
    a regression guard; the held-out figure is printed by scripts/eval_gbt_text.py."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("eval_gbt", root / "scripts/eval_gbt_text.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    right = total = 0
    for name in ("dev_a", "dev_c", "dev_g"):
        r, n = module.score(name, verbose=True)
        right, total = right + r, total + n
    print(f"\ndevelopment lists: {right}/{total} exactly right")
    assert right / total >= 0.9


def test_an_overlong_entry_is_kept_raw_not_parsed() -> None:
    problems = Problems()
    [ref] = read_gbt_text("[1] " + "A. " * 1000 + "[J]. x, 2020.\n", "big.txt", problems)
    assert ref.type == "document" and ref.note and len(ref.note) > 3000
    assert [(p.where, p.code) for p in problems] == [("big.txt:1", "E421")]
    assert "longer than one entry" in problems.items[0].message


@pytest.mark.parametrize(
    ("entry", "expect"),
    [
        # Wanfang prints the DOI and, for some items, no pages
        (
            "[1]潘紫麟,刘庆鹏.计算机辅助导航技术在脊柱外科中的应用[J].医学综述,2021,27(11)."
            "DOI:10.3969/j.issn.1006-2084.2021.11.019.",
            {"volume": "27", "issue": "11", "DOI": "10.3969/j.issn.1006-2084.2021.11.019"},
        ),
        # CNKI: an issue without a volume after a comma
        (
            "[2]颜宏,石德成,尹尚军,等.外施Ca~(2+)、ABA及H_3PO_4对盐碱胁迫的缓解效应[J]."
            "应用生态学报,2000,(06):889-892.",
            {"title": "外施Ca~(2+)、ABA及H_3PO_4对盐碱胁迫的缓解效应", "issue": "06"},
        ),
        # CNKI: a thesis with the university only
        (
            "[3]林行众.黄瓜共表达基因模块的识别及其特点分析[D].南京农业大学,2015.",
            {"type": "thesis", "publisher": "南京农业大学"},
        ),
        # CNKI: an online-first article (no year, volume or issue yet)
        (
            "[5]张群,程志宝,石志飞.惯性增强动力吸振器-浮置板轨道低频减振性能研究[J/OL].铁道学报,"
            "1-10[2024-05-09].http://kns.cnki.net/kcms/detail/11.2104.u.20240507.1737.002.html.",
            {"container-title": "铁道学报", "page": "1-10"},
        ),
        # CNKI: a conference paper with its organisers as editors
        (
            "[6]朱延平.辽西区新石器时代考古学文化纵横[C]//中国社会科学院考古研究所,内蒙古文物考古"
            "研究所,赤峰市文化局.内蒙古东部区考古学文化研究文集.中国内蒙古赤峰:中国社会科学院考古"
            "研究所,1990:13-18.",
            {"container-title": "内蒙古东部区考古学文化研究文集", "page": "13-18"},
        ),
    ],
)
def test_cnki_and_wanfang_printing_variants(entry: str, expect: dict[str, str]) -> None:
    ref = one(entry)
    csl = ref.to_csl(provenance=False)
    assert {k: csl.get(k) for k in expect} == expect


def test_roles_after_chinese_names_are_not_part_of_them() -> None:
    assert parse_names("王五主编") == (Name(literal="王五"),)
    assert parse_names("李四等编著") == (Name(literal="李四"), Name(family="others"))


def test_a_wrapped_line_starting_with_a_year_is_not_a_new_entry() -> None:
    text = (
        "1. 张伯伟. 全唐五代诗格汇考[M]. 南京：江苏古籍出版社，\n"
        "2002：288.\n"
        "2. 曹凌. 书[M]. 上海：上海古籍出版社，2011.\n"
    )
    refs = read_gbt_text(text, "list.txt")
    assert [r.issued for r in refs] == [PartialDate(2002), PartialDate(2011)]
