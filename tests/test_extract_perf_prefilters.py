"""Cheap prefilters and merged patterns of extraction decide as the plain tests they stand in
for: on every line of the development corpus and on random text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from citekit.extract import cited, headers, layout, scan, titles
from citekit.extract.text import LineMap, join_lines, match_starts

CORPUS = sorted((Path(__file__).parent / "corpus" / "docs").glob("*.txt"))
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def _lines() -> list[str]:
    return [line for p in CORPUS + SEEDS for line in p.read_text(encoding="utf-8").split("\n")]


def _plain_not_a_headline(text: str) -> bool:
    s = text.strip()
    return bool(
        titles._YEAR_ONLY.match(s) or titles._FIELD_LABEL.match(s) or titles._CAPITALS.match(s)
    )


_HEADLINE_BITS = st.lists(
    st.sampled_from(
        [
            "2019",
            "年",
            "━━ ",
            "【",
            "】",
            "关键词",
            "Keywords",
            "keywords",
            "：",
            ":",
            "来 源",
            "CULTURE",
            " (EARLIER ITEMS)",
            " — ",
            "a",
            "新华社",
            " ",
            "DOI",
            "doi",
            "摘  要",
            "19",
        ]
    ),
    max_size=8,
).map("".join)


def test_not_a_headline_is_the_three_tests_on_the_corpus_lines() -> None:
    lines = _lines()
    assert len(lines) > 1000
    for line in lines:
        assert titles.not_a_headline(line) == _plain_not_a_headline(line), line


@given(_HEADLINE_BITS)
@example("━━ 2017年 ━━")
@example("KEYWORDS: a")
@example("MIND SPORTS AND THE OLYMPICS")
def test_not_a_headline_is_the_three_tests(text: str) -> None:
    assert titles.not_a_headline(text) == _plain_not_a_headline(text)


_BYLINE_BITS = st.lists(
    st.sampled_from(
        [
            "By ",
            "BY ",
            "by ",
            "作者",
            "记者",
            "通讯员",
            "撰文",
            "撰稿",
            "文",
            " / ",
            "/",
            "者",
            "B",
            "y",
            " ",
            "\u3000",
            "新华社",
            "张三",
        ]
    ),
    max_size=8,
).map("".join)


@given(_BYLINE_BITS)
@example("　By Xiong Zhengyan")
@example("文 / 张三")
def test_the_byline_hint_prefilter_never_hides_a_match(text: str) -> None:
    if scan._BYLINE_HINT.search(text):
        assert scan._may_hint(text)


def test_the_byline_hint_prefilter_never_hides_a_match_in_the_corpus() -> None:
    hinted = [line for line in _lines() if scan._BYLINE_HINT.search(line)]
    assert hinted
    assert all(scan._may_hint(line) for line in hinted)


_SPACED = st.text(alphabet=st.sampled_from("ab新 \t\n\r\u3000\xa0\x1c"), max_size=40)


@given(_SPACED)
@example("a \n \n b")
@example("  abc\n")
@example("abc")
@example("\n")
def test_join_lines_drops_the_whitespace_around_line_breaks(text: str) -> None:
    assert join_lines(text) == re.sub(r"\s*\n\s*", "", text)


_LITERAL_LED = (*cited._HINTS, *cited._CODE_HINTS, *scan._NUMBER_BRACKETS)


def test_each_pattern_run_after_a_substring_test_opens_every_match_with_its_literal() -> None:
    texts = [p.read_text(encoding="utf-8") for p in CORPUS + SEEDS]
    texts.append("参考文献 [J] ［M］ 〔2023〕16号 ［2024］ [2021] „2020‟ References")
    found = 0
    for text in texts:
        for literal, pattern in _LITERAL_LED:
            for m in pattern.finditer(text):
                assert m.group().startswith(literal), (literal, m.group())
                found += 1
        assert match_starts(text, _LITERAL_LED) == sorted(
            m.start() for _, p in _LITERAL_LED for m in p.finditer(text)
        )
    assert found


@given(st.text(alphabet=st.sampled_from("[［〔„]］〕‟ JM2023参考引用文Reference"), max_size=30))
def test_match_starts_is_the_plain_scan(text: str) -> None:
    assert match_starts(text, _LITERAL_LED) == sorted(
        m.start() for _, p in _LITERAL_LED for m in p.finditer(text)
    )


_HINTED = ((layout._MASTHEAD, layout._MASTHEAD_HINT), (layout._CODES, layout._CODES_HINT))


def test_the_line_role_hints_never_hide_a_match_in_the_corpus() -> None:
    lines = _lines()
    for pattern, hint in _HINTED:
        matched = [s for s in lines if pattern.search(s)]
        assert matched, pattern.pattern
        assert all(hint.search(s) for s in matched), pattern.pattern


_ROLE_BITS = st.lists(
    st.sampled_from(
        [
            "第",
            "3",
            "版",
            "专栏",
            "：",
            "2024",
            "年",
            "期",
            "总第",
            "简报",
            "动态",
            "目录",
            "剪辑",
            "摘编",
            "index",
            ".html",
            "a@b.cn",
            " 1 2 ",
            "１",
            "٣",
            " ",
            "新闻",
            "速递",
            "信息快报",
        ]
    ),
    max_size=8,
).map("".join)


@given(_ROLE_BITS)
def test_the_line_role_hints_never_hide_a_match(text: str) -> None:
    for pattern, hint in _HINTED:
        if pattern.search(text):
            assert hint.search(text)


def _outlet_lines_found(text: str) -> set[int]:
    return set(headers._short_lines_naming_outlets(LineMap(text)))


def _plain_outlet_lines(lines: LineMap) -> set[int]:
    """What find_outlet_articles asked before: every line, stripped, of at most 44 characters
    that is only an outlet's name."""
    return {
        n
        for n in range(1, lines.count + 1)
        if len(s := lines.line(n).strip()) <= 44 and headers.is_outlet_line(s)
    }


_OUTLET_LINE_BITS = st.lists(
    st.sampled_from(
        [
            "Xinhua",
            "CGTN",
            "新华社",
            "新華社",
            "人民日报",
            "人民日報",
            "- ",
            "• ",
            "\u3000",
            " ",
            "\t",
            "x",
            "。",
            "\n",
        ]
    ),
    max_size=12,
).map("".join)


@given(_OUTLET_LINE_BITS)
@example("\u3000- 新華社\nXinhua \n-\u3000CGTN")
@example("x\n" + "-" * 36 + " Xinhua\n")  # 43 characters: still asked
def test_the_outlet_line_search_finds_every_line_that_is_an_outlets_name(text: str) -> None:
    assert _plain_outlet_lines(LineMap(text)) <= _outlet_lines_found(text)


def test_the_outlet_line_search_misses_no_line_of_the_corpus() -> None:
    for p in CORPUS + SEEDS:
        text = p.read_text(encoding="utf-8")
        assert _plain_outlet_lines(LineMap(text)) <= _outlet_lines_found(text), p.name
