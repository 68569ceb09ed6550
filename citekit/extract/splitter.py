"""Document lines -> :class:`Candidate` attributions with their line spans; never interprets.

Consumes a :class:`~.text.LineMap`; produces, in source order, every stretch of text that one of
the :mod:`.patterns` forms recognises, with the lines it covers (a bracket that opens on one
line and closes lines later, as speech excerpts do, is joined) and the raw text as found.
A cheap substring prefilter (:func:`.patterns.trigger_positions`) picks the lines worth looking
at, so most of a document is never examined line by line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import CUES
from .patterns import Hit, find_hits, trigger_positions
from .text import LineMap, fold_width

__all__ = ["MAX_CONTINUATION", "Candidate", "split_candidates", "trigger_lines"]

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


def _next_line(lines: LineMap, n: int) -> int | None:
    """The next non-blank line when it is short enough to be a source name."""
    for k in range(n + 1, min(lines.count, n + 2) + 1):
        text = lines.line(k).strip()
        if text:
            return k if len(text) <= 40 else None
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


#: a line longer than this is not copied whole into each attribution found on it
_LONG_LINE = 2000
#: characters kept on each side of an attribution on such a line
_AROUND = 300


def split_candidates(lines: LineMap, triggered: list[int] | None = None) -> list[Candidate]:
    """Every attribution-like stretch of the document, in source order."""
    out: list[Candidate] = []
    skip_until = 0
    for n in trigger_lines(lines) if triggered is None else triggered:
        if n <= skip_until:
            continue
        line = fold_width(lines.line(n))
        if any(w in line for w in CUES.disclaimer):
            continue  # a copyright notice quotes attribution forms; it attributes nothing
        if line.strip() in CUES.wechat_original:
            # a post's header set one field a line: 原创 / author / account / date
            stacked = _stacked_header(lines, n)
            if stacked is not None:
                out.append(stacked)
                skip_until = stacked.end_line
                continue
        for hit in find_hits(line):
            end = n
            if hit.open:
                hit, end = _continue(hit, lines, n)
                skip_until = end
            elif hit.form in ("keyword-colon", "leading-keyword") and not hit.phrase.strip():
                # 来源: with the source on the next line
                nxt = _next_line(lines, n)
                if nxt is not None:
                    text = fold_width(lines.line(nxt).strip())
                    hit = Hit(hit.form, hit.start, hit.end, text)
                    end = skip_until = nxt
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
