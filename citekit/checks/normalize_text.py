"""Text folding for comparing Chinese titles and source names.

Consumes strings, produces comparison forms: :func:`fold` maps every spelling that denotes the
same words to one string (full/half width, punctuation, spaces, 《》 and quotes, traditional and
simplified characters, Chinese and Arabic numerals), and keeps every letter, digit and Chinese
character — nothing meaningful is stripped. :func:`numbers` and :func:`part_markers` pull out
what makes two look-alike titles different works (2022年 vs 2023年, （上） vs （下）).
:func:`doc_numbers` finds document numbers (文号, ``发改地区〔2017〕922号``) so that their
year is not read as a part number, and :func:`title_forms` gives a title without column tags
(``特稿：``, ``【十年·中国观察】``, ``东西问丨``) and its main title (before ``——``).
:func:`similarity`, :func:`similar_in` and :func:`replaced_chars` compare folded strings in
rapidfuzz's C code. The only module that imports ``opencc`` and ``rapidfuzz``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..numerals import cn_to_int

__all__ = [
    "TitleForms",
    "doc_numbers",
    "fold",
    "folded_numbers",
    "numbers",
    "part_markers",
    "replaced_chars",
    "similar_in",
    "similarity",
    "title_forms",
    "to_simplified",
]

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


_LATIN_MARKED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
# German umlauts are also written ae / oe / ue (Müller, Mueller, Muller): one form for all three
_UMLAUT_DIGRAPH = re.compile(r"([aou])e")


def _ascii_fold(text: str) -> str:
    """Latin letters without diacritics (ä -> a, é -> e) and ae/oe/ue -> a/o/u."""
    if _LATIN_MARKED.search(text):
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = unicodedata.normalize("NFC", text)
    if text.isascii() or re.search(r"[a-z]e", text):
        text = _UMLAUT_DIGRAPH.sub(r"\1", text)
    return text


# Variant characters OpenCC leaves alone because both forms are used in simplified text
# (著/着) or that are rare variant forms (儅 for 当): one form for comparison.
_VARIANTS = str.maketrans(
    {"著": "着", "儅": "当", "裏": "里", "纔": "才", "峯": "峰", "衹": "只", "綫": "线", "啓": "启"}
)


def _base(text: str) -> str:
    """NFKC (full width -> half width, ㈠ -> (一)), simplified characters (and one form of
    variant characters), case-folded, Latin diacritics folded."""
    simplified = to_simplified(unicodedata.normalize("NFKC", text)).translate(_VARIANTS)
    return _ascii_fold(simplified.casefold())


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
    3.5 gives its two parts; leading zeros do not count (``05`` = ``5``, ``012`` = ``12``).
    Document numbers (文号) are left out: see :func:`doc_numbers`.
    """
    folded = fold(_DOC_NUMBER.sub(" ", _base(text)))
    return tuple(sorted(n.lstrip("0") or "0" for n in _DIGIT_RUN.findall(folded)))


def folded_numbers(folded: str) -> tuple[str, ...]:
    """:func:`numbers` of an already folded text."""
    return tuple(sorted(n.lstrip("0") or "0" for n in _DIGIT_RUN.findall(folded)))


#: a document number (文号): issuer code, year in 〔〕 (or [], ()), serial number, 号
_DOC_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,12})\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*"
    r"第?\s*(?P<num>\d+)\s*号"
)


@lru_cache(maxsize=65_536)
def doc_numbers(text: str) -> tuple[str, ...]:
    """The document numbers (文号) in ``text``, normalized: ``发改地区〔2017〕922号`` and
    ``发改地区[2017]第922号`` both give ``发改地区|2017|922``."""
    return tuple(
        sorted(
            f"{fold(m['code'])}|{m['year']}|{int(m['num'])}"
            for m in _DOC_NUMBER.finditer(_base(text))
        )
    )


# A column tag before the title: 【十年·中国观察】, （两会受权发布）, 特稿：, 东西问丨, 新华全媒+丨.
_LEAD_BRACKET = re.compile(
    r"^\s*(?:【[^】]{1,24}】|〖[^〗]{1,24}〗|\[[^\]]{1,24}\]|[（(][^）)]{1,24}[）)])\s*"
)
_LEAD_COLUMN = re.compile(r"^\s*[^\s丨｜|：:]{1,10}\s*[丨｜|]\s*")
_LEAD_LABEL = re.compile(
    r"^\s*(?:特稿|原创|独家|快讯|视频|图文|组图|重磅|权威发布|受权发布|最新|直播|现场|聚焦|关注)"
    r"\s*[：:丨｜|]\s*"
)
# A trailing tag: (组图) (图) (我与海外版) (奋进强国路·总书记…) -- but not a part marker (上) (二)
_TRAIL_BRACKET = re.compile(
    r"\s*[（(](?![上中下一二三四五六七八九十\d]+[）)])[^）)]{1,30}[）)]\s*$"
)
_SUBTITLE = re.compile(r"\s*(?:——|--|—|──)\s*")


@dataclass(frozen=True, slots=True)
class TitleForms:
    """Comparison forms of one title (all folded)."""

    #: the whole title
    full: str
    #: without column tags and a trailing bracketed tag
    core: str
    #: the core before a subtitle (``——``), or the core when there is none
    main: str
    #: the subtitle of the core ('' when there is none)
    sub: str


@lru_cache(maxsize=262_144)
def title_forms(title: str, prefixes: frozenset[str] = frozenset()) -> TitleForms:
    """The title as written, without column tags, and its main title.

    :param prefixes: folded names (of sources) that may lead a title with a colon
        (``新华网：十八大：…``, ``人民日报海外版：世界选择中国…``): taken off as a tag.
    """
    text = _DOC_NUMBER.sub("", unicodedata.normalize("NFKC", title)).strip()
    core = text
    for _ in range(3):
        before = core
        core = _LEAD_BRACKET.sub("", core)
        core = _LEAD_LABEL.sub("", core)
        core = _LEAD_COLUMN.sub("", core)
        m = re.match(r"^\s*([^：:]{2,12})\s*[：:]\s*", core)
        if m and prefixes and fold(m.group(1)) in prefixes:
            core = core[m.end() :]
        if core == before:
            break
    core = _TRAIL_BRACKET.sub("", core) or core
    parts = _SUBTITLE.split(core, maxsplit=1)
    main, sub = (parts[0], parts[1]) if len(parts) == 2 and fold(parts[0]) else (core, "")
    folded_core = fold(core) or fold(text)
    return TitleForms(fold(title), folded_core, fold(main) or folded_core, fold(sub))


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
    base = _DOC_NUMBER.sub("", _base(text)).strip()
    out = set()
    for m in _PART.finditer(base):
        part = next(g for g in m.groups() if g)
        out.add(part if part in "上中下" else _cn_to_int(part) if not part.isdigit() else part)
    return frozenset(out)


def similarity(a: str, b: str) -> float:
    """How alike two folded strings are, 0-100 (normalized Indel similarity)."""
    return float(fuzz.ratio(a, b))


def similar_in(text: str, choices: list[str], cutoff: float) -> list[int]:
    """Indices of ``choices`` at least ``cutoff`` alike ``text``."""
    found = process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return [n for _, _, n in found]


def replaced_chars(a: str, b: str) -> list[tuple[str, str]]:
    """The characters replaced (not added or dropped) turning ``a`` into ``b``."""
    return [
        (a[op.src_pos], b[op.dest_pos]) for op in Levenshtein.editops(a, b) if op.tag == "replace"
    ]
