"""GB/T 7714 rendering: Reference records + a CSL style -> bibliography entries and citations.

Consumes :class:`~citekit.model.Reference` sequences and a style (one of
:func:`available_styles`, default ``gb-t-7714-2025-numeric``, or the path of any CSL file);
produces :class:`Rendered` entries (text, HTML, Markdown) and :class:`RenderedCitation`
markers. ``_engine.py`` is the only module that imports citeproc-py.
"""

from __future__ import annotations

from ._cache import RenderCache
from ._render import (
    CiteItem,
    Rendered,
    RenderedCitation,
    clear_cache,
    render_bibliography,
    render_citations,
    year_suffixes,
)
from ._styles import DEFAULT_STYLE, Style, available_styles, load_style

__all__ = [
    "DEFAULT_STYLE",
    "CiteItem",
    "RenderCache",
    "Rendered",
    "RenderedCitation",
    "Style",
    "available_styles",
    "clear_cache",
    "load_style",
    "render_bibliography",
    "render_citations",
    "year_suffixes",
]
