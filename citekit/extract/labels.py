"""Column and genre labels printed around a headline, which are not part of its title.

Consumes a title as found (``特稿:中国战“疫”五字诀``, ``(近观中国)世界向何处去?``,
``《瞭望》:钱学森的成就与忧虑``, ``专访…的决心丨香港一线``, ``…评价优化研究【2019.5期】``);
produces the title without the label. Labels are a column word declared in ``cues.yaml``
(``column_label``), an outlet named before a colon (``中国青年报:``), a short bracketed tag
opening the headline, a short series tag after ``丨`` closing it, or an issue tag in ``【】``.
A series name that is part of the headline itself (``韩国大选|…``) is not a declared column
and stays.
"""

from __future__ import annotations

import re

from .cues import CUES, alternation
from .fold import fold_text

__all__ = ["strip_labels", "strip_list_marks", "strip_page_chrome"]

_COLUMN = re.compile(rf"^\s*{alternation(CUES.column_label)}\s*[:：|｜丨│]\s*(?=\S)")
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
    for pattern in (_COLUMN, _OUTLET, _OPENING_TAG):
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
# heading mark); a bracketed word (【Python】) is part of the headline and stays
_ITEM_MARK = re.compile(
    r"^\s*(?:[【\[［〔]\s*[一二三四五六七八九十百\d]{1,4}\s*[】\]］〕]\s*|"
    r"\d{1,3}\s*[.．]\s+(?=\D)|#{1,6}\s+)"
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
    return out if len(out) >= 2 else title


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
