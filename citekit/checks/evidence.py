"""Evidence that two records denote one work, and the verdict it supports.

Consumes two records' :class:`Features` (computed once per record, with library-wide title
statistics for genericity) and produces a :class:`Verdict`: ``duplicate`` (the same work in the
same source), ``repost`` (the same work printed by another source: a 新华社 wire in 人民日报),
``possible`` (worth a look) or ``distinct``, a calibrated score and the evidence for and against.

Nothing is a veto except what makes two works different by definition: another number or part
in the title (2022年 / 2023年, （上） / （下）), a replaced character (丽水 / 衢州), another year,
issue, 文号 or DOI, or different named authors. Everything else is weighed:

* titles: the same words; the same apart from a column tag (``特稿：``, ``【十年·中国观察】``);
  the main title without its subtitle; one contained in the other; a near spelling;
* genericity: a short, templated or often-cited title (``政府工作报告``, ``卷首语``,
  ``编者按``) counts only when the source and day, or a named author, agree too;
* source names (:mod:`~citekit.checks.sources`): the same, similar, or another source (a repost);
* dates: the same day; one day apart (a wire and its print copy); a year only;
* authors, issue/volume/number (``第12期`` = ``12`` = ``012``), URL (tracking parameters do not
  count), DOI, 文号.

The weights are log-odds; :data:`DUPLICATE_AT` and :data:`POSSIBLE_AT` are calibrated on the
real reposts in ``tests/data/dupes_real`` (``scripts/eval_dupes.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..aliases import Aliases
from ..model import Name, PartialDate, Reference
from .normalize_text import (
    TitleForms,
    doc_numbers,
    fold,
    folded_numbers,
    numbers,
    part_markers,
    replaced_chars,
    similarity,
    title_forms,
)
from .sources import SourceName, load_outlets, relate_sources, source_name

__all__ = [
    "DUPLICATE_AT",
    "POSSIBLE_AT",
    "Decision",
    "Features",
    "TitleStats",
    "Verdict",
    "compare_features",
    "features_of",
    "norm_url",
]

Decision = Literal["duplicate", "repost", "possible", "distinct"]

#: probability (0-100) from which a same-source pair is called ``duplicate``
DUPLICATE_AT = 97.0
#: probability from which a pair is reported as ``possible`` ("worth a look")
POSSIBLE_AT = 50.0
#: probability (of the same work) from which a cross-source pair is a ``repost``
REPOST_AT = 85.0
#: probability (of the same work) from which a cross-source pair is ``possible``
POSSIBLE_REPOST_AT = 70.0
#: a title contained in the other one counts from this many characters
MIN_CONTAINED = 6
_PRIOR = -3.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """How two records relate, how sure (0-100) and why (evidence for and against)."""

    decision: Decision
    score: float
    reason: str
    evidence_for: tuple[str, ...] = ()
    evidence_against: tuple[str, ...] = ()


# ------------------------------------------------------------------------------ features

_TRACKING = re.compile(
    r"^(?:utm_\w+|from|spm|share_?\w*|isappinstalled|scene|clicktime|enterid|wfr|"
    r"fbclid|gclid|s_trans|s_channel|tt_from|timestamp|ivk_sa|srcid|rsv_\w+)$",
    re.I,
)


def norm_url(url: str | None) -> str:
    """Scheme-less, ``www.``-less, lower-case host, no trailing slash, fragment or tracking
    parameters (``utm_*``, ``from=timeline``); '' for a bare site address."""
    if not url:
        return ""
    m = re.match(
        r"^\s*(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/?#\s]+)([^?#\s]*)(\?[^#\s]*)?", url, re.I
    )
    if not m:
        return ""
    host, path = m.group(1).lower(), m.group(2).rstrip("/")
    query = [q for q in (m.group(3) or "").lstrip("?").split("&") if q]
    kept = sorted(q for q in query if not _TRACKING.match(q.split("=", 1)[0]))
    if re.fullmatch(r"(?:/index\.\w+)?", path) and not kept:
        return ""
    return host + path + ("?" + "&".join(kept) if kept else "")


#: bylines that name no person: they say nothing about which work it is
_NO_PERSON = re.compile(
    r"^(?:本报|本刊|本台|本网|新华社|中新社|人民日报|央视)?(?:特约)?(?:记者|评论员|通讯员|编辑部|"
    r"评论部|编辑|综合报道|综合|供稿)$|^(?:佚名|不详|admin|编辑部|本报讯)$"
)


def _person_keys(names: Sequence[Name]) -> frozenset[str]:
    out = set()
    for n in names:
        text = n.literal or " ".join(p for p in (n.given, n.family) if p) or ""
        key = fold(text)
        if key and not _NO_PERSON.match(key):
            out.add(key)
    return frozenset(out)


def _norm_field(value: str | None) -> str:
    """Issue, volume, number: their numbers (``第12期`` = ``12`` = ``012``), else folded."""
    if not value:
        return ""
    nums = numbers(value)
    return "/".join(nums) if nums else fold(value)


_NEWS_TYPES = frozenset({"article-newspaper", "webpage", "post", "post-weblog", "broadcast"})


@dataclass(slots=True)
class Features:
    """What comparison needs of one record, computed once."""

    ref: Reference
    forms: TitleForms
    #: numbers of the title (Chinese numerals as digits, 文号 left out), sorted
    nums: tuple[str, ...]
    parts: frozenset[str]
    docnums: tuple[str, ...]
    source: SourceName | None
    issued: PartialDate | None
    #: the day as an ordinal (date.toordinal) when the date is a full date
    day: int | None
    authors: frozenset[str]
    issue: str
    volume: str
    number: str
    url: str
    doi: str
    news: bool
    #: 0 (a specific title) .. 1 (a stock phrase such as 政府工作报告); set by TitleStats
    generic: float = 0.0
    generic_why: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The folded title (empty when the record has none)."""
        return self.forms.core


def _source_of(ref: Reference) -> str:
    return ref.container_title or ref.publisher or ref.authority or ""


_PREFIXES: dict[frozenset[str], frozenset[str]] = {}


def features_of(
    ref: Reference, aliases: Aliases, cache: dict[str, SourceName | None] | None = None
) -> Features:
    """The comparison features of ``ref``."""
    raw_source = _source_of(ref)
    src: SourceName | None
    if cache is not None and raw_source in cache:
        src = cache[raw_source]
    else:
        src = source_name(raw_source, aliases) if fold(raw_source) else None
        if cache is not None:
            cache[raw_source] = src
    # One frozenset object per source: title_forms is cached on it (and its hash is kept).
    own = src.keys if src else frozenset()
    prefixes = _PREFIXES.get(own)
    if prefixes is None:
        prefixes = _PREFIXES.setdefault(own, own | _KNOWN_PREFIXES())
    title = ref.title or ""
    forms = title_forms(title, prefixes) if fold(title) else TitleForms("", "", "", "")
    issued = ref.issued if ref.issued is not None and ref.issued.is_valid else None
    day = None
    if issued is not None and issued.year and issued.month and issued.day:
        day = date(issued.year, issued.month, issued.day).toordinal()
    return Features(
        ref=ref,
        forms=forms,
        nums=folded_numbers(forms.core),
        parts=part_markers(title) if title else frozenset(),
        docnums=tuple(sorted(set(doc_numbers(title)) | set(doc_numbers(ref.number or "")))),
        source=src,
        issued=issued,
        day=day,
        authors=_person_keys(ref.author),
        issue=_norm_field(ref.issue),
        volume=_norm_field(ref.volume),
        number=_norm_field(ref.number) if not doc_numbers(ref.number or "") else "",
        url=norm_url(ref.url),
        doi=(ref.doi or "").strip().lower().removeprefix("https://doi.org/"),
        news=ref.type in _NEWS_TYPES or not ref.type or ref.type == "document",
    )


_PREFIX_CACHE: list[frozenset[str]] = []


def _KNOWN_PREFIXES() -> frozenset[str]:
    """Folded outlet names that may lead a title with a colon (``新华网：…``)."""
    if not _PREFIX_CACHE:
        _PREFIX_CACHE.append(frozenset(load_outlets().table))
    return _PREFIX_CACHE[0]


# ------------------------------------------------------------------------------ genericity

#: stock phrases: a title that is one of these (after a place, year or body) is templated
_STOCK = re.compile(
    r"(?:政府)?工作报告|统计公报|国民经济和社会发展统计公报|卷首语|编者按|编者的话|编后|社论|"
    r"评论员文章|本报评论员|新年贺词|新年献词|开幕词|闭幕词|致辞|贺词|贺信|讲话|重要讲话|发言|"
    r"公告|通告|通知|决定|意见|答记者问|早新闻|晚新闻|新闻联播|要闻|快讯|简讯|综述|前言|后记|"
    r"序言?|引言|结束语|大事记|年度报告|工作总结|目录|导读|声明|公报|倡议书|告知书|"
    r"新闻发布会|记者会|政府信息公开工作年度报告"
)
_TEMPLATE_HEAD = re.compile(
    r"^(?:\d{4}年?(?:度|版)?)?(?:[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|自治区|州|镇|乡|部|局|委|厅|院|会))?"
    r"(?:\d{4}年?(?:度)?)?(?:关于)?"
)


class TitleStats:
    """Library-wide title statistics: how often a title, or titles ending with it, occur."""

    def __init__(self, feats: Sequence[Features]) -> None:
        self.count: Counter[str] = Counter(f.title for f in feats if f.title)
        # Copies of one story share a date; a stock title recurs over the years.
        years: dict[str, set[int]] = {}
        for f in feats:
            if f.title and f.issued is not None and f.issued.year and self.count[f.title] > 2:
                years.setdefault(f.title, set()).add(f.issued.year)
        self.years = {t: len(ys) for t, ys in years.items()}
        self.ending: Counter[str] = Counter()
        for t in self.count:
            for k in range(2, min(len(t), 10)):
                self.ending[t[-k:]] += 1

    def genericity(self, f: Features) -> tuple[float, str]:
        """0..1 and why: short, a stock phrase, often cited, or the ending of many titles."""
        t = f.title
        if not t:
            return 0.0, ""
        score, why = 0.0, []
        n = len(t)
        if n <= 4:
            score, why = 0.6, ["short title"]
        elif n <= 6:
            score, why = 0.4, ["short title"]
        stock = _STOCK.fullmatch(t) or _STOCK.fullmatch(_TEMPLATE_HEAD.sub("", t, count=1))
        if stock and _STOCK.fullmatch(t):
            score, why = 1.0, ["stock title"]
        elif stock:
            score, why = max(score, 0.6), [*why, "templated title"]
        if self.ending[t] >= 3 and n <= 9:
            score, why = max(score, 0.9), [*why, f"{self.ending[t]} other titles end with it"]
        spread = self.years.get(t, 0)
        if spread >= 3:
            score = max(score, min(1.0, 0.4 + spread / 10))
            why.append(f"cited for {spread} different years")
        return score, ", ".join(dict.fromkeys(why))

    def apply(self, feats: Sequence[Features]) -> None:
        """Set every feature's ``generic`` score."""
        for f in feats:
            f.generic, f.generic_why = self.genericity(f)


# ------------------------------------------------------------------------------ comparing


def _date_gap(x: Features, y: Features) -> tuple[str, int]:
    """('same'|'adjacent'|'near'|'far'|'other-year'|'compatible'|'missing'|'none', days)."""
    a, b = x.issued, y.issued
    if a is None and b is None:
        return "none", 0
    if a is None or b is None:
        return "missing", 0
    if x.day is not None and y.day is not None:
        gap = abs(x.day - y.day)
        if gap == 0:
            return "same", 0
        if gap == 1:
            return "adjacent", 1
        if gap <= 7:
            return "near", gap
        return ("far" if a.year == b.year else "other-year"), gap
    if a.year != b.year:
        # 2023-12-31 and 2024-01 or 2024 are one or more years apart only by the calendar
        return "other-year", 365
    if a.month is not None and b.month is not None and a.month != b.month:
        # a speech of 2021-07-19 printed in the August issue: a month apart is near
        return ("near", 30) if abs(a.month - b.month) == 1 else ("far", 60)
    if (a.month, a.day) == (b.month, b.day):
        return "same", 0
    return "compatible", 0


def _norm_page(page: str) -> str:
    """``A02`` = ``A2``, ``第2版`` = ``2``."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", fold(page).removeprefix("第").removesuffix("版"))


def gap_is_same_day(x: Features, y: Features) -> bool:
    """Both dated to the same day."""
    return x.day is not None and x.day == y.day


def _replaced(a: str, b: str) -> list[tuple[str, str]]:
    return replaced_chars(a, b)


@dataclass(slots=True)
class _Tally:
    score: float = _PRIOR
    pro: list[str] = field(default_factory=list)
    con: list[str] = field(default_factory=list)
    veto: bool = False

    def add(self, weight: float, why: str) -> None:
        self.score += weight
        if why:
            (self.pro if weight > 0 else self.con).append(why)

    def block(self, why: str) -> None:
        self.veto = True
        self.score -= 8.0
        self.con.append(why)


def _title_evidence(x: Features, y: Features, t: _Tally) -> float:
    """Add the title evidence; returns its strength (0 none .. 6 the same words)."""
    fx, fy = x.forms, y.forms
    contained = any(
        len(a) >= MIN_CONTAINED and a in b
        for a, b in ((fx.core, fy.core), (fy.core, fx.core), (fx.main, fy.core), (fy.main, fx.core))
    )
    if fx.full == fy.full:
        strength, why = 6.0, "same title"
        if x.ref.title != y.ref.title:
            why += " after normalization (width, punctuation, spacing, script or numerals)"
    elif fx.core == fy.core:
        strength, why = 5.5, "same title apart from a column tag"
    elif fx.core in (fy.main,) or fy.core in (fx.main,):
        strength, why = 4.5, "same main title; the subtitle is in one only"
    elif fx.main == fy.main and len(fx.main) >= MIN_CONTAINED:
        strength, why = 1.0, "same main title"
        t.add(-2.5, "different subtitles")
    else:
        ratio = similarity(fx.core, fy.core)
        if contained:
            strength, why = 3.5, "one title contains the other"
        elif ratio >= 80:
            strength, why = 1.0 + (ratio - 80) / 20 * 3, f"similar titles ({ratio:.0f}%)"
        else:
            t.add(-6.0, f"titles differ ({ratio:.0f}% alike)")
            return 0.0
    t.add(strength, why)
    # What makes look-alikes different works.
    if x.parts != y.parts:
        shown = " vs ".join("/".join(sorted(p)) or "-" for p in (x.parts, y.parts))
        t.block(f"titles name different parts: {shown}")
    if x.nums != y.nums:
        # Words added around a title (a subtitle) may bring numbers of their own.
        ns, nl = sorted((x.nums, y.nums), key=len)
        if not (contained and not Counter(ns) - Counter(nl)):
            only_x = "/".join(sorted((Counter(x.nums) - Counter(y.nums)).elements())) or "-"
            only_y = "/".join(sorted((Counter(y.nums) - Counter(x.nums)).elements())) or "-"
            t.block(f"titles differ in a number: {only_x} vs {only_y}")
    if strength < 5.5:
        a, b = (fx.core, fy.core) if len(fx.core) == len(fy.core) else (fx.main, fy.main)
        replaced = _replaced(a, b) if a != b and abs(len(a) - len(b)) <= 2 else []
        if replaced and len(replaced) <= 3:
            shown = ", ".join(f"{p}/{q}" for p, q in replaced)
            t.block(f"titles differ in {len(replaced)} character(s): {shown}")
    if x.docnums and y.docnums:
        if x.docnums == y.docnums:
            t.add(4.0, f"same document number {x.docnums[0]}")
        else:
            t.block(f"different document numbers: {x.docnums[0]} vs {y.docnums[0]}")
    return strength


def _common_authors(a: frozenset[str], b: frozenset[str]) -> list[str]:
    """Names in both lists; a body's name may be shortened (国务院新闻办公室 in
    中华人民共和国国务院新闻办公室)."""
    out = sorted(a & b)
    for x in a - b:
        for y in b - a:
            short, long_ = sorted((x, y), key=len)
            if len(short) >= 4 and short in long_:
                out.append(short)
    return out


def _sigmoid(v: float) -> float:
    return 100.0 / (1.0 + math.exp(-v))


def _reason(t: _Tally, head: str = "") -> str:
    parts = [head] if head else []
    if t.pro:
        parts.append("for: " + "; ".join(t.pro))
    if t.con:
        parts.append("against: " + "; ".join(t.con))
    return " — ".join(parts)


def compare_features(x: Features, y: Features) -> Verdict:
    """Judge two records (symmetric: the same verdict whichever comes first)."""
    if x.ref.id.casefold() > y.ref.id.casefold():
        x, y = y, x
    t = _Tally()
    if x.doi and y.doi:
        if x.doi == y.doi:
            return Verdict("duplicate", 100.0, f"for: same DOI {x.doi}", (f"same DOI {x.doi}",))
        t.block(f"different DOIs {x.doi} vs {y.doi}")
    same_url = bool(x.url) and x.url == y.url
    if same_url:
        t.add(7.0, f"same URL {x.url}")
    elif x.url and y.url and x.url.split("/")[0] == y.url.split("/")[0]:
        t.add(-0.5, "other URLs on the same site")

    if not x.title or not y.title:
        if same_url and not (x.title or y.title):
            return Verdict("duplicate", 100.0, f"for: same URL {x.url}", (f"same URL {x.url}",))
        gap, _ = _date_gap(x, y)
        rel = relate_sources(x.source, y.source) if x.source and y.source else None
        if gap == "same" and rel is not None and rel.relation == "same" and x.day is not None:
            missing = "no titles" if not (x.title or y.title) else "a title is missing"
            shown = x.source.shown if x.source else ""
            return Verdict(
                "possible",
                0.0,
                f"{missing}; same source and day: {shown} {x.issued}",
                ("same source and day",),
                (missing,),
            )
        return Verdict("distinct", 0.0, "a title is missing")

    strength = _title_evidence(x, y, t)
    if strength == 0.0 and not same_url:
        return Verdict(
            "distinct", round(_sigmoid(t.score), 1), _reason(t), tuple(t.pro), tuple(t.con)
        )
    if x.ref.page and y.ref.page and gap_is_same_day(x, y):
        if _norm_page(x.ref.page) == _norm_page(y.ref.page):
            t.add(1.0, f"same page {x.ref.page}")
        else:
            t.block(f"other pages of the same day: {x.ref.page} vs {y.ref.page}")

    # Authors: different named authors are different works (unless overwhelming evidence).
    if x.authors and y.authors:
        common = _common_authors(x.authors, y.authors)
        if common:
            t.add(2.0, "same author " + "/".join(common[:2]))
        else:
            t.add(
                -6.0,
                "different authors "
                + " vs ".join("/".join(sorted(a)[:2]) for a in (x.authors, y.authors)),
            )
    # Issue, volume, number.
    for attr, label in (("issue", "issue"), ("volume", "volume"), ("number", "number")):
        va, vb = getattr(x, attr), getattr(y, attr)
        if va and vb:
            if va == vb:
                t.add(1.0, f"same {label}")
            else:
                t.block(f"another {label}: {getattr(x.ref, attr)} vs {getattr(y.ref, attr)}")

    # Dates.
    gap, days = _date_gap(x, y)
    news = x.news and y.news
    date_pro = {
        "same": (1.5, "same day" if x.day else "same date"),
        "compatible": (0.3, f"dates {x.issued} and {y.issued} agree"),
    }
    if gap in date_pro:
        t.add(*date_pro[gap])
    elif gap == "adjacent":
        t.add(0.3 if news else -1.5, f"dated one day apart ({x.issued} / {y.issued})")
    elif gap == "near":
        t.add(
            -2.0,
            f"dates {days} days apart"
            if days < 30
            else f"dates a month apart ({x.issued} / {y.issued})",
        )
    elif gap == "far":
        t.add(-4.5, f"dates differ: {x.issued} vs {y.issued}")
    elif gap == "other-year":
        t.block(f"another year: {x.issued} vs {y.issued}")
    elif gap == "missing":
        t.add(-0.5, f"only one has a date ({x.issued or y.issued})")

    # Source names.
    rel = relate_sources(x.source, y.source) if x.source and y.source else None
    corroborated = (
        bool(_common_authors(x.authors, y.authors))
        or same_url
        or bool(x.docnums and x.docnums == y.docnums)
    )
    if rel is not None and rel.relation == "same" and gap == "same":
        corroborated = True

    # A generic title (政府工作报告, 卷首语) means little unless something else agrees.
    generic = max(x.generic, y.generic)
    if generic > 0 and not corroborated:
        penalty = strength * 0.9 * generic
        why = x.generic_why if x.generic >= y.generic else y.generic_why
        t.add(-penalty, f"generic title ({why})")

    work = t.score
    if rel is None or rel.relation == "unknown":
        if rel is not None:
            t.add(-1.0, f"source names in two scripts ({rel.why})")
        elif x.source or y.source:
            t.add(-1.0, "only one names its source")
        prob = _sigmoid(t.score)
        decision: Decision = "possible" if prob >= POSSIBLE_AT and not t.veto else "distinct"
        if (
            prob >= DUPLICATE_AT
            and not t.veto
            and rel is None
            and not (x.source or y.source)
            and strength >= 5.5
        ):
            decision = "duplicate"
        return Verdict(decision, round(prob, 1), _reason(t), tuple(t.pro), tuple(t.con))

    if rel.relation == "same":
        t.add(1.5, "same source" + (f" ({rel.why})" if rel.why else ""))
    elif rel.relation == "similar":
        t.add(0.5, rel.why)
    else:
        # Another source: the same work there is a repost, not a duplicate.
        prob = _sigmoid(work + 1.0)
        t.con.append(f"another source: {rel.why}")
        close = gap in ("same", "adjacent", "near", "compatible", "missing", "none")
        if prob >= REPOST_AT and not t.veto and close and strength >= 3.5:
            return Verdict(
                "repost",
                round(prob, 1),
                _reason(t, "the same work in another source"),
                tuple(t.pro),
                tuple(t.con),
            )
        decision = "possible" if prob >= POSSIBLE_REPOST_AT and not t.veto and close else "distinct"
        return Verdict(decision, round(prob, 1), _reason(t), tuple(t.pro), tuple(t.con))

    prob = _sigmoid(t.score)
    # A stock title in one source on one day may still be two pieces (two 编者按 on two
    # pages): a duplicate only when an author, the page, the URL or a 文号 agrees too.
    pinned = (
        bool(_common_authors(x.authors, y.authors))
        or same_url
        or any(w.startswith(("same page", "same document number")) for w in t.pro)
    )
    if generic >= 0.8 and not pinned:
        prob = min(prob, DUPLICATE_AT - 1.0)
        t.con.append("a generic title needs an author, page or URL to be a duplicate")
    if t.veto or prob < POSSIBLE_AT:
        decision = "distinct"
    elif prob >= DUPLICATE_AT and (
        (gap in ("same", "none", "compatible") and strength >= 4.5)
        or (gap == "same" and strength >= 3.5 and _common_authors(x.authors, y.authors))
        # a wire dated the day before its print copy: only a long, specific, identical title
        or (gap == "adjacent" and strength >= 5.5 and generic == 0 and len(x.title) >= 12)
    ):
        decision = "duplicate"
    else:
        decision = "possible"
    return Verdict(decision, round(prob, 1), _reason(t), tuple(t.pro), tuple(t.con))
