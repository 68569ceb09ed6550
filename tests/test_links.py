"""The link checker against a local server that produces every case of issue 5.

One ``check_links`` run over all behaviours (module fixture) keeps the file fast; each
classification is then its own test. Nothing here leaves 127.0.0.1: the DNS failure is injected
through an httpx transport, so no name is ever looked up.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import itertools
import shutil
import socket
import ssl
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from linkserver import LinkServer

from citekit.checks.links import (
    LinkOptions,
    LinkResult,
    LinkTarget,
    check_links,
    gather_targets,
    load_url_list,
    url_problem,
)
from citekit.model import Library, Provenance, Reference

#: short backoff and no pacing so that the whole file runs in seconds; the timeouts stay far
#: from anything a loaded machine needs (the slow route sleeps 10 s against a 3 s deadline)
FAST = LinkOptions(
    timeout=3,
    connect_timeout=3,
    backoff=0.01,
    trust_env=False,
    host_rate=0,
    host_concurrency=10,
    adaptive=False,
)

CASES: list[tuple[str, str, str]] = [
    # path, reason, verdict
    ("/ok/1", "ok", "ok"),
    ("/gbk/1", "ok", "ok"),
    ("/r301/1", "moved", "ok"),
    ("/chain/1", "ok", "ok"),
    ("/perm/1", "moved", "ok"),
    ("/loop/1", "redirect-loop", "broken"),
    ("/many/0", "redirect-loop", "broken"),
    ("/nf/1", "not-found", "broken"),
    ("/gone/1", "gone", "broken"),
    ("/err/1", "server-error", "broken"),
    ("/flaky/1", "ok", "ok"),
    ("/unavail/1", "server-error", "broken"),
    ("/r429/1", "ok", "ok"),
    ("/r429long/1", "blocked", "unverifiable"),
    ("/forbidden/1", "blocked", "unverifiable"),
    ("/waf412/1", "challenge", "unverifiable"),
    ("/slow/1", "timeout", "broken"),
    ("/reset/1", "connection", "broken"),
    ("/soft404/1", "soft-404", "broken"),
    ("/soft404meta/1", "soft-404", "broken"),
    ("/soft404utf8/1", "soft-404", "broken"),
    ("/deep/news/2019/1", "soft-404", "broken"),
    ("/doc/1.pdf", "ok", "ok"),
    ("/gbkquery?q=%D6%D0%CE%C4", "ok", "ok"),
    ("/metarefresh/1", "not-found", "broken"),
    ("/jsredir/1", "not-found", "broken"),
    ("/jsreplace/1", "ok", "ok"),
    ("/selfrefresh/1", "ok", "ok"),
    ("/parked/1", "parked", "broken"),
    ("/acw/1", "challenge", "unverifiable"),
    ("/cfchallenge/1", "challenge", "unverifiable"),
    ("/gzip/1", "ok", "ok"),
    ("/gzip2/1", "oversized", "unverifiable"),
    ("/slowbody/1", "ok", "ok"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with LinkServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def results(server: LinkServer) -> dict[str, LinkResult]:
    targets = [LinkTarget(server.url(p), (f"ref{i}",)) for i, (p, _, _) in enumerate(CASES)]
    return {r.url[len(server.base) :]: r for r in check_links(targets, FAST)}


@pytest.mark.parametrize(("path", "reason", "verdict"), CASES, ids=[c[0] for c in CASES])
def test_every_behaviour_is_classified(
    results: dict[str, LinkResult], path: str, reason: str, verdict: str
) -> None:
    r = results[path]
    assert (r.reason, r.verdict) == (reason, verdict), r.detail


def test_results_come_back_in_target_order_with_their_ids(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    assert list(results) == [p for p, _, _ in CASES]
    assert results["/nf/1"].ids == (f"ref{[c[0] for c in CASES].index('/nf/1')}",)


def test_the_json_shape_is_the_documented_one(results: dict[str, LinkResult]) -> None:
    data = results["/nf/1"].to_json()
    assert list(data)[:7] == [
        "url",
        "ids",
        "verdict",
        "reason",
        "status",
        "final_url",
        "elapsed_ms",
    ]
    assert (data["status"], data["verdict"]) == (404, "broken")
    for r in results.values():
        assert LinkResult.from_json(r.to_json()) == r


def test_redirect_chain_is_reported(server: LinkServer, results: dict[str, LinkResult]) -> None:
    r = results["/chain/1"]
    assert [(h.url[len(server.base) :], h.status) for h in r.chain] == [
        ("/chain/1", 302),
        ("/chain2/1", 301),
        ("/chain3/1", 308),
    ]
    assert r.final_url == server.url("/ok/1")
    assert r.suggestion is None  # the first hop is temporary: the cited URL is the entry point


def test_a_permanent_redirect_suggests_the_new_url(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    assert results["/r301/1"].suggestion == server.url("/ok/1")
    assert results["/perm/1"].suggestion == server.url("/ok/perm-1")
    assert "chain" in results["/perm/1"].to_json()


def test_redirect_loops_are_detected_not_followed_forever(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    assert "loop back to" in results["/loop/1"].detail
    assert len(results["/loop/1"].chain) == 2
    assert "more than 10 redirects" in results["/many/0"].detail
    assert len(results["/many/0"].chain) == 11
    assert len(server.seen("/many/12")) == 0


def test_5xx_is_retried_and_a_flaky_server_passes(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    assert results["/flaky/1"].attempts == 2
    assert results["/unavail/1"].attempts == 3  # 1 + retries=2
    assert results["/err/1"].attempts == 2  # a 500 is the page's own fault: retried once
    assert len(server.seen("/unavail/1")) == 3


def test_retry_after_is_honoured(server: LinkServer, results: dict[str, LinkResult]) -> None:
    first, second = server.seen("/r429/1")
    assert second.start - first.end >= 0.95  # Retry-After: 1
    assert results["/r429/1"].attempts == 2
    assert results["/r429/1"].elapsed_ms >= 950  # the wait counts in the elapsed time


def test_a_retry_after_over_the_cap_ends_the_retries(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    assert len(server.seen("/r429long/1")) == 1
    assert "over the cap" in results["/r429long/1"].detail


def test_a_slow_page_on_a_host_that_answers_others_is_not_retried(
    results: dict[str, LinkResult],
) -> None:
    r = results["/slow/1"]
    assert r.reason == "timeout" and r.status is None
    assert r.attempts == 1  # its host answered requests sent after it: the page is the slow one
    assert "no answer within 3 s while its host answered other pages" in r.detail


def test_a_timeout_is_retried_once_when_the_host_answered_nothing_else(
    server: LinkServer,
) -> None:
    (r,) = check_links([LinkTarget(server.url("/slow/alone"))], _opt())
    assert r.reason == "timeout" and r.attempts == 2
    assert "no answer within 3 s (after 2 attempts)" in r.detail


def test_a_reset_is_a_connection_failure(results: dict[str, LinkResult]) -> None:
    r = results["/reset/1"]
    assert r.attempts == 3
    assert "reset" in r.detail or "closed the connection" in r.detail


def test_gbk_soft_404_pages_are_decoded(results: dict[str, LinkResult]) -> None:
    assert "页面不存在" in results["/soft404/1"].detail  # charset in the Content-Type header
    assert "页面不存在" in results["/soft404meta/1"].detail  # charset only in <meta>
    assert results["/gbk/1"].reason == "ok"  # a normal GBK page is not a false alarm
    assert results["/ok/1"].reason == "ok"  # its title says 第404期


def test_a_deep_link_sent_to_the_home_page_is_a_soft_404(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    r = results["/deep/news/2019/1"]
    assert r.final_url == server.url("/")
    assert "home page" in r.detail


def test_head_refused_falls_back_to_get(server: LinkServer) -> None:
    assert [s.method for s in server.seen("/doc/1.pdf")] == ["HEAD", "GET"]
    assert [s.method for s in server.seen("/gbk/1")] == ["GET"]  # pages: GET straight away


def test_a_server_that_lies_to_head_is_checked_with_get(server: LinkServer) -> None:
    [r] = check_links([LinkTarget(server.url("/headlie/1"))], _opt(method="head"))
    assert r.reason == "ok"
    assert [s.method for s in server.seen("/headlie/1")] == ["HEAD", "GET"]


def test_percent_encoded_gbk_queries_reach_the_server_unchanged(server: LinkServer) -> None:
    assert [s.path for s in server.seen("/gbkquery?q=%D6%D0%CE%C4")] == ["/gbkquery?q=%D6%D0%CE%C4"]


def _opt(**changes: Any) -> LinkOptions:
    from dataclasses import replace

    return replace(FAST, **changes)


# ------------------------------------------------------------------- connection-level failures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_connection_is_not_a_dns_failure() -> None:
    [r] = check_links([LinkTarget(f"http://127.0.0.1:{_free_port()}/x")], _opt(retries=0))
    assert (r.reason, r.verdict, r.detail) == ("connection", "broken", "connection refused")


class _NoSuchHost(httpx.AsyncBaseTransport):
    """A transport whose resolver knows no names under .invalid (nothing is looked up)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host.endswith(".invalid"):
            cause = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            raise httpx.ConnectError(str(cause), request=request) from cause
        return await self.inner.handle_async_request(request)


def test_an_unknown_host_is_a_dns_failure(server: LinkServer) -> None:
    opt = _opt(transport=_NoSuchHost())
    dns, ok = check_links(
        [LinkTarget("http://gone.journal.invalid/a/1"), LinkTarget(server.url("/ok/dns"))], opt
    )
    assert (dns.reason, dns.verdict, dns.attempts) == ("dns", "broken", 1)  # final: no retry
    assert "cannot resolve host" in dns.detail
    assert ok.reason == "ok"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        pytest.param("htp:/example.com", "unsupported scheme", id="typo-scheme"),
        pytest.param("ftp://example.com/a", "unsupported scheme 'ftp'", id="ftp"),
        pytest.param("www.gov.cn/a.html", "no scheme", id="no-scheme"),
        pytest.param("http://", "no host", id="no-host"),
        pytest.param("http://exa mple.com/", "whitespace", id="space"),
        pytest.param("http://www.gov.cn：8080/a", "Invalid IDNA hostname", id="full-width-colon"),
        pytest.param("", "empty", id="empty"),
    ],
)
def test_malformed_urls_are_invalid_without_a_request(url: str, why: str) -> None:
    problem = url_problem(url)
    assert problem is not None and why in problem
    [r] = check_links([LinkTarget(url)], FAST)
    assert (r.reason, r.verdict, r.status) == ("invalid", "broken", None)


# -------------------------------------------------------------------------------------- TLS


def _make_cert(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        if not shutil.which("openssl"):
            pytest.skip("neither the cryptography package nor openssl is available")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        return cert, key
    pk = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "citekit test")])
    now = dt.datetime.now(dt.timezone.utc)
    crt = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(pk.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(pk, hashes.SHA256())
    )
    cert.write_bytes(crt.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        pk.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LinkServer, Path]]:
    cert, key = _make_cert(tmp_path_factory.mktemp("tls"))
    with LinkServer(tls=(cert, key)) as srv:
        yield srv, cert


def test_a_self_signed_certificate_is_a_named_tls_problem(
    tls_server: tuple[LinkServer, Path],
) -> None:
    srv, _ = tls_server
    [r] = check_links([LinkTarget(srv.url("/ok/1"))], FAST)
    assert (r.reason, r.verdict) == ("tls", "broken")
    assert "self" in r.detail and "signed" in r.detail  # "self-signed certificate"


def test_an_http_to_https_upgrade_is_fine(tls_server: tuple[LinkServer, Path]) -> None:
    srv, cert = tls_server
    with LinkServer(upgrade_to=srv.base) as plain:
        trusted = ssl.create_default_context(cafile=str(cert))
        [r] = check_links([LinkTarget(plain.url("/upgrade/7"))], _opt(verify=trusted))
    assert (r.reason, r.verdict, r.suggestion) == ("ok", "ok", None)
    assert r.final_url == srv.url("/upgrade/7")
    assert "https upgrade" in r.detail


# ------------------------------------------------------------------------------------- limits


def test_per_host_concurrency_is_never_exceeded() -> None:
    with LinkServer(host="127.0.0.1") as a, LinkServer(host="127.0.0.2") as b:
        targets = [LinkTarget(s.url(f"/wait/{i}")) for i in range(8) for s in (a, b)]
        res = check_links(targets, _opt(host_concurrency=2, host_interval=0, max_concurrency=10))
    assert all(r.reason == "ok" for r in res)
    assert max(a.max_in_flight.values()) == 2
    assert max(b.max_in_flight.values()) == 2


def test_global_concurrency_is_never_exceeded() -> None:
    with LinkServer(host="127.0.0.1") as a, LinkServer(host="127.0.0.2") as b:
        targets = [LinkTarget(s.url(f"/wait/{i}")) for i in range(6) for s in (a, b)]
        check_links(targets, _opt(host_concurrency=5, host_interval=0, max_concurrency=3))
        starts = sorted((r.start, 1) for r in a.requests + b.requests)
        ends = sorted((r.end, -1) for r in a.requests + b.requests)
    in_flight = peak = 0
    for _, delta in sorted(ends + starts):  # an end sorts before a start at the same instant
        in_flight += delta
        peak = max(peak, in_flight)
    assert peak == 3


def test_the_minimum_interval_between_requests_to_a_host_is_kept(server: LinkServer) -> None:
    targets = [LinkTarget(server.url(f"/ok/interval-{i}")) for i in range(6)]
    check_links(targets, _opt(host_interval=0.4, host_concurrency=6))
    starts = sorted(s.start for s in server.requests if "/ok/interval-" in s.path)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # The client spaces the starts 400 ms apart. The server's clock sees them late by however
    # long a loaded machine takes to schedule its handler, so each gap is allowed half of that
    # (a client that did not wait would show gaps of a few ms) and the whole run most of it.
    assert len(starts) == 6 and min(gaps) >= 0.2, gaps
    assert starts[-1] - starts[0] >= 5 * 0.4 * 0.8, gaps


def test_a_retry_goes_before_urls_not_yet_started() -> None:
    with LinkServer() as srv:
        paths = ["/flaky/first", "/wait/a", "/ok/b", "/ok/c", "/ok/d"]
        res = check_links(
            [LinkTarget(srv.url(p)) for p in paths], _opt(host_concurrency=1, host_interval=0)
        )
        requests = sorted(srv.requests, key=lambda s: s.start)
        # the site's baseline (probes, and its home page for a short page) is not a cited URL
        order = [s.path for s in requests if "citekit-no-such-page" not in s.path and s.path != "/"]
    assert [r.reason for r in res] == ["ok"] * 5
    # The retry of the first URL waits for the one slot, then takes it before /ok/b.
    assert order == ["/flaky/first", "/wait/a", "/flaky/first", "/ok/b", "/ok/c", "/ok/d"]


def test_a_host_that_answers_429_is_slowed_down_adaptively() -> None:
    with LinkServer() as srv:
        targets = [LinkTarget(srv.url(f"/r429zero/{i}")) for i in range(3)]
        opt = _opt(adaptive=True, host_rate=10, host_concurrency=3, retries=1)
        res = check_links(targets, opt)
        starts = sorted(s.start for s in srv.requests if s.path.startswith("/r429zero/"))
    assert [r.reason for r in res] == ["blocked"] * 3
    assert len(starts) == 6
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # The pace starts at 2 per second (0.5 s apart, whatever the caps allow) and halves on a
    # burst of 429s: the requests after it are at least a second apart. The client sleeps
    # these gaps, so a slow machine only makes them longer; the server's clock may see a start
    # late by a loaded machine's scheduling delay, hence the slack (an unpaced client: ~0 s).
    assert starts[2] - starts[0] >= 2 * 0.35, gaps
    assert min(gaps[3:]) >= 0.7, gaps


# -------------------------------------------------------------------------------- cache, archive


def test_good_results_are_cached_and_failures_never(server: LinkServer, tmp_path: Path) -> None:
    opt = _opt(use_cache=True, cache_path=tmp_path / "links.sqlite")
    urls = [LinkTarget(server.url("/ok/cache"), ("a",)), LinkTarget(server.url("/nf/cache"))]
    first = check_links(urls, opt)
    second = check_links([LinkTarget(server.url("/ok/cache"), ("b",)), urls[1]], opt)
    assert [r.cached for r in first] == [False, False]
    assert [r.cached for r in second] == [True, False]
    assert second[0].ids == ("b",) and second[0].reason == "ok"
    assert len(server.seen("/ok/cache")) == 1
    assert len(server.seen("/nf/cache")) == 2
    third = check_links(urls[:1], _opt(use_cache=True, cache_path=opt.cache_path, cache_max_age=0))
    assert not third[0].cached  # too old: checked again
    assert len(server.seen("/ok/cache")) == 2


def test_the_cache_location_comes_from_the_environment(
    server: LinkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEKIT_LINK_CACHE", str(tmp_path / "env.sqlite"))
    check_links([LinkTarget(server.url("/ok/env"))], _opt(use_cache=True))
    assert (tmp_path / "env.sqlite").is_file()


def test_broken_links_get_an_archive_suggestion_when_asked(server: LinkServer) -> None:
    targets = [LinkTarget(server.url("/nf/arch")), LinkTarget(server.url("/ok/arch"))]
    api = server.url("/wayback/available")
    broken, ok = check_links(targets, _opt(suggest_archive=True, archive_api=api))
    assert broken.suggestion == (
        "http://web.archive.invalid/web/20200101000000/" + server.url("/nf/arch")
    )
    assert ok.suggestion is None
    assert len(server.seen("/wayback/available?url=" + server.url("/ok/arch"))) == 0
    [off] = check_links(targets[:1], _opt(archive_api=api))
    assert off.suggestion is None  # off by default


# --------------------------------------------------------------------------------- gathering


def test_targets_come_from_url_fields_and_provenance_text() -> None:
    lib = Library(
        [
            Reference("a", url="http://x.cn/1.html"),
            Reference(
                "b",
                provenance=(
                    Provenance("seeds/s.txt", 3, 3, "（来源：http://x.cn/2.html，2019年）"),
                ),
            ),
            Reference("c", url="http://x.cn/1.html"),
            Reference("d"),
        ]
    )
    assert gather_targets(lib) == [
        LinkTarget("http://x.cn/1.html", ("a", "c")),
        LinkTarget("http://x.cn/2.html", ("b",)),
    ]


def test_a_library_can_be_checked_directly(server: LinkServer) -> None:
    lib = Library([Reference("k", url=server.url("/gone/lib"))])
    [r] = check_links(lib, FAST)
    assert (r.ids, r.reason) == (("k",), "gone")


def test_a_url_list_names_the_lines(tmp_path: Path) -> None:
    f = tmp_path / "urls.txt"
    f.write_text("# comment\nhttp://a.cn/1\n\nhttp://a.cn/2\nhttp://a.cn/1\n", encoding="utf-8")
    assert load_url_list(f) == [
        LinkTarget("http://a.cn/1", (f"{f}:2", f"{f}:5")),
        LinkTarget("http://a.cn/2", (f"{f}:4",)),
    ]


# ------------------------------------------------------------- soft 404s through the engine

_HOME = (
    "<title>某市人民政府</title><div><a>首页</a><a>政务公开</a><a>办事服务</a></div>"
    "<ul><li>全市召开经济工作会议 2021-03-05</li><li>春耕生产部署 2021-03-04</li></ul>"
)
_ARTICLE = (
    "<title>关于废止部分规范性文件的决定</title><h1>关于废止部分规范性文件的决定</h1>"
    "<div>发布时间：2021-03-05 来源：市政府办公室</div><p>以下文件自发布之日起已失效。</p>"
)
_LOST = "<title>温馨提示</title><p>哎呀，您要找的东西暂时不在这里：{path}</p><a href='/'>回首页</a>"


def test_sites_are_compared_with_their_answer_for_a_url_that_cannot_exist() -> None:
    sites = {
        "www.catchall.cn": {"*": (200, _HOME, {}), "/zw/2021/c1.html": (200, _ARTICLE, {})},
        "www.lost.cn": {"*": (200, _LOST, {}), "/art/1.html": (200, _ARTICLE, {})},
        "mp.weixin.qq.com": {
            "*": (200, '<div class="weui-msg"><h2>参数错误</h2></div>', {}),
            "/s/live": (200, '<div id="js_content"><p>正文</p></div>', {}),
            "/s/gone": (200, '<div class="weui-msg"><h2>此内容因违规无法查看</h2></div>', {}),
        },
    }
    with LinkServer(sites=sites) as proxy:
        urls = [
            "http://www.catchall.cn/zw/2021/c1.html",
            "http://www.catchall.cn/zw/2019/c9.html",
            "http://www.catchall.cn/zw/2019/c8.html",
            "http://www.lost.cn/art/1.html",
            "http://www.lost.cn/art/2.html",
            "http://mp.weixin.qq.com/s/live",
            "http://mp.weixin.qq.com/s/gone",
        ]
        res = check_links([LinkTarget(u) for u in urls], _opt(proxy=proxy.base))
        probes = Counter(s.host for s in proxy.requests if "citekit-no-such-page" in s.path)
    assert [r.reason for r in res] == [
        "ok",
        "soft-404",
        "soft-404",
        "ok",
        "soft-404",
        "ok",
        "soft-404",
    ]
    assert any("like the site's page for" in e for e in res[1].evidence)
    assert "WeChat article" in res[6].detail
    # Two made-up URLs per site at most, however many of its URLs are checked.
    assert probes and max(probes.values()) <= 2


_CHROME = "<div><a href='/'>首页</a><a>通知公告</a><a>学术活动</a></div>{}<div>版权所有</div>"


def test_on_a_site_that_answers_404_a_page_is_compared_with_a_page_of_the_site() -> None:
    nf = (404, "<h1>Not Found</h1>", {})
    empty = _CHROME.format("<p>本条信息已经不再公开。</p>")
    sites = {
        "www.society.cn": {
            "*": nf,
            "/": (200, "<title>某某学会</title>" + _CHROME.format("<ul><li>年会</li></ul>"), {}),
            "/tz/1.html": (200, "<title>某某学会</title>" + empty, {}),
            "/tz/2.html": (200, "<title>会议延期_某某学会</title>" + _CHROME.format("延期。"), {}),
            "/tz/3.html": (200, "<title>某某学会</title>" + empty, {}),
        },
        # no home page: the nearest sibling of the run that shows content stands in for it
        "www.nohome.cn": {
            "*": nf,
            "/a/1.html": (200, "<title>某某学会</title>" + empty, {}),
            "/a/2.html": (200, f"<title>关于年会的通知_某某学会</title>{_ARTICLE}", {}),
        },
    }
    with LinkServer(sites=sites) as proxy:
        urls = [
            "http://www.society.cn/tz/1.html",
            "http://www.society.cn/tz/2.html",
            "http://www.society.cn/tz/3.html",
            "http://www.nohome.cn/a/1.html",
            "http://www.nohome.cn/a/2.html",
        ]
        res = check_links([LinkTarget(u) for u in urls], _opt(proxy=proxy.base))
        homes = Counter(s.host for s in proxy.requests if urlsplit(s.path).path == "/")
    assert [r.reason for r in res] == ["soft-404", "ok", "soft-404", "soft-404", "ok"]
    assert "nothing of its own" in res[0].detail and "不再公开" in res[0].detail
    assert "http://www.nohome.cn/a/2.html" in res[3].evidence[0]
    # The site's page is fetched once per site, however many of its pages are compared.
    assert homes["www.society.cn"] == 1


def test_a_message_page_is_compared_with_an_item_of_its_column_in_the_run() -> None:
    nf = (404, "<h1>Not Found</h1>", {})
    back = "<a href='javascript:history.back()'>返回</a>"
    home = "<title>某某博客</title>" + _CHROME.format("<ul><li>年会</li></ul>")
    sites = {
        "www.blog.cn": {
            "*": nf,
            "/": (200, home, {}),
            "/post/1.html": (
                200,
                "<title>提示 - 某某博客</title>" + _CHROME.format(f"<p>这篇看不到了</p>{back}"),
                {},
            ),
            "/post/2.html": (
                200,
                "<title>一次排查 - 某某博客</title>"
                + _CHROME.format("<h1>一次排查</h1><p>连接池没关。</p>"),
                {},
            ),
            "/about/1.html": (
                200,
                "<title>提示 - 某某博客</title>" + _CHROME.format(f"<p>本站休假一周</p>{back}"),
                {},
            ),
        },
    }
    with LinkServer(sites=sites) as proxy:
        urls = [
            "http://www.blog.cn/post/1.html",
            "http://www.blog.cn/post/2.html",
            "http://www.blog.cn/about/1.html",
        ]
        res = check_links([LinkTarget(u) for u in urls], _opt(proxy=proxy.base))
    # /about/1.html has no item of its column in the run to compare with: it stays ok.
    assert [r.reason for r in res] == ["soft-404", "ok", "ok"]
    assert "column's item template" in res[0].detail
    assert "http://www.blog.cn/post/2.html" in res[0].evidence[0]


def test_client_side_redirects_are_in_the_chain_and_the_detail(
    server: LinkServer, results: dict[str, LinkResult]
) -> None:
    r = results["/metarefresh/1"]
    assert [(h.url[len(server.base) :], h.via) for h in r.chain] == [
        ("/metarefresh/1", "meta-refresh")
    ]
    assert r.detail == f"HTTP 404 after a meta-refresh redirect to {server.url('/nf/1')}"
    assert [h.via for h in results["/jsredir/1"].chain] == ["script"]
    assert results["/selfrefresh/1"].chain == ()


def test_a_page_that_mentions_a_deletion_is_weighed_against_its_site_and_column() -> None:
    nf = (404, "<h1>Not Found</h1>", {})
    frame = "<title>{t} - 某市教育局</title>" + _CHROME.format(
        "<div class='crumb'>首页 &gt; 资讯</div>"
        "<div class='art'>{h}<div class='txt'>{p}</div></div>"
    )
    item = frame.format(
        t="全市教育工作会议召开", h="<h1>全市教育工作会议召开</h1>", p="<p>会议部署全年任务。</p>"
    )
    notice = frame.format(
        t="提示",
        h="",
        p="<p>近期有人冒用我局名义发布招聘信息，相关网页已删除，请以本网站信息为准。</p>",
    )
    message = "<title>错误信息</title>" + _CHROME.format(
        "<table><tr><td>该信息已过期</td></tr></table>"
    )
    sites = {
        "www.jyj.cn": {
            "*": nf,
            "/": (200, "<title>某市教育局</title>" + _CHROME.format("<ul><li>年会</li></ul>"), {}),
            "/zx/t1.html": (200, item, {}),
            "/zx/t2.html": (200, notice, {}),
            "/zx/t3.html": (200, message, {}),
        },
    }
    urls = [f"http://www.jyj.cn/zx/t{i}.html" for i in (1, 2, 3)]
    with LinkServer(sites=sites) as proxy:
        res = check_links([LinkTarget(u) for u in urls], _opt(proxy=proxy.base))
        homes = Counter(s.host for s in proxy.requests if urlsplit(s.path).path == "/")
    assert [r.reason for r in res] == ["ok", "ok", "soft-404"]
    assert any("item template of http://www.jyj.cn/zx/t1.html" in e for e in res[1].evidence)
    assert res[2].evidence[0] == "text says '该信息已过期'"
    assert homes["www.jyj.cn"] == 1


def test_a_redirect_to_a_login_form_is_unverifiable_not_broken() -> None:
    login = "<title>用户登录</title><form><input name='u'><input type='password' name='p'></form>"
    sites = {
        "www.dangan.cn": {
            "*": (302, "", {"Location": "/login.jsp"}),
            "/login.jsp": (200, login, {}),
        },
    }
    with LinkServer(sites=sites) as proxy:
        res = check_links([LinkTarget("http://www.dangan.cn/a/1.html")], _opt(proxy=proxy.base))
    assert (res[0].reason, res[0].verdict) == ("blocked", "unverifiable")
    assert "login form" in res[0].detail
