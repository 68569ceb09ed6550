"""What a record needs for a complete GB/T 7714 entry: one rule, one code per lack, one severity.

Consumes a :class:`~citekit.model.Reference`; produces the problems of what it lacks. The record
checks (``citekit check records``) and rendering both report through this module, so a record
without URL is one finding everywhere, and ``citekit build`` (which does both) prints it once:
:class:`~citekit.problems.Problems` keeps one copy of equal findings.

====  ========  ===========================================================================
code  severity  finding
====  ========  ===========================================================================
W301  error     no title
W302  error     no source: an article or chapter without container-title; a web page
                with neither URL nor site name
W305  error     a web page (webpage, post, blog post) without URL
W307  error     a newspaper article without date
W310  warning   no date (出版年) where GB/T 7714 expects one
W315  warning   a book, thesis, patent or standard without its publisher or number
====  ========  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Reference
from .problems import Problem, Severity

__all__ = ["IN_CONTAINER", "UNDATED_OK", "WEB", "incomplete"]

#: types printed inside a container (newspaper, journal, book, proceedings)
IN_CONTAINER = frozenset(
    [
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "chapter",
        "paper-conference",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
    ]
)
#: web resources: GB/T 7714 [EB/OL] needs the URL
WEB = frozenset(["webpage", "post", "post-weblog"])
#: types that GB/T 7714 renders without a date without anything missing
UNDATED_OK = WEB | {"personal_communication", "manuscript", "document", "software"}
# What else a type needs (GB/T 7714 §4: 出版者 of monographs, 专利号/标准号), by Reference field.
_PUBLISHED: dict[str, tuple[str, ...]] = {
    "book": ("publisher",),
    "chapter": ("publisher",),
    "thesis": ("publisher",),
    "patent": ("number",),
    "standard": ("number",),
}


def _lacks(ref: Reference) -> Iterator[tuple[str, Severity, str]]:
    key = repr(ref.id)
    web = ref.type in WEB
    if not (ref.title or "").strip():
        yield "W301", "error", f"{key} has no title"
    if ref.type in IN_CONTAINER and not (ref.container_title or "").strip():
        yield "W302", "error", f"{key} ({ref.type}) has no container-title (the periodical or book)"
    if web and not ref.url and not ref.container_title:
        yield "W302", "error", f"{key} ({ref.type}) has no source: neither URL nor site name"
    elif web and not ref.url:
        yield "W305", "error", f"{key} is a web page without URL"
    if ref.type == "article-newspaper" and ref.issued is None:
        yield "W307", "error", f"{key} is a newspaper article without date"
    elif ref.issued is None and ref.type not in UNDATED_OK:
        yield "W310", "warning", f"{key} ({ref.type}) has no date"
    missing = [f for f in _PUBLISHED.get(ref.type, ()) if not (getattr(ref, f) or "").strip()]
    if missing:
        yield "W315", "warning", f"{key} ({ref.type}) has no {', '.join(missing)}"


def incomplete(ref: Reference) -> list[Problem]:
    """What ``ref`` lacks for its type, located at the record (see the module docstring)."""
    where = ref.location
    return [Problem(where, code, message, severity) for code, severity, message in _lacks(ref)]
