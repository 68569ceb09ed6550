"""Which pairs of records are worth comparing: blocking that stays near-linear.

Consumes the records' :class:`~citekit.checks.evidence.Features` and produces candidate pairs,
plus a :class:`BlockingReport` of the blocks too large to compare in full (reported, never
silently dropped).

Records are compared only when they share a key: the folded title (without column tags), the
main title, the first or last characters of the title (sorted windows find near spellings and
dropped subtitles), the URL, the DOI or a 文号; a record without a title meets the records of the
same source and day. A title many records share (a stock title such as 政府工作报告, kept
verbatim by 30% of a library) is compared only within sub-blocks of the same source and year,
the same or the next day, or the same author; records with none of these are compared with
each other up to :data:`MAX_BLOCK` and the rest of the block is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .evidence import MIN_CONTAINED, Features
from .normalize_text import similar_in

__all__ = ["MAX_BLOCK", "BlockingReport", "OversizedBlock", "candidate_pairs"]

#: a block larger than this is split into sub-blocks
MAX_BLOCK = 50
#: sorted-window width for blocks of titles sharing their first or last characters
_WINDOW = 12
_AFFIX = 5
_PAIR = tuple[int, int]


@dataclass(frozen=True, slots=True)
class OversizedBlock:
    """A block too large to compare in full: what was left out."""

    key: str
    size: int
    #: records of the block that could not be placed in a sub-block (no source, date or author)
    vague: int
    #: pairs not compared
    skipped: int

    def __str__(self) -> str:
        return (
            f"{self.size} records share the title {self.key!r}: compared within source, year, "
            f"day and author; {self.vague} without any of these, "
            f"{self.skipped} pair(s) not compared"
        )


@dataclass
class BlockingReport:
    """What blocking did: candidate pairs and the blocks it had to cut."""

    pairs: int = 0
    oversized: list[OversizedBlock] = field(default_factory=list)


def _ordered(i: int, j: int) -> _PAIR:
    return (i, j) if i < j else (j, i)


def _all_pairs(members: Sequence[int]) -> Iterator[_PAIR]:
    return (_ordered(i, j) for i, j in combinations(members, 2))


def _sub_blocks(
    key: str, members: list[int], feats: Sequence[Features], report: BlockingReport
) -> Iterator[_PAIR]:
    """Pairs of a large same-title block: within source+year, day (and the next), author."""
    subs: dict[tuple[str, object], list[int]] = defaultdict(list)
    vague: list[int] = []
    for i in members:
        f = feats[i]
        placed = False
        if f.source is not None and f.issued is not None and f.issued.year:
            subs[("s", (f.source.main, f.issued.year))].append(i)
            placed = True
        if f.day is not None:
            subs[("d", f.day)].append(i)
            placed = True
        for a in f.authors:
            subs[("a", a)].append(i)
            placed = True
        if not placed:
            vague.append(i)
    skipped = 0
    for (kind, value), part in subs.items():
        if kind == "d":
            assert isinstance(value, int)
            part = part + subs.get(("d", value + 1), [])  # a wire and its print copy
        if len(part) <= MAX_BLOCK:
            yield from _all_pairs(part)
        else:
            # Still too many (one source, one year, one stock title): neighbours by date.
            part.sort(key=lambda i: (feats[i].day or 0, i))
            for n, i in enumerate(part):
                for j in part[n + 1 : n + 1 + _WINDOW]:
                    yield _ordered(i, j)
            skipped += len(part) * (len(part) - 1) // 2 - len(part) * _WINDOW
    if len(vague) <= MAX_BLOCK:
        yield from _all_pairs(vague)
        skipped += len(vague) * (len(members) - len(vague))
    else:
        vague.sort()
        for n, i in enumerate(vague):
            for j in vague[n + 1 : n + 1 + _WINDOW]:
                yield _ordered(i, j)
        skipped += len(vague) * (len(members) - 1)
    if skipped > 0 or vague:
        report.oversized.append(OversizedBlock(key, len(members), len(vague), max(skipped, 0)))


def _untitled_pairs(feats: Sequence[Features]) -> Iterator[_PAIR]:
    """A record without a title against every record of the same source and day."""
    if all(f.title for f in feats):
        return
    days: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.source is not None and f.day is not None:
            days[(f.source.main, f.day)].append(i)
    for members in days.values():
        for i in members:
            if not feats[i].title:
                yield from (_ordered(i, j) for j in members[:MAX_BLOCK] if j != i)


def _affix_pairs(
    kind: str, members: list[int], feats: Sequence[Features], counts: dict[str, int]
) -> Iterator[_PAIR]:
    """Titles sharing their first (``p``) or last (``s``) characters: near spellings and one
    title containing the other, found among distinct titles sorted next to each other."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for t in {feats[i].title, feats[i].forms.main}:
            if len(t) > _AFFIX:
                by_text[t if kind == "p" else t[::-1]].append(i)
    texts = sorted(by_text)
    if len(texts) < 2:
        return
    window = len(texts) if len(texts) <= MAX_BLOCK else _WINDOW

    def expand(a: str, b: str) -> Iterable[_PAIR]:
        xs, ys = by_text[a], by_text[b]
        if len(xs) * len(ys) > MAX_BLOCK:
            # Both are titles many records share: a stock title is evidence of nothing.
            xs, ys = xs[:1], ys[:1]
        return (_ordered(i, j) for i in xs for j in ys if i != j)

    for k, text in enumerate(texts):
        if len(text) >= MIN_CONTAINED and counts.get(text if kind == "p" else text[::-1], 0) < 5:
            for m in range(k + 1, len(texts)):
                if not texts[m].startswith(text) or m - k > MAX_BLOCK:
                    break
                yield from expand(text, texts[m])
        for n in similar_in(text, texts[k + 1 : k + 1 + window], 80):
            yield from expand(text, texts[k + 1 + n])


def candidate_pairs(feats: Sequence[Features], report: BlockingReport | None = None) -> set[_PAIR]:
    """Pairs worth a full comparison (indices into ``feats``, smaller first)."""
    report = report if report is not None else BlockingReport()
    keys: dict[tuple[str, str], list[int]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for i, f in enumerate(feats):
        if f.title:
            counts[f.title] += 1
            keys[("t", f.title)].append(i)
            if f.forms.main != f.title and len(f.forms.main) >= MIN_CONTAINED:
                keys[("t", f.forms.main)].append(i)
                if len(f.forms.main) > _AFFIX:
                    keys[("p", f.forms.main[:_AFFIX])].append(i)
                    keys[("s", f.forms.main[-_AFFIX:])].append(i)
            if len(f.title) > _AFFIX:
                keys[("p", f.title[:_AFFIX])].append(i)
                keys[("s", f.title[-_AFFIX:])].append(i)
        if f.url:
            keys[("u", f.url)].append(i)
        if f.doi:
            keys[("d", f.doi)].append(i)
        for n in f.docnums:
            keys[("n", n)].append(i)
    pairs: set[_PAIR] = set(_untitled_pairs(feats))
    for (kind, key), members in keys.items():
        if len(members) < 2:
            continue
        if kind in "tudn":
            if len(members) <= MAX_BLOCK:
                pairs.update(_all_pairs(members))
            else:
                pairs.update(_sub_blocks(key, members, feats, report))
        else:
            pairs.update(_affix_pairs(kind, members, feats, counts))
    report.pairs = len(pairs)
    return pairs
