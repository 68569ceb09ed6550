"""Rendering GB/T 7714 bibliographies and citations: the API contract and the engine fixes.

Each test names the rule of the standard (or the citeproc-py defect) it pins down.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import StyleError
from citekit.model import Name, PartialDate, Reference
from citekit.problems import Problems
from citekit.render import (
    CiteItem,
    RenderCache,
    Rendered,
    available_styles,
    clear_cache,
    load_style,
    render_bibliography,
    render_citations,
)

ROOT = Path(__file__).resolve().parent.parent
STYLES = [
    "gb-t-7714-2015-author-date",
    "gb-t-7714-2015-note",
    "gb-t-7714-2015-numeric",
    "gb-t-7714-2025-author-date",
    "gb-t-7714-2025-note",
    "gb-t-7714-2025-numeric",
]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the on-disk render cache of these tests out of the user's cache directory."""
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "render-cache"))


def news(key: str, title: str, paper: str, date: str | None, page: str | None = None) -> Reference:
    return Reference(
        id=key,
        type="article-newspaper",
        title=title,
        container_title=paper,
        issued=PartialDate.parse(date) if date else None,
        page=page,
        language="zh-CN",
    )


YU = Reference(
    id="yu2012",
    type="article-journal",
    language="zh-CN",
    author=tuple(Name(literal=n) for n in ("于潇", "刘义", "柴跃廷", "孙宏波")),
    title="互联网药品可信交易环境中主体资质审核备案模式",
    container_title="清华大学学报（自然科学版）",
    volume="52",
    issue="11",
    page="1518-1523",
    issued=PartialDate.of(2012),
)
FRANZ = Reference(
    id="franz2013",
    type="book",
    language="en-US",
    author=tuple(
        Name(family=f, given=g)
        for f, g in (("Franz", "Annaliese K."), ("Wong", "Diana M."), ("Boothe", "J."), ("Li", "T"))
    ),
    title="Phenotypic screening",
    edition="2",
    publisher_place="New York",
    publisher="Wiley",
    issued=PartialDate.of(2013),
)
FENG = Reference(
    id="feng2008",
    type="book",
    language="zh-CN",
    author=tuple(Name(literal=n) for n in ("冯友兰", "张三", "李四", "王五")),
    title="冯友兰自选集",
    edition="2",
    publisher_place="北京",
    publisher="首都师范大学出版社",
    issued=PartialDate.of(2008),
)
SHEN = news("shen2018", "秋收正忙", "丽水日报", "2018-09-03", "2").replace(
    author=(Name.parse("沈 仁"),)
)
ZHANG_A = news("zhang2018a", "乙文", "人民日报", "2018-05-01").replace(author=(Name.parse("张三"),))
ZHANG_B = news("zhang2018b", "甲文", "人民日报", "2018-06-01").replace(author=(Name.parse("张三"),))


# ------------------------------------------------------------------------------------ styles


def test_the_six_gbt_styles_are_available_and_2025_numeric_is_the_default() -> None:
    assert available_styles() == STYLES
    default = load_style()
    assert default.name == "gb-t-7714-2025-numeric"
    assert default.numeric
    assert not load_style("gb-t-7714-2015-author-date").numeric


def test_unknown_style_name_lists_the_available_ones() -> None:
    with pytest.raises(StyleError) as info:
        load_style("gb-t-7714-1987")
    assert "gb-t-7714-1987" in str(info.value)
    for name in STYLES:
        assert name in str(info.value)


def test_any_csl_file_is_accepted_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.csl"
    path.write_text(load_style("gb-t-7714-2015-numeric").source, encoding="utf-8")
    style = load_style(str(path))
    assert (style.name, style.path, style.numeric) == ("mine", path, True)
    [entry] = render_bibliography([YU], style)
    assert entry.label == "[1]"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<style", "not a well-formed CSL file"),
        ("<html/>", "not a CSL style"),
        ('<style xmlns="http://purl.org/net/xbiblio/csl"/>', "no bibliography layout"),
    ],
    ids=["truncated", "not-csl", "no-layout"],
)
def test_a_broken_csl_file_is_a_style_error_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "broken.csl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_style(str(path))
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_missing_csl_file_is_a_style_error(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="no such CSL file"):
        load_style(str(tmp_path / "nope.csl"))


def test_styles_in_csl_dir_are_generated_and_shipped_in_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("_csl_generate", ROOT / "csl" / "_generate.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "_csl_generate", gen)
    spec.loader.exec_module(gen)
    for name, text in gen.generate().items():
        assert (ROOT / "csl" / name).read_text(encoding="utf-8") == text, (
            f"csl/{name} is stale: run python csl/_generate.py"
        )
        packaged = ROOT / "citekit" / "render" / "csl" / name
        assert packaged.read_text(encoding="utf-8") == text


# ------------------------------------------------------------------------------ bibliography


def test_numeric_keeps_citation_order_and_labels_entries() -> None:
    entries = render_bibliography([SHEN, YU, FRANZ])
    assert [(e.id, e.label) for e in entries] == [
        ("shen2018", "[1]"),
        ("yu2012", "[2]"),
        ("franz2013", "[3]"),
    ]
    assert all(isinstance(e, Rendered) and not e.text.startswith("[") for e in entries)


def test_newspaper_entry_per_gbt7714_2025() -> None:
    [entry] = render_bibliography([SHEN])
    # type code [N] kept although the item has no URL (citeproc-py group-suppression defect);
    # 沈 仁 is one name, 沈仁 (spaced two-character names)
    assert entry.text == "沈仁. 秋收正忙[N]. 丽水日报，2018-09-03（2）."


def test_2015_uses_half_width_punctuation() -> None:
    [entry] = render_bibliography([SHEN], "gb-t-7714-2015-numeric")
    assert entry.text == "沈仁. 秋收正忙[N]. 丽水日报, 2018-09-03(2)."


def test_terms_follow_the_entry_language_not_the_style() -> None:
    chinese, english = render_bibliography([FENG, FRANZ], "gb-t-7714-2015-numeric")
    assert chinese.text.startswith("冯友兰, 张三, 李四, 等. 冯友兰自选集[M]. 2 版.")
    assert english.text.startswith("FRANZ A K, WONG D M, BOOTHE J, et al. Phenotypic")
    assert "2nd ed." in english.text
    assert "2nd 版" not in chinese.text  # ordinal fallback to en-US


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("zh-CN", None, "书名[M]. [出版地不详]: 商务印书馆, 2017."),
        ("en", None, "书名[M]. [S.l.]: Springer, 2017."),
        # an online resource may leave the place out (8.4.1.3)
        ("zh-CN", "https://example.org/b", "书名[M/OL]. 商务印书馆, 2017. https://example.org/b."),
    ],
)
def test_2015_marks_an_unknown_place_of_a_publisher(
    language: str, url: str | None, expected: str
) -> None:
    # GB/T 7714-2015 8.4.1.3: 无出版地的中文文献著录“出版地不详”，外文文献著录“S.l.”
    publisher = "商务印书馆" if language == "zh-CN" else "Springer"
    csl = {"id": "b", "type": "book", "title": "书名", "publisher": publisher}
    csl |= {"language": language, "issued": {"date-parts": [[2017]]}}
    if url:
        csl["URL"] = url
    [entry] = render_bibliography([Reference.from_csl(csl)], "gb-t-7714-2015-numeric")
    assert entry.text == expected.replace("Springer", publisher)
    [entry] = render_bibliography([Reference.from_csl(csl)], "gb-t-7714-2025-numeric")
    assert "出版地不详" not in entry.text and "S.l." not in entry.text  # 2025: as given


def test_2025_does_not_upper_case_latin_family_names() -> None:
    [entry] = render_bibliography([FRANZ], "gb-t-7714-2025-numeric")
    # and uses full-width ，： in Western entries too (GB/T 7714-2025 著录用符号)
    assert entry.text.startswith("Franz A K，Wong D M，Boothe J，et al. ")
    assert entry.text.endswith("2nd ed. New York：Wiley，2013.")


def test_corporate_authors_are_never_upper_cased() -> None:
    who = Reference(
        id="who1970",
        type="report",
        language="en-US",
        author=(Name(literal="World Health Organization"),),
        title="Factors regulating the immune response",
        publisher_place="Geneva",
        publisher="WHO",
        issued=PartialDate.of(1970),
    )
    [entry] = render_bibliography([who], "gb-t-7714-2015-numeric")
    assert entry.text.startswith("World Health Organization. Factors")


def test_editors_standing_in_for_authors_keep_the_name_format() -> None:
    edited = FRANZ.replace(id="ed", author=(), editor=FRANZ.author[:2])
    [entry] = render_bibliography([edited], "gb-t-7714-2015-numeric")
    assert entry.text.startswith("FRANZ A K, WONG D M. Phenotypic")


def test_author_date_groups_chinese_first_sorted_by_pinyin_with_year_suffixes() -> None:
    entries = render_bibliography([FRANZ, ZHANG_B, SHEN, ZHANG_A, YU], "gb-t-7714-2025-author-date")
    assert [e.id for e in entries] == [
        "shen2018",
        "yu2012",
        "zhang2018b",
        "zhang2018a",
        "franz2013",
    ]
    assert all(e.label == "" for e in entries)
    assert entries[0].text.startswith("沈仁，2018. ")
    # same author and year: 2018a, 2018b in title order (甲 jia before 乙 yi)
    assert entries[2].text.startswith("张三，2018a. 甲文")
    assert entries[3].text.startswith("张三，2018b. 乙文")


def test_incomplete_record_renders_what_it_has_and_is_reported() -> None:
    undated = news("nodate", "无日期的报道", "丽水日报", None)
    problems = Problems()
    [entry] = render_bibliography([undated], problems=problems)
    assert entry.text == "无日期的报道[N]. 丽水日报."
    [problem] = list(problems)
    assert problem.code == "W307"  # the one completeness rule (citekit.completeness)
    assert "without date" in problem.message
    assert problem.where == "nodate"


def test_problem_points_at_the_source_line_when_known() -> None:
    from citekit.model import Provenance

    ref = news("x", "题", "报", None).replace(provenance=(Provenance("seeds/a.txt", 12, 12),))
    problems = Problems()
    render_bibliography([ref], problems=problems)
    assert [p.where for p in problems] == ["seeds/a.txt:12"]


def test_html_and_markdown_are_escaped() -> None:
    ref = FRANZ.replace(publisher="Taylor & Francis", title="Growth *rates* of_x")
    [entry] = render_bibliography([ref])
    assert "Taylor &amp; Francis" in entry.html
    assert "Growth \\*rates\\* of\\_x" in entry.markdown
    assert "Taylor & Francis" in entry.text


# --------------------------------------------------------------------------------- citations


def test_numeric_citations_number_by_first_citation_and_collapse_ranges() -> None:
    refs = [YU, FRANZ, SHEN, FENG]
    citations, bibliography = render_citations(
        refs,
        [
            [CiteItem("shen2018")],
            [CiteItem("yu2012"), CiteItem("shen2018")],
            [CiteItem("feng2008"), CiteItem("shen2018"), CiteItem("yu2012")],
            [CiteItem("yu2012", locator="15")],
        ],
    )
    assert [c.text for c in citations] == ["[1]", "[1,2]", "[1-3]", "[2]15"]
    assert all(c.superscript for c in citations)
    assert citations[0].html == "<sup>[1]</sup>"
    # only cited records, in the order of first citation
    assert [(e.label, e.id) for e in bibliography] == [
        ("[1]", "shen2018"),
        ("[2]", "yu2012"),
        ("[3]", "feng2008"),
    ]


def test_author_date_citation() -> None:
    citations, bibliography = render_citations(
        [YU, FRANZ],
        [[CiteItem("yu2012")], [CiteItem("franz2013", "12")]],
        "gb-t-7714-2025-author-date",
    )
    assert citations[0].text == "（于潇 等，2012）"
    assert not citations[0].superscript
    assert citations[1].text == "（Franz et al.，2013）12"
    assert citations[1].html == "（Franz et al.，2013）<sup>12</sup>"
    assert [e.id for e in bibliography] == ["yu2012", "franz2013"]


def test_unknown_citation_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render_citations([YU], [[CiteItem("nobody")]])


# ------------------------------------------------------------------------------------ cache


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record the title of every entry citeproc-py actually renders."""
    from citekit.render import _render

    rendered: list[str] = []
    real = _render._render_one

    def spy(style: object, item: dict[str, object]) -> tuple[str, str, str]:
        rendered.append(str(item.get("title")))
        return real(style, item)  # type: ignore[arg-type]

    monkeypatch.setattr(_render, "_render_one", spy)
    yield rendered


def test_rerender_after_editing_one_record_renders_only_that_record(
    counted: list[str], tmp_path: Path
) -> None:
    store = RenderCache(tmp_path)
    library = [news(f"n{i}", f"标题{i}", "人民日报", "2020-01-02") for i in range(30)]
    first = render_bibliography(library, cache=store)
    assert len(counted) == 30
    counted.clear()
    library[5] = library[5].replace(title="改过的标题")
    library.insert(0, library.pop(7))  # numeric: moving a record only shifts labels
    second = render_bibliography(library, cache=store)
    assert counted == ["改过的标题"]
    assert second[0].label == "[1]" and second[0].text == first[7].text
    assert second[6].text.startswith("改过的标题")


def test_the_cache_survives_the_process(counted: list[str], tmp_path: Path) -> None:
    render_bibliography([SHEN, YU], "gb-t-7714-2015-numeric", cache=RenderCache(tmp_path))
    counted.clear()
    # a new process: a new cache object, memory empty, the same file
    again = render_bibliography([SHEN, YU], "gb-t-7714-2015-numeric", cache=RenderCache(tmp_path))
    assert counted == []
    assert again[0].text == "沈仁. 秋收正忙[N]. 丽水日报, 2018-09-03(2)."


def test_without_a_cache_object_nothing_is_written(
    counted: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path))
    render_bibliography([SHEN, YU], "gb-t-7714-2015-numeric")
    assert list(tmp_path.iterdir()) == []
    counted.clear()
    render_bibliography([SHEN, YU], "gb-t-7714-2015-numeric")
    assert len(counted) == 2  # nothing kept between calls either


def test_clear_cache_empties_the_given_cache(counted: list[str], tmp_path: Path) -> None:
    store = RenderCache(tmp_path)
    render_bibliography([SHEN], cache=store)
    clear_cache(store)
    counted.clear()
    render_bibliography([SHEN], cache=RenderCache(tmp_path))
    assert len(counted) == 1


# ------------------------------------------------------------------------------- properties

names = st.sampled_from(["张三", "李四", "王五", "赵六", "Smith", "欧阳修"])
records = st.builds(
    lambda i, who, year, title: Reference(
        id=f"r{i}",
        type="article-newspaper",
        title=title,
        author=(Name.parse(who),),
        container_title="人民日报",
        issued=PartialDate.of(year, 1, 1),
    ),
    st.integers(),
    names,
    st.integers(1990, 2030),
    st.sampled_from(["甲", "乙", "丙", "Alpha", "beta"]),
)
libraries = st.lists(records, max_size=8, unique_by=lambda r: r.id)


@settings(max_examples=25, deadline=None)
@given(libraries, st.randoms())
def test_author_date_order_does_not_depend_on_input_order(
    refs: list[Reference], rnd: object
) -> None:
    shuffled = list(refs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    one = render_bibliography(refs, "gb-t-7714-2025-author-date")
    two = render_bibliography(shuffled, "gb-t-7714-2025-author-date")
    assert sorted(e.id for e in one) == sorted(r.id for r in refs)
    assert [e.text for e in one] == [e.text for e in two]


@settings(max_examples=25, deadline=None)
@given(libraries)
def test_numeric_renders_every_record_once_in_order(refs: list[Reference]) -> None:
    entries = render_bibliography(refs, "gb-t-7714-2015-numeric")
    assert [e.id for e in entries] == [r.id for r in refs]
    assert [e.label for e in entries] == [f"[{n}]" for n in range(1, len(refs) + 1)]


# --------------------------------------------------------------------------------------- CLI


@pytest.fixture
def library_json(tmp_path: Path) -> Path:
    path = tmp_path / "lib.json"
    path.write_text(
        json.dumps([r.to_csl() for r in (SHEN, YU, FRANZ)], ensure_ascii=False), encoding="utf-8"
    )
    return path


def test_cli_render_prints_the_bibliography(runner: CliRunner, library_json: Path) -> None:
    from citekit.cli.render import render

    result = runner.invoke(render, [str(library_json)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "[1] 沈仁. 秋收正忙[N]. 丽水日报，2018-09-03（2）."
    assert len(lines) == 3


def test_cli_render_json_has_id_label_and_text_without_label(
    runner: CliRunner, library_json: Path
) -> None:
    from citekit.cli.render import render

    result = runner.invoke(
        render, [str(library_json), "--format", "json", "--style", "gb-t-7714-2015-author-date"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["id"] for d in data] == ["shen2018", "yu2012", "franz2013"]
    assert data[0] == {"id": "shen2018", "label": "", "text": data[0]["text"]}
    assert data[0]["text"].startswith("沈仁, 2018. 秋收正忙[N]")


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<li id="), ("markdown", "\\[1\\] ")])
def test_cli_render_html_and_markdown(
    runner: CliRunner, library_json: Path, fmt: str, marker: str
) -> None:
    from citekit.cli.render import render

    result = runner.invoke(render, [str(library_json), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.output


def test_cli_unknown_style_exits_1_with_the_list(runner: CliRunner, library_json: Path) -> None:
    from citekit.cli import cli

    result = runner.invoke(cli, ["render", str(library_json), "--style", "apa"])
    assert result.exit_code == 1
    assert "unknown style 'apa'" in result.output
    assert "gb-t-7714-2025-numeric" in result.output


def test_cli_styles_lists_the_styles(runner: CliRunner) -> None:
    from citekit.cli.render import styles

    result = runner.invoke(styles, [])
    assert result.exit_code == 0
    assert result.output.split() == [*STYLES[:5], "gb-t-7714-2025-numeric", "(default)"]
    data = json.loads(runner.invoke(styles, ["--format", "json"]).output)
    assert [d["numeric"] for d in data] == [False, False, True, False, False, True]


# -------------------------------------------------------------------------------- templates


@pytest.mark.parametrize("style_name", STYLES)
def test_template_rendering_equals_direct_rendering(shared: Path, style_name: str) -> None:
    """The speed path (render one template per shape of item) changes no output."""
    import warnings

    from citekit.render._engine import engine_for
    from citekit.render._prepare import entry_language, prepare_item

    style = load_style(style_name)
    items = []
    for name in ("examples-2015.json", "examples-2025-zh.json"):
        data = json.loads((shared / "gbt7714" / name).read_text(encoding="utf-8"))
        items += [prepare_item(Reference.from_csl(e["csl"]).to_csl()) for e in data]
    # the same items with other titles and years reuse the templates made for the first ones
    for item in list(items):
        other = json.loads(json.dumps(item))
        other["title"] = f"{other.get('title', '')} 2"
        for var in ("issued", "accessed"):
            if "date-parts" in other.get(var, {}):
                other[var]["date-parts"][0][0] += 13
        items.append(other)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in items:
            engine = engine_for(style, entry_language(item), item["type"])
            templated, _html, _md = engine.entries(item)
            assert templated == engine.entry(item, "text"), item


# --------------------------------------------------------------------------- any CSL style

OTHER_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Plain author-date</title><id>x</id><updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", "><names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
        <text variable="locator" prefix="p. "/></group>
    </layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". "><names variable="author"><name name-as-sort-order="all"/></names>
        <text variable="title" font-style="italic"/><text variable="publisher"/></group>
    </layout>
  </bibliography>
</style>
"""


def test_a_style_with_font_formatting_renders_html_and_markdown_markup(tmp_path: Path) -> None:
    path = tmp_path / "plain.csl"
    path.write_text(OTHER_STYLE, encoding="utf-8")
    [entry] = render_bibliography([FRANZ.replace(author=FRANZ.author[:1])], str(path))
    assert entry.label == ""
    assert entry.text == "Franz, Annaliese K. Phenotypic screening. Wiley."
    assert "<i>Phenotypic screening</i>" in entry.html
    assert "*Phenotypic screening*" in entry.markdown
    assert "Phenotypic screening" in entry.text and "<i>" not in entry.text


def test_a_style_that_prints_locators_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "plain.csl"
    path.write_text(OTHER_STYLE, encoding="utf-8")
    one = FRANZ.replace(author=FRANZ.author[:1])
    [citation], _ = render_citations([one], [[CiteItem("franz2013", "12")]], str(path))
    assert citation.text == "(Franz, 2013, p. 12)"


GROUP_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
       default-locale="zh-CN">
  <info><title>type code in a group</title><id>y</id>
    <updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="code"><choose><if type="article-newspaper"><text value="N"/></if>
    <else><text value="Z"/></else></choose></macro>
  <macro name="online"><choose><if variable="URL"><text value="/OL"/>
    <text variable="medium" prefix=" "/></if></choose></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <text variable="title"/>
      <group prefix="[" suffix="]"><text macro="code"/><text macro="online"/></group>
    </layout>
  </bibliography>
</style>
"""


def test_a_group_is_not_dropped_for_a_variable_only_mentioned_in_an_untaken_branch(
    tmp_path: Path,
) -> None:
    # citeproc-py 0.11 drops the whole group ("[N]") because the "online" macro mentions
    # `medium`, although that branch is not taken for an item without URL (CSL 1.0.2 §Group)
    path = tmp_path / "group.csl"
    path.write_text(GROUP_STYLE, encoding="utf-8")
    plain, online = render_bibliography(
        [SHEN, SHEN.replace(id="s2", url="http://x.cn/a")], str(path)
    )
    assert plain.text == "秋收正忙[N]."
    assert online.text == "秋收正忙[N/OL]."


def test_a_numeric_style_without_second_field_align_numbers_inside_the_text(
    tmp_path: Path,
) -> None:
    source = load_style("gb-t-7714-2015-numeric").source.replace(' second-field-align="flush"', "")
    path = tmp_path / "inline.csl"
    path.write_text(source, encoding="utf-8")
    entries = render_bibliography([SHEN, YU, SHEN.replace(id="again")], str(path))
    assert [e.label for e in entries] == ["", "", ""]
    assert [e.text[:5] for e in entries] == ["[1]沈仁", "[2]于潇", "[3]沈仁"]


def test_book_marks_around_the_paper_and_full_width_digits_are_normalised() -> None:
    ref = news("q", "题目", "《人民日报》", "2018-09-03", "０５")
    [entry] = render_bibliography([ref])
    assert entry.text == "题目[N]. 人民日报，2018-09-03（05）."
    titled = ref.replace(id="t", title="《庄子》读不懂", container_title="人民日报")
    [entry] = render_bibliography([titled])
    assert entry.text.startswith("《庄子》读不懂[N]. 人民日报")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(Name(literal="郑亚丽"), "郑亚丽，等. 构筑新优势", id="zh-等"),
        pytest.param(
            Name(family="Smith", given="John"), "Smith J，et al. 构筑新优势", id="en-et-al"
        ),
    ],
)
def test_a_byline_ending_in_deng_renders_the_et_al_term(name: Name, expected: str) -> None:
    lang = "zh-CN" if name.literal else "en-US"
    ref = Reference(
        id="a",
        type="article-magazine",
        title="构筑新优势",
        author=(name,),
        container_title="今日浙江",
        issued=PartialDate(2021),
        language=lang,
        extra={"et-al": True},
    )
    [entry] = render_bibliography([ref], "gb-t-7714-2025-numeric")
    assert entry.text.startswith(expected)
    [plain] = render_bibliography([ref.replace(extra={})], "gb-t-7714-2025-numeric")
    assert "等" not in plain.text and "et al" not in plain.text


# ---------------------------------------------------------- serials as a whole, ranges, names

CLINICAL = Reference(
    id="lcnk",
    type="periodical",
    language="zh-CN",
    editor=(Name(literal="中华医学会湖北分会"),),
    title="临床内科杂志",
    volume="1984, 1(1)-",
    publisher_place="武汉",
    publisher="中华医学会湖北分会",
    issued=PartialDate.raw("1984/"),
)
SCIENCE = Reference(
    id="science",
    type="periodical",
    language="en-US",
    editor=(Name(literal="American Association for the Advancement of Science"),),
    title="Science",
    volume="1883, 1(1)-",
    publisher_place="Washington, D.C.",
    publisher="American Association for the Advancement of Science",
    issued=PartialDate.raw("1883/"),
)


@pytest.mark.parametrize(
    ("style", "ref", "expected"),
    [
        pytest.param(
            "gb-t-7714-2025-numeric",
            CLINICAL,
            "中华医学会湖北分会. 临床内科杂志[J]. 1984，1（1）—. 武汉：中华医学会湖北分会，1984—.",
            id="2025-zh",
        ),
        pytest.param(
            "gb-t-7714-2025-author-date",
            CLINICAL,
            "中华医学会湖北分会，1984—. 临床内科杂志[J]. 1984，1（1）—. 武汉：中华医学会湖北分会.",
            id="2025-zh-author-date",
        ),
        pytest.param(
            "gb-t-7714-2015-numeric",
            CLINICAL,
            "中华医学会湖北分会. 临床内科杂志[J]. 1984, 1(1)-. 武汉: 中华医学会湖北分会, 1984-.",
            id="2015-zh",
        ),
        pytest.param(
            "gb-t-7714-2015-numeric",
            SCIENCE,
            "American Association for the Advancement of Science. Science[J]. 1883, 1(1)-. "
            "Washington, D.C.: American Association for the Advancement of Science, 1883-.",
            id="2015-en",
        ),
        pytest.param(
            "gb-t-7714-2025-numeric",
            SCIENCE,
            "American Association for the Advancement of Science. Science[J]. 1883，1（1）—. "
            "Washington, D.C.：American Association for the Advancement of Science，1883—.",
            id="2025-en",
        ),
    ],
)
def test_a_whole_serial_prints_its_holdings_and_years_as_ranges(
    style: str, ref: Reference, expected: str
) -> None:
    # GB/T 7714 8.x: 年，卷（期）-年，卷（期）. 出版地：出版者，出版年 -- in the punctuation of the
    # entry's layout, with the edition's dash (2025: —, 2015: -) for ranges
    [entry] = render_bibliography([ref], style)
    assert entry.text == expected


def test_a_closed_holdings_range_and_a_single_issue() -> None:
    closed = CLINICAL.replace(volume="1957(1)-1990(4)", issued=PartialDate.raw("1957/1990"))
    [entry] = render_bibliography([closed])
    assert entry.text.endswith("[J]. 1957（1）—1990（4）. 武汉：中华医学会湖北分会，1957—1990.")
    one = CLINICAL.replace(volume="57", issue="34", issued=PartialDate.of(2012))
    [entry] = render_bibliography([one])
    assert entry.text.endswith("[J]. 2012，57（34）. 武汉：中华医学会湖北分会，2012.")
    # a magazine issue as a whole (what extraction records for a document): 年（期）
    issue = CLINICAL.replace(volume=None, issue="5", issued=PartialDate.of(2021, 5))
    [entry] = render_bibliography([issue])
    assert entry.text.endswith("[J]. 2021（5）. 武汉：中华医学会湖北分会，2021.")
    # not a holdings statement: printed as given
    odd = CLINICAL.replace(volume="第 1 卷 增刊", issued=PartialDate.of(2012))
    [entry] = render_bibliography([odd])
    assert "[J]. 第 1 卷 增刊. 武汉" in entry.text


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        ("1984, 1(1)-", {"first-year": "1984", "first-volume": "1", "first-issue": "1"}),
        ("1957(1)-1990(4)", {"first-year": "1957", "first-issue": "1"}),
        ("1984，1（1）—", {"first-year": "1984", "first-volume": "1", "first-issue": "1"}),
        ("2001, 3(2)-2005, 7(12)", {"last-year": "2005", "last-volume": "7", "last-issue": "12"}),
        ("1-5", {"first-volume": "1", "last-volume": "5", "range": "closed"}),
        ("1984, 1(1)-", {"range": "open"}),
    ],
)
def test_holdings_statements_are_split_into_first_and_last_issue(
    volume: str, expected: dict[str, str]
) -> None:
    from citekit.render._prepare import prepare_item

    item = prepare_item({"id": "x", "type": "periodical", "title": "T", "volume": volume})
    holdings = {k.removeprefix("holdings-"): v for k, v in item.items() if k.startswith("holdings")}
    assert expected.items() <= holdings.items()


def test_edtf_year_intervals_become_date_ranges_other_intervals_stay_as_given() -> None:
    from citekit.render._prepare import prepare_item

    def issued(raw: str) -> object:
        return prepare_item({"id": "x", "type": "book", "issued": {"raw": raw}})["issued"]

    assert issued("1957/1990") == {"date-parts": [[1957], [1990]]}
    assert issued("1984/") == {"date-parts": [[1984], [0]]}  # open end
    assert issued("1984/..") == {"date-parts": [[1984], [0]]}
    assert issued("1990/1957") == {"literal": "1990/1957"}
    assert issued("2000-03-15/2000-03-17") == {"literal": "2000-03-15/2000-03-17"}


def test_date_ranges_use_the_styles_range_delimiter() -> None:
    # citeproc-py always prints an en dash; CSL 1.0.2 takes the range-delimiter of the largest
    # date part that differs, and a year-first (ISO) date is printed whole on both sides
    import warnings

    from citekit.render._engine import Engine

    item = {"id": "item", "type": "patent", "title": "P", "number": "1", "language": "zh-CN"}
    engine = Engine(load_style("gb-t-7714-2025-numeric"), "zh", "patent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for parts, shown in [
            ([[2000, 3, 15], [2000, 4, 2]], "2000-03-15—2000-04-02"),
            ([[1999], [2001]], "1999—2001"),
            ([[1999], [0]], "1999—"),
            ([[2000, 3, 15], [2000, 3, 15]], "2000-03-15"),
        ]:
            text, _, _ = engine.entries({**item, "issued": {"date-parts": parts}})
            assert text == f"P：1[P]. {shown}.", parts


DAY_FIRST = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>day first</title><id>z</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="date"><date variable="issued" delimiter=" ">
    <date-part name="day" range-delimiter="/"/><date-part name="month" form="short"/>
    <date-part name="year"/></date></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix="."><group delimiter=". "><text variable="title"/>
    <text macro="date"/></group></layout></bibliography>
</style>
"""


def test_a_day_first_date_range_prints_the_shared_parts_once(tmp_path: Path) -> None:
    import warnings

    from citekit.render._engine import Engine
    from citekit.render._styles import load_style as load

    path = tmp_path / "dayfirst.csl"
    path.write_text(DAY_FIRST, encoding="utf-8")
    engine = Engine(load(str(path)), "en")
    item = {"id": "item", "type": "book", "title": "T", "language": "en-US"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text, _, _ = engine.entries(
            {**item, "issued": {"date-parts": [[2000, 3, 15], [2000, 3, 17]]}}
        )
        assert text == "T. 15/17 Mar. 2000."
        text, _, _ = engine.entries(
            {**item, "issued": {"date-parts": [[2000, 3, 15], [2000, 4, 2]]}}
        )
        assert text == "T. 15 Mar.–2 Apr. 2000."


PEEBLES = Reference(
    id="peebles2001",
    type="book",
    language="en-US",
    author=(Name(family="Peebles", given="Peyton Z.", suffix="Jr."),),
    title="Probability, random variables, and random signal principles",
    edition="4",
    publisher_place="New York",
    publisher="McGraw-Hill",
    issued=PartialDate.of(2001),
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("gb-t-7714-2015-numeric", "PEEBLES P Z, Jr. Probability"),
        ("gb-t-7714-2015-author-date", "PEEBLES P Z, Jr, 2001. Probability"),
        ("gb-t-7714-2025-numeric", "Peebles P Z，Jr. Probability"),
        ("gb-t-7714-2025-author-date", "Peebles P Z，Jr，2001. Probability"),
    ],
)
def test_a_name_suffix_follows_a_comma_without_its_abbreviation_point(
    style: str, expected: str
) -> None:
    # GB/T 7714 8.1.2 (examples 4.1.2:14, 4.2.2:6, A.7:7): "PEEBLES P Z, Jr"
    [entry] = render_bibliography([PEEBLES], style)
    assert entry.text.startswith(expected)


def test_a_suffix_in_the_middle_of_a_list_and_in_display_order(tmp_path: Path) -> None:
    three = PEEBLES.replace(
        author=(Name(family="Buseck", given="Peter R."), PEEBLES.author[0], Name.parse("Li, T"))
    )
    [entry] = render_bibliography([three], "gb-t-7714-2015-numeric")
    assert entry.text.startswith("BUSECK P R, PEEBLES P Z, Jr, LI T. Probability")
    # a style printing names in display order keeps CSL's form: given family suffix
    path = tmp_path / "plain.csl"
    path.write_text(OTHER_STYLE.replace('name-as-sort-order="all"', ""), encoding="utf-8")
    [entry] = render_bibliography([PEEBLES], str(path))
    assert entry.text.startswith("Peyton Z. Peebles Jr. Probability")


@pytest.mark.parametrize(
    ("lang", "names", "expected"),
    [
        ("zh-CN", ("蒋 有绪", "郭 泉水", "马 娟"), "蒋有绪, 郭泉水, 马娟, 等. 书"),
        ("en-US", ("Smith, John",), "SMITH J, et al. 书"),
    ],
)
def test_bibtex_and_others_prints_the_et_al_term(
    lang: str, names: tuple[str, ...], expected: str
) -> None:
    # BibTeX "and others" (a name `others`) says the list goes on: GB/T 7714 8.1.2 prints 等 /
    # et al. after the names given, even below et-al-min (example A.1:7)
    people = tuple(
        Name(family=n.split()[0], given=n.split()[1])
        if " " in n and "," not in n
        else Name.parse(n)
        for n in names
    )
    ref = Reference(
        id="a",
        type="book",
        language=lang,
        author=(*people, Name(family="others", given="")),
        title="书",
        publisher_place="北京",
        publisher="科学出版社",
        issued=PartialDate.of(1998),
    )
    [entry] = render_bibliography([ref], "gb-t-7714-2015-numeric")
    assert entry.text.startswith(expected)
