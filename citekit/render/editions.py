"""Editions and versions as GB/T 7714 prints them (8.3.1), whatever the CSL style.

- A first edition is not given: ``1``, ``1版``, ``第1版``, ``第一版``, ``1st``, ``1st ed.``,
  ``First edition`` -> nothing.
- Other numbered editions are Arabic numerals: ``第7版``, ``第七版``, ``7版`` -> ``7 版`` in
  Chinese (and Japanese) entries; ``2nd``, ``4th ed.``, ``Fourth edition`` -> ``2`` /
  ``4`` in Western ones, which the style prints as an ordinal with its term (``2nd ed.``).
- Anything else (``修订版``, ``2020 版``, ``Rev. ed.``) is printed as written.
- The Chinese CIP form of an edition (版本记录, which Zotero's Chinese translators copy into
  the edition field) dates the edition and may name the impression: ``2004年12月第1版`` is a
  first edition, ``2013年10月第2版 2015年3月第3次印刷`` the second; the date and the
  impression are not part of the edition statement (8.3.1).

The Chinese form is handed to the style as text (``7 版``), not as a number, so that a style
which prints numeric editions as ordinals (``2nd 版`` from an en-US fallback, e.g. in
citeproc-py with zotero-chinese's styles) prints it as written. A version written with its
``V`` (``V2.0``) loses it; the styles print ``V`` before the number.
"""

from __future__ import annotations

import re

from ..numerals import cn_to_int

__all__ = ["normalize_edition", "normalize_version"]

_ORDINAL_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_ZH = re.compile(r"^\s*第?\s*([0-9〇零一二两三四五六七八九十百]+)\s*版?\s*(?:次)?\s*$")
_EN = re.compile(
    r"^\s*(?:(\d+)\s*(?:st|nd|rd|th|d)?|([a-z]+))\.?\s*(?:ed(?:n|ition)?\.?)?\s*$", re.I
)
#: the date before a CIP edition statement: ``2013年10月`` in ``2013年10月第2版``
_CIP_DATE = re.compile(r"^\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?=第)")
#: the impression after it: ``2015年3月第3次印刷``
_IMPRESSION = re.compile(
    r"[\s,，;；]*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*)?"
    r"第\s*[0-9〇零一二两三四五六七八九十百]+\s*次\s*印刷\s*$"
)
_VERSION = re.compile(r"^\s*(?:v(?:er(?:sion)?)?\.?\s*)(?=\d)", re.I)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def normalize_edition(edition: str, lang: str) -> str | None:
    """The edition as the entry prints it (``lang`` ``zh`` or ``en``); None for a first edition.

    Chinese entries get ``N 版``; Western ones the bare number ``N`` (the style adds the
    ordinal and ``ed.``); anything that is not a numbered edition is returned as written.
    """
    text = edition.strip()
    n: int | None = None
    bare = _IMPRESSION.sub("", _CIP_DATE.sub("", text))
    m = _ZH.match(bare)
    if m and (m[1].isdigit() or "版" in bare or "第" in bare):
        n = _number(m[1])
    if n is None:
        m = _EN.match(text)
        if m and m[1]:
            n = int(m[1])
        elif m and m[2] and m[2].lower() in _ORDINAL_WORDS:
            n = _ORDINAL_WORDS[m[2].lower()]
    if n is None:
        return text
    if n == 1:
        return None
    return f"{n} 版" if lang == "zh" else str(n)


def normalize_version(version: str) -> str:
    """``V2.0`` / ``Version 2.0`` / ``ver. 2`` -> ``2.0``: the style prints its own ``V``."""
    return _VERSION.sub("", version.strip())
