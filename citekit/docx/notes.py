"""Real Word footnotes for ``citekit cite --notes``: the part, the marks, circled numbering.

Consumes a :class:`~citekit.docx.package.DocxPackage`; produces footnotes in
``word/footnotes.xml`` (the part is created, with its separators, content type and
relationship, when the report has none), footnote reference runs for the text, the
"footnote text" / "footnote reference" styles when the report lacks them, and the numbering
Chinese social-science journals and government reports use for 注释: ①②③ (Word's
``decimalEnclosedCircle`` footnote format), continuous or restarting on each page.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .ooxml import W_NS, Element, make_el, make_run, q
from .package import DocxPackage

__all__ = ["CIRCLED", "Footnotes", "note_numbering"]

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
#: ECMA-376 ST_NumberFormat for ① ② ③ …
CIRCLED = "decimalEnclosedCircle"
# CT_SectPr children that stand before w:footnotePr (ECMA-376 §17.6.17)
_BEFORE_FOOTNOTE_PR = {q("headerReference"), q("footerReference")}


def _style_id(styles: Element | None, name: str) -> str | None:
    for style in styles.iter(q("style")) if styles is not None else ():
        n = style.find(q("name"))
        if n is not None and (n.get(q("val")) or "").lower() == name:
            return style.get(q("styleId"))
    return None


class Footnotes:
    """The report's footnotes part, made when missing; adds notes with fresh ids."""

    def __init__(self, pkg: DocxPackage, main: str) -> None:
        self.pkg = pkg
        self.main = main
        self.name = self._find() or self._create()
        self.root = pkg.xml(self.name)
        ids = [int(n.get(q("id"), "0")) for n in self.root.iter(q("footnote"))]
        self._next = max([0, *ids]) + 1
        styles_name = self._styles_part()
        styles = pkg.xml(styles_name) if styles_name else None
        self.text_style = _style_id(styles, "footnote text")
        self.ref_style = _style_id(styles, "footnote reference")
        if (
            styles is not None
            and styles_name
            and (self.text_style is None or self.ref_style is None)
        ):
            self._add_styles(styles)
            pkg.touch(styles_name)

    def _styles_part(self) -> str | None:
        for rel in self.pkg.relationships(self.main):
            if rel.get("Type") == _RT + "styles":
                name = self.pkg.target(self.main, rel)
                if name in self.pkg.data:
                    return name
        return None

    def _find(self) -> str | None:
        for rel in self.pkg.relationships(self.main):
            if rel.get("Type") == _RT + "footnotes" and rel.get("TargetMode") != "External":
                name = self.pkg.target(self.main, rel)
                if name in self.pkg.data:
                    return name
        return None

    def _create(self) -> str:
        name = "word/footnotes.xml"
        root = etree.Element(q("footnotes"), nsmap={"w": W_NS})
        for nid, kind, mark in (
            ("-1", "separator", "separator"),
            ("0", "continuationSeparator", "continuationSeparator"),
        ):
            note = etree.SubElement(root, q("footnote"))
            note.set(q("type"), kind)
            note.set(q("id"), nid)
            p = etree.SubElement(note, q("p"))
            ppr = etree.SubElement(p, q("pPr"))
            etree.SubElement(
                ppr, q("spacing"), {q("after"): "0", q("line"): "240", q("lineRule"): "auto"}
            )
            p.append(make_run(None, children=[make_el(mark)]))
        self.pkg.add_part(name, root)
        types = self.pkg.xml("[Content_Types].xml")
        override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
        override.set("PartName", f"/{name}")
        override.set("ContentType", _CT)
        self.pkg.touch("[Content_Types].xml")
        self.pkg.add_relationship(self.main, _RT + "footnotes", "footnotes.xml")
        return name

    def _add_styles(self, styles: Element) -> None:
        """Word's built-in footnote styles, when the template does not define them."""
        if self.text_style is None:
            style = make_el("style", {"type": "paragraph", "styleId": "FootnoteText"})
            style.append(make_el("name", {"val": "footnote text"}))
            base = next(
                (
                    s.get(q("styleId"))
                    for s in styles.iter(q("style"))
                    if s.get(q("type")) == "paragraph" and s.get(q("default")) == "1"
                ),
                None,
            )
            if base:
                style.append(make_el("basedOn", {"val": base}))
            ppr = make_el("pPr")
            ppr.append(make_el("snapToGrid", {"val": "0"}))
            ppr.append(make_el("spacing", {"after": "0", "line": "240", "lineRule": "auto"}))
            ppr.append(make_el("ind", {"firstLine": "0", "firstLineChars": "0"}))
            style.append(ppr)
            rpr = make_el("rPr")
            rpr.append(make_el("sz", {"val": "18"}))  # 小五, 9 pt
            rpr.append(make_el("szCs", {"val": "18"}))
            style.append(rpr)
            styles.append(style)
            self.text_style = "FootnoteText"
        if self.ref_style is None:
            style = make_el("style", {"type": "character", "styleId": "FootnoteReference"})
            style.append(make_el("name", {"val": "footnote reference"}))
            rpr = make_el("rPr")
            rpr.append(make_el("vertAlign", {"val": "superscript"}))
            style.append(rpr)
            styles.append(style)
            self.ref_style = "FootnoteReference"

    def _ref_rpr(self) -> Element:
        rpr = make_el("rPr")
        if self.ref_style:
            rpr.append(make_el("rStyle", {"val": self.ref_style}))
        else:
            rpr.append(make_el("vertAlign", {"val": "superscript"}))
        return rpr

    def reference_run(self, nid: str) -> Element:
        """The run that marks footnote ``nid`` in the text."""
        return make_run(self._ref_rpr(), children=[make_el("footnoteReference", {"id": nid})])

    def add(self, runs: Sequence[Element]) -> str:
        """A new footnote holding one paragraph of ``runs``; returns its id."""
        nid = str(self._next)
        self._next += 1
        note = make_el("footnote", {"id": nid})
        p = make_el("p")
        ppr = make_el("pPr")
        if self.text_style:
            ppr.append(make_el("pStyle", {"val": self.text_style}))
        p.append(ppr)
        p.append(make_run(self._ref_rpr(), children=[make_el("footnoteRef")]))
        p.append(make_run(None, text=" "))
        p.extend(runs)
        note.append(p)
        self.root.append(note)
        self.pkg.touch(self.name)
        return nid

    def reorder(self, main_root: Element) -> None:
        """Number and order the notes as their marks stand in the text (separators first).

        Word numbers notes by where their marks stand, whatever their ids; LibreOffice pairs
        the n-th mark with the note of the n-th id. Ids that ascend in text order, and the
        part in that order too, keep ① beside its own text in both.
        """
        order = list(dict.fromkeys(r.get(q("id")) for r in main_root.iter(q("footnoteReference"))))
        rank = {nid: i for i, nid in enumerate(order)}
        notes = list(self.root.iter(q("footnote")))
        special = [n for n in notes if n.get(q("type"))]
        normal = sorted(
            (n for n in notes if not n.get(q("type"))),
            key=lambda n: rank.get(n.get(q("id")), len(rank)),
        )
        first = max([0, *(int(n.get(q("id"), "0")) for n in special)]) + 1
        renumber = {
            n.get(q("id")): str(first + i)
            for i, n in enumerate(normal)
            if n.get(q("id")) != str(first + i)
        }
        if not renumber and special + normal == notes:
            return
        for n in notes:
            self.root.remove(n)
        self.root.extend(special + normal)
        for n in normal:
            n.set(q("id"), renumber.get(n.get(q("id")), n.get(q("id"), "")))
        for ref in main_root.iter(q("footnoteReference")):
            new = renumber.get(ref.get(q("id")))
            if new is not None:
                ref.set(q("id"), new)
        self.pkg.touch(self.name)


def _set_footnote_pr(parent: Element, restart_each_page: bool, *, in_sect: bool) -> bool:
    """Give ``parent`` (a sectPr, or the settings) a footnotePr with circled numbers."""
    pr = parent.find(q("footnotePr"))
    if pr is None:
        pr = make_el("footnotePr")
        if in_sect:
            # after header/footer references, before everything else (schema order)
            at = 0
            for i, child in enumerate(parent):
                if child.tag in _BEFORE_FOOTNOTE_PR:
                    at = i + 1
            parent.insert(at, pr)
        else:
            parent.append(pr)
    wanted = [
        ("numFmt", CIRCLED),
        ("numRestart", "eachPage" if restart_each_page else "continuous"),
    ]
    changed = False
    # CT_FtnProps order: pos, numFmt, numStart, numRestart
    for tag, value in wanted:
        el = pr.find(q(tag))
        if el is None:
            el = make_el(tag, {"val": value})
            if tag == "numFmt":
                pos = pr.find(q("pos"))
                pr.insert(0 if pos is None else 1, el)
            else:
                pr.append(el)
            changed = True
        elif el.get(q("val")) != value:
            el.set(q("val"), value)
            changed = True
    if not in_sect:
        # the settings' footnotePr lists the separator notes, which must come last
        for sep in pr.findall(q("footnote")):
            pr.remove(sep)
            pr.append(sep)
    return changed


def note_numbering(
    pkg: DocxPackage, main: str, main_root: Element, restart_each_page: bool
) -> None:
    """Number the report's footnotes ①②③ (in every section and in the settings)."""
    for sect in main_root.iter(q("sectPr")):
        if _set_footnote_pr(sect, restart_each_page, in_sect=True):
            pkg.touch(main)
    for rel in pkg.relationships(main):
        if rel.get("Type") == _RT + "settings":
            name = pkg.target(main, rel)
            if name in pkg.data and _set_settings_footnote_pr(pkg.xml(name), restart_each_page):
                pkg.touch(name)


# CT_Settings children that stand after w:footnotePr (ECMA-376 §17.15.1.78)
_AFTER_FOOTNOTE_PR = tuple(
    [
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)


def _set_settings_footnote_pr(settings: Element, restart_each_page: bool) -> bool:
    if settings.find(q("footnotePr")) is None:
        pr = make_el("footnotePr")
        after = [settings.find(q(t)) for t in _AFTER_FOOTNOTE_PR]
        first = next((el for el in settings if el in after), None)
        if first is not None:
            first.addprevious(pr)
        else:
            settings.append(pr)
    return _set_footnote_pr(settings, restart_each_page, in_sect=False)
