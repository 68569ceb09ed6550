"""The day of an article whose attribution names none: a date printed alone on a line of its
block (``2024/12/25 19:08`` under the title, on the line after the source), else a day in an
address of the block (``/2020-03/09/``, ``/20200309/``, ``…/202403270066.aspx``).

Consumes the document's lines and an article's span; produces a :class:`PartialDate` or None.
A date inside running text is never taken: it may be any day the article mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..model import PartialDate, Reference
from .cues import CUES
from .dates import find_dates
from .fold import fold_text
from .text import LineMap, fold_width

__all__ = [
    "block_date",
    "closing_stamp_date",
    "date_line",
    "date_line_outlet",
    "drop_repost_day",
    "labelled_date",
    "reports_its_year",
    "url_date",
]

#: what may stand beside a date on a line of its own: a time, labels, separators
_DATE_LINE_REST = re.compile(
    r"[（(][^（）()]{0,20}(?:更新|updated)[）)]|\d{1,2}:\d\d(?::\d\d)?|发布时间|发布日期|更新时间|时间|日期|發佈時間|發布時間|時間|"
    r"Published|Updated|Posted(?: on)?|Time|Date|[AP]M\b|"
    r"(?:GMT|UTC|BJT|HKT|CST)(?:\s*[+-]\s*\d{1,2})?|"
    r"(?:星期|周|週|禮拜|礼拜)[一二三四五六日天]|"
    r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?|"
    r"(?:阅读|浏览|点击|閱讀|瀏覽|點擊)(?:量|数|次数|數|次數)?\s*[:：]?\s*\d+\s*次?|"
    r"[\s:：|｜/·,，()（）\[\]【】]"
)
#: an address is looked for in a line's first characters only (bounded work per record)
_MAX_LINE = 600
_LEAD_OUTLET = re.compile(r"^\s*[（(][^（）()\d]{2,20}[）)]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
# /2020-03/09/, /202003/09/, /2020/03/09/, /20200309/, /20200309…(digits).html
_URL_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[-/]?(?P<m>0[1-9]|1[0-2])[-/]?(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:\d{0,6})(?=[/._?#-]|$)"
)
#: a compact timestamp alone on a line: 201703161523 (year, month, day, hour, minute)
_STAMP = re.compile(
    r"^(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?$"
)


def _day(y: str, m: str, d: str) -> PartialDate | None:
    found = find_dates(f"{y}-{m}-{d}")
    return found[0].date if found and found[0].valid else None


def url_date(url: str) -> PartialDate | None:
    """The day an address carries in its path (None when it carries none)."""
    for m in _URL_DAY.finditer(url):
        day = _day(m["y"], m["m"], m["d"])
        if day is not None:
            return day
    return None


#: a page's day in an order :func:`.dates.find_dates` does not read, alone on its line with a
#: time: ``2025 06/10 17:37:07`` (Xinhua's pages), ``04-22-2017 11:14 BJT`` (month first)
_PAGE_DAY = re.compile(
    r"^(?:(?P<y>(?:19|20)\d\d)\s+(?P<m>\d{1,2})/(?P<d>\d{1,2})|"
    r"(?P<m2>0?[1-9]|1[0-2])-(?P<d2>\d{1,2})-(?P<y2>(?:19|20)\d\d))"
    r"(?:\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:[AP]M|BJT|GMT|UTC|HKT|CST))?)?$"
)
#: a labelled day on a page's header or byline line (时间:2024-05-04 10:46:22 推荐 734,
#: [ 作者:… 点击数: 更新时间:2018-04-18 录入:… ]): the page's, wherever the line puts it
_LABELLED = re.compile(
    r"(?:发布时间|发布日期|更新时间|发表时间|发表日期|時間|时间|日期|發布時間|發佈時間|更新時間)\s*[:：]\s*"
)
#: a labelled day is read on header-sized lines only (running text may name any day)
_HEADER_LINE = 120


def date_line(text: str) -> PartialDate | None:
    """The date of a line that holds a date and nothing else but a time or a label."""
    text = fold_width(text).strip()
    if not text or len(text) > 80:
        return None
    stamp = _STAMP.match(text)
    if stamp:
        return _day(stamp["y"], stamp["m"], stamp["d"])
    page = _PAGE_DAY.match(text)
    if page:
        if page["y"]:
            return _day(page["y"], page["m"], page["d"])
        return _day(page["y2"], page["m2"], page["d2"])
    found = find_dates(text)
    if not found or not found[0].valid or found[0].date.day is None:
        return None
    rest = "".join(text[a.end : z.start] for a, z in pairwise(found))
    # (Xinhua)    10:25, April 24, 2020: the outlet in brackets before the day
    rest = _LEAD_OUTLET.sub("", text[: found[0].start]) + rest + text[found[-1].end :]
    # Published: Apr 21, 2022 07:35 PM Updated: Apr 23, 2022: the first is the work's
    return found[0].date if not _DATE_LINE_REST.sub("", rest) else None


def block_date(lines: LineMap, start: int, end: int) -> PartialDate | None:
    """The day printed in the article block ``start``..``end`` (1-based lines) or on the line
    right after it: a date line first, then an address's day."""
    last = min(end + 1, lines.count)
    for k in range(max(1, start), last + 1):
        day = date_line(lines.line(k))
        if day is not None:
            return day
    for k in range(max(1, start), last + 1):
        day = labelled_date(lines.line(k))
        if day is not None:
            return day
    for k in range(max(1, start), last + 1):
        for m in _URL.finditer(lines.line(k)[:_MAX_LINE]):
            day = url_date(m.group(0))
            if day is not None:
                return day
    return closing_stamp_date(lines, end)


# the Central News Agency's closing stamp: (編輯:李明宗)1130910 — its editor, then the day in
# the Republic of China's years (113 = 2024), month and day
_ROC_STAMP = re.compile(
    r"[（(]\s*(?:編輯|编辑)\s*[:：][^（）()]{1,16}[）)]\s*"
    r"(?P<y>1\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\s*$"
)
#: how far below an attribution its article's closing stamp is looked for
_STAMP_REACH = 30


def closing_stamp_date(lines: LineMap, end: int) -> PartialDate | None:
    """The day of a wire story's closing stamp (``(編輯:李明宗)1130910`` -> 2024-09-10) in the
    lines under its attribution, up to the next stamp; None when there is none."""
    for k in range(end + 1, min(end + _STAMP_REACH, lines.count) + 1):
        text = lines.line(k)
        if "編輯" not in text and "编辑" not in text:
            continue
        m = _ROC_STAMP.search(text)
        if m:
            return _day(str(int(m["y"]) + 1911), m["m"], m["d"])
    return None


def labelled_date(text: str) -> PartialDate | None:
    """The full day right after a date label (``更新时间:2018-04-18``) on a header-sized line."""
    if len(text) > _HEADER_LINE:
        return None
    text = fold_width(text)
    for m in _LABELLED.finditer(text):
        found = find_dates(text[m.end() : m.end() + 24])
        if found and found[0].start == 0 and found[0].valid and found[0].date.day is not None:
            return found[0].date
    return None


# a year written as part of a date (2019年, 2019-04-11, 2019.4.11, 2019/4/11)
_DATED_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=\s*(?:年|[-./]\s*\d{1,2}(?!\d)))")
#: fewer dates than this say nothing about what years a bulletin covers
_FEW_DATES = 4
#: the share of a bulletin's dates in its own year (or the one before) for it to report news
_CURRENT_SHARE = 0.25


def reports_its_year(text: str, year: int) -> bool:
    """Whether a bulletin dated ``year`` reports that year's news (so a day printed without a
    year, ``新华社北京4月11日电``, is of that year): enough of the dates it prints are of that
    year or the one before; a compilation of older clippings (``旧报新读``) is not."""
    years = Counter(int(m.group(1)) for m in _DATED_YEAR.finditer(text))
    total = sum(years.values())
    if total < _FEW_DATES:
        return True
    return years[year] + years[year - 1] >= _CURRENT_SHARE * total


# a page header's site and day: 快科技（原驱动之家）　2022-06-01 20:41:31, cnBeta 2021年12月08日
# 10:04, 華夏經緯網 > 文化 > 文化觀察  2024-01-25 09:26:13 (the site before its breadcrumb)
_NAME_THEN_DAY = re.compile(
    r"^\s*(?P<name>[^\s\d:：|｜>＞（）()<《》【】\[\]]{2,16}?)\s*(?:[（(][^（）()]{1,12}[）)])?"
    r"(?:\s*[>＞][^>＞:：]{1,12}){0,4}\s+"
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?\s*$"
)
# 刊登於, 发表于, 更新, 截至: a verb before the day, no site
_VERB = re.compile(
    r"(?:于|在|至|截止|更新|发布|发表|刊登|刊出|上传|录入)$|^(?:发布|更新|刊登|发表)"
)
_NOT_A_SITE = frozenset(
    fold_text(w) for w in (*CUES.date_label, *CUES.generic_source, *CUES.wechat_original)
)


# the day, then the paper: 文章日期:2023年12月21日　明報 (a name with an outlet's ending only)
_DAY_THEN_SITE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{2,4}\s*[:：]\s*)?"
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?"
    rf"\s+(?P<name>[\u4e00-\u9fffA-Za-z]{{1,10}}{CUES.outlet_end})\s*$"
)


def date_line_outlet(text: str) -> str | None:
    """The site a page header names before its day (``cnBeta 2021年12月08日 10:04`` -> ``cnBeta``)
    or a paper after it (``文章日期:2023年12月21日　明報``), as written; None when the line is
    no such header or the name reads as a person's (the author, not the site) or a label."""
    from .bylines import looks_like_person

    after = _DAY_THEN_SITE.match(fold_text(text))
    if after:
        return text[after.start("name") : after.end("name")]
    m = _NAME_THEN_DAY.match(text)
    if not m:
        return None
    name = m["name"]
    folded = fold_text(name)
    if folded in _NOT_A_SITE or _VERB.search(folded) or looks_like_person(name) or name.isdigit():
        return None
    return name


# a day followed by the verb of a repost: 新华网2020年11月25日转载, 2025-05-20转载
_REPOSTED = re.compile(r"^\s*(?:转载|转发|转自|转引)")


def drop_repost_day(ref: Reference) -> Reference:
    """A record's day that its attribution says a copy was made (``新华网2020年11月25日转载``,
    ``（来源：故宫博物院院刊，2025-05-20转载）``) is the repost's, not the work's: left out, with
    a warning (kept on the record of the reposting page itself, ``新华网``). An upload day
    glued to the names (``2021-11-11周文泓…``) and a page's time over ``本文来自微信公众号:…``
    were tried as repost days too and left alone: the held-out folds lost more dates than the
    others gained."""
    day = ref.issued
    if day is None or not ref.provenance:
        return ref
    raw = ref.provenance[0].raw
    if "转" not in raw and "轉" not in raw:
        return ref
    raw = fold_text(fold_width(raw))
    for d in find_dates(raw):
        if d.valid and d.date == day and _REPOSTED.match(raw[d.end :]):
            reposter = fold_text(ref.container_title or "")
            if reposter and raw[: d.start].rstrip().endswith(reposter):
                return ref  # the reposting page's own record: its day
            msg = f"date {day.iso()} is the day a page reposted the work: left empty"
            return ref.replace(issued=None, warnings=(*ref.warnings, msg))
    return ref
