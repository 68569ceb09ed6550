"""Bibliographies and in-text citations: Reference records + a style -> Rendered entries.

Consumes :class:`~citekit.model.Reference` sequences and a :class:`Style`; produces
:class:`Rendered` entries (plain text, HTML, Markdown) and :class:`RenderedCitation` markers.
Each distinct (item, style) pair is rendered once per call; with a :class:`RenderCache`
passed as ``cache`` (the CLI passes the user's), once ever, so re-rendering a large library
after editing one record only renders that record again; in numeric styles only the labels
shift. Without one nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from typing import Any

from ..model import Reference
from ..problems import Problems
from ._cache import Entry, RenderCache
from ._engine import engine_for
from ._prepare import (
    check_reference,
    entry_language,
    order_author_date,
    prepare_item,
)
from ._styles import Style, load_style

__all__ = [
    "CiteItem",
    "Rendered",
    "RenderedCitation",
    "clear_cache",
    "render_bibliography",
    "render_citations",
]


@dataclass(frozen=True, slots=True)
class Rendered:
    """One bibliography entry: ``label`` is ``[1]`` in numeric styles, ``""`` otherwise."""

    id: str
    label: str
    #: the entry without its label, plain text
    text: str
    html: str
    markdown: str


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One cited record in a citation, with an optional locator (a page by default)."""

    id: str
    locator: str | None = None
    label: str = "page"


@dataclass(frozen=True, slots=True)
class RenderedCitation:
    """An in-text citation: ``[1-3]``, ``[2]15`` or ``（于潇 等，2012）``."""

    text: str
    html: str
    superscript: bool


# ------------------------------------------------------------------------------- rendering

#: below this many uncached entries, rendering stays in this process
_PARALLEL_MIN = 1000


def clear_cache(cache: RenderCache | None = None) -> None:
    """Forget every rendered entry of ``cache`` (default: the user's, :meth:`RenderCache.default`),
    in memory and on disk (entries are keyed by item and style, so the cache is never stale;
    this only frees space)."""
    (cache if cache is not None else RenderCache.default()).clear()


def _render_one(style: Style, item: dict[str, Any]) -> Entry:
    engine = engine_for(style, entry_language(item), str(item.get("type", "")))
    return engine.entries(item)


def _render_chunk(style_path: str, items: list[dict[str, Any]]) -> list[Entry]:
    """Worker: render ``items`` in the style at ``style_path`` (a separate process)."""
    style = load_style(style_path)
    return [_render_one(style, item) for item in items]


def _jobs(n_items: int) -> int:
    """Worker processes for a cold run: ``$CITEKIT_JOBS`` (default 1: on a busy machine extra
    processes cost more than they save; measure with benchmarks/bench_render.py)."""
    configured = os.environ.get("CITEKIT_JOBS", "1")
    jobs = max(1, int(configured)) if configured.isdigit() else 1
    if n_items < _PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return jobs


#: the Reference fields an entry depends on (not its key, provenance, or where it is stored)
_KEY_FIELDS = tuple(
    f.name for f in fields(Reference) if f.name not in ("id", "provenance", "warnings", "origin")
)


def _record_key(salt: str, style: Style, ref: Reference, suffix: str, number: int) -> str:
    """Cache key of one entry: everything its rendering depends on, and nothing else (so a
    record moved in its file, or renumbered in a numeric list, keeps its entry)."""
    values = repr(tuple(getattr(ref, name) for name in _KEY_FIELDS))
    blob = f"{salt}\0{style.digest}\0{values}\0{suffix}\0{number}"
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _entries(
    store: RenderCache, style: Style, keys: list[str], build: Callable[[int], dict[str, Any]]
) -> list[Entry]:
    """Rendered (text, html, markdown) of each entry: from the cache, else rendered from the
    prepared item ``build(i)``. Each distinct entry is rendered once."""
    found = store.get_many(keys)
    todo: dict[str, dict[str, Any]] = {}
    for i, key in enumerate(keys):
        if key not in found and key not in todo:
            todo[key] = build(i)
    if todo:
        pending = list(todo.items())
        jobs = _jobs(len(pending))
        if jobs > 1:
            size = -(-len(pending) // (jobs * 4))
            chunks = [pending[i : i + size] for i in range(0, len(pending), size)]
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                results = pool.map(
                    _render_chunk,
                    [str(style.path)] * len(chunks),
                    [[i for _, i in c] for c in chunks],
                )
                fresh = {
                    key: entry
                    for chunk, rendered in zip(chunks, results, strict=True)
                    for (key, _), entry in zip(chunk, rendered, strict=True)
                }
        else:
            fresh = {key: _render_one(style, item) for key, item in pending}
        store.put_many(fresh)
        found.update(fresh)
    return [found[key] for key in keys]


def _author_date_order(
    refs: Sequence[Reference], store: RenderCache
) -> tuple[list[int], dict[int, str]]:
    """:func:`order_author_date`, with the pinyin sort keys kept in ``store``."""
    if len(store.sort_keys) > 500_000:
        store.sort_keys.clear()
    return order_author_date([ref.to_csl(provenance=False) for ref in refs], store.sort_keys)


def year_suffixes(refs: Sequence[Reference], cache: RenderCache | None = None) -> dict[str, str]:
    """The author-date year suffixes (2018a, 2018b) of ``refs`` as one bibliography, by key
    (case-folded): computed from authors, years and titles, without rendering any entry."""
    _, suffixes = _author_date_order(refs, cache if cache is not None else RenderCache())
    return {refs[i].id.casefold(): s for i, s in suffixes.items()}


def _resolve(style: Style | str | None) -> Style:
    return style if isinstance(style, Style) else load_style(style)


# ------------------------------------------------------------------------------ bibliography


def render_bibliography(
    refs: Sequence[Reference],
    style: Style | str | None = None,
    *,
    problems: Problems | None = None,
    cache: RenderCache | None = None,
    first_number: int = 1,
    suffixes_of: Mapping[str, str] | None = None,
) -> list[Rendered]:
    """The bibliography of ``refs`` in ``style`` (default GB/T 7714-2025 numeric).

    Numeric styles keep the order of ``refs`` (citation order) and label entries ``[1]``,
    ``[2]`` ...; author-date styles use the standard's order (Chinese first, pinyin) and add
    year suffixes. Incomplete records still render and are reported in ``problems`` (E5xx).
    Rendered entries are kept in ``cache`` when one is given (nothing is written otherwise).
    ``first_number``: the number of the first entry (a part of a longer numeric list).
    ``suffixes_of`` (author-date): the year suffixes of a whole bibliography ``refs`` are part
    of (:func:`year_suffixes`), used instead of those among ``refs`` alone.
    """
    st = _resolve(style)
    store = cache if cache is not None else RenderCache()
    problems = problems if problems is not None else Problems()
    for ref in refs:
        check_reference(ref, problems)
    suffixes: dict[int, str] = {}
    if st.numeric:
        order = list(range(len(refs)))
    elif suffixes_of is None:
        order, suffixes = _author_date_order(refs, store)
    else:
        order, _ = _author_date_order(refs, store)
        folded = [ref.id.casefold() for ref in refs]
        suffixes = {i: suffixes_of[k] for i, k in enumerate(folded) if k in suffixes_of}
    zh = engine_for(st, "zh")
    # a numeric style without second-field-align prints the number inside each entry
    numbered = zh.numbers_in_text or engine_for(st, "en").numbers_in_text
    salt = store.salt
    keys = [
        _record_key(salt, st, refs[i], suffixes.get(i, ""), n if numbered else 0)
        for n, i in enumerate(order, start=first_number)
    ]

    def build(position: int) -> dict[str, Any]:
        i = order[position]
        item = prepare_item(refs[i].to_csl(provenance=False), year_suffix=suffixes.get(i, ""))
        if numbered:
            item["citation-number"] = position + first_number
        return item

    out: list[Rendered] = []
    for n, (i, (text, html, markdown)) in enumerate(
        zip(order, _entries(store, st, keys, build), strict=True), start=first_number
    ):
        label = ""
        if st.numeric and zh.label.present:
            label = f"{zh.label.prefix}{n}{zh.label.suffix}"
        out.append(Rendered(refs[i].id, label, text, html, markdown))
    return out


# -------------------------------------------------------------------------------- citations


def _collapse(numbers: list[int]) -> list[str]:
    """[1, 2, 3, 5] -> ["1-3", "5"] (CSL ``collapse="citation-number"``: runs of 3+)."""
    out: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{nums[i]}-{nums[j]}")
        else:
            out.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return out


def render_citations(
    refs: Sequence[Reference],
    citations: Sequence[Sequence[CiteItem]],
    style: Style | str | None = None,
    *,
    cache: RenderCache | None = None,
    problems: Problems | None = None,
) -> tuple[list[RenderedCitation], list[Rendered]]:
    """In-text citations for ``citations`` and the bibliography of the records they cite.

    Numeric styles number records by first citation (``[1]``, ``[1,3]``, ``[1-3]``, ``[2]15``);
    author-date styles give ``（于潇 等，2012）``. What the bibliography's render finds on the
    cited records goes to ``problems``. Raises ``KeyError`` for an unknown id.
    """
    st = _resolve(style)
    by_id = {ref.id.casefold(): ref for ref in refs}
    cited: list[Reference] = []
    number: dict[str, int] = {}
    for citation in citations:
        for cite in citation:
            key = cite.id.casefold()
            if key not in by_id:
                raise KeyError(cite.id)
            if key not in number:
                cited.append(by_id[key])
                number[key] = len(cited)
    bibliography = render_bibliography(cited, st, cache=cache, problems=problems)
    if st.numeric:
        rendered = [_numeric_citation(st, c, number) for c in citations]
    else:
        suffix_of = _year_suffixes(st, cited)
        rendered = [_author_date_citation(st, c, by_id, suffix_of) for c in citations]
    return rendered, bibliography


def _numeric_citation(
    st: Style, citation: Sequence[CiteItem], number: dict[str, int]
) -> RenderedCitation:
    engine = engine_for(st, "zh")
    aff = engine.cite_affixes
    plain = [number[c.id.casefold()] for c in citation if not c.locator]
    parts = [f"{aff.prefix}{aff.delimiter.join(_collapse(plain))}{aff.suffix}"] if plain else []
    # GB/T 7714 10.1.3: a page locator follows the bracket: [2]15
    parts += [
        f"{aff.prefix}{number[c.id.casefold()]}{aff.suffix}{c.locator}"
        for c in citation
        if c.locator
    ]
    text = aff.delimiter.join(parts)
    html = engine.escape(text, "html")
    if aff.superscript:
        html = f"<sup>{html}</sup>"
    return RenderedCitation(text, html, aff.superscript)


def _year_suffixes(st: Style, cited: Sequence[Reference]) -> dict[str, str]:
    csl = [ref.to_csl(provenance=False) for ref in cited]
    _order, suffixes = order_author_date(csl)
    return {cited[i].id.casefold(): s for i, s in suffixes.items()}


def _author_date_citation(
    st: Style,
    citation: Sequence[CiteItem],
    by_id: dict[str, Reference],
    suffix_of: dict[str, str],
) -> RenderedCitation:
    texts: list[str] = []
    htmls: list[str] = []
    first_lang = "zh"
    for n, cite in enumerate(citation):
        key = cite.id.casefold()
        item = prepare_item(by_id[key].to_csl(provenance=False), year_suffix=suffix_of.get(key, ""))
        lang = entry_language(item)
        if n == 0:
            first_lang = lang
        engine = engine_for(st, lang)
        locator = cite.locator if engine.cites_locator else None
        texts.append(engine.cite(item, "text", locator, cite.label))
        htmls.append(engine.cite(item, "html", locator, cite.label))
    engine = engine_for(st, first_lang)
    aff = engine.cite_affixes
    text = f"{aff.prefix}{aff.delimiter.join(texts)}{aff.suffix}"
    html = f"{aff.prefix}{aff.delimiter.join(htmls)}{aff.suffix}"
    # GB/T 7714 10.2.4: the page goes after the parentheses, as a superscript (a style whose
    # citation layout prints the locator itself has done so above)
    outside = not engine.cites_locator
    pages = ",".join(c.locator for c in citation if c.locator and outside)
    if pages:
        text += pages
        html += f"<sup>{engine.escape(pages, 'html')}</sup>"
    return RenderedCitation(text, html, aff.superscript)
