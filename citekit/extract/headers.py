"""Articles known only by their page header: a title over a date line, no source named.

Consumes the folded lines, their roles and the line spans records already cover; produces
:class:`HeaderArticle` values for web clippings whose header block gives a day (and perhaps
authors) but names no source — ``标题`` / ``发布时间:2020-06-29 10:55:43`` / body, or the day
above the title (``2014年12月22日 09:09:46`` / ``标题`` / ``吴绮敏`` / body). Such a record has no
container; its low confidence says so. A header block that holds an attribution cue is the
attribution's business and is never taken here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from ..model import PartialDate
from .bylines import is_name_list, looks_like_person, parse_names_after_roles, split_run
from .cues import CUES, Role, alternation
from .dates import find_dates
from .fold import fold_text
from .layout import Roles, is_header_field
from .outlets import outlet_names
from .patterns import trie_pattern
from .text import LineMap
from .titles import not_a_deck

__all__ = [
    "HeaderArticle",
    "find_breadcrumb_articles",
    "find_header_articles",
    "find_outlet_articles",
    "header_authors",
    "is_article_metadata",
    "is_outlet_line",
]

# a day with its year: 2020-06-29, 2023/11/21, 2014年12月22日, 2020 年 4 月 19 日 (literal
# prefixes 19 and 20 let the engine skip ahead)
_DAYS = tuple(
    re.compile(p + r"\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)") for p in ("19", "20")
)
#: a header line is short; the title sits this close to it
_HEADER_WIDTH = 80
_REACH = 3
#: how many lines of running text are looked through for an attribution closing the article
_BODY_REACH = 60
# a labelled field of a page or a document's metadata table (发文机关：…, 作者：…)
_FIELD = re.compile(
    r"^\s*(?:标\s*题|发文机关|发布机关|发文单位|索引号|主题分类|发文字号|文号)\s*[:：]|"
    + CUES.labels.pattern,
    re.IGNORECASE,
)
_DATE_TIME = re.compile(
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_DOI = re.compile(r"^[【\[]?\s*DOI\s*[】\]]?\s*[:：]?\s*10\.\d{4,}", re.IGNORECASE)
# a field of the article's own metadata (中图分类号:G258.2 文献标识码:A, [关键词] …)
_ARTICLE_FIELD = re.compile(rf"^[【\[〔(（]?\s*{alternation(CUES.article_field)}\s*[】\]〕)）:：]")
#: an article-metadata line is short (an abstract is running text)
_FIELD_WIDTH = 80
_AUTHOR_LABEL = re.compile(r"(?:作者|撰稿|撰文|文)\s*[:：/]")


@dataclass(frozen=True, slots=True)
class HeaderArticle:
    """A title and the header line under (or over) it that dates it."""

    start: int
    end: int
    title_start: int
    title_end: int
    issued: PartialDate
    authors: tuple[str, ...]
    #: a line of the header naming the journal issue (人民论坛·学术前沿 2020年17期), if any
    issue_line: int | None = None
    #: names printed together that could not be told apart (warned about, not split)
    unsplit: str | None = None


def _date_lines(lines: LineMap) -> list[int]:
    starts = sorted(m.start() for p in _DAYS for m in p.finditer(lines.text))
    return [n for n in lines.lines_of(starts) if len(lines.line(n).strip()) <= _HEADER_WIDTH]


# a page's header set as a list: - 2025-06-01 / - 專題 / - 新報人 / - 記者:張智浩
_BULLET_FIELD = re.compile(r"^[-*•·]\s+\S.{0,24}$")


@cache
def _outlet_line() -> re.Pattern[str]:
    """Any known outlet's name, on folded text: a line that is only a name holds one, so
    :func:`find_outlet_articles` asks only the lines this finds (one C scan of the text)."""
    names = [n for n in outlet_names() if n]
    return re.compile(trie_pattern(names) if names else r"(?!)")


def is_outlet_line(text: str) -> bool:
    """A header line that is only a known outlet's name (``Xinhua``, ``CGTN``, ``- 人民日报``)."""
    s = text.strip().lstrip("-*•· \t").strip()
    return 0 < len(s) <= 40 and fold_text(s) in outlet_names()


def _is_header(roles: Roles, k: int) -> bool:
    text = roles.text(k)
    return bool(text) and (
        is_header_field(text)
        or roles.role(k) in (Role.BYLINE, Role.FURNITURE)
        or bool(_BULLET_FIELD.match(text))
        or is_outlet_line(text)
    )


def is_article_metadata(text: str) -> bool:
    """A line of the article's own metadata: its DOI, or a short labelled field."""
    return bool(_DOI.match(text)) or (
        len(text) <= _FIELD_WIDTH and bool(_ARTICLE_FIELD.match(text))
    )


def _closed_below(roles: Roles, starts: list[int], line: int) -> bool:
    """An attribution or record starts (``starts``, sorted) within reach below ``line`` with only
    running text between: it closes the article and names its source."""
    i = bisect.bisect_right(starts, line)
    if i == len(starts) or starts[i] - line > _BODY_REACH:
        return False
    return all(roles.role(k) in (Role.BODY, Role.BLANK) for k in range(line + 1, starts[i]))


def _title_block(roles: Roles, top: int, floor: int) -> tuple[int, int] | None:
    """The title line ending at ``top`` (one deck above it allowed), not below ``floor``."""
    if top <= floor or not roles.is_titlelike(top) or roles.role(top) != Role.TITLE:
        return None
    if len(roles.text(top)) < 4 or _FIELD.match(roles.text(top)):
        return None  # a mark (·) or a labelled field (发文机关：…), no headline
    first = top
    if (
        top - 1 > floor
        and roles.role(top - 1) == Role.TITLE
        and roles.is_titlelike(top - 1)
        and not not_a_deck(roles.text(top - 1))  # 关键词:…, ━━ 2017年 ━━, 其他
    ):
        first = top - 1
    return first, top


_RUN = re.compile(r"^[\u4e00-\u9fff]{4,24}$")


def _unsplit(roles: Roles, lines: range) -> str | None:
    """A run of names after a header's date that :func:`.bylines.split_run` cannot cut."""
    for k in lines:
        text = roles.text(k)
        rest = _DATE_TIME.sub(" ", text).strip()
        if rest != text and _RUN.match(rest) and split_run(rest) is None:
            return rest
    return None


def header_authors(roles: Roles, lines: range) -> tuple[str, ...]:
    """The persons named on header ``lines`` (bylines, 作者: fields, a day run into a name)."""
    names: list[str] = []
    for k in lines:
        text = roles.text(k)
        if not text:
            continue
        rest = _DATE_TIME.sub(" ", text).strip()
        if roles.role(k) == Role.BYLINE or is_name_list(text):
            found = parse_names_after_roles(text, bare=True)
        elif _AUTHOR_LABEL.search(text):
            found = parse_names_after_roles(text)
        elif rest != text and rest.isalpha() and looks_like_person(rest):
            found = (rest,)  # 2020-11-13 10:29贺建风: the day, then the author
        elif rest != text and _RUN.match(rest) and split_run(rest):
            found = split_run(rest) or ()  # 2022-02-28 17:27林春香李雨霞: names run together
        else:
            continue
        names += [n for n in found if n not in names]
    return tuple(names)


#: how many lines of running text a page's closing fields line may sit under
_TEXT_ABOVE = 4


def _title_over_text(
    roles: Roles, n: int, floor: int, cue_lines: frozenset[int]
) -> tuple[int, int] | None:
    """Title / a few lines of text / ``编辑:… 时间:2023-05-19 17:53:48 点击:123``: a page's
    labelled fields closing the article (nothing but a blank line or the end under them)."""
    text = roles.text(n)
    if ":" not in text and "：" not in text:
        return None
    if n < roles.lines.count and roles.role(n + 1) == Role.BODY:
        return None
    k = n - 1
    while k > floor and n - k <= _TEXT_ABOVE and roles.role(k) == Role.BODY:
        k -= 1
    if k == n - 1 or k in cue_lines:
        return None
    span = _title_block(roles, k, floor)
    if span is not None and span[0] - 1 > floor and roles.role(span[0] - 1) == Role.BODY:
        return None  # a line inside running text, not a headline opening an article
    return span


class _Coverage:
    """Line spans, asked whether any overlaps lines ``lo``-``hi`` (binary search)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each index
        top = 0
        for _, e in spans:
            top = max(top, e)
            self.reach.append(top)

    def __call__(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_right(self.starts, hi)
        return i > 0 and self.reach[i - 1] >= lo


def find_header_articles(
    lines: LineMap,
    roles: Roles,
    covered: list[tuple[int, int]],
    cue_lines: frozenset[int],
    issue_lines: frozenset[int] = frozenset(),
) -> list[HeaderArticle]:
    """Titles dated by a header line that no record covers, in line order; ``issue_lines``:
    lines naming a journal issue, which a header block may hold (the article's journal)."""
    out: list[HeaderArticle] = []
    floor = 0
    # where records and attribution cues start (an article's closing attribution is one)
    starts = sorted({s for s, _ in covered} | cue_lines)
    is_covered = _Coverage(covered)
    for n in _date_lines(lines):
        if n <= floor or n in cue_lines or is_covered(n, n):
            continue
        if not is_header_field(roles.text(n)):
            continue
        dates = [d for d in find_dates(roles.text(n)) if d.valid and d.date.year]
        if not dates:
            continue
        # the title above, header lines between; else the title right under the date line
        k = n - 1
        while k > floor and n - k <= _REACH and (_is_header(roles, k) or not roles.text(k)):
            if k in cue_lines:
                break  # another article's attribution: its title is not this date's
            k -= 1
        span = _title_block(roles, k, floor) if k not in cue_lines else None
        below = closing = False
        if span is None and not roles.text(n + 1):
            # text above and a blank line under: the page's fields close the article above
            span = _title_over_text(roles, n, floor, cue_lines)
            closing = span is not None
        if span is None:
            k = n + 1
            while k <= lines.count and k - n <= 2 and not roles.text(k):
                k += 1
            span = _title_block(roles, k, n) if k <= lines.count else None
            below = span is not None
        if span is None:
            continue
        first, last = span
        # the header block: from the title (or date) down to the first line of running text
        end = max(n, last)
        issue = None
        while end + 1 <= lines.count and end - max(n, last) < _REACH:
            nxt = end + 1
            if nxt in issue_lines and issue is None:
                issue = end = nxt  # 世界教育信息 2024年7期 under the date and authors
                continue
            if (
                not roles.text(nxt)
                or _is_header(roles, nxt)
                or is_article_metadata(roles.text(nxt))
            ):
                end = nxt
                continue
            break
        lo, hi = min(first, n), end
        while below and lo - 1 > floor and lo - 1 not in cue_lines and _is_header(roles, lo - 1):
            lo -= 1  # - 有線新聞 / - 2023年10月04日 / title: the header's lines over the day
        no_text = not closing and (end + 1 > lines.count or roles.role(end + 1) != Role.BODY)
        if issue is None and no_text and not header_authors(roles, range(lo, hi + 1)):
            # no running text follows: a list of titles and days, not an article (unless the
            # header names the journal issue or the authors: a repost's header alone is one)
            continue
        if is_covered(lo, hi) or any(c in cue_lines for c in range(lo, hi + 1)):
            continue
        if _closed_below(roles, starts, hi):
            continue  # the article is that attribution's
        authors = header_authors(roles, range(lo, hi + 1))
        unsplit = None if authors else _unsplit(roles, range(lo, hi + 1))
        out.append(HeaderArticle(lo, hi, first, last, dates[0].date, authors, issue, unsplit))
        floor = hi if not below else max(hi, last)
    return out


def _short_lines_naming_outlets(lines: LineMap) -> list[int]:
    """The lines of at most 44 characters (stripped) that hold a known outlet's name."""
    folded = fold_text(lines.text)  # as long as the text: offsets agree
    out: list[int] = []
    search = _outlet_line().search
    m = search(folded)
    while m is not None:
        start = folded.rfind("\n", 0, m.start()) + 1
        end = folded.find("\n", m.end())
        end = len(folded) if end < 0 else end
        if len(folded[start:end].strip()) <= 44:
            out.append(lines.line_of(start))
        m = search(folded, end + 1)  # each line judged once
    return out


def find_outlet_articles(
    lines: LineMap, roles: Roles, covered: list[tuple[int, int]], cue_lines: frozenset[int]
) -> list[HeaderArticle]:
    """Titles over a line that is only a known outlet's name (``Xinhua``, ``CGTN``) with
    running text under it, no record covering them and no attribution closing the text: the
    outlet printed the article; its day is not printed."""
    out: list[HeaderArticle] = []
    starts = sorted({s for s, _ in covered} | cue_lines)
    is_covered = _Coverage(covered)
    floor = 0
    for n in _short_lines_naming_outlets(lines):
        text = roles.text(n)
        if n < 2 or n >= lines.count:
            continue
        if not text or len(text) > 44 or n in cue_lines or not is_outlet_line(text):
            continue
        if roles.role(n + 1) != Role.BODY or is_covered(n - 2, n):
            continue
        span = _title_block(roles, n - 1, floor)
        if span is None:
            continue
        first, last = span
        if is_covered(first, n):
            continue
        if _closed_below(roles, starts, n):
            continue  # an attribution closing the article names its source
        out.append(HeaderArticle(first, n, first, last, PartialDate(), ()))
        floor = n
    return out


# 首頁 > 散文 > 正文, 文匯首頁 >> 內地 >> 正文: a page's breadcrumb trail
_CRUMBS = re.compile(
    r"^\S{0,8}(?:首页|首頁|主页|主頁)\s*(?:(?:>>?|＞|»|→)\s*[^>＞»→]{1,20}?\s*){1,5}$"
)


def find_breadcrumb_articles(
    lines: LineMap, roles: Roles, covered: list[tuple[int, int]], cue_lines: frozenset[int]
) -> list[HeaderArticle]:
    """Site name / breadcrumb trail / title / header fields (作者:…) / text, no record covering
    them and no attribution closing the text: a web page known by its header; the site's name
    above the trail is the container."""
    out: list[HeaderArticle] = []
    starts = sorted({s for s, _ in covered} | cue_lines)
    is_covered = _Coverage(covered)
    for n in lines.lines_of(m.start() for m in re.finditer("[首主][页頁]", lines.text)):
        if n in cue_lines or not _CRUMBS.match(roles.text(n)) or n + 1 > lines.count:
            continue
        top = n + 1
        if not roles.is_titlelike(top) or len(roles.text(top)) < 4:
            continue
        end = top
        while end + 1 <= lines.count and end - top < _REACH and _is_header(roles, end + 1):
            end += 1
        if end + 1 > lines.count or roles.role(end + 1) != Role.BODY:
            continue
        name = roles.text(n - 1) if n > 1 else ""
        site = n - 1 if 0 < len(name) <= 12 and not any(c in name for c in "。，,；;（()）") else n
        if is_covered(site, end) or any(c in cue_lines for c in range(site, end + 1)):
            continue
        if _closed_below(roles, starts, end):
            continue  # an attribution closing the article names its source
        authors = header_authors(roles, range(top + 1, end + 1))
        dates = [d for k in range(n, end + 1) for d in find_dates(roles.text(k)) if d.valid]
        issued = dates[0].date if dates and dates[0].date.year else PartialDate()
        out.append(HeaderArticle(site, end, top, top, issued, authors))
    return out
