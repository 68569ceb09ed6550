"""Cue words and line roles, declared once (``citekit/data/cues.yaml``) and compiled here.

Consumes the data file; produces the word lists and the regular expressions built from them
that every extraction stage uses (source keywords, author roles, roles that are not authors,
header-field labels, boilerplate, agencies). Cues are matched on the folded text
(:mod:`.fold`), so each is declared once, in simplified characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

__all__ = ["CUES", "ORNAMENT", "Cues", "Role", "alternation"]

#: a character class of the ornaments a bulletin sets before a heading, a list item or a source
#: line (◆ 标题, ■ 《刊》2024年第3期, ▲ 来源：…): not part of what follows them
ORNAMENT = "[◆◇■□●○▲△▶►▷★☆♦❖◎※•·]"

_DATA = Path(__file__).resolve().parent.parent / "data" / "cues.yaml"


class Role(str, Enum):
    """What a line of a bulletin is (the structure stage gives each line one)."""

    MASTHEAD = "masthead"
    SECTION = "section"
    TITLE = "title"
    BYLINE = "byline"
    DATELINE = "dateline"
    SOURCE = "source"
    BODY = "body"
    CONTENTS = "contents"
    DOCNUMBER = "docnumber"
    FURNITURE = "furniture"
    BLANK = "blank"


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first (so 来源于 wins over 来源)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Cues:
    """The cue lists of ``cues.yaml`` (one field per list) and patterns compiled from them."""

    source: tuple[str, ...]
    source_quoted: tuple[str, ...]
    source_prefix: tuple[str, ...]
    source_english: tuple[str, ...]
    column_label: tuple[str, ...]
    author: tuple[str, ...]
    byline_mark: tuple[str, ...]
    not_author: tuple[str, ...]
    date_label: tuple[str, ...]
    junk: tuple[str, ...]
    disclaimer: tuple[str, ...]
    generic_source: tuple[str, ...]
    agency: tuple[str, ...]
    article_field: tuple[str, ...]
    variant: tuple[str, ...]
    outlet_suffix: tuple[str, ...]
    wechat_original: tuple[str, ...]
    wechat_repost: tuple[str, ...]
    surnames: tuple[str, ...]

    @property
    def single_surnames(self) -> frozenset[str]:
        """One-character surnames."""
        return frozenset(self.surnames[0])

    @property
    def double_surnames(self) -> frozenset[str]:
        """Two-character surnames (欧阳, 上官)."""
        return frozenset(" ".join(self.surnames[1:]).split())

    @property
    def keyword(self) -> str:
        """Regex: a source keyword with up to two prefixes (信息来源, 本文转载自)."""
        return (
            rf"(?:{alternation(self.source_prefix)}\s*){{0,2}}(?:部分)?{alternation(self.source)}"
        )

    @property
    def variants(self) -> tuple[tuple[str, str], ...]:
        """(variant, form) pairs of regional spellings, each pair of one length."""
        pairs = tuple((v, f) for v, f in (w.split() for w in self.variant))
        assert all(len(v) == len(f) for v, f in pairs), "a variant keeps the text's length"
        return pairs

    @property
    def outlet_end(self) -> str:
        """Regex: the ending of an outlet's name (报, 网, 社, 客户端, 之声 …), on folded text."""
        return alternation(self.outlet_suffix)

    @property
    def labels(self) -> re.Pattern[str]:
        """A header-field label followed by a colon (作者：, 责任编辑：, 发布时间：)."""
        words = self.author + self.not_author + self.date_label + self.junk + ("来源",)
        long = tuple(w for w in words if len(w) > 1)
        # a one-character label (文：, 摄：) only on its own: 论文： is a word, not a label
        short = "".join(re.escape(w) for w in words if len(w) == 1)
        return re.compile(
            rf"(?:{alternation(long)}|(?<![\u4e00-\u9fff])[{short}])\s*[:：/]", re.IGNORECASE
        )


@cache
def _load() -> Cues:
    from ..store import load_mapping_file

    data = load_mapping_file(_DATA)
    return Cues(**{k: tuple(str(w) for w in v) for k, v in data.items()})


CUES = _load()
