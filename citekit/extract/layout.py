"""Line roles: each line of a bulletin gets a role with scored evidence from its features.

Consumes the folded document lines (:class:`~.text.LineMap`); produces, on demand and cached,
a :class:`LineRole` per line: masthead, section heading, title, byline, dateline, source line,
body, contents entry, document number, page furniture or blank, with the score of the chosen
role and the features that gave it. Roles are asked for only around attribution cues, so most
of a long document is never classified.

The features are cheap string tests (length, sentence punctuation, cue words from
:mod:`.cues`, dates, numbering); each adds weight to the roles it speaks for, and the role with
the highest total wins. A line repeated many times in a document (a running page header) and
page numbers (``— 3 —``, ``第3页``, ``- 12 -``) are page furniture.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .blockdates import date_line
from .bylines import is_byline, is_name_list, looks_like_person
from .cues import CUES, Role, alternation
from .dates import find_dates
from .text import LineMap, display_length

__all__ = ["LineRole", "Roles", "is_header_field"]

_SENTENCE_END = re.compile(r"(?:[。！？!?；;]|[a-z]\.)\s*[”’」』)）\"]?\s*$")
_SENTENCE = re.compile(r"[。！？!?；;]|[a-z]\.\s")
_ENUMERATED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．]|第[一二三四五六七八九十\d]+(?:章|节|部分)(?:\s|$|[、：:]))"
)
_FURNITURE = re.compile(
    r"^\s*(?:[—\-–－]+\s*\d{1,4}\s*[—\-–－]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|[-—]?\s*\d{1,3}\s*[-—]?|page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.IGNORECASE,
)
_MASTHEAD = re.compile(
    r"^\s*第\s*[A-Z]?\d{1,3}\s*版|^\s*(?:专栏|栏目|版面|版次)\s*[:：]|"
    r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*第\s*[\d一二三四五六七八九十]{1,4}\s*期|"
    r"第\s*\d{1,4}\s*[期辑輯]|总第\s*\d+\s*期|专题信息|信息快报|简报|动态|速递|目次|目录|剪辑|摘编"
)
# a section's mark in a compiled bulletin: 2) Moon and Mars, == Wetlands ==, ▍三, ◎ 探月探火
_SECTION_MARK = re.compile(r"^\s*(?:\d{1,2}\)\s+\S|=={1,3}[^=]+={2,3}\s*$|[▍◎■◆●]\s*\S)")
_JUNK = re.compile(alternation(CUES.junk), re.IGNORECASE)
# a junk word standing apart (字号 大 中 小, | 分享到), not inside a headline's words (农字号名牌,
# 文物收藏热, 共享经济分享会)
_JUNK_APART = re.compile(r"(?<![\u4e00-\u9fff])" + alternation(CUES.junk), re.IGNORECASE)
# a cheap first test: a line without any first character of a junk word holds none
_JUNK_FIRST = {c for w in CUES.junk for c in (w[0].lower(), w[0].upper())}
_JUNK_START = re.compile("[" + re.escape("".join(sorted(_JUNK_FIRST))) + "]")
_LABEL = CUES.labels
_DATE_ONLY = re.compile(r"^[\s\d年月日号:：./\-—–·()（）星期周一二三四五六日天〇零○上下午时分秒]*$")
_NAME_SEPARATOR = re.compile(r"[\s、，,；;/|丨·]")
_ORDER = {r: i for i, r in enumerate(Role)}
_DIGIT = re.compile(r"[\d０-９〇零一二三四五六七八九]")
# a headline that asks or exclaims (…这不是矛盾吗?): short, one final mark, no comma or stop
_QUESTION_HEADLINE = re.compile(r"^(?=.*[？?！!])[^。；;，,]{4,38}$")
_BRACKETED_HEADING = re.compile(r"^[【\[［〖].{1,14}[】\]］〗]$")
# a page header's name and date (迪哥讲事 2026-03-30, 環球時報 2022-05-11, 2021-05-17韩玉花,
# 程序员成长指北 2022-05-09 09:01 发表于北京): an account, site, paper or author and the day
_NAMED_DATE = re.compile(
    r"^(?:[^\s。，,；;！!？?]{1,20}\s*)?"
    r"(?:(?:19|20)\d\d(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})"
    r"(?:[^\s。，,；;！!？?\d]{1,4}|[\u4e00-\u9fff]{5,24}|(?:\s+[^\s。，,；;！!？?]{1,12}){1,2})?$"
)
_EN_DATE_ONLY = re.compile(
    r"^(?:(?:Posted|Published|Updated)(?: on)?\s*:?\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"(?:[ ,]+\d{1,2}:\d{2}.*)?$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|www\.")
_SITE = re.compile(r"(?:https?://|www\.)[\w.-]+")
_POSTED = re.compile(r"\s*(?:Posted on|发表于)\s*\S{1,8}\s*$")
# a line of a site's index: a page's file name, runs of bare counters (… 1 1 台州日报 content_2061
# 21.html 1 3 …): no title
_CODES = re.compile(
    r"\.(?:s?html?|php|aspx?|jsp)\b|(?:^|\s)\d(?:\s+\d)+(?:\s|$)|[\w.-]+@[\w-]+\.[\w.]+"
)
#: a character every match of :data:`_MASTHEAD` holds (第, 栏, 版, 年, 信, 报, 动, 速, 目, 剪,
#: 摘): a one-class scan first, the alternation (tried at every offset) only on its lines
_MASTHEAD_HINT = re.compile("[第栏版年信报动速目剪摘]")
#: every match of :data:`_CODES` holds a dot, an @ or a digit (its last branch runs over every
#: word character of a line before failing): a one-class scan first
_CODES_HINT = re.compile(r"[.@\d]")
# a site or paper named alone on a line under a title (人民网, 新华社客户端)
_SOURCE_NAME = re.compile(rf"^[\u4e00-\u9fff]{{1,10}}(?:{CUES.outlet_end}|发布)$")
#: a line repeated this often (and short) is a running header or footer
_REPEATS = 3
#: lines whose repeats are looked up in the text before all short lines are counted
_LOOKUPS = 8
#: lines longer than this are running text whatever their punctuation
_BODY_WIDTH = 48
_TITLE_MAX = 60
#: a line longer than this (not an attribution) is running text without further tests
_LONG = 100


@dataclass(frozen=True, slots=True)
class LineRole:
    """The role of one line, the score of that role and the features that decided it."""

    role: Role
    score: float
    evidence: tuple[str, ...]


_LONG_BODY = LineRole(Role.BODY, 1.0, ("long->body",))
_SENTENCE_BODY = LineRole(Role.BODY, 1.0, ("sentence->body",))


@functools.lru_cache(maxsize=8192)
def is_header_field(text: str) -> bool:
    """A web page header line: a date or time alone, labelled fields (作者：…, 浏览量：…)."""
    s = text.strip()
    if not s:
        return False
    if "*" in s or "Posted on" in s or "发表于" in s:
        # 机器学习初学者 *2022-05-24 12:11* *Posted on 浙江*: a post's header in Markdown
        s = _POSTED.sub("", s.replace("*", "")).strip()
    if _DATE_ONLY.match(s) and any(c.isdigit() for c in s):
        return True
    if s.isascii() and _EN_DATE_ONLY.match(s):
        return True  # Friday, September 5, 2008 / Posted Saturday, January 31, 2009
    if len(s) <= 48 and ("20" in s or "19" in s or ":" in s) and _NAMED_DATE.match(s):
        return True
    if len(s) <= 80 and _SITE.search(s) and not _SENTENCE.search(s) and find_dates(s):
        return True  # 中央政府門戶網站 www.gov.cn 2014-05-18 19:17: a site's header
    if _DIGIT.search(s) and date_line(s) is not None:
        return True  # 2018/2/11 18:23(2/12 08:07 更新), (Xinhua) 10:25, April 24, 2020
    if len(s) <= _FIELDS_WIDTH and _DIGIT.search(s) and _fields_around_day(s):
        return True  # 悠南 阅读:5243 2025-05-05 04:43:10, 更新于 … • 发布于 …
    if len(s) > 80:
        return False
    labelled = (":" in s or "：" in s or "/" in s) and _LABEL.search(s)
    if labelled or (_JUNK_START.search(s) and _JUNK_APART.search(s)):
        # the labelled fields take most of the line: not a sentence that mentions 作者
        return not _SENTENCE.search(s) or len(s) < 30
    return False


#: a header line of fields around a day is short
_FIELDS_WIDTH = 64
#: what stands between a header's fields: spaces, bullets, bars, breadcrumb marks
_FIELD_GAP = re.compile(r"[\s•·|｜丨>＞/／:：]+")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
#: a header's fields are a few short tokens (a name, a site, a label, a counter)
_MAX_FIELDS = 5
_FIELD_CHARS = 8


def _fields_around_day(s: str) -> bool:
    """A line of a page's header by its shape, whatever its labels say: a full day (and time)
    among a few short tokens, no sentence (``更新於 2022年05月28日14:29 • 發布於 …``)."""
    if _SENTENCE.search(s) or "，" in s or "," in s:
        return False
    days = [d for d in find_dates(s) if d.valid and d.date.day]
    if not days:
        return False
    rest = s
    for d in reversed(days):
        if d.start > 0 and not _FIELD_GAP.match(s[d.start - 1]) and s[d.start - 1] not in "(（[【":
            return False  # 公布2024年5月3日的: a day run into a sentence
        rest = rest[: d.start] + " " + rest[d.end :]
    tokens = [t for t in _FIELD_GAP.split(_CLOCK.sub(" ", rest)) if t]
    return len(tokens) <= _MAX_FIELDS and all(len(t) <= _FIELD_CHARS for t in tokens)


class Roles:
    """Line roles of one document, computed on demand (``roles[n]``, 1-based)."""

    def __init__(
        self,
        lines: LineMap,
        cue_lines: frozenset[int] = frozenset(),
        mastheads: frozenset[int] = frozenset(),
    ) -> None:
        self.lines = lines
        #: lines where an attribution form was found (source lines, datelines)
        self.cue_lines = cue_lines
        #: lines that name a periodical issue (《经济研究》2024年第3期, 1951年9月15日人民日报)
        self.mastheads = mastheads
        self._cache: dict[int, LineRole] = {}
        self._short_lines: Counter[str] | None = None
        self._counted = 0  # lines looked up in the text before the Counter is built
        #: how each line reads in a title search (filled by :mod:`.titles`)
        self.title_cache: dict[int, tuple[str | None, bool]] = {}

    def text(self, n: int) -> str:
        """The stripped text of line ``n`` ('' outside the document)."""
        return self.lines.line(n).strip() if 1 <= n <= self.lines.count else ""

    def _repeated(self, s: str) -> bool:
        """A short line printed again and again (a running header): the exact line, not the
        words inside other lines. The short lines are counted once per document, the first
        time a role is asked (asking for every line stays linear)."""
        if not 4 <= len(s) <= 30:
            return False
        if self._short_lines is None and self._counted < _LOOKUPS:
            # a line printed three times is in the text three times: the first few lines asked
            # are looked up with str.count (most are not repeated: no Counter is built)
            self._counted += 1
            if self.lines.text.count(s) < _REPEATS:
                return False
        if self._short_lines is None:
            self._short_lines = Counter(
                t for line in self.lines.lines if 4 <= len(t := line.strip()) <= 30
            )
        return self._short_lines[s] >= _REPEATS

    def __getitem__(self, n: int) -> LineRole:
        found = self._cache.get(n)
        if found is None:
            line = self.lines.line(n) if 1 <= n <= self.lines.count else ""
            if len(line) > _LONG and n not in self.cue_lines and len(line.strip()) > _LONG:
                found = _LONG_BODY  # running text: nothing else is that long
            else:
                found = self._classify(n)
            self._cache[n] = found
        return found

    def role(self, n: int) -> Role:
        """Just the role of line ``n``."""
        return self[n].role

    def _classify(self, n: int) -> LineRole:
        s = self.text(n)
        if not s:
            return LineRole(Role.BLANK, 1.0, ())
        if (
            len(s) > 24
            and ("。" in s or "，" in s or ("," in s and not s.isascii() and s.count(",") >= 2))
            and ":" not in s
            and "：" not in s
            and n not in self.cue_lines
            and n not in self.mastheads
        ):
            return _SENTENCE_BODY  # a sentence: running text, nothing else to test
        score: dict[Role, float] = {}
        ev: list[str] = []

        def vote(role: Role, weight: float, why: str) -> None:
            score[role] = score.get(role, 0.0) + weight
            ev.append(why)

        length = display_length(s)
        if n in self.mastheads:
            vote(Role.MASTHEAD, 3.0, "issue-heading->masthead")
        if n in self.cue_lines:
            vote(Role.SOURCE, 2.0, "attribution-form->source")
        if _FURNITURE.match(s):
            vote(Role.FURNITURE, 3.0, "page-number->furniture")
        elif self._repeated(s) and not _SENTENCE.search(s):
            vote(Role.FURNITURE, 1.5, "repeated->furniture")
        if is_header_field(s):
            vote(Role.SOURCE, 1.2, "header-field->source")
        if length <= 60 and is_byline(s):
            # (a reporter's byline is an attribution cue too: still a byline, never a title)
            vote(Role.BYLINE, 2.6 if n in self.cue_lines else 1.6, "byline->byline")
        elif length <= 40 and _NAME_SEPARATOR.search(s) and is_name_list(s):
            vote(Role.BYLINE, 1.3, "names-only->byline")
        if length <= 12 and _SOURCE_NAME.match(s):
            vote(Role.SOURCE, 1.2, "source-name->source")
        if _URL.search(s) and length < 200:
            vote(Role.SOURCE, 0.8, "url->source")
        if _ENUMERATED.match(s) and length <= 30:
            vote(Role.SECTION, 1.2, "enumerated->section")
        if _SECTION_MARK.match(s) and length <= 30:
            vote(Role.SECTION, 2.0, "section-mark->section")
        if _BRACKETED_HEADING.match(s):
            vote(Role.SECTION, 1.5, "bracketed-heading->section")
        if 2 <= length <= 4 and looks_like_person(s):
            vote(Role.BYLINE, 1.1, "single-name->byline")
        if (
            length <= 40
            and _MASTHEAD_HINT.search(s)
            and _MASTHEAD.search(s)
            and not _SENTENCE.search(s)
        ):
            vote(Role.MASTHEAD, 1.0, "issue-words->masthead")
        if _CODES_HINT.search(s) and _CODES.search(s):
            vote(Role.FURNITURE, 1.5, "codes->furniture")  # a page's file name, index numbers
        if length >= _BODY_WIDTH:
            vote(Role.BODY, 1.5, "long->body")
        if _SENTENCE_END.search(s):
            vote(Role.BODY, 1.2, "sentence-end->body")
        elif _SENTENCE.search(s):
            vote(Role.BODY, 0.6, "sentence-inside->body")
        if length <= _TITLE_MAX and not _SENTENCE.search(s) and not s.startswith(("（", "(")):
            w = 1.0 if 5 <= length <= 40 else 0.6
            vote(Role.TITLE, w, "short-unpunctuated->title")
        if _QUESTION_HEADLINE.match(s) and n not in self.cue_lines:
            vote(Role.TITLE, 1.4, "question-headline->title")
        if "，" in s or "," in s:
            vote(Role.BODY, 0.4 if length > 16 else 0.1, "comma->body")
        if length <= 24 and _DIGIT.search(s) and find_dates(s):
            vote(Role.SOURCE, 0.6, "short-dated->source")
        if not score:
            vote(Role.BODY, 0.1, "default->body")
        role = max(score, key=lambda r: (score[r], -_ORDER[r]))
        total = sum(score.values())
        return LineRole(role, score[role] / total if total else 0.0, tuple(ev))

    def is_titlelike(self, n: int) -> bool:
        """A line that can be (part of) an article title."""
        text = self.text(n)
        return (
            self.role(n) in (Role.TITLE, Role.MASTHEAD, Role.SECTION)
            and not is_header_field(text)
            and "http" not in text  # 原文: https://…: an address, never a title
        )

    def is_skippable(self, n: int) -> bool:
        """Lines between a title and its body that are neither: blank, header fields, bylines,
        page furniture, other attribution lines."""
        r = self.role(n)
        return r in (Role.BLANK, Role.FURNITURE, Role.BYLINE) or (
            r == Role.SOURCE and n not in self.cue_lines
        )
