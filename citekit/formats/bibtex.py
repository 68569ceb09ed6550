"""BibTeX / BibLaTeX <-> :class:`~citekit.model.Library` (the only module importing bibtexparser).

Export writes the entry types and fields that the GB/T 7714 LaTeX packages read
(gbt7714-bibtex-style for BibTeX, biblatex-gb7714-2015 for BibLaTeX): ``@newspaper``,
``@online``, ``@article`` + ``journal`` (BibTeX) or ``journaltitle`` (BibLaTeX), ``urldate``,
``langid``, ``date`` (BibLaTeX) or ``year`` + ``date`` (BibTeX). Chinese names and corporate
bodies are braced so that BibTeX never splits them (``{马跃明}``); LaTeX special characters are
escaped and read back exactly.

Round trip: ``from_bibtex(to_bibtex(lib)) == lib`` for every record. What has a BibTeX field is
written there; whatever would not read back identically from those fields (a CSL variable
without a BibTeX counterpart such as ``section``, a CSL type that the entry type does not name,
a value BibTeX would normalise, such as a line break in a title) is also carried, exactly, in
the custom field ``citekit-csl``: a JSON array of ``[variable, CSL-JSON value]`` pairs (``null``
removes a variable that the native fields would wrongly imply). Provenance travels in
``citekit-provenance`` (``[[file, start_line, end_line, raw], ...]``) and extraction warnings in
``citekit-warnings``. BibTeX and biber ignore fields they do not know. Braces inside these JSON
strings are written ``\\u007b``/``\\u007d`` so that every value has balanced braces.

Import reads any BibTeX/BibLaTeX file. Entry types map to CSL types (``@article`` ->
article-journal; ``@newspaper``, or ``@article`` + ``entrysubtype = {newspaper}``, ->
article-newspaper; ``@online`` -> webpage ...); names to :class:`~citekit.model.Name` (a braced
name or a Chinese name whole as ``literal``, ``Family, Given`` split); LaTeX to Unicode (escapes,
accents, ``\\emph{}``, ``--``). Fields citekit has no variable for are kept as written in
``custom.bibtex`` and written back. A CSL type that BibTeX has no entry type for is written
``@misc`` (or ``@online``, ``@legislation`` ...) with ``entrysubtype = {speech}``.

Problems, each at ``file:line`` (1-based), while the other entries still import:
E410 malformed entry (error) · E411 duplicate citation key (error) · E412 entry that cannot be
read (error) · E413 field given twice, the first is used · E414 a date, year, month or urldate
that is not one, kept as written · E415 unknown entry type, read as misc · E416 unreadable
``citekit-*`` field, ignored.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bibtexparser import model as btm
from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.library import Library as BibLibrary
from bibtexparser.middlewares.enclosing import AddEnclosingMiddleware
from bibtexparser.writer import BibtexFormat

from ..atomic import write_text_atomic
from ..errors import FormatError
from ..model import CSL_TYPES, DateError, Library, PartialDate, Provenance, Reference, is_cjk
from ..problems import Problems

__all__ = [
    "format_bibtex_name",
    "from_bibtex",
    "latex_escape",
    "latex_unescape",
    "load_bibtex",
    "parse_bibtex_name",
    "parse_bibtex_names",
    "to_bibtex",
    "write_bibtex",
]

# bibtexparser logs every syntax error it recovers from; we report them ourselves, with the file.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

FIELD_CSL = "citekit-csl"
FIELD_PROVENANCE = "citekit-provenance"
FIELD_WARNINGS = "citekit-warnings"

# ------------------------------------------------------------------------------ LaTeX text

_ESCAPES = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not, so \{ would unbalance the field.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A special character, or the empty position inside a LaTeX ligature (-- --- `` ''), which gets
# an empty group so that it stays two characters.
_ESCAPE_RE = re.compile(r"[\\{}%&$#_~^]|(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')")

_SYMBOLS = {
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textdollar": "$",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "S": "§",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    # In Chinese titles \quad stands for the full-width space of the printed title (GB/T 7714
    # examples: 信息与文献\quad 都柏林核心元数据元素集).
    "quad": "\u3000",
    "qquad": "\u3000\u3000",
}
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_WRAPPERS = frozenset(
    [
        "emph",
        "textit",
        "textbf",
        "textsc",
        "textrm",
        "textsf",
        "texttt",
        "textup",
        "textmd",
        "textnormal",
        "textsl",
        "mbox",
        "hbox",
        "text",
        "url",
        "NoCaseChange",
    ]
)
_WS_RE = re.compile(r"[ \t\r\n]+")
_LATEX_RE = re.compile(r"[\\{}~]|--|``|''")  # text without these is its own decoding
# BibTeX's whitespace; U+3000 and U+00A0 are text (a full-width space in a Chinese title).
_ASCII_WS = " \t\r\n"


def latex_escape(text: str) -> str:
    """Escape LaTeX special characters so that :func:`latex_unescape` gives ``text`` back."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(), "{}"), text)


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


def _argument(s: str, i: int) -> tuple[str, int] | None:
    """A macro argument at ``s[i]``: a brace group's content or one character."""
    while i < len(s) and s[i] in " \t\n":
        i += 1
    if i >= len(s):
        return None
    if s[i] == "{":
        end = _group(s, i)
        return None if end is None else (s[i + 1 : end - 1], end)
    if s[i] == "\\":
        return None
    return s[i], i + 1


def _decode(s: str) -> str:
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            d = s[i + 1]
            if d.isascii() and d.isalpha():
                j = i + 1
                while j < n and s[j].isascii() and s[j].isalpha():
                    j += 1
                name = s[i + 1 : j]
                k = j
                while k < n and s[k] in " \t\n":
                    k += 1
                if name in _ACCENTS and (arg := _argument(s, k)) is not None:
                    out.append(unicodedata.normalize("NFC", _decode(arg[0]) + _ACCENTS[name]))
                    i = arg[1]
                elif name in _SYMBOLS:
                    out.append(_SYMBOLS[name])
                    i = k + 2 if s.startswith("{}", k) else k
                elif name in _WRAPPERS and k < n and s[k] == "{" and (end := _group(s, k)):
                    out.append(_decode(s[k + 1 : end - 1]))
                    i = end
                else:  # a macro we do not know: kept as written, with its argument
                    end = _group(s, j) if j < n and s[j] == "{" else None
                    out.append(s[i : end or j])
                    i = end or j
                continue
            if d in _ACCENTS and (arg := _argument(s, i + 2)) is not None:
                out.append(unicodedata.normalize("NFC", _decode(arg[0]) + _ACCENTS[d]))
                i = arg[1]
                continue
            if d in "%&$#_{} ,;":
                out.append(" " if d in " ,;" else d)
            elif d == "\\":
                out.append(" ")  # \\ is a line break
            else:
                out.append(s[i : i + 2])
            i += 2
        elif c in "{}":
            i += 1
        elif c == "~":
            out.append(" ")  # a tie: layout, not content
            i += 1
        elif s.startswith("---", i):
            out.append("—")
            i += 3
        elif s.startswith("--", i):
            out.append("–")
            i += 2
        elif s.startswith("``", i):
            out.append("“")
            i += 2
        elif s.startswith("''", i):
            out.append("”")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def latex_unescape(text: str) -> str:
    """LaTeX field text -> Unicode: escapes, accents, ``\\emph{}``, ``--``; whitespace collapsed.

    Braces that only protect case are dropped; a macro it does not know is kept as written.
    """
    decoded = _decode(text) if _LATEX_RE.search(text) else text
    return _WS_RE.sub(" ", decoded).strip(_ASCII_WS)


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


def _split_top(s: str, sep: re.Pattern[str]) -> list[str]:
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
    parts = [p.strip(_ASCII_WS) for p in _split_top(text, _COMMA_RE)]
    if len(parts) == 1:
        whole = latex_unescape(text)
        if is_cjk(whole):
            # Chinese names are one unit; 沈 仁 (padded) is 沈仁.
            return {"literal": _SPACE_RE.sub("", whole)}
        words = [w for w in _split_top(text, _WS_RE) if w]
        if len(words) <= 1:
            return {"family": whole}
        return {"family": latex_unescape(words[-1]), "given": latex_unescape(" ".join(words[:-1]))}
    family = latex_unescape(parts[0])
    given = latex_unescape(parts[-1])
    if len(parts) > 2:  # von Last, Jr, First: the suffix follows the given name
        given = ", ".join(p for p in (given, *map(latex_unescape, parts[1:-1])) if p)
    out: dict[str, str] = {}
    if family:
        out["family"] = family
    if given:
        out["given"] = given
    return out


def parse_bibtex_names(value: str) -> list[dict[str, str]]:
    """A BibTeX name list (``A and B``) -> CSL name objects."""
    parts = _split_top(value.strip(_ASCII_WS), _AND_RE)
    return [parse_bibtex_name(p) for p in parts if p.strip(_ASCII_WS)]


def _protect(part: str) -> str:
    text = latex_escape(part)
    if not part or "," in part or _AND_RE.search(f" {part} "):
        return "{" + text + "}"
    return text


def format_bibtex_name(name: Mapping[str, Any]) -> str:
    """CSL name object -> BibTeX: literal names braced (``{马跃明}``), others ``Family, Given``."""
    literal, family, given = name.get("literal"), name.get("family"), name.get("given")
    if literal is not None:
        return "{" + latex_escape(str(literal)) + "}"
    fam = "" if family is None else str(family)
    if given is not None:
        return f"{_protect(fam) if fam else '{}'}, {_protect(str(given))}"
    if fam and not is_cjk(fam) and not _WS_RE.search(fam) and _protect(fam) == latex_escape(fam):
        return latex_escape(fam)
    return f"{_protect(fam)},"  # family only, said explicitly so that it is not read as literal


# ------------------------------------------------------------------------------- type tables

# CSL type -> (BibTeX entry type, BibLaTeX entry type, entrysubtype)
_OUT_TYPES: dict[str, tuple[str, str, str | None]] = {
    "article-journal": ("article", "article", None),
    "article-magazine": ("article", "article", "magazine"),
    "article-newspaper": ("newspaper", "newspaper", None),
    "article": ("preprint", "preprint", None),
    "paper-conference": ("inproceedings", "inproceedings", None),
    "book": ("book", "book", None),
    "chapter": ("incollection", "incollection", None),
    "entry-encyclopedia": ("incollection", "inreference", None),
    "entry-dictionary": ("incollection", "inreference", None),
    "thesis": ("phdthesis", "thesis", None),
    "report": ("techreport", "report", None),
    "webpage": ("online", "online", None),
    "post": ("online", "online", None),
    "post-weblog": ("online", "online", None),
    "legislation": ("misc", "legislation", None),
    "regulation": ("misc", "legislation", None),
    "standard": ("standard", "standard", None),
    "patent": ("patent", "patent", None),
    "dataset": ("dataset", "dataset", None),
    "software": ("misc", "software", None),
    "periodical": ("periodical", "periodical", None),
    "manuscript": ("unpublished", "unpublished", None),
    "personal_communication": ("misc", "letter", None),
    "map": ("map", "map", None),
    "graphic": ("misc", "image", None),
    "motion_picture": ("misc", "video", None),
    "pamphlet": ("booklet", "booklet", None),
}
# BibTeX/BibLaTeX entry type -> CSL type (``@article`` also looks at entrysubtype).
_IN_TYPES: dict[str, str] = {
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "preprint": "article",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "mvproceedings": "book",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "manual": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "inreference": "entry-encyclopedia",
    "reference": "book",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "standard": "standard",
    "patent": "patent",
    "dataset": "dataset",
    "database": "dataset",
    "software": "software",
    "program": "software",
    "periodical": "periodical",
    "unpublished": "manuscript",
    "letter": "personal_communication",
    "map": "map",
    "image": "graphic",
    "artwork": "graphic",
    "video": "motion_picture",
    "movie": "motion_picture",
    "audio": "song",
    "music": "song",
    "booklet": "pamphlet",
    "archive": "manuscript",
    "misc": "document",
}
_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
_PERIODICAL = frozenset(["article-journal", "article-magazine", "article-newspaper", "article"])
_IN_BOOK = frozenset(["chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"])
_WEB = frozenset(["webpage", "post", "post-weblog"])

# CSL language <-> babel language name in ``langid`` (read by both GB/T 7714 packages).
_LANGID_OUT = {
    "zh": "chinese",
    "zh-CN": "chinese",
    "en": "english",
    "en-US": "american",
    "en-GB": "british",
    "ja": "japanese",
    "ru": "russian",
    "fr": "french",
    "de": "german",
    "ko": "korean",
}
_LANGID_IN = {
    "chinese": "zh-CN",
    "english": "en",
    "american": "en-US",
    "USenglish": "en-US",
    "british": "en-GB",
    "UKenglish": "en-GB",
    "japanese": "ja",
    "russian": "ru",
    "french": "fr",
    "german": "de",
    "ngerman": "de",
    "korean": "ko",
}
# Scalar CSL variables with a BibTeX field of their own (beyond the model's declared fields).
_EXTRA_TEXT = {
    "ISBN": "isbn",
    "ISSN": "issn",
    "abstract": "abstract",
    "keyword": "keywords",
    "title-short": "shorttitle",
    "container-title-short": "shortjournal",
    "version": "version",
    "scale": "scale",
    "dimensions": "dimensions",
}
_VERBATIM = frozenset(["url", "doi", "eprint", "file"])
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_FIELD_RE = re.compile(r"^[a-z][a-z0-9_.:+-]*$")
_KEY_RE = re.compile(r"""^[^\s,{}()"#%'=\\~]+$""")
# Field order in the output, for people reading it; anything else follows in its own order.
_ORDER = [
    "entrysubtype",
    "author",
    "editor",
    "translator",
    "title",
    "shorttitle",
    "journal",
    "journaltitle",
    "shortjournal",
    "booktitle",
    "eventtitle",
    "venue",
    "howpublished",
    "organization",
    "series",
    "edition",
    "type",
    "volume",
    "number",
    "issue",
    "pages",
    "address",
    "location",
    "publisher",
    "institution",
    "school",
    "year",
    "month",
    "date",
    "urldate",
    "url",
    "doi",
    "isbn",
    "issn",
    "langid",
    "language",
    "note",
]


# ------------------------------------------------------------------------------ CSL -> fields


def _date_fields(date: Mapping[str, Any], biblatex: bool) -> dict[str, str]:
    try:
        pd = PartialDate.from_csl(date)
    except DateError:
        return {}
    if not pd.is_valid:
        return {"year": latex_escape(pd.literal or "")}
    if biblatex:
        return {"date": pd.iso()}
    out = {"year": str(pd.year)}
    if pd.month is not None:  # gbt7714-bibtex-style reads the full date from ``date``
        out["date"] = pd.iso()
    return out


def _accessed_field(date: Mapping[str, Any]) -> str | None:
    try:
        pd = PartialDate.from_csl(date)
    except DateError:
        return None
    return pd.iso() if pd.is_valid else latex_escape(pd.literal or "")


def _names_field(names: Any) -> str | None:
    if not isinstance(names, list) or not all(isinstance(n, Mapping) for n in names):
        return None
    return " and ".join(format_bibtex_name(n) for n in names)


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def _entry_type(csl_type: str, biblatex: bool, genre: str | None) -> tuple[str, str | None]:
    bibtex_type, biblatex_type, subtype = _OUT_TYPES.get(csl_type, ("misc", "misc", None))
    etype = biblatex_type if biblatex else bibtex_type
    if not biblatex and csl_type == "thesis" and genre and re.search(r"硕士|master", genre, re.I):
        etype = "mastersthesis"
    if subtype is None and _IN_TYPES.get(etype) != csl_type and csl_type in CSL_TYPES:
        # @misc + entrysubtype = {legislation}: the CSL type in a field BibTeX styles ignore
        subtype = csl_type
    return etype, subtype


def _container_field(csl_type: str, biblatex: bool) -> str:
    if csl_type in _PERIODICAL:
        return "journaltitle" if biblatex else "journal"
    if csl_type in _IN_BOOK:
        return "booktitle"
    if csl_type in _WEB:
        return "organization"
    return "howpublished"


def _publisher_field(csl_type: str, biblatex: bool) -> str:
    if csl_type == "report":
        return "institution"
    if csl_type == "thesis":
        return "institution" if biblatex else "school"
    return "publisher"


def _csl_to_fields(item: Mapping[str, Any], biblatex: bool) -> tuple[str, dict[str, str]]:
    """The native BibTeX fields (values as written, LaTeX-escaped) of a CSL-JSON item."""
    csl_type = str(item.get("type", "document"))
    genre = item.get("genre")
    etype, subtype = _entry_type(csl_type, biblatex, genre if isinstance(genre, str) else None)
    f: dict[str, str] = {}
    if subtype:
        f["entrysubtype"] = subtype

    def text(var: str, field: str) -> None:
        value = item.get(var)
        if isinstance(value, str | int) and not isinstance(value, bool) and field not in f:
            f[field] = latex_escape(str(value))

    for var in ("author", "editor", "translator"):
        if var in item and (names := _names_field(item[var])) is not None:
            f[var] = names
    text("title", "title")
    text("container-title", _container_field(csl_type, biblatex))
    text("collection-title", "series")
    text("edition", "edition")
    text("genre", "type")
    text("volume", "volume")
    if csl_type in _PERIODICAL or csl_type == "periodical":
        text("issue", "number")
    else:
        text("number", "number")
        text("issue", "issue")
    page = item.get("page")
    if isinstance(page, str | int) and not isinstance(page, bool):
        f["pages"] = latex_escape(str(page)).replace("-", "--")
    text("event-title", "eventtitle")
    text("event-place", "venue")
    text("publisher-place", "location" if biblatex else "address")
    text("publisher", _publisher_field(csl_type, biblatex))
    text("authority", "organization")
    if isinstance(item.get("issued"), Mapping):
        f.update(_date_fields(item["issued"], biblatex))
    if isinstance(item.get("accessed"), Mapping) and (acc := _accessed_field(item["accessed"])):
        f["urldate"] = acc
    for var, field in (("URL", "url"), ("DOI", "doi")):
        value = item.get(var)
        if isinstance(value, str):
            # Verbatim fields (url package, biber): braces and backslashes would end the field
            # early; RFC 3986 allows none of them, so their percent-encoding means the same.
            f[field] = value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    lang = item.get("language")
    if isinstance(lang, str):
        if lang in _LANGID_OUT:
            f["langid"] = _LANGID_OUT[lang]
        else:
            f["language"] = latex_escape(lang)
    for var, field in _EXTRA_TEXT.items():
        text(var, field)
    text("note", "note")
    custom = item.get("custom")
    if isinstance(custom, Mapping) and isinstance(custom.get("bibtex"), Mapping):
        for field, value in custom["bibtex"].items():
            key = str(field).lower()
            if (
                isinstance(value, str)
                and key not in f
                and _FIELD_RE.match(key)
                and _balanced(value)
                and not value.endswith("\\")
            ):
                f[key] = value  # as it was written in the .bib it came from
    return etype, f


# ------------------------------------------------------------------------------ fields -> CSL


def _parse_date(text: str) -> dict[str, Any]:
    try:
        return PartialDate.parse(text).to_csl()
    except DateError:
        return PartialDate.raw(text).to_csl()


def _month(text: str) -> int | None:
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    return _MONTHS.get(t[:3])


def _fields_to_csl(
    etype: str, fields: Mapping[str, str], warn: Any = None
) -> tuple[dict[str, Any], set[str]]:
    """Native BibTeX fields -> CSL-JSON variables, and the set of fields that were used.

    ``warn(field, message)`` is called for values that were kept but could not be read.
    """
    f = {k.lower(): v for k, v in fields.items()}
    used: set[str] = set()
    out: dict[str, Any] = {}

    def take(field: str) -> str | None:
        if field in f and field not in used:
            used.add(field)
            return f[field]
        return None

    def text(var: str, *candidates: str) -> None:
        if var in out:
            return
        for field in candidates:
            value = take(field)
            if value is not None:
                out[var] = latex_unescape(value)
                return

    subtype = (f.get("entrysubtype") or "").strip().lower()
    csl_type = _IN_TYPES.get(etype.lower(), "document")
    if etype.lower() == "article" and subtype in _SUBTYPES:
        csl_type = _SUBTYPES[subtype]
        used.add("entrysubtype")
    elif subtype in CSL_TYPES:
        csl_type = subtype
        used.add("entrysubtype")
    out["type"] = csl_type

    for var in ("author", "editor", "translator"):
        value = take(var)
        if value is not None:
            out[var] = parse_bibtex_names(value)
    text("title", "title")
    if csl_type in _WEB:
        text("container-title", "organization")
    text("container-title", "journaltitle", "journal", "booktitle", "howpublished")
    text("collection-title", "series")
    text("edition", "edition")
    text("genre", "type")
    text("volume", "volume")
    if csl_type in _PERIODICAL or csl_type == "periodical":
        text("issue", "number", "issue")
    else:
        text("number", "number")
        text("issue", "issue")
    pages = take("pages")
    if pages is not None:
        out["page"] = latex_unescape(pages.replace("--", "-"))
    text("event-title", "eventtitle")
    text("event-place", "venue")
    text("publisher-place", "location", "address")
    text("publisher", "publisher", "institution", "school")
    text("authority", "organization")

    date = take("date")
    if date is not None:
        out["issued"] = _parse_date(date.strip())
        if warn and "raw" in out["issued"]:
            warn("date", f"date {date.strip()!r} is not one day, month or year; kept as written")
        if "year" in f:
            used.add("year")
            used.update(k for k in ("month", "day") if k in f)
    elif "year" in f:
        year = latex_unescape(take("year") or "")
        month = take("month")
        day = take("day")
        parts = [year]
        m = _month(month) if month is not None else None
        if month is not None and m is None and warn:
            warn("month", f"month {month!r} is not a month; ignored")
        if m is not None:
            parts.append(str(m))
            if day is not None and day.strip().isdigit():
                parts.append(day.strip())
        out["issued"] = _parse_date("-".join(parts))
        if warn and "raw" in out["issued"]:
            warn("year", f"year {year!r} is not a date; kept as written")
    urldate = take("urldate")
    if urldate is not None:
        out["accessed"] = _parse_date(latex_unescape(urldate))
        if warn and "raw" in out["accessed"]:
            warn("urldate", f"urldate {urldate!r} is not a date; kept as written")
    for var, field in (("URL", "url"), ("DOI", "doi")):
        value = take(field)
        if value is not None:
            out[var] = value.strip(_ASCII_WS)
    langid = take("langid")
    language = take("language")
    for value in (langid, language):
        if value is not None and "language" not in out:
            word = latex_unescape(value)
            out["language"] = _LANGID_IN.get(word, _LANGID_IN.get(word.lower(), word))
    for var, field in _EXTRA_TEXT.items():
        text(var, field)
    text("note", "note")
    return out, used


def _read_fields(etype: str, fields: Mapping[str, str], warn: Any = None) -> dict[str, Any]:
    """Native fields -> CSL item; fields citekit has no variable for go to ``custom.bibtex``."""
    item, used = _fields_to_csl(etype, fields, warn)
    unknown = {k: v for k, v in fields.items() if k not in used}
    if unknown:
        item["custom"] = {"bibtex": unknown}
    return item


# ------------------------------------------------------------------------------ JSON carriers

_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _json_field(value: Any) -> str:
    """Compact JSON whose braces inside strings are \\u-escaped (the structural ones balance)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_STRING_RE.sub(
        lambda m: m.group().replace("{", "\\u007b").replace("}", "\\u007d"), text
    )


def _carried(item: Mapping[str, Any], back: Mapping[str, Any]) -> list[list[Any]]:
    """CSL variables that the native fields do not give back exactly, in a stable order."""
    return [
        [var, item.get(var)]
        for var in sorted(set(item) | set(back))
        if var != "id" and item.get(var) != back.get(var)
    ]


# -------------------------------------------------------------------------------------- export


def _entry(ref: Reference, biblatex: bool) -> btm.Entry:
    if not _KEY_RE.match(ref.id):
        raise FormatError(
            f"citation key {ref.id!r} cannot be written in BibTeX "
            "(no spaces, commas, braces, quotes or #%'=\\~)",
            ref.origin,
        )
    item = ref.to_csl(provenance=False)
    etype, fields = _csl_to_fields(item, biblatex)
    carried = _carried(item, _read_fields(etype, fields))
    ordered = sorted(fields, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))
    out = [btm.Field(k, fields[k]) for k in ordered]
    if carried:
        out.append(btm.Field(FIELD_CSL, _json_field(carried)))
    if ref.provenance:
        prov = [[p.file, p.start_line, p.end_line, p.raw] for p in ref.provenance]
        out.append(btm.Field(FIELD_PROVENANCE, _json_field(prov)))
    if ref.warnings:
        out.append(btm.Field(FIELD_WARNINGS, _json_field(list(ref.warnings))))
    return btm.Entry(etype, ref.id, out)


def to_bibtex(lib: Iterable[Reference], *, biblatex: bool = False) -> str:
    """Library -> BibTeX text (``biblatex=True``: BibLaTeX fields and entry types).

    Raises :class:`~citekit.errors.FormatError` for a citation key BibTeX cannot hold.
    """
    blib = BibLibrary([_entry(ref, biblatex) for ref in lib])
    fmt = BibtexFormat()  # type: ignore[no-untyped-call]
    fmt.indent = "  "
    fmt.value_column = 15  # values line up after "journaltitle = "; longer keys push theirs on
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    enclose = AddEnclosingMiddleware(
        allow_inplace_modification=True,
        default_enclosing="{",
        reuse_previous_enclosing=False,
        enclose_integers=True,
    )
    text: str = write_string(blib, unparse_stack=[enclose], bibtex_format=fmt)
    return text if text.endswith("\n") or not text else text + "\n"


def write_bibtex(lib: Iterable[Reference], path: str | Path, *, biblatex: bool = False) -> None:
    """Write a .bib file atomically (nothing is written if any record cannot be)."""
    write_text_atomic(path, to_bibtex(lib, biblatex=biblatex))


# -------------------------------------------------------------------------------------- import


def _line(block: btm.Block) -> int:
    return (block.start_line or 0) + 1


def _failure(block: btm.ParsingFailedBlock, text: str) -> str:
    err = block.error
    if isinstance(block, btm.DuplicateBlockKeyBlock):
        return f"duplicate citation key {block.key!r}; the first entry is kept"
    if isinstance(err, BlockAbortedException):
        reason = err.abort_reason.strip()
        if err.end_index is not None:
            reason += f" (reading stopped at line {text.count(chr(10), 0, err.end_index) + 1})"
        return f"malformed entry: {reason}"
    first = str(err).strip().splitlines()
    return f"malformed entry: {first[0] if first else type(err).__name__}"


_HASH_RE = re.compile(r"[ \t\r\n]*#[ \t\r\n]*")


def _concatenation(value: str, strings: Mapping[str, str]) -> str:
    """``rmrb # {（海外版）}`` -> 人民日报（海外版）: the parts of an unenclosed value, joined."""
    out = []
    for part in _split_top(value, _HASH_RE):
        part = part.strip(_ASCII_WS)
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return "".join(out)


def _entry_to_ref(
    entry: btm.Entry, where: str, problems: Problems, strings: Mapping[str, str]
) -> Reference:
    at = f"{where}:{_line(entry)}"
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for fld in entry.fields:
        key = fld.key.lower()
        if key in fields:  # BibTeX itself uses the first value
            problems.add(
                f"{where}:{(fld.start_line or 0) + 1}",
                "E413",
                f"entry {entry.key!r}: field {key!r} given twice; the first value is used",
            )
            continue
        value = fld.value if isinstance(fld.value, str) else str(fld.value)
        if fld.enclosing == "no-enclosing" and "#" in value:
            value = _concatenation(value, strings)
        fields[key] = value
        lines[key] = (fld.start_line if fld.start_line is not None else entry.start_line or 0) + 1

    def warn(field: str, message: str) -> None:
        problems.add(
            f"{where}:{lines.get(field, _line(entry))}", "E414", f"entry {entry.key!r}: {message}"
        )

    etype = entry.entry_type.lower()
    if etype not in _IN_TYPES:
        problems.add(at, "E415", f"entry {entry.key!r}: unknown entry type @{etype}, read as misc")
    native = {k: v for k, v in fields.items() if not k.startswith("citekit-")}
    item = _read_fields(etype, native, warn)
    item["id"] = entry.key
    provenance: tuple[Provenance, ...] = ()
    warnings: tuple[str, ...] = ()
    try:
        if FIELD_CSL in fields:
            for var, value in json.loads(fields[FIELD_CSL]):
                if value is None:
                    item.pop(str(var), None)
                else:
                    item[str(var)] = value
        if FIELD_PROVENANCE in fields:
            provenance = tuple(
                Provenance(str(f), int(s), int(e), str(r))
                for f, s, e, r in json.loads(fields[FIELD_PROVENANCE])
            )
        if FIELD_WARNINGS in fields:
            warnings = tuple(str(w) for w in json.loads(fields[FIELD_WARNINGS]))
    except (ValueError, TypeError) as exc:
        problems.add(
            at, "E416", f"entry {entry.key!r}: unreadable citekit-* field ({exc}); ignored"
        )
    ref = Reference.from_csl(item)
    return ref.replace(provenance=provenance, warnings=warnings, origin=at)


def from_bibtex(text: str, where: str = "<bibtex>", problems: Problems | None = None) -> Library:
    """Parse BibTeX/BibLaTeX text. Malformed entries go to ``problems`` (E41x); the rest load."""
    problems = problems if problems is not None else Problems()
    text = text.lstrip("\ufeff")
    parsed = parse_string(text)
    strings = {b.key.lower(): str(b.value) for b in parsed.strings}
    lib = Library()
    for block in parsed.blocks:
        at = f"{where}:{_line(block)}"
        entry: btm.Entry | None = None
        if isinstance(block, btm.Entry):
            entry = block
        elif isinstance(block, btm.DuplicateFieldKeyBlock):
            inner = block.ignore_error_block
            entry = inner if isinstance(inner, btm.Entry) else None
        elif isinstance(block, btm.ParsingFailedBlock):
            code = "E411" if isinstance(block, btm.DuplicateBlockKeyBlock) else "E410"
            problems.add(at, code, _failure(block, text), "error")
            continue
        if entry is None:
            continue  # @string, @preamble, @comment and text between entries
        try:
            ref = _entry_to_ref(entry, where, problems, strings)
        except (ValueError, DateError, TypeError, KeyError) as exc:
            problems.add(at, "E412", f"entry {entry.key!r} cannot be read: {exc}", "error")
            continue
        try:
            lib.add(ref)
        except KeyError:
            problems.add(
                at,
                "E411",
                f"duplicate citation key {ref.id!r} (keys are case-insensitive)",
                "error",
            )
    return lib


def load_bibtex(path: str | Path, problems: Problems | None = None) -> Library:
    """Read a .bib file (UTF-8, with or without BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 (byte {exc.start}); save the .bib file as UTF-8", str(path)
        ) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return from_bibtex(text, str(path), problems)
