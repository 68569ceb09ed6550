"""The link verdict policy: HTTP facts -> a reason a person can act on -> a verdict.

Consumes what one link check observed (status codes, redirect chain, response headers, the first
bytes of the body, the exception that ended it) and produces the ``reason`` word and the
``verdict`` of :class:`~citekit.checks.links.LinkResult`. Pure functions, no I/O, no httpx: the
network side lives in :mod:`citekit.checks.links`.

Chinese sites get special care: pages are decoded from their declared charset (HTTP header, then
``<meta charset>``), falling back to GB18030 (a superset of GBK and GB2312) when the bytes are
not UTF-8, so that a GBK "页面不存在" page can be read. Whether a 200 page is a soft 404 is
decided in :mod:`citekit.checks.soft404`.
"""

from __future__ import annotations

import codecs
import email.utils
import re
import socket
import ssl
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Literal, get_args
from urllib.parse import urlsplit

from ..model import is_cjk

__all__ = [
    "BROKEN_REASONS",
    "HOME_PATHS",
    "REASONS",
    "UNVERIFIABLE_REASONS",
    "Reason",
    "Verdict",
    "classify_exception",
    "classify_status",
    "decode_html",
    "is_equivalent_redirect",
    "is_home_page_redirect",
    "is_home_url",
    "is_parent_folder_redirect",
    "parse_retry_after",
    "verdict_of",
]

Reason = Literal[
    "ok",
    "moved",
    "not-found",
    "gone",
    "soft-404",
    "server-error",
    "timeout",
    "dns",
    "connection",
    "tls",
    "blocked",
    "invalid",
    "redirect-loop",
    "parked",
    "missing-anchor",
    "challenge",
    "js-only",
    "oversized",
    "robots",
    "maintenance",
]
Verdict = Literal["ok", "broken", "unverifiable"]

#: every reason word, in the order reports list them
REASONS: tuple[Reason, ...] = get_args(Reason)
#: reasons whose verdict is ``unverifiable``: something stood between the checker and the page
#: (an anti-bot wall or challenge, a page only a browser can render, a body that could not be
#: decoded within its bounds, robots.txt, a maintenance page the site shows for every URL)
UNVERIFIABLE_REASONS = frozenset(
    ["blocked", "challenge", "js-only", "oversized", "robots", "maintenance"]
)
#: reasons whose verdict is ``broken`` (``ok``/``moved`` are ok)
BROKEN_REASONS = frozenset(REASONS) - {"ok", "moved"} - UNVERIFIABLE_REASONS


def verdict_of(reason: Reason) -> Verdict:
    """``ok`` for ok/moved, ``unverifiable`` for :data:`UNVERIFIABLE_REASONS`, else ``broken``."""
    if reason in ("ok", "moved"):
        return "ok"
    if reason in UNVERIFIABLE_REASONS:
        return "unverifiable"
    return "broken"


# ----------------------------------------------------------------------------------- statuses

#: statuses that anti-bot walls and logins answer with: the page may well be there (a 405 to a
#: GET and a 418 are what cloud firewalls answer a request they block — Tencent Cloud's "已被腾讯云
#: 安全拦截" page, Huawei's "您的请求疑似攻击行为", find_string hits 8167998374, 25136513184)
_BLOCKED = frozenset([401, 403, 405, 407, 412, 418, 429, 451, 999])


def classify_status(status: int) -> Reason:
    """The reason for a final (non-redirect) HTTP status."""
    if 200 <= status < 300:
        return "ok"
    if status == 404:
        return "not-found"
    if status == 410:
        return "gone"
    if status in _BLOCKED:
        return "blocked"
    if 400 <= status < 500:
        return "not-found"  # 400, 414 ...: the link as written does not work
    return "server-error"  # 5xx and anything unexpected


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


# ---------------------------------------------------------------------------------- redirects

#: paths of a site's home page (``/404.html`` too: where a deep link sent home lands)
HOME_PATHS = frozenset(
    [
        "",
        "/",
        "/index.html",
        "/index.htm",
        "/index.shtml",
        "/index.php",
        "/index.jsp",
        "/index.asp",
        "/index.aspx",
        "/default.aspx",
        "/default.asp",
        "/default.htm",
        "/default.html",
        "/home",
        "/home/",
        "/portal/",
        "/404.html",
    ]
)


def _norm_host(host: str | None) -> str:
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def is_equivalent_redirect(src: str, dst: str) -> bool:
    """True when ``dst`` is ``src`` up to an http->https upgrade, ``www.``, default port or a
    trailing slash: a redirect a reader never notices, so not worth reporting as ``moved``."""
    a, b = urlsplit(src), urlsplit(dst)
    if a.scheme == "https" and b.scheme == "http":
        return False  # a downgrade is not fine
    if _norm_host(a.hostname) != _norm_host(b.hostname):
        return False
    if a.query != b.query:
        return False
    return a.path.rstrip("/") == b.path.rstrip("/")


def is_home_url(url: str) -> bool:
    """True when ``url`` is a site's home page (``/``, ``/index.html``, ``/default.aspx``...)."""
    u = urlsplit(url)
    return not u.query and u.path.lower() in HOME_PATHS


def is_home_page_redirect(src: str, dst: str) -> bool:
    """True when a deep link ``src`` was redirected to a site's home page ``dst`` (a soft 404:
    many CMSs send every missing article to ``/`` or ``/index.html``)."""
    a = urlsplit(src)
    deep = a.path.lower() not in HOME_PATHS or (bool(a.query) and a.path in ("", "/"))
    return deep and is_home_url(dst)


def is_parent_folder_redirect(src: str, dst: str) -> bool:
    """True when an item ``src`` was redirected to a folder above it on the same site
    (``/xw/2023/1102/187.html`` -> ``/xw/``): the column's list stands in for a removed item.
    A redirect that only adds or drops a trailing slash or an index file name is no such move."""
    a, b = urlsplit(src), urlsplit(dst)
    if _norm_host(a.hostname) != _norm_host(b.hostname) or b.query or is_home_url(dst):
        return False
    folder = b.path.lower()
    for name in HOME_PATHS:
        if name.count("/") == 1 and len(name) > 1 and folder.endswith(name):
            folder = folder[: -len(name) + 1]  # /xw/index.html -> /xw/
    if not folder.endswith("/"):
        return False
    rest = a.path.lower()[len(folder) :] if a.path.lower().startswith(folder) else ""
    item = rest.strip("/")
    return bool(item) and "/" + item not in HOME_PATHS


# ------------------------------------------------------------------------------ HTML decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# GBK and GB2312 pages routinely use characters only GB18030 (their superset) names.
_GB_FAMILY = frozenset(["gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "gb18030"])


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _GB_FAMILY or name.replace("-", "_") in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page: BOM, HTTP ``charset``, ``<meta charset>``, UTF-8, then GB18030.

    A declared charset that the bytes contradict (a "UTF-8" header on a GBK page, a common
    misconfiguration on Chinese sites) falls through to the next candidate.
    """
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    candidates: list[str | None] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        candidates.append(_codec(m.group(1)) if m else None)
    m2 = _META_CHARSET.search(body[:4096])
    candidates.append(_codec(m2.group(1).decode("ascii", "replace")) if m2 else None)
    for enc in dict.fromkeys(c for c in candidates if c):
        text = _decode(body, enc)
        if text is not None:
            return text
    # Nothing declared (or the declaration was wrong): UTF-8 unless the bytes only make sense as
    # GB18030. Short GBK text can be valid UTF-8 by accident (一 = D2 BB = Cyrillic һ), so a
    # UTF-8 reading without a single CJK character loses to a GB18030 reading with some.
    utf8, gb = _decode(body, "utf-8"), _decode(body, "gb18030")
    if utf8 is not None and (is_cjk(utf8) or utf8.isascii() or gb is None or not is_cjk(gb)):
        return utf8
    return gb if gb is not None else body.decode("gb18030", "replace")


def _decode(body: bytes, encoding: str) -> str | None:
    try:
        # A body cut at max_body may end inside a multibyte character: allow a stray tail.
        return codecs.getincrementaldecoder(encoding)("strict").decode(body, final=False)
    except UnicodeDecodeError:
        return None


# --------------------------------------------------------------------------------- exceptions


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def classify_exception(exc: BaseException) -> tuple[Reason, str, bool]:
    """``(reason, detail, retryable)`` for a failed connection, from the exception chain.

    DNS failures (``socket.gaierror``) are told apart from refused or reset connections; a
    certificate problem is named (``self-signed certificate``, ``certificate has expired``).
    Timeouts are recognized by the caller, which knows its HTTP library's timeout types.
    """
    chain = list(_chain(exc))
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "tls", e.verify_message or str(e), False
        if isinstance(e, ssl.SSLError):
            return "tls", e.reason or str(e), False
        if isinstance(e, socket.gaierror):
            # EAI_AGAIN is a resolver hiccup; "no such name" is final.
            temporary = e.errno == getattr(socket, "EAI_AGAIN", -3)
            return "dns", f"cannot resolve host: {e.strerror or e}", temporary
        if isinstance(e, ConnectionRefusedError):
            return "connection", "connection refused", True
        if isinstance(e, ConnectionResetError):
            return "connection", "connection reset by peer", True
        if isinstance(e, TimeoutError):
            return "timeout", "timed out", True
    text = " | ".join(str(e) for e in chain)
    low = text.lower()
    if "certificate" in low or "ssl" in low:
        return "tls", text, False
    if "name or service not known" in low or "nodename nor servname" in low:
        return "dns", f"cannot resolve host: {text}", False
    if "refused" in low:
        return "connection", "connection refused", True
    if "reset" in low:
        return "connection", "connection reset by peer", True
    if "disconnected" in low or "without sending" in low:
        return "connection", "server closed the connection without a response", True
    return "connection", text or type(exc).__name__, True
