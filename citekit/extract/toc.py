"""Magazine tables of contents -> one record per entry (page range, title, subtitle, byline).

Consumes the document lines; produces :class:`TocEntry` values. An entry is
``14 让山区成为令人向往的幸福美好家园`` optionally followed by ``——副标题/本刊记者 马跃明 袁 卫``;
its pages run to the page before the next entry. Bylines: names padded to three characters
(``袁 卫`` is 袁卫), ``郑亚丽 等`` (et al.), corporate or role bylines (``本刊评论员``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Name
from .text import LineMap, clean_title

__all__ = ["Byline", "TocEntry", "find_toc", "parse_byline"]

_ENTRY = re.compile(r"(?m)^[ \t]*(?P<page>\d{1,3})[ \t]+(?P<rest>[^\d\s][^\n]{1,80}?)[ \t]*$")
_SUBTITLE = re.compile(r"^\s*——(?P<rest>.+?)\s*$")
_RUBRIC = re.compile(r"^\s*>>\s*(?P<name>\S.*?)\s*$")
_ROLES = ("本刊记者", "本刊通讯员", "特约记者", "记者", "通讯员")
_CORPORATE = re.compile(r"^(?:本刊评论员|本刊编辑部|评论员|本刊)$")
#: entries closer than this (in lines) belong to the same table of contents
_GAP = 40
_MIN_ENTRIES = 3


@dataclass(frozen=True, slots=True)
class Byline:
    """Authors of an entry; ``et_al`` when the byline ends in 等; ``role`` such as 本刊记者."""

    authors: tuple[Name, ...]
    et_al: bool = False
    role: str | None = None


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One table-of-contents entry with its line span and raw text."""

    page: int
    title: str
    subtitle: str | None
    byline: Byline
    rubric: str | None
    start_line: int
    end_line: int
    raw: str
    #: page of the next entry (the page range ends just before it)
    next_page: int | None = None

    @property
    def pages(self) -> str:
        """``14-19`` when the next entry starts on 20; ``62`` for the last one."""
        if self.next_page and self.next_page - 1 > self.page:
            return f"{self.page}-{self.next_page - 1}"
        return str(self.page)


def parse_byline(text: str) -> Byline:
    """``本刊记者 马跃明 袁 卫`` -> 马跃明, 袁卫 (role 本刊记者); ``郑亚丽 等`` -> 郑亚丽, et al."""
    text = text.strip()
    role = None
    for r in _ROLES:
        if text.startswith(r) and text != r:
            role, text = r, text[len(r) :].strip()
            break
    if _CORPORATE.match(text):
        return Byline((Name(literal=text),), role=role)
    tokens = text.split()
    et_al = bool(tokens) and tokens[-1] == "等"
    if et_al:
        tokens = tokens[:-1]
    elif tokens and tokens[-1].endswith("等") and len(tokens[-1]) > 2:
        tokens[-1] = tokens[-1][:-1]
        et_al = True
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # two-character names are padded to the width of three: 袁 卫, 沈 仁, 陈 江
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tok + tokens[i + 1])
            i += 2
            continue
        names.append(tok)
        i += 1
    return Byline(tuple(Name.parse(n) for n in names if n), et_al=et_al, role=role)


def _split_byline(text: str) -> tuple[str, str | None]:
    if "/" in text:
        head, _, tail = text.rpartition("/")
        return head.strip(), tail.strip() or None
    return text.strip(), None


def _entries(lines: LineMap, folded: str) -> Iterator[re.Match[str]]:
    """The matches of ``_ENTRY.finditer(folded)``: each lies on one line and starts it, so
    only the first line and the lines opening with a digit are tried."""
    first = _ENTRY.match(folded)
    if first:
        yield first
    openings = lines.digit_openings() if lines.text is folded else LineMap(folded).digit_openings()
    for at in openings:
        entry = _ENTRY.match(folded, at + 1)
        if entry:
            yield entry


def find_toc(lines: LineMap, folded: str) -> list[TocEntry]:
    """Table-of-contents entries of the document, in order (empty when it has none)."""
    raw: list[tuple[int, int, str, int]] = []  # (line, page, rest, end line)
    for m in _entries(lines, folded):
        n = lines.line_of(m.start())
        rest = m["rest"]
        end = n
        nxt = _next_nonblank(lines, n)
        if nxt and _SUBTITLE.match(lines.line(nxt)):
            end = nxt
        elif "/" not in rest:
            continue
        raw.append((n, int(m["page"]), rest, end))
    clusters: list[list[tuple[int, int, str, int]]] = []
    for item in raw:
        if clusters and item[0] - clusters[-1][-1][3] <= _GAP and item[1] > clusters[-1][-1][1]:
            clusters[-1].append(item)
        else:
            clusters.append([item])
    out: list[TocEntry] = []
    for cluster in clusters:
        if len(cluster) < _MIN_ENTRIES:
            continue
        rubric: str | None = None
        for k, (n, page, rest, end) in enumerate(cluster):
            title, byline_text = _split_byline(rest)
            subtitle = None
            if end > n:
                sub = _SUBTITLE.match(lines.line(end))
                if sub:
                    subtitle, sub_byline = _split_byline(sub["rest"])
                    byline_text = sub_byline or byline_text
            next_page = cluster[k + 1][1] if k + 1 < len(cluster) else None
            raw_text = "\n".join(
                lines.line(i).strip() for i in range(n, end + 1) if lines.line(i).strip()
            )
            out.append(
                TocEntry(
                    page=page,
                    title=clean_title(title),
                    subtitle=clean_title(subtitle) if subtitle else None,
                    byline=parse_byline(byline_text) if byline_text else Byline(()),
                    rubric=(rubric := _rubric_before(lines, n) or rubric),
                    start_line=n,
                    end_line=end,
                    raw=raw_text,
                    next_page=next_page,
                )
            )
    return out


def _next_nonblank(lines: LineMap, n: int) -> int | None:
    for k in range(n + 1, min(lines.count, n + 3) + 1):
        if lines.line(k).strip():
            return k
    return None


def _rubric_before(lines: LineMap, n: int) -> str | None:
    """The column heading above an entry (``>>本期关注``, letter-spaced ``富 强 浙 江``)."""
    for k in range(n - 1, max(0, n - 4), -1):
        text = lines.line(k).strip()
        if not text:
            continue
        m = _RUBRIC.match(text)
        if m:
            return clean_title(m["name"])
        tokens = text.split()
        if len(tokens) >= 2 and all(len(t) == 1 for t in tokens):
            return "".join(tokens)
        if _ENTRY.match(text) or text.startswith("——"):
            continue
        return None
    return None
