"""Small text helpers shared by the extraction stages: width folding, cleaning, line maps.

Consumes raw document text; produces normalized strings of the *same length* (so spans found in
the folded text are valid in the original) and cleaned display strings for titles and names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import accumulate

__all__ = [
    "LineMap",
    "clean_title",
    "display_length",
    "fold_width",
    "join_lines",
    "match_starts",
    "squash_spaces",
]

# Full-width ASCII (U+FF01-FF5E) -> ASCII, ideographic and no-break spaces -> space. One char for
# one char, so offsets in the folded text are offsets in the original.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20})
# Keep the Chinese brackets and punctuation that carry meaning in attributions full-width.
for _keep in "（）：，；！？":
    _FOLD.pop(ord(_keep), None)


_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def fold_width(text: str) -> str:
    """Full-width digits/letters to ASCII, odd spaces to spaces; length is preserved."""
    # most text has nothing to fold: a regex scan is much cheaper than str.translate
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"“”‘’《》〈〉（）「」『』【】、，。：；！？·—…"
# Typeset Chinese pads numbers with spaces (交易额破 5 亿元); the stored title does not.
_SPACE_AROUND_DIGITS = re.compile(
    rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[{_CJK}{_CJK_PUNCT}])"
)
# GBK mis-decoding of curly quotes in some PDF exports: 野飞地冶 is “飞地”.
_MOJIBAKE_QUOTES = re.compile(rf"野([{_CJK}]{{1,12}}?)冶")


def display_length(text: str) -> int:
    """The length of a line in Chinese characters: a mostly Latin line counts half (an English
    title of 80 letters is as long as a Chinese one of 40)."""
    n = len(text)
    if text.isascii():
        return n // 2
    # UTF-8 spends one byte on a Latin letter and three on a Chinese character
    if n and len(text.encode("utf-8", "surrogatepass")) < 2 * n:
        return n // 2
    return n


def join_lines(text: str) -> str:
    """``text``'s lines run together, the whitespace around each line break dropped (what a
    substitution of whitespace-newline-whitespace by nothing gives, without a pattern tried at
    every offset)."""
    parts = text.split("\n")
    if len(parts) == 1:
        return text
    inner = [p.strip() for p in parts[1:-1]]
    return "".join([parts[0].rstrip(), *inner, parts[-1].lstrip()])


def match_starts(text: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> list[int]:
    """The offsets of every match of each ``(literal, pattern)`` in ``text``, sorted; a
    pattern runs only when ``literal``, which opens each of its matches, is in the text (a
    substring test scans several times faster than the engine's search for it)."""
    return sorted(m.start() for lit, p in patterns if lit in text for m in p.finditer(text))


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def _undouble(text: str) -> str:
    """``浙江经济这样干浙江经济这样干`` -> ``浙江经济这样干``; ``稳进稳进`` -> ``稳进``.

    PDF text layers sometimes carry every glyph run twice (a fake-bold effect). A string made of
    doubled runs throughout is collapsed; ordinary text with one repeated word is left alone.
    """
    n = len(text)
    # short reduplications are words (山山水水, 谢谢), not artefacts
    if n >= 6 and n % 2 == 0 and text[: n // 2] == text[n // 2 :]:
        return _undouble(text[: n // 2])
    if n < 8:
        return text
    # a repeat covers only characters that occur twice, at most 2 * (n - distinct) of them
    if 10 * len(set(text)) > 6 * n:
        return text
    # cheap necessary condition: most of the text is covered by immediate repeats
    covered = sum(m.end() - m.start() for m in _REPEAT.finditer(text))
    if covered * 5 < n * 4:
        return text
    # run-by-run doubling: 20252025，，浙江浙江 -> every run appears twice in a row
    out: list[str] = []
    i = 0
    doubled = 0
    while i < n:
        for size in range(min(12, (n - i) // 2), 0, -1):
            if text[i : i + size] == text[i + size : i + 2 * size]:
                out.append(text[i : i + size])
                i += 2 * size
                doubled += size
                break
        else:
            out.append(text[i])
            i += 1
    # only when almost all of it was doubled: real titles repeat a word at most once
    if doubled * 2 >= n * 0.8:
        return "".join(out)
    return text


# three or more single characters in a row, each followed by a space: 新 时 代 浙江 -> 新时代浙江
_LETTER_SPACED = re.compile(rf"(?<![^ ])[{_CJK}](?: [{_CJK}](?![^ ])){{2,}}")
_REPEAT = re.compile(r"(.{1,12}?)\1")


def clean_title(text: str) -> str:
    """A title as it should be stored: PDF artefacts removed, spaces normalized.

    Removes spaces between CJK characters (``让山区成为令人向往的 幸福美好家园``) but keeps the one
    space that separates two phrases of a title (``理论引领 创新实践``) when both sides are
    longer than one character; collapses doubled glyph runs; repairs 野…冶 quote mojibake.
    """
    text = fold_width(text).strip()
    if "野" in text:
        text = _MOJIBAKE_QUOTES.sub(r"“\1”", text)
    text = squash_spaces(text)
    if " " in text:
        text = _SPACE_AROUND_DIGITS.sub("", text)
    if " " not in text:
        # one token (most titles): its doubled runs collapsed, then the whole read again
        text = _undouble(text)
        text = _undouble(text) if len(text) >= 4 else text
        return _without_stray_quote(text)
    # letter-spaced headings (富 强 浙 江): every token is one character -> join them
    tokens = text.split(" ")
    singles = sum(1 for t in tokens if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
    if len(tokens) >= 3 and (
        all(len(t) == 1 for t in tokens) or (len(tokens) >= 5 and singles * 5 >= len(tokens) * 3)
    ):
        # 富 强 浙 江, 特 稿:中 国 战“疫”五 字 诀: a letter-spaced line, read closed up
        text = "".join(tokens)
    else:
        text = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
        text = " ".join(_undouble(t) for t in text.split(" "))
        text = _undouble(text.replace(" ", "")) if _looks_doubled(text) else text
    return _without_stray_quote(text)


def _without_stray_quote(text: str) -> str:
    """A stray closing quote left by the layout (…携手再升级”) without its opening one goes."""
    if text.endswith("”") and text.count("”") > text.count("“"):
        text = text[:-1]
    return text.strip()


def _looks_doubled(text: str) -> bool:
    flat = text.replace(" ", "")
    return len(flat) >= 4 and _undouble(flat) != flat


_PLUS_ONE = (1).__add__
#: the newlines before every ``_STRIDE``-th offset are counted once; a line number is then
#: one short ``str.count`` away (no table of every line's start: most documents ask for the
#: lines of a few hundred offsets, and building that table cost more than all the lookups)
_STRIDE = 1024
# a line that opens with a digit (after spaces or tabs): the newline is a literal prefix, so
# the engine skips ahead to it (a multiline ^ is tried at every offset of the text)
_DIGIT_OPENING = re.compile(r"\n(?=[ \t]*\d)")
_OPENING = re.compile(r"\n[ \t\d]")


class LineMap:
    """Offsets -> 1-based line numbers for one text.

    A line's number is the count of newlines before its offset, plus one: counted from the
    nearest checkpoint (the newlines before every :data:`_STRIDE`-th offset, counted once). The
    table of every line's start (:attr:`starts`) is built only if an odd offset asks for it.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.text = text
        marks = [0]
        for at in range(_STRIDE, len(text) + 1, _STRIDE):
            marks.append(marks[-1] + text.count("\n", at - _STRIDE, at))
        #: newlines before offset ``k * _STRIDE``, for each k
        self._marks = marks
        self._starts: list[int] | None = None
        self._digit_openings: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts (line k at index k - 1), built on first use."""
        if self._starts is None:
            # line k starts after the lengths of the lines before it plus their newlines
            starts = list(accumulate(map(_PLUS_ONE, map(len, self.lines)), initial=0))
            starts.pop()  # the offset past the last line
            self._starts = starts
        return self._starts

    def sibling(self, text: str) -> LineMap:
        """The map of ``text``, a same-length variant of this text with the same newlines."""
        other = LineMap.__new__(LineMap)
        other.lines = text.split("\n")
        other.text = text
        other._marks = self._marks
        other._starts = self._starts
        other._digit_openings = None
        return other

    def digit_openings(self) -> list[int]:
        """Offsets of the newlines before the lines that open with a digit (after spaces or
        tabs), found once per text: tables of contents and numbered lists start there."""
        if self._digit_openings is None:
            # a one-character class after the newline is cheap to try at every line; the few
            # lines opening with a blank are then read to their first other character
            text = self.text
            self._digit_openings = [
                at
                for m in _OPENING.finditer(text)
                if text[(at := m.start()) + 1].isdecimal() or _DIGIT_OPENING.match(text, at)
            ]
        return self._digit_openings

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        if offset < 0:
            return bisect.bisect_right(self.starts, offset)
        k = min(offset // _STRIDE, len(self._marks) - 1)
        return self._marks[k] + self.text.count("\n", k * _STRIDE, offset) + 1

    def lines_of(self, offsets: Iterable[int]) -> list[int]:
        """The distinct 1-based lines holding ``offsets`` (ascending), in order."""
        out: list[int] = []
        end = -1
        text = self.text
        for pos in offsets:
            if pos <= end:
                continue  # still on the line found last
            n = self.line_of(pos)
            out.append(n)
            if pos < 0:
                end = self.end_of(n)
            else:
                # the end of the line holding pos: its newline (none after the last line)
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
        return out

    def start_of(self, line: int) -> int:
        """Offset where 1-based ``line`` starts."""
        if not 1 <= line <= len(self.lines) or self._starts is not None:
            return self.starts[line - 1]
        if line == 1:
            return 0
        # the checkpoint before the newline that ends line - 1, then the lines from there
        k = bisect.bisect_left(self._marks, line - 1) - 1
        at = k * _STRIDE
        first = self._marks[k] + 1  # the line holding offset ``at``
        start = self.text.rfind("\n", 0, at) + 1
        return start + sum(map(len, self.lines[first - 1 : line - 1])) + line - first

    def end_of(self, line: int) -> int:
        """Offset just past the end of 1-based ``line`` (before its newline)."""
        if line < 1:
            starts = self.starts
            return starts[line] - 1 if line < len(starts) else len(self.text)
        if line < len(self.lines):
            return self.start_of(line + 1) - 1
        return len(self.text)

    def line(self, line: int) -> str:
        """The text of 1-based ``line``."""
        return self.lines[line - 1]

    @property
    def count(self) -> int:
        """Number of lines."""
        return len(self.lines)
