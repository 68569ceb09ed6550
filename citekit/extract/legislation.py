"""Documents cited by title and number: ``《关于…的指导意见》（发改地区〔2017〕922号）``.

Consumes the document text; produces :class:`DocRef` values (title, 文号, issuing body when the
sentence names it, offsets). Policy documents cited by title alone (``《关于…的若干意见》``) are
found too, without a number. CSL type ``legislation`` (GB/T 7714 has no separate code for
government documents; CSL maps ``number`` and ``authority`` for them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import clean_title

__all__ = ["POLICY_END", "POLICY_GENRES", "DocRef", "dedupe", "find_docrefs"]

# 国发〔2016〕51号; a decree's number: 省政府令第225号
_NUMBER = (
    r"(?:[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号|"
    r"[\u4e00-\u9fff]{1,12}令\s*第\s*\d{1,4}\s*号)"
)
_TITLED = re.compile(rf"《(?P<title>[^《》\n]{{4,80}}?)》\s*[（(]\s*(?P<number>{_NUMBER})\s*[）)]")
_BARE_NUMBER = re.compile(rf"[（(]\s*(?P<number>{_NUMBER})\s*[）)]")
#: the last two characters of a policy document's title
POLICY_GENRES = frozenset(
    ["意见", "通知", "决定", "办法", "规定", "方案", "规划", "纲要", "细则", "条例", "批复", "法典"]
)
# laws are cited by title alone: 《中华人民共和国预算法》
_GENRE = "(?:" + "|".join(sorted(POLICY_GENRES)) + "|(?<=[\u4e00-\u9fff])法)"
# 《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》, 《…条例（草案）》
_POLICY_TITLE = re.compile(
    rf"《(?P<title>[^《》\n]{{2,70}}?{_GENRE}(?:[（(][^（）()《》\n]{{1,16}}[）)])*)》"
)
#: the end of a policy title just before a closing 》 (a cheap check before the full pattern)
POLICY_END = re.compile(rf"{_GENRE}(?:[（(][^（）()《》\n]{{0,16}}[）)]*)*$")
#: shorter titles are back-references (《条例》, 《管理办法》), not citations
_MIN_TITLE = 6
_ISSUER = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,20}?)(?:等[\u4e00-\u9fff]{0,4})?(?:联合)?"
    r"(?:出台|印发|发布|制定|颁布|下发)了?\s*$"
)
_ORG = re.compile(r"(?:委员会|委|部|院|厅|局|办|办公室|政府|中心|总局|署|会|部门)$")
_LEADING_TIME = re.compile(r"^.*?(?:\d{4}\s*年|近日|日前|此前|今年|去年)[，,]?")


@dataclass(frozen=True, slots=True)
class DocRef:
    """A cited document: offsets in the (newline-free) text it was found in."""

    title: str | None
    number: str | None
    authority: str | None
    start: int
    end: int


def _issuer(before: str) -> str | None:
    """``2017年，国家发改委等八部委联合出台`` -> 国家发改委."""
    sentence = re.split(r"[。；！？]", before)[-1]
    sentence = sentence.split("，")[-1] if "，" in sentence else sentence
    m = _ISSUER.search(sentence[-16:])
    if not m:
        return None
    who = _LEADING_TIME.sub("", m["who"])
    if not _ORG.search(who) or who.startswith(("我", "本", "该")):
        return None  # 我省出台了: a pronoun, not a named body
    return who


def find_docrefs(text: str) -> list[DocRef]:
    """Document references in ``text`` (lines already joined), in order, without overlaps."""
    out: list[DocRef] = []
    taken: list[tuple[int, int]] = []
    for m in _TITLED.finditer(text):
        out.append(
            DocRef(
                m["title"],
                re.sub(r"\s+", "", m["number"]),
                _issuer(text[max(0, m.start() - 60) : m.start()]),
                m.start(),
                m.end(),
            )
        )
        taken.append(m.span())
    for m in _BARE_NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(DocRef(None, re.sub(r"\s+", "", m["number"]), None, m.start(), m.end()))
        taken.append(m.span())
    for m in _POLICY_TITLE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if (
            len(clean_title(m["title"])) < _MIN_TITLE
            or "简称" in text[max(0, m.start() - 4) : m.start()]
        ):
            continue
        out.append(
            DocRef(
                m["title"],
                None,
                _issuer(text[max(0, m.start() - 60) : m.start()]),
                m.start(),
                m.end(),
            )
        )
        taken.append(m.span())
    out.sort(key=lambda d: d.start)
    return out


def dedupe(refs: list[DocRef]) -> list[DocRef]:
    """Keep the first mention of each document (by title, else by number)."""
    seen: set[str] = set()
    out = []
    for ref in refs:
        keys = {k for k in (ref.title and clean_title(ref.title), ref.number) if k}
        if keys & seen:
            continue
        seen |= keys
        out.append(ref)
    return out
