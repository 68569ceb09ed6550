"""PDF text-layer artefacts repaired before any stage reads a line: letter-spaced Chinese.

Consumes document text; produces the same text (same lines, same line count) in which a line
set with a space between every Chinese character (``新 华 社 北 京 九 月 十 二 日 电``, as text
copied out of a justified PDF comes) reads as written (``新华社北京九月十二日电``), so cue
words, datelines and names match on it. Only lines with a run of at least five letter-spaced
characters are touched, and only single spaces between two Chinese characters go: a double
space (between two persons' names) and spaces next to Latin text stay, and so does a short
heading made only of spaced characters (``富 强 浙 江``: set wide by design).
"""

from __future__ import annotations

import bisect
import re

__all__ = ["despace"]

_CJK = "\u3400-\u9fff\uf900-\ufaff\uff10-\uff19"
_PUNCT = "“”‘’《》〈〉（）「」『』【】、，。：；！？·…"
_CHAR = f"[{_CJK}{_PUNCT}]"
# five letter-spaced characters (a literal space first lets the engine skip to spaces); four
# or fewer are as often two names typed with a space each (骆 瑾 王 昕), which stay
# (a line opening with four is set that way: 人 民 日 报１９６２年)
_SPACED = re.compile(
    f" {_CHAR} {_CHAR} {_CHAR} {_CHAR} {_CHAR}(?= |$)|\n{_CHAR} {_CHAR} {_CHAR} {_CHAR}(?= |$)",
    re.MULTILINE,
)
# one space (not two) between two Chinese characters or marks
_GAP = re.compile(f"(?<={_CHAR}) (?={_CHAR})")


#: a line of at most this many single characters alone is a heading set wide on purpose
_HEADING = 6


def _close(line: str) -> str:
    tokens = line.split()
    if len(tokens) <= _HEADING and all(len(t) == 1 for t in tokens):
        return line  # 富 强 浙 江: a column heading letter-spaced by design, a cue of its own
    return _GAP.sub("", line)


def despace(text: str) -> str:
    """``text`` with its letter-spaced lines closed up (other lines unchanged)."""
    if " " not in text:
        return text
    # the first line has no newline before it
    first = _SPACED.match("\n" + text[:80])
    found = _SPACED.search(text)
    if found is None and first is None:
        return text
    lines = text.split("\n")
    starts: list[int] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    done: set[int] = set()
    if first is not None:
        done.add(0)
        lines[0] = _close(lines[0])
    while found is not None:
        n = bisect.bisect_right(starts, found.end() - 1) - 1
        if n not in done:
            done.add(n)
            lines[n] = _close(lines[n])
        nxt = starts[n + 1] if n + 1 < len(starts) else len(text)
        found = _SPACED.search(text, nxt)
    return "\n".join(lines)
