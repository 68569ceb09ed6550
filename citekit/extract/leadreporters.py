"""The reporters an article's lead names when its attribution names none:
``昆明信息港讯（昆明日报 记者王恩国）``, ``國際在線報道(記者 陳宇)``, ``本报讯 记者何黄彪报道``,
``〔記者楊金城/台南報導〕``. A photo credit (``记者 王腾 摄``) names no author.

Consumes the document's lines and an article's span; produces names as printed.
"""

from __future__ import annotations

import re

from .bylines import looks_like_person, parse_names_after_roles
from .fold import fold_text
from .text import LineMap

__all__ = ["lead_reporters"]

# 记者 and what follows it up to a closing bracket, a slash, a colon or a full stop (matched on
# the folded text: 記者 -> 记者, 陳 -> 陈, one character for one)
_REPORTER = re.compile(r"记者[^（）()〔〕【】\[\]/:：。；;]{1,30}")
_PHOTO = re.compile(r"\s*(?:摄|摄影|图)\s*$")
_TAIL = re.compile(r"\s*(?:报道|报导|发自.*)\s*$")
#: where the names end: a wide gap or the next field of a header line (来源, 编辑, 时间 ...)
_NEXT_FIELD = re.compile(r"\s{2,}|\t|来源|编辑|责编|校对|发布|时间|日期|通讯员")
_MAX_LINE = 400


def _names(segment: str) -> tuple[str, ...]:
    segment = _TAIL.sub("", _NEXT_FIELD.split(segment, maxsplit=1)[0])
    if _PHOTO.search(segment):
        return ()  # a photo credit
    names = parse_names_after_roles(segment)
    return names if names and all(looks_like_person(n) for n in names) else ()


def lead_reporters(lines: LineMap, start: int, end: int) -> tuple[str, ...]:
    """The reporters named with 记者 in lines ``start``..``end`` (1-based; the first naming
    line wins)."""
    for k in range(max(1, start), min(end, lines.count) + 1):
        line = lines.line(k)[:_MAX_LINE]
        folded = fold_text(line)
        for m in _REPORTER.finditer(folded):
            names = _names(m.group(0))
            if names:
                return tuple(_as_written(line, folded, m.start(), n) for n in names)
    return ()


def _as_written(line: str, folded: str, start: int, name: str) -> str:
    """``name`` (found in the folded line) as the line writes it (陈家伦 -> 陳家倫)."""
    at = folded.find(name, start)
    return line[at : at + len(name)] if at >= 0 else name
