"""Citation keys: stable, deterministic, lowercase ASCII, unique regardless of case, unlimited.

A key is the pinyin of the first author (or of the source, or of the title) plus the year,
``lishuiribao2018``. When that is taken, a letter is added as usual in author-year keys
(``lishuiribao2018a`` ... ``z``); after those, the initials of the title
(``lishuiribao2018ylsz`` for 以“丽水之干”担纲…), then a counter (``lishuiribao2018ylsz-2``,
``-3``, ...), so keys never run out and stay readable. Records that have a key keep it; the store
passes every key it ever issued as ``taken`` so that no key is given to a second source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

from .model import Reference

__all__ = ["assign_keys", "key_stem", "title_initials"]

_MAX_STEM = 24
_MAX_INITIALS = 4
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」『』\s]")


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _slug(text: str) -> str:
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", text))
    return _ascii("".join(lazy_pinyin(text[:64], errors=lambda s: s)))[:_MAX_STEM]


def key_stem(ref: Reference) -> str:
    """The key before disambiguation: name part + year (``xinhuashe2018``)."""
    name = ""
    if ref.author:
        a = ref.author[0]
        name = a.literal or a.family or a.given or ""
    name = name or ref.container_title or ref.authority or ref.title or "ref"
    stem = _slug(name) or "ref"
    year = ref.issued.year if ref.issued and ref.issued.year else None
    return f"{stem}{year}" if year else stem


def title_initials(ref: Reference) -> str:
    """First letters of the title's first words or characters (``丽水之干`` -> ``lszg``)."""
    title = unicodedata.normalize("NFKC", (ref.title or "")[:200])  # the first words are enough
    words = re.findall(r"[A-Za-z0-9]+|[^\W\d_A-Za-z]", title)[: _MAX_INITIALS * 2]
    letters = ""
    for word in words:
        if word.isascii():
            letters += word[0].lower()
        else:
            letters += _ascii("".join(lazy_pinyin(word, style=Style.FIRST_LETTER)))[:1]
        if len(letters) >= _MAX_INITIALS:
            break
    return letters


def assign_keys(refs: Iterable[Reference], taken: Iterable[str] = ()) -> list[Reference]:
    """Give every record without a usable key a fresh one not in ``taken`` (case-insensitive).

    Records whose key is already set and free keep it; the result is deterministic for a given
    input order and set of taken keys. Linear in the number of records.
    """
    used = {k.casefold() for k in taken}
    out: list[Reference] = []
    pending: list[int] = []
    for ref in refs:
        if ref.id and ref.id.casefold() not in used:
            used.add(ref.id.casefold())
        else:
            pending.append(len(out))
        out.append(ref)
    counters: dict[str, int] = {}
    for i in pending:
        ref = out[i]
        stem = key_stem(ref)
        base = stem + title_initials(ref)
        letter = next((stem + c for c in _LETTERS if stem + c not in used), None)
        if stem not in used:
            key = stem
        elif letter is not None:
            key = letter
        elif base not in used:
            key = base
        else:
            n = counters.get(base, 2)
            while f"{base}-{n}" in used:
                n += 1
            key = f"{base}-{n}"
            counters[base] = n + 1
        used.add(key)
        out[i] = ref.replace(id=key)
    return out
