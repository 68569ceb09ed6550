"""Render's HTML (``<sup>``, ``<i>``, ``<b>`` …) -> runs with the matching Word formatting.

Consumes the ``html`` of a :class:`~citekit.render.RenderedCitation` (the only place that says
which part of ``（于潇 等，2012）3`` is superscript: GB/T 7714 puts the page of an author-date
citation in superscript after the parenthesis); produces ``w:r`` elements.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from html.parser import HTMLParser

from .ooxml import RPR_ORDER, Element, make_el, make_run, set_property, strip_property

__all__ = ["Segment", "html_segments", "segment_runs"]

_STYLES = {"sup": "sup", "sub": "sub", "i": "i", "em": "i", "b": "b", "strong": "b"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text with one formatting."""

    text: str
    sup: bool = False
    sub: bool = False
    italic: bool = False
    bold: bool = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.segments: list[Segment] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _STYLES:
            self.open.append(_STYLES[tag])

    def handle_endtag(self, tag: str) -> None:
        style = _STYLES.get(tag)
        if style is not None and style in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(style)]

    def handle_data(self, data: str) -> None:
        if not data:
            return
        seg = Segment(
            data, "sup" in self.open, "sub" in self.open, "i" in self.open, "b" in self.open
        )
        last = self.segments[-1] if self.segments else None
        if last is not None and (last.sup, last.sub, last.italic, last.bold) == (
            seg.sup,
            seg.sub,
            seg.italic,
            seg.bold,
        ):
            self.segments[-1] = Segment(last.text + data, seg.sup, seg.sub, seg.italic, seg.bold)
        else:
            self.segments.append(seg)


def html_segments(html: str) -> list[Segment]:
    """``（沈仁，2018）<sup>3</sup>`` -> [Segment("（沈仁，2018）"), Segment("3", sup=True)]."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.segments


def segment_runs(segments: list[Segment], base: Element | None) -> list[Element]:
    """One ``w:r`` per segment: a copy of ``base`` with the segment's formatting on top."""
    runs = []
    for seg in segments:
        rpr = copy.deepcopy(base) if base is not None else make_el("rPr")
        strip_property(rpr, "vertAlign", "rPrChange")
        if seg.bold:
            set_property(rpr, make_el("b"), RPR_ORDER)
        if seg.italic:
            set_property(rpr, make_el("i"), RPR_ORDER)
        if seg.sup or seg.sub:
            align = "superscript" if seg.sup else "subscript"
            set_property(rpr, make_el("vertAlign", {"val": align}), RPR_ORDER)
        runs.append(make_run(rpr, text=seg.text))
    return runs
