"""Document text -> :class:`Extraction`: the driver that runs every finder over a document.

Consumes a :class:`~citekit.documents.Document` and its sidecar metadata; produces records in
source order: attributions linked to the title of the article they close, bare URLs, magazine
table-of-contents entries, speech excerpts and document references (legislation), plus the
document's own record. Never raises on bad input: problems go to the collector.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..aliases import Aliases
from ..documents import Document
from ..model import Name, Provenance, Reference
from ..problems import Problems
from .headings import find_heading
from .legislation import POLICY_END, POLICY_GENRES, dedupe, find_docrefs
from .metadata import document_record, read_front_matter, sidecar_date, sidecar_value
from .normalize import normalize, pipeline
from .result import Extraction, Unparsed
from .sources import Source, parse_sources
from .speech import Speech, parse_speech
from .splitter import split_candidates
from .text import LineMap, fold_width
from .toc import TocEntry, find_toc

__all__ = ["extract_document"]

#: how far above an attribution its article's title is looked for (a long magazine feature
#: runs to ~400 lines; beyond that the first heading found would belong to another article)
_MAX_ARTICLE_LINES = 800


def _record(
    src: Source,
    *,
    title: str | None,
    path: str,
    start: int,
    end: int,
    raw: str,
    problems: Problems,
    want_title: bool = True,
) -> Reference:
    """A record from one parsed source; flags an impossible date and a missing title."""
    warnings: list[str] = []
    where = f"{path}:{start}"
    if src.bad_date:
        msg = f"impossible date {src.bad_date!r} kept as written"
        warnings.append(msg)
        problems.add(where, "E103", msg)
    if title is None and want_title:
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
        # GB/T 7714 prints a newspaper's 版次 where other items have pages: 2000-11-20(15)
        page=src.edition if src.type == "article-newspaper" else None,
        section=src.section,
        url=src.url,
        note=f"经{src.via}转载" if src.via else None,
        provenance=(Provenance(path, start, end, raw),),
        warnings=tuple(warnings),
    )


def extract_document(
    doc: Document,
    meta: Mapping[str, Any] | None = None,
    problems: Problems | None = None,
    *,
    aliases: Aliases | None = None,
) -> Extraction:
    """Extract every reference in ``doc``; ``meta`` is its sidecar metadata (may be None);
    container names go through ``aliases`` (the built-in table when None)."""
    problems = problems if problems is not None else Problems()
    ex = Extraction(doc.path, problems=problems)
    # width folding keeps offsets, so it is done line by line where a finder looks, not on the
    # whole text (most of which no finder ever reads)
    text = doc.text
    lines = LineMap(text)
    front = read_front_matter(lines)
    ex.document = document_record(doc.path, front, meta, lines)

    boundary = front.topic_line or front.end_line  # titles are looked for after this line
    items: list[tuple[int, Reference | Unparsed]] = []
    toc = find_toc(lines, text)
    items += [(e.start_line, _toc_record(e, meta, doc.path)) for e in toc]
    items += _legislation(text, lines, doc.path)
    last_records: list[Reference] = []
    last_end = 0
    for cand in split_candidates(lines):
        hit, n, end, raw = cand.hit, cand.start_line, cand.end_line, cand.raw
        if hit.form == "url":
            if last_records and _only_blank_between(lines, last_end, n):
                # the bare URL line after an attribution is the address of that article
                for i, (pos, item) in enumerate(items):
                    if (
                        isinstance(item, Reference)
                        and any(item is r for r in last_records)
                        and not item.url
                    ):
                        items[i] = (pos, item.replace(url=hit.phrase))
                last_records = []
                boundary = n
                continue
            # a URL on its own: a web page of its own (the address may carry a date)
            for src in parse_sources(hit.phrase)[:1]:
                rec = _record(
                    src,
                    title=None,
                    path=doc.path,
                    start=n,
                    end=n,
                    raw=raw,
                    problems=problems,
                    want_title=False,
                )
                items.append((n, rec))
            continue
        speech = parse_speech(hit.phrase) if hit.form in ("speech", "bracketed") else None
        if speech is not None:
            items.append((n, _speech_record(speech, toc, doc.path, n, end, raw, problems)))
            boundary = end
            continue
        # only a header line (2021-08-28 16:50 来源：浙江日报) dates its source outside the phrase
        context = cand.context if hit.form == "keyword-colon" else ""
        sources = parse_sources(hit.phrase, context)
        if not sources:
            reason = "attribution names no source"
            items.append((n, Unparsed(Provenance(doc.path, n, end, raw), reason)))
            problems.add(f"{doc.path}:{n}", "E101", f"{reason}: {raw[:60]!r}")
            continue
        if last_records and _only_blank_between(lines, last_end, n):
            # a second attribution right under the first names another source of the same text
            title = last_records[0].title
        else:
            first = max(boundary + 1, n - _MAX_ARTICLE_LINES)
            block = [(k, lines.line(k)) for k in range(first, n) if lines.line(k).strip()]
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
    transforms = pipeline(aliases if aliases is not None else Aliases.builtin())
    items.sort(key=lambda pair: pair[0])  # stable: same-line items keep their order
    ex.items = [
        normalize(item, transforms) if isinstance(item, Reference) else item for _, item in items
    ]
    return ex


def _only_blank_between(lines: LineMap, a: int, b: int) -> bool:
    return all(not lines.line(k).strip() for k in range(a + 1, b))


def _toc_record(entry: TocEntry, meta: Mapping[str, Any] | None, path: str) -> Reference:
    """A magazine article from its table-of-contents entry; the issue comes from the sidecar."""
    extra: dict[str, Any] = {}
    if entry.byline.et_al:
        extra["et-al"] = True  # the byline ends in 等: more authors than printed (GB/T 7714 §8.1.2)
    if entry.byline.role:
        extra["author-role"] = entry.byline.role
    title = entry.title + (f"——{entry.subtitle}" if entry.subtitle else "")
    issue = sidecar_value(meta, "issue")
    return Reference(
        id="",
        type="article-magazine",
        title=title,
        author=entry.byline.authors,
        container_title=sidecar_value(meta, "container-title"),
        issued=sidecar_date(sidecar_value(meta, "issued")),
        issue=issue,
        page=entry.pages,
        section=entry.rubric,
        extra=extra,
        provenance=(Provenance(path, entry.start_line, entry.end_line, entry.raw),),
    )


def _speech_record(
    speech: Speech,
    toc: list[TocEntry],
    path: str,
    start: int,
    end: int,
    raw: str,
    problems: Problems,
) -> Reference:
    """A speech (excerpt): speaker as author; the title of the magazine piece by the speaker
    when the table of contents lists one, else the speech's own description."""
    warnings: list[str] = []
    if speech.bad_date:
        msg = f"impossible date {speech.bad_date!r} kept as written"
        warnings.append(msg)
        problems.add(f"{path}:{start}", "E103", msg)
    title = None
    if speech.speaker:
        for entry in toc:
            if any(a.display == speech.speaker for a in entry.byline.authors):
                title = entry.title
                break
    if title is None:
        title = f"在{speech.event}上的{speech.genre}" if speech.event else speech.genre
    return Reference(
        id="",
        type="speech",
        title=title,
        author=(Name(literal=speech.speaker),) if speech.speaker else (),
        issued=speech.issued,
        genre=speech.genre + ("摘要" if speech.excerpt else ""),
        event_title=speech.event,
        provenance=(Provenance(path, start, end, raw),),
        warnings=tuple(warnings),
    )


_DOC_TRIGGERS = ("〔", "［", "[")


def _legislation(text: str, lines: LineMap, path: str) -> list[tuple[int, Reference]]:
    """Documents cited by title and number (文号), found in a window of joined lines."""
    found: list[tuple[int, int, Any]] = []
    done_lines: set[int] = set()
    positions: list[int] = []
    for word in _DOC_TRIGGERS:
        i = text.find(word)
        while i != -1:
            positions.append(i)
            i = text.find(word, i + 1)
    i = text.find("》")
    while i != -1:
        # 《…条例》 or 《…方案（2021—2025年）》: look closer only at those endings
        if (text[i - 2 : i] in POLICY_GENRES or text[i - 1] in "）)") and POLICY_END.search(
            text, max(0, i - 24), i
        ):
            positions.append(i)
        i = text.find("》", i + 1)
    for pos in sorted(positions):
        n = lines.line_of(pos)
        if n in done_lines:
            continue
        done_lines.add(n)
        window = [k for k in range(max(1, n - 2), min(lines.count, n + 2) + 1)]
        parts: list[tuple[int, int]] = []  # (offset in joined text, line)
        joined = ""
        for k in window:
            text = fold_width(lines.line(k).strip())
            if text:
                parts.append((len(joined), k))
                joined += text
        for ref in find_docrefs(joined):
            first = max(k for off, k in parts if off <= ref.start)
            last = max(k for off, k in parts if off < ref.end)
            if first <= n <= last:
                found.append((first, last, ref))
    unique = dedupe([ref for _, _, ref in found])
    out: list[tuple[int, Reference]] = []
    for first, last, ref in found:
        if ref not in unique:
            continue
        unique.remove(ref)
        raw = "\n".join(
            lines.line(k).strip() for k in range(first, last + 1) if lines.line(k).strip()
        )
        out.append(
            (
                first,
                Reference(
                    id="",
                    type="legislation",
                    title=ref.title,
                    number=ref.number,
                    authority=ref.authority,
                    provenance=(Provenance(path, first, last, raw),),
                ),
            )
        )
    return out
