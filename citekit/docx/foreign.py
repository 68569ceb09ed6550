"""Citations another reference manager left in a report: Mendeley, EndNote, NoteExpress.

Consumes the story parts of a package; produces one :class:`ForeignFields` per tool found
(how many citation fields, whether it has its own reference list, where the first one is).
citekit leaves those fields as they are — converting them would lose what only that tool
knows — and says so, since the report would otherwise end with two reference lists.
Zotero's own fields (``ADDIN ZOTERO_ITEM``) are citekit's format and are not listed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .ooxml import Element, q
from .package import StoryPart

__all__ = ["ForeignFields", "find_foreign_fields"]

# field codes as each tool writes them (the instruction text after ADDIN)
_TOOLS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("Mendeley", re.compile(r"^ADDIN CSL_CITATION\b"), re.compile(r"^ADDIN Mendeley Bibliography")),
    ("EndNote", re.compile(r"^ADDIN EN\.CITE\b"), re.compile(r"^ADDIN EN\.REFLIST\b")),
    ("NoteExpress", re.compile(r"^ADDIN NE\.(?:Ref|Cite)\b"), re.compile(r"^ADDIN NE\.Bib\b")),
    (
        "Citavi",
        re.compile(r"^ADDIN CITAVI\.PLACEHOLDER\b"),
        re.compile(r"^ADDIN CITAVI\.BIBLIOGRAPHY\b"),
    ),
)
# Mendeley Cite (the add-in) keeps citations in content controls tagged like this
_MENDELEY_TAG = re.compile(r"^MENDELEY_CITATION", re.I)


@dataclass
class ForeignFields:
    """The citation fields one other tool left in the report."""

    tool: str
    citations: int = 0
    bibliography: bool = False
    first: str = ""  # the part where the first one stands


def _field_codes(root: Element) -> list[str]:
    """The instruction text of every complex and simple field in a part, nested ones too."""
    codes: list[str] = []
    stack: list[list[str]] = []
    for el in root.iter(q("fldChar"), q("instrText"), q("fldSimple")):
        if el.tag == q("fldSimple"):
            codes.append((el.get(q("instr")) or "").strip())
        elif el.tag == q("instrText"):
            if stack:
                stack[-1].append(el.text or "")
        else:
            kind = el.get(q("fldCharType"))
            if kind == "begin":
                stack.append([])
            elif kind == "end" and stack:
                codes.append("".join(stack.pop()).strip())
    return codes


def find_foreign_fields(parts: Sequence[StoryPart]) -> list[ForeignFields]:
    """Every other tool's citations in ``parts``, one entry per tool, in the order found."""
    found: dict[str, ForeignFields] = {}
    for part in parts:
        for code in _field_codes(part.root):
            for tool, cite_re, bib_re in _TOOLS:
                if cite_re.match(code) or bib_re.match(code):
                    entry = found.setdefault(tool, ForeignFields(tool, first=part.name))
                    if bib_re.match(code):
                        entry.bibliography = True
                    else:
                        entry.citations += 1
        for props in part.root.iter(q("sdtPr")):
            tag = props.find(q("tag"))
            if tag is not None and _MENDELEY_TAG.match(tag.get(q("val")) or ""):
                entry = found.setdefault("Mendeley", ForeignFields("Mendeley", first=part.name))
                entry.citations += 1
    return list(found.values())
