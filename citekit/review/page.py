"""The workbench page: the build's review page of ``refs/``, with the workbench's controls.

Consumes a :class:`~citekit.review.workbench.Workbench`; produces the HTML of
``build/index.html`` made from the library as it is now (records, GB/T 7714 entries, record
checks, duplicate groups, the lines extraction could not read) with the workbench's script and
styles added before ``</body>``. The token the server checks goes into the page as JSON, the
only value put in by hand (and escaped for a script element).
"""

from __future__ import annotations

import datetime
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CitekitError
from ..problems import Problems
from .cache import Bundle, digest, file_digests
from .workbench import EDITABLE, Workbench

__all__ = ["warm_up", "workbench_page"]


def warm_up() -> None:
    """Import what making the page needs (the command does it before it listens, so that the
    first page waits for the work only)."""
    from .. import documents, extract, merge, render, report, store  # noqa: F401
    from ..checks import duplicates, records  # noqa: F401


def _asset(name: str) -> str:
    return (resources.files("citekit") / "templates" / name).read_text(encoding="utf-8")


def _unparsed(sources: list[str], kept: Bundle) -> list[Any]:
    """What extraction could not read in each source document (kept in ``kept`` by the
    document's path and bytes and its sidecar's)."""
    from ..extract import extract_file, sidecar_path

    found: list[Any] = []
    current: dict[str, list[Any]] = {}
    extracted = False
    for source in sources:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError:  # an unreadable source shows no such lines
            continue
        (side,) = file_digests([sidecar_path(path)])
        key = digest(source, str(path.resolve()), data, side)
        lines = kept.get(key)
        if lines is None:
            extracted = True
            try:
                lines = list(extract_file(source, Problems()).unparsed)
            except (CitekitError, OSError):
                lines = []
            if _reads(path, data) and file_digests([sidecar_path(path)]) == [side]:
                current[key] = lines  # (not when it changed meanwhile)
        else:
            current[key] = lines
        found.extend(lines)
    if extracted:
        kept.save(current)
    return found


def _reads(path: Path, data: bytes) -> bool:
    """Whether ``path`` still holds ``data``."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _read_lines(path: str) -> list[str] | None:
    """A source document's lines (None when it cannot be read)."""
    from ..documents import read_document

    try:
        return read_document(path).lines
    except (CitekitError, OSError):
        return None


def workbench_page(wb: Workbench, token: str) -> str:
    """The page for the browser (``token`` is what every request must carry)."""
    html, groups = _review_page(wb)
    config = json.dumps(
        {"token": token, "fields": EDITABLE, "groups": groups, "refs": wb.refs.as_posix()},
        ensure_ascii=True,
    ).replace("</", "<\\/")
    extra = (
        f"<style>{_asset('workbench.css')}</style>\n"
        f'<script id="citekit-config" type="application/json">{config}</script>\n'
        f"<script>{_asset('workbench.js')}</script>\n"
    )
    at = html.rfind("</body>")
    return html[:at] + extra + html[at:]


def _review_page(wb: Workbench) -> tuple[str, list[dict[str, Any]]]:
    """The review page of refs/ as it is now and its duplicate groups (as JSON values): kept
    in the workbench's cache by everything they are made from, made when not there.

    The key is refs/ (every ``*.yaml`` file's bytes), the style, the working directory and the
    day (record checks compare dates with today); the page keeps the digests of the source
    documents (and sidecars) it showed, and is used only while they are the same.
    """
    key = _page_key(wb)
    found = wb.cache.get("page", key)
    if found is not None:
        html, groups, shown = found
        if file_digests(Path(f.split("\0")[0]) for f in shown) == shown:
            return html, groups
    problems = Problems()
    lib = wb.library(problems)
    sources: dict[str, str] = {}
    documents = {}
    for rf in wb.files():
        if rf.source:
            sources[rf.path.as_posix()] = rf.source
        if rf.document is not None:
            documents[rf.path.as_posix()] = rf.document
    docs = sorted({p.file for ref in lib for p in ref.provenance} | set(sources.values()))
    read = [*(Path(f) for f in docs), *(_sidecar(f) for f in docs)]
    shown = file_digests(read)
    html, groups = _make_page(wb, lib, problems, sources, documents)
    if _page_key(wb) == key and file_digests(read) == shown:
        # kept only when nothing it was made from changed while it was being made
        wb.cache.put("page", key, (html, groups, shown))
    return html, groups


def _page_key(wb: Workbench) -> str:
    return digest(
        wb.style or "",
        os.getcwd(),
        datetime.date.today().isoformat(),
        *file_digests(sorted(wb.refs.glob("*.y*ml"))),
    )


def _sidecar(path: str) -> Path:
    """A source document's sidecar (``extract.sidecar_path``, without importing extraction)."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.yaml")


def _make_page(
    wb: Workbench,
    lib: Any,
    problems: Problems,
    sources: dict[str, str],
    documents: dict[str, Any],
) -> tuple[str, list[dict[str, Any]]]:
    from ..aliases import load_aliases
    from ..checks.duplicates import find_duplicates
    from ..checks.records import check_records
    from ..merge import load_decisions
    from ..render import render_bibliography
    from ..report import Review, render_page

    rendered = render_bibliography(list(lib), wb.style, problems=problems, cache=wb.render_cache)
    problems.extend(check_records(lib))
    groups = find_duplicates(lib, aliases=load_aliases(wb.refs), decisions=load_decisions(wb.refs))
    review = Review(
        library=lib,
        rendered=rendered,
        problems=problems,
        duplicates=groups,
        unparsed=_unparsed(
            sorted(set(sources.values())),
            Bundle(wb.cache, "unparsed", digest(os.getcwd(), str(wb.refs.resolve()))),
        ),
        read_source=_read_lines,
        sources=sources,
        documents=documents,
        title="citekit 审阅工作台 review workbench",
        style=wb.style or "gb-t-7714-2025-numeric",
        warnings_in_problems=True,  # the record checks ran (W312)
    )
    return render_page(review), [g.to_json() for g in groups]
