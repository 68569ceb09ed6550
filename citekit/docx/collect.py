"""Finding the citations of a report: markers and fields, in reading order, with their places.

Consumes the story parts of a :class:`~citekit.docx.package.DocxPackage` and a Library;
produces :class:`FoundCitation` values (keys, locators, the marker or field they came from,
where they are: ``body paragraph 3``, ``body table 1, row 2, cell 1``, ``footnote 2 paragraph
1``, ``header of section 1 paragraph 1``) and one error per unknown key, malformed marker or
broken field, with the paragraph text around it. Nothing is changed here.

Reading order: the body; each footnote/endnote where its reference mark stands; headers and
footers; notes no mark points to. Text boxes are read once (their ``mc:Fallback`` copy is
skipped).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Library, Reference
from ..problems import Problems
from .fields import FieldItem, is_bibliography, parse_citation
from .markers import (
    OBJECT,
    FieldAtom,
    Marker,
    MarkerSyntaxError,
    ParagraphScan,
    find_markers,
    scan_paragraph,
)
from .ooxml import Element, iter_paragraphs, paragraph_text, q
from .package import DocxPackage, StoryPart

__all__ = ["Collector", "FoundCitation", "FoundParagraph", "bibliography_block"]

_PLACEHOLDER_RE = re.compile(r"^\s*[{｛]\s*[{｛]\s*bibliography\s*[}｝]\s*[}｝]\s*$", re.I)
_CONTEXT = 24
#: text that looks like a marker (``[@key``, ``[see @key``, ``[-@key``)
_MARKERISH_RE = re.compile(r"[\[［【][^\]］】@＠]{0,40}?-?[@＠]\w")


@dataclass
class FoundCitation:
    """A citation found in the report (from a marker or a field), before rendering."""

    scan_index: int
    location: str
    items: list[FieldItem]
    marker: Marker | None = None
    field: FieldAtom | None = None
    cid: str | None = None
    note_index: int = 0

    @property
    def pos(self) -> int:
        """Offset in the paragraph text."""
        if self.marker is not None:
            return self.marker.start
        assert self.field is not None
        return self.field.pos


@dataclass
class FoundParagraph:
    """A paragraph holding citations: its scan (to cut markers out of), part and place."""

    scan: ParagraphScan
    part: str
    location: str
    cites: list[FoundCitation] = field(default_factory=list)


def _context(text: str, start: int, end: int) -> str:
    """The paragraph text around ``[start, end)``, quoted, for a message."""
    clean = text.replace(OBJECT, "")
    shift_start = text[:start].count(OBJECT)
    shift_end = text[:end].count(OBJECT)
    s, e = start - shift_start, end - shift_end
    before = clean[max(0, s - _CONTEXT) : s]
    after = clean[e : e + _CONTEXT]
    lead = "…" if s > _CONTEXT else ""
    trail = "…" if e + _CONTEXT < len(clean) else ""
    return f'"{lead}{before}{clean[s:e]}{after}{trail}"'


def _section_names(pkg: DocxPackage, main: StoryPart) -> dict[str, str]:
    """``word/header2.xml`` -> ``header of section 1 (first page)``, from the section settings."""
    by_id = {rel.get("Id"): pkg.target(main.name, rel) for rel in pkg.relationships(main.name)}
    kinds = {"default": "", "first": " (first page)", "even": " (even pages)"}
    names: dict[str, str] = {}
    for n, sect in enumerate(main.root.iter(q("sectPr")), 1):
        for ref in sect:
            if ref.tag in (q("headerReference"), q("footerReference")):
                name = by_id.get(ref.get(q("r:id")))
                kind = "header" if ref.tag == q("headerReference") else "footer"
                if name and name not in names:
                    names[name] = f"{kind} of section {n}{kinds.get(ref.get(q('type'), ''), '')}"
    return names


def _locations(part: StoryPart, prefix: str) -> dict[Element, str]:
    """A human name for every paragraph of a part: ``body paragraph 12``, ``body table 2, row
    1, cell 3``, ``text box in body paragraph 4``."""
    names: dict[Element, str] = {}
    tables: dict[Element, int] = {}
    counter = 0
    tbl, tc, tr = q("tbl"), q("tc"), q("tr")
    for p in iter_paragraphs(part.root):
        host = next(p.iterancestors(q("p")), None)  # a text box sits in a paragraph's run
        if host is not None:
            names[p] = f"text box in {names.get(host, prefix)}"
            continue
        outer = None
        for anc in p.iterancestors(tbl):
            outer = anc
        if outer is None:
            counter += 1
            names[p] = f"{prefix} paragraph {counter}"
            continue
        if outer not in tables:
            tables[outer] = len(tables) + 1
        # rows and cells may sit inside content controls: count them by their own table/row
        row = next(p.iterancestors(tr))
        table = next(row.iterancestors(tbl))
        cell = next(p.iterancestors(tc))
        r = [x for x in table.iter(tr) if next(x.iterancestors(tbl)) is table].index(row)
        c = [x for x in row.iter(tc) if next(x.iterancestors(tr)) is row].index(cell)
        names[p] = f"{prefix} table {tables[outer]}, row {r + 1}, cell {c + 1}"
    return names


def _note_paragraphs(part: StoryPart) -> tuple[dict[str, list[Element]], dict[str, int]]:
    """Paragraphs of each real footnote/endnote by id, and its number as the reader sees it."""
    tag = q("footnote") if part.kind == "footnotes" else q("endnote")
    notes: dict[str, list[Element]] = {}
    numbers: dict[str, int] = {}
    for note in part.root.iter(tag):
        if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = note.get(q("id"), "")
        notes[nid] = list(iter_paragraphs(note))
        numbers[nid] = len(numbers) + 1
    return notes, numbers


def bibliography_block(root: Element) -> tuple[list[Element], str] | None:
    """The paragraphs of an existing Zotero bibliography field (begin … end) and its code."""
    stack: list[tuple[Element, list[str]]] = []
    for p in iter_paragraphs(root):
        for el in p.iter(q("fldChar"), q("instrText")):
            if next(el.iterancestors(q("p"))) is not p:
                continue
            if el.tag == q("instrText"):
                if stack:
                    stack[-1][1].append(el.text or "")
                continue
            kind = el.get(q("fldCharType"))
            if kind == "begin":
                stack.append((p, []))
            elif kind == "end" and stack:
                start, instr = stack.pop()
                code = "".join(instr).strip()
                if is_bibliography(code):
                    paras = list(iter_paragraphs(root))
                    return paras[paras.index(start) : paras.index(p) + 1], code
    return None


class Collector:
    """Walks the story parts in reading order and collects citations and errors."""

    def __init__(self, pkg: DocxPackage, library: Library, problems: Problems) -> None:
        self.pkg = pkg
        self.library = library
        self.problems = problems
        self.where = pkg.path
        self.paras: list[FoundParagraph] = []
        self.cites: list[FoundCitation] = []
        self.refs: dict[str, Reference] = {}
        self.placeholders: list[tuple[Element, str]] = []
        self.skip: set[Element] = set()
        self.notes: dict[tuple[str, str], tuple[StoryPart, list[Element], int]] = {}
        self.done_notes: set[tuple[str, str]] = set()
        self.names: dict[Element, str] = {}

    def error(self, location: str, code: str, message: str) -> None:
        """Record an error at ``location`` (a paragraph of this document)."""
        self.problems.add(f"{self.where}: {location}", code, message, "error")

    def run(self, parts: Sequence[StoryPart], bib_block: list[Element] | None) -> None:
        """Collect from every part in reading order; ``bib_block`` paragraphs are skipped."""
        self.skip = set(bib_block or ())
        sections = _section_names(self.pkg, parts[0])
        for part in parts:
            prefix = "body" if part.kind == "document" else f"{part.kind} ({part.name})"
            self.names.update(_locations(part, sections.get(part.name, prefix)))
            if part.kind in ("footnotes", "endnotes"):
                paras, numbers = _note_paragraphs(part)
                kind = part.kind[:-1]
                for nid, ps in paras.items():
                    self.notes[(kind, nid)] = (part, ps, numbers[nid])
                    for i, p in enumerate(ps, 1):
                        self.names[p] = f"{kind} {numbers[nid]} paragraph {i}"
        main = parts[0]
        self.walk(main, iter_paragraphs(main.root), 0)
        for part in parts[1:]:
            if part.kind in ("header", "footer"):
                self.walk(part, iter_paragraphs(part.root), 0)
        for key, (part, ps, number) in self.notes.items():
            if key not in self.done_notes:  # notes no reference points to, cited last
                self.done_notes.add(key)
                self.walk(part, ps, number)

    def walk(
        self, part: StoryPart, paragraphs: Iterator[Element] | list[Element], note: int
    ) -> None:
        """Collect from ``paragraphs`` of ``part`` (``note``: their footnote number, or 0)."""
        for p in paragraphs:
            if p in self.skip:
                continue
            self.paragraph(part, p, note)

    def paragraph(self, part: StoryPart, p: Element, note: int) -> None:
        """Collect one paragraph: markers, fields and note marks, in text order."""
        location = self.names.get(p, f"{part.name} paragraph")
        scan = scan_paragraph(p)
        if part.kind == "document" and _PLACEHOLDER_RE.match(paragraph_text(p)):
            self.placeholders.append((p, location))
            return
        markers, errors = find_markers(scan.text)
        para = FoundParagraph(scan, part.name, location)
        events: list[tuple[int, int, Any]] = []
        events += [(e.start, 0, e) for e in errors]
        events += [(m.start, 0, m) for m in markers]
        events += [(f.pos, 1, f) for f in scan.fields]
        events += [(n.pos, 2, n) for n in scan.notes]
        for _, kind, obj in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(obj, MarkerSyntaxError):
                raw = scan.text[obj.start : obj.end].replace(OBJECT, "")
                self.error(
                    location,
                    "E602",
                    f"malformed citation marker {raw!r}: {obj} in "
                    f"{_context(scan.text, obj.start, obj.end)}",
                )
            elif kind == 0:
                self.marker(para, obj, note)
            elif kind == 1:
                self.field(para, obj, note)
            else:
                key = (obj.kind, obj.id)
                if key in self.notes and key not in self.done_notes:
                    self.done_notes.add(key)
                    npart, ps, number = self.notes[key]
                    self.walk(npart, ps, number)
        if para.cites:
            self.paras.append(para)

    def resolve(self, key: str) -> Reference | None:
        """The library's record for ``key`` (remembered as cited), or None."""
        ref = self.library.get(key)
        if ref is not None:
            self.refs.setdefault(ref.id, ref)
        return ref

    def marker(self, para: FoundParagraph, m: Marker, note: int) -> None:
        """A ``[@key]`` marker: every key must be in the library."""
        items: list[FieldItem] = []
        ok = True
        for item in m.items:
            ref = self.resolve(item.key)
            if ref is None:
                # a key typed in full-width (ｓｍｉｔｈ２０２０) is compared in half-width
                folded = unicodedata.normalize("NFKC", item.key).casefold()
                keys = list(self.library.keys())
                exact = [k for k in keys if k.casefold() == folded]
                close = exact or difflib.get_close_matches(folded, keys, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.error(
                    para.location,
                    "E601",
                    f"unknown citation key {item.key!r}{hint} in "
                    f"{_context(para.scan.text, m.start, m.end)}",
                )
                ok = False
                continue
            items.append(
                FieldItem(
                    ref.id,
                    item.locator,
                    item.label,
                    prefix=item.prefix,
                    suffix=item.suffix,
                    suppress_author=item.suppress_author,
                )
            )
        if ok:
            cite = FoundCitation(len(self.cites), para.location, items, marker=m, note_index=note)
            self.cites.append(cite)
            para.cites.append(cite)

    def field(self, para: FoundParagraph, f: FieldAtom, note: int) -> None:
        """A citation field: its keys from the library, else from the data stored in it."""
        shown = "".join(t.text or "" for run in f.runs for t in run.iter(q("t")))
        if _MARKERISH_RE.search(shown):
            self.problems.add(
                f"{self.where}: {para.location}",
                "W612",
                f"a marker typed inside a citation's text is not read: {shown!r}; "
                "type it after the citation instead",
            )
        try:
            cid, items = parse_citation(f.instr)
        except ValueError as exc:
            self.error(para.location, "E603", f"broken citation field: {exc}")
            return
        resolved: list[FieldItem] = []
        for item in items:
            ref = self.resolve(item.key) or self.refs.get(item.key)
            if ref is None and item.item_data is not None:
                try:
                    ref = Reference.from_csl({**item.item_data, "id": item.key})
                except (ValueError, TypeError) as exc:
                    self.error(para.location, "E603", f"broken data for {item.key!r}: {exc}")
                    continue
                self.refs.setdefault(ref.id, ref)
                self.problems.add(
                    f"{self.where}: {para.location}",
                    "W604",
                    f"{item.key!r} is not in the library; using the data stored in the document",
                )
            elif ref is None:
                self.error(para.location, "E601", f"unknown citation key {item.key!r} in a field")
                continue
            resolved.append(
                FieldItem(
                    ref.id,
                    item.locator,
                    item.label,
                    extra=item.extra,
                    prefix=item.prefix,
                    suffix=item.suffix,
                    suppress_author=item.suppress_author,
                )
            )
        cite = FoundCitation(
            len(self.cites), para.location, resolved, field=f, cid=cid, note_index=note
        )
        self.cites.append(cite)
        para.cites.append(cite)
