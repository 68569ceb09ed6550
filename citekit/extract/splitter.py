"""Document lines -> :class:`Candidate` attributions with their line spans; never interprets.

Consumes a :class:`~.text.LineMap`; produces, in source order, every stretch of text that one of
the :mod:`.patterns` forms recognises, with the lines it covers (a bracket that opens on one
line and closes lines later, as speech excerpts do, is joined) and the raw text as found.
A cheap substring prefilter (:func:`.patterns.trigger_positions`) picks the lines worth looking
at, so most of a document is never examined line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .cues import CUES
from .patterns import Hit, find_hits, post_header, trigger_positions
from .text import LineMap, fold_width

__all__ = ["MAX_CONTINUATION", "Candidate", "split_candidates", "trigger_lines", "wrap_width"]

#: how many non-blank lines an open bracket may continue over (speech excerpts wrap over four)
MAX_CONTINUATION = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """One attribution-like stretch: its form and phrase, 1-based line span, raw text."""

    hit: Hit
    start_line: int
    end_line: int
    #: the lines as found (each stripped, blank ones kept), joined with newlines
    raw: str
    #: the rest of the first line, outside the hit (a header line's date can be there)
    context: str


def trigger_lines(lines: LineMap) -> list[int]:
    """Line numbers holding a trigger substring, in order, without repeats."""
    return lines.lines_of(trigger_positions(lines.text))


def _continue(hit: Hit, lines: LineMap, n: int) -> tuple[Hit, int]:
    """Join the lines an open bracket continues over; return the completed hit and last line."""
    phrase = hit.phrase
    seen = 0
    for k in range(n + 1, lines.count + 1):
        nxt = fold_width(lines.line(k).strip())
        if not nxt:
            continue
        seen += 1
        if seen > MAX_CONTINUATION:
            break
        for i, c in enumerate(nxt):
            if c in "）)":
                return Hit(hit.form, hit.start, hit.end, phrase + nxt[:i]), k
        phrase += nxt
    return Hit(hit.form, hit.start, hit.end, phrase), n


#: what a source field holds between its label and the name: no name by itself (来源丨)
_FIELD_MARKS = " \t|｜丨│:：-—/"
#: the end of a sentence: a line holding one is the article's body, not a source name
_SENTENCE_END = re.compile(r"[。！？!?]")


def _next_line(lines: LineMap, n: int) -> int | None:
    """The next non-blank line when it is short enough to be a source name (no sentence)."""
    for k in range(n + 1, min(lines.count, n + 2) + 1):
        text = lines.line(k).strip()
        if text:
            return k if len(text) <= 40 and not _SENTENCE_END.search(text) else None
    return None


def _stacked_header(lines: LineMap, n: int) -> Candidate | None:
    parts: list[str] = []
    k = n
    while k < lines.count and len(parts) < 3:
        k += 1
        text = fold_width(lines.line(k).strip())
        if text:
            parts.append(text)
    if not parts:
        return None
    joined = "原创 " + " ".join(parts)
    for hit in find_hits(joined):
        if hit.form == "wechat":
            raw = "\n".join(lines.line(j).strip() for j in range(n, k + 1))
            return Candidate(hit, n, k, raw, "")
    return None


_DATE_ALONE = re.compile(r"^\s*(?:19|20)\d\d-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def _split_post_header(lines: LineMap, n: int, after: int) -> Candidate | None:
    """``李勇刚 现代经济探讨`` over ``2024-09-04``: a post's header set on two lines (the date
    line ``n`` is the cue; the names and account are on the line above, after line ``after``)."""
    k = n - 1
    while k > after and k >= n - 2 and not lines.line(k).strip():
        k -= 1
    if k <= after or not lines.line(k).strip():
        return None
    above = fold_width(lines.line(k).strip())
    if len(above) > 40:
        return None
    date = fold_width(lines.line(n).strip())
    for hit in post_header(f"{above} {date}"):
        raw = "\n".join(lines.line(j).strip() for j in range(k, n + 1))
        return Candidate(hit, k, n, raw, "")
    return None


#: lines shorter than this say nothing about a text's wrapping
_MIN_WRAP = 16
#: a text is hard-wrapped when at least this many of its long lines, and this share of them,
#: have the same length (give or take _WRAP_SLACK characters: digits and Latin are narrower)
_MIN_WRAPPED = 8
_WRAPPED_SHARE = 0.3
_WRAP_SLACK = 2
#: a wrapped line may run this far past the column (half-width digits) ...
_WRAP_OVER = 10
#: ... and only this share of the long lines does
_OVER_SHARE = 0.05


def wrap_width(lines: LineMap) -> int | None:
    """The column a hard-wrapped text (a PDF's text layer) is broken at, or None: the length
    most of its long lines share (a paragraph's lines run to the column, its last one short)."""
    counts = Counter(len(s) for s in lines.lines if len(s) >= _MIN_WRAP)
    total = sum(counts.values())
    if total < _MIN_WRAPPED:
        return None
    score, width = max(
        (sum(counts.get(w - d, 0) for d in range(_WRAP_SLACK + 1)), w) for w in counts
    )
    # no line runs far past the column (a text of long paragraphs is not wrapped)
    over = sum(c for w, c in counts.items() if w > width + _WRAP_OVER)
    if score < max(_MIN_WRAPPED, _WRAPPED_SHARE * total) or over > _OVER_SHARE * total:
        return None
    return width


def _wrapped_hits(
    lines: LineMap, n: int, line: str, width: int | None
) -> tuple[list[Hit], int, int, str] | None:
    """In a hard-wrapped text, the hits of an attribution broken across the column: line
    ``n`` run to the column and joined with the next line, or the previous line (run to the
    column) joined with ``n`` — when a hit then crosses the break. Returns the hits (offsets
    in the joined text), the first and last line, and the joined text."""
    if width is None:
        return None
    low = width - _WRAP_SLACK
    if n < lines.count and len(lines.line(n)) >= low:
        nxt = fold_width(lines.line(n + 1))
        if nxt.strip():
            joined = line + nxt.lstrip()
            hits = find_hits(joined)
            if any(h.end > len(line) and h.start < len(line) for h in hits):
                return hits, n, n + 1, joined
    if n > 1 and len(lines.line(n - 1)) >= low:
        prev = fold_width(lines.line(n - 1))
        joined = prev + line.lstrip()
        hits = find_hits(joined)
        if any(h.start < len(prev) < h.end for h in hits):
            return hits, n - 1, n, joined
    return None


#: a line longer than this is not copied whole into each attribution found on it
_LONG_LINE = 2000
#: characters kept on each side of an attribution on such a line
_AROUND = 300


def split_candidates(lines: LineMap, triggered: list[int] | None = None) -> list[Candidate]:
    """Every attribution-like stretch of the document, in source order."""
    out: list[Candidate] = []
    skip_until = 0
    width = wrap_width(lines)
    for n in trigger_lines(lines) if triggered is None else triggered:
        if n <= skip_until:
            continue
        line = fold_width(lines.line(n))
        wrapped = _wrapped_hits(lines, n, line, width) if width is not None else None
        if wrapped is not None and wrapped[1] > skip_until:
            # a hard-wrapped text broke the attribution across two lines: read them as one
            hits, first, last, joined = wrapped
            raw = "\n".join(lines.line(k).strip() for k in range(first, last + 1))
            for hit in hits:
                context = joined[: hit.start] + " " + joined[hit.end :]
                out.append(Candidate(hit, first, last, raw, context))
            skip_until = last
            continue
        if any(w in line for w in CUES.disclaimer):
            continue  # a copyright notice quotes attribution forms; it attributes nothing
        if line.strip() in CUES.wechat_original:
            # a post's header set one field a line: 原创 / author / account / date
            stacked = _stacked_header(lines, n)
            if stacked is not None:
                out.append(stacked)
                skip_until = stacked.end_line
                continue
        if _DATE_ALONE.match(line):
            header = _split_post_header(lines, n, max(skip_until, out[-1].end_line if out else 0))
            if header is not None:
                out.append(header)
                continue
        for hit in find_hits(line):
            end = n
            if hit.open:
                hit, end = _continue(hit, lines, n)
                skip_until = end
            elif hit.form in ("keyword-colon", "leading-keyword") and not hit.phrase.strip(
                _FIELD_MARKS
            ):
                # 来源: with the source on the next line
                nxt = _next_line(lines, n)
                if nxt is not None:
                    text = fold_width(lines.line(nxt).strip())
                    hit = Hit(hit.form, hit.start, hit.end, text)
                    end = skip_until = nxt
                else:
                    hit = Hit(hit.form, hit.start, hit.end, "")  # 来源丨 alone: no name
            if len(line) > _LONG_LINE:
                # many attributions on one huge line: each keeps the text around it, not a
                # copy of the whole line (that would grow with the square of the line)
                lo, hi = max(0, hit.start - _AROUND), hit.end + _AROUND
                raw = lines.line(n)[lo:hi].strip()
                if end > n:
                    raw += "\n" + "\n".join(lines.line(k).strip() for k in range(n + 1, end + 1))
                context = line[lo : hit.start] + " " + line[hit.end : hi]
            else:
                raw = "\n".join(lines.line(k).strip() for k in range(n, end + 1))
                context = line[: hit.start] + " " + line[hit.end :]
            out.append(Candidate(hit, n, end, raw, context))
    return out
