"""A source phrase -> its parts: container, date, issue, edition, URL, via, authors, CSL type.

Consumes the text of one attribution after its keyword (``《丽水日报》2018-9-3``,
``绍兴晚报 2019年5月6日 A02版``, ``人民网-《人民日报》``, ``共产党员网、《求是》杂志``),
width-folded;
produces one :class:`Source` per source named (a line may name several). Knows nothing about
lines or documents.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..model import PartialDate
from .cues import CUES
from .dates import find_dates
from .text import fold_width

__all__ = ["AGENCIES", "Source", "infer_type", "is_agency", "parse_sources"]

#: News agencies: their wire stories are cited with the agency as container.
AGENCIES = CUES.agency

_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
# Field labels of web page headers: what follows them is not the source name.
_LABELS = CUES.labels
_AUTHOR = re.compile(r"作者\s*[:：]?\s*(?P<names>[^:：|]*?)\s*(?=责任编辑|编辑|发布|时间|日期|$)")
_AUTHOR_THEN_SOURCE = re.compile(
    r"^\s*作者\s*[:：]\s*[^:：|]{1,40}?\s*(?P<label>来源|出处|稿源)\s*[:：]\s*"
)
_LETTER_RUN = re.compile(
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])"
)
# a writer's institution after the name (…研究所, …大学, …学院): not a second author
_AFFILIATION = re.compile(r"(?:研究所|研究院|研究中心|大学|学院|学校|科学院|中心|委员会)$")


def _author_field(names: str) -> list[str]:
    """The names of an author field: Chinese names apart at spaces and commas, Latin names
    (``ZHAO YIMENG``, ``Mei Jia and Yuan Hui``) apart only at commas and ``and``."""
    if names.isascii():
        return [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", names)]
    return re.split(r"[\s、,，]+", names)


_TEMPLATE = re.compile(r"\{[^{}]{0,60}\}")
_NOISE = re.compile(
    r"[，,。]?\s*(?:有删改|有删节|有改动|点击学习|更多精彩|更多原创|转载请注明|参与互动|"
    r"【|\[|\||版权|请支持|。).*$"
)
_ISSUE = re.compile(
    r"第\s*(?P<n>\d{1,4}|[一二三四五六七八九十〇零百]{1,5})\s*期|"
    r"(?P<vol>\d{1,4})\s*卷\s*(?P<num>\d{1,4})\s*[号期]|"
    r"(?<![\d.:/-])(?P<n2>\d{1,3})\s*期"  # 2023年03期: the year read as a date, then the issue
)
_EDITION = re.compile(
    r"第?\s*(?P<e>[A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版|"
    r"(?<![A-Za-z\d])(?P<e2>[A-Z]\d{1,2})(?![\d:])|"
    r"第\s*(?P<e3>\d{1,3})\s*$|"
    r"(?P<e4>首页|头版)"
)
_WEEKDAY = re.compile(
    r"星期[一二三四五六日天]|周[一二三四五六日]|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d-])\d{2}-\d{2}(?![\d-])"
)
_HTML = re.compile(r"<[^>]*>")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)-?(?P<m>\d\d)/(?P<d>\d\d)/")
_QUOTED = re.compile(r"《(?P<a>[^《》]{1,40})》|“(?P<b>[^“”]{1,30})”|\"(?P<c>[^\"]{1,30})\"")
_LEAD_KW = re.compile(
    r"^\s*(?:本文|该文|下文|此文)?\s*(?:原载于?|摘自于?|转自于?|转载自|转引自|选自|载于|刊于|刊登于|发表于)"
)
_INTERNAL_ID = re.compile(r"^[A-Za-z]{0,6}[-_]?\d{5,}[A-Za-z\d]*$")
_PLACE_PAREN = re.compile(r"[（(][^（）()]{0,20}[）)]")
_OUTSIDE_PAREN = re.compile(r"[（(][^（）()\x00]{0,20}[）)]")
_GENERIC = frozenset(CUES.generic_source + CUES.wechat_original) - {"本站"}
# a source phrase that ends at web-page boilerplate (浏览量, 字号 大 中 小, 分享到)
_JUNK = re.compile("|".join(re.escape(w) for w in CUES.junk), re.IGNORECASE)
# Latin names are one token: China Daily, Global Times (held like 《》 names)
_LATIN = re.compile(r"[A-Za-z][A-Za-z.&'’]*(?:[ \t]+(?!Page\b|P\.)[A-Za-z][A-Za-z.&'’]*)+")
_PAGE = re.compile(r"(?:Page|P\.|pp?\.)\s*(?P<p>[A-Z]?\d{1,3})\b", re.IGNORECASE)
_EN_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|—.*$", re.IGNORECASE)
_SECTION_SUFFIX = re.compile(r"(?:频道|专栏|栏目|专刊|特刊|周刊|导刊|版|号|政务|时评|理论)$")
_WEB = re.compile(
    r"(?:网|在线|网站|客户端|公众号|APP|App|app|平台|头条|新闻|发布|视频|资讯|之家|号)$|"
    r"\.(?:com|cn|net|org)|www|微信|微博|新浪|腾讯|网易|搜狐|澎湃|百度|CSDN"
)
_PAPER = re.compile(r"报(?:道|社)?$|日报|晚报|时报|参考消息|消息报|南都")
_MAGAZINE = re.compile(
    r"(?:杂志|周刊|月刊|半月刊|旬刊|双月刊|季刊|文摘|画报|刊)$|"
    r"^(?:求是|半月谈|瞭望|今日浙江|新潮|新青年|大江南北)$"
)
_JOURNAL = re.compile(r"学报|研究|科学|学刊|论丛|评论|统计|经济|管理|理论")


@dataclass(frozen=True, slots=True)
class Source:
    """One source named in an attribution."""

    container: str | None
    type: str
    issued: PartialDate | None = None
    issue: str | None = None
    volume: str | None = None
    edition: str | None = None
    section: str | None = None
    url: str | None = None
    #: the portal a newspaper was read through (``人民网`` in ``人民网-人民日报``)
    via: str | None = None
    authors: tuple[str, ...] = ()
    #: the date text when it names a day that does not exist
    bad_date: str | None = None
    extra_urls: tuple[str, ...] = field(default=())


def is_agency(name: str | None) -> bool:
    """True for 新华社, 中新社 ...: news agencies."""
    return bool(name) and any(str(name).startswith(a) for a in AGENCIES)


def infer_type(
    name: str | None, *, issue: bool = False, day: bool = False, quoted: bool = False
) -> str:
    """The CSL type a source name implies.

    日报/晚报/报 -> ``article-newspaper``; 网/在线/网站/客户端 -> ``webpage`` (container = site);
    第N期 or 杂志/刊 -> ``article-magazine`` (``article-journal`` for academic titles);
    新华社/中新社 -> ``article-newspaper``: CSL 1.0.2 has no news-agency type, and GB/T 7714-2015
    §4.7 treats wire copy like a newspaper item ([N]) with the agency as the source.
    """
    if not name:
        return "document"
    if is_agency(name):
        return "article-newspaper"
    if name.isascii():
        if re.search(r"Journal|Magazine|Review|Weekly|Monthly|Quarterly", name, re.I):
            return (
                "article-magazine"
                if re.search(r"Magazine|Weekly", name, re.I)
                else ("article-journal")
            )
        if re.search(r"Daily|Times|Post|News|Herald|Gazette|Tribune", name, re.I):
            return "article-newspaper"
        if re.search(r"\.(?:com|cn|org|net)\b", name):
            return "webpage"
    if issue or _MAGAZINE.search(name):
        return "article-journal" if _JOURNAL.search(name) else "article-magazine"
    if _PAPER.search(name) and not re.search(r"(?:网|在线|客户端)$", name):
        return "article-newspaper"
    if _WEB.search(name):
        return "webpage"
    if quoted:
        # a title in 《》 with a full date is a paper (今日建德); with a month only, a magazine
        return "article-newspaper" if day else "article-magazine"
    return "webpage"


def _clean_name(name: str, quoted: bool = False) -> str | None:
    # a name printed in 《》 is whole: 《人文杂志》, 《现代语文(语言研究)》
    name = name if quoted else _PLACE_PAREN.sub("", name)
    # 来源自…/摘自于…: the cue's last character left over (自由时报 keeps its 自由)
    name = re.sub(r"^(?:本文|该文|下文|此文)?(?:于|自(?!由))?", "", name.strip())
    name = re.sub(r"^据(?=\S{2})", "", name)  # 据新华社: "according to" the agency
    name = re.sub(r"^(?:发布|出品|主办|出版|发布单位)\s*[:：]\s*", "", name)  # 发布:现代商业
    # 公众号：MySQL解决方案工程师, 公众号日拱一兵的文章: the account's name
    name = re.sub(r"^(?:微信)?公众号\s*[:：]?\s*(?=\S{2})", "", name.strip())
    name = re.sub(r"(?<=\S{2})(?:的文章|整理)$", "", name)  # 优发表网整理
    name = re.sub(r"(?:的|等)$" if quoted else r"(?:的|等|杂志社?)$", "", name.strip())
    name = re.sub(r"记者.*$", "", name)  # 新华网天津频道记者周润健: the reporter is not the source
    name = re.sub(r"(?<=网)[\u4e00-\u9fff]{1,6}频道$", "", name)
    # 青年日報社論, 科技日报数字报, 中国探月工程微信公号: the paper or account itself
    name = re.sub(r"(?<=\S{2})(?:微信公众号|微信公号|官方微信|官微)$", "", name)
    name = re.sub(r"(?<=[报報])(?:社论|社論|评论员|評論員|数字报|數字報|电子版|電子版)$", "", name)
    name = name.strip(" ：:，,、;；·-—\"“”'")
    if not name or name in _GENERIC or not re.search(r"[\w\u4e00-\u9fff]", name):
        return None
    if _INTERNAL_ID.match(name):
        return None  # sp20241101: a site's internal ID, not a source
    if name.startswith("本站"):
        return "本站"
    for agency in AGENCIES:
        if name.startswith(agency):
            return agency
    return name


def _split_pair(name: str) -> tuple[str, str | None]:
    """``人民网-人民日报`` -> (人民日报, 人民网); ``人民网-理论频道`` -> (人民网, None)."""
    parts = [p for p in re.split(r"\s*(?:-{1,2}|－|—(?!—))\s*", name) if p.strip()]
    if "——" in name:
        return name, None
    if len(parts) != 2:
        return name, None
    a, b = parts[0].strip(), parts[1].strip()
    if _MAGAZINE.search(b):
        return b, None  # 人民日报-民生周刊: the magazine of a newspaper group
    if _SECTION_SUFFIX.search(b) and not _PAPER.search(b):
        return a, None
    if _PAPER.search(b) and not _PAPER.search(a):
        return b, a
    if _PAPER.search(a):
        return a, b
    if _WEB.search(b) and not _WEB.search(a):
        return b, None  # 艺术--中国文化传媒网: a section, then the site
    return a, b


def _split_dot(name: str) -> tuple[str, str | None]:
    """``澎湃新闻·澎湃号·政务`` -> 澎湃新闻; ``上海证券报·中国证券网`` -> (报, via 网)."""
    parts = name.split("·")
    if len(parts) < 2:
        return name, None
    if _PAPER.search(parts[0]) and _WEB.search(parts[1]):
        return parts[0], parts[1]
    keep = [parts[0]]
    paper = bool(_PAPER.search(parts[0]))
    for p in parts[1:]:
        if _SECTION_SUFFIX.search(p) or p in ("政务",):
            break
        if paper and not (_PAPER.search(p) or _WEB.search(p) or _MAGAZINE.search(p)):
            break  # 自由时报·自由广场: a paper's column
            break
        keep.append(p)
    return "·".join(keep), None


_IN_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")
_ORIGINAL_TITLE = re.compile(r"[，,;；\s]*(?:原标题|原题|原文标题)")
# a serial as GB/T 7714 cites it: 刊名，2023，50（5）：1-9 / 《刊名》, 2023, (5)
_CITED_SERIAL = re.compile(
    r"^\s*《?(?P<j>[^，,《》\d()（）:：]{2,30}?)》?\s*[，,]\s*(?P<y>(?:19|20)\d\d)\s*[，,]\s*"
    r"(?:(?P<v>\d{1,4})\s*)?[（(]\s*(?P<i>\d{1,3})\s*[)）](?![^\s:：.,，;；])"
)


def parse_sources(text: str, context: str = "", year: int | None = None) -> list[Source]:
    """The sources named in ``text``; ``context`` (the rest of the line) supplies a date when
    the phrase has none (``2021-08-28 16:50 来源：浙江日报``); ``year`` is the bulletin's own
    year, for days written without one (``3月5日``)."""
    text = _TEMPLATE.sub(" ", _HTML.sub(" ", fold_width(text)))  # {typename type="name"/}
    # 浙 江 法 治 报: a letter-spaced name (a PDF's text layer), read closed up
    text = _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)
    junk = _JUNK.search(text)
    if junk:
        text = text[: junk.start()]
    original = _ORIGINAL_TITLE.search(text)
    if original:
        text = text[: original.start()]  # …“出版商务周报”，原标题《…》: the title, no source
    serial = _CITED_SERIAL.match(text)
    if serial:
        # 水文地质工程地质，2023，50（5）：1-9. doi: …: a journal as GB/T 7714 cites it
        return [
            Source(
                serial["j"].strip(),
                "article-journal",
                PartialDate.of(int(serial["y"])),
                str(int(serial["i"])),
                str(int(serial["v"])) if serial["v"] else None,
            )
        ]
    urls = tuple(m.group(0).rstrip(".,);）") for m in _URL.finditer(text))
    text = _URL.sub(" ", text)
    authors: tuple[str, ...] = ()
    # 作者：吴侃侃 李青生　来源：海洋开发与管理 2022年10期: the writers, then the source field
    writers = _AUTHOR_THEN_SOURCE.match(text)
    am = _AUTHOR.search(text[: writers.start("label")] if writers else text)
    text = text[writers.end() :] if writers else text
    if am:
        authors = tuple(
            n
            # (their institutions in brackets after them are no names)
            for i, n in enumerate(_author_field(_IN_BRACKETS.sub("", am["names"])))
            if n
            and n not in _GENERIC
            and not any(c.isdigit() for c in n)  # 2010年7月15日
            and not (i and _AFFILIATION.search(n))  # 沈丽华，中国社会科学院考古研究所
        )
    label = _LABELS.search(text)
    source_part = text[: label.start()] if label else text
    rest = text[label.start() :] if label else ""
    noise = _NOISE.search(source_part)
    # Global Times | 2020/12/28 11:49:31: the date after a bar is the page's, not noise
    barred = source_part[noise.start() :] if noise and "|" in noise.group(0)[:3] else ""
    source_part = _NOISE.sub("", source_part)
    source_part = _LEAD_KW.sub("", source_part)

    if barred and not authors:
        authors = _barred_authors(barred, year)
    # date: in the source phrase first, then in what follows it, then in the line around it
    dates = find_dates(source_part, year)
    date_pool = (
        dates
        or find_dates(rest, year)
        or find_dates(barred, year)
        or find_dates(fold_width(context), year)
    )
    date = date_pool[0] if date_pool else None
    if date is not None and date.valid and date.date.day is None:
        # 《求是》2023/11 2023-06-01 09:00:00: an issue's month, then the page's day
        date = next((d for d in date_pool if d.valid and d.date.day), date)
    if date is None:
        for url in urls:  # e-paper addresses carry the issue date: /html/2019-03/27/
            um = _URL_DATE.search(url)
            if um:
                date = next(iter(find_dates(f"{um['y']}-{um['m']}-{um['d']}")), None)
                break
    for d in reversed(dates):
        source_part = source_part[: d.start] + " " + source_part[d.end :]

    issue = volume = None
    im = _ISSUE.search(source_part)
    if im:
        if im["n"] or im["n2"]:
            issue = str(_to_int(im["n"] or im["n2"]))
        else:
            volume, issue = im["vol"], im["num"]
        source_part = source_part[: im.start()] + " " + source_part[im.end() :]
    source_part = _WEEKDAY.sub(" ", source_part)

    # quoted names (《…》, “…”) become placeholders so separators inside them do not split them
    quoted: list[str] = []

    columns: set[int] = set()  # names in “…” (a paper's column: 第4版“人民论坛”)

    def _hold(qm: re.Match[str]) -> str:
        if not qm["a"]:
            columns.add(len(quoted))
        return _hold_text(qm["a"] or qm["b"] or qm["c"])

    def _hold_text(name: str) -> str:
        quoted.append(name)
        return f"\x00{len(quoted) - 1}\x00"

    source_part = _EN_WEEKDAY.sub(" ", source_part) if source_part.isascii() else source_part
    page = _PAGE.search(source_part)
    if page:
        source_part = source_part[: page.start()] + " " + source_part[page.end() :]
    # a bracket inside 《》 is the name's own (《武汉理工大学学报（社会科学版）》): held first
    unquoted = _OUTSIDE_PAREN.sub(" ", _QUOTED.sub(_hold, source_part))
    unquoted = _LATIN.sub(lambda lm: _hold_text(lm.group(0)), unquoted)

    edition = section = None
    em = None if page else _EDITION.search(unquoted)
    if page:
        edition = page["p"]
    if em:
        edition = em["e"] or em["e2"] or em["e3"] or em["e4"]
        if edition and not edition.isascii() and edition not in ("首页", "头版"):
            edition = str(_to_int(edition))
        after = re.match(r"[^\s\x00]*", unquoted[em.end() :])
        glued = after.group(0).strip(" ）)") if after else ""
        section = glued or None  # 02版要闻, A02越新闻: the page's name
        unquoted = unquoted[: em.start()] + " " + unquoted[em.end() + len(glued) :]

    out: list[Source] = []
    for token in re.split(r"[\s、,，;；/|]+|(?<=[\x00])(?:和|及|与)", unquoted):
        if not token or token == "\x00":
            continue
        was_quoted = "\x00" in token
        held = re.search(r"\x00(\d+)\x00", token)
        if held and not re.search(r"[-－]", token):
            name = quoted[int(held.group(1))]  # 微信公众号“绍兴E网”, 《求是》杂志: the quoted name
        else:
            name = re.sub(r"\x00(\d+)\x00", lambda m: quoted[int(m.group(1))], token)
        name = name.replace("\x00", "")
        if out and edition and held and int(held.group(1)) in columns:
            # 《人民日报》…第4版“人民论坛”: the column of the page, not a second source
            if out[0].section is None:
                out[0] = dataclasses.replace(out[0], section=name)
            continue
        name, via = _split_pair(name)
        if via is None and not was_quoted:
            name, via = _split_dot(name)
        whole = held is not None and name == quoted[int(held.group(1))]  # the 《》 name alone
        cleaned = _clean_name(name, quoted=whole)
        if cleaned is None:
            continue
        if out and was_quoted and cleaned.isascii() and cleaned.split()[-1][:1].islower():
            # Source: Assomac, News from world: a section's words (an outlet's are capitalised)
            continue
        if out and not was_quoted and not (_WEB.search(cleaned) or _PAPER.search(cleaned)):
            if not out[0].authors and _person(cleaned):
                # 来源:文化遗产 赵艳喜: the author after the source
                out[0] = dataclasses.replace(out[0], authors=(cleaned,))
            continue  # a section name after the source (小记者周刊, 教育频道)
        first = not out
        out.append(
            _build(
                cleaned,
                date,
                issue,
                volume,
                edition if first else None,
                section if first else None,
                urls if first else (),
                authors,
                via=via,
                quoted=was_quoted,
            )
        )
    if not out and (date is not None or urls):
        out.append(_build(None, date, issue, volume, edition, section, urls, authors))
    return out


_TIME = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")


def _person(token: str) -> bool:
    from .bylines import looks_like_person

    return looks_like_person(token) and len(token) <= 3


def _barred_authors(barred: str, year: int | None) -> tuple[str, ...]:
    """``来源：光明日报 | 胡印斌  2024年08月19日09:20``: names alone after the bar are authors."""
    from .bylines import looks_like_person, name_slot

    text = barred.lstrip(" ，,|")
    for d in reversed(find_dates(text, year)):
        text = text[: d.start] + " " + text[d.end :]
    names = [n for n in re.split(r"[\s、，,|]+", _TIME.sub(" ", text)) if n]
    if names and (all(map(looks_like_person, names)) or name_slot(names)):
        return tuple(names)
    return ()


def _build(
    name: str | None,
    date: object,
    issue: str | None,
    volume: str | None,
    edition: str | None,
    section: str | None,
    urls: tuple[str, ...],
    authors: tuple[str, ...],
    via: str | None = None,
    quoted: bool = False,
) -> Source:
    from .dates import DateMatch

    issued = bad = None
    if isinstance(date, DateMatch):
        issued = date.date
        if not date.valid:
            bad = date.raw
    day = bool(issued and issued.day)
    ctype = infer_type(name, issue=issue is not None, day=day, quoted=quoted) if name else "webpage"
    return Source(
        container=name,
        type=ctype,
        issued=issued,
        issue=issue,
        volume=volume,
        edition=edition,
        section=section,
        url=urls[0] if urls else None,
        via=via,
        authors=authors,
        bad_date=bad,
        extra_urls=urls[1:],
    )


_CN_VAL = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _to_int(text: str) -> int:
    """``27`` / ``二十七`` / ``一〇二`` -> int."""
    if text.isdigit():
        return int(text)
    if "百" in text:
        h, _, rest = text.partition("百")
        return (_CN_VAL.get(h, 1) if h else 1) * 100 + (
            _to_int(rest.lstrip("零〇")) if rest.strip("零〇") else 0
        )
    if "十" in text:
        t, _, o = text.partition("十")
        return (_CN_VAL[t] if t else 1) * 10 + (_CN_VAL[o] if o else 0)
    return int("".join(str(_CN_VAL[c]) for c in text))
