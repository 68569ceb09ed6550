"""Bylines: a line or phrase naming authors -> the names, roles that are not authors dropped.

Consumes folded text (``作者：张三 李四``, ``本报记者 张三 通讯员 李四``, ``文/张三``,
``记者张三、李四``, ``撰稿：祝 彦``, ``责任编辑：王五``); produces the author names in order.
Roles and their words come from :mod:`.cues` (``author``, ``not_author``): 责任编辑, 编辑,
摄影/摄, 校对 name people who are not authors, and what follows them is dropped. A two-character
name typed with a space (``祝 彦``) is one person.
"""

from __future__ import annotations

import functools
import re

from .cues import CUES, alternation
from .dates import find_dates
from .fold import fold_text

__all__ = [
    "is_byline",
    "is_name_list",
    "looks_like_person",
    "name_slot",
    "parse_byline_line",
    "parse_names_after_roles",
    "split_run",
]

_AUTHOR_ROLES = frozenset(w.casefold() for w in CUES.author)
_SINGLE = CUES.single_surnames
_DOUBLE = CUES.double_surnames
_STOP = ("发自", "报道", "报导", "摄影", "电", "讯", "综合", "整理")
_ROLE_WORDS = frozenset(w for w in CUES.author + CUES.not_author if len(w) >= 2)
# 文 and by name an author only as 文/ 文： and By at a word boundary (周博文 is a name)
_SHORT_ROLES = {
    "文": r"文(?:\s*[/／]\s*图(?=\s)|图?(?=\s*[/／:：|｜丨│]))",
    "by": r"\bby\b",
}
_ROLE = re.compile(
    r"(?P<role>"
    + alternation(tuple(w for w in CUES.author + CUES.not_author if w not in _SHORT_ROLES))[:-1]
    + "|"
    + "|".join(_SHORT_ROLES.values())
    + r"))\s*(?:[:：/／|｜丨│]\s*)?",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\s、，,；;/／╱∕|｜丨│·]+")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,8}$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]*)*$")
# a byline line is short; a line of running text merely mentioning a 记者 is not one
_MAX_BYLINE = 60
_JUNK = re.compile(alternation(CUES.junk + CUES.date_label), re.IGNORECASE)
_PAREN = re.compile(r"[（(][^（）()]{0,40}[）)]")
_ENCLOSED = re.compile(
    r"^\s*[（(〔](?P<inside>[^（）()〔〕]*(?:[（(][^（）()]*[）)][^（）()〔〕]*)*)[）)〕]\s*$"
)
# a field after an English byline: By Lu Wenao | 2025/1/21, By Mei Jia | China Daily
_EN_BAR = re.compile(r"\s*[|｜]\s*")
_PHOTO_ROLES = frozenset(("摄", "摄影", "摄像"))
_LATIN_WORD = re.compile(r"^(?:[A-Za-z][a-z-]*|[A-Z]\.)$")
# a role word not declared as one (实习生, 摄影记者): no name, the names go on after it
_ROLE_LIKE = re.compile(r"(?:记者|通讯员|实习生|评论员|撰稿人)$")
_TRAILING = re.compile(r"(?:等|摄|报道|整理|供稿|编辑)$")
# the next field of a header line glued to the names (作者:陳靖來源:原創日期:…, 作者:徐黎丽
# 杨立霞来源:《…》): a source or date label or page furniture ends them (matched folded)
_NEXT_FIELD = re.compile(
    CUES.keyword
    + "|"
    + alternation(
        tuple(
            w
            for w in (*CUES.date_label, *CUES.junk, "出处", "录入", "人气")
            if len(w) >= 2 and not w.isascii()
        )
    )
)


def _regroup(tokens: list[str]) -> list[str]:
    """Letter-spaced names (``骆 瑾 王 昕``, ``尹 海 良``): a run of three or more single
    characters is cut into names of two or three, a new name starting at a surname."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1 and "\u4e00" <= tok <= "\u9fff":
            run.append(tok)
            continue
        if len(run) >= 3:
            name = ""
            for ch in run:
                if name and (len(name) >= 3 or (len(name) >= 2 and ch in _SINGLE)):
                    out.append(name)
                    name = ""
                name += ch
            out.append(name)
        else:
            out += run
        run = []
        if tok:
            out.append(tok)
    return out


# names letter-spaced within and set apart by a wider gap: 陈 友 华　邵 文 君
_WIDE_GAP = re.compile(r"\u3000+|\s{2,}")
_SPACED_NAME = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3}")


def _close_spaced_names(text: str) -> str:
    """``陈 友 华　邵 文 君`` -> ``陈友华　邵文君`` when every group between wide gaps is one
    letter-spaced name (the gaps say where each name ends); other text unchanged."""
    groups = [g for g in _WIDE_GAP.split(text.strip()) if g]
    if len(groups) < 2 or not all(_SPACED_NAME.fullmatch(g) for g in groups):
        return text
    return "\u3000".join(g.replace(" ", "") for g in groups)


def _role(m: re.Match[str]) -> str:
    """The declared role a match names (文/图 and 文图 are 文)."""
    role = m["role"].casefold()
    return "文" if role.startswith("文") else role


def _spaced_after(text: str, tokens: list[str]) -> list[bool]:
    """For each token, whether it is Latin and followed by one plain space in ``text``."""
    out = []
    at = 0
    for tok in tokens:
        i = text.find(tok, at) if tok.isascii() else -1
        if i < 0:
            out.append(False)
            continue
        at = i + len(tok)
        out.append(text[at : at + 1] == " " and text[at + 1 : at + 2] not in (" ", ""))
    return out


# where a slash byline's reporter filed from (记者张三／北京报道, 記者呂翔禾╱台北報導): no name
_FILED_FROM = re.compile(r"\s*[/／╱∕]\s*[^/／╱∕\s]{1,8}(?:报道|报导|報導|電|电)\s*$")


def _names(text: str) -> list[str]:
    text = _FILED_FROM.sub("", text)
    tokens = _regroup([t for t in _SPLIT.split(_close_spaced_names(text).strip()) if t])
    # whether a plain space follows each Latin token (it joins the words of a Latin name)
    spaced = _spaced_after(text, tokens)
    out: list[str] = []
    latin_run = False
    i = 0
    while i < len(tokens):
        latin_run = latin_run and tokens[i].isascii()
        tok = _TRAILING.sub("", tokens[i])
        # two-character names are padded to the width of three: 祝 彦, 袁 卫
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            tok = tok + tokens[i + 1]
            i += 1
        i += 1
        if (
            tok in CUES.generic_source
            or tok in _ROLE_WORDS
            or not tok
            or _ROLE_LIKE.search(tok)
            or tok in _NOT_NAME
        ):
            continue  # 范军 辑录: the role after the name; 实习生 王五: another role
        if tok.startswith(_STOP):
            break  # 发自香港: where the reporters filed from; the names are over
        if _CJK_NAME.match(tok) and (len(tok) < 4 or "·" in tok or tok[:2] in _DOUBLE):
            out.append(tok)
        elif tok.isascii() and _LATIN_WORD.match(tok) and (tok[:1].isupper() or latin_run):
            # Latin names come as words: join a run of them into one name (Norvald H. Ryeng,
            # Chen Hui jing), up to three words; a separator between tokens ends the name
            if latin_run and out and out[-1].count(" ") < 2:
                out[-1] = out[-1] + " " + tok
            elif tok[:1].isupper():
                out.append(tok)
            else:
                break  # a lowercase word opens no name
            latin_run = spaced[i - 1]
            continue
        else:
            break  # 单位, a sentence: the names are over
    return out


# 作者简介, 作者单位: about the author, not a byline
_ABOUT = ("简介", "单位", "介绍", "信息", "简况", "照片")
_EN_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
_EN_PLACE = re.compile(r"\s+in\s+.*$|\s+(?:and|&)\s*$", re.IGNORECASE)
_EN_NAME = re.compile(r"^[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}$")


_EN_STAFF = re.compile(
    r"^(?:[A-Z][\w.-]*\s+)?(?:staff\s+)?(?:writers?|reporters?|correspondents?)\s+", re.IGNORECASE
)
_EN_TAIL = re.compile(r",\s*(?:[A-Za-z]+\s+){0,3}(?:writers?|reporters?|correspondents?)\s*$", re.I)


def _english_names(text: str) -> tuple[str, ...]:
    """``LI LEI``, ``HAN BAOYI in London and PRIME SARMIENTO in Hong Kong``,
    ``Xinhua writers Sun Jinxia and Wu Qi``, ``Wu Qi and Huang Junfeng, Chinese media writers``."""
    text = _EN_TAIL.sub("", _EN_STAFF.sub("", text.strip()))
    out = []
    for part in _EN_SPLIT.split(text.strip()):
        name = _EN_PLACE.sub("", part).strip()
        if name and _EN_NAME.match(name):
            out.append(name)
    return tuple(out)


def _before_next_field(segment: str) -> str:
    """``segment`` up to a next field's label; a word glued to the label is kept only when it
    reads as a person's name (杨立霞来源: kept; 头图来源: the label's own prefix, dropped)."""
    glued = _NEXT_FIELD.search(fold_text(segment))
    if glued is None:
        return segment
    head = segment[: glued.start()]
    if head and not head[-1].isspace() and head[-1] not in "、，,；;/|":
        words = _SPLIT.split(head)
        if words and not looks_like_person(words[-1]):
            head = head[: len(head) - len(words[-1])]
    return head


def parse_names_after_roles(
    text: str, *, bare: bool = False, credits: bool = False
) -> tuple[str, ...]:
    """Authors named in ``text`` after author roles; ``bare``: names before any role count too;
    ``credits``: the names of a photo credit closing the text (记者 王腾 摄) too."""
    whole = _ENCLOSED.match(text)
    # an attribution in brackets, whole (（…，作者左前明；…）): its inside, not an aside to drop
    text = whole["inside"] if whole else text.strip()
    # names alone in brackets (…学术交流会论文（郑力　吴曙霞　樊兆春），…): the authors
    listed = [n for g in _PAREN.finditer(text) for n in _bracketed_names(g.group(0)[1:-1])]
    text = _PAREN.sub(" ", text)
    if text.startswith(_BYLINE_MARKS):
        text, bare = text[1:], True
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " " + text[d.end :]
    names: list[str] = []
    matches = list(_ROLE.finditer(text))
    if bare and (not matches or matches[0].start() > 0):
        before = _names(text[: matches[0].start() if matches else len(text)])
        # names before any role are people only when they look like it (特派记者, 端传媒记者)
        names += before if not matches else [n for n in before if looks_like_person(n)]
    if text[:3].casefold() == "by " and text.isascii():
        return _english_names(_EN_BAR.split(text[3:])[0])  # By Lu Wenao | 2025/1/21 22:49
    matches = [m for m in matches if not text.startswith(_ABOUT, m.end("role"))]
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        credit = k + 1 < len(matches) and _role(matches[k + 1]) in _PHOTO_ROLES
        if credit and not credits and matches[k + 1].end() >= len(text.rstrip()):
            continue  # 记者 王腾 摄: the names before 摄 closing the line took the photograph
        if _role(m) in _AUTHOR_ROLES and not text[m.end() : end].rstrip().endswith("摄"):
            # 本报记者 张三 or 新华社记者张三: names right after the role
            names += _names(_before_next_field(text[m.end() : end]))
    names += listed
    seen: set[str] = set()
    return tuple(n for n in names if not (n in seen or seen.add(n)))  # type: ignore[func-returns-value]


def _bracketed_names(inside: str) -> list[str]:
    """The names of a bracket holding a list of two or more names and nothing else."""
    return _names(inside) if is_name_list(inside) else []


#: marks set before a byline (☉张国财, ■ 杨成); a byline after ■ is names only, read as people
_BYLINE_MARKS = (*CUES.byline_mark, "■")
_ROLE_ONLY = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:记者|通讯员|评论员|特约撰稿人)$")


# a desk's or reporter's byline in slashes (Taiwan and Hong Kong papers): 記者楊金城╱台南報導,
# 香港新聞組╱香港17日電, 聯合報／ 大陸中心／即時報導 — no sentence, at most three parts
_SLASH_BYLINE = re.compile(
    r"^[^\s/／╱∕。，,的]{2,12}(?:\s*[/／╱∕]\s*[^/／╱∕。，,的]{0,8}){1,2}?"
    r"(?:報導|报道|报导|電|电|專電|专电)$"
)


# the role after the names (盛卫华/文 王悦/绘): the writers, then perhaps the illustrators
_NAMES_THEN_ROLE = re.compile(
    r"^(?P<names>[\u4e00-\u9fff·]{2,5}(?:[\s、，,]+[\u4e00-\u9fff·]{2,5}){0,3})\s*[/／]\s*文"
    r"(?:\s+[\u4e00-\u9fff·]{2,5}\s*[/／]\s*[图圖绘繪摄攝])*$"
)


def _names_then_role(line: str) -> tuple[str, ...]:
    """``盛卫华/文 王悦/绘`` -> the writers (``盛卫华``), when each reads as a person."""
    m = _NAMES_THEN_ROLE.match(line.strip())
    if not m:
        return ()
    names = tuple(n for n in re.split(r"[\s、，,]+", m["names"]) if n)
    return names if all(looks_like_person(n) and not _BODY_END.search(n) for n in names) else ()


# a paper's byline: its authors and their institution in brackets (毛艳青（商丘工学院教育与现代
# 艺术学院）, 张三 李四(北京大学法学院))
_NAMES_AFFILIATION = re.compile(
    r"^(?P<names>[\u4e00-\u9fff·]{2,4}(?:\s*[\s、，,]\s*[\u4e00-\u9fff·]{2,4}){0,5})\s*"
    r"[（(][^（）()]{0,36}(?:大学|学院|研究院|研究所|研究中心|中心|学校|医院|科学院|研究会|"
    r"委员会|公司|集团|法院|检察院|图书馆|博物馆|出版社)[^（）()]{0,12}[）)]$"
)


def _names_with_affiliation(line: str) -> tuple[str, ...]:
    """``毛艳青（商丘工学院教育与现代艺术学院）`` -> the names, when each reads as a person."""
    m = _NAMES_AFFILIATION.match(line.strip())
    if not m:
        return ()
    names = tuple(n for n in re.split(r"[\s、，,]+", m["names"]) if n)
    ok = all(looks_like_person(n) and not _BODY_END.search(n) for n in names)
    return names if ok else ()


def is_byline(line: str) -> bool:
    """True for a short line that names authors with a role (作者：…, 本报记者 …, 文/…, …/文),
    a role alone (新华社记者, 本报评论员), or a desk's byline in slashes (…╱香港17日電)."""
    s = line.strip()
    if len(s) <= 30 and _names_then_role(s):
        return True
    if len(s) <= _MAX_BYLINE and _names_with_affiliation(s):
        return True
    if len(s) <= 30 and _SLASH_BYLINE.match(s):
        return True
    if s.startswith(_BYLINE_MARKS):
        # ☉张国财, □本报记者 张三: the mark says byline; names follow it, with or without a role
        rest = s[1:].strip()
        return bool(rest) and (is_byline(rest) or all(map(looks_like_person, _names(rest) or [""])))
    if _ROLE_ONLY.match(s):
        return True
    if not s or len(s) > _MAX_BYLINE or s.endswith(("。", "！", "？")):
        return False
    m = _ROLE.search(s)
    if not m or m.start() > 12 or _role(m) not in _AUTHOR_ROLES:
        return False
    if s[:3].casefold() == "by " and s.isascii():
        return bool(_english_names(_EN_BAR.split(s[3:])[0]))
    if m["role"].casefold() == "by" and not re.match(r"\s*[:：/]", s[m.end("role") :]):
        return False  # 文 and by are roles only as 文/ 文： (or By at the start of a line)
    # a photo credit (记者 王腾 摄) is set like a byline, though it names no author
    return bool(parse_names_after_roles(s, credits=True))


def parse_byline_line(line: str) -> tuple[str, ...]:
    """The authors of a byline line (empty when it is not one)."""
    if not is_byline(line):
        return ()
    return _names_then_role(line) or _names_with_affiliation(line) or parse_names_after_roles(line)


#: words of attribution lines that start like a name (原 文 时 全 are surnames): no person
_NOT_NAME = frozenset(
    [
        "原文",
        "原创",
        "原题",
        "原载",
        "原标题",
        "原作者",
        "文章",
        "文字",
        "文图",
        "全文",
        "时间",
        "时评",
        "图文",
        "图片",
        "来源",
        "出处",
        "转载",
        "转自",
        "编者",
        "译者",
        "本文",
        "本报",
        "本刊",
        "本网",
        "公众号",
        "微信",
        "网站",
        "新闻",
        "视频",
        "专题",
        "综合",
        "整理",
        "记者",
        "作者",
        "通讯员",
        "特稿",
        "评论",
        "关注",
        "推荐",
        "阅读",
        "点击",
        "分享",
        "链接",
        "地址",
        "单位",
        "简介",
    ]
)


@functools.lru_cache(maxsize=8192)
def looks_like_person(name: str) -> bool:
    """A Chinese name of 2-4 characters starting with a common surname (or a Latin name); a
    word of attribution lines that starts like one (``原文``, ``时间``) is none."""
    if name.isascii():
        return " " in name and bool(_LATIN_NAME.match(name))  # one word is no person
    name = fold_text(name)  # 陳, 張, 楊: a traditional surname is the simplified one
    if name in _NOT_NAME:
        return False
    if "·" in name:
        return True
    if name[:2] in _DOUBLE:
        return 3 <= len(name) <= 4
    return name[:1] in _SINGLE and 2 <= len(name) <= 3


# the ending of a body's or outlet's name: no person (文旅部, 人民网, 中新社)
_BODY_END = re.compile(r"(?:部|局|委|厅|办|院|会|府|署|处|网|報|报|社|站|所|馆|刊|台|中心)$")


def name_slot(tokens: list[str]) -> bool:
    """Tokens where a byline's names are expected (after a source's bar, a list under a title)
    that read as names: each two or three characters and no body's name, at least half of
    them starting with a common surname (a rare surname such as 茆 or 巨 is still a name)."""
    if not tokens or not all(_CJK_NAME.match(t) and len(t) <= 3 for t in tokens):
        return False
    if any(_BODY_END.search(t) or t in CUES.generic_source or t in _ROLE_WORDS for t in tokens):
        return False
    return 2 * sum(map(looks_like_person, tokens)) >= len(tokens)


def is_name_list(line: str) -> bool:
    """A line of names only, several of them (``方开燕、贾茹、邓志慧``, ``顾浩 周楷宸 王兰``,
    ``刘四维，茆意宏``, ``张三 李四 王五 等``)."""
    line = _ET_AL.sub("", line.strip())
    tokens = [t for t in _SPLIT.split(line) if t]
    if len(tokens) < 2 or len(tokens) > 12:
        return False
    names = _names(line)
    if not all(looks_like_person(n) for n in names) and not (
        len(names) >= 2 and all(n.count(" ") == 0 for n in names) and name_slot(names)
    ):
        return False
    # 祝 彦 joins two tokens into one name: every token must be used by a name
    return len(names) >= 2 and sum(len(n.replace(" ", "")) for n in names) == sum(
        len(t) for t in tokens
    )


# more authors than printed, closing a list: 张三 李四 等, 张三、李四等
_ET_AL = re.compile(r"(?<=[\u4e00-\u9fff])\s*等\s*$")

#: the longest run of names printed together that is worth splitting
_MAX_RUN = 24


def split_run(run: str) -> tuple[str, ...] | None:
    """Names printed without separators (``林春香李雨霞``, ``何沛苁李忠明付毅飞``) -> the names,
    when exactly one way of cutting the run into names of two or three characters starts every
    name with a common surname (a single name of two to four characters is itself); ``None``
    when no cut or several cuts do (``杨俊锋孙耀施高俊…``: not split, the caller warns)."""
    run = run.strip()
    if not run or len(run) > _MAX_RUN or not all("\u4e00" <= c <= "\u9fff" for c in run):
        return None
    if len(run) <= 3:
        return (run,) if looks_like_person(run) else None
    folded = fold_text(run)
    # ways[i]: the number of cuts of run[i:] (capped at 2) and the first name of one of them
    ways: list[tuple[int, int]] = [(0, 0)] * (len(run) + 1)
    ways[len(run)] = (1, 0)
    for i in range(len(run) - 1, -1, -1):
        count, first = 0, 0
        if folded[i] in _SINGLE:
            for size in (3, 2):
                if i + size <= len(run) and ways[i + size][0]:
                    count += ways[i + size][0]
                    first = first or size
        ways[i] = (min(count, 2), first)
    if ways[0][0] != 1:
        return None
    out: list[str] = []
    i = 0
    while i < len(run):
        size = ways[i][1]
        out.append(run[i : i + size])
        i += size
    return tuple(out)
