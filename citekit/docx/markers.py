"""Citation markers in paragraph XML: ``[@key]``, ``[@a; @b]``, ``[@key, p. 15]``.

Consumes a ``w:p`` element; produces a :class:`ParagraphScan` (its visible text, which ``w:t``
holds which characters, the Zotero citation fields and note references in it) and the markers
found in that text. Word splits text into runs wherever formatting, spell-checking or revision
marks change, so a marker is matched on the paragraph's text and then cut out of however many
runs it spans (:func:`replace_span`); only those runs are touched.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..xmltext import xml_safe
from .ooxml import XML_SPACE, Element, make_run, q

__all__ = [
    "OBJECT",
    "FieldAtom",
    "Marker",
    "MarkerItem",
    "MarkerSyntaxError",
    "NoteRef",
    "ParagraphScan",
    "TextPiece",
    "find_markers",
    "parse_locator",
    "parse_marker",
    "replace_runs",
    "replace_span",
    "scan_paragraph",
    "split_locator",
]

#: stands for anything in a paragraph that is not text (images, fields, breaks): it never
#: belongs to a marker, so a marker cannot be matched across it
OBJECT = "\ufffc"

# A Chinese input method types 【】 for [], and ［］ and ＠ in full-width mode: all are accepted.
_OPEN = "[［【"
_CLOSE = "]］】"
# pandoc's citation syntax: [@a], [-@a] (author suppressed), [see @a, p. 15 and passim].
# A prefix ends in white space or a Chinese character ([参见@a]), so an e-mail address in
# brackets ([联系 a@b.cn]) is not a citation.
_START_RE = re.compile(
    r"[\[［【](?:[^\[\]［］【】@＠\n\ufffc]{0,60}?(?:\s|[\u3000-\u9fff\uff01-\uff1f]))?-?[@＠]"
)
_ITEM_RE = re.compile(
    r"^\s*(?P<prefix>[^@＠]*?)\s*(?P<minus>-)?[@＠](?P<key>[^\s@＠;；,，\[\]［］【】]+)"
    r"(?:\s*[,，]\s*(?P<loc>.*?)|\s+(?P<suffix>\S.*?))?\s*$",
    re.S,
)
# a locator at the start of what follows the key's comma; the rest is the suffix
_LOC_START_RE = re.compile(
    r"^(?:第?\s*[0-9][0-9\-–—~～,、\s]*?\s*[页版章节段卷行图]"
    r"|(?:[A-Za-z]+\.?|§|¶)\s*[0-9ivxlcdm][0-9ivxlcdm\-–—~]*(?:\s*,\s*[0-9][0-9\-–—~]*)*"
    r"|[0-9][0-9\-–—~]*)",
    re.I,
)

# CSL locator labels (CSL 1.0.2 "Locators") for the abbreviations authors write.
_LABELS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "chap": "chapter",
    "ch": "chapter",
    "chapter": "chapter",
    "sec": "section",
    "section": "section",
    "§": "section",
    "para": "paragraph",
    "¶": "paragraph",
    "vol": "volume",
    "fig": "figure",
    "l": "line",
    "ll": "line",
    "n": "note",
    "col": "column",
}
_CN_UNITS = {"页": "page", "版": "page", "章": "chapter", "节": "section", "段": "paragraph"}
_CN_UNITS.update({"卷": "volume", "行": "line", "图": "figure"})
_LATIN_LOC_RE = re.compile(r"^(?P<label>[A-Za-z]+\.?|§|¶)\s*(?P<loc>\S.*)$")
_RANGE_RE = re.compile(r"\s*[~–—]+\s*")
_CN_LOC_RE = re.compile(r"^第?\s*(?P<loc>[0-9][0-9\-–—~,、\s]*?)\s*(?P<unit>[页版章节段卷行图])$")


class MarkerSyntaxError(ValueError):
    """A ``[@`` that does not begin a well-formed marker; ``start`` is its offset."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.start = start
        self.end = end


@dataclass(frozen=True, slots=True)
class MarkerItem:
    """One cited key with an optional CSL locator (``page`` 15), prefix and suffix."""

    key: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass(frozen=True, slots=True)
class Marker:
    """A marker at ``[start, end)`` of its paragraph's text."""

    items: tuple[MarkerItem, ...]
    start: int
    end: int
    raw: str


def parse_locator(text: str) -> tuple[str, str]:
    """``p. 15`` -> (``15``, ``page``); ``第3章`` -> (``3``, ``chapter``); ``15`` -> page 15.

    Full-width digits and punctuation (``第１５页``, ``１５～１７``) become half-width (NFKC).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    m = _CN_LOC_RE.match(text)
    if m:
        # 15～17, 15—17: GB/T 7714 writes ranges with a hyphen
        return _RANGE_RE.sub("-", m["loc"].strip()), _CN_UNITS[m["unit"]]
    m = _LATIN_LOC_RE.match(text)
    if m:
        label = _LABELS.get(m["label"].rstrip(".").lower())
        if label:
            return m["loc"].strip(), label
    return text, "page"


def split_locator(text: str) -> tuple[str, str]:
    """``p. 15 and passim`` -> (``p. 15``, ``and passim``); text with no locator first is all
    locator (``序言``), as before pandoc's suffixes were read."""
    folded = unicodedata.normalize("NFKC", text).strip()
    m = _LOC_START_RE.match(folded)
    if not m:
        return folded, ""
    rest = folded[m.end() :].lstrip(" ,，、;；")
    return m.group(0).strip(), rest


def parse_marker(inner: str) -> tuple[MarkerItem, ...]:
    """Parse what is between the brackets: ``@a; see @b, p. 15 and passim``.

    Raises ``ValueError``.
    """
    items = []
    for part in re.split(r"[;；]", inner):
        m = _ITEM_RE.match(part)
        if not m:
            if not part.strip():
                raise ValueError("empty item (a stray ';')")
            raise ValueError(f"expected '@key' or '@key, locator', found {part.strip()!r}")
        loc, suffix = m["loc"], m["suffix"] or ""
        common = {"prefix": m["prefix"].strip(), "suppress_author": bool(m["minus"])}
        if loc is None:
            items.append(MarkerItem(m["key"], suffix=suffix.strip(), **common))  # type: ignore[arg-type]
        elif not loc:
            raise ValueError(f"empty locator after '@{m['key']},'")
        else:
            located, suffix = split_locator(loc)
            locator, label = parse_locator(located)
            items.append(MarkerItem(m["key"], locator, label, suffix=suffix, **common))  # type: ignore[arg-type]
    return tuple(items)


def find_markers(text: str) -> tuple[list[Marker], list[MarkerSyntaxError]]:
    """Every marker in ``text``, and an error for every ``[@`` that does not start one."""
    markers: list[Marker] = []
    errors: list[MarkerSyntaxError] = []
    pos = 0
    while True:
        m = _START_RE.search(text, pos)
        if not m:
            break
        start = m.start()
        end = start + 1
        while end < len(text) and text[end] not in _CLOSE:
            if text[end] in _OPEN or text[end] in "\n" + OBJECT:
                break
            end += 1
        if end >= len(text) or text[end] not in _CLOSE:
            errors.append(MarkerSyntaxError("marker is not closed with ']'", start, end))
            pos = max(end, start + 1)
            continue
        raw = text[start : end + 1]
        try:
            items = parse_marker(raw[1:-1])
        except ValueError as exc:
            errors.append(MarkerSyntaxError(str(exc), start, end + 1))
        else:
            markers.append(Marker(items, start, end + 1, raw))
        pos = end + 1
    return markers, errors


# ----------------------------------------------------------------------------- paragraph scan


@dataclass
class TextPiece:
    """A ``w:t`` and where its text starts in the paragraph text."""

    t: Element
    start: int

    @property
    def end(self) -> int:
        """Offset just past this piece."""
        return self.start + len(self.t.text or "")


@dataclass
class FieldAtom:
    """A complex field (``fldChar`` begin … end) citekit cares about, with all its runs."""

    instr: str
    runs: list[Element]
    pos: int
    result_rpr: Element | None = None


@dataclass
class NoteRef:
    """A ``w:footnoteReference``/``w:endnoteReference`` at ``pos``."""

    kind: str  # footnote | endnote
    id: str
    pos: int


@dataclass
class ParagraphScan:
    """A paragraph's visible text with the elements that hold it."""

    p: Element
    text: str = ""
    pieces: list[TextPiece] = field(default_factory=list)
    fields: list[FieldAtom] = field(default_factory=list)
    notes: list[NoteRef] = field(default_factory=list)


@dataclass
class _OpenField:
    runs: list[Element]
    instr: list[str] = field(default_factory=list)
    separated: bool = False
    result_rpr: Element | None = None

    @property
    def opaque(self) -> bool:
        return "".join(self.instr).lstrip().startswith("ADDIN ZOTERO_ITEM")


_CONTAINERS = {
    q(t)
    for t in (
        *("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent"),
        *("moveTo", "dir", "bdo"),
    )
}
_DELETED = {q("del"), q("moveFrom")}
_IGNORED_IN_RUN = {q("rPr"), q("lastRenderedPageBreak"), q("softHyphen"), q("commentReference")}
_IGNORED_IN_RUN.add(q("annotationRef"))


def scan_paragraph(p: Element) -> ParagraphScan:
    """Map the text of ``p`` to its ``w:t`` elements; note Zotero fields and note references."""
    scan = ParagraphScan(p)
    parts: list[str] = []
    length = 0
    stack: list[_OpenField] = []
    t_tag, r_tag = q("t"), q("r")

    def emit(s: str) -> None:
        nonlocal length
        parts.append(s)
        length += len(s)

    def run(r: Element) -> None:
        for f in stack:
            f.runs.append(r)
        hidden = any(f.opaque and f.separated for f in stack)
        for child in r:
            tag = child.tag
            if tag == t_tag:
                if hidden:
                    continue
                if stack and stack[-1].separated and stack[-1].result_rpr is None:
                    stack[-1].result_rpr = r.find(q("rPr"))
                scan.pieces.append(TextPiece(child, length))
                emit(child.text or "")
            elif tag == q("fldChar"):
                kind = child.get(q("fldCharType"))
                if kind == "begin":
                    stack.append(_OpenField([r]))
                elif kind == "separate" and stack:
                    stack[-1].separated = True
                elif kind == "end" and stack:
                    done = stack.pop()
                    if done.opaque:
                        instr = "".join(done.instr).strip()
                        scan.fields.append(FieldAtom(instr, done.runs, length, done.result_rpr))
                        emit(OBJECT)
                hidden = any(f.opaque and f.separated for f in stack)
            elif tag == q("instrText"):
                if stack:
                    stack[-1].instr.append(child.text or "")
            elif tag in (q("footnoteReference"), q("endnoteReference")):
                kind = "footnote" if tag == q("footnoteReference") else "endnote"
                scan.notes.append(NoteRef(kind, child.get(q("id"), ""), length))
                emit(OBJECT)
            elif tag in (q("tab"), q("ptab")):
                emit("\t")
            elif tag in (q("br"), q("cr")):
                emit("\n")
            elif tag in _IGNORED_IN_RUN or not isinstance(tag, str):
                continue
            else:
                emit(OBJECT)

    def walk(el: Element) -> None:
        for child in el:
            tag = child.tag
            if tag == r_tag:
                run(child)
            elif tag in _CONTAINERS:
                walk(child)
            elif tag in _DELETED or tag == q("pPr"):
                continue

    walk(p)
    scan.text = "".join(parts)
    return scan


# ------------------------------------------------------------------------------ replacement


def _has_content(run: Element) -> bool:
    return any(child.tag not in (q("rPr"),) for child in run)


def _set_text(t: Element, text: str) -> None:
    t.text = xml_safe(text)
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def replace_span(
    scan: ParagraphScan,
    start: int,
    end: int,
    build: Callable[[Element | None], Sequence[Element]],
) -> None:
    """Cut text ``[start, end)`` out of the runs holding it and put ``build(rPr)`` in its place.

    Only the runs that hold the span change: the first keeps the text before the span, a copy
    of it (same ``w:rPr``) takes the text after; ``build`` gets that ``w:rPr`` so the new runs
    look like the text they replace. Apply spans of one paragraph from last to first: offsets
    of earlier spans stay valid.
    """
    hit = [pc for pc in scan.pieces if pc.start < end and pc.end > start]
    if not hit:
        raise ValueError(f"no text at {start}-{end}")
    first, last = hit[0], hit[-1]
    t1 = first.t
    run1 = t1.getparent()
    assert run1 is not None
    rpr = run1.find(q("rPr"))
    new_runs = build(rpr)
    text1 = t1.text or ""
    before = text1[: start - first.start]
    tail = ""
    if first is last:
        tail = text1[end - first.start :]
    else:
        last_text = last.t.text or ""
        after = last_text[end - last.start :]
        touched = []
        for pc in hit[1:-1]:
            touched.append(pc.t.getparent())
            pc.t.getparent().remove(pc.t)  # type: ignore[union-attr]
        if after:
            _set_text(last.t, after)
        else:
            touched.append(last.t.getparent())
            last.t.getparent().remove(last.t)  # type: ignore[union-attr]
        for r in touched:
            if r is not None and not _has_content(r) and r.getparent() is not None:
                r.getparent().remove(r)  # type: ignore[union-attr]
    # split run1 right after t1: what follows t1 in the run moves to a twin run
    following = list(t1.itersiblings())
    twin: Element | None = None
    if following or tail:
        twin = make_run(rpr)
        if tail:
            tail_t = copy.deepcopy(t1)
            _set_text(tail_t, tail)
            twin.append(tail_t)
        for child in following:
            twin.append(child)
        run1.addnext(twin)
    anchor = run1
    for new in new_runs:
        anchor.addnext(new)
        anchor = new
    if before:
        _set_text(t1, before)
    else:
        run1.remove(t1)
        if not _has_content(run1):
            parent = run1.getparent()
            assert parent is not None
            parent.remove(run1)


def replace_runs(old_runs: Sequence[Element], new_runs: Sequence[Element]) -> None:
    """Put ``new_runs`` where ``old_runs`` (a field, begin … end) were."""
    first = old_runs[0]
    for new in new_runs:
        first.addprevious(new)
    for r in old_runs:
        parent = r.getparent()
        if parent is not None:
            parent.remove(r)
