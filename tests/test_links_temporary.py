"""What a verdict may rest on: a temporary outage, a body cut at its cap, a script-only page
that says it is missing, a lapsed term, a quoted repost, a refresh meant for browsers without
JavaScript.

Each mechanism has its counterpart that must keep its verdict.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

from linkserver import LinkServer

from citekit.checks.links import LinkOptions, LinkResult, LinkTarget, check_links
from citekit.checks.pages import analyse_page
from citekit.checks.soft404 import Probe, deletion_wording, judge_page

OPTIONS = LinkOptions(
    timeout=10,
    connect_timeout=10,
    backoff=0.01,
    trust_env=False,
    host_rate=0,
    host_concurrency=4,
    adaptive=False,
    retries=1,
)


def _check(
    sites: dict[str, dict[str, tuple[int, str | bytes, dict[str, str]]]], *urls: str
) -> dict[str, LinkResult]:
    with LinkServer(sites=sites) as proxy:
        opt = replace(OPTIONS, proxy=proxy.base)
        return {r.url: r for r in check_links([LinkTarget(u) for u in urls], opt)}


def _judge(url: str, html: str, probes: list[Probe] | None = None) -> str:
    return judge_page(url, url, False, analyse_page(url, html), html, probes or []).reason


# ----------------------------------------------------------------- a server down for a while

MAINTENANCE = (
    "<title>系统升级维护中</title><h2>系统升级维护中</h2>"
    "<p>本站于12月3日18:00至12月4日08:00进行系统升级，期间暂停访问，敬请谅解。</p>"
)


def test_a_5xx_with_retry_after_or_a_maintenance_page_is_unverifiable() -> None:
    sites = {
        "www.later.cn": {"*": (503, "<h1>Service Unavailable</h1>", {"Retry-After": "3600"})},
        "www.upgrade.cn": {"*": (502, MAINTENANCE, {})},
        "www.broken.cn": {"*": (500, "<h1>Internal Server Error</h1>", {})},
    }
    res = _check(
        sites,
        "http://www.later.cn/tzgg/1.html",
        "http://www.upgrade.cn/tzgg/2.html",
        "http://www.broken.cn/tzgg/3.html",
    )
    later, upgrade, broken = res.values()
    assert (later.reason, later.verdict) == ("maintenance", "unverifiable")
    assert later.attempts == 1  # an hour is over the cap: not waited for
    assert "Retry-After 3600" in later.evidence[0]
    assert (upgrade.reason, upgrade.verdict) == ("maintenance", "unverifiable")
    assert "维护" in upgrade.evidence[0]
    # a 5xx that promises nothing stays an error
    assert (broken.reason, broken.verdict) == ("server-error", "broken")


# ------------------------------------------------------------- a body cut at its decoding cap


def _deflate_zeros(megabytes: int) -> bytes:
    z = zlib.compressobj(9)
    return b"".join(z.compress(bytes(1 << 20)) for _ in range(megabytes)) + z.flush()


def test_a_single_layer_bomb_is_unverifiable_not_an_empty_page() -> None:
    page = "<title>首页 - 某县新闻网</title><nav><a href='/'>首页</a></nav><p>欢迎访问。</p>"
    long_article = "<title>长文</title><h1>长文</h1><p>" + "基层治理的经验总结。" * 20000 + "</p>"
    sites = {
        "www.xw.cn": {
            "/": (200, page, {}),
            "/big.html": (200, _deflate_zeros(32), {"Content-Encoding": "deflate"}),
            "/long.html": (
                200,
                zlib.compress(long_article.encode()),
                {"Content-Encoding": "deflate"},
            ),
        },
    }
    res = _check(sites, "http://www.xw.cn/big.html", "http://www.xw.cn/long.html")
    big, long = res["http://www.xw.cn/big.html"], res["http://www.xw.cn/long.html"]
    assert (big.reason, big.verdict) == ("oversized", "unverifiable")
    assert "cannot judge" in big.detail
    # a real page longer than the cap is judged on the part read
    assert long.verdict == "ok"


# ------------------------------------------- a script-only page that says the page is missing

JUMP = (
    "<title>跳转提示</title><div class='system-message'><h1>:(</h1>"
    "<p class='error'>呃...你想访问的页面不存在</p><p class='jump'>页面自动 "
    "<a id='href' href='javascript:history.back(-1);'>跳转</a> 等待时间： <b id='wait'>3</b></p>"
    "</div><script>var wait = document.getElementById('wait');</script>"
)
SHELL = "<title>某某社区</title><div id='app'></div><script src='/static/app.js'></script>"


def test_a_script_only_page_for_every_url_is_missing_only_when_it_says_so() -> None:
    sites = {
        "www.jump.cn": {
            "/": (200, "<title>某某同城</title><p>活动列表</p>", {}),
            "*": (200, JUMP, {}),
        },
        "www.shell.cn": {"*": (200, SHELL, {})},
    }
    res = _check(sites, "http://www.jump.cn/event/show/id/1877", "http://www.shell.cn/q/1")
    jump, shell = res.values()
    assert (jump.reason, jump.verdict) == ("soft-404", "broken")
    assert any("不存在" in e for e in jump.evidence)
    # identity alone: the app shell of a single-page site says nothing of the cited page
    assert (shell.reason, shell.verdict) == ("js-only", "unverifiable")


# ----------------------------------------------------------------------- a term that ran out


def test_a_lapsed_term_is_a_deletion_wording() -> None:
    assert "已超过公示期" in (deletion_wording("该失信信息已超过公示期限，自动下架") or "")
    assert deletion_wording("此记录已超出有效期") == "此记录已超出有效期"
    assert deletion_wording("逾期申请超过受理期限的，不予受理。") is None  # no item of its own


def test_a_lapsed_record_is_broken_and_a_live_record_ok() -> None:
    top = "<div class='top'><a href='/'>信用某市</a><a href='/xzcf/'>行政处罚</a></div>"
    home = (
        f"<title>信用某市</title>{top}<ul><li><a href='/xzcf/2.html'>某公司处罚信息</a></li></ul>"
    )
    lapsed = (
        f"<title>行政处罚详情 - 信用某市</title>{top}<div class='detail'>"
        "<span class='el-alert__title'>该失信信息已超过公示期限，自动下架</span></div>"
    )
    live = (
        f"<title>某公司处罚信息 - 信用某市</title>{top}<div class='detail'><h2>某公司处罚信息</h2>"
        "<table><tr><th>处罚决定书文号</th><td>某市监罚〔2024〕112号</td></tr>"
        "<tr><th>处罚内容</th><td>警告</td></tr><tr><th>公示截止期</th><td>2025-04-22</td></tr>"
        "</table></div>"
    )
    sites = {
        "xy.cn": {
            "/": (200, home, {}),
            "/xzcf/1.html": (200, lapsed, {}),
            "/xzcf/2.html": (200, live, {}),
        }
    }
    res = _check(sites, "http://xy.cn/xzcf/1.html", "http://xy.cn/xzcf/2.html")
    lapsed_res, live_res = res.values()
    assert (lapsed_res.reason, lapsed_res.verdict) == ("soft-404", "broken")
    assert live_res.verdict == "ok"


# ----------------------------------------------------------------- a platform's own content


def test_a_platform_wording_inside_a_repost_does_not_delete_the_post() -> None:
    top = "<header><a href='/'>微博</a></header>"
    repost = (
        f"<title>微博正文 - 微博</title>{top}<article class='weibo-main'><div class='weibo-og'>"
        "<div class='weibo-text'>辟谣：网传“我区明日全域停水”系不实信息，请以官方发布为准。</div>"
        "</div><div class='weibo-rp'><div class='weibo-text'>该账号因违反《微博社区公约》的相关"
        "规定，现已无法查看。</div></div></article>"
    )
    gone = f"<title>微博正文 - 微博</title>{top}<div class='weibo-text'>现已无法查看。</div>"
    assert analyse_page("https://m.weibo.cn/status/1", repost).own_text is not None
    assert _judge("https://m.weibo.cn/status/1", repost) == "ok"
    assert _judge("https://m.weibo.cn/status/2", gone) == "soft-404"
    quoted = f"<title>微博正文 - 微博</title>{top}<blockquote>此微博已被作者删除</blockquote>"
    assert "删除" not in (analyse_page("https://m.weibo.cn/status/3", quoted).own_text or "删除")


# ----------------------------------------------------- a refresh for browsers without scripts


def test_a_meta_refresh_inside_noscript_is_no_redirect() -> None:
    notice = (
        "<title>关于2024年春节放假的通知</title><noscript><meta http-equiv='refresh' "
        "content='0;url=/error/nojavascript.jsp'></noscript><h1>关于2024年春节放假的通知</h1>"
        "<p>根据国务院办公厅通知精神，现将2024年春节放假安排通知如下。</p>"
    )
    assert analyse_page("http://fy.cn/news/1.html", notice).client_redirect is None
    moved = notice.replace("<noscript>", "").replace("</noscript>", "")
    assert analyse_page("http://fy.cn/news/1.html", moved).client_redirect == (
        "http://fy.cn/error/nojavascript.jsp"
    )
