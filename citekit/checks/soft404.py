"""Is a 200 page the cited content? A :class:`Page` and its site's baseline -> a :class:`Judgement`.

Consumes the facts of a page (:mod:`citekit.checks.pages`), the facts of what the same site
answers for URLs that certainly do not exist (:class:`Probe`, fetched by the checker once per
site) and the platform data of ``citekit/data/deleted_pages.yaml``; produces a reason word and
the evidence it rests on. The order of the questions is the policy:

1. a JavaScript challenge -> ``challenge`` (unverifiable); a parking page -> ``parked``;
2. a known platform (WeChat articles, Weibo posts): its live-article markers -> ``ok``; its
   message page or deleted-content wording -> ``soft-404`` (before the comparison: a live post
   sits in script data and may look like the platform's answer for any URL);
3. the same page as the site's answer for a URL that cannot exist (same final URL after
   redirects, or the same title and similar text, compared with rapidfuzz) -> ``soft-404``; a
   script-only page that the site serves for any URL -> ``js-only`` (``soft-404`` when its own
   text says the page does not exist) and a maintenance page it
   serves for any URL -> ``maintenance`` (both unverifiable); a redirect
   to the home page or to a URL named as an error page (``/404.html``) -> ``soft-404``;
4. a deletion wording counts only beside other evidence: no article markup, and a short page
   or the wording in the title or a heading;
5. on a site that answers made-up URLs properly, compared with a page of the same site known to
   exist (its home page, :func:`judge_against_site`): the site's template with nothing of its own
   in it — no title but the site's name, no heading, media or article markup of its own, and
   only a sentence of text beside the menus and footer the site page also shows -> ``soft-404``
   (a withdrawn or unpublished item, whatever its wording).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from .classify import Reason, is_home_page_redirect, is_home_url, is_parent_folder_redirect
from .linkdata import load_link_data
from .normalize_text import to_simplified
from .pages import Page, link_key

__all__ = [
    "Judgement",
    "Probe",
    "deletion_wording",
    "is_error_page_url",
    "judge_against_site",
    "judge_page",
    "keeps_item_frame",
    "may_be_empty_template",
    "may_be_stub",
    "probe_urls",
    "reconsider_wording",
    "said_wording",
    "similarity",
    "text_size",
]

#: visible text at most this long is a short page (error pages say one or two sentences),
#: counted by :func:`text_size`
SHORT_TEXT = 300


def text_size(text: str) -> int:
    """The length of ``text`` in characters, halved for a text mostly in Latin letters (an
    English sentence takes about twice the characters of a Chinese one that says as much)."""
    cjk = sum(1 for ch in text if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return len(text) // 2 if latin > 2 * cjk else len(text)


#: text similarity (0..1) above which a page is the site's "no such page" answer even under
#: another title (pages of one template with different titles are different pages otherwise)
SAME_TEXT = 0.97
#: text similarity that, with an identical title, is enough
SAME_TITLE_TEXT = 0.7
_COMPARED = 4000  # characters of visible text compared
#: text of its own (beside what the site's known page also shows) at most this long, with no
#: title, heading, media or article markup of its own: the site's template with nothing in it
OWN_TEXT = 80
#: links to pages the site's known page does not link to, from which a page is a listing
OWN_LINKS = 2
#: text similarity with the site's known page above which the page *is* that page (the home
#: page under another address): nothing to say from this comparison
SAME_AS_SITE = 0.9


@dataclass(frozen=True, slots=True)
class Probe:
    """What a site answered for a URL that cannot exist (a random path)."""

    url: str
    status: int | None
    final_url: str | None
    redirected: bool
    page: Page | None = None
    #: the random part of the probe URL
    token: str = ""


@dataclass(slots=True)
class Judgement:
    """A reason word and the evidence for it (empty for a plain ``ok``)."""

    reason: Reason
    detail: str = ""
    evidence: list[str] = field(default_factory=list)
    #: the deletion wording a ``soft-404`` rests on when nothing but the page's own words and
    #: shape back it (:func:`reconsider_wording` may weigh it against the page's site)
    wording: str = ""


@dataclass(frozen=True, slots=True)
class _Platform:
    name: str
    hosts: frozenset[str]
    paths: tuple[str, ...]
    live: tuple[str, ...]
    message_page: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Data:
    platforms: tuple[_Platform, ...]
    wording: re.Pattern[str]
    standalone: re.Pattern[str]
    error_titles: frozenset[str]
    english: re.Pattern[str] | None = None
    headline: re.Pattern[str] | None = None


@cache
def _data() -> _Data:
    raw: dict[str, Any] = load_link_data("deleted_pages.yaml")
    platforms = tuple(
        _Platform(
            name=str(p["name"]),
            hosts=frozenset(str(h).lower() for h in p["hosts"]),
            paths=tuple(str(s) for s in p.get("paths") or ("/",)),
            live=tuple(str(s).lower() for s in p.get("live") or ()),
            message_page=tuple(str(s).lower() for s in p.get("message_page") or ()),
            phrases=tuple(str(s) for s in p.get("phrases") or ()),
        )
        for p in raw.get("platforms") or ()
    )
    # the text is read folded to simplified characters; Japanese entries are folded alike
    subjects = "|".join(re.escape(to_simplified(str(w))) for w in raw["subjects"])
    folded = sorted({to_simplified(str(w)) for w in raw["states"]}, key=len, reverse=True)
    # 已 may take 经 (已经失效 as 已失效)
    states = "|".join(re.escape(w).replace("已", "已经?", 1) for w in folded)
    # the passive with its agent: 被 + who + VERB (已被管理员屏蔽, 被发布者删除)
    verbs = "|".join(map(re.escape, raw.get("passive_verbs") or ()))
    if verbs:
        states += rf"|被[^，。,.!！?？；;\s]{{0,6}}?(?:{verbs})"
    # a term that ran out: 已超过公示期限, 超出有效期 (the state reached, whatever the term)
    terms = "|".join(map(re.escape, raw.get("lapsed_terms") or ()))
    if terms:
        states += rf"|(?:已经?)?(?:超过|超出|过了)[^，。,.!！?？；;\s]{{0,6}}?(?:{terms})"
    standalone = "|".join(re.escape(to_simplified(str(w))) for w in raw["standalone"])
    # SUBJECT, at most six characters of the same clause, then STATE: 该文章已被删除, 页面不存在.
    # or a demonstrative and a short noun, whatever the noun: 该话题已被删除, 此条目已下架
    pointers = "|".join(map(re.escape, raw.get("demonstratives") or ()))
    deixis = rf"(?:{pointers})[\u4e00-\u9fff]{{1,4}}?"
    forms = [rf"(?:{subjects}|{deixis})[^，。,.!！?？；;\s]{{0,6}}?(?:{states})"]
    # or a failed search before its noun: 找不到该页面, 未找到相关文章, 没有找到您要的内容
    searches = "|".join(map(re.escape, raw.get("search_states") or ()))
    if searches:
        forms.append(rf"(?:{searches})[^，。,.!！?？；;\s]{{0,4}}?(?:{subjects})")
    wording = re.compile("|".join(forms), re.I)
    titles = frozenset(str(t).lower() for t in raw.get("error_titles") or ())
    return _Data(
        platforms,
        wording,
        re.compile(standalone, re.I),
        titles,
        _english(raw),
        _headline(raw),
    )


def _headline(raw: dict[str, Any]) -> re.Pattern[str] | None:
    """A whole heading or clause that is only a short noun and a state: 案例已下架, "Content
    Removed", "Page Not Available" (the noun need not be a listed subject)."""
    forms: list[str] = []
    zh = sorted({to_simplified(str(w)) for w in raw.get("headline_states") or ()}, key=len)
    if zh:
        states = "|".join(map(re.escape, reversed(zh)))
        forms.append(rf"(?:抱歉|很抱歉|对不起)?[，,]?\s*[\u4e00-\u9fff]{{1,6}}?(?:{states})")
    en = [str(w) for w in raw.get("english_headline_states") or ()]
    if en:
        states = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(en, key=len, reverse=True)
        )
        nouns = "|".join(re.escape(str(w)) for w in raw.get("english_subjects") or ())
        forms.append(
            rf"(?:[a-z]+\s+)?(?:{nouns})s?\s+(?:has\s+been\s+|have\s+been\s+|was\s+|is\s+)?(?:{states})"
        )
    if not forms:
        return None
    return re.compile(rf"^[\W_]*(?:{'|'.join(forms)})[\W_]*$", re.I)


def _english(raw: dict[str, Any]) -> re.Pattern[str] | None:
    """DETERMINER + (a word) + SUBJECT + (at most four words) + STATE, as one clause ("this
    article is no longer available", "the page you requested could not be found"), or an
    active STATE + DETERMINER + SUBJECT ("we seem to have lost this page")."""
    words = [str(s) for s in raw.get("english_subjects") or ()]
    if not words:
        return None

    def alt(items: list[str]) -> str:
        # a space matches any run of spaces; an apostrophe matches the typographic one too
        return "|".join(
            re.escape(s).replace(r"\ ", r"\s+").replace("'", "['’]")
            for s in sorted(items, key=len, reverse=True)
        )

    dets = alt([str(s) for s in raw.get("english_determiners") or ("this", "the")])
    # an adverb may stand before the participle: "has been permanently removed"
    states = alt([str(s) for s in raw.get("english_states") or ()]).replace(
        r"been\s+", r"been\s+(?:[a-z]+ly\s+)?"
    )
    nouns = rf"\s+(?:[a-z-]+\s+)?(?:{alt(words)})s?\b"
    # at most six words between the noun and its state ("the content you were trying to
    # access has been deleted")
    passive = rf"\b(?:{dets}){nouns}(?:\s+[^\s.!?;:,]+){{0,6}}?\s+(?:{states})\b"
    forms = [passive]
    # the active voice: "(we) lost this page", "(we) couldn't find the page"
    active = [str(s) for s in raw.get("english_active_states") or ()]
    if active:
        forms.append(rf"\b(?:{alt(active)})\s+(?:this|that){nouns}")
    search = [str(s) for s in raw.get("english_search_states") or ()]
    if search:
        forms.append(rf"\b(?:{alt(search)})\s+(?:{dets}){nouns}")
    return re.compile("|".join(forms), re.I)


# A path segment or file name that names an error page: /404.html, /error.jsp?code=404,
# /errorpage/notfound.htm, /common/nofound.html.
_ERROR_URL = re.compile(
    r"(?:^|/)(?:40[34]|410|50[03]|err|errors?|error[-_]?(?:page|40[34])|errpage|not[-_]?found|"
    r"nofound|(?:40[34][-_]?)?page[-_]?not[-_]?found|40[34][-_]?page|notexist|nopage)(?:[./?]|$)"
    r"|[?&](?:code|status|err|error)=40[34]\b"
    # ASP.NET's customErrors redirect names the failed path: /any.aspx?aspxerrorpath=/news/1.aspx
    r"|[?&]aspxerrorpath=",
    re.I,
)


def is_error_page_url(url: str) -> bool:
    """True when the path or query of ``url`` names an error page (``/404.html``,
    ``/error.jsp?code=404``, ``/notfound.htm``): where a site sends requests it cannot serve."""
    u = urlsplit(url)
    return bool(_ERROR_URL.search(u.path + ("?" + u.query if u.query else "")))


# A quoted wording is mentioned, not said: 网页提示“您访问的页面不存在”是怎么回事？
_QUOTED = re.compile(r"“[^”]{0,60}”|「[^」]{0,60}」|『[^』]{0,60}』|\"[^\"]{0,60}\"")


def said_wording(text: str) -> str | None:
    """The first deletion wording that ``text`` says rather than quotes, or None."""
    return deletion_wording(_QUOTED.sub(" ", text))


def deletion_wording(text: str) -> str | None:
    """The first deletion wording in ``text`` (``页面不存在``, ``该文章已被删除``; traditional
    characters read as simplified: 網頁不存在; English composed alike: ``this article is no
    longer available``), or None."""
    data = _data()
    text = to_simplified(text)
    m = data.wording.search(text) or data.standalone.search(text)
    if m is None and data.english is not None:
        m = data.english.search(text)
    if m is None and data.headline is not None and len(text) <= 40:
        m = data.headline.search(text.strip())
    return m.group(0).strip() if m else None


# ------------------------------------------------------------------------------- the baseline


_PROBE_NAME = "citekit-no-such-page-{token}"


def probe_urls(url: str, token: str) -> list[str]:
    """One or two URLs on the site of ``url`` that cannot exist.

    The first imitates ``url`` (the same directory and extension, or the same script with its
    query values replaced), because CMSs treat their article paths differently from the rest;
    the second sits at the site's root.
    """
    u = urlsplit(url)
    root = f"{u.scheme}://{u.netloc}"
    name = _PROBE_NAME.format(token=token)
    path = u.path or "/"
    if u.query:
        # show.asp?id=123 -> show.asp?id=<token>: the site's answer for an id it does not have
        fields = [f.partition("=") for f in u.query.split("&")]
        query = "&".join(f"{k}{eq}{(token if eq else '')}" for k, eq, _ in fields)
        sibling = f"{root}{path}?{query}"
    else:
        head, _, last = path.rpartition("/")
        ext = ""
        if "." in last:
            ext = "." + last.rsplit(".", 1)[1]
        sibling = f"{root}{head}/{name}{ext}" if last else f"{root}{head}/{name}/"
    urls = [sibling]
    top = f"{root}/{name}.html"
    if top != sibling:
        urls.append(top)
    return urls


def _normalize(text: str, echoes: tuple[str, ...]) -> str:
    for e in echoes:
        if e:
            text = text.replace(e, " ")
    return re.sub(r"\d+", "0", text)[:_COMPARED]


def similarity(a: Page, b: Page, echoes: tuple[str, ...] = ()) -> float:
    """How alike the visible texts of two pages are, 0..1 (numbers and echoed URLs ignored)."""
    ta, tb = _normalize(a.text, echoes), _normalize(b.text, echoes)
    if not ta and not tb:
        return 1.0
    return float(fuzz.ratio(ta, tb)) / 100.0


def _echoes(*urls: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for url in urls:
        if url:
            u = urlsplit(url)
            out += [url, u.path + ("?" + u.query if u.query else ""), u.path]
    return tuple(sorted({e for e in out if len(e) > 1}, key=len, reverse=True))


def _script_only(page: Page) -> bool:
    return page.scripts > 0 and len(page.text) < 40 and not page.article_markup


#: characters of text that a page sent with 200 may have beyond the blocks of the site's
#: not-found page (and that page beyond it) to be that page
NOT_FOUND_OWN = 12


def _not_found_template(url: str, page: Page, probe: Probe) -> Judgement | None:
    """``soft-404`` when ``page`` (sent with 200) is, block for block, the page the site sends
    with 404 or 410 for a URL that cannot exist: its not-found template served by a rewrite."""
    if probe.page is None or probe.status not in (404, 410) or is_home_url(url):
        return None
    echoes = _echoes(url, probe.url, probe.final_url)
    mine = {_DIGITS.sub("0", _normalize(b, echoes).strip()) for b in page.blocks} - {""}
    theirs = {_DIGITS.sub("0", _normalize(b, echoes).strip()) for b in probe.page.blocks} - {""}
    if sum(map(len, mine & theirs)) < 2 * NOT_FOUND_OWN:
        return None  # too little in common to be one page
    if sum(map(len, mine - theirs)) > NOT_FOUND_OWN or sum(map(len, theirs - mine)) > NOT_FOUND_OWN:
        return None
    return Judgement(
        "soft-404",
        f"the page the site sends with {probe.status} for a URL that cannot exist, sent with 200",
        [f"the same text blocks as the site's {probe.status} page for {probe.url}"],
    )


def _compare(url: str, final: str, redirected: bool, page: Page, probe: Probe) -> Judgement | None:
    if probe.status is not None and probe.status in (404, 410):
        return _not_found_template(final, page, probe)
    if probe.status is None or not 200 <= probe.status < 300 or probe.page is None:
        return None  # the site answers unknown URLs with an error: nothing to imitate
    if is_home_url(url) or (probe.final_url and final == probe.final_url and not redirected):
        return None  # the cited URL is where the site sends everything: the home page itself
    if probe.token and probe.token in probe.page.title:
        # The site names its answer after whatever the URL says (a template filled from the
        # path): its answer for a made-up URL says nothing about real ones.
        return None
    if redirected and probe.redirected and final == probe.final_url:
        return Judgement(
            "soft-404",
            f"redirected to {final}, where the site also sends a URL that cannot exist",
            [f"same final URL as {probe.url}"],
        )
    echoes = _echoes(url, final, probe.url, probe.final_url)
    sim = similarity(page, probe.page, echoes)
    same_title = _normalize(page.title, echoes) == _normalize(probe.page.title, echoes)
    if sim >= SAME_TEXT or (same_title and sim >= SAME_TITLE_TEXT):
        evidence = [f"text {sim:.0%} like the site's page for {probe.url}"]
        if same_title and page.title:
            evidence.append(f"same title {page.title!r}")
        said = said_wording(" ".join([page.title, *page.headings, page.text]))
        if _script_only(page) and not said:
            # Identity alone: an app shell the site serves for any URL, filled in by script.
            return Judgement(
                "js-only",
                "the site answers every URL with the same script-only page: cannot tell",
                evidence,
            )
        if page.maintenance:
            return Judgement(
                "maintenance",
                "the site answers every URL with its maintenance page: cannot tell",
                [*evidence, f"says {page.maintenance!r}"],
            )
        if said:  # a script-only page whose own text says the page does not exist
            evidence.append(f"says {said!r}")
        return Judgement(
            "soft-404", "the same page the site shows for a URL that cannot exist", evidence
        )
    return None


def _platform(url: str) -> _Platform | None:
    u = urlsplit(url)
    host = (u.hostname or "").lower()
    for p in _data().platforms:
        if host in p.hosts and any(u.path.startswith(s) for s in p.paths):
            return p
    return None


def _message(page: Page) -> str:
    for h in page.headings:
        if h:
            return h
    return page.text[:60]


def _judge_platform(p: _Platform, html_low: str, page: Page) -> Judgement | None:
    if any(m in html_low for m in p.live):
        return Judgement("ok", f"{p.name}: the post is there", [f"{p.name} content markup"])
    # the page's own content speaks, not a repost or quote inside it
    own = page.text if page.own_text is None else page.own_text
    phrase = next((s for s in p.phrases if s in own or s in page.title), None)
    template = next((m for m in p.message_page if m in html_low), None)
    if template or phrase:
        evidence = [f"{p.name}: no post markup ({', '.join(p.live[:2])})"]
        if template:
            evidence.append(f"the platform's message page ({template})")
        if phrase:
            evidence.append(f"says {phrase!r}")
        return Judgement("soft-404", f"{p.name} says: {_message(page)}", evidence)
    return None


def judge_page(
    url: str,
    final: str,
    redirected: bool,
    page: Page,
    html: str,
    probes: list[Probe],
) -> Judgement:
    """The verdict on a page that answered 200 (see the module docstring for the order)."""
    if page.challenge:
        return Judgement(
            "challenge",
            "a JavaScript challenge stands in for the page (anti-bot check)",
            [f"challenge signature: {page.challenge}"],
        )
    if page.parking:
        return Judgement(
            "parked", "the domain is parked (for sale)", [f"parking signature: {page.parking}"]
        )
    if page.names_status in (401, 403, 407, 429, 451):
        return Judgement(
            "blocked",
            f"HTTP 200, but the page is the server's {page.names_status} page: access refused",
            [f"title or heading {page.title or page.headings[0]!r} names HTTP {page.names_status}"],
        )
    if page.names_status and page.names_status >= 500:
        return Judgement(
            "server-error",
            f"HTTP 200, but the page is the server's {page.names_status} error page",
            [f"title or heading {page.title or page.headings[0]!r} names HTTP {page.names_status}"],
        )
    if page.refusal:
        return Judgement(
            "blocked",
            "the page refuses access: it cannot be read without permission",
            [f"a short page says {page.refusal!r}"],
        )
    if page.blocked:
        return Judgement(
            "blocked",
            "a firewall's block page stands in for the page: the request was intercepted",
            [f"a short page says {page.blocked!r}"],
        )
    if page.login:
        return Judgement(
            "blocked",
            "a login form stands in for the page: it cannot be read without an account",
            [f"a password box on a short page ({len(page.text)} characters)"],
        )
    # A known platform's own signals first: its live posts sit in script data, so a live post
    # may look like the platform's answer for a URL that cannot exist.
    platform = _platform(final) or _platform(url)
    if platform:
        j = _judge_platform(platform, html.lower(), page)
        if j:
            return j
    for probe in probes:
        j = _compare(url, final, redirected, page, probe)
        if j:
            return j
    if redirected and is_home_page_redirect(url, final):
        return Judgement(
            "soft-404", f"deep link redirected to the home page {final}", ["home-page redirect"]
        )
    if redirected and is_parent_folder_redirect(url, final):
        return Judgement(
            "soft-404",
            f"redirected to {final}, a folder above the cited item",
            ["redirect from an item to the list of its column"],
        )
    if redirected and is_error_page_url(final) and not is_error_page_url(url):
        return Judgement(
            "soft-404",
            f"redirected to an error page {final}",
            [f"redirect target named as an error page ({urlsplit(final).path})"],
        )
    canonical = page.canonical
    if (
        canonical
        and not page.article_markup
        and is_error_page_url(canonical)
        and not is_error_page_url(url)
    ):
        return Judgement(
            "soft-404",
            f"the page names an error page as its address ({canonical})",
            [f"<link rel=canonical> names an error page ({urlsplit(canonical).path})"],
        )
    return _judge_wording(page, probes)


# A heading that is only an HTTP error status: "404", "Error 404", "410 error".
_STATUS_HEADING = re.compile(r"^\s*(?:error\s*)?(?:404|410)(?:\s*error)?\s*[!！.。]?\s*$", re.I)


def _meta_evidence(page: Page) -> list[str]:
    """What the page's head says against it: noindex, a canonical address elsewhere."""
    out: list[str] = []
    if page.noindex:
        out.append("robots noindex")
    if page.canonical and link_key(page.canonical) != link_key(page.url):
        if is_home_url(page.canonical):
            out.append(f"canonical address is the home page {page.canonical}")
        elif is_error_page_url(page.canonical):
            out.append(f"canonical address names an error page {page.canonical}")
    return out


def _names_item(page: Page, text: str) -> bool:
    """Whether ``text`` (the title or a heading) holds a wording only as a whole headline of
    an unlisted noun (问题奶粉已下架) that the title and a heading both carry: the item's own
    name, as a news report is headlined, not a message about the page."""
    data = _data()
    said = to_simplified(text)
    if data.wording.search(said) or data.standalone.search(said):
        return False
    if data.english is not None and data.english.search(said):
        return False
    title = _SEPARATORS.sub("", page.title)
    headings = [_SEPARATORS.sub("", h) for h in page.headings]
    for part in [text.strip(), *_title_parts(text)]:
        if data.headline is None or not data.headline.search(to_simplified(part)):
            continue
        key = _SEPARATORS.sub("", part)
        if key and key in title and key in headings and len(title) > len(key):
            return True
    return False


def _judge_wording(page: Page, probes: list[Probe]) -> Judgement:
    data = _data()
    # the whole title, or a part of it beside the site's name ("404 | 阿树的小站")
    error_part = next(
        (
            p
            for p in [page.title.strip(), *_title_parts(page.title)]
            if p.lower() in data.error_titles
        ),
        "",
    )
    title_error = bool(error_part)
    where, phrase = "", None
    places = [("title", page.title), *(("heading", h) for h in page.headings)]
    if page.dialog:  # a page that is only a script: its dialog is what it says
        places.append(("dialog", page.dialog))
    for label, text in places:
        phrase = said_wording(text)
        if phrase and _names_item(page, text):
            phrase = None  # the page's own headline (问题奶粉已下架 as title part and heading)
        if phrase:
            where = label
            break
    size = text_size(page.text)
    short = size <= SHORT_TEXT
    if phrase is None and short:
        phrase = said_wording(page.text)
        where = "text" if phrase else ""
    if phrase is None and error_part.startswith("404"):
        phrase, where = error_part, "title"
    if phrase is None and short:
        # a heading that is only an error status: <h1>404</h1> over a sentence in any language
        code = next((h for h in page.headings if _STATUS_HEADING.match(h)), None)
        if code:
            phrase, where = code, "heading"
    if phrase is None:
        if _script_only(page) and not any(p.status and p.status >= 400 for p in probes):
            # A script-only page, and no sign that the server tells unknown URLs apart.
            return Judgement(
                "js-only",
                "the page is a script that renders in a browser: its content cannot be read",
                [f"{len(page.text)} characters of text", f"{page.scripts} script(s)"],
            )
        return Judgement("ok")
    if page.article_markup:
        return Judgement("ok")  # an article that mentions such a wording is still an article
    if not (short or where in ("title", "heading", "dialog")):
        return Judgement("ok")
    evidence = [f"{where} says {phrase!r}", "no article markup"]
    evidence += _meta_evidence(page)
    if short:
        halved = ", Latin text counted half" if size < len(page.text) else ""
        evidence.append(f"short page ({size} characters{halved})")
    if title_error:
        evidence.append(f"error-page title {page.title!r}")
    return Judgement("soft-404", f"HTTP 200 but the page says {phrase!r}", evidence, phrase)


# ------------------------------------------------------------------- the site's own template

# Separators of the parts of a page title: 标题_栏目_站名, 标题 - 站名, 站名|栏目.
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜–—·•»]+|\s-+\s|--)\s*|(?<=[^\x00-\x7f])-|-(?=[^\x00-\x7f])")
_DIGITS = re.compile(r"\d+")


def _title_parts(title: str) -> list[str]:
    return [p.strip(" -:：") for p in _TITLE_PARTS.split(title) if p and p.strip(" -:：")]


def _media_dir(item: str) -> str:
    kind, _, src = item.partition(":")
    return kind + ":" + urlsplit(src).path.rpartition("/")[0]


# A folder of the site's own look (/static/error/img/404.png, /images/empty.png): icons and
# illustrations of a template, not content. Uploads carry a date or an id (a run of 4 digits).
_ASSET_DIR = re.compile(
    r"/(?:static|assets?|images?|img|imgs|common|skins?|styles?|themes?|errors?|icons?)/", re.I
)
_UPLOAD = re.compile(r"\d{4}")


def _template_image(item: str) -> bool:
    """An image from a folder of the site's look with no date or id in its path."""
    kind, _, src = item.partition(":")
    path = urlsplit(src).path
    return kind == "img" and bool(_ASSET_DIR.search(path)) and not _UPLOAD.search(path)


def _own_media(page: Page, site: Page) -> list[str]:
    """The media of ``page`` that are content: neither on ``site`` nor from its image folders
    nor template images (:func:`_template_image`)."""
    dirs = {_media_dir(m) for m in site.media}
    return [
        m
        for m in page.media
        if m not in site.media and _media_dir(m) not in dirs and not _template_image(m)
    ]


_SEPARATORS = re.compile(r"[\s_|｜–—·•»:：-]+")


def _names_itself(page: Page) -> bool:
    """A heading that the title repeats with more words (``标题_站名`` over ``<h1>标题``), and
    not an error page's heading (提示信息 - 站名 over ``<h2>提示信息``): the page is about
    something of its own."""
    return bool(_own_heading(page))


def may_be_empty_template(url: str, page: Page) -> bool:
    """Whether comparing ``page`` with a page of its site could show it empty: a 200 page with
    no article markup, readable text, nothing but images besides text, and no heading that its
    title repeats (cheap; no site page is fetched for the pages this rules out)."""
    return _may_be_empty(url, page) and not _names_itself(page)


def may_be_stub(url: str, page: Page) -> bool:
    """:func:`may_be_empty_template`, or a short page whose only heading may be its title
    repeated (感谢您的浏览！ as title and heading): worth weighing against its site too."""
    return may_be_empty_template(url, page) or (
        _may_be_empty(url, page) and text_size(page.text) <= SHORT_TEXT
    )


def _may_be_empty(url: str, page: Page) -> bool:
    return (
        not page.article_markup
        and not is_home_url(url)
        and not _script_only(page)
        and len(page.text) <= 20 * _COMPARED
        and all(m.startswith("img:") for m in page.media)
    )


def judge_against_site(page: Page, site: Page) -> Judgement | None:
    """``soft-404`` when ``page`` is its site's template with nothing of its own, judged against
    ``site``, a page of the same site known to exist (its home page); otherwise None.

    What the two pages share (the menus, the footer, the site's name in the title, images from
    the site's own image folders) is the template; what is left must be a title or a heading,
    media, article markup, links of its own, or more than :data:`OWN_TEXT` characters of text
    for the page to be content. A page that *is* the site page (the home page under another
    address) is left alone.
    """
    if not may_be_stub(page.url, page) or page.url == site.url:
        return None
    if similarity(page, site) >= SAME_AS_SITE:
        return None
    # The site's name: the parts of the known page's title that are not its own heading.
    names = [p for p in _title_parts(site.title) if p not in site.headings]

    def is_generic(part: str) -> bool:
        # Only the site's name: a generic word (提示, 通知) may be the title of a real notice.
        return any(n.startswith(part) or n.endswith(part) for n in names)

    own_title = [p for p in _title_parts(page.title) if not is_generic(p)]
    shared = {_DIGITS.sub("0", b) for b in site.blocks}
    # The site page links here: a heading it shows too is the item's name in its list, not
    # the template's.
    listed = link_key(page.url) in site.links
    own_headings = [
        h
        for h in page.headings
        if h and (listed or _DIGITS.sub("0", h) not in shared) and not is_generic(h)
    ]
    own_media = _own_media(page, site)
    # Links of its own (a column page listing two notices): the page leads somewhere.
    own_links = page.links - site.links - {link_key(site.url), link_key(page.url)}
    # A heading that only repeats the title is no more than the title (感谢您的浏览！ as both).
    titled = {_SEPARATORS.sub("", p) for p in own_title}
    beyond_title = [h for h in own_headings if _SEPARATORS.sub("", h) not in titled]
    if own_title and not (beyond_title or own_media or own_links):
        # under a heading, any sentence is the item's text (开学通知: 2月26日开学。)
        headed = any(_SEPARATORS.sub("", h) in titled for h in page.headings)
        limit = 0 if headed else TITLE_ONLY_TEXT
        return _title_only(page, site, own_title, shared, limit)
    if own_title or own_headings or own_media or len(own_links) >= OWN_LINKS:
        return None
    own = [
        b
        for b in page.blocks
        if b != page.title and _DIGITS.sub("0", b) not in shared and not is_generic(b)
    ]
    own_chars = sum(len(b) for b in own)
    if own_chars > OWN_TEXT:
        return None
    evidence = [
        f"title {page.title!r} names only the site (as {site.url} does)"
        if page.title
        else "no title",
        "no heading, media or article markup of its own",
        f"{own_chars} characters of text beside the menus and footer of {site.url}",
    ]
    said = " ".join(own)[:60]
    detail = "the site's page template with nothing of its own (a withdrawn or unpublished item)"
    if said:
        detail += f"; it says {said!r}"
    return Judgement("soft-404", detail, evidence)


#: text of its own besides its title at most this long (a "back to the home page" link) on a
#: page that has nothing but its title
TITLE_ONLY_TEXT = 12


def _title_only(
    page: Page, site: Page, own_title: list[str], shared: set[str], limit: int = TITLE_ONLY_TEXT
) -> Judgement | None:
    """``soft-404`` when ``page`` has nothing of its own but its title, which its body repeats
    (as text or as a heading): no other heading, links, uploaded media or script that could fill
    it, and at most ``limit`` characters of text beside its title's words and what ``site``
    shows (a CMS's "thank you for reading" stub in place of a removed article)."""
    if page.scripts:
        return None  # a script may fill the page in a browser: its content cannot be read
    if any(_UPLOAD.search(m) for m in page.media if m not in site.media):
        return None  # an uploaded image: the page shows something
    said = {_DIGITS.sub("0", p) for p in own_title}
    if not any(_DIGITS.sub("0", b.strip(" -:：")) in said for b in page.blocks if b != page.title):
        return None  # the body says something else than its title: a short item, not a stub
    own = [
        b
        for b in page.blocks
        if b != page.title and _DIGITS.sub("0", b.strip(" -:：")) not in shared | said
    ]
    own_chars = sum(len(b) for b in own)
    if own_chars > limit:
        return None
    evidence = [
        f"nothing of its own but its title ({' / '.join(own_title)!r}), repeated in its body",
        "no heading but its title, no links, uploaded media or script of its own",
        f"{own_chars} characters of text beside its title and the menus and footer of {site.url}",
    ]
    return Judgement(
        "soft-404",
        "the site's template with nothing in it but a title (a removed item's stub)",
        evidence,
    )


# ------------------------------------------------------------------- a sibling item of the site

_ID_TOKEN = re.compile(r"[A-Za-z0-9]*\d[A-Za-z0-9]*")


def url_shape(url: str) -> str:
    """The path and query of ``url`` with every token that holds a digit masked: the items of
    one column share it (``/post/1187.html`` and ``/post/1188.html`` are ``/post/#.html``)."""
    u = urlsplit(url)
    return _ID_TOKEN.sub("#", u.path + ("?" + u.query if u.query else ""))


def shows_item(page: Page, site: Page | None = None) -> bool:
    """Whether ``page`` is rendered as an item of its site: article markup, a heading its
    title repeats, or a heading the site page does not show (an error page's heading, 提示信息
    or 页面不存在, is none)."""
    shared = set(site.blocks) if site else set()
    titles = _data().error_titles
    return (
        page.article_markup
        or _names_itself(page)
        or any(
            h and h not in shared and h.strip().lower() not in titles and not deletion_wording(h)
            for h in page.headings
        )
    )


def judge_against_sibling(page: Page, sibling: Page, site: Page | None) -> Judgement | None:
    """``soft-404`` when ``page`` shows a message where ``sibling``, an item of the same column
    (the same :func:`url_shape`) known to exist, shows an item; otherwise None.

    The evidence must agree: the sibling is rendered as an item (:func:`shows_item`) and has
    no way back; this page has no article markup, heading, media or links of its own, at most
    :data:`OWN_TEXT` characters of text beside what the sibling and the site page share with
    it, and offers the reader a way back (``history.back()``) — a CMS's message page in place
    of the item. A real short notice keeps the item template or its own heading.
    """
    if (
        not page.goes_back
        or sibling.goes_back
        or page.url == sibling.url
        or url_shape(page.url) != url_shape(sibling.url)
        or not may_be_empty_template(page.url, page)
        or not shows_item(sibling, site)
    ):
        return None
    shared = {_DIGITS.sub("0", b) for b in sibling.blocks}
    if site is not None:
        shared |= {_DIGITS.sub("0", b) for b in site.blocks}
    if any(h and _DIGITS.sub("0", h) not in shared for h in page.headings):
        return None
    known = sibling.media | (site.media if site else frozenset())
    dirs = {_media_dir(m) for m in known}
    if any(m not in known and _media_dir(m) not in dirs for m in page.media):
        return None  # an image of its own (a poster)
    own_links = page.links - sibling.links - (site.links if site else frozenset())
    if len(own_links - {link_key(sibling.url), link_key(page.url)}) >= OWN_LINKS:
        return None
    own = [b for b in page.blocks if b != page.title and _DIGITS.sub("0", b) not in shared]
    own_chars = sum(len(b) for b in own)
    if own_chars > OWN_TEXT:
        return None
    said = " ".join(own)[:60]
    evidence = [
        f"{sibling.url} of the same column shows an item; this page has no heading, media or"
        " article markup of its own",
        f"{own_chars} characters of text beside what {sibling.url} shows",
        "a link back (history.back) where the item would be",
    ]
    detail = "a message page in place of the column's item template (a withdrawn item)"
    if said:
        detail += f"; it says {said!r}"
    return Judgement("soft-404", detail, evidence)


# ------------------------------------------------------- a wording weighed against the site

#: characters of text of its own, beside the clauses that hold a deletion wording, from which a
#: page says something besides the message (a notice that mentions a deleted page)
CONTENT_BESIDE = 20
#: share of the frame of a column's item (class names and ids the item has and the site page
#: has not) that a page must keep to be rendered by the item template
ITEM_FRAME_SHARE = 0.5
# clauses end at punctuation; a space ends one only between Chinese words (an English clause
# keeps its spaces: its wording spans words)
_CLAUSES = re.compile(
    r"[，,。．.；;！!？?：:、“”\"「」『』（）()]+|(?<![A-Za-z0-9'’])\s+|\s+(?![A-Za-z0-9])"
)


def keeps_item_frame(page: Page, sibling: Page, site: Page | None) -> list[str]:
    """The frame names of ``sibling``'s item template (class names and ids that ``sibling``
    has and ``site`` has not) that ``page`` keeps, when it keeps at least two and at least
    :data:`ITEM_FRAME_SHARE` of them; otherwise an empty list."""
    item = sibling.frame - (site.frame if site else frozenset())
    kept = sorted(item & page.frame)
    if len(kept) >= 2 and len(kept) >= ITEM_FRAME_SHARE * len(item):
        return kept
    return []


def _own_heading(page: Page) -> str:
    """A heading that the title repeats with more words and that is not an error page's
    heading (提示信息, 页面不存在): the name of an item of the site."""
    titles = _data().error_titles
    title = _SEPARATORS.sub("", page.title)
    for h in page.headings:
        head = _SEPARATORS.sub("", h)
        if (
            len(head) >= 4
            and head in title
            and len(title) - len(head) >= 2
            and h.strip().lower() not in titles
            and deletion_wording(h) is None
        ):
            return h
    return ""


# The kinds of document an office publishes (GB/T 9704 公文 kinds and their kin): a title that
# names one is a document's, not an error page's.
_GENRE = re.compile(r"(?:公告|通知|通告|公示|声明|启事|通报|说明|告知书|倡议书|情况说明)$")


#: characters of a title part from which it names a particular item, not a column (学院动态)
#: or a message
SPECIFIC_TITLE = 8
#: characters of text besides the wording that a page with a specific title of its own needs
TITLED_BESIDE = 5


def _specific_title(page: Page, site: Page | None) -> str:
    """A part of the title of at least :data:`SPECIFIC_TITLE` characters that is not the site's
    name, not an error page's title and holds no deletion wording: the name of one item."""
    names = set(_title_parts(site.title)) if site is not None else set()
    titles = _data().error_titles
    for part in _title_parts(page.title):
        if (
            text_size(part) >= SPECIFIC_TITLE
            and part not in names
            and part.lower() not in titles
            and said_wording(part) is None
            and deletion_wording(part) is None
        ):
            return part
    return ""


def _genre_title(page: Page, site: Page | None) -> str:
    """A part of the title, not the site's name, that names a kind of document (公告, …的通知)."""
    names = set(_title_parts(site.title)) if site is not None else set()
    for part in _title_parts(page.title):
        if part not in names and _GENRE.search(part) and deletion_wording(part) is None:
            return part
    return ""


def _site_says(page: Page, wording: str, site: Page) -> str:
    """The text block of ``page`` that holds ``wording`` when ``site`` shows the same block (a
    link to an article titled with it, a menu item): the site's words, not the page's."""
    blocks = [b for b in page.blocks if wording in to_simplified(b) and b != page.title]
    shared = {_DIGITS.sub("0", b) for b in site.blocks}
    if blocks and all(_DIGITS.sub("0", b) in shared for b in blocks):
        return blocks[0]
    return ""


def _content_beside(page: Page, known: list[Page]) -> list[str]:
    """The clauses of ``page``'s text that the ``known`` pages of its site do not show, each
    without the deletion wording it holds (its title and headings left out)."""
    shared = {_DIGITS.sub("0", b) for k in known for b in k.blocks}
    out: list[str] = []
    for b in page.blocks:
        # A heading is the page's name, not what it says (a withdrawn item may keep its name).
        if b == page.title or b in page.headings or _DIGITS.sub("0", b) in shared:
            continue
        for clause in _CLAUSES.split(to_simplified(b)):
            said = deletion_wording(clause)
            # the rest of a clause that holds a wording (3月9日22时至24时本站 + 页面无法访问)
            rest = clause.replace(said, "") if said else clause
            if text_size(rest.strip()) > 1:
                out.append(rest.strip())
    return out


def reconsider_wording(
    page: Page, judgement: Judgement, site: Page | None, sibling: Page | None
) -> Judgement | None:
    """``ok`` (with the evidence) when a ``soft-404`` that rests on a deletion wording alone is
    outweighed by the page's site; otherwise None (the wording verdict stands).

    The page must say something besides the message — at least :data:`CONTENT_BESIDE`
    characters of text that neither the site page nor the sibling shows, deletion wordings
    left out — and be an item of its site: a heading of its own that the
    title repeats, the frame of the item template that ``sibling`` (an item of the same
    column) is rendered in (:func:`keeps_item_frame`), or a title that names a kind of
    document (公告, 关于…的通知). A page with a specific title of its own
    (:func:`_specific_title`, 关于座位预约功能下线的公告) needs only :data:`TITLED_BESIDE`
    characters besides. A message page has none of these; a notice that mentions a deleted
    page, a retired service or an expired listing has one and the words besides.
    """
    if site is not None and site.url == page.url:
        site = None  # the page itself stood in for its site: nothing to compare with
    if sibling is not None and sibling.url == page.url:
        sibling = None
    if not judgement.wording or (site is None and sibling is None):
        return None
    known = [p for p in (site, sibling) if p is not None]
    if site is not None:
        echoed = _site_says(page, judgement.wording, site)
        if echoed:
            return Judgement(
                "ok",
                "the deletion wording is the site's own text",
                [f"{judgement.wording!r} is in {echoed!r}, which {site.url} shows too"],
            )
    beside = _content_beside(page, known)
    chars = sum(text_size(c) for c in beside)
    titled = _specific_title(page, site)
    if chars < (TITLED_BESIDE if titled else CONTENT_BESIDE):
        return None
    heading = _own_heading(page)
    frame = keeps_item_frame(page, sibling, site) if sibling is not None else []
    genre = _genre_title(page, site)
    quoted = _quotes_wording(page)
    if not heading and not frame and not genre and not titled and not quoted:
        return None
    evidence = [
        f"mentions {judgement.wording!r}, but says {chars} characters besides"
        f" ({''.join(beside)[:40]!r})"
    ]
    if heading:
        evidence.append(f"a heading of its own that the title repeats ({heading!r})")
    if frame and sibling is not None:
        evidence.append(f"rendered in the item template of {sibling.url} ({', '.join(frame[:4])})")
    if genre:
        evidence.append(f"titled as a document ({genre!r})")
    if titled:
        evidence.append(f"a title of its own ({titled!r})")
    if quoted:
        evidence.append(f"its text quotes the wording ({quoted}): it is about it")
    return Judgement("ok", "an item of its site that mentions a deletion wording", evidence)


def _quotes_wording(page: Page) -> str:
    """A quotation in ``page``'s text (title and headings left out) that holds a deletion
    wording (十年前收藏的网页，如今打开是“404 Not Found”): the page speaks about the message
    rather than saying it."""
    for b in page.blocks:
        if b == page.title or b in page.headings:
            continue
        for m in _QUOTED.finditer(to_simplified(b)):
            if deletion_wording(m.group(0)):
                return m.group(0)
    return ""
