"""The folded form cues are matched on: NFKC and traditional -> simplified, one char for one.

Consumes document text; produces a string of the *same length* in which full-width forms,
compatibility characters (Kangxi radicals from PDF text layers: ``⼀`` -> ``一``) and traditional
characters (``來源`` -> ``来源``) are folded, so a span found in the folded text is the span of
the same words in the text as written. Records keep the text as written (:func:`restore`).
The Chinese punctuation that attributions use (（）：，；！？) stays full-width.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata

from ..checks.normalize_text import to_simplified
from .text import fold_width

__all__ = ["fold_text", "restore", "restore_cleaned"]

_KEEP = frozenset("（）：，；！？")
#: char -> folded char, learnt one character at a time (only entries that change)
_MAP: dict[int, str] = {}
_SEEN: set[str] = set()


def _learn(ch: str) -> None:
    _SEEN.add(ch)
    if ch in _KEEP or ch.isascii():
        return
    new = fold_width(ch)
    if new == ch:
        nfkc = unicodedata.normalize("NFKC", ch)
        if len(nfkc) == 1 and nfkc not in _KEEP:
            new = nfkc
    if new >= "\u2e80":
        simple = to_simplified(new)
        if len(simple) == 1:
            new = simple
    if new != ch:
        _MAP[ord(ch)] = new


#: above this many characters outside GB2312 a text is traditional: every character is folded
_MANY = 200


class _TooMany(Exception):
    """Raised by the collector when a text is plainly not simplified Chinese."""


_LOCAL = threading.local()


def _collect(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: note the characters GB2312 lacks, skip them."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    found: list[str] = _LOCAL.found
    found.append(exc.object[exc.start : exc.end])
    if len(found) > _MANY:
        raise _TooMany
    return "", exc.end


codecs.register_error("citekit-fold-collect", _collect)


_CHAR_REF = re.compile(rb"&#(\d+);")


def _outside_gb2312(text: str) -> list[str]:
    """The characters of ``text`` GB2312 lacks, one per occurrence; raises _TooMany past _MANY.

    The encoder writes each as ``&#N;`` in C, far cheaper than a Python error handler per
    character; a text already holding ``&#`` goes through the handler instead.
    """
    if "&#" not in text:
        refs = _CHAR_REF.findall(text.encode("gb2312", "xmlcharrefreplace"))
        if len(refs) > _MANY:
            raise _TooMany
        return [chr(int(n)) for n in refs]
    found: list[str] = []
    _LOCAL.found = found
    text.encode("gb2312", "citekit-fold-collect")
    return found


def fold_text(text: str) -> str:
    """``text`` folded for matching; ``len(fold_text(t)) == len(t)``.

    Only traditional and compatibility characters are folded; full-width forms stay, since
    every stage width-folds the few lines it reads. GB2312 holds simplified characters only,
    so one pass of its (C) encoder finds the few characters worth a closer look.
    """
    if text.isascii():
        return text
    try:
        text.encode("gb2312")  # the common case: all simplified, nothing to fold
    except UnicodeEncodeError as exc:
        first = exc.start  # everything before it is in GB2312
    else:
        return text
    try:
        found = _outside_gb2312(text[first:])
    except _TooMany:
        # plainly traditional (or another script): fold every character
        chars = set(text)
        for ch in chars - _SEEN:
            _learn(ch)
        return text.translate(_MAP)
    table: dict[str, str] = {}
    for ch in set("".join(found)):
        if ch not in _SEEN:
            _learn(ch)
        new = _MAP.get(ord(ch), ch)
        # only what cue words are made of: Chinese characters (①, Ⅰ, ﹃ never spell a cue)
        if new != ch and fold_width(ch) == ch and new >= "\u2e80":
            table[ch] = new
    for ch, new in table.items():
        text = text.replace(ch, new)
    return text


def restore(value: str | None, folded: str, original: str) -> str | None:
    """The text as written of ``value``, a string cut from ``folded`` (the fold of ``original``).

    When ``value`` is not a plain slice of ``folded`` (it was cleaned), it is returned as is.
    """
    if not value or folded is original or folded == original:
        return value
    i = folded.find(value)
    return original[i : i + len(value)] if i >= 0 else value


def restore_cleaned(value: str | None, folded: str, original: str) -> str | None:
    """``value``, cut from ``folded`` and then cleaned (spaces and line breaks dropped), in the
    characters of ``original`` (the same text before folding, of the same length).

    The characters of ``value`` are looked for in order in ``folded``, whitespace there being
    skippable; when they are not found there, ``value`` is returned as is.
    """
    if not value or folded == original:
        return value
    first = value[0]
    start = folded.find(first)
    while start >= 0:
        out: list[str] = []
        i, j = start, 0
        while i < len(folded) and j < len(value):
            if folded[i] == value[j]:
                out.append(original[i])
                j += 1
            elif not folded[i].isspace():
                break
            i += 1
        if j == len(value):
            return "".join(out)
        start = folded.find(first, start + 1)
    return value
