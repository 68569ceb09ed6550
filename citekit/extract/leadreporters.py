"""The reporters an article's lead names when its attribution names none:
``昆明信息港讯（昆明日报 记者王恩国）``, ``國際在線報道(記者 陳宇)``, ``本报讯 记者何黄彪报道``,
``〔記者楊金城/台南報導〕``, names alone in brackets closing a line (``(王立信 杨娜)``), an
abstract page's ``【作 者】江雨莲、孙激:四川大学…``. A photo credit (``记者 王腾 摄``) names no
author.

Consumes the document's lines and an article's span; produces names as printed.
"""

from __future__ import annotations

import re

from .bylines import (
    is_byline,
    is_name_list,
    looks_like_person,
    parse_byline_line,
    parse_names_after_roles,
    split_run,
)
from .fold import fold_text
from .headings import is_heading_like
from .layout import is_header_field
from .text import LineMap

__all__ = ["lead_end", "lead_reporters"]

# 记者 and what follows it up to a closing bracket, a slash, a colon or a full stop (matched on
# the folded text: 記者 -> 记者, 陳 -> 陈, one character for one)
_REPORTER = re.compile(r"记者(?:\s*[:：]\s*)?[^（）()〔〕【】\[\]/／╱∕:：。；;]{1,30}")
#: a name run into the sentence it opens: 记者乔金亮从农业部获悉, 记者陈家伦台北11日电 (a
#: three-character name tried first, then two)
_VERB_AFTER = re.compile(
    r"(?:从|在|获悉|了解到|日前|近日|今天|今日|昨天|昨日|采访|走访|来到|报道|[\u4e00-\u9fff]{2,4}"
    r"\d{1,2}日(?:专)?电)"
)
_PHOTO = re.compile(r"\s*(?:摄|摄影|图)\s*$")
_TAIL = re.compile(r"\s*(?:报道|报导|发自.*)\s*$")
#: where the names end: a wide gap or the next field of a header line (来源, 编辑, 时间 ...)
_NEXT_FIELD = re.compile(
    r"\s{2,}|\t|来源|编辑|责编|校对|发布|时间|日期|通讯员|实习生|制作|摄影|摄像|视频|海报"
)
_MAX_LINE = 400
#: an author field of an abstracting page: 【作 者】, 【作者】
_FIELD = re.compile(r"^\s*【\s*作\s*者\s*】\s*[:：]?")
#: names alone in brackets closing the lead: …在这里阅读。(王立信 杨娜)
_PLAIN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_OUTLET_FIRST = re.compile(
    r"^[\u4e00-\u9fff]{1,6}?(?:报|网|社|台)(?P<names>[\u4e00-\u9fff]{4,15})$"
)
_EN_BYLINE = re.compile(r"^(?P<n>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?: in [A-Z][A-Za-z ]{2,20})?$")
_EN_CREDIT = re.compile(
    r"\b(?:Text|Story|Words|Written|Reporting)(?: and (?:photos?|pictures|video))? by "
    r"(?P<n>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b"
)
_EN_REPORTS = re.compile(
    r"[,;]\s+(?P<n>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?: and [A-Z][a-z]+(?: [A-Z][a-z]+){1,2})?"
    r" reports?(?: from [A-Z][A-Za-z ]{2,20})?\.\s*$"
)
#: names in brackets opening a lead, after the paper's tag: 【南京日报报道】 (张粉琴李冀) 我省…
_OPENING = re.compile(
    r"^\s*(?:【[^【】]{2,12}】\s*)?[（(](?P<names>[\u4e00-\u9fff\s、，,]{4,20})[）)]\s*\S"
)
_CLOSING = re.compile(r"[（(](?P<names>[^（）()]{2,20})[）)]\s*$")


def _names(segment: str) -> tuple[str, ...]:
    segment = _TAIL.sub("", _NEXT_FIELD.split(segment, maxsplit=1)[0])
    if _PHOTO.search(segment):
        return ()  # a photo credit
    names = parse_names_after_roles(segment)
    if names and all(map(looks_like_person, names)):
        return names
    run = re.sub(r"^记者\s*[:：]?\s*", "", segment)
    for size in (3, 2):
        name = run[:size]
        if looks_like_person(name) and _VERB_AFTER.match(run, size):
            return (name,)
    return ()


#: a name of a byline under a title: two to four characters (沈原燕杭: two surnames)
_BYLINE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def _names_under_title(line: str) -> tuple[str, ...]:
    """The names of the line right under a title when it is a byline: a role and names
    (``作者：张三``), or names only — several, each of two to four characters, most starting
    with a common surname (``左美云　沈原燕杭　段睿睿``, ``张三、李四``) — as written."""
    text = line.strip()
    if not text or len(text) > 40:
        return ()
    if is_byline(text):
        return parse_byline_line(text)
    if is_name_list(text):
        return tuple(n.replace(" ", "") for n in _SPLIT_NAMES.split(text) if n)
    tokens = [t for t in _SPLIT_NAMES.split(text) if t]
    if (
        2 <= len(tokens) <= 8
        and all(_BYLINE_NAME.match(t) for t in tokens)
        and 2 * sum(looks_like_person(t) for t in tokens) > len(tokens)
        and all(looks_like_person(t) or len(t) == 4 for t in tokens)
    ):
        return tuple(tokens)
    return ()


def _split_names(text: str) -> list[str]:
    return [n for n in _SPLIT_NAMES.split(text) if n]


_SPLIT_NAMES = re.compile(r"[\s\u3000、，,；;]+")


def _field_names(text: str) -> tuple[str, ...]:
    """``【作 者】方菲:北京大学…;叶冉玲、杨冀:武汉大学…``: the names before each affiliation."""
    out: list[str] = []
    for group in re.split(r"[;；]", text):
        names = [n for n in re.split(r"[\s、，,]+", re.split(r"[:：(（]", group)[0]) if n]
        if not names or not all(map(looks_like_person, names)):
            return ()
        out += names
    return tuple(out)


def lead_reporters(lines: LineMap, start: int, end: int) -> tuple[str, ...]:
    """The reporters named with 记者 in lines ``start``..``end`` (1-based; the first naming
    line wins)."""
    first, last = max(1, start), min(end, lines.count)
    # a span GB2312 encodes folds to itself: no line of it needs folding
    plain = _in_gb2312(lines.lines[first - 1 : last])
    for k in range(first, last + 1):
        line = lines.line(k)[:_MAX_LINE]
        folded = line if plain else fold_text(line)
        if k != start + 1 and not _may_name(line, folded):
            continue  # none of the forms below can match
        field = _FIELD.match(folded)
        if field:
            names = _field_names(folded[field.end() :])
            if names:
                return tuple(_as_written(line, folded, field.end(), n) for n in names)
        opening = _OPENING.match(folded)
        if opening:
            # 【南京日报报道】 (张粉琴李冀) 我省…: the writers in brackets opening the lead
            inside = opening["names"].strip()
            found = tuple(_split_names(inside)) if is_name_list(inside) else split_run(inside)
            if found and len(found) >= 2:
                return tuple(_as_written(line, folded, opening.start("names"), n) for n in found)
        closing = _CLOSING.search(folded)
        if closing and "记者" not in closing["names"]:
            names = tuple(n for n in re.split(r"[\s、，,]+", closing["names"]) if n)
            if all(_PLAIN_NAME.match(n) and looks_like_person(n) for n in names):
                return tuple(_as_written(line, folded, closing.start(), n) for n in names)
            run = _OUTLET_FIRST.match(closing["names"])
            split = split_run(run["names"]) if run else None
            if split and len(split) >= 2:
                # (科技日报何沛苁李忠明付毅飞): the paper, then its writers run together
                return tuple(_as_written(line, folded, closing.start(), n) for n in split)
        if k == start + 1:
            bare = _EN_BYLINE.match(line.strip())
            if bare:
                return (bare["n"],)  # Title / Hong Yaobin / text: a name alone under the title
            under = _names_under_title(line)
            if under:
                return under  # 左美云　沈原燕杭　段睿睿, 作者：张三: the byline under the title
        reports = _EN_REPORTS.search(line) if "reports" in line else None
        if reports:
            # …, rekindling memories, Mei Jia reports.: a China Daily lead names its writer
            return (reports["n"],)
        credit = _EN_CREDIT.search(line) if "by" in line else None
        if credit:
            # (Text and photos by Wei Yao): an English page's writer
            return (credit["n"],)
        for m in _REPORTER.finditer(folded):
            names = _names(m.group(0))
            if names:
                return tuple(_as_written(line, folded, m.start(), n) for n in names)
    return ()


def _may_name(line: str, folded: str) -> bool:
    """A cheap necessary condition of every form :func:`lead_reporters` reads (but the name
    alone under a title): each needs one of these words or marks."""
    return (
        "记者" in folded
        or "【" in folded
        or ")" in folded
        or "）" in folded
        or "by" in line
        or "reports" in line
    )


def _in_gb2312(lines: list[str]) -> bool:
    try:
        "\n".join(lines).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _as_written(line: str, folded: str, start: int, name: str) -> str:
    """``name`` (found in the folded line) as the line writes it (陈家伦 -> 陳家倫)."""
    at = folded.find(name, start)
    return line[at : at + len(name)] if at >= 0 else name


#: the shortest line taken for the next article's headline (字号, a date: page furniture)
_HEADLINE = 6
#: how many lines under a header its article's first paragraph is read for a byline
_LEAD_LINES = 6


def lead_end(lines: LineMap, end: int, stops: frozenset[int] = frozenset()) -> int:
    """The last line of the article under a header ending on line ``end`` worth reading for
    its reporters: a few lines of text (a byline may close the lead: ``…空间。（记者 郑蕊）``,
    ``记者:郭倩``), blank lines between them read past (some bulletins put one after every
    line), up to another attribution (a line of ``stops``) or a headline after a blank line
    (the next article)."""
    k = end + 1
    last = end + 1
    seen = 0
    reach = min(lines.count, end + 2 * _LEAD_LINES)
    while k <= reach and seen < _LEAD_LINES and k not in stops:
        text = lines.line(k).strip()
        if text:
            if (
                seen
                and not lines.line(k - 1).strip()
                and len(text) >= _HEADLINE
                and is_heading_like(text)
                and not is_header_field(text)
            ):
                break  # a headline after a blank line: the next article
            last = k
            seen += 1
        k += 1
    return last
