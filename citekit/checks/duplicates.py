"""Duplicate sources: records that denote the same article, within and across documents.

Consumes a :class:`~citekit.model.Library` (plus the container alias table and the remembered
"not a duplicate" decisions) and produces :class:`DuplicateGroup` values, each with a decision
(``duplicate`` or ``possible``), a score and a reason. Pairs judged ``distinct`` are not reported.

How two records are judged (:func:`compare_references`):

* Titles are folded (:mod:`~citekit.checks.normalize_text`): full/half width, punctuation, spaces,
  《》 and quotes, traditional/simplified characters and numerals no longer matter; Chinese
  characters are never stripped. Equal folded titles are the same words.
* Look-alikes stay apart: titles that differ in a number (2022年 vs 2023年), a part (（上）/（下）,
  （一）/（二）, 之一, 第二部分) or in any replaced character (丽水 vs 衢州) are different works,
  and so is the same title in another source (after the alias table: 浙江在线网 = 浙江在线),
  year or issue.
* Dates are compared as dates (2018-9-3 = 2018年9月3日; a year agrees with any day in it).
* Titles that differ only by added or dropped words (a subtitle, a 的), differing days, or a
  missing date or source make a pair ``possible``: a person decides, with ``citekit merge`` or
  ``citekit merge --not-duplicate``. So do two records without titles from the same source and
  day (score 0). The same DOI, or the same article URL when titles are missing, is a duplicate.

Blocking keeps the work near-linear: only records that share a folded title, its first or last
characters, a URL or a DOI are compared, and similarity runs in rapidfuzz's C code.
This module and ``normalize_text`` are the only importers of rapidfuzz and opencc.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..aliases import Aliases, load_aliases
from ..model import Library, PartialDate, Reference
from .normalize_text import fold, numbers, part_markers, to_simplified

__all__ = [
    "Decision",
    "Decisions",
    "DuplicateGroup",
    "Verdict",
    "compare_references",
    "find_duplicates",
]

Decision = Literal["duplicate", "possible", "distinct"]

#: titles whose similarity (rapidfuzz ``ratio`` on folded text, 0-100) is below this are distinct
POSSIBLE_SCORE = 80.0
#: a title contained in the other one counts as a dropped subtitle only from this many characters
MIN_CONTAINED = 6
#: length of the prefix/suffix blocking keys
_AFFIX = 5
#: larger blocks are compared within a sliding window over their sorted titles
_WINDOW_BLOCK = 200
_WINDOW = 12
#: larger sets of possible duplicates are reported pair by pair
_MAX_GROUP = 50


@dataclass(frozen=True, slots=True)
class Verdict:
    """How two records relate (``duplicate``, ``possible``, ``distinct``), how sure and why."""

    decision: Decision
    #: title similarity 0-100 (100: the same words after normalization)
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records that denote the same source (``duplicate``) or may (``possible``)."""

    ids: tuple[str, ...]
    decision: Literal["duplicate", "possible"]
    score: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        """``{"ids": [...], "decision", "score", "reason"}`` for ``--format json``."""
        return {
            "ids": list(self.ids),
            "decision": self.decision,
            "score": self.score,
            "reason": self.reason,
        }


@dataclass
class Decisions:
    """Groups of records a person declared *not* duplicates (``refs/_decisions.yaml``)."""

    distinct: list[tuple[str, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pairs = {
            frozenset((a.casefold(), b.casefold()))
            for group in self.distinct
            for a, b in combinations(group, 2)
        }

    def is_distinct(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` were declared not duplicates of each other."""
        return frozenset((a.casefold(), b.casefold())) in self._pairs

    def mark_distinct(self, ids: Sequence[str]) -> bool:
        """Remember that ``ids`` are pairwise not duplicates; False when already known."""
        new = {frozenset((a.casefold(), b.casefold())) for a, b in combinations(ids, 2)}
        if new <= self._pairs:
            return False
        self.distinct.append(tuple(ids))
        self._pairs |= new
        return True

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "_decisions.yaml") -> Decisions:
        """Read ``{"distinct": [[key, key, ...], ...]}``; raise ValueError naming ``where``."""
        groups = data.get("distinct") or []
        if not isinstance(groups, list):
            raise ValueError(f"{where}: 'distinct' must be a list of key lists")
        out: list[tuple[str, ...]] = []
        for n, group in enumerate(groups, 1):
            if not isinstance(group, list) or len(group) < 2:
                raise ValueError(f"{where}: distinct entry {n} must list two or more keys")
            out.append(tuple(str(k) for k in group))
        return cls(out)

    def to_mapping(self) -> dict[str, Any]:
        """Inverse of :meth:`from_mapping`."""
        return {"distinct": [list(g) for g in self.distinct]}


# ------------------------------------------------------------------------------ features


@dataclass(frozen=True, slots=True)
class _Features:
    """What comparison needs of one record, computed once."""

    ref: Reference
    title: str  # folded
    #: the numbers of the title (folded: Chinese numerals are digits), as a sorted multiset
    nums: tuple[str, ...]
    container: str  # folded canonical name
    container_shown: str
    issued: PartialDate | None
    url: str
    doi: str


_URL_TRIVIAL = re.compile(r"^(?:index\.\w+)?$")


def _norm_url(url: str | None) -> str:
    """Scheme-less, ``www.``-less, lower-case host, no trailing slash or fragment; '' for a bare
    site address (a homepage says nothing about which article)."""
    if not url:
        return ""
    m = re.match(r"^\s*(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/?#\s]+)([^#\s]*)", url, re.I)
    if not m:
        return ""
    host, rest = m.group(1).lower(), m.group(2).rstrip("/")
    if _URL_TRIVIAL.match(rest.lstrip("/")):
        return ""
    return host + rest


def _features(
    ref: Reference, aliases: Aliases, cache: dict[str, tuple[str, str]] | None = None
) -> _Features:
    container = ref.container_title or ref.publisher or ref.authority or ""
    known = cache.get(container) if cache is not None else None
    if known is None:
        # Traditional spellings (浙報) are looked up in simplified form (浙报) in the alias table.
        shown = aliases.canonical(to_simplified(container)) if container else ""
        known = (fold(shown) if shown else "", shown)
        if cache is not None:
            cache[container] = known
    title = fold(ref.title) if ref.title else ""
    return _Features(
        ref=ref,
        title=title,
        nums=numbers(ref.title) if ref.title else (),
        container=known[0],
        container_shown=known[1],
        issued=ref.issued if ref.issued is not None and ref.issued.is_valid else None,
        url=_norm_url(ref.url),
        doi=(ref.doi or "").strip().lower().removeprefix("https://doi.org/"),
    )


# ------------------------------------------------------------------------------ comparing


def _date_relation(a: PartialDate | None, b: PartialDate | None) -> tuple[str, str]:
    """('same'|'compatible'|'missing'|'other-day'|'other-year', detail)."""
    if a is None and b is None:
        return "same", ""
    if a is None or b is None:
        return "missing", f"only one has a date ({(a or b)})"
    if a.year != b.year:
        return "other-year", f"{a.year} vs {b.year}"
    if a.month is not None and b.month is not None and a.month != b.month:
        return "other-day", f"{a} vs {b}"
    if a.day is not None and b.day is not None and a.day != b.day:
        return "other-day", f"{a} vs {b}"
    if (a.month, a.day) != (b.month, b.day):
        return "compatible", f"{a} and {b} agree"
    return "same", ""


def _title_difference(x: _Features, y: _Features) -> str | None:
    """Why two different folded titles are different works, or None if they may be one."""
    fa, fb = x.title, y.title
    pa, pb = part_markers(x.ref.title or ""), part_markers(y.ref.title or "")
    if pa != pb:
        shown_a, shown_b = "/".join(sorted(pa)) or "-", "/".join(sorted(pb)) or "-"
        return f"titles name different parts: {shown_a} vs {shown_b}"
    if x.nums != y.nums:
        (ns, short), (nl, long_) = sorted([(x.nums, fa), (y.nums, fb)], key=lambda t: len(t[1]))
        # Words added around a title (a subtitle) may bring numbers of their own.
        if not (short in long_ and not Counter(ns) - Counter(nl)):
            only_a = "/".join(sorted((Counter(x.nums) - Counter(y.nums)).elements())) or "-"
            only_b = "/".join(sorted((Counter(y.nums) - Counter(x.nums)).elements())) or "-"
            return f"titles differ in a number: {only_a} vs {only_b}"
    replaced = [
        (fa[op.src_pos], fb[op.dest_pos])
        for op in Levenshtein.editops(fa, fb)
        if op.tag == "replace"
    ]
    if replaced:
        shown = ", ".join(f"{a}/{b}" for a, b in replaced[:3])
        return f"titles differ in {len(replaced)} character(s): {shown}"
    return None


def _day_key(f: _Features) -> str:
    """``container|2018-01-17`` for a record dated to the day, else ''."""
    if f.container and f.issued is not None and f.issued.day is not None:
        return f"{f.container}|{f.issued.iso()}"
    return ""


def _same_day(x: _Features, y: _Features) -> bool:
    return bool(_day_key(x)) and _day_key(x) == _day_key(y)


def _compare(x: _Features, y: _Features) -> Verdict:
    if x.ref.id.casefold() > y.ref.id.casefold():
        x, y = y, x  # symmetric: the same verdict and reason whichever comes first
    if x.doi and y.doi:
        if x.doi == y.doi:
            return Verdict("duplicate", 100.0, f"same DOI {x.doi}")
        return Verdict("distinct", 0.0, f"different DOIs {x.doi} vs {y.doi}")
    if not x.title or not y.title:
        if x.url and x.url == y.url and not (x.title or y.title):
            return Verdict("duplicate", 100.0, f"same URL {x.url}")
        if _same_day(x, y):
            missing = "no titles" if not (x.title or y.title) else "a title is missing"
            date = x.issued.iso() if x.issued else ""
            return Verdict(
                "possible", 0.0, f"{missing}; same source and day: {x.container_shown} {date}"
            )
        return Verdict("distinct", 0.0, "a title is missing")
    if x.title == y.title:
        score = 100.0
        notes = ["same title after normalization"]
        if x.ref.title != y.ref.title:
            notes[0] += " (width, punctuation, spacing, script or numerals differ)"
    else:
        why = _title_difference(x, y)
        score = round(fuzz.ratio(x.title, y.title), 1)
        if why is not None:
            return Verdict("distinct", score, why)
        short, long_ = sorted((x.title, y.title), key=len)
        if len(short) >= MIN_CONTAINED and short in long_:
            notes = ["one title contains the other (subtitle or words added)"]
        elif score >= POSSIBLE_SCORE:
            notes = [f"titles differ only by added or dropped words (similarity {score:g})"]
        else:
            return Verdict("distinct", score, f"titles differ (similarity {score:g})")
    possible = x.title != y.title

    if x.container and y.container:
        if x.container != y.container:
            return Verdict(
                "distinct",
                score,
                f"same title in another source: {x.container_shown} vs {y.container_shown}",
            )
        raw_x = x.ref.container_title or x.ref.publisher or ""
        raw_y = y.ref.container_title or y.ref.publisher or ""
        if fold(raw_x) != fold(raw_y):
            notes.append(f"{raw_x} = {raw_y} (alias of {x.container_shown})")
    elif x.container or y.container:
        possible = True
        notes.append("only one names its source")

    relation, detail = _date_relation(x.issued, y.issued)
    if relation == "other-year":
        return Verdict("distinct", score, f"same title in another year: {detail}")
    if relation == "other-day":
        possible = True
        notes.append(f"dates differ: {detail}")
    elif relation == "missing":
        possible = True
        notes.append(detail)
    elif relation == "compatible":
        notes.append(f"dates {detail}")

    for attr, label in (("issue", "issue"), ("volume", "volume"), ("number", "number")):
        va, vb = getattr(x.ref, attr), getattr(y.ref, attr)
        if va and vb and fold(va) != fold(vb):
            return Verdict("distinct", score, f"same title in another {label}: {va} vs {vb}")
    if x.url and y.url and x.url != y.url:
        possible = True
        notes.append("URLs differ")
    return Verdict("possible" if possible else "duplicate", score, "; ".join(notes))


def compare_references(a: Reference, b: Reference, *, aliases: Aliases | None = None) -> Verdict:
    """Judge whether ``a`` and ``b`` denote the same source (symmetric in ``a`` and ``b``)."""
    aliases = aliases if aliases is not None else load_aliases(None)
    return _compare(_features(a, aliases), _features(b, aliases))


# ------------------------------------------------------------------------------ blocking


def _blocks(feats: Sequence[_Features]) -> Iterator[tuple[str, list[int]]]:
    """(kind, indices) of records sharing a blocking key: folded title (``t``), its first
    (``p``) or last (``s``) characters, URL (``u``) or DOI (``d``)."""
    keys: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.title:
            keys[("t", f.title)].append(i)
            if len(f.title) > _AFFIX:
                keys[("p", f.title[:_AFFIX])].append(i)
                keys[("s", f.title[-_AFFIX:])].append(i)
        if f.url:
            keys[("u", f.url)].append(i)
        if f.doi:
            keys[("d", f.doi)].append(i)
    for (kind, _), members in keys.items():
        if len(members) > 1:
            yield kind, members


def _untitled_pairs(feats: Sequence[_Features]) -> Iterator[tuple[int, int]]:
    """A record without a title against every record of the same source and day."""
    if all(f.title for f in feats):
        return
    days: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        key = _day_key(f)
        if key:
            days[key].append(i)
    for members in days.values():
        for i in members:
            if not feats[i].title:
                yield from ((min(i, j), max(i, j)) for j in members if j != i)


def _same_key_pairs(members: list[int], feats: Sequence[_Features]) -> Iterator[tuple[int, int]]:
    """All pairs of a block; a large one (a stock title such as 卷首语 or 政府工作报告, cited
    for many years and sources) only within each source and year, plus the records that lack
    one of them: the same title in another source or year is another work anyway."""
    if len(members) <= _WINDOW_BLOCK:
        yield from combinations(sorted(members), 2)
        return
    parts: dict[tuple[str, int], list[int]] = defaultdict(list)
    vague: list[int] = []
    for i in members:
        f = feats[i]
        if f.container and f.issued is not None and f.issued.year is not None:
            parts[(f.container, f.issued.year)].append(i)
        else:
            vague.append(i)
    for part in parts.values():
        yield from combinations(sorted(part), 2)
    for i in vague:
        yield from ((min(i, j), max(i, j)) for j in members if j != i)


def _candidate_pairs(feats: Sequence[_Features]) -> set[tuple[int, int]]:
    """Pairs worth a full comparison: same key, and similar or contained titles."""
    pairs: set[tuple[int, int]] = set(_untitled_pairs(feats))
    for kind, members in _blocks(feats):
        if kind in "tud":
            pairs.update(_same_key_pairs(members, feats))
            continue
        # Sorted from the front for a shared prefix, from the back for a shared suffix (the
        # similarity of two reversed strings is theirs): a title that begins (ends) another
        # sorts right before it, and near-identical titles sort next to each other.
        keyed = sorted(
            ((feats[i].title if kind == "p" else feats[i].title[::-1]), i) for i in members
        )
        texts = [t for t, _ in keyed]
        order = [i for _, i in keyed]
        window = len(texts) if len(texts) <= _WINDOW_BLOCK else _WINDOW
        for k, text in enumerate(texts):
            i = order[k]
            if len(text) >= MIN_CONTAINED:
                for m in range(k + 1, len(texts)):
                    if not texts[m].startswith(text):
                        break
                    pairs.add((min(i, order[m]), max(i, order[m])))
            for _, _, n in process.extract(
                text,
                texts[k + 1 : k + 1 + window],
                scorer=fuzz.ratio,
                score_cutoff=POSSIBLE_SCORE,
                limit=None,
            ):
                j = order[k + 1 + n]
                pairs.add((min(i, j), max(i, j)))
    return pairs


# ------------------------------------------------------------------------------ grouping


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, i: int) -> int:
        root = self.parent.setdefault(i, i)
        while root != self.parent[root]:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in self.parent:
            out[self.find(i)].append(i)
        return [sorted(g) for g in out.values() if len(g) > 1]


def _weakest_by_group(
    edges: Mapping[tuple[int, int], Verdict], uf: _UnionFind, feats: Sequence[_Features]
) -> dict[int, Verdict]:
    """Per group root, its lowest-scoring edge verdict (ties: by keys), for the summary."""
    best: dict[int, tuple[float, list[str], Verdict]] = {}
    for (i, j), v in edges.items():
        root = uf.find(i)
        cand = (v.score, sorted((feats[i].ref.id.casefold(), feats[j].ref.id.casefold())), v)
        if root not in best or cand[:2] < best[root][:2]:
            best[root] = cand
    return {root: t[2] for root, t in best.items()}


def _coherent(
    members: Sequence[int], feats: Sequence[_Features], decisions: Decisions | None
) -> bool:
    """True when no two members of a group are different works (or declared so)."""
    for i, j in combinations(members, 2):
        if decisions is not None and decisions.is_distinct(feats[i].ref.id, feats[j].ref.id):
            return False
        if _compare(feats[i], feats[j]).decision == "distinct":
            return False
    return True


def find_duplicates(
    lib: Library | Sequence[Reference],
    *,
    decisions: Decisions | None = None,
    aliases: Aliases | None = None,
) -> list[DuplicateGroup]:
    """Groups of records that denote the same source (``duplicate``) or may (``possible``).

    :param decisions: pairs declared not duplicates (``refs/_decisions.yaml``): never reported.
    :param aliases: container alias table; the built-in one when None.

    Groups are ordered by their first record's position in ``lib``; ids within a group too.
    A record may be in one ``duplicate`` group and also in a ``possible`` group.
    """
    aliases = aliases if aliases is not None else load_aliases(None)
    refs = list(lib)
    cache: dict[str, tuple[str, str]] = {}
    feats = [_features(r, aliases, cache) for r in refs]
    dup_edges: dict[tuple[int, int], Verdict] = {}
    pos_edges: dict[tuple[int, int], Verdict] = {}
    for i, j in sorted(_candidate_pairs(feats)):
        if decisions is not None and decisions.is_distinct(refs[i].id, refs[j].id):
            continue
        verdict = _compare(feats[i], feats[j])
        if verdict.decision == "duplicate":
            dup_edges[(i, j)] = verdict
        elif verdict.decision == "possible":
            pos_edges[(i, j)] = verdict

    out: list[tuple[int, DuplicateGroup]] = []
    dup_uf = _UnionFind()
    for i, j in dup_edges:
        dup_uf.union(i, j)
    dup_weakest = _weakest_by_group(dup_edges, dup_uf, feats)
    for members in dup_uf.groups():
        # Chains can join records that are not duplicates of each other (a year-only date in
        # the middle): then the whole group only "possibly" denotes one source.
        conflicts: list[tuple[list[str], int, int, Verdict]] = []
        for i, j in combinations(members, 2):
            if (i, j) in dup_edges:
                continue
            v = _compare(feats[i], feats[j])
            if decisions is not None and decisions.is_distinct(refs[i].id, refs[j].id):
                v = Verdict("distinct", v.score, "declared not duplicates")
            if v.decision != "duplicate":
                ids_ij = sorted((refs[i].id.casefold(), refs[j].id.casefold()))
                conflicts.append((ids_ij, i, j, v))
        conflict = min(conflicts, key=lambda t: t[0])[1:] if conflicts else None
        weakest = dup_weakest[dup_uf.find(members[0])]
        ids = tuple(refs[i].id for i in members)
        if conflict is None:
            group = DuplicateGroup(ids, "duplicate", weakest.score, weakest.reason)
            out.append((members[0], group))
        else:
            i, j, v = conflict
            reason = f"{weakest.reason}; but {refs[i].id} / {refs[j].id}: {v.reason}"
            out.append((members[0], DuplicateGroup(ids, "possible", v.score, reason)))
    pos_uf = _UnionFind()
    for i, j in pos_edges:
        if dup_uf.find(i) != dup_uf.find(j):
            pos_uf.union(i, j)
    kept = {e: v for e, v in pos_edges.items() if dup_uf.find(e[0]) != dup_uf.find(e[1])}
    pos_weakest = _weakest_by_group(kept, pos_uf, feats)
    by_root: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in kept:
        by_root[pos_uf.find(i)].append((i, j))
    for members in pos_uf.groups():
        root = pos_uf.find(members[0])
        if len(members) > _MAX_GROUP or (
            len(members) > 2 and not _coherent(members, feats, decisions)
        ):
            # "X" may be "X Y" or "X Z", but those two are different works: report pairs.
            for i, j in by_root[root]:
                v = kept[(i, j)]
                group = DuplicateGroup((refs[i].id, refs[j].id), "possible", v.score, v.reason)
                out.append((i, group))
            continue
        weakest = pos_weakest[root]
        ids = tuple(refs[i].id for i in members)
        out.append((members[0], DuplicateGroup(ids, "possible", weakest.score, weakest.reason)))
    out.sort(key=lambda t: (t[0], t[1].decision != "duplicate", t[1].ids))
    return [g for _, g in out]
