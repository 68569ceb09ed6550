"""The verdict policy on its own: decoding Chinese pages, soft 404s, redirects, Retry-After."""

from __future__ import annotations

import socket
import ssl
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citekit.checks.classify import (
    REASONS,
    classify_exception,
    classify_status,
    decode_html,
    is_equivalent_redirect,
    is_home_page_redirect,
    is_parent_folder_redirect,
    parse_retry_after,
    verdict_of,
)
from citekit.checks.pages import analyse_page
from citekit.checks.soft404 import judge_page

SOFT404 = (
    "<html><head><title>提示</title></head><body><h2>抱歉，您访问的页面不存在！</h2></body></html>"
)
ARTICLE = (
    "<html><head><title>统计公报</title></head><body><h1>国民经济</h1><p>增长。</p></body></html>"
)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(SOFT404.encode("gbk"), "text/html; charset=gbk", id="header-gbk"),
        pytest.param(SOFT404.encode("gbk"), "text/html; charset=GB2312", id="header-gb2312"),
        pytest.param(
            SOFT404.replace("<head>", '<head><meta charset="gb2312">').encode("gbk"),
            "text/html",
            id="meta-only",
        ),
        pytest.param(
            SOFT404.replace(
                "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=GBK">'
            ).encode("gbk"),
            None,
            id="http-equiv",
        ),
        pytest.param(SOFT404.encode("gbk"), None, id="undeclared"),
        pytest.param(SOFT404.encode("gbk"), "text/html; charset=utf-8", id="header-lies"),
        pytest.param(SOFT404.encode("utf-8"), "text/html; charset=utf-8", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + SOFT404.encode("utf-8"), "text/html", id="bom"),
    ],
)
def test_chinese_pages_are_decoded_whatever_they_declare(
    body: bytes, content_type: str | None
) -> None:
    assert "您访问的页面不存在" in decode_html(body, content_type)


def test_a_body_cut_inside_a_character_still_decodes() -> None:
    body = SOFT404.encode("utf-8")
    cut = body[: body.index("页面".encode()) + 4]  # the middle of 面
    assert "页" in decode_html(cut, "text/html; charset=utf-8")


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_gbk_text_round_trips_through_decode_html(text: str) -> None:
    html = f"<html><body>{text}</body></html>"
    data = html.encode("gb18030")
    assert decode_html(data, "text/html; charset=gbk") == html
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Undeclared, the bytes are read as GBK. (A short text whose GBK bytes are also valid
        # UTF-8 — 鎬丂 is E6 80 81 40, which UTF-8 reads as 态@ — is ambiguous without a charset.)
        assert decode_html(data, None) == html


def _wording_verdict(html: str) -> str:
    """The verdict on a 200 page with no baseline to compare with: wordings and other evidence."""
    page = analyse_page("http://x.cn/a/1.html", html)
    return judge_page(page.url, page.url, False, page, html, []).reason


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(SOFT404, id="您访问的页面不存在"),
        pytest.param("<title>404 Not Found</title>", id="title-404"),
        pytest.param("<title>404</title><p>x</p>", id="bare-404-title"),
        pytest.param("<p>404 Not Found - 页面未找到</p>", id="short-page"),
        pytest.param("<h1>对不起，该文章已被删除</h1>", id="文章已被删除"),
        pytest.param("<h3>找不到该页面</h3>", id="找不到该页面"),
        pytest.param("<title>Page not found | Example</title>", id="english"),
    ],
)
def test_error_pages_are_recognized(html: str) -> None:
    assert _wording_verdict(html) == "soft-404"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(ARTICLE, id="article"),
        pytest.param("<title>关于印发第404号文件的通知</title>", id="number-404-in-title"),
        pytest.param("<title>2019年第404期</title><p>正文</p>", id="issue-404"),
        pytest.param(
            "<title>新闻</title><p>" + "正文" * 2000 + "该页面不存在时请联系管理员</p>",
            id="long-article-quoting-a-phrase",
        ),
    ],
)
def test_articles_are_not_mistaken_for_error_pages(html: str) -> None:
    assert _wording_verdict(html) == "ok"


@given(st.text())
def test_soft_404_detection_never_fails_on_any_text(text: str) -> None:
    _wording_verdict(text)
    decode_html(text.encode("utf-8", "surrogatepass"), "text/html; charset=nonsense")


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (200, "ok"),
        (204, "ok"),
        (404, "not-found"),
        (410, "gone"),
        (400, "not-found"),
        (403, "blocked"),
        (412, "blocked"),
        (405, "blocked"),  # to a GET: a cloud firewall's answer
        (418, "blocked"),
        (429, "blocked"),
        (401, "blocked"),
        (500, "server-error"),
        (503, "server-error"),
    ],
)
def test_statuses(status: int, reason: str) -> None:
    assert classify_status(status) == reason


def test_every_reason_has_a_verdict() -> None:
    assert {r: verdict_of(r) for r in ("ok", "moved", "blocked", "tls")} == {
        "ok": "ok",
        "moved": "ok",
        "blocked": "unverifiable",
        "tls": "broken",
    }
    assert {verdict_of(r) for r in REASONS} == {"ok", "broken", "unverifiable"}


@pytest.mark.parametrize(
    ("src", "dst", "same"),
    [
        ("http://www.gov.cn/a/1.htm", "https://www.gov.cn/a/1.htm", True),
        ("http://gov.cn/a/", "https://www.gov.cn/a", True),
        ("https://gov.cn/a", "http://gov.cn/a", False),  # a downgrade
        ("http://gov.cn/a/1.htm", "http://gov.cn/b/1.htm", False),
        ("http://gov.cn/a?id=1", "https://gov.cn/a?id=2", False),
    ],
)
def test_equivalent_redirects(src: str, dst: str, same: bool) -> None:
    assert is_equivalent_redirect(src, dst) is same


@pytest.mark.parametrize(
    ("src", "dst", "home"),
    [
        ("http://x.cn/news/2019/1.html", "http://x.cn/", True),
        ("http://x.cn/news/2019/1.html", "https://www.x.cn/index.html", True),
        ("http://x.cn/show.asp?id=3", "http://x.cn/", True),
        ("http://x.cn/?id=3", "http://x.cn/", True),
        ("http://x.cn/", "https://x.cn/", False),  # the home page itself
        ("http://x.cn/a", "http://x.cn/b", False),
    ],
)
def test_home_page_redirects(src: str, dst: str, home: bool) -> None:
    assert is_home_page_redirect(src, dst) is home


@pytest.mark.parametrize(
    ("src", "dst", "parent"),
    [
        ("http://x.cn/xw/2023/1102/187.html", "http://x.cn/xw/", True),
        ("http://x.cn/xw/2023/1102/187.html", "https://www.x.cn/xw/index.html", True),
        ("http://x.cn/xw/index.html", "http://x.cn/xw/", False),  # the same folder
        ("http://x.cn/about", "http://x.cn/about/", False),  # a trailing slash
        ("http://x.cn/a/1.html", "http://x.cn/b/", False),  # not above it
        ("http://x.cn/a/1.html", "http://x.cn/", False),  # the home page: its own rule
        ("http://x.cn/a/1.html", "http://x.cn/a/?page=2", False),
    ],
)
def test_redirects_to_a_folder_above_the_item(src: str, dst: str, parent: bool) -> None:
    assert is_parent_folder_redirect(src, dst) is parent


def test_retry_after_seconds_and_dates() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def _wrapped(cause: BaseException) -> Exception:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise RuntimeError("connect failed") from inner
    except RuntimeError as outer:
        return outer


def test_exceptions_are_told_apart_by_their_cause() -> None:
    nxdomain = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert classify_exception(_wrapped(nxdomain))[::2] == ("dns", False)
    again = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert classify_exception(_wrapped(again))[::2] == ("dns", True)
    assert classify_exception(_wrapped(ConnectionRefusedError()))[:2] == (
        "connection",
        "connection refused",
    )
    assert classify_exception(_wrapped(ConnectionResetError()))[1] == "connection reset by peer"
    cert = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cert.verify_message = "certificate has expired"
    assert classify_exception(_wrapped(cert))[:2] == ("tls", "certificate has expired")
