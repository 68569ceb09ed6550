"""The 参考文献 heading of a cited report: the report's own if it has one, else citekit's style.

Consumes the main document and its styles part; produces the paragraph that heads the reference
list. A thesis template's "Heading 1" carries chapter numbering ("第六章 参考文献"), colours and
sizes meant for chapters, so citekit does not borrow it: it adds a paragraph style of its own,
``参考文献``, based on the document's body style (its font), bold, centred, kept with the next
paragraph and at outline level 1 so that a table of contents lists it. A heading the report
already has (a paragraph reading 参考文献, 参 考 文 献 or References) is used as it is, and a
style the user names is used instead of citekit's.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import CitationError
from .ooxml import Element, make_el, make_run, q
from .package import DocxPackage

__all__ = ["STYLE_ID", "existing_heading", "heading_paragraph"]

STYLE_ID = "citekitBibliographyHeading"
STYLE_NAME = "参考文献"
_HEADING_RE = re.compile(r"^(参考文献|参考资料|references|bibliography)[:：]?$", re.I)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def existing_heading(body: Element, texts: dict[Element, str]) -> Element | None:
    """The last top-level body paragraph that reads as a reference-list heading, if any."""
    found = None
    for p in body.iterchildren(q("p")):
        if _HEADING_RE.match(_fold(texts.get(p, ""))):
            found = p
    return found


def _styles_part(pkg: DocxPackage, main: str) -> str | None:
    for rel in pkg.relationships(main):
        if rel.get("Type", "").endswith("/styles") and rel.get("TargetMode") != "External":
            name = pkg.target(main, rel)
            if name in pkg.data:
                return name
    return None


def _find_style(styles: Element, wanted: str) -> str | None:
    """The styleId of the paragraph style named or identified by ``wanted``."""
    folded = wanted.casefold()
    for style in styles.iter(q("style")):
        if style.get(q("type")) != "paragraph":
            continue
        name = style.find(q("name"))
        names = {(style.get(q("styleId")) or "").casefold()}
        if name is not None:
            names.add((name.get(q("val")) or "").casefold())
        if folded in names:
            return style.get(q("styleId"))
    return None


def _body_style(styles: Element) -> tuple[str | None, int]:
    """The default paragraph style's id and its font size in half-points (21 = 五号)."""
    size = 21
    sz = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('sz')}")
    if sz is not None and (sz.get(q("val")) or "").isdigit():
        size = int(sz.get(q("val")) or size)
    for style in styles.iter(q("style")):
        if style.get(q("type")) == "paragraph" and style.get(q("default")) == "1":
            s = style.find(f"{q('rPr')}/{q('sz')}")
            if s is not None and (s.get(q("val")) or "").isdigit():
                size = int(s.get(q("val")) or size)
            return style.get(q("styleId")), size
    return None, size


def _own_style(styles: Element) -> None:
    """Add citekit's 参考文献 paragraph style to ``styles`` (once)."""
    if _find_style(styles, STYLE_ID) is not None:
        return
    base, size = _body_style(styles)
    style = make_el("style", {"type": "paragraph", "customStyle": "1", "styleId": STYLE_ID})
    style.append(make_el("name", {"val": STYLE_NAME}))
    if base:
        style.append(make_el("basedOn", {"val": base}))
        style.append(make_el("next", {"val": base}))
    style.append(make_el("qFormat"))
    ppr = make_el("pPr")
    ppr.append(make_el("keepNext"))
    ppr.append(
        make_el("spacing", {"before": "240", "after": "120", "line": "240", "lineRule": "auto"})
    )
    ppr.append(make_el("ind", {"firstLine": "0", "firstLineChars": "0"}))
    ppr.append(make_el("jc", {"val": "center"}))
    ppr.append(make_el("outlineLvl", {"val": "0"}))
    style.append(ppr)
    rpr = make_el("rPr")
    rpr.append(make_el("b"))
    rpr.append(make_el("bCs"))
    rpr.append(make_el("color", {"val": "000000"}))
    rpr.append(make_el("sz", {"val": str(size + 4)}))
    rpr.append(make_el("szCs", {"val": str(size + 4)}))
    style.append(rpr)
    styles.append(style)


def heading_paragraph(pkg: DocxPackage, main: str, style_name: str | None) -> Element:
    """A new 参考文献 heading paragraph, in ``style_name`` or in citekit's own style.

    Raises :class:`CitationError` when the report has no style called ``style_name``.
    """
    heading = make_el("p")
    part = _styles_part(pkg, main)
    styles = pkg.xml(part) if part is not None else None
    style_id: str | None = None
    if style_name is not None:
        style_id = _find_style(styles, style_name) if styles is not None else None
        if style_id is None:
            names = sorted(
                (s.find(q("name")).get(q("val")) or "")  # type: ignore[union-attr]
                for s in (styles.iter(q("style")) if styles is not None else ())
                if s.get(q("type")) == "paragraph" and s.find(q("name")) is not None
            )
            shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
            raise CitationError(
                f"the report has no paragraph style {style_name!r} (it has: {shown or 'none'})",
                pkg.path,
            )
    elif styles is not None and part is not None:
        _own_style(styles)
        pkg.touch(part)
        style_id = STYLE_ID
    head_rpr = None
    if style_id is not None:
        ppr = make_el("pPr")
        ppr.append(make_el("pStyle", {"val": style_id}))
        heading.append(ppr)
    else:  # a package without a styles part: format the paragraph itself
        ppr = make_el("pPr")
        ppr.append(make_el("keepNext"))
        ppr.append(make_el("jc", {"val": "center"}))
        heading.append(ppr)
        head_rpr = make_el("rPr")
        head_rpr.append(make_el("b"))
    heading.append(make_run(head_rpr, text=STYLE_NAME))
    return heading
