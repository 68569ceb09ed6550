"""WordprocessingML helpers on lxml elements: names, runs, properties in schema order.

Consumes and produces lxml elements of ``word/*.xml`` parts. Word rejects a document whose
``w:rPr``/``w:pPr`` children are out of the order the schema (ECMA-376 §17.3.1.26, §17.3.2.28)
prescribes, so properties are always inserted through :func:`set_property`.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator, Sequence

from lxml import etree

from ..xmltext import xml_safe

__all__ = [
    "MC_NS",
    "NS",
    "PPR_ORDER",
    "RPR_ORDER",
    "R_NS",
    "W_NS",
    "XML_SPACE",
    "Element",
    "iter_paragraphs",
    "make_el",
    "make_run",
    "make_text",
    "paragraph_text",
    "q",
    "set_property",
    "strip_property",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NS = {"w": W_NS, "r": R_NS, "mc": MC_NS}

Element = etree._Element
_W_NSMAP = {"w": W_NS}

# ECMA-376 CT_RPr and CT_PPr child order (the elements citekit may insert are among them).
_RPR = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
)
RPR_ORDER = tuple(_RPR.split())
_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
PPR_ORDER = tuple(_PPR.split())


@functools.cache
def q(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute: ``q("t")`` -> ``{…/main}t``."""
    prefix, _, local = tag.rpartition(":")
    ns = NS[prefix] if prefix else W_NS
    return f"{{{ns}}}{local}"


def _local(el: Element) -> str:
    return etree.QName(el).localname


def set_property(parent: Element, child: Element, order: Sequence[str]) -> Element:
    """Put ``child`` into ``parent`` (an rPr or pPr) at its schema position, replacing its twin."""
    name = _local(child)
    for old in parent.findall(q(name)):
        parent.remove(old)
    rank = order.index(name)
    for i, existing in enumerate(parent):
        if not isinstance(existing.tag, str):
            continue
        if etree.QName(existing).namespace != W_NS:
            # extension properties (w14:textOutline …) come after every w: one
            parent.insert(i, child)
            return child
        local = _local(existing)
        if local in order and order.index(local) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def strip_property(parent: Element | None, *names: str) -> None:
    """Remove the named children (``vertAlign``, ``sectPr`` …) from an rPr/pPr."""
    if parent is None:
        return
    for name in names:
        for old in parent.findall(q(name)):
            parent.remove(old)


def make_el(tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Element:
    """A new ``w:`` element with ``w:``-qualified attributes."""
    el = etree.Element(q(tag), nsmap=_W_NSMAP)
    for key, value in (attrs or {}).items():
        el.set(q(key) if not key.startswith("{") else key, value)
    if text is not None:
        el.text = xml_safe(text)  # XML 1.0 has no ESC, NUL ... (citekit.xmltext)
    return el


def make_text(text: str, tag: str = "t") -> Element:
    """A ``w:t`` (or ``w:instrText``) that keeps its spaces."""
    t = make_el(tag, text=text)
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return t


def make_run(
    rpr: Element | None = None, *, text: str | None = None, children: Iterable[Element] = ()
) -> Element:
    """A ``w:r`` with a copy of ``rpr`` and either ``text`` or the given content children."""
    run = make_el("r")
    if rpr is not None and len(rpr):
        run.append(copy.deepcopy(rpr))
    if text is not None:
        run.append(make_text(text))
    for child in children:
        run.append(child)
    return run


def iter_paragraphs(root: Element) -> Iterator[Element]:
    """Every ``w:p`` in document order, skipping ``mc:Fallback`` copies of text boxes."""
    fallback = f"{{{MC_NS}}}Fallback"
    for p in root.iter(q("p")):
        if any(a.tag == fallback for a in p.iterancestors()):
            continue
        yield p


def paragraph_text(p: Element) -> str:
    """The visible text of a paragraph (``w:t`` and tabs; deleted text left out)."""
    out: list[str] = []
    deleted = (q("del"), q("moveFrom"))
    for el in p.iter(q("t"), q("tab"), q("noBreakHyphen")):
        parent = el.getparent()
        if parent is None or parent.tag != q("r"):  # w:tabs/w:tab is a tab stop, not text
            continue
        if any(a.tag in deleted for a in el.iterancestors()):
            continue
        # text of nested paragraphs (text boxes) belongs to them, not to this one
        if next(el.iterancestors(q("p"))) is not p:
            continue
        if el.tag == q("noBreakHyphen"):
            out.append("-")  # Word's non-breaking hyphen stands for a hyphen
        else:
            out.append((el.text or "") if el.tag == q("t") else "\t")
    return "".join(out)
