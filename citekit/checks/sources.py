"""Source names: do two records name the same newspaper, agency, site or journal?

Consumes source names as bulletins write them (``人民網-人民日報海外版``, ``东方网·纵相新闻``,
``央视新闻客户端``, ``Xinhua News Agency``, ``中青报``) and produces a :class:`SourceRelation`:
``same`` (the alias tables or a shared part of a compound name say so), ``similar`` (an
abbreviation or a near spelling: evidence, not proof) or ``different``.

Three things make two spellings one source:

* the alias tables: ``citekit/data/aliases.yaml`` and ``refs/_aliases.yaml`` (via
  :class:`~citekit.aliases.Aliases`) and ``citekit/data/outlets.yaml`` (English names of Chinese
  outlets, abbreviations, journal title translations);
* compound names split into their parts (``site-newspaper``: ``人民網-人民日報海外版`` is the
  海外版 as people.com.cn prints it, so it names both 人民网 and 人民日报海外版);
* suffixes that name a channel, not another source: 客户端, App, 微信公众号, 官方微博, 官网
  (``央视新闻客户端`` = ``央视新闻``); 报社 = 报, 网站 = 网.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..aliases import Aliases
from ..model import is_cjk
from .normalize_text import fold, similarity, to_simplified

__all__ = [
    "WIRE_SERVICES",
    "Outlets",
    "SourceName",
    "SourceRelation",
    "load_outlets",
    "relate_sources",
    "source_name",
]

_DATA = Path(__file__).resolve().parent.parent / "data" / "outlets.yaml"
# Separators of compound names: 人民網-人民日報海外版, 东方网·纵相新闻, 央视新闻|CCTV
_COMPOUND = re.compile(r"\s*[-－–—·・•|｜/／丨、]\s*|\s{2,}")
_CHANNEL = re.compile(
    r"(?:客户端|手机版|移动版|app|微信公众号|公众号|官方微信|官方微博|微博|官网|官方网站|电子版|数字报)$",
    re.I,
)
_SUFFIX_MAP = (
    (re.compile(r"报社$"), "报"),
    (re.compile(r"网站$"), "网"),
    (re.compile(r"杂志社?$"), ""),
)
# A name plus one of these is another medium of the same house (人民日报 / 人民网 is not).
_OTHER_MEDIUM = frozenset({"网", "报", "社", "台", "客户端", "海外版", "电讯"})
#: outlets whose copy others reprint (the original to cite of a repost)
WIRE_SERVICES = frozenset({"新华社", "中国新闻社", "中国评论通讯社", "香港中通社"})


class Outlets:
    """Other names of outlets and journals (``citekit/data/outlets.yaml``), folded."""

    def __init__(self, table: dict[str, str], shown: dict[str, str]) -> None:
        self.table = table
        self.shown = shown

    def canonical(self, folded: str) -> str:
        """The folded canonical name of a folded name (itself when unknown)."""
        return self.table.get(folded, folded)


@lru_cache(maxsize=1)
def load_outlets() -> Outlets:
    """The built-in outlet table."""
    from ..store import load_mapping_file

    data = load_mapping_file(_DATA)
    table: dict[str, str] = {}
    shown: dict[str, str] = {}
    for section in ("outlets", "journals"):
        for canonical, others in (data.get(section) or {}).items():
            key = fold(str(canonical))
            table[key] = key
            shown[key] = str(canonical)
            for other in others or []:
                table[fold(str(other))] = key
    return Outlets(table, shown)


@dataclass(frozen=True, slots=True)
class SourceName:
    """A source name ready for comparison: its parts' keys (folded canonical forms)."""

    #: as written
    text: str
    #: canonical form shown in reasons (the alias table's canonical name of the last part)
    shown: str
    #: every key of every part: canonical name and channel-less stem, folded
    keys: frozenset[str]
    #: the canonical key of the source as a whole (the last part of a compound name)
    main: str
    #: the parts of a compound name (one part for a simple name)
    parts: tuple[str, ...]

    @property
    def is_wire(self) -> bool:
        """True for a news agency whose copy others print (新华社, 中新社)."""
        return any(fold(w) in self.keys for w in WIRE_SERVICES)


def _stem(folded: str) -> str:
    stem = _CHANNEL.sub("", folded) or folded
    for pattern, repl in _SUFFIX_MAP:
        stem = pattern.sub(repl, stem) or stem
    return stem


def _part_keys(part: str, aliases: Aliases, outlets: Outlets) -> tuple[str, set[str]]:
    simplified = to_simplified(part)
    canonical = aliases.canonical(simplified)
    folded = fold(canonical) or fold(part)
    keys = {outlets.canonical(folded)}
    stem = _stem(folded)
    keys.add(outlets.canonical(stem))
    keys.add(outlets.canonical(fold(aliases.canonical(stem))))
    main = (
        outlets.canonical(stem)
        if stem != folded and stem in outlets.table
        else min(keys - {""} or {folded}, key=lambda k: (k != outlets.canonical(folded), k))
    )
    return main, {k for k in keys if k}


def source_name(text: str, aliases: Aliases, outlets: Outlets | None = None) -> SourceName:
    """Parse a source name as written into its comparison keys."""
    outlets = outlets if outlets is not None else load_outlets()
    raw_parts = [p for p in _COMPOUND.split(text.strip().strip("《》<>")) if fold(p)]
    if len(raw_parts) > 1 and not all(len(fold(p)) >= 2 for p in raw_parts):
        raw_parts = [text]  # "A-1" is not a compound name
    keys: set[str] = set()
    main = ""
    for part in raw_parts or [text]:
        main, part_keys = _part_keys(part, aliases, outlets)
        keys |= part_keys
    last = aliases.canonical(to_simplified(raw_parts[-1] if raw_parts else text))
    shown = outlets.shown.get(outlets.canonical(fold(last)), last)
    return SourceName(text, shown, frozenset(keys), main, tuple(raw_parts))


Relation = Literal["same", "similar", "unknown", "different"]


@dataclass(frozen=True, slots=True)
class SourceRelation:
    """How two source names relate, and why (for the reason of a verdict)."""

    relation: Relation
    why: str


def _abbreviates(short: str, long: str) -> bool:
    """中青报 abbreviates 中国青年报: same first and last character, the rest in order."""
    if not 2 <= len(short) < len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _script(name: SourceName) -> str:
    text = "".join(name.parts)
    return "cjk" if is_cjk(text) else "latin"


def relate_sources(a: SourceName, b: SourceName) -> SourceRelation:
    """``same``, ``similar``, ``unknown`` (a Chinese and a Latin name no table links: perhaps
    a translation) or ``different`` (symmetric)."""
    if a.keys & b.keys:
        if fold(a.text) == fold(b.text):
            return SourceRelation("same", "")
        if len(a.parts) > 1 or len(b.parts) > 1:
            return SourceRelation("same", f"{a.text} = {b.text} (compound name)")
        return SourceRelation("same", f"{a.text} = {b.text} (alias of {a.shown})")
    for x in a.keys:
        for y in b.keys:
            short, long_ = sorted((x, y), key=len)
            if _abbreviates(short, long_):
                return SourceRelation("similar", f"{a.text} may abbreviate {b.text}")
            if long_[: len(short)] == short and long_[len(short) :] in _OTHER_MEDIUM:
                continue  # 中国日报 / 中国日报网: the paper and its website
            if min(len(x), len(y)) >= 4 and similarity(x, y) >= 88:
                return SourceRelation("similar", f"{a.text} ~ {b.text} (spelling)")
    if _script(a) != _script(b):
        return SourceRelation("unknown", f"{a.text} / {b.text}: perhaps a translation")
    return SourceRelation("different", f"{a.text} vs {b.text}")
