"""The order of an author-date bibliography (GB/T 7714 著者-出版年制, 10.2 / 9.x).

Consumes CSL-JSON items; produces their order and year suffixes. Entries are grouped by
language — Chinese, Japanese, Western (Latin script), Russian (Cyrillic), others — and within
a group ordered by author, year and title. Chinese text sorts by its pinyin, with a personal
name's surname read as a surname (曾 Zeng, 单 Shan, 尉迟 Yuchi: ``data/surnames.tsv``);
Japanese text is never read as Chinese (it sorts by its own characters, kana before kanji);
Western and Russian text sorts case- and accent-folded. Same author(s) and year -> a, b, c.
"""

from __future__ import annotations

import string
import unicodedata
from collections import defaultdict
from collections.abc import MutableMapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..model import is_cjk

__all__ = [
    "LANGUAGE_GROUPS",
    "language_group",
    "order_author_date",
    "order_by_fields",
    "sort_fields",
    "sort_text",
    "surname_readings",
]

#: the groups of an author-date list, in order
LANGUAGE_GROUPS = ("zh", "ja", "western", "ru", "other")
_CYRILLIC_LANGS = frozenset(["ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"])
_OTHER_LANGS = frozenset(
    [
        "ko",
        "ar",
        "he",
        "fa",
        "ur",
        "th",
        "hi",
        "bn",
        "ta",
        "el",
        "ka",
        "hy",
        "am",
        "my",
        "km",
        "lo",
        "bo",
        "ug",
    ]
)


def _script_group(text: str) -> int:
    """The group of untagged text by its script."""
    kana = hangul = cyrillic = other = latin = 0
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
            kana += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            hangul += 1
        elif 0x0400 <= o <= 0x04FF:
            cyrillic += 1
        elif ch.isalpha() and o < 0x0250:
            latin += 1
        elif ch.isalpha() and not is_cjk(ch):
            other += 1
    if kana:
        return 1
    if hangul:
        return 4
    if is_cjk(text):
        return 0
    if cyrillic > latin:
        return 3
    if other > latin:
        return 4
    return 2


def _name_text(name: Any) -> str:
    if isinstance(name, dict):
        if name.get("literal"):
            return str(name["literal"])
        parts = (name.get("non-dropping-particle"), name.get("family"), name.get("given"))
        sep = "" if is_cjk(str(name.get("family") or "")) else " "
        return sep.join(str(p) for p in parts if p)
    return str(name)


def language_group(item: dict[str, Any]) -> int:
    """0 Chinese, 1 Japanese, 2 Western, 3 Russian, 4 others: by ``language``, else by script."""
    lang = str(item.get("language") or "").strip().lower().replace("_", "-").split("-")[0]
    if lang:
        if lang == "zh":
            return 0
        if lang == "ja":
            return 1
        if lang in _CYRILLIC_LANGS:
            return 3
        if lang in _OTHER_LANGS:
            return 4
        return 2
    probe = " ".join(str(item.get(k) or "") for k in ("title", "container-title", "publisher"))
    probe += " " + " ".join(_name_text(n) for n in item.get("author") or [])
    return _script_group(probe)


@cache
def surname_readings() -> dict[str, str]:
    """Surname -> its pinyin as a surname (``data/surnames.tsv``)."""
    text = resources.files(__package__).joinpath("data/surnames.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            surname, reading = line.split("\t")
            out[surname.strip()] = reading.strip()
    return out


@cache
def _pinyin_parts() -> tuple[Any, Any]:
    """pypinyin's word splitter and converter, as ``lazy_pinyin`` builds them (imported on
    first use: it takes 0.4 s to load)."""
    from pypinyin import Style
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    converter = UltimateConverter(v_to_u=False, neutral_tone_with_five=False, tone_sandhi=False)

    @lru_cache(maxsize=200_000)
    def word(w: str) -> tuple[str, ...]:
        read = converter.convert(w, Style.NORMAL, False, "default", strict=True)
        return tuple(p for ps in read for p in ps)

    return Pinyin(converter).seg, word


def _pinyin(text: str) -> str:
    """``" ".join(lazy_pinyin(text)).lower()``, each word's reading computed once: titles
    share most of their words, and ``lazy_pinyin`` reads a word the same wherever it is."""
    seg, word = _pinyin_parts()
    return " ".join(p for w in seg(text) for p in word(w)).lower()


def _personal_pinyin(name: str, surname: str | None) -> str:
    """A Chinese personal name in pinyin, its surname read as a surname. Without a known
    surname (a literal name) a name of 2-4 characters is taken as surname + given name (a
    compound surname first); longer names are bodies (中国科学院) and read as text."""
    readings = surname_readings()
    if surname is None:
        if not 2 <= len(name) <= 4:
            return _pinyin(name)
        for size in (2, 1):
            head = name[:size]
            if head in readings and len(name) - size >= 1 and (size == 2 or len(name) <= 3):
                surname = head
                break
        if surname is None:
            return _pinyin(name)
    reading = readings.get(surname) or _pinyin(surname)
    rest = name[len(surname) :] if name.startswith(surname) else name
    return f"{reading} {_pinyin(rest)}".strip() if rest else reading


def sort_text(text: str, group: int, keys: MutableMapping[str, str] | None = None) -> str:
    """``text`` as it sorts in language ``group`` (pinyin in Chinese; folded otherwise)."""
    text = unicodedata.normalize("NFKC", text)
    if group == 0 and is_cjk(text):
        if keys is not None and (found := keys.get(text)) is not None:
            return found
        key = _pinyin(text)
        if keys is not None:
            keys[text] = key
        return key
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _name_key(name: Any, group: int, keys: MutableMapping[str, str] | None) -> str:
    text = _name_text(name)
    if group == 0 and is_cjk(text):
        family = name.get("family") if isinstance(name, dict) else None
        cache_key = f"\0name\0{family or ''}\0{text}"
        if keys is not None and (found := keys.get(cache_key)) is not None:
            return found
        key = _personal_pinyin(unicodedata.normalize("NFKC", text).replace(" ", ""), family)
        if keys is not None:
            keys[cache_key] = key
        return key
    return sort_text(text, group, keys)


def _is_others(name: Any) -> bool:
    return (
        isinstance(name, dict)
        and not name.get("literal")
        and str(name.get("family") or "").strip().lower() == "others"
        and not str(name.get("given") or "").strip()
    )


def _author_key(item: dict[str, Any], group: int, keys: MutableMapping[str, str] | None) -> str:
    """What an entry is filed under: its authors (editors, issuing body), or 佚名 / Anon
    (GB/T 7714 8.1.3), so anonymous entries stay together."""
    names = item.get("author") or item.get("editor") or []
    if not names and item.get("authority"):
        names = [{"literal": str(item["authority"])}]
    if not names:
        return sort_text("佚名" if group in (0, 1) else "Anon", group, keys)
    return "; ".join(_name_key(n, group, keys) for n in names if not _is_others(n))


def _year(item: dict[str, Any]) -> str:
    for var in ("issued", "accessed"):
        value = item.get(var)
        if isinstance(value, dict):
            parts = value.get("date-parts")
            if parts and parts[0]:
                return str(parts[0][0])
            if value.get("literal") or value.get("raw"):
                return str(value.get("literal") or value.get("raw"))[:4]
    return ""


def sort_fields(
    item: dict[str, Any], keys: MutableMapping[str, str] | None = None
) -> tuple[int, str, str]:
    """What an entry is filed under in an author-date list: (language group, authors as they
    sort, year). Entries with the same three get year suffixes, ordered by title."""
    group = language_group(item)
    return group, _author_key(item, group, keys), _year(item)


def order_by_fields(
    fields: Sequence[tuple[int, str, str]],
    titles: Sequence[str],
    keys: MutableMapping[str, str] | None = None,
) -> tuple[list[int], dict[int, str]]:
    """:func:`order_author_date` of entries given by their :func:`sort_fields` and titles."""
    groups: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for i, found in enumerate(fields):
        groups[found].append(i)
    order: list[int] = []
    suffixes: dict[int, str] = {}
    for key in sorted(groups):
        members = groups[key]
        if len(members) > 1:
            # same author(s) and year: by title, then a, b, c ... (computed only for these
            # ties: pinyin of every title would dominate a long list)
            group, author, year = key
            members.sort(key=lambda i: (sort_text(titles[i], group, keys), i))
            if author and year:
                for n, i in enumerate(members):
                    suffixes[i] = _letters(n)
        order.extend(members)
    return order, suffixes


def order_author_date(
    items: Sequence[dict[str, Any]], keys: MutableMapping[str, str] | None = None
) -> tuple[list[int], dict[int, str]]:
    """Indices of ``items`` in author-date order, and the year suffix of each that needs one.

    ``keys`` memoises pinyin sort keys (a :class:`~citekit.render.RenderCache` keeps them).
    """
    return order_by_fields(
        [sort_fields(item, keys) for item in items],
        [str(item.get("title") or "") for item in items],
    )


def _letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa."""
    letters = string.ascii_lowercase
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out
