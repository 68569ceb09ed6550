"""The workbench page, served in parts so that it opens at once whatever the library's size.

Consumes a :class:`~citekit.review.workbench.Workbench`; produces, for one opening of the page
(a :class:`PageRun`):

* the first answer (:meth:`PageRun.shell`): the build's review page with the first records
  only (:data:`FIRST`, in library order: the first documents), places for what needs the whole
  library (totals, charts, duplicate groups, filters by finding), and the workbench's script;
* the rest of the records in chunks (:meth:`PageRun.chunk`, :data:`CHUNK` records each, in
  order), which the page's script asks for one after the other and puts in place: a document
  whose records span two chunks gets its section in the first and the rest of its records in
  the next;
* what needs every record (:meth:`PageRun.findings`): duplicate groups, totals, filters by
  finding, charts, problems no record owns, the records other documents cite, and the records
  to check first (extraction warnings, low confidence first: the panel at the top) — computed
  in a background thread (:meth:`PageRun.start`) once the page, shown, asks for them.

Refs files are read only when a chunk needs them (so the first answer reads a few), and the
lines extraction could not read ("possibly missed") are found per document when its section
is made, kept between runs by the document's bytes. A part is made from exactly what the full
page is made from (``report.build_view`` over the part's records, numbered from where the part
starts), so the page, once complete, shows what ``citekit build`` shows. In an author-date
style the entries' year suffixes (2018a, 2018b) depend on every record: there the first answer
computes them from what each record is filed under (authors, year, title: ``sortkeys``, kept
per refs file between runs, a new file read quickly), then renders its own records only, as
numeric styles do; each file read whole later is checked against those keys (a difference
makes the page reload, :attr:`PageRun.stale`). The token
the server checks goes into the page as JSON, escaped for a script element.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CitekitError
from ..model import Library, Reference
from ..problems import Problems
from .cache import Bundle, digest, file_digests
from .sortkeys import Row
from .workbench import EDITABLE, Workbench

__all__ = ["CHUNK", "FIRST", "PageRun", "prepare", "warm_up", "workbench_page"]

#: records in the first answer (a screenful and then some)
FIRST = 40
#: records in each later chunk
CHUNK = 500


def warm_up() -> None:
    """Import and compile what making the page needs (the command does it before it listens,
    so that the first page waits for the work only): modules, templates, pinyin tables."""
    from .. import documents, extract, merge, render, report, store  # noqa: F401
    from ..checks import duplicates, records  # noqa: F401
    from ..render._order import _pinyin

    report.compile_templates()
    _pinyin("预备")  # pypinyin's dictionaries, loaded on first use


def prepare(wb: Workbench) -> None:
    """Compute what the first answer of an author-date page needs from every refs file (its
    records' sort keys, their titles' pinyin: ``_suffixes``) ahead of the first page: the
    command runs it in a thread as it starts listening, so that a page asked for a moment
    later (the browser opening) finds it done. Errors are left for the page to report."""
    from ..render import load_style

    if load_style(wb.style).numeric:
        return
    with contextlib.suppress(CitekitError, OSError):
        PageRun(wb, run_id="prepare")._suffixes()


def _asset(name: str) -> str:
    return (resources.files("citekit") / "templates" / name).read_text(encoding="utf-8")


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


def _sidecar(path: str) -> Path:
    """A source document's sidecar (``extract.sidecar_path``, without importing extraction)."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.yaml")


#: a part of a chunk: (index of the refs file, first record, end) — records of the file's own
Piece = tuple[int, int, int]


class PageRun:
    """One opening of the workbench page: the refs files as listed when it was opened, read
    in order as its chunks need them."""

    def __init__(
        self, wb: Workbench, *, first: int = FIRST, chunk: int = CHUNK, run_id: str | None = None
    ) -> None:
        from ..store import refs_files

        self.wb = wb
        #: what the page's script names this opening by (random unless given)
        self.id = run_id or secrets.token_urlsafe(9)
        self.paths = refs_files(wb.refs)
        self.doc_ids = {p.as_posix(): f"doc{n}" for n, p in enumerate(self.paths, 1)}
        self._sizes = (max(1, first), max(1, chunk))
        self._lock = threading.RLock()
        # per refs file read so far, in order: the file, the records the library takes from
        # it (a key already taken by an earlier file is not), the problems of reading it
        self._files: list[Any] = []
        self._kept: list[list[Reference]] = []
        self._problems: list[Problems] = []
        self._seen: dict[str, Path] = {}
        # where each chunk starts: (refs file, record of it) and the number of its first record
        self._starts: list[tuple[int, int, int]] = [(0, 0, 1)]
        self._unread = Bundle(
            wb.cache, "unparsed", digest(os.getcwd(), str(wb.refs.resolve()), "lines")
        )
        self._unread_now: dict[str, list[Any]] = {}
        self._all_suffixes: dict[str, str] | None = None
        # author-date: each file's rows the suffixes were computed from (``sortkeys``), and
        # whether a file read whole disagreed with them (the page must then be reloaded)
        self._rows: list[tuple[str | None, tuple[Row, ...]]] | None = None
        self.stale = False
        self._findings: dict[str, Any] | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        # the first answer reads its few files directly, not all that the last run kept
        self._use_kept = False

    # --------------------------------------------------------------------- reading refs/

    def _read(self, upto: int) -> None:
        """Read the refs files up to index ``upto`` (in order: the first file to use a key
        keeps it, as in ``load_refs``)."""
        with self._lock:
            while len(self._files) <= min(upto, len(self.paths) - 1):
                path = self.paths[len(self._files)]
                problems = Problems()
                try:
                    rf, read = self.wb.parsed(path, kept=self._use_kept)
                except FileNotFoundError:  # removed since the page was opened (an undo)
                    rf, read = None, Problems()
                problems.extend(read)
                kept: list[Reference] = []
                for ref in rf.references if rf is not None else ():
                    folded = ref.id.casefold()
                    if folded in self._seen:
                        if self._seen[folded] != path:
                            problems.add(
                                ref.origin or str(path),
                                "E203",
                                f"two records share the key {ref.id!r}: rename one",
                                "error",
                            )
                        continue
                    self._seen[folded] = path
                    self.wb.shown_in(ref.id, path)
                    kept.append(ref)
                self._files.append(rf)
                self._kept.append(kept)
                self._problems.append(problems)
                if self._rows is not None:
                    self._check_rows(len(self._files) - 1)

    def _has(self, n: int) -> bool:
        """Whether there is a chunk ``n`` (the starts of the chunks before it found)."""
        with self._lock:
            while len(self._starts) <= n:
                _, end = self._walk(len(self._starts) - 1)
                if end is None:
                    return False
                self._starts.append(end)
            return True

    def _pieces(self, n: int) -> tuple[list[Piece], int]:
        """The parts of chunk ``n`` and the number of its first record."""
        with self._lock:
            if not self._has(n):
                return [], 0
            return self._walk(n)[0], self._starts[n][2]

    def _walk(self, n: int) -> tuple[list[Piece], tuple[int, int, int] | None]:
        """Chunk ``n``'s parts and where the next chunk starts (None: it is the last)."""
        fi, ri, number = self._starts[n]
        want = self._sizes[0] if n == 0 else self._sizes[1]
        pieces: list[Piece] = []
        while fi < len(self.paths):
            self._read(fi)
            count = len(self._kept[fi])
            take = min(want, count - ri)
            if take <= 0 and ri < count:
                break  # full, and this file's records go on in the next chunk
            take = max(take, 0)
            pieces.append((fi, ri, ri + take))
            want -= take
            number += take
            ri += take
            if ri < count:
                break
            fi, ri = fi + 1, 0
        if fi >= len(self.paths):
            return pieces, None
        return pieces, (fi, ri, number)

    def _all(self) -> Library:
        self._read(len(self.paths) - 1)
        return Library(ref for kept in self._kept for ref in kept)

    # ------------------------------------------------------------------------ the parts

    def shell(self, token: str) -> str:
        """The first answer: the page with the first chunk's records and the workbench."""
        from ..render import load_style
        from ..report import render_view

        if not load_style(self.wb.style).numeric:
            self._suffixes()  # before any file is read whole: each is then checked
        view, _, unread = self._view(0)
        view.totals["documents"] = len(self.paths)
        html = render_view(view, pending=True)
        more = self._has(1)
        self._use_kept = True
        config = json.dumps(
            {
                "token": token,
                "fields": EDITABLE,
                "refs": self.wb.refs.as_posix(),
                "run": self.id,
                "next": 1 if more else None,
                "unparsed": unread,
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

    def chunk(self, n: int) -> dict[str, Any]:
        """Chunk ``n`` (from 1) as the page's script puts it in place: ``parts`` (a document's
        section, or more records of a section already on the page), ``next`` (the next
        chunk, None after the last), ``unparsed`` (how many lines not read in its documents) and
        ``missed`` (those lines for the "to check first" panel)."""
        from ..report import render_part

        if n < 1:
            raise CitekitError("chunks are numbered from 1")
        view, pieces, unread = self._view(n)
        docs = {d.refs_file: d for d in view.documents}
        parts = []
        heads = []
        for fi, start, _ in pieces:
            d = docs.get(self.paths[fi].as_posix())
            if d is None:
                continue  # a file with neither records nor source: no section (as in build)
            if start == 0:
                html = render_part("section", d, True)
                heads.append(d)
            else:
                html = "".join(render_part("record", r, d, True) for r in d.records)
            parts.append({"doc": d.id, "head": start == 0, "html": html})
        last = not self._has(n + 1)
        if last:
            self._keep_unread()
        return {
            "parts": parts,
            "next": None if last else n + 1,
            "unparsed": unread,
            "missed": render_part("missed_items", heads) if unread else "",
        }

    def _view(self, n: int) -> tuple[Any, list[Piece], int]:
        """The page view of chunk ``n``'s records and sections, its parts, and how many lines
        not read its new sections show."""
        from ..checks.records import check_records
        from ..render import load_style, render_bibliography
        from ..report import Review, build_view, problem_owner

        pieces, number = self._pieces(n)
        with self._lock:
            refs = [r for fi, a, b in pieces for r in self._kept[fi][a:b]]
            problems = Problems()
            heads = [fi for fi, a, _ in pieces if a == 0]
            for fi, a, b in pieces:
                mine = {r.id for r in self._kept[fi][a:b]}
                owner = problem_owner(Library(self._kept[fi]))
                for p in self._problems[fi]:
                    key = owner(p)
                    # a problem of a record shown in another chunk is shown there
                    if (key is None and a == 0) or key in mine:
                        problems.extend([p])
            files = [self._files[fi] for fi, _, _ in pieces if self._files[fi] is not None]
            counts = {self.paths[fi].as_posix(): len(self._kept[fi]) for fi, _, _ in pieces}
        style = self.wb.style
        rendered = render_bibliography(
            refs,
            style,
            problems=problems,
            cache=self.wb.render_cache,
            first_number=number,
            suffixes_of=None if load_style(style).numeric else self._suffixes(),
        )
        problems.extend(check_records(refs))
        unread: list[Any] = []
        for fi in heads:
            rf = self._files[fi]
            if rf is not None and rf.source:
                unread.extend(self._unread_lines(rf.source))
        review = Review(
            library=Library(refs),
            rendered=rendered,
            problems=problems,
            unparsed=unread,
            read_source=_read_lines,
            sources={rf.path.as_posix(): rf.source for rf in files if rf.source},
            documents={
                self.paths[fi].as_posix(): self._files[fi].document
                for fi in heads
                if self._files[fi] is not None and self._files[fi].document is not None
            },
            title="citekit 审阅工作台 review workbench",
            style=style or "gb-t-7714-2025-numeric",
            warnings_in_problems=True,  # the record checks ran (W312)
            first_number=number,
            document_ids=self.doc_ids,
            record_counts=counts,
            cross_citations=False,  # needs every record: sent with the findings
        )
        return build_view(review), pieces, len(unread)

    def _suffixes(self) -> dict[str, str]:
        """Author-date year suffixes (2018a, 2018b) over the whole library: from every
        record's row (authors, year, title: ``sortkeys``), without reading every refs file
        whole."""
        with self._lock:
            if self._all_suffixes is None:
                self._rows, self._all_suffixes = self.wb.sort_index.suffixes(
                    self.paths, self._whole
                )
            return self._all_suffixes

    def _whole(self, path: Path) -> list[Reference] | None:
        """The records of refs file ``path`` read whole (None: it is gone)."""
        try:
            rf, _ = self.wb.parsed(path)
        except FileNotFoundError:
            return None
        return list(rf.references) if rf is not None else None

    def _check_rows(self, fi: int) -> None:
        """Compare refs file ``fi``, just read whole, with the rows the suffixes came from: a
        difference with the same text is the index's error (the page is stale: it reloads);
        a file changed since the page opened shows as it is now, as in numeric styles. Either
        way the next opening has the right rows."""
        from .sortkeys import rows_of

        assert self._rows is not None
        rf = self._files[fi]
        path = self.paths[fi]
        used, rows = self._rows[fi]
        truth = rows_of(rf.references if rf is not None else (), self.wb.sort_index.name_keys)
        if truth != rows:
            now = self.wb.text_key(path)
            if now is not None:
                self.wb.sort_index.correct(path, now, truth)
            if now is not None and now == used:
                self.stale = True

    def _unread_lines(self, source: str) -> list[Any]:
        """What extraction could not read in ``source`` (kept between runs by the document's
        path and bytes and its sidecar's)."""
        from ..extract import extract_file

        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError:  # an unreadable source shows no such lines
            return []
        (side,) = file_digests([_sidecar(source)])
        key = digest(source, str(path.resolve()), data, side)
        lines = self._unread.get(key)
        if lines is None:
            try:
                lines = list(extract_file(source, Problems()).unparsed)
            except (CitekitError, OSError):
                lines = []
            if not (_reads(path, data) and file_digests([_sidecar(source)]) == [side]):
                return lines  # changed meanwhile: not kept
        with self._lock:
            self._unread_now[key] = lines
        return lines

    def _keep_unread(self) -> None:
        """Keep the lines found in every document of the page for the next run."""
        with self._lock:
            if len(self._unread_now) and len(self._files) == len(self.paths):
                self._unread.save(self._unread_now)

    # ------------------------------------------------------------------ the whole library

    def start(self) -> None:
        """Compute the findings in a background thread (once)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._compute, daemon=True)
                self._thread.start()

    def join(self) -> None:
        """Wait until the background thread (findings, then keeping the parsed files) ends."""
        if self._thread is not None:
            self._thread.join()

    def findings(self, wait: float | None = None) -> dict[str, Any] | None:
        """What needs every record (None while it is being computed; ``wait`` seconds at
        most for it): ``duplicates`` (groups, their panel, each record's badges), ``totals``,
        ``filters``, ``charts``, ``other`` (problems no record owns), ``cited_too``,
        ``check_first`` (records with extraction warnings, least confident first)."""
        self.start()
        self._done.wait(wait)
        return self._findings

    def _compute(self) -> None:
        try:
            self._findings = self._make_findings()
        except Exception as exc:  # shown on the page, not lost in a thread
            self._findings = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            self._done.set()
        with contextlib.suppress(CitekitError, OSError):
            self.wb.files()  # keeps the parsed files for the next run (once the page has them)
        if self._rows is not None:
            self.wb.sort_index.keep()  # with the rows the files read whole corrected

    def _make_findings(self) -> dict[str, Any]:
        from ..aliases import load_aliases
        from ..checks.duplicates import find_duplicates
        from ..checks.records import check_records
        from ..merge import load_decisions
        from ..render import load_style, render_bibliography
        from ..report import Review, bar_chart, build_view, render_part

        numeric = load_style(self.wb.style).numeric

        for fi in range(len(self.paths)):  # file by file: chunks are served meanwhile
            self._read(fi)
        with self._lock:
            lib = self._all()
            problems = Problems()
            for found in self._problems:
                problems.extend(found)
            sources = {rf.path.as_posix(): rf.source for rf in self._files if rf and rf.source}
            documents = {
                rf.path.as_posix(): rf.document for rf in self._files if rf and rf.document
            }
        problems.extend(check_records(lib))
        groups = find_duplicates(
            lib, aliases=load_aliases(self.wb.refs), decisions=load_decisions(self.wb.refs)
        )
        view = build_view(
            Review(
                library=lib,
                problems=problems,
                duplicates=groups,
                sources=sources,
                documents=documents,
                warnings_in_problems=True,
                document_ids=self.doc_ids,
            )
        )
        badges: dict[str, list[dict[str, str]]] = {}
        cited: dict[str, str] = {}
        for d in view.documents:
            for r in d.records:
                dup = [b for b in r.badges if b.kind == "dup"]
                if dup:
                    badges[r.key] = [
                        {"kind": b.kind, "text": b.text, "title": b.title, "href": b.href}
                        for b in dup
                    ]
            if d.cited_too:
                for r, _ in d.cited_too:
                    ref = lib.get(r.key)
                    if ref is not None and not r.entry:
                        (e,) = render_bibliography(
                            [ref],
                            self.wb.style,
                            first_number=r.number,
                            suffixes_of=None if numeric else self._suffixes(),
                        )
                        r.label, r.entry = e.label, e.text
                cited[d.id] = render_part("cited_too", d)
        totals = dict(view.totals)
        totals.pop("unparsed", None)  # the chunks count them
        return {
            "totals": totals,
            "filters": view.problem_filters,
            "documents": [
                [d.id, f"{d.source or d.refs_file}（{d.count}）"] for d in view.documents
            ],
            "charts": {
                "chart-type": render_part(
                    "chart", bar_chart(view.by_type, horizontal=True), "chart-type"
                ),
                "chart-year": render_part(
                    "chart", bar_chart(view.by_year, horizontal=False), "chart-year"
                ),
            },
            "other": render_part("problem_list", view.other_problems)
            if view.other_problems
            else "",
            "other_count": len(view.other_problems),
            "duplicates": {
                "html": render_part("duplicate_items", view.duplicate_groups),
                "groups": [{"n": n, "ids": list(g.ids)} for n, g in view.duplicate_groups],
                "badges": badges,
            },
            "cited_too": cited,
            "check_first": {
                "html": render_part("check_items", view.check_first),
                "count": len(view.check_first),
            },
        }


def workbench_page(wb: Workbench, token: str, *, first: int = FIRST, chunk: int = CHUNK) -> str:
    """The whole page at once (every chunk and the findings put in place, as the page's
    script does): what a librarian sees once it has loaded. For tests and comparisons."""
    run = PageRun(wb, first=first, chunk=chunk, run_id="page")
    page = assemble(run.shell(token), list(_chunks(run)), run.findings())
    run.join()
    return page


def _chunks(run: PageRun) -> Sequence[dict[str, Any]]:
    out, n = [], 1
    while True:
        part = run.chunk(n)
        out.append(part)
        if part["next"] is None:
            return out
        n = part["next"]


def assemble(shell: str, chunks: Sequence[dict[str, Any]], findings: Any) -> str:
    """The text of the shell with ``chunks``' parts and ``findings`` put in (a plain
    concatenation, for comparing what two runs show: not the page's DOM)."""
    out = [shell]
    for c in chunks:
        out.extend(p["html"] for p in c["parts"])
    out.append(json.dumps(findings, ensure_ascii=False, sort_keys=True))
    return "\n".join(out)
