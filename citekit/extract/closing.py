"""Lines that close an article's block and name its source by their shape, with no cue word.

Consumes the folded :class:`~.text.LineMap`; produces :class:`~.splitter.Candidate` values of
form ``closing`` for the last line of a block of text (title and body above it, a blank line or
the end below) when what the line holds is scored as a source by its evidence, not by a
keyword: ``（轉載：論盡媒體）``, ``〈星島頭條〉``, ``[People's Daily Online]``, ``(民視新聞/王富民、
張育睿 台北報導)``, ``People's Daily Online, 08:22, January 10, 2024 (Xinhua)``. Evidence:
the whole line in brackets; book-title brackets (a publication's name); a short label before a
colon (whatever the word); an outlet-name ending; reporters after a slash; a day; a Latin name
with a news word; and the same line shape closing other blocks of the document. Two regex
passes find the lines wholly in brackets or ending on a day; the rest of the text is never read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .cues import CUES
from .dates import find_dates
from .legislation import POLICY_END
from .patterns import Hit
from .splitter import Candidate
from .text import LineMap

__all__ = ["NEWS_WORD", "closing_lines"]

_PAIRS = dict(zip("（([【〈《〔「", "）)]】〉》〕」", strict=True))
# a line wholly in brackets (from its newline: a literal head the engine skips ahead to), and a
# line ending on a Chinese day (…日) before a blank line; digits as a head would stop it at every
# number of the text
_BRACKETED_LINE = re.compile(
    r"\n[ \t]*[（(\[【〈《〔「][^\n]{1,80}[）)\]】〉》〕」][ \t]*(?=\n|\Z)"
)
_DAY_END = re.compile(r"日[ \t]*\n[ \t]*(?=\n|\Z)")
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{1,4})\s*[:：]\s*")
_FIELD = re.compile(r"^(?P<label>[A-Za-z]{2,12}|[\u4e00-\u9fff]{2,4})\s*[:：]\s*")
_DATE_LABELS = frozenset(CUES.date_label) | {"updated"}
_WEEKDAY = re.compile(r"(?:星期|周)[一二三四五六日天]|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b")
_STOP = re.compile(r"[。！？!?；;]")
_SENTENCE = re.compile(r"[。！？!?；;]|[，,].*[，,].*[，,]")
_SUFFIX = re.compile(CUES.outlet_end)
_OUTLET_END = re.compile(rf"{CUES.outlet_end}$")
#: a word of a news outlet's name (China Daily, Global Times, chinadaily.com.cn)
NEWS_WORD = re.compile(
    r"\b(?:Daily|Times|Post|News|Online|Press|Herald|Tribune|Journal|Xinhua|Network|Agency|"
    r"Radio|TV|Weekly|Review|Gazette|Observer|Telegraph|Monitor|Reuters|AFP|CGTN|CCTV|"
    r"Bloomberg|Guardian|Magazine)\b|\.(?:com|cn|net|org)\b"
)
_REPORTED = re.compile(r"^(?P<names>[^/／]{2,24}?)\s*(?:[\u4e00-\u9fff]{2,3})?报[导道]$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.&'’-]*(?:\s+(?:[A-Z][A-Za-z.&'’()-]*|of|the|and|&)){0,5}$")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?|\b(?:[AP]M|HKT|BJT|GMT)\b")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,16}$")
_NOT_SOURCE = frozenset(CUES.not_author) | {
    "完",
    "全文完",
    "待续",
    "未完待续",
    "续",
    "注",
    "按",
    "图",
    "end",
    "the end",
}
_NOT_LABEL = (*CUES.not_author, *CUES.date_label, "注", "按", "图", "附")
#: evidence a closing line needs (see :func:`_score`); a shape closing three blocks or more
#: of a document adds one
_ENOUGH = 2
_REPEATED = 3
#: evidence that makes a line a source wherever it stands (a publication in 《》 and its day)
_STRONG = 3
#: the longest line read as a closing source line
_MAX_LINE = 80


@dataclass(frozen=True, slots=True)
class _Reading:
    phrase: str
    authors: tuple[str, ...]
    score: int
    shape: str


def closing_lines(
    lines: LineMap, taken: frozenset[int], cued: Iterable[int] = ()
) -> list[Candidate]:
    """Candidates for the block-closing lines scored as sources: lines wholly in brackets or
    ending on a day, and the ``cued`` lines (a cue word, no form read: ``China Daily (Hong
    Kong), 2018-03-20``); lines in ``taken`` are skipped."""
    text = lines.text
    found: list[tuple[int, _Reading]] = []
    ends = sorted(
        {lines.line_of(m.start() + 1) for m in _BRACKETED_LINE.finditer(text)}.union(
            lines.line_of(m.start()) for m in _DAY_END.finditer(text)
        ).union(cued)
    )
    for n in ends:
        reading = _placed_reading(lines, n) if n not in taken else None
        if reading is not None and reading.score >= _ENOUGH - 1:
            found.append((n, reading))
    if not found:
        return []
    shapes = Counter(r.shape for _, r in found)
    if any(r.score < _ENOUGH for _, r in found):
        # a weak shape counts the lines other forms read too (（明報）, （力報） around a
        # （論盡媒體）): read only when a weak line waits on them
        for n in ends:
            if n in taken:
                r = _placed_reading(lines, n)
                if r is not None:
                    shapes[r.shape] += 1
    out: list[Candidate] = []
    for n, r in found:
        score = r.score + (shapes[r.shape] >= _REPEATED)
        if score >= _ENOUGH:
            hit = Hit("closing", 0, len(lines.line(n)), r.phrase, authors=r.authors)
            out.append(Candidate(hit, n, n, lines.line(n).strip(), ""))
    return out


def _placed_reading(lines: LineMap, n: int) -> _Reading | None:
    """The reading of line ``n`` where it stands where a source line does, else None."""
    if n < 3:
        return None
    line = lines.line(n).strip()
    if not 2 <= len(line) <= _MAX_LINE:
        return None
    at_end = _at_block_end(lines, n)
    if not (at_end or line[0] in _PAIRS) or not _body_above(lines, n):
        return None  # (the cheap tests first)
    placed = at_end or (line[0] in _PAIRS and _title_below(lines, n))
    if not placed and line[0] != "《":
        return None  # in text without blank lines, a line wholly in brackets (or strong)
    reading = _read(line)
    if not placed and (reading is None or reading.score < _STRONG):
        return None
    return reading


def _at_block_end(lines: LineMap, n: int) -> bool:
    return n >= lines.count or not lines.line(n + 1).strip()


def _title_below(lines: LineMap, n: int) -> bool:
    """In text without blank lines: the next line a title (short, no sentence), text under it."""
    if n + 2 > lines.count:
        return False
    title, below = lines.line(n + 1).strip(), lines.line(n + 2).strip()
    return 4 <= len(title) <= 40 and not _STOP.search(title[-1:]) and len(below) > len(title)


def _body_above(lines: LineMap, n: int) -> bool:
    """A title and a body above line ``n`` in its block (two non-blank lines, one long; in a
    text with a blank line after every line, the blank lines between them are skipped)."""
    above = [lines.line(k).strip() for k in range(max(1, n - 4), n)]
    if above and not above[-1]:
        above = above[::2] if len(above) == 4 and not above[1] else []  # double-spaced
    above = [a for a in above if a][-2:]
    return len(above) == 2 and max(len(a) for a in above) >= 12


def _read(line: str) -> _Reading | None:
    """The source a closing line names, with its evidence score, or None."""
    opener = line[0]
    if opener in _PAIRS and line.endswith(_PAIRS[opener]) and _single(line):
        return _read_bracketed(opener, line[1:-1].strip())
    return _read_dated(line)


def _single(line: str) -> bool:
    """The line's first bracket closes at its end (not ``（甲）…（乙）``)."""
    opener, closer = line[0], _PAIRS[line[0]]
    depth = 0
    for i, c in enumerate(line):
        if c == opener:
            depth += 1
        elif c == closer:
            depth -= 1
            if depth == 0:
                return i == len(line) - 1
    return False


def _read_bracketed(opener: str, inner: str) -> _Reading | None:
    if len(inner) < 2 or inner.lower() in _NOT_SOURCE or _SENTENCE.search(inner):
        return None
    score = 0  # a whole line in brackets is no evidence alone: （2024年国庆黄金周数字）
    shape = opener
    if opener == "〈":
        score += 1  # a publication's name in single book-title brackets (《…》 alone on a
        # line is as often a law or a book cited by title)
    label = _LABEL.match(inner)
    if label:
        if label["label"].strip().lower().endswith(_NOT_LABEL):  # （本期编辑：…）
            return None
        inner = inner[label.end() :].strip()
        score += 1
        shape += ":"
    if any(inner.startswith(w) or inner.endswith(w) for w in _NOT_SOURCE if len(w) > 1):
        return None  # （编辑：…）, （责任编辑 …）: a role, no source
    authors: tuple[str, ...] = ()
    name = inner
    if "/" in inner or "／" in inner:
        name, _, rest = inner.replace("／", "/").partition("/")
        rep = _REPORTED.match(rest.strip())
        if rep is None:
            return None
        authors = tuple(a for a in re.split(r"[、,，\s]+", rep["names"].strip()) if a)
        score += 1
        shape += "/"
    name, date = _without_date(name.strip())
    if date:
        score += 1
        shape += "d"
    if not name or len(name) > 30 or name.endswith(("摄", "图", "记者")):
        return None  # a photo's credit, a reporter without a paper
    if _OUTLET_END.search(name) or NEWS_WORD.search(name):
        score += 1
    elif not (_CJK_NAME.match(name) or _LATIN_NAME.match(name)):
        return None
    if date and score == 1:
        return None  # a day beside a name that nothing else marks as a source
    if score == 0:
        # （論盡媒體）: a name alone in brackets, a source only where the shape closes three
        # blocks or more of the document (a bulletin's house style), not a note or an aside
        return _Reading(name, (), 1, shape) if _CJK_NAME.match(name) else None
    score += 1  # the whole line in brackets, holding a name another mark makes a source
    phrase = f"{name} {date}" if date else name
    return _Reading(phrase, authors, score, shape)


def _read_dated(line: str) -> _Reading | None:
    """``People's Daily Online, 08:22, January 10, 2024 (Xinhua)``, ``China Daily (Hong Kong),
    2018-03-20``: an outlet with a news word or an outlet ending, and its day."""
    quoted = line.startswith("《")
    if _STOP.search(line) or not (quoted or NEWS_WORD.search(line) or _SUFFIX.search(line)):
        return None  # (a cheap test first: no outlet-like word, no source)
    name, date = _without_date(line)
    if not date or not name:
        return None
    label = _FIELD.match(name)
    if label and label["label"].lower() in _DATE_LABELS:
        name = name[label.end() :]  # Updated: Sep 27,2019 07:27 PM Xinhua
    name = re.sub(r"\s*[(（][^()（）]{1,20}[)）]\s*$", "", name).strip()  # (Xinhua): the wire's
    whole = re.fullmatch(r"《([^《》]{2,30})》", name)
    if whole and not POLICY_END.search(whole.group(1)):
        # 《中国食品工业》2024-1（下）: a publication's name in book-title marks and its day
        # (《…条例》2018年修正: a document, the legislation reader's)
        return _Reading(f"《{whole.group(1)}》 {date}", (), 3, "《d")
    if not (_OUTLET_END.search(name) or NEWS_WORD.search(name)):
        return None
    if not (_CJK_NAME.match(name) or _LATIN_NAME.match(name)):
        return None
    return _Reading(f"{name} {date}", (), 2, "d")


def _without_date(text: str) -> tuple[str, str]:
    """``text`` without its first day (and times), and that day's text ('' when none)."""
    dates = [d for d in find_dates(text) if d.valid]
    if not dates:
        return text, ""
    d = dates[0]
    rest = text[: d.start] + " " + text[d.end :]
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = re.sub(r"\s*[,，|]\s*[,，|]?\s*(?=[(（]|$)", " ", rest)  # the fields' commas
    rest = re.sub(r"\s+", " ", rest).strip(" ,，|·-—–")
    return rest, d.raw
