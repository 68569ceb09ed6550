"""Cite a Word report: ``[@key]`` markers -> numbered citations + a GB/T 7714 reference list.

Consumes a .docx report, a :class:`~citekit.model.Library` and a style; produces a copy of
the report in which every marker (body, tables, text boxes, headers/footers, footnotes and
endnotes) has become a Zotero-compatible citation field showing what render made of it, and
the bibliography stands where a paragraph reads ``{{bibliography}}`` (or at the end, under
参考文献). Fields already in the report — from an earlier run, or from Zotero — are read back
and renumbered with the new markers, and an existing bibliography field is rebuilt in place,
so citing is repeatable. Only the runs that hold markers or citekit/Zotero fields change;
every other part of the package is copied byte for byte.

Finding the citations is ``collect.py``'s part; numbering follows reading order (body, each
footnote/endnote where its mark stands, then headers and footers).
"""

from __future__ import annotations

import copy
import html
import itertools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_bytes_atomic
from ..errors import CitationError
from ..model import Library, Reference
from ..problems import Problems
from .bibliography import DEFAULT_LAYOUT, EntryLayout, entry_paragraph, hanging_twips
from .collect import Collector, FoundCitation, bibliography_block
from .docprops import ZOTERO_STYLES, write_zotero_prefs
from .fields import (
    BIBL_INSTR,
    FieldItem,
    citation_id,
    citation_instr,
    field_begin,
    field_end,
    field_runs,
    is_bibliography,
    is_citation,
)
from .foreign import find_foreign_fields
from .heading import existing_heading, heading_paragraph
from .markers import (
    replace_runs,
    replace_span,
)
from .notes import Footnotes, note_numbering
from .ooxml import (
    MC_NS,
    Element,
    make_el,
    q,
    strip_property,
)
from .ooxml import (
    paragraph_text as para_text,
)
from .package import DocxPackage
from .richtext import Segment, html_segments, segment_runs

if TYPE_CHECKING:
    from ..render import CiteItem, Rendered, RenderedCitation, Style

__all__ = ["Citation", "CiteProblemsError", "CiteReport", "cite_document"]


class CiteProblemsError(CitationError):
    """The report could not be cited; ``problems`` holds one error per marker or field."""

    def __init__(self, problems: Problems, where: str) -> None:
        n = len(problems.errors)
        super().__init__(
            f"{n} problem{'s' if n != 1 else ''} in the citations; nothing written", where
        )
        self.problems = problems

    def __str__(self) -> str:
        lines = [super().__str__()]
        lines += [f"  {p}" for p in self.problems.errors]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation as placed: where, which keys (with locators), what it shows."""

    location: str
    keys: tuple[str, ...]
    locators: tuple[str | None, ...]
    text: str
    numbers: tuple[int, ...] | None
    source: str  # marker | field

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--format json``."""
        return {
            "location": self.location,
            "keys": list(self.keys),
            "locators": list(self.locators),
            "numbers": None if self.numbers is None else list(self.numbers),
            "text": self.text,
            "from": self.source,
        }


@dataclass
class CiteReport:
    """What :func:`cite_document` did."""

    report: str
    output: str
    style: str
    citations: list[Citation] = field(default_factory=list)
    bibliography: list[Rendered] = field(default_factory=list)
    #: where the list went: ``placeholder``, ``field`` (rebuilt in place), ``end`` or None
    bibliography_at: str | None = None
    problems: Problems = field(default_factory=Problems)

    def to_json(self) -> dict[str, Any]:
        """Plain dict for ``--format json``."""
        return {
            "report": self.report,
            "output": self.output,
            "style": self.style,
            "citations": [c.to_json() for c in self.citations],
            "bibliography": {
                "at": self.bibliography_at,
                "entries": [
                    {"key": e.id, "label": e.label, "text": e.text} for e in self.bibliography
                ],
            },
            "problems": [p.to_json() for p in self.problems],
        }


# ------------------------------------------------------------------------------- writing


def _default_size(styles: Element | None) -> float:
    """The report's default font size in points (10.5, 五号, when it does not say)."""
    if styles is None:
        return 10.5
    sz = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('sz')}")
    size = sz.get(q("val")) if sz is not None else None
    for style in styles.iter(q("style")):
        if style.get(q("default")) == "1" and style.get(q("type")) == "paragraph":
            s = style.find(f"{q('rPr')}/{q('sz')}")
            if s is not None:
                size = s.get(q("val"))
    return int(size) / 2 if size and size.isdigit() else 10.5


def _sync_fallbacks(root: Element) -> None:
    """Give text boxes' VML fallback copies the cited text of their DrawingML originals.

    Word stores a text box twice (``mc:Choice`` and ``mc:Fallback``); citing reads and edits
    the first only, so that nothing is counted twice, and then copies it over the second.
    """
    for alt in root.iter(f"{{{MC_NS}}}AlternateContent"):
        choice = alt.find(f"{{{MC_NS}}}Choice")
        fallback = alt.find(f"{{{MC_NS}}}Fallback")
        if choice is None or fallback is None:
            continue
        originals = list(choice.iter(q("txbxContent")))
        copies = list(fallback.iter(q("txbxContent")))
        if len(originals) != len(copies) or not any(
            is_citation((t.text or "").strip()) or is_bibliography((t.text or "").strip())
            for box in originals
            for t in box.iter(q("instrText"))
        ):
            continue
        for box, copy_box in zip(originals, copies, strict=True):
            for child in list(copy_box):
                copy_box.remove(child)
            copy_box.extend(copy.deepcopy(child) for child in box)


def _segments(shown: RenderedCitation) -> list[Segment]:
    """The formatted pieces of a citation: from its HTML (``（沈仁，2018）<sup>3</sup>``),
    or its text in one piece when the two disagree."""
    segments = html_segments(shown.html)
    if "".join(s.text for s in segments) != shown.text:
        return [Segment(shown.text, sup=shown.superscript)]
    return segments


def _zotero_style_id(style: Style) -> str:
    """The style's own CSL id (what Zotero knows a style by), else Zotero's GB/T 7714 style.

    citekit's styles have ids of their own: a Zotero user adds the .csl file from csl/ to
    Zotero once (Settings → Cite → +) and Refresh then keeps the style the document was cited
    in, 2025 included.
    """
    csl_id = style.tree.findtext(
        "{http://purl.org/net/xbiblio/csl}info/{http://purl.org/net/xbiblio/csl}id"
    )
    if csl_id and csl_id.strip():
        return csl_id.strip()
    return ZOTERO_STYLES[style.numeric]


def _base_props(paras: Sequence[Element]) -> tuple[Element | None, Element | None, Element | None]:
    """pPr (without section break), rPr of the first text run, and the section break."""
    ppr = paras[0].find(q("pPr"))
    base_ppr = copy.deepcopy(ppr) if ppr is not None else None
    strip_property(base_ppr, "sectPr", "pPrChange", "numPr")  # labels do the numbering
    rpr = None
    for run in paras[0].iter(q("r")):
        if run.find(q("t")) is not None:
            found = run.find(q("rPr"))
            rpr = copy.deepcopy(found) if found is not None else None
            strip_property(rpr, "vertAlign", "color", "u", "rPrChange")
            break
    sect = None
    for p in paras:
        s = p.find(f"{q('pPr')}/{q('sectPr')}")
        if s is not None:
            sect = s
    return base_ppr, rpr, sect


def _build_block(
    entries: Sequence[Rendered],
    pkg: DocxPackage,
    main: str,
    base: tuple[Element | None, Element | None, Element | None],
    size_pt: float,
    instr: str = BIBL_INSTR,
    layout: EntryLayout = DEFAULT_LAYOUT,
) -> list[Element]:
    ppr, rpr, sect = base
    if not entries:
        p = make_el("p")
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        p.extend(field_begin(instr, None))
        p.append(field_end(None))
        block = [p]
    else:
        indent = hanging_twips([e.label for e in entries], size_pt)
        block = []
        last = len(entries) - 1
        for i, entry in enumerate(entries):
            block.append(
                entry_paragraph(
                    entry,
                    indent=indent,
                    link=lambda url: pkg.hyperlink_id(main, url),
                    ppr=ppr,
                    rpr=rpr,
                    runs_before=field_begin(instr, None) if i == 0 else (),
                    runs_after=[field_end(None)] if i == last else (),
                    layout=layout,
                )
            )
    if sect is not None:
        props = block[-1].find(q("pPr"))
        if props is None:
            props = make_el("pPr")
            block[-1].insert(0, props)
        props.append(copy.deepcopy(sect))
    return block


def _author_texts(
    items: Sequence[FieldItem], refs: Sequence[Reference], style: Style
) -> dict[str, str]:
    """The author part of an author-date citation of each item whose author is suppressed.

    Rendered as the style renders it (a citation of the record without its date, the
    style's parentheses taken off), so that ``[-@a]`` can take exactly that out.
    """
    from ..render import CiteItem, render_citations

    wanted = {i.key for i in items if i.suppress_author}
    out: dict[str, str] = {}
    if not wanted:
        return out
    for ref in refs:
        if ref.id not in wanted:
            continue
        undated = ref.replace(issued=None)
        (shown,), _ = render_citations([undated], [[CiteItem(ref.id)]], style)
        out[ref.id] = shown.text.strip("（）() ")
    return out


def _affixed(
    shown: RenderedCitation,
    items: Sequence[FieldItem],
    *,
    numeric: bool,
    authors: dict[str, str],
) -> RenderedCitation:
    """``shown`` with pandoc's prefix and suffix, and suppressed authors taken out.

    A superscript number keeps the prefix and suffix beside it in the line (见[1]); in an
    author-date citation they go inside the parentheses (（参见沈仁，2018，有改动）); in a
    note they stand around the note text.
    """
    from ..render import RenderedCitation

    text, html_text = shown.text, shown.html
    for author in authors.values():
        # (when the style printed the author otherwise, the citation keeps it, year and all)
        for sep in ("，", ", ", ","):
            if author and f"{author}{sep}" in text:
                text = text.replace(f"{author}{sep}", "", 1)
                html_text = html_text.replace(html.escape(f"{author}{sep}", quote=False), "", 1)
                break
    prefix = items[0].prefix if items else ""
    suffix = items[-1].suffix if items else ""
    if not prefix and not suffix:
        if text == shown.text:
            return shown
        return RenderedCitation(text, html_text, shown.superscript)

    def joined(a: str, b: str) -> str:
        # a Latin prefix keeps the space typed after it ([see @a]); 参见 needs none
        return f"{a} {b}" if a[-1:].isascii() and a[-1:].isalnum() else f"{a}{b}"

    pre = prefix
    suf = (("，" if not suffix[:1].isascii() else ", ") + suffix) if suffix else ""
    opening = text[:1] in "（("
    if not numeric and opening:
        close = max(text.rfind("）"), text.rfind(")"))
        text = text[0] + joined(pre, text[1:close]) + suf + text[close:]
        hclose = max(html_text.rfind("）"), html_text.rfind(")"))
        html_text = (
            html_text[0]
            + joined(html.escape(pre, quote=False), html_text[1:hclose])
            + html.escape(suf, quote=False)
            + html_text[hclose:]
        )
    else:
        # a note's suffix goes before its closing full stop
        stop = "." if not numeric and text.endswith(".") and html_text.endswith(".") else ""
        if stop:
            text, html_text = text[:-1], html_text[:-1]
        text = joined(pre, text) + suf + stop
        html_text = (
            joined(html.escape(pre, quote=False), html_text) + html.escape(suf, quote=False) + stop
        )
    return RenderedCitation(text, html_text, shown.superscript)


def note_style_name(style: Style | str | os.PathLike[str] | None) -> Style | str | None:
    """The note style that goes with ``style``: a bundled GB/T style's own note variant.

    None -> ``gb-t-7714-2025-note``; ``gb-t-7714-2015-numeric`` -> ``gb-t-7714-2015-note``;
    anything else (a note style, a CSL file of the user's) is used as it is.
    """
    if style is None:
        return "gb-t-7714-2025-note"
    if isinstance(style, str):
        m = re.fullmatch(r"(gb-t-7714-20(?:15|25))-(numeric|author-date)", style)
        if m:
            return f"{m[1]}-note"
        return style
    if isinstance(style, os.PathLike):
        return os.fspath(style)
    return style


def _with_locator(entry: str, locator: str | None) -> str:
    """A full entry with the cited page: ``….（1）.`` + 15 -> ``….（1）：15.``"""
    if not locator:
        return entry
    body = entry[:-1] if entry.endswith(".") else entry
    colon = "：" if re.search(r"[\u3000-\u9fff\uff00-\uffef]", entry) else ": "
    return f"{body}{colon}{locator}."


def _note_citations(
    refs: Sequence[Reference],
    citations: Sequence[Sequence[CiteItem]],
    style: Style,
    problems: Problems,
) -> tuple[list[RenderedCitation], list[Rendered]]:
    """Note texts in reading order: a source's full entry first, its short form after."""
    from ..render import CiteItem, RenderedCitation, render_bibliography, render_citations

    by_id = {r.id.casefold(): r for r in refs}
    # one render of the list gives every full entry; the short form is rendered once per
    # source cited more than once, and the page put after it as in the full form
    bibliography = render_bibliography(refs, style, problems=problems)
    full = {e.id.casefold(): e.text for e in bibliography}
    counts: dict[str, int] = {}
    for cs in citations:
        for c in cs:
            counts[c.id.casefold()] = counts.get(c.id.casefold(), 0) + 1
    again = [by_id[k].id for k, n in counts.items() if n > 1]
    shown, _ = render_citations(refs, [[CiteItem(i)] for i in again], style)
    short = {i.casefold(): s.text for i, s in zip(again, shown, strict=True)}
    out: list[RenderedCitation] = []
    seen: set[str] = set()
    for citation in citations:
        texts = []
        for cite in citation:
            key = cite.id.casefold()
            if key in seen:
                texts.append(_with_locator(short[key], cite.locator))
            else:
                seen.add(key)
                texts.append(_with_locator(full.get(key) or by_id[key].title or "", cite.locator))
        # several sources in one note: "A；B." (each entry's own full stop dropped but the last)
        text = "；".join([t.removesuffix(".") for t in texts[:-1]] + texts[-1:])
        out.append(RenderedCitation(text, html.escape(text, quote=False), False))
    return out, bibliography


def _note_numbers(
    cites: Sequence[FoundCitation],
    para_of: dict[int, Any],
    to_footnote: Callable[[FoundCitation], bool],
) -> dict[int, int]:
    """Zotero's ``noteIndex`` of each citation: its footnote's number in reading order."""
    numbers: dict[int, int] = {}
    notes: dict[tuple[str, int] | int, int] = {}
    for cite in cites:
        if to_footnote(cite):
            key: tuple[str, int] | int = cite.scan_index
        elif cite.note_index:
            key = (para_of[cite.scan_index].part, cite.note_index)
        else:
            continue
        numbers[cite.scan_index] = notes.setdefault(key, len(notes) + 1)
    return numbers


def _output_path(report: Path, out: str | os.PathLike[str] | None, in_place: bool) -> Path:
    """Where the cited report goes; refuses a missing output and writing over the report."""
    if in_place:
        return report
    if out is None:
        raise CitationError("no output file given (use -o OUT.docx, or --in-place)", str(report))
    out_path = Path(out)
    if out_path.exists() and out_path.resolve() == report.resolve():
        raise CitationError(
            "the output is the report itself; pass --in-place to replace it", str(report)
        )
    return out_path


def _report_foreign_fields(pkg: DocxPackage, parts: Sequence[Any], found: Problems) -> None:
    """W611 for each other tool's citations left in the report."""
    for other in find_foreign_fields(parts):
        has_list = " and its own reference list" if other.bibliography else ""
        found.add(
            f"{pkg.path}: {other.first}",
            "W611",
            f"{other.citations} {other.tool} citation(s){has_list} left untouched: the report "
            f"would show two kinds of citations; remove them in {other.tool} "
            "(unlink citations) or replace them by [@key] markers",
        )


def _shown_citations(
    cites: Sequence[FoundCitation],
    refs: Sequence[Reference],
    style: Style,
    notes: bool,
    found: Problems,
) -> tuple[list[RenderedCitation], list[Rendered]]:
    """What each citation shows (with its affixes) and the bibliography, from one render."""
    from ..render import CiteItem, render_citations

    citations = [
        [CiteItem(i.key, locator=i.locator, label=i.label) for i in c.items] for c in cites
    ]
    if notes:
        rendered, bibliography = _note_citations(refs, citations, style, found)
    else:
        rendered, bibliography = render_citations(refs, citations, style, problems=found)
    shown = [
        _affixed(
            rendered[c.scan_index],
            c.items,
            numeric=style.numeric,
            authors=_author_texts(c.items, refs, style) if not style.numeric else {},
        )
        for c in cites
    ]
    return shown, bibliography


@dataclass
class _Placing:
    """What placing the citation fields needs to know about the document."""

    pkg: DocxPackage
    collector: Collector
    kinds: dict[str, str]
    para_of: dict[int, Any]
    footnotes: Footnotes | None

    def in_footnote(self, cite: FoundCitation) -> bool:
        """In notes mode, a citation in the body text becomes a footnote of its own."""
        para = self.para_of[cite.scan_index]
        return (
            self.footnotes is not None
            and self.kinds.get(para.part) == "document"
            and not cite.location.startswith("text box")
        )

    def warn_unrefreshable(
        self, cites: Sequence[FoundCitation], notes: bool, found: Problems
    ) -> None:
        """W608 for citations Zotero's Refresh cannot reach (headers, footers, text boxes)."""
        for cite in cites:
            para = self.para_of[cite.scan_index]
            if self.kinds.get(para.part) in ("header", "footer") or cite.location.startswith(
                "text box"
            ):
                found.add(
                    f"{self.pkg.path}: {cite.location}",
                    "W608",
                    "Zotero's Refresh does not update citations in headers, footers or text "
                    "boxes (citekit cite does)"
                    + ("; it cannot be a footnote either and is shown in place" if notes else ""),
                )

    def place(
        self,
        cites: Sequence[FoundCitation],
        rendered: Sequence[RenderedCitation],
        item_data: dict[str, Any],
        note_numbers: dict[int, int],
    ) -> None:
        """Replace every marker or old field by a citation field showing ``rendered``."""
        taken = {c.cid for c in cites if c.cid}
        seen: set[str] = set()
        for para in self.collector.paras:
            # later spans first, so that the offsets of earlier ones stay valid
            for cite in sorted(para.cites, key=lambda c: -c.pos):
                if cite.cid is None or cite.cid in seen:
                    seed = f"{cite.scan_index}:{','.join(i.key for i in cite.items)}"
                    cite.cid = citation_id(seed, taken)
                seen.add(cite.cid)
                build = self._builder(cite, rendered[cite.scan_index], item_data, note_numbers)
                if cite.marker is not None:
                    replace_span(para.scan, cite.marker.start, cite.marker.end, build)
                else:
                    assert cite.field is not None
                    f = cite.field
                    base = f.result_rpr if f.result_rpr is not None else f.runs[0].find(q("rPr"))
                    replace_runs(f.runs, build(base))
                self.pkg.touch(para.part)

    def _builder(
        self,
        cite: FoundCitation,
        shown: RenderedCitation,
        item_data: dict[str, Any],
        note_numbers: dict[int, int],
    ) -> Callable[[Element | None], list[Element]]:
        """The runs that replace ``cite``: its field, or the mark of the footnote holding it."""
        assert cite.cid is not None
        items = [
            FieldItem(
                i.key,
                i.locator,
                i.label,
                item_data[i.key],
                i.extra,
                prefix=i.prefix,
                suffix=i.suffix,
                suppress_author=i.suppress_author,
            )
            for i in cite.items
        ]
        instr = citation_instr(
            cite.cid,
            items,
            shown.text,
            note_index=note_numbers.get(cite.scan_index, cite.note_index),
            superscript=shown.superscript,
        )

        def build_field(rpr: Element | None) -> list[Element]:
            base = copy.deepcopy(rpr) if rpr is not None else None
            strip_property(base, "vertAlign", "rPrChange")
            return field_runs(instr, segment_runs(_segments(shown), base), base)

        footnotes = self.footnotes
        if footnotes is None or not self.in_footnote(cite):
            return build_field
        # the note holds the citation field; the text keeps only the note's mark
        nid = footnotes.add(build_field(None))
        return lambda rpr: [footnotes.reference_run(nid)]


def _insert_block(anchor: Element, block: Sequence[Element]) -> None:
    """Put ``block`` where ``anchor`` stands (before it), in order."""
    anchor.addprevious(block[0])
    for a, b in itertools.pairwise(block):
        a.addnext(b)


def _place_bibliography(
    pkg: DocxPackage,
    main: Any,
    found_block: tuple[list[Element] | None, str],
    placeholders: Sequence[tuple[Element, str]],
    bibliography: Sequence[Rendered],
    *,
    cited: bool,
    notes: bool,
    heading_style: str | None,
    layout: EntryLayout,
    found: Problems,
) -> str | None:
    """Write the reference list: over the old list field, at ``{{bibliography}}``, or at the
    end under the report's (or a new) 参考文献 heading; returns where (None: nowhere)."""
    bib_block, bib_instr = found_block
    size = _default_size(pkg.related(main.name, "styles"))
    body = main.root.find(q("body"))
    assert body is not None
    if bib_block is not None:
        base = _base_props(bib_block)
        block = _build_block(bibliography, pkg, main.name, base, size, bib_instr, layout)
        _insert_block(bib_block[0], block)
        for p in bib_block:
            p.getparent().remove(p)  # type: ignore[union-attr]
        for _, location in placeholders:
            found.add(
                f"{pkg.path}: {location}",
                "W606",
                "{{bibliography}} left as it is: the report already has a bibliography",
            )
        return "field"
    if placeholders:
        placeholder = placeholders[0][0]
        block = _build_block(
            bibliography, pkg, main.name, _base_props([placeholder]), size, layout=layout
        )
        _insert_block(placeholder, block)
        placeholder.getparent().remove(placeholder)  # type: ignore[union-attr]
        return "placeholder"
    if not cited or notes:
        return None
    entries = _build_block(bibliography, pkg, main.name, (None, None, None), size, layout=layout)
    texts = {p: para_text(p) for p in body.iterchildren(q("p"))}
    own = existing_heading(body, texts) if heading_style is None else None
    if own is not None:
        for p in reversed(entries):
            own.addnext(p)
        return "end"
    sect = body.find(q("sectPr"))
    for p in [heading_paragraph(pkg, main.name, heading_style), *entries]:
        if sect is not None:
            sect.addprevious(p)
        else:
            body.append(p)
    return "end"


def _write_zotero_prefs(pkg: DocxPackage, style: Style, notes: bool, found: Problems) -> None:
    """Zotero's document preferences name the style used (W610 when they named another)."""
    wanted_id = _zotero_style_id(style)
    theirs = write_zotero_prefs(pkg, wanted_id, notes=notes)
    if theirs is not None and theirs != wanted_id:
        found.add(
            pkg.path,
            "W610",
            f"the document's Zotero preferences name the style {theirs or '(none)'!r}, "
            f"not {wanted_id!r} used here: a Zotero Refresh would restyle the citations "
            "(change the style in Zotero's Document Preferences)",
        )


def cite_document(
    report: str | os.PathLike[str],
    library: Library,
    style: Style | str | None,
    out: str | os.PathLike[str] | None,
    *,
    in_place: bool = False,
    problems: Problems | None = None,
    heading_style: str | None = None,
    layout: EntryLayout = DEFAULT_LAYOUT,
    notes: bool = False,
    restart_notes_each_page: bool = False,
) -> CiteReport:
    """Cite ``report`` with ``library`` in ``style``; write the result to ``out``.

    With ``in_place`` the report itself is replaced (atomically) and ``out`` may be None.
    A new reference list goes under the report's own 参考文献 heading when it has one, else
    under a new heading in ``heading_style`` (a paragraph style of the report) or in
    citekit's 参考文献 style; ``layout`` sets spacing and link colour of the entries.

    With ``notes`` every citation in the body becomes a real footnote (numbered ①②③,
    ``restart_notes_each_page`` optional) holding the full GB/T 7714 entry the first time a
    source is cited and the style's short form after that, each in a citation field so that a
    rerun rebuilds the notes instead of adding new ones; the reference list is then only made
    where the report asks for it (``{{bibliography}}`` or an existing list).
    Raises :class:`CiteProblemsError` (one problem per unknown key, malformed marker or broken
    field, with the paragraph text around it) or :class:`~citekit.errors.CitationError` for an
    unreadable .docx; nothing is written then.
    """
    from ..render import load_style

    report_path = Path(report)
    out_path = _output_path(report_path, out, in_place)
    if notes:
        style = note_style_name(style)
    style_obj = load_style(style) if style is None or isinstance(style, (str, Path)) else style

    # 1. find every marker and field (any error stops here: nothing is written)
    pkg = DocxPackage.open(report_path)
    parts = pkg.story_parts()
    main = parts[0]
    existing = bibliography_block(main.root)
    found_block = existing if existing is not None else (None, BIBL_INSTR)
    found = Problems()  # this document's problems; the caller's collector gets them at the end
    collector = Collector(pkg, library, found)
    collector.run(parts, found_block[0])
    for _, location in collector.placeholders[1:]:
        collector.error(location, "E605", "a second {{bibliography}} placeholder")
    if found.errors:
        if problems is not None:
            problems.extend(found)
        raise CiteProblemsError(found, str(report))
    _report_foreign_fields(pkg, parts, found)

    # 2. render once: what each citation shows, and the list
    cites = collector.cites
    refs = list(collector.refs.values())
    rendered, bibliography = _shown_citations(cites, refs, style_obj, notes, found)

    # 3. place the citation fields (or footnotes holding them)
    para_of = {c.scan_index: para for para in collector.paras for c in para.cites}
    placing = _Placing(
        pkg,
        collector,
        {part.name: part.kind for part in parts},
        para_of,
        Footnotes(pkg, main.name) if notes and cites else None,
    )
    note_numbers = _note_numbers(cites, para_of, placing.in_footnote) if notes else {}
    placing.warn_unrefreshable(cites, notes, found)
    placing.place(cites, rendered, {r.id: r.to_csl(provenance=False) for r in refs}, note_numbers)

    # 4. the reference list, text box copies, note numbering, Zotero's preferences
    result = CiteReport(str(report), str(out_path), style_obj.name, problems=found)
    number = {e.id: i for i, e in enumerate(bibliography, 1)}
    result.citations = [
        Citation(
            cite.location,
            tuple(i.key for i in cite.items),
            tuple(i.locator for i in cite.items),
            rendered[cite.scan_index].text,
            tuple(number[i.key] for i in cite.items) if style_obj.numeric else None,
            "marker" if cite.marker is not None else "field",
        )
        for cite in cites
    ]
    result.bibliography = list(bibliography)
    result.bibliography_at = _place_bibliography(
        pkg,
        main,
        found_block,
        collector.placeholders,
        bibliography,
        cited=bool(cites),
        notes=notes,
        heading_style=heading_style,
        layout=layout,
        found=found,
    )
    if result.bibliography_at:
        pkg.touch(main.name)
    for part in parts:
        if part.name in pkg.dirty:
            _sync_fallbacks(part.root)
    if placing.footnotes is not None:
        placing.footnotes.reorder(main.root)
        note_numbering(pkg, main.name, main.root, restart_notes_each_page)
    if cites:
        _write_zotero_prefs(pkg, style_obj, notes, found)
    else:
        found.add(pkg.path, "W607", "no citation markers or citation fields found")

    # 5. write atomically
    try:
        write_bytes_atomic(out_path, pkg.to_bytes())
    except OSError as exc:
        raise CitationError(
            f"cannot write the cited report: {exc.strerror}", str(out_path)
        ) from None
    if problems is not None:
        problems.extend(found)
    return result
