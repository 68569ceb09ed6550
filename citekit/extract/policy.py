"""Policy documents in a digest: a 文号 line and the title above, below or beside it.

Consumes the folded lines, their roles and the lines as written; produces :class:`PolicyDoc`
values for document numbers printed as part of a document's own header — ``国发〔2023〕16号``
on its own line under a (wrapped) title, ``文号：晋政发〔2018〕13号``, ``鲁政发〔2014〕20号《…》``,
``(中發〔2006〕4號)`` — with the issuing body (the part of the title before 关于, or a
``发文机关`` field) and the date (``发文日期``/``成文日期`` fields or the signature block under
the text; a reposting page's own time is not the document's date). Numbers inside running
text are left to :mod:`.legislation`, and laws cited by title alone (``《中华人民共和国预算法》``)
are found there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import PartialDate
from .cues import ORNAMENT, Role
from .dates import find_dates
from .layout import Roles
from .text import LineMap, clean_title

__all__ = ["PolicyDoc", "find_policy_docs"]

_NUMBER = r"[\u4e00-\u9fff]{1,12}\s*[〔\[［„]\s*\d{4}\s*[〕\]］‟]\s*\d{1,4}\s*号"
_NUMBER_ANYWHERE = re.compile(r"[〔\[［„]\s*\d{4}\s*[〕\]］‟]\s*\d{1,4}\s*号")
_NUMBER_LINE = re.compile(
    rf"^\s*(?:[•·●]\s*)?(?:文号|发文字号|发文号|文件编号)?\s*[:：]?\s*[（(]?\s*(?P<num>{_NUMBER})\s*[）)]?"
    r"(?P<rest>.*)$"
)
_NUMBER_AT_END = re.compile(rf"^(?P<title>.{{6,80}}?)\s*[（(]?\s*(?P<num>{_NUMBER})\s*[）)]?\s*$")
# …印发《关于…的意见》的通知: a document that issues another, named in its own title
_ISSUES = re.compile(r"(?:印发|转发|颁发|发布)\s*《[^《》]{2,80}》\s*的?(?:通知|决定)\s*$")
_TITLE_AFTER = re.compile(r"^\s*《(?P<title>[^《》]{4,100})》")
_AUTHORITY = re.compile(
    r"^(?P<who>.{2,30}?(?:人民政府|政府|国务院|办公厅|办公室|委员会|省委|市委|县委|部|局|厅|院|委))"
    r"(?:、.{2,20}?)?\s*关于"
)
_FIELD_LABEL = re.compile(r"^\s*(?:[•·●]\s*)?[\u4e00-\u9fff]{2,6}\s*[:：]\s*$")
_DOC_DATE_LABEL = re.compile(
    r"(?:发文日期|成文日期|印发日期|公布日期)\s*[:：]?\s*$|(?:发文日期|成文日期|印发日期|公布日期)"
)
_AUTHORITY_LABEL = re.compile(r"(?:发文机关|发布机关|发文单位)\s*[:：]?")
_HEADER_WORDS = re.compile(
    r"(?:索引号|主题分类|发文机构|有效性|发布日期|成文日期|发文日期|发文字号)"
)


@dataclass(frozen=True, slots=True)
class PolicyDoc:
    """A policy document found by its number."""

    title: str | None
    number: str
    authority: str | None
    issued: PartialDate | None
    start: int
    end: int
    evidence: tuple[str, ...]


def _is_field(roles: Roles, k: int) -> bool:
    """A field of a metadata table: a label line, or the value line under a label."""
    t = roles.text(k)
    if _FIELD_LABEL.match(t) or _HEADER_WORDS.search(t):
        return True
    return bool(_FIELD_LABEL.match(roles.text(k - 1))) if k > 1 else False


def _title_above(roles: Roles, orig: Roles, n: int) -> tuple[str, int] | None:
    """The title block right above line ``n`` (metadata fields skipped), wrapped lines joined."""
    k = n - 1
    skipped = 0
    while k >= 1 and skipped < 14 and (roles.role(k) == Role.BLANK or _is_field(roles, k)):
        k -= 1
        skipped += 1
    if k < 1 or not roles.is_titlelike(k) or roles.role(k) == Role.SECTION:
        return None
    if roles.role(k) == Role.SOURCE and not _is_titleish(roles.text(k)):
        return None
    last = k
    first = k
    while (
        first - 1 >= 1
        and roles.role(first - 1) != Role.BLANK
        and roles.is_titlelike(first - 1)
        and roles.role(first - 1) != Role.SECTION
        and last - first < 2
        and not _is_field(roles, first - 1)
    ):
        first -= 1
    text = "".join(orig.text(j) for j in range(first, last + 1))
    return clean_title(text), first


def _is_titleish(text: str) -> bool:
    return "关于" in text or text.endswith(("意见", "通知", "规则", "办法", "规定", "决定", "方案"))


def _title_below(roles: Roles, orig: Roles, n: int) -> str | None:
    k = n + 1
    while k <= roles.lines.count and roles.role(k) == Role.BLANK:
        k += 1
    if k <= roles.lines.count and roles.is_titlelike(k) and _is_titleish(roles.text(k)):
        return clean_title(orig.text(k))
    return None


def _authority(title: str | None, roles: Roles, orig: Roles, n: int) -> str | None:
    if title:
        m = _AUTHORITY.match(title)
        if m and not m["who"].startswith(("省", "市", "县")):
            return m["who"]
        if m:
            # 省人民政府关于…: the text names the body only by its rank; the title field would
            # need the province (left to the reader; the field stays empty)
            pass
        elif title.endswith("规则") and "人民政府" in title:
            return title[: title.index("人民政府") + 4]
    for k in range(max(1, n - 12), min(roles.lines.count, n + 6) + 1):
        if _AUTHORITY_LABEL.search(roles.text(k)):
            value = _AUTHORITY_LABEL.split(orig.text(k), maxsplit=1)[-1].strip()
            if value:
                return value
    return None


def _date(roles: Roles, n: int) -> PartialDate | None:
    """A document date: a 发文日期/成文日期 field, or the signature block under the text."""
    count = roles.lines.count
    labelled: tuple[int, PartialDate] | None = None
    # the nearest field first: a digest's next document has fields of its own
    for k in sorted(range(max(1, n - 12), min(count, n + 12) + 1), key=lambda k: abs(k - n)):
        t = roles.text(k)
        if _DOC_DATE_LABEL.search(t):
            for j in (k, k + 1):
                ds = [d for d in find_dates(roles.text(j)) if d.valid] if j <= count else []
                if ds:
                    labelled = (abs(k - n), ds[0].date)
                    break
            if labelled:
                break
    signed = _signature_date(roles, n)
    if signed and (labelled is None or signed[0] < labelled[0]):
        return signed[1]
    return labelled[1] if labelled else None


def _signature_date(roles: Roles, n: int) -> tuple[int, PartialDate] | None:
    """The date of the signature block under the text (and its distance from line ``n``)."""
    count = roles.lines.count
    # signature: an issuing body line, then a date alone on the next line, within the excerpt
    k = n + 1
    while k <= count and k <= n + 30:
        t = roles.text(k)
        if _NUMBER_LINE.match(t) and k > n + 1:
            break
        if t and re.fullmatch(r"\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*", t):
            prev = roles.text(k - 1)
            if prev and len(prev) <= 20 and _SIGNER.search(prev):
                ds = find_dates(t)
                return (k - n, ds[0].date) if ds and ds[0].valid else None
        if not t and roles.role(k + 1) == Role.BLANK:
            break
        k += 1
    return None


# the issuing body's line of a signature block
_SIGNER = re.compile(r"(?:政府|委员会|办公厅|办公室|部|局|院|厅|委)$")

_GENRE_END = (
    r"(?:意见|决定|通知|规则|办法|条例|规定|方案|规划|纲要|细则|批复|法|法典|决议|公告|通告|"
    r"指引|指南|标准|报告|预案)"
    # 总体应急预案(暂行), 实施方案（2021—2025年）: a qualifier in brackets ends the title
    r"(?:\s*[（(](?:暂行|试行|草案|修订|修订稿|征求意见稿|(?:19|20)\d\d[^（）()\n]{0,10})[）)])?"
)
# 1. 国务院关于加强政务诚信建设的指导意见（国发〔2016〕76号）: an entry of a list of documents
# 3. 中办发〔2016〕8号　…的通知 (number first), 2. …印发《…》的通知　金政办发〔2022〕50号 (after a
# space): the number beside the title, in brackets or not; a title may quote the one it issues
_LIST_ENTRY = re.compile(
    rf"^[ \t]*\d{{1,3}}[ \t]*[.、．][ \t]*(?:(?P<num0>{_NUMBER})\s+)?"
    rf"(?P<title>(?:[^\n《》]|《[^\n《》]{{1,70}}》){{4,90}}?{_GENRE_END})"
    rf"\s*(?:[（(][ \t]*(?P<num>{_NUMBER})[ \t]*[）)]|(?P<num2>{_NUMBER}))?\s*$"
)
# a cheap first pass: lines that start with a list number (the newline is a literal prefix)
_LIST_START = re.compile(r"\n[ \t]*\d{1,3}[ \t]*[.、．]")


def find_policy_docs(
    lines: LineMap, roles: Roles, original: LineMap, numbered: list[int] | None = None
) -> list[PolicyDoc]:
    """Documents whose own number is printed on a line of its own, before or after a title,
    and the entries of numbered lists of documents (with their number when printed)."""
    orig = Roles(original) if original is not lines else roles
    out: list[PolicyDoc] = []
    listed: dict[int, PolicyDoc] = {}
    # (each match opens a line with a digit: only those lines are tried)
    whole = lines.text
    starts = lines.lines_of(at + 1 for at in lines.digit_openings() if _LIST_START.match(whole, at))
    if lines.text[:4].lstrip()[:1].isdigit():
        starts.insert(0, 1)
    for n in starts:
        text, otext, end = lines.line(n), original.line(n), n
        m = _LIST_ENTRY.match(text)
        nxt = lines.line(n + 1) if n < lines.count else ""
        if m is None and nxt[:1].isspace() and nxt.strip() and not _LIST_START.match("\n" + nxt):
            # an entry wrapped onto an indented line: 2. …印发《…》 / 的通知　金政办发〔2022〕50号
            text, otext, end = text + nxt.strip(), otext + original.line(n + 1).strip(), n + 1
            m = _LIST_ENTRY.match(text)
        if m is None:
            continue
        i = m.start("title")
        title = clean_title(otext[i : i + len(m["title"])])
        num = m["num"] or m["num0"] or m["num2"]
        number = _as_written(re.sub(r"\s+", "", num), text, otext) if num else None
        doc = PolicyDoc(
            title,
            number or "",
            _authority(title, roles, orig, n),
            None,
            n,
            end,
            ("form:document-list-entry",),
        )
        listed[n] = doc
    seen: set[int] = {k for d in listed.values() for k in range(d.start, d.end + 1)}
    if numbered is None:
        numbered = lines.lines_of(m.start() for m in _NUMBER_ANYWHERE.finditer(lines.text))
    for n in numbered:
        if n in seen:
            continue
        seen.add(n)
        text = lines.line(n)
        prev = max((k for k in listed if n - 2 <= k < n), default=None)
        m2 = _NUMBER_LINE.match(text)
        fields = _fields_only(m2["rest"]) if m2 else None
        if prev is not None and fields is not None and not listed[prev].number:
            # the number of the list entry above, on a line of its own (its day beside it)
            assert m2 is not None
            d = listed[prev]
            number = _as_written(re.sub(r"\s+", "", m2["num"]), roles.text(n), orig.text(n))
            issued = d.issued or fields or None
            listed[prev] = PolicyDoc(d.title, number, d.authority, issued, d.start, n, d.evidence)
            continue
        found = _read(n, text, roles, orig)
        if found is not None:
            out.append(found)
    out += listed.values()
    out.sort(key=lambda d: d.start)
    return out


def _read(n: int, text: str, roles: Roles, orig: Roles) -> PolicyDoc | None:
    m = _NUMBER_LINE.match(text)
    ev: list[str] = []
    title: str | None = None
    start = n
    own: PartialDate | None = None  # a day printed beside the number
    if m:
        number = re.sub(r"\s+", "", m["num"])
        rest = m["rest"].strip()
        after = _TITLE_AFTER.match(rest)
        if after:
            # 鲁政发〔2014〕20号《…》: the title follows on the line
            i = orig.text(n).find("《")
            j = orig.text(n).rfind("》")
            title = clean_title(orig.text(n)[i + 1 : j]) if 0 <= i < j else after["title"]
            ev.append("number-then-title")
        elif rest and _fields_only(rest) is None:
            return None  # 〔2023〕 inside a sentence: a citation, not the document's header
        else:
            own = _fields_only(rest) or None
            above = _title_above(roles, orig, n)
            if above is not None:
                title, start = above
                ev.append("title-above-number")
            else:
                title = _title_below(roles, orig, n)
                ev.append("title-below-number" if title else "number-alone")
    else:
        m2 = _NUMBER_AT_END.match(text.strip())
        if not m2 or any(c in m2["title"] for c in "。，；"):
            return None
        if "《" in m2["title"] and not _ISSUES.search(m2["title"]):
            return None  # 《…》(文号): a document cited by title (legislation's business)
        number = re.sub(r"\s+", "", m2["num"])
        otext = orig.text(n)
        title = clean_title(otext[: len(m2["title"])].strip()) if otext else m2["title"]
        ev.append("title-then-number")
    authority = _authority(title, roles, orig, n)
    number_orig = _as_written(number, roles.text(n), orig.text(n))
    return PolicyDoc(
        title,
        number_orig,
        authority,
        own or _date(roles, n),
        start if start <= n else n,
        n,
        tuple(["form:document-number", *ev]),
    )


_REST_LABEL = re.compile(r"(?:发布|成文|印发|发文|公布|施行)?(?:日期|时间)\s*[:：]?")


def _fields_only(rest: str) -> PartialDate | Literal[False] | None:
    """What follows a number on its line when that is only fields: its day (False when
    nothing is there); None when it is text (a sentence citing the number)."""
    rest = rest.strip()
    if not rest:
        return False
    dates = [d for d in find_dates(rest) if d.valid]
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    if _REST_LABEL.sub(" ", rest).strip(" \t|｜/,，;；()（）"):
        return None
    return dates[0].date if dates else False


def _as_written(value: str, folded: str, original: str) -> str:
    """``鄂政发〔2018〕26号`` as printed (``鄂政發〔2018〕26號``)."""
    flat_f = re.sub(r"\s+", "", folded)
    flat_o = re.sub(r"\s+", "", original)
    i = flat_f.find(value)
    return flat_o[i : i + len(value)] if i >= 0 and len(flat_f) == len(flat_o) else value


# ◎ / ◆ / ● before a title in a list of documents
_ORNAMENT = re.compile(rf"^{ORNAMENT}\s*")
_BLOCK_FIELD = re.compile(
    r"^(?P<label>发文单位|发文机关|发布机关|印发机关|制定机关|发布单位|印发时间|发文日期|发布日期|"
    r"发布时间|成文日期|印发日期|公布日期|要点|摘要|内容|主要内容|简介)\s*[:：]\s*(?P<value>.*)$"
)
_BODY_LABELS = ("要点", "摘要", "内容", "主要内容", "简介")
_DATE_LABELS = re.compile(r"时间|日期")
# 水利部、财政部联合印发（2019年） / （水利部文件，见…）: the issuing body, unlabelled
_ISSUED_BY = re.compile(
    r"^[（(]?\s*(?P<who>[^，,。（）()《》:：]{2,60}?)\s*(?:联合)?(?:印发|发布|颁布|文件)"
)
_DOC_TITLE_END = re.compile(
    rf"(?:{_GENRE_END}|计划|纲领|战略|章程)\s*(?:[（(][^（）()]{{1,16}}[）)])?$"
)
#: a document's block (its title and the fields under it) is at most this many lines
_BLOCK_LINES = 5


def find_titled_blocks(original: LineMap, skip: set[int]) -> list[PolicyDoc]:
    """Documents of a digest listed as a block: a title line (often after an ornament, ``◎``)
    that opens a block, and under it indented or labelled lines giving the issuing body and
    the date (``发文单位：…　印发时间：2022年4月``, ``水利部等联合印发（2019年）``); a 要点 line
    is the document's gist, never its date."""
    out: list[PolicyDoc] = []
    for n in range(1, original.count + 1):
        line = original.line(n)
        if n in skip or not line.strip() or line[:1].isspace():
            continue
        if n > 1 and original.line(n - 1).strip():
            continue  # not the first line of a block
        title = _ORNAMENT.sub("", line.strip())
        if not 6 <= len(title) <= 80 or any(c in title for c in "。，,；;：:"):
            continue
        issues = _ISSUES.search(title)
        if "《" in title and not issues:
            continue
        if not issues and not _DOC_TITLE_END.search(title):
            continue
        authority: str | None = None
        issued: PartialDate | None = None
        end = n
        for k in range(n + 1, min(original.count, n + _BLOCK_LINES) + 1):
            body = original.line(k)
            if not body.strip():
                break
            if not body[:1].isspace() and not _BLOCK_FIELD.match(body.strip()):
                break
            end = k
            for part in re.split(r"[ \t\u3000]{2,}", body.strip()):
                field = _BLOCK_FIELD.match(part)
                if field and field["label"] in _BODY_LABELS:
                    break  # 要点：… the gist: no field of the document in it
                if field and _DATE_LABELS.search(field["label"]):
                    dates = [d for d in find_dates(field["value"]) if d.valid]
                    issued = issued or (dates[0].date if dates else None)
                    continue
                if field:
                    authority = authority or field["value"].strip() or None
                    continue
                who = _ISSUED_BY.match(part)
                if who and authority is None:
                    authority = who["who"].strip()
                dates = [d for d in find_dates(part) if d.valid]
                issued = issued or (dates[0].date if dates else None)
        if end == n:
            continue  # a title alone: the title-line finder's
        out.append(
            PolicyDoc(clean_title(title), "", authority, issued, n, end, ("form:document-block",))
        )
    return out
