"""BibTeX name lists <-> CSL names: ``{马跃明}`` whole, ``Smith, John`` split, ``van der``
particles as BibTeX's von part."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model import is_cjk
from .latex import latex_escape, latex_unescape

__all__ = ["format_bibtex_name", "parse_bibtex_name", "parse_bibtex_names", "split_top"]

_WS_RE = re.compile(r"[ \t\r\n]+")
_ASCII_WS = " \t\r\n"


def _group(s: str, i: int) -> int | None:
    """Index just past the brace group opening at ``s[i]``, or None when unbalanced."""
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


# ------------------------------------------------------------------------------------- names


def _depths(s: str) -> list[int]:
    """Brace depth at each character (escaped braces do not count)."""
    out, depth, escaped = [], 0, False
    for c in s:
        if not escaped and c == "{":
            depth += 1
        out.append(depth)
        if not escaped and c == "}":
            depth -= 1
        escaped = not escaped and c == "\\"
    return out


def split_top(s: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``s`` at matches of ``sep`` outside braces."""
    if "{" not in s:
        return sep.split(s)
    depth = _depths(s)
    parts, start = [], 0
    for m in sep.finditer(s):
        if all(depth[k] == 0 for k in range(m.start(), m.end())):
            parts.append(s[start : m.start()])
            start = m.end()
    parts.append(s[start:])
    return parts


_AND_RE = re.compile(r"[ \t\r\n]+and[ \t\r\n]+", re.IGNORECASE)
_COMMA_RE = re.compile(r",")
_SPACE_RE = re.compile(r"\s+")


def _whole_group(s: str) -> bool:
    return s.startswith("{") and _group(s, 0) == len(s)


def parse_bibtex_name(text: str) -> dict[str, str]:
    """One BibTeX name -> CSL name: ``{马跃明}``/``马跃明`` literal, ``Smith, John`` split."""
    text = text.strip(_ASCII_WS)
    if _whole_group(text):
        return {"literal": latex_unescape(text[1:-1])}
    parts = [p.strip(_ASCII_WS) for p in split_top(text, _COMMA_RE)]
    if len(parts) == 1:
        whole = latex_unescape(text)
        if is_cjk(whole):
            # Chinese names are one unit; 沈 仁 (padded) is 沈仁.
            return {"literal": _SPACE_RE.sub("", whole)}
        words = [w for w in split_top(text, _WS_RE) if w]
        if len(words) <= 1:
            return {"family": whole}
        return {"family": latex_unescape(words[-1]), "given": latex_unescape(" ".join(words[:-1]))}
    particle, family = _von(parts[0])
    given = latex_unescape(parts[-1])
    # von Last, Jr, First: the middle part is the suffix
    suffix = ", ".join(p for p in map(latex_unescape, parts[1:-1]) if p)
    out: dict[str, str] = {}
    if particle:
        out["non-dropping-particle"] = particle
    if family:
        out["family"] = family
    if given:
        out["given"] = given
    if suffix:
        out["suffix"] = suffix
    return out


def _von(last: str) -> tuple[str, str]:
    """``van der Maaten`` / ``{van der} Maaten`` -> (``van der``, ``Maaten``): BibTeX's von
    part, the leading words in lower case (a braced group counts by its first letter)."""
    words = [w for w in split_top(last, _WS_RE) if w]
    texts = [latex_unescape(w) for w in words]
    n = 0
    while n < len(texts) - 1 and texts[n][:1].islower():
        n += 1
    if not n:
        return "", latex_unescape(last)
    return " ".join(texts[:n]), " ".join(texts[n:])


def parse_bibtex_names(value: str) -> list[dict[str, str]]:
    """A BibTeX name list (``A and B``) -> CSL name objects."""
    parts = split_top(value.strip(_ASCII_WS), _AND_RE)
    return [parse_bibtex_name(p) for p in parts if p.strip(_ASCII_WS)]


def _protect(part: str) -> str:
    text = latex_escape(part)
    if not part or "," in part or _AND_RE.search(f" {part} "):
        return "{" + text + "}"
    return text


def format_bibtex_name(name: Mapping[str, Any], *, biblatex: bool = False) -> str:
    """CSL name object -> BibTeX: literal names braced (``{马跃明}``), others ``Family, Given``."""
    literal, family, given = name.get("literal"), name.get("family"), name.get("given")
    if literal is not None:
        return "{" + latex_escape(str(literal)) + "}"
    fam = "" if family is None else str(family)
    particle = str(name.get("non-dropping-particle") or "").strip()
    if particle and fam:
        # {van der} Maaten: braced, the particle stays with the family name in the GB/T 7714
        # styles (VAN DER MAATEN L, not Maaten L van der)
        head = "{" + latex_escape(particle) + "} " + _protect(fam)
        return f"{head}, {_protect(str(given))}" if given is not None else f"{head},"
    suffix = name.get("suffix")
    if biblatex and suffix:
        suffix = str(suffix).replace(".", "").strip()  # as GB/T 7714 prints it: Jr, not Jr.
    if given is not None and suffix:
        # von Last, Jr, First (biblatex-gb7714 prints PEEBLES P Z, Jr)
        return f"{_protect(fam) if fam else '{}'}, {_protect(str(suffix))}, {_protect(str(given))}"
    if given is not None:
        return f"{_protect(fam) if fam else '{}'}, {_protect(str(given))}"
    if fam and not is_cjk(fam) and not _WS_RE.search(fam) and _protect(fam) == latex_escape(fam):
        return latex_escape(fam)
    if biblatex and is_cjk(fam):
        # whole, as a literal name (the same text in every GB/T 7714 style): biblatex-gb7714
        # deletes a comma after a CJK character in name lists (陈, 登原 -> 陈登原), which would
        # glue 哈里森, to the next " and "
        return "{" + latex_escape(fam) + "}"
    return f"{_protect(fam)},"  # family only, said explicitly so that it is not read as literal
