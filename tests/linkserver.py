"""A local HTTP(S) server for the link-checker tests: one path per behaviour, on 127.0.0.1.

``LinkServer()`` starts on a random port in a background thread (``with LinkServer() as srv``),
records every request (method, path, host, start and end time) and the most requests it ever
had in flight per ``Host`` header, so tests can check per-host limits from the server's side.
``LinkServer(tls=(cert, key))`` serves HTTPS with the given certificate.

Paths (``N`` is any suffix, so many URLs can share a behaviour):

  /ok/N           200 UTF-8 article          /gbk/N          200 GBK article (charset header)
  /r301/N         301 -> /ok/N               /chain/N        302 -> 301 -> 308 -> /ok/N
  /perm/N         301 -> 301 -> /ok/N        /loop/N         302 -> /loop2/N -> /loop/N
  /many/K         302 -> /many/K+1 forever   /nf/N           404
  /gone/N         410                        /err/N          500 always
  /flaky/N        500 once, then 200         /unavail/N      503 always
  /r429/N         429 Retry-After: 1 once    /r429long/N     429 Retry-After: 3600 always
  /r429zero/N     429 Retry-After: 0 always  (a host that keeps saying "too many requests")
  /forbidden/N    403                        /waf412/N       412 + JS challenge body
  /slow/N         200 after 10 s             /wait/N         200 after 0.1 s (for limit tests)
  /reset/N        TCP RST, no response       /soft404/N      200 GBK "页面不存在" (header charset)
  /soft404meta/N  200 GB2312 page, charset only in <meta>, says 您访问的页面不存在
  /soft404utf8/N  200 UTF-8 "404 Not Found - 页面未找到"
  /deep/a/b/N     302 -> / (the home page)   /               200 home page
  /doc/N.pdf      HEAD 405, GET 200 application/pdf
  /headlie/N      HEAD 404, GET 200 (a server that lies to HEAD)
  /gbkquery?q=%D6%D0%CE%C4   200 only when the raw query is exactly that GBK-encoded 中文
  /upgrade/N      301 -> {upgrade_to}/upgrade/N (an https server's base URL); 200 without it
  /wayback/available?url=U  Internet Archive availability JSON (a snapshot for any URL)
  /metarefresh/N  200 <meta http-equiv=refresh> -> /nf/N     /jsredir/N  location.href -> /nf/N
  /jsreplace/N    200 location.replace("/ok/N")             /selfrefresh/N  refreshes itself
  /parked/N       200 domain-for-sale page                  /acw/N      200 Aliyun-style challenge
  /cfchallenge/N  503 Cloudflare-style challenge            /spa/N      200 script-only shell
  /anchor/N       200 page with id="sec2" and name="fig1"   /private/N  disallowed by robots.txt
  /gzip2/N        200, a body gzip-compressed twice: a few KB that expand to 256 MB
  /gzip/N         200, the article gzip-compressed once     /slowbody/N 20 KB at 5 KB/s
  /limited/N      429 without Retry-After when more than 2 requests started in the last second
  /guarded/N      bans the client (403 for every request) once more than 5 started in a second
  /robots.txt     Disallow: /private/
Unknown paths answer 404. ``LinkServer(sites={host: {path: (status, body, headers)}})`` serves
other host names too, for clients that use the server as their HTTP proxy (``"*"`` is a host's
fallback path); ``{path}`` in a body is replaced by the requested path.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import ssl
import struct
import threading
import time
import zlib
from collections import Counter, deque
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

OK_HTML = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    "<title>关于推进数字化转型的若干意见 第404期</title></head><body>"
    "<h1>关于推进数字化转型的若干意见</h1><p>正文。</p></body></html>"
)
# /ok/N: a different article per N (a real site's articles differ), named after N.
OK_N_HTML = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    "<title>关于推进数字化转型的若干意见（{n}） 第404期</title></head><body>"
    "<h1>关于推进数字化转型的若干意见（{n}）</h1><p>正文 {n}。</p></body></html>"
)
PARKED_HTML = (
    "<html><head><title>old-journal.example</title></head><body><h1>This domain may be for sale!"
    "</h1><p>Buy this domain today. Related searches: news, journal.</p></body></html>"
)
ACW_HTML = (
    "<html><script>var arg1='3C0F1E6A';document.cookie='acw_sc__v2='+arg1+';path=/';"
    "document.location.reload();</script></html>"
)
CF_HTML = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<script>window._cf_chl_opt={cType: 'managed'};</script></body></html>"
)
SPA_HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>云课堂</title>'
    '<script src="/static/app.js"></script></head><body><div id="app"></div></body></html>'
)
ANCHOR_HTML = (
    '<html><head><meta charset="utf-8"><title>报告全文 {n}</title></head><body>'
    '<h2 id="sec2">第二部分</h2><a name="fig1"></a><p>正文。</p></body></html>'
)


@cache
def double_gzip() -> bytes:
    """256 MB of zeros, gzip-compressed, then gzip-compressed again (a few KB)."""
    z = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    once = b"".join(z.compress(block) for _ in range(256)) + z.flush()
    return gzip.compress(once, 9)


GBK_HTML = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    "<title>国民经济和社会发展统计公报 {n}</title></head><body><h1>统计公报</h1>"
    "<p>初步核算，全年国内生产总值增长。</p></body></html>"
)
SOFT404_HTML = (
    '<html><head><meta charset="{cs}"><title>提示</title></head><body>'
    "<div><h2>抱歉，您访问的页面不存在或已被删除！</h2><p>5秒后返回首页</p></div></body></html>"
)
SOFT404_UTF8 = (
    '<html><head><meta charset="utf-8"><title>出错啦</title></head><body>'
    "<p>404 Not Found - 页面未找到</p></body></html>"
)
WAF412 = "<html><body><script>$_ts=window['$_ts'];$_ts.nsd=1;</script></body></html>"
HOME_HTML = (
    '<html><head><meta charset="utf-8"><title>首页 - 某某日报</title></head>'
    "<body>首页</body></html>"
)


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    method: str
    path: str
    host: str
    start: float
    end: float
    user_agent: str
    headers: tuple[tuple[str, str], ...] = ()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_GET(self) -> None:
        self._serve("GET")

    def _serve(self, method: str) -> None:
        owner = self.server.owner
        host = self.headers.get("Host", "")
        start = time.monotonic()
        ua = self.headers.get("User-Agent", "")
        # Recorded as it arrives (a client may hear the answer before this thread finishes),
        # completed with its end time when it has been answered.
        index = owner._enter(
            host, Seen(method, self.path, host, start, start, ua, tuple(self.headers.items()))
        )
        try:
            self._route(method)
        finally:
            owner._leave(
                host,
                index,
                Seen(
                    method,
                    self.path,
                    host,
                    start,
                    time.monotonic(),
                    self.headers.get("User-Agent", ""),
                    tuple(self.headers.items()),
                ),
            )

    def _send(
        self,
        status: int,
        body: bytes = b"",
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _trickle(self, body: bytes, per_second: int = 5000) -> None:
        """200 with the headers at once and the body at ``per_second`` bytes a second."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = per_second // 10
        with contextlib.suppress(OSError):
            for i in range(0, len(body), step):
                self.wfile.write(body[i : i + step])
                self.wfile.flush()
                time.sleep(0.1)

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", headers={"Location": location})

    def _site(self, host: str, path: str) -> bool:
        """Serve ``path`` of a virtual host; False when ``host`` is not one."""
        pages = self.server.owner.sites.get(host.lower())
        if pages is None:
            return False
        spec = pages.get(path, pages.get("*", (404, "no such page", {})))
        status, body, headers = spec
        data = body.replace("{path}", path).encode() if isinstance(body, str) else body
        self._send(status, data, headers=dict(headers))
        return True

    def _route(self, method: str) -> None:
        owner = self.server.owner
        target = self.path
        host = self.headers.get("Host", "").split(":")[0]
        if target.startswith(("http://", "https://")):  # absolute form: we are the proxy
            absolute = urlsplit(target)
            host = absolute.hostname or host
            target = absolute.path + ("?" + absolute.query if absolute.query else "")
        if self._site(host, target):
            return None
        split = urlsplit(target)
        parts = split.path.strip("/").split("/")
        cat, n = parts[0], (parts[1] if len(parts) > 1 else "0")
        if split.path == "/":
            return self._send(200, HOME_HTML.encode())
        if split.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if cat == "ok":
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "private":
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "metarefresh":
            body = f'<html><head><meta http-equiv="refresh" content="0;url=/nf/{n}"></head></html>'
            return self._send(200, body.encode())
        if cat == "jsredir":
            body = f'<html><script>window.location.href = "/nf/{n}";</script></html>'
            return self._send(200, body.encode())
        if cat == "jsreplace":
            body = f"<html><script>location.replace('/ok/{n}')</script></html>"
            return self._send(200, body.encode())
        if cat == "selfrefresh":
            body = OK_N_HTML.format(n=n).replace(
                "<head>", '<head><meta http-equiv="refresh" content="300">'
            )
            return self._send(200, body.encode())
        if cat == "parked":
            return self._send(200, PARKED_HTML.encode())
        if cat == "acw":
            return self._send(200, ACW_HTML.encode())
        if cat == "cfchallenge":
            return self._send(503, CF_HTML.encode())
        if cat == "spa":
            return self._send(200, SPA_HTML.encode())
        if cat == "anchor":
            return self._send(200, ANCHOR_HTML.format(n=n).encode())
        if cat == "gzip2":
            return self._send(200, double_gzip(), headers={"Content-Encoding": "gzip, gzip"})
        if cat == "gzip":
            body = gzip.compress(OK_N_HTML.format(n=n).encode())
            return self._send(200, body, headers={"Content-Encoding": "gzip"})
        if cat == "slowbody":
            return self._trickle(OK_N_HTML.format(n=n).replace("正文", "正文" * 3400).encode())
        if cat == "limited":
            if owner._started_within(1.0) > 2:
                return self._send(429, b"too many requests")
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "guarded":
            if owner._guard():
                return self._send(403, b"<h1>403 Forbidden</h1><p>banned</p>")
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "gbk":
            return self._send(200, GBK_HTML.format(n=n).encode("gbk"), "text/html; charset=gbk")
        if cat == "r301":
            return self._redirect(301, f"/ok/{n}")
        if cat == "chain":
            return self._redirect(302, f"/chain2/{n}")
        if cat == "chain2":
            return self._redirect(301, f"/chain3/{n}")
        if cat == "chain3":
            return self._redirect(308, f"/ok/{n}")
        if cat == "perm":
            return self._redirect(301, f"/perm2/{n}")
        if cat == "perm2":
            return self._redirect(301, f"/ok/perm-{n}")
        if cat == "loop":
            return self._redirect(302, f"/loop2/{n}")
        if cat == "loop2":
            return self._redirect(302, f"/loop/{n}")
        if cat == "many":
            return self._redirect(302, f"/many/{int(n) + 1}")
        if cat == "nf":
            return self._send(404, b"<h1>404 Not Found</h1>")
        if cat == "gone":
            return self._send(410, b"<h1>410 Gone</h1>")
        if cat == "err":
            return self._send(500, b"<h1>500</h1>")
        if cat == "flaky":
            return self._send(
                200 if owner._bump(self.path) else 500, OK_N_HTML.format(n=n).encode()
            )
        if cat == "unavail":
            return self._send(503, b"<h1>503</h1>")
        if cat == "r429":
            if owner._bump(self.path):
                return self._send(200, OK_N_HTML.format(n=n).encode())
            return self._send(429, b"slow down", headers={"Retry-After": "1"})
        if cat == "r429zero":
            return self._send(429, b"slow down", headers={"Retry-After": "0"})
        if cat == "r429long":
            return self._send(429, b"slow down", headers={"Retry-After": "3600"})
        if cat == "forbidden":
            return self._send(403, b"<h1>403 Forbidden</h1>")
        if cat == "waf412":
            return self._send(412, WAF412.encode(), headers={"Set-Cookie": "FSSBB=1; Path=/"})
        if cat == "slow":
            time.sleep(10.0)
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "wait":
            time.sleep(0.1)
            return self._send(200, OK_N_HTML.format(n=n).encode())
        if cat == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        if cat == "soft404":
            body = SOFT404_HTML.format(cs="gbk").encode("gbk")
            return self._send(200, body, "text/html; charset=gbk")
        if cat == "soft404meta":
            body = SOFT404_HTML.format(cs="gb2312").encode("gbk")
            return self._send(200, body, "text/html")
        if cat == "soft404utf8":
            return self._send(200, SOFT404_UTF8.encode())
        if cat == "deep":
            return self._redirect(302, "/")
        if cat == "doc":
            if method == "HEAD":
                return self._send(405, b"", headers={"Allow": "GET"})
            return self._send(200, b"%PDF-1.4 ...", "application/pdf")
        if cat == "headlie":
            return self._send(404 if method == "HEAD" else 200, OK_N_HTML.format(n=n).encode())
        if cat == "gbkquery":
            ok = split.query == "q=%D6%D0%CE%C4"
            return self._send(
                200 if ok else 400, OK_N_HTML.format(n=n).encode() if ok else b"bad query"
            )
        if cat == "upgrade":
            if not owner.upgrade_to:
                return self._send(200, OK_N_HTML.format(n=n).encode())  # the https side
            return self._redirect(301, f"{owner.upgrade_to}/upgrade/{n}")
        if cat == "wayback":
            url = parse_qs(split.query).get("url", [""])[0]
            snap = {
                "available": True,
                "url": f"http://web.archive.invalid/web/20200101000000/{url}",
                "timestamp": "20200101000000",
                "status": "200",
            }
            body = json.dumps({"url": url, "archived_snapshots": {"closest": snap}}).encode()
            return self._send(200, body, "application/json")
        return self._send(404, b"no such test route")

    def finish(self) -> None:
        with contextlib.suppress(OSError):  # the client hung up, or /reset/ closed the socket
            super().finish()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LinkServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and clients that hang up are part of the test


class LinkServer:
    """The test server; ``base`` is ``http://127.0.0.1:PORT`` (or https)."""

    def __init__(
        self,
        tls: tuple[Path, Path] | None = None,
        upgrade_to: str = "",
        host: str = "127.0.0.1",
        sites: dict[str, dict[str, tuple[int, str | bytes, dict[str, str]]]] | None = None,
    ) -> None:
        self.httpd = _Server((host, 0), _Handler)
        self.httpd.owner = self
        scheme = "http"
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(tls[0]), str(tls[1]))
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.port = self.httpd.server_address[1]
        self.base = f"{scheme}://{host}:{self.port}"
        self.upgrade_to = upgrade_to
        self.sites = {k.lower(): v for k, v in (sites or {}).items()}
        self.requests: list[Seen] = []
        self.starts: deque[float] = deque()
        self.banned_until = 0.0
        self.bans = 0
        self.max_in_flight: Counter[str] = Counter()
        self._in_flight: Counter[str] = Counter()
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _started_within(self, seconds: float) -> int:
        """Requests started in the last ``seconds`` (this one included)."""
        now = time.monotonic()
        with self._lock:
            return sum(1 for t in self.starts if now - t <= seconds)

    def _guard(self) -> bool:
        """True when the client is banned: more than 5 requests started within a second."""
        now = time.monotonic()
        with self._lock:
            if now < self.banned_until:
                return True
            if sum(1 for t in self.starts if now - t <= 1.0) > 5:
                self.banned_until = now + 30
                self.bans += 1
                return True
            return False

    def _enter(self, host: str, seen: Seen) -> int:
        with self._lock:
            self.starts.append(time.monotonic())
            self.requests.append(seen)
            self._in_flight[host] += 1
            self.max_in_flight[host] = max(self.max_in_flight[host], self._in_flight[host])
            return len(self.requests) - 1

    def _leave(self, host: str, index: int, seen: Seen) -> None:
        with self._lock:
            self._in_flight[host] -= 1
            self.requests[index] = seen

    def _bump(self, key: str) -> int:
        with self._lock:
            self._counts[key] += 1
            return self._counts[key] - 1

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base + path

    def seen(self, path: str) -> list[Seen]:
        """The requests for ``path``, in order."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LinkServer:
        """Serve in a daemon thread."""
        double_gzip()  # built before serving: it takes a moment
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LinkServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
