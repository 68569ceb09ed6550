"""Duplicate sources: records that denote the same work, within and across documents.

Consumes a :class:`~citekit.model.Library` (plus the container alias table and the remembered
"not a duplicate" decisions) and produces :class:`DuplicateGroup` values, each with a decision,
a score (0-100, calibrated: ``possible`` means "worth a look") and the evidence for and against:

* ``duplicate``: the same work in the same source (merge with ``citekit merge``);
* ``repost``: the same work printed by another source (a 新华社 wire in 人民日报, 人民网 and a
  provincial daily): a librarian wants to see them, and usually to cite the original
  (``citekit merge --as-repost`` records the relation); :attr:`DuplicateGroup.original` names it;
* ``possible``: worth a look; a person decides (``citekit merge`` or ``--not-duplicate``).

How two records are judged is :mod:`~citekit.checks.evidence` (titles, genericity, source names
via :mod:`~citekit.checks.sources`, dates, authors, numbers); which pairs are compared is
:mod:`~citekit.checks.blocking` (near-linear, also when a stock title is everywhere). Titles are
folded by :mod:`~citekit.checks.normalize_text`: full/half width, punctuation, spaces, 《》,
traditional/simplified characters, numerals and Latin diacritics no longer matter; Chinese
characters are never stripped.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from ..aliases import Aliases, load_aliases
from ..model import Library, Reference
from .blocking import BlockingReport, OversizedBlock, candidate_pairs
from .evidence import MIN_CONTAINED, Features, TitleStats, Verdict, compare_features, features_of
from .sources import SourceName

__all__ = [
    "MIN_CONTAINED",
    "BlockingReport",
    "Decision",
    "Decisions",
    "DuplicateGroup",
    "OversizedBlock",
    "Verdict",
    "compare_references",
    "find_duplicates",
]

Decision = Literal["duplicate", "repost", "possible", "distinct"]
#: larger sets of possible duplicates are reported pair by pair
_MAX_GROUP = 50


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records that denote the same work: in one source (``duplicate``), in several
    (``repost``), or perhaps (``possible``)."""

    ids: tuple[str, ...]
    decision: Literal["duplicate", "repost", "possible"]
    score: float
    reason: str
    evidence_for: tuple[str, ...] = ()
    evidence_against: tuple[str, ...] = ()
    #: of a repost group: the record to cite (the wire service's, else the earliest)
    original: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"ids", "decision", "score", "reason", "for", "against", "original"}``."""
        out: dict[str, Any] = {
            "ids": list(self.ids),
            "decision": self.decision,
            "score": self.score,
            "reason": self.reason,
            "for": list(self.evidence_for),
            "against": list(self.evidence_against),
        }
        if self.original is not None:
            out["original"] = self.original
        return out


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


def compare_references(a: Reference, b: Reference, *, aliases: Aliases | None = None) -> Verdict:
    """Judge whether ``a`` and ``b`` denote the same work (symmetric in ``a`` and ``b``)."""
    aliases = aliases if aliases is not None else load_aliases(None)
    fa, fb = features_of(a, aliases), features_of(b, aliases)
    TitleStats([fa, fb]).apply([fa, fb])
    return compare_features(fa, fb)


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


def _weakest(
    edges: Iterable[tuple[tuple[int, int], Verdict]], feats: Sequence[Features]
) -> Verdict:
    """The lowest-scoring verdict of a group's ``edges`` (ties: by keys), for the summary."""
    best: tuple[float, list[str], Verdict] | None = None
    for (i, j), v in edges:
        cand = (v.score, sorted((feats[i].ref.id.casefold(), feats[j].ref.id.casefold())), v)
        if best is None or cand[:2] < best[:2]:
            best = cand
    assert best is not None
    return best[2]


def _first_clash(
    a: Sequence[int],
    b: Sequence[int],
    known: Mapping[tuple[int, int], Verdict],
    feats: Sequence[Features],
    decisions: Decisions | None,
) -> tuple[str, str, Verdict] | None:
    """The first pair across ``a`` and ``b`` that is not a duplicate, with its verdict."""
    for i in a:
        for j in b:
            pair = (i, j) if i < j else (j, i)
            if pair in known:
                continue
            x, y = feats[pair[0]].ref.id, feats[pair[1]].ref.id
            if decisions is not None and decisions.is_distinct(x, y):
                return x, y, Verdict("distinct", 0.0, "declared not duplicates")
            v = compare_features(feats[pair[0]], feats[pair[1]])
            if v.decision != "duplicate":
                return x, y, v
    return None


def _original(members: Sequence[int], feats: Sequence[Features]) -> int:
    """The record of a repost group to cite: a wire service's, else the earliest, else first."""

    def rank(i: int) -> tuple[int, int, int]:
        src: SourceName | None = feats[i].source
        return (0 if src is not None and src.is_wire else 1, feats[i].day or 10**9, i)

    return min(members, key=rank)


@dataclass
class _Edges:
    duplicate: dict[tuple[int, int], Verdict] = field(default_factory=dict)
    repost: dict[tuple[int, int], Verdict] = field(default_factory=dict)
    possible: dict[tuple[int, int], Verdict] = field(default_factory=dict)


def _group(
    decision: Literal["duplicate", "repost", "possible"],
    members: Sequence[int],
    verdict: Verdict,
    feats: Sequence[Features],
    reason: str | None = None,
) -> DuplicateGroup:
    original = feats[_original(members, feats)].ref.id if decision == "repost" else None
    return DuplicateGroup(
        tuple(feats[i].ref.id for i in members),
        decision,
        verdict.score,
        reason if reason is not None else verdict.reason,
        verdict.evidence_for,
        verdict.evidence_against,
        original,
    )


def find_duplicates(
    lib: Library | Sequence[Reference],
    *,
    decisions: Decisions | None = None,
    aliases: Aliases | None = None,
    report: BlockingReport | None = None,
) -> list[DuplicateGroup]:
    """Groups of records that denote the same work (``duplicate``, ``repost``) or may
    (``possible``).

    :param decisions: pairs declared not duplicates (``refs/_decisions.yaml``): never reported.
    :param aliases: container alias table; the built-in one when None.
    :param report: filled with the blocks too large to compare in full (see
        :class:`~citekit.checks.blocking.BlockingReport`).

    Groups are ordered by their first record's position in ``lib``; ids within a group too.
    A record may be in a ``duplicate`` group and also in a ``repost`` or ``possible`` group.
    """
    # The cyclic garbage collector would rescan the growing heap of (acyclic) features and
    # verdicts again and again: off while they are built, as after a bulk load.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _find(lib, decisions, aliases, report)
    finally:
        if enabled:
            gc.enable()


def _find(
    lib: Library | Sequence[Reference],
    decisions: Decisions | None,
    aliases: Aliases | None,
    report: BlockingReport | None,
) -> list[DuplicateGroup]:
    aliases = aliases if aliases is not None else load_aliases(None)
    refs = list(lib)
    cache: dict[str, SourceName | None] = {}
    feats = [features_of(r, aliases, cache) for r in refs]
    TitleStats(feats).apply(feats)
    edges = _Edges()
    for i, j in sorted(candidate_pairs(feats, report)):
        if decisions is not None and decisions.is_distinct(refs[i].id, refs[j].id):
            continue
        verdict = compare_features(feats[i], feats[j])
        if verdict.decision != "distinct":
            getattr(edges, verdict.decision)[(i, j)] = verdict

    out: list[tuple[int, DuplicateGroup]] = []
    # Duplicate groups are cliques: an edge joins two groups only when every record of one is
    # a duplicate of every record of the other (a year-only date or a shortened title in the
    # middle of a chain must not join two works); a refused edge is reported as possible.
    dup_uf = _UnionFind()
    comp: dict[int, list[int]] = {}
    ranked = sorted(edges.duplicate.items(), key=lambda e: (-e[1].score, e[0]))
    for (i, j), v in ranked:
        ri, rj = dup_uf.find(i), dup_uf.find(j)
        if ri == rj:
            continue
        a, b = comp.get(ri, [i]), comp.get(rj, [j])
        clash = _first_clash(a, b, edges.duplicate, feats, decisions)
        if clash is not None or len(a) + len(b) > _MAX_GROUP:
            why = f"; but {clash[0]} / {clash[1]}: {clash[2].reason}" if clash else ""
            edges.possible[(i, j)] = Verdict(
                "possible", v.score, v.reason + why, v.evidence_for, v.evidence_against
            )
            continue
        dup_uf.union(i, j)
        comp[dup_uf.find(i)] = sorted(a + b)
    dup_edges: dict[int, list[tuple[tuple[int, int], Verdict]]] = defaultdict(list)
    for e in edges.duplicate.items():
        dup_edges[dup_uf.find(e[0][0])].append(e)
    dup_members: dict[int, list[int]] = {}
    for members in dup_uf.groups():
        dup_members[dup_uf.find(members[0])] = members
        weakest = _weakest(dup_edges[dup_uf.find(members[0])], feats)
        out.append((members[0], _group("duplicate", members, weakest, feats)))

    # Reposts: the same work in several sources (duplicates within one source count as one).
    rep_uf = _UnionFind()
    for i, j in edges.repost:
        rep_uf.union(dup_uf.find(i), dup_uf.find(j))
    rep_edges: dict[int, list[tuple[tuple[int, int], Verdict]]] = defaultdict(list)
    for e in edges.repost.items():
        rep_edges[rep_uf.find(dup_uf.find(e[0][0]))].append(e)
    for roots in rep_uf.groups():
        members = sorted(m for r in roots for m in dup_members.get(r, [r]))
        group_edges = rep_edges[rep_uf.find(roots[0])]
        if len(members) > _MAX_GROUP or not _coherent(members, feats, decisions):
            # A record with a shortened title may be a copy of either of two works.
            for (i, j), v in group_edges:
                out.append((i, _group("repost", (i, j), v, feats)))
            continue
        out.append((members[0], _group("repost", members, _weakest(group_edges, feats), feats)))

    # Possible pairs not already grouped.
    pos_uf = _UnionFind()
    kept: dict[tuple[int, int], Verdict] = {}
    for (i, j), v in edges.possible.items():
        if dup_uf.find(i) == dup_uf.find(j):
            continue
        kept[(i, j)] = v
        pos_uf.union(i, j)
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
                out.append((i, _group("possible", (i, j), kept[(i, j)], feats)))
            continue
        weakest = _weakest(((e, kept[e]) for e in by_root[root]), feats)
        out.append((members[0], _group("possible", members, weakest, feats)))
    order = {"duplicate": 0, "repost": 1, "possible": 2}
    out.sort(key=lambda t: (t[0], order[t[1].decision], t[1].ids))
    return [g for _, g in out]


def _coherent(
    members: Sequence[int], feats: Sequence[Features], decisions: Decisions | None
) -> bool:
    """True when no two members of a group are different works (or declared so)."""
    for i, j in combinations(members, 2):
        if decisions is not None and decisions.is_distinct(feats[i].ref.id, feats[j].ref.id):
            return False
        if compare_features(feats[i], feats[j]).decision == "distinct":
            return False
    return True
