"""Citation keys: stable, deterministic, lowercase ASCII, unique regardless of case.

A key is the pinyin of the first author (or of the source, or of the title) plus the year,
``lishuiribao2018``; clashes get ``a``, ``b``, ... in document order (``lishuiribao2018a``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pypinyin import lazy_pinyin

from .model import Reference

__all__ = ["assign_keys", "key_stem"]

_MAX_STEM = 24


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[《》〈〉“”\"'‘’「」『』\s]", "", text)
    ascii_parts = lazy_pinyin(text, errors=lambda s: s)
    out = "".join(ascii_parts).lower()
    out = unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", out)[:_MAX_STEM]


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


def _suffixes() -> Iterable[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for a in letters:
        for b in letters:
            yield a + b


def assign_keys(refs: Iterable[Reference], taken: Iterable[str] = ()) -> list[Reference]:
    """Give every record without a usable key a fresh one not in ``taken`` (case-insensitive).

    Records whose key is already set and free keep it; the result is deterministic for a given
    input order and set of taken keys.
    """
    used = {k.casefold() for k in taken}
    out: list[Reference] = []
    pending: list[tuple[int, Reference]] = []
    for ref in refs:
        if ref.id and ref.id.casefold() not in used:
            used.add(ref.id.casefold())
            out.append(ref)
        else:
            pending.append((len(out), ref))
            out.append(ref)
    for i, ref in pending:
        stem = key_stem(ref)
        key = (
            stem
            if stem not in used
            else next(stem + s for s in _suffixes() if (stem + s) not in used)
        )
        used.add(key)
        out[i] = ref.replace(id=key)
    return out
