"""The citeproc-py adapter: the only module that imports ``citeproc``.

Consumes a :class:`~citekit.render._styles.Style` and prepared CSL-JSON items (see
``_prepare.py``); produces one formatted entry or citation per call. It works around the
citeproc-py 0.11 defects that GB/T 7714 exposes in the style it hands to citeproc, in the items,
or in a subclassed element of its own parser — never by editing citeproc's output:

- ``cs:group`` suppression: citeproc-py drops a group when a child merely *mentions* a
  variable (the lost ``[N]``/``[J]``); :class:`_Group` counts only variables actually called.
- CSL-M ``cs:layout locale="en"``: citeproc-py knows one layout, so each entry language gets a
  variant of the style holding only its layout and its locale (English entries: et al., ed.;
  Chinese entries: 等, 版 — in the same bibliography; no en-US ordinal fallback in Chinese).
- ``second-field-align``: ignored by citeproc-py; the variant drops the first field (the
  ``[1]`` label) from the layout and the adapter returns the label apart from the text.
- ``cs:substitute``: names substituted for the author inherit the parent ``cs:name`` and
  ``cs:et-al`` (CSL 1.0.2 §Substitute), which citeproc-py forgets.
- literal (corporate) names: citeproc-py upper-cases them with the family name-part; the
  adapter applies the family name case to personal names only.
- citation layouts lose their affixes and delimiter in the variant, so ``render_citations``
  can collapse citation numbers (``[1-3]``) and join items of different languages.
- date ranges: citeproc-py always joins them with an en dash; :class:`_Date` uses the
  ``range-delimiter`` of the largest date part that differs (CSL 1.0.2 §Date-part), the year's
  for an open range (``1984—``), as GB/T 7714-2025 prints them.
- name suffixes: CSL joins an inverted name's parts with ``sort-separator`` (a space in GB/T
  7714: ``PEEBLES P Z``); the standard sets a suffix off with a comma (``PEEBLES P Z, Jr``),
  which :class:`_Name` does with the name list's delimiter.

Speed: entries are rendered one at a time (no quadratic work on long lists; each entry can be
cached), with the style's type conditions decided once per item type, and — for plain styles —
as shared templates (verbatim strings and dates tokenized, checked equal to direct rendering).
"""

from __future__ import annotations

import copy
import io
import json
import threading
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc import __version__ as _citeproc_version
from citeproc.model import (
    Choose,
    CitationStylesElement,
    Date,
    Else,
    Group,
    Name,
    Names,
    Number,
    Parent,
    Text,
)
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from lxml import etree

from ..errors import StyleError
from ._styles import CSL_NS, Style

__all__ = ["ENGINE_VERSION", "FORMATS", "Engine", "engine_for"]

#: what the rendered output depends on besides the item and the style (a cache-key part)
ENGINE_VERSION = f"citeproc-py {_citeproc_version}"

FORMATS = ("text", "html", "markdown")
_NS = {"cs": CSL_NS}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _Markdown:
    """A citeproc-py output format for Markdown (escapes what Markdown would interpret)."""

    @staticmethod
    def preformat(text: str) -> str:
        out = str(text)
        for ch in ("\\", "*", "_", "`", "<"):
            out = out.replace(ch, "\\" + ch)
        return out

    class _Wrap(str):
        mark = ""

        def __new__(cls, text: str) -> _Markdown._Wrap:
            return str.__new__(cls, f"{cls.mark}{text}{cls.mark}" if text else text)

    class Italic(_Wrap):
        mark = "*"

    class Oblique(Italic):
        pass

    class Bold(_Wrap):
        mark = "**"

    class Light(_Wrap):
        pass

    class Underline(_Wrap):
        pass

    class SmallCaps(_Wrap):
        pass

    class Superscript(str):
        def __new__(cls, text: str) -> _Markdown.Superscript:
            return str.__new__(cls, f"<sup>{text}</sup>")

    class Subscript(str):
        def __new__(cls, text: str) -> _Markdown.Subscript:
            return str.__new__(cls, f"<sub>{text}</sub>")


_FORMATTERS: dict[str, Any] = {
    "text": formatter.plain,
    "html": formatter.html,
    "markdown": _Markdown,
}


@dataclass(frozen=True)
class _Affixes:
    prefix: str = ""
    suffix: str = ""
    delimiter: str = ""
    superscript: bool = False
    #: for the bibliography label: whether the style sets a label apart at all
    present: bool = False


def _q(tag: str) -> str:
    return f"{{{CSL_NS}}}{tag}"


def _pick_layout(parent: ET.Element, lang: str) -> ET.Element:
    """Keep only the cs:layout for ``lang`` (CSL-M ``locale`` attribute), drop the others."""
    layouts = parent.findall("cs:layout", _NS)
    chosen = None
    for layout in layouts:
        locales = (layout.get("locale") or "").split()
        if any(loc.split("-")[0] == lang for loc in locales):
            chosen = layout
            break
    if chosen is None:
        chosen = next((lo for lo in layouts if not lo.get("locale")), layouts[-1])
    for layout in layouts:
        if layout is not chosen:
            parent.remove(layout)
    chosen.attrib.pop("locale", None)
    return chosen


def _inherit_substitute_names(root: ET.Element) -> None:
    """Copy a cs:names' cs:name / cs:et-al into the cs:names of its cs:substitute."""
    for names in root.iter(_q("names")):
        name = names.find("cs:name", _NS)
        et_al = names.find("cs:et-al", _NS)
        substitute = names.find("cs:substitute", _NS)
        if name is None or substitute is None:
            continue
        for inner in substitute.iter(_q("names")):
            if inner.find("cs:name", _NS) is None:
                inner.insert(0, copy.deepcopy(name))
                if et_al is not None and inner.find("cs:et-al", _NS) is None:
                    inner.insert(1, copy.deepcopy(et_al))


#: attributes under which a variable is not printed exactly as given (templating is off)
_TRANSFORMS = ("text-case", "strip-periods", "quotes", "display")
#: variables citeproc-py reformats (numbers, pages) or that steer rendering
_NOT_VERBATIM = frozenset(
    {"id", "type", "language", "page", "page-first", "locator", "edition"}
    | {"volume", "issue", "number", "chapter-number", "collection-number", "number-of-pages"}
    | {"number-of-volumes", "citation-number"}
)
_SEAM = frozenset(".,;:!? \t\n")
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in real data


def _verbatim(value: Any) -> bool:
    """A string citeproc-py prints unchanged, with no seam effect at either end."""
    return (
        isinstance(value, str)
        and bool(value)
        and value[0] not in _SEAM
        and value[-1] not in _SEAM
        and _OPEN not in value
        and _CLOSE not in value
    )


def _tokenize(item: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``item`` with each verbatim string (and literal name) replaced by a token, and the
    values in token order. Items that differ only in such strings share one template."""
    values: list[str] = []

    def token(value: str) -> str:
        values.append(value)
        return f"{_OPEN}{len(values) - 1}{_CLOSE}"

    out: dict[str, Any] = {}
    for var, value in item.items():
        if var in _NOT_VERBATIM:
            out[var] = value
        elif isinstance(value, list) and value and all(isinstance(n, dict) for n in value):
            out[var] = [
                {"literal": token(n["literal"])}
                if set(n) == {"literal"} and _verbatim(n["literal"])
                else n
                for n in value
            ]
        elif _verbatim(value):
            out[var] = token(value)
        else:
            out[var] = value
    return out, values


#: canonical years put in place of real ones in templates (their digits are replaced back)
_CANONICAL_YEARS = range(1001, 1100)
_DATE_VARIABLES = ("issued", "accessed", "event-date", "original-date", "submitted")
#: sentinel months and days are these private-use characters around a number: citeproc-py
#: keeps a date part that is not an integer as given, so the sentinel is printed unchanged
#: (also in the numeric forms the templated styles use) and can collide with no real text
_DATE_OPEN, _DATE_CLOSE = "\ue002", "\ue003"
#: how the numeric forms of a month or day print a real value (citeproc-py's own formats)
_PART_FORMATS = {"numeric": "{}", "numeric-leading-zeros": "{:02}"}
_PART_RANGES = {"month": range(1, 13), "day": range(1, 32)}


def _tokenize_dates(
    item: dict[str, Any], part_formats: Mapping[str, str]
) -> tuple[dict[str, Any], list[tuple[str, str]], list[tuple[str, str]]]:
    """``item`` with the parts of each single calendar date replaced by stand-ins, the
    (canonical, real) year strings and the (sentinel, real) month and day strings.

    A year becomes a canonical year that occurs nowhere else in the item; the style prints
    years as plain digits (checked by :func:`_years_verbatim`), so putting the real digits
    back is exact. A month or day (of a part named in ``part_formats``: the style prints it
    in one numeric form, or not at all) becomes a private-use sentinel, put back as the real
    number in that form. Items that differ only in their dates share one template."""
    blob = json.dumps(item, ensure_ascii=False)
    free = (str(y) for y in _CANONICAL_YEARS if str(y) not in blob)
    sentinels = _DATE_OPEN not in blob and _DATE_CLOSE not in blob
    out = dict(item)
    years: list[tuple[str, str]] = []
    parts_back: list[tuple[str, str]] = []
    for var in _DATE_VARIABLES:
        date = item.get(var)
        if not isinstance(date, dict) or len(date) != 1:
            continue  # absent, a range, a literal, or with circa/season
        parts = date.get("date-parts")
        if not isinstance(parts, list) or len(parts) != 1 or not parts[0]:
            continue
        year, *rest = parts[0]
        if type(year) is not int or not 1000 <= year <= 9999:
            continue
        canonical = next(free, None)
        if canonical is None:
            break
        new_parts: list[Any] = [int(canonical)]
        for name, value in zip(("month", "day"), rest, strict=False):
            fmt = part_formats.get(name)
            if sentinels and fmt and type(value) is int and value in _PART_RANGES[name]:
                sentinel = f"{_DATE_OPEN}{len(parts_back)}{_DATE_CLOSE}"
                parts_back.append((sentinel, fmt.format(value)))
                new_parts.append(sentinel)
            else:
                new_parts.append(value)
        new_parts += rest[2:]
        out[var] = {"date-parts": [new_parts]}
        years.append((canonical, str(year)))
    return out, years, parts_back


def _part_formats(root: ET.Element) -> dict[str, str]:
    """The date parts (month, day) that can be templated, with the format of their one
    numeric form: the style prints every one of them in that form (or never prints it) and
    has no localized dates (``cs:date form=``, whose parts come from the locale)."""
    if any(date.get("form") for date in root.iter(_q("date"))):
        return {}
    found: dict[str, set[str | None]] = {"month": set(), "day": set()}
    for part in root.iter(_q("date-part")):
        name = part.get("name")
        if name in found:
            # citeproc-py's defaults: a month is spelled out, a day numeric
            found[name].add(part.get("form", "long" if name == "month" else "numeric"))
    out: dict[str, str] = {}
    for name, forms in found.items():
        if not forms:
            out[name] = "{}"  # never printed: any stand-in is invisible
        elif len(forms) == 1 and (form := next(iter(forms))) in _PART_FORMATS:
            out[name] = _PART_FORMATS[form]
    return out


def _years_verbatim(root: ET.Element) -> bool:
    """True when every year the style prints is the year's four digits (no 2-digit years)."""
    return not any(
        part.get("name") == "year" and part.get("form") == "short"
        for part in root.iter(_q("date-part"))
    )


def _fill(template: str, values: list[str], escape: Any) -> str | None:
    """The template with its tokens replaced by the escaped values; None if a token was cut
    (then the item is rendered directly). A token may be absent (a variable the style does
    not print) or repeated (a name printed as author and as editor)."""
    out = template
    for i, value in enumerate(values):
        out = out.replace(f"{_OPEN}{i}{_CLOSE}", escape(value))
    return None if _OPEN in out or _CLOSE in out else out


_CONDITIONS = ("variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate")
_FORMATTING = ("font-style", "font-weight", "font-variant", "text-decoration", "vertical-align")


def _type_test(branch: ET.Element, item_type: str) -> bool | None:
    """What a cs:if / cs:else-if yields for ``item_type``: True, False, or None (depends on
    other tests, from which the type test is then removed)."""
    types = branch.get("type")
    if types is None:
        return None
    results = [t.lower() == item_type for t in types.split()]
    others = any(a in branch.attrib for a in _CONDITIONS)
    match = branch.get("match", "all")
    if match == "any":
        decided = True if any(results) else None if others else False
    elif match == "none":
        decided = False if any(results) else None if others else True
    else:
        decided = False if not all(results) else None if others else True
    if decided is None:
        del branch.attrib["type"]
    return decided


def _specialize(root: ET.Element, item_type: str) -> None:
    """Decide every type condition for items of ``item_type`` before rendering.

    citeproc-py evaluates each ``cs:if type=...`` of a GB/T style for every entry; deciding
    them once per type (same semantics, CSL 1.0.2 §Choose) cuts its work per entry.
    """
    for choose in list(root.iter(_q("choose"))):
        branches = list(choose)
        keep: list[ET.Element] = []
        for branch in branches:
            if branch.tag == _q("else"):
                keep.append(branch)
                break
            decided = _type_test(branch, item_type)
            if decided is False:
                continue
            if decided is True:
                branch.tag = _q("else")
                branch.attrib.clear()
                keep.append(branch)
                break
            keep.append(branch)
        for branch in branches:
            if not any(branch is k for k in keep):
                choose.remove(branch)
        if keep and keep[0].tag == _q("else-if"):
            keep[0].tag = _q("if")


def _has_formatting(root: ET.Element) -> bool:
    """True when the style can produce markup (italics, superscript ...), not just text."""
    return any(attr in el.attrib for el in root.iter() for attr in _FORMATTING)


def _transforms_text(root: ET.Element) -> bool:
    """True when the style changes the text of variables (case, periods, quotes)."""
    return any(attr in el.attrib for el in root.iter() for attr in _TRANSFORMS)


def _variant(
    style: Style, lang: str, item_type: str | None
) -> tuple[bytes, _Affixes, _Affixes, str | None, bool, dict[str, str]]:
    # returns: CSL, label affixes, citation affixes, family-name case, plain (no markup and
    # no text transforms: entries can be rendered once as templates), the date parts that
    # templates can stand in for (see _part_formats)
    """The style rewritten for entries in ``lang`` (of ``item_type``); label and citation
    affixes set apart."""
    root = copy.deepcopy(style.tree)
    if item_type is not None:
        _specialize(root, item_type)
    root.set("default-locale", "zh-CN" if lang == "zh" else "en-US")
    _inherit_substitute_names(root)
    family_case = _take_family_case(root)
    label = _Affixes()
    bib = root.find("cs:bibliography", _NS)
    if bib is not None:
        layout = _pick_layout(bib, lang)
        if bib.get("second-field-align") and len(layout):
            first = layout[0]
            label = _Affixes(first.get("prefix", ""), first.get("suffix", ""), present=True)
            layout.remove(first)
            del bib.attrib["second-field-align"]
    cite = _Affixes()
    citation = root.find("cs:citation", _NS)
    if citation is not None:
        layout = _pick_layout(citation, lang)
        cite = _Affixes(
            layout.attrib.pop("prefix", ""),
            layout.attrib.pop("suffix", ""),
            layout.attrib.pop("delimiter", ""),
            layout.attrib.pop("vertical-align", "") == "sup",
        )
    plain = not _has_formatting(root) and not _transforms_text(root) and _years_verbatim(root)
    part_formats = _part_formats(root) if plain else {}
    # serialized with a generated prefix (ns0:) for the CSL namespace: the same document to
    # lxml, and no ET.register_namespace (a process-wide setting) at import
    xml = ET.tostring(root, encoding="utf-8")
    return xml, label, cite, family_case, plain, part_formats


_CASES = {"uppercase": str.upper, "lowercase": str.lower}


def _take_family_case(root: ET.Element) -> str | None:
    """Remove ``text-case`` from the family cs:name-part elements; return the case they had.

    citeproc-py renders a literal name through the ``family`` name-part, so a style that
    upper-cases family names (GB/T 7714-2015) would shout corporate authors ("WORLD HEALTH
    ORGANIZATION"); the standard prints them as written (8.1.2). The adapter applies the case
    to the family names of personal names itself (:func:`_source`), never to literal names.
    """
    found: str | None = None
    for part in root.iter(_q("name-part")):
        if part.get("name") == "family" and part.get("text-case") in _CASES:
            found = found or part.get("text-case")
            del part.attrib["text-case"]
    return found


def _source(item: Mapping[str, Any], family_case: str | None) -> CiteProcJSON:
    """citeproc-py's reference source for one item; personal family names cased as styled."""
    data = dict(item)
    if family_case:
        change = _CASES[family_case]
        for var, names in item.items():
            if isinstance(names, list) and names and isinstance(names[0], dict):
                # particles too: GB/T 7714-2015 prints VAN DER MAATEN L, DES MARAIS D J
                data[var] = [
                    {
                        **n,
                        **{
                            part: change(str(n[part]))
                            for part in ("family", "non-dropping-particle", "dropping-particle")
                            if n.get(part)
                        },
                    }
                    if "family" in n and "literal" not in n
                    else n
                    for n in names
                ]
    with warnings.catch_warnings():
        # citeproc-py warns about CSL 1.0.2 variables it does not list (event-title, scale);
        # they are passed through and rendered all the same
        warnings.filterwarnings("ignore", "The following arguments", UserWarning)
        return CiteProcJSON([data])


# ---------------------------------------------------------------- cs:group suppression fix


def _condition(branch: Any, item: Any, context: Any) -> bool:
    """Whether a cs:if / cs:else-if holds for ``item`` (the tests of citeproc-py's If)."""
    results: list[bool] = []
    if "type" in branch.attrib:
        results += branch._type(item)
    if "variable" in branch.attrib:
        results += branch._variable(item)
    if "is-numeric" in branch.attrib:
        results += branch._is_numeric(item)
    if "is-uncertain-date" in branch.attrib:
        results += branch._is_uncertain_date(item)
    if "locator" in branch.attrib:
        results += branch._locator(item)
    if "position" in branch.attrib:
        results += branch._position(item, context)
    match = branch.get("match")
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)


def _calls_variable(element: Any, item: Any, context: Any) -> bool:
    """Whether rendering ``element`` for ``item`` calls a variable: only the cs:choose
    branches actually taken count (CSL 1.0.2 §Group), not every variable mentioned."""
    if isinstance(element, Text):
        if "variable" in element.attrib:
            return element.get("variable") not in Text.generated_variables
        if "macro" in element.attrib:
            return _calls_variable(element.get_macro(element.get("macro")), item, context)
        return False
    if isinstance(element, Names | Date | Number):
        return True
    if isinstance(element, Choose):
        for branch in element.iterchildren():
            if isinstance(branch, Else) or _condition(branch, item, context):
                return any(_calls_variable(c, item, context) for c in branch.iterchildren())
        return False
    if isinstance(element, Parent):  # cs:group, cs:macro
        return any(_calls_variable(c, item, context) for c in element.iterchildren())
    return False


class _Group(Group):  # type: ignore[misc]
    """cs:group, suppressed only when the variables it *calls* are all empty.

    citeproc-py decides statically: a group whose child merely mentions a variable (even in a
    cs:choose branch not taken) and whose other children print only literal text is dropped
    whole — which is how the public GB/T 7714 styles lose ``[N]``/``[J]`` for every entry
    without a URL. Only the elements of this adapter's parsed styles use this class.
    """

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        called = rendered = False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            calls = _calls_variable(child, item, context)
            called = called or calls
            try:
                if isinstance(child, Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (rendered or not called):
            return self.join(output)
        raise VariableError


_EN_DASH = "\u2013"
_DATE_PARTS = ("year", "month", "day")


class _Date(Date):  # type: ignore[misc]
    """cs:date whose ranges use the style's ``range-delimiter`` (CSL 1.0.2 §Date-part: the
    delimiter of the largest date part that differs; default an en dash). citeproc-py always
    prints an en dash. An open range (CSL-JSON end ``[0]``: ``1984/`` in EDTF) prints the
    year's delimiter after the start: ``1984—``."""

    def _date_part(self, part: str, context: Any) -> Any:
        # the date's own parts; a localized date (form=...) has them in the locale's cs:date
        for source in (self, context) if isinstance(context, Date) else (self,):
            for child in source.iterchildren():
                if child.get("name") == part:
                    return child
        return None

    def _first_part(self, show: list[str]) -> str | None:
        for child in self.iterchildren():
            if child.get("name") in show:
                return str(child.get("name"))
        return None

    def _range_delimiter(self, part: str, context: Any) -> str:
        found = self._date_part(part, context)
        return _EN_DASH if found is None else str(found.get("range-delimiter", _EN_DASH))

    def render_date_range(
        self, date_range: Any, show_parts: list[str] | None = None, context: Any = None
    ) -> str | None:
        # only the parts the style prints make a range: 2000-03-15/2000-03-17 is "2000" in a
        # year-only date (CSL 1.0.2: the range is at the largest *printed* part that differs)
        wanted = show_parts if show_parts is not None else _DATE_PARTS
        show = [p for p in _DATE_PARTS if p in wanted and self._date_part(p, context) is not None]
        begin, end = date_range.begin, date_range.end
        if end.is_nil():
            first = self.render_single_date(begin, show, context)
            if not first:
                return None
            return str(first).rstrip() + self._range_delimiter("year", context)
        same: list[str] = []
        for part in show:
            if begin.get(part) != end.get(part):
                break
            same.append(part)
        differ = [p for p in show if p not in same]
        if not differ:  # equal in every part shown: one date
            return self.render_single_date(begin, show, context)  # type: ignore[no-any-return]
        delimiter = self._range_delimiter(differ[0], context)
        if self._first_part(show) == "year":
            # big-endian (ISO) order, as GB/T 7714 prints dates: both dates whole, since the
            # shared year cannot be moved after the range: 2000-03-15—2000-04-02
            first = self.render_single_date(begin, show, context)
            last = self.render_single_date(end, show, context)
            return None if not first else str(first).rstrip() + delimiter + str(last or "")
        # little-endian order: the differing parts as a range, the shared ones once after
        # them (15–17 March 2000); citeproc-py joins with ``context``, which inside a macro
        # is the calling cs:text and fails
        first = self.render_single_date(begin, differ, context)
        last = self.render_single_date(end, differ, context)
        if not first:
            return None
        text = str(first).rstrip() + delimiter + str(last or "")
        shared = self.render_single_date(end, same, context) if same else None
        if shared:
            text = self.join([text, str(shared).rstrip()])
        return text


class _Suffix(str):
    """A name suffix (``Jr``), marked so that :class:`_SortSeparator` can set it off."""


class _SortSeparator(str):
    """The ``sort-separator`` of a name list; a :class:`_Suffix` part follows ``before_suffix``
    instead (``PEEBLES`` + ``P Z`` + ``Jr`` -> ``PEEBLES P Z, Jr``). citeproc-py 0.11 builds an
    inverted name as ``sort_separator.join([family, given, suffix])``; the marker types keep
    the rule to that one call (tests/test_render.py pins the result)."""

    before_suffix = ", "

    def join(self, parts: Any) -> str:
        out = ""
        for i, part in enumerate(parts):
            if i:
                out += self.before_suffix if isinstance(part, _Suffix) else str(self)
            out += part
        return out


class _Name(Name):  # type: ignore[misc]
    """cs:name that sets an inverted name's suffix off with the list delimiter (GB/T 7714
    8.1.2: ``PEEBLES P Z, Jr``) when the sort-separator is not itself a comma."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = super().get_option(name, context, sort_options)
        if name == "sort-separator" and isinstance(value, str) and not set(value) & set(",，"):
            separator = _SortSeparator(value)
            delimiter = super().get_option("delimiter", context, sort_options)
            if isinstance(delimiter, str) and delimiter.strip():
                separator.before_suffix = delimiter
            return separator
        return value

    def process(self, item: Any, variable: str, *args: Any, **kwargs: Any) -> Any:
        for person in item.reference.get(variable.replace("-", "_"), []):
            suffix = person.get("suffix") if "literal" not in person else None
            if suffix and not isinstance(suffix, _Suffix):
                person["suffix"] = _Suffix(suffix)
        return super().process(item, variable, *args, **kwargs)


def _underscore_name_variables(root: Any) -> None:
    """``cs:names variable="container-author"`` -> ``container_author``: citeproc-py keeps
    name variables under Python names and looks a hyphenated one up as written, so the book
    author of a chapter (``container-author``) and ``collection-editor`` never print. Names
    with a cs:label keep the CSL name (the label's term is looked up by it)."""
    for names in root.iter(f"{{{CSL_NS}}}names"):
        variable = names.get("variable") or ""
        if "-" in variable and names.find(f"{{{CSL_NS}}}label") is None:
            names.set("variable", variable.replace("-", "_"))


class _CitationStyle(CitationStylesStyle):  # type: ignore[misc]
    """citeproc-py's style, parsed with :class:`_Group` for cs:group (nothing global changes:
    the element classes are chosen by this parser's own lookup)."""

    def __init__(self, xml: bytes, locale: str) -> None:
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = CitationStylesElement
        namespace.update(
            {
                cls.__name__.replace("_", "-").lower(): cls
                for cls in CitationStylesElement.__subclasses__()
            }
        )
        namespace["group"] = _Group
        namespace["date"] = _Date
        namespace["name"] = _Name
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(io.BytesIO(xml), self.parser)
        root: Any = self.xml.getroot()  # a citeproc Style element (lxml custom class)
        _underscore_name_variables(root)
        root.set_locale_list(locale, validate=False)
        self.root = root


class Engine:
    """citeproc-py set up for one style, one entry language (``zh`` or ``en``) and optionally
    one item type."""

    def __init__(self, style: Style, lang: str, item_type: str | None = None) -> None:
        self.style = style
        self.lang = lang
        xml, self.label, self.cite_affixes, self._family_case, self._plain, self._part_formats = (
            _variant(style, lang, item_type)
        )
        self._templates: dict[str, str] = {}
        #: whether entries print their own citation number (numeric style without
        #: second-field-align): then an entry depends on its position in the list
        bib = etree.fromstring(xml).find(f"{{{CSL_NS}}}bibliography")
        self.numbers_in_text = bib is not None and b"citation-number" in etree.tostring(bib)
        #: whether the citation layout prints locators itself (GB/T 7714 puts them outside)
        self.cites_locator = 'variable="locator"' in xml.decode("utf-8")
        try:
            self._csl = _CitationStyle(xml, "zh-CN" if lang == "zh" else "en-US")
        except Exception as exc:  # citeproc raises bare exceptions for broken styles
            raise StyleError(f"citeproc-py cannot use this style: {exc}", str(style.path)) from exc
        self._lock = threading.Lock()

    def entries(self, item: Mapping[str, Any]) -> tuple[str, str, str]:
        """One bibliography entry (without its label) as (text, html, markdown).

        A plain style (no font formatting, no case or quote transforms) renders each entry
        once: its HTML and Markdown are the escaped text, since citeproc-py escapes every
        piece the same way. Its entries are also rendered as templates: verbatim strings
        (titles, publishers, literal names, URLs) become tokens, the tokenized item is
        rendered once and shared by every item of the same shape, and the strings are put
        back in. Dates are tokenized too (years, and months and days printed in one numeric
        form), so a library where every item has its own date still shares templates.
        Strings that could touch citeproc's seam rules (ending in punctuation or space) are
        never tokenized, so the result is the same as rendering directly (tests/test_render.py
        checks this on every GB/T 7714 example, tests/test_render_dates.py on random dates).
        """
        if not self._plain:
            return (
                self.entry(item, "text"),
                self.entry(item, "html"),
                self.entry(item, "markdown"),
            )
        text = self._from_template(item)
        if text is None:
            text = self.entry(item, "text")
        return text, self.escape(text, "html"), self.escape(text, "markdown")

    def _from_template(self, item: Mapping[str, Any]) -> str | None:
        tokenized, values = _tokenize(item)
        tokenized, years, parts = _tokenize_dates(tokenized, self._part_formats)
        if not values and not years:
            return None
        key = json.dumps(tokenized, sort_keys=True, ensure_ascii=False)
        template = self._templates.get(key)
        if template is None:
            template = self.entry(tokenized, "text")
            if len(self._templates) > 50_000:
                self._templates.clear()
            self._templates[key] = template
        # dates first: the strings put back next may contain any digits
        for canonical, real in years:
            template = template.replace(canonical, real)
        for sentinel, real in parts:
            template = template.replace(sentinel, real)
        if _DATE_OPEN in template or _DATE_CLOSE in template:
            return None  # a sentinel was cut
        return _fill(template, values, str)

    def entry(self, item: Mapping[str, Any], fmt: str) -> str:
        """One bibliography entry (without its label) in ``fmt``."""
        with self._lock:
            bib = CitationStylesBibliography(
                self._csl, _source(item, self._family_case), _FORMATTERS[fmt]
            )
            bib.register(Citation([CitationItem(str(item["id"]))]))
            number = item.get("citation-number")
            if isinstance(number, int) and number > 1:
                # rendered alone, the entry is still the number-th of the list
                bib.keys[:0] = [f"\0{i}" for i in range(1, number)]
            out = bib.bibliography()
        return str(out[0]) if out else ""

    def cite(
        self, item: Mapping[str, Any], fmt: str, locator: str | None = None, label: str = "page"
    ) -> str:
        """One cite of an author-date citation, without the citation's affixes."""
        kwargs: dict[str, Any] = {}
        if locator:
            kwargs["locator"] = Locator(label, locator)
        with self._lock:
            bib = CitationStylesBibliography(
                self._csl, _source(item, self._family_case), _FORMATTERS[fmt]
            )
            citation = Citation([CitationItem(str(item["id"]), **kwargs)])
            bib.register(citation)
            out = bib.cite(citation, lambda _item: None)
        return str(out)

    def escape(self, text: str, fmt: str) -> str:
        """``text`` made safe for ``fmt``."""
        return str(_FORMATTERS[fmt].preformat(text))


_ENGINES: dict[tuple[str, str, str | None], Engine] = {}


def engine_for(style: Style, lang: str, item_type: str | None = None) -> Engine:
    """The (cached) engine of ``style`` for entries in ``lang`` (and of ``item_type``)."""
    key = (style.digest, lang, item_type)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(style, lang, item_type)
    return engine
