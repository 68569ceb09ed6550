"""More fast paths of extraction, each against the plain algorithm it stands in for: line
numbers from checkpoints, lines opening with a digit found once, running headers looked up
before they are counted, a lead's reporters read only on lines that can name them."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from itertools import accumulate
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from citekit.extract import leadreporters as LR
from citekit.extract import text as T
from citekit.extract.bylines import looks_like_person, split_run
from citekit.extract.contents import IssueHeading
from citekit.extract.fold import fold_text
from citekit.extract.layout import _REPEATS, Roles
from citekit.extract.policy import _LIST_START
from citekit.extract.scan import _PAPER_SECTION, _WIDE_DIGITS, _ascii_digits, _with_paper_sections
from citekit.extract.text import LineMap
from citekit.extract.toc import _ENTRY, _entries
from citekit.model import Name, Provenance, Reference


class _PlainLineMap:
    """The plain line map: a table of every line's start, searched by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = list(accumulate((len(line) + 1 for line in self.lines), initial=0))[:-1]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def lines_of(self, offsets: list[int]) -> list[int]:
        out: list[int] = []
        end = -1
        for pos in offsets:
            if pos <= end:
                continue
            n = self.line_of(pos)
            out.append(n)
            end = self.end_of(n)
        return out

    def start_of(self, line: int) -> int:
        return self.starts[line - 1]

    def end_of(self, line: int) -> int:
        return self.starts[line] - 1 if line < len(self.starts) else len(self.text)


def _answer(call: object, arg: int) -> object:
    try:
        return call(arg)  # type: ignore[operator]
    except IndexError:
        return IndexError


_TEXTS = st.text(alphabet=st.sampled_from("ab中 \t\n"), max_size=80)


@given(_TEXTS, st.lists(st.integers(-3, 90), max_size=8))
def test_line_numbers_from_checkpoints_are_those_of_the_table_of_starts(
    text: str, offsets: list[int]
) -> None:
    for stride in (1, 3, 7, 1024):
        saved, T._STRIDE = T._STRIDE, stride
        try:
            fast, plain = LineMap(text), _PlainLineMap(text)
            for offset in offsets:
                assert fast.line_of(offset) == plain.line_of(offset)
            assert fast.lines_of(sorted(offsets)) == plain.lines_of(sorted(offsets))
            for line in range(-len(plain.lines) - 1, len(plain.lines) + 2):
                # a fresh map each time: the table of starts is built only for odd lines
                assert _answer(LineMap(text).start_of, line) == _answer(plain.start_of, line)
                assert _answer(LineMap(text).end_of, line) == _answer(plain.end_of, line)
        finally:
            T._STRIDE = saved


def test_a_sibling_map_shares_the_line_numbers_of_its_text() -> None:
    text = "第一行\n\n  3 第三行\n第四行"
    base = LineMap(text)
    other = base.sibling(text.replace("第", "弟"))
    assert [other.line_of(k) for k in range(len(text) + 1)] == [
        base.line_of(k) for k in range(len(text) + 1)
    ]
    assert other.digit_openings() == base.digit_openings() == [text.index("\n  3")]


_TOC_TEXTS = st.lists(
    st.sampled_from(
        [
            "14 让山区成为向往的家园",
            " 6 超常规推动/袁家军",
            "——副标题/本刊记者 马跃明",
            "2024",
            "",
            "正文。",
            "1\t目录",
        ]
    ),
    max_size=10,
).map("\n".join)


@given(_TOC_TEXTS)
@example("3 开头一行/作者\n12 第二行/作者")
def test_contents_entries_are_those_a_multiline_scan_finds(text: str) -> None:
    lines = LineMap(text)
    plain = [m.span() for m in _ENTRY.finditer(text)]
    assert [m.span() for m in _entries(lines, text)] == plain
    assert [m.span() for m in _entries(LineMap(text + "x"), text)] == plain


@given(_TOC_TEXTS.map(lambda t: t.replace("/", "、")))
@example("x\n 2. 一\n3、二\n 4 三")
def test_numbered_lines_are_those_a_scan_of_the_whole_text_finds(text: str) -> None:
    lines = LineMap(text)
    fast = [at for at in lines.digit_openings() if _LIST_START.match(text, at)]
    assert fast == [m.start() for m in _LIST_START.finditer(text)]


@given(st.text(alphabet=st.sampled_from("０１９9a中 "), max_size=20))
def test_full_width_digits_are_made_ascii_whenever_there_are_any(text: str) -> None:
    assert _ascii_digits(text) == text.translate(_WIDE_DIGITS)


_HEADER_LINES = st.lists(st.sampled_from(["浙江经济", " 浙江经济 ", "第 3 版", "正文", "", "abcd"]))


@given(_HEADER_LINES, st.lists(st.integers(1, 20), max_size=30))
def test_a_running_header_is_found_as_counting_every_short_line_finds_it(
    lines: list[str], asked: list[int]
) -> None:
    roles = Roles(LineMap("\n".join(lines)))
    counted = Counter(t for line in lines if 4 <= len(t := line.strip()) <= 30)
    for n in asked:
        s = roles.text(n)
        assert roles._repeated(s) == (4 <= len(s) <= 30 and counted[s] >= _REPEATS)


def _lead_reporters_plain(lines: LineMap, start: int, end: int) -> tuple[str, ...]:
    """lead_reporters reading every line of the span, each folded."""
    for k in range(max(1, start), min(end, lines.count) + 1):
        line = lines.line(k)[: LR._MAX_LINE]
        folded = fold_text(line)
        field = LR._FIELD.match(folded)
        if field:
            names = LR._field_names(folded[field.end() :])
            if names:
                return tuple(LR._as_written(line, folded, field.end(), n) for n in names)
        closing = LR._CLOSING.search(folded)
        if closing and "记者" not in closing["names"]:
            names = tuple(n for n in re.split(r"[\s、，,]+", closing["names"]) if n)
            if all(LR._PLAIN_NAME.match(n) and looks_like_person(n) for n in names):
                return tuple(LR._as_written(line, folded, closing.start(), n) for n in names)
            run = LR._OUTLET_FIRST.match(closing["names"])
            split = split_run(run["names"]) if run else None
            if split and len(split) >= 2:
                return tuple(LR._as_written(line, folded, closing.start(), n) for n in split)
        if k == start + 1:
            bare = LR._EN_BYLINE.match(line.strip())
            if bare:
                return (bare["n"],)
        credit = LR._EN_CREDIT.search(line) if "by" in line else None
        if credit:
            return (credit["n"],)
        for m in LR._REPORTER.finditer(folded):
            names = LR._names(m.group(0))
            if names:
                return tuple(LR._as_written(line, folded, m.start(), n) for n in names)
    return ()


_LEAD_PIECES = st.lists(
    st.sampled_from(
        [
            "记者",
            "記者",
            "王恩国",
            "陳家倫",
            " ",
            "（",
            "）",
            "(",
            ")",
            "︶",
            "【作 者】",
            "︻作者︼",
            "江雨莲、孙激:四川大学",
            "昆明日报",
            "报道",
            "Text by Wei Yao",
            "Hong Yaobin",
            "摄",
            "。",
            "\n",
        ]
    ),
    max_size=16,
).map("".join)


@given(_LEAD_PIECES, st.integers(0, 4), st.integers(0, 6))
@example("标题\n新华社（记者 王恩国）", 1, 2)
@example("标题\n（記者 陳家倫）報導", 1, 2)
@example("标题\nHong Yaobin\n正文", 1, 3)
@example("标题\n正文\n在这里阅读。（王立信 杨娜）", 1, 3)
@example("标题\n正文\n在这里阅读。(王立信 杨娜)", 1, 3)
@example("标题\n正文\n【作 者】江雨莲、孙激:四川大学", 1, 3)
@example("标题\n正文\n(Text by Wei Yao)", 1, 3)
@example("标题\n正文\n本报讯 记者王恩国报道", 1, 3)
def test_a_leads_reporters_are_those_reading_every_line_finds(
    text: str, start: int, end: int
) -> None:
    lines = LineMap(text)
    assert LR.lead_reporters(lines, start, end) == _lead_reporters_plain(lines, start, end)


def _paper_sections_plain(headings: list[IssueHeading], lines: LineMap) -> list[IssueHeading]:
    """The paper-naming sections read line by line."""
    if "报）" not in lines.text and "报)" not in lines.text and "报》" not in lines.text:
        return headings
    taken = {h.line for h in headings}
    found = []
    for n in range(1, lines.count + 1):
        text = lines.line(n)
        if n in taken or len(text) > 40 or not ("报）" in text or "报)" in text or "报》" in text):
            continue
        m = _PAPER_SECTION.match(text)
        if m:
            found.append(
                IssueHeading(n, m["p"], False, None, None, None, None, "article-newspaper")
            )
    return sorted(headings + found, key=lambda h: h.line) if found else headings


_SECTION_LINES = st.lists(
    st.sampled_from(
        [
            "第二部分 新世纪初要闻（人民日报）",
            "一、要闻(光明日报)",
            "《浙江日报》",
            "报报）",
            "正文。",
            "",
        ]
    ),
    max_size=8,
).map("\n".join)


@given(_SECTION_LINES, st.booleans())
def test_sections_naming_a_paper_are_those_reading_every_line_finds(text: str, taken: bool) -> None:
    lines = LineMap(text)
    headings = (
        [IssueHeading(1, "人民日报", False, None, None, None, None, "article-newspaper")]
        if taken
        else []
    )
    assert _with_paper_sections(headings, lines) == _paper_sections_plain(headings, lines)


_RECORD = Reference(
    id="a",
    type="article-newspaper",
    title="标题",
    container_title="人民日报",
    author=(Name(literal="张三"),),
    provenance=(Provenance("a.txt", 1, 2, "raw"),),
)


@given(
    st.dictionaries(
        st.sampled_from([f.name for f in dataclasses.fields(Reference)]),
        st.one_of(st.none(), st.text(max_size=5)),
        max_size=4,
    )
)
def test_a_record_is_copied_with_changes_as_dataclasses_replace_copies_it(
    changes: dict[str, Any],
) -> None:
    assert all(f.init for f in dataclasses.fields(Reference))
    assert _RECORD.replace(**changes) == dataclasses.replace(_RECORD, **changes)
    assert _RECORD.replace(**changes).origin == dataclasses.replace(_RECORD, **changes).origin
