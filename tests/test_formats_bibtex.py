"""BibTeX/BibLaTeX: what the GB/T 7714 LaTeX packages read, and reading any .bib file back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citekit.errors import FormatError
from citekit.formats.bibtex import (
    format_bibtex_name,
    from_bibtex,
    latex_unescape,
    load_bibtex,
    parse_bibtex_name,
    parse_bibtex_names,
    to_bibtex,
    write_bibtex,
)
from citekit.formats.csljson import from_csl_json
from citekit.model import Library, Name, PartialDate, Provenance, Reference, is_cjk
from citekit.problems import Problems

NEWSPAPER = Reference(
    id="lishuiribao2018",
    type="article-newspaper",
    title="以“丽水之干”担纲“丽水之赞”",
    author=(Name(literal="马跃明"), Name(literal="袁卫")),
    container_title="丽水日报",
    issued=PartialDate(2018, 9, 3),
    page="1",
    language="zh-CN",
    provenance=(Provenance("seeds/000.txt", 98, 112, "（来源：《丽水日报》2018-9-3）"),),
)
WEBPAGE = Reference(
    id="xinhuanet2020",
    type="webpage",
    title="100% 的 R&D_投入",
    container_title="新华网",
    issued=PartialDate(2020, 5, 1),
    accessed=PartialDate(2020, 6, 1),
    url="http://www.xinhuanet.com/a_b.htm?x=1&y=2",
)


def fields_of(text: str) -> dict[str, str]:
    """``key = {value}`` lines of a one-entry export."""
    out = {}
    for line in text.splitlines()[1:-1]:
        key, _, value = line.strip().partition(" = ")
        out[key.strip()] = value.rstrip(",")[1:-1]
    return out


# ------------------------------------------------------------------------------------ export


def test_newspaper_article_for_gbt7714_bibtex_style() -> None:
    text = to_bibtex(Library([NEWSPAPER]))
    assert text.startswith("@newspaper{lishuiribao2018,\n")
    f = fields_of(text)
    assert f["author"] == "{马跃明} and {袁卫}"  # braced: BibTeX never splits a Chinese name
    assert f["journal"] == "丽水日报"
    assert f["year"] == "2018"
    assert f["date"] == "2018-09-03"  # gbt7714-bibtex-style reads the full date from `date`
    assert f["langid"] == "chinese"
    assert json.loads(f["citekit-provenance"]) == [
        ["seeds/000.txt", 98, 112, "（来源：《丽水日报》2018-9-3）"]
    ]


def test_newspaper_article_for_biblatex_gb7714() -> None:
    f = fields_of(to_bibtex(Library([NEWSPAPER]), biblatex=True))
    assert f["journaltitle"] == "丽水日报"
    assert f["date"] == "2018-09-03"
    assert "year" not in f and "journal" not in f


def test_web_page_is_online_with_urldate_and_verbatim_url() -> None:
    text = to_bibtex(Library([WEBPAGE]), biblatex=True)
    assert text.startswith("@online{xinhuanet2020,")
    f = fields_of(text)
    assert f["title"] == r"100\% 的 R\&D\_投入"
    assert f["urldate"] == "2020-06-01"
    assert f["url"] == "http://www.xinhuanet.com/a_b.htm?x=1&y=2"  # verbatim: not escaped
    assert f["organization"] == "新华网"


@pytest.mark.parametrize(
    ("ref", "bibtex", "biblatex"),
    [
        (Reference(id="a", type="article-journal"), "article", "article"),
        (Reference(id="a", type="paper-conference"), "inproceedings", "inproceedings"),
        (Reference(id="a", type="thesis", genre="硕士学位论文"), "mastersthesis", "thesis"),
        (Reference(id="a", type="thesis"), "phdthesis", "thesis"),
        (Reference(id="a", type="report"), "techreport", "report"),
        # a policy document: @misc/@online with its type code in mark (biblatex-gb7714)
        (Reference(id="a", type="legislation"), "misc", "misc"),
        (Reference(id="a", type="standard"), "standard", "standard"),
        (Reference(id="a", type="speech"), "misc", "misc"),
    ],
    ids=lambda v: v.type if isinstance(v, Reference) else v,
)
def test_entry_types(ref: Reference, bibtex: str, biblatex: str) -> None:
    assert to_bibtex(Library([ref])).startswith(f"@{bibtex}{{a,")
    assert to_bibtex(Library([ref]), biblatex=True).startswith(f"@{biblatex}{{a,")


def test_a_type_without_entry_type_is_named_in_entrysubtype() -> None:
    text = to_bibtex(Library([Reference(id="a", type="speech", title="讲话")]))
    assert fields_of(text)["entrysubtype"] == "speech"
    assert from_bibtex(text)[0].type == "speech"


def test_names_literal_braced_western_family_comma_given() -> None:
    ref = Reference(
        id="a",
        author=(
            Name(literal="新华社"),
            Name(family="Smith", given="John"),
            Name(literal="World Health Organization"),
            Name(family="陈", given="登原"),
        ),
    )
    f = fields_of(to_bibtex(Library([ref])))
    assert f["author"] == "{新华社} and Smith, John and {World Health Organization} and 陈, 登原"


def test_pages_use_the_latex_en_dash() -> None:
    f = fields_of(to_bibtex(Library([Reference(id="a", page="1518-1523")])))
    assert f["pages"] == "1518--1523"


def test_a_key_bibtex_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    out.write_text("old\n", encoding="utf-8")
    bad = Library([NEWSPAPER, Reference(id="has space", origin="refs/a.yaml:3")])
    with pytest.raises(FormatError) as exc:
        write_bibtex(bad, out)
    assert "has space" in str(exc.value) and "refs/a.yaml:3" in str(exc.value)
    assert out.read_text(encoding="utf-8") == "old\n"
    write_bibtex(Library([NEWSPAPER]), out)
    assert load_bibtex(out) == Library([NEWSPAPER])


# ------------------------------------------------------------------------------------ import

GBT_STYLE = r"""% entries as the GB/T 7714 LaTeX packages document them
@article{yang2013,
  author  = {杨洪升},
  title   = {四库馆私家抄校书考略},
  journal = {文献},
  year    = {2013},
  number  = {1},
  pages   = {56--75},
  langid  = {chinese},
}

@article{ding2000,
  entrysubtype = {newspaper},
  author  = {丁文详},
  title   = {数字革命与竞争国际化},
  journal = {中国青年报},
  year    = {2000},
  date    = {2000-11-20},
  pages   = {15},
}

@online{luxun2021,
  author  = {北京鲁迅博物馆},
  title   = {北京鲁迅博物馆志愿服务章程},
  date    = {2021-04-21},
  urldate = {2023-05-02},
  url     = {http://www.luxunmuseum.com.cn/html/202104/a11310.htm},
}

@book{boobier2020,
  author    = {Boobier, Tony and {American Chemical Society} and 沈 仁},
  title     = {{AI} and the Future of Banking -- {\"O}sterreich \'etude \emph{x}},
  address   = {Chichester},
  publisher = {John Wiley \& Sons},
  year      = {2020},
  month     = may,
  isbn      = {978-1-119-59612-7},
  holder    = {Someone},
}
"""


def test_gbt7714_style_entries_import() -> None:
    problems = Problems()
    lib = from_bibtex(GBT_STYLE, "refs.bib", problems)
    assert list(problems) == []
    yang, ding, luxun, boobier = lib
    assert yang.type == "article-journal"
    assert yang.author == (Name(literal="杨洪升"),)
    assert (yang.container_title, yang.issue, yang.page) == ("文献", "1", "56-75")
    assert yang.language == "zh-CN"
    assert yang.origin == "refs.bib:2"
    assert ding.type == "article-newspaper"
    assert ding.issued == PartialDate(2000, 11, 20)
    assert luxun.type == "webpage"
    assert luxun.accessed == PartialDate(2023, 5, 2)
    assert luxun.author == (Name(literal="北京鲁迅博物馆"),)
    assert boobier.type == "book"
    assert boobier.author == (
        Name(family="Boobier", given="Tony"),
        Name(literal="American Chemical Society"),
        Name(literal="沈仁"),
    )
    assert boobier.title == "AI and the Future of Banking – Österreich étude x"
    assert boobier.publisher == "John Wiley & Sons"
    assert boobier.issued == PartialDate(2020, 5)
    assert boobier.extra["ISBN"] == "978-1-119-59612-7"
    # a field citekit has no variable for is kept as written, and written back
    assert boobier.extra["custom"] == {"bibtex": {"holder": "Someone"}}
    assert "holder" in to_bibtex(Library([boobier]))


BROKEN = """@article{good1,
  title = {一},
}

@article{bad,
  title = {unbalanced,
  year = 2020
}

@misc{good2, title = {二}}
@misc{good1, title = {again}}
@misc{twice, title = {first}, title = {second}}
@misc{nokey title = {x}}
@misc{GOOD2, title = {case}}
"""


def test_malformed_entries_are_reported_with_their_line_and_the_rest_import() -> None:
    problems = Problems()
    lib = from_bibtex(BROKEN, "refs.bib", problems)
    assert lib.keys() == ["good1", "good2", "twice"]
    assert lib.get("twice").title == "first"  # as BibTeX does
    found = [(p.where, p.code, p.severity) for p in problems]
    assert found == [
        ("refs.bib:5", "E410", "error"),
        ("refs.bib:11", "E411", "error"),
        ("refs.bib:12", "E413", "warning"),
        ("refs.bib:13", "E410", "error"),
        ("refs.bib:14", "E411", "error"),
    ]
    first = str(problems.items[0])
    assert first.startswith("refs.bib:5: error[E410]: malformed entry: ")
    assert "reading stopped at line 10" in first


def test_unreadable_values_are_kept_and_reported() -> None:
    problems = Problems()
    text = "@thing{a,\n  title = {x},\n  year = {1947（民国三十六年）},\n  month = {Brumaire},\n}\n"
    (ref,) = from_bibtex(text, "a.bib", problems)
    assert ref.type == "document"
    assert ref.issued == PartialDate.raw("1947（民国三十六年）")
    codes = [(p.where, p.code) for p in problems]
    assert codes == [("a.bib:1", "E415"), ("a.bib:4", "E414"), ("a.bib:3", "E414")]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"100\% \& R\_D", "100% & R_D"),
        (r"{\"O}sterreich", "Österreich"),
        (r"\'{e}t\'e", "été"),
        (r"\c{c}a", "ça"),
        (r"\emph{Nature} and \textbf{bold}", "Nature and bold"),
        (r"1975--1979 --- ``quoted''", "1975–1979 — “quoted”"),
        (r"信息与文献\quad 都柏林核心元数据元素集", "信息与文献\u3000都柏林核心元数据元素集"),
        (r"\textbackslash{}path \textasciitilde{}", "\\path ~"),
        ("a\n   long  title", "a long title"),
        (r"\unknown{arg} stays", r"\unknown{arg} stays"),
    ],
)
def test_latex_is_read_as_unicode(latex: str, text: str) -> None:
    assert latex_unescape(latex) == text


def test_load_bibtex_refuses_non_utf8_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "gbk.bib"
    path.write_bytes("@misc{a, title = {丽水日报}}".encode("gbk"))
    with pytest.raises(FormatError) as exc:
        load_bibtex(path)
    assert str(path) in str(exc.value) and "UTF-8" in str(exc.value)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.bib"
    path.write_bytes(b"\xef\xbb\xbf" + "@misc{a, title = {丽水日报}}".encode())
    assert load_bibtex(path)[0].title == "丽水日报"


def _carried(text: str) -> list[list[list[object]]]:
    """The [variable, value] pairs each entry carries in citekit-csl."""
    return [json.loads(m[1]) for m in re.finditer(r"citekit-csl\s*=\s*\{(.*)\},?\n", text)]


def _read_by_the_packages(pairs: list[list[object]]) -> bool:
    """Carried only because biblatex is written as the packages print it: a volume such as 上册
    as a title addon, a Chinese family name alone (哈里森) written whole, a suffix as GB/T 7714
    prints it (Jr, not Jr.)."""
    for var, value in pairs:
        if var in ("title", "container-title", "volume"):
            continue
        names = [n for n in value if isinstance(n, dict)] if isinstance(value, list) else []
        if not any(
            (set(n) == {"family"} and is_cjk(n["family"])) or "." in str(n.get("suffix", ""))
            for n in names
        ):
            return False
    return True


@pytest.mark.parametrize("examples", ["examples-2015.json", "examples-2025-zh.json"])
def test_gbt7714_examples_survive_bibtex(shared: Path, examples: str) -> None:
    """Every CSL item of the standard's examples reads back identically from BibTeX."""
    items = json.loads((shared / "gbt7714" / examples).read_text(encoding="utf-8"))
    lib = from_csl_json(json.dumps([e["csl"] for e in items], ensure_ascii=False), "ex.json")
    assert len(lib) == len(items)
    for biblatex in (False, True):
        problems = Problems()
        text = to_bibtex(lib, biblatex=biblatex)
        back = from_bibtex(text, "ex.bib", problems)
        assert not problems.errors
        assert list(back) == list(lib)
        # nearly all of it in fields the LaTeX packages read; what biblatex gets as the
        # packages print it (a volume such as 上册 as a title addon, 哈里森 whole) travels back
        # exactly in citekit-csl: it counts as read
        carried = _carried(text)
        written = sum(1 for pairs in carried if _read_by_the_packages(pairs))
        print(
            f"{examples} biblatex={biblatex}: {len(lib) - len(carried)}/{len(lib)} fully native,"
            f" {written} more as the packages print them"
        )
        assert len(carried) - written <= len(lib) // 10


@pytest.mark.parametrize(
    ("written", "csl"),
    [
        ("{马跃明}", {"literal": "马跃明"}),
        ("马跃明", {"literal": "马跃明"}),
        ("沈 仁", {"literal": "沈仁"}),
        ("{World Health Organization}", {"literal": "World Health Organization"}),
        ("Smith, John", {"family": "Smith", "given": "John"}),
        ("John Smith", {"family": "Smith", "given": "John"}),
        ("Knuth", {"family": "Knuth"}),
        ("哈里森,", {"family": "哈里森"}),
        ("陈, 登原", {"family": "陈", "given": "登原"}),
        (
            "Peebles, Jr., Peyton Z.",
            {"family": "Peebles", "given": "Peyton Z.", "suffix": "Jr."},
        ),
        ("{Barnes and Noble}, Inc", {"family": "Barnes and Noble", "given": "Inc"}),
        ("M{\\\"u}ller, J{\\'e}r{\\^o}me", {"family": "Müller", "given": "Jérôme"}),
    ],
)
def test_bibtex_names(written: str, csl: dict[str, str]) -> None:
    assert parse_bibtex_name(written) == csl


def test_name_list_and_its_inverse() -> None:
    names = [{"literal": "新华社"}, {"family": "A,B", "given": "C and D"}, {"family": "Knuth"}]
    written = " and ".join(format_bibtex_name(n) for n in names)
    assert written == "{新华社} and {A,B}, {C and D} and Knuth"
    assert parse_bibtex_names(written) == names


def test_string_macros_concatenation_and_month_names() -> None:
    text = """@string{rmrb = {人民日报}}
@preamble{"\\newcommand{\\noop}[1]{}"}
@comment{not an entry}
@article{a, journal = rmrb, title = {一}, year = 2018, month = aug}
@article{b, journal = rmrb # {（海外版）}, title = "引号 {T}itle"}
"""
    problems = Problems()
    a, b = from_bibtex(text, "s.bib", problems)
    assert list(problems) == []
    assert (a.container_title, a.issued) == ("人民日报", PartialDate(2018, 8))
    assert (b.container_title, b.title) == ("人民日报（海外版）", "引号 Title")


# ------------------------------------------------------------------- GB/T 7714 (issue 11)


def test_newspaper_number_is_the_edition_page_and_is_printed() -> None:
    from citekit.render import render_bibliography

    text = "@newspaper{a,\n  title = {秋收正忙},\n  journaltitle = {丽水日报},\n"
    text += "  date = {2018-09-03},\n  number = {2},\n  langid = {chinese},\n}\n"
    (ref,) = from_bibtex(text, "a.bib")
    [entry] = render_bibliography([ref], "gb-t-7714-2025-numeric")
    assert entry.text == "秋收正忙[N]. 丽水日报，2018-09-03（2）."
    assert "number" in to_bibtex(Library([ref]), biblatex=True)


def test_biblatex_fields_reach_the_record() -> None:
    text = (
        "@inbook{a,\n  author = {鲁迅},\n  bookauthor = {鲁迅},\n  title = {狂人日记},\n"
        "  subtitle = {小说},\n  booktitle = {鲁迅全集},\n  booktitleaddon = {第1卷},\n"
        "  version = {2.0},\n  year = {2005},\n}\n"
        "@book{b,\n  title = {Deep Learning},\n  titleaddon = {An Introduction},\n"
        "  author = {van der Maaten, Laurens and {van der} Waals, J. D.},\n  year = {2008},\n}\n"
    )
    a, b = from_bibtex(text, "a.bib")
    assert a.type == "chapter"
    assert a.title == "狂人日记：小说"
    assert a.container_title == "鲁迅全集：第1卷"
    assert a.to_csl()["container-author"] == [{"literal": "鲁迅"}]
    assert a.to_csl()["version"] == "2.0"
    assert b.title == "Deep Learning: An Introduction"
    names = b.to_csl()["author"]
    assert names[0] == {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"}
    assert names[1]["non-dropping-particle"] == "van der"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"The \TeX{}book", "The TeXbook"),
        (r"$\Sigma$-algebras", "Σ-algebras"),
        (r"10\textsuperscript{4} years", "10⁴ years"),
        (r"H\textsubscript{2}O", "H₂O"),
    ],
)
def test_latex_markup_becomes_unicode(latex: str, text: str) -> None:
    assert latex_unescape(latex) == text


def test_unicode_is_not_double_escaped_on_export() -> None:
    ref = Reference(id="a", type="book", title="Σ-algebras & 10⁴ years: 50%")
    out = to_bibtex(Library([ref]), biblatex=True)
    assert r"title        = {Σ-algebras \& 10⁴ years: 50\%}," in out
    assert from_bibtex(out, "a.bib")[0].title == ref.title


def test_export_for_biblatex_gb7714() -> None:
    chapter = Reference.from_csl(
        {
            "id": "kuangren",
            "type": "chapter",
            "title": "狂人日记",
            "author": [{"literal": "鲁迅"}],
            "container-author": [{"literal": "鲁迅"}],
            "container-title": "鲁迅全集",
            "edition": "2",
        }
    )
    particle = Reference.from_csl(
        {
            "id": "maaten",
            "type": "article-journal",
            "title": "t-SNE",
            "author": [{"family": "Maaten", "given": "L.", "non-dropping-particle": "van der"}],
        }
    )
    archive = Reference.from_csl(
        {
            "id": "fu",
            "type": "personal_communication",
            "title": "傅良佐致国务院电",
            "archive": "中国第二历史档案馆",
            "archive_location": "北洋档案 1011—5961",
            "archive-place": "南京",
        }
    )
    policy = Reference.from_csl(
        {"id": "p", "type": "legislation", "title": "通知", "number": "国发〔2017〕35号"}
        | {"URL": "http://www.gov.cn/x.htm"}
    )
    out = to_bibtex(Library([chapter, particle, archive, policy]), biblatex=True)
    assert "@inbook{kuangren," in out and "bookauthor   = {{鲁迅}}," in out
    assert "edition      = {2}," in out
    assert "author       = {{van der} Maaten, L.}," in out
    assert "@archive{fu," in out
    assert "institution  = {中国第二历史档案馆}," in out
    assert "number       = {北洋档案 1011—5961}," in out
    assert "location     = {南京}," in out
    assert "@online{p," in out and "mark         = {EB}," in out
    assert "number       = {国发〔2017〕35号}," in out
    back = from_bibtex(out, "a.bib")
    assert [r.to_csl() for r in back] == [r.to_csl() for r in (chapter, particle, archive, policy)]


def test_export_for_gb7714_2025_writes_a_number_once() -> None:
    """Style gb7714-2015 prints a standard's number and a policy document's 文号 only as a title
    addon (标准名称：标准编号); gb7714-2025 prints ``number`` itself (标准编号 标准名称), so a
    title addon there would print it twice."""
    standard = Reference.from_csl(
        {"id": "s", "type": "standard", "title": "标点符号用法", "number": "GB/T 15834—2011"}
    )
    policy = Reference.from_csl(
        {"id": "p", "type": "legislation", "title": "通知", "number": "国发〔2017〕35号"}
        | {"URL": "http://www.gov.cn/x.htm"}
    )
    lib = Library([standard, policy])
    for2015 = to_bibtex(lib, biblatex=True)
    for2025 = to_bibtex(lib, biblatex=True, gb7714="2025")
    assert for2015.count("GB/T 15834—2011") == 2 and for2015.count("国发〔2017〕35号") == 2
    assert "titleaddon" in for2015 and "titleaddon" not in for2025
    assert "number       = {GB/T 15834—2011}," in for2025
    assert "number       = {国发〔2017〕35号}," in for2025
    for text in (for2015, for2025):
        assert [r.to_csl() for r in from_bibtex(text, "a.bib")] == [r.to_csl() for r in lib]
    with pytest.raises(ValueError, match="2015, 2025"):
        to_bibtex(lib, biblatex=True, gb7714="2005")


def test_a_document_at_a_url_is_biblatex_online() -> None:
    """[EB/OL] in citekit's styles (GB/T 7714-2025 B.10); biblatex-gb7714 prints @misc as [Z]."""
    found = Reference.from_csl(
        {"id": "d", "type": "document", "title": "图书封面", "URL": "http://x.cn/a.jpg"}
    )
    kept = Reference.from_csl({"id": "k", "type": "document", "title": "内部资料"})
    out = to_bibtex(Library([found, kept]), biblatex=True)
    assert "@online{d," in out and "entrysubtype = {document}," in out and "@misc{k," in out
    assert "@misc{d," in to_bibtex(Library([found]))  # BibTeX styles: as before
    assert [r.to_csl() for r in from_bibtex(out, "a.bib")] == [found.to_csl(), kept.to_csl()]


def test_an_article_number_is_biblatex_eid() -> None:
    """GB/T 7714-2025 B.4 prints an article number where the pages go (45（增刊1）：730570);
    biblatex's field for it is eid, which biblatex-gb7714 prints there (since v1.1v)."""
    article = Reference.from_csl(
        {"id": "w", "type": "article-journal", "title": "t", "container-title": "航空学报"}
        | {"volume": "45", "issue": "增刊1", "number": "730570"}
    )
    out = to_bibtex(Library([article]), biblatex=True)
    assert "number       = {增刊1}," in out and "eid          = {730570}," in out
    assert "citekit-csl" not in out
    assert [r.to_csl() for r in from_bibtex(out, "a.bib")] == [article.to_csl()]
    (aps,) = from_bibtex("@article{k, title={T}, journal={PRL}, volume={1}, eid={012345}}", "b")
    assert aps.to_csl()["number"] == "012345"


def test_failed_entries_are_kept_in_order_with_their_problem() -> None:
    from citekit.formats.bibtex import FailedEntry, read_bibtex

    text = "@book{a, title = {一}}\n@book{b, title = {二\n@book{c, title = {三}}\n"
    problems = Problems()
    read = read_bibtex(text, "x.bib", problems)
    kinds = [type(i).__name__ for i in read.items]
    assert kinds[0] == "Reference" and "FailedEntry" in kinds
    failed = read.failed[0]
    assert isinstance(failed, FailedEntry) and failed.where.startswith("x.bib:")
    assert [p.code for p in problems] == ["E410"]


def test_a_volume_that_is_not_a_number_is_a_title_addon_for_biblatex() -> None:
    """biblatex's volume is an integer field (biblatex-gb7714 prints 第上册卷 from 上册): 上册
    goes after the title, where GB/T 7714 prints it, and comes back as the volume."""
    book = Reference.from_csl(
        {"id": "b", "type": "book", "title": "国史大纲", "volume": "上册", "language": "zh-CN"}
    )
    part = Reference.from_csl(
        {
            "id": "c",
            "type": "chapter",
            "title": "宋史卷三",
            "container-title": "宋史",
            "volume": "第 1 册",
            "language": "zh-CN",
        }
    )
    numbered = Reference.from_csl({"id": "n", "type": "book", "title": "T", "volume": "1-3"})
    lib = Library([book, part, numbered])
    text = to_bibtex(lib, biblatex=True)
    assert "titleaddon   = {上册}" in text and "booktitleaddon = {第 1 册}" in text
    assert "volume       = {1-3}" in text and "volume       = {上册}" not in text
    assert list(from_bibtex(text, "a.bib")) == list(lib)
    assert "volume       = {上册}" in to_bibtex(lib)  # BibTeX has no title addon


def test_biblatex_is_written_as_biblatex_gb7714_reads_it() -> None:
    """Found by compiling the standard's examples with biblatex-gb7714-2015: a Chinese family
    name alone is written whole (the package deletes a comma after a CJK character, which glued
    ``哈里森,`` to the next ``and``); a publisher with "and" in it is one publisher (a list
    field); a book titled as proceedings is @proceedings ([C], as citekit prints it)."""
    book = Reference.from_csl(
        {
            "id": "a",
            "type": "book",
            "title": "综合湿地管理国际研讨会论文集",
            "author": [{"family": "哈里森"}, {"family": "沃尔德伦"}],
            "publisher": "Farrar, Straus and Giroux",
        }
    )
    text = to_bibtex(Library([book]), biblatex=True)
    assert text.startswith("@proceedings{a,")
    assert "{哈里森} and {沃尔德伦}" in text
    assert "publisher    = {{Farrar, Straus and Giroux}}" in text
    assert list(from_bibtex(text, "a.bib")) == [book]
    assert "哈里森, and 沃尔德伦," in to_bibtex(Library([book]))  # BibTeX: as before
