"""Document text -> :class:`Extraction`: the driver that runs every finder over a document.

Consumes a :class:`~citekit.documents.Document` and its sidecar metadata; produces records in
source order: attributions linked to the title of the article they close, bare URLs, magazine
table-of-contents entries, speech excerpts and document references (legislation), plus the
document's own record. Never raises on bad input: problems go to the collector.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..aliases import load_aliases
from ..documents import Document
from ..model import Name, Provenance, Reference
from ..problems import Problems
from .headings import find_heading
from .metadata import document_record, read_front_matter
from .normalize import normalize, pipeline
from .patterns import TRIGGER, Hit, find_hits
from .result import Extraction, Unparsed
from .sources import Source, parse_sources
from .text import LineMap, fold_width

__all__ = ["extract_document"]

#: how many lines an open bracket may continue over (speech excerpts wrap over four)
_MAX_CONTINUATION = 5


def _attribution_lines(folded: str, lines: LineMap) -> list[int]:
    """Line numbers that contain a trigger word (cheap prefilter over the whole text)."""
    out: list[int] = []
    last = 0
    for m in TRIGGER.finditer(folded):
        n = lines.line_of(m.start())
        if n != last:
            out.append(n)
            last = n
    return out


def _record(
    src: Source,
    *,
    title: str | None,
    path: str,
    start: int,
    end: int,
    raw: str,
    problems: Problems,
) -> Reference:
    warnings: list[str] = []
    where = f"{path}:{start}"
    if src.bad_date:
        msg = f"impossible date {src.bad_date!r} kept as written"
        warnings.append(msg)
        problems.add(where, "E103", msg)
    if title is None:
        msg = "title of the article not found"
        warnings.append(msg)
        problems.add(where, "E102", msg)
    return Reference(
        id="",
        type=src.type,
        title=title,
        author=tuple(Name.parse(a) for a in src.authors),
        container_title=src.container,
        issued=src.issued,
        issue=src.issue,
        volume=src.volume,
        edition=src.edition,
        section=src.section,
        url=src.url,
        note=f"经{src.via}转载" if src.via else None,
        provenance=(Provenance(path, start, end, raw),),
        warnings=tuple(warnings),
    )


def extract_document(
    doc: Document, meta: Mapping[str, Any] | None = None, problems: Problems | None = None
) -> Extraction:
    """Extract every reference in ``doc``; ``meta`` is its sidecar metadata (may be None)."""
    problems = problems if problems is not None else Problems()
    ex = Extraction(doc.path, problems=problems)
    text = doc.text
    folded = fold_width(text)
    lines = LineMap(folded)
    front = read_front_matter(lines)
    ex.document = document_record(doc.path, front, meta)

    boundary = front.topic_line or front.end_line  # titles are looked for after this line
    items: list[tuple[int, Reference | Unparsed]] = []
    last_records: list[Reference] = []
    last_end = 0
    skip_until = 0
    for n in _attribution_lines(folded, lines):
        if n <= skip_until:
            continue
        line = lines.line(n)
        hits = find_hits(line)
        if not hits:
            continue
        end = n
        for hit in hits:
            if hit.open:
                hit, end = _continue(hit, lines, n)
                skip_until = end
            raw = "\n".join(lines.line(k).strip() for k in range(n, end + 1))
            if hit.form == "url":
                if last_records and _only_blank_between(lines, last_end, n):
                    for i, (pos, item) in enumerate(items):
                        if isinstance(item, Reference) and item in last_records and not item.url:
                            items[i] = (pos, item.replace(url=hit.phrase))
                    last_records = []
                    boundary = n
                    continue
                found = parse_sources(hit.phrase)
                if found:
                    rec = _record(
                        found[0],
                        title=None,
                        path=doc.path,
                        start=n,
                        end=n,
                        raw=raw,
                        problems=Problems(),
                    )
                    items.append((n, rec.replace(warnings=())))
                continue
            context = line[: hit.start] + " " + line[hit.end :]
            sources = parse_sources(hit.phrase, context)
            if not sources:
                items.append((n, Unparsed(Provenance(doc.path, n, end, raw), "no source named")))
                continue
            block = [(k, lines.line(k)) for k in range(boundary + 1, n) if lines.line(k).strip()]
            heading = find_heading(block)
            title = heading.title if heading else None
            last_records = []
            for src in sources:
                rec = _record(
                    src, title=title, path=doc.path, start=n, end=end, raw=raw, problems=problems
                )
                items.append((n, rec))
                last_records.append(rec)
            last_end = end
            boundary = end
    transforms = pipeline(load_aliases(None))
    ex.items = [
        normalize(item, transforms) if isinstance(item, Reference) else item for _, item in items
    ]
    return ex


def _continue(hit: Hit, lines: LineMap, n: int) -> tuple[Hit, int]:
    """Join the lines an open bracket continues over; return the completed hit and last line."""
    phrase = hit.phrase
    for k in range(n + 1, min(lines.count, n + _MAX_CONTINUATION) + 1):
        nxt = lines.line(k).strip()
        for i, c in enumerate(nxt):
            if c in "）)":
                return Hit(hit.form, hit.start, hit.end, phrase + nxt[:i]), k
        phrase += nxt
    return Hit(hit.form, hit.start, hit.end, phrase), n


def _only_blank_between(lines: LineMap, a: int, b: int) -> bool:
    return all(not lines.line(k).strip() for k in range(a + 1, b))
