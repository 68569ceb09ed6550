"""Where an attribution's article is: its title (above or below, same block) and header lines.

Consumes the line roles (:class:`~.layout.Roles`), the attribution's line span and the last
line of the previous article; produces a :class:`Placement`: the title (wrapped lines and
stacked decks joined), where it sat relative to the attribution (``same-line``, ``head``: the
attribution is a header under the title, ``tail``: it closes the article), the header lines
around the attribution (their dates and bylines belong to the record) and the evidence.

Never takes the bulletin's masthead, a section heading, a byline, a header field or a line of
the neighbouring article: a head title is the nearest title-like line above the header lines;
a tail title is the first heading block after the previous article (:func:`.headings.find_heading`);
failing both, the first line of the attribution's own block when the rest of the block is
running text or header lines (``block-first-line``), or, for a source line that opens a block,
the title block right under it (``below``). A subtitle found alone (``——…``) is joined to the
main title on the line above it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import linemodel
from .blockdates import date_line_outlet
from .cues import Role
from .fold import fold_text
from .headings import WRAP_WIDTH, Heading, find_heading, is_heading_like
from .layout import Roles, is_header_field
from .text import clean_title, display_length

__all__ = ["Placement", "place_title", "quoted_title"]

#: how far a head title may sit above its attribution (header lines in between)
_MAX_HEADER = 8
#: how many title lines (decks) may be stacked
_MAX_DECKS = 3
#: how far above an attribution its article's title is looked for (tail)
MAX_ARTICLE_LINES = 800


@dataclass(frozen=True, slots=True)
class Placement:
    """The title found for an attribution, where it was, and the header lines around it."""

    title: str | None
    start: int
    end: int
    position: str
    #: header lines next to the attribution (dates, bylines, other fields), in order
    header: tuple[int, ...]
    evidence: tuple[str, ...]


def _head_title(roles: Roles, top: int, boundary: int) -> tuple[int, int] | None:
    """The title block ending at line ``top``: stacked title lines without blank lines between
    (decks: 引题, 主题, 副题 of a Chinese paper; an English headline's deck is a subtitle and
    stays out), or a wrapped line across one blank; never a masthead or section heading."""
    if not roles.is_titlelike(top) or roles.role(top) in (Role.MASTHEAD, Role.SECTION):
        return None
    if not_a_headline(roles.text(top)):
        return None
    first = top
    k = top - 1
    decks = 1
    while k > boundary and decks < _MAX_DECKS:
        if roles.role(k) == Role.BLANK:
            break
        if not roles.is_titlelike(k) or roles.role(k) in (Role.MASTHEAD, Role.SECTION):
            break
        if not_a_deck(roles.text(k)) or _ITEM_MARK.match(roles.text(first)):
            break  # a section heading, a year, a field set over the title without a blank;
            # (【一】标题: a numbered item's headline starts there)
        first = k
        decks += 1
        k -= 1
    if first == top and len(roles.text(top)) < WRAP_WIDTH:
        # a wrapped title typeset with blank lines between: the upper line is full width
        j = top - 1
        while j > boundary and roles.role(j) == Role.BLANK:
            j -= 1
        upper = roles.text(j)
        if (
            j > boundary
            and top - j <= 2
            and len(upper) >= WRAP_WIDTH
            and not upper.isascii()  # (an English line's width says nothing of a wrap)
            and not _SENTENCE_END.search(upper)
            and roles.is_titlelike(j)
            and roles.role(j) not in (Role.MASTHEAD, Role.SECTION)
        ):
            first = j
    return first, top


# text before an attribution on its line that ends a sentence of running text (… banned for
# a continuous 10 years. (People's Daily)) or goes on from the line above (lower case first)
# a title quoted in full before its source (* "China jobs: …" (SCMP, April 28, 2023)) may be long
_QUOTED_TITLE = re.compile(r"^\W{0,3}[\"“][^\"“”]{4,}[\"”]$")
_QUOTED_WIDTH = 160
_RUNNING_ON = re.compile(r"^[a-z]|[a-z0-9%)]\.\s*$")

# a line that is only a day and a time, however written (04-22-2017 11:14 BJT, 2018/2/11 18:23)
_TIME_LINE = re.compile(
    r"^[\s\d:./\-,，年月日号时分秒()（）]*(?:\s*(?:[AP]M|BJT|GMT|UTC|CST|HKT|EST|EDT))?"
    r"[\s\d:+()（）]*$"
)


def quoted_title(prefix: str) -> bool:
    """True when the text before an attribution is a title quoted in full (``* "China jobs:
    …" (SCMP, …)``): the line's own title, whatever is printed above it."""
    return bool(_QUOTED_TITLE.search(prefix.strip()))


def is_time_line(text: str) -> bool:
    """True for a line holding only a day (and a time): a page's header, never a title."""
    return (
        bool(text.strip()) and sum(c.isdigit() for c in text) >= 4 and bool(_TIME_LINE.match(text))
    )


# a section heading in English capitals (MIND SPORTS AND THE OLYMPICS, CULTURE (EARLIER
# ITEMS), BOOKS & LIBRARIES — overseas English press…): never a headline
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9 &'’,.:/()\-]{5,}(?:\s+[—–-]\s.*)?$")
# a bulletin's item number opening a headline: 【一】, 【12】, [3]
_ITEM_MARK = re.compile(r"^\s*(?:【[一二三四五六七八九十百\d]{1,4}】|[\[［]\d{1,3}[\]］])")
# a line that is only a year, however decorated (━━ 2017年 ━━, 【2019年】)
_YEAR_ONLY = re.compile(r"^[\s━─—=*#【\[（(·•]*(?:19|20)\d\d\s*年?[\s━─—=*#】\]）)·•]*$")
# a labelled field of a page or an abstract (关键词:…, 文号：…, 来 源: 时 间:…)
_FIELD_LABEL = re.compile(
    r"^\s*(?:关键词|关键字|關鍵詞|文号|文號|发文字号|摘\s*要|来\s*源|來\s*源|时\s*间|時\s*間|"
    r"分类号|中图分类号|DOI|Keywords?)\s*[:：]",
    re.IGNORECASE,
)


# the three in one pattern: one match per line read (the title search reads many)
_NOT_A_HEADLINE = re.compile(
    f"{_YEAR_ONLY.pattern}|(?i:{_FIELD_LABEL.pattern})|{_CAPITALS.pattern}"
)


def not_a_headline(text: str) -> bool:
    """A line that is never an article's headline: a year alone, a field, English capitals."""
    return _NOT_A_HEADLINE.match(text.strip()) is not None


def not_a_deck(text: str) -> bool:
    """A line over a headline that is not its kicker deck: what is never a headline, or a
    section's word or two (其他, 非遗, 网友评论; a paper's kicker says more: 古共中央认为)."""
    s = text.strip()
    return (
        not_a_headline(s)
        or (not s.isascii() and len(s) <= _SECTION_WORD)
        or s.endswith(("？", "?", "！", "!"))  # a headline of its own (…如何?)
    )


#: the longest section heading of a word or two (a kicker is longer)
_SECTION_WORD = 4


#: lines longer than this are running text for the title search (headings are shorter;
#: a mostly Latin line counts half, so an English title may have twice as many characters)
_TITLE_LINE = 80


def _masked(roles: Roles, original: Roles, k: int) -> str:
    """A masthead or section heading reads as a paragraph end: never a title, and the title
    block after it starts fresh."""
    if roles.role(k) in (Role.MASTHEAD, Role.SECTION) and roles.is_titlelike(k):
        return "。"
    if roles.role(k) == Role.BYLINE:
        return _NOT_A_HEADING  # ends the title block above it without being one
    return original.text(k)


#: a line that no heading test accepts and that does not end a paragraph
_NOT_A_HEADING = "x。x"


# 第1版()专栏: before a title on the same line: the page's label in an archive, not the title
_PAGE_LABEL = re.compile(
    r"^\s*第\s*[A-Z]?\d{1,3}\s*版\s*(?:[(（][^()（）]*[)）])?\s*(?:专栏\s*[:：]?)?"
)
# a page's label on its own line (01版:要闻, 第3版 国际)
_PAGE_LINE = re.compile(r"^\s*第?\s*[A-Z]?\d{1,3}\s*版\s*(?:[:：]\s*\S{1,8})?\s*$")
_WINDOW = 40
#: a heading found this close to the window's top may have its real start above the window
_WINDOW_MARGIN = 6


def _tail_heading(roles: Roles, original: Roles, first: int, start: int) -> Heading | None:
    block: list[tuple[int, str]] = []
    like: list[bool] = []
    seen = roles.title_cache
    raw = original.lines.lines
    for k in range(first, start):
        got = seen.get(k)
        if got is None:
            got = seen[k] = _tail_line(roles, original, raw[k - 1].strip(), k)
        if got[0] is not None:
            block.append((k, got[0]))
            like.append(got[1])
    return find_heading(block, nearest=True, like=like)


def _tail_line(roles: Roles, original: Roles, text: str, k: int) -> tuple[str | None, bool]:
    """How line ``k`` reads in a title search: its text (None to leave it out) and whether
    it can be part of a heading."""
    if not text:
        return None, False
    n = len(text)
    if n > _TITLE_LINE:
        return text, False  # running text: no role needed to know it is no title
    if n <= 40 and is_header_field(roles.text(k)):
        # a page's date or fields line ends what is above it (read folded: 編輯: … | 時間: …)
        return "。", False
    if not_a_headline(text):
        return "。", False  # a year heading, a labelled field, a section in capitals
    if "。" in text or (n > 16 and ("，" in text or "," in text)):
        return text, False
    if not is_heading_like(text):
        return text, False
    if roles.role(k) == Role.FURNITURE:
        return None, False
    masked = _masked(roles, original, k)
    return masked, masked == text or is_heading_like(masked)


_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]\s+|[·•●○■◆▲▪]\s*)(?=\S)")


def _join(texts: list[str]) -> str:
    texts = [_LIST_NUMBER.sub("", texts[0]), *texts[1:]]  # 1. 标题: the item number of a list
    title = texts[0]
    for prev, part in itertools.pairwise(texts):
        title += part if len(prev) >= WRAP_WIDTH or part.startswith("——") else " " + part
    return clean_title(title)


#: the longest main-title line a subtitle (``——…``) may be joined to
_MAIN_TITLE = 64


def _main_title(roles: Roles, original: Roles, first: int, boundary: int) -> int | None:
    """The line right above a subtitle (``——以…为例``) that holds its main title: not blank,
    not a sentence, a header field, a byline or the bulletin's masthead (a title with a comma
    is still a title: 从…,看…的传承与转变)."""
    k = first - 1
    if k > boundary and k > 1 and roles.role(k) == Role.BLANK:
        k -= 1  # a subtitle alone can't be a title: its main title may sit over a blank line
    if k <= boundary or k < 1:
        return None
    text = original.text(k)
    if not text or display_length(text) > _MAIN_TITLE or text.endswith(_SENTENCE_ENDS):
        return None
    if roles.role(k) in (Role.MASTHEAD, Role.BYLINE, Role.FURNITURE) or is_header_field(text):
        return None
    return k


_SENTENCE_ENDS = ("。", "；", ";", "：", ":", "，", ",")


#: the longest line taken as a block's title (in Chinese characters; Latin counts half)
_BLOCK_TITLE = 64
_SENTENCE_END = re.compile(r"(?:[。！？；;]|[a-z0-9\)\]\"”’]\.)\s*[”’」』)）\"]?\s*$")


def _block_title(
    roles: Roles, original: Roles, start: int, boundary: int, header_form: bool = False
) -> int | None:
    """The first line of the block (lines without a blank between) that ends at the
    attribution on line ``start``, when it reads as a headline over running text: not a
    sentence, not a header field, a byline or another attribution, and short."""
    k = start - 1
    lowest = max(boundary + 1, start - 12)
    while k >= lowest and roles.role(k) != Role.BLANK:
        k -= 1
    first = k + 1
    if first >= start or (first == start - 1 and not header_form):
        return None  # a block of the attribution alone (or a line over a closing source)
    if k >= lowest - 1 and k > boundary and roles.role(k) != Role.BLANK:
        return None  # no block start seen
    text = original.text(first)
    if not text or display_length(text) > _BLOCK_TITLE:
        return None
    header_only = all(
        roles.role(j) in (Role.SOURCE, Role.BYLINE) or j in roles.cue_lines
        for j in range(first + 1, start)
    )
    if _SENTENCE_END.search(text) and not (header_only and text.endswith(("！", "？", "!", "?"))):
        return None  # (a headline over its page's header may ask or exclaim)
    if (
        roles.role(first) in (Role.BYLINE, Role.FURNITURE, Role.MASTHEAD)
        or first in roles.cue_lines
    ):
        return None
    if is_header_field(text) or text.startswith(
        ("（", "(", "http", "——", "[", "【", "，", ",", "、", "。", "；", "：")
    ):
        return None
    # the lines under it, up to the attribution, are running text
    body = [roles.role(j) for j in range(first + 1, start)]
    if (not body and not header_form) or not all(
        r in (Role.BODY, Role.BYLINE, Role.SOURCE) for r in body
    ):
        return None
    return first


def _title_below(roles: Roles, original: Roles, end: int) -> tuple[int, int] | None:
    """The title block right under line ``end`` (page labels and header fields skipped), when
    running text follows it: its first and last line."""
    k = end + 1
    count = roles.lines.count
    skipped = 0
    while (
        k <= count
        and skipped < 3
        and (
            roles.role(k) in (Role.FURNITURE, Role.MASTHEAD)
            or is_header_field(roles.text(k))
            or _PAGE_LINE.match(roles.text(k))
        )
    ):
        k += 1
        skipped += 1
    first = k
    while k <= count and k - first < _MAX_DECKS and roles.is_titlelike(k):
        if roles.role(k) == Role.SECTION and k == first:
            return None
        k += 1
    if k == first or k > count:
        return None
    if roles.role(k) not in (Role.BODY, Role.BYLINE) and not original.text(k).startswith("——"):
        return None
    if original.text(k).startswith("——") and k - first < _MAX_DECKS:
        k += 1  # the subtitle under it
    return first, k - 1


#: the widest line read as an account's or writer's name between a headline and its day
_NAME_LINE = 16


def _over_name_line(roles: Roles, original: Roles, up: int, boundary: int) -> int | None:
    """The headline over line ``up`` when ``up`` is a short name line right over a page's
    day (``等保测评命令——人大金仓数据库 / Sec Online / 2026-05-09``): the line above it,
    when that is a longer headline (a question or exclamation allowed, a full stop not)."""
    k = up - 1
    if k <= boundary or up + 1 > roles.lines.count:
        return None
    name, below = original.text(up), original.text(up + 1)
    if not name or display_length(name) > _NAME_LINE or _SENTENCE_END.search(name):
        return None
    if name[:1].islower():
        return None  # Hainan hosts expo / to push reading: a headline's wrapped end
    if not (is_time_line(below) or is_header_field(below)) or is_header_field(name):
        return None
    if any(c in name for c in "：:，,|丨《》“”—"):
        return None  # a subtitle, a labelled field, a quoted title: not a bare name
    head = original.text(k)
    if (
        not head
        or display_length(head) > _BLOCK_TITLE
        or display_length(head) <= display_length(name)
        or roles.role(k) in (Role.BLANK, Role.MASTHEAD, Role.SECTION, Role.BYLINE, Role.FURNITURE)
        or is_header_field(head)
        or (_SENTENCE_END.search(head) and not head.endswith(("！", "？", "!", "?")))
        or head.startswith(("（", "(", "——", "http"))
    ):
        return None
    if k - 1 > boundary and roles.role(k - 1) not in (Role.BLANK, Role.SECTION, Role.MASTHEAD):
        return None  # the headline opens its block
    return k


#: how far under its block's first line an attribution may sit and still be a header there
_HEADER_DEPTH = 3


def _shared_block(roles: Roles, start: int, boundary: int) -> int | None:
    """The first line of the block holding both the attribution on line ``start`` and the
    previous one (ending on ``boundary``), when that one was a header right under the block's
    headline (标题 / Source:CFP Published: … / body / Source: Global Times): both name the
    same article, whose title is the block's first line."""
    if boundary < 1 or start - boundary > _MAX_BLOCK:
        return None
    if any(roles.role(j) == Role.BLANK for j in range(boundary, start)):
        return None
    k = boundary - 1
    while k >= 1 and boundary - k <= _HEADER_DEPTH and roles.role(k) != Role.BLANK:
        k -= 1
    if k >= 1 and roles.role(k) != Role.BLANK:
        return None  # the previous attribution closes a longer text: no header
    return k + 1 if k + 1 < boundary else None


#: the longest block read for a headline shared by two attributions
_MAX_BLOCK = 10


def place_title(
    roles: Roles,
    original: Roles,
    start: int,
    end: int,
    prefix: str,
    boundary: int,
    header_form: bool,
) -> Placement:
    """Find the title of the article whose attribution spans lines ``start``-``end``: the
    rules' choice (:func:`place_by_rules`), weighed by the learned chooser
    (:mod:`.linemodel`) against the other lines around the attribution.

    :param original: roles over the text as written (titles are cut from it)
    :param prefix: the text before the attribution on its first line (as written)
    :param boundary: the last line of the previous article; nothing above it is looked at
    :param header_form: the attribution is a header field or dateline (it sits under a title)
    """
    placement = place_by_rules(roles, original, start, end, prefix, boundary, header_form)
    return _weighed(roles, original, start, end, boundary, placement)


def _rule_how(placement: Placement) -> str:
    if any(e.startswith("title:block-first-line") for e in placement.evidence):
        return "block"
    return placement.position


def _weighed(
    roles: Roles, original: Roles, start: int, end: int, boundary: int, placement: Placement
) -> Placement:
    """The rules' placement, or the candidate the model prefers by a clear margin; the
    model's probability of the title kept is evidence, and a low one a doubt."""
    model = linemodel.active_model()
    recorder = linemodel.active_recorder()
    how = _rule_how(placement)
    if recorder is None and (model is None or not model.weighs(how, start - placement.end)):
        return placement
    rule = (placement.start, placement.end, placement.title, how)
    cands = linemodel.candidates(roles, original, start, end, boundary, rule, _join, is_time_line)
    if recorder is not None:
        recorder.append((start, end, how, cands))
    if model is None or not model.weighs(how, start - placement.end):
        return placement
    probs = model.scores(cands)
    kept = next(
        (i for i, c in enumerate(cands) if c.rule),
        len(cands) - 1,  # (the last candidate is "no title")
    )
    best = max(range(len(cands)), key=probs.__getitem__)
    chosen = best if probs[best] - probs[kept] >= model.override_margin else kept
    p = probs[chosen]
    ev = (*placement.evidence, f"title:model({p:.2f})")
    if p < model.unsure_below:
        ev += (linemodel.UNSURE,)
    if chosen == kept:
        return Placement(
            placement.title,
            placement.start,
            placement.end,
            placement.position,
            placement.header,
            ev,
        )
    c = cands[chosen]
    if c.title is None:
        position = "none"
    elif c.first > end:
        position = "below"
    else:
        position = placement.position if placement.position in ("head", "tail") else "tail"
    return Placement(
        c.title, c.first, c.last, position, placement.header, (*ev, "title:model-choice")
    )


def place_by_rules(
    roles: Roles,
    original: Roles,
    start: int,
    end: int,
    prefix: str,
    boundary: int,
    header_form: bool,
) -> Placement:
    """The rules' title of the article whose attribution spans lines ``start``-``end``.

    :param original: roles over the text as written (titles are cut from it)
    :param prefix: the text before the attribution on its first line (as written)
    :param boundary: the last line of the previous article; nothing above it is looked at
    :param header_form: the attribution is a header field or dateline (it sits under a title)
    """
    ev: list[str] = []
    if not header_form and start == end and date_line_outlet(original.text(start)) is not None:
        header_form = True  # 腾讯新闻 2024-08-30: a page's site and day, under its title
    # header lines right above and below the attribution
    up = start - 1
    above: list[int] = []
    while (
        up > boundary
        and len(above) < _MAX_HEADER
        and (roles.is_skippable(up) or is_time_line(roles.text(up)))
    ):
        above.append(up)
        up -= 1
    down = end + 1
    below: list[int] = []
    while down <= roles.lines.count and len(below) < _MAX_HEADER and roles.is_skippable(down):
        below.append(down)
        down += 1
    header = tuple(sorted(k for k in above + below if roles.role(k) != Role.BLANK))

    p = _PAGE_LABEL.sub("", prefix.strip()).strip(" \t-—|·:：").strip()  # (　　 an indent)
    if prefix.rstrip().endswith(("，", ",", "、")):
        p = ""  # 本文是翻译文章，文章原作者 X，文章来源：…: a sentence going on, not a title
    # (a headline may ask or exclaim: ？ and ！ are allowed, a full stop is not)
    if (
        4 <= len(p) <= (_QUOTED_WIDTH if quoted_title(p) else 80)
        and not is_header_field(fold_text(p))  # (編輯: … | 時間: …: fields, read folded)
        and not any(c in p for c in "。；")
        and not _RUNNING_ON.search(p)
    ):
        ev.append("title:same-line")
        return Placement(clean_title(p), start, start, "same-line", header, tuple(ev))

    below_is_body = down <= roles.lines.count and roles.role(down) in (Role.BODY, Role.SOURCE)
    if header_form and above:
        named = _over_name_line(roles, original, up, boundary)
        if named is not None:
            # 标题 / Sec Online / 2026-05-09 / 以下文章来源于…: the short line between the
            # headline and its day names the account or writer, not a deck of the title
            ev.append(f"title:head-over-name(+{start - named})")
            return Placement(
                _join([original.text(named)]),
                named,
                named,
                "head",
                tuple(sorted({*header, up})),
                tuple(ev),
            )
    above_is_title = up > boundary and roles.is_titlelike(up)
    if above_is_title and (header_form or below_is_body or not prefix):
        span = _head_title(roles, up, boundary)
        if span is not None and (header_form or below_is_body):
            first, last = span
            if roles.text(first).isascii():
                # an English headline: the lines under it are its deck, unless one goes on in
                # lower case (Hainan hosts expo / to push reading: a wrapped headline)
                k = first
                while k < last and roles.text(k + 1)[:1].islower():
                    k += 1
                last = k
            if original.text(first).startswith("——"):
                main = _main_title(roles, original, first, boundary)
                first = main if main is not None else first
            texts = [original.text(k) for k in range(first, last + 1) if original.text(k)]
            ev.append(f"title:head(+{start - last})")
            if header_form:
                ev.append("header-form")
            return Placement(_join(texts), first, last, "head", header, tuple(ev))

    # the attribution closes its article: the title is the nearest heading block above it
    # after the boundary; a short window is tried first (most articles are short)
    first = max(boundary + 1, start - MAX_ARTICLE_LINES)
    heading = None
    # windows grow fourfold: the work is proportional to the distance to the title
    windows = [max(first, start - w) for w in (_WINDOW, 4 * _WINDOW, 16 * _WINDOW)]
    for window_first in sorted({*windows, first}, reverse=True):
        heading = _tail_heading(roles, original, window_first, start)
        if heading is not None and (
            window_first == first or heading.start_line > window_first + _WINDOW_MARGIN
        ):
            break
        heading = None
    if heading is None:
        block_first = _block_title(roles, original, start, boundary, header_form)
        shared = _shared_block(roles, start, boundary) if block_first is None else None
        if shared is not None:
            block_first = _block_title(roles, original, start, shared - 1, header_form)
            if block_first is not None:
                ev.append("title:shared-with-header-above")
        if block_first is not None:
            # no heading-shaped line: the first line of the attribution's block, when the rest
            # of the block is running text (和田博物馆开放了…文物，再现…的记忆 / body / source)
            ev.append(f"title:block-first-line(-{start - block_first})")
            return Placement(
                _join([original.text(block_first)]),
                block_first,
                block_first,
                "tail",
                header,
                tuple(ev),
            )
        # (only a line that opens a block: one closing an article has its text right above)
        opens = start - 1 <= boundary or roles.role(start - 1) == Role.BLANK
        below_title = _title_below(roles, original, end) if opens else None
        if below_title is not None:
            # nothing above: a page's header over its article (人民日报2025.12.22 / 01版:要闻 /
            # 标题 / ——副题 / body): the title under it
            first, last = below_title
            texts = [original.text(k) for k in range(first, last + 1) if original.text(k)]
            ev.append(f"title:below(+{first - end})")
            return Placement(_join(texts), first, last, "below", header, tuple(ev))
        ev.append("title:none")
        return Placement(None, 0, 0, "none", header, tuple(ev))
    ev.append(f"title:tail(-{start - heading.end_line})")
    if heading.title.startswith("——"):
        # a subtitle found alone: its main title is the line right above it
        main = _main_title(roles, original, heading.start_line, boundary)
        if main is not None:
            joined = _join([original.text(main), heading.title])
            heading = Heading(joined, main, heading.end_line, heading.section)
            ev.append("title:main-above-subtitle")
    # bylines right under a tail title belong to the article
    extra: list[int] = []
    k = heading.end_line + 1
    decks = 0
    while k < start and len(extra) < 3:
        r = roles.role(k)
        if r == Role.BYLINE or (r != Role.BLANK and is_header_field(roles.text(k))):
            extra.append(k)  # a byline, or the page's date line: the article's own header
        elif r == Role.TITLE and decks < 2 and not extra:
            decks += 1  # a subtitle (deck) between the title and its byline
        elif r != Role.BLANK:
            break
        k += 1
    return Placement(
        heading.title,
        heading.start_line,
        heading.end_line,
        "tail",
        tuple(sorted(set(header) | set(extra))),
        tuple(ev),
    )
