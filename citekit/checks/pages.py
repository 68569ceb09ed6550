"""What a fetched HTML page shows: decoded text -> :class:`Page` facts a verdict can rest on.

Consumes the decoded HTML of one response (see :func:`citekit.checks.classify.decode_html`) and
the URL it came from; produces its title, headings, visible text, whether it carries article
markup, the target of a client-side redirect (``<meta http-equiv=refresh>`` or a one-line
``location.href``/``location.replace`` script), and the signatures of domain-parking and
JavaScript-challenge pages. Pure functions, no I/O. The signatures are data:
``citekit/data/page_signals.yaml``.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from .linkdata import load_link_data

__all__ = [
    "Page",
    "PageSignals",
    "analyse_page",
    "link_key",
    "page_signals",
    "text_blocks",
    "visible_text",
]

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEADING = re.compile(r"<h([1-3])[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_INVISIBLE = re.compile(
    r"<script\b.*?(?:</script\s*>|$)|<style\b.*?(?:</style\s*>|$)|<noscript\b.*?</noscript\s*>"
    r"|<!--.*?-->|<template\b.*?</template\s*>",
    re.I | re.S,
)
_TAG = re.compile(r"<[^>]*>", re.S)
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)(?=</p\s*>|<p\b|</div)", re.I | re.S)
_META_REFRESH = re.compile(
    r"""<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>""",
    re.I,
)
_CONTENT_ATTR = re.compile(r"""content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_REFRESH_VALUE = re.compile(r"^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)
# location = "..." / location.href = '...' / location.replace("...") / location.assign('...'),
# with the string closed and not concatenated with anything (that would need running the script);
# also as the code string of a timer: setTimeout("location.href='/'", 3000).
_JS_REDIRECT = re.compile(
    r"""(?:\b(?:window|document|self|top|parent)\s*\.\s*)?\blocation"""
    r"""(?:\s*\.\s*href)?\s*=\s*(["'])([^"'+\s]{1,500})\1\s*(?:;|$|<|\n|\}|["'](?=\s*,))"""
    r"""|(?:\b(?:window|document|self|top)\s*\.\s*)?\blocation\s*\.\s*(?:replace|assign)\s*\(\s*"""
    r"""(["'])([^"'+\s]{1,500})\3\s*\)""",
    re.I,
)
_SCRIPT = re.compile(r"<script\b", re.I)
_NOSCRIPT = re.compile(r"<noscript\b.*?(?:</noscript\s*>|$)", re.I | re.S)
# an element that quotes another item (a repost, a retweet, a quoted post): <blockquote>, or a
# class or id whose words name one (weibo-rp, retweet, quote, forward)
_QUOTE_START = re.compile(
    r"""<(blockquote)\b[^>]*>|<([a-z][a-z0-9]*)\b[^>]*\b(?:class|id)\s*=\s*["']?[^"'>]*?"""
    r"""(?<![a-z0-9])(?:rp|repost|reposted|retweet|retweeted|quote|quoted|forward)(?![a-z0-9])""",
    re.I,
)
_COMPUTED_REDIRECT = re.compile(r"""location(?:\s*\.\s*href)?\s*=\s*["'][^"']*["']\s*\+""", re.I)
_GOES_BACK = re.compile(
    r"""(?:href\s*=\s*["']\s*javascript\s*:|onclick\s*=\s*["'])[^"'>]*"""
    r"""history\s*\.\s*(?:back\s*\(|go\s*\(\s*-)""",
    re.I,
)
_IDS = re.compile(r"""\b(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>"']+))""", re.I)
_DATE = re.compile(r"(?:19|20)\d\d\s*(?:[-/.年])\s*\d{1,2}\s*(?:[-/.月])\s*\d{1,2}")
_BYLINE = re.compile(r"(?:发布(?:时间|日期)|来源|作者|编辑|责任编辑|发稿时间|日期)\s*[:：]")
# What a page carries besides text: images, players, frames, and links to documents.
_MEDIA = re.compile(
    r"""<(img|iframe|video|audio|embed|object|source)\b[^>]*?\b(?:src|data)\s*=\s*["']?([^"'\s>]+)"""
    r"""|<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+\.(?:pdf|docx?|xlsx?|pptx?|wps|ofd|zip|rar|7z|csv"""
    r"""|mp4|mp3|txt)(?:\?[^"'\s>]*)?)""",
    re.I,
)
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_LINKS_KEPT = 1000
_FRAME_ATTR = re.compile(
    r"""<[a-z][a-z0-9]*\b[^>]*?\b(class|id)\s*=\s*["']([^"'<>]{1,200})["']""", re.I
)
_FRAME_KEPT = 500
# An image that names a verification code or QR code, shown beside a text box or a request to
# scan: a page that asks a person to prove themselves before the content.
_CODE_IMAGE = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*["']?[^"'\s>]*"""
    r"""(?:captcha|vcode|verifycode|verify_code|checkcode|validatecode|authcode|yzm|qrcode)""",
    re.I,
)
_TEXT_BOX = re.compile(r"<input\b(?![^>]*type\s*=\s*[\"']?(?:hidden|submit|button))", re.I)
_SCAN = re.compile(r"扫描|扫码|scan", re.I)
#: visible text at most this long is a page that only asks for something (a code, a wait)
_ASKING_PAGE = 200
# alert('…') with a plain string: what a PHP/JSP message page says before it sends the reader on
_DIALOG = re.compile(r"""\balert\s*\(\s*(["'])([^"'\\\n]{1,200})\1\s*\)""")
_PASSWORD = re.compile(r"""<input\b[^>]*\btype\s*=\s*["']?password""", re.I)
#: visible text at most this long on a page with a password box: a login page
_LOGIN_PAGE = 300
# A server's stock error page: "403 Forbidden", "502 Bad Gateway", "HTTP 503 Service Unavailable".
_STATUS_NAME = re.compile(
    r"^\s*(?:http\s*(?:error\s*)?)?([45]\d\d)\s*[-:]?\s*(?:forbidden|unauthorized|not\s*found|gone|"
    r"bad\s*gateway|service\s*(?:temporarily\s*)?unavailable|internal\s*server\s*error|"
    r"gateway\s*time-?out|too\s*many\s*requests|access\s*denied)\b",
    re.I,
)


def _names_status(title: str, headings: tuple[str, ...], text: str) -> int | None:
    if len(text) > _LOGIN_PAGE:
        return None
    for name in (title, *headings[:1]):
        m = _STATUS_NAME.match(name)
        if m:
            return int(m.group(1))
    return None


# A page that sends the reader to another client: "请在微信客户端打开链接" (WeChat H5 pages,
# find_string hits 24313905761, 1977666476), "请使用IE浏览器访问", "Please open this link in the
# app". An ask (请 + 在/使用/用 + where + open/visit/view), not a description of one.
_CLIENT_GATE = re.compile(
    r"请(?:在|使用|用|到)[^，。,.!！？?\s]{0,10}?(?:客户端|app|应用|浏览器)[^，。,.!！？?\s]{0,4}?"
    r"(?:打开|访问|查看|浏览|登录)"
    r"|\bplease\s+(?:open|view)\s+(?:this\s+)?(?:link|page|content)?\s*in\s+(?:the\s+)?[\w-]+\s+app\b",
    re.I,
)


# A refusal addressed to the reader: 您/你 + (暂时) + 不能/无权/没有权限 + 访问/查看/浏览
# ("您不能访问当前内容", Discuz, find_string 70816676866). "页面无法访问" speaks of the page, not
# the reader: no refusal.
_REFUSED_READER = re.compile(
    r"[您你](?:暂时|目前)?(?:不能|无权|没有权限|无权限)(?:访问|查看|浏览|阅读)"
)


def _client_gate(text: str) -> str:
    """The ask of a short page to be opened in another client (请在微信客户端打开链接), or a
    refusal addressed to the reader (您不能访问当前内容), or ""."""
    if len(text) > _ASKING_PAGE:
        return ""
    m = _CLIENT_GATE.search(text) or _REFUSED_READER.search(text)
    return m.group(0) if m else ""


# The parts of a title or heading: "Sucuri WebSite Firewall - Access Denied", "提示 | 无权访问".
_NAME_PARTS = re.compile(r"\s+[-–—|]\s+|\s*[|｜_]\s*")


def _named_refusal(title: str, headings: tuple[str, ...], refusals: tuple[str, ...]) -> str:
    """A refusal that a part of the title or of the first heading *is* ("Access Denied" in
    "Sucuri WebSite Firewall - Access Denied"), whatever the length of the page: a firewall's
    block page explains itself at length. A title that only mentions one says nothing."""
    for name in (title, *headings[:1]):
        for part in _NAME_PARTS.split(name):
            said = part.strip(" !！.。:：-").lower()
            if said and said in refusals:
                return said
    return ""


# A login page names itself so in its title or a heading (a short notice on a portal whose
# header carries a login box does not).
_LOGIN_NAME = re.compile(r"登录|登陆|登入|认证|身份验证|log\s*in|sign\s*in", re.I)
_ARTICLE_TAG = re.compile(
    r"<article\b|property\s*=\s*[\"']og:type[\"']\s+content\s*=\s*[\"']article"
    r"|itemtype\s*=\s*[\"'][^\"']*schema\.org/(?:News)?Article",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """Signatures of pages that are not the cited content (loaded from the data file)."""

    parking: tuple[str, ...]
    parking_weak: tuple[str, ...]
    challenge: tuple[str, ...]
    challenge_titles: tuple[str, ...]
    #: wordings of rate walls and verification steps, counted on short pages only
    challenge_short: tuple[str, ...] = ()
    #: wordings of a site down for maintenance, counted on short pages and titles only
    maintenance: tuple[str, ...] = ()
    #: wordings of a refusal (无权访问), counted on short pages only
    refusal: tuple[str, ...] = ()


@cache
def page_signals() -> PageSignals:
    """The parking and challenge signatures of ``citekit/data/page_signals.yaml``."""
    data: dict[str, Any] = load_link_data("page_signals.yaml")

    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(s).lower() for s in data.get(key) or ())

    return PageSignals(
        parking=strings("parking"),
        parking_weak=strings("parking_weak"),
        challenge=strings("challenge"),
        challenge_titles=strings("challenge_titles"),
        challenge_short=strings("challenge_short"),
        maintenance=strings("maintenance"),
        refusal=strings("refusal"),
    )


@dataclass(frozen=True, slots=True)
class Page:
    """The facts of one HTML page that verdicts use."""

    url: str
    title: str
    headings: tuple[str, ...]
    #: visible text, whitespace collapsed (scripts, styles and comments removed)
    text: str
    #: byte length of the HTML read
    size: int
    scripts: int
    #: a date with a byline (来源：, 发布时间：), ``<article>``/og:type article, or long paragraphs
    article_markup: bool
    #: where a ``<meta http-equiv=refresh>`` or a redirect script sends the reader (absolute)
    client_redirect: str | None
    #: ``meta-refresh`` or ``script`` when there is a client redirect
    redirect_kind: str
    #: the matched parking / challenge signature, or ""
    parking: str
    challenge: str
    anchors: frozenset[str]
    #: the visible text in pieces, as the markup separates them (a menu item, a paragraph)
    blocks: tuple[str, ...] = ()
    #: what the page shows besides text: ``img:/a.png``, ``iframe:...``, ``document:/b.pdf``
    media: frozenset[str] = frozenset()
    #: where its links lead (absolute, as :func:`link_key` writes them; the first thousand;
    #: scripts and in-page anchors left out)
    links: frozenset[str] = frozenset()
    #: a link or button that sends the reader back (``javascript:history.back()``), as the
    #: message pages of CMSs offer
    goes_back: bool = False
    #: the class names (``.article``) and ids (``#detail``) of its elements: the frame of the
    #: template that rendered it, to compare with a page of the same column
    frame: frozenset[str] = frozenset()
    #: what a page that is only a script says in its dialog (``alert('该信息不存在')``), or ""
    dialog: str = ""
    #: a short page with a password box that names itself a login (登录, 认证): a login form
    #: stands in for the content
    login: bool = False
    #: the maintenance wording of a short page or its title (维护中), or ""
    maintenance: str = ""
    #: the refusal a short page or its dialog says (无权访问, 权限不足), or ""
    refusal: str = ""
    #: the HTTP status a short page names as its title or first heading ("403 Forbidden",
    #: "502 Bad Gateway"): a server's error page sent with another status, or None
    names_status: int | None = None
    #: where ``<link rel=canonical>`` says the page lives (absolute), or ""
    canonical: str = ""
    #: ``<meta name=robots content=noindex>``: the site asks search engines not to keep it
    noindex: bool = False
    #: the visible text outside the elements that quote another item (a repost, a quoted
    #: post), or None when there are none
    own_text: str | None = None
    #: what a short page says of a request it intercepted (a firewall's block page:
    #: 您的请求已被拦截, "has been blocked by the webmaster", an incident ID beside a firewall's
    #: name), or ""
    blocked: str = ""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]+")


def _clean(fragment: str) -> str:
    text = _CONTROL.sub(" ", htmllib.unescape(_TAG.sub(" ", fragment)))
    return _SPACE.sub(" ", text).strip()


def visible_text(html: str) -> str:
    """The text a reader sees, whitespace collapsed."""
    return _clean(_INVISIBLE.sub(" ", html))


def text_blocks(html: str) -> tuple[str, ...]:
    """The visible text of ``html`` in the pieces its tags separate, each whitespace-collapsed."""
    pieces = (_clean(p) for p in _TAG.split(_INVISIBLE.sub(" ", html)))
    return tuple(p for p in pieces if p)


def _media(html: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _MEDIA.finditer(html):
        if m.group(3):
            out.add("document:" + htmllib.unescape(m.group(3)))
        else:
            out.add(f"{m.group(1).lower()}:{htmllib.unescape(m.group(2))}")
    return frozenset(out)


def link_key(url: str) -> str:
    """``url`` as :attr:`Page.links` holds it: no fragment, no trailing slash (``/library/`` and
    ``/library`` lead to one page), scheme and host in lower case."""
    u = urlsplit(url)
    path = u.path.rstrip("/") or "/"
    return urlunsplit((u.scheme.lower(), u.netloc.lower(), path, u.query, ""))


def _links(html: str, base: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _HREF.finditer(html):
        href = htmllib.unescape(m.group(1))
        if href.startswith("#") or href.lower().startswith(("javascript:", "mailto:")):
            continue
        try:
            out.add(link_key(urljoin(base, href)))
        except ValueError:
            continue
        if len(out) >= _LINKS_KEPT:
            break
    return frozenset(out)


def _without_quotes(html: str) -> str | None:
    """``html`` without the elements that quote another item (see ``_QUOTE_START``), or None
    when it has none: the page's own content, as a platform's verdict must read it."""
    out: list[str] = []
    pos = 0
    for m in _QUOTE_START.finditer(html):
        if m.start() < pos:
            continue  # inside a quote already cut
        name = (m.group(1) or m.group(2)).lower()
        tags = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
        depth, end = 0, len(html)
        for t in tags.finditer(html, m.start()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = t.end()
                break
        out.append(html[pos : m.start()])
        pos = end
    if not out:
        return None
    return "".join(out) + html[pos:]


def _refresh_target(html: str, base: str) -> str | None:
    # A refresh inside <noscript> sends only browsers without JavaScript (to a no-JS page):
    # the page a reader sees is this one.
    for tag in _META_REFRESH.finditer(_NOSCRIPT.sub(" ", html[:20000])):
        m = _CONTENT_ATTR.search(tag.group(0))
        if not m:
            continue
        value = htmllib.unescape(str(next(g for g in m.groups() if g is not None)))
        r = _REFRESH_VALUE.match(value)
        if not r or not r.group(2).strip():
            continue  # a page that reloads itself is not a redirect
        delay = float(r.group(1) or 0)
        if delay > 30:
            continue  # a long refresh is an auto-reload of a live page, not a redirect
        return urljoin(base, str(r.group(2)).strip())
    return None


def _script_target(html: str, base: str, text: str) -> str | None:
    if len(text) > 200:
        return None  # a page with real content that also redirects somewhere is not a stub
    for script in re.finditer(r"<script\b[^>]*>(.*?)</script\s*>", html[:20000], re.I | re.S):
        m = _JS_REDIRECT.search(script.group(1))
        if m:
            target = str(m.group(2) or m.group(4))
            if target.lower().startswith("javascript:") or target.startswith("#"):
                continue
            return urljoin(base, htmllib.unescape(target))
    return None


def _article_markup(html: str, text: str) -> bool:
    if _ARTICLE_TAG.search(html):
        return True
    if _DATE.search(text) and _BYLINE.search(text):
        return True
    long_paragraphs = sum(1 for p in _PARAGRAPH.finditer(html) if len(_clean(p.group(1))) >= 40)
    return long_paragraphs >= 3


def _frame(html: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _FRAME_ATTR.finditer(html):
        mark = "." if m.group(1).lower() == "class" else "#"
        out.update(mark + name for name in m.group(2).split())
        if len(out) >= _FRAME_KEPT:
            break
    return frozenset(out)


def _verification(html: str, text: str, signals: PageSignals) -> str:
    """A short page that asks for a code, a scan or a wait instead of showing content."""
    if len(text) > _ASKING_PAGE:
        return ""
    low = text.lower()
    said = _signature(low, signals.challenge_short)
    if said:
        return said
    if _CODE_IMAGE.search(html) and (_TEXT_BOX.search(html) or _SCAN.search(text)):
        return "a verification-code form"
    return ""


# A check in progress, whoever runs it: "Checking for user browser...", "Verifying you are
# human", "Browser check requires JavaScript", 正在检测您的运行环境, 正在验证您的浏览器 (a JS
# proof-of-work page, code corpus; lgtm-migrator/tools-2 member/account_form/recaptcha_tools.php),
# or a human-check widget (Cloudflare Turnstile, hCaptcha, reCAPTCHA) on a page with nothing else.
_CHECKING = re.compile(
    r"\b(?:checking|verifying|verify)\b[^.!?]{0,30}?\b(?:browser|human|connection|you\s+are)"
    r"|\bbrowser\s+(?:check|verification)\b"
    r"|(?:正在|请稍候|请稍等|稍候)[^。，,.!！]{0,10}?(?:验证|检测|检查)"
    r"|(?:浏览器|运行环境|人机|安全)(?:验证|检测|检查)中",
    re.I,
)
_CHECK_WIDGET = re.compile(
    r"challenges\.cloudflare\.com|cf-turnstile|hcaptcha\.com|class\s*=\s*[\"']h-captcha"
    r"|class\s*=\s*[\"']g-recaptcha",
    re.I,
)


def _browser_check(html: str, title: str, text: str) -> str:
    """A short page that only checks the browser or the person (see :data:`_CHECKING`), or ""."""
    if len(text) > _ASKING_PAGE or _article_markup(html, text):
        return ""
    m = _CHECKING.search(title + " " + text)
    if m and _SCRIPT.search(html):
        return m.group(0)
    w = _CHECK_WIDGET.search(html)
    if w and len(text) < 80:
        return w.group(0)
    return ""


def _dialog(html: str, text: str) -> str:
    """The message of a page that is only a script showing a dialog."""
    if len(text) >= 40:
        return ""
    for script in re.finditer(r"<script\b[^>]*>(.*?)(?:</script\s*>|$)", html[:20000], re.I | re.S):
        m = _DIALOG.search(script.group(1))
        if m:
            return htmllib.unescape(m.group(2)).strip()
    return ""


_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_HREF_ATTR = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ROBOTS_META = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']?(?:robots|googlebot)\b[^>]*>", re.I)


def _canonical(html: str, base: str) -> str:
    """The absolute URL of ``<link rel=canonical>`` in the head, or ""."""
    tag = _CANONICAL.search(html[:50000])
    href = _HREF_ATTR.search(tag.group(0)) if tag else None
    if href is None:
        return ""
    value = htmllib.unescape(next(g for g in href.groups() if g is not None)).strip()
    try:
        return urljoin(base, value) if value else ""
    except ValueError:
        return ""


def _noindex(html: str) -> bool:
    return any("noindex" in m.group(0).lower() for m in _ROBOTS_META.finditer(html[:50000]))


# A firewall's block page speaks of the reader's request, not of the page: the request or
# the access + (已)被 / has been + intercepted (您的访问请求已被拦截, 提交的请求含有不合法的
# 参数，已被网站管理员拦截, "Your request has illegal parameters and has been blocked by the
# webmaster"), or an incident ID beside a firewall's name (事件ID + 华为云WAF). Sources:
# ngx_lua_waf's page (bennieguo163/ngx_lua_waf config.lua), the WAF pages collected in
# jadensalas469466/notes WAF_Block_Page.md.
_REQUEST_BLOCKED = re.compile(
    r"(?:请求|访问|request|access)[^。.!！?？]{0,40}?(?:已被|已经被|被|has\s+been|was|been)"
    r"[^。.!！?？]{0,24}?(?:拦截|阻断|阻止|blocked|denied|rejected)",
    re.I,
)
_INCIDENT_ID = re.compile(
    r"(?:事件|拦截|请求|incident|event|request|support|block)\s*(?:id|编号|号|reference)\s*[:：#]",
    re.I,
)
_FIREWALL = re.compile(r"waf|firewall|防火墙|网站防护|安全防护|拦截|攻击|\bblocked\b", re.I)


def _blocked(title: str, text: str) -> str:
    """What a short page says of an intercepted request (see :data:`_REQUEST_BLOCKED`), or ""."""
    if len(text) > _LOGIN_PAGE:
        return ""
    m = _REQUEST_BLOCKED.search(text)
    if m:
        return m.group(0)
    firewall = _FIREWALL.search(title + " " + text)
    if firewall and _INCIDENT_ID.search(text):
        return f"an incident ID beside {firewall.group(0)!r}"
    return ""


def _signature(low: str, signs: tuple[str, ...]) -> str:
    return next((s for s in signs if s in low), "")


def analyse_page(url: str, html: str, size: int | None = None) -> Page:
    """The :class:`Page` facts of ``html`` fetched from ``url``."""
    titles = _TITLE.findall(html[:50000])
    title = _clean(titles[0]) if titles else ""
    headings = tuple(_clean(m.group(2)) for m in _HEADING.finditer(html))
    text = visible_text(html)
    low = html.lower()
    signals = page_signals()
    parking = _signature(low, signals.parking)
    if not parking:
        weak = [s for s in signals.parking_weak if s in low]
        parking = " + ".join(weak) if len(weak) >= 2 else ""
    challenge = _signature(low, signals.challenge)
    if not challenge and title.lower() in signals.challenge_titles:
        challenge = f"title {title!r}"
    if not challenge:
        challenge = _verification(html, text, signals)
    if not challenge:
        challenge = _browser_check(html, title, text)
    if not challenge and len(text) < 80 and _SCRIPT.search(html):
        # A page that is only a script which sets a cookie and reloads, or builds the next URL
        # from what the browser reports: an anti-bot check whatever its vendor.
        if "document.cookie" in low and ("reload" in low or "location" in low):
            challenge = "a script that sets a cookie and reloads"
        elif _COMPUTED_REDIRECT.search(html):
            challenge = "a script that computes where to go"
    meta = _refresh_target(html, url)
    own = _without_quotes(html)
    script = None if meta else _script_target(html, url, text)
    target = meta or script
    if target and urlsplit(target).scheme not in ("http", "https"):
        target = None
    anchors = frozenset(next(g for g in m.groups() if g is not None) for m in _IDS.finditer(html))
    return Page(
        url=url,
        title=title,
        headings=headings,
        text=text,
        size=len(html) if size is None else size,
        scripts=len(_SCRIPT.findall(html)),
        article_markup=_article_markup(html, text),
        client_redirect=target,
        redirect_kind="meta-refresh" if meta else ("script" if script else ""),
        parking=parking,
        challenge=challenge,
        anchors=anchors,
        blocks=text_blocks(html),
        media=_media(html),
        links=_links(html, url),
        goes_back=_GOES_BACK.search(html) is not None,
        frame=_frame(html),
        dialog=_dialog(html, text),
        maintenance=_signature(
            (title + " " + (text if len(text) <= _ASKING_PAGE else "")).lower(),
            signals.maintenance,
        ),
        names_status=_names_status(title, headings, text),
        refusal=_signature((text if len(text) <= _ASKING_PAGE else "").lower(), signals.refusal)
        or _signature(_dialog(html, text).lower(), signals.refusal)
        or _named_refusal(title, headings, signals.refusal)
        or _client_gate(text),
        canonical=_canonical(html, url),
        noindex=_noindex(html),
        blocked=_blocked(title, text),
        own_text=None if own is None else visible_text(own),
        login=len(text) <= _LOGIN_PAGE
        and _PASSWORD.search(html) is not None
        and any(_LOGIN_NAME.search(t) for t in (title, *headings)),
    )
