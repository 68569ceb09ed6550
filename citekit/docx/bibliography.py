"""Bibliography paragraphs, and the stand-alone bibliography document (``export --to docx``).

Consumes :class:`~citekit.render.Rendered` entries (never a Reference: formatting belongs to
render); produces WordprocessingML paragraphs — the label (``[1]``) in its own column by a
hanging indent with a tab stop at the indent, which Word, WPS and LibreOffice all lay out the
same way and which survives copy and paste as ``[1]<tab>text`` — with URLs and DOIs as real
hyperlinks, and :func:`write_bibliography_docx` wraps them in a new document.
"""

from __future__ import annotations

import copy
import io
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..atomic import write_bytes_atomic
from .ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    Element,
    make_el,
    make_run,
    q,
    set_property,
    strip_property,
)

if TYPE_CHECKING:
    from ..render import Rendered

__all__ = [
    "EntryLayout",
    "entry_paragraph",
    "hanging_twips",
    "split_links",
    "write_bibliography_docx",
]

# A URL ends at whitespace or at full-width punctuation; trailing ASCII punctuation is the
# sentence's, not the URL's (GB/T 7714 entries end with "." after the URL or access date).
_URL_RE = re.compile(r"https?://[^\s，。；：、（）《》「」『』<>\"]+|\b10\.\d{4,9}/[^\s，。；、]+")
_TRAILING = ".,;:)]}'"

# Advance widths (em) of the characters in a label, Times New Roman; the gap after it.
_LABEL_EM = {"[": 0.333, "]": 0.333, "［": 1.0, "］": 1.0}
_GAP_EM = 0.75


def hanging_twips(labels: Sequence[str], size_pt: float) -> int:
    """Indent (twips) that fits the widest label plus a gap; two characters for no labels."""
    widths = [sum(_LABEL_EM.get(ch, 0.5) for ch in label) for label in labels if label]
    em = (max(widths) + _GAP_EM) if widths else 2.0
    return int(math.ceil(em * size_pt * 20 / 10) * 10)


def split_links(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (piece, url-or-None) pieces: URLs and DOIs become links."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in _URL_RE.finditer(text):
        s = m.group(0).rstrip(_TRAILING)
        if not s:
            continue
        if m.start() > pos:
            out.append((text[pos : m.start()], None))
        url = s if s.startswith("http") else f"https://doi.org/{s}"
        out.append((s, url))
        pos = m.start() + len(s)
    if pos < len(text):
        out.append((text[pos:], None))
    return out


#: a hyphen between two digits: dates (2018-01-17) and page ranges (436-444) must not be broken
#: across lines there (GB/T 7714 entries are full of both)
_DIGIT_HYPHEN_RE = re.compile(r"(?<=\d)-(?=\d)")


@dataclass(frozen=True, slots=True)
class EntryLayout:
    """How bibliography entries are laid out (Chinese editorial habit by default).

    Single line spacing with no gap between entries; not snapped to the document grid (a
    Chinese template's grid makes lines with Latin and CJK text unevenly spaced); links in the
    text colour, not underlined, unless ``link_color`` (hex ``RRGGBB``) is given.
    """

    link_color: str | None = None
    line_twips: int = 240  # single
    after_twips: int = 0


DEFAULT_LAYOUT = EntryLayout()


def _link_rpr(base: Element | None, color: str) -> Element:
    rpr = copy.deepcopy(base) if base is not None else make_el("rPr")
    set_property(rpr, make_el("color", {"val": color}), RPR_ORDER)
    set_property(rpr, make_el("u", {"val": "single"}), RPR_ORDER)
    return rpr


def _text_runs(text: str, rpr: Element | None) -> list[Element]:
    """Runs for ``text``, with Word's non-breaking hyphen between digits (no break in a date)."""
    pieces = _DIGIT_HYPHEN_RE.split(text)
    runs: list[Element] = []
    for i, piece in enumerate(pieces):
        if i:
            runs.append(make_run(rpr, children=[make_el("noBreakHyphen")]))
        if piece:
            runs.append(make_run(rpr, text=piece))
    return runs


def entry_paragraph(
    entry: Rendered,
    *,
    indent: int,
    link: Callable[[str], str] | None = None,
    ppr: Element | None = None,
    rpr: Element | None = None,
    runs_before: Sequence[Element] = (),
    runs_after: Sequence[Element] = (),
    layout: EntryLayout = DEFAULT_LAYOUT,
) -> Element:
    """One entry as a ``w:p``: label, tab, text (links via ``link(url) -> relationship id``).

    ``ppr``/``rpr`` are the paragraph and run properties to start from (copied); the indent,
    tab stop and spacing are set on top. ``runs_before``/``runs_after`` let a field open or
    close here.
    """
    p = make_el("p")
    props = copy.deepcopy(ppr) if ppr is not None else make_el("pPr")
    tabs = make_el("tabs")
    if entry.label:
        tabs.append(make_el("tab", {"val": "left", "pos": str(indent)}))
        set_property(props, tabs, PPR_ORDER)
    else:
        for old in props.findall(q("tabs")):
            props.remove(old)
    # Indent attributes inherit one by one (ECMA-376 §17.3.1.12): a report whose Normal style
    # indents first lines by two characters (w:firstLineChars, common in Chinese templates)
    # would keep that over our hanging indent unless it is zeroed here.
    ind = {"left": str(indent), "hanging": str(indent), "firstLineChars": "0"}
    set_property(props, make_el("ind", ind), PPR_ORDER)
    spacing = {
        "before": "0",
        "beforeLines": "0",
        "after": str(layout.after_twips),
        "afterLines": "0",
        "line": str(layout.line_twips),
        "lineRule": "auto",
    }
    set_property(props, make_el("spacing", spacing), PPR_ORDER)
    set_property(props, make_el("snapToGrid", {"val": "0"}), PPR_ORDER)
    p.append(props)
    p.extend(runs_before)
    if entry.label:
        p.append(make_run(rpr, text=entry.label))
        p.append(make_run(rpr, children=[make_el("tab")]))
    for piece, url in split_links(entry.text):
        if url is None or link is None:
            p.extend(_text_runs(piece, rpr))
            continue
        hyperlink = make_el("hyperlink")
        hyperlink.set(q("r:id"), link(url))
        link_rpr = _link_rpr(rpr, layout.link_color) if layout.link_color else rpr
        hyperlink.append(make_run(link_rpr, text=piece))
        p.append(hyperlink)
    p.extend(runs_after)
    return p


# ------------------------------------------------------------------------- stand-alone document


def _fonts(cjk_font: str, latin_font: str) -> Element:
    return make_el(
        "rFonts",
        {"ascii": latin_font, "hAnsi": latin_font, "eastAsia": cjk_font, "cs": latin_font},
    )


def _style_rpr(style_el: Any) -> Element:
    rpr = style_el.find(q("rPr"))
    if rpr is None:
        rpr = make_el("rPr")
        style_el.append(rpr)
    return rpr  # type: ignore[no-any-return]


def _source_date() -> datetime:
    """``$SOURCE_DATE_EPOCH`` (reproducible builds), else now; in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def write_bibliography_docx(
    entries: Sequence[Rendered],
    path: str | os.PathLike[str],
    *,
    heading: str = "参考文献",
    cjk_font: str = "宋体",
    latin_font: str = "Times New Roman",
    size_pt: float = 10.5,
    author: str = "citekit",
    layout: EntryLayout = DEFAULT_LAYOUT,
    now: datetime | None = None,
) -> None:
    """Write ``entries`` as a .docx: heading, one hanging-indented paragraph per entry.

    Chinese text is set in ``cjk_font`` and Latin text in ``latin_font`` (``w:rFonts``
    ``w:eastAsia`` and ``w:ascii``/``w:hAnsi`` apart), at ``size_pt`` (五号, 10.5 pt, by
    default), on A4. The document's properties name ``author`` and ``now`` as created and
    modified (default: ``$SOURCE_DATE_EPOCH`` when set, as reproducible builds want, else the
    time of the run), not python-docx's template. The file is replaced atomically.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Mm, Pt

    doc = Document()
    # python-docx API first: it expects its own element classes, which lxml edits would not be
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size_pt)
    head = doc.styles["Heading 1"]
    head.font.size = Pt(14)  # 四号
    head.font.bold = True
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(31.8)
    section.top_margin = section.bottom_margin = Mm(25.4)
    props = doc.core_properties
    stamp = (now or _source_date()).replace(microsecond=0)
    props.title = heading
    props.author = props.last_modified_by = author
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
    doc.add_paragraph(heading, style="Heading 1")

    # then fonts with lxml: East Asian and Latin apart; explicit fonts in the document
    # defaults, because the template's theme fonts (w:asciiTheme) would win over the style's
    half_points = str(round(size_pt * 2))
    default_rpr = doc.styles.element.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
    if default_rpr is not None:
        set_property(default_rpr, _fonts(cjk_font, latin_font), RPR_ORDER)
        set_property(default_rpr, make_el("sz", {"val": half_points}), RPR_ORDER)
        set_property(default_rpr, make_el("szCs", {"val": half_points}), RPR_ORDER)
        lang = make_el("lang", {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"})
        set_property(default_rpr, lang, RPR_ORDER)
    set_property(_style_rpr(normal.element), _fonts(cjk_font, latin_font), RPR_ORDER)
    head_rpr = _style_rpr(head.element)
    set_property(head_rpr, _fonts("黑体", latin_font), RPR_ORDER)
    strip_property(head_rpr, "color")  # black, not the template's blue

    def link(url: str) -> str:
        return str(doc.part.relate_to(url, RT.HYPERLINK, is_external=True))

    indent = hanging_twips([e.label for e in entries], size_pt)
    body = doc.element.body
    sect_pr = body.find(q("sectPr"))
    for entry in entries:
        p = entry_paragraph(entry, indent=indent, link=link, layout=layout)
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            body.append(p)
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes_atomic(path, buf.getvalue())
