"""Issue headings and journal-contents bulletins (期刊目次速递, 新刊速递).

Consumes the folded document lines; produces

* :class:`IssueHeading` values: a line that names a periodical issue — ``《经济研究》2024年第3期``,
  ``中国行政管理 2024(5)``, ``1951年9月15日人民日报 第1版`` — which gives its container, date,
  issue and 版次 to every record under it (until the next heading);
* :class:`ContentsEntry` values: the entries of a contents list under a journal heading —
  ``标题 作者 (页码)``, ``标题/作者``, ``标题……作者……页码``, ``作者：标题`` — with or without page
  numbers; and entries that name their own journal and issue at the end of the line.

Headings take many forms (``《刊名》2024年第3期``, ``刊名 2025, 36(4)``, ``【刊名】2020年第8期``,
``一、《刊名》…``, ``Name, Vol. 5, No. 3 (2023)``, the name on one line and the issue on the
next). Entries are found by the shape their block repeats, not by a pattern per journal: a run
of numbers 1, 2, 3 is numbering, not pages; in a list whose lines end in page numbers a line
without one is a column name, a deck or the first half of a wrapped title; a byline, a
``页码：`` line or a ``——副标题`` line under an entry belongs to it; a section label
(``【专题研究】``, ``二、中文期刊篇目``) is no entry, and entries of another shape after one start
another list; one heading per entry (many times over) keeps even a bare title.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ..model import PartialDate
from ..numerals import cn_to_int
from .bylines import _names, looks_like_person
from .cues import CUES, ORNAMENT
from .dates import find_dates
from .text import LineMap, clean_title, fold_width

__all__ = ["ContentsEntry", "IssueHeading", "find_contents", "find_issue_headings"]

_JOURNAL_ISSUE = re.compile(
    r"^\s*(?:[【\[]\s*)?(?:《(?P<j1>[^《》]{2,30})》|"
    r"(?P<j2>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z（）()· ]{1,28}?))\s*"
    r"(?:[:：,，]\s*)?(?P<y>(?:19|20)\d\d)\s*"
    r"(?:年\s*第?\s*(?P<i1>\d{1,3}|[一二三四五六七八九十]{1,3})\s*期|[(（]\s*(?P<i2>\d{1,3})\s*[)）]|"
    r"年\s*(?P<i3>\d{1,2})\s*月号?|\s*[,，]?\s*(?:No\.|no\.|Issue)\s*(?P<i4>\d{1,3}))"
    r"(?P<tail>[^\n]{0,20})$"
)
_ISSUE_FIRST = re.compile(
    r"^\s*(?P<y>(?:19|20)\d\d)\s*年\s*第\s*(?P<i>\d{1,3})\s*期\s*《(?P<j>[^《》]{2,30})》(?P<tail>[^\n]{0,20})$"
)
# a serial as GB/T 7714 cites it: 刊名 2025, 36(4) / 设计，2023，8(4) / Name, 2025, 130(11)
_CITED_ISSUE = re.compile(
    r"^\s*《?(?P<j>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z（）()·&'’. -]{1,60}?)》?\s*[,，]?\s*"
    r"(?P<y>(?:19|20)\d\d)\s*(?:[,，]\s*(?:(?:Vol\.?\s*)?(?P<v>\d{1,4})\s*)?)?"
    r"[(（]\s*(?:No\.?\s*)?(?P<i>\d{1,3})\s*[)）]\s*$"
)
# 《现代图书情报技术》2012年第28卷第7期 / 现代出版 2019年6期: volume between year and issue, or
# the issue without 第
# 《求是》2024/06, 《瞭望》2024.03: a named journal, year and issue number
_SLASHED_ISSUE = re.compile(
    r"^\s*《(?P<j>[^《》]{2,30})》\s*(?P<y>(?:19|20)\d\d)\s*[/.]\s*(?P<i>\d{1,2})\s*(?:期)?"
    r"(?P<tail>[^\n]{0,20})$"
)
_YEAR_VOLUME_ISSUE = re.compile(
    r"^\s*(?:《(?P<j1>[^《》]{2,30})》|(?P<j2>[\u4e00-\u9fff][\u4e00-\u9fff（）()·]{1,28}?))\s*"
    r"(?P<y>(?:19|20)\d\d)\s*年\s*(?:第\s*(?P<v>\d{1,4})\s*卷\s*[,，]?\s*)?(?:第\s*)?"
    r"(?P<i>\d{1,3})\s*期(?P<tail>[^\n]{0,20})$"
)
# 生态学报 2017年（第37卷）: a journal's year and volume; each entry names its issue (第5期 …)
_YEAR_VOLUME = re.compile(
    r"^\s*(?:《(?P<j1>[^《》]{2,30})》|(?P<j2>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z·]{1,28}?))\s*"
    r"[,，]?\s*(?P<y>(?:19|20)\d\d)\s*年?\s*[,，]?\s*[(（]?\s*(?:第\s*(?P<v>\d{1,4})\s*卷|"
    r"Vol\.?\s*(?P<v2>\d{1,4}))\s*[)）]?\s*$"
)
# 第5期 标题 …: an entry under a year-and-volume heading, opening with its issue
_ISSUE_LEAD = re.compile(r"^第\s*(?P<i>\d{1,3})\s*期\s+")
# 《中国国家博物馆馆刊》第11期: a journal's issue without its year
_NAMED_ISSUE = re.compile(r"^\s*《(?P<j>[^《》]{2,30})》\s*第\s*(?P<i>\d{1,3})\s*期\s*$")
# 【《中国历史文物》“文物研究”栏目选目】 / 《编辑学报》目次: a list drawn from one journal, no issue
_JOURNAL_LIST = re.compile(
    r"^\s*[【\[]?\s*《(?P<j>[^《》]{2,30})》\s*(?P<rest>[^《》]{0,24}?)\s*[】\]]?\s*$"
)
_LIST_WORD = re.compile(r"选目|目录|目次|篇目|要目|论文|文章|选辑|栏目")
# English: China Economist Vol. 19, No. 2, 2024 / Journal of X, Vol. 5, No. 3 (2023)
_EN_VOLUME_ISSUE = re.compile(
    r"^\s*(?P<j>[A-Z][A-Za-z'’&. -]{2,60}?)\s*[,|·]?\s*(?:Vol\.?|Volume)\s*(?P<v>\d{1,4})"
    r"\s*[,|·]?\s*(?:No\.?|Issue|Number)\s*(?P<i>\d{1,3})\s*[,|·]?\s*[(（]?(?P<y>(?:19|20)\d\d)[)）]?\s*$"
)
# a name ending like a clause (…景区于, …的, 今年): running text, not a periodical
_CLAUSE_END = re.compile(r"(?:[于在的了是和与及为至到从对将说称]|今年|去年|本刊|本报|本期|全年)$")
_TAIL_VOLUME = re.compile(r"第\s*(?P<v>\d{1,4})\s*卷|Vol\.?\s*(?P<v2>\d{1,4})")
_PAPER_DAY = re.compile(
    r"^\s*(?P<date>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:星期.)?\s*《?(?P<p>[\u4e00-\u9fff]{2,12}?报)》?"
    r"\s*(?:第\s*(?P<e>[A-Z]?\d{1,3})\s*版|(?P<e2>[A-Z]\d{1,2})\s*版?)?\s*(?:[(（][^()（）]{0,10}[)）])?\s*$"
)
_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[A-Za-z]*\.?"
_EN_ISSUE = re.compile(
    rf"^\s*(?P<name>[A-Z][A-Za-z'’&. -]{{2,40}}?)\s*(?:[,|·]\s*)?"
    r"(?:(?:VOL|Vol|vol)\.?\s*(?P<v>\d{1,3})\s*[,|·]?\s*)?(?:(?:NO|No|no|Issue)\.?\s*(?P<n>\d{1,3})\s*[,|·]?\s*)?"
    rf"(?P<date>{_EN_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|{_EN_MONTH}\s+(?:19|20)\d\d)\s*$",
    re.IGNORECASE,
)
_EN_LISTING = re.compile(
    r"^(?P<name>[A-Z][\w'’&. -]{3,60}?),\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)?"
    rf"(?P<date>{_EN_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d)\s*$"
)
_NOT_A_NAME = re.compile(
    r"^(?:Posted|Published|Updated|Released|Date|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
    re.IGNORECASE,
)
_PAGE_FIRST = re.compile(
    r"^(?:[Pp]\.?\s*|第\s*)?(?!(?:19|20)\d\d\s*年)(?P<p>\d{1,4})\s*页?\s*(?:[|｜丨]\s*)?\s"
    r"(?P<t>[^\d\s].{1,})$|"
    r"^(?:[Pp]\.?\s*|第\s*)?(?P<p2>\d{1,4})\s*页?\s*[|｜丨]\s*(?P<t2>[^\d\s].{1,})$|"
    r"^[\[【]\s*(?P<p3>\d{1,4})\s*[\]】]\s*(?P<t3>[^\d\s\[【].{1,})$"  # [909] 标题
)
_EN_DECK = re.compile(r"\s+[—–]\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_RUBRIC = re.compile(
    r"^[A-Z][A-Z'’&. -]{1,30}$|^(?:目\s*录|目\s*次|CONTENTS)$|^[【\[][^【】\[\]]{1,20}[】\]]$|"
    r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*[^\s/／]{1,20}$|^[—－-]{1,2}\s*\S.{0,20}?\s*[—－-]{1,2}$|"
    r"^[=＝]{2,}\s*\S.{0,20}?\s*[=＝]{2,}$"
)
_EDITION_LINE = re.compile(r"^\s*第\s*(?P<e>[A-Z]?\d{1,3})\s*版\s*$")
_DATE_LINE = re.compile(
    r"^(?:19|20)\d\d\s*(?:[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$"
)
# 人民日报 1961年2月15日 第1版: the paper, then its date and page
_PAPER_FIRST = re.compile(
    r"^\s*《?(?P<p>[\u4e00-\u9fff]{2,12}?报)》?\s*(?P<date>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"\s*(?:星期.)?\s*(?:第\s*(?P<e>[A-Z]?\d{1,3})\s*版|(?P<e2>[A-Z]\d{1,2})\s*版?)?"
    r"\s*(?:[(（][^()（）]{0,10}[)）])?\s*$"
)
_CUE_WORD = re.compile(CUES.keyword)
_TAIL_OK = re.compile(
    r"^\s*(?:目次|目录|要目|论文摘要|摘要|文章|新刊速递|速递|[(（][^()（）]{0,20}[)）]|[】\]]|\s)*"
    r"(?:(?<=\s)[\u4e00-\u9fff·、与和]{2,12}\s*)?$"
)
_JOURNAL_NAME = re.compile(
    r"(?:学报|研究|科学|学刊|论丛|论坛|评论|杂志|期刊|月刊|季刊|管理|经济|理论|探索|探讨|问题|前沿|"
    r"世界|纵横|导刊|学|报|刊|信息|情报|文化|教育|科技|技术|社会|文摘|发展|观察|天地|画报|之友|译丛|"
    r"建设|实践|视野|前线|出版|档案|文物|考古|艺术|地理|环境|生态|农业|Journal|Review|"
    r"Studies)$"
)
_DOI_LINE = re.compile(r"^[【\[]?\s*DOI\s*[】\]]?\s*[:：]?\s*10\.\d{4,}", re.IGNORECASE)
_BULLETIN = re.compile(r"(?:专题信息|信息快报|简报|快报|动态|资料|选编|汇编|摘编|选辑)$")
_BULLET = re.compile(r"^\s*(?:[·•●○■◆▲▪]\s*|[-–]\s+)\S")
_LISTING = re.compile(r"目次|目录|要目|速递")
_PAGE = re.compile(
    r"[\s.…·]*[(（]?\s*(?:[Pp]{1,2}\.?|第)?\s*(?P<p>\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?)\s*页?\s*[)）]?\s*$"
)
_LEADERS = re.compile(r"\s*(?:…{1,}|\.{3,}|·{3,}|-{3,}|_{3,})\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]|[（(]\d{1,3}[）)]|[●○■◆▲•·\-–—>]+)\s*")
#: issue headings are short lines
_HEADING_WIDTH = 64
#: a contents list ends after this many lines that are not entries
_GAP = 3


@dataclass(frozen=True, slots=True)
class IssueHeading:
    """A line naming a periodical issue (journal or a newspaper's day and page)."""

    line: int
    container: str
    journal: bool
    issued: PartialDate | None
    issue: str | None
    edition: str | None
    volume: str | None = None
    #: CSL type of the entries listed under it
    entry_type: str = "article-journal"
    #: a bare 目录 of a compilation (no periodical named): entries carry no page
    listing: bool = False


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One entry of a contents list, with the heading it belongs to."""

    line: int
    end_line: int
    title: str
    authors: tuple[str, ...]
    page: str | None
    heading: IssueHeading


# 一、/ 1. / （三）before a heading: the bulletin numbers its journals
_ENUMERATOR = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d)|"
    r"[（(][一二三四五六七八九十\d]{1,3}[)）])\s*"
)
# 【中国航天】2025年第9期: the journal's name in 【】 as others put it in 《》
_SQUARE_NAME = re.compile(r"^\s*【([^【】《》]{2,30})】(?=\s*(?:(?:19|20)\d\d|第|Vol|No))")


# ◆ / ■ / ● before a heading: an ornament, stripped once where headings are read
_ORNAMENT = re.compile(rf"^\s*{ORNAMENT}+\s*")
# 生态学报（Acta Ecologica Sinica）: a journal's English name after its Chinese one
_LATIN_ALIAS = re.compile(r"(?<=[\u4e00-\u9fff》])\s*[(（][A-Za-z][A-Za-z .,&'’:-]{2,60}[)）]")


def _unadorned(text: str) -> str:
    """``text`` without a leading ornament or enumerator."""
    return _ENUMERATOR.sub("", _ORNAMENT.sub("", text, count=1), count=1)


_ISSUE_SEPARATOR = re.compile(r"(?<=\S)\s*[|｜丨·•]\s*(?=(?:19|20)\d\d)")
_BRACKETED_ISSUE = re.compile(r"[(（]\s*((?:19|20)\d\d\s*年[^()（）]{1,16}?期)\s*[)）]")


def issue_heading(text: str, n: int) -> IssueHeading | None:
    """The issue a heading line names, or None."""
    s = _SQUARE_NAME.sub(r"《\1》", _unadorned(fold_width(text).strip()))
    s = _LATIN_ALIAS.sub("", s, count=1)
    # 经济研究 | 2024年第3期, 《经济研究》（2024年第3期）: a bar, dot or bracket around the issue
    s = _ISSUE_SEPARATOR.sub(" ", s)
    s = _BRACKETED_ISSUE.sub(r" \1", s)
    if not s or len(s) > 60:
        return None
    m = _DATE_LINE.match(s)
    if m:
        # a day heading of a newspaper archive: the date (and 版次 on the next line) of what
        # follows; the paper itself is named elsewhere (or is 本报)
        dates = find_dates(s)
        if dates and dates[0].valid:
            return IssueHeading(n, "", False, dates[0].date, None, None)
    m = _PAPER_DAY.match(s) or _PAPER_FIRST.match(s)
    if m and _CUE_WORD.match(m["p"]):
        m = None  # 摘自绍兴日报 2020年5月11日: an attribution, not a heading
    if m is None and "版" in s:
        paper = _paper_page(s, n)
        if paper is not None:
            return paper
    if m:
        dates = find_dates(m["date"])
        return IssueHeading(
            n, m["p"], False, dates[0].date if dates else None, None, m["e"] or m["e2"]
        )
    m = _EN_ISSUE.match(s)
    if m and (m["v"] or m["n"] or "  " in s):
        dates = find_dates(m["date"])
        year = re.search(r"(?:19|20)\d\d", m["date"])
        return IssueHeading(
            n,
            m["name"].strip(),
            True,
            dates[0].date if dates else PartialDate.of(int(year.group(0))) if year else None,
            str(int(m["n"])) if m["n"] else None,
            None,
            str(int(m["v"])) if m["v"] else None,
            "article-magazine",
        )
    m = _EN_LISTING.match(s)
    if m and not _NOT_A_NAME.match(m["name"]):
        # HKSAR Government Press Releases, Thursday, April 14, 2022: a dated index of pages
        dates = find_dates(m["date"])
        if dates and dates[0].valid:
            return IssueHeading(
                n, m["name"].strip(), True, dates[0].date, None, None, None, "webpage"
            )
    found = _cited_heading(s, n)
    if found is not None:
        return found
    m = _ISSUE_FIRST.match(s)
    if m and _TAIL_OK.match(m["tail"]):
        return IssueHeading(n, m["j"].strip(), True, PartialDate.of(int(m["y"])), m["i"], None)
    m = _JOURNAL_ISSUE.match(s)
    if m and _TAIL_OK.match(m["tail"] or ""):
        name = (m["j1"] or m["j2"] or "").strip()
        if not name or name.isdigit():
            return None
        if not m["j1"] and not (_JOURNAL_NAME.search(name) or _LISTING.search(m["tail"] or "")):
            return None  # 刘伯温故里景区于 2020年12月: a sentence, not a journal heading
        if not m["j1"] and _BULLETIN.search(name):
            return None  # 专题信息 2026年第1期: the bulletin's own masthead, no journal
        if not m["j1"] and _CJK.search(name) and re.search(r"\s", name):
            return None  # 标题　作者　刊名 2022(4): an entry naming its source, not a heading
        if m["i3"] and not m["j1"]:
            return None
        issue = m["i1"] or m["i2"] or m["i3"] or m["i4"]
        if issue and not issue.isdigit():
            issue = str(cn_to_int(issue))
        vol = _TAIL_VOLUME.search(m["tail"] or "")
        return IssueHeading(
            n,
            name,
            True,
            PartialDate.of(int(m["y"])),
            str(int(issue)) if issue else None,
            None,
            str(int(vol["v"] or vol["v2"])) if vol else None,
        )
    m = _YEAR_VOLUME.match(s)
    if m and _journal_name(m["j1"] or m["j2"] or "", bool(m["j1"])):
        return IssueHeading(
            n,
            (m["j1"] or m["j2"] or "").strip(),
            True,
            PartialDate.of(int(m["y"])),
            None,
            None,
            str(int(m["v"] or m["v2"])),
        )
    return _undated_heading(s, n)


_PAPER_NAME = re.compile(r"^\s*《?(?P<p>[\u4e00-\u9fff]{2,12}?报)》?")
_PAGE_NUMBER = re.compile(r"第\s*(?P<e>[A-Z]?\d{1,3})\s*版|(?P<e2>[A-Z]\d{1,2})\s*版")


def _paper_page(s: str, n: int) -> IssueHeading | None:
    """A paper's page in any order: its name first, then its 版 (and the page's name in
    brackets) and its day or month (``人民日报 第2版（要闻），2000年8月``, ``人民日报 第2版
    2000年8月1日``)."""
    m = _PAPER_NAME.match(s)
    page = _PAGE_NUMBER.search(s) if m else None
    if m is None or page is None or _CUE_WORD.match(m["p"]):
        return None
    dates = [d for d in find_dates(s) if d.valid]
    if not dates:
        return None
    rest = s[m.end() :]
    for a, b in sorted(
        [(page.start() - m.end(), page.end() - m.end())]
        + [(d.start - m.end(), d.end - m.end()) for d in dates[:1]],
        reverse=True,
    ):
        rest = rest[:a] + " " + rest[b:]
    rest = re.sub(r"[(（][^()（）]{0,10}[)）]|星期.", " ", rest)
    if rest.strip(" \t,，、;；·|"):
        return None  # words besides the page's fields: a sentence
    return IssueHeading(n, m["p"], False, dates[0].date, None, page["e"] or page["e2"])


def _journal_name(name: str, bracketed: bool) -> bool:
    """``name`` may be a periodical's: in 《》, or a short name (a phrase, not a clause), and not
    a bulletin's own masthead. Only used where the issue is explicit (第3期, (4), Vol./No.)."""
    name = name.strip()
    if not name or name.isdigit() or _BULLETIN.search(name):
        return False
    if bracketed:
        return True
    if _CJK.search(name):
        if re.search(r"\s", name):
            return False  # 标题　作者　刊名: an entry's words, not one periodical's name
        return (
            2 <= len(name) <= 20
            and not _CLAUSE_END.search(name)
            and not _CUE_WORD.match(name)
            and (
                bool(_JOURNAL_NAME.search(name))
                or re.fullmatch(r"[\u4e00-\u9fff]+", name) is not None
            )
        )
    # Latin: a capitalised name, not a sentence (few words)
    return len(name.split()) <= 8 and name[:1].isupper()


def _cited_heading(s: str, n: int) -> IssueHeading | None:
    """Issue headings written as a citation (``刊名 2025, 36(4)``, ``刊名 2012年第28卷第7期``,
    ``Journal, Vol. 5, No. 3, 2023``), a journal's issue without a year (``《刊名》第11期``) and
    a list drawn from one journal (``【《刊名》“栏目”选目】``)."""
    m = _CITED_ISSUE.match(s)
    if m and _journal_name(m["j"], s.lstrip().startswith("《")):
        return IssueHeading(
            n,
            m["j"].strip(),
            True,
            PartialDate.of(int(m["y"])),
            str(int(m["i"])),
            None,
            str(int(m["v"])) if m["v"] else None,
        )
    m = _YEAR_VOLUME_ISSUE.match(s)
    if m and (m["v"] or "第" not in s[m.start("y") : m.start("i")]) and _TAIL_OK.match(m["tail"]):
        name = m["j1"] or m["j2"] or ""
        if _journal_name(name, bool(m["j1"])):
            return IssueHeading(
                n,
                name.strip(),
                True,
                PartialDate.of(int(m["y"])),
                str(int(m["i"])),
                None,
                str(int(m["v"])) if m["v"] else None,
            )
    m = _SLASHED_ISSUE.match(s)
    if m and _TAIL_OK.match(m["tail"]):
        return IssueHeading(
            n, m["j"].strip(), True, PartialDate.of(int(m["y"])), str(int(m["i"])), None
        )
    m = _EN_VOLUME_ISSUE.match(s)
    if m and _journal_name(m["j"], False):
        return IssueHeading(
            n,
            m["j"].strip(" ,"),
            True,
            PartialDate.of(int(m["y"])),
            str(int(m["i"])),
            None,
            str(int(m["v"])),
            "article-journal",
        )
    return None


def _undated_heading(s: str, n: int) -> IssueHeading | None:
    """A journal's issue without a year (``《刊名》第11期``) and a list drawn from one journal
    (``【《刊名》“栏目”选目】``, ``《刊名》目次``)."""
    m = _NAMED_ISSUE.match(s)
    if m:
        return IssueHeading(n, m["j"].strip(), True, None, str(int(m["i"])), None)
    m = _JOURNAL_LIST.match(s)
    if (
        m
        and not re.search(r"(?:19|20)\d\d|\d\s*期", m["rest"])
        and (_LIST_WORD.search(m["rest"]) or (not m["rest"] and s.lstrip()[:1] in "【["))
    ):
        return IssueHeading(n, m["j"].strip(), True, None, None, None)
    return None


# the newline is a literal prefix: much faster than a multiline ^ over a whole document
_LISTING_LINE = re.compile(r"\n[ \t]*(?:目[ \t]*录|目[ \t]*次|本期要目|CONTENTS)[ \t]*(?=\n|$)")
_LISTING_START = re.compile(r"\n[ \t目本C]")


def find_listings(lines: LineMap, headings: list[IssueHeading]) -> list[IssueHeading]:
    """``目录`` lines that no issue heading introduces: a compilation's own contents list (its
    entries have no journal; their page numbers are the compilation's, not the works')."""
    near = {h.line for h in headings}
    out = []
    padded = "\n" + lines.text
    # a one-class pattern is cheap to try at every newline; its few lines are then read whole
    for start in _LISTING_START.finditer(padded):
        m = _LISTING_LINE.match(padded, start.start())
        if m is None:
            continue
        n = lines.line_of(m.start())  # the added newline shifts offsets onto the right line
        if any(n - 3 <= k <= n for k in near):
            continue
        out.append(IssueHeading(n, "", True, None, None, None, None, "article", listing=True))
    return out


# lines that may hold a heading the caller's hints miss: a citation-form issue (2025, 36(4),
# Vol. 5, No. 3 (2023)), a volume (第28卷), an issue without 第 (2019年6期), a journal named
# alone (《刊名》…);
# each pattern starts with a literal, so the engine skips ahead to it
_CITED_HINTS = (
    re.compile(r"卷[ \t]*[,，]?[ \t]*第[ \t]*\d{1,3}[ \t]*期"),
    re.compile(r"》[ \t]*(?:19|20)\d\d[ \t]*[/.]"),
    re.compile(r"\(\s*\d{1,4}\s*\)"),
    re.compile(r"（\s*\d{1,3}\s*）"),
    re.compile(r"年[ \t]*(?:第[ \t]*\d{1,4}[ \t]*卷|\d{1,3}[ \t]*期)"),
    re.compile(r"年[ \t]*[(（][ \t]*第[ \t]*\d{1,4}[ \t]*卷"),
)
# a journal named in 《》 before the end of its line (the line must start with it)
_NAMED_HINT = re.compile(r"《[^《》\n]{2,30}》[^\n]{0,24}\n")
# an issue line without the journal's name: 2024年第3期目录, 2024年第40卷第3期, 2024(3),
# 第40卷 第3期 2024年3月, Vol. 40 No. 3 (2024)
_ISSUE_ONLY = re.compile(
    r"^\s*(?:(?P<y>(?:19|20)\d\d)\s*年\s*(?:第\s*(?P<v>\d{1,4})\s*卷\s*[,，]?\s*)?第?\s*"
    r"(?P<i>\d{1,3})\s*期|(?P<y2>(?:19|20)\d\d)\s*[(（]\s*(?P<i2>\d{1,3})\s*[)）]|"
    r"第\s*(?P<v3>\d{1,4})\s*卷\s*[,，]?\s*第\s*(?P<i3>\d{1,3})\s*期\s*[,，]?\s*(?P<y3>(?:19|20)\d\d)"
    r"(?:\s*年(?:\s*\d{1,2}\s*月)?)?|"
    r"Vol\.?\s*(?P<v4>\d{1,4})\s*[,，]?\s*No\.?\s*(?P<i4>\d{1,3})\s*[,，]?\s*[(（]?(?P<y4>(?:19|20)\d\d)[)）]?)"
    r"\s*(?:目\s*录|目\s*次|要目|CONTENTS)?\s*$",
    re.IGNORECASE,
)


def _cited_heading_lines(lines: LineMap) -> list[int]:
    """Short lines holding one of :data:`_CITED_HINTS`, or opening with a 《journal》."""
    if not lines.text:
        return []
    starts = sorted(m.start() for p in _CITED_HINTS for m in p.finditer(lines.text))
    found = lines.lines_of(starts)
    named = lines.lines_of(m.start() for m in _NAMED_HINT.finditer(lines.text + "\n"))
    found += [n for n in named if _unadorned(lines.line(n)).lstrip(" \t\u3000【[").startswith("《")]
    return sorted({n for n in found if len(lines.line(n)) <= _HEADING_WIDTH})


def _opens_list(lines: LineMap, n: int) -> bool:
    """Two of the next eight non-blank lines read as entries with a byline or a page."""
    seen = marked = 0
    for k in range(n + 1, min(lines.count, n + 12) + 1):
        text = _NUMBER_LEAD.sub("", lines.line(k).strip(), count=1)
        if not text:
            continue
        seen += 1
        parsed = _split_entry(text)
        if parsed is not None and (parsed[1] or parsed[2]) and not _running_text(text, parsed):
            marked += 1
        if marked >= 2:
            return True
        if seen >= 8:
            break
    return False


def _issue_under_name(lines: LineMap, n: int) -> IssueHeading | None:
    """An issue line (``2024年第3期目录``, ``第40卷 第3期 2024年3月``, ``Vol. 40 No. 3 (2024)``)
    right under a line naming the journal (``经济研究``, ``《经济研究》``, ``【经济研究】``)."""
    m = _ISSUE_ONLY.match(fold_width(lines.line(n)))
    if m is None:
        return None
    for k in range(n - 1, max(0, n - 3), -1):
        line = _ENUMERATOR.sub("", fold_width(lines.line(k)).strip(), count=1)
        if not line:
            continue
        bracketed = re.fullmatch(r"[《【]([^《》【】]{2,30})[》】]", line)
        name = bracketed.group(1).strip() if bracketed else line
        if bracketed or _journal_name(name, False):
            year = m["y"] or m["y2"] or m["y3"] or m["y4"]
            issue = m["i"] or m["i2"] or m["i3"] or m["i4"]
            volume = m["v"] or m["v3"] or m["v4"]
            return IssueHeading(
                n,
                name,
                True,
                PartialDate.of(int(year)),
                str(int(issue)),
                None,
                str(int(volume)) if volume else None,
            )
        return None
    return None


_DECOR_CHARS = r"\s━─═=＝\-—–~～*＊#◆◇■□●○▲△▶►★☆❖◎※•·|｜"
_DECOR = re.compile(rf"^[{_DECOR_CHARS}]+|[{_DECOR_CHARS}]+$")
_FIELD_LABEL = re.compile(
    r"(?:期刊名称|期刊名|刊名|刊物|出版时间|出版日期|出版年|刊期|期次|Journal|Issue|Date)\s*[:：]\s*",
    re.IGNORECASE,
)
# two letters of a name that are no date word (年 月 日 期 卷 第 号)
_NAME_CHARS = re.compile(r"[^\W\d_年月日期卷第号]{2}")
_LOOSE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_LOOSE_PARTS = (
    # volume, issue, month, the whole-number issue, a list word: each removed from the name
    re.compile(r"第\s*(?P<v>\d{1,4})\s*卷|Vol(?:ume)?\.?\s*(?P<v2>\d{1,4})", re.IGNORECASE),
    re.compile(
        r"第\s*(?P<i>\d{1,3})\s*期|(?:No|Issue)\.?\s*(?P<i2>\d{1,3})|"
        r"(?<=年)\s*(?P<i3>\d{1,3})\s*期|[(（]\s*(?P<i4>\d{1,3})\s*[)）]|"
        r"(?<=\d{4})\s*[-/.]\s*(?P<i5>\d{1,2})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<=年)\s*\d{1,2}\s*月号?|[(（]?\s*总\s*第?\s*\d+\s*期\s*[)）]?"),
    re.compile(r"(?:目\s*录|目\s*次|要目|篇目|导读|CONTENTS)\s*$", re.IGNORECASE),
)
_LOOSE_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9（）()·&'’. -]{1,29}$")


def loose_heading(text: str, n: int) -> IssueHeading | None:
    """A heading of any shape that opens a contents list (the caller checks that entries
    follow): one year, a periodical's name, and the volume and issue when printed, whatever the
    ornaments, labels, brackets and order around them (``━━ 图书情报工作 · 2024 年 第 6 期
    ━━``, ``期刊名称：图书情报知识　出版时间：2024年第2期``, ``No.3 2024 《国家图书馆学刊》``)."""
    if not _NAME_CHARS.search(text):
        return None  # (cheap first: 2024-03-05, 2024年3月: no name at all)
    s = _DECOR.sub("", _unadorned(fold_width(text).strip()))
    if not s or len(s) > _HEADING_WIDTH or len(set(_LOOSE_YEAR.findall(s))) != 1:
        return None
    year = _LOOSE_YEAR.search(s)
    assert year is not None
    volume = issue = None
    for part in _LOOSE_PARTS:
        m = part.search(s)
        if m is None:
            continue
        found = {k: v for k, v in m.groupdict().items() if v}
        volume = volume or found.get("v") or found.get("v2")
        issue = issue or next((v for k, v in found.items() if k.startswith("i")), None)
        s = s[: m.start()] + " " + s[m.end() :]
    s = _LOOSE_YEAR.sub(" ", s, count=1)
    s = _FIELD_LABEL.sub(" ", s)
    s = re.sub(r"(?<![\u4e00-\u9fff])年|[,，:：/|｜·•]", " ", s)
    s = _DECOR.sub("", re.sub(r"\s+", " ", s))
    bracketed = re.fullmatch(r"[《【〔\[<]([^《》【】〔〕]{2,30})[》】〕\]>]", s)
    name = bracketed.group(1).strip() if bracketed else s.strip(" 《》【】〔〕[]")
    if not _LOOSE_NAME.match(name) or _BULLETIN.search(name) or _LISTING.search(name):
        return None
    if _CJK.search(name) and " " in name:
        return None  # 标题 作者: an entry, not a name
    return IssueHeading(
        n,
        name,
        True,
        PartialDate.of(int(year.group(0))),
        str(int(issue)) if issue else None,
        None,
        str(int(volume)) if volume else None,
    )


_JOURNAL_END = re.compile(
    r"(?:学报|研究|学刊|论丛|论坛|评论|杂志|期刊|月刊|季刊|周刊|导刊|译丛|文摘|画报|工作|知识|情报|"
    r"学|报|刊|志|Journal|Review|Quarterly|Studies|Magazine)$"
)


def bare_heading(text: str, n: int) -> IssueHeading | None:
    """A periodical named alone over a contents list (the caller checks that entries follow):
    ``《图书情报工作》``, ``【中国图书馆学报】``, ``中国图书馆学报`` (a name ending as
    periodicals' names do); no year or issue."""
    s = text.strip()
    if len(s) > 34 or not (s[-1:] in "》】〕]" or _JOURNAL_END.search(s)):
        return None  # (the cheap tests first: most lines over a hint are no name)
    s = _DECOR.sub("", _unadorned(fold_width(s)))
    bracketed = re.fullmatch(r"[《【〔\[]([^《》【】〔〕]{2,30})[》】〕\]]", s)
    name = bracketed.group(1).strip() if bracketed else s
    if not _LOOSE_NAME.match(name) or _BULLETIN.search(name) or _LISTING.search(name):
        return None
    if not bracketed and (
        not _JOURNAL_END.search(name) or len(name) > 16 or (_CJK.search(name) and " " in name)
    ):
        return None
    return IssueHeading(n, name, True, None, None, None)


# what an entry's line holds (标题……作者……页码): the line over one may be a heading
_ENTRY_HINTS = ("……", "....")


def _offsets(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` occurs first on a line ending in a digit (str.find: cheaper
    than a regex scan for a literal of Chinese characters)."""
    out: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            eol = text.find("\n", at)
            eol = len(text) if eol < 0 else eol
            if text[eol - 1 : eol].isdigit():  # 标题……作者……12: a page number ends the line
                out.append(at)
            at = text.find(word, eol)
    return out


def _short_below(lines: LineMap, n: int) -> bool:
    """The next line (a blank line between at most) is short, no sentence: maybe an entry."""
    k = n + 1 if n < lines.count and lines.line(n + 1).strip() else n + 2
    if k > lines.count:
        return False
    below = lines.line(k).rstrip()
    return 0 < len(below) <= 100 and below[-1] not in "。！？；"


def _heads_entries(lines: LineMap, n: int) -> bool:
    """An entry under line ``n`` (a blank line between at most), and ``n`` no item of a list
    above it (·甲 ·乙 ·丙)."""
    k = n + 1 if n < lines.count and lines.line(n + 1).strip() else n + 2
    if k > lines.count:
        return False
    below = _NUMBER_LEAD.sub("", lines.line(k).strip(), count=1)
    parsed = _split_entry(below) if below else None
    if parsed is None or not (parsed[1] or parsed[2]):
        return False
    mark = lines.line(n).strip()[:1]
    above = lines.line(n - 1).strip()[:1] if n > 1 else ""
    return not (mark == above and not mark.isalnum() and not "\u4e00" <= mark <= "\u9fff")


def find_issue_headings(lines: LineMap, candidates: list[int]) -> list[IssueHeading]:
    """Issue headings among ``candidates`` (line numbers worth testing), in order.

    A day heading of a newspaper archive (a date alone on its line) continues the paper of the
    last heading that named one, and takes its 版次 from a ``第 1 版`` line right under it.
    """
    out: list[IssueHeading] = []
    paper = ""
    tested = sorted(set(candidates) | set(_cited_heading_lines(lines)))
    found = set(tested)
    entry_like = lines.lines_of(sorted(_offsets(lines.text, _ENTRY_HINTS)))
    for n in sorted(found.union(entry_like)):
        # the line over a line that may be an entry (2024年, (5)): a heading of any shape
        k = n - 1 if n > 1 and lines.line(n - 1).strip() else n - 2
        if k >= 1 and k not in found and lines.line(k).strip():
            found.add(k)
    hinted = frozenset(tested)
    for n in sorted(found):
        h = None
        if n in hinted:  # (a line over an entry holds none of the shapes the hints find)
            h = issue_heading(lines.line(n), n) or _issue_under_name(lines, n)
        if h is None and len(lines.line(n)) <= _HEADING_WIDTH and _short_below(lines, n):
            # a heading of another shape right over an entry: tested last, and only where
            # entries follow it (a name alone under a dated heading is a column of that
            # issue: 编辑学·编辑工作)
            if _LOOSE_YEAR.search(lines.line(n)):
                h = loose_heading(lines.line(n), n)
            elif not any(o.journal and o.issued is not None for o in out):
                h = bare_heading(lines.line(n), n)
            if h is not None and not (_heads_entries(lines, n) and _opens_list(lines, n)):
                h = None
        if h is None or (h.journal and h.issued is None and not _opens_list(lines, n)):
            continue  # 《李先念文选》重要篇目介绍: a title, unless entries follow it
        if h.container and not h.journal:
            paper = h.container
        elif not h.container:
            edition = None
            for k in range(n + 1, min(lines.count, n + 2) + 1):
                m = _EDITION_LINE.match(lines.line(k))
                if m:
                    edition = m["e"]
                    break
            if edition is None:
                continue  # a date alone is a page's header field unless a 版 line follows
            h = IssueHeading(n, paper, False, h.issued, None, edition)
        out.append(h)
    return out


_NOTE = re.compile(r"^[（(][^()（）]*[)）]$")
# a byline after a spaced slash: the entry ends on its line, even when its names do not parse
_SLASH_BYLINE = re.compile(r"\s[/／]\s*[\u4e00-\u9fff]")
# what a contributor did, printed after the names (a space before it): 辑录, 编译, 整理, 译
_ROLE_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?:辑录|编译|整理|选编|摘编|译|编|辑|执笔)\s*$")
_ET_AL_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])\s*[,，、]?\s*等\s*$")
_BRACKETED_BYLINE = re.compile(r"^(?P<t>.{4,}?)\s*[(（](?P<a>[^()（）]{2,60})[)）]\s*$")
# 张三，李四：标题 — the byline first, a colon, then the title
_AUTHOR_FIRST = re.compile(r"^(?P<a>[^:：/]{2,24}?)\s*[:：]\s*(?P<t>\S.+)$")
# a Latin name: initials and a family name (X Yang, Y. Jiang) or given and family (Liyun Wang)
_EN_NAME_PART = r"(?:[A-Z]\.?(?:[ -][A-Z]\.?)*|[A-Z][a-z]+)\s+[A-Z][A-Za-z'’-]+"
_EN_BYLINE = re.compile(
    rf"^(?P<t>.{{8,}}?[^A-Z\s])\.\s+(?P<a>{_EN_NAME_PART}(?:\s*,\s*{_EN_NAME_PART})*)\.?\s*$"
)


def _split_entry(text: str) -> tuple[str, tuple[str, ...], str | None] | None:
    """``标题 作者 (页码)`` / ``标题/作者`` / ``标题……作者……页码`` -> (title, authors, page)."""
    text = fold_width(text)  # ／ and （第90-95页） in full width read as the ASCII forms
    pf = _PAGE_FIRST.match(text.strip())
    if pf:
        title = pf["t"] or pf["t2"] or pf["t3"]
        if not _CJK.search(title):
            # 12 The Highway of Hope — A Beautiful Road connects…: the deck after the dash
            title = _EN_DECK.split(title, maxsplit=1)[0]
            return clean_title(title), (), str(int(pf["p"] or pf["p2"] or pf["p3"]))
        # 7　标题 ………… 作者: the page first, then an entry of its own shape
        inner = _split_entry(title) if not _PAGE_FIRST.match(title.strip()) else None
        if inner is not None and inner[2] is None:
            return inner[0], inner[1], str(int(pf["p"] or pf["p2"] or pf["p3"]))
        return clean_title(title), (), str(int(pf["p"] or pf["p2"] or pf["p3"]))
    s = _NUMBERED.sub("", text.strip())
    if not s or len(s) > 160:
        return None
    page = None
    pm = _PAGE.search(s)
    if pm and pm.start() > 4:
        page = re.sub(r"\s+", "", pm["p"]).replace("—", "-").replace("–", "-").replace("~", "-")
        s = s[: pm.start()].rstrip().rstrip("/").rstrip()  # 标题/作者/81: the page's slash
    s = _ROLE_TAIL.sub("", s)  # 标题 / 范 军 辑录: the byline's role is no name
    bracketed = _BRACKETED_BYLINE.match(s)
    if bracketed:
        in_brackets = _names(bracketed["a"])
        if in_brackets and _is_names_only(bracketed["a"], in_brackets):
            # 标题（作者一　作者二）: the byline in brackets after the title
            return clean_title(bracketed["t"]), tuple(in_brackets), page
    lead = _AUTHOR_FIRST.match(s)
    if lead:
        byline = _names(lead["a"])
        if byline and _is_names_only(lead["a"], byline) and len(lead["t"]) >= 4:
            return clean_title(lead["t"]), tuple(byline), page  # 作者：标题
    en = _EN_BYLINE.match(s)
    if (
        en
        and not _CJK.search(s)
        and ("," in en["a"] or re.match(r"[A-Z]\.?[ -]", en["a"]) is not None)
    ):
        # Title. X Yang, X Liu, Liyun Wang: Latin names after the title's full stop
        return clean_title(en["t"]), tuple(a.strip() for a in en["a"].split(",")), page
    parts = [p for p in _LEADERS.split(s) if p.strip()]
    if len(parts) >= 2:
        title, rest = parts[0], " ".join(parts[1:])
        return clean_title(title), tuple(_names(rest)), page
    if "/" in s:
        title, _, rest = s.rpartition("/")
        slashed = _names(rest)
        if slashed and len(rest) <= 40 and _is_names_only(rest, slashed, separated=True):
            return clean_title(title), tuple(slashed), page
    # 标题 作者1 作者2: the names at the end, after a space (等 after them: more authors)
    s = _ET_AL_TAIL.sub("", s)
    tokens = s.split()
    names: list[str] = []
    while len(tokens) > 1:
        tail = tokens[-1]
        # 祝 彦: a two-character name padded to three
        if len(tail) == 1 and len(tokens) > 2 and len(tokens[-2]) == 1:
            cand = tokens[-2] + tail
            if looks_like_person(cand):
                names.insert(0, cand)
                tokens = tokens[:-2]
                continue
        if looks_like_person(tail.strip("，,、等")):
            names.insert(0, tail.strip("，,、等"))
            tokens.pop()
            continue
        parts2 = [t for t in re.split(r"[、，,]", tail) if t]
        if len(parts2) > 1 and all(looks_like_person(t) for t in parts2):
            names[:0] = parts2
            tokens.pop()
            continue
        break
    title = " ".join(tokens)
    if len(title) < 4:
        return None
    return clean_title(title), tuple(names), page


def _listing(lines: LineMap, n: int) -> bool:
    """The heading says it lists contents (目次, 目录), or a CONTENTS line follows it."""
    if _LISTING.search(lines.line(n)):
        return True
    for k in range(n + 1, min(lines.count, n + 3) + 1):
        text = lines.line(k).strip()
        if text:
            return bool(re.fullmatch(r"CONTENTS|Contents|目\s*录|目\s*次|本期要目", text))
    return False


def find_contents(
    lines: LineMap, headings: list[IssueHeading], skip: frozenset[int] = frozenset()
) -> list[ContentsEntry]:
    """Entries of the contents lists that follow journal headings; ``skip``: lines that are
    attributions (never entries)."""
    out: list[ContentsEntry] = []
    # an issue line right under an entry (indented, or alternating with entries) is that
    # entry's own source, not the heading of a list
    trailing = _trailing_headings(lines, headings)
    for h in headings:
        if h.line in trailing:
            parsed = _split_entry(_NUMBER_LEAD.sub("", lines.line(h.line - 1).strip(), count=1))
            if parsed is not None:
                out.append(ContentsEntry(h.line - 1, h.line, parsed[0], parsed[1], parsed[2], h))
    skip = skip | {k for h in headings if h.line in trailing for k in (h.line - 1, h.line)}
    listed = [h for h in headings if h.line not in trailing]
    starts = [h.line for h in listed]
    # the document's first line names the bulletin; PDF text repeats it as a page header
    masthead = lines.line(1).strip() if lines.count else ""
    masthead = masthead if len(masthead) >= 6 and not issue_heading(masthead, 1) else ""
    # one heading per entry or two, many times over: an issue per article, each entry bare
    journals = [h.line for h in listed if h.journal]
    gaps = [b - a for a, b in itertools.pairwise(journals)]
    dense = len(journals) >= 3 and sorted(gaps)[len(gaps) // 2] <= 4
    for k, h in enumerate(listed):
        if not h.journal:
            continue
        first = len(out)
        stop = starts[k + 1] if k + 1 < len(starts) else lines.count + 1
        gap = 0
        last: ContentsEntry | None = None
        last_raw = ""
        # a list whose entries carry bullets (·, •) leaves its column names without them
        region = range(h.line + 1, min(stop, h.line + 400))
        bulleted = sum(1 for n in region if _BULLET.match(lines.line(n))) >= 2
        # 1, 2, 3 … in order: the entries are numbered, the numbers are not pages
        numbered = _numbered_run(lines, region)
        paged = not numbered and (
            sum(1 for n in region if _PAGE_FIRST.match(lines.line(n).strip())) >= 3
        )
        # entries end in "/ author": a line without a bullet may be a wrapped entry
        slashed = sum(1 for n in region if "/" in fold_width(lines.line(n))) >= 2
        # entries end in a page number (…… 26, (384)): a line without one is a column name,
        # an entry's deck, or the first half of a wrapped title
        tailed = _page_tailed(lines, region)
        # the shapes of the entries so far (a list repeats one shape), and whether a section
        # label stood between the last entry and this line
        shapes: list[tuple[bool, str]] = []
        labelled = False
        for n in range(h.line + 1, stop):
            line = lines.line(n)
            text = line.strip()
            if numbered:
                text = _NUMBER_LEAD.sub("", text, count=1)
            if h.journal and h.issue is None:
                text = _ISSUE_LEAD.sub("", text, count=1)  # 第5期 标题: read on below
            if text and _RUBRIC.match(text):
                labelled = True
                continue
            if _NOTE.match(text):
                continue  # （本期编辑：…）: an editor's note in brackets, no entry
            if masthead and text.startswith(masthead):
                continue  # the bulletin's name repeated at the top of a page (PDF furniture)
            if not text or n in skip or _DOI_LINE.match(text):
                continue  # (an article's DOI under the issue line is no entry)
            pm = _PAGE_FIELD.match(text)
            if pm:
                if last is not None and last.page is None:
                    last = ContentsEntry(last.line, n, last.title, last.authors, pm["p"], h)
                    out[-1] = last
                continue  # 页码：982-994 under an entry: its pages
            under = last is not None and n == last.end_line + 1 and _indent(line) > 0
            names, page = _byline_with_page(text, under=under)
            if last is not None and names:
                # the byline of the entry above, on its own line (with the page, if printed)
                last = ContentsEntry(
                    last.line, n, last.title, last.authors + tuple(names), last.page or page, h
                )
                out[-1] = last
                continue
            if last is not None and text.startswith(("——", "—", "--")) and n == last.end_line + 1:
                # ——副标题 under the entry: its subtitle, part of the title (GB/T 7714 §8.2)
                parts = _split_entry(text.lstrip("—-").strip())
                if parts is not None and parts[0]:
                    # ——副标题　作者: the subtitle, then (often) the byline and page
                    last = ContentsEntry(
                        last.line,
                        n,
                        f"{last.title}——{parts[0]}",
                        last.authors + parts[1],
                        last.page or parts[2],
                        h,
                    )
                    out[-1] = last
                continue
            if last is not None and line[:2] in ("  ", "\t ", "\t\t") and n == last.end_line + 1:
                continue  # an indented deck under the entry: its subtitle, not an entry
            parsed = _split_entry(text)
            if _running_text(text, parsed):
                gap += 1
                if gap >= _GAP:
                    break
                continue
            if tailed and parsed is not None and parsed[2] is None and not _BULLET.match(line):
                nxt = _next_line(lines, n, stop)
                joined = _split_entry(text + " " + lines.line(nxt).strip()) if nxt else None
                if (
                    nxt
                    and joined is not None
                    and joined[2] is not None
                    and len(text) >= _WRAP_WIDTH
                ):
                    gap = 0
                    last = ContentsEntry(n, nxt, joined[0], joined[1], joined[2], h)
                    last_raw = text
                    out.append(last)
                    skip = skip | {nxt}
                continue  # a column name (or a wrapped title, joined above)
            if bulleted and not _BULLET.match(line):
                if (
                    slashed
                    and last is not None
                    and last_raw
                    and ("/" not in last_raw or text.startswith("/") or len(text) <= 2)
                ):
                    # a hard wrap: the entry above goes on (its title, or its byline)
                    last_raw = last_raw.rstrip() + text
                    joined = _split_entry(last_raw)
                    if joined is not None:
                        last = ContentsEntry(last.line, n, joined[0], joined[1], joined[2], h)
                        out[-1] = last
                continue  # else a column name between bulleted entries
            if paged and not _PAGE_FIRST.match(text):
                continue  # a column name or an entry's deck in a list led by page numbers
            if (
                parsed is not None
                and not (parsed[1] or parsed[2])
                and not bulleted
                and not _SLASH_BYLINE.search(text)  # 标题 / 某某 辑: an entry, ended
            ):
                wrapped = _wrapped_entry(lines, n, stop, text)
                if wrapped is not None:
                    # a title wrapped onto the next lines, the last carrying the byline or page
                    end, joined = wrapped
                    gap = 0
                    last = ContentsEntry(n, end, joined[0], joined[1], joined[2], h)
                    last_raw = text
                    out.append(last)
                    skip = skip | set(range(n + 1, end + 1))
                    continue
            if parsed is None or len(parsed[0]) < (2 if bulleted or parsed[1] else 5):
                continue  # a column name (栏目) or a stray word
            shape = _shape(line)
            if (
                labelled
                and len(shapes) >= 3
                and shapes.count(shape) < max(map(shapes.count, shapes))
            ):
                break  # after a section label, entries of another shape: another list
            labelled = False
            shapes.append(shape)
            gap = 0
            title, authors, page = parsed
            last = ContentsEntry(n, n, title, authors, page, h)
            last_raw = text
            out.append(last)
        mine = out[first:]
        if h.journal and h.issue is None:
            # entries opening with 第N期 under a year-and-volume heading: each its own issue
            for k, e in enumerate(mine):
                lead = _ISSUE_LEAD.match(_NUMBER_LEAD.sub("", lines.line(e.line).strip(), count=1))
                if lead:
                    mine[k] = replace(e, heading=replace(h, issue=str(int(lead["i"]))))
            out[first:] = mine
        if h.listing and sum(1 for e in mine if e.page) * 2 < len(mine):
            # a bulletin's own "本期要目": pointers to the articles below, which carry their
            # sources themselves
            del out[first:]
            continue
        if h.listing:
            mine = _without_common_prefix(
                [e.__class__(e.line, e.end_line, e.title, e.authors, None, h) for e in mine]
            )
            out[first:] = mine
            if len(mine) < 3:
                del out[first:]
            continue
        marked = sum(1 for e in mine if e.authors or e.page)
        if len(mine) < 2 and not marked and not dense:
            del out[first:]  # one title-like line under a heading is not a contents list
        elif (
            marked * 2 < len(mine)
            and not (bulleted or paged or _listing(lines, h.line))
            and not (dense and len(mine) <= 2)
        ):
            del out[first:]  # mostly bare lines: running text of a post, not a contents list
    covered = {k for e in out for k in range(e.line, e.end_line + 1)}
    out += _inline_entries(lines, skip | covered | {h.line for h in headings})
    return sorted(out, key=lambda e: e.line)


# an entry that names its own source at its end: 标题／作者．《刊名》2024年第3期,
# 作者：标题，《刊名》2023年第5期，第12-20页。, 标题　作者　刊名 2022(4)
_INLINE_SOURCE = re.compile(
    r"(?P<src>《[^《》]{2,30}》\s*[,，]?\s*(?:19|20)\d\d\s*(?:年[^，,。.；;《》]{0,14}?期|"
    r"[,，(（/.][^，,。；;《》]{0,12}?[)）\d])|"
    r"(?<=[\s,，．.])[\u4e00-\u9fff][\u4e00-\u9fff（）()·]{1,20}\s*[,，]?\s*(?:19|20)\d\d\s*"
    r"(?:年\s*(?:第\s*\d{1,4}\s*卷\s*)?第?\s*\d{1,3}\s*期|[,，]\s*\d{1,4}\s*[(（]\s*\d{1,3}\s*[)）]|"
    r"[(（]\s*\d{1,3}\s*[)）]))"
    r"\s*(?:[,，:：]\s*(?:第\s*)?(?P<p>\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?)\s*页?)?\s*[。.]?\s*$"
)
# each starts with a literal (the engine skips ahead): 《刊名》2024…, or a line ending in (4)
_INLINE_HINTS = (
    re.compile(r"》[ \t]*[,，]?[ \t]*(?:19|20)\d\d"),
    re.compile(r"\)[ \t]*[。.]?[ \t]*\n"),
    re.compile(r"）[ \t]*[。.]?[ \t]*\n"),
)
#: inline entries come in lists: at least this many in a document (or numbered ones)
_INLINE_MIN = 2
_TITLE_COMMA_NAMES = re.compile(r"^(?P<t>.{4,}?)\s*[,，]\s*(?P<a>[^,，]{2,30})$")


def _inline_entries(lines: LineMap, skip: frozenset[int] | set[int]) -> list[ContentsEntry]:
    """Entries that carry their journal and issue on their own line (no heading above them)."""
    text = lines.text + "\n"
    starts = sorted(m.start() for p in _INLINE_HINTS for m in p.finditer(text))
    found: list[ContentsEntry] = []
    for n in lines.lines_of(min(k, len(lines.text) - 1) for k in starts if lines.text):
        if n in skip:
            continue
        raw = lines.line(n)
        line = fold_width(raw).strip()
        if not line or len(line) > 160 or "。" in line.rstrip("。"):
            continue
        m = _INLINE_SOURCE.search(line)
        if m is None:
            continue
        heading = issue_heading(m["src"], n)
        if heading is None or not heading.journal:
            continue
        head = _NUMBER_LEAD.sub("", line[: m.start()], count=1).strip(" ，,．.。/／;；")
        if len(head) < 4:
            continue
        parsed = _split_entry(head)
        tc = _TITLE_COMMA_NAMES.match(head) if parsed is None or not parsed[1] else None
        if tc:
            names = _names(tc["a"])
            if names and _is_names_only(tc["a"], names, separated=True):
                parsed = (clean_title(tc["t"]), tuple(names), None)  # 标题，作者，《刊》…
        if parsed is None or len(parsed[0]) < 4:
            continue
        page = m["p"].replace(" ", "") if m["p"] else parsed[2]
        found.append(ContentsEntry(n, n, parsed[0], parsed[1], page, heading))
    numbered = sum(1 for e in found if _NUMBER_LEAD.match(lines.line(e.line)))
    return found if len(found) >= _INLINE_MIN or numbered else []


_NUMBER_LEAD = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]|[（(]\d{1,3}[）)]|\d{1,3}(?=\s))\s*")
# 页码：982-994 / pp. 45-67 / P45: an entry's pages on their own line
_PAGE_FIELD = re.compile(
    r"^(?:页码|页|pp?\.?)\s*[:：]?\s*(?P<p>\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?)\s*页?$", re.IGNORECASE
)
# a line that ends in a page number, after leaders, a space or in brackets
_TAIL_PAGE = re.compile(
    r"(?:[.…·]{3,}|\s|[(（])\s*(?:P|p|第)?\s*\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?\s*页?\s*[)）]?$"
)
#: a line at least this long, right above an entry, is the first half of a wrapped title
_WRAP_WIDTH = 24


def _shape(line: str) -> tuple[bool, str]:
    """The shape of an entry line: numbered or not, and what separates title and byline."""
    text = fold_width(line).strip()
    lead = bool(_NUMBER_LEAD.match(text))
    if _LEADERS.search(text):
        return lead, "leaders"
    if "/" in text:
        return lead, "slash"
    return lead, "other"


def _numbered_run(lines: LineMap, region: range) -> bool:
    """The lines of ``region`` that start with a number count 1, 2, 3 … (at least three)."""
    nums = []
    for n in region:
        m = re.match(r"^\s*(\d{1,3})(?:\s*[.、．]|\s)", lines.line(n))
        if m:
            nums.append(int(m.group(1)))
    return len(nums) >= 3 and nums[:3] == [1, 2, 3]


def _page_tailed(lines: LineMap, region: range) -> bool:
    """Most lines of ``region`` that start at the margin end in a page number (at least
    three); indented lines (decks, bylines) are not counted."""
    texts = [fold_width(lines.line(n)) for n in region]
    texts = [t.strip() for t in texts if t.strip() and not _indent(t)][:60]
    tails = sum(1 for t in texts if _TAIL_PAGE.search(t) and not _TAIL_OK.match(t))
    return tails >= 3 and tails * 2 >= len(texts)


def _next_line(lines: LineMap, n: int, stop: int) -> int | None:
    """The line right under ``n`` when it is not blank (a hard wrap leaves no gap)."""
    return n + 1 if n + 1 < stop and lines.line(n + 1).strip() else None


#: a title wraps over at most this many lines
_WRAP_LINES = 4


def _wrapped_entry(
    lines: LineMap, n: int, stop: int, text: str
) -> tuple[int, tuple[str, tuple[str, ...], str | None]] | None:
    """The entry begun on line ``n`` (a bare title part) and ended on a line below that carries
    its byline or page; lines between are full-width fragments of the same column width."""
    joined = text
    for k in range(n + 1, min(stop, n + _WRAP_LINES)):
        nxt = lines.line(k).strip()
        if not nxt or _RUBRIC.match(nxt):
            return None
        if _byline_with_page(nxt, under=_indent(lines.line(k)) > 0)[0]:
            return None  # a byline of its own under the title: the title is whole
        rest = _split_entry(nxt)
        if rest is not None and (rest[1] or rest[2]):
            if not _continues(joined if k == n + 1 else text, nxt, rest):
                return None
            whole = _split_entry(joined + nxt)
            return (k, whole) if whole is not None and (whole[1] or whole[2]) else None
        if abs(len(nxt) - len(text)) > 2 or len(text) < 8:
            return None  # a bare line of its own length: another title, not a fragment
        joined += nxt
    return None


def _continues(first: str, second: str, rest: tuple[str, tuple[str, ...], str | None]) -> bool:
    """``second`` finishes the entry begun by ``first``: it opens with the byline's comma, or
    its own title part is short next to ``first`` (影响研究……刘闯 under a long first line)."""
    if second.startswith(("，", ",", "、", "/", "／")):
        return True
    if not (rest[1] or rest[2]) or len(first) < 8:
        return False
    return len(rest[0]) * 2 <= len(first) or rest[0][:1].islower()


def _running_text(text: str, parsed: tuple[str, tuple[str, ...], str | None] | None) -> bool:
    """A sentence of running text, not an entry: it ends like a sentence, or (when it carries
    no byline or page) holds a comma; a byline's commas (张三，李四) do not count."""
    if text.endswith(("。", "！", "？")) or len(text) > 160 or "。" in text:
        return True
    marked = parsed is not None and bool(parsed[1] or parsed[2])
    return not marked and "，" in text


def _byline_with_page(text: str, *, under: bool = False) -> tuple[list[str], str | None]:
    """``曹金磊 高健 姜育彦 (1732)``: the names of a byline line and the page it ends in;
    ``under``: the line sits indented right under its entry (a name the surname table does not
    know, 阿旺久美, may stand among known ones there)."""
    text = fold_width(text).strip()
    if not _CJK.search(text) and _LEADERS.search(text):
        return [], None  # Title ........ 12: an entry, not a byline
    if not _CJK.search(text):
        # Latin title-case phrases read like names: only ``By …`` is a byline here
        if not text.startswith("By "):
            return [], None
        text = text[3:]
    page = None
    pm = _PAGE.search(text)
    body = text
    if pm and pm.start() > 0:
        page = re.sub(r"\s+", "", pm["p"]).replace("—", "-").replace("–", "-").replace("~", "-")
        body = text[: pm.start()].rstrip()
    body = _LEADERS.sub(" ", body).strip()  # 　苏洁琼　蒋洪强……９: names, leaders, page
    body = _ET_AL_TAIL.sub("", body)  # 吴翠霞　颉继珍　包琼　等: more authors than printed
    names = _names(body)
    if names and _is_names_only(body, names, separated=under):
        return names, page
    if under:
        # every token a name's length, most of them known names: 邢睿　…　阿旺久美　谢然尼玛
        tokens = [t for t in re.split(r"[\s、，,;；]+", body) if t]
        if tokens and _is_names_only(body, tokens, separated=True):
            return tokens, page
    return [], None


def _trailing_headings(lines: LineMap, headings: list[IssueHeading]) -> set[int]:
    """Headings that are the source line of the entry right above them: the issue line sits
    indented under an entry with a byline (``1  标题／作者`` then ``   《刊名》第11期``)."""
    lines_of = {h.line for h in headings if h.journal}
    out = set()
    for h in headings:
        if h.line not in lines_of or h.line < 2:
            continue
        above = lines.line(h.line - 1).strip()
        if not above or h.line - 1 in lines_of:
            continue
        parsed = _split_entry(_NUMBER_LEAD.sub("", above, count=1))
        if parsed is None or not (parsed[1] or "/" in fold_width(above)):
            continue  # the line above is no entry with a byline
        if _indent(lines.line(h.line)) > _indent(lines.line(h.line - 1)):
            out.add(h.line)
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u3000"))


def _without_common_prefix(entries: list[ContentsEntry]) -> list[ContentsEntry]:
    """``人民网评:标题`` on every entry: the column's name, not part of each title."""
    heads = [re.match(r"^([^:：]{2,8})[:：]\s*(\S.*)$", e.title) for e in entries]
    if len(entries) >= 3 and all(heads) and len({m.group(1) for m in heads if m}) == 1:
        return [
            ContentsEntry(e.line, e.end_line, m.group(2), e.authors, e.page, e.heading)
            for e, m in zip(entries, heads, strict=True)
            if m
        ]
    return entries


def _is_names_only(text: str, names: list[str], *, separated: bool = False) -> bool:
    """``text`` is a byline: the ``names`` cover it, and each looks like a person's name. Where
    the entry's shape already separates the byline (``标题／作者，作者``), a name the surname
    table does not know (洪延姬) may stand among known ones: most must look like names."""
    body = re.sub(r"^(?:作者|文)\s*[:：/]\s*", "", text.strip())
    if sum(map(len, names)) < len(re.sub(r"[\s、，,;；]", "", body)) - 1:
        return False
    known = sum(1 for n in names if looks_like_person(n))
    if not separated:
        return known == len(names)
    shaped = all(
        re.fullmatch(r"[\u4e00-\u9fff·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40}", n) for n in names
    )
    return shaped and known * 2 > len(names)


_DOMAIN = re.compile(r"^(?:www\.)?(?P<label>[a-z0-9-]{3,30})\.(?:com|cn|org|net)(?:\.cn)?$", re.I)
_EN_NAME = re.compile(r"[A-Z][a-z]+(?: (?:[A-Z][a-z]+|of|the|and|&))*")
#: how many lines above a heading (and at the top of the document) may name its periodical
_NAME_LINES = 4


def _spells(label: str, name: str) -> bool:
    """``bjreview`` spells ``Beijing Review``: the same first letter, the label's letters in
    order through the name, and the name's last word inside the label."""
    words = name.lower().split()
    flat = "".join(words)
    if not words or flat[:1] != label[:1] or words[-1] not in label or len(words[-1]) < 3:
        return False
    it = iter(flat)
    return all(c in it for c in label)


def named_periodical(heading: IssueHeading, lines: LineMap) -> IssueHeading:
    """A heading naming its periodical by web address only (``WWW.BJREVIEW.COM VOL.64 NO.22``)
    takes the name the document gives it above (``一、Beijing Review``) or at its top."""
    m = _DOMAIN.match(heading.container.strip())
    if not m:
        return heading
    label = m["label"].lower().replace("-", "")
    above = range(max(1, heading.line - _NAME_LINES), heading.line)
    top = range(1, min(lines.count, _NAME_LINES) + 1)
    for n in [*reversed(above), *top]:
        for cand in _EN_NAME.findall(lines.line(n)):
            if _spells(label, cand):
                from dataclasses import replace

                return replace(heading, container=cand)
    return heading
