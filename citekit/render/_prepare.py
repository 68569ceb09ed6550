"""Reference -> the CSL-JSON item citeproc-py is given, and the entry order of a bibliography.

Consumes :class:`~citekit.model.Reference` records; produces plain CSL-JSON dicts. The changes
made here are data normalisations the standard asks for, not output edits:

- CJK personal names become one ``literal`` name (GB/T 7714 never splits 陈登原 with a space);
- the entry language (``zh`` or ``en``) comes from ``language`` or, when it is missing, from the
  script of the title; it picks the layout and locale (等 vs et al.);
- a whole book that is the proceedings of a meeting (研讨会, conference ...) is typed
  ``paper-conference`` so that it gets the type code [C];
- an edition written with its term (``2020版``) keeps only the number, the style adds the term;
  full-width digits in volume, issue, page and edition become ASCII (３ -> 3);
- a container title wrapped in 《》 loses them (GB/T 7714 entries do not use book marks);
- a DOI that the URL already contains is not printed a second time;
- dates that are not calendar dates stay literal (``1865（清同治四年）``, ``c1980``); EDTF
  intervals become CSL date ranges (``1957/1990``; ``1984/`` is open, end ``[0]``), which the
  style prints with its range delimiter (``1957—1990``, ``1984—``);
- the holdings statement of a whole serial (``periodical``; GB/T 7714 8.x:
  年，卷（期）-年，卷（期）) given in ``volume`` (``1984, 1(1)-``, ``1957(1)-1990(4)``) is
  split into its first and last issue (year, volume, issue: the ``holdings-*`` variables),
  which the style prints with the punctuation of the entry's layout (``1984，1（1）—`` in a
  GB/T 7714-2025 Chinese entry);
- name suffixes lose their abbreviation point, as initials do (``Jr.`` -> ``Jr``; the engine
  sets the suffix off with a comma: ``PEEBLES P Z, Jr``);
- Zotero's "Extra" lines (``key: value`` in ``note``) become CSL variables (``extra.py``);
- editions as GB/T 7714 8.3.1 prints them (``editions.py``): no first edition, ``7 版``,
  ``2nd ed.``; a version loses its ``V`` (the style prints it: ``V2.0``, not ``VV2.0``);
- name particles (``van der``, ``de``) stand before the family name (``van der Maaten L``);
  a dropping particle is moved there too, as GB/T 7714 prints it;
- a letter or document held in an archive (``personal_communication``, ``manuscript``,
  ``document`` with ``archive`` or ``archive_location``) is an archive item [A];
- author-date order lives in ``_order.py`` (groups by language, pinyin with surname readings).
"""

from __future__ import annotations

import re
from typing import Any

from ..completeness import incomplete
from ..model import Reference, is_cjk
from ..problems import Problems
from ._order import order_author_date
from .editions import normalize_edition, normalize_version
from .extra import read_extra

__all__ = ["check_reference", "entry_language", "order_author_date", "prepare_item"]

_PROCEEDINGS = re.compile(
    r"会议|研讨会|年会|论坛论文|proceedings|conference|symposium|congress|workshop", re.I
)


def is_proceedings(title: str) -> bool:
    """A book titled as the proceedings of a meeting (研讨会, conference ...): [C]."""
    return bool(_PROCEEDINGS.search(title))


_BOOK_MARKS = re.compile(r"《[^《》]+》")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CJK_LANGS = ("zh", "ja", "ko")
#: GB/T 7714 lists at most three authors; the bundled styles' et-al-min
_ET_AL_MIN = 4


def entry_language(item: dict[str, Any]) -> str:
    """``zh`` or ``en``: which layout and locale an entry uses."""
    lang = str(item.get("language") or "").strip().lower()
    if lang:
        return "zh" if lang.split("-")[0] in _CJK_LANGS else "en"
    probe = " ".join(
        str(item.get(k) or "") for k in ("title", "container-title", "publisher")
    ) + " ".join(_name_text(n) for n in item.get("author", []) or [])
    return "zh" if is_cjk(probe) else "en"


def _name_text(name: Any) -> str:
    if isinstance(name, dict):
        return str(name.get("literal") or f"{name.get('family', '')}{name.get('given', '')}")
    return str(name)


def _is_others(name: dict[str, Any]) -> bool:
    """BibTeX's ``and others`` (a name ``others``): the list goes on beyond the names given."""
    family, given = str(name.get("family") or ""), str(name.get("given") or "")
    return not name.get("literal") and family.strip().lower() == "others" and not given.strip()


def _fix_names(names: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in names:
        if not isinstance(name, dict):
            name = {"literal": str(name)}
        family, given = str(name.get("family") or ""), str(name.get("given") or "")
        if _is_others(name):
            continue  # BibTeX "and others": see prepare_item
        if not name.get("literal") and is_cjk(family + given):
            # GB/T 7714: Chinese names are written whole, never "陈 登原"
            name = {"literal": re.sub(r"\s+", "", family + given)}
        name = dict(name)
        if name.get("suffix") and not name.get("literal"):
            # GB/T 7714 8.1.2 omits abbreviation points in names: "Jr." -> "Jr"
            suffix = str(name["suffix"]).replace(".", "").strip()
            if suffix:
                name["suffix"] = suffix
            else:
                del name["suffix"]
        out.append(name)
    return out


#: an EDTF interval of years: ``1957/1990``; open end ``1984/`` or ``1984/..`` (the years of a
#: serial, GB/T 7714 8.x). Intervals of full dates stay literal, printed as given.
_EDTF_YEARS = re.compile(r"^\s*(\d{4})\s*/\s*(\d{4}|\.\.)?\s*$")


def _interval(text: str) -> dict[str, Any] | None:
    """A CSL date range for an EDTF interval of years (an open end is ``[0]``), or None."""
    m = _EDTF_YEARS.match(text)
    if not m:
        return None
    begin = int(m[1])
    end = int(m[2]) if m[2] and m[2] != ".." else 0
    if end and end < begin:
        return None
    if end == begin:
        return {"date-parts": [[begin]]}
    return {"date-parts": [[begin], [end]]}


def _fix_date(value: Any) -> Any:
    if isinstance(value, dict) and "date-parts" not in value:
        text = value.get("literal") or value.get("raw")
        if text:
            return _interval(str(text)) or {"literal": str(text)}
    return value


_DASHES = "-‐‑–—―~～"
#: one end of a holdings statement: year, volume, (issue) -- each optional
_HOLDING = re.compile(
    r"^(?:(?P<year>\d{4})(?:\s*[,，]\s*(?P<volume>[^\s,，()（）]+))?"
    r"|(?P<volume_only>[^\s,，()（）]+))?"
    r"\s*(?:[(（]\s*(?P<issue>[^()（）]+?)\s*[)）])?$"
)


def _holding(text: str) -> dict[str, str] | None:
    """``1984, 1(1)`` -> {year: 1984, volume: 1, issue: 1}; None when it is not one."""
    m = _HOLDING.match(text.strip())
    if not m or not text.strip():
        return None
    found = {
        "year": m["year"],
        "volume": m["volume"] or m["volume_only"],
        "issue": m["issue"],
    }
    if found["volume"] and not found["year"] and re.fullmatch(r"\d{4}", found["volume"]):
        found["year"], found["volume"] = found["volume"], None  # 1957(1): a year, not a volume
    return {k: v for k, v in found.items() if v}


def _split_holdings(text: str) -> tuple[str, str | None] | None:
    """``1957(1)-1990(4)`` -> (``1957(1)``, ``1990(4)``); ``1984, 1(1)-`` -> (…, "");
    a statement without a range -> (text, None). The range dash is the one outside brackets."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
        elif ch in _DASHES and depth == 0:
            first, last = text[:i].strip(), text[i + 1 :].strip()
            if not first or any(c in _DASHES for c in last):
                return None
            return first, last
    return text.strip(), None


def _holdings(item: dict[str, Any]) -> dict[str, str]:
    """The ``holdings-*`` variables of a whole serial (``periodical``) from its ``volume``
    (a holdings statement, GB/T 7714 8.x: 年，卷（期）-年，卷（期）) and ``issue``; a single issue
    gets its year from ``issued`` (2021（5）, 2012，57（34））. Empty when ``volume`` is not a
    holdings statement (the style then prints it as given)."""
    volume = str(item.get("volume") or "").strip()
    split = _split_holdings(volume) if volume else ("", None)
    if split is None:
        return {}
    first_text, last_text = split
    first = _holding(first_text) if first_text else {}
    last = _holding(last_text) if last_text else {}
    if first is None or last is None:
        return {}
    if last_text is None:  # one issue, not a range
        if "issue" not in first and item.get("issue"):
            first["issue"] = str(item["issue"])
        parts = (item.get("issued") or {}).get("date-parts") or []
        if first and "year" not in first and len(parts) == 1 and parts[0]:
            first["year"] = str(parts[0][0])
    out = {f"holdings-first-{k}": v for k, v in first.items()}
    out.update({f"holdings-last-{k}": v for k, v in last.items()})
    if last_text is not None:
        out["holdings-range"] = "closed" if last else "open"
    return out


_ARCHIVE_TYPES = frozenset(["personal_communication", "manuscript", "document", "letter"])


def _particles(name: dict[str, Any]) -> dict[str, Any]:
    """A dropping particle moves before the family name, as GB/T 7714 prints particles
    (``DE GENNES P G`` / ``de Gennes P G``), with the non-dropping one."""
    dropping = str(name.get("dropping-particle") or "").strip()
    if not dropping or name.get("literal"):
        return name
    out = {k: v for k, v in name.items() if k != "dropping-particle"}
    nondrop = str(out.get("non-dropping-particle") or "").strip()
    out["non-dropping-particle"] = f"{dropping} {nondrop}".strip()
    return out


def prepare_item(csl: dict[str, Any], *, year_suffix: str = "") -> dict[str, Any]:
    """The CSL-JSON item handed to citeproc-py (``id`` is replaced by ``item``)."""
    csl = read_extra(csl)
    item = {k: v for k, v in csl.items() if k not in ("custom", "id")}
    item["id"] = "item"
    lang = entry_language(csl)
    item["language"] = "zh-CN" if lang == "zh" else "en-US"
    et_al_term = "等" if item["language"] == "zh-CN" else "et al."
    et_al_flag = bool(item.pop("et-al", False))
    for var in ("author", "editor", "translator", "container-author", "collection-editor"):
        if isinstance(item.get(var), list):
            names = item[var]
            more = any(isinstance(n, dict) and _is_others(n) for n in names)
            item[var] = [_particles(n) for n in _fix_names(names)]
            if not item[var]:
                del item[var]
            elif (more or (et_al_flag and var == "author")) and len(item[var]) < _ET_AL_MIN:
                # The source gave fewer names than there are (a byline ending in 等, BibTeX's
                # "and others"): show the style's et-al term after them, as GB/T 7714 §8.1.2
                # does when it truncates a list; from et-al-min on the style truncates itself.
                item[var].append({"literal": et_al_term})
    for var in ("issued", "accessed", "event-date", "original-date"):
        if var in item:
            item[var] = _fix_date(item[var])
    if item.get("type") == "book" and is_proceedings(str(item.get("title") or "")):
        item["type"] = "paper-conference"
    container = item.get("container-title")
    if isinstance(container, str) and _BOOK_MARKS.fullmatch(container):
        item["container-title"] = container[1:-1]  # 《人民日报》 -> 人民日报: 《》 is for prose
    for var in ("volume", "issue", "page", "edition"):
        if isinstance(item.get(var), str):
            item[var] = item[var].translate(_FULL_WIDTH_DIGITS)  # ３ -> 3, so 第 3 卷 / 3 版
    edition = item.get("edition")
    if isinstance(edition, int | str) and str(edition).strip():
        normal = normalize_edition(str(edition), lang)
        if normal is None:
            del item["edition"]  # GB/T 7714 8.3.1: a first edition is not given
        else:
            item["edition"] = normal
    if isinstance(item.get("version"), int | str):
        item["version"] = normalize_version(str(item["version"]))
    if item.get("type") in _ARCHIVE_TYPES and (item.get("archive") or item.get("archive_location")):
        item["type"] = "manuscript"  # held in an archive: [A] with its 档号 (GB/T 7714 4.x)
    if item.get("type") == "periodical":
        item.update(_holdings(item))
    doi, url = str(item.get("DOI") or ""), str(item.get("URL") or "")
    if doi and doi.lower() in url.lower():
        del item["DOI"]  # the URL already carries the DOI: print the identifier once
    if year_suffix:
        item["year-suffix"] = year_suffix
    return item


# ---------------------------------------------------------------------------------- checks


def check_reference(ref: Reference, problems: Problems) -> None:
    """Report what ``ref`` lacks for its type (the one rule, :mod:`citekit.completeness`);
    the entry still renders what it has."""
    problems.extend(incomplete(ref))
