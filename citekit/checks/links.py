"""The link checker: URLs cited by a Library -> one :class:`LinkResult` per URL.

Consumes :class:`LinkTarget` values (a URL and the ids of the records that cite it; see
:func:`gather_targets` and :func:`load_url_list`) and produces :class:`LinkResult` values whose
``reason`` and ``verdict`` come from the policy in :mod:`citekit.checks.classify`. This is the only
module that imports httpx.

How it behaves on the wire:

* asynchronous (httpx, HTTP/1.1, one connection pool per host), at most ``max_concurrency``
  requests in flight, at most ``host_concurrency`` per host and at least ``host_interval``
  seconds between the starts of two requests to one host; a host that answers 429 or 503 gets a
  longer interval (doubled, up to 1 s) that shrinks back as it answers normally again; a free
  slot goes to the URL earliest in the input, so retries and redirect hops of URLs already
  started go before new URLs and every URL finishes soon after it starts;
* retries with exponential backoff for 429, 5xx, resets, refused connections and timeouts (a
  second timeout in a row is conclusive: waiting again rarely changes it); ``Retry-After`` is
  honoured up to ``max_retry_after`` seconds and a longer demand ends the retries;
* a connect timeout, read timeout and a total time limit per request; only the first
  ``max_body`` bytes of an HTML page are read (enough to spot a soft 404), none of anything else;
* redirects followed by hand (at most ``max_redirects``) so the chain is reported and loops are
  caught; a permanent redirect suggests the new URL, an http->https upgrade counts as ok;
* GET for pages (their text is needed to spot a soft 404), HEAD first for documents (PDF, Word,
  archives...), falling back to GET when HEAD is refused (405, 501), forbidden or lies (4xx);
* good results are kept in a SQLite cache (:mod:`citekit.checks.linkcache`); failures never are;
* optionally, a broken link gets a suggestion from the Internet Archive's availability API.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import random
import re
import ssl
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from ..model import Library, Reference
from .classify import (
    Reason,
    Verdict,
    classify_exception,
    classify_status,
    decode_html,
    is_equivalent_redirect,
    is_home_page_redirect,
    parse_retry_after,
    soft_404_phrase,
    verdict_of,
)
from .linkcache import LinkCache

__all__ = [
    "ARCHIVE_API",
    "DEFAULT_USER_AGENT",
    "Hop",
    "LinkOptions",
    "LinkResult",
    "LinkTarget",
    "check_links",
    "check_links_async",
    "gather_targets",
    "load_url_list",
    "url_problem",
]

#: the Internet Archive's availability API (``?url=...`` -> closest snapshot)
ARCHIVE_API = "https://archive.org/wayback/available"
#: an honest User-Agent: anti-bot walls that refuse it are reported as ``blocked``
DEFAULT_USER_AGENT = "citekit/0.1 (reference link checker)"

_REDIRECTS = frozenset([301, 302, 303, 307, 308])
_PERMANENT = frozenset([301, 308])
_RETRY_STATUSES = frozenset([429, 500, 502, 503, 504, 520, 521, 522, 523, 524])
_SLOW_DOWN = frozenset([429, 503])
# Documents are checked with HEAD first: their bodies are large and say nothing about soft 404s.
_DOCUMENT_EXT = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|caj|ceb|zip|rar|7z|gz|tgz|tar|bz2|xz|"
    r"mp3|mp4|avi|mov|wmv|flv|mkv|wav|jpe?g|png|gif|bmp|tiff?|webp|exe|msi|apk|dmg|iso)$",
    re.I,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# A URL inside free text ends at whitespace, quotes, angle brackets or CJK punctuation.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'，。；、：！？）》】」』\u3000]+", re.I)
_TRAILING_PUNCT = ".,;:!?)]}"


# ------------------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A URL to check and the ids of the records that cite it."""

    url: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect in a chain: the URL that answered and its 3xx status."""

    url: str
    status: int


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
    #: human detail: ``HTTP 404``, ``self-signed certificate``, the soft-404 phrase ...
    detail: str = ""
    chain: tuple[Hop, ...] = ()
    #: a URL to cite instead: the target of a permanent redirect, or an archived copy
    suggestion: str | None = None
    attempts: int = 1
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        """``{"url", "ids", "verdict", "reason", "status", "final_url", "elapsed_ms", "detail"}``
        plus ``chain``, ``suggestion``, ``attempts`` and ``cached`` where they say something."""
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
            out["chain"] = [{"url": h.url, "status": h.status} for h in self.chain]
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.attempts > 1:
            out["attempts"] = self.attempts
        if self.cached:
            out["cached"] = True
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
            chain=tuple(Hop(str(h["url"]), int(h["status"])) for h in data.get("chain", ())),
            suggestion=data.get("suggestion"),
            attempts=int(data.get("attempts", 1)),
            cached=bool(data.get("cached", False)),
        )


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """How to check: limits, timeouts, retries, cache and archive settings."""

    #: total seconds for one request (connect + headers + bounded body); also the read timeout
    timeout: float = 10.0
    #: seconds to establish a connection (capped by ``timeout``)
    connect_timeout: float = 5.0
    max_concurrency: int = 128
    host_concurrency: int = 10
    #: minimum seconds between the starts of two requests to one host
    host_interval: float = 0.02
    #: retries after the first attempt (timeouts are retried once at most)
    retries: int = 2
    #: base of the exponential backoff between attempts, in seconds
    backoff: float = 0.5
    #: the longest ``Retry-After`` honoured; a longer demand ends the retries
    max_retry_after: float = 30.0
    max_redirects: int = 10
    #: bytes of an HTML page read for soft-404 detection
    max_body: int = 65536
    #: ``auto``: HEAD first for documents, GET for pages; ``head``: HEAD first always; ``get``
    method: Literal["auto", "head", "get"] = "auto"
    user_agent: str = DEFAULT_USER_AGENT
    use_cache: bool = True
    #: None: ``$CITEKIT_LINK_CACHE`` or the user cache directory
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


def _clean_url(url: str) -> str:
    url = url.strip()
    while url and url[-1] in _TRAILING_PUNCT:
        # Keep a closing bracket that belongs to the URL: wiki/Foo_(bar).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


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
            urls += [_clean_url(m.group(0)) for m in _URL_IN_TEXT.finditer(prov.raw)]
        for url in dict.fromkeys(u for u in urls if u):
            ids = ids_by_url.setdefault(url, [])
            if ref.id not in ids:
                ids.append(ref.id)
    return [LinkTarget(u, tuple(ids)) for u, ids in ids_by_url.items()]


def load_url_list(path: str | Path) -> list[LinkTarget]:
    """A plain text file of URLs, one a line (``#`` comments and blank lines skipped).

    Each URL's ids are the ``path:line`` places it appears, so reports point at the file.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", str(path)) from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(path)) from exc
    ids_by_url: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        url = line.strip()
        if url and not url.startswith("#"):
            ids_by_url.setdefault(url, []).append(f"{path}:{n}")
    return [LinkTarget(u, tuple(ids)) for u, ids in ids_by_url.items()]


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
    """A semaphore that wakes the waiter with the lowest rank first, not the longest waiting.

    The rank is the URL's place in the input: a retry, a redirect hop or the GET after a HEAD
    goes before URLs not yet started, so each URL finishes soon after it starts and a retry
    does not queue behind the whole input again.
    """

    def __init__(self, size: int) -> None:
        self.free = size
        self.waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self.seq = itertools.count()

    async def acquire(self, rank: int) -> None:
        """Take a slot, waiting for one when none is free."""
        if self.free > 0 and not self.waiters:
            self.free -= 1
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
        """Hand the slot to the best-ranked waiter, or free it."""
        while self.waiters:
            fut = heapq.heappop(self.waiters)[2]
            if not fut.done():
                fut.set_result(None)
                return
        self.free += 1

    @contextlib.asynccontextmanager
    async def hold(self, rank: int) -> AsyncIterator[None]:
        """``async with slots.hold(rank):`` a slot for the block."""
        await self.acquire(rank)
        try:
            yield
        finally:
            self.release()


class _Host:
    """Per-host limits: a concurrency cap and an adaptive minimum interval between starts."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = _Slots(concurrency)
        self.lock = asyncio.Lock()
        self.base = interval
        self.interval = interval
        self.next_start = 0.0

    def slow_down(self) -> None:
        """The host said 429/503: double the interval (at least 0.1 s, at most 1 s)."""
        self.interval = min(max(self.interval * 2, 0.1, self.base), max(1.0, self.base))

    def recover(self) -> None:
        """A normal answer: halve the extra interval back toward the base."""
        if self.interval > self.base:
            self.interval = max(self.base, self.interval / 2)


@dataclass(slots=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes | None  # None: not read (a HEAD, or a document that is not a page)


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


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return True  # unlabelled: look at it
    ct = content_type.split(";", 1)[0].strip().lower()
    return ct in _HTML_TYPES


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _Checker:
    """The engine: limits per host and overall, one connection pool per host."""

    def __init__(self, opt: LinkOptions) -> None:
        self.opt = opt
        self.hosts: dict[str, _Host] = {}
        self.slots = _Slots(max(1, opt.max_concurrency))
        # One pool per host: httpcore's pool does work proportional to its connections and
        # queued requests on every request, which grows quadratic when one pool serves all.
        self.clients: dict[str, httpx.AsyncClient] = {}
        #: when each URL (by rank) sent its first request: elapsed_ms leaves out the queueing
        self.started: dict[int, float] = {}
        # One SSL context for every pool: loading the CA bundle is costly.
        self.ssl = (
            opt.verify
            if isinstance(opt.verify, ssl.SSLContext)
            else httpx.create_ssl_context(verify=opt.verify, trust_env=opt.trust_env)
        )
        self.timeout = httpx.Timeout(opt.timeout, connect=min(opt.connect_timeout, opt.timeout))
        self.headers = {
            "User-Agent": opt.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
        }

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
            )
        return client

    async def aclose(self) -> None:
        """Close every connection pool."""
        for client in self.clients.values():
            await client.aclose()

    def host(self, url: str) -> _Host:
        key = _host_key(url)
        h = self.hosts.get(key)
        if h is None:
            h = self.hosts[key] = _Host(max(1, self.opt.host_concurrency), self.opt.host_interval)
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
        """One request, no redirects followed, within the total timeout."""
        async with self.slot(url, rank) as h:
            self.started.setdefault(rank, asyncio.get_running_loop().time())
            resp = await asyncio.wait_for(self._send(url, method), self.opt.timeout)
            if resp.status in _SLOW_DOWN:
                h.slow_down()
            else:
                h.recover()
            return resp

    async def _send(self, url: str, method: str) -> _Response:
        client = self.client(url)
        resp = await client.send(client.build_request(method, url), stream=True)
        try:
            page = resp.status_code == 200 and _is_html(resp.headers.get("content-type"))
            if method == "HEAD" or (resp.status_code == 200 and not page):
                return _Response(resp.status_code, resp.headers, None)  # a document: no body
            # Read pages for soft-404 detection, and error or redirect bodies (small) so that
            # the connection can be used again; never more than max_body.
            buf = bytearray()
            async for chunk in resp.aiter_bytes():
                buf += chunk
                if len(buf) >= self.opt.max_body:
                    break
            return _Response(resp.status_code, resp.headers, bytes(buf[: self.opt.max_body]))
        finally:
            await resp.aclose()

    async def request(self, url: str, rank: int) -> _Response:
        """HEAD first for documents (or always with method=head), GET when HEAD is not enough."""
        opt = self.opt
        path = urlsplit(url).path
        head_first = opt.method == "head" or (opt.method == "auto" and _DOCUMENT_EXT.search(path))
        if head_first:
            r = await self.fetch(url, "HEAD", rank)
            needs_body = r.status == 200 and _is_html(r.headers.get("content-type"))
            if (r.status < 400 or r.status in _SLOW_DOWN) and not needs_body:
                return r
            # 405/501 refused, 403/404 from servers that lie to HEAD, or an HTML page to read.
        return await self.fetch(url, "GET", rank)

    async def follow(self, url: str, rank: int) -> _Outcome:
        """Follow redirects by hand from ``url`` and classify where they end."""
        chain: list[Hop] = []
        seen = {url}
        current = url
        for _ in range(self.opt.max_redirects + 1):
            try:
                resp = await self.request(current, rank)
            except (TimeoutError, asyncio.TimeoutError, httpx.TimeoutException):
                limit = f"{self.opt.timeout:g} s"
                return _Outcome("timeout", None, current, chain, f"no answer within {limit}", True)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return _Outcome("invalid", None, current, chain, str(exc))
            except httpx.HTTPError as exc:
                reason, detail, retry = classify_exception(exc)
                return _Outcome(reason, None, current, chain, detail, retry)
            location = resp.headers.get("location")
            if resp.status in _REDIRECTS and location:
                chain.append(Hop(current, resp.status))
                try:
                    nxt = str(httpx.URL(current).join(location))
                except (httpx.InvalidURL, ValueError, UnicodeError):
                    detail = f"HTTP {resp.status} to a malformed Location {location!r}"
                    return _Outcome("server-error", resp.status, current, chain, detail)
                if nxt in seen:
                    return _Outcome(
                        "redirect-loop", resp.status, nxt, chain, f"redirect loop back to {nxt}"
                    )
                seen.add(nxt)
                current = nxt
                continue
            return self.conclude(url, current, chain, resp)
        detail = f"more than {self.opt.max_redirects} redirects"
        return _Outcome("redirect-loop", chain[-1].status, current, chain, detail)

    def conclude(self, url: str, final: str, chain: list[Hop], resp: _Response) -> _Outcome:
        """Classify the final response of a chain."""
        status = resp.status
        reason = classify_status(status)
        if 300 <= status < 400:
            reason = "ok" if status == 304 else "server-error"
        detail = f"HTTP {status}"
        out = _Outcome(reason, status, final, chain, detail)
        if reason == "blocked":
            out.detail = f"HTTP {status}: refused to a link checker (anti-bot wall or login)"
            if status == 429:
                out.retryable = True
                out.retry_after = parse_retry_after(resp.headers.get("retry-after"))
            return out
        if status in _RETRY_STATUSES:
            out.retryable = True
            out.retry_after = parse_retry_after(resp.headers.get("retry-after"))
            return out
        if reason != "ok":
            return out
        if resp.body is not None:
            phrase = soft_404_phrase(decode_html(resp.body, resp.headers.get("content-type")))
            if phrase:
                out.reason, out.detail = "soft-404", f"HTTP {status} but the page says {phrase!r}"
                return out
        if chain and is_home_page_redirect(url, final):
            out.reason, out.detail = "soft-404", f"deep link redirected to the home page {final}"
            return out
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
            out.detail = f"HTTP {status} after {len(chain)} redirect(s)"
        return out

    async def check(self, target: LinkTarget, rank: int) -> LinkResult:
        """Check one URL with retries; ask the archive about it when it is broken."""
        loop = asyncio.get_running_loop()
        problem = url_problem(target.url)
        if problem:
            return LinkResult(target.url, target.ids, "broken", "invalid", None, None, 0, problem)
        opt = self.opt
        attempts = timeouts = 0
        while True:
            attempts += 1
            out = await self.follow(target.url, rank)
            if not out.retryable or attempts > opt.retries:
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
            detail=out.detail + (f" (after {attempts} attempts)" if attempts > 1 else ""),
            chain=tuple(out.chain),
            suggestion=out.suggestion,
            attempts=attempts,
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
    for t in targets:
        ids = ids_by_url.setdefault(t.url, [])
        ids += [i for i in t.ids if i not in ids]
    return [LinkTarget(u, tuple(ids)) for u, ids in ids_by_url.items()]


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
) -> list[LinkResult]:
    """Asynchronous :func:`check_links` for callers that already run an event loop."""
    opt = options or LinkOptions()
    todo = _merge_targets(gather_targets(targets) if isinstance(targets, Library) else targets)
    cache = _open_cache(opt)
    results: dict[str, LinkResult] = {}
    try:
        if cache is not None:
            for url, data in cache.get_many((t.url for t in todo), opt.cache_max_age).items():
                results[url] = replace(LinkResult.from_json(data), ids=(), cached=True)
        for t in todo:
            if t.url in results:
                results[t.url] = replace(results[t.url], ids=t.ids)
                if progress:
                    progress(results[t.url])
        checker = _Checker(opt)

        async def run(t: LinkTarget, rank: int) -> None:
            res = await checker.check(t, rank)
            results[t.url] = res
            if progress:
                progress(res)

        try:
            pending = [t for t in todo if t.url not in results]
            await asyncio.gather(*(run(t, rank) for rank, t in enumerate(pending)))
        finally:
            await checker.aclose()
        if cache is not None:
            good = {
                r.url: replace(r, ids=(), cached=False).to_json()
                for r in results.values()
                if r.verdict == "ok" and not r.cached
            }
            cache.put_many(good)
    finally:
        if cache is not None:
            cache.close()
    return [results[t.url] for t in todo]


def check_links(
    targets: Iterable[LinkTarget] | Library,
    options: LinkOptions | None = None,
    *,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check every URL of ``targets`` (each once; ids of duplicates merged), in target order.

    ``targets`` may be a :class:`~citekit.model.Library`: its URLs are gathered with
    :func:`gather_targets`.

    ``progress`` is called with each result as it completes. Runs its own event loop; inside
    one, await :func:`check_links_async` instead.
    """
    return asyncio.run(check_links_async(targets, options, progress=progress))
