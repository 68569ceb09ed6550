"""Text folding for comparing Chinese titles and source names.

Consumes strings, produces comparison forms: :func:`fold` maps every spelling that denotes the
same words to one string (full/half width, punctuation, spaces, 《》 and quotes, traditional and
simplified characters, Chinese and Arabic numerals), and keeps every letter, digit and Chinese
character — nothing meaningful is stripped. :func:`numbers` and :func:`part_markers` pull out
what makes two look-alike titles different works (2022年 vs 2023年, （上） vs （下）).
The only module that imports ``opencc``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from ..numerals import cn_to_int

__all__ = ["fold", "numbers", "part_markers", "to_simplified"]

_T2S = opencc.OpenCC("t2s")
# Characters the converter leaves alone / changes, learnt one character at a time: a title made
# only of unchanged characters skips the (slow, pure-Python) phrase converter.
_KEEPS: set[str] = set()
_CHANGES: set[str] = set()


@lru_cache(maxsize=65_536)
def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC ``t2s``, phrase-aware); other text unchanged."""
    new = set(text) - _KEEPS
    if new - _CHANGES:
        for ch in new - _CHANGES:
            if ch >= "\u2e80" and _T2S.convert(ch) != ch:
                _CHANGES.add(ch)
            else:
                _KEEPS.add(ch)
        new -= _KEEPS
    if not new:
        return text
    return str(_T2S.convert(text))


_CN_NUM = re.compile(r"[〇零○一二两三四五六七八九十百]+")
_DIGIT_RUN = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is letters, digits (any script) and _


def _cn_to_int(run: str) -> str:
    """二〇一八 -> 2018 (digit by digit), 十九 -> 19, 一百零五 -> 105; anything else (十四五)
    is not one number and stays as written."""
    if "两" in run and len(run) > 1 and "十" not in run and "百" not in run:
        return run
    try:
        return str(cn_to_int(run))
    except ValueError:
        return run


def _base(text: str) -> str:
    """NFKC (full width -> half width, ㈠ -> (一)), simplified characters, case-folded."""
    return to_simplified(unicodedata.normalize("NFKC", text)).casefold()


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """The comparison form of a title or name: only letters, digits and CJK characters remain.

    ``“一村万树”种出“绿富美”`` and ``一村萬樹 種出綠富美`` fold to the same string;
    Chinese numerals become Arabic ones (``二〇一八年`` = ``2018年``) so that they compare equal.
    A decimal point is kept as 点 (``3.5%`` is not ``35%``).
    """
    # Spaces go first: typeset text splits words and numerals alike (十 五届 is 十五届).
    base = _SPACE.sub("", _base(text))
    base = _CN_NUM.sub(lambda m: _cn_to_int(m.group()), base)
    return _NOT_ALNUM.sub("", _DECIMAL.sub("点", base))


def numbers(text: str) -> tuple[str, ...]:
    """The numbers written in ``text`` (Arabic or Chinese numerals), sorted, as digit strings.

    ``二〇二二年第十九期`` and ``2022年第19期`` both give ``("19", "2022")``; a decimal such as
    3.5 gives its two parts.
    """
    return tuple(sorted(n.lstrip("0") or "0" for n in _DIGIT_RUN.findall(fold(text))))


_NUMERAL = r"[一二三四五六七八九十百\d]+"
_PART = re.compile(
    r"[(\[【〔]\s*(?P<bracket>[上中下]|" + _NUMERAL + r")\s*[)\]】〕]"  # （上） （二） 【3】
    r"|(?P<half>[上中下])篇"  # 上篇
    r"|之(?P<of>[一二三四五六七八九十]+)"  # 之一
    r"|第(?P<nth>" + _NUMERAL + r")(?:部分|篇|章|节|集|讲|季|辑|卷|册)"  # 第二部分
    r"|[\s·—\-](?P<end>[上中下])$"  # a trailing 上/下 set apart: 回眸 下 (not 线上, 天下)
)


@lru_cache(maxsize=65_536)
def part_markers(text: str) -> frozenset[str]:
    """Which part of a work a title names: ``上``/``中``/``下`` or a part number.

    （上）, 上篇 and a set-apart trailing 上 give ``上``; （二）, 之二 and 第二部分 give ``2``.
    """
    base = _base(text).strip()
    out = set()
    for m in _PART.finditer(base):
        part = next(g for g in m.groups() if g)
        out.add(part if part in "上中下" else _cn_to_int(part) if not part.isdigit() else part)
    return frozenset(out)
