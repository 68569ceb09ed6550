"""Which reference format a file holds, from its content first and its name second.

:func:`detect_format` looks at the first part of the text: a JSON array or object (CSL-JSON),
``<xml>``/``<records>`` (EndNote XML), ``TY  -`` (RIS), ``%0`` (EndNote tagged),
``{Reference Type}:`` (NoteExpress), ``RT`` (RefWorks), ``SrcDatabase-来源库:`` (CNKI's own
export), ``@article{`` (BibTeX), and GB/T 7714
type codes such as ``[J]`` (a formatted list). The suffix only decides between formats the
content does not tell apart, and names refs/ YAML. It returns the format and why.
"""

from __future__ import annotations

import re

__all__ = ["FORMATS", "SUFFIXES", "detect_format"]

#: every input format citekit reads, as named by ``--from``
FORMATS = (
    "refs",
    "csl-json",
    "bibtex",
    "ris",
    "enw",
    "endnote-xml",
    "noteexpress",
    "refworks",
    "cnki",
    "gbt-text",
)
#: file name suffix -> the format it usually holds
SUFFIXES = {
    ".yaml": "refs",
    ".yml": "refs",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".ris": "ris",
    ".enw": "enw",
    ".xml": "endnote-xml",
    ".net": "noteexpress",
    ".ne": "noteexpress",
}
_PROBES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "endnote-xml",
        re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<xml>\s*<records>", re.S),
        "an <xml><records> document",
    ),
    ("ris", re.compile(r"^\s*TY {1,2}- ?\S", re.M), "a 'TY  -' line"),
    ("enw", re.compile(r"^\s*%0 \S", re.M), "a '%0' line"),
    (
        "noteexpress",
        re.compile(r"^\s*\{Reference Type\}\s*[:：]", re.M),
        "a '{Reference Type}:' line",
    ),
    (
        "refworks",
        re.compile(r"^\s*RT\s+\S.*\n(?:.*\n){0,6}?\s*(?:SR|A1|T1|ID)\b", re.M),
        "an 'RT' line followed by RefWorks tags",
    ),
    (
        "cnki",
        re.compile(r"^\s*(?:SrcDatabase|DataType)-?[^:：\n]{0,8}\s*[:：]", re.M),
        "a 'SrcDatabase-来源库:' line (CNKI's own export)",
    ),
    ("bibtex", re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M), "an '@type{' entry"),
)
_GBT_CODE = re.compile(
    r"[\[［]\s*(?:DB|DS|CP|EB|CM|PP|[MCGNJDRSPAZK])\s*(?:/\s*(?:OL|CD|DK|MT))?\s*[\]］]"
)


def detect_format(text: str, suffix: str = "") -> tuple[str | None, str]:
    """``(format, reason)`` for ``text``; ``(None, reason)`` when nothing fits."""
    head = text.lstrip("\ufeff")[:20_000]
    stripped = head.lstrip()
    if stripped[:1] in "[{" and re.match(r"[\[{]\s*[\"{\]}]", stripped):
        return "csl-json", "starts as a JSON array or object"
    for fmt, rx, what in _PROBES:
        if rx.search(head):
            return fmt, f"has {what}"
    hinted = SUFFIXES.get(suffix.lower())
    if hinted == "refs":
        return "refs", f"a {suffix} file"
    codes = len(_GBT_CODE.findall(head))
    if codes:
        return "gbt-text", f"has {codes} GB/T 7714 type code(s) such as [J] or [M]"
    if hinted:
        return hinted, f"named {suffix} (content not recognised)"
    return None, "no known format recognised in its content"
