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

import re

__all__ = ["despace"]

_CJK = "\u3400-\u9fff\uf900-\ufaff\uff10-\uff19"
_PUNCT = "“”‘’《》〈〉（）「」『』【】、，。：；！？·…"
_CHAR = f"[{_CJK}{_PUNCT}]"
# five letter-spaced characters, or four opening a line (人 民 日 报１９６２年); four or fewer
# elsewhere are as often two names typed with a space each (骆 瑾 王 昕), which stay. Two
# patterns, each with a literal first character, so the engine skips ahead to it
_SPACED = re.compile(f" {_CHAR} {_CHAR} {_CHAR} {_CHAR} {_CHAR}(?= |$)", re.MULTILINE)
_SPACED_START = re.compile(f"\n{_CHAR} {_CHAR} {_CHAR} {_CHAR}(?= |$)", re.MULTILINE)
# one space (not two) between two Chinese characters or marks
_GAP = re.compile(f"(?<={_CHAR}) (?={_CHAR})")


#: a line of at most this many single characters alone is a heading set wide on purpose
_HEADING = 6


def _close(line: str) -> str:
    tokens = line.split()
    if len(tokens) <= _HEADING and all(len(t) == 1 for t in tokens):
        return line  # 富 强 浙 江: a column heading letter-spaced by design, a cue of its own
    return _GAP.sub("", line)


class _Next:
    """Positions on the letter-spaced lines of one text, asked for in increasing order.

    Each pattern's last match is kept while it still lies ahead: without it, a pattern that
    no longer matches would rescan the rest of the text for every spaced line of the other.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.ahead: dict[re.Pattern[str], re.Match[str] | None] = {}

    def __call__(self, at: int) -> int:
        """A position on the next letter-spaced line from ``at`` (-1 when there is none)."""
        hits = []
        for p in (_SPACED, _SPACED_START):
            m = self.ahead.get(p)
            if p not in self.ahead or (m is not None and m.start() < at):
                m = self.ahead[p] = p.search(self.text, at)
            if m:
                hits.append(m.end() - 1)
        return min(hits) if hits else -1


def despace(text: str) -> str:
    """``text`` with its letter-spaced lines closed up (other lines unchanged)."""
    if " " not in text:
        return text
    parts: list[str] = []
    done = 0  # text[:done] is in parts already
    # the first line has no newline before it
    next_at = _Next(text)  # asked with ever larger offsets: each line ends after the last
    pos = 0 if _SPACED_START.match("\n" + text[:80]) else next_at(0)
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[start:end]
        closed = _close(line)
        if closed != line:
            parts.append(text[done:start])
            parts.append(closed)
            done = end
        pos = next_at(end)
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)
