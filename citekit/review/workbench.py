"""The review workbench's operations on refs/: what the browser asks for, without HTTP.

Consumes a refs directory; produces the review page (the same page ``citekit build`` writes,
with the workbench's controls), records as editable fields, GB/T 7714 previews, and changes
written through the store: an edit, a record marked "not a reference" (deleted: the store's
merge base then keeps it deleted on the next ``citekit extract``), a confirmation (its
warnings go), a new record from selected source lines, duplicate decisions (merge, not
duplicates, repost — the CLI's own library calls), one link check, and undo.

Every change holds the refs/ lock, re-reads the file, and refuses with :class:`ConflictError`
(both values) when the record changed since the browser read it — two tabs never overwrite
each other's edit silently. Before each change the files it touches are copied into
``refs/.review-history/``; :meth:`Workbench.undo` puts the last ones back.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CitekitError, InputError
from ..model import CSL_TYPES, Library, Name, PartialDate, Provenance, Reference
from ..problems import Problems
from .cache import Bundle, ReviewCache, digest
from .sortkeys import SortIndex

__all__ = ["EDITABLE", "ConflictError", "Workbench"]

#: the fields the page lets a librarian edit: (name in the form, label)
EDITABLE: tuple[tuple[str, str], ...] = (
    ("type", "类型 type"),
    ("title", "题名 title"),
    ("author", "作者 authors（；分隔）"),
    ("container_title", "来源 container"),
    ("issued", "日期 date"),
    ("edition", "版次 edition"),
    ("volume", "卷 volume"),
    ("issue", "期 issue"),
    ("page", "页 page"),
    ("number", "文号/编号 number"),
    ("authority", "发文机关 authority"),
    ("publisher", "出版者 publisher"),
    ("publisher_place", "出版地 place"),
    ("url", "网址 URL"),
    ("doi", "DOI"),
    ("accessed", "引用日期 accessed"),
    ("note", "附注 note"),
)
_HISTORY = ".review-history"
#: a record's first line in a refs file as citekit writes it
_ITEM_RE = re.compile(r"^- id: (.+?)\s*$")
_KEEP = 50  # changes kept for undo


class ConflictError(CitekitError):
    """The record changed since it was read (another tab, a hand edit, a running extract)."""

    exit_code = 1

    def __init__(self, key: str, mine: Mapping[str, str], theirs: Mapping[str, str] | None):
        super().__init__(f"{key!r} was changed elsewhere since you opened it")
        self.key = key
        self.mine = dict(mine)
        self.theirs = None if theirs is None else dict(theirs)


def _name_text(n: Name) -> str:
    if n.literal:
        return n.literal
    return f"{n.family}, {n.given}" if n.given else n.family or ""


def fields_of(ref: Reference) -> dict[str, str]:
    """The editable fields of ``ref`` as the form shows them (text)."""
    out: dict[str, str] = {}
    for name, _ in EDITABLE:
        value = getattr(ref, name)
        if name == "author":
            out[name] = "；".join(_name_text(n) for n in value)
        elif isinstance(value, PartialDate):
            out[name] = value.iso() if value.is_valid else (value.literal or "")
        else:
            out[name] = "" if value is None else str(value)
    return out


def version_of(ref: Reference) -> str:
    """A short fingerprint of everything in ``ref`` (what "changed since read" compares)."""
    data = json.dumps(ref.to_csl(provenance=True), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def apply_fields(ref: Reference, fields: Mapping[str, str]) -> Reference:
    """``ref`` with the form's ``fields``; InputError (naming the field) for a bad value."""
    changes: dict[str, Any] = {}
    known = dict(EDITABLE)
    for name, text in fields.items():
        if name not in known:
            raise InputError(f"unknown field {name!r}", ref.id)
        text = (text or "").strip()
        if name == "type":
            if text not in CSL_TYPES:
                raise InputError(f"unknown type {text!r}", ref.id)
            changes[name] = text
        elif name == "author":
            parts = [p for p in re.split(r"[;；、\n]", text) if p.strip()]
            changes[name] = tuple(Name.parse(p.strip()) for p in parts)
        elif name in ("issued", "accessed"):
            try:
                changes[name] = PartialDate.parse(text) if text else None
            except ValueError as exc:
                raise InputError(f"{known[name]}: {exc}", ref.id) from None
        elif name == "title":
            changes[name] = text or None
        else:
            changes[name] = text or None
    return ref.replace(**changes)


@dataclass
class Change:
    """One saved change, as the browser is told of it."""

    what: str
    key: str | None = None
    files: list[str] = field(default_factory=list)
    version: str | None = None


class Workbench:
    """The operations of ``citekit review`` on one refs directory."""

    def __init__(
        self,
        refs_dir: str | os.PathLike[str],
        style: str | None = None,
        cache: ReviewCache | None = None,
    ) -> None:
        from ..render import RenderCache

        self.refs = Path(refs_dir)
        self.style = style
        #: what is kept between runs (parsed files, unread lines); None: nothing
        self.cache = cache if cache is not None else ReviewCache(None)
        #: rendered entries: the user's cache when ``cache`` keeps things on disk
        self.render_cache = RenderCache(self.cache.root)
        # the refs/ lock serialises processes (and is re-entrant within one): the server's
        # threads take turns here first
        self._mutex = threading.RLock()
        # parsed refs files by path, with the (mtime, size) they were read at: a file is
        # parsed again only when it changed on disk (by us, by hand or by citekit extract)
        self._parsed: dict[Path, tuple[tuple[int, int], Any, Problems, str | None]] = {}
        # the parsed files of the last run (and of this one, for the next)
        self._kept = Bundle(self.cache, "parsed", digest(str(self.refs.resolve())))
        self._fresh = False  # a file was parsed since the kept files were last saved
        # the refs file each record shown on a page came from (key folded -> file)
        self._homes: dict[str, Path] = {}
        # the records by key, with the parsed files they were gathered from
        self._records: tuple[list[Any], Library] | None = None
        #: what an author-date list files each record under, per refs file (``sortkeys``)
        self.sort_index = SortIndex(self.cache, self.refs)
        if not self.refs.is_dir():
            raise InputError("no such refs directory", str(self.refs))

    # ------------------------------------------------------------------------------ reading

    def files(self) -> list[Any]:
        """The refs files as they are on disk now (``RefsFile`` values; do not change them)."""
        from ..store import refs_files

        paths = refs_files(self.refs)
        out = [self.parsed(path, kept=True)[0] for path in paths]
        with self._mutex:
            for gone in set(self._parsed) - set(paths):
                del self._parsed[gone]
            if self._fresh:  # keep what refs/ is now for the next run
                self._fresh = False
                self._kept.save(
                    {c[3]: (c[1], c[2]) for c in self._parsed.values() if c[3] is not None}
                )
        return out

    def parsed(self, file: Path, *, kept: bool = False) -> tuple[Any, Problems]:
        """``file`` as it is on disk now (parsed again only when it changed) and the problems
        of reading it; ``kept``: look in what the last run kept first (one read of all the
        files it kept: worth it for all files, not for a few). Malformed YAML raises, as in
        the store."""
        from ..store.files import _parse, read_yaml_text

        with self._mutex:
            st = file.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            cached = self._parsed.get(file)
            if cached is None or cached[0] != stamp:
                text = read_yaml_text(file)
                key = digest(str(file), text)
                found = self._kept.get(key) if kept else None
                if found is not None:
                    rf, problems = found
                else:
                    problems = Problems()
                    rf = _parse(text, file, problems)
                    self._fresh = True
                cached = (stamp, rf, problems, key)
                self._parsed[file] = cached
            return cached[1], cached[2]

    def text_key(self, file: Path) -> str | None:
        """The key of ``file``'s text as last read whole (its path and text), or None."""
        with self._mutex:
            cached = self._parsed.get(file)
            return cached[3] if cached is not None else None

    def library(self, problems: Problems | None = None) -> Library:
        """All records; the problems of reading them go to ``problems`` (as ``load_refs``)."""
        return self._library(self.files(), problems)

    def _library(self, files: list[Any], problems: Problems | None) -> Library:
        lib = Library()
        seen: dict[str, Path] = {}
        with self._mutex:
            for rf in files:
                if problems is not None:
                    problems.extend(self._parsed[rf.path][2])
                for ref in rf.references:
                    if ref.id.casefold() in seen:
                        if problems is not None and seen[ref.id.casefold()] != rf.path:
                            problems.add(
                                ref.origin or str(rf.path),
                                "E203",
                                f"two records share the key {ref.id!r}: rename one",
                                "error",
                            )
                        continue
                    seen[ref.id.casefold()] = rf.path
                    lib.add(ref)
        return lib

    def shown_in(self, key: str, file: Path) -> None:
        """The page showed record ``key`` from ``file``: :meth:`record` looks there first
        (one file read, not all of refs/, for a record of a page still loading)."""
        with self._mutex:
            self._homes[key.casefold()] = file

    def record(self, key: str) -> Reference:
        """The record ``key``; InputError when there is none."""
        home = self._homes.get(key.casefold())
        if home is not None:
            try:
                rf, _ = self.parsed(home)
            except OSError:  # gone: looked for everywhere below
                rf = None
            for ref in rf.references if rf is not None else ():
                if ref.id.casefold() == key.casefold():
                    return ref  # type: ignore[no-any-return]
        files = self.files()
        with self._mutex:
            known = self._records
            if (
                known is None
                or len(known[0]) != len(files)
                or any(a is not b for a, b in zip(known[0], files, strict=True))
            ):
                # the files changed since the records were last gathered
                known = self._records = (files, self._library(files, None))
            ref = known[1].get(key)
        if ref is None:
            raise InputError(f"no record {key!r}", str(self.refs))
        return ref

    def record_json(self, key: str) -> dict[str, Any]:
        """What the edit form shows of ``key``."""
        ref = self.record(key)
        return {
            "key": ref.id,
            "version": version_of(ref),
            "fields": fields_of(ref),
            "file": str(stored_in(ref)) if ref.origin else None,
            "entry": self.preview(ref),
            "types": sorted(CSL_TYPES),
        }

    def preview(self, ref: Reference) -> str:
        """The GB/T 7714 entry of ``ref`` in the workbench's style (no label)."""
        from ..render import render_bibliography

        entries = render_bibliography([ref], self.style, problems=Problems())
        return entries[0].text if entries else ""

    def preview_fields(self, key: str, fields: Mapping[str, str]) -> str:
        """The entry ``key`` would have with ``fields`` (nothing is written)."""
        return self.preview(apply_fields(self.record(key), fields))

    # ------------------------------------------------------------------------------ writing

    @contextmanager
    def _changing(self, what: str, files: Sequence[Path]) -> Iterator[Change]:
        """Hold the lock, keep copies of ``files`` for undo, yield the change to fill in."""
        from ..store import refs_lock

        with self._mutex, refs_lock(self.refs):
            stamp = f"{time.time_ns():020d}"
            saved = self.refs / _HISTORY / stamp
            saved.mkdir(parents=True)
            manifest: dict[str, Any] = {"what": what, "files": {}}
            for f in files:
                rel = os.path.relpath(f, self.refs)
                if f.exists():
                    shutil.copy2(f, saved / rel.replace(os.sep, "__"))
                manifest["files"][rel] = f.exists()
            change = Change(what)
            try:
                yield change
            except BaseException:
                shutil.rmtree(saved, ignore_errors=True)
                raise
            (saved / "change.json").write_text(json.dumps(manifest, ensure_ascii=False))
            self._prune()

    def _prune(self) -> None:
        steps = sorted((self.refs / _HISTORY).iterdir())
        for old in steps[:-_KEEP]:
            shutil.rmtree(old, ignore_errors=True)

    def _file_of(self, ref: Reference) -> Path:
        if not ref.origin:
            raise InputError(f"{ref.id!r} has no refs file", str(self.refs))
        return stored_in(ref)

    def _rewrite(
        self,
        key: str,
        version: str | None,
        mine: Mapping[str, str],
        edit: Callable[[Reference], Reference | None],
    ) -> tuple[Path, Reference | None]:
        """Re-read ``key``'s file, check its version, put ``edit(record)`` in its place
        (None removes it), and write the file (round trip: comments and order kept)."""
        import dataclasses

        from ..store import write_refs_file

        path = self._file_of(self.record(key))
        cached, problems = self.parsed(path)  # parsed again when it changed on disk
        if problems.errors:
            raise problems_error(problems)
        rf = dataclasses.replace(cached, references=list(cached.references))
        at = next(
            (i for i, r in enumerate(rf.references) if r.id.casefold() == key.casefold()), None
        )
        if at is None:
            raise ConflictError(key, mine, None)
        current = rf.references[at]
        if version is not None and version_of(current) != version:
            raise ConflictError(key, mine, fields_of(current))
        new = edit(current)
        if new is None:
            del rf.references[at]
        else:
            rf.references[at] = new
        write_refs_file(rf)
        self._remember(rf, problems)
        return path, new

    def _remember(self, rf: Any, problems: Problems) -> None:
        """Keep the file just written as parsed (its records at their new lines), so that the
        next request does not parse it again; when the lines cannot be told, forget it."""
        import dataclasses

        from ..store import RefsFile

        lines = {
            m.group(1).strip("'\""): n
            for n, line in enumerate((rf.text or "").split("\n"), 1)
            if (m := _ITEM_RE.match(line))
        }
        if any(r.id not in lines for r in rf.references):
            self._parsed.pop(rf.path, None)
            return
        refs = [r.replace(origin=f"{rf.path}:{lines[r.id]}") for r in rf.references]
        fresh = dataclasses.replace(rf, references=refs, lines={r.id: lines[r.id] for r in refs})
        plain = rf.original is not None and rf.original.plain
        fresh.original = RefsFile(rf.path, rf.source, rf.document, list(refs), text=rf.text)
        fresh.original.plain = plain
        st = rf.path.stat()
        self._parsed[rf.path] = ((st.st_mtime_ns, st.st_size), fresh, problems, None)

    def save(self, key: str, fields: Mapping[str, str], version: str | None) -> Change:
        """Write the edited ``fields`` of ``key`` (refused when it changed since ``version``)."""
        ref = self.record(key)
        apply_fields(ref, fields)  # a bad value is refused before anything is touched
        with self._changing(f"edit {key}", [self._file_of(ref)]) as change:
            path, new = self._rewrite(key, version, fields, lambda r: apply_fields(r, fields))
            change.key, change.files = key, [str(path)]
            change.version = version_of(new) if new is not None else None
        return change

    def delete(self, key: str, version: str | None) -> Change:
        """Mark ``key`` "not a reference": removed, and kept out by the next extraction."""
        ref = self.record(key)
        with self._changing(f"delete {key}", [self._file_of(ref)]) as change:
            path, _ = self._rewrite(key, version, {}, lambda r: None)
            change.key, change.files = key, [str(path)]
        return change

    def confirm(self, key: str, version: str | None) -> Change:
        """Confirm ``key`` as read: its extraction warnings go (and stay gone: a hand edit)."""
        ref = self.record(key)
        with self._changing(f"confirm {key}", [self._file_of(ref)]) as change:
            path, new = self._rewrite(key, version, {}, lambda r: r.replace(warnings=()))
            change.key, change.files = key, [str(path)]
            change.version = version_of(new) if new is not None else None
        return change

    def add_from_lines(
        self, refs_file: str, source: str, start: int, end: int, text: str
    ) -> Change:
        """A new record from lines ``start``-``end`` of ``source``, kept in ``refs_file``.

        Its fields are what the extractor reads from the selected text (a web page with the
        text as title when it reads nothing); its provenance is exactly those lines.
        """
        from ..documents import Document
        from ..extract import extract_document
        from ..keys import assign_keys
        from ..store import KeyRegistry, load_refs_file, write_refs_file

        path = Path(refs_file)
        if path.resolve().parent != self.refs.resolve() or path.suffix != ".yaml":
            raise InputError("not a refs file of this library", refs_file)
        if start < 1 or end < start:
            raise InputError(f"bad line span {start}-{end}", source)
        if load_refs_file(path).source != source:
            # only the refs file's own document: no path from the browser is ever read
            raise InputError("not the source document of this refs file", source)
        found = list(extract_document(Document(source, text, "utf-8")).references)
        base = found[0] if found else Reference(id="", type="webpage", title=text.strip()[:200])
        prov = Provenance(source, start, end, text[:500])
        with self._changing(f"add {source}:{start}-{end}", [path]) as change:
            lib = self.library()
            registry = KeyRegistry(self.refs).load()
            taken = set(lib.keys()) | set(registry.keys)
            (new,) = assign_keys([base.replace(id="", provenance=(prov,), warnings=())], taken)
            problems = Problems()
            rf = load_refs_file(path, problems)
            if problems.errors:
                raise problems_error(problems)
            rf.references.append(new)
            write_refs_file(rf)
            registry.add({new.id: prov.location})
            change.key, change.files, change.version = new.id, [str(path)], version_of(new)
        return change

    def merge(self, keys: Sequence[str], into: str, values: Mapping[str, str]) -> Change:
        """Merge a duplicate group into ``into`` (citekit merge), then set the chosen values."""
        from ..merge import merge_duplicates

        files = {self._file_of(self.record(k)) for k in keys}
        with self._changing(f"merge {' '.join(keys)}", sorted(files)) as change:
            result = merge_duplicates(list(keys), into=into, refs_dir=self.refs)
            change.key, change.files = result.survivor, [str(f) for f in result.files]
            if values:
                _, new = self._rewrite(
                    result.survivor, None, values, lambda r: apply_fields(r, values)
                )
                change.version = version_of(new) if new is not None else None
        return change

    def not_duplicates(self, keys: Sequence[str]) -> Change:
        """Remember that ``keys`` are not duplicates (citekit merge --not-duplicate)."""
        from ..merge import DECISIONS_FILE, mark_not_duplicates

        with self._changing(f"not duplicates {' '.join(keys)}", [self.refs / DECISIONS_FILE]) as c:
            mark_not_duplicates(list(keys), refs_dir=self.refs)
            c.files = [str(self.refs / DECISIONS_FILE)]
        return c

    def repost(self, keys: Sequence[str], original: str) -> Change:
        """Record ``keys`` as reposts of ``original`` (citekit merge --as-repost)."""
        from .. import merge as merging

        mark = getattr(merging, "mark_reposts", None)
        if mark is None:
            raise InputError("this citekit cannot record reposts", str(self.refs))
        target = self.refs / "_redirects.yaml"
        with self._changing(f"repost {' '.join(keys)}", [target]) as c:
            mark([k for k in keys if k != original], original=original, refs_dir=self.refs)
            c.files = [str(target)]
        return c

    def check_link(self, key: str) -> dict[str, Any]:
        """Check ``key``'s URL once (the only request the workbench makes) and say why."""
        from ..checks.links import LinkOptions, check_links

        ref = self.record(key)
        if not ref.url:
            raise InputError(f"{key!r} has no URL", str(self.refs))
        results = check_links(Library([ref]), LinkOptions())
        data: dict[str, Any] = results[0].to_json() if results else {"url": ref.url}
        return data

    def undo(self) -> Change:
        """Put back the files of the last change; InputError when there is none."""
        from ..store import refs_lock

        history = self.refs / _HISTORY
        steps = (
            sorted(p for p in history.iterdir() if (p / "change.json").exists())
            if history.is_dir()
            else []
        )
        if not steps:
            raise InputError("nothing to undo", str(self.refs))
        last = steps[-1]
        manifest = json.loads((last / "change.json").read_text())
        with self._mutex, refs_lock(self.refs):
            files = []
            for rel, existed in manifest["files"].items():
                target = self.refs / rel
                copy = last / rel.replace(os.sep, "__")
                if existed:
                    from ..atomic import write_bytes_atomic

                    write_bytes_atomic(target, copy.read_bytes())
                elif target.exists():
                    target.unlink()
                files.append(str(target))
            shutil.rmtree(last)
        return Change(f"undo {manifest['what']}", files=files)

    def download(self, fmt: str, style: str | None = None) -> tuple[bytes, str, str]:
        """The bibliography as (bytes, media type, file name): docx, bib, json or txt."""
        import tempfile

        from ..formats.bibtex import to_bibtex
        from ..formats.csljson import dump_csl_json
        from ..render import render_bibliography

        lib = self.library()
        style = style or self.style
        if fmt == "bib":
            return to_bibtex(lib).encode(), "application/x-bibtex", "references.bib"
        if fmt == "json":
            return dump_csl_json(lib).encode(), "application/json", "references.json"
        entries = render_bibliography(list(lib), style, problems=Problems())
        if fmt == "txt":
            text = "".join(f"{e.label} {e.text}\n" if e.label else f"{e.text}\n" for e in entries)
            return text.encode(), "text/plain; charset=utf-8", "bibliography.txt"
        if fmt == "docx":
            from ..docx import write_bibliography_docx

            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "bibliography.docx"
                write_bibliography_docx(entries, out)
                return (
                    out.read_bytes(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "bibliography.docx",
                )
        raise InputError(f"unknown download format {fmt!r} (docx, bib, json, txt)")


def stored_in(ref: Reference) -> Path:
    """The refs file a loaded record is kept in (the file of its typed ``location``)."""
    return Path(ref.location.file) if ref.origin else Path()


def problems_error(problems: Problems) -> InputError:
    """The first error of ``problems`` as an InputError."""
    first = problems.errors[0]
    return InputError(first.message, first.where)
