#!/usr/bin/env python3
"""citekit's link verdicts on held-out cases kept outside the project, served on 127.0.0.1.

    python benchmarks/eval_links_heldout.py /work/links-heldout/cases.py

The cases file (a Python module, never copied into the project) defines ``SITES`` (host ->
``fallback`` and ``pages`` response specs) and ``CASES`` (url, expected verdict, category); see
its docstring. One local server answers for every host: the checker reaches it as its HTTP
proxy, so real-looking and internationalised host names can be used and nothing leaves the
machine. Prints each case, then the share as expected, deleted pages caught, real pages called
broken, and the peak memory of the run (the decompression bomb must not move it much).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import resource
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citekit.checks.links import LinkOptions, LinkTarget, check_links  # noqa: E402


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("heldout_cases", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bomb(megabytes: int) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    once = b"".join(z.compress(block) for _ in range(megabytes)) + z.flush()
    return gzip.compress(once, 9)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sites: ClassVar[dict[str, Any]] = {}
    bombs: ClassVar[dict[int, bytes]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        u = urlsplit(self.path)
        host = (u.hostname or self.headers.get("Host", "").split(":")[0]).lower()
        with contextlib.suppress(UnicodeError):
            host = host.encode("ascii").decode("idna")
        # Servers decode percent-encoding: /item/%E4%B8%AD%E5%9B%BD is the page /item/中国.
        path = unquote(u.path or "/") + (f"?{u.query}" if u.query else "")
        site = self.sites.get(host)
        if site is None:
            spec: dict[str, Any] = {"status": 502, "body": "unknown host"}
        else:
            plain = unquote(u.path or "/")
            spec = site["pages"].get(path) or site["pages"].get(plain) or site["fallback"]
        status = int(spec.get("status", 200))
        headers = dict(spec.get("headers", {}))
        charset = spec.get("charset", "utf-8")
        body = str(spec.get("body", "")).replace("{path}", path).replace("{host}", host)
        data = body.encode(charset)
        if spec.get("bomb_mb"):
            mb = int(spec["bomb_mb"])
            data = self.bombs.get(mb) or self.bombs.setdefault(mb, _bomb(mb))
            headers["Content-Encoding"] = "gzip, gzip"
        elif spec.get("gzip_layers"):
            for _ in range(int(spec["gzip_layers"])):
                data = gzip.compress(data)
            headers["Content-Encoding"] = ", ".join(["gzip"] * int(spec["gzip_layers"]))
        self.send_response(status)
        headers.setdefault("Content-Type", f"text/html; charset={charset}")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if head:
            return
        rate = spec.get("bytes_per_s")
        with contextlib.suppress(OSError):
            if rate:
                step = max(1, int(rate) // 10)
                for i in range(0, len(data), step):
                    self.wfile.write(data[i : i + step])
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(data)


def main() -> None:
    """Serve the cases, check them with citekit's defaults, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("cases", type=Path, help="the held-out cases module (outside the project)")
    args = ap.parse_args()
    mod = _load(args.cases)
    _Handler.sites = {k.lower(): v for k, v in mod.SITES.items()}
    for site in mod.SITES.values():  # build bombs before the clock starts
        for spec in [site["fallback"], *site["pages"].values()]:
            if spec.get("bomb_mb"):
                _Handler.bombs[int(spec["bomb_mb"])] = _bomb(int(spec["bomb_mb"]))
    sizes = {mb: len(b) for mb, b in _Handler.bombs.items()}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    options = LinkOptions(proxy=proxy, trust_env=False)
    targets = [LinkTarget(url, (category,)) for url, _, category in mod.CASES]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    results = check_links(targets, options)
    wall = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    server.shutdown()
    good = 0
    deleted = caught = real = real_broken = 0
    for (url, expected, category), r in zip(mod.CASES, results, strict=True):
        hit = r.verdict == expected
        good += hit
        if expected == "broken" and category.startswith(
            ("deleted", "withdrawn", "WeChat", "Weibo")
        ):
            deleted += 1
            caught += r.verdict == "broken"
        if expected == "ok":
            real += 1
            real_broken += r.verdict == "broken"
        mark = "ok  " if hit else "MISS"
        print(f"{mark} {expected:12} {r.verdict:12} {r.reason:14} {category}: {url}")
        if not hit:
            print(f"       {r.detail}  evidence={list(r.evidence)}")
    n = len(results)
    print(f"\n{good}/{n} as expected ({good / n:.0%}) in {wall:.1f} s")
    print(
        f"deleted pages caught: {caught}/{deleted}; real pages called broken: {real_broken}/{real}"
    )
    print(f"bomb bodies: {sizes} bytes; peak RSS {rss_before // 1024} -> {rss_after // 1024} MB")


if __name__ == "__main__":
    main()
