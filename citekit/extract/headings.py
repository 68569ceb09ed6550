"""Find the title of the article an attribution closes: the heading block before its body.

Consumes the lines between the previous attribution (or the end of the front matter) and the
attribution; produces the title (wrapped two-line titles joined, a section heading above it
dropped) and its line span. Bulletins put one text line between blank lines, so "lines" here are
the non-blank ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import pairwise

from .text import clean_title, display_length

__all__ = ["Heading", "find_heading", "is_heading_like"]

# A line of running text: sentence punctuation, or a comma in a line too long to be a title.
_SENTENCE = re.compile(r"[。；！？!?]|^…|……$|[a-z]\.(?:\s|$)")
_COMMA = re.compile(r"[，,]")
# a headline that asks or exclaims (…这不是矛盾吗?): short, one final mark, no comma or stop
_QUESTION = re.compile(r"^(?=.*[？?！!])[^。；;，,]{4,38}$")
# Numbered sub-headings inside an article (一、… （一）… 1、…) are never the article title.
_ENUMERATED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)
# a bulletin's item number before a headline: 【八】, 【12】, [3]
_ITEM = re.compile(r"^\s*(?:【[一二三四五六七八九十百\d]{1,4}】|[\[［]\d{1,3}[\]］])")
_TAG = re.compile(r"^[（(][^（）()\d]{2,8}[）)]\s*\S{4}")
# An English line in capitals only (READING AND LIBRARIES): a section heading over a title
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9 &'’,.:/-]{2,60}$")
# characters a title never starts with: a line opening with one continues the line above
_NO_START = ("的", "之", "与", "及", "了", "等", "，", "、", "：", "）", "”", "》")
# A line that is full width in the typesetting: a title line that long was wrapped.
WRAP_WIDTH = 20
#: a line this long without punctuation at the end of a heading block is running text
BODY_WIDTH = 26
_MAX_TITLE_LINE = 40
#: the widest line read as a section heading over a title (wider: a kicker, part of the title)
_SECTION_WIDTH = 12
_PARAGRAPH_END = ("。", "！", "？", "”", "…", "）", ")", "!", "?", "：")


@dataclass(frozen=True, slots=True)
class Heading:
    """A title found above an article, with the section heading above it when there is one."""

    title: str
    start_line: int
    end_line: int
    section: str | None = None


@functools.lru_cache(maxsize=8192)
def is_heading_like(text: str) -> bool:
    """True for a short line without sentence punctuation (a title, a section heading)."""
    s = text.strip()
    if not s or (len(s) > _MAX_TITLE_LINE and display_length(s) > _MAX_TITLE_LINE):
        return False
    if _SENTENCE.search(s) and not _QUESTION.match(s):
        return False
    if s.endswith(("，", ",", "、", "：")):
        return False  # a sentence going on to the next line
    if len(s) > 16 and _COMMA.search(s) and display_length(s) > 16:
        return False
    # a bracket opens a note, unless it is a short column tag before a headline: (近观中国)…
    opens = s.startswith(("（", "(")) and not _TAG.match(s)
    return not opens and "http" not in s


def _title_of(block: list[tuple[int, str]]) -> Heading:
    """Choose the title lines of a heading block (a list of (line number, text))."""
    texts = [t.strip() for _, t in block]
    section = None
    if len(block) == 1:
        lines = block
    elif len(block) == 2:
        if _CAPITALS.match(texts[0]) and not _CAPITALS.match(texts[1]):
            section, lines = texts[0], block[1:]  # READING AND LIBRARIES: a section heading
        elif len(texts[0]) >= WRAP_WIDTH or texts[1].startswith(("——", *_NO_START)):
            # a wrapped title: 车俊：…实现更高质量的区域 / 协调发展, …价值实现 / 的启示
            lines = block
        elif (
            display_length(texts[0]) > _SECTION_WIDTH
            and not texts[0].isascii()
            and block[1][0] == block[0][0] + 1
        ):
            # a paper's kicker set right over its main title (落实治理整顿措施 严厉打击犯罪分子 /
            # 铁路重点区段治安秩序开始好转): a section heading is a few words or stands apart
            lines = block
        else:
            section, lines = texts[0], block[1:]
    else:
        section, lines = texts[0], block[1:]
    parts = [t.strip() for _, t in lines]
    if parts[0].isascii():
        # an English headline: a line going on in lower case is its wrap; one starting in
        # capitals is its deck (a subtitle, left out)
        k = 1
        while k < len(parts) and parts[k].isascii() and parts[k][:1].islower():
            k += 1
        parts = [" ".join(parts[:k])] + [p for p in parts[k:] if not p.isascii()]
        lines = lines[: k + len(parts) - 1] if len(parts) > 1 else lines[:k]
    title = parts[0]
    for prev, part in pairwise(parts):
        # a full line continues on the next; a short one ends a line of a two-line title
        title += part if len(prev) >= WRAP_WIDTH or part.startswith("——") else " " + part
    return Heading(clean_title(title), lines[0][0], lines[-1][0], section and clean_title(section))


def _too_wide(text: str) -> bool:
    """A line as wide as running text (an English headline may be twice as long)."""
    return display_length(text) >= (_MAX_TITLE_LINE if text.isascii() else BODY_WIDTH)


def find_heading(
    lines: list[tuple[int, str]], *, nearest: bool = False, like: list[bool] | None = None
) -> Heading | None:
    """The first heading block in ``lines`` (non-blank (number, text) pairs) followed by body.

    When no heading is followed by body, a heading right at the end is taken: the attribution
    is then a header line under its title (``标题`` / ``2021-08-28 来源：浙江日报``).
    """
    i = 0
    n = len(lines)
    trailing: list[tuple[int, str]] = []
    best: list[tuple[int, str]] = []
    ok = like if like is not None else [is_heading_like(t) for _, t in lines]
    while i < n:
        if not ok[i] or _ENUMERATED.match(lines[i][1]):
            i += 1
            continue
        j = i
        while j < n and ok[j] and not _ENUMERATED.match(lines[j][1]):
            j += 1
        block = lines[i:j]
        # the last line before the body is short (a title or its wrapped end); a full-width one
        # is the first line of a paragraph whose punctuation comes on a later line
        # (unless a page's header fields follow it: 标题 / 2015/10/02 08:01 is a headline)
        dated = j < n and lines[j][1] == "。" and lines[j][0] == block[-1][0] + 1
        while block and _too_wide(block[-1][1].strip()) and not dated:
            block = block[:-1]
        if not block:
            i = j
            continue
        numbered = [x for x in range(1, len(block)) if _ITEM.match(block[x][1])]
        if numbered:
            # 文博剪報 二〇二六年第一輯 / 【一】标题: a numbered item starts the heading
            i += numbered[-1]
            block = block[numbered[-1] :]
        if nearest and len(block) > 4:
            # a long run of short lines (a list of contents above the articles): its last group
            # of adjacent lines is the heading of what follows
            cut = len(block) - 1
            while cut > 0 and block[cut - 1][0] == block[cut][0] - 1:
                cut -= 1
            block = block[cut:]
            i = j - len(block)
        # a heading starts after a paragraph end (or at the start): a line of running text
        # that happens to have no punctuation ends mid-sentence, and so does the line before it
        before = lines[i - 1][1].rstrip() if i else ""
        after_break = (
            i == 0
            or before.endswith(_PARAGRAPH_END)
            or before.startswith(("http", "www."))  # the address that closed an article
            # a heading-like line, then a blank line: a unit of its own, not a wrapped sentence
            or (ok[i - 1] and lines[i - 1][0] < lines[i][0] - 1)
            or (before.isascii() and before.endswith((".", '"', "'", "”", "]", ")")))
            # an English paragraph (a caption ending in its credit, CHINA DAILY) over a blank
            or (before.isascii() and len(before) > 60 and lines[i - 1][0] < lines[i][0] - 1)
            # after a blank line, a headline right over its page's date line (标题 / 时间:…)
            # or numbered as a bulletin's item (【八】博物馆里过假期)
            or (lines[i - 1][0] < lines[i][0] - 1 and (dated or bool(_ITEM.match(lines[i][1]))))
        )
        if len(block) <= 4 and after_break:
            if j < n:
                if not nearest:
                    return _title_of(block)
                best = block
            else:
                trailing = block
        i = j
    if best:
        return _title_of(best)
    return _title_of(trailing) if trailing else None
