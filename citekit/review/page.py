"""The workbench page: the build's review page of ``refs/``, with the workbench's controls.

Consumes a :class:`~citekit.review.workbench.Workbench`; produces the HTML of
``build/index.html`` made from the library as it is now (records, GB/T 7714 entries, record
checks, duplicate groups, the lines extraction could not read) with the workbench's script and
styles added before ``</body>``. The token the server checks goes into the page as JSON, the
only value put in by hand (and escaped for a script element).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CitekitError
from ..problems import Problems
from .workbench import EDITABLE, Workbench

__all__ = ["workbench_page"]

_UNPARSED: dict[tuple[str, float], list[Any]] = {}  # source document -> its unparsed lines


def _asset(name: str) -> str:
    return (resources.files("citekit") / "templates" / name).read_text(encoding="utf-8")


def _unparsed(sources: list[str]) -> list[Any]:
    """What extraction could not read in each source document (cached by modification time)."""
    from ..extract import extract_file

    found: list[Any] = []
    for source in sources:
        path = Path(source)
        if not path.is_file():
            continue
        key = (str(path.resolve()), path.stat().st_mtime)
        if key not in _UNPARSED:
            try:
                _UNPARSED[key] = list(extract_file(source, Problems()).unparsed)
            except (CitekitError, OSError):  # an unreadable source shows no such lines
                _UNPARSED[key] = []
        found.extend(_UNPARSED[key])
    return found


def _read_lines(path: str) -> list[str] | None:
    """A source document's lines (None when it cannot be read)."""
    from ..documents import read_document

    try:
        return read_document(path).lines
    except (CitekitError, OSError):
        return None


def workbench_page(wb: Workbench, token: str) -> str:
    """The page for the browser (``token`` is what every request must carry)."""
    from ..aliases import load_aliases
    from ..checks.duplicates import find_duplicates
    from ..checks.records import check_records
    from ..merge import load_decisions
    from ..render import render_bibliography
    from ..report import Review, render_page

    problems = Problems()
    lib = wb.library(problems)
    rendered = render_bibliography(list(lib), wb.style, problems=problems)
    problems.extend(check_records(lib))
    groups = find_duplicates(lib, aliases=load_aliases(wb.refs), decisions=load_decisions(wb.refs))
    sources: dict[str, str] = {}
    documents = {}
    for rf in wb.files():
        if rf.source:
            sources[rf.path.as_posix()] = rf.source
        if rf.document is not None:
            documents[rf.path.as_posix()] = rf.document
    review = Review(
        library=lib,
        rendered=rendered,
        problems=problems,
        duplicates=groups,
        unparsed=_unparsed(sorted(set(sources.values()))),
        read_source=_read_lines,
        sources=sources,
        documents=documents,
        title="citekit 审阅工作台 review workbench",
        style=wb.style or "gb-t-7714-2025-numeric",
    )
    html = render_page(review)
    config = json.dumps(
        {
            "token": token,
            "fields": EDITABLE,
            "groups": [g.to_json() for g in groups],
            "refs": wb.refs.as_posix(),
        },
        ensure_ascii=True,
    ).replace("</", "<\\/")
    extra = (
        f"<style>{_asset('workbench.css')}</style>\n"
        f'<script id="citekit-config" type="application/json">{config}</script>\n'
        f"<script>{_asset('workbench.js')}</script>\n"
    )
    at = html.rfind("</body>")
    return html[:at] + extra + html[at:]
