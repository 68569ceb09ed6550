"""The bulletin or magazine issue itself: compiling library, topic, issue (``Extraction.document``).

Consumes the document text and its sidecar metadata (``<stem>.meta.yaml``); produces one
:class:`Reference` describing the document, and the line where its front matter ends (the
disclaimer of the library bulletins), so that article titles are not looked for inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import DateError, PartialDate, Provenance, Reference
from .headings import is_heading_like
from .text import LineMap, clean_title, join_lines

__all__ = [
    "FrontMatter",
    "document_record",
    "read_front_matter",
    "sidecar_date",
    "sidecar_value",
]

_COMPILER = re.compile(
    r"本期(?:专题|内容|信息)?由\s*(?P<lib>[^，,。\s]{2,30}?)\s*(?:编辑|编印|编制|整理)"
)
_SERIES = re.compile(r"(?P<series>[^。，,：:\s]{2,30}?专题信息产品)由")
_FRONT_END = re.compile(r"请与该馆联络|请与本馆联系|与该馆联系")
_SCAN_CHARS = 4000


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the first page of a library bulletin says about itself."""

    compiler: str | None
    compiler_line: int | None
    #: the bulletin series (浙江“两会”专题信息产品)
    series: str | None
    topic: str | None
    topic_line: int | None
    #: last line of the front matter (0 when there is none)
    end_line: int


def read_front_matter(lines: LineMap) -> FrontMatter:
    """Find ``本期专题由丽水市图书馆编辑`` and the topic heading that follows the disclaimer."""
    head = lines.text[:_SCAN_CHARS]
    flat = join_lines(head)
    m = _COMPILER.search(flat)
    compiler = m["lib"] if m else None
    # (the pattern opens with a character class: run it only where its literal part is)
    sm = _SERIES.search(flat) if compiler and "专题信息产品由" in flat else None
    series = sm["series"] if sm else None
    compiler_line = None
    end_line = 0
    if compiler:
        pos = head.find(compiler[:2] if len(compiler) >= 2 else compiler)
        compiler_line = lines.line_of(pos) if pos >= 0 else None
        end = _FRONT_END.search(head)
        if end:
            end_line = lines.line_of(end.start())
    topic = topic_line = None
    if end_line:
        for n in range(end_line + 1, min(lines.count, end_line + 12) + 1):
            text = lines.line(n).strip()
            if not text:
                continue
            if is_heading_like(text):
                topic, topic_line = clean_title(text), n
            break
    return FrontMatter(compiler, compiler_line, series, topic, topic_line, end_line)


def sidecar_value(meta: Mapping[str, Any] | None, *keys: str) -> str | None:
    """The first of ``keys`` present in the sidecar, as text (``container-title`` or
    ``container_title``); None when absent or empty."""
    if not meta:
        return None
    for key in keys:
        for k in (key, key.replace("-", "_"), key.replace("_", "-")):
            value = meta.get(k)
            if value not in (None, "") and not isinstance(value, (dict, list)):
                return str(value)
    return None


def sidecar_date(value: Any) -> PartialDate | None:
    """A sidecar date (``2025-01``, ``2021``, a YAML date): checked, kept raw when impossible."""
    if value is None:
        return None
    try:
        if isinstance(value, int):
            return PartialDate.of(value)
        return PartialDate.parse(str(value))
    except DateError:
        return PartialDate.raw(str(value))


def document_record(
    path: str, front: FrontMatter, meta: Mapping[str, Any] | None, lines: LineMap | None = None
) -> Reference | None:
    """The document's own record: a magazine issue (from the sidecar) or a library bulletin."""
    container = sidecar_value(meta, "container-title")
    title = sidecar_value(meta, "title")
    if not (front.compiler or container or title):
        return None
    issued = sidecar_date(sidecar_value(meta, "issued"))
    issue = sidecar_value(meta, "issue")
    where = [n for n in (front.compiler_line, front.topic_line) if n]
    raw = "\n".join(lines.line(n).strip() for n in where) if lines is not None else ""
    prov = (
        (Provenance(path, min(where), max(where), raw),) if where else (Provenance(path, 1, 1, ""),)
    )
    if container and not front.compiler:
        return Reference(
            id="",
            type=sidecar_value(meta, "type") or "periodical",
            title=title or container,
            container_title=None,
            issued=issued,
            issue=issue,
            publisher=sidecar_value(meta, "publisher"),
            publisher_place=sidecar_value(meta, "publisher-place"),
            language=sidecar_value(meta, "language") or "zh-CN",
            note=sidecar_value(meta, "note"),
            provenance=prov,
        )
    return Reference(
        id="",
        # a library's topical compilation is a report in CSL terms (GB/T 7714 [R])
        type=sidecar_value(meta, "type") or "report",
        title=title or front.topic or "",
        genre=sidecar_value(meta, "genre") or "专题信息",
        collection_title=sidecar_value(meta, "collection-title") or front.series,
        publisher=sidecar_value(meta, "publisher") or front.compiler,
        publisher_place=sidecar_value(meta, "publisher-place"),
        issued=issued,
        issue=issue,
        language=sidecar_value(meta, "language") or "zh-CN",
        note=sidecar_value(meta, "note"),
        provenance=prov,
    )
