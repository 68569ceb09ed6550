"""Issue headings and journal-contents bulletins (期刊目次速递, 新刊速递).

Consumes the folded document lines; produces

* :class:`IssueHeading` values: a line that names a periodical issue — ``《经济研究》2024年第3期``,
  ``中国行政管理 2024(5)``, ``1951年9月15日人民日报 第1版`` — which gives its container, date,
  issue and 版次 to every record under it (until the next heading);
* :class:`ContentsEntry` values: the entries of a contents list under a journal heading —
  ``标题 作者 (页码)``, ``标题/作者``, ``标题……作者……页码`` — with or without page numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import PartialDate
from ..numerals import cn_to_int
from .bylines import _names, looks_like_person
from .cues import CUES
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
    r"^(?:[Pp]\.?\s*|第\s*)?(?P<p>\d{1,3})\s*页?\s*(?:[|｜丨]\s*)?\s(?P<t>[^\d\s].{1,})$|"
    r"^(?:[Pp]\.?\s*|第\s*)?(?P<p2>\d{1,3})\s*页?\s*[|｜丨]\s*(?P<t2>[^\d\s].{1,})$"
)
_EN_DECK = re.compile(r"\s+[—–]\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_RUBRIC = re.compile(r"^[A-Z][A-Z'’&. -]{1,30}$|^(?:目\s*录|目\s*次|CONTENTS)$")
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
    r"^\s*(?:目次|目录|要目|论文摘要|摘要|文章|新刊速递|速递|[(（].{0,10}[)）]|[】\]]|\s)*$"
)
_JOURNAL_NAME = re.compile(
    r"(?:学报|研究|科学|学刊|论丛|论坛|评论|杂志|期刊|月刊|季刊|管理|经济|理论|探索|探讨|问题|前沿|"
    r"世界|纵横|导刊|学|报|刊|信息|情报|文化|教育|科技|技术|社会|文摘|发展|观察|天地|Journal|Review|"
    r"Studies)$"
)
_DOI_LINE = re.compile(r"^[【\[]?\s*DOI\s*[】\]]?\s*[:：]?\s*10\.\d{4,}", re.IGNORECASE)
_BULLETIN = re.compile(r"(?:专题信息|信息快报|简报|快报|动态|资料|选编|汇编|摘编|选辑)$")
_BULLET = re.compile(r"^\s*(?:[·•●○■◆▲▪]\s*|[-–]\s+)\S")
_LISTING = re.compile(r"目次|目录|要目|速递")
_PAGE = re.compile(
    r"[\s.…·]*[(（]?\s*(?:P|p|第)?\s*(?P<p>\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?)\s*页?\s*[)）]?\s*$"
)
_LEADERS = re.compile(r"\s*(?:…{1,}|\.{3,}|·{3,}|-{3,}|_{3,})\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]|[（(]\d{1,3}[）)]|[●○■◆▲•·\-–—>]+)\s*")
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


def issue_heading(text: str, n: int) -> IssueHeading | None:
    """The issue a heading line names, or None."""
    s = text.strip()
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
    if m:
        dates = find_dates(m["date"])
        return IssueHeading(
            n, m["p"], False, dates[0].date if dates else None, None, m["e"] or m["e2"]
        )
    m = _EN_ISSUE.match(s)
    if m and (m["v"] or m["n"] or "  " in s):
        dates = find_dates(m["date"])
        return IssueHeading(
            n,
            m["name"].strip(),
            True,
            dates[0].date if dates else None,
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
        if m["i3"] and not m["j1"]:
            return None
        issue = m["i1"] or m["i2"] or m["i3"] or m["i4"]
        if issue and not issue.isdigit():
            issue = str(cn_to_int(issue))
        return IssueHeading(
            n, name, True, PartialDate.of(int(m["y"])), str(int(issue)) if issue else None, None
        )
    return None


# the newline is a literal prefix: much faster than a multiline ^ over a whole document
_LISTING_LINE = re.compile(r"\n[ \t]*(?:目[ \t]*录|目[ \t]*次|本期要目|CONTENTS)[ \t]*(?=\n|$)")


def find_listings(lines: LineMap, headings: list[IssueHeading]) -> list[IssueHeading]:
    """``目录`` lines that no issue heading introduces: a compilation's own contents list (its
    entries have no journal; their page numbers are the compilation's, not the works')."""
    near = {h.line for h in headings}
    out = []
    for m in _LISTING_LINE.finditer("\n" + lines.text):
        n = lines.line_of(m.start())  # the added newline shifts offsets onto the right line
        if any(n - 3 <= k <= n for k in near):
            continue
        out.append(IssueHeading(n, "", True, None, None, None, None, "article", listing=True))
    return out


def find_issue_headings(lines: LineMap, candidates: list[int]) -> list[IssueHeading]:
    """Issue headings among ``candidates`` (line numbers worth testing), in order.

    A day heading of a newspaper archive (a date alone on its line) continues the paper of the
    last heading that named one, and takes its 版次 from a ``第 1 版`` line right under it.
    """
    out: list[IssueHeading] = []
    paper = ""
    for n in candidates:
        h = issue_heading(lines.line(n), n)
        if h is None:
            continue
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


def _split_entry(text: str) -> tuple[str, tuple[str, ...], str | None] | None:
    """``标题 作者 (页码)`` / ``标题/作者`` / ``标题……作者……页码`` -> (title, authors, page)."""
    text = fold_width(text)  # ／ and （第90-95页） in full width read as the ASCII forms
    pf = _PAGE_FIRST.match(text.strip())
    if pf:
        title = pf["t"] or pf["t2"]
        if not _CJK.search(title):
            # 12 The Highway of Hope — A Beautiful Road connects…: the deck after the dash
            title = _EN_DECK.split(title, maxsplit=1)[0]
        return clean_title(title), (), str(int(pf["p"] or pf["p2"]))
    s = _NUMBERED.sub("", text.strip())
    if not s or len(s) > 160:
        return None
    page = None
    pm = _PAGE.search(s)
    if pm and pm.start() > 4:
        page = re.sub(r"\s+", "", pm["p"]).replace("—", "-").replace("–", "-").replace("~", "-")
        s = s[: pm.start()].rstrip()
    parts = [p for p in _LEADERS.split(s) if p.strip()]
    if len(parts) >= 2:
        title, rest = parts[0], " ".join(parts[1:])
        return clean_title(title), tuple(_names(rest)), page
    if "/" in s:
        title, _, rest = s.rpartition("/")
        slashed = _names(rest)
        if slashed and len(rest) <= 30 and _is_names_only(rest, slashed):
            return clean_title(title), tuple(slashed), page
    # 标题 作者1 作者2: the names at the end, after a space
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
    starts = [h.line for h in headings]
    for k, h in enumerate(headings):
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
        paged = sum(1 for n in region if _PAGE_FIRST.match(lines.line(n).strip())) >= 3
        # entries end in "/ author": a line without a bullet may be a wrapped entry
        slashed = sum(1 for n in region if "/" in lines.line(n)) >= 2
        for n in range(h.line + 1, stop):
            line = lines.line(n)
            text = line.strip()
            if not text or _RUBRIC.match(text) or n in skip or _DOI_LINE.match(text):
                continue  # (an article's DOI under the issue line is no entry)
            if last is not None and line[:2] in ("  ", "\t ", "\t\t") and n == last.end_line + 1:
                continue  # an indented deck under the entry: its subtitle, not an entry
            if text.endswith(("。", "！", "？")) or len(text) > 160 or "。" in text or "，" in text:
                gap += 1
                if gap >= _GAP:
                    break
                continue
            names = _names(text)
            if last is not None and names and _is_names_only(text, names):
                # the byline of the entry above, on its own line
                last = ContentsEntry(
                    last.line, n, last.title, last.authors + tuple(names), last.page, h
                )
                out[-1] = last
                continue
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
            parsed = _split_entry(text)
            if parsed is None or len(parsed[0]) < (2 if bulleted else 5):
                continue  # a column name (栏目) or a stray word
            gap = 0
            title, authors, page = parsed
            last = ContentsEntry(n, n, title, authors, page, h)
            last_raw = text
            out.append(last)
        mine = out[first:]
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
        if len(mine) < 2 and not marked:
            del out[first:]  # one title-like line under a heading is not a contents list
        elif marked * 2 < len(mine) and not (bulleted or paged or _listing(lines, h.line)):
            del out[first:]  # mostly bare lines: running text of a post, not a contents list
    return out


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


def _is_names_only(text: str, names: list[str]) -> bool:
    body = re.sub(r"^(?:作者|文)\s*[:：/]\s*", "", text.strip())
    return (
        all(looks_like_person(n) for n in names)
        and sum(map(len, names)) >= len(re.sub(r"[\s、，,;；]", "", body)) - 1
    )


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
