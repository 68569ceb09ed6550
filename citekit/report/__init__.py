"""The review page, ``build/index.html``: what was found in each source document, and what is wrong.

Consumes a :class:`Review` (the library, its rendered entries, the check results and a way to
read the source documents) and produces one self-contained HTML page: inline CSS, a little inline
JavaScript for the filters and search, inline SVG charts, no external assets, works offline.
Every value is HTML-escaped by Jinja2's autoescaping. This is the only module importing jinja2.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..atomic import write_text_atomic
from ._chart import Chart, bar_chart
from ._view import (
    TYPE_LABELS,
    Badge,
    CheckItem,
    DocumentView,
    DuplicateLike,
    LinkLike,
    PageView,
    RecordView,
    RenderedLike,
    Review,
    SourceLine,
    SpanView,
    UnparsedLike,
    anchor_for,
    build_view,
    check_first,
    describe,
    find_title_lines,
    problem_owner,
    record_keys,
)

__all__ = [
    "TYPE_LABELS",
    "Badge",
    "Chart",
    "CheckItem",
    "DocumentView",
    "DuplicateLike",
    "LinkLike",
    "PageView",
    "RecordView",
    "RenderedLike",
    "Review",
    "SourceLine",
    "SpanView",
    "UnparsedLike",
    "anchor_for",
    "bar_chart",
    "build_view",
    "check_first",
    "compile_templates",
    "describe",
    "find_title_lines",
    "problem_owner",
    "record_keys",
    "render_page",
    "render_part",
    "render_view",
    "write_page",
]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("citekit", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.globals["anchor"] = anchor_for


_SPECIAL = re.compile("[&<>'\"]")


def _escape(text: str) -> str:
    """``escape(text)``, without making a Markup value when there is nothing to escape."""
    return str(escape(text)) if _SPECIAL.search(text) else text


def _span_html(span: SpanView) -> Markup:
    """A provenance span: where it is, and its source lines (the hit and the title marked) or,
    when the source cannot be read, the attribution as recorded. The page's most repeated
    markup, so made here rather than by a template macro: a fraction of the time, the same
    HTML, every value escaped."""
    what = "题名 title" if span.kind == "title" else "来源标注 attribution"
    out = [
        f'<figure class="span {escape(span.kind)}">\n'
        f'  <figcaption class="loc"><span class="what">{what}</span> '
        f'<span class="where">{escape(span.location)}</span></figcaption>\n'
    ]
    if span.readable:
        out.append('  <table class="lines">\n')
        for line in span.lines:
            kind = " ".join(k for k, on in (("hit", line.hit), ("title", line.title)) if on)
            attr = f' class="{kind}"' if kind else ""
            out.append(
                f'    <tr{attr}><th scope="row">{line.number}</th>'
                f"<td>{_escape(line.text)}</td></tr>\n"
            )
        out.append("  </table>\n")
    else:
        out.append(
            f'  <p class="raw" title="源文件不可读 source not readable">{escape(span.raw)}</p>\n'
        )
    out.append("</figure>\n")
    return Markup("".join(out))


_ENV.globals["span"] = _span_html


def compile_templates() -> None:
    """Compile the page's templates now (``citekit review`` does before it listens)."""
    for name in ("report.html", "report_parts.html"):
        _ENV.get_template(name)
    _ENV.get_template("report_parts.html").module  # noqa: B018 (its macros)


def render_page(review: Review) -> str:
    """The review page as HTML text."""
    return render_view(build_view(review))


def render_view(view: PageView, *, pending: bool = False) -> str:
    """The page of ``view``; ``pending``: only its first records, with places for the totals,
    charts and panels that ``citekit review`` fills in later."""
    template = _ENV.get_template("report.html")
    return template.render(
        page=view,
        type_chart=bar_chart(view.by_type, horizontal=True),
        year_chart=bar_chart(view.by_year, horizontal=False),
        version=__version__,
        pending=pending,
    )


def render_part(name: str, *args: object) -> str:
    """One part of the page (a macro of ``templates/report_parts.html``: ``section``,
    ``record``, ``cited_too``, ``duplicate_items``, ``check_items``, ``missed_items``,
    ``problem_list``, ``chart``) as HTML."""
    macro = getattr(_ENV.get_template("report_parts.html").module, name)
    return str(macro(*args))


def write_page(review: Review, path: str | Path) -> None:
    """Write the review page to ``path`` atomically."""
    write_text_atomic(path, render_page(review))
