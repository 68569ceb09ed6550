"""One small function per attribution form; each finds its form in one (width-folded) line.

Consumes a line of text; produces :class:`Hit` values: where the source phrase is, which form
found it. Forms: ``（来源：…）`` and every keyword variant in brackets, ``来源：…`` header
fields, line-initial ``摘自…``/``原载…``, ``（2012年4月10日《绍兴晚报》）``, ``（浙江日报转载）``,
agency datelines ``新华社北京4月24日电``, bare URL lines. Interpretation of the phrase is
:mod:`.sources`' job.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .cues import CUES, ORNAMENT, alternation

__all__ = ["FORMS", "MAX_PHRASE", "TRIGGERS", "Hit", "find_hits", "trigger_positions"]

_PREFIX = alternation(CUES.source_prefix)
#: how an outlet's name ends (报, 网, 社, 客户端 …): one declaration, in cues.yaml
_ENDS = CUES.outlet_end
#: the last characters of those endings (a trigger: an outlet's name running into a year)
_END_CHARS = "".join(sorted({w[-1] for w in CUES.outlet_suffix}))
_KEYWORD = CUES.keyword

#: a source phrase longer than this is cut: attributions are short, and every later stage then
#: works on a bounded text whatever the line holds
MAX_PHRASE = 240

#: cheap prefilter: a line without any of these cannot hold an attribution. Plain substrings,
#: found with str.find on the folded text (much faster than a regex alternation over the whole
#: text): the first two characters of every source cue, plus the other forms' anchors.
TRIGGERS = tuple(
    sorted(
        {w[:2] for w in CUES.source}
        | set(CUES.agency)
        | {
            "记者",
            "http",
            "日《",
            "日在",
            "日消息",
            # （载《…》…）: a source word that names a source only before a 《title》
            *(f"{w}《" for w in CUES.source_quoted),
            "消息:",
            "消息：",
            "消息(",
            "消息（",
            "出版的《",
            "日电",
            "电（",
            "电(",
            "作者",
            "Source",
            "SOURCE",
            "source",
            *(w[:2] for w in CUES.wechat_original),
            *(f"-{m}-" for m in ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10")),
            *(f"-{m}-" for m in ("11", "12", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
            *(w[-7:] for w in CUES.wechat_repost),
            "报道",
            "讯（",
            "讯(",
            "日讯",
            ", 20",
            # 人民日报人民时评，2017年5月23日: a dated source line after a full-width comma
            "，20",
            "，19",
            ", 19",
            *("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"),
            "Dec",
            " ago",
            "同上",
            "同版",
            # a page header's time (中国新闻网　10-08 20:49): minutes after a colon
            *(f":{d}" for d in "012345"),
            # a page header's day and time run into its outlet: 2005年04月19日07:56 中国广播网
            # （自由时报电子报）, （TVBS新闻网）: an outlet alone in brackets
            *(f"{w}{c}" for w in (*_END_CHARS, "影音") for c in "）)"),
            ".com）",
            ".com)",
            ".cn)",
            # an English outlet in brackets on its own line: (South China Morning Post)
            *(f"{w})" for w in ("Post", "News", "Times", "Herald", "Magazine", "Journal")),
            *(f"{w})" for w in ("Agency", "Press", "Network", "Radio", "TV", "Review")),
            "| ",
            "｜",
            "丨",
            " on 20",
            "-- ",
            "——《",  # ——《郑州日报》: a periodical alone after a dash
            "’s ",
            "'s ",
            ".cn）",
            ".net)",
            ".org)",
            "| Updated",
            "|Updated",
            "Daily",
            "DAILY",
            "Online)",
            "By ",
            "日0",
            "日1",
            "日2",
            *(
                f"{a}{s}{y}"
                for a in _END_CHARS + "》"
                for s in ("，", ",", " ", "", "　")
                for y in ("19", "20")
            ),
            # a bracket closing on a day: （明报 港闻 2024年5月25日）
            "日）",
            "日)",
            "版）",
            "版)",
        }
    )
)


# a trigger that contains a shorter one adds nothing to the scan
_MINIMAL = sorted(w for w in TRIGGERS if not any(o != w and o in w for o in TRIGGERS))


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, factored by shared prefixes (新(?:华社|闻网)…): the
    regex engine tries the alternatives of a group one by one, so a flat alternation of 250
    words costs 250 checks wherever a common first character (日, 新, a space) stands."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


#: the commonest marks of running text (the commas of Chinese and English, the space): the
#: regex below would start a match at each of them, so the triggers opening with one are
#: looked for with str.find instead (a literal search in C that skips ahead)
_COMMON_FIRST = "，, "
_FOUND = tuple(w for w in _MINIMAL if w[0] in _COMMON_FIRST)

# No minimal trigger is a prefix of another, so at most one matches at an offset and the trie
# finds the same (non-overlapping) matches as the alternation of the words.
_TRIGGER = re.compile(trie_pattern(w for w in _MINIMAL if w not in _FOUND))


def trigger_positions(text: str) -> list[int]:
    """Offsets of every trigger substring in ``text``, sorted, as one scan for the leftmost
    trigger after the last one found gives them (one regex pass: an alternation of literals
    scans Chinese text several times faster than one str.find per word; the few words opening
    with a comma or a space are each found with str.find, and the two merged)."""
    spans: list[tuple[int, int]] = []
    for word in _FOUND:
        i = text.find(word)
        while i >= 0:
            spans.append((i, i + len(word)))
            i = text.find(word, i + 1)
    if not spans:
        return [m.start() for m in _TRIGGER.finditer(text)]
    spans.sort()
    # the leftmost of either kind from ``pos`` on; a match overlapping the one taken is not
    # reported (a word ending in a space, '-- ', runs into ' ago' as the scan would read it)
    out: list[int] = []
    pos = k = 0
    search = _TRIGGER.search
    m = search(text)
    while True:
        while k < len(spans) and spans[k][0] < pos:
            k += 1
        if m is not None and m.start() < pos:
            m = search(text, pos)
        if k < len(spans) and (m is None or spans[k][0] < m.start()):
            out.append(spans[k][0])
            pos = spans[k][1]
        elif m is not None:
            out.append(m.start())
            pos = m.end()
            m = search(text, pos)
        else:
            return out


@dataclass(frozen=True, slots=True)
class Hit:
    """One attribution found in a line: the form, the line span it covers, the source phrase."""

    form: str
    start: int
    end: int
    #: the source phrase (what follows the keyword), for :func:`.sources.parse_sources`
    phrase: str
    #: True when a bracket opened and did not close on this line (continues on the next)
    open: bool = False
    #: reporters named by the form itself (``新华社北京10月15日电（记者 张三 李四）``)
    authors: tuple[str, ...] = ()
    #: a second source the form names (the agency of ``（新华社…电，载《人民日报》…）``)
    note: str | None = None
    #: a date the form gives outside the phrase (the 10月15日 of a dateline)
    date: str | None = None
    #: the title the form prints itself (``中新社江门1月12日电 题：…``)
    title: str | None = None


def _closers(line: str) -> dict[int, int]:
    """For every opening bracket in ``line``, the index of the bracket that closes it (one pass)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    pairs = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"}
    for j, c in enumerate(line):
        if c in pairs:
            stack.append(j)
        elif c in "）)】]〕" and stack:
            # a full-width bracket may close a half-width one: bulletins mix them freely
            out[stack.pop()] = j
    return out


_BRACKETED = re.compile(
    rf"[（(【\[〔]\s*(?P<kw>{_KEYWORD}|{alternation(CUES.source_quoted)}(?=\s*《))\s*[:：]?\s*"
)
#: a label in brackets, its value after them: [文献来源] 水文地质工程地质，2023…, 【来源】新华社
_LABEL_MARKS = " \t:：|｜丨-—"


def bracketed(line: str) -> list[Hit]:
    """``（来源：《丽水日报》2018-9-3）``, ``(摘自绍兴晚报 …)``, ``（信息来源：浙江发布）``."""
    if not ("（" in line or "(" in line or "【" in line or "[" in line or "〔" in line):
        return []
    hits: list[Hit] = []
    closers: dict[int, int] | None = None
    covered = 0
    for m in _BRACKETED.finditer(line):
        if m.start() < covered:
            continue
        if closers is None:
            closers = _closers(line)
        end = closers.get(m.start(), -1)
        if end == -1:
            # open to the end of the line: it continues on the next; nothing after it is new
            hits.append(Hit("bracketed", m.start(), len(line), line[m.end() :], open=True))
            break
        if not line[m.end() : end].strip(_LABEL_MARKS) and line[end + 1 :].strip(_LABEL_MARKS):
            # 【来源】新华社: the bracket holds the label only; the source follows it
            rest = line[end + 1 :].lstrip(_LABEL_MARKS).split("。", 1)[0]
            hits.append(Hit("bracketed", m.start(), len(line), rest))
            break
        hits.append(Hit("bracketed", m.start(), end + 1, line[m.end() : end]))
        covered = end + 1
    return hits


# (转载自公众号：极影AdventureX: the account's label between the cue and its colon)
_COLON = re.compile(rf"(?P<kw>{_KEYWORD})\s*(?:微信)?(?:公众号)?\s*[:：]\s*")


# what a photo credit's keyword follows: 题图来自：视觉中国, 图片来源：…, 头图来源：…
_PHOTO_BEFORE = ("图", "图片", "照片", "配图", "封面", "题图", "头图", "资料")


def keyword_colon(line: str) -> list[Hit]:
    """``来源：人民日报``, ``2021-08-28 16:50 来源：浙江日报 作者：…``, ``信息来源：省发改委``
    (a photo's credit, ``题图来自：视觉中国``, names no source of the text)."""
    if len(line) > 160:
        return []  # a cue at the end of a long line of text: reported as missed instead
    if "：" not in line and ":" not in line:
        return []  # (what _COLON needs, looked for first: a colon is the rarer part)
    m = _COLON.search(line)
    while m and line[: m.start()].endswith(_PHOTO_BEFORE):
        m = _COLON.search(line, m.end())
    if not m:
        return []
    rest = line[m.end() :]
    return [Hit("keyword-colon", m.start(), len(line.rstrip()), rest)]


_LEADING = re.compile(
    rf"^\s*(?:——\s*|{ORNAMENT}\s*)?(?:全文|本文|该文|此文|原文|文章)?(?P<kw>{_KEYWORD})"
    r"\s*(?P<colon>[:：])?\s*"
)
# keywords that begin running text as often as an attribution (来自各地的代表…) need a colon
_AMBIGUOUS = re.compile(r"来自|来源于|发于|出处|刊于|载于")


def leading_keyword(line: str) -> list[Hit]:
    """``下文摘自于《同窗情》第二十七期。``, ``——摘自《新型冠状病毒肺炎防护手册》``."""
    m = _LEADING.match(line)
    if not m or len(line) > 240:
        return []
    rest = line[m.end() :]
    if (
        not m["colon"]
        and _AMBIGUOUS.search(m["kw"])
        and not rest.startswith(("《", "“", '"', "微信公众号", "公众号"))
    ):
        return []  # (本文来自微信公众号:X names its account)
    return [Hit("leading-keyword", m.start(), len(line.rstrip()), rest)]


_DATED_TITLE = re.compile(
    r"[（(]\s*(?P<phrase>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*《[^《》]{1,30}》[^（）()]{0,12})[）)]"
)


def dated_title(line: str) -> list[Hit]:
    """``（2012年4月10日《绍兴晚报》）``, ``（3月12日《绍兴晚报》）``."""
    if "《" not in line:
        return []
    return [
        Hit("dated-title", m.start(), m.end(), m["phrase"]) for m in _DATED_TITLE.finditer(line)
    ]


_REPRINTED = re.compile(r"[（(]\s*(?P<name>[^（）()《》:：]{2,20}?)\s*(?:转载|供稿|刊发)\s*[）)]")


def reprinted_by(line: str) -> list[Hit]:
    """``(浙江日报转载）``."""
    if "）" not in line and ")" not in line:
        return []
    return [Hit("reprinted-by", m.start(), m.end(), m["name"]) for m in _REPRINTED.finditer(line)]


_CN_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_MONTH_DAY = (
    rf"(?:(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*)?{_CN_DAY}\s*月\s*{_CN_DAY}\s*日"
)
# a dateline may give the day alone (本报合肥18日电, 新华社重庆十四日电)
_DAY = rf"(?:{_MONTH_DAY}|{_CN_DAY}\s*日)"
_AGENCY = alternation(CUES.agency)
_DATELINE = re.compile(
    rf"(?:(?P<agency>{_AGENCY})|(?:^|(?<=[（(【\[]))\s*"
    rf"(?P<site>(?![据在从])[\u4e00-\u9fff]{{1,6}}?{_ENDS}))"
    rf"(?P<place>[\u4e00-\u9fff]{{0,8}}?)\s*(?P<date>{_DAY})?\s*(?:电|讯)"
    r"(?:\s*[】\]])?"
    r"(?:\s*[（(](?P<who>[^（）()]{1,60})[）)]|"
    r"\s*(?P<who2>(?:特派|驻[\u4e00-\u9fff]{1,6})?(?:记者|通讯员)[^:：，,。（）()]{1,30}?)(?:报道)?\s*[:：])?"
)
# 新华社北京12月17日电题：晴耕雨读书满乡——农家书屋探访记: a feature's title after its dateline
_TITLED = re.compile(r"\s*题\s*[:：]\s*(?P<title>[^。]{4,80}?)\s*$")
# 中央社記者林宏翰洛杉磯23日專電: the agency, its reporter, the place and day, 專電
_CNA = re.compile(
    rf"(?P<agency>{_AGENCY})\s*记者\s*(?P<who>[\u4e00-\u9fff]{{3}})(?P<place>[\u4e00-\u9fff]{{1,8}}?)"
    rf"\s*(?P<date>{_DAY})\s*专?电"
)
_NEWS_OFFICE = re.compile(
    r"^\s*(?P<paper>[\u4e00-\u9fff]{2,8}?)讯\s*[（(]\s*(?P<who>(?:记者|通讯员)[^（）()]{1,60})[）)]"
)
_PAREN_REPORTERS = re.compile(r"(?:记者|通讯员|实习生)")


def _reporters(who: str | None) -> tuple[str, ...]:
    """``记者 张三 李四`` / ``记者张三、李四 通讯员王五`` -> the names (via :mod:`.bylines`)."""
    if not who:
        return ()
    from .bylines import looks_like_person, parse_names_after_roles

    if not _PAREN_REPORTERS.search(who):
        # （胡孝乾）: names alone in the bracket after a dateline, when they look like names
        names = [n for n in re.split(r"[\s、，,]+", who.strip()) if n]
        return tuple(names) if names and all(looks_like_person(n) for n in names) else ()
    return parse_names_after_roles(who)


# 中新社北京报道，…: an agency's undated dateline opening a paragraph
_AGENCY_REPORT = re.compile(rf"^\s*(?P<agency>{_AGENCY})[\u4e00-\u9fff]{{0,8}}?报道\s*[,，]")


def agency_dateline(line: str) -> list[Hit]:
    """``新华社北京4月24日电``, ``中新网杭州3月5日电``, ``（新华社北京1月20日电）``,
    ``新华社北京10月15日电（记者 张三 李四）`` (the reporters are authors), ``中新社北京报道，``."""
    if "电" not in line and "讯" not in line:
        m = _AGENCY_REPORT.match(line)
        return [Hit("dateline", m.start("agency"), m.end() - 1, m["agency"])] if m else []
    out = []
    for m in _DATELINE.finditer(line):
        opening = not line[: m.start()].strip()
        own = m["site"] in CUES.generic_source and opening
        # 香港文匯報訊(兩會報道組 劉凝哲): a paper's report opening a line, its writers after it
        credited = opening and bool(m["who"]) and line[m.end("place") : m.end()].startswith("讯")
        if m["site"] and not m["date"] and not m["who2"] and not own and not credited:
            # 每年约为社会节电: a site's dateline has its day (or its reporters); 本报讯 opening
            # a line is this paper's own report (its paper and day come from the heading)
            continue
        name = m["agency"] or m["site"]
        who = m["who"] if m["who"] and _reporters(m["who"]) else m["who2"]
        if who is None and m["who"]:
            who = (
                " ".join(  # (兩會報道組 劉凝哲): the names among the bracket's words
                    n for n in re.split(r"[\s、，,]+", m["who"]) if _reporters(n)
                )
                or None
            )
        titled = _TITLED.match(line, m.end())
        out.append(
            Hit(
                "dateline",
                m.start(),
                titled.end() if titled else m.end(),
                name,
                authors=_reporters(who),
                date=m["date"],
                title=titled["title"].strip() if titled else None,
            )
        )
    if not out and "记者" in line:
        for m3 in _CNA.finditer(line):
            out.append(
                Hit(
                    "dateline",
                    m3.start(),
                    m3.end(),
                    m3["agency"],
                    authors=(m3["who"],),
                    date=m3["date"],
                )
            )
    m2 = _NEWS_OFFICE.match(line)
    if m2 and not out:
        out.append(
            Hit("dateline", m2.start(), m2.end(), m2["paper"], authors=_reporters(m2["who"]))
        )
    return out


_DATED_SOURCE = re.compile(
    r"^\s*[（(]\s*(?P<phrase>(?P<name>[^（）()\d][^（）()]{1,29}?)\s*[,，、·]?\s*"
    r"(?P<date>(?:中华民国|民国)?\s*(?:\d{2,4}|[〇零○一二三四五六七八九]{4})\s*[年/.-]\s*\d{1,2}[^（）()]{0,24}))"
    r"[）)]\s*$"
)


_BARE_SOURCE = re.compile(
    rf"^\s*(?P<phrase>《?[\u4e00-\u9fff·]{{2,16}}?(?:{_ENDS}|志)》?"
    r"\s*[,，、 ]\s*(?:19|20)\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?"
    r"(?:\s*[,，、 ]\s*第?\s*[A-Z]?\d{1,3}\s*版)?)\s*$"
)


_OUTLET_NAME = rf"[\u4e00-\u9fffA-Za-z（）()·]{{1,12}}?{_ENDS}"
_HEAD_DATE = (
    r"(?:19|20)\d\d(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_DATED_NAME = re.compile(
    rf"^\s*(?:(?P<d1>{_HEAD_DATE})\s*(?P<n1>{_OUTLET_NAME})|"
    rf"(?P<n2>{_OUTLET_NAME})\s*(?:(?:发布|发表)时间\s*[:：])?\s*(?:(?P<d2>{_HEAD_DATE})|"
    r"(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+\d{1,2}:\d{2}))\s*$"
)
# a title closed by its page's time and outlet: 标题（2022-06-02 10:37:10，中国新闻网）
_TIMED_OUTLET = re.compile(
    rf"[（(]\s*(?P<date>{_HEAD_DATE})\s*[，,]\s*(?P<name>{_OUTLET_NAME})\s*[）)]\s*$"
)


# a portal's page header: http://www.sina.com.cn 2006年11月07日01:32 南京报业网-南京日报
_SITE_HEADER = re.compile(
    r"^\s*(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)(?:\.[a-z]{2})?/?"
    rf"\s+(?P<date>{_HEAD_DATE})\s*(?P<name>[^\s:：|]{{2,24}})\s*$"
)


def site_header(line: str) -> list[Hit]:
    """``http://www.sina.com.cn 2006年04月24日09:45 南方日报``: a portal's header naming the
    outlet its page reposts, with the day."""
    if len(line) > 80 or ("www." not in line and "http" not in line):
        return []
    m = _SITE_HEADER.match(line)
    if not m or m["name"][0].isdigit():
        return []
    return [Hit("dated-name", m.start(), m.end(), f"{m['name']} {m['date']}")]


def timed_outlet(line: str) -> list[Hit]:
    """``标题（2022-06-02 10:37:10，中国新闻网）``: the outlet and day closing a title line."""
    if len(line) > 160 or not line.rstrip().endswith(("）", ")")):
        return []
    m = _TIMED_OUTLET.search(line)
    if not m:
        return []
    return [Hit("timed-outlet", m.start(), m.end(), f"{m['name']} {m['date']}")]


_BRACKETED_OUTLET = re.compile(
    rf"^\s*[（(]\s*(?:[\u4e00-\u9fff]{{2,4}}\s*[:：]\s*)?(?P<name>{_OUTLET_NAME}(?:电子报|影音)?|"
    r"[A-Za-z0-9.-]+\.(?:com|cn|net|org|hk|tw)(?:\.[a-z]{2})?)\s*[）)]\s*$"
)


def bracketed_outlet(line: str) -> list[Hit]:
    """``（自由时报电子报）``, ``（TVBS新闻网）``, ``（网志：tsuisioming.blogspot.com）``: a line
    that is only an outlet's name in brackets closes the article above it."""
    if len(line) > 40 or line.lstrip()[:1] not in ("（", "("):
        return []
    m = _BRACKETED_OUTLET.match(line)
    if not m or m["name"].endswith("社"):
        return []  # （新华社）: an agency's copy, whose paper usually follows
    return [Hit("dated-source", m.start(), m.end(), m["name"])]


_DITTO = re.compile(
    r"^\s*[（(]\s*(?:同上|同前|出处同上|来源同上|同日\s*同版|同上\s*同版)\s*[）)]\s*$"
)


def ditto(line: str) -> list[Hit]:
    """``（同上）``, ``（同日 同版）``: the source of the article before, said again."""
    if "同" not in line or len(line) > 20:
        return []
    m = _DITTO.match(line)
    return [Hit("ditto", m.start(), m.end(), "")] if m else []


def dated_name(line: str) -> list[Hit]:
    """``2005年04月19日07:56 中国广播网``, ``环球时报 2022-05-11``, ``中艺网 发布时间: 2014-05-04``:
    a page's header line giving only its outlet and day (an outlet by its name's ending)."""
    if len(line) > 48:
        return []
    m = _DATED_NAME.match(line)
    if not m:
        return []
    if m["m"]:
        # 中国新闻网　10-08 20:49: month and day, the year from the bulletin
        day = f"{int(m['m'])}月{int(m['d'])}日"
        return [Hit("dated-name", m.start(), m.end(), m["n2"], date=day)]
    name, date = (m["n1"], m["d1"]) if m["n1"] else (m["n2"], m["d2"])
    return [Hit("dated-name", m.start(), m.end(), f"{name} {date}")]


# a line that is only a publication and its day: 《人民日报》1993年7月11日第1版, 齐鲁晚报 2025年
# 10月11日 A01版, （载《人民日报》1998年2月27日第12版　周末副刊）, 人民日报2025.12.22星期一
_LINE_LEAD = re.compile(  # (used with match(): anchored where the line's text starts)
    r"\s*(?:[—–-]{1,2}\s*)?(?P<open>[（(【\[〔]\s*)?(?:原载于?|转载于?|刊于|刊载于?|载于?|见于?)?\s*"
)
_LINE_BYLINE = re.compile(
    r"^\s*(?P<by>(?:本报|本刊|特约)?(?:记者|通讯员|作者|記者)\s*[:：]?\s*[^《》()（）\d]{2,16}?)\s*(?=《)"
)
_LINE_NAME = re.compile(rf"《\s*[^《》\s]{{2,24}}\s*》|[\u4e00-\u9fffA-Za-z·]{{1,14}}?{_ENDS}")
_LINE_PAGE = re.compile(
    r"\s*[,，、]?\s*(?:第\s*)?(?:[A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版"
    r"(?:\s*[（(][^（）()]{1,10}[）)])?"
)
_LINE_REST = re.compile(
    r"\s*(?:[,，、:：]\s*)?(?P<label>[^。；;！？!?（）()《》,，的]{0,24}?)\s*(?P<close>[）)】\]〕])?\s*$"
)


_DAY_MARK = re.compile(r"[\d日号]")
# （陈宗法）, (张三、李四) after a source line's day: its writers
_LINE_TAIL_BYLINE = re.compile(
    r"\s*[（(]\s*(?P<who>[\u4e00-\u9fff·]{2,4}(?:[、,，\s]+[\u4e00-\u9fff·]{2,4}){0,3})\s*[）)]\s*$"
)


def publication_line(line: str) -> list[Hit]:
    """``——《人民日报》1993年7月11日第1版``, ``《澳門日報》2023年05月11日 第B03版：要聞``,
    ``（载《人民日报》1998年2月27日第12版　周末副刊）``: a line that is only a publication, its
    full day and perhaps its page and column, closes the article above it (or heads it)."""
    if len(line) > 64 or not _DAY_MARK.search(line):
        return []  # a full day needs a digit, 日 or 号 (二〇一八年九月三日)
    authors: tuple[str, ...] = ()
    by = _LINE_BYLINE.match(line)
    if by:
        # 本报记者 柴逸扉 《 人民日报海外版 》( 2023年01月04日 第 04 版): the byline first
        from .bylines import parse_names_after_roles

        authors = parse_names_after_roles(by["by"])
        if not authors:
            return []
    lead = _LINE_LEAD.match(line, by.end() if by else 0)
    assert lead is not None  # every part of it is optional
    name = _LINE_NAME.match(line, lead.end())
    if not name:
        return []
    from .dates import find_dates

    after = line[name.end() :]
    inner = re.match(r"\s*[（(]", after) if not lead["open"] else None
    dates = find_dates(after[:28])
    if not dates or not dates[0].valid or dates[0].date.day is None:
        return []
    head = after[inner.end() if inner else 0 : dates[0].start].strip(" \t,，、\u3000")
    if len(head) > 6 or any(c.isdigit() for c in head):
        return []  # words between the name and the day: a sentence, not a source line
    pos = name.end() + dates[0].end
    page = _LINE_PAGE.match(line, pos)
    pos = page.end() if page else pos
    if not page and name.group(0).startswith("《") and not _PERIODICAL.search(name.group(0)):
        return []  # 《採訪受阻事件透視》(2002年3月28日): a work's title and day, not a paper
    by_tail = _LINE_TAIL_BYLINE.match(line, pos) if not (lead["open"] or inner) else None
    if by_tail and not authors:
        # ——中国电力网，2021年3月24日（陈宗法）: the writer after the day, in brackets
        from .bylines import looks_like_person

        names = tuple(t for t in re.split(r"[、,，\s]+", by_tail["who"]) if t)
        if names and all(looks_like_person(t) for t in names):
            authors = names
            phrase = line[name.start() : pos]
            start = by.start("by") if by else lead.end()
            return [Hit("dated-source", start, len(line.rstrip()), phrase.strip(), authors=authors)]
    rest = _LINE_REST.match(line, pos)
    if rest is None or bool(rest["close"]) != bool(lead["open"] or inner):
        return []
    phrase = line[name.start() : rest.start("label") if not rest["label"] else pos]
    if inner:
        phrase = phrase.replace("（", " ", 1).replace("(", " ", 1)
    start = by.start("by") if by else lead.end()
    return [Hit("dated-source", start, len(line.rstrip()), phrase.strip(), authors=authors)]


# ——《郑州日报》: a dash and a periodical's name in 《》, nothing else on the line
_DASHED_OUTLET = re.compile(r"^\s*——\s*(?P<name>《\s*[^《》\s]{2,24}\s*》)\s*$")


def dashed_outlet(line: str) -> list[Hit]:
    """``——《郑州日报》``: a line that is only a dash and a paper's (or magazine's) name closes
    the article above it, which that periodical printed."""
    m = _DASHED_OUTLET.match(line)
    if not m or not _PERIODICAL.search(m["name"]):
        return []
    return [Hit("dated-source", m.start("name") - 2, m.end("name"), m["name"])]


def bare_source(line: str) -> list[Hit]:
    """``人民日报，1993-08-05，第1版``: a line that is only a paper, a date and a page."""
    if len(line) > 60:
        return []
    m = _BARE_SOURCE.match(line)
    return [Hit("bare-source", m.start(), m.end(), m["phrase"])] if m else []


_QUOTED_DATED = re.compile(
    r"^\s*(?P<phrase>《[^《》]{2,20}》\s*[（(]\s*(?:19|20)\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?"
    r"[^（）()]{0,12})[）)]\s*$"
)


# a paper, magazine or site named in 《》, or a page (版) given: what a source line names
_PERIODICAL = re.compile(rf"(?:{_ENDS}|刊|志)》|版")

_DATE_PAGE = re.compile(
    r"^\s*[（(]\s*(?P<phrase>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*第\s*[A-Z]?\d{1,3}\s*版)"
    r"\s*[）)]\s*$"
)


_JOURNAL_CITE = re.compile(
    r"[（(]\s*《?(?P<name>[^，,（）()《》\d]{2,30}?)》?\s*[，,]\s*(?P<y>(?:19|20)\d\d)\s*[，,]\s*"
    r"(?:(?P<v>\d{1,3})\s*)?[（(]\s*(?P<i>\d{1,3})\s*[）)]\s*(?:[:：]\s*(?P<p>\d{1,4}(?:-\d{1,4})?))?\s*[）)]"
)


def journal_cite(line: str) -> list[Hit]:
    """``（四川图书馆学报，2023，(4)：29-35）``: journal, year, (issue): pages."""
    if len(line) > 120 or ("，" not in line and "," not in line):
        return []
    out = []
    for m in _JOURNAL_CITE.finditer(line):
        vol = f"{m['v']}卷" if m["v"] else ""
        phrase = f"《{m['name'].strip()}》{m['y']}年{vol}第{m['i']}期"
        out.append(Hit("journal-cite", m.start(), m.end(), phrase))
    return out


# ——刘志东，高洪玮.《中央财经大学学报》2020（4） / （邵安、祝哲／浙江警察学院学报，2022年第3期）:
# a line that is only a periodical's issue (after a dash or in brackets, its authors first)
_JOURNAL_LINE = re.compile(
    r"^\s*(?:(?P<dash>——?)\s*|(?P<open>[（(【\[])\s*)?"
    r"(?:(?P<by>[\u4e00-\u9fff·]{2,4}(?:\s*[，,、]\s*[\u4e00-\u9fff·]{2,4}){0,7})\s*[.．/／]\s*)?"
    r"《?(?P<name>[\u4e00-\u9fffA-Za-z（）()]{2,30}?)》?\s*[，,]?\s*(?P<y>(?:19|20)\d\d)\s*"
    r"(?:[(（]\s*(?P<i>\d{1,3})\s*[)）]|年\s*第?\s*(?P<i2>\d{1,3})\s*期|"
    r"[，,]\s*(?P<v>\d{1,4})\s*[(（]\s*(?P<i3>\d{1,3})\s*[)）])"
    r"\s*(?:[:：]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)?\s*(?P<close>[）)】\]])?\s*[。.]?"
    r"(?:\s*DOI\s*[:：]?\s*10\.\S+)?\s*$",
    re.IGNORECASE,
)


def journal_line(line: str) -> list[Hit]:
    """``——作者1，作者2.《刊名》2020（4）``, ``（作者／刊名，2022年第3期）``: a line that is only a
    periodical's issue, after a dash or in brackets (with its authors), closes the article
    above it."""
    if len(line) > 90 or not any(c in line for c in "—(（【["):
        return []
    m = _JOURNAL_LINE.match(line)
    if m is None or not (m["dash"] or m["by"] or (m["open"] and m["close"])):
        return []
    issue = m["i"] or m["i2"] or m["i3"]
    vol = f"{m['v']}卷" if m["v"] else ""
    phrase = f"《{m['name'].strip()}》{m['y']}年{vol}第{int(issue)}期"
    by = tuple(re.split(r"\s*[，,、]\s*", m["by"])) if m["by"] else ()
    return [Hit("journal-cite", m.start(), len(line.rstrip()), phrase, authors=by)]


def date_page(line: str) -> list[Hit]:
    """``（2001年6月3日 第2版）``: the day and page of the paper an article above was in."""
    m = _DATE_PAGE.match(line) if len(line) < 40 else None
    return [Hit("dated-source", m.start(), m.end(), m["phrase"])] if m else []


def quoted_dated(line: str) -> list[Hit]:
    """``《光明日报》( 2020年09月27日10版)``: a line that is only a paper and its day."""
    if "《" not in line or len(line) > 60:
        return []
    m = _QUOTED_DATED.match(line)
    if m and not _PERIODICAL.search(m["phrase"]):
        return []  # 《采访受阻事件透视》(2002年3月28日): a work's title and day, not a paper
    return [Hit("dated-source", m.start(), m.end(), m["phrase"])] if m else []


def dated_source(line: str) -> list[Hit]:
    """``（自由时报·自由广场,中华民国91年3月19日）``, ``（明报 港闻 2024年5月25日）``: a line that
    is only a bracket with a name and a date closes the article above."""
    if len(line) > 80 or line.lstrip()[:1] not in ("（", "("):
        return []
    m = _DATED_SOURCE.match(line)
    if not m or len(line) > 80 or m["name"].count(":") + m["name"].count("：") > 1:
        return []  # （作者：… 来源：刊名 2022年10期）: labelled fields, read by their labels
    return [Hit("dated-source", m.start(), m.end(), m["phrase"])]


_REPRINT = re.compile(
    r"[（(]\s*(?P<first>[^（）()，,]{2,40}?)\s*[，,]\s*(?:原载|刊载|刊登|转载|载|刊)于?\s*"
    r"(?P<phrase>《[^《》]{1,30}》[^（）()]{0,40})[）)]"
)


def reprinted_in(line: str) -> list[Hit]:
    """``（新华社北京八月三十日电，载《人民日报》1990年8月30日第1版）``: the paper is the
    container; the first source (an agency's dateline) is kept as a note."""
    if "《" not in line:
        return []
    return [
        Hit("reprint", m.start(), m.end(), m["phrase"], note=m["first"].strip())
        for m in _REPRINT.finditer(line)
    ]


_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EN_DATE = (
    rf"(?:{_EN_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_EN_MONTH},?\s+\d{{4}}|"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
)
_EN_LABEL = re.compile(
    # 2025-09-15 15:01:14 Source: CFIS: a page's posting time may come first
    r"^\s*(?:(?P<day>(?:19|20)\d\d-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=\S+\s*:))?"
    rf"\s*(?:[(\[（]?\s*{alternation(CUES.source_english)}\s*[:：]|"
    rf"[\[【〔]\s*{alternation(CUES.source_english)}\s*[\]】〕]\s*[:：]?)"  # [Source] X
    r"\s*(?P<phrase>.+?)\s*[)\]）]?\s*$",
    re.IGNORECASE,
)
_EN_PAREN = re.compile(
    rf"[(（]\s*(?P<phrase>(?:[A-Z][A-Za-z.&'’ -]{{1,50}}?|[a-z0-9.-]+\.(?:com|cn|net|org)(?:\.cn)?)"
    rf"(?:\s*[,，]\s*(?:{_EN_DATE}|(?:{_EN_MONTH}\s+)?(?:19|20)\d\d)|\s+{_EN_DATE})"
    r"(?:\s*[,，]\s*(?:Page|PAGE|[Pp]\.)\s*\w+)?)\s*(?:\([^()]{1,20}\)\s*)?[)）]"
)


_EN_BARE = re.compile(
    r"^\s*(?:[—–-]{1,2}\s*)?(?P<phrase>(?:[A-Z][A-Za-z0-9.&'’-]*"
    r"(?: (?:[A-Z][A-Za-z0-9.&'’-]*|and|of|the|&)){0,5}|"
    r"[a-z0-9.-]+\.(?:com|cn|org|net)(?:\.cn)?)"
    rf"\s*,?\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*,\s*)?{_EN_DATE}.{{0,40}})$"
)
# a web page's head line: its day and time, then the outlet (2017-04-22 11:21Xinhua Editor: …)
_EN_HEAD = re.compile(
    r"^\s*(?P<date>(?:19|20)\d\d-\d{1,2}-\d{1,2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"(?P<name>[A-Z][A-Za-z0-9.&'’-]*(?: [A-Z][A-Za-z0-9.&'’-]*){0,4})\s*(?:Editor\s*:.*)?$"
)
# an aggregator's line: the outlet and a time relative to the page (CHINA DAILY - 2 hours ago)
_EN_AGO = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z0-9.&'’-]*(?: [A-Z][A-Za-z0-9.&'’-]*){0,4})\s+[-–—]\s+"
    r"\d+\s*(?:hours?|hrs?|min(?:ute)?s?|days?)\b[\w ]{0,20}\bago\s*$"
)


_WEEKDAY_OR_LABEL = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|{alternation(CUES.date_label)})\b",
    re.IGNORECASE,
)
_EN_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,30}),\s*"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*\((?P<agency>[^()]{2,30})\)\s*[-–—]{1,2}"
)


def english_dateline(line: str) -> list[Hit]:
    """``SHANGHAI, Jan. 17 (Xinhua) --``: the agency is the source, the day its date."""
    m = _EN_DATELINE.match(line)
    if not m:
        return []
    return [Hit("dateline", m.start(), m.end(), m["agency"].strip(), date=m["date"])]


_EN_OUTLET = (
    r"(?:[A-Z][A-Za-z.&'’-]*(?: (?:[A-Z][A-Za-z.&'’-]*|of|the|and|&)){0,4}|"
    r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)(?:\.cn)?)"
)
_EN_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
# a page's byline and outlet: By Mei Jia | China Daily | Updated: 2020-06-01 07:05, By Mei Jia
# ( China Daily), Xinhua | Updated: 2019-12-19 14:00, (People's Daily Online) 16:32, April 23,
# 2024, ( China Daily ), Ren Min Ri Bao·2025-04-21 22:21
_EN_OUTLET_LINE = re.compile(
    r"^\s*(?:By\s+(?P<names>[A-Z][A-Za-z .'’-]{1,60}?"
    r"(?:\s*(?:/|,|and|&)\s*[A-Z][A-Za-z .'’-]{1,40}?)*)\s*)?"
    rf"(?:\(\s*(?P<p>{_EN_OUTLET})\s*\)|(?:\|\s*)?(?P<b>{_EN_OUTLET})(?=\s*[|·]))"
    rf"\s*(?:[|·]\s*)?(?:(?:Updated|Published)\s*:?\s*)?"
    rf"(?P<date>(?:{_EN_TIME}\s*,?\s*)?(?:{_EN_DATE})(?:\s+{_EN_TIME})?)?\s*$"
)
# By: Global Times | Published: Oct 27, 2023 09:47 PM; Sydney Morning Herald on 2020-12-16 20:23;
# -- The Rising Nepal; (Sight Magazine, via Reuters): an outlet (and its day) on a line of its own
_EN_OUTLET_ONLY = re.compile(
    rf"^\s*(?:By\s*:\s*(?P<a>{_EN_OUTLET})\s*\|\s*(?:Published|Updated)\s*:?\s*(?P<d1>.+?)|"
    rf"(?P<b>{_EN_OUTLET})\s+on\s+(?P<d2>{_EN_DATE}(?:\s+{_EN_TIME})?)|"
    rf"(?:--|—|–)\s*(?P<c>{_EN_OUTLET})|"
    rf"\(\s*(?P<e>{_EN_OUTLET})\s*,\s*via\s+{_EN_OUTLET}\s*\))\s*$"
)
_EN_CLOSING = re.compile(rf"[.!?”\"]\s*\(\s*(?P<o>{_EN_OUTLET})\s*\)\s*$")
# CCTV's Tang Bo reports. / Xinhua's Yu Jia reports from …: a broadcaster's reporter
_EN_REPORTS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<outlet>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})[’']s\s+"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s+reports?\b"
)
_NOT_OUTLET = re.compile(r"^(?:Photo|Photos|Video|Editor|Web editor|Source|Share|Xinhua/)", re.I)


_CJK_AND_BEYOND = re.compile("[\u2e80-\U0010ffff]")


def english_outlet_line(line: str) -> list[Hit]:
    """``By Mei Jia | CHINA DAILY | Updated: 2020-06-01 07:05``, ``By Mei Jia/Yuan Hui(China
    Daily)``, ``Xinhua | Updated: 2019-12-19 14:00``, ``(People's Daily Online) 16:32, April 23,
    2024``: a page's byline, outlet and time on a line of its own (a bare outlet in brackets
    only when its name has two words or more: (Xinhua) alone is as often a photo's credit)."""
    if len(line) > 120 or _CJK_AND_BEYOND.search(line):
        return []  # Latin text only (a middle dot may join the outlet and its time)
    m = _EN_OUTLET_LINE.match(line.rstrip())
    if not m:
        o = _EN_OUTLET_ONLY.match(line.rstrip())
        if o:
            outlet = (o["a"] or o["b"] or o["c"] or o["e"]).strip()
            date = o["d1"] or o["d2"]
            if _NOT_OUTLET.match(outlet) or (o["c"] and " " not in outlet):
                return []
            phrase = outlet + (f", {date}" if date else "")
            return [Hit("english", 0, len(line.rstrip()), phrase)]
        c = _EN_CLOSING.search(line) if len(line) > 40 else None
        if c and " " in c["o"].strip() and not _NOT_OUTLET.match(c["o"]):
            # … strictly banned for a continuous 10 years. (People's Daily): the paragraph's
            # outlet closing it
            return [Hit("english", c.start(), len(line.rstrip()), c["o"].strip())]
        r = _EN_REPORTS.search(line)
        if r and not _NOT_OUTLET.match(r["outlet"]):
            return [Hit("reporter", r.start(), r.end(), r["outlet"], authors=(r["name"],))]
        return []
    outlet = (m["p"] or m["b"] or "").strip()
    if not outlet or _NOT_OUTLET.match(outlet):
        return []
    if m["names"] and m["b"] and "|" not in line[m.end("names") : m.start("b")]:
        # By Jiang Li | 2025/1/22: the name's last word, no outlet (the page names it elsewhere)
        person = f"{m['names'].strip()} {m['b'].strip()}"
        return [Hit("english", 0, len(line.rstrip()), m["date"] or "", authors=(person,))]
    if not (m["names"] or m["date"] or m["b"]) and " " not in outlet and "." not in outlet:
        return []
    if m["b"] and not (m["names"] or m["date"]):
        return []
    names: tuple[str, ...] = ()
    if m["names"]:
        names = tuple(
            n.strip() for n in re.split(r"\s*(?:/|,|\band\b|&)\s*", m["names"]) if n.strip()
        )
    phrase = outlet + (f", {m['date']}" if m["date"] else "")
    return [Hit("english", 0, len(line.rstrip()), phrase, authors=names)]


_LATIN = re.compile("[A-Za-z]")


_SENTENCE_BREAK = re.compile(r"(?<=[a-z\d)])\.\s+(?=[A-Z])|。")


def english_source(line: str) -> list[Hit]:
    """``Source: China Daily, 2020-08-18, Page 1``, ``(China Daily, September 24, 2020)``,
    ``China Daily, Sept 24, 2020, Page 6`` on a line of its own."""
    if (
        line.isascii() is False
        and "Source" not in line
        and "source" not in line
        and not _LATIN.search(line, 0, 20)
    ):
        return []
    if len(line) > 200:
        return []
    m = _EN_LABEL.match(line)
    if m:
        # Source: Strategic Study of CAE, published 20 Oct 2021. Lan Xue, …: the source ends
        # with its sentence (the authors after it are no sources)
        phrase = _SENTENCE_BREAK.split(m["phrase"], maxsplit=1)[0]
        return [Hit("english", m.start(), len(line.rstrip()), phrase, date=m["day"])]
    m = _EN_BARE.match(line.rstrip())
    if m and len(line) <= 100 and not _WEEKDAY_OR_LABEL.match(m["phrase"]):
        return [Hit("english", m.start(), len(line.rstrip()), m["phrase"])]
    m = _EN_HEAD.match(line) or _EN_AGO.match(line) if len(line) <= 100 else None
    if m and not _WEEKDAY_OR_LABEL.match(m["name"]):
        date = m["date"] if "date" in m.groupdict() else None
        return [Hit("english", m.start(), len(line.rstrip()), m["name"], date=date)]
    return [Hit("english", m.start(), m.end(), m["phrase"]) for m in _EN_PAREN.finditer(line)]


_WECHAT_HEAD = re.compile(
    rf"^\s*{alternation(CUES.wechat_original)}\s+(?:(?P<author>[^\s\d]{{2,16}})\s+)?"
    r"(?P<acct>[^\s\d]{2,24})\s+(?P<date>\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)"
)
_ARTICLE_FROM = re.compile(
    rf"{alternation(CUES.wechat_repost)}\s*(?P<acct>.+?)\s*"
    r"(?:\bauthor\b\s*(?P<author>.+?))?\s*$",
    re.IGNORECASE,
)


_POST_HEAD = re.compile(
    r"^\s*(?:文\s*/\s*|作者\s*[:：]\s*)?"
    r"(?P<names>(?:[\u4e00-\u9fff·]{2,5}\s*[,，、\s]\s*){0,5}[\u4e00-\u9fff·]{2,5}?)(?:等)?\s+"
    r"(?P<acct>[^\s\d][^\s]{1,24})(?:\s+(?P<date>(?:19|20)\d\d-\d{1,2}-\d{1,2})"
    r"(?:\s+\d{1,2}:\d{2})?(?:\s+\S{1,8})?)?\s*$"
)
# the ending of an outlet's name: a byline's outlet without a day (田瑞颖 中国科学报)
_OUTLET_END = re.compile(rf"{_ENDS}$")


def post_header(line: str) -> list[Hit]:
    """``李松林,杨爽 比较教育研究 2022-04-24``: a post's authors, account and date."""
    m = _POST_HEAD.match(line)
    if not m or len(line) > 80:
        return []
    from .bylines import looks_like_person

    names = [n for n in re.split(r"[,，、\s]+", m["names"]) if n]
    if not names or not all(looks_like_person(n) for n in names) or looks_like_person(m["acct"]):
        return []
    if not m["date"] and not _OUTLET_END.search(m["acct"]):
        return []  # without a day, only an outlet's name makes the line a post's header
    return [Hit("wechat", 0, len(line.rstrip()), m["acct"], authors=tuple(names), date=m["date"])]


# 新加坡“亲生物城市”规划建设经验 | 科技导报: a page's title and its outlet after a bar
_PAGE_TITLE = re.compile(
    r"^\s*(?P<title>[^|｜丨]{6,60}?)\s+[|｜丨]\s*"
    rf"(?P<name>[\u4e00-\u9fffA-Za-z]{{2,10}}?{_ENDS})\s*$"
)


def page_title(line: str) -> list[Hit]:
    """``标题 | 科技导报``: a headline as a web page titles it, with its outlet after a bar."""
    if len(line) > 80 or ("|" not in line and "｜" not in line and "丨" not in line):
        return []
    m = _PAGE_TITLE.match(line)
    if not m:
        return []
    return [Hit("page-title", m.start("name"), m.end("name"), m["name"], title=m["title"])]


def wechat_header(line: str) -> list[Hit]:
    """``原创 张三 新京报 2024-03-01``; ``The following article is from 新京报 Author 张三``."""
    if "原创" not in line and "from" not in line and "来源于" not in line:
        return []
    m = _WECHAT_HEAD.match(line)
    if m:
        authors = (m["author"],) if m["author"] else ()
        return [Hit("wechat", 0, len(line.rstrip()), m["acct"], authors=authors, date=m["date"])]
    m = _ARTICLE_FROM.search(line)
    if m and len(line) < 120:
        authors = tuple(m["author"].split()) if m["author"] else ()
        return [Hit("wechat", m.start(), len(line.rstrip()), m["acct"], authors=authors)]
    return []


_REPORTED = re.compile(
    rf"^\s*据\s*(?P<name>《[^《》]{{1,30}}》|[\u4e00-\u9fffA-Za-z]{{2,16}}?)\s*"
    rf"(?P<date>{_MONTH_DAY})?\s*(?:消息|报道|微信公众号消息)"
)


def reported_by(line: str) -> list[Hit]:
    """``据新华社3月5日消息，…``, ``据《人民日报》报道``: a report that opens with its source."""
    if "据" not in line[:4]:
        return []
    return [
        Hit("reported", m.start(), m.end(), m["name"], date=m["date"])
        for m in [_REPORTED.match(line)]
        if m
    ]


_URL_LINE = re.compile(
    r"^\s*(?:本文链接|原文链接|原文地址|链接地址为?|网址|链接|转自|.{0,12}本文链接)?\s*[:：]?\s*"
    r"(?P<url>(?:https?://|www\.)[^\s（）()<>\"“”]+)\s*$"
)


def url_line(line: str) -> list[Hit]:
    """A line that holds nothing but a URL (possibly labelled ``本文链接：``)."""
    if "http" not in line and "www." not in line:
        return []
    m = _URL_LINE.match(line)
    return [Hit("url", m.start("url"), m.end("url"), m["url"])] if m else []


_SPEECH_NOTE = re.compile(
    r"[（(]\s*(?P<phrase>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^（）()]{2,120}?"
    r"(?:上|时|中)的\s*(?:讲话|报告|发言|致辞|演讲)(?:摘要|节选|要点)?)\s*[）)]"
)


def speech_note(line: str) -> list[Hit]:
    """``（2018年3月20日在十三届全国人大一次会议上的讲话）``."""
    if "日在" not in line:
        return []
    return [Hit("speech", m.start(), m.end(), m["phrase"]) for m in _SPEECH_NOTE.finditer(line)]


_REPORTER = re.compile(
    r"^\s*(?:采写\s*[:：]|文\s*/|图\s*/)?\s*(?P<pre>(?:[\u4e00-\u9fff]{2,4}[ \t、，,]+){1,4})?"
    r"(?P<name>[\u4e00-\u9fff·]{2,12}?)(?:见习|特约|特派)?记者\s*\S|"
    r"^\s*(?P<paper>[\u4e00-\u9fff]{2,6}?)讯\s*[（(]\s*记者"
)


# 特派记者, 驻京记者: a reporter's rank, not an organisation
_RANKS = ("特派", "特约", "见习", "驻站", "常驻", "实习", "首席", "资深")


# 本报记者陆珂报道:… opening a long lead: the paper's reporters, then the text
_REPORTED_LEAD = re.compile(
    r"^\s*(?P<paper>本报|[\u4e00-\u9fff]{2,8}?报)(?:特派|驻[\u4e00-\u9fff]{1,4})?记者\s*"
    r"(?P<who>[\u4e00-\u9fff·]{2,4}(?:[、\s]+[\u4e00-\u9fff·]{2,4}){0,3})\s*报道\s*[:：]"
)


def reporter_byline(line: str) -> list[Hit]:
    """``中新社记者 贾天勇 摄``, ``采写：南都记者 余毅菁``, ``新京报讯（记者梁薇薇）``,
    ``本报记者陆珂报道:`` opening a lead."""
    lead = _REPORTED_LEAD.match(line) if "报道" in line[:40] else None
    if lead:
        names = tuple(n for n in re.split(r"[、\s]+", lead["who"]) if n)
        return [Hit("reporter", lead.start(), lead.end(), lead["paper"], authors=names)]
    if len(line) > 40:
        return []
    m = _REPORTER.match(line)
    if not m or len(line) > 40 or line.rstrip().endswith("摄"):
        return []  # a photo credit (新华社记者 鞠 鹏 摄) does not attribute the text
    if (m["name"] or "").endswith(_RANKS):
        return []  # 特派记者: a rank, no source
    rest = line[m.start("name") if m["name"] else m.start() :]
    if m["pre"] and not _pre_names(m["pre"]):
        return []  # words before the reporter that are no names: a sentence
    if not _reporters(rest):
        return []  # 外交部发言人答记者问: no reporter named, so no byline
    return [
        Hit(
            "reporter",
            m.start(),
            len(line.rstrip()),
            (m["name"] or m["paper"]).strip("·"),
            authors=_pre_names(m["pre"]) + _reporters(rest),
        )
    ]


def _pre_names(text: str | None) -> tuple[str, ...]:
    """``郑欣宜 中青报·中青网记者 宋宝颖``: a co-author named before the paper's reporter."""
    if not text:
        return ()
    from .bylines import looks_like_person

    names = [n for n in re.split(r"[ \t、，,]+", text) if n]
    return tuple(names) if all(looks_like_person(n) for n in names) else ()


_NEWS_FLASH = re.compile(
    r"^\s*(?P<name>[\u4e00-\u9fffA-Za-z]{2,10}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:消息|讯)"
)


# 央視網消息(新聞聯播):, 新华网消息： a site opening its own report, without a day
_SITE_NEWS = re.compile(
    rf"^\s*(?P<name>[\u4e00-\u9fff]{{1,8}}?{_ENDS})消息\s*"
    r"(?:[（(][^（）()]{1,12}[）)])?\s*[:：]"
)
# …此外，今年我们的空间站将进入建造阶段。(人民日报): a paragraph closed by its outlet
_CLOSING_OUTLET = re.compile(
    r"[。！？!?”」]\s*[（(]\s*"
    rf"(?P<name>[\u4e00-\u9fff]{{2,10}}?{_ENDS})\s*[）)]\s*$"
)


def news_flash(line: str) -> list[Hit]:
    """``IT之家9月30日消息``, ``央視網消息:``: a site or paper opening its own report;
    ``…。(人民日报)``: a paragraph closed by its outlet."""
    if "消息" in line[:16]:
        m = _SITE_NEWS.match(line)
        if m:
            return [Hit("news-flash", m.start(), m.end("name"), m["name"])]
    if line.rstrip().endswith((")", "）")):
        c = _CLOSING_OUTLET.search(line)
        if c:
            return [Hit("dated-source", c.start("name") - 1, len(line.rstrip()), c["name"])]
    if "日" not in line:
        return []
    m = _NEWS_FLASH.match(line)
    return [Hit("news-flash", m.start(), m.end(), m["name"])] if m else []


_PUBLISHED_IN = re.compile(
    r"(?P<date>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*出版的\s*(?P<name>《[^《》]{1,30}》)"
)


def published_in(line: str) -> list[Hit]:
    """``2020年1月1日出版的《求是》杂志发表…``."""
    if "出版的" not in line:
        return []
    return [
        Hit("published-in", m.start(), m.end(), (m["date"] or "") + m["name"])
        for m in _PUBLISHED_IN.finditer(line)
    ]


_CITED_FROM = re.compile(
    r"[，,。；;]\s*(?:摘自|选自|节选自|原载于?|转自|引自)\s*(?P<phrase>《[^《》]{1,40}》[^（）()]{0,30})$"
)


def cited_from(line: str) -> list[Hit]:
    """``——《当前工作中需要注意的几个问题》（2014年10月23日），摘自《…论述摘编》``."""
    if "《" not in line:
        return []
    m = _CITED_FROM.search(line.rstrip())
    return [Hit("cited-from", m.start() + 1, m.end(), m["phrase"])] if m else []


#: the forms in priority order: the first that finds something in a line wins that stretch
FORMS: tuple[Callable[[str], list[Hit]], ...] = (
    site_header,
    url_line,
    speech_note,
    reprinted_in,
    bracketed,
    dated_title,
    dated_source,
    quoted_dated,
    date_page,
    journal_line,
    journal_cite,
    bare_source,
    ditto,
    dated_name,
    bracketed_outlet,
    timed_outlet,
    publication_line,
    dashed_outlet,
    reprinted_by,
    agency_dateline,
    wechat_header,
    post_header,
    page_title,
    english_dateline,
    english_outlet_line,
    english_source,
    reported_by,
    news_flash,
    published_in,
    leading_keyword,
    cited_from,
    keyword_colon,
    reporter_byline,
)


def find_hits(line: str) -> list[Hit]:
    """All attributions in ``line`` (folded), in order, without overlaps."""
    hits: list[Hit] = []
    for form in FORMS:
        found = form(line)
        if not found:
            continue
        if hits:
            taken = sorted((h.start, h.end) for h in hits)
            found = [h for h in found if not _overlaps(taken, h)]
        hits.extend(found)
        if hits and form is url_line:
            break
    hits.sort(key=lambda h: h.start)
    return [h if len(h.phrase) <= MAX_PHRASE else _cut(h) for h in hits]


def _overlaps(taken: list[tuple[int, int]], h: Hit) -> bool:
    i = bisect.bisect_left(taken, (h.end, -1))
    return i > 0 and taken[i - 1][1] > h.start


def _cut(h: Hit) -> Hit:
    return Hit(
        h.form, h.start, h.end, h.phrase[:MAX_PHRASE], h.open, h.authors, h.note, h.date, h.title
    )
