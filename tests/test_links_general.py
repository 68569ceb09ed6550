"""Soft-404 evidence that does not depend on one wording: a firewall's block page, the site's own
not-found template sent with 200, what a page's head says (canonical, noindex), a heading that is
only a noun and a state, wordings in Japanese, and pages the site itself lists.

A real short page must never be called broken by any of these: each mechanism has its ok case.
"""

from __future__ import annotations

from collections import Counter

import pytest
from linkserver import LinkServer

from citekit.checks.links import LinkOptions, LinkTarget, check_links
from citekit.checks.pages import analyse_page
from citekit.checks.soft404 import Probe, deletion_wording, judge_against_site, judge_page

OPTIONS = LinkOptions(
    timeout=10,
    connect_timeout=10,
    backoff=0.01,
    trust_env=False,
    host_rate=0,
    host_concurrency=4,
    adaptive=False,
)


def _judge(url: str, html: str, probes: list[Probe] | None = None) -> str:
    page = analyse_page(url, html)
    return judge_page(url, url, False, page, html, probes or []).reason


def _probe(url: str, html: str, status: int) -> Probe:
    return Probe(url, status, url, False, analyse_page(url, html))


# --------------------------------------------------------------------- firewall block pages

WAF_200 = (
    "<title>GeekShop - Firewall.</title><div class='content'><span>Your request has illegal "
    "parameters and has been blocked by the webmaster.</span><p>Event ID: 2023-7f3e</p></div>"
)
WAF_CN = (
    "<title>华为云WAF</title><h2>您的请求疑似攻击行为！</h2><p>事件ID：08-f1c2a9</p>"
    "<p>如果您是网站管理员，请登录控制台查看。</p>"
)
DOCS_REQUEST_ID = (
    "<title>Request IDs | API docs</title><h1>Request IDs</h1>"
    "<p>Every response carries a header for security audits.</p><pre>Request ID: 5f2c-88</pre>"
)


@pytest.mark.parametrize("html", [WAF_200, WAF_CN], ids=["intercepted-request", "incident-id"])
def test_a_firewall_block_page_sent_with_200_is_blocked(html: str) -> None:
    assert analyse_page("http://x.cn/a/1.html", html).blocked
    assert _judge("http://x.cn/a/1.html", html) == "blocked"


def test_a_page_that_shows_a_request_id_is_no_block_page() -> None:
    assert not analyse_page("http://x.cn/guide/ids", DOCS_REQUEST_ID).blocked
    assert _judge("http://x.cn/guide/ids", DOCS_REQUEST_ID) == "ok"


def test_a_block_page_sent_with_400_is_unverifiable_not_broken() -> None:
    sites = {
        "www.waf.cn": {"*": (400, WAF_CN, {})},
        "www.plain.cn": {"*": (400, "<title>400 Bad Request</title><h1>Bad Request</h1>", {})},
    }
    with LinkServer(sites=sites) as proxy:
        res = check_links(
            [LinkTarget("http://www.waf.cn/news/1.html"), LinkTarget("http://www.plain.cn/n/1")],
            LinkOptions(**{**_fields(OPTIONS), "proxy": proxy.base}),
        )
    assert [(r.reason, r.verdict) for r in res] == [
        ("blocked", "unverifiable"),
        ("not-found", "broken"),
    ]
    assert any("事件ID" in e or "incident ID" in e for e in res[0].evidence)


def _fields(opt: LinkOptions) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(opt, f.name) for f in fields(opt)}


# ------------------------------------------------------- the site's not-found page, sent with 200

_NAV = (
    "<header><a href='/'>阿树的小站</a><a href='/posts/'>文章</a>"
    "<a href='/about/'>关于</a></header>"
)
NOT_FOUND = (
    f"<title>Oops | 阿树的小站</title>{_NAV}<main><h1>Oops!</h1>"
    "<p>如果你是无意间来到这里的，请告诉我们你是从哪里点进来的。</p></main>"
)
SHORT_POST = (
    f"<title>Vim 小技巧 | 阿树的小站</title>{_NAV}"
    "<main><h1>Vim 小技巧</h1><p>ciw 改一个词。</p></main>"
)


def test_the_sites_404_template_sent_with_200_is_a_soft_404_whatever_it_says() -> None:
    assert deletion_wording(NOT_FOUND) is None  # nothing listed: the comparison tells
    probe = _probe("http://a.cn/posts/citekit-no-such-page-1/", NOT_FOUND, 404)
    assert _judge("http://a.cn/posts/old/", NOT_FOUND, [probe]) == "soft-404"
    # a real short post in the same template is another page
    assert _judge("http://a.cn/posts/vim/", SHORT_POST, [probe]) == "ok"
    # a generic server 404 shares too little with any page to be compared
    nginx = _probe("http://a.cn/x", "<title>404 Not Found</title><h1>404 Not Found</h1>", 404)
    assert _judge("http://a.cn/posts/vim/", SHORT_POST, [nginx]) == "ok"


# ------------------------------------------------------------------ what the page's head says


def test_a_canonical_address_that_names_an_error_page_is_a_soft_404() -> None:
    html = (
        "<title>某某公司</title><link rel='canonical' href='/404.html'>"
        "<div class='wrap'><p>返回首页</p></div>"
    )
    j = judge_page(
        "http://c.cn/a/7.html",
        "http://c.cn/a/7.html",
        False,
        analyse_page("http://c.cn/a/7.html", html),
        html,
        [],
    )
    assert j.reason == "soft-404"
    assert "canonical" in j.evidence[0]


def test_a_canonical_home_page_or_noindex_alone_never_breaks_a_real_page() -> None:
    html = (
        "<title>绿源农业</title><link rel='canonical' href='http://c.cn/'>"
        "<meta name='robots' content='noindex'>"
        "<h2>春季育苗开始</h2><p>3月起第一批番茄苗进入大棚。</p>"
    )
    page = analyse_page("http://c.cn/news/1.html", html)
    assert page.canonical == "http://c.cn/" and page.noindex
    assert _judge("http://c.cn/news/1.html", html) == "ok"


def test_head_evidence_is_listed_beside_a_wording() -> None:
    html = (
        "<title>LC Study</title><meta name='robots' content='noindex'><h3>Page Not Available</h3>"
    )
    page = analyse_page("http://l.cn/p/1", html)
    j = judge_page("http://l.cn/p/1", "http://l.cn/p/1", False, page, html, [])
    assert j.reason == "soft-404" and "robots noindex" in j.evidence


# --------------------------------------------------------------------------- wording forms


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("お探しのページは見つかりませんでした。", "ページは见つかりませんでした"),
        ("この記事は削除されました", "记事は削除されました"),
        ("案例已下架", "案例已下架"),
        ("此链接已经失效", "此链接已经失效"),
        ("未找到相关文章", "未找到相关文章"),
        ("Content Removed", "Content Removed"),
        ("Page Not Available", "Page Not Available"),
        ("This content has been permanently removed.", "This content has been permanently removed"),
        (
            "The content you were trying to access has been deleted.",
            "The content you were trying to access has been deleted",
        ),
        ("It looks like nothing was found at this location.", "nothing was found"),
    ],
)
def test_wordings_in_more_forms(text: str, wording: str) -> None:
    assert deletion_wording(text) == wording


@pytest.mark.parametrize(
    "text", ["我们的活动已经结束", "如果没有找到原因，请联系", "Removed", "旧版网站已关闭"]
)
def test_sentences_that_say_no_deletion(text: str) -> None:
    assert deletion_wording(text) is None


def test_a_heading_of_only_an_error_status_on_a_short_page_is_a_soft_404() -> None:
    html = (
        "<title>LeadFive</title><h1>404</h1>"
        "<p>URLをご確認いただくか、以下のリンクからお探しください。</p>"
    )
    assert _judge("http://j.jp/campaign/2022/", html) == "soft-404"
    review = (
        "<title>标致404：经典车型回顾_汽车频道</title>"
        "<h1>标致404：经典车型回顾</h1><p>1960年上市。</p>"
    )
    assert _judge("http://q.cn/a/404review.html", review) == "ok"


def test_a_news_report_headlined_with_a_state_is_named_not_a_message() -> None:
    news = (
        "<title>问题奶粉已下架_民生网</title><h1>问题奶粉已下架</h1>"
        "<p>市场监管局通报，涉事批次已全部撤柜。</p>"
    )
    assert _judge("http://m.cn/sh/2024/5.html", news) == "ok"
    message = "<title>墨白设计</title><h2>案例已下架</h2><a href='/cases/'>查看全部案例</a>"
    assert _judge("http://m.cn/cases/41.html", message) == "soft-404"


# --------------------------------------------------------------------- pages the site lists

_GOV_NAV = "<div class='top'><a href='/'>某某县人民政府</a><a href='/zwgk/'>政务公开</a></div>"


def test_a_page_its_site_links_to_keeps_its_heading() -> None:
    notice = (
        f"<title>某某县人民政府</title>{_GOV_NAV}"
        "<div class='zw'><h3>关于旧版网站停止服务的公告</h3>"
        "<p>旧版网站已关闭，请通过首页访问。</p></div>"
    )
    home = (
        f"<title>某某县人民政府</title>{_GOV_NAV}"
        "<ul><li><a href='{href}'>关于旧版网站停止服务的公告</a></li></ul>"
    )
    page = analyse_page("http://g.cn/zwgk/2024/1.html", notice)
    listed = analyse_page("http://g.cn/", home.format(href="/zwgk/2024/1.html"))
    assert judge_against_site(page, listed) is None
    # the same page, when the home page lists another item under that name, has nothing of its own
    other = analyse_page("http://g.cn/", home.format(href="/zwgk/2024/2.html"))
    j = judge_against_site(page, other)
    assert j is not None and j.reason == "soft-404"


# ------------------------------------------------------------------------------ end to end


def test_mixed_sites_end_to_end() -> None:
    nav = "<header><a href='/'>ピクセログ</a><a href='/blog/'>ブログ</a></header>"
    sites = {
        "www.pixelog.jp": {
            "*": (404, "<title>404 Not Found</title><h1>404 Not Found</h1>", {}),
            "/blog/keyboard/": (
                200,
                f"<title>自作キーボード | ピクセログ</title>{nav}<article><h1>自作キーボード</h1>"
                "<p>週末に組み立てました。</p></article>",
                {},
            ),
            "/blog/old/": (
                200,
                f"<title>お探しのページは見つかりませんでした。 - ピクセログ</title>{nav}"
                "<p>記事が削除されたか、URLが間違っている可能性があります。</p>",
                {},
            ),
        },
        "www.shop.cn": {"*": (200, WAF_CN, {})},
    }
    urls = [
        "http://www.pixelog.jp/blog/keyboard/",
        "http://www.pixelog.jp/blog/old/",
        "http://www.shop.cn/p/1.html",
    ]
    with LinkServer(sites=sites) as proxy:
        res = check_links(
            [LinkTarget(u) for u in urls], LinkOptions(**{**_fields(OPTIONS), "proxy": proxy.base})
        )
        probes = Counter(s.host for s in proxy.requests if "citekit-no-such-page" in s.path)
    assert [r.verdict for r in res] == ["ok", "broken", "unverifiable"]
    assert all(r.evidence for r in res[1:])  # each verdict says what it rests on
    assert probes["www.pixelog.jp"] >= 1


# ---------------------------------------------------------------------------- browser checks


@pytest.mark.parametrize(
    "html",
    [
        "<title>Checking for user browser...</title><div id='status'>Browser check requires "
        "JavaScript support</div><script type='module'>solve()</script>",
        "<title>安全检测</title><p>正在检测您的运行环境，请稍候……</p><script src='/c.js'></script>",
        "<title>Just a second</title><div class='cf-turnstile' data-sitekey='x'></div>"
        "<script src='https://challenges.cloudflare.com/turnstile/v0/api.js'></script>",
    ],
    ids=["pow-check", "zh-check", "turnstile"],
)
def test_a_page_that_only_checks_the_browser_is_a_challenge(html: str) -> None:
    assert _judge("http://b.cn/a/1.html", html) == "challenge"


def test_an_article_about_browser_checks_or_with_a_captcha_form_is_no_challenge() -> None:
    article = (
        "<title>How browser checks work - Notes</title><article><h1>How browser checks work</h1>"
        "<p>Verifying your browser takes a second.</p></article><script src='/a.js'></script>"
    )
    assert _judge("http://b.cn/posts/checks", article) == "ok"
    form = (
        "<title>留言板_某某大学</title><h1>留言板</h1><p>"
        + "欢迎留言，我们会尽快回复。" * 8
        + "</p>"
        "<form><textarea></textarea><div class='g-recaptcha'></div></form>"
    )
    assert _judge("http://b.cn/liuyan/", form) == "ok"
