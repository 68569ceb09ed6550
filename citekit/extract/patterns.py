"""One small function per attribution form; each finds its form in one (width-folded) line.

Consumes a line of text; produces :class:`Hit` values: where the source phrase is, which form
found it. Forms: ``（来源：…）`` and every keyword variant in brackets, ``来源：…`` header
fields, line-initial ``摘自…``/``原载…``, ``（2012年4月10日《绍兴晚报》）``, ``（浙江日报转载）``,
agency datelines ``新华社北京4月24日电``, bare URL lines. Interpretation of the phrase is
:mod:`.sources`' job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["FORMS", "TRIGGERS", "Hit", "find_hits", "trigger_positions"]

_PREFIX = r"(?:文章|信息|资料|稿件|图文|照片|图片|新闻|消息|内容|本文|该文|下文|此文|以下内容)"
_KW = (
    r"(?:来源于|来源|来自于|来自|摘自于|摘自|摘编自|摘录自|摘选自|选自|原载于|原载|"
    r"转载自|转载于|转自于|转自|转引自|刊登于|刊载于|刊于|载于|发表于|原文刊于)"
)
_KEYWORD = rf"(?:{_PREFIX}\s*){{0,2}}(?:部分)?{_KW}"

#: cheap prefilter: a line without any of these cannot hold an attribution. Plain substrings,
#: found with str.find (much faster than a regex alternation over the whole text).
TRIGGERS = (
    "来源",
    "来自",
    "摘",
    "原载",
    "转载",
    "转自",
    "转引",
    "选自",
    "载于",
    "刊于",
    "刊登",
    "发表于",
    "日在",
    "记者",
    "http",
    "新华社",
    "中新社",
    "日《",
    "日消息",
    "出版的《",
)


def trigger_positions(text: str) -> list[int]:
    """Offsets of every trigger substring in ``text``, sorted."""
    found: list[int] = []
    find = text.find
    for word in TRIGGERS:
        i = find(word)
        while i != -1:
            found.append(i)
            i = find(word, i + 1)
    found.sort()
    return found


@dataclass(frozen=True, slots=True)
class Hit:
    """One attribution found in a line: the form, the line span it covers, the source phrase."""

    form: str
    start: int
    end: int
    #: the source phrase (what follows the keyword), for :func:`.sources.parse_sources`
    phrase: str
    #: True when a bracket opened and did not close on this line (continues on the next)
    open: bool = False


def _close(line: str, i: int) -> int:
    """Index of the bracket closing the one that opened just before ``i``, or -1."""
    depth = 1
    for j in range(i, len(line)):
        c = line[j]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth == 0:
                return j
    return -1


_BRACKETED = re.compile(rf"[（(【\[]\s*(?P<kw>{_KEYWORD})\s*[:：]?\s*")


def bracketed(line: str) -> list[Hit]:
    """``（来源：《丽水日报》2018-9-3）``, ``(摘自绍兴晚报 …)``, ``（信息来源：浙江发布）``."""
    hits = []
    for m in _BRACKETED.finditer(line):
        end = _close(line, m.end())
        if line[m.start()] in "【[":
            end = line.find("】" if line[m.start()] == "【" else "]", m.end())
        if end == -1:
            hits.append(Hit("bracketed", m.start(), len(line), line[m.end() :], open=True))
        else:
            hits.append(Hit("bracketed", m.start(), end + 1, line[m.end() : end]))
    return hits


_COLON = re.compile(rf"(?P<kw>{_KEYWORD})\s*[:：]\s*")


def keyword_colon(line: str) -> list[Hit]:
    """``来源：人民日报``, ``2021-08-28 16:50 来源：浙江日报 作者：…``, ``信息来源：省发改委``."""
    m = _COLON.search(line)
    if not m or len(line) > 160:
        return []
    rest = line[m.end() :]
    return [Hit("keyword-colon", m.start(), len(line.rstrip()), rest)]


_LEADING = re.compile(
    rf"^\s*(?:——\s*)?(?:本文|该文|下文|此文|以下内容)?\s*(?:原载于?|摘自于?|转自于?|转载自|转引自|"
    rf"选自|载于|刊于|刊登于|发表于|来源于|{_PREFIX}?来源)\s*[:：]?\s*"
)


def leading_keyword(line: str) -> list[Hit]:
    """``下文摘自于《同窗情》第二十七期。``, ``——摘自《新型冠状病毒肺炎防护手册》``."""
    m = _LEADING.match(line)
    if not m or len(line) > 120:
        return []
    return [Hit("leading-keyword", m.start(), len(line.rstrip()), line[m.end() :])]


_DATED_TITLE = re.compile(
    r"[（(]\s*(?P<phrase>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*《[^《》]{1,30}》[^（）()]{0,12})[）)]"
)


def dated_title(line: str) -> list[Hit]:
    """``（2012年4月10日《绍兴晚报》）``, ``（3月12日《绍兴晚报》）``."""
    if "《" not in line:
        return []
    return [
        Hit("dated-title", m.start(), m.end(), m["phrase"]) for m in _DATED_TITLE.finditer(line)
    ]


_REPRINTED = re.compile(r"[（(]\s*(?P<name>[^（）()《》:：]{2,20}?)\s*(?:转载|供稿|刊发)\s*[）)]")


def reprinted_by(line: str) -> list[Hit]:
    """``(浙江日报转载）``."""
    return [Hit("reprinted-by", m.start(), m.end(), m["name"]) for m in _REPRINTED.finditer(line)]


_DATELINE = re.compile(
    r"(?P<agency>新华社|中新社|中国新闻社)(?P<place>[\u4e00-\u9fff]{0,8}?)\s*"
    r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*电"
)


def agency_dateline(line: str) -> list[Hit]:
    """``新华社北京4月24日电``, ``（新华社北京1月20日电）``."""
    return [Hit("dateline", m.start(), m.end(), m["agency"]) for m in _DATELINE.finditer(line)]


_URL_LINE = re.compile(
    r"^\s*(?:本文链接|原文链接|原文地址|链接地址为?|网址|链接|转自|.{0,12}本文链接)?\s*[:：]?\s*"
    r"(?P<url>(?:https?://|www\.)[^\s（）()<>\"“”]+)\s*$"
)


def url_line(line: str) -> list[Hit]:
    """A line that holds nothing but a URL (possibly labelled ``本文链接：``)."""
    m = _URL_LINE.match(line)
    return [Hit("url", m.start("url"), m.end("url"), m["url"])] if m else []


_SPEECH_NOTE = re.compile(
    r"[（(]\s*(?P<phrase>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^（）()]{2,120}?"
    r"(?:上|时|中)的\s*(?:讲话|报告|发言|致辞|演讲)(?:摘要|节选|要点)?)\s*[）)]"
)


def speech_note(line: str) -> list[Hit]:
    """``（2018年3月20日在十三届全国人大一次会议上的讲话）``."""
    if "日在" not in line:
        return []
    return [Hit("speech", m.start(), m.end(), m["phrase"]) for m in _SPEECH_NOTE.finditer(line)]


_REPORTER = re.compile(
    r"^\s*(?:采写\s*[:：]|文\s*/|图\s*/)?\s*(?P<name>[\u4e00-\u9fff]{2,8}?)(?:见习)?记者\s*\S|"
    r"^\s*(?P<paper>[\u4e00-\u9fff]{2,6}?)讯\s*[（(]\s*记者"
)


def reporter_byline(line: str) -> list[Hit]:
    """``中新社记者 贾天勇 摄``, ``采写：南都记者 余毅菁``, ``新京报讯（记者梁薇薇）``."""
    m = _REPORTER.match(line)
    if not m or len(line) > 40 or line.rstrip().endswith("摄"):
        return []  # a photo credit (新华社记者 鞠 鹏 摄) does not attribute the text
    return [Hit("reporter", m.start(), len(line.rstrip()), m["name"] or m["paper"])]


_NEWS_FLASH = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fffA-Za-z]{2,10}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:消息|讯)"
)


def news_flash(line: str) -> list[Hit]:
    """``IT之家9月30日消息``: a site or paper opening its own report."""
    m = _NEWS_FLASH.match(line)
    return [Hit("news-flash", m.start(), m.end(), m["name"])] if m else []


_PUBLISHED_IN = re.compile(
    r"(?P<date>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*出版的\s*(?P<name>《[^《》]{1,30}》)"
)


def published_in(line: str) -> list[Hit]:
    """``2020年1月1日出版的《求是》杂志发表…``."""
    return [
        Hit("published-in", m.start(), m.end(), (m["date"] or "") + m["name"])
        for m in _PUBLISHED_IN.finditer(line)
    ]


_CITED_FROM = re.compile(
    r"[，,。；;]\s*(?:摘自|选自|节选自|原载于?|转自|引自)\s*(?P<phrase>《[^《》]{1,40}》[^（）()]{0,30})$"
)


def cited_from(line: str) -> list[Hit]:
    """``——《当前工作中需要注意的几个问题》（2014年10月23日），摘自《…论述摘编》``."""
    m = _CITED_FROM.search(line.rstrip())
    return [Hit("cited-from", m.start() + 1, m.end(), m["phrase"])] if m else []


#: the forms in priority order: the first that finds something in a line wins that stretch
FORMS: tuple[Callable[[str], list[Hit]], ...] = (
    url_line,
    speech_note,
    bracketed,
    dated_title,
    reprinted_by,
    agency_dateline,
    news_flash,
    published_in,
    leading_keyword,
    cited_from,
    keyword_colon,
    reporter_byline,
)


def find_hits(line: str) -> list[Hit]:
    """All attributions in ``line`` (width-folded), in order, without overlaps."""
    hits: list[Hit] = []
    for form in FORMS:
        for h in form(line):
            if any(h.start < o.end and o.start < h.end for o in hits):
                continue
            hits.append(h)
        if hits and form is url_line:
            break
    hits.sort(key=lambda h: h.start)
    return hits
