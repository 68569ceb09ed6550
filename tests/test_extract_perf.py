"""The fast paths of extraction give the results of the plain algorithms they stand in for."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from citekit.extract import dates as D
from citekit.extract import fold, patterns
from citekit.extract import text as T
from citekit.extract.artefacts import _SPACED, _SPACED_START, _close, despace
from citekit.extract.dates import find_dates
from citekit.extract.text import _REPEAT, LineMap, _undouble

CORPUS = sorted((Path(__file__).parent / "corpus" / "docs").glob("*.txt"))

#: the plain scan: one alternation of every minimal trigger, longest first
_FLAT = re.compile("|".join(re.escape(w) for w in sorted(patterns._MINIMAL, key=len, reverse=True)))
#: text made of trigger pieces, so that triggers and near-misses are frequent
_PIECES = st.lists(
    st.sampled_from([*patterns._MINIMAL, *(w[:-1] for w in patterns._MINIMAL), "日", " ", "新"]),
    max_size=30,
).map("".join)


def test_trigger_scan_finds_what_the_flat_alternation_finds_in_the_corpus() -> None:
    assert CORPUS
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        assert patterns.trigger_positions(text) == [m.start() for m in _FLAT.finditer(text)]


@given(_PIECES)
def test_trigger_scan_finds_what_the_flat_alternation_finds(text: str) -> None:
    assert patterns.trigger_positions(text) == [m.start() for m in _FLAT.finditer(text)]


def test_every_trigger_is_found_where_it_stands() -> None:
    for word in patterns._MINIMAL:
        assert patterns.trigger_positions("甲乙" + word) == [2]


def _fold_by_handler(text: str) -> str:
    """fold_text through the codec error handler only (the path for texts holding ``&#``)."""
    marked = "&#" + text
    return fold.fold_text(marked)[2:]


_MIXED = st.text(
    alphabet=st.sampled_from("來源新華社报道网—·﹃垟漈①Ⅰａ１ ⼀&#;0123abc\u00b7\u3000"),
    max_size=60,
)


@given(_MIXED)
def test_fold_finds_the_same_characters_with_and_without_the_error_handler(text: str) -> None:
    folded = fold.fold_text(text)
    assert len(folded) == len(text)
    assert folded == _fold_by_handler(text)


def test_fold_of_a_simplified_or_ascii_text_is_the_text_itself() -> None:
    for text in ("新华社北京10月15日电", "Xinhua, Oct. 15", ""):
        assert fold.fold_text(text) is text
    assert fold.fold_text("来源：新华社 —— 記者") == "来源：新华社 —— 记者"
    assert fold.fold_text("&#20358;來源") == "&#20358;来源"


def _covered(text: str) -> int:
    return sum(m.end() - m.start() for m in _REPEAT.finditer(text))


@given(st.text(alphabet=st.sampled_from("浙江经济这样干稳进2025，"), min_size=8, max_size=40))
def test_undouble_skips_only_texts_its_repeat_scan_would_skip(text: str) -> None:
    # the shortcut: more than 60% distinct characters means repeats cover under 80%
    if 10 * len(set(text)) > 6 * len(text):
        assert _covered(text) * 5 < len(text) * 4


def test_undouble_collapses_doubled_runs_and_keeps_ordinary_titles() -> None:
    assert _undouble("20252025，，浙江浙江经济经济") == "2025，浙江经济"
    assert _undouble("浙江经济这样干浙江经济这样干") == "浙江经济这样干"
    assert _undouble("让山区成为令人向往的幸福美好家园") == "让山区成为令人向往的幸福美好家园"


@given(st.lists(st.text(alphabet="ab中", max_size=5), min_size=1, max_size=20))
def test_line_map_starts_are_the_offsets_after_each_newline(lines: list[str]) -> None:
    text = "\n".join(lines)
    m = LineMap(text)
    assert m.count == len(lines)
    for n in range(1, len(lines) + 1):
        assert text[m.start_of(n) : m.end_of(n)] == lines[n - 1]


def _despace_line_by_line(text: str) -> str:
    """The plain rule: every line with a spaced run (or opening with four) is closed up."""
    lines = text.split("\n")
    out = []
    for line in lines:
        spaced = _SPACED.search(line) or _SPACED_START.match("\n" + line)
        out.append(_close(line) if spaced else line)
    return "\n".join(out)


_LINES = st.lists(
    st.sampled_from(
        [
            "新 华 社 北 京 九 月 十 二 日 电",
            "人 民 日 报１９６２年",
            "富 强 浙 江",
            "骆 瑾 王 昕",
            "正文",
            "",
        ]
    ),
    max_size=12,
).map("\n".join)


@given(_LINES)
def test_despace_closes_the_lines_a_line_by_line_reading_closes(text: str) -> None:
    assert despace(text) == _despace_line_by_line(text)


def _clean_title_plain(text: str) -> str:
    """clean_title without its shortcuts for titles of one token (the steps every title took)."""
    text = T._MOJIBAKE_QUOTES.sub(r"“\1”", T.fold_width(text).strip())
    text = T._SPACE_AROUND_DIGITS.sub("", T.squash_spaces(text))
    tokens = text.split(" ")
    singles = sum(1 for t in tokens if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
    if len(tokens) >= 3 and (
        all(len(t) == 1 for t in tokens) or (len(tokens) >= 5 and singles * 5 >= len(tokens) * 3)
    ):
        text = "".join(tokens)
    else:
        text = T._LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
        text = " ".join(_undouble(t) for t in text.split(" "))
        text = _undouble(text.replace(" ", "")) if T._looks_doubled(text) else text
    if text.endswith("”") and text.count("”") > text.count("“"):
        text = text[:-1]
    return text.strip()


@given(st.text(alphabet=st.sampled_from("浙江经济稳进野冶“”5 \t　１"), max_size=30))
def test_clean_title_gives_what_its_plain_steps_give(text: str) -> None:
    assert T.clean_title(text) == _clean_title_plain(text)


@given(
    st.text(
        alphabet=st.sampled_from("〇零○一二三四五六七八九十年月民国中华 -./JanMarchSept,"),
        max_size=30,
    )
)
def test_a_day_needs_a_digit_or_a_day_mark(text: str) -> None:
    # publication_line skips lines without [\d日号]: none of them holds a full day
    assert not [d for d in find_dates(text) if d.valid and d.date.day is not None]
    assert patterns.publication_line("《人民日报》" + text) == []


def _find_dates_plain(text: str, year: int | None) -> list[D.DateMatch]:
    """find_dates with every pattern run on every text (no skipping by 年 or digit)."""
    text = D.fold_width(text)
    found = [D._make(m, 1911) for m in D._ROC.finditer(text)]
    found += [D._make(m) for m in D._YMD_CJK.finditer(text)]
    for m in D._YMD_NUMERIC.finditer(text):
        if m["d"] is None and (m["sep"] == "." or not 1 <= int(m["m"]) <= 12):
            continue
        found.append(D._make(m))
    if text.isascii() or D._LATIN_LETTER.search(text):
        found += [D._make_en(m) for m in D._EN_MDY.finditer(text)]
        found += [D._make_en(m) for m in D._EN_DMY.finditer(text)]
        found += [
            D.DateMatch(m.start(), m.end(), m.group(0), date)
            for m in D._EN_MY.finditer(text)
            if (date := D.PartialDate.of(int(m["y"]), D._MONTHS[m["mon"][:3].lower()]))
        ]
    found += [d for m in D._YMD_SHORT.finditer(text) if (d := D._make_short(m))]
    if year is not None:
        found += [D._make_md(m, year) for m in D._MD.finditer(text)]
    if year is not None and not found:
        for m in D._EN_MD.finditer(text):
            try:
                day = D.PartialDate.of(year, D._MONTHS[m["mon"][:3].lower()], int(m["d"]))
            except (D.DateError, KeyError):
                continue
            found.append(D.DateMatch(m.start(), m.end(), m.group(0), day))
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[D.DateMatch] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


_DATE_PIECES = st.lists(
    st.sampled_from(
        [
            "2018",
            "19",
            "-",
            ".",
            "/",
            "年",
            "月",
            "日",
            "号",
            "九",
            "二〇一八",
            "民国",
            "八",
            "3",
            "12",
            " ",
            "Jan",
            "March",
            ",",
            "１",
            "报",
        ]
    ),
    max_size=12,
).map("".join)


@given(_DATE_PIECES, st.sampled_from([None, 2018]))
@example("2018-3-12 报", None)
@example("Jan 3, 2018", None)
@example("Jan 3", 2018)
@example("Jan 2018", None)
@example("18-3-5", None)
@example("3月5日", 2018)
@example("民国八年三月五日", None)
@example("二〇一八年九月三日", None)
def test_find_dates_gives_what_running_every_pattern_gives(text: str, year: int | None) -> None:
    assert find_dates(text, year) == _find_dates_plain(text, year)


def test_the_comma_triggers_are_found_by_str_find_and_give_the_regex_offsets() -> None:
    # the words opening with a comma leave the regex (which would stop at every comma)
    assert patterns._FOUND
    assert all(w[0] in patterns._COMMON_FIRST for w in patterns._FOUND)
    assert not any(patterns._TRIGGER.fullmatch(w) for w in patterns._FOUND)
    text = "报道，2019年，19，20，2020年。" * 3 + "中新社，20"
    assert patterns.trigger_positions(text) == [m.start() for m in _FLAT.finditer(text)]


def test_a_word_that_runs_into_another_is_reported_as_the_one_scan_reads_them() -> None:
    # '-- ' ends with the space ' ago' opens with: the scan takes '-- ' and not ' ago'
    for text in ("3 days -- ago", "-- ago, -- on 2020", "Daily ago 2019 's by"):
        assert patterns.trigger_positions(text) == [m.start() for m in _FLAT.finditer(text)]
    assert " ago" in patterns._FOUND
