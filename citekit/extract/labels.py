"""Column and genre labels printed around a headline, which are not part of its title.

Consumes a title as found (``特稿:中国战“疫”五字诀``, ``(近观中国)世界向何处去?``,
``《瞭望》:钱学森的成就与忧虑``, ``专访…的决心丨香港一线``, ``…评价优化研究【2019.5期】``);
produces the title without the label. Labels are a column word declared in ``cues.yaml``
(``column_label``), an outlet named before a colon (``中国青年报:``), a short bracketed tag
opening the headline, a short series tag after ``丨`` closing it, or an issue tag in ``【】``.
A series name that is part of the headline itself (``韩国大选|…``) is not a declared column
and stays.

:func:`clean_container` does the same for a record's source, checked against the attribution
line it was read from (its provenance): the column or genre after an outlet dropped, names
spelled as printed, a person's name moved from container to author, a repost's day dropped.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Name, Reference
from .blockdates import drop_repost_day
from .cues import CUES, alternation
from .fold import fold_text
from .outlets import outlet_keys, outlet_names

__all__ = ["clean_container", "strip_labels", "strip_list_marks", "strip_page_chrome"]

_COLUMN = re.compile(rf"^\s*{alternation(CUES.column_label)}\s*[:：|｜丨│]\s*(?=\S)")
# a column named for its outlet before a colon: 大江时评：…, 人民网评：… (the label word last)
_NAMED_COLUMN = re.compile(
    rf"^\s*[\u4e00-\u9fff]{{1,4}}{alternation(CUES.column_label)}\s*[:：]\s*(?=\S{{4}})"
)
_OUTLET = re.compile(
    r"^\s*(?:《[^《》]{1,20}》|[\u4e00-\u9fff]{1,10}(?:报|報|网|網|社|台))\s*[:：]\s*(?=\S{4})"
)
_OPENING_TAG = re.compile(r"^\s*[（(][^（）()\d]{2,8}[）)]\s*(?=\S{4})")
_BAR_TAG = re.compile(r"\s*[|｜│]\s*[^丨|｜│\d\s]{2,6}$")
_CLOSING_TAG = re.compile(
    r"\s*丨\s*[^丨|｜│]{2,6}$|\s*【[^【】]{1,12}】$|"
    rf"\s+{alternation(CUES.column_label)}$"  # 增进了解…圆满成功 社论: the genre after a space
)


def strip_labels(title: str | None) -> str | None:
    """``title`` without the column labels and tags around it (unchanged when none)."""
    if not title:
        return title
    out = title
    out = _ITEM_MARK.sub("", out, count=1)  # 7. 沈国舫 | 标题: the list number first
    for pattern in (_COLUMN, _NAMED_COLUMN, _OUTLET, _OPENING_TAG):
        # matched on the folded form (評論| is 评论|), cut from the title as written
        m = pattern.match(fold_text(out))
        if m:
            out = out[m.end() :]
    closing = _CLOSING_TAG.search(fold_text(out))  # (… 社論: the label read folded)
    out = (out[: closing.start()] if closing else out).strip()
    bar = _BAR_TAG.search(out)
    if bar and bar.start() >= 10:
        # 点亮航天梦想 多地开展中国航天日活动|环球快报: a programme or site after a bar
        out = out[: bar.start()].strip()
    return out if len(out) >= 4 else title


# the number of a list item before a headline: 【二】, 【十二】, [3], 3. , 5．, # (a Markdown
# heading mark), a bullet (* , • ); a bracketed word (【Python】) is part of the headline and stays
_ITEM_MARK = re.compile(
    r"^\s*(?:[【\[［〔]\s*[一二三四五六七八九十百\d]{1,4}\s*[】\]］〕]\s*|"
    r"\d{1,3}\s*[.．]\s+(?=\D)|#{1,6}\s+|[*•▪●◆■]\s+)"
)
# a share widget or a byline's slash left at the end (… Share - WeChat, 标题 /, 标题 / 尹), a
# paper's footnote mark on its title (…策略探索*, …路径＊)
_TRAILING_FURNITURE = re.compile(
    r"(?:\s*Share\s*[-–—]\s*WeChat|\s+/(?:\s*[\u4e00-\u9fff·]{1,4})?|(?<=\S)[*＊※]+)\s*$"
)


def strip_list_marks(title: str | None) -> str | None:
    """``title`` without a list item's number before it and page furniture after it (a
    share widget, a byline's slash): never part of a work's title."""
    if not title:
        return title
    out = _TRAILING_FURNITURE.sub("", _ITEM_MARK.sub("", title, count=1)).strip()
    if _BOOK_TITLE.fullmatch(out):
        out = out[1:-1].strip()  # 《白皮书(2021)》 alone: the marks quote the title, no part of it
    return out if len(out) >= 2 else title


# a whole title in one pair of book-title marks or quotes (none inside)
_BOOK_TITLE = re.compile(r"《[^《》]{2,}》|“[^“”]{2,}”|\"[^\"]{2,}\"")


# a page's site after its title (… - 有線新聞, …_图书馆论文, …｜西东合集)
_SITE_SEP = r"\s*(?:\s[-–—|｜丨]\s*|_|[|｜丨]\s*)"
# an issue named before the title on the same line: 人民日报1963年3月29日第1版 标题
_LEADING_ISSUE = re.compile(
    r"^\s*(?:《[^《》]{2,20}》|[\u4e00-\u9fff]{2,10}(?:报|報))\s*\d{4}\s*年\s*\d{1,2}\s*月"
    r"\s*\d{1,2}\s*日\s*(?:第\s*[A-Z]?\d{1,3}\s*版)?\s*(?=\S{4})"
)
# a site's breadcrumb before the title: 首頁 > 最新 > 标题
_BREADCRUMB = re.compile(r"^(?:[^>＞\n]{1,12}\s*[>＞]\s*){1,4}(?=\S{4})")


def strip_page_chrome(title: str | None, container: str | None) -> str | None:
    """``title`` without the page furniture a web page or an archive prints around it: the
    site's name after it (when that is the record's container), a breadcrumb before it, an
    issue's name and day before it; unchanged when nothing would be left."""
    if not title:
        return title
    out = _LEADING_ISSUE.sub("", title, count=1)
    out = _BREADCRUMB.sub("", out, count=1)
    if container and len(container) >= 2:
        m = re.search(_SITE_SEP + re.escape(container) + r"\s*$", out)
        before = out[-len(container) - 1 : -len(container)]
        if m is None and out.endswith(container) and before and not _CJK.match(before):
            # 分类数据处理大全（附代码）小数志: glued to a post's title (…做客人民网 is a title)
            m = re.search(re.escape(container) + r"$", out)
        if m is not None:
            out = out[: m.start()]
    out = out.strip()
    return out if len(out) >= 4 and not out.isdigit() else title


_CJK = re.compile(r"[\u4e00-\u9fff]")


# an outlet's column after a middle dot: 澎湃新闻·私家历史, 人民论坛网·理论前沿 (人民论坛·学术前沿,
# a journal's name, has no outlet ending before the dot and stays)
_OUTLET_COLUMN = re.compile(rf"^(.{{2,}}?{CUES.outlet_end})\s*[·•・]\s*\S.*$")
# what a repost prints where its source is unknown (the record stays: its title is the work's)
_UNKNOWN = ("网络转载", "用户上传", "不详", "原刊不详", "出处不详", "来源不详")
_NO_SOURCE = frozenset(fold_text(w) for w in (*CUES.generic_source, *_UNKNOWN))


def clean_container(ref: Reference) -> Reference:
    """The source a record names, as the work's: the container without the column printed
    after its outlet (``大江网·大江新闻客户端`` -> ``大江网``); a placeholder that names no
    source (``网络转载``, ``原刊不详``) or a person's name (``信息来源:李恒``: the author, when
    the record names none) left empty, with a warning; a day that is a repost's, not the work's
    (:func:`.blockdates.drop_repost_day`); a Latin byline name read whole (``By Jiang Li |
    2025/1/22``: Jiang Li, not Jiang of an outlet Li)."""
    return drop_repost_day(_clean_name(_as_printed(_whole_latin_names(_carried_by(ref)))))


# （陈新军，载《上海海洋大学学报》2022年第31卷…）: the writers, then where the work was carried
_NAMES_THEN_CARRIED = re.compile(
    r"^\s*[（(【\[]?\s*(?P<names>[\u4e00-\u9fff·]{2,5}(?:[\s、，,]+[\u4e00-\u9fff·]{2,5}){0,3})"
    r"\s*[，,:：]\s*(?:原载于?|载于?|刊于|刊载于|发表于|原刊于?)\s*《"
)


def _carried_by(ref: Reference) -> Reference:
    """A record that names no author takes the names an attribution opens with before the
    place the work was carried (``（陈新军，载《上海海洋大学学报》…）``), when each reads as
    a person's."""
    if ref.author or not ref.provenance:
        return ref
    m = _NAMES_THEN_CARRIED.match(fold_text(ref.provenance[0].raw))
    if m is None:
        return ref
    from .bylines import looks_like_person

    raw = ref.provenance[0].raw
    names = re.split(r"[\s、，,]+", raw[m.start("names") : m.end("names")])
    if not all(looks_like_person(fold_text(n)) for n in names):
        return ref
    return ref.replace(author=tuple(Name(literal=n) for n in names))


def _as_printed(ref: Reference) -> Reference:
    """Container and Chinese author names spelled as the attribution prints them (``央視網``,
    ``黃犀`` where the line is in traditional characters, ``中国青年报`` where it is not): a
    name read from the folded text may have been taken back to the original text at another
    line that spells it the other way."""
    if not ref.provenance or (not ref.container_title and not ref.author):
        return ref
    raw = ref.provenance[0].raw
    if raw.isascii():
        return ref
    if (not ref.container_title or ref.container_title in raw) and all(
        not a.literal or a.literal in raw for a in ref.author
    ):
        return ref  # every name already as printed (the common case: no folding involved)
    compact = "".join(raw.split())
    folded = fold_text(compact)
    if len(folded) != len(compact):
        return ref

    def printed(value: str) -> str:
        if value.isascii():
            return value
        key = fold_text("".join(value.split()))
        i = folded.find(key)
        return compact[i : i + len(key)] if i >= 0 and len(key) == len(value) else value

    container = printed(ref.container_title) if ref.container_title else None
    authors = tuple(
        Name(literal=printed(a.literal)) if a.literal and not a.family else a for a in ref.author
    )
    if container == ref.container_title and authors == ref.author:
        return ref
    return ref.replace(container_title=container, author=authors)


def _whole_latin_names(ref: Reference) -> Reference:
    """A one-word Latin author whose byline goes on with capitalised words up to a bar (``By Lu
    Wenao | 2025/1/21``) is the whole name; the word is no container."""
    if not ref.provenance or "By" not in ref.provenance[0].raw:
        return ref
    raw = ref.provenance[0].raw
    authors = list(ref.author)
    container = ref.container_title
    for i, a in enumerate(authors):
        word = a.literal
        if not word or " " in word or not word.isascii():
            continue
        m = re.search(rf"\bBy\s+{re.escape(word)}((?:\s+[A-Z][a-z'’-]+){{1,2}})\s*[|｜]", raw)
        if m is None:
            continue
        rest = m[1].split()
        authors[i] = Name(literal=f"{word} {' '.join(rest)}")
        if container and container.strip() in rest:
            container = None
    if authors == list(ref.author):
        return ref
    return ref.replace(author=tuple(authors), container_title=container)


def _clean_name(ref: Reference) -> Reference:
    name = ref.container_title
    if not name:
        return ref
    if fold_text(name.strip()) in _NO_SOURCE:
        msg = f"source {name!r} names no publication: container left empty"
        return ref.replace(container_title=None, warnings=(*ref.warnings, msg))
    raws = "".join(p.raw for p in ref.provenance)
    if _is_person(name.strip()) and f"《{name.strip()}》" not in raws:
        msg = f"source {name!r} is a person's name, not a publication: container left empty"
        author = ref.author or (Name(literal=name.strip()),)
        return ref.replace(container_title=None, author=author, warnings=(*ref.warnings, msg))
    genre = _GENRE_AFTER.match(fold_text(name)) if name.endswith(_GENRES) else None
    if genre and f"《{name}》" not in "".join(p.raw for p in ref.provenance):
        # 信达证券研究报告, …第十四届学术交流会论文: the kind of work after its publisher
        name = name[: len(genre["name"])].rstrip(" ·•・")
        ref = ref.replace(container_title=name)
    label = _EN_LABEL_AFTER.search(name) if name.isascii() and " " in name else None
    if label:
        # Source: Henan Museum (english.chnmus.net)   Time: …: the next field's label
        name = name[: label.start()].strip()
        ref = ref.replace(container_title=name or None)
    m = _OUTLET_COLUMN.match(fold_text(name))
    if m:
        return ref.replace(container_title=name[: len(m[1])].strip())
    cut = _known_outlet_before_column(name)
    return ref.replace(container_title=name[:cut]) if cut else ref


# the kind of work printed after its publisher or meeting: 信达证券研究报告, 人民智库·研究报告,
# …第十四届学术交流会论文 (a name in 《》 is kept whole: 《中国发展报告》)
_GENRE_AFTER = re.compile(
    r"^(?P<name>.{2,}?(?:[·•・]|会|坛|会议|证券|研究院|研究所|智库|中心))\s*"
    r"(?:研究报告|研报|论文集?|文集)$"
)
_GENRES = ("报告", "研报", "论文", "论文集", "文集", "報告", "論文", "論文集")
# an English page's next field glued to the outlet: Henan Museum Time
_EN_LABEL_AFTER = re.compile(r"\s+(?:Time|Date|Updated|Published|Posted|Editor|Author)\s*$")


# the ending of a body's, outlet's or account's name (文旅部, 人民网, 中新社, 邢强博士): no person
_NOT_PERSON_END = re.compile(
    rf"(?:{CUES.outlet_end}|部|局|委|厅|办|院|会|府|署|处|站|所|馆|刊|中心|博士|老师|教授|"
    r"人|州|市|县|省|区|镇|村|乡|城|港|湾|家|圈|界|汇|谈|说|坛|苑)$"
)


def _is_person(name: str) -> bool:
    """A Chinese name of two or three characters starting with a common surname and ending like
    no body or outlet (``李恒``; ``文汇报``, ``高新院`` are not)."""
    from .bylines import looks_like_person

    if not 2 <= len(name) <= 3 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return False
    folded = fold_text(name)
    return (
        looks_like_person(folded)
        and folded not in outlet_names()
        and not _NOT_PERSON_END.search(folded)
        and not (len(folded) == 2 and folded[1] in _PLACE_CHARS)
    )


#: the second character of a two-character regional outlet's name (钱江, 齐鲁, 南都): no given name
_PLACE_CHARS = frozenset(
    "江河湖海山南北东西中华都京沪津渝鲁湘闽浙苏川粤桂滇黔陕晋冀豫皖赣辽吉港澳州城"
)


# what may follow an outlet's name as another outlet of the house, not a column (人民日报海外版,
# 中国日报网, 新京报客户端, 人民日报电子版)
_HOUSE_MEDIUM = re.compile(
    rf"^(?:{CUES.outlet_end}|版|海外|电子|数字|微信|官方|官网|手机|视频|App)", re.I
)
_ALL_CJK = re.compile(r"[\u4e00-\u9fff]{5,16}")


@cache
def _known_outlets() -> frozenset[str]:
    """The papers and news sites of ``data/outlets.yaml`` (a column is glued to their names;
    journals and broadcasters are left alone: 经济研究导刊, 中央广播电视总台中国之声)."""
    return frozenset(n for n in outlet_keys() if _CJK.match(n) and n.endswith(("报", "网")))


def _known_outlet_before_column(name: str) -> int | None:
    """The length of a known outlet's name that ``name`` starts with when a column is glued to
    it (``人民日報人民時評``, ``中國日報網環球在線``: 2-6 characters more, not another medium of
    the house); None otherwise."""
    if not _ALL_CJK.fullmatch(name):
        return None
    folded = fold_text(name)
    known = _known_outlets()
    if folded in known:
        return None
    for cut in range(len(folded) - 2, 1, -1):
        rest = folded[cut:]
        if len(rest) <= 6 and folded[:cut] in known and not _HOUSE_MEDIUM.match(rest):
            return cut
    return None
