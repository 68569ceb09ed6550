"""Page-level policy on its own: bounded decoding, what a page shows, and soft-404 judgements.

Deleted pages must be caught by comparison with the site's answer for a URL that cannot exist,
or by a platform's documented signals; wordings never decide alone; real short pages that
mention such wordings stay ok.
"""

from __future__ import annotations

import gzip
import zlib

import pytest

from citekit.checks.bodies import BoundedDecoder, UnsupportedEncoding
from citekit.checks.classify import UNVERIFIABLE_REASONS, verdict_of
from citekit.checks.pages import analyse_page
from citekit.checks.soft404 import (
    Probe,
    deletion_wording,
    is_error_page_url,
    judge_against_sibling,
    judge_against_site,
    judge_page,
    keeps_item_frame,
    may_be_empty_template,
    probe_urls,
    reconsider_wording,
    said_wording,
    shows_item,
    url_shape,
)

# ------------------------------------------------------------------------------------ bodies


def _double_gzip(megabytes: int) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    once = b"".join(z.compress(bytes(1 << 20)) for _ in range(megabytes)) + z.flush()
    return gzip.compress(once, 9)


def test_a_double_gzip_bomb_costs_at_most_the_cap_per_layer() -> None:
    bomb = _double_gzip(64)
    assert len(bomb) < 10_000
    dec = BoundedDecoder.for_header("gzip, gzip", 4096)
    for i in range(0, len(bomb), 512):
        dec.feed(bomb[i : i + 512])
    assert len(dec.body) == 4096 and dec.full
    assert dec.inner_layer_capped and dec.capped
    assert all(layer.produced <= 4096 for layer in dec.layers)


def test_ordinary_encodings_decode_whole() -> None:
    html = "<p>正文</p>".encode() * 100
    for header, data in [
        ("gzip", gzip.compress(html)),
        ("deflate", zlib.compress(html)),
        ("deflate", zlib.compress(html)[2:-4]),  # raw deflate without the zlib wrapper
        ("", html),
        ("identity", html),
    ]:
        dec = BoundedDecoder.for_header(header, 1 << 20)
        dec.feed(data)
        assert bytes(dec.body) == html, header
        assert not dec.capped


def test_a_large_page_is_cut_at_the_budget_without_being_a_bomb() -> None:
    dec = BoundedDecoder.for_header("gzip", 1000)
    dec.feed(gzip.compress(b"x" * 100_000))
    assert len(dec.body) == 1000 and dec.capped and not dec.inner_layer_capped


def test_an_unknown_encoding_is_refused() -> None:
    with pytest.raises(UnsupportedEncoding):
        BoundedDecoder.for_header("br", 100)


# ------------------------------------------------------------------------------------- pages


@pytest.mark.parametrize(
    ("html", "target"),
    [
        ('<meta http-equiv="refresh" content="0; url=/404.html">', "http://x.cn/404.html"),
        ("<META HTTP-EQUIV=Refresh CONTENT='3;URL=http://y.cn/a'>", "http://y.cn/a"),
        ('<meta http-equiv="refresh" content="300">', None),  # reloads itself
        ('<meta http-equiv="refresh" content="600; url=/b">', None),  # a slow auto-reload
        ('<script>window.location.href = "/err/1.htm";</script>', "http://x.cn/err/1.htm"),
        ("<script>location.replace('https://z.cn/n')</script>", "https://z.cn/n"),
        ("<script>top.location='/m';</script>", "http://x.cn/m"),
        ('<script>location.href = "/?v=" + screen.width;</script>', None),  # computed
        ("<script>location.href='javascript:void(0)';</script>", None),
        # the code string of a timer
        ("<script>setTimeout(\"location.href='/'\",3000);</script>", "http://x.cn/"),
        ("<script>setTimeout(\"location.href='/' + q\",3000);</script>", None),
    ],
)
def test_client_side_redirects(html: str, target: str | None) -> None:
    page = analyse_page("http://x.cn/a/b.html", f"<html><head>{html}</head></html>")
    assert page.client_redirect == target


def test_a_real_page_with_a_redirect_script_is_not_a_stub() -> None:
    html = "<p>" + "正文内容。" * 100 + "</p><script>if(m)location.href='/m/';</script>"
    assert analyse_page("http://x.cn/a", html).client_redirect is None


@pytest.mark.parametrize(
    "html",
    [
        "<title>x.com</title><h1>This domain may be for sale!</h1>",
        "<center><h2>此域名正在转让中</h2>有意者请联系</center>",
        "<p>域名转让 一口价 联系QQ</p>",
    ],
)
def test_parking_pages(html: str) -> None:
    assert analyse_page("http://x.cn/", html).parking


@pytest.mark.parametrize(
    "html",
    [
        "<title>Just a moment...</title>",
        "<script>var arg1='AB12';document.cookie='acw_sc__v2='+x;location.reload()</script>",
        '<script>window.location="/?security_verify_data="+hex</script>',
        "<script>document.cookie='k='+v;window.location.reload();</script>",
    ],
)
def test_challenge_pages(html: str) -> None:
    assert analyse_page("http://x.cn/", f"<html>{html}</html>").challenge


def test_a_page_that_sells_nothing_is_not_parked() -> None:
    page = analyse_page("http://x.cn/", "<p>二手车出售信息</p><p>For sale: bikes</p>")
    assert not page.parking and not page.challenge


# ----------------------------------------------------------------------------------- soft 404

HOME = (
    "<title>某市政府门户网站</title><div><a>首页</a><a>政务公开</a><a>办事服务</a></div>"
    "<ul><li>全市召开经济工作会议 2021-03-05</li><li>春耕生产部署 2021-03-04</li></ul>"
)
ARTICLE = (
    "<title>关于废止部分规范性文件的决定_某市政府</title><h1>关于废止部分规范性文件的决定</h1>"
    "<div>发布时间：2021-03-05 来源：市政府办公室</div><p>以下文件自发布之日起已失效。</p>"
)


def _page(url: str, html: str) -> tuple[object, str]:
    return analyse_page(url, html), html


def _probe(url: str, html: str | None, status: int = 200, token: str = "") -> Probe:
    page = analyse_page(url, html) if html is not None else None
    return Probe(url, status, url, False, page, token)


def _judge(url: str, html: str, probes: list[Probe], final: str | None = None) -> str:
    page = analyse_page(final or url, html)
    return judge_page(url, final or url, final is not None, page, html, probes).reason


def test_probe_urls_imitate_the_cited_url() -> None:
    assert probe_urls("http://x.cn/news/2019/05/art_12.html", "ab12") == [
        "http://x.cn/news/2019/05/citekit-no-such-page-ab12.html",
        "http://x.cn/citekit-no-such-page-ab12.html",
    ]
    assert probe_urls("http://x.cn/show.asp?id=123&t=2", "ab12")[0] == (
        "http://x.cn/show.asp?id=ab12&t=ab12"
    )


def test_a_catch_all_site_serving_its_home_page_is_caught_by_comparison() -> None:
    probes = [_probe("http://x.cn/n/citekit-no-such-page-1.html", HOME)]
    assert _judge("http://x.cn/n/2019/c999.html", HOME, probes) == "soft-404"
    assert _judge("http://x.cn/n/2021/c123.html", ARTICLE, probes) == "ok"
    assert _judge("http://x.cn/", HOME, probes) == "ok"  # the home page itself


def test_an_unlisted_error_wording_is_caught_by_comparison() -> None:
    lost = "<title>温馨提示</title><p>哎呀，您要找的东西暂时不在这里 {path}</p><a>回首页</a>"
    probe = _probe("http://x.cn/a/citekit-no-such-page-1.html", lost.format(path="/a/c-1.html"))
    assert deletion_wording(lost) is None  # no listed wording: only the comparison can tell
    assert _judge("http://x.cn/a/9.html", lost.format(path="/a/9.html"), [probe]) == "soft-404"


def test_a_site_that_names_its_answer_after_the_url_is_not_compared() -> None:
    template = "<title>文章 {n}</title><h1>文章 {n}</h1><p>正文 {n}</p>"
    probe = _probe("http://x.cn/ok/citekit-no-such-page-ab", template.format(n="ab"), token="ab")
    assert _judge("http://x.cn/ok/7", template.format(n="7"), [probe]) == "ok"


def test_a_script_only_site_cannot_be_told() -> None:
    shell = '<title>云课堂</title><script src="/app.js"></script><div id="app"></div>'
    probes = [_probe("http://x.cn/c/citekit-no-such-page-1", shell)]
    assert _judge("http://x.cn/c/3321", shell, probes) == "js-only"
    # ...unless the site answers made-up URLs with an error: then the URL is known to it.
    assert _judge("http://x.cn/c/3321", shell, [_probe("http://x.cn/c/z", "nf", 404)]) == "ok"
    assert verdict_of("js-only") == "unverifiable" and "js-only" in UNVERIFIABLE_REASONS


WECHAT_LIVE = '<div class="rich_media_content" id="js_content"><p>正文</p></div>'
WECHAT_MSG = '<div class="weui-msg"><h2 class="weui-msg__title">{}</h2></div>'


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (WECHAT_LIVE, "ok"),
        (WECHAT_MSG.format("该内容已被发布者删除"), "soft-404"),
        (WECHAT_MSG.format("此内容因违规无法查看"), "soft-404"),
        # a wording the data does not list: the platform's message page gives it away
        (WECHAT_MSG.format("由于相关规定，此内容暂停展示"), "soft-404"),
    ],
)
def test_wechat_articles(html: str, reason: str) -> None:
    assert _judge("https://mp.weixin.qq.com/s/AbC", html, []) == reason


def test_weibo_posts() -> None:
    live = '<script>var $render_data = [{"status": {"id": "1"}}][0] || {};</script>'
    gone = '<p class="h5-4con">抱歉，此微博已被作者删除。查看帮助</p>'
    assert _judge("https://m.weibo.cn/status/1", live, []) == "ok"
    assert _judge("https://m.weibo.cn/status/2", gone, []) == "soft-404"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<title>提示</title><h2>抱歉，您访问的页面不存在！</h2>", id="heading"),
        pytest.param("<title>404</title><p>x</p>", id="404-title"),
        pytest.param("<p>该文章已被删除</p>", id="short-text"),
        pytest.param("<title>出错啦</title><p>页面走丢了，5秒后返回</p>", id="走丢了"),
    ],
)
def test_error_wordings_with_other_evidence_are_soft_404s(html: str) -> None:
    assert _judge("http://x.cn/a/1.html", html, [_probe("http://x.cn/a/z", "nf", 404)]) == (
        "soft-404"
    )


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(ARTICLE, id="文件已失效-in-an-article"),
        pytest.param(
            "<title>关于部分栏目已下线的公告</title><div>发布日期：2022-06-02 来源：区政府</div>"
            "<p>原“在线访谈”栏目已下线。</p>",
            id="栏目已下线-in-a-dated-notice",
        ),
        pytest.param(
            "<title>新闻</title>"
            + ("<p>" + "正文段落内容，介绍有关情况。" * 5 + "</p>") * 4
            + "<p>有读者反映页面不存在，记者进行了调查。</p>",
            id="long-article-quoting-a-wording",
        ),
    ],
)
def test_real_pages_that_mention_a_wording_stay_ok(html: str) -> None:
    assert _judge("http://x.cn/a/1.html", html, [_probe("http://x.cn/a/z", "nf", 404)]) == "ok"


def test_a_verdict_says_what_it_rests_on() -> None:
    html = "<title>提示</title><h2>抱歉，您访问的页面不存在！</h2>"
    page = analyse_page("http://x.cn/a", html)
    j = judge_page("http://x.cn/a", "http://x.cn/a", False, page, html, [])
    assert j.reason == "soft-404"
    assert j.evidence[:2] == ["heading says '页面不存在'", "no article markup"]


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://x.cn/404.html", True),
        ("http://x.cn/error.jsp?code=404", True),
        ("http://x.cn/errorpage/notfound.htm", True),
        ("http://x.cn/common/nofound.html", True),
        ("http://x.cn/news/2021/error-correction-notice.html", False),
        ("http://x.cn/a/4040.html", False),
        ("http://x.cn/xxgk/2021/c404.html", False),
    ],
)
def test_error_page_urls(url: str, error: bool) -> None:
    assert is_error_page_url(url) is error


def test_a_redirect_to_an_error_page_is_a_soft_404_even_without_a_wording() -> None:
    img = '<title>某市教育局</title><img src="/images/404.png">'
    probes = [_probe("http://x.cn/a/z", "nf", 404)]
    assert _judge("http://x.cn/a/1.html", img, probes, final="http://x.cn/404.html") == "soft-404"
    # Not redirected there: a page that lives at such an address is judged like any other.
    assert _judge("http://x.cn/404.html", img, probes) == "ok"


# ------------------------------------------- the site's template with nothing of its own

_NAV = "<div><a href='/'>首页</a><a>新闻中心</a><a>政务公开</a><a>办事服务</a></div>"
_FOOT = "<div>主办单位：某市人民政府办公室 网站标识码：3300000017</div>"
SITE_HOME = (
    f"<title>某市人民政府门户网站</title>{_NAV}<img src='/images/logo.png'>"
    "<ul><li>全市召开经济工作会议</li><li>春耕生产部署</li></ul>" + _FOOT
)


def _in_chrome(title: str, inner: str) -> str:
    return f"<title>{title}</title>{_NAV}<div class='main'>{inner}</div>{_FOOT}"


def _against_site(html: str, site: str = SITE_HOME) -> str:
    page = analyse_page("http://x.cn/art/2023/7.html", html)
    j = judge_against_site(page, analyse_page("http://x.cn/", site))
    return j.reason if j else "ok"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(_in_chrome("某市人民政府", "<p>此稿件现转由档案馆保存</p>"), id="a-message"),
        pytest.param(
            _in_chrome(" - 某市人民政府", "<h1></h1><div>发布日期： 来源：</div><div></div>"),
            id="an-empty-article-template",
        ),
        pytest.param(
            _in_chrome("某市人民政府", "<img src='/images/tip.png'><p>暂时看不到了</p>"),
            id="an-icon-from-the-site-image-folder",
        ),
    ],
)
def test_a_page_with_nothing_of_its_own_beside_the_site_template_is_a_soft_404(
    html: str,
) -> None:
    assert deletion_wording(html) is None  # no listed wording: only the comparison tells
    assert _against_site(html) == "soft-404"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(_in_chrome("会议延期的通知_某市政府", "<p>会议延期。</p>"), id="own-title"),
        pytest.param(_in_chrome("提示", "<p>因春节放假，本报休刊一周。</p>"), id="generic-title"),
        pytest.param(
            _in_chrome("某市人民政府", "<h1>关于停水的通知</h1><p>明日停水。</p>"), id="own-heading"
        ),
        pytest.param(
            _in_chrome("某市人民政府", "<a href='/u/2023/budget.pdf'>2023年预算.pdf</a>"),
            id="an-attachment",
        ),
        pytest.param(
            _in_chrome("某市人民政府", "<img src='/u/cms/2023/06/poster.jpg'>"), id="a-poster"
        ),
        pytest.param(_in_chrome("某市人民政府", "<p>" + "会议要求，" * 30 + "</p>"), id="text"),
        pytest.param(
            _in_chrome("某市人民政府", "<div>发布日期：2023-06-05 来源：市政府</div><p>x</p>"),
            id="a-byline",
        ),
        pytest.param(SITE_HOME.replace("门户网站", ""), id="the-home-page-elsewhere"),
        pytest.param(
            _in_chrome(
                "某市人民政府", "<a href='/tz/1.html'>停水</a><a href='/tz/2.html'>停电</a>"
            ),
            id="a-short-column-list",
        ),
    ],
)
def test_real_pages_on_the_site_template_stay_ok(html: str) -> None:
    assert _against_site(html) == "ok"


def test_the_template_verdict_says_what_it_rests_on() -> None:
    page = analyse_page("http://x.cn/a/7.html", _in_chrome("某市人民政府", "<p>已经看不到了</p>"))
    j = judge_against_site(page, analyse_page("http://x.cn/", SITE_HOME))
    assert j is not None and j.reason == "soft-404"
    assert j.evidence[0] == "title '某市人民政府' names only the site (as http://x.cn/ does)"
    assert "已经看不到了" in j.detail


# ------------------------------------------- a message page among the items of a column

_BACK = "<a href='javascript:history.back()'>返回上一页</a>"
_ITEM = _in_chrome("会议延期的通知 - 某某学会", "<h1>会议延期的通知</h1><p>年会延期举行。</p>")


def _against_sibling(html: str, sibling: str, url: str) -> str:
    page = analyse_page(url, html)
    j = judge_against_sibling(page, analyse_page("http://x.cn/post/8.html", sibling), None)
    return j.reason if j else "ok"


def test_urls_of_one_column_share_a_shape() -> None:
    assert url_shape("http://x.cn/post/1187.html") == url_shape("http://x.cn/post/9.html")
    assert url_shape("http://x.cn/v/BV1aa411c7xx") == url_shape("http://x.cn/v/BV9zz")
    assert url_shape("http://x.cn/d.htm?id=40211") == "/d.htm?id=#"
    assert url_shape("http://x.cn/post/7.html") != url_shape("http://x.cn/about/7.html")


def test_a_message_with_a_way_back_where_a_sibling_shows_an_item_is_a_soft_404() -> None:
    html = _in_chrome("提示 - 某某学会", f"<p>这一篇暂时看不到了。</p>{_BACK}")
    assert deletion_wording(html) is None  # no listed wording: the comparison tells
    page = analyse_page("http://x.cn/post/7.html", html)
    assert page.goes_back
    j = judge_against_sibling(page, analyse_page("http://x.cn/post/8.html", _ITEM), None)
    assert j is not None and j.reason == "soft-404"
    assert "http://x.cn/post/8.html" in j.evidence[0] and "暂时看不到了" in j.detail


_TIP = "提示 - 某某学会"
_NOTICE = _in_chrome(_TIP, f"<p>休刊一周。</p>{_BACK}")
_POST = "http://x.cn/post/7.html"


@pytest.mark.parametrize(
    ("html", "sibling", "url"),
    [
        # no way back: a real short page (a contact page, a one-line notice)
        pytest.param(_in_chrome("联系我们 - 某某学会", "<p>电话：0571-88880000</p>"), _ITEM, _POST),
        pytest.param(_in_chrome(_TIP, f"<h1>停水通知</h1><p>明日停水。</p>{_BACK}"), _ITEM, _POST),
        pytest.param(_in_chrome(_TIP, f"<img src='/u/2023/poster.jpg'>{_BACK}"), _ITEM, _POST),
        pytest.param(_in_chrome(_TIP, f"<p>{'会议要求，' * 30}</p>{_BACK}"), _ITEM, _POST),
        # the sibling offers the same way back: the link is the site's template
        pytest.param(_NOTICE, _ITEM.replace("</p>", f"</p>{_BACK}"), _POST),
        # the sibling is no item either: nothing to compare with
        pytest.param(_NOTICE, _in_chrome("x - 某某学会", "<p>y</p>"), _POST),
        # another column of the site
        pytest.param(_NOTICE, _ITEM, "http://x.cn/about/7.html"),
    ],
    ids=[
        "no-way-back",
        "own-heading",
        "own-poster",
        "text",
        "sibling-goes-back-too",
        "sibling-no-item",
        "another-column",
    ],
)
def test_real_pages_beside_an_item_of_their_column_stay_ok(
    html: str, sibling: str, url: str
) -> None:
    assert _against_sibling(html, sibling, url) == "ok"


# ------------------------------------------- a deletion wording weighed against the site

_ITEM_FRAME = (
    "<title>{t} - 某市教育局</title>" + _NAV + "<div class='location'>首页 &gt; 教育资讯</div>"
    "<div class='article'>{h}<div class='editor'>{p}</div></div>" + _FOOT
)
_COLUMN_ITEM = _ITEM_FRAME.format(
    t="全市教育工作会议召开",
    h="<h1>全市教育工作会议召开</h1><div class='info'>发布时间：2024-03-12</div>",
    p="<p>会议部署2024年重点任务。</p>",
)


def _weighed(html: str, sibling: str | None = _COLUMN_ITEM) -> str:
    page = analyse_page("http://x.cn/jyzx/t20240316_5111.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    if j.reason != "soft-404" or not j.wording:
        return j.reason
    site = analyse_page("http://x.cn/", SITE_HOME)
    column = analyse_page("http://x.cn/jyzx/t20240312_5091.html", sibling) if sibling else None
    kept = reconsider_wording(page, j, site, column)
    return kept.reason if kept else j.reason


@pytest.mark.parametrize(
    ("html", "sibling"),
    [
        pytest.param(
            _ITEM_FRAME.format(
                t="提示",
                h="",
                p="<p>近期有人冒用我局名义发布招聘信息，相关网页已删除，请以本网站发布的信息为准。</p>",
            ),
            _COLUMN_ITEM,
            id="a-notice-titled-tishi-in-the-item-template",
        ),
        pytest.param(
            _in_chrome(
                "招聘仓库管理员 包吃住 - 某分类信息网",
                "<h1>招聘仓库管理员 包吃住</h1><ul><li>薪资：5000-6000元/月</li>"
                "<li>地点：某某区物流园</li></ul><p>要求能吃苦耐劳，会使用电脑。</p>"
                "<p>该信息已过期，联系方式已被隐藏!</p>",
            ),
            None,
            id="an-expired-listing-with-its-own-heading",
        ),
    ],
)
def test_an_item_of_its_site_that_mentions_a_deletion_wording_stays_ok(
    html: str, sibling: str | None
) -> None:
    page = analyse_page("http://x.cn/a.html", html)
    assert judge_page(page.url, page.url, False, page, html, []).reason == "soft-404"  # alone
    assert _weighed(html, sibling) == "ok"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            _in_chrome(
                "错误信息", "<table class='msgtable'><tr><td>该信息已过期</td></tr></table>"
            ),
            id="a-message-page-outside-the-item-template",
        ),
        pytest.param(
            _ITEM_FRAME.format(t="提示", h="", p="<p>抱歉，该信息已过期，请返回首页。</p>"),
            id="the-item-template-saying-only-the-message",
        ),
        pytest.param(
            _in_chrome(
                "关于2024年春季招生的通知 - 某市教育局",
                "<h1>关于2024年春季招生的通知</h1><p>该稿件已撤回。</p>",
            ),
            id="a-withdrawn-item-that-keeps-its-heading",
        ),
    ],
)
def test_a_message_page_stays_a_soft_404_when_weighed(html: str) -> None:
    assert _weighed(html) == "soft-404"


def test_the_item_frame_is_what_the_sibling_has_and_the_site_page_has_not() -> None:
    site = analyse_page("http://x.cn/", SITE_HOME)
    item = analyse_page("http://x.cn/a/1.html", _COLUMN_ITEM)
    notice = analyse_page("http://x.cn/a/2.html", _ITEM_FRAME.format(t="提示", h="", p="x"))
    assert keeps_item_frame(notice, item, site) == [".article", ".editor", ".location"]
    message = analyse_page("http://x.cn/a/3.html", _in_chrome("提示", "<p>x</p>"))
    assert keeps_item_frame(message, item, site) == []


def test_a_kept_wording_says_what_outweighed_it() -> None:
    html = _ITEM_FRAME.format(
        t="提示",
        h="",
        p="<p>近期有人冒用我局名义发布招聘信息，相关网页已删除，请以本网站发布的信息为准。</p>",
    )
    page = analyse_page("http://x.cn/jyzx/t2.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    kept = reconsider_wording(
        page,
        j,
        analyse_page("http://x.cn/", SITE_HOME),
        analyse_page("http://x.cn/jyzx/t1.html", _COLUMN_ITEM),
    )
    assert kept is not None and kept.reason == "ok"
    assert kept.evidence[0].startswith("mentions '网页已删除', but says")
    assert "item template of http://x.cn/jyzx/t1.html" in kept.evidence[1]


# ------------------------------------------- a stub with nothing but its title


def test_a_stub_with_nothing_but_its_title_repeated_is_a_soft_404() -> None:
    stub = _in_chrome(
        "感谢您的浏览！ - 某市人民政府",
        "<img src='/images/thanks.png'><p>感谢您的浏览！</p><a href='/'>返回首页</a>",
    )
    assert deletion_wording(stub) is None
    page = analyse_page("http://x.cn/art/2023/7.html", stub)
    j = judge_against_site(page, analyse_page("http://x.cn/", SITE_HOME))
    assert j is not None and j.reason == "soft-404"
    assert "nothing of its own but its title ('感谢您的浏览！')" in j.evidence[0]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            _in_chrome(
                "一图读懂 - 某市人民政府", "<p>一图读懂</p><img src='/images/2024/03/tujie.jpg'>"
            ),
            id="an-uploaded-image",
        ),
        pytest.param(
            _in_chrome(
                "一图读懂 - 某市人民政府", "<p>一图读懂</p><script src='/js/load.js'></script>"
            ),
            id="a-script-may-fill-it",
        ),
        pytest.param(_in_chrome("休刊 - 某市人民政府", "<p>本报休刊一周。</p>"), id="says-more"),
    ],
)
def test_a_short_page_with_more_than_its_title_stays_ok(html: str) -> None:
    assert _against_site(html) == "ok"


# ------------------------------------------- rate walls and verification forms


@pytest.mark.parametrize(
    "html",
    [
        "<h2>访问过于频繁，请用微信扫描二维码进行访问</h2><img src='/mp/qrcode?scene=1'>",
        "<p>操作频繁，请稍候再试</p>",
        "<p>请输入下方的字符</p><img src='/captcha.png'><input name='code'><button>提交</button>",
        "<p>扫一扫继续</p><img src='/mp/qrcode?scene=10000004'><p>请扫描二维码</p>",
    ],
)
def test_rate_walls_and_verification_forms_are_challenges(html: str) -> None:
    assert analyse_page("http://x.cn/", f"<html><body>{html}</body></html>").challenge


@pytest.mark.parametrize(
    "html",
    [
        "<h1>登录</h1><input name='user'><img src='/images/logo.png'>",
        "<h1>接口限流</h1>" + "<p>服务端在访问过于频繁时返回 429，客户端应退避重试。</p>" * 8,
    ],
)
def test_a_form_or_an_article_about_rate_limits_is_no_challenge(html: str) -> None:
    assert not analyse_page("http://x.cn/", f"<html><body>{html}</body></html>").challenge


def test_a_live_post_whose_shell_is_the_platform_answer_for_any_url_is_ok() -> None:
    shell = "<title>微博</title><div id='app'></div>"
    shell += "<script>var $render_data = [{}][0] || {{}};</script>"
    live = shell.format('{"status": {"id": "5", "text": "//@某某:[该内容已被作者删除]"}}')
    probe = _probe("https://m.weibo.cn/detail/citekit-no-such-page-ab", shell.format(""))
    assert _judge("https://m.weibo.cn/detail/5", live, [probe]) == "ok"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            _in_chrome(
                "某市人民政府", "<img src='/static/error/img/404.png'><p>啊叻？不见了？</p>"
            ),
            id="an-illustration-from-an-asset-folder",
        ),
        pytest.param(
            _in_chrome(
                "某市人民政府", "<img src='//cdn.x.cn/images/empty.png'><p>暂时无法浏览</p>"
            ),
            id="an-icon-on-another-host",
        ),
    ],
)
def test_a_template_image_is_not_content_of_its_own(html: str) -> None:
    assert _against_site(html) == "soft-404"


@pytest.mark.parametrize(
    "src", ["/uploads/2024/03/poster.jpg", "/images/20240301/a.jpg", "/u/cms/poster.jpg"]
)
def test_an_uploaded_image_is_content(src: str) -> None:
    assert _against_site(_in_chrome("某市人民政府", f"<img src='{src}'><p>x</p>")) == "ok"


def test_a_lone_notice_titled_as_a_document_that_mentions_an_offline_column_stays_ok() -> None:
    html = _in_chrome(
        "公告 - 某市人民政府",
        "<p>因网站改版，本站“在线访谈”栏目已下线，历史内容已迁移至“政务公开”栏目，欢迎继续关注。</p>",
    )
    page = analyse_page("http://x.cn/zwdt/gg1.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404" and j.wording == "栏目已下线"  # the wording alone
    kept = reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None)
    assert kept is not None and kept.reason == "ok"
    assert "titled as a document ('公告')" in kept.evidence


def test_a_verbose_error_page_is_no_document() -> None:
    html = _in_chrome(
        "提示 - 某市人民政府",
        "<p>抱歉，您访问的页面不存在，可能已被删除或移动，请检查网址是否正确，或返回首页继续浏览。</p>",
    )
    page = analyse_page("http://x.cn/zwdt/7.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None) is None


# ------------------------------------------- dialogs and login walls


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert('该信息不存在或已被删除!');history.go(-1);</script>",
        '<script type="text/javascript">alert("对不起，该文章已被删除");window.close();</script>',
    ],
)
def test_a_script_only_page_whose_dialog_says_a_deletion_is_a_soft_404(html: str) -> None:
    page = analyse_page("http://x.cn/info.php?id=1", html)
    assert page.dialog and page.text == ""
    j = judge_page(page.url, page.url, False, page, html, [_probe("http://x.cn/p", None, 404)])
    assert j.reason == "soft-404" and j.evidence[0].startswith("dialog says")


def test_a_dialog_on_a_page_with_content_is_not_what_the_page_says() -> None:
    html = ARTICLE + "<script>function del(){ alert('该文章已被删除'); }</script>"
    assert analyse_page("http://x.cn/a.html", html).dialog == ""
    assert _judge("http://x.cn/a.html", html, []) == "ok"


@pytest.mark.parametrize(
    "html",
    [
        "<title>用户登录</title><form><input name='u'><input type='password' name='p'></form>",
        "<h2>统一身份认证</h2><form><input name=user><input type=password name=pwd></form>",
    ],
)
def test_a_login_form_in_place_of_the_page_is_blocked(html: str) -> None:
    page = analyse_page("http://x.cn/login.jsp", html)
    assert page.login
    assert judge_page(page.url, page.url, True, page, html, []).reason == "blocked"


def test_a_short_notice_on_a_portal_with_a_login_box_is_no_login_wall() -> None:
    html = "<title>通知 - 某某大学</title><form>用户名<input name='u'>密码<input type='password'>"
    html += "<button>登录</button></form><p>明日停水。</p>"
    assert not analyse_page("http://x.cn/info/1.htm", html).login


def test_a_page_with_a_login_box_beside_its_content_is_no_login_wall() -> None:
    html = ARTICLE + "<p>" + "全市召开经济工作会议，部署全年任务。" * 20 + "</p>"
    html += "<form><input name='u'><input type='password' name='p'></form>"
    assert not analyse_page("http://x.cn/", html).login


def test_a_short_notice_counts_the_rest_of_the_clause_that_holds_a_wording() -> None:
    html = _in_chrome(
        "关于网站部分页面暂停访问的通知 - 某市人民政府",
        "<p>因服务器维护，3月9日22时至24时本站页面无法访问，敬请谅解。</p>",
    )
    page = analyse_page("http://x.cn/tzgg/zt2.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"  # the wording alone
    kept = reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None)
    assert kept is not None and kept.reason == "ok"


# ------------------------------------------- what a page says, quotes, and its site says


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("该内容已被管理员屏蔽！", "该内容已被管理员屏蔽"),
        ("此文章已被发布者删除", "此文章已被发布者删除"),
        ("该帖子被版主隐藏", "该帖子被版主隐藏"),
    ],
)
def test_the_passive_with_its_agent_is_a_deletion_wording(text: str, wording: str) -> None:
    assert deletion_wording(text) == wording


def test_a_quoted_wording_is_mentioned_not_said() -> None:
    assert said_wording("网页提示“您访问的页面不存在”是怎么回事？") is None
    assert said_wording("抱歉，您访问的页面不存在") == "页面不存在"


def test_a_wording_that_the_site_page_shows_too_is_the_site_text() -> None:
    link = "<a href='/why/'>为什么你总是看到页面不存在</a>"
    home = f"<title>某某的博客</title>{_NAV}<ul><li>{link}</li></ul>{_FOOT}"
    html = _in_chrome(
        "网站地图 - 某某的博客", f"<ul><li><a href='/'>首页</a></li><li>{link}</li></ul>"
    )
    page = analyse_page("http://x.cn/sitemap/", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"  # the wording alone
    kept = reconsider_wording(page, j, analyse_page("http://x.cn/", home), None)
    assert kept is not None and kept.reason == "ok"
    assert "http://x.cn/ shows too" in kept.evidence[0]


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("對不起，您要找的網頁不存在或已被移除。", "网页不存在"),
        ("這篇文章已下架，感謝您的關注。", "这篇文章已下架"),
        ("该商品已下架", "该商品已下架"),
        ("分享的文件已经被取消了", "分享的文件已经被取消"),
    ],
)
def test_traditional_characters_and_taken_down_wordings(text: str, wording: str) -> None:
    assert deletion_wording(text) == wording


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("Sorry, this article is no longer available.", "this article is no longer available"),
        ("This content isn’t available right now", "This content isn’t available"),
        (
            "The page you requested could not be found.",
            "The page you requested could not be found",
        ),
        ("Sorry, this post was deleted by the person who posted it.", "this post was deleted"),
        ("We seem to have lost this page, try one of these instead.", "lost this page"),
        ("We can't find the page you're looking for.", "can't find the page"),
    ],
)
def test_english_wordings_are_composed_like_chinese_ones(text: str, wording: str) -> None:
    assert deletion_wording(text) == wording


@pytest.mark.parametrize(
    "text",
    [
        "The council said the new bridge design does not exist yet on paper.",
        "The article was published in 2019 and updated twice.",
        "Remove the post from the oven after twenty minutes.",
        "She lost the file on a train and found it the next day.",
        "We removed the post from the homepage after an hour.",
    ],
)
def test_english_sentences_about_something_else_hold_no_wording(text: str) -> None:
    assert deletion_wording(text) is None


_EN_NAV = "<nav><a href='/'>The Valley Courier</a><a href='/news/'>News</a></nav>"


def test_a_short_english_message_page_is_a_soft_404() -> None:
    html = (
        f"<title>The Valley Courier</title>{_EN_NAV}<main><p>Sorry, this article is no longer"
        " available. Our archive keeps stories for five years; older ones may have been moved"
        " to the county library, which can help you find them.</p></main>"
    )
    # about 200 characters of English: short, as 100 Chinese characters would be
    page = analyse_page("http://x.uk/news/2019/row", html)
    assert judge_page(page.url, page.url, False, page, html, []).reason == "soft-404"


def test_english_text_besides_a_wording_is_counted_by_clause_not_by_word() -> None:
    html = (
        "<title>Council row | The Valley Courier</title>" + _EN_NAV + "<main><h1>Council row</h1>"
        "<p>Sorry, this article has been removed by the editors.</p></main>"
    )
    page = analyse_page("http://x.uk/news/2019/row", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404" and j.wording == "this article has been removed"
    home = analyse_page("http://x.uk/", f"<title>The Valley Courier</title>{_EN_NAV}")
    # "Sorry" and "by the editors" are not 20 characters of their own: the message stands
    assert reconsider_wording(page, j, home, None) is None
    longer = html.replace(
        "</p></main>",
        "</p><p>The council met on Tuesday and agreed to rebuild the Mill Lane bridge.</p></main>",
    )
    page = analyse_page("http://x.uk/news/2019/row", longer)
    kept = reconsider_wording(page, j, home, None)
    assert kept is not None and kept.reason == "ok"


def test_an_item_redirected_to_its_column_list_is_a_soft_404() -> None:
    html = _in_chrome("新闻 - 某市人民政府门户网站", "<ul><li><a href='/xw/1.html'>春耕</a></li>")
    page = analyse_page("http://x.cn/xw/", html)
    j = judge_page("http://x.cn/xw/2023/1102/187.html", page.url, True, page, html, [])
    assert j.reason == "soft-404" and "a folder above the cited item" in j.detail


@pytest.mark.parametrize(
    "html",
    [
        "<title>会计网</title><h4>会计网温馨提示：请在微信客户端打开链接</h4>",
        "<title>某某系统</title><p>为保证正常使用，请使用IE浏览器访问本系统。</p>",
        "<title>Acme</title><p>Please open this link in the Acme app.</p>",
        "<title>提示信息 - 某某论坛</title><div class='alert_error'>您不能访问当前内容</div>",
    ],
)
def test_a_page_that_sends_the_reader_to_another_client_is_blocked(html: str) -> None:
    assert _judge("http://x.cn/a.html", html, []) == "blocked"


def test_a_page_that_cannot_be_reached_is_no_refusal_of_the_reader() -> None:
    assert analyse_page("http://x.cn/a.html", "<p>抱歉，页面无法访问</p>").refusal == ""


def test_an_article_that_describes_opening_a_link_in_an_app_is_no_gate() -> None:
    html = (
        "<title>使用说明</title><h1>使用说明</h1><p>用户在微信客户端打开链接后，可以直接填写问卷。"
        + "问卷共十题，约需五分钟。" * 20
        + "</p>"
    )
    assert analyse_page("http://x.cn/a.html", html).refusal == ""


def test_a_title_whose_part_beside_the_site_name_is_404_says_it() -> None:
    html = "<title>404 | 阿树的小站</title><h1>404 is Found!</h1><p>如果你是无意间来到这里的。</p>"
    assert _judge("http://x.cn/posts/old/", html, []) == "soft-404"
    real = (
        "<title>国务院令第404号 | 某某法规库</title><h1>国务院令第404号</h1><p>"
        + "条文。" * 200
        + "</p>"
    )
    assert _judge("http://x.cn/fg/404.html", real, []) == "ok"


def test_links_that_differ_by_a_trailing_slash_lead_to_one_page() -> None:
    site = analyse_page(
        "http://x.org/",
        "<title>Open Skills</title><a href='/library/'>Library</a>"
        "<a href='/training/'>Training</a>",
    )
    html = (
        "<title>Open Skills</title><p>We are sorry. Nothing here.</p>"
        "<a href='/library'>Library</a><a href='/training#top'>Training</a>"
    )
    page = analyse_page("http://x.org/training/typing-2018", html)
    assert page.links <= site.links
    j = judge_against_site(page, site)
    assert j is not None and j.reason == "soft-404"


def test_a_page_whose_heading_only_repeats_its_title_is_a_removed_items_stub() -> None:
    html = _in_chrome("感谢您的浏览！ - 某市人民政府门户网站", "<h1>感谢您的浏览！</h1>")
    page = analyse_page("http://x.cn/art/2023/7.html", html)
    assert judge_page(page.url, page.url, False, page, html, []).reason == "ok"
    j = judge_against_site(page, analyse_page("http://x.cn/", SITE_HOME))
    assert j is not None and j.reason == "soft-404"
    assert any("nothing of its own but its title" in e for e in j.evidence)


def test_one_sentence_under_a_heading_that_repeats_the_title_is_an_item() -> None:
    html = _in_chrome("开学通知 - 某市人民政府门户网站", "<h1>开学通知</h1><p>2月26日开学。</p>")
    assert _against_site(html) == "ok"


@pytest.mark.parametrize(
    "html",
    [
        "<title>Sucuri WebSite Firewall - Access Denied</title><h1>Access Denied - Sucuri Website"
        " Firewall</h1><p>" + "If you are the site owner, please whitelist your IP. " * 12 + "</p>",
        "<title>Access Denied</title><h1>Access Denied</h1><p>You don't have permission.</p>",
    ],
)
def test_a_firewall_page_named_access_denied_is_blocked_however_long(html: str) -> None:
    assert _judge("http://x.cn/a.html", html, []) == "blocked"


def test_an_article_that_mentions_access_denied_in_its_title_is_no_refusal() -> None:
    html = (
        "<title>Why you see access denied errors | Tech Notes</title><h1>Why you see access denied"
        " errors</h1><p>" + "Check the permissions of the folder. " * 10 + "</p>"
    )
    assert analyse_page("http://x.cn/a.html", html).refusal == ""


def test_a_page_that_quotes_the_wording_of_its_title_is_about_it() -> None:
    html = _in_chrome(
        "404 Not Found：互联网记忆正在消失 - 某市人民政府门户网站",
        "<h2>404 Not Found：互联网记忆正在消失</h2><p>十年前收藏的网页，如今打开十有八九是"
        "“404 Not Found”。网站关停、改版、迁移，链接一条条失效。</p>",
    )
    page = analyse_page("http://x.cn/p/2022/0518.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404" and j.wording == "404 Not Found"
    kept = reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None)
    assert kept is not None and kept.reason == "ok"
    assert any("quotes the wording" in e for e in kept.evidence)


def test_a_message_page_that_quotes_nothing_stays_a_soft_404() -> None:
    html = _in_chrome("404 Not Found - 某市人民政府门户网站", "<h2>404 Not Found</h2><p>返回</p>")
    page = analyse_page("http://x.cn/p/2022/0519.html", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"
    assert reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None) is None


def test_a_message_page_headed_tishi_xinxi_is_no_item_of_its_site() -> None:
    html = _in_chrome("提示信息 - 某某家园", "<h2>提示信息</h2><p>您要查看的日志找不到了</p>")
    page = analyse_page("http://x.cn/space.php?id=1", html)
    assert may_be_empty_template(page.url, page) and not shows_item(page)


def test_a_page_is_never_weighed_against_itself() -> None:
    html = _in_chrome("提示信息 - 某某家园", "<p>出问题了，您要查看的信息不存在或者已经被删除</p>")
    page = analyse_page("http://x.cn/space.php?id=2", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"
    assert reconsider_wording(page, j, page, page) is None


def test_a_maintenance_page_the_site_shows_for_every_url_is_unverifiable() -> None:
    html = "<title>网站维护中</title><p>网站正在维护中，请在倒计时结束后访问！</p>"
    probe = _probe("http://x.cn/a/citekit-no-such-page-ab.html", html)
    assert _judge("http://x.cn/a/312.html", html, [probe]) == "maintenance"
    assert verdict_of("maintenance") == "unverifiable"


def test_a_notice_about_maintenance_is_not_the_site_down() -> None:
    html = _in_chrome(
        "关于系统维护的通知 - 某市人民政府", "<p>3月9日22时至24时系统维护，期间暂停服务。</p>"
    )
    probe = _probe("http://x.cn/a/citekit-no-such-page-ab.html", None, 404)
    assert _judge("http://x.cn/a/312.html", html, [probe]) == "ok"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (
            "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1>"
            "</center><hr><center>nginx</center></body></html>",
            "blocked",
        ),
        ("<title>502 Bad Gateway</title><h1>502 Bad Gateway</h1>", "server-error"),
        (
            "<h1>HTTP Error 503 Service Unavailable</h1><p>The service is unavailable.</p>",
            "server-error",
        ),
    ],
)
def test_a_server_error_page_sent_with_200_keeps_its_status(html: str, reason: str) -> None:
    assert _judge("http://x.cn/a/1.html", html, []) == reason


def test_an_article_about_http_403_is_no_error_page() -> None:
    html = "<title>403 Forbidden 是什么意思</title><h1>403 Forbidden 是什么意思</h1>"
    html += "<p>" + "服务器理解请求但拒绝执行，常见原因是权限不足或防火墙拦截。" * 10 + "</p>"
    assert analyse_page("http://x.cn/a.html", html).names_status is None


def test_an_attachment_is_a_subject_of_a_deletion_wording() -> None:
    assert deletion_wording("附件不存在或已被删除！") == "附件不存在"


@pytest.mark.parametrize(
    ("text", "wording"),
    [("抱歉！该话题已被删除", "该话题已被删除"), ("此条目已下架", "此条目已下架")],
)
def test_a_demonstrative_makes_any_short_noun_a_subject(text: str, wording: str) -> None:
    assert deletion_wording(text) == wording


def test_an_asp_net_custom_errors_redirect_names_an_error_page() -> None:
    assert is_error_page_url("http://x.cn/List.aspx?aspxerrorpath=/Detail.aspx")
    assert not is_error_page_url("http://x.cn/List.aspx?page=2")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("关于座位预约功能下线的公告", "该功能已下线，感谢大家的支持。"),
        ("关于某某数据库停用的通知", "因合同到期，某某数据库已停止服务，相关资源无法访问。"),
    ],
)
def test_a_page_with_a_specific_title_that_mentions_a_retirement_stays_ok(
    title: str, text: str
) -> None:
    html = _in_chrome(f"{title} - 某市人民政府", f"<p>{text}</p>")
    page = analyse_page("http://x.cn/tzgg/c2.htm", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"  # the wording alone
    kept = reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None)
    assert kept is not None and f"a title of its own ({title!r})" in kept.evidence


@pytest.mark.parametrize("title", ["学院动态", "出错页面", "温馨提示", "关于2024年春季招生的通知"])
def test_a_column_or_message_title_or_a_kept_headline_with_only_the_message_stays_broken(
    title: str,
) -> None:
    html = _in_chrome(f"{title} - 某市人民政府", "<p>该稿件已撤回。</p>")
    page = analyse_page("http://x.cn/tzgg/c3.htm", html)
    j = judge_page(page.url, page.url, False, page, html, [])
    assert j.reason == "soft-404"
    assert reconsider_wording(page, j, analyse_page("http://x.cn/", SITE_HOME), None) is None


@pytest.mark.parametrize(
    "html",
    [
        "<div class='ant-result-403'><div>403</div><div>抱歉，你无权访问该页面</div></div>",
        "<script>alert('权限不足!');history.go(-1);</script>",
    ],
)
def test_a_short_page_that_refuses_access_is_blocked(html: str) -> None:
    assert _judge("http://x.cn/report/1", html, []) == "blocked"


def test_an_article_about_permissions_is_no_refusal() -> None:
    html = ARTICLE + "<p>" + "系统按角色分配权限，权限不足的用户无法查看报表。" * 10 + "</p>"
    assert analyse_page("http://x.cn/a.html", html).refusal == ""
