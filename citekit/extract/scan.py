"""Document text -> :class:`Extraction`: the driver that runs every finder over a document.

Consumes a :class:`~citekit.documents.Document` and its sidecar metadata; produces records in
source order: attributions linked to the title of the article they close, bare URLs, magazine
table-of-contents entries, speech excerpts and document references (legislation), plus the
document's own record. Never raises on bad input: problems go to the collector.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from ..aliases import Aliases
from ..documents import Document
from ..model import Name, PartialDate, Provenance, Reference
from ..problems import Problems, low_confidence_message
from .artefacts import despace
from .assess import Assessment, assess
from .blockdates import block_date, date_line_outlet, reports_its_year, url_date
from .bylines import is_byline, looks_like_person, parse_names_after_roles
from .cited import find_cited
from .closing import NEWS_WORD, closing_lines
from .contents import (
    ContentsEntry,
    IssueHeading,
    find_contents,
    find_issue_headings,
    find_listings,
    named_periodical,
)
from .cues import CUES, Role
from .dates import find_dates, find_yearless
from .doctable import find_document_tables
from .endnotes import Endnote, find_endnotes
from .fold import fold_text, restore_cleaned
from .headers import (
    HeaderArticle,
    find_breadcrumb_articles,
    find_header_articles,
    find_outlet_articles,
    header_authors,
    is_article_metadata,
    is_outlet_line,
)
from .labels import strip_labels
from .layout import Roles, is_header_field
from .leadreporters import lead_end, lead_reporters
from .legislation import POLICY_END, POLICY_GENRES, dedupe, find_docrefs
from .metadata import document_record, read_front_matter, sidecar_date, sidecar_value
from .missed import empty_issue_headings, find_missed
from .normalize import normalize, pipeline
from .policy import PolicyDoc, find_policy_docs, find_titled_blocks
from .result import Extraction, Unparsed
from .sources import Source, infer_type, is_agency, parse_sources
from .speech import Speech, parse_speech
from .splitter import split_candidates, trigger_lines
from .text import LineMap, clean_title, fold_width, match_starts
from .titles import Placement, place_title, quoted_title
from .toc import TocEntry, find_toc

__all__ = ["MAX_RAW", "extract_document"]

#: the raw text kept on a record: the attribution (and its title), never a whole long line
MAX_RAW = 300
#: forms that sit in a header under the title rather than closing the article
_HEADER_FORMS = frozenset(
    {
        "keyword-colon",
        "dateline",
        "wechat",
        "english",
        "reported",
        "reporter",
        "dated-name",
        "timed-outlet",
    }
)
# where an issue heading may be: 2024年第3期, 2024(5), a paper's day with its 版 or name,
# a date alone on a line, a line ending in a year (English headings)
_HINT_TAIL = (
    r"\d\d(?:[ \t]*(?:年[ \t]*第|年[ \t]*\d{1,3}[ \t]*期|[(（][ \t]*\d|-\d{1,2}-\d{1,2}[ \t]*$|$)|"
    r"[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[^\n]{0,14}[版报])"
)
# one pattern per literal prefix (19.., 20.., 报): the regex engine then skips ahead to the
# prefix instead of testing every character, several times faster on Chinese text
_HEADING_HINTS = (
    re.compile("19" + _HINT_TAIL, re.MULTILINE),
    re.compile("20" + _HINT_TAIL, re.MULTILINE),
    re.compile(r"报[ \t]*(?:19|20)\d\d[ \t]*年"),
    # 人民日报 第2版（要闻），2000年8月: a paper's page, then its day or month
    re.compile(r"版(?:[ \t]*[(（][^\n()（）]{0,10}[)）])?[ \t,，、]*(?:19|20)\d\d[ \t]*[年.\-/]"),
)
#: issue headings are short lines
_HEADING_WIDTH = 64
_GENERIC = frozenset(CUES.generic_source)
#: forms that open an article (a dateline, a reporter's byline): an attribution closing the
#: same article later is its source, and the opener's reporters and day join that record
_OPENERS = frozenset({"dateline", "reporter", "wechat", "news-flash"})
# one pattern per opening bracket: a literal prefix lets the engine skip ahead
_NUMBER_BRACKETS = tuple((o, re.compile(re.escape(o) + r"\s*\d{4}\s*[〕］\]‟]")) for o in "〔［[„")


# what a source field holds when it names no source: a site's internal ID, page furniture
_NAMES_JUNK = re.compile(
    r"^\s*(?:[A-Za-z]{0,6}[-_]?\d{5,}[A-Za-z\d]*|(?:" + "|".join(map(re.escape, CUES.junk)) + r"))"
)


_WIDE = "０１２３４５６７８９"
_WIDE_DIGITS = {0xFF10 + i: str(i) for i in range(10)}


def _ascii_digits(text: str) -> str:
    """``text`` with full-width digits as ASCII ones (same length): a PDF's
    ``人民日报 １９７８年３月１１日 第４版`` is found by the same patterns as any heading."""
    # ten substring tests (C) are an order faster than a character-class scan of the text
    return text.translate(_WIDE_DIGITS) if any(d in text for d in _WIDE) else text


# a list item's number in brackets opening a line (【一】人民日报 2000年3月26日 第2版, 【十二】…);
# three digits or more ([909] 标题) are a page, read by the contents list
_ITEM_MARK = re.compile(
    r"^([ \t]*)([【\[［〔](?:[一二三四五六七八九十百]{1,4}|\d{1,2})[】\]］〕])", re.MULTILINE
)


_VARIANTS = CUES.variants


def _variants(text: str) -> str:
    """``text`` with regional spellings of cue words in the form the cues are written in
    (报导 -> 报道; same length)."""
    for variant, form in _VARIANTS:
        if variant in text:
            text = text.replace(variant, form)
    return text


def _blank_item_marks(text: str) -> str:
    """``text`` with the bracketed numbers of list items blanked out (same length: every later
    stage reads the line as if unnumbered, and offsets still match the text as written)."""
    if "【" not in text and "[" not in text and "［" not in text and "〔" not in text:
        return text
    return _ITEM_MARK.sub(lambda m: m[1] + " " * len(m[2]), text)


# a note after a document's title: （2013年1月起施行）, (2021年修订)
_POLICY_NOTE = re.compile(r"\s*[（(][^（）()]{0,14}(?:施行|修订|修正|发布|印发)[）)]\s*$")
#: a document's title alone on a line is no longer than this
_POLICY_LINE = 48


def _policy_title_lines(lines: LineMap, roles: Roles, skip: set[int]) -> list[int]:
    """Lines that are only a policy document's title (ending in its genre: 办法, 意见, 措施
    (试行)…), standing alone between blank lines, not covered by a record yet."""
    out = []
    for n in range(1, lines.count + 1):
        text = lines.line(n).strip()
        if not text or n in skip or len(text) > _POLICY_LINE or len(text) < 8:
            continue
        if any(c in text for c in "。，,；;：:《》"):
            continue
        plain = _POLICY_NOTE.sub("", fold_width(text))
        if not POLICY_END.search(plain) and not plain.endswith(("措施", "措施(试行)")):
            continue
        if lines.line(n - 1).strip() if n > 1 else False:
            continue  # a wrapped title's second line, or a sentence's end
        if n < lines.count and lines.line(n + 1).strip():
            continue  # a title with a header under it is another finder's
        if roles.role(n) not in (Role.TITLE, Role.SECTION):
            continue
        out.append(n)
    return out


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_RAW else text[: MAX_RAW - 1] + "…"


def _short_lines_with(lines: LineMap, patterns: tuple[re.Pattern[str], ...]) -> list[int]:
    """Lines no longer than an issue heading that hold a match of one of ``patterns``."""
    starts = sorted(m.start() for p in patterns for m in p.finditer(lines.text))
    found = lines.lines_of(starts)
    return [n for n in found if len(lines.line(n)) <= _HEADING_WIDTH]


def _document_year(lines: LineMap, meta: Mapping[str, Any] | None) -> int | None:
    """The bulletin's own year: the sidecar's, else the first full date near the top."""
    issued = sidecar_date(sidecar_value(meta, "issued"))
    if issued is not None and issued.year:
        return issued.year
    for n in range(1, min(lines.count, 12) + 1):
        for d in find_dates(lines.line(n)):
            if d.valid and d.date.year:
                return d.date.year
    return None


class _Builder:
    """State of one document's extraction: lines, roles, context, the records so far."""

    def __init__(self, doc: Document, meta: Mapping[str, Any] | None, problems: Problems) -> None:
        self.path = doc.path
        self.problems = problems
        text = despace(doc.text)  # PDF letter-spacing closed up: the text as it reads
        self.folded = _blank_item_marks(_ascii_digits(_variants(fold_text(text))))
        self.lines = LineMap(self.folded)
        # folding keeps lengths and newlines: both texts share one table of line starts
        self.orig = self.lines.sibling(text) if self.folded is not text else self.lines
        self.meta = meta
        self.year = _document_year(self.lines, meta)
        self.items: list[tuple[int, Reference | Unparsed]] = []
        #: line -> the (year, month) of its dates, read once (many datelines share a line)
        self.months: dict[int, list[tuple[int, int]]] = {}
        self.assessments: dict[int, Assessment] = {}
        self._year_marks: list[tuple[int, int]] | None = None

    @functools.cached_property
    def reports_its_year(self) -> bool:
        """The bulletin reports its own year's news (read on first use)."""
        return self.year is None or reports_its_year(self.folded, self.year)

    @property
    def year_marks(self) -> list[tuple[int, int]]:
        """Lines that are only a year (━━ 2022年 ━━): the year of the datelines under them
        (found on first use: most bulletins never ask)."""
        if self._year_marks is None:
            self._year_marks = _year_marks(self.folded, self.lines)
        return self._year_marks

    def as_written(self, value: str, near: int) -> str:
        """``value`` (cut from the folded text) as the document writes it: the same span of the
        original text, looked for near line ``near`` first."""
        if self.orig is self.lines:
            return value
        lo = self.lines.start_of(max(1, near - 8))
        hi = self.lines.end_of(min(self.lines.count, near + 8))
        i = self.folded.find(value, lo, hi)
        if i < 0:
            i = self.folded.find(value)
        return self.orig.text[i : i + len(value)] if i >= 0 else value

    def written_record(self, rec: Reference, heading: int, start: int, end: int) -> Reference:
        """``rec`` (built from the folded lines ``start``-``end`` under the heading on line
        ``heading``) with its title, authors and container as the document writes them."""
        if self.orig is self.lines:
            return rec
        lo, hi = self.lines.start_of(start), self.lines.end_of(end)
        folded, orig = self.folded[lo:hi], self.orig.text[lo:hi]
        authors = tuple(
            Name(literal=restore_cleaned(a.literal, folded, orig)) if a.literal else a
            for a in rec.author
        )
        container = rec.container_title
        if container and 1 <= heading <= self.lines.count:
            line = self.lines.line(heading)
            container = restore_cleaned(container, line, self.orig.line(heading))
        return rec.replace(
            title=restore_cleaned(rec.title, folded, orig),
            author=authors,
            container_title=container,
        )

    def grow(
        self,
        records: list[Reference],
        end: int,
        issued: PartialDate | None = None,
        authors: tuple[str, ...] = (),
        fill: Source | None = None,
        over: bool = False,
    ) -> None:
        """Extend ``records`` (already added) to line ``end``; fill a missing day and authors,
        and a missing container from ``fill`` (any container when ``over``). ``records`` is
        updated in place."""
        for i, (pos, item) in enumerate(self.items):
            for j, r in enumerate(records):
                if item is not r:
                    continue
                p = r.provenance[0]
                new = r.replace(
                    issued=r.issued or issued,
                    author=r.author or tuple(_name(a) for a in authors),
                    provenance=(Provenance(p.file, p.start_line, max(end, p.end_line), p.raw),),
                )
                if fill is not None and fill.container and (over or not new.container_title):
                    new = new.replace(
                        type=fill.type,
                        container_title=fill.container,
                        edition=new.edition or fill.edition,
                        issued=new.issued or fill.issued,
                    )
                if id(r) in self.assessments:
                    self.assessments[id(new)] = self.assessments.pop(id(r))
                self.items[i] = (pos, new)
                records[j] = new

    def written(self, rec: Reference) -> Reference:
        """``rec`` (its title, 文号 and issuing body cut from the folded lines of its span)
        as the document writes them, and its raw text as written."""
        if self.orig is self.lines:
            return rec
        p = rec.provenance[0]
        lo, hi = self.lines.start_of(p.start_line), self.lines.end_of(p.end_line)
        folded, orig = self.folded[lo:hi], self.orig.text[lo:hi]
        return rec.replace(
            title=restore_cleaned(rec.title, folded, orig),
            number=restore_cleaned(rec.number, folded, orig),
            authority=restore_cleaned(rec.authority, folded, orig),
            provenance=(Provenance(p.file, p.start_line, p.end_line, self.raw_lines(p)),),
        )

    def raw_lines(self, p: Provenance) -> str:
        """The non-blank lines of span ``p`` as written."""
        lines = (self.orig.line(k).strip() for k in range(p.start_line, p.end_line + 1))
        return "\n".join(t for t in lines if t)

    def raw(self, start: int, end: int) -> str:
        return _bounded("\n".join(self.orig.line(k).strip() for k in range(start, end + 1)))

    def add(self, line: int, item: Reference | Unparsed, assessment: Assessment | None) -> None:
        if assessment is not None:
            self.assessments[id(item)] = assessment
        self.items.append((line, item))


def extract_document(
    doc: Document,
    meta: Mapping[str, Any] | None = None,
    problems: Problems | None = None,
    *,
    aliases: Aliases | None = None,
) -> Extraction:
    """Extract every reference in ``doc``; ``meta`` is its sidecar metadata (may be None);
    ``aliases`` maps container spellings (the built-in table when None)."""
    problems = problems if problems is not None else Problems()
    ex = Extraction(doc.path, problems=problems)
    b = _Builder(doc, meta, problems)
    lines = b.lines
    front = read_front_matter(b.orig)
    ex.document = document_record(doc.path, front, meta, b.orig)

    triggered = trigger_lines(lines)
    candidates = split_candidates(lines, triggered)
    cue_lines = frozenset(k for c in candidates for k in range(c.start_line, c.end_line + 1))
    # lines closing an article's block that name its source by their shape (〈星島頭條〉,
    # （轉載：論盡媒體）, [People's Daily Online]): no cue word, scored evidence
    closers = closing_lines(lines, cue_lines, set(triggered).difference(cue_lines))
    if closers:
        candidates = sorted(candidates + closers, key=lambda c: c.start_line)
        cue_lines = cue_lines | {c.start_line for c in closers}
    hint_lines = _short_lines_with(lines, _HEADING_HINTS)
    headings = find_issue_headings(lines, hint_lines)
    headings = sorted(headings + find_listings(lines, headings), key=lambda h: h.line)
    headings = [named_periodical(h, lines) for h in headings]
    headings = _with_paper_sections(headings, lines)
    # a paper's day on the line right under an article, with nothing under it, closes that
    # article: a source line, not the heading of what follows
    headings = [h for h in headings if not _closes_article(lines, h.line, cue_lines)]
    # SHANGHAI DAILY | March 10, 2024 between a headline and its text: the page's header, not
    # the heading of a dated index of pages
    headings = [
        h
        for h in headings
        if not (
            h.entry_type in ("webpage", "article-magazine")
            and h.issue is None
            and h.volume is None
            and _heads_article(lines, h.line, cue_lines)
        )
    ]
    # a journal's issue printed in an article's block (title, authors, 中国全科医学 2013年28期):
    # where that article appeared, not the heading of a contents list
    closing = {h.line: h for h in headings if _closes_block(lines, h, cue_lines)}
    headings = [h for h in headings if h.line not in closing]
    mastheads = frozenset(h.line for h in headings)
    roles = Roles(lines, cue_lines, mastheads)
    oroles = Roles(b.orig, cue_lines, mastheads) if b.orig is not lines else roles

    contents = find_contents(lines, headings, cue_lines)
    for entry in contents:
        rec = _contents_record(entry, doc.path, b.raw(entry.line, entry.end_line))
        rec = b.written_record(rec, entry.heading.line, entry.line, entry.end_line)
        b.add(entry.line, rec, assess(rec, ("form:contents-entry",), "contents"))
    taken = {k for e in contents for k in range(e.line, e.end_line + 1)}

    toc = find_toc(lines, b.folded)
    for e in toc:
        rec = _toc_record(e, meta, doc.path)
        b.add(e.start_line, rec, assess(rec, ("form:magazine-toc",), "toc"))
    for c in find_cited(lines, b.orig, doc.path, frozenset(taken)):  # GB/T entries quoted
        b.add(c.start_line, c.record, c.assessment)
        taken.update(range(c.start_line, c.end_line + 1))
    notes = [e for e in find_endnotes(b.orig, doc.path) if e.start_line not in taken]
    for note in notes:  # 注释：①作者：《题名》，载… — the notes' records, whatever their style
        b.add(note.start_line, note.record, assess(note.record, ("form:endnote",), "legislation"))
        taken.update(range(note.start_line, note.end_line + 1))
    note_lines = {k for e in notes for k in range(e.start_line, e.end_line + 1)}
    # lines holding a document number 〔2023〕16号 (policy documents, never-silent check)
    numbered = lines.lines_of(match_starts(b.folded, _NUMBER_BRACKETS))
    policy = find_policy_docs(lines, roles, b.orig, numbered)
    rows = [r for r in find_document_tables(b.orig, doc.path) if r.line not in taken]
    policy = [d for d in policy if d.start not in {r.line for r in rows}]
    for pdoc in policy:
        rec = _policy_record(pdoc, doc.path, b.raw(pdoc.start, pdoc.end))
        b.add(pdoc.start, rec, assess(rec, pdoc.evidence, "policy"))
    for row in rows:  # 序号 | 文件名称 | 文号 | 发文机关 | 日期: one document per row
        b.add(row.line, row.record, assess(row.record, ("form:document-table",), "policy"))
    policy_lines = {k for d in policy for k in range(d.start, d.end + 1)} | {r.line for r in rows}
    policy_titles = [d.title for d in policy if d.title]
    for n, rec in _legislation(b.folded, lines, doc.path, skip=policy_lines | note_lines):
        if rec.title and any(rec.title in t for t in policy_titles):
            continue  # 印发《…办法》的通知: the document printed, not another reference
        p = rec.provenance[0]
        digest = policy or numbered  # a digest of documents cites them even in its text
        if not digest and not rec.number and p.start_line == p.end_line and _in_sentence(lines, n):
            # 为认真贯彻落实《公共图书馆法》,…: a body sentence mentioning a law is no citation
            # of it (a digest of policy documents lists them; a 文号 makes one a citation)
            continue
        rec = b.written(rec)
        b.add(n, rec, assess(rec, ("form:document-title",), "legislation"))
    taken |= policy_lines
    if policy:
        # a digest of policy documents: a line that is only a document's title (国家科技计划和
        # 专项经费监督管理暂行办法, …措施(试行)) lists one more, by title alone
        covered_lines = taken | {
            k
            for _, item in b.items
            if isinstance(item, Reference)
            for k in range(item.provenance[0].start_line, item.provenance[0].end_line + 1)
        }
        for n in _policy_title_lines(lines, roles, covered_lines | set(cue_lines)):
            rec = Reference(
                id="",
                type="legislation",
                title=_POLICY_NOTE.sub("", clean_title(b.orig.line(n).strip())),
                provenance=(Provenance(doc.path, n, n, b.raw(n, n)),),
            )
            b.add(n, rec, assess(rec, ("form:policy-title-line",), "legislation"))
            taken.add(n)
    if policy or rows:
        # a digest of documents: ◎标题 with its issuing body and date on the lines under it
        for d in find_titled_blocks(b.orig, taken | set(cue_lines)):
            block_title = d.title or ""
            b.items = [
                (pos, it)
                for pos, it in b.items
                if not (
                    isinstance(it, Reference)
                    and d.start <= it.provenance[0].start_line <= d.end
                    and (it.title or "\0") in block_title
                )
            ]  # 印发《…办法》的通知: the notice listed, not the document it issues
            rec = _policy_record(d, doc.path, b.raw(d.start, d.end))
            b.add(d.start, rec, assess(rec, d.evidence, "policy"))
            taken.update(range(d.start, d.end + 1))

    boundary = front.topic_line or front.end_line  # titles are looked for after this line
    # the bulletin's own masthead (its name, issue, compiler: the first lines up to a blank
    # line) is never an article's title
    boundary = max(boundary, _masthead_end(lines, cue_lines))
    last_records: list[Reference] = []
    last_end = 0
    # the records a dateline just joined, and its line: a reporters' line right under it
    # (新华社记者吴文诩、陈宇轩) names the same article
    joined: list[Reference] = []
    joined_end = -1
    pending: Reference | None = None  # the last dateline record, until its article ends
    pending_form = ""  # the form of its attribution
    last_head = False  # the last records' attribution sat in a header under its title
    for cand in candidates:
        if cand.start_line in taken or cand.start_line in mastheads:
            continue  # an entry of a contents list, or an issue heading (context, not a source)
        hit, n, end = cand.hit, cand.start_line, cand.end_line
        raw = b.raw(n, end)
        if hit.form == "url":
            if last_records and (
                _only_blank_between(lines, last_end, n) or _text_between(roles, last_end, n)
            ):
                # the bare URL line after an attribution is the address of that article
                for i, (pos, item) in enumerate(b.items):
                    if (
                        isinstance(item, Reference)
                        and any(item is r for r in last_records)
                        and not item.url
                    ):
                        new = item.replace(
                            url=hit.phrase, issued=item.issued or url_date(hit.phrase)
                        )
                        if id(item) in b.assessments:
                            b.assessments[id(new)] = b.assessments.pop(id(item))
                        b.items[i] = (pos, new)
                last_records = []
                boundary = n
                continue
            for src in parse_sources(hit.phrase)[:1]:
                rec = _record(src, title=None, b=b, start=n, end=n, raw=raw, want_title=False)
                b.add(n, rec, assess(rec, ("form:url",), "url"))
            continue
        speech = parse_speech(hit.phrase) if hit.form in ("speech", "bracketed") else None
        if speech is not None:
            rec = _speech_record(speech, toc, doc.path, n, end, raw, problems)
            b.add(n, rec, assess(rec, ("form:speech",), "speech"))
            boundary = end
            continue
        heading = _heading_above(headings, n)
        reporters = (
            hit.form in _OPENERS
            and n == joined_end + 1
            and any(item is r for _, item in b.items for r in joined)
        )
        if reporters or (
            hit.form in _OPENERS and last_records and last_head and _header_gap(roles, last_end, n)
        ):
            targets = joined if reporters else last_records
            # a dateline right under a page's header (来源：… / 中新社…电（记者 …）) names the
            # same article: its reporters join the header's record, whose span grows to it
            names = tuple(b.as_written(a, n) for a in hit.authors)
            grown: list[Reference] = []
            for i, (pos, item) in enumerate(b.items):
                if isinstance(item, Reference) and any(item is r for r in targets):
                    p = item.provenance[0]
                    new = item.replace(
                        author=item.author or tuple(_name(a) for a in names),
                        provenance=(Provenance(p.file, p.start_line, end, p.raw),),
                    )
                    if id(item) in b.assessments:
                        b.assessments[id(new)] = b.assessments.pop(id(item))
                    b.items[i] = (pos, new)
                    grown.append(new)
                    if item is pending:
                        pending = new  # still the dateline whose article runs on
            last_records = grown  # a second line of the header (新华社记者…) joins it too
            joined, joined_end = grown, end
            last_end = boundary = end
            continue
        placement = None
        # * "Title" (Outlet, date): a quoted title before the source, on the line
        quoted = (
            _QUOTED_TITLE.match(b.orig.line(n)[: hit.start])
            if hit.form in _HEADER_FORMS | {"bracketed", "english", "reprint"}
            else None
        )
        # 标题（时间，网站）: the line's own title, whole or quoted (fields7's quoted_title)
        own_title = (
            hit.form == "timed-outlet"
            or quoted is not None
            or quoted_title(b.orig.line(n)[: hit.start])
        )
        title: str | None
        evidence: tuple[str, ...]
        header: tuple[int, ...]
        if hit.title:
            # the dateline prints its feature's title (…电 题：…): nothing to look for
            placement = place_title(roles, oroles, n, end, "", boundary, True)
            placement = Placement(
                clean_title(b.as_written(hit.title, n)),
                n,
                n,
                "same-line",
                placement.header,
                ("title:dateline-title",),
            )
            title, evidence, header = placement.title, placement.evidence, placement.header
        elif last_records and _only_blank_between(lines, last_end, n) and not own_title:
            # a second attribution right under the first names another source of the same text
            title = last_records[0].title
            evidence = ("title:previous-attribution",)
            header = ()
        else:
            oline = b.orig.line(n)
            prefix = (
                oline[: hit.start]
                if hit.form in _HEADER_FORMS | {"bracketed", "english", "reprint"}
                else ""
            )
            if quoted:
                title, evidence, header = clean_title(quoted["t"]), ("title:same-line",), ()
            else:
                placement = place_title(
                    roles, oroles, n, end, prefix, boundary, hit.form in _HEADER_FORMS
                )
                title, evidence, header = placement.title, placement.evidence, placement.header
        if title is None and hit.form in _NOTE_FORMS and _in_opening_block(lines, n):
            # （资料来源：各级政府网站…） under the bulletin's name: its note on where its items
            # come from, no article's source (reported, not a record)
            reason = "the bulletin's note on its sources, above any article: no record"
            b.add(n, Unparsed(Provenance(doc.path, n, end, raw), reason), None)
            problems.add(f"{doc.path}:{n}", "E104", f"{reason}: {raw[:60]!r}")
            boundary = max(boundary, end)
            continue
        year = _year_near(b, heading, header, n, hit.date if hit.form == "dateline" else None)
        context = cand.context if hit.form == "keyword-colon" else ""
        sources = (
            _ditto(b, placement.start if placement and placement.start else n, pending)
            if hit.form == "ditto"
            else parse_sources(hit.phrase, context, year)
        )
        sources = [_restore_source(s, b, n) for s in sources]
        sources = _with_context(sources, hit, heading, b, header, year)
        if hit.form == "keyword-colon" and _NAMES_JUNK.match(hit.phrase):
            # 来源: sp20241101 / 信息来源:浏览次数: a field naming junk is no record, even with
            # the page's date beside it (the line is reported as a missed cue instead)
            sources = [s for s in sources if s.container or s.url]

        shared = placement is not None and "title:shared-with-header-above" in placement.evidence
        if (
            (title is None or shared or any(r.title == title for r in last_records))
            and sources
            and last_records
            and last_head
            and hit.form not in _OPENERS
            and not any(r is pending for r in last_records)  # (a dateline's: merged below)
            and _text_between(roles, last_end, n)
        ):
            # the tail of an article whose page header gave its record (来源 under its title,
            # a few lines of text, （本文来自澎湃新闻）): the same article, its span grows (and
            # it takes the paper and page the tail names when its header named none)
            # (an English page's foot, Source: Global Times, names its paper; its header's
            # Source: the photo's or the wire's)
            b.grow(last_records, end, fill=sources[0], over=hit.form == "english")
            last_end = boundary = end
            continue
        if not sources and hit.form in _OPENERS and hit.phrase in _GENERIC:
            # 本报讯 / 本报记者 X with no paper named above: the article's own closing line (or
            # its lead's reporters) will say where it was printed; nothing to record here
            continue
        if not sources:
            reason = "attribution names no source"
            u = Unparsed(Provenance(doc.path, n, end, raw), reason)
            b.add(n, u, None)
            problems.add(f"{doc.path}:{n}", "E101", f"{reason}: {raw[:60]!r}")
            # the line still closes what is above it: the next title search starts below it
            boundary = max(boundary, end)
            continue
        found = _authors_for(hit, sources, header, roles)
        if not found and len(lines.line(n)) <= 160:
            # 作者:阳 清 郑永君  信息来源:…, 新華社 發布時間:… 作者:高敬、黃垚: a byline field
            # on the attribution's own line (names after an author role only)
            found = tuple(
                a
                for a in parse_names_after_roles(fold_width(lines.line(n)))
                if _PLAIN_NAME.match(a)
            )
        authors = tuple(b.as_written(a, n) for a in found)
        authors = _without_outlet(authors, sources[0].container)
        opened = pending is not None and any(r is pending for r in last_records)
        if placement is None and not opened and all(_said_again(s, last_records) for s in sources):
            # 信息来源：中国青年报 right under 来源：中国青年报: the same source said again, one
            # record (its span grows; a day it lacked is filled in)
            issued = next((s.issued for s in sources if s.issued), None)
            b.grow(last_records, end, issued=issued, authors=authors)
            last_end = boundary = end
            continue
        merged = None
        if pending is not None and hit.form not in _OPENERS and _same_article(roles, pending, n):
            # the dateline that opened this article: its reporters and day join the record
            merged = pending
            b.items = [(pos, it) for pos, it in b.items if it is not merged]
            authors = authors or tuple(a.display for a in merged.author)
            if (
                not authors
                and pending_form == "wechat"
                and merged.container_title
                and sources
                and sources[0].container
                and sources[0].container != merged.container_title
            ):
                # 原创 邢强博士 2020-11-03 … 公众号：小火箭: the header's one name is the author,
                # the account is the one the article names
                authors = (merged.container_title,)
            title = title if placement is None or placement.position != "none" else merged.title
            if title is None or (
                placement is not None
                and placement.start < merged.provenance[0].start_line
                and placement.position == "tail"
                and merged.title
            ):
                title = merged.title or title
            if merged.issued is not None:
                sources = [s if s.issued else _replace(s, issued=merged.issued) for s in sources]
        inline = _INLINE_TITLE.search(lines.line(n))
        named = (
            clean_title(b.orig.line(n)[inline.start("t") : inline.end("t")])
            if inline
            else _title_field(b, placement.start if placement and placement.start else n, end)
        )
        if named is not None:
            title = named  # 原标题：… / 原文标题：…: the page says what the title is
        title, authors = _strip_byline_prefix(strip_labels(title), authors)
        pending = None
        last_records = []
        # the record spans its article's opening dateline too (both lines cite it)
        span_start = min(n, merged.provenance[0].start_line) if merged is not None else n
        # and the header fields printed with it, without a blank line between (date, byline,
        # views): the record was built from them
        for k in sorted(header, reverse=True):
            if k < span_start and all(lines.line(j).strip() for j in range(k, span_start)):
                span_start = k
        group = (
            _grouped_articles(roles, oroles, boundary, n)
            if placement is not None and placement.position in ("tail", "none") and merged is None
            else []
        )
        if len(group) >= 2 and sources:
            # one source line closes several articles, each a title over its byline
            src = sources[0]
            for gi, (first, last, g_title, g_authors) in enumerate(group):
                # each article runs to the next one's title; the last to the source line
                upto = group[gi + 1][0] - 1 if gi + 1 < len(group) else end
                rec = _record(
                    src,
                    title=g_title,
                    b=b,
                    start=first,
                    end=max(last, upto),
                    raw=b.raw(first, last) + "\n" + raw,
                    authors=tuple(b.as_written(a, last) for a in g_authors),
                )
                tags: tuple[str, ...] = (
                    f"form:{hit.form}",
                    f"group:{len(group)}-articles",
                    "title:byline-block",
                )
                b.add(first, rec, assess(rec, tags, "tail"))
                last_records.append(rec)
            last_head = False
            last_end = boundary = end
            continue
        top = n
        if placement is not None:
            # the article's block: from its title, or the few lines above the attribution
            top = min(placement.start or n, n) if title else max(boundary + 1, n - 4)
        if not authors and placement is not None:
            # no byline: the reporters its lead names (（昆明日报 记者王恩国）, 本报讯 记者…)
            # (a header over its article: the article's first paragraph under it)
            below = end + 1
            if placement.position == "head":
                below = lead_end(b.orig, end, roles.cue_lines)
            authors = _without_outlet(lead_reporters(b.orig, top, below), sources[0].container)
        for src in sources:
            if src.issued is None and placement is not None:
                # no day in the attribution: one printed alone in the article's block
                day = block_date(b.lines, top, end)
                src = _replace(src, issued=day) if day is not None else src
            rec = _record(
                src,
                title=title,
                b=b,
                start=span_start,
                end=end,
                raw=raw,
                authors=authors,
                note=hit.note,
                yearless=_yearless(hit, src, year),
            )
            ev: tuple[str, ...] = (f"form:{hit.form}", *evidence)
            if heading is not None and src.container == heading.container:
                ev += (f"context:issue-heading@{heading.line}",)
            if merged is not None:
                ev += (f"merged:dateline@{merged.provenance[0].start_line}",)
            b.add(n, rec, assess(rec, ev, placement.position if placement else "stacked"))
            last_records.append(rec)
            if hit.form in _OPENERS and pending is None:
                pending, pending_form = rec, hit.form
        # a header under its title, or a title line ending in its header: a dateline right
        # under it names the same article
        last_head = placement is not None and (
            placement.position == "head"
            or (placement.position == "same-line" and hit.form in _HEADER_FORMS)
        )
        last_end = end
        boundary = end

    spans = [
        (item.provenance[0].start_line, item.provenance[0].end_line)
        for _, item in b.items
        if isinstance(item, Reference)
    ] + [(k, k) for k in taken]
    journals = {h.line: h for h in headings if h.journal} | closing
    for h in find_header_articles(lines, roles, spans, cue_lines, frozenset(journals)):
        rec = _header_record(h, b, doc.path, journals.get(h.issue_line or 0))
        b.add(h.start, rec, assess(rec, ("form:page-header", "title:head"), "page-header"))
        spans.append((h.start, h.end))
    for h in find_outlet_articles(lines, roles, spans, cue_lines):
        rec = _header_record(h, b, doc.path)
        b.add(h.start, rec, assess(rec, ("form:outlet-line", "title:head"), "head"))
        spans.append((h.start, h.end))
    for h in find_breadcrumb_articles(lines, roles, spans, cue_lines):
        rec = _header_record(h, b, doc.path)
        b.add(h.start, rec, assess(rec, ("form:page-header", "title:head"), "page-header"))
        spans.append((h.start, h.end))
    for h in _journal_line_articles(roles, closing, spans):
        rec = _header_record(h, b, doc.path, closing[h.end])
        b.add(h.start, rec, assess(rec, ("form:journal-line", "title:head"), "head"))

    if policy or numbered:
        _date_documents(b)  # a digest of documents prints each one's date under it
    transforms = pipeline(aliases if aliases is not None else Aliases.builtin())
    if notes:
        _drop_note_mentions(b, notes)
    _drop_headline_mentions(b)
    b.items.sort(key=lambda pair: pair[0])  # stable: same-line items keep their order
    out: list[Reference | Unparsed] = []
    for _, item in b.items:
        if isinstance(item, Reference):
            a = b.assessments.get(id(item))
            new = normalize(item, transforms)
            new = _low_confidence(new, a, problems)
            if a is not None:
                ex.assessments[id(new)] = a
            out.append(new)
        else:
            out.append(item)
    ex.items = out
    covered = [
        (p.start_line, p.end_line)
        for item in out
        for p in (item.provenance if isinstance(item, Reference) else (item.provenance,))
    ]
    misses = find_missed(lines, b.orig, covered, doc.path, triggered + numbered)
    misses += empty_issue_headings(headings, b.orig, covered, doc.path)
    for miss in misses:
        ex.items.append(miss)
        problems.add(miss.provenance.location, "E104", miss.reason)
    ex.items.sort(
        key=lambda i: (i.provenance[0] if isinstance(i, Reference) else i.provenance).start_line
    )
    return ex


# the ending of a body's name (文旅部, 外交部, 国务院): no person
_BODY = re.compile(r"(?:部|局|委|厅|办|院|会|府|署|处|网|报|社)$")
_TITLE_PREFIX = re.compile(r"^(?P<head>[^|｜丨│:：]{1,40}?)\s*[|｜丨│:：]\s*(?P<rest>\S.{3,})$")


def _strip_byline_prefix(
    title: str | None, authors: tuple[str, ...]
) -> tuple[str | None, tuple[str, ...]]:
    """``李松林,杨爽 | 国外深度学习研究评析`` -> the title without its authors, and the authors
    (names before the bar are the authors when no byline named any); a column label before a
    bar stays: web pages print it as part of the title."""
    if not title:
        return title, authors
    m = _TITLE_PREFIX.match(title)
    if m and authors:
        head = re.sub(r"[\s,，、]+", "", m["head"]).removesuffix("等")
        if head and head == "".join(a.replace(" ", "") for a in authors if a in m["head"]):
            return m["rest"].strip(), authors
    if m and not authors:
        # 朱金鹤 孙红雪│标题, 陈晓红 等│标题 — the names before a bar; before a colon only when
        # what follows reads as a work's title, not a quoted statement (车俊：聚力打造…,
        # 王惠贞:香港民众应多到内地: a headline quoting its speaker), and 文旅部 is no person
        bar = title[len(m["head"]) :].lstrip()[:1] in "|｜丨│"
        names = tuple(t for t in re.split(r"[\s,，、]+", m["head"].removesuffix("等")) if t)
        study = bool(_STUDY.search(m["rest"])) and not _STATEMENT.search(m["rest"])
        if (
            names
            and all(looks_like_person(t) and not _BODY.search(t) for t in names)
            and (bar or study or m["head"].rstrip().endswith("等"))  # 朱啟臻等: authors
        ):
            return m["rest"].strip(), names
        outlet = _OUTLET_BAR.match(fold_text(title))
        if outlet:
            # 大公報|郭一鳴:姑蘇城看蘇繡: the paper's column, its author, the title
            column = title[outlet.start("rest") :]
            head, _, rest = column.partition(":" if ":" in column else "：")
            if looks_like_person(head.strip()) and not _BODY.search(head.strip()):
                return rest.strip(), (head.strip(),)
    return title, authors


# the way a study's title ends (…初探, …的挑战与应对, …研究展望): a work, not a quoted remark
_STUDY = re.compile(
    r"(?:研究|分析|思考|探析|探讨|初探|展望|对策|应对|启示|路径|机制|模式|问题|反思|评析|述评|"
    r"综述|考察|考释|比较|困境|逻辑|实践|理论|意义|价值|建构|构建|演变|变迁)"
    r"(?:\s*[|｜丨│].{1,16})?$"
)


# what a quoted statement has and a work's title rarely does: a comma, a modal verb
# (two clauses set apart by a space: 聚力打造…升级版 实现更高质量的…: a slogan quoted)
_STATEMENT = re.compile(
    r"[，,]|应(?!对|用|急)|要|将|必须|希望|呼吁|不能|决不|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]"
)
_OUTLET_BAR = re.compile(
    rf"^\s*[\u4e00-\u9fff]{{1,8}}{CUES.outlet_end}\s*[|｜丨│]\s*"
    r"(?P<rest>[^|｜丨│:：]{2,12}[:：]\S.{3,})$"
)


def _header_record(
    h: HeaderArticle, b: _Builder, path: str, issue: IssueHeading | None = None
) -> Reference:
    """A web page known by its header block only: title, day, authors; no container unless
    the header names the journal issue it reposts (then a journal article of that issue)."""
    first = h.title_start
    if b.orig.line(first).strip().startswith("——") and first > 1:
        # a subtitle found alone: its main title is the line right above it
        above = b.orig.line(first - 1).strip()
        if above and len(above) <= 64 and not above.endswith(("。", "；", "：", ":", "，", ",")):
            first -= 1
    texts = [b.orig.line(k).strip() for k in range(first, h.title_end + 1)]
    joined = texts[0]
    for part in texts[1:]:
        joined += part if part.startswith("——") else " " + part
    title, authors = _strip_byline_prefix(strip_labels(clean_title(joined)), ())
    names = h.authors or authors
    outlet = _header_outlet(b, h, texts)
    if outlet is not None and title and title.startswith(outlet):
        title = title[len(outlet) :].lstrip(" |｜丨│")
        title, names = _strip_byline_prefix(title, names) if not names else (title, names)
    rec = Reference(
        id="",
        type=infer_type(outlet) if outlet else "webpage",
        title=title,
        author=tuple(_name(b.as_written(a, h.start)) for a in names),
        container_title=outlet,
        issued=h.issued if h.issued.year or h.issued.literal else None,
        provenance=(Provenance(path, h.start, h.end, b.raw(h.start, h.end)),),
    )
    if h.unsplit:
        msg = f"names run together, not split (no single way to cut them): {h.unsplit!r}"
        b.problems.add(f"{path}:{h.start}", "E107", msg)
        rec = rec.replace(warnings=(*rec.warnings, msg))
    if issue is None or not issue.container:
        return rec
    container = b.as_written(issue.container, issue.line)
    return rec.replace(
        type=issue.entry_type,
        container_title=container,
        issued=issue.issued or h.issued,
        issue=issue.issue,
        volume=issue.volume,
    )


# an outlet's name (大公報, 有線新聞, 人民网): what a page header names alone or before a bar
# (matched on the folded line; the name is cut from the line as written)
_OUTLET_ALONE = re.compile(
    rf"^[\s\-*•·]*(?P<name>[\u4e00-\u9fffA-Za-z0-9]{{1,10}}?{CUES.outlet_end})"
    r"\s*(?:[|｜丨│]|$)"
)


def _header_outlet(b: _Builder, h: HeaderArticle, title_lines: list[str]) -> str | None:
    """The outlet a header block names: alone on one of its lines (``- 有線新聞``) or before
    a bar opening the title (``大公報|郭一鳴:…``), as written."""
    m = _OUTLET_ALONE.match(fold_text(title_lines[0])) if title_lines else None
    if m and len(title_lines[0]) > m.end() + 3:
        return title_lines[0][m.start("name") : m.end("name")]
    for k in range(h.start, h.end + 1):
        if h.title_start <= k <= h.title_end:
            continue
        text = b.orig.line(k).strip()
        if is_outlet_line(text):
            return text.lstrip("-*•· \t").strip()  # Xinhua, CGTN: a known outlet alone
        m = _OUTLET_ALONE.match(fold_text(text))
        if m and m.end() >= len(text) - 1 and not is_agency(m["name"]):
            return text[m.start("name") : m.end("name")]
        site = date_line_outlet(text)  # cnBeta 2021年12月08日 10:04: the site, then its day
        if site is not None:
            return site
    for k in range(h.start, h.end + 1):
        if h.title_start <= k <= h.title_end:
            continue
        # 快科技（原驱动之家）　2022-06-01 20:41:31, cnBeta 2021年12月08日 10:04: a name alone
        # before the day (and time) of a header line is the outlet that posted the page
        line = fold_width(b.orig.line(k).strip())
        m = _NAME_DAY.match(line) or _DAY_NAME.match(line)
        if m and _outlet_name(m["name"]):
            return m["name"]
    return None


_NAME_DAY = re.compile(
    r"^(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?)(?:[（(][^（）()]{1,12}[）)])?"
    r"(?:[ \t\u3000]*[·|｜丨•][ \t\u3000]*|[ \t\u3000]+)"  # 图书馆建设 · 2024-01-15
    r"(?:19|20)\d\d\s*(?:-\s*\d{1,2}\s*-\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
# 文章日期:2023年12月21日　明報, Jan 29, 2023　香港電台: the day, then the outlet's name
_DAY_NAME = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,6}\s*[:：]\s*)?(?:(?:19|20)\d\d\s*(?:-\s*\d{1,2}\s*-\s*\d{1,2}|"
    r"年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*(?:19|20)\d\d)"
    r"(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?(?:[ \t\u3000]*[|｜丨•][ \t\u3000]*|[ \t\u3000]+)"
    r"(?P<name>[\u4e00-\u9fffA-Za-z·]{2,16}|[A-Z][A-Za-z.&'’]*(?: [A-Z][A-Za-z.&'’]*){1,4})$"
)
# a field's label or a role, not an outlet's name
_NOT_OUTLET = re.compile(
    r"(?:时间|日期|发布|更新|来源|作者|记者|编辑|责编|发表|星期.|周.)$|^(?:发布|更新)"
)


def _outlet_name(name: str) -> bool:
    """``name`` before a header line's day may be an outlet's: not a person, a field's label,
    a number or a news agency (an agency's line is a dateline)."""
    if name.isascii() and NEWS_WORD.search(name):
        return True  # Global Times: a paper, though shaped like a person's name
    return not (
        name.isdigit() or looks_like_person(name) or _NOT_OUTLET.search(name) or is_agency(name)
    )


# 本文来自微信公众号:X,…,原标题《…》 / 原文标题:《…》 on the attribution line: the repost's
# own title as its source printed it
_INLINE_TITLE = re.compile(r"原(?:文)?标题\s*[:：]?\s*《(?P<t>[^《》]{4,80})》")
# a name as a byline field gives it: a few characters, or a Latin name (no digits, no 表示感谢~)
_PLAIN_NAME = re.compile(r"^(?:[\u4e00-\u9fff·]{2,5}|[A-Za-z][A-Za-z .'’-]{1,30})$")
# (原文标题 on a line of its own names the original of a translation: another work)
_TITLE_FIELD = re.compile(r"^\s*(?:原标题|文章标题|标\s*题)\s*[:：]\s*(?P<t>\S.{3,80})$")


def _title_field(b: _Builder, top: int, end: int) -> str | None:
    """The value of a title field (``原标题：…``, ``标题：…``) in the attribution's block (the
    lines around line ``end`` up to blank lines, not above ``top``)."""
    lo = end
    while lo > max(1, top) and b.lines.line(lo - 1).strip():
        lo -= 1
    for k in range(lo, min(b.lines.count, end + 4) + 1):
        line = b.lines.line(k)
        if k > end and not line.strip():
            break
        if "标题" not in line:
            continue
        m = _TITLE_FIELD.match(fold_width(line))
        if m:
            return clean_title(b.orig.line(k)[m.start("t") :].strip())
    return None


# a section of a bulletin naming the paper its items come from: 第二部分 新世纪初要闻（人民日报）
_PAPER_SECTION = re.compile(
    r"^\s*(?:第[一二三四五六七八九十\d]{1,3}部分|[一二三四五六七八九十]{1,3}[、.．])?\s*"
    r"[^（(《\d\s][^（(《\d]{1,15}[（(《]\s*(?P<p>[\u4e00-\u9fff]{2,10}?(?:报|報))\s*[）)》]\s*$"
)


_PAPER_MARK = re.compile("报[）)》]")


def _with_paper_sections(headings: list[IssueHeading], lines: LineMap) -> list[IssueHeading]:
    """``headings`` and the section headings that name a paper (no day): the paper of the
    本报 items under them, as an issue heading would give it."""
    # only the lines holding one of the marks (one scan for 报, not a substring test per mark)
    marked = [m.start() for m in _PAPER_MARK.finditer(lines.text)]
    if not marked:
        return headings
    taken = {h.line for h in headings}
    found = []
    for n in lines.lines_of(marked):
        text = lines.line(n)
        if n in taken or len(text) > 40:
            continue
        m = _PAPER_SECTION.match(text)
        if m:
            found.append(
                IssueHeading(n, m["p"], False, None, None, None, None, "article-newspaper")
            )
    return sorted(headings + found, key=lambda h: h.line) if found else headings


#: a bulletin's masthead block has at most this many lines
_MASTHEAD_LINES = 3


#: the forms a bulletin's own note on its sources takes (来源：…, （资料来源：…）)
_NOTE_FORMS = frozenset({"keyword-colon", "leading-keyword", "bracketed"})


def _in_opening_block(lines: LineMap, n: int) -> bool:
    """Line ``n`` is in the document's first block of lines under its name alone: only a few
    short lines without a sentence above it, no blank line between."""
    k = 1
    while k < n and not lines.line(k).strip():
        k += 1
    above = [lines.line(j).strip() for j in range(k, n)]
    return 0 < len(above) < _MASTHEAD_LINES and all(
        0 < len(t) <= 40 and "。" not in t for t in above
    )


def _masthead_end(lines: LineMap, cue_lines: frozenset[int]) -> int:
    """The last line of the document's opening block (its first lines up to a blank line)
    when that block is a masthead: short lines, no sentence, no attribution; else 0."""
    k = 1
    while k <= lines.count and not lines.line(k).strip():
        k += 1
    first = k
    while k <= lines.count and lines.line(k).strip():
        text = lines.line(k).strip()
        if k - first >= _MASTHEAD_LINES or k in cue_lines or len(text) > 40 or "。" in text:
            return 0
        k += 1
    if k > lines.count or k == first:
        return 0
    if k - first == 1 and not _MASTHEAD_WORD.search(fold_text(lines.line(first))):
        return 0  # one line alone may be the first article's title
    return k - 1


# what a bulletin calls itself: 剪报, 选辑, 资料, 汇编, 简报, 第N期 …
_MASTHEAD_WORD = re.compile(
    r"剪报|选辑|资料|汇编|摘录|辑要|简报|动态|专题|摘编|选编|快报|速递|文摘|周报|月报|索引|"
    r"第\s*\d{1,4}\s*[期辑]|clippings|digest|watch|bulletin|newsletter",
    re.IGNORECASE,
)


# a document's own date in its entry: 成文日期：…, 发布日期：…, …通过, 2022年4月印发
_DOC_DATE_CUE = re.compile(r"日期|通过|印发|发布|颁布|公布|签发")
#: how many lines under a document's entry are looked at for its date
_DOC_DATE_REACH = 4


def _date_documents(b: _Builder) -> None:
    """Give an undated policy document the date its entry prints under it (the lines of its
    block, up to a blank line: ``成文日期：二〇一一年九月三十日``, ``2022年4月印发``)."""
    for i, (pos, item) in enumerate(b.items):
        if not isinstance(item, Reference) or item.type != "legislation" or item.issued:
            continue
        p = item.provenance[0]
        for k in range(p.start_line, min(b.lines.count, p.end_line + _DOC_DATE_REACH) + 1):
            text = b.lines.line(k)
            if k > p.end_line and not text.strip():
                break
            if not _DOC_DATE_CUE.search(text):
                continue
            dates = [d for d in find_dates(text) if d.valid and d.date.year]
            if dates:
                new = item.replace(issued=dates[0].date)
                if id(item) in b.assessments:
                    b.assessments[id(new)] = b.assessments.pop(id(item))
                b.items[i] = (pos, new)
                break


def _closes_article(lines: LineMap, n: int, cue_lines: frozenset[int]) -> bool:
    """Line ``n`` (an issue heading's line) sits under text without a blank line and has
    nothing under it (a blank line or the end), and an attribution form found it."""
    if n not in cue_lines or n <= 1 or not lines.line(n - 1).strip():
        return False
    return n == lines.count or not lines.line(n + 1).strip()


def _heads_article(lines: LineMap, n: int, cue_lines: frozenset[int]) -> bool:
    """Line ``n``, found by an attribution form, sits right under a headline (a short line)
    and over running text (a long line): an article's header."""
    if n not in cue_lines or n <= 1 or n >= lines.count:
        return False
    above, below = lines.line(n - 1).strip(), lines.line(n + 1).strip()
    return 0 < len(above) <= 120 and not _SENTENCE_END.search(above[-1:]) and len(below) >= 40


_SENTENCE_END = re.compile(r"[。.!?！？]")


def _closes_block(lines: LineMap, h: IssueHeading, cue_lines: frozenset[int]) -> bool:
    """The journal issue ``h`` is the last line of an article's block: under text (a title,
    its authors) without a blank line, that block a paragraph of its own after the first one
    (the bulletin's masthead) and not opened by a section heading or another cue."""
    n = h.line
    if not h.journal or not h.container or h.issued is None or n in cue_lines:
        return False
    below = lines.line(n + 1).strip() if n < lines.count else ""
    if below and not (
        is_header_field(below) or is_article_metadata(below) or (len(below) > 40 and "。" in below)
    ):
        return False  # entries follow it: a contents list's heading
    k = n - 1
    if not lines.line(k).strip() and not below and _spaced_title(lines, n, cue_lines):
        return True
    while k >= 1 and lines.line(k).strip():
        if k in cue_lines or n - k > _BLOCK_LINES:
            return False
        k -= 1
    if k == n - 1 or k < 1:
        return False  # under a blank line, or in the document's first block (its masthead)
    head = lines.line(k + 1).strip()
    return not (_ENUMERATED.match(head) or head.endswith((":", "：")))


def _spaced_title(lines: LineMap, n: int, cue_lines: frozenset[int]) -> bool:
    """Title / (blank) / journal line ``n`` / (blank) / running text: a short headline alone
    in its paragraph, the journal issue set apart under it, the article's text after."""
    if n < 4 or n + 2 > lines.count or {n - 2, n + 2} & cue_lines:
        return False
    title, above, text = (lines.line(k).strip() for k in (n - 2, n - 3, n + 2))
    return (
        bool(title)
        and not above
        and len(title) <= 40
        and not any(c in title for c in "。，,；;")
        and len(text) > 20
        and "。" in text
    )


# * "Title" / “标题”: a title in quotes (after a bullet) before its source on the line
_QUOTED_TITLE = re.compile(r'^\s*(?:[*•·●▪\-–—]\s*)?[“"](?P<t>[^“”"\n]{4,160})[”"]\s*[,，:：]?\s*$')


#: an article block a journal line closes: its title (one or two lines) and author lines
_BLOCK_LINES = 4
# a section heading or a list's number opening the block: a contents list, not an article
_ENUMERATED = re.compile(
    r"^(?:第[一二三四五六七八九十\d]{1,3}部分|[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}(?:\s|[、.．]))"
)


def _journal_line_articles(
    roles: Roles, closing: Mapping[int, IssueHeading], spans: list[tuple[int, int]]
) -> list[HeaderArticle]:
    """An article per journal line no record covers: the title is the block's first line
    (two when the second is title-like too), the authors are named on the lines between."""
    out: list[HeaderArticle] = []
    for n, h in sorted(closing.items()):
        if any(lo <= n <= hi for lo, hi in spans):
            continue
        first = n - 1
        if not roles.text(first) and first > 1 and roles.text(first - 1):
            first -= 1  # 高鐵王朝蓄勢待發 / (blank) / 中國新時代 2015年1期: one blank between
        while first > 1 and roles.text(first - 1):
            first -= 1
        last = first
        if (
            last + 1 < n
            and roles.role(last + 1) == Role.TITLE
            and not header_authors(roles, range(last + 1, last + 2))
        ):
            last += 1
        if not roles.is_titlelike(first):
            continue
        authors = header_authors(roles, range(last + 1, n))
        out.append(HeaderArticle(first, n, first, last, h.issued or PartialDate(), authors, n))
    return out


def _in_sentence(lines: LineMap, n: int) -> bool:
    """Line ``n`` is running text: long, with sentence punctuation."""
    text = lines.line(n).strip()
    return len(text) > 40 and any(c in text for c in "。，,；;")


def _ditto(b: _Builder, before: int, opener: Reference | None) -> list[Source]:
    """The source of the last record of an article before line ``before`` (where this one
    starts; ``opener`` is this article's dateline), for a （同上） closing this article."""
    for _, item in reversed(b.items):
        # (a dispatch's agency is no publication to repeat)
        if (
            isinstance(item, Reference)
            and item is not opener
            and item.provenance[0].start_line < before
            and (item.container_title or item.issued)
            and not is_agency(item.container_title)
        ):
            return [
                Source(
                    container=item.container_title,
                    type=item.type,
                    issued=item.issued,
                    edition=item.edition,
                    issue=item.issue,
                    volume=item.volume,
                )
            ]
    return []


def _said_again(src: Source, records: list[Reference]) -> bool:
    """``src`` names the container of one of ``records`` again (as written or folded)."""
    if not src.container:
        return False
    mine = fold_text(src.container).casefold()
    for r in records:
        theirs = fold_text(r.container_title or "").casefold()
        if src.issued and r.issued and src.issued != r.issued:
            continue  # another day of the same paper: another source
        if theirs and (mine == theirs or mine in theirs or theirs in mine):
            return True
    return False


def _without_outlet(authors: tuple[str, ...], outlet: str | None) -> tuple[str, ...]:
    """``By RAYMOND ZHOU CHINA DAILY``: the outlet a byline ends with is no part of a name."""
    if not outlet or not authors:
        return authors
    tail = " " + outlet.casefold()
    out = []
    for a in authors:
        if a.casefold().endswith(tail):
            a = a[: -len(tail)].rstrip()
        if a and a.casefold() != outlet.casefold():
            out.append(a)
    return tuple(out)


def _replace(src: Source, **changes: Any) -> Source:
    from dataclasses import replace

    return replace(src, **changes)


_BYLINE_HINT = re.compile(r"^\s*(?:By|BY) |作者|记者|通讯员|撰文|撰稿|文\s*/")
_SAME_ARTICLE = frozenset({Role.BODY, Role.BLANK, Role.FURNITURE, Role.BYLINE})


def _may_hint(line: str) -> bool:
    """A necessary condition of a :data:`_BYLINE_HINT` match (substring tests, cheaper than
    the pattern tried at every offset): each of its words holds one of these."""
    return "者" in line or "文" in line or "B" in line or "通讯员" in line or "撰稿" in line


def _grouped_articles(
    roles: Roles, original: Roles, boundary: int, n: int
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Articles between ``boundary`` and line ``n`` that each open with a title over a byline
    (``Title`` / ``By Xiong Zhengyan``): (title line, byline line, title, authors)."""
    out: list[tuple[int, int, str, tuple[str, ...]]] = []
    lo = max(boundary + 1, n - 120)
    raw = roles.lines.lines
    for k in range(lo + 1, n):
        line = raw[k - 1]
        if len(line) > 60 or not (_may_hint(line) and _BYLINE_HINT.search(line)):
            continue  # cheap test first: a byline is short and names a role
        if roles.role(k) != Role.BYLINE or not is_byline(roles.text(k)):
            continue
        t = k - 1
        if t < lo or not roles.is_titlelike(t) or roles.role(t) == Role.SECTION:
            continue
        names = parse_names_after_roles(roles.text(k), bare=True)
        if names:
            out.append((t, k, clean_title(original.text(t)), names))
    # the articles follow one another with only their text between (a page header's date or
    # outlet, or another attribution, makes them articles of their own, not one source's)
    for i, (_, k, _, _) in enumerate(out):
        upto = out[i + 1][0] if i + 1 < len(out) else n
        if any(roles.role(j) not in (Role.BODY, Role.BLANK) for j in range(k + 1, upto)):
            return []
    return out


def _text_between(roles: Roles, a: int, b: int) -> bool:
    """Only a few lines of the same article's text lie between lines ``a`` and ``b`` (no
    blank line, no title: the address under a post's text is that post's)."""
    return b - a <= 6 and all(
        roles.role(k) in (Role.BODY, Role.SOURCE, Role.FURNITURE, Role.BYLINE)
        for k in range(a + 1, b)
    )


def _header_gap(roles: Roles, a: int, b: int) -> bool:
    """Only blank lines, header fields and a subtitle (``——专访…``) lie between lines ``a``
    and ``b``."""
    return b - a <= 6 and all(
        roles.is_skippable(k) or roles.text(k).startswith("——") for k in range(a + 1, b)
    )


def _same_article(roles: Roles, dateline: Reference, n: int) -> bool:
    """True when only running text lies between a dateline record and line ``n``."""
    start = dateline.provenance[0].end_line
    if n - start > 400:
        return False
    return all(
        roles.role(k) in _SAME_ARTICLE
        or (roles.role(k) == Role.SOURCE and k not in roles.cue_lines)
        for k in range(start + 1, n)
    )


def _low_confidence(rec: Reference, a: Assessment | None, problems: Problems) -> Reference:
    """Warn (E105, file:line) about a record built on weak evidence, unless already warned."""
    if a is None or a.confidence >= 0.5 or rec.warnings:
        return rec
    msg = low_confidence_message(a.confidence, a.doubts)
    p = rec.provenance[0]
    problems.add(p.location, "E105", msg)
    return rec.replace(warnings=(*rec.warnings, msg))


def _heading_above(headings: list[IssueHeading], n: int) -> IssueHeading | None:
    found = None
    for h in headings:
        if h.line < n:
            found = h
        else:
            break
    return found


def _year_near(
    b: _Builder,
    heading: IssueHeading | None,
    header: tuple[int, ...],
    n: int = 0,
    day: str | None = None,
) -> int | None:
    """The year a day without one refers to: a header date, a date of the same month in the
    dateline's paragraph (``（2023年7月）`` under ``济南7月27日电``), the issue heading, the
    bulletin. A header line that is only a year heads the items below it, not this one."""
    marks = {line for line, _ in b.year_marks}
    for k in header:
        if k in marks:
            continue
        for d in find_dates(b.lines.line(k)):
            if d.valid and d.date.year:
                return d.date.year
    if day:
        year = _year_of_month(b, n, day)
        if year is not None:
            return year
    mark = _year_mark_above(b.year_marks, n)
    if mark is not None and (heading is None or mark[0] > heading.line):
        return mark[1]  # a year heading nearer than the issue heading
    if heading is not None and heading.issued is not None and heading.issued.year:
        return heading.issued.year
    if b.year is not None and not b.reports_its_year:
        return None  # a compilation of older clippings: its own year dates none of them
    return b.year


# a line that is only a year, however decorated: ━━ 2022年 ━━, 【2019年】, ■ 2019年, 2021
_YEAR_LINE = re.compile(
    r"^[ \t\u3000━─—=*#【\[（(·•■□◆◇●○▲△▶►]*((?:19|20)\d\d)[ \t]*年?"
    r"[ \t\u3000━─—=*#】\]）)·•■□◆◇●○▲△◀◄]*$",
    re.MULTILINE,
)
_YEAR_LINE_START = re.compile("\n[ \t\u3000━─—=*#【\\[（(·•■□◆◇●○▲△▶►12]")


def _year_marks(text: str, lines: LineMap) -> list[tuple[int, int]]:
    """(line, year) of every line that is only a year, in order."""
    # a multiline ^ is tried at every offset: only line starts that may open one are tried
    starts = [0, *(m.start() + 1 for m in _YEAR_LINE_START.finditer(text))]
    found = [(m.start(), int(m.group(1))) for at in starts if (m := _YEAR_LINE.match(text, at))]
    return list(zip(lines.lines_of([p for p, _ in found]), [y for _, y in found], strict=True))


def _year_mark_above(marks: list[tuple[int, int]], n: int) -> tuple[int, int] | None:
    found = None
    for mark in marks:
        if mark[0] >= n:
            break
        found = mark
    return found


def _year_of_month(b: _Builder, n: int, day: str) -> int | None:
    """The year of a date printed in line ``n``'s paragraph (the lines up to a blank line, a
    few either side) in the month of ``day`` (``7月27日``)."""
    probe = find_dates(day, 2000)
    month = probe[0].date.month if probe and probe[0].valid else None
    if month is None:
        return None
    ks: list[int] = []
    for step, reach in ((1, 8), (-1, 3)):
        k = n + step
        while 1 <= k <= b.lines.count and abs(k - n) <= reach and b.lines.line(k).strip():
            ks.append(k)
            k += step
    for k in [n, *ks]:
        if k not in b.months:
            b.months[k] = [
                (d.date.year, d.date.month)
                for d in find_dates(b.lines.line(k))
                if d.valid and d.date.year and d.date.month
            ]
        for y, m in b.months[k]:
            if m == month:
                return y
    return None


def _restore_source(src: Source, b: _Builder, n: int) -> Source:
    """The container as written (traditional characters kept)."""
    if b.orig is b.lines or not src.container:
        return src
    from dataclasses import replace

    return replace(src, container=b.as_written(src.container, n))


def _with_context(
    sources: list[Source],
    hit: Any,
    heading: IssueHeading | None,
    b: _Builder,
    header: tuple[int, ...],
    year: int | None,
) -> list[Source]:
    """Fill what the line does not say from the lines around it: a date from the header
    lines or the dateline, the newspaper of the issue heading for 本报/agency copy."""
    from dataclasses import replace

    out = []
    if (
        not sources
        and hit.form in ("dateline", "reporter")
        and heading is not None
        and not heading.journal
        and heading.container
    ):
        sources = [Source(container=None, type="article-newspaper")]
    if not sources and hit.form == "dateline" and hit.phrase in _GENERIC:
        sources = [Source(container=None, type="article-newspaper")]
    for src in sources:
        if src.issued is None and hit.date and hit.form == "dateline":
            # a dispatch is dated by its dateline; the year comes from the lines around it
            ds = find_dates(hit.date, year)
            if ds and ds[0].valid:
                src = replace(src, issued=ds[0].date)
        if src.issued is None:
            date = None
            for k in header:
                ds = [d for d in find_dates(b.lines.line(k)) if d.valid]
                if ds:
                    date = ds[0].date
                    break
            if date is None and hit.date:
                ds = find_dates(hit.date, year)
                date = ds[0].date if ds and ds[0].valid else None
            if date is not None:
                src = replace(src, issued=date)
        unnamed = src.container is None or is_agency(src.container) or src.container in _GENERIC
        if heading is not None and not heading.container and unnamed:
            # a day heading of an archive: the paper's date, not the dispatch's
            src = replace(src, issued=heading.issued or src.issued)
        elif heading is not None and not heading.journal and unnamed:
            # copy printed in the paper of the heading: the paper is the container
            note = src.container if is_agency(src.container) else None
            src = replace(
                src,
                container=heading.container,
                type="article-newspaper",
                issued=heading.issued or src.issued,
                edition=heading.edition or src.edition,
                via=note or src.via,
            )
        out.append(src)
    return [s for s in out if s.container is not None or s.issued is not None or s.url]


def _authors_for(
    hit: Any, sources: list[Source], header: tuple[int, ...], roles: Roles
) -> tuple[str, ...]:
    """Authors from the form (dateline reporters), the phrase (作者：) and the header bylines."""
    names: list[str] = list(hit.authors)
    for src in sources[:1]:
        names += [a for a in src.authors if a not in names]
    for k in header:
        text = roles.text(k)
        if roles.role(k) == Role.BYLINE:
            found = parse_names_after_roles(text, bare=True)
            names += [a for a in found if a not in names]
        elif k in roles.cue_lines or roles.role(k) == Role.SOURCE:
            names += [a for a in parse_names_after_roles(text) if a not in names]
    return tuple(names)


def _yearless(hit: Any, src: Source, year: int | None) -> str | None:
    """The day written without a year that could not be dated (flagged, never guessed)."""
    if src.issued is not None:
        return None
    if hit.date and year is None:
        return str(hit.date)
    return find_yearless(hit.phrase) if year is None else None


def _record(
    src: Source,
    *,
    title: str | None,
    b: _Builder,
    start: int,
    end: int,
    raw: str,
    want_title: bool = True,
    authors: tuple[str, ...] = (),
    note: str | None = None,
    yearless: str | None = None,
) -> Reference:
    """A record from one parsed source; flags an impossible date and a missing title."""
    warnings: list[str] = []
    where = f"{b.path}:{start}"
    if src.bad_date:
        msg = f"impossible date {src.bad_date!r} kept as written"
        warnings.append(msg)
        b.problems.add(where, "E103", msg)
    if yearless:
        msg = f"date {yearless!r} names no year and the bulletin gives none: left empty"
        warnings.append(msg)
        b.problems.add(where, "E106", msg)
    if title is None and want_title:
        msg = "title of the article not found"
        warnings.append(msg)
        b.problems.add(where, "E102", msg)
    notes = [f"经{src.via}转载" if src.via and not is_agency(src.via) else None]
    if src.via and is_agency(src.via):
        notes.append(src.via)
    if note:
        notes.append(note)
    names = authors or src.authors
    return Reference(
        id="",
        type=src.type,
        title=title,
        author=tuple(_name(a) for a in names),
        container_title=src.container,
        issued=src.issued,
        issue=src.issue,
        volume=src.volume,
        edition=src.edition,
        # GB/T 7714 prints a newspaper's 版次 where other items have pages: 2000-11-20(15)
        page=src.edition if src.type == "article-newspaper" else None,
        section=src.section,
        url=src.url,
        note="；".join(n for n in notes if n) or None,
        provenance=(Provenance(b.path, start, end, raw),),
        warnings=tuple(warnings),
    )


def _name(text: str) -> Name:
    """A byline name; Latin ones (LI LEI, Wu Qi) are kept whole, in the order printed: the
    pinyin of a Chinese name puts the family name first."""
    return Name(literal=text) if text.isascii() else Name.parse(text)


def _contents_record(entry: ContentsEntry, path: str, raw: str) -> Reference:
    """A journal article from a contents entry; the heading gives container, year and issue."""
    h = entry.heading
    return Reference(
        id="",
        type=h.entry_type,
        title=entry.title,
        author=tuple(Name.parse(a) for a in entry.authors),
        container_title=h.container or None,
        issued=h.issued,
        issue=h.issue,
        volume=h.volume,
        page=entry.page,
        provenance=(Provenance(path, entry.line, entry.end_line, raw),),
    )


def _policy_record(doc: PolicyDoc, path: str, raw: str) -> Reference:
    """A policy document (legislation): title, 文号, issuing body, date."""
    return Reference(
        id="",
        type="legislation",
        title=doc.title,
        number=doc.number or None,
        authority=doc.authority,
        issued=doc.issued,
        provenance=(Provenance(path, doc.start, doc.end, raw),),
        warnings=() if doc.title else ("title of the document not found",),
    )


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


def _drop_headline_mentions(b: _Builder) -> None:
    """A document named by title alone (no 文号) in the headline of another record on its line
    (七部门联合公布《…暂行办法》) is that article's subject, not a citation of its own."""
    quoted = {
        (it.provenance[0].start_line, it.title)
        for _, it in b.items
        if isinstance(it, Reference) and it.title and "《" in it.title
    }
    if not quoted:
        return
    kept = []
    for pos, item in b.items:
        if (
            isinstance(item, Reference)
            and item.type == "legislation"
            and not item.number
            and item.title
            and any(
                # the headline may sit over the record's first line, its decks included
                -1 <= line - item.provenance[0].start_line <= 3 and f"《{item.title}》" in t
                for line, t in quoted
            )
        ):
            continue
        kept.append((pos, item))
    b.items = kept


def _drop_note_mentions(b: _Builder, notes: list[Endnote]) -> None:
    """A work named in the text with its note's mark (《题名》①) is the note's record, not one
    more: the mention is dropped."""
    noted = {e.record.title: e for e in notes if e.record.title}
    kept = []
    for pos, item in b.items:
        note = noted.get(item.title or "") if isinstance(item, Reference) else None
        if isinstance(item, Reference) and note is not None and item is not note.record:
            p = item.provenance[0]
            span = "".join(b.orig.line(k) for k in range(p.start_line, p.end_line + 2))
            if note.mark in span:
                continue
        kept.append((pos, item))
    b.items = kept


def _legislation(
    text: str, lines: LineMap, path: str, skip: set[int] | None = None
) -> list[tuple[int, Reference]]:
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
        if (text[i - 2 : i] in POLICY_GENRES or text[i - 1] in "）)法") and POLICY_END.search(
            text, max(0, i - 24), i
        ):
            positions.append(i)
        i = text.find("》", i + 1)
    done_lines |= skip or set()
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
