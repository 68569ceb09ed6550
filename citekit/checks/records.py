"""Record checks: a :class:`~citekit.model.Library` -> :class:`~citekit.problems.Problems` (W3xx).

Each finding names the record's key and is located at the record's ``origin`` (``refs/a.yaml:30``,
``lib.bib:12``) or, failing that, at its first provenance (``seeds/a.txt:98-112``).

Severity. An **error** means the record cannot give a correct GB/T 7714 entry: it lacks what its
type needs or holds a value that is wrong on its face. A **warning** is suspicious but may be
right, or only weakens the entry.

====  ========  =====================================================================
code  severity  finding
====  ========  =====================================================================
W301  error     no title
W302  error     no source: an article or chapter without container-title; a web page
                with neither URL nor site name
W303  error     an impossible or unreadable date (``2018-2-30``), issued or accessed
W304  warning   a date after ``today``
W305  error     a web page (webpage, post, blog post) without URL
W306  error     a URL that does not parse: no scheme or host, spaces, full-width characters
W307  error     a newspaper article without date (warning: a date without the day)
W308  warning   accessed before it was issued
W309  warning   a web page without access date (GB/T 7714 [引用日期])
W310  warning   no date (出版年) where GB/T 7714 expects one
W311  warning   a DOI that does not look like ``10.<registrant>/<suffix>``
W312  warning   an extraction warning the record still carries
W313  warning   a title or container-title still wrapped in 《》, 〈〉 or quotes
W314  error     text with U+FFFD (�): a source read in the wrong encoding (GBK as UTF-8)
W315  warning   a book, thesis, patent or standard without its publisher or number
====  ========  =====================================================================

What a record needs for its type (W301, W302, W305, W307 without date, W310, W315) is one rule
in :mod:`citekit.completeness`, which rendering reports through as well.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable
from datetime import date

from ..completeness import WEB, incomplete
from ..model import Location, PartialDate, Reference
from ..problems import Problems, Severity

__all__ = ["check_record", "check_records", "record_location", "url_problem"]

_SCHEMES = frozenset(["http", "https", "ftp"])
_LABEL_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
# Characters that turn up in URLs copied out of Chinese text and are never part of one:
# full-width forms (：／？＝), CJK punctuation (。、「」《》), curly quotes.
_WRAPPED_RE = re.compile(r"^\s*(《[^《》]*》|〈[^〈〉]*〉|“[^“”]*”|「[^「」]*」|\"[^\"]*\")\s*$")
_FULL_WIDTH_RE = re.compile(r"[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026]")


def record_location(ref: Reference) -> str:
    """Where to point at a record, as printed (:attr:`Reference.location` is the typed value)."""
    return str(ref.location)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable http(s)/ftp URL, or None when it is."""
    if url != url.strip():
        return "has spaces around it"
    if m := re.search(r"\s", url):
        if m.group() == " ":
            return "contains a space"
        return f"contains whitespace ({unicodedata.name(m.group(), repr(m.group())).lower()})"
    if m := _FULL_WIDTH_RE.search(url):
        return f"contains the full-width character {m.group()!r}"
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"does not parse ({exc})"
    if not parts.scheme:
        return "has no scheme (http:// or https://)"
    if parts.scheme.lower() not in _SCHEMES:
        return f"has the scheme {parts.scheme!r}, not http, https or ftp"
    host = parts.hostname
    if not host:
        return "has no host"
    if port == 0:
        return "has port 0"
    if host.startswith("[") or re.fullmatch(r"[\d.]+", host) or host == "localhost":
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"has an invalid host name {host!r}"
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2:
        return f"has a host without domain ({host!r})"
    if not all(_LABEL_RE.fullmatch(label) for label in labels):
        return f"has an invalid host name {host!r}"
    return None


def _parts(d: PartialDate) -> tuple[int, ...]:
    return tuple(p for p in (d.year, d.month, d.day) if p is not None)


def _after(a: PartialDate, b: tuple[int, ...]) -> bool:
    """``a`` lies after ``b`` at the precision both have."""
    pa = _parts(a)
    n = min(len(pa), len(b))
    return pa[:n] > b[:n]


def _texts(ref: Reference) -> Iterable[tuple[str, str]]:
    for label in ("title", "container_title", "publisher", "authority", "event_title"):
        value = getattr(ref, label)
        if value:
            yield label.replace("_", "-"), value
    for name in (*ref.author, *ref.editor):
        yield "name", name.display


def _findings(ref: Reference, today: date) -> Iterable[tuple[str, Severity, str]]:
    key = repr(ref.id)
    web = ref.type in WEB
    if ref.url and (why := url_problem(ref.url)):
        yield "W306", "error", f"{key}: URL {ref.url!r} {why}"
    now = (today.year, today.month, today.day)
    for label, d in (("issued", ref.issued), ("accessed", ref.accessed)):
        if d is None:
            continue
        if not d.is_valid:
            yield "W303", "error", f"{key}: {label} date {d.literal!r} is not a possible date"
        elif _after(d, now):
            yield "W304", "warning", f"{key}: {label} date {d.iso()} is in the future"
    issued = ref.issued if ref.issued and ref.issued.is_valid else None
    accessed = ref.accessed if ref.accessed and ref.accessed.is_valid else None
    if ref.type == "article-newspaper" and issued and issued.day is None:
        yield "W307", "warning", f"{key}: newspaper date {issued.iso()} has no day"
    if issued and accessed and _after(issued, _parts(accessed)):
        yield (
            "W308",
            "warning",
            f"{key} was accessed ({accessed.iso()}) before it was issued ({issued.iso()})",
        )
    if web and ref.url and ref.accessed is None:
        yield "W309", "warning", f"{key} is a web page without access date (引用日期)"
    if ref.doi and not _DOI_RE.match(ref.doi.strip()):
        yield "W311", "warning", f"{key}: DOI {ref.doi!r} does not look like 10.<prefix>/<suffix>"
    for w in ref.warnings:
        yield "W312", "warning", f"{key}: {w}"
    for label, text in _texts(ref):
        if "\ufffd" in text:
            yield "W314", "error", f"{key}: {label} {text!r} has lost characters (wrong encoding)"
    for label, value in (("title", ref.title), ("container-title", ref.container_title)):
        if value and _WRAPPED_RE.match(value):
            # GB/T 7714 prints names and titles bare: 人民日报, not 《人民日报》.
            yield "W313", "warning", f"{key}: {label} {value!r} is still wrapped in its marks"


def check_record(ref: Reference, *, today: date | None = None) -> Problems:
    """The findings for one record (see the module docstring for codes and severities)."""
    problems = Problems(incomplete(ref))
    where: Location = ref.location
    for code, severity, message in _findings(ref, today or date.today()):
        problems.add(where, code, message, severity)
    return problems


def check_records(lib: Iterable[Reference], *, today: date | None = None) -> Problems:
    """Check every record of ``lib``; ``today`` (default: the real today) decides "future"."""
    today = today or date.today()
    problems = Problems()
    for ref in lib:
        problems.extend(check_record(ref, today=today))
    return problems
