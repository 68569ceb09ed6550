"""What the review page shows, as plain values: records grouped by document, each with its
source lines, rendered entry, badges and filter tags. No HTML here (that is the template's job).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Protocol

from ..model import Library, Name, Provenance, Reference
from ..problems import Problem, Problems, low_confidence_in

__all__ = [
    "TYPE_LABELS",
    "Badge",
    "CheckItem",
    "DocumentView",
    "DuplicateLike",
    "LinkLike",
    "PageView",
    "RecordView",
    "RenderedLike",
    "Review",
    "SourceLine",
    "SpanView",
    "UnparsedLike",
    "anchor_for",
    "build_view",
    "describe",
    "find_title_lines",
    "problem_owner",
    "record_keys",
]

# ---------------------------------------------------------------- what the page is given


class RenderedLike(Protocol):
    """A rendered bibliography entry (:class:`citekit.render.Rendered`)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def text(self) -> str: ...


class DuplicateLike(Protocol):
    """A duplicate group (:class:`citekit.checks.duplicates.DuplicateGroup`)."""

    @property
    def ids(self) -> Sequence[str]: ...
    @property
    def decision(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def reason(self) -> str: ...


class LinkLike(Protocol):
    """One checked URL (:class:`citekit.checks.links.LinkResult`)."""

    @property
    def url(self) -> str: ...
    @property
    def ids(self) -> Sequence[str]: ...
    @property
    def verdict(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def final_url(self) -> str | None: ...
    @property
    def detail(self) -> str: ...
    @property
    def suggestion(self) -> str | None: ...


class UnparsedLike(Protocol):
    """An attribution that extraction could not read (:class:`citekit.extract.Unparsed`)."""

    @property
    def provenance(self) -> Provenance: ...
    @property
    def reason(self) -> str: ...


@dataclass
class Review:
    """Everything the review page is built from (the results of one ``citekit build``)."""

    library: Library
    #: the bibliography in the build's style, one entry per record
    rendered: Sequence[RenderedLike] = ()
    #: extraction, store and record-check findings
    problems: Problems = field(default_factory=Problems)
    duplicates: Sequence[DuplicateLike] = ()
    #: None when links were not checked
    links: Sequence[LinkLike] | None = None
    unparsed: Sequence[UnparsedLike] = ()
    #: reads a source document's lines by its provenance path; None when it cannot be read
    read_source: Callable[[str], Sequence[str] | None] = lambda path: None
    #: refs file -> the source document it holds (``refs/a.yaml`` -> ``seeds/a.txt``)
    sources: Mapping[str, str] = field(default_factory=dict)
    #: refs file -> the record of the document itself (the bulletin or magazine issue)
    documents: Mapping[str, Reference] = field(default_factory=dict)
    title: str = "citekit 审阅页"
    style: str = ""
    #: lines of context shown before and after each provenance span
    context: int = 3
    #: True when ``problems`` already report each record's extraction warnings (the record
    #: checks ran); otherwise the page shows them from the records themselves
    warnings_in_problems: bool = False
    #: the number of the library's first record (a part of a longer library starts later)
    first_number: int = 1
    #: refs file -> the id of its section (``doc1`` …); by default numbered in order
    document_ids: Mapping[str, str] = field(default_factory=dict)
    #: refs file -> how many records it holds (when ``library`` holds only some of them)
    record_counts: Mapping[str, int] = field(default_factory=dict)
    #: False: do not look for records of other documents that cite a document (``cited_too``
    #: needs the whole library)
    cross_citations: bool = True


# ------------------------------------------------------------------------- what it shows


@dataclass(frozen=True, slots=True)
class Badge:
    """A coloured tag on a record: ``kind`` picks the colour (ok, warn, bad, info, off)."""

    kind: str
    text: str
    title: str = ""
    href: str = ""


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a source document, numbered; ``hit`` when it is inside the record's span,
    ``title`` when the record's title was read from it."""

    number: int
    text: str
    hit: bool
    title: bool = False


@dataclass(frozen=True, slots=True)
class SpanView:
    """A provenance span with the source lines around it."""

    file: str
    location: str
    raw: str
    lines: tuple[SourceLine, ...]
    #: False when the source document could not be read (then only ``raw`` is shown)
    readable: bool
    #: ``attribution`` (a provenance span) or ``title`` (where the title stands, above it)
    kind: str = "attribution"
    #: why it is shown (a line extraction could not read: the reason)
    note: str = ""


@dataclass
class RecordView:
    """One record as the page shows it."""

    key: str
    anchor: str
    number: int
    type: str
    type_label: str
    label: str
    entry: str
    fields: list[tuple[str, str]]
    #: the refs/ file and line where a person corrects this record
    edit_file: str
    edit_line: int | None
    spans: list[SpanView]
    badges: list[Badge]
    problems: list[Problem]
    tags: list[str]
    search: str
    year: int | None


@dataclass
class DocumentView:
    """One source document (one refs/ file) with its records."""

    id: str
    source: str
    refs_file: str
    records: list[RecordView]
    unparsed: list[SpanView]
    problems: list[Problem]
    #: what the document is: title, series, issue, compiler, date (from its refs file)
    about: str = ""
    #: records kept in another document's refs file that this document cites too (merged
    #: duplicates): (record, where in this document)
    cited_too: list[tuple[RecordView, str]] = field(default_factory=list)
    #: how many records its refs file holds (``records`` may be some of them)
    count: int = 0

    @property
    def flagged(self) -> int:
        """How many of its records have a finding (problem, duplicate, broken link)."""
        return sum("any" in r.tags for r in self.records)


@dataclass(frozen=True, slots=True)
class CheckItem:
    """A record the librarian should look at first: one with extraction warnings.
    ``confidence`` is set for a low-confidence record (E105), None for other warnings."""

    key: str
    anchor: str
    doc: str
    title: str
    confidence: float | None
    warnings: tuple[str, ...]


def _confidence(warnings: Sequence[str]) -> float | None:
    """The lowest confidence the warnings name (None: no low-confidence warning)."""
    found = [c for w in warnings if (c := low_confidence_in(w)) is not None]
    return min(found) if found else None


def check_first(items: Sequence[CheckItem]) -> list[CheckItem]:
    """Records with warnings in the order to check them: low-confidence ones first, least
    confident first, then the others; page order otherwise."""
    order = sorted(
        enumerate(items),
        key=lambda t: (t[1].confidence is None, t[1].confidence or 0.0, t[0]),
    )
    return [item for _, item in order]


@dataclass
class PageView:
    """The whole page."""

    title: str
    style: str
    documents: list[DocumentView]
    totals: dict[str, int | None]
    #: (value, label, count) for the problem filter
    problem_filters: list[tuple[str, str, int]]
    by_type: list[tuple[str, int]]
    by_year: list[tuple[str, int]]
    #: findings tied to no record or document
    other_problems: list[Problem]
    links_checked: bool
    duplicate_groups: list[tuple[int, DuplicateLike]]
    #: records with extraction warnings, to check first (:func:`check_first`'s order)
    check_first: list[CheckItem] = field(default_factory=list)


# CSL type -> Chinese label with the GB/T 7714 type code (Table 1 of the standard).
TYPE_LABELS: dict[str, str] = {
    "article-newspaper": "报纸文章 [N]",
    "article-journal": "期刊文章 [J]",
    "article-magazine": "杂志文章 [J]",
    "periodical": "期刊 [J]",
    "webpage": "网页 [EB/OL]",
    "post": "网络帖子 [EB/OL]",
    "post-weblog": "博客 [EB/OL]",
    "speech": "讲话 [Z]",
    "legislation": "法规文件 [A]",
    "regulation": "规章 [A]",
    "report": "报告 [R]",
    "book": "图书 [M]",
    "chapter": "析出文献 [M]",
    "thesis": "学位论文 [D]",
    "paper-conference": "会议论文 [C]",
    "standard": "标准 [S]",
    "patent": "专利 [P]",
    "dataset": "数据集 [DS]",
    "software": "软件 [CP]",
    "broadcast": "广播电视 [Z]",
    "document": "文献 [Z]",
}

# Reference attribute -> the label shown beside its value.
_FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("title", "题名 title"),
    ("author", "作者 author"),
    ("editor", "编者 editor"),
    ("container_title", "来源 container-title"),
    ("collection_title", "丛编 collection-title"),
    ("issued", "日期 issued"),
    ("volume", "卷 volume"),
    ("issue", "期 issue"),
    ("page", "页/版 page"),
    ("number", "文号 number"),
    ("genre", "类别 genre"),
    ("event_title", "会议 event-title"),
    ("event_place", "地点 event-place"),
    ("authority", "发文机关 authority"),
    ("publisher", "出版者 publisher"),
    ("publisher_place", "出版地 publisher-place"),
    ("url", "网址 URL"),
    ("doi", "DOI"),
    ("accessed", "引用日期 accessed"),
    ("language", "语言 language"),
    ("note", "附注 note"),
)

_VERDICT_KIND = {"ok": "ok", "broken": "bad", "unverifiable": "warn"}
_VERDICT_TEXT = {"ok": "链接正常", "broken": "链接失效", "unverifiable": "链接无法验证"}
_DUP_TEXT = {"duplicate": "重复", "possible": "疑似重复"}


def _value(value: object) -> str:
    if value is None or value == () or value == "":
        return ""
    if isinstance(value, tuple):
        return "；".join(n.display if isinstance(n, Name) else str(n) for n in value)
    return str(value)


def describe(doc: Reference) -> str:
    """One line saying what a source document is: ``今日浙江 · 2021（15） · 今日浙江杂志社``."""
    issue = "".join(
        [
            doc.issued.iso() if doc.issued is not None else "",
            f"（{doc.issue}）" if doc.issue else "",
        ]
    )
    parts = [
        doc.title,
        doc.collection_title,
        doc.genre,
        issue,
        "；".join(n.display for n in doc.author),
        doc.publisher,
    ]
    return " · ".join(p for p in parts if p)


def _link_title(link: LinkLike) -> str:
    """Hover text of a link badge: where it went, what happened, what to cite instead."""
    where = link.url
    if link.final_url and link.final_url != link.url:
        where += f" → {link.final_url}"
    suggestion = f"建议改用 suggested: {link.suggestion}" if link.suggestion else ""
    return " · ".join(p for p in (where, link.detail, suggestion) if p)


def _stored(ref: Reference) -> tuple[str, int | None]:
    """The file a record is kept in and its line (its typed ``location``); ("", None) for a
    record not read from a file."""
    if not ref.origin:
        return "", None
    where = ref.location
    return where.file, where.start_line


def _place(problem: Problem) -> tuple[str, int | None]:
    """The file and line a problem is about (its typed ``location``; what it prints when it
    names no file, e.g. a record's key)."""
    where = problem.location
    return where.file or problem.where, where.start_line


@functools.lru_cache(maxsize=1 << 16)
def _norm(path: str) -> str:
    return PurePath(path).as_posix()


def _fold(text: str) -> str:
    """Search text: NFKC (full width -> half width) and case-folded, as the page's JS does."""
    return unicodedata.normalize("NFKC", text).lower()


def anchor_for(key: str) -> str:
    """The HTML id of a record's card: ``ref-<key>``."""
    return "ref-" + re.sub(r"[^0-9A-Za-z_\-]", "_", key)


def _squeeze(text: str) -> str:
    return "".join(text.split())  # every whitespace character out (re's \\s: the same set)


def find_title_lines(
    lines: Sequence[str], title: str | None, before: int, *, reach: int = 400
) -> tuple[int, ...]:
    """The lines (1-based) above line ``before`` where ``title`` is written, nearest first found.

    Titles are headings above the attribution that closes an article and may wrap over several
    lines (blank lines between them in PDF text), so spaces and line breaks are ignored.
    Returns () when the title is not found within ``reach`` lines.
    """
    key = _squeeze(title or "")
    if len(key) < 2:
        return ()
    for n in range(min(before, len(lines)), max(0, before - reach), -1):
        here = _squeeze(lines[n - 1])
        if not here or key[0] not in here:
            continue
        # Follow the title over the next non-blank lines until all of it has been seen.
        taken, text, m = [n], here, n
        while key not in text and len(taken) < 4 and m < len(lines):
            m += 1
            nxt = _squeeze(lines[m - 1])
            if nxt:
                taken.append(m)
                text += nxt
        at = text.find(key)
        if at != -1 and at < len(here):
            return tuple(taken)
    return ()


def _span(
    prov: Provenance,
    lines: Sequence[str] | None,
    context: int,
    title: str | None = None,
) -> list[SpanView]:
    """The span with its context, preceded by the title's lines when they stand apart."""
    if lines is None or prov.end_line > len(lines):
        return [SpanView(prov.file, prov.location, prov.raw, (), False)]
    first = max(1, prov.start_line - context)
    last = min(len(lines), prov.end_line + context)
    span_text = _squeeze("".join(lines[prov.start_line - 1 : prov.end_line]))
    titled: tuple[int, ...] = ()
    if title and _squeeze(title)[:8] not in span_text:
        titled = find_title_lines(lines, title, prov.start_line - 1)
    out: list[SpanView] = []
    near = [n for n in titled if n >= first]
    if titled and len(near) < len(titled):
        t0, t1 = titled[0], titled[-1]
        if t1 + 1 >= first - 1:  # touching: one excerpt from the title down
            first = max(1, t0 - 1)
        else:
            shown = tuple(
                SourceLine(n, lines[n - 1], False, n in titled)
                for n in range(max(1, t0 - 1), min(len(lines), t1 + 1) + 1)
            )
            where = f"{prov.file}:{t0}" if t0 == t1 else f"{prov.file}:{t0}-{t1}"
            out.append(SpanView(prov.file, where, title or "", shown, True, "title"))
    shown = tuple(
        SourceLine(n, lines[n - 1], prov.start_line <= n <= prov.end_line, n in titled)
        for n in range(first, last + 1)
    )
    out.append(SpanView(prov.file, prov.location, prov.raw, shown, True))
    return out


class _Owners:
    """Finds the record (or document) a problem is about from its ``where``."""

    def __init__(self, lib: Library) -> None:
        self.by_origin: dict[tuple[str, int], str] = {}
        self.by_line: dict[tuple[str, int], str] = {}
        self.by_key: dict[str, str] = {}
        for ref in lib:
            self.by_key[ref.id.casefold()] = ref.id
            file, line = _stored(ref)
            if line is not None:
                self.by_origin[(_norm(file), line)] = ref.id
            for p in ref.provenance:
                for n in range(p.start_line, p.end_line + 1):
                    self.by_line.setdefault((_norm(p.file), n), ref.id)

    def record(self, problem: Problem) -> str | None:
        file, line = _place(problem)
        if line is not None:
            key = self.by_origin.get((_norm(file), line)) or self.by_line.get((_norm(file), line))
            if key:
                return key
        # A check may name the record by key instead of by place.
        return self.by_key.get(problem.where.casefold())


def problem_owner(lib: Library) -> Callable[[Problem], str | None]:
    """The key of the record of ``lib`` a problem is about (None: no record of it)."""
    return _Owners(lib).record


@dataclass
class _Findings:
    """What the checks found, by record key (folded) or by document."""

    by_record: dict[str, list[Problem]]
    by_file: dict[str, list[Problem]]
    #: duplicate groups that still need a decision, numbered from 1
    groups: list[tuple[int, DuplicateLike]]
    groups_of: dict[str, list[tuple[int, DuplicateLike]]]
    links_of: dict[str, list[LinkLike]]

    @classmethod
    def of(cls, review: Review) -> _Findings:
        owners = _Owners(review.library)
        by_record: dict[str, list[Problem]] = defaultdict(list)
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for p in review.problems:
            key = owners.record(p)
            if key is not None:
                by_record[key.casefold()].append(p)
            else:
                by_file[_norm(_place(p)[0])].append(p)
        # distinct groups are not findings
        groups = list(enumerate((g for g in review.duplicates if g.decision in _DUP_TEXT), 1))
        groups_of: dict[str, list[tuple[int, DuplicateLike]]] = defaultdict(list)
        for n, g in groups:
            for key in g.ids:
                groups_of[key.casefold()].append((n, g))
        links_of: dict[str, list[LinkLike]] = defaultdict(list)
        for link in review.links or ():
            for key in link.ids:
                links_of[key.casefold()].append(link)
        return cls(by_record, by_file, groups, groups_of, links_of)


@dataclass
class _Tally:
    """Counts for the page's filters and charts."""

    codes: Counter[str] = field(default_factory=Counter)
    severities: dict[str, str] = field(default_factory=dict)
    tags: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    by_year: Counter[str] = field(default_factory=Counter)

    def filters(self) -> list[tuple[str, str, int]]:
        """(tag, label, count) of each filter the page offers."""
        labels = {"dup": "重复 / 疑似重复 duplicates", "warning": "提取警告 extraction warnings"}
        for verdict in ("broken", "unverifiable"):
            labels[f"link-{verdict}"] = f"{_VERDICT_TEXT[verdict]} link {verdict}"
        out = [("any", "有问题 any finding", self.tags["any"])]
        out += [(t, lbl, self.tags[t]) for t, lbl in labels.items() if self.tags[t]]
        words = {"error": "错误 error", "warning": "警告 warning"}
        out += [(c, f"{c} {words[self.severities[c]]}", n) for c, n in sorted(self.codes.items())]
        out.append(("clean", "无问题 clean", self.tags["clean"]))
        return out


def _badges(
    ref: Reference, found: _Findings, tally: _Tally, warnings_in_problems: bool
) -> tuple[list[Badge], list[str], list[Problem]]:
    """A record's badges, its filter tags and its problems."""
    key = ref.id.casefold()
    badges: list[Badge] = []
    tags: list[str] = []
    problems = found.by_record.get(key, [])
    for p in problems:
        badges.append(Badge("bad" if p.severity == "error" else "warn", p.code, p.message))
        tags.append(p.code)
        tally.codes[p.code] += 1
        if tally.severities.get(p.code) != "error":
            tally.severities[p.code] = p.severity
    if not warnings_in_problems and ref.warnings:
        badges += [Badge("warn", "提取警告", w) for w in ref.warnings]
        tags.append("warning")
    groups = found.groups_of.get(key, [])
    for n, g in groups:
        others = [k for k in g.ids if k.casefold() != key]
        badges.append(
            Badge(
                "dup",
                f"{_DUP_TEXT[g.decision]} #{n}",
                f"{g.reason} (score {g.score:.2f}) · 同组: {', '.join(others)}",
                "#" + anchor_for(others[0]) if others else "",
            )
        )
        tags.append("dup")
    links = found.links_of.get(key, [])
    for link in links:
        status = f" {link.status}" if link.status else ""
        badges.append(
            Badge(
                _VERDICT_KIND.get(link.verdict, "warn"),
                f"{_VERDICT_TEXT.get(link.verdict, link.verdict)} · {link.reason}{status}",
                _link_title(link),
            )
        )
        tags.append(f"link-{link.verdict}")
    if ref.url and not links:
        badges.append(Badge("off", "链接未检查", "citekit build --check-links"))
    clean = not (problems or ref.warnings or groups) and all(x.verdict == "ok" for x in links)
    tags.append("clean" if clean else "any")
    tally.tags.update(set(tags))
    return badges, tags, problems


def _record_view(
    ref: Reference,
    number: int,
    rendered: RenderedLike | None,
    spans: list[SpanView],
    found: _Findings,
    tally: _Tally,
    warnings_in_problems: bool,
) -> RecordView:
    """One record's card: fields, rendered entry, source spans, badges."""
    fields = [(label, _value(getattr(ref, attr))) for attr, label in _FIELD_LABELS]
    fields = [(label, v) for label, v in fields if v]
    badges, tags, problems = _badges(ref, found, tally, warnings_in_problems)
    year = ref.issued.year if ref.issued is not None else None
    tally.by_type[TYPE_LABELS.get(ref.type, ref.type)] += 1
    tally.by_year[str(year) if year else "无日期"] += 1
    entry = rendered.text if rendered is not None else ""
    search = " ".join([ref.id, entry, *(v for _, v in fields), *(p.raw for p in ref.provenance)])
    edit_file, edit_line = _stored(ref)
    return RecordView(
        key=ref.id,
        anchor=anchor_for(ref.id),
        number=number,
        type=ref.type,
        type_label=TYPE_LABELS.get(ref.type, ref.type),
        label=rendered.label if rendered is not None else "",
        entry=entry,
        fields=fields,
        edit_file=edit_file,
        edit_line=edit_line,
        spans=spans,
        badges=badges,
        problems=problems,
        tags=list(dict.fromkeys(tags)),
        search=_fold(search),
        year=year,
    )


class _Documents:
    """The page's document sections, made on first use, in the build's order."""

    def __init__(self, review: Review) -> None:
        self.docs: dict[str, DocumentView] = {}
        self._order = {_norm(k): v for k, v in review.sources.items()}
        self._described = {_norm(k): v for k, v in review.documents.items()}
        self._ids = {_norm(k): v for k, v in review.document_ids.items()}
        # a document without records still gets a section
        for refs_file, source in review.sources.items():
            self.section(refs_file, source)

    def section(self, refs_file: str, fallback_source: str) -> DocumentView:
        norm = _norm(refs_file)
        if norm not in self.docs:
            source = self._order.get(norm, fallback_source)
            about = describe(self._described[norm]) if norm in self._described else ""
            doc_id = self._ids.get(norm) or f"doc{len(self.docs) + 1}"
            self.docs[norm] = DocumentView(doc_id, source, refs_file, [], [], [], about)
        return self.docs[norm]


def _attach_elsewhere(
    docs: dict[str, DocumentView],
    review: Review,
    lines_of: Callable[[str], Sequence[str] | None],
    by_file: dict[str, list[Problem]],
) -> list[Problem]:
    """Cross-document citations, unread lines and document problems; returns the problems
    no document owns."""
    source_docs = {_norm(d.source): d for d in docs.values()}
    # A merged record lives in one refs file; the other documents that cite it point to it.
    for home in docs.values() if review.cross_citations else ():
        for rec in home.records:
            for span in rec.spans:
                cites = source_docs.get(_norm(span.file))
                if span.kind == "attribution" and cites is not None and cites is not home:
                    cites.cited_too.append((rec, span.location))
    for u in review.unparsed:
        d = source_docs.get(_norm(u.provenance.file))
        if d is not None:
            spans = _span(u.provenance, lines_of(u.provenance.file), review.context)
            d.unparsed.extend(replace(s, note=u.reason) for s in spans)
    other: list[Problem] = []
    for file, plist in by_file.items():
        d = docs.get(file) or source_docs.get(file)
        if d is not None:
            d.problems.extend(plist)
        else:
            other.extend(plist)
    return other


def build_view(review: Review) -> PageView:
    """Group the records by document and attach everything the page shows about each."""
    lib = review.library
    rendered = {r.id.casefold(): r for r in review.rendered}
    found = _Findings.of(review)
    sources_cache: dict[str, Sequence[str] | None] = {}

    def lines_of(path: str) -> Sequence[str] | None:
        if path not in sources_cache:
            sources_cache[path] = review.read_source(path)
        return sources_cache[path]

    sections = _Documents(review)
    tally = _Tally()
    doubtful: list[CheckItem] = []
    for number, ref in enumerate(lib, review.first_number):
        first = ref.provenance[0].file if ref.provenance else ""
        spans = [
            view
            for p in ref.provenance
            for view in _span(p, lines_of(p.file), review.context, ref.title)
        ]
        view = _record_view(
            ref,
            number,
            rendered.get(ref.id.casefold()),
            spans,
            found,
            tally,
            review.warnings_in_problems,
        )
        section = sections.section(view.edit_file or "(no file)", first)
        section.records.append(view)
        if ref.warnings:
            doubtful.append(
                CheckItem(
                    ref.id,
                    view.anchor,
                    section.id,
                    ref.title or ref.container_title or ref.id,
                    _confidence(ref.warnings),
                    ref.warnings,
                )
            )
    docs = sections.docs
    counts = {_norm(k): v for k, v in review.record_counts.items()}
    for norm, d in docs.items():
        d.count = counts.get(norm, len(d.records))
    other = _attach_elsewhere(docs, review, lines_of, found.by_file)

    broken = None
    if review.links is not None:
        broken = sum(1 for link in review.links if link.verdict == "broken")
    totals: dict[str, int | None] = {
        "documents": len(docs),
        "records": len(lib),
        "duplicates": len(found.groups),
        "broken": broken,
        "problems": len(review.problems),
        "unparsed": len(review.unparsed),
    }
    return PageView(
        title=review.title,
        style=review.style,
        documents=list(docs.values()),
        totals=totals,
        problem_filters=tally.filters(),
        by_type=tally.by_type.most_common(),
        by_year=sorted(tally.by_year.items()),
        other_problems=other,
        links_checked=review.links is not None,
        duplicate_groups=found.groups,
        check_first=check_first(doubtful),
    )


def record_keys(view: PageView) -> list[str]:
    """Every record key on the page, in page order (for tests and summaries)."""
    return [r.key for d in view.documents for r in d.records]
