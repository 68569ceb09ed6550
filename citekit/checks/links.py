"""The link checker: URLs cited by a Library -> one :class:`LinkResult` per URL.

Consumes :class:`LinkTarget` values (a URL and the ids of the records that cite it; see
:func:`gather_targets`, :func:`load_url_list` and :func:`parse_pasted_urls`) and produces
:class:`LinkResult` values whose ``reason``, ``verdict`` and ``evidence`` come from the policy in
:mod:`citekit.checks.classify` and :mod:`citekit.checks.soft404`. This is the only module that
imports httpx.

How it behaves on the wire:

* polite and adaptive by default (:mod:`citekit.checks.politeness`): each host starts at 2
  requests in flight and 2 per second, grows slowly toward the caps (``host_concurrency``,
  ``host_rate``) while it answers normally, and is halved on 429/503, bursts of 403 and
  timeouts; a free slot goes to the URL earliest in the input, so retries and redirect hops of
  URLs already started go before new URLs;
* retries with exponential backoff for 429, 5xx, resets, refused connections and timeouts (a
  500 is retried once, a second timeout in a row is conclusive, and a timeout is not retried
  when its host answered requests sent after it: that page is the slow one); ``Retry-After``
  is honoured up to ``max_retry_after`` seconds; a 429 without it gets a few more tries while
  the host's pace comes down; a 5xx that carries ``Retry-After`` or shows a maintenance page is
  ``maintenance`` (unverifiable: the server says the outage is temporary);
* separate deadlines: connecting (``connect_timeout``), the first byte of the answer
  (``timeout``), and reading the bounded body (``read_timeout`` in all): a slow but healthy page
  is judged on what arrived, not called a timeout;
* bodies are read raw and decoded here, at most ``max_body`` bytes per ``Content-Encoding``
  layer (:mod:`citekit.checks.bodies`), so a response compressed twice cannot exhaust memory;
  a body cut at that cap with no readable text in the part kept is ``oversized``
  (unverifiable), never judged as an empty page;
* redirects followed by hand (at most ``max_redirects``), client-side ones too
  (``<meta http-equiv=refresh>``, a one-line ``location.href``/``location.replace``), so the
  chain is reported and loops are caught; a permanent redirect suggests the new URL;
* a 200 page is compared with what its site answers for a URL that cannot exist (one or two
  random paths, fetched once per site) before any wording is consulted;
* GET for pages, HEAD first for documents (PDF, Word, archives...), falling back to GET;
* optionally: robots.txt obeyed (``robots``), ``#anchor`` looked for (``check_anchors``), an
  Internet Archive suggestion for broken links (``suggest_archive``);
* results go to a :class:`~citekit.checks.linkcache.LinkJournal` as they arrive and good ones
  to a :class:`~citekit.checks.linkcache.LinkCache`, when the caller passes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import heapq
import itertools
import random
import re
import secrets
import ssl
import sys
import urllib.robotparser
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar
from urllib.parse import unquote, urldefrag, urlsplit

import httpx

from ..errors import InputError
from ..model import Library, Reference
from .bodies import ACCEPT_ENCODING, BoundedDecoder, UnsupportedEncoding
from .classify import (
    Reason,
    Verdict,
    classify_exception,
    classify_status,
    decode_html,
    is_equivalent_redirect,
    parse_retry_after,
    verdict_of,
)
from .linkcache import LinkCache, LinkJournal
from .pages import Page, analyse_page
from .politeness import Answer, Pace
from .soft404 import (
    Judgement,
    Probe,
    judge_against_sibling,
    judge_against_site,
    judge_page,
    may_be_empty_template,
    may_be_stub,
    probe_urls,
    reconsider_wording,
    shows_item,
    url_shape,
)

__all__ = [
    "ARCHIVE_API",
    "DEFAULT_USER_AGENT",
    "Hop",
    "LinkOptions",
    "LinkResult",
    "LinkTarget",
    "check_links",
    "check_links_async",
    "clean_pasted_url",
    "filter_targets",
    "gather_targets",
    "load_url_list",
    "parse_pasted_urls",
    "parse_status_list",
    "read_url_stream",
    "url_problem",
]

#: the Internet Archive's availability API (``?url=...`` -> closest snapshot)
ARCHIVE_API = "https://archive.org/wayback/available"
#: an honest User-Agent: anti-bot walls that refuse it are reported as ``blocked``
DEFAULT_USER_AGENT = "citekit/0.1 (reference link checker)"

_REDIRECTS = frozenset([301, 302, 303, 307, 308])
_PERMANENT = frozenset([301, 308])
_RETRY_STATUSES = frozenset([429, 500, 502, 503, 504, 520, 521, 522, 523, 524])
_OVERLOAD = frozenset([429, 503])
#: extra tries for a 429 without Retry-After: the host's pace halves each time, so it ends
_EXTRA_429_TRIES = 3
# Documents are checked with HEAD first: their bodies are large and say nothing about soft 404s.
_DOCUMENT_EXT = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|caj|ceb|zip|rar|7z|gz|tgz|tar|bz2|xz|"
    r"mp3|mp4|avi|mov|wmv|flv|mkv|wav|jpe?g|png|gif|bmp|tiff?|webp|exe|msi|apk|dmg|iso)$",
    re.I,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# A URL inside free text ends at whitespace, quotes, angle brackets or CJK punctuation.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'，。；、：！？）》】」』\u3000]+", re.I)
_TRAILING_PUNCT = ".,;:!?)]}'\"，。；、：！？）》】」』"
_CLOSERS = {
    ")": "(",
    "）": "（",
    "]": "[",
    "}": "{",
    "】": "【",
    "》": "《",
    "」": "「",
    "』": "『",
}


# ------------------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A URL to check, the ids of the records that cite it, and what was trimmed from it."""

    url: str
    ids: tuple[str, ...] = ()
    #: what cleaning a pasted URL changed (``trimmed '。'``), reported with the result
    note: str = ""


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect in a chain: the URL that answered, its status, and how it redirected."""

    url: str
    status: int
    #: ``http`` (a 3xx Location), ``meta-refresh`` or ``script``
    via: str = "http"


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What checking one URL found; :meth:`to_json` is the documented JSON shape."""

    url: str
    ids: tuple[str, ...]
    verdict: Verdict
    reason: Reason
    #: the last HTTP status seen (None when no response came)
    status: int | None
    #: where the redirects ended (None when no response came)
    final_url: str | None
    #: from the first request to the verdict: retries and waits count, queueing behind other
    #: URLs does not
    elapsed_ms: int
    #: human detail: ``HTTP 404``, ``self-signed certificate``, the soft-404 finding ...
    detail: str = ""
    chain: tuple[Hop, ...] = ()
    #: a URL to cite instead: the target of a permanent redirect, or an archived copy
    suggestion: str | None = None
    attempts: int = 1
    cached: bool = False
    #: the observations the verdict rests on (``text 97% like the site's page for ...``)
    evidence: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``{"url", "ids", "verdict", "reason", "status", "final_url", "elapsed_ms", "detail"}``
        plus ``chain``, ``suggestion``, ``attempts``, ``cached`` and ``evidence`` where they say
        something."""
        out: dict[str, Any] = {
            "url": self.url,
            "ids": list(self.ids),
            "verdict": self.verdict,
            "reason": self.reason,
            "status": self.status,
            "final_url": self.final_url,
            "elapsed_ms": self.elapsed_ms,
            "detail": self.detail,
        }
        if self.chain:
            out["chain"] = [
                {"url": h.url, "status": h.status, **({"via": h.via} if h.via != "http" else {})}
                for h in self.chain
            ]
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.attempts > 1:
            out["attempts"] = self.attempts
        if self.cached:
            out["cached"] = True
        if self.evidence:
            out["evidence"] = list(self.evidence)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinkResult:
        """Inverse of :meth:`to_json`."""
        return cls(
            url=str(data["url"]),
            ids=tuple(data.get("ids", ())),
            verdict=data["verdict"],
            reason=data["reason"],
            status=data.get("status"),
            final_url=data.get("final_url"),
            elapsed_ms=int(data.get("elapsed_ms", 0)),
            detail=str(data.get("detail", "")),
            chain=tuple(
                Hop(str(h["url"]), int(h["status"]), str(h.get("via", "http")))
                for h in data.get("chain", ())
            ),
            suggestion=data.get("suggestion"),
            attempts=int(data.get("attempts", 1)),
            cached=bool(data.get("cached", False)),
            evidence=tuple(str(e) for e in data.get("evidence", ())),
        )


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """How to check: politeness, deadlines, retries, what to look at."""

    #: seconds from sending a request to the first byte of its answer
    timeout: float = 10.0
    #: seconds to establish a connection
    connect_timeout: float = 5.0
    #: seconds to read the body budget (``max_body``); past it the verdict uses what arrived
    read_timeout: float = 60.0
    max_concurrency: int = 128
    #: cap on requests in flight to one host (the adaptive pace starts at 2)
    host_concurrency: int = 4
    #: cap on requests per second to one host (the adaptive pace starts at 2; 0: no cap)
    host_rate: float = 4.0
    #: adapt the pace to each host (start low, back off, recover); False: run at the caps
    adaptive: bool = True
    #: a fixed minimum of seconds between the starts of two requests to one host
    host_interval: float = 0.0
    #: retries after the first attempt (timeouts are retried once at most)
    retries: int = 2
    #: base of the exponential backoff between attempts, in seconds
    backoff: float = 0.5
    #: the longest ``Retry-After`` honoured; a longer demand ends the retries
    max_retry_after: float = 30.0
    max_redirects: int = 10
    #: decoded bytes of a page read for the verdict, per Content-Encoding layer too
    max_body: int = 131072
    #: ``auto``: HEAD first for documents, GET for pages; ``head``: HEAD first always; ``get``
    method: Literal["auto", "head", "get"] = "auto"
    user_agent: str = DEFAULT_USER_AGENT
    #: extra request headers (``--header``)
    headers: tuple[tuple[str, str], ...] = ()
    #: final statuses to count as ok (``--accept``)
    accept: frozenset[int] = frozenset()
    #: compare 200 pages with each site's answer for URLs that cannot exist, and pages without
    #: article markup with a page of the site known to exist (its home page or a sibling)
    soft404_probes: bool = True
    #: obey robots.txt (a disallowed URL is not fetched: unverifiable)
    robots: bool = False
    #: look for the ``#fragment`` of a URL among the page's ids and anchor names
    check_anchors: bool = False
    #: an HTTP(S) proxy URL; None: the environment's HTTP_PROXY/HTTPS_PROXY (``trust_env``)
    proxy: str | None = None
    #: when no cache is passed to :func:`check_links`, open one at ``cache_path`` (or the
    #: default location) for this call; off by default: the library writes nothing unasked
    use_cache: bool = False
    cache_path: Path | None = None
    #: seconds a good result stays valid in the cache
    cache_max_age: float = 24 * 3600.0
    suggest_archive: bool = False
    archive_api: str = ARCHIVE_API
    #: TLS verification: True, False, a CA bundle path or an ``ssl.SSLContext``
    verify: ssl.SSLContext | str | bool = True
    #: use proxy settings from the environment
    trust_env: bool = True
    #: an httpx transport to use instead of the network (tests inject failures with it)
    transport: httpx.AsyncBaseTransport | None = None


# ------------------------------------------------------------------------------------ targets


def clean_pasted_url(text: str) -> tuple[str, str]:
    """A URL as pasted from prose -> ``(url, note)``; ``note`` says what was trimmed, or "".

    Cuts at the first space (``http://x.cn/a.html 2019年``) and drops trailing punctuation
    (``。``, ``）``, ``,``...), keeping a closing bracket whose opening one is in the URL.
    """
    url = text.strip()
    notes: list[str] = []
    cut = re.search(r"[\s\u3000]", url)
    if cut:
        notes.append(f"cut at a space before {url[cut.start() :].strip()[:20]!r}")
        url = url[: cut.start()]
    trimmed = ""
    while url and url[-1] in _TRAILING_PUNCT:
        opener = _CLOSERS.get(url[-1])
        if opener and url.count(opener) >= url.count(url[-1]):
            break  # wiki/Foo_(bar): the bracket belongs to the URL
        trimmed = url[-1] + trimmed
        url = url[:-1]
    if trimmed:
        notes.append(f"trimmed {trimmed!r} from the end")
    return url, "; ".join(notes)


def gather_targets(lib: Iterable[Reference]) -> list[LinkTarget]:
    """The URLs of a Library, each once, in order of first citation, with the citing ids.

    A record contributes its ``url`` field and any http(s) URL in the raw text of its
    provenance (an attribution like ``来源：https://...``).
    """
    ids_by_url: dict[str, list[str]] = {}
    for ref in lib:
        urls: list[str] = []
        if ref.url:
            urls.append(ref.url.strip())
        for prov in ref.provenance:
            urls += [clean_pasted_url(m.group(0))[0] for m in _URL_IN_TEXT.finditer(prov.raw)]
        for url in dict.fromkeys(u for u in urls if u):
            ids = ids_by_url.setdefault(url, [])
            if ref.id not in ids:
                ids.append(ref.id)
    return [LinkTarget(u, tuple(ids)) for u, ids in ids_by_url.items()]


def parse_pasted_urls(lines: Iterable[str], source: str) -> list[LinkTarget]:
    """URLs one a line (``#`` comments and blank lines skipped), cleaned as pasted text.

    Each URL's ids are the ``source:line`` places it appears, so reports point at them.
    """
    ids_by_url: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        raw = line.strip()
        if not raw or raw.startswith("#"):
            continue
        url, note = clean_pasted_url(raw)
        if not url:
            continue
        ids_by_url.setdefault(url, []).append(f"{source}:{n}")
        if note and url not in notes:
            notes[url] = f"{source}:{n}: {note}"
    return [LinkTarget(u, tuple(ids), notes.get(u, "")) for u, ids in ids_by_url.items()]


def load_url_list(path: str | Path) -> list[LinkTarget]:
    """A plain text file of URLs, one a line: see :func:`parse_pasted_urls`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", str(path)) from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(path)) from exc
    return parse_pasted_urls(text.splitlines(), str(path))


def read_url_stream(stream: TextIO | None = None, source: str = "<stdin>") -> list[LinkTarget]:
    """URLs one a line from a stream (standard input by default)."""
    return parse_pasted_urls((stream or sys.stdin).read().splitlines(), source)


def _host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.strip().lower()
    if pattern.startswith("*.") and host == pattern[2:]:
        return True  # *.gov.cn covers gov.cn itself
    return fnmatch.fnmatchcase(host, pattern)


def filter_targets(
    targets: Iterable[LinkTarget], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> tuple[list[LinkTarget], list[LinkTarget]]:
    """``(kept, excluded)`` by host patterns (``*.gov.cn``, ``mp.weixin.qq.com``).

    With ``include`` patterns only matching hosts are kept; ``exclude`` patterns drop hosts.
    """
    inc, exc = list(include), list(exclude)
    kept: list[LinkTarget] = []
    dropped: list[LinkTarget] = []
    for t in targets:
        try:
            host = (httpx.URL(t.url).host or "").lower()
        except (httpx.InvalidURL, ValueError, UnicodeError):
            host = ""
        ok = (not inc or any(_host_matches(host, p) for p in inc)) and not any(
            _host_matches(host, p) for p in exc
        )
        (kept if ok else dropped).append(t)
    return kept, dropped


def parse_status_list(text: str) -> frozenset[int]:
    """``"200..299,403"`` -> the status codes; ValueError on anything else."""
    out: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, sep, hi = part.partition("..")
        a, b = int(lo), int(hi) if sep else int(lo)
        if not (100 <= a <= b <= 999):
            raise ValueError(f"{part!r} is not a status code or range (100..999)")
        out.update(range(a, b + 1))
    return frozenset(out)


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be requested (``no host``, ``unsupported scheme 'ftp'``), or None."""
    if not url.strip():
        return "empty URL"
    if any(c.isspace() for c in url):
        return "URL contains whitespace"
    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        return f"malformed URL: {exc}"
    if not u.scheme:
        return "no scheme: a URL starts with http:// or https://"
    if u.scheme not in ("http", "https"):
        return f"unsupported scheme {u.scheme!r}"
    if not u.host:
        return "no host"
    return None


# ---------------------------------------------------------------------------------- the engine


class _Slots:
    """A semaphore whose size can change, waking the waiter with the lowest rank first.

    The rank is the URL's place in the input: a retry, a redirect hop or the GET after a HEAD
    goes before URLs not yet started, so each URL finishes soon after it starts and a retry
    does not queue behind the whole input again.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self.waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self.seq = itertools.count()

    async def acquire(self, rank: int) -> None:
        """Take a slot, waiting for one when none is free."""
        if self.busy < self.limit and not self.waiters:
            self.busy += 1
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self.waiters, (rank, next(self.seq), fut))
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self.release()  # the slot was handed over just as we were cancelled
            raise

    def release(self) -> None:
        """Give the slot back and wake whoever may now run."""
        self.busy -= 1
        self._wake()

    def resize(self, limit: int) -> None:
        """Change the number of slots (requests already running keep theirs)."""
        self.limit = max(1, limit)
        self._wake()

    def _wake(self) -> None:
        while self.waiters and self.busy < self.limit:
            fut = heapq.heappop(self.waiters)[2]
            if not fut.done():
                self.busy += 1
                fut.set_result(None)

    @contextlib.asynccontextmanager
    async def hold(self, rank: int) -> AsyncIterator[None]:
        """``async with slots.hold(rank):`` a slot for the block."""
        await self.acquire(rank)
        try:
            yield
        finally:
            self.release()


class _Host:
    """One host's pace (:class:`~citekit.checks.politeness.Pace`) and the slots it allows."""

    def __init__(self, opt: LinkOptions) -> None:
        cap = max(1, opt.host_concurrency)
        rate = max(0.0, opt.host_rate)
        if opt.adaptive:
            self.pace = Pace(cap, rate, in_flight=min(2, cap), rate=min(2.0, rate or 2.0))
        else:
            self.pace = Pace(cap, rate, in_flight=cap, rate=rate)
        self.adaptive = opt.adaptive
        self.min_interval = opt.host_interval
        self.slots = _Slots(self.pace.in_flight)
        self.lock = asyncio.Lock()
        self.next_start = 0.0

    @property
    def interval(self) -> float:
        """Seconds between two starts now."""
        return max(self.min_interval, self.pace.interval)

    def record(self, answer: Answer, sent_at: float, now: float) -> None:
        """Adapt the pace to one answer."""
        if not self.adaptive:
            if answer == "normal":  # still known: whether the host answers (see fetch)
                self.pace.last_normal_sent = max(self.pace.last_normal_sent, sent_at)
            return
        if self.pace.record(answer, sent_at, now):
            # Let the next start wait a full new interval from now.
            self.next_start = max(self.next_start, now + self.interval)
        self.slots.resize(self.pace.in_flight)


@dataclass(slots=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes | None  # None: not read (a HEAD, or a document that is not a page)
    #: the body was cut: by the byte budget, a layer's cap, or the read deadline
    truncated: bool = False
    #: an inner Content-Encoding layer hit its cap (the shape of a decompression bomb)
    bomb: bool = False
    #: the decoded body was cut at the body budget or a layer's decompression cap
    capped: bool = False
    note: str = ""


@dataclass(slots=True)
class _Outcome:
    reason: Reason
    status: int | None
    final_url: str | None
    chain: list[Hop] = field(default_factory=list)
    detail: str = ""
    retryable: bool = False
    retry_after: float | None = None
    suggestion: str | None = None
    evidence: list[str] = field(default_factory=list)


_T = TypeVar("_T")
#: siblings from the run tried, nearest first, when a site has no home page to compare with
_SIBLINGS = 3


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return True  # unlabelled: look at it
    ct = content_type.split(";", 1)[0].strip().lower()
    return ct in _HTML_TYPES


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    u = urlsplit(url)
    return f"{u.scheme}://{u.netloc}".lower()


def _shared_segments(a: list[str], b: list[str]) -> int:
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def _nearest_siblings(url: str, candidates: Iterable[str], n: int) -> list[str]:
    """The ``n`` URLs of ``candidates`` whose paths share the most leading segments with the path
    of ``url`` (the same column of the same site), documents left out; in run order among
    equals."""
    path = urlsplit(url).path.split("/")
    scored = [
        (-_shared_segments(path, urlsplit(c).path.split("/")), i, c)
        for i, c in enumerate(candidates)
        if c != url and not _DOCUMENT_EXT.search(urlsplit(c).path)
    ]
    return [c for _, _, c in heapq.nsmallest(n, scored)]


class _Checker:
    """The engine: per-host pace, a global limit, one connection pool per host."""

    def __init__(self, opt: LinkOptions) -> None:
        self.opt = opt
        self.hosts: dict[str, _Host] = {}
        self.slots = _Slots(max(1, opt.max_concurrency))
        # One pool per host: httpcore's pool does work proportional to its connections and
        # queued requests on every request, which grows quadratic when one pool serves all.
        self.clients: dict[str, httpx.AsyncClient] = {}
        #: when each URL (by rank) sent its first request: elapsed_ms leaves out the queueing
        self.started: dict[int, float] = {}
        self.baselines: dict[str, asyncio.Task[list[Probe]]] = {}
        self.home_pages: dict[str, asyncio.Task[Page | None]] = {}
        #: URLs that timed out while their host answered requests sent after them
        self.slow_pages: set[str] = set()
        #: the URLs of this run by origin (``scheme://host``): siblings to compare a page with
        self.targets_by_origin: dict[str, list[str]] = {}
        self.robots: dict[str, asyncio.Task[urllib.robotparser.RobotFileParser | None]] = {}
        # One SSL context for every pool: loading the CA bundle is costly.
        self.ssl = (
            opt.verify
            if isinstance(opt.verify, ssl.SSLContext)
            else httpx.create_ssl_context(verify=opt.verify, trust_env=opt.trust_env)
        )
        # Separate deadlines: connect, first byte (read), no pool wait (we queue ourselves).
        self.timeout = httpx.Timeout(
            connect=opt.connect_timeout, read=opt.timeout, write=opt.timeout, pool=None
        )
        self.headers = {
            "User-Agent": opt.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
            # Only what bodies.py decodes with its per-layer cap.
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        self.headers.update(dict(opt.headers))

    def client(self, url: str) -> httpx.AsyncClient:
        """The client (connection pool) for the host of ``url``."""
        key = "" if self.opt.transport is not None else _host_key(url)
        client = self.clients.get(key)
        if client is None:
            limits = httpx.Limits(
                max_connections=None,
                max_keepalive_connections=max(1, self.opt.host_concurrency),
                keepalive_expiry=5.0,
            )
            client = self.clients[key] = httpx.AsyncClient(
                follow_redirects=False,
                timeout=self.timeout,
                limits=limits,
                headers=self.headers,
                verify=self.ssl,
                trust_env=self.opt.trust_env,
                transport=self.opt.transport,
                proxy=self.opt.proxy if self.opt.transport is None else None,
            )
        return client

    async def aclose(self) -> None:
        """Close every connection pool and stop probes still running."""
        tasks: list[asyncio.Task[Any]] = [*self.baselines.values(), *self.home_pages.values()]
        for task in [*tasks, *self.robots.values()]:
            task.cancel()
        for client in self.clients.values():
            await client.aclose()

    def host(self, url: str) -> _Host:
        key = _host_key(url)
        h = self.hosts.get(key)
        if h is None:
            h = self.hosts[key] = _Host(self.opt)
        return h

    @contextlib.asynccontextmanager
    async def slot(self, url: str, rank: int) -> AsyncIterator[_Host]:
        """Hold a per-host slot, then a global one, then wait for the host's interval."""
        h = self.host(url)
        loop = asyncio.get_running_loop()
        async with h.slots.hold(rank), self.slots.hold(rank):
            # Last, so that requests held up by the global limit cannot start in a burst.
            async with h.lock:
                wait = h.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                h.next_start = loop.time() + h.interval
            yield h

    async def fetch(self, url: str, method: str, rank: int) -> _Response:
        """One request, no redirects followed; the host's pace learns from its answer."""
        loop = asyncio.get_running_loop()
        async with self.slot(url, rank) as h:
            self.started.setdefault(rank, loop.time())
            sent = loop.time()
            try:
                resp = await self._send(url, method)
            except (TimeoutError, asyncio.TimeoutError, httpx.TimeoutException):
                if h.pace.answered_after(sent):
                    self.slow_pages.add(url)  # the host answered later requests meanwhile
                h.record("timeout", sent, loop.time())
                raise
            answer: Answer = "normal"
            if resp.status in _OVERLOAD:
                answer = "overload"
            elif resp.status == 403:
                answer = "forbidden"
            h.record(answer, sent, loop.time())
            return resp

    async def _send(self, url: str, method: str) -> _Response:
        opt = self.opt
        client = self.client(url)
        request = client.build_request(method, url)
        # httpx applies the connect and first-byte deadlines; this bounds the two together.
        resp = await asyncio.wait_for(
            client.send(request, stream=True), opt.connect_timeout + opt.timeout + 1
        )
        try:
            page = resp.status_code == 200 and _is_html(resp.headers.get("content-type"))
            if method == "HEAD" or (resp.status_code == 200 and not page):
                return _Response(resp.status_code, resp.headers, None)  # a document: no body
            return await self._read_body(resp)
        finally:
            await resp.aclose()

    async def _read_body(self, resp: httpx.Response) -> _Response:
        """At most ``max_body`` decoded bytes within ``read_timeout`` seconds."""
        opt = self.opt
        loop = asyncio.get_running_loop()
        try:
            decoder = BoundedDecoder.for_header(resp.headers.get("content-encoding"), opt.max_body)
        except UnsupportedEncoding as exc:
            note = f"body in an unsupported Content-Encoding {exc}"
            return _Response(resp.status_code, resp.headers, None, note=note)
        deadline = loop.time() + opt.read_timeout
        chunks = resp.aiter_raw().__aiter__()
        note = ""
        truncated = False
        while not decoder.full:
            left = deadline - loop.time()
            if left <= 0:
                truncated, note = True, f"body read for {opt.read_timeout:g} s: judged on part"
                break
            try:
                chunk = await asyncio.wait_for(chunks.__anext__(), min(left, opt.timeout))
            except StopAsyncIteration:
                break
            except (TimeoutError, asyncio.TimeoutError, httpx.TimeoutException):
                truncated = True
                note = f"body stalled after {len(decoder.body)} bytes: judged on part"
                break
            except httpx.HTTPError as exc:
                truncated, note = True, f"body cut off ({exc or type(exc).__name__})"
                break
            except Exception as exc:  # zlib.error from a corrupt body, from decoding below
                truncated, note = True, f"body cannot be read ({exc})"
                break
            try:
                decoder.feed(chunk)
            except Exception as exc:  # zlib.error: corrupt compressed data
                truncated, note = True, f"body cannot be decompressed ({exc})"
                break
        return _Response(
            resp.status_code,
            resp.headers,
            bytes(decoder.body),
            truncated=truncated or decoder.capped,
            bomb=decoder.inner_layer_capped,
            capped=decoder.capped,
            note=note,
        )

    async def request(self, url: str, rank: int) -> _Response:
        """HEAD first for documents (or always with method=head), GET when HEAD is not enough."""
        opt = self.opt
        path = urlsplit(url).path
        head_first = opt.method == "head" or (opt.method == "auto" and _DOCUMENT_EXT.search(path))
        if head_first:
            r = await self.fetch(url, "HEAD", rank)
            needs_body = r.status == 200 and _is_html(r.headers.get("content-type"))
            if (r.status < 400 or r.status in _OVERLOAD) and not needs_body:
                return r
            # 405/501 refused, 403/404 from servers that lie to HEAD, or an HTML page to read.
        return await self.fetch(url, "GET", rank)

    def _page(self, url: str, resp: _Response) -> tuple[Page, str] | None:
        if resp.body is None or not _is_html(resp.headers.get("content-type")):
            return None
        html = decode_html(resp.body, resp.headers.get("content-type"))
        return analyse_page(url, html, len(resp.body)), html

    async def follow(self, url: str, rank: int) -> _Outcome:
        """Follow redirects by hand (HTTP and client-side) from ``url``; classify the end."""
        chain: list[Hop] = []
        start = urldefrag(url)[0]
        seen = {start}
        current = start
        for _ in range(self.opt.max_redirects + 1):
            try:
                resp = await self.request(current, rank)
            except (TimeoutError, asyncio.TimeoutError, httpx.TimeoutException):
                detail = f"no answer within {self.opt.timeout:g} s"
                if current in self.slow_pages:
                    # Not retried: its host answered requests sent after it, so this page is
                    # the slow one, and a retry would hold one of the host's few slots again.
                    detail += " while its host answered other pages"
                    return _Outcome("timeout", None, current, chain, detail, False)
                return _Outcome("timeout", None, current, chain, detail, True)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return _Outcome("invalid", None, current, chain, str(exc))
            except httpx.HTTPError as exc:
                reason, detail, retry = classify_exception(exc)
                return _Outcome(reason, None, current, chain, detail, retry)
            location = resp.headers.get("location")
            nxt: str | None = None
            via = "http"
            analysed = None
            if resp.status in _REDIRECTS and location:
                try:
                    nxt = str(httpx.URL(current).join(location))
                except (httpx.InvalidURL, ValueError, UnicodeError):
                    chain.append(Hop(current, resp.status))
                    detail = f"HTTP {resp.status} to a malformed Location {location!r}"
                    return _Outcome("server-error", resp.status, current, chain, detail)
            elif resp.status == 200:
                analysed = self._page(current, resp)
                if analysed and not analysed[0].challenge and analysed[0].client_redirect:
                    target = urldefrag(analysed[0].client_redirect)[0]
                    if target != current:
                        nxt, via = target, analysed[0].redirect_kind
            if nxt is None:
                return await self.conclude(url, current, chain, resp, analysed, rank)
            chain.append(Hop(current, resp.status, via))
            if nxt in seen:
                return _Outcome(
                    "redirect-loop", resp.status, nxt, chain, f"redirect loop back to {nxt}"
                )
            seen.add(nxt)
            current = nxt
        detail = f"more than {self.opt.max_redirects} redirects"
        return _Outcome("redirect-loop", chain[-1].status, current, chain, detail)

    async def conclude(
        self,
        url: str,
        final: str,
        chain: list[Hop],
        resp: _Response,
        analysed: tuple[Page, str] | None,
        rank: int,
    ) -> _Outcome:
        """Classify the final response of a chain."""
        status = resp.status
        out = _Outcome(classify_status(status), status, final, chain, f"HTTP {status}")
        client_side = sorted({h.via for h in chain} - {"http"})
        if client_side:  # say how the reader got there: the page itself sent them
            out.detail += f" after a {'/'.join(client_side)} redirect to {final}"
        if 300 <= status < 400:
            out.reason = "ok" if status == 304 else "server-error"
        if status in self.opt.accept:
            out.reason, out.detail = "ok", f"HTTP {status}, accepted (--accept)"
            return out
        if out.reason != "ok":
            return self._failed(out, resp, final)
        if analysed is None and status == 200:
            analysed = self._page(final, resp)
        if analysed is not None:
            page, html = analysed
            if (resp.bomb or resp.capped) and len(page.text) < 20:
                # A body cut at the decompression cap or the body budget with no readable text
                # in the part kept: filler (a bomb of zeros), not a page to judge as empty.
                out.reason = "oversized"
                out.detail = (
                    f"HTTP {status}, but the body exceeds the decompression cap "
                    f"({self.opt.max_body} bytes) with no readable text: cannot judge"
                )
                out.evidence.append(resp.headers.get("content-encoding", "") + " body capped")
                return out
            probes: list[Probe] = []
            if self.opt.soft404_probes and not page.challenge and not page.parking:
                probes = await self.baseline(final, rank)
            j = judge_page(url, final, bool(chain), page, html, probes)
            weighed: list[str] = []
            if j.wording and self.opt.soft404_probes and probes:
                # A wording alone: weigh it against the site (its home page, an item of the
                # same column) before calling a page that mentions a deletion broken.
                site = await self.site_page(final, rank)
                column = await self._column_item(final, site, rank)
                kept = reconsider_wording(page, j, site, column)
                if kept:
                    j, weighed = Judgement("ok"), kept.evidence
            if (
                j.reason == "ok"
                and not j.evidence  # a plain ok, not a platform's "the post is there"
                and self.opt.soft404_probes
                and probes
                and may_be_stub(final, page)
            ):
                site = await self.site_page(final, rank)
                j = (judge_against_site(page, site) if site else None) or j
                if j.reason == "ok" and page.goes_back:
                    j = await self._against_siblings(final, page, site, rank) or j
            if j.reason != "ok":
                out.reason = j.reason
                out.detail = f"HTTP {status}: {j.detail}"
                out.evidence += j.evidence
                return out
            out.evidence += j.evidence + weighed
            anchor = self._anchor(url, page, resp)
            if anchor:
                out.reason, out.detail = "missing-anchor", anchor
                out.evidence.append(f"searched {len(page.anchors)} ids and names")
                return out
        if resp.note:
            out.detail += f" ({resp.note})"
        self._moved(url, final, chain, out)
        return out

    def _failed(self, out: _Outcome, resp: _Response, final: str) -> _Outcome:
        """A non-2xx answer: a challenge, an anti-bot refusal, or an error to retry or report."""
        status = out.status or 0
        analysed = self._page(final, resp) if resp.body else None
        if analysed and analysed[0].challenge and status != 429:  # a 429 is retried as paced
            out.reason = "challenge"
            out.detail = f"HTTP {status}: a JavaScript challenge stands in for the page"
            out.evidence.append(f"challenge signature: {analysed[0].challenge}")
            return out
        if analysed and analysed[0].blocked and 400 <= status < 600 and status != 429:
            # A firewall answers 400/404/502 with its block page: the request was stopped on
            # the way, the cited page is not known to be gone.
            out.reason = "blocked"
            out.detail = f"HTTP {status}: a firewall's block page (the request was intercepted)"
            out.evidence.append(f"a short page says {analysed[0].blocked!r}")
            return out
        retry_after = resp.headers.get("retry-after")
        if status >= 500 and (retry_after or (analysed and analysed[0].maintenance)):
            # The server says the outage is temporary (RFC 9110: Retry-After on a 5xx, or its
            # maintenance page): the cited page is not known to be gone.
            said = f"Retry-After {retry_after}" if retry_after else ""
            if analysed and analysed[0].maintenance:
                said = ", ".join(filter(None, [said, f"says {analysed[0].maintenance!r}"]))
            out.reason = "maintenance"
            out.detail = f"HTTP {status}: the server is temporarily unavailable: cannot tell"
            out.evidence.append(said)
            out.retryable = True
            out.retry_after = parse_retry_after(retry_after)
            return out
        if out.reason == "blocked":
            out.detail = f"HTTP {status}: refused to a link checker (anti-bot wall or login)"
            if status == 429:
                out.retryable = True
                out.retry_after = parse_retry_after(resp.headers.get("retry-after"))
            return out
        if status in _RETRY_STATUSES:
            out.retryable = True
            out.retry_after = parse_retry_after(resp.headers.get("retry-after"))
        return out

    def _anchor(self, url: str, page: Page, resp: _Response) -> str:
        if not self.opt.check_anchors:
            return ""
        fragment = unquote(urldefrag(url)[1])
        if not fragment or fragment.startswith(("!", "/")):  # #!/route: a script's, not an id
            return ""
        if fragment in page.anchors:
            return ""
        if resp.truncated:
            return ""  # not in the part read: cannot say
        return f"the page has no anchor #{fragment}"

    def _moved(self, url: str, final: str, chain: list[Hop], out: _Outcome) -> None:
        status = out.status
        if chain and chain[0].status in _PERMANENT:
            # The URL to cite instead: where the leading run of permanent redirects ends.
            k = next((i for i, h in enumerate(chain) if h.status not in _PERMANENT), len(chain))
            target = chain[k].url if k < len(chain) else final
            if is_equivalent_redirect(url, target):
                upgrade = url.startswith("http:") and target.startswith("https:")
                out.detail = f"HTTP {status} via " + ("https upgrade" if upgrade else "same page")
            else:
                out.reason, out.suggestion = "moved", target
                out.detail = f"HTTP {status}, permanently moved to {target}"
        elif chain:
            kinds = {h.via for h in chain} - {"http"}
            out.detail = f"HTTP {status} after {len(chain)} redirect(s)"
            if kinds:
                out.detail += " (" + ", ".join(sorted(kinds)) + ")"

    # ------------------------------------------------------------------ baseline, robots

    async def _once_per_site(
        self,
        tasks: dict[str, asyncio.Task[_T]],
        url: str,
        make: Callable[[], Coroutine[Any, Any, _T]],
        failed: _T,
    ) -> _T:
        """The result of ``make()`` for the site of ``url``, run once per site and shared by
        every URL of the site; ``failed`` when it failed in an unforeseen way (not a crash)."""
        key = _origin(url)
        task = tasks.get(key)
        if task is None:
            task = tasks[key] = asyncio.ensure_future(make())
        try:
            return await asyncio.shield(task)
        except Exception:
            return failed

    async def baseline(self, url: str, rank: int) -> list[Probe]:
        """What the site of ``url`` answers for URLs that cannot exist (fetched once per site)."""
        return await self._once_per_site(
            self.baselines, url, lambda: self._probe_site(url, rank), []
        )

    async def site_page(self, url: str, rank: int) -> Page | None:
        """A page of the site of ``url`` known to exist, its home page (fetched once per site,
        only when a page may be the site's empty template), or None."""
        return await self._once_per_site(
            self.home_pages, url, lambda: self._home_page(url, rank), None
        )

    async def _home_page(self, url: str, rank: int) -> Page | None:
        origin = _origin(url)
        page = await self._known_page(origin + "/", rank)
        if page is not None:
            return page
        # No home page to compare with: the nearest siblings from this run that show content.
        for sibling in _nearest_siblings(url, self.targets_by_origin.get(origin, ()), _SIBLINGS):
            page = await self._known_page(sibling, rank)
            if page is not None and not may_be_empty_template(page.url, page):
                return page
        return None

    async def _against_siblings(
        self, url: str, page: Page, site: Page | None, rank: int
    ) -> Judgement | None:
        """The verdict of comparing ``page`` with the nearest items of its column in this run
        (same :func:`url_shape`), or None when none shows an item to compare with."""
        sibling = await self._column_item(url, site, rank)
        return judge_against_sibling(page, sibling, site) if sibling else None

    async def _column_item(self, url: str, site: Page | None, rank: int) -> Page | None:
        """The nearest URL of this run in the column of ``url`` (same :func:`url_shape`) whose
        page shows an item and no way back, or None."""
        shape = url_shape(url)
        origin = _origin(url)
        same = [c for c in self.targets_by_origin.get(origin, ()) if url_shape(c) == shape]
        for sibling_url in _nearest_siblings(url, same, _SIBLINGS):
            sibling = await self._known_page(sibling_url, rank)
            if sibling is not None and shows_item(sibling, site) and not sibling.goes_back:
                return sibling
        return None

    async def _known_page(self, url: str, rank: int) -> Page | None:
        if self.opt.robots and not await self.allowed(url, rank):
            return None
        probe = await self._probe(url, rank)
        if probe.status != 200 or probe.page is None or probe.page.challenge:
            return None
        return probe.page

    async def _probe_site(self, url: str, rank: int) -> list[Probe]:
        probes: list[Probe] = []
        token = secrets.token_hex(6)
        for probe_url in probe_urls(url, token):
            if self.opt.robots and not await self.allowed(probe_url, rank):
                continue  # robots.txt is obeyed for made-up URLs too
            probe = replace(await self._probe(probe_url, rank), token=token)
            probes.append(probe)
            if probe.status is not None and probe.status >= 400:
                break  # the site says "no" to unknown URLs: one answer is enough
        return probes

    async def _probe(self, url: str, rank: int) -> Probe:
        current, redirected = url, False
        for _ in range(self.opt.max_redirects + 1):
            try:
                resp = await self.request(current, rank)
            except (httpx.HTTPError, TimeoutError, asyncio.TimeoutError):
                return Probe(url, None, None, redirected)
            location = resp.headers.get("location")
            nxt = None
            analysed = self._page(current, resp) if resp.status == 200 else None
            if resp.status in _REDIRECTS and location:
                try:
                    nxt = str(httpx.URL(current).join(location))
                except (httpx.InvalidURL, ValueError, UnicodeError):
                    return Probe(url, resp.status, current, redirected)
            elif analysed and analysed[0].client_redirect:
                nxt = urldefrag(analysed[0].client_redirect)[0]
            if nxt is None or nxt == current:
                page = analysed[0] if analysed else None
                return Probe(url, resp.status, current, redirected, page)
            current, redirected = nxt, True
        return Probe(url, None, current, redirected)

    async def allowed(self, url: str, rank: int) -> bool:
        """robots.txt of the site of ``url`` lets our User-Agent fetch it (fetched once)."""
        key = _origin(url)
        task = self.robots.get(key)
        if task is None:
            task = self.robots[key] = asyncio.ensure_future(self._robots(key, rank))
        parser = await asyncio.shield(task)
        return parser is None or parser.can_fetch(self.opt.user_agent, url)

    async def _robots(self, origin: str, rank: int) -> urllib.robotparser.RobotFileParser | None:
        try:
            resp = await self.fetch(origin + "/robots.txt", "GET", rank)
        except (httpx.HTTPError, TimeoutError, asyncio.TimeoutError):
            return None  # no answer: nothing forbids
        if resp.status != 200 or resp.body is None:
            return None  # 4xx: no rules; 5xx: be lenient, a checker fetches one page
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        return parser

    # ---------------------------------------------------------------------------- one URL

    async def check(self, target: LinkTarget, rank: int) -> LinkResult:
        """Check one URL with retries; ask the archive about it when it is broken."""
        loop = asyncio.get_running_loop()
        note = f" [{target.note}]" if target.note else ""
        problem = url_problem(target.url)
        if problem:
            return LinkResult(
                target.url, target.ids, "broken", "invalid", None, None, 0, problem + note
            )
        opt = self.opt
        if opt.robots and not await self.allowed(target.url, rank):
            detail = "robots.txt disallows it for this User-Agent: not fetched" + note
            return LinkResult(
                target.url, target.ids, "unverifiable", "robots", None, None, 0, detail
            )
        attempts = timeouts = 0
        while True:
            attempts += 1
            out = await self.follow(target.url, rank)
            budget = opt.retries
            if out.status == 429 and out.retry_after is None:
                budget += _EXTRA_429_TRIES
            elif out.status == 500 and out.retry_after is None:
                budget = min(budget, 1)  # a page's own fault, rarely a passing one: once
            if not out.retryable or attempts > budget:
                break
            if out.reason == "timeout":
                timeouts += 1
                if timeouts >= 2:
                    break
            delay = opt.backoff * 2 ** (attempts - 1) * (1 + random.random() / 4)
            if out.retry_after is not None:
                if out.retry_after > opt.max_retry_after:
                    out.detail += f"; Retry-After {out.retry_after:g} s is over the cap"
                    break
                delay = max(delay, out.retry_after)
            await asyncio.sleep(delay)
        verdict = verdict_of(out.reason)
        if verdict == "broken" and opt.suggest_archive:
            out.suggestion = await self.archive(target.url, rank) or out.suggestion
        now = loop.time()
        elapsed = round((now - self.started.get(rank, now)) * 1000)
        return LinkResult(
            url=target.url,
            ids=target.ids,
            verdict=verdict,
            reason=out.reason,
            status=out.status,
            final_url=out.final_url,
            elapsed_ms=elapsed,
            detail=out.detail + (f" (after {attempts} attempts)" if attempts > 1 else "") + note,
            chain=tuple(out.chain),
            suggestion=out.suggestion,
            attempts=attempts,
            evidence=tuple(out.evidence),
        )

    async def archive(self, url: str, rank: int) -> str | None:
        """The closest Internet Archive snapshot of ``url``, or None (errors are ignored)."""
        api = httpx.URL(self.opt.archive_api).copy_merge_params({"url": url})
        try:
            async with self.slot(str(api), rank):
                resp = await asyncio.wait_for(self.client(str(api)).get(api), self.opt.timeout)
            closest = resp.json()["archived_snapshots"]["closest"]
            if closest.get("available") and closest.get("url"):
                return str(closest["url"])
        except (httpx.HTTPError, asyncio.TimeoutError, ValueError, KeyError, TypeError):
            return None
        return None


# ---------------------------------------------------------------------------------- public API


def _merge_targets(targets: Iterable[LinkTarget]) -> list[LinkTarget]:
    ids_by_url: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    for t in targets:
        ids = ids_by_url.setdefault(t.url, [])
        ids += [i for i in t.ids if i not in ids]
        if t.note:
            notes.setdefault(t.url, t.note)
    return [LinkTarget(u, tuple(ids), notes.get(u, "")) for u, ids in ids_by_url.items()]


def _open_cache(opt: LinkOptions) -> LinkCache | None:
    if not opt.use_cache:
        return None
    try:
        return LinkCache(opt.cache_path)
    except Exception as exc:  # sqlite3.Error, OSError: an unusable cache file or directory
        where = str(opt.cache_path) if opt.cache_path else None
        raise InputError(f"cannot use the link cache ({exc}); try --no-cache", where) from exc


async def check_links_async(
    targets: Iterable[LinkTarget] | Library,
    options: LinkOptions | None = None,
    *,
    progress: Callable[[LinkResult], None] | None = None,
    cache: LinkCache | None = None,
    journal: LinkJournal | None = None,
) -> list[LinkResult]:
    """Asynchronous :func:`check_links` for callers that already run an event loop."""
    opt = options or LinkOptions()
    todo = _merge_targets(gather_targets(targets) if isinstance(targets, Library) else targets)
    own_cache = _open_cache(opt) if cache is None else None
    cache = cache or own_cache
    results: dict[str, LinkResult] = {}
    try:
        wanted = {t.url for t in todo}
        if journal is not None:
            for url, data in journal.results().items():
                if url in wanted:
                    results[url] = LinkResult.from_json(data)
        if cache is not None:
            fresh = cache.get_many((t.url for t in todo if t.url not in results), opt.cache_max_age)
            for url, data in fresh.items():
                results[url] = replace(LinkResult.from_json(data), ids=(), cached=True)
        for t in todo:
            if t.url in results:
                results[t.url] = replace(results[t.url], ids=t.ids)
                if progress:
                    progress(results[t.url])
        checker = _Checker(opt)
        for t in todo:
            if url_problem(t.url) is None:
                checker.targets_by_origin.setdefault(_origin(t.url), []).append(t.url)

        async def run(t: LinkTarget, rank: int) -> None:
            res = await checker.check(t, rank)
            results[t.url] = res
            if journal is not None:
                journal.record(t.url, res.to_json())
            if cache is not None and res.verdict == "ok":
                cache.put_many({res.url: replace(res, ids=(), cached=False).to_json()})
            if progress:
                progress(res)

        try:
            pending = [t for t in todo if t.url not in results]
            await asyncio.gather(*(run(t, rank) for rank, t in enumerate(pending)))
        finally:
            await checker.aclose()
    finally:
        if own_cache is not None:
            own_cache.close()
    return [results[t.url] for t in todo]


def check_links(
    targets: Iterable[LinkTarget] | Library,
    options: LinkOptions | None = None,
    *,
    progress: Callable[[LinkResult], None] | None = None,
    cache: LinkCache | None = None,
    journal: LinkJournal | None = None,
) -> list[LinkResult]:
    """Check every URL of ``targets`` (each once; ids of duplicates merged), in target order.

    ``targets`` may be a :class:`~citekit.model.Library`: its URLs are gathered with
    :func:`gather_targets`. ``progress`` is called with each result as it completes.

    Nothing is written to disk unless asked: pass a :class:`LinkCache` to reuse and store good
    results, and a :class:`LinkJournal` to record each result as it arrives and skip the URLs
    it already holds (a rerun after an interruption continues where it stopped).

    Runs its own event loop; inside one, await :func:`check_links_async` instead.
    """
    return asyncio.run(
        check_links_async(targets, options, progress=progress, cache=cache, journal=journal)
    )
