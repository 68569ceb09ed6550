"""Which reference format a file holds, from its content first and its name second.

:func:`detect_format` looks at the first part of the text: a JSON array or object (CSL-JSON),
``<xml>``/``<records>`` (EndNote XML), ``TY  -`` (RIS), ``%0`` (EndNote tagged),
``{Reference Type}:`` (NoteExpress), ``RT`` (RefWorks), ``SrcDatabase-来源库:`` (CNKI's own
export), ``@article{`` (BibTeX), and GB/T 7714
type codes such as ``[J]`` (a formatted list). The suffix only decides between formats the
content does not tell apart, and names refs/ YAML. It returns the format and why.

:func:`document_or_list` decides what a ``.txt``/``.docx`` given to ``citekit build`` is: a
reference export (by the same content probes), a formatted GB/T 7714 list, or a document
(a bulletin) to extract. A list is told from a bulletin that cites a few works in GB/T form by
how much of its text the GB/T grammar reads as entries (:func:`list_share`), not by whether a
type code occurs.
"""

from __future__ import annotations

import re

__all__ = ["FORMATS", "LIST_SHARE", "SUFFIXES", "detect_format", "document_or_list", "list_share"]

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


#: the share of a text's characters in parsed GB/T entries above which it is a list
LIST_SHARE = 0.5
#: how much of a text :func:`list_share` reads (a list is recognised from its start)
_SHARE_CHARS = 20_000


def list_share(text: str) -> float:
    """Which share (0-1) of the non-blank characters of ``text`` (its first 20,000) lie on
    lines that the GB/T 7714 grammar reads as entries (an entry kept as raw text does not
    count)."""
    from ..problems import Problems
    from .gbt_text import read_gbt_text

    head = text.lstrip("\ufeff")[:_SHARE_CHARS]
    if len(text) > _SHARE_CHARS and "\n" in head:
        head = head[: head.rindex("\n")]  # whole lines only
    lines = head.split("\n")
    total = sum(len(line.strip()) for line in lines)
    if not total:
        return 0.0
    covered: set[int] = set()
    for ref in read_gbt_text(head, "<text>", Problems()):
        if ref.type == "document" and ref.warnings:
            continue  # an entry the grammar could not read
        for p in ref.provenance:
            covered.update(range(p.start_line, p.end_line + 1))
    inside = sum(len(lines[n - 1].strip()) for n in covered if 0 < n <= len(lines))
    return inside / total


def document_or_list(text: str) -> tuple[str, str]:
    """``(kind, reason)`` for the text of a .txt/.docx: a reference format the content shows
    (``ris`` …), ``gbt-text`` when at least :data:`LIST_SHARE` of it reads as GB/T entries,
    else ``document`` (a bulletin to extract)."""
    found, reason = detect_format(text)
    if found is not None and found != "gbt-text":
        return found, reason
    share = list_share(text) if found == "gbt-text" else 0.0
    if share >= LIST_SHARE:
        return "gbt-text", f"a GB/T 7714 reference list: {share:.0%} of its text reads as entries"
    if found is None:
        return "document", "a document to extract: no reference list or export format in it"
    return (
        "document",
        f"a document to extract: only {share:.0%} of its text reads as GB/T 7714 entries "
        f"(a list needs {LIST_SHARE:.0%}; --text-as gbt-text reads it as one)",
    )
