"""``citekit review``'s web server: the workbench on 127.0.0.1, for one user, with a token.

Consumes a :class:`~citekit.review.workbench.Workbench`; serves its page and a small JSON API
(standard library ``http.server``, one thread per request; the store's lock serialises the
writes). Every request must carry the random token the command printed (``?token=`` for the
page, the ``X-Citekit-Token`` header for the API); the ``Host`` header must name this server
(no DNS rebinding) and a request with an ``Origin`` must come from it (no cross-site posts);
API writes take JSON only, which a form on another site cannot send. Requests are bounded
(1 MB bodies). Nothing here reaches the network but the one link check a user asks for.

API (``POST`` unless said otherwise, JSON in and out; errors as ``{"error": …}``):

    GET /                          the page with its first records (a new opening: its run id)
    GET /api/chunk?run=R&n=N       chunk N of opening R: {parts, next, unparsed}; 410 when R
                                   is no longer kept or its author-date year suffixes were
                                   found wrong (the page reloads)
    GET /api/findings?run=R        {ready: false} or, once computed, {ready: true, duplicates,
                                   totals, filters, charts, other, cited_too} (waits 20 s at
                                   most for them)
    GET /api/record?key=K          fields, version and entry of K
    /api/preview  {key, fields}    the entry K would have
    /api/save     {key, fields, version}      409 {mine, theirs} when K changed meanwhile
    /api/delete   {key, version}   "not a reference"
    /api/confirm  {key, version}   its warnings go
    /api/add      {refs_file, source, start, end, text}
    /api/merge    {keys, into, values} · /api/not-duplicates {keys} · /api/repost {keys, original}
    /api/check-link {key} · /api/undo {}
    GET /download?format=docx|bib|json|txt&style=S&token=T
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import CitekitError, InputError
from .page import CHUNK, FIRST, PageRun
from .workbench import ConflictError, Workbench

__all__ = ["ReviewServer", "serve", "start_in_thread"]

MAX_BODY = 1 << 20
HOST = "127.0.0.1"
#: openings of the page kept (each a few tabs' worth; older ones are told to reload)
MAX_RUNS = 8
#: seconds a findings request waits for them before answering "not ready"
FINDINGS_WAIT = 20.0


class ReviewServer(ThreadingHTTPServer):
    """The server, with the workbench and the token its handler checks."""

    daemon_threads = True

    def __init__(
        self,
        wb: Workbench,
        port: int = 0,
        token: str | None = None,
        *,
        first: int = FIRST,
        chunk: int = CHUNK,
    ) -> None:
        self.wb = wb
        self.token = token or secrets.token_urlsafe(24)
        #: records in the page's first answer and in each chunk after it
        self.sizes = (first, chunk)
        self._runs: dict[str, PageRun] = {}
        self._runs_lock = threading.Lock()
        super().__init__((HOST, port), _Handler)

    def open_page(self) -> PageRun:
        """A new opening of the page (the oldest kept is forgotten)."""
        run = PageRun(self.wb, first=self.sizes[0], chunk=self.sizes[1])
        with self._runs_lock:
            self._runs[run.id] = run
            while len(self._runs) > MAX_RUNS:
                del self._runs[next(iter(self._runs))]
        return run

    def run(self, run_id: str) -> PageRun | None:
        """The opening ``run_id``, if still kept."""
        with self._runs_lock:
            return self._runs.get(run_id)

    @property
    def port(self) -> int:
        """The port it listens on (chosen by the system when 0 was asked for)."""
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The address to open, token included."""
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def allowed_hosts(self) -> set[str]:
        """``Host`` values that name this server."""
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "citekit-review"

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the terminal shows the address and errors only

    # ----------------------------------------------------------------------------- checks

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._json({"error": message}, status)

    def _trusted(self, query: dict[str, list[str]]) -> bool:
        host = self.headers.get("Host", "")
        if host not in self.server.allowed_hosts():
            self._refuse(HTTPStatus.FORBIDDEN, "wrong Host")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {
            f"http://{h}" for h in self.server.allowed_hosts()
        }:
            self._refuse(HTTPStatus.FORBIDDEN, "cross-site request refused")
            return False
        token = self.headers.get("X-Citekit-Token") or (query.get("token") or [""])[0]
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            self._refuse(HTTPStatus.FORBIDDEN, "missing or wrong token")
            return False
        return True

    # ---------------------------------------------------------------------------- replies

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'",
        )
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data: Any, status: HTTPStatus = HTTPStatus.OK) -> None:
        body = json.dumps(data, ensure_ascii=False).encode()
        self._send(status, body, "application/json; charset=utf-8")

    # ----------------------------------------------------------------------------- routes

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._trusted(query):
            return
        wb = self.server.wb
        try:
            if url.path == "/":
                opened = self.server.open_page()
                html = opened.shell(self.server.token)
                # the findings are computed once the page asks for them (after it is shown)
                self._send(HTTPStatus.OK, html.encode(), "text/html; charset=utf-8")
            elif url.path in ("/api/chunk", "/api/findings"):
                run = self.server.run((query.get("run") or [""])[0])
                if run is None:
                    self._refuse(HTTPStatus.GONE, "this page is out of date: reload it")
                elif url.path == "/api/chunk":
                    part = run.chunk(_number((query.get("n") or [""])[0]))
                    if run.stale:  # its year suffixes were wrong: the next opening is right
                        self._refuse(HTTPStatus.GONE, "this page is out of date: reload it")
                    else:
                        self._json(part)
                else:
                    found = run.findings(wait=FINDINGS_WAIT)
                    if run.stale:
                        self._refuse(HTTPStatus.GONE, "this page is out of date: reload it")
                    else:
                        self._json({"ready": False} if found is None else {"ready": True, **found})
            elif url.path == "/api/record":
                self._json(wb.record_json((query.get("key") or [""])[0]))
            elif url.path == "/download":
                fmt = (query.get("format") or ["docx"])[0]
                style = (query.get("style") or [""])[0] or None
                body, kind, name = wb.download(fmt, style)
                disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
                self._send(HTTPStatus.OK, body, kind, disposition)
            else:
                self._refuse(HTTPStatus.NOT_FOUND, "no such page")
        except CitekitError as exc:
            self._refuse(HTTPStatus.BAD_REQUEST, str(exc))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if not self._trusted(parse_qs(url.query)):
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "JSON only")
            return
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
            return
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError):
            self._refuse(HTTPStatus.BAD_REQUEST, "not a JSON object")
            return
        action = _ACTIONS.get(url.path)
        if action is None:
            self._refuse(HTTPStatus.NOT_FOUND, "no such action")
            return
        try:
            self._json(action(self.server.wb, data))
        except ConflictError as exc:
            self._json(
                {"error": str(exc), "conflict": True, "mine": exc.mine, "theirs": exc.theirs},
                HTTPStatus.CONFLICT,
            )
        except (CitekitError, KeyError, TypeError) as exc:
            self._refuse(HTTPStatus.BAD_REQUEST, str(exc))


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"not a chunk number: {text!r}") from None


def _change(change: Any) -> dict[str, Any]:
    return {"ok": True, "what": change.what, "key": change.key, "version": change.version}


def _keys(data: dict[str, Any]) -> list[str]:
    keys = data["keys"]
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys) or len(keys) < 2:
        raise InputError("keys: give two or more record keys")
    return keys


_ACTIONS: dict[str, Callable[[Workbench, dict[str, Any]], Any]] = {
    "/api/preview": lambda wb, d: {"entry": wb.preview_fields(d["key"], d["fields"])},
    "/api/save": lambda wb, d: _change(wb.save(d["key"], d["fields"], d.get("version"))),
    "/api/delete": lambda wb, d: _change(wb.delete(d["key"], d.get("version"))),
    "/api/confirm": lambda wb, d: _change(wb.confirm(d["key"], d.get("version"))),
    "/api/add": lambda wb, d: _change(
        wb.add_from_lines(d["refs_file"], d["source"], int(d["start"]), int(d["end"]), d["text"])
    ),
    "/api/merge": lambda wb, d: _change(wb.merge(_keys(d), d["into"], d.get("values") or {})),
    "/api/not-duplicates": lambda wb, d: _change(wb.not_duplicates(_keys(d))),
    "/api/repost": lambda wb, d: _change(wb.repost(_keys(d), d["original"])),
    "/api/check-link": lambda wb, d: wb.check_link(d["key"]),
    "/api/undo": lambda wb, d: _change(wb.undo()),
}


def serve(server: ReviewServer, *, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted; ``ready(url)`` is called once it listens."""
    if ready is not None:
        ready(server.url)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def start_in_thread(server: ReviewServer) -> threading.Thread:
    """Serve in a background thread (tests, benchmarks); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
