"""Cited-reference lines inside a bulletin -> records (GB/T 7714 entries quoted in the text).

Consumes the folded document lines and the text as written; produces :class:`CitedLine`
values: a record parsed by the shared GB/T 7714 grammar (:mod:`citekit.gbt_entry`), its line
span and an :class:`~.assess.Assessment`. Bulletins quote the article they reprint as
``引用格式：作者.题名[J].刊名,2024,12(3):45-67.``, list ``参考文献`` under an article, or print a
bare entry (``作者.题名[N].报纸,日期(版次).``).

A line is a candidate when it holds a document type code (``[J]``, ``[N]``, ``[EB/OL]``…), or
when it is announced as an entry (a cue on it or alone above it; a label in the list under a
``参考文献`` heading) — then a missing code is implied by the fields (serial, newspaper, book)
and the record says so. A body sentence carrying a footnote mark ``[1]`` is never a candidate.
A candidate becomes a record when the grammar reads it and its evidence scores high enough: a
cue, a list label, a ``参考文献`` section above, an author list, a container or publisher, a
year; a sentence around the entry (``。`` before the code, long running text) counts against
it. A text that is mostly entries is a reference list, left to ``citekit import``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gbt_entry import LABEL_RE, parse_entry
from ..model import Provenance, Reference
from .assess import Assessment
from .result import Unparsed
from .text import LineMap, match_starts

__all__ = ["MIN_SCORE", "CitedLine", "find_cited"]

# a type code in half- or full-width brackets
_CODE = re.compile(
    r"[\[［]\s*(?:DB|DS|CP|EB|CM|PP|[MCGNJDRSPAZK])\s*(?:/\s*(?:OL|CD|DK|MT|CD-ROM))?\s*[\]］]"
)
_CODE_HINTS = tuple(
    (o, re.compile(re.escape(o) + r"\s*(?:DB|DS|CP|EB|CM|PP|[MCGNJDRSPAZK])\s*[/\]］]"))
    for o in "[［"
)
#: a label that introduces the citation of the article itself
_CUE = re.compile(
    r"^\s*[【\[]?\s*(?:本文|文章|推荐)?(?:引用格式|引文格式|引用本文|引用请注明(?:以下信息)?|"
    r"引用|Cite this article|How to cite(?: this article)?|Citation)"
    r"\s*[】\]]?\s*[:：]?\s*",
    re.IGNORECASE,
)
#: a heading that opens a list of references
_SECTION = re.compile(
    r"^\s*[【\[]?\s*(?:参考文献|主要参考文献|参考资料|引用文献|文献|References?|Bibliography)"
    r"\s*[】\]]?\s*[:：]?\s*$",
    re.IGNORECASE,
)
#: how far below a 参考文献 heading its entries may run
_SECTION_SPAN = 60
#: records below this score are not emitted (a passage that only looks like an entry)
MIN_SCORE = 0.5
#: an entry wraps over at most this many lines
_MAX_LINES = 4
_SENTENCE_END = re.compile(r"[。！？]")


@dataclass(frozen=True, slots=True)
class CitedLine:
    """One cited reference found in a bulletin, with its span and how sure the finder is; or,
    where a cue or a 参考文献 list says a line is an entry the grammar cannot read, an
    :class:`~.result.Unparsed` item saying so (never silent)."""

    start_line: int
    end_line: int
    record: Reference | Unparsed
    assessment: Assessment | None


# literals that start every heading and cue word without a type code on its line (参考文献,
# 参考资料; 引用格式, 引用本文, 引用文献; 引文格式; References): the engine skips ahead to each,
# and each line found is then read with :data:`_SECTION` or :data:`_CUE`. (An English cue,
# ``Cite this article:``, is read on lines that hold a type code.)
_HINTS = tuple((w, re.compile(w)) for w in ("参考", "引用", "引文", "Reference"))


def _hinted(lines: LineMap) -> list[int]:
    """Lines holding a heading or cue word."""
    return lines.lines_of(match_starts(lines.text, _HINTS))


def _sections(lines: LineMap, hinted: list[int]) -> list[int]:
    """Lines of 参考文献-like headings among ``hinted``."""
    return [k for k in hinted if len(lines.line(k)) <= 30 and _SECTION.match(lines.line(k))]


def _listed(lines: LineMap, heading: int) -> list[int]:
    """The labelled lines of the list under a 参考文献 heading; it ends at two lines in a row
    that carry no label (running text again)."""
    out: list[int] = []
    bare = 0
    for k in range(heading + 1, min(lines.count, heading + _SECTION_SPAN) + 1):
        text = lines.line(k)
        if not text.strip():
            continue
        if LABEL_RE.match(text):
            out.append(k)
            bare = 0
        else:
            bare += 1
            if bare >= 2:
                break
    return out


def _cue_lines(lines: LineMap, hinted: list[int]) -> list[int]:
    """Lines that start with a cite-as cue (the entry on them), or hold it alone (the next)."""
    out = []
    for k in hinted:
        m = _CUE.match(lines.line(k))
        if m is None or not re.search(r"[:：】\]\s]\s*$", m.group(0)):
            continue  # 引用格式规范…: the word in a sentence, not a label
        if m.end() < len(lines.line(k).rstrip()):
            out.append(k)
        elif k + 1 <= lines.count and lines.line(k + 1).strip():
            out.append(k + 1)
    return out


def _in_section(sections: list[int], n: int) -> bool:
    return any(0 < n - k <= _SECTION_SPAN for k in sections)


def _strip_lead(text: str) -> tuple[str, list[str]]:
    """The entry without its cue or list label, and evidence for what was removed."""
    evidence: list[str] = []
    m = _CUE.match(text)
    if m and m.end() < len(text):
        text = text[m.end() :]
        evidence.append("cue:cite-as")
    m = LABEL_RE.match(text)
    if m:
        text = text[m.end() :]
        evidence.append("label")
    return text.strip(), evidence


# what follows the title tells the type: a serial (刊名, 2024, 12(3)), a newspaper (…报,
# 2024-01-02), a book (出版地: 出版者, 2019)
_IMPLIED = (
    (re.compile(r"^[^,，:：.。]{2,50}?报\s*[,，]\s*(?:19|20)\d\d\s*[-年./]\s*\d"), "[N]"),
    (re.compile(r"^[^,，:：.。]{2,60}?[,，]\s*(?:19|20)\d\d\s*(?:[,，]\s*\d|[(（]\s*\d)"), "[J]"),
    (re.compile(r"^[^,，:：.。]{2,20}\s*[:：]\s*[^,，:：]{2,40}?[,，]\s*(?:19|20)\d\d"), "[M]"),
)
_ELEMENT_END = re.compile(r"\.\s*|．\s*|。")


def _implied_code(entry: str) -> tuple[int, str] | None:
    """Where an entry without a type code needs one, and which: before the last element
    separator whose tail reads as a serial, a newspaper or a book's imprint."""
    for m in reversed(list(_ELEMENT_END.finditer(entry))):
        if m.start() < 4:
            break
        tail = entry[m.end() :].translate(_HALF)
        for pattern, code in _IMPLIED:
            if pattern.match(tail):
                return m.start(), code
    return None


_HALF = str.maketrans("，：（）", ",:()")


def _cue_above(lines: LineMap, n: int) -> bool:
    """The nearest non-blank line above ``n`` is a cue alone (``引用请注明以下信息:``)."""
    for k in range(n - 1, max(0, n - 3), -1):
        text = lines.line(k).strip()
        if text:
            m = _CUE.match(text)
            return m is not None and m.end() == len(text)
    return False


def _ends_entry(text: str) -> bool:
    """An entry's last line: a full stop after the code's fields (or a DOI or URL)."""
    s = text.rstrip()
    return s.endswith((".", "。", "．")) or bool(re.search(r"(?:doi|DOI|https?://)\S+$", s))


def find_cited(
    lines: LineMap, original: LineMap, path: str, taken: frozenset[int] = frozenset()
) -> list[CitedLine]:
    """Every cited-reference line of the document that scores at least :data:`MIN_SCORE`.

    :param lines: the folded lines (detection); ``original`` the same lines as written (values)
    :param taken: lines other finders have already made records of
    """
    # one pattern per opening bracket: a literal prefix lets the engine skip ahead
    starts = match_starts(lines.text, _CODE_HINTS)
    coded = set(lines.lines_of(starts))
    hinted = _hinted(lines)
    sections = _sections(lines, hinted)
    # announced lines without a code (引用格式：作者.题名.刊名,2024(3).; [1] … under 参考文献)
    # list labels are read on the text as written: the folded text may blank an item's number
    announced = set(_cue_lines(lines, hinted)) | {k for h in sections for k in _listed(original, h)}
    hits = sorted(coded | (announced - coded))
    out: list[CitedLine] = []
    used: set[int] = set()
    for n in hits:
        if n in used or n in taken:
            continue
        found = _read_at(lines, original, path, n, sections, inferred=n not in coded)
        if found is None:
            if _expects_entry(lines, original, n, sections):
                raw = original.line(n).strip()[:200]
                why = "cited-reference cue but the line does not read as a GB/T 7714 entry"
                out.append(CitedLine(n, n, Unparsed(Provenance(path, n, n, raw), why), None))
                used.add(n)
            continue
        if used.intersection(range(found.start_line, found.end_line + 1)):
            continue
        found = _with_statement_above(lines, found, used | taken)
        used.update(range(found.start_line, found.end_line + 1))
        if out and _said_again(out[-1], found):
            out[-1] = _merged(out[-1], found)  # a page printing its citation twice: one record
            continue
        out.append(found)
    if _is_a_list(lines, out):
        return []  # a pasted reference list, not a bulletin: `citekit import` reads it (W441)
    return out


#: a text whose non-blank characters lie this much on entries is a reference list, the share
#: ``formats.detect.document_or_list`` also uses to send such a file to import
_LIST_SHARE = 0.5
#: ... when it holds at least this many entries (a short bulletin quoting one article is not)
_LIST_ENTRIES = 3


def _is_a_list(lines: LineMap, found: list[CitedLine]) -> bool:
    records = [c for c in found if isinstance(c.record, Reference)]
    if len(records) < _LIST_ENTRIES:
        return False
    total = sum(len(lines.line(k).strip()) for k in range(1, lines.count + 1))
    inside = sum(
        len(lines.line(k).strip()) for c in records for k in range(c.start_line, c.end_line + 1)
    )
    return total > 0 and inside >= _LIST_SHARE * total


#: the same entry printed again within this many lines is one reference
_REPEAT_LINES = 3


def _expects_entry(lines: LineMap, original: LineMap, n: int, sections: list[int]) -> bool:
    """Line ``n`` is announced as an entry: a cue on it or above it, or a label in a list."""
    return bool(
        _CUE.match(lines.line(n))
        or _cue_above(lines, n)
        or (LABEL_RE.match(original.line(n)) and _in_section(sections, n))
    )


def _with_statement_above(
    lines: LineMap, c: CitedLine, busy: set[int] | frozenset[int]
) -> CitedLine:
    """The entry's span grown to the line right above when that line names the same journal
    (``全文刊登于《风景园林》2023年第4期`` over ``….[J].风景园林,2023,30(4):10-17.``): one article,
    said twice, is one reference."""
    ref = c.record
    if not isinstance(ref, Reference) or not ref.container_title or len(ref.container_title) < 2:
        return c
    k = c.start_line - 1
    if k < 1 or k in busy:
        return c
    above = lines.line(k)
    if not above.strip() or _CODE.search(above) or ref.container_title not in above:
        return c
    p = ref.provenance[0]
    grown = ref.replace(provenance=(Provenance(p.file, k, p.end_line, p.raw),))
    evidence = (*c.assessment.evidence, "context:source-line-above") if c.assessment else ()
    a = c.assessment
    assessment = Assessment(a.confidence, evidence, a.doubts) if a is not None else None
    return CitedLine(k, c.end_line, grown, assessment)


def _said_again(first: CitedLine, second: CitedLine) -> bool:
    a, b = first.record, second.record
    if not isinstance(a, Reference) or not isinstance(b, Reference):
        return False
    # the page's citation said once bare and once after its cue (引用本文: …); two entries of a
    # numbered list stay two, however alike
    cues = [_cued(c) for c in (first, second)]
    if cues.count(True) != 1 or any(_labelled(c) for c in (first, second)):
        return False
    return (
        second.start_line - first.end_line <= _REPEAT_LINES
        and a.title == b.title
        and a.container_title == b.container_title
        and a.issued == b.issued
    )


def _cued(c: CitedLine) -> bool:
    return c.assessment is not None and "cue:cite-as" in c.assessment.evidence


def _labelled(c: CitedLine) -> bool:
    return c.assessment is not None and "label" in c.assessment.evidence


def _merged(first: CitedLine, second: CitedLine) -> CitedLine:
    """One record spanning both printings; the better-scored one's values and evidence."""
    best = max((first, second), key=lambda c: c.assessment.confidence if c.assessment else 0.0)
    assert isinstance(best.record, Reference)  # _said_again compared two records
    p = best.record.provenance[0]
    span = Provenance(p.file, first.start_line, second.end_line, p.raw)
    return CitedLine(
        first.start_line, second.end_line, best.record.replace(provenance=(span,)), best.assessment
    )


def _read_at(
    lines: LineMap,
    original: LineMap,
    path: str,
    n: int,
    sections: list[int],
    *,
    inferred: bool = False,
) -> CitedLine | None:
    """The entry whose type code is on line ``n``: the line alone, with the lines it wraps
    onto, or with the line above that it continues."""
    best: CitedLine | None = None
    for start, end in _spans(lines, original, n):
        found = _score(lines, original, path, start, end, sections, inferred=inferred)
        if found is not None and (best is None or _confidence(found) > _confidence(best)):
            best = found
    return best if best is not None and _confidence(best) >= MIN_SCORE else None


def _confidence(c: CitedLine) -> float:
    return c.assessment.confidence if c.assessment is not None else 0.0


def _spans(lines: LineMap, original: LineMap, n: int) -> list[tuple[int, int]]:
    """Candidate line spans around the code on ``n``: (n, n), then wrapped forms (a list label,
    read on the text as written, starts another entry)."""
    spans = [(n, n)]
    end = n
    while not _ends_entry(lines.line(end)) and end - n < _MAX_LINES - 1:
        nxt = end + 1
        if nxt > lines.count or not lines.line(nxt).strip() or LABEL_RE.match(original.line(nxt)):
            break
        end = nxt
        spans.append((n, end))
    above = n - 1
    if above >= 1 and lines.line(above).strip() and not LABEL_RE.match(original.line(n)):
        prev = lines.line(above)
        cue = _CUE.match(prev)
        if cue and cue.end() >= len(prev.rstrip()):
            return spans  # a cue alone above: evidence, not part of the entry
        if not _CODE.search(prev) and not _SENTENCE_END.search(prev) and len(prev.strip()) <= 80:
            spans.append((above, spans[-1][1]))
    return spans


def _join(lines: LineMap, original: LineMap, start: int, end: int) -> tuple[str, str]:
    """Lines ``start``-``end`` as one entry, folded and as written (the same length: a space
    only between two Latin characters, decided on the folded text)."""
    folded = orig = ""
    for k in range(start, end + 1):
        f, o = lines.line(k), original.line(k)
        left = len(f) - len(f.lstrip())
        right = len(f.rstrip())
        f, o = f[left:right], o[left:right]
        if folded and folded[-1].isascii() and f[:1].isascii():
            folded, orig = folded + " ", orig + " "
        folded, orig = folded + f, orig + o
    return folded, orig


def _score(
    lines: LineMap,
    original: LineMap,
    path: str,
    start: int,
    end: int,
    sections: list[int],
    *,
    inferred: bool = False,
) -> CitedLine | None:
    """The record of lines ``start``-``end`` read as one entry, scored; None if no entry.
    ``inferred``: the entry is announced (cue, labelled in a 参考文献 list) but prints no type
    code; the code its fields imply is supplied, and the record says so."""
    folded, text = _join(lines, original, start, end)
    if len(text) > 600:
        return None  # a paragraph, not an entry
    lead, evidence = _strip_lead(folded)
    entry = text[len(folded) - len(lead) :].strip()  # the same cut of the text as written
    if "label" not in evidence and "label" in _strip_lead(text)[1]:
        evidence.append("label")  # [1] blanked in the folded text, printed in the original
    if inferred:
        if not evidence and not _in_section(sections, start) and not _cue_above(lines, start):
            return None
        at = _implied_code(lead)
        if at is None:
            return None
        pos, implied = at
        lead = lead[:pos] + implied + lead[pos:]
        entry = entry[:pos] + implied + entry[pos:]
        evidence.append("code:inferred")
    code = _CODE.search(lead)
    if code is None:
        return None
    before = lead[: code.start()]
    if _SENTENCE_END.search(before):
        return None  # the code sits in running text (…指出。王某.题名[J]…)
    csl, _why = parse_entry(entry)
    if csl is None or not csl.get("title"):
        return None
    if not any(csl.get(k) for k in ("container-title", "publisher", "URL", "issued")):
        return None  # nothing after the type code: a fragment, not an entry
    ref = Reference.from_csl({**csl, "id": "_"})
    if any(a.family == "others" and not a.given for a in ref.author):
        # 等 / et al.: more authors than printed, as the other extraction records say it
        ref = ref.replace(
            author=tuple(a for a in ref.author if not (a.family == "others" and not a.given)),
            extra={**ref.extra, "et-al": True},
        )
    score = 0.3
    doubts: list[str] = []
    if "cue:cite-as" not in evidence and _cue_above(lines, start):
        evidence.append("cue:cite-as")
    if "cue:cite-as" in evidence:
        score += 0.3
    elif "label" in evidence:
        score += 0.15
    if _in_section(sections, start):
        score += 0.2
        evidence.append("section:references")
    if ref.author:
        score += 0.15
    else:
        doubts.append("no author")
    if ref.container_title or ref.publisher or ref.url:
        score += 0.15
    else:
        doubts.append("no container or publisher")
    if ref.issued is not None:
        score += 0.1
    else:
        doubts.append("no year")
    if inferred:
        score -= 0.1
        doubts.append("no type code printed; implied by its fields")
    if len(ref.title or "") > 120:
        score -= 0.2
        doubts.append("very long title")
    if len(before) > 200:
        score -= 0.2
        doubts.append("long text before the type code")
    raw = "\n".join(original.line(k).strip() for k in range(start, end + 1))
    ref = ref.replace(id="", provenance=(Provenance(path, start, end, raw),))
    evidence.insert(0, "form:cited-reference")
    assessment = Assessment(round(max(0.0, min(1.0, score)), 2), tuple(evidence), tuple(doubts))
    return CitedLine(start, end, ref, assessment)
