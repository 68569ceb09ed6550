"""The GB/T 7714 entry grammar: one formatted entry -> a CSL-JSON item; a list -> its entries.

Shared by ``formats.gbt_text`` (reference lists) and ``extract`` (reference lines inside a
bulletin), so neither imports the other. Reads entries as CNKI, Wanfang and VIP print them or
as copied out of a thesis: 2015 and 2025 punctuation, half- or full-width, numeric or
author-date, Chinese and English, numbered ``[1]``, ``1.``, ``（1）`` or not, one entry per
line or wrapped over several.

Each entry is parsed from the GB/T 7714 grammar: the document type code (``[J]``, ``[M]``,
``[EB/OL]`` ...) splits it into what precedes it (authors, author-date year, title) and what
follows it, and the code says which fields follow (serial: ``刊名，年，卷（期）：页码``; book:
``出版地：出版者，出版年：页码``; part: ``//`` container; newspaper: ``报名，日期（版次）`` ...).
Values are cut from the text as written (full-width punctuation inside a title is kept); only
the parsing looks at a half-width copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import DateError, Name, PartialDate, is_cjk

__all__ = ["LABEL_RE", "MAX_ENTRY", "TYPE_RE", "parse_entry", "parse_names", "split_entries"]

#: full-width -> half-width, one character for one, so offsets stay valid in both copies
_HALF = str.maketrans("，：；（）．［］／！？　〔〕「」", ",:;().[]/!? [][]")
#: a year mis-read by OCR (2O15, 20l7): O and l stand for 0 and 1 in the parsing copy
_OCR_YEAR = re.compile(r"\b[12][0-9Ol]{3}\b")

#: GB/T 7714 document type codes (2015 and 2025) -> CSL type of a whole item
_TYPES: dict[str, str] = {
    "M": "book",
    "C": "paper-conference",
    "G": "book",
    "N": "article-newspaper",
    "J": "article-journal",
    "D": "thesis",
    "R": "report",
    "S": "standard",
    "P": "patent",
    "DB": "dataset",
    "DS": "dataset",
    "CP": "software",
    "EB": "webpage",
    "A": "collection",
    "CM": "map",
    "PP": "article",
    "Z": "document",
    "K": "document",
}
_TYPE_RE = re.compile(
    r"\[\s*(DB|DS|CP|EB|CM|PP|[MCGNJDRSPAZK])\s*(?:/\s*(OL|CD|DK|MT|CD-ROM))?\s*\]"
)
_LABEL_RE = re.compile(
    # "1." has at most three digits: a wrapped line may start with a year ("2019. 北京…")
    r"^\s*(?:[\[［]\s*\d{1,4}\s*[\]］]|[(（]\s*\d{1,4}\s*[)）]|\d{1,3}\s*[.．、](?!\d))\s*"
)
_HEADING_RE = re.compile(
    r"^\s*#*\s*(参考文献|主要参考文献|references?|bibliography)\s*[:：]?\s*$", re.I
)
_YEAR = r"(?:\[?c?\d{4}\]?[a-z]?(?:-\d{1,2}(?:-\d{1,2})?)?(?:[—–-]\d{0,4})?(?:\([^)]*\))?)"
_AD_YEAR_RE = re.compile(rf"^(?P<names>.*?)\s*,\s*(?P<year>{_YEAR})$")
_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.I)
_DOI_RE = re.compile(r"(?:^|[.,]\s*|\s)DOI\s*:\s*(10\.\S+?(?:\s\S+?)*?)\.?\s*$", re.I)
_CSTR_RE = re.compile(r"(?:^|\.\s*|\s)CSTR\s*:\s*(\S+?)\.?\s*$", re.I)
_ACCESSED_RE = re.compile(r"\[(\d{4}-\d{1,2}-\d{1,2})\]\s*$")
_UPDATED_RE = re.compile(r"\(\s*(\d{4}(?:-\d{1,2}){0,2})\s*\)\s*$")
_EDITION_RE = re.compile(
    r"^(?:\d+\s*版|[^\s,:]{1,8}[版本]|\d+(?:st|nd|rd|th)\s+ed\.?|[A-Z][a-z]+\.?\s+ed\.?|"
    r"第\s*\d+\s*版)$"
)
_TRANSLATOR_RE = re.compile(r"^(?P<names>.+?)\s*,?\s*(?:译|譯|trans(?:lated)?\.?)$", re.I)
_PAGE_RE = re.compile(r"^[\dA-Za-z序扉页前言后记附录插图版自第\s,+\-—–~.]+$")
_STD_NO_RE = re.compile(
    r"^((?:[A-Z]{1,4}(?:/[A-Z]{1,2})?|ISO/IEC)\s*[\d.]+(?:[:—–-]\d{2,4})?)\s+(.+)$"
)
_NUMBER_TAIL_RE = re.compile(
    r"^(?P<title>.+?)[:：]\s*(?P<no>(?:[A-Z]{1,4}(?:/[A-Z]{1,2})?\s)?[A-Za-z0-9][\w.\-—/:]*)$"
)
_SCALE_RE = re.compile(r"^(?P<title>.+?)\.\s*(?P<scale>1\s*:\s*[\d,]+)$")
_DIMENSIONS_RE = re.compile(r"^\d+(?:\.\d+)?\s*cm\s*[×x]\s*\d+(?:\.\d+)?\s*cm$")
_PROCEEDINGS = re.compile(
    r"论文集|文集|会议|proceedings|proc\b|conference|symposium|workshop", re.I
)
#: an entry longer than this is not one GB/T entry (kept as raw text); bounds the parse time
MAX_ENTRY = 2000
#: a role after a Chinese name (主编, 编著, 等著 …), not part of it
_ROLE_RE = re.compile(r"\s*(?:等\s*)?(?:主编|编著|编写|编译|著述|合著|等著|等编|校注|点校)$")
_ET_AL = {"等", "et al", "et al.", "等.", "etal"}
_ANONYMOUS = {"佚名", "anon", "anon.", "anonymous"}


# ------------------------------------------------------------------------------- text spans


@dataclass(frozen=True, slots=True)
class _T:
    """A piece of the entry: ``o`` as written, ``n`` the half-width copy used for parsing."""

    o: str
    n: str

    @classmethod
    def of(cls, text: str) -> _T:
        half = text.translate(_HALF)
        half = _OCR_YEAR.sub(lambda m: m.group(0).replace("O", "0").replace("l", "1"), half)
        # OCR reads the closing bracket of a type code followed by // as l or 1: [Cl/ -> [C]/
        half = re.sub(r"(?<=\[[A-Z])[l1I|](?=\s*/)", "]", half)
        return cls(text, half)

    def date(self, start: int, end: int) -> PartialDate:
        """The date at ``start:end``: read from the parsing copy, kept as written if invalid."""
        try:
            return PartialDate.parse(
                re.sub(r"(\d{4})[a-z]$", r"\1", self.n[start:end].strip("[] "))
            )
        except DateError:
            return PartialDate.raw(self.o[start:end].strip())

    def cut(self, start: int, end: int | None = None) -> _T:
        return _T(self.o[start:end], self.n[start:end])

    def strip(self, chars: str = " \t.") -> _T:
        left = len(self.n) - len(self.n.lstrip(chars))
        right = len(self.n.rstrip(chars))
        return self.cut(left, max(left, right))

    def __bool__(self) -> bool:
        return bool(self.n.strip())

    def __str__(self) -> str:
        return self.o


def _separators(t: _T) -> list[re.Match[str]]:
    """The ``. `` that separate GB/T elements, in order."""
    found = {m.start(): m for m in _separator_matches(t)}
    return [found[k] for k in sorted(found)]


def _separator_matches(t: _T) -> Iterator[re.Match[str]]:
    """The ``. `` that separate GB/T elements (not ``U.S.``, not a decimal point)."""
    for m in re.finditer(
        r"\.(?:\s+|(?=[\u4e00-\u9fff《“\"\[])|(?=[A-Z](?:[a-z0-9]|\s))|(?=(?:19|20)\d\d\b))", t.n
    ):
        i = m.start()
        if i >= 2 and t.n[i - 1].isupper() and t.n[i - 2] == ".":
            continue  # the end of an abbreviation such as U.S.
        yield m
    for m in re.finditer(r"(?:(?<=et al)|(?<=等))\.(?=[A-Za-z0-9])", t.n):
        yield m  # 等: the names end here even without a space (…,et al.GLAS/ICESat …)


def _split(t: _T) -> list[_T]:
    """``t`` cut at its element separators."""
    out, last = [], 0
    for m in _separators(t):
        out.append(t.cut(last, m.start()))
        last = m.end()
    out.append(t.cut(last))
    return [p.strip() for p in out if p]


# ------------------------------------------------------------------------------------ names


def _parse_name(text: str) -> Name:
    """One name as GB/T 7714 prints it: 陈登原, ``FRESE K S``, ``Frese K S``, a body."""
    text = text.strip()
    if not re.search(r"\b(?:Inc|Ltd|Co|Corp)\.$", text):
        text = text.rstrip(".")
    if is_cjk(text) and not re.search(r"[A-Za-z]{2}", text):
        return Name(literal=re.sub(r"\s+", "", text))
    parts = text.split()
    initials = 0
    for p in reversed(parts):
        if re.fullmatch(r"[A-Z](?:-[A-Z])?\.?|[A-Z]\.[A-Z]\.?", p):
            initials += 1
        else:
            break
    if 0 < initials < len(parts):
        return Name(family=" ".join(parts[:-initials]), given=" ".join(parts[-initials:]))
    if "," in text:
        return Name.parse(text)
    return Name(literal=text)


def parse_names(text: str) -> tuple[Name, ...]:
    """A GB/T name list: ``潘紫麟，刘庆鹏``, ``FAN X, SOMMERS C H``, ``于潇，刘义，等``.

    Separators ``,`` ``，`` ``;`` ``；`` ``、``; ``等``/``et al.`` become the CSL name ``others``
    (citekit's renderer prints the style's et-al term after the names given).
    """
    names: list[Name] = []
    more = False
    for piece in re.split(r"[,，;；、]", text):
        piece = piece.strip()
        if not piece:
            continue
        low = piece.lower()
        if low in _ET_AL or piece in _ET_AL:
            more = True
            continue
        role = _ROLE_RE.search(piece) if is_cjk(piece) else None
        if role and role.start() >= 2:
            piece = piece[: role.start()].strip()  # 王五主编, 李四等编著: the role is not the name
            more = more or "等" in role.group(0)
        if piece.endswith("等") and len(piece) > 2 and is_cjk(piece):
            piece, more = piece[:-1].strip(), True
        if re.fullmatch(r"(?:Jr|Sr|II|III|IV)\.?", piece) and names:
            prev = names[-1]
            names[-1] = Name(
                family=prev.family, given=prev.given, literal=prev.literal, suffix=piece.rstrip(".")
            )
            continue
        if low in _ANONYMOUS:
            continue
        if re.fullmatch(r"(?:inc|ltd|co|llc|corp|plc)\.?", low) and names and names[-1].literal:
            names[-1] = Name(literal=f"{names[-1].literal}, {piece}")
            continue
        names.append(_parse_name(piece))
    if more:
        names.append(Name(family="others"))
    return tuple(names)


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text.strip("[] "))
    except DateError:
        return PartialDate.raw(text.strip())


# ----------------------------------------------------------------------------- the grammar


@dataclass
class _Entry:
    """What parsing found so far (CSL-JSON variables)."""

    csl: dict[str, Any]
    author_date: bool = False
    #: the year after the authors (author-date); a fuller date in the tail wins
    ad_year: PartialDate | None = None

    def put(self, var: str, value: _T | str | None) -> None:
        text = str(value).strip() if value is not None else ""
        if text:
            self.csl[var] = text


def _pub_statement(
    t: _T, e: _Entry, *, place_var: str = "publisher-place", pub_var: str = "publisher"
) -> bool:
    """``出版地：出版者，出版年：页码`` (the year is in the head of an author-date entry)."""
    n = t.n
    m = re.fullmatch(rf"({_YEAR})(?:\s*:\s*(.+))?", n)
    if m:  # only the year (and pages): 2015: 250-259
        e.csl["issued"] = t.date(m.start(1), m.end(1))
        if m.group(2):
            e.put("page", t.cut(m.start(2), m.end(2)))
        return True
    m = re.search(rf",\s*({_YEAR})(?:\s*:\s*([^:]+))?$", n)
    if m:
        left = t.cut(0, m.start())
        e.csl["issued"] = t.date(m.start(1), m.end(1))
        if m.group(2):
            e.put("page", t.cut(m.start(2), m.end(2)))
    else:
        left = t
        parts = [i for i, c in enumerate(n) if c == ":"]
        if parts:
            last = parts[-1]
            tail = n[last + 1 :].strip()
            if len(parts) >= 2 or (_PAGE_RE.match(tail) and re.search(r"\d|扉页", tail)):
                e.put("page", t.cut(last + 1))
                left = t.cut(0, last)
    left = left.strip(" ,")
    if not left:
        return "issued" in e.csl
    colon = left.n.find(":")
    if colon > 0:
        e.put(place_var, left.cut(0, colon).strip(" ,"))
        e.put(pub_var, left.cut(colon + 1).strip(" ,"))
    else:
        e.put(pub_var, left)
    return True


def _serial(t: _T, e: _Entry) -> bool:
    """``刊名，年，卷（期）：页码`` (author-date: ``刊名，卷（期）：页码``) or ``刊名，日期``."""
    n = t.n
    m = re.fullmatch(r"(.+?),\s*(\d{4}-\d{1,2}(?:-\d{1,2})?)", n)
    if m:
        e.put("container-title", t.cut(0, m.end(1)))
        e.csl["issued"] = t.date(m.start(2), m.end(2))
        return True
    m = re.fullmatch(r"(.+?),\s*(\d+\s*[-—–~]\s*\d+)", n)
    if m:  # CNKI's online-first article: 刊名:1-10[引用日期] (no year, volume or issue yet)
        e.put("container-title", t.cut(0, m.end(1)))
        e.put("page", t.cut(m.start(2), m.end(2)))
        return True
    year = "" if e.author_date else r",\s*(?P<y>\d{4}[a-z]?)"
    rx = (
        rf"(?P<c>.+?){year}(?:,\s*(?P<v>[^():,]+?))?(?:,?\s*\((?P<i>[^()]+)\))?"
        r"(?:\s*:\s*(?P<p>.+))?"
    )
    m = re.fullmatch(rx, n)
    if m is None and e.author_date:
        m = re.fullmatch(rx.replace(r"(?:,\s*(?P<v>", r"(?:,\s*(?:\d{4}[a-z]?,\s*)?(?P<v>"), n)
    if m is None:
        return False
    e.put("container-title", t.cut(0, m.end("c")))
    if m.groupdict().get("y"):
        e.csl["issued"] = t.date(m.start("y"), m.end("y"))
    for var, g in (("volume", "v"), ("issue", "i"), ("page", "p")):
        if m.group(g):
            e.put(var, t.cut(m.start(g), m.end(g)))
    return True


def _newspaper(t: _T, e: _Entry) -> bool:
    """``报纸名，出版日期（版次）``."""
    m = re.fullmatch(r"(.+?),\s*(\d{4}(?:-\d{1,2}){0,2})(?:\s*\(([^()]+)\))?", t.n)
    if m is None:
        return False
    e.put("container-title", t.cut(0, m.end(1)))
    e.csl["issued"] = t.date(m.start(2), m.end(2))
    if m.group(3):
        e.put("page", t.cut(m.start(3), m.end(3)))
    return True


def _dated(t: _T, e: _Entry) -> bool:
    """``公告日期：页码`` (patents), ``2012-01-16`` (reports online)."""
    m = re.fullmatch(rf"({_YEAR})(?:\s*:\s*(.+))?", t.n)
    if m is None:
        return False
    e.csl["issued"] = t.date(m.start(1), m.end(1))
    if m.group(2):
        e.put("page", t.cut(m.start(2), m.end(2)))
    return True


def _peel_link(t: _T, e: _Entry) -> _T:
    """Take DOI, CSTR, URL, [引用日期] and （更新日期） off the end of the tail."""
    for rx, var in ((_DOI_RE, "DOI"), (_CSTR_RE, "CSTR"), (_DOI_RE, "DOI")):
        m = rx.search(t.n)
        if m and var not in e.csl:
            e.put(var, t.o[m.start(1) : m.end(1)])
            t = t.cut(0, m.start()).strip()
    urls = list(_URL_RE.finditer(t.n))
    if urls:
        u = urls[-1]
        e.put("URL", t.o[u.start() : u.end()].rstrip("."))
        t = t.cut(0, u.start()).strip()
    m = _ACCESSED_RE.search(t.n)
    if m:
        e.csl["accessed"] = _date(m.group(1))
        t = t.cut(0, m.start()).strip(" ")
    m = _UPDATED_RE.search(t.n)
    if m and not re.search(r"\d\s*$", t.n[: m.start()]):
        e.csl["issued"] = _date(m.group(1))
        t = t.cut(0, m.start()).strip(" ")
    return t.strip()


def _head(t: _T, e: _Entry) -> _T:
    """Authors (and the author-date year) off the front; returns the title part."""
    seps = list(_separators(t))
    if not seps:
        return t.strip()
    first = seps[0]
    for sep in seps[:12]:  # author-date: the year closes the authors (which may hold a ". ")
        m = _AD_YEAR_RE.match(t.n[: sep.start()].strip())
        if m and re.match(r"\[?c?\d{4}", m.group("year")):
            first = sep
            break
    names, title = t.cut(0, first.start()).strip(" "), t.cut(first.end()).strip()
    m = _AD_YEAR_RE.match(names.n)
    if m and re.match(r"\[?c?\d{4}", m.group("year")):
        e.author_date = True
        year_text = names.o[m.start("year") : m.end("year")]
        if not year_text.startswith("["):  # [2013]: no date, the year of access stands in
            e.ad_year = _date(re.sub(r"(\d{4})[a-z]$", r"\1", year_text))
        names = names.cut(0, m.end("names"))
    authors = parse_names(names.o)
    if authors:
        e.csl["author"] = [a.to_csl() for a in authors]
    return title


def _title(t: _T, e: _Entry, code: str) -> None:
    """The title; standards, patents, reports and archives carry a number in it."""
    if code == "S":
        m = _STD_NO_RE.match(t.n)
        if m:
            e.put("number", t.cut(0, m.end(1)))
            e.put("title", t.cut(m.start(2)))
            return
    if code == "CM":
        m = _SCALE_RE.match(t.n)
        if m:
            e.put("title", t.cut(0, m.end("title")))
            e.put("scale", t.cut(m.start("scale")))
            return
    if code in ("S", "P", "R", "A"):
        m = _NUMBER_TAIL_RE.match(t.n)
        if m and re.search(r"\d", m.group("no")) and not is_cjk(m.group("no")):
            e.put("title", t.cut(0, m.end("title")))
            if code == "A":
                e.csl["type"] = "manuscript"
                e.put("archive_location", t.cut(m.start("no")))
            else:
                e.put("number", t.cut(m.start("no")))
            return
    e.put("title", t)


def _tail(t: _T, e: _Entry, code: str, part_of: bool) -> bool:
    """Everything after the type code; False when it does not fit the grammar."""
    segs = _split(t)
    # 其他责任者 (translators) and 版本 (edition) come first, in that order
    while segs and not part_of:
        m = _TRANSLATOR_RE.match(segs[0].n)
        if m and len(segs[0].n) < 80:
            e.csl["translator"] = [n.to_csl() for n in parse_names(segs[0].o[: m.end("names")])]
            segs.pop(0)
            continue
        if _EDITION_RE.match(segs[0].n) and (len(segs) > 1 or code not in ("J", "N")):
            e.put("edition", segs.pop(0))
            continue
        if code in ("DS", "PP", "DB") and re.fullmatch(r"V\s*\d[\w.]*", segs[0].n):
            e.put("version", segs.pop(0).o.lstrip("Vv").strip())
            continue
        break
    if code == "CM" and segs and _DIMENSIONS_RE.match(segs[-1].n):
        e.put("dimensions", segs.pop())
    if not segs:
        return "title" in e.csl
    if part_of:
        return _container(segs, e)
    rest = segs[0] if len(segs) == 1 else _join(t, segs)
    if code == "J" and len(segs) >= 2 and _HOLDINGS_RE.fullmatch(segs[0].n):
        return _whole_serial(segs, e)
    if code == "J":
        return _serial(rest, e)
    if code == "N":
        return _newspaper(rest, e)
    if code == "P":
        return _dated(rest, e)  # 公告日期：页码
    if code in ("R", "EB") and _dated(rest, e):
        return True  # an online report or page: its date only
    if code in ("DS", "PP", "DB"):
        kept = []
        for seg in segs:
            y = re.fullmatch(r"\[?(\d{4})\]?", seg.n)
            if y and "issued" not in e.csl:
                e.csl["issued"] = seg.date(y.start(1), y.end(1))  # [2014]: the year, estimated
            else:
                kept.append(seg)
        if kept:
            e.put("publisher", _join_segs(kept))
        return True
    if code == "A" and e.csl["type"] == "manuscript":
        return _pub_statement(rest, e, place_var="archive-place", pub_var="archive")
    ok = _pub_statement(rest, e)
    pub = str(e.csl.get("publisher", ""))
    if code == "C" and "publisher-place" not in e.csl and _PROCEEDINGS.search(pub):
        e.csl["container-title"] = e.csl.pop("publisher")  # [C].论文集，年 (no // printed)
    return ok


_HOLDINGS_RE = re.compile(
    r"\d{4}(?:\s*,\s*\d+)?\s*\(\d+\)\s*[—–-]\s*(?:\d{4}(?:\s*,\s*\d+)?\s*\(\d+\))?"
)


def _whole_serial(segs: list[_T], e: _Entry) -> bool:
    """A serial as a whole (GB/T 7714 8.x): 刊名[J]. 年，卷（期）—年，卷（期）. 出版地：出版者，年—.

    The holdings go to ``volume`` as citekit's renderer reads them (``1984, 1(1)-``); the
    compiler before the title is the editor; the years are an EDTF interval (``1984/``).
    """
    e.csl["type"] = "periodical"
    held = re.sub(r"\s*[—–-]\s*", "-", re.sub(r"\s*,\s*", ", ", segs[0].n))
    e.csl["volume"] = held
    if "author" in e.csl:
        e.csl["editor"] = e.csl.pop("author")
    ok = _pub_statement(_join_segs(segs[1:]), e)
    issued = e.csl.get("issued")
    if isinstance(issued, PartialDate) and issued.literal:
        m = re.fullmatch(r"(\d{4})\s*[—–-]\s*(\d{4})?", issued.literal)
        if m:
            e.csl["issued"] = PartialDate.raw(f"{m.group(1)}/{m.group(2) or ''}")
    return ok


def _join(t: _T, segs: list[_T]) -> _T:
    """The text from the first of ``segs`` to the end of the last (they are slices of ``t``)."""
    start = t.o.find(segs[0].o)
    return _T.of(t.o[start:]) if start >= 0 else segs[0]


def _looks_like_names(t: _T) -> bool:
    """An editor statement: names (or bodies) separated by commas, not a title."""
    pieces = [p.strip() for p in re.split(r"[,;、]", t.n) if p.strip()]
    if not pieces or re.search(
        r"[:《》]|论文集|文集|会议|学报|proc|conference|symposium", t.n, re.I
    ):
        return False
    for p in pieces:
        p = re.sub(r"\s*(?:等|et al\.?|eds?\.?|主?编)$", "", p)
        if is_cjk(p):
            if " " in p.strip() or len(p) > 20:
                return False
        elif len(p.split()) > 4:
            return False
    return True


def _container(segs: list[_T], e: _Entry) -> bool:
    """After ``//``: [编者. ]专著题名[. 版本][. 出版地：出版者，出版年：页码]."""
    pub = None
    year_only = rf"{_YEAR}(?:\s*:\s*.+)?"
    if len(segs) >= 3 and re.fullmatch(year_only, segs[-1].n) and ":" in segs[-2].n:
        _dated(segs.pop(), e)  # 出版地：出版者. 年：页码 (a full stop for the comma)
        pub = segs.pop()
    elif len(segs) >= 2 and (
        ":" in segs[-1].n
        or re.search(r",\s*" + _YEAR + r"(?::|$)", segs[-1].n)
        or re.fullmatch(year_only, segs[-1].n)
    ):
        pub = segs.pop()
    if len(segs) >= 2 and _EDITION_RE.match(segs[-1].n):
        e.put("edition", segs.pop())
    if len(segs) >= 2 and _looks_like_names(segs[0]):
        e.csl["editor"] = [n.to_csl() for n in parse_names(segs[0].o)]
        segs = segs[1:]
    if not segs:
        return False
    container = _join_segs(segs)
    if pub is None:
        m = re.fullmatch(rf"(.+?)(?:,\s*({_YEAR}))?(?:\s*:\s*([^:]+))?", container.n)
        if m and (m.group(2) or m.group(3)):
            e.put("container-title", container.cut(0, m.end(1)))
            if m.group(2) and "issued" not in e.csl:
                e.csl["issued"] = container.date(m.start(2), m.end(2))
            if m.group(3):
                e.put("page", container.cut(m.start(3), m.end(3)))
            return True
        e.put("container-title", container)
        return True
    e.put("container-title", container)
    return _pub_statement(pub, e)


def _join_segs(segs: list[_T]) -> _T:
    """Adjacent segments as one (a title that held a full stop)."""
    if len(segs) == 1:
        return segs[0]
    return _T(". ".join(s.o for s in segs), ". ".join(s.n for s in segs))


def _translation_at(t: _T, after: int) -> int | None:
    """Where a parallel translation starts: ``.(…[J]…)`` or ``.[…[J]…]`` after the entry's end."""
    for m in re.finditer(r"\.\s*[(\[](?!\s*\d{4}(?:-\d{1,2}){0,2}\s*[\])])", t.n[after:]):
        start = after + m.end() - 1
        if _TYPE_RE.search(t.n, start):
            return after + m.start() + 1
    return None


_PART_TYPES = {"M": "chapter", "C": "paper-conference", "S": "standard", "G": "chapter"}


def parse_entry(text: str) -> tuple[dict[str, Any] | None, str]:
    """One GB/T 7714 entry -> (CSL-JSON item without ``id``, ``""``) or (None, why not)."""
    if len(text) > MAX_ENTRY:
        return None, f"{len(text)} characters, longer than one entry can be ({MAX_ENTRY})"
    t = _T.of(text.strip())
    m = _TYPE_RE.search(t.n)
    if m is None:
        return None, "no document type code such as [J], [M] or [EB/OL]"
    translation = _translation_at(t, m.end())
    if translation is not None:  # 中文条目.(English translation [J]...): keep it aside
        t, rest = t.cut(0, translation).strip(" "), t.cut(translation).strip(" ")
        note = rest.o
    code = m.group(1)
    e = _Entry({"type": _TYPES[code]})
    if translation is not None:
        e.csl["note"] = note
    head, tail = t.cut(0, m.start()).strip(), t.cut(m.end()).strip(" ")
    if re.match(r"/(?!/|OL\b)\s*\S", tail.n):
        tail = _T("/" + tail.o, "/" + tail.n)  # [C]/ Proc… : one slash lost (OCR, typing)
    if tail and not tail.n.startswith((".", "//")):
        return None, f"unexpected text after [{code}]: {tail.o[:30]!r}"
    tail = _peel_link(tail, e)
    part_of = False
    translator = None
    if "//" in tail.n:
        before, _, _after = tail.n.partition("//")
        translator = tail.cut(0, len(before)).strip()
        tail = tail.cut(len(before) + 2).strip()
        part_of = True
        e.csl["type"] = _PART_TYPES.get(code, e.csl["type"])
        if translator:
            tm = _TRANSLATOR_RE.match(translator.n)
            if tm:
                names = parse_names(translator.o[: tm.end("names")])
                e.csl["translator"] = [n.to_csl() for n in names]
    else:
        tail = tail.strip()
    title = _head(head, e)
    if not title:
        return None, "no title before the type code"
    _title(title, e, code)
    if not _tail(tail, e, code, part_of):
        return None, f"cannot read what follows [{code}]: {tail.o[:40]!r}"
    if "issued" not in e.csl and e.ad_year is not None:
        e.csl["issued"] = e.ad_year
    probe = " ".join(str(e.csl.get(k, "")) for k in ("title", "container-title", "publisher"))
    e.csl["language"] = "zh-CN" if is_cjk(probe or text) else "en-US"
    for var, value in list(e.csl.items()):
        if isinstance(value, PartialDate):
            e.csl[var] = value.to_csl()
    return e.csl, ""


# ------------------------------------------------------------------------------ the list


def split_entries(text: str) -> list[tuple[int, int, str]]:
    """The entries of a list: ``(first line, last line, text without its label)``, 1-based.

    A numbered list starts an entry at each label (``[1]``, ``1.``, ``（1）``) and joins the
    lines between; an unnumbered one starts an entry at a line once the previous entry has
    its type code and ends with ``.``.
    """
    lines = text.splitlines()
    numbered = sum(1 for ln in lines if _LABEL_RE.match(ln) and ln.strip())
    nonblank = sum(1 for ln in lines if ln.strip() and not _HEADING_RE.match(ln))
    use_labels = nonblank > 0 and numbered * 2 >= nonblank
    out: list[tuple[int, int, str]] = []
    cur: list[str] = []
    start = end = 0

    def flush() -> None:
        if cur:
            out.append((start, end, _join_lines(cur)))
            cur.clear()

    for i, line in enumerate(lines, 1):
        if not line.strip() or _HEADING_RE.match(line):
            if not use_labels:
                flush()
            continue
        label = _LABEL_RE.match(line) if use_labels else None
        if label:
            flush()
            start, end = i, i
            cur.append(line[label.end() :])
            continue
        if (
            cur
            and (use_labels or not _complete(_join_lines(cur)))
            and sum(map(len, cur)) < MAX_ENTRY
        ):
            cur.append(line)
            end = i
            continue
        if use_labels and not out and not _TYPE_RE.search(line.translate(_HALF)):
            continue  # a heading before the first numbered entry (五 主要参考文献)
        flush()
        start, end = i, i
        cur.append(line)
    flush()
    return out


def _complete(entry: str) -> bool:
    n = entry.translate(_HALF).rstrip()
    return bool(_TYPE_RE.search(n)) and n.endswith((".", "。"))


def _join_lines(lines: list[str]) -> str:
    """Wrapped lines as one: no space between CJK, one space elsewhere (a URL runs on)."""
    text = lines[0].strip()
    for line in lines[1:]:
        nxt = line.strip()
        if not nxt:
            continue
        if (
            is_cjk(text[-1:])
            or is_cjk(nxt[:1])
            or text.endswith(("/", "-", "=", "&", "?"))
            or _URL_RE.search(text.split()[-1] if text.split() else "")
        ):
            text += nxt
        else:
            text += " " + nxt
    return text


#: public names of the grammar's patterns (the list label ``[1]``, the type code ``[J]``)
LABEL_RE = _LABEL_RE
TYPE_RE = _TYPE_RE
