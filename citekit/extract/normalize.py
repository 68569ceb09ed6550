"""Normalization: a list of small ``Reference -> Reference`` transforms applied in order.

Consumes records as the patterns built them; produces the stored form: container names without
《》 and mapped to their canonical spelling through the alias table, cleaned titles, ``zh-CN``
on Chinese records, trimmed strings. Every transform is idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from ..aliases import Aliases, normalize_name
from ..model import Reference, is_cjk
from .labels import clean_container, strip_labels, strip_list_marks, strip_page_chrome
from .text import clean_title, squash_spaces

__all__ = [
    "Transform",
    "canonical_container",
    "clean_titles",
    "drop_placeholder_dates",
    "mark_language",
    "normalize",
    "pipeline",
    "trim_fields",
]

Transform = Callable[[Reference], Reference]

_NUMBERS_ONLY = re.compile(r"^[\dXx\s.\-/:：年月日号]+$")
_QUOTES = re.compile(r"[《》〈〉“”\"‘’「」『』]")

_STR_FIELDS = (
    "title",
    "container_title",
    "issue",
    "edition",
    "page",
    "number",
    "genre",
    "event_title",
    "authority",
    "section",
    "publisher",
    "url",
)


def trim_fields(ref: Reference) -> Reference:
    """Collapse whitespace in string fields; empty strings become None."""
    changes = {}
    for name in _STR_FIELDS:
        value = getattr(ref, name)
        if value is not None:
            new = squash_spaces(value) if name != "url" else value.strip()
            if new != value:
                changes[name] = new or None
    return ref.replace(**changes) if changes else ref


def clean_titles(ref: Reference) -> Reference:
    """PDF artefacts out of titles: doubled glyph runs, stray spaces, 野…冶 quote mojibake; a
    list item's number before the title and page furniture after it."""
    if ref.title is None:
        return ref
    title = strip_list_marks(clean_title(ref.title)) or ref.title
    if title != ref.title and " " in ref.title:
        title = strip_labels(title) or title  # a label seen only once the spaces are closed
    title = strip_page_chrome(title, ref.container_title) or title
    if _NUMBERS_ONLY.match(title):
        # ### 2022.03, 20XX 09 16 08:03: a date or a number is no work's title
        msg = f"title {title!r} is only a date or a number: left out"
        return ref.replace(title=None, warnings=(*ref.warnings, msg))
    return ref if title == ref.title else ref.replace(title=title)


def canonical_container(ref: Reference, aliases: Aliases) -> Reference:
    """``浙江在线网`` -> ``浙江在线`` (and 《》 removed) through the alias table; an outlet's
    official names (``中国新闻网``, ``中新网``) stay as printed."""
    if not ref.container_title:
        return ref
    name = aliases.spelling(ref.container_title)
    if normalize_name(ref.container_title) not in aliases.table:
        # unknown: only the 《》 and quotes go, the spaces of a Latin name stay (China Daily)
        name = _QUOTES.sub("", ref.container_title).strip() or ref.container_title
    return ref if name == ref.container_title else ref.replace(container_title=name)


#: days a web page prints when it has no date (the Unix epoch, a database default)
_PLACEHOLDER_DAYS = frozenset({(1970, 1, 1), (1900, 1, 1)})


def drop_placeholder_dates(ref: Reference) -> Reference:
    """``1970-01-01`` (a page without a date) is no date: left empty, with a warning."""
    d = ref.issued
    if d is None or (d.year, d.month, d.day) not in _PLACEHOLDER_DAYS:
        return ref
    msg = f"date {d.iso()} is a page's placeholder for no date: left empty"
    return ref.replace(issued=None, warnings=(*ref.warnings, msg))


def mark_language(ref: Reference) -> Reference:
    """``language: zh-CN`` on records whose title or source is Chinese (decides 等 vs et al.)."""
    if ref.language:
        return ref
    text = (ref.title or "") + (ref.container_title or "") + (ref.authority or "")
    return ref.replace(language="zh-CN") if is_cjk(text) else ref


def pipeline(aliases: Aliases | None = None) -> list[Transform]:
    """The default transforms, with ``aliases`` (the built-in table when None)."""
    table = aliases if aliases is not None else Aliases.builtin()
    return [
        trim_fields,
        clean_titles,
        drop_placeholder_dates,
        clean_container,
        partial(canonical_container, aliases=table),
        mark_language,
    ]


def normalize(ref: Reference, transforms: Sequence[Transform] | None = None) -> Reference:
    """Apply ``transforms`` (the default pipeline when None) in order."""
    for transform in transforms if transforms is not None else pipeline():
        ref = transform(ref)
    return ref
