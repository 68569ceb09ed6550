"""The folded form cues are matched on: NFKC and traditional -> simplified, one char for one.

Consumes document text; produces a string of the *same length* in which full-width forms,
compatibility characters (Kangxi radicals from PDF text layers: ``⼀`` -> ``一``) and traditional
characters (``來源`` -> ``来源``) are folded, so a span found in the folded text is the span of
the same words in the text as written. Records keep the text as written (:func:`restore`).
The Chinese punctuation that attributions use (（）：，；！？) stays full-width.
"""

from __future__ import annotations

import unicodedata

from ..checks.normalize_text import to_simplified
from .text import fold_width

__all__ = ["fold_text", "restore"]

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


def fold_text(text: str) -> str:
    """``text`` folded for matching; ``len(fold_text(t)) == len(t)``."""
    chars = set(text)
    for ch in chars - _SEEN:
        _learn(ch)
    if not any(ord(ch) in _MAP for ch in chars):
        return text
    return text.translate(_MAP)


def restore(value: str | None, folded: str, original: str) -> str | None:
    """The text as written of ``value``, a string cut from ``folded`` (the fold of ``original``).

    When ``value`` is not a plain slice of ``folded`` (it was cleaned), it is returned as is.
    """
    if not value or folded is original or folded == original:
        return value
    i = folded.find(value)
    return original[i : i + len(value)] if i >= 0 else value
