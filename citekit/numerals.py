"""Chinese numerals: ``二〇一八`` -> 2018 (digit by digit), ``十九`` -> 19, ``一百零五`` -> 105.

Shared by the record model (dates), extraction and duplicate detection.
"""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "cn_to_int"]

#: one Chinese digit -> its value (〇/零/○ are all zero; 两 is the counting form of 2)
CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip

_POSITIONAL = re.compile(
    r"^(?:[一二两三四五六七八九]?百(?:零?[一二三四五六七八九])?)?"
    r"(?:[一二三四五六七八九]?十)?[一二三四五六七八九]?$"
)


def cn_to_int(text: str) -> int:
    """The value of ``text``: ASCII digits, Chinese digits read digit by digit (years), or a
    positional number with 十/百 (days, issue numbers). Raises ValueError for anything else."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text:
        raise ValueError("empty numeral")
    if "十" not in text and "百" not in text:
        try:
            return int("".join(str(CN_DIGITS[c]) for c in text))
        except KeyError:
            raise ValueError(f"not a Chinese numeral: {text!r}") from None
    if not _POSITIONAL.match(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[ch]
    return total + current
