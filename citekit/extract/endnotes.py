"""Endnotes of a bulletin (``注释：①…②…``) -> records, whatever citation style the notes use.

Consumes the document lines as written; produces :class:`Endnote` values: the note's mark, its
line span and its record. A notes list opens with a heading (``注释``, ``注``, ``尾注``,
``Notes``; a first note may share its line) and runs over notes that each open with a mark
(``①``, ``[1]``, ``（1）``); a note wraps over lines until it ends a sentence, and page
furniture between (``— 4 —``, the bulletin's running header) is skipped.

A note is read in one of the styles Chinese bulletins use:

* the legal / social-science style: ``作者：《题名》，载《刊名》2019年第3期``,
  ``［美］甲著，乙译：《书名》，出版社，2018年1月``, ``机关：《办法》，2025年3月21日印发``;
* a GB/T 7714 entry (a type code such as ``[J]``), read by :mod:`citekit.gbt_entry`;
* an English note: ``Name, “Title”, date, URL``.

A note in none of these (a remark, ``参见上文``) is no citation and gives no record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gbt_entry import parse_entry
from ..model import Name, PartialDate, Provenance, Reference
from .bylines import looks_like_person
from .dates import find_dates
from .legislation import POLICY_END
from .text import LineMap, fold_width

__all__ = ["Endnote", "find_endnotes"]

_HEADING = re.compile(
    r"^\s*[【\[]?\s*(?:注释|注解|尾注|注|Notes?)\s*[】\]]?\s*[:：]\s*|"
    r"^\s*[【\[]?\s*(?:注释|注解|尾注|Notes?)\s*[】\]]?\s*$"
)
# where a heading may be: the engine skips ahead to these (one pass over the text)
_HEADING_HINT = re.compile(r"注[释解]?[ \t]*[】\]]?[ \t]*(?:[:：]|\n)|Notes?[ \t]*(?:[:：]|\n)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARK = re.compile(rf"^\s*(?P<m>[{_CIRCLED}]|[\[［(（]\s*\d{{1,2}}\s*[\]］)）])\s*")
# — 4 — / - 12 - / 第3页: a page number between the notes
_PAGE_NUMBER = re.compile(r"[—–－-]\s*\d{1,4}\s*[—–－-]\s*$|^\s*第\s*\d{1,4}\s*页\s*$")
_SENTENCE_END = re.compile(r"[。.]\s*$")
#: a note wraps over at most this many lines
_MAX_LINES = 5
#: how far below its heading a notes list may run
_SPAN = 120
_CODE = re.compile(
    r"[\[［]\s*(?:DB|DS|CP|EB|CM|PP|[MCGNJDRSPAZK])\s*(?:/\s*(?:OL|CD|DK))?\s*[\]］]"
)
_CN_NOTE = re.compile(
    r"^(?:(?P<resp>[^《》]{1,80}?)\s*[:：]\s*)?《(?P<title>[^《》]{2,120})》(?P<rest>.*)$"
)
_EN_NOTE = re.compile(
    r"^(?P<a>[^“”\"]{2,80}?),\s*[“\"](?P<t>[^”\"]{4,200})[”\"]\s*[,.]?\s*(?P<rest>.*)$"
)
_URL = re.compile(r"https?://[^\s，。；]+")
_IN = re.compile(r"^\s*载\s*(?:《(?P<c>[^《》]{2,40})》|(?P<site>[^，,。；]{2,40}))")
_ISSUE = re.compile(r"(?:19|20)\d\d\s*年\s*第\s*(?P<i>\d{1,3})\s*期")
_PUBLISHER = re.compile(r"[^，,。；:：]{2,30}(?:出版社|出版公司|出版集团|印书馆|书局|书店|Press)")
_AUTHOR_ROLE = re.compile(r"\s*(?:著|编著|主编|编|等)\s*$")
_COUNTRY = re.compile(r"^[［\[（(【〔][^］\]）)】〕]{1,4}[］\]）)】〕]\s*")


@dataclass(frozen=True, slots=True)
class Endnote:
    """One endnote that cites a work: its mark (``①``), lines and record."""

    mark: str
    start_line: int
    end_line: int
    record: Reference


def find_endnotes(lines: LineMap, path: str) -> list[Endnote]:
    """The citing notes of every notes list in ``lines`` (the document as written)."""
    text = lines.text + "\n"
    starts = []
    for word in ("注", "Note"):  # (str.find skips ahead far faster than a regex over the text)
        i = text.find(word)
        while i != -1:
            if _HEADING_HINT.match(text, i):
                starts.append(i)
            i = text.find(word, i + 1)
    heads = lines.lines_of(sorted(starts))
    if not heads:
        return []
    masthead = _masthead(lines)
    out: list[Endnote] = []
    after = 0
    for n in heads:
        m = _HEADING.match(lines.line(n))
        if m is None or n < after:
            continue
        notes, after = _notes(lines, n, m.end(), masthead)
        for mark, start, end, text in notes:
            rec = read_note(text)
            if rec is not None:
                raw = "\n".join(lines.line(k).strip() for k in range(start, end + 1))
                out.append(
                    Endnote(
                        mark,
                        start,
                        end,
                        rec.replace(provenance=(Provenance(path, start, end, raw),)),
                    )
                )
    return out


def _masthead(lines: LineMap) -> str:
    """The first words of the document's first line (a PDF repeats them as a page header)."""
    for k in range(1, min(lines.count, 3) + 1):
        words = re.sub(r"\s+", "", lines.line(k))
        if words:
            return words[:4]
    return ""


def _furniture(text: str, masthead: str) -> bool:
    folded = fold_width(text).strip()
    return bool(_PAGE_NUMBER.search(folded)) or (
        len(masthead) >= 4 and re.sub(r"\s+", "", folded).startswith(masthead)
    )


def _notes(
    lines: LineMap, heading: int, offset: int, masthead: str
) -> tuple[list[tuple[str, int, int, str]], int]:
    """The notes under the heading on line ``heading`` (its text from ``offset`` on may hold
    the first): (mark, first line, last line, text), and the line after the list."""
    notes: list[tuple[str, int, int, str]] = []
    current: list[str] = []
    mark, start, end = "", 0, 0

    def close() -> None:
        if current:
            notes.append((mark, start, end, _join(current)))

    k = heading
    text = lines.line(heading)[offset:]
    while k <= min(lines.count, heading + _SPAN):
        if k > heading:
            text = lines.line(k)
        k += 1
        if not text.strip():
            continue
        m = _MARK.match(text)
        if m:
            close()
            mark, start, end = m["m"], k - 1, k - 1
            current = [text[m.end() :].strip()]
            continue
        if _furniture(text, masthead):
            continue
        if current and not _SENTENCE_END.search(current[-1]) and k - 1 - start < _MAX_LINES:
            current.append(text.strip())
            end = k - 1
            continue
        if k - 1 == heading:
            continue  # 注释： alone (the heading's own line)
        break
    close()
    if not notes:
        return [], heading + 1
    return notes, max(end, heading) + 1


def _join(parts: list[str]) -> str:
    """Lines of one note joined: no space inside Chinese text, one between Latin words."""
    out = parts[0]
    for p in parts[1:]:
        cjk = re.match(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]", p) or re.search(
            r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]$", out
        )
        out += p if cjk else " " + p
    return out


def read_note(text: str) -> Reference | None:
    """The work one note cites, or None when it cites none (a remark)."""
    text = fold_width(text).strip()
    if _CODE.search(text):
        csl, _why = parse_entry(text)
        if csl is not None and csl.get("title"):
            return Reference.from_csl({**csl, "id": "_"}).replace(id="")
    m = _CN_NOTE.match(text)
    if m:
        return _cn_note(m["resp"] or "", m["title"], m["rest"])
    m = _EN_NOTE.match(text)
    if m:
        url = _URL.search(m["rest"])
        dates = [d for d in find_dates(m["rest"]) if d.valid]
        return Reference(
            id="",
            type="webpage" if url else "book",
            title=m["t"].strip().rstrip(",，"),
            author=tuple(
                Name(literal=a.strip()) for a in re.split(r",| and ", m["a"]) if a.strip()
            ),
            issued=dates[0].date if dates else None,
            url=url.group(0).rstrip(".") if url else None,
        )
    return None


def _cn_note(resp: str, title: str, rest: str) -> Reference:
    """A note in the legal / social-science style: responsibility, 《title》, then its fields."""
    rest = rest.lstrip("，,。 ")
    container = site = None
    inn = _IN.match(rest)
    if inn:
        container, site = inn["c"], inn["site"]
    url = _URL.search(rest)
    publisher = _PUBLISHER.search(rest)
    dates = [d for d in find_dates(rest) if d.valid]
    issued: PartialDate | None = dates[0].date if dates else None
    authors: list[Name] = []
    translated = "译" in resp
    for part in re.split(r"[，,、;；]", resp):
        part = _AUTHOR_ROLE.sub("", _COUNTRY.sub("", part.strip()))
        if not part or part.endswith("译"):
            continue
        if looks_like_person(part) or (part.isascii() and " " in part):
            authors.append(Name(literal=part) if part.isascii() else Name.parse(part))
    issue = _ISSUE.search(rest)
    if container:
        kind = "article-newspaper" if container.endswith("报") else "article-journal"
    elif site:
        kind = "webpage"
    elif publisher or translated:
        kind = "book"
    elif POLICY_END.search(title) and not authors:
        kind = "legislation"
    elif url:
        kind = "webpage"
    else:
        kind = "book"
    return Reference(
        id="",
        type=kind,
        title=title.strip(),
        author=tuple(authors),
        container_title=container or (site.strip() if site else None),
        publisher=publisher.group(0).strip() if publisher and kind == "book" else None,
        authority=(resp.strip() or None) if kind == "legislation" else None,
        issued=issued,
        issue=str(int(issue["i"])) if issue and container else None,
        url=url.group(0).rstrip(".") if url else None,
    )
