"""The whole job (``citekit build``): sources -> ``refs/`` -> checks -> ``build/``.

Consumes sources (default: every ``*.txt`` and ``*.docx`` in ``seeds/``) and the reference
library in ``refs/``. A source is a document (a bulletin) or a reference file (RIS, EndNote,
NoteExpress, RefWorks, CNKI, CSL-JSON, BibTeX, a GB/T 7714 list pasted into a .txt …); which
one is decided from its content (:func:`citekit.inputs.source_kind`, ``text_as`` overrides it
for .txt/.docx). Extracts each document, reads each reference file, and merges the records
into ``refs/`` through :class:`~citekit.intake.Intake` (hand edits there are kept), loads the
library, checks records, duplicates and optionally links,
renders the bibliography, and produces, each written atomically:

``build/references.bib``, ``references.json`` (CSL-JSON), ``bibliography.docx``,
``bibliography.txt`` and ``index.html`` (the review page, :mod:`citekit.report`).

Everything is computed before the first output is written, so a failure (an unreadable document,
a malformed refs file, an unknown style) leaves the previous outputs in ``build/`` as they were.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_text_atomic
from .errors import DocumentError, InputError
from .model import Library
from .problems import Problems
from .xmltext import xml_safe

if TYPE_CHECKING:  # the stages are imported when their step runs (a fast --help)
    from .aliases import Aliases
    from .checks.duplicates import Decisions, DuplicateGroup
    from .checks.links import LinkOptions, LinkResult
    from .extract import Extraction, Unparsed
    from .inputs import ImportedFile
    from .intake import ImportReport, Intake
    from .render import Rendered, Style
    from .store import RefsFile

__all__ = [
    "DOCUMENT_SUFFIXES",
    "OUTPUTS",
    "REFERENCE_SUFFIXES",
    "Build",
    "BuildError",
    "BuildOptions",
    "BuildResult",
    "Step",
    "find_documents",
    "run_build",
]

#: What ``citekit build`` writes into the output directory, in writing order.
OUTPUTS = (
    "references.bib",
    "references.json",
    "bibliography.txt",
    "bibliography.docx",
    "index.html",
)
#: Source documents picked up from an input directory.
DOCUMENT_SUFFIXES = (".txt", ".docx")
#: Reference files picked up from an input directory (.json and .xml only when named: too
#: many other files have those names).
REFERENCE_SUFFIXES = (".ris", ".enw", ".bib", ".bibtex", ".biblatex", ".net", ".ne", ".csljson")


class BuildError(InputError):
    """The build could not be done; ``problems`` says why (each with its file and line)."""

    def __init__(self, message: str, problems: Problems, where: str | None = None) -> None:
        super().__init__(message, where)
        self.problems = problems


@dataclass(frozen=True)
class BuildOptions:
    """What ``citekit build`` does; the defaults are the CLI's."""

    #: documents, reference files or directories of them; empty means ``seeds/``
    inputs: Sequence[str] = ()
    #: what a .txt/.docx is: ``auto`` (from its content), ``document``, ``gbt-text``
    text_as: str = "auto"
    out_dir: str = "build"
    refs_dir: str = "refs"
    #: a style name or a .csl path; None is the default GB/T 7714-2025 numeric style
    style: str | None = None
    check_links: bool = False
    #: passed to :func:`citekit.checks.links.check_links` (None: its defaults)
    link_options: LinkOptions | None = None
    #: "today" for the date checks (None: the real today)
    today: _dt.date | None = None
    #: lines of source text shown around each record on the review page
    context: int = 3


@dataclass
class BuildResult:
    """What a build found and wrote."""

    #: sources extracted as documents
    documents: list[str] = field(default_factory=list)
    #: every source with what it was read as and why: (path, ``document``/format, reason)
    sources: list[tuple[str, str, str]] = field(default_factory=list)
    #: reference files imported, one report each
    imports: list[ImportReport] = field(default_factory=list)
    library: Library = field(default_factory=Library)
    #: every finding: extraction, store, record checks
    problems: Problems = field(default_factory=Problems)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    #: None when links were not checked
    links: list[LinkResult] | None = None
    rendered: list[Rendered] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    added: int = 0
    kept_edits: int = 0

    @property
    def duplicate_groups(self) -> list[DuplicateGroup]:
        """Groups a person still has to look at (``duplicate`` or ``possible``)."""
        return [g for g in self.duplicates if g.decision in ("duplicate", "possible")]

    @property
    def broken(self) -> int | None:
        """Broken links, or None when links were not checked."""
        if self.links is None:
            return None
        return sum(1 for r in self.links if r.verdict == "broken")

    @property
    def exit_code(self) -> int:
        """0 clean; 2 when a check found something (problems, duplicates, broken links)."""
        found = bool(self.problems) or bool(self.duplicate_groups) or bool(self.broken)
        return 2 if found or self.unparsed else 0

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI (``--format json`` prints this)."""
        return {
            "documents": len(self.documents),
            "reference_files": len(self.imports),
            "sources": [
                {"path": path, "read_as": kind, "reason": reason}
                for path, kind, reason in self.sources
            ],
            "records": len(self.library),
            "added": self.added,
            "kept_edits": self.kept_edits,
            "duplicates": len(self.duplicate_groups),
            "broken": self.broken,
            "problems": len(self.problems),
            "errors": len(self.problems.errors),
            "unparsed": len(self.unparsed),
            "outputs": [str(p) for p in self.outputs],
            "exit_code": self.exit_code,
        }


@dataclass(frozen=True)
class Step:
    """One unit of work, for the progress bar: call it to do it."""

    label: str
    run: Callable[[], None]

    def __call__(self) -> None:
        self.run()


def find_documents(inputs: Sequence[str]) -> list[str]:
    """Expand directories to their documents (``*.txt``, ``*.docx``) and reference files
    (:data:`REFERENCE_SUFFIXES`), sorted; keep files as given.

    Raises InputError for a path that does not exist or when there is nothing to build.
    """
    found: list[str] = []
    for item in inputs or ("seeds",):
        path = Path(item)
        if path.is_dir():
            for p in sorted(path.iterdir()):
                # Skip hidden files and Word's lock files (~$report.docx).
                if p.name.startswith((".", "~$")) or not p.is_file():
                    continue
                if p.suffix.lower() in (*DOCUMENT_SUFFIXES, *REFERENCE_SUFFIXES):
                    found.append(p.as_posix())
        elif path.exists():
            found.append(item)
        else:
            raise InputError("no such file or directory", item)
    if not found:
        shown = ", ".join(inputs or ("seeds",))
        raise InputError(
            "no source documents (*.txt, *.docx) or reference files (*.ris, *.bib …) to build from",
            shown,
        )
    return list(dict.fromkeys(found))


def _read_lines(path: str) -> list[str] | None:
    """A source document's lines for the review page (None when it cannot be read)."""
    from .documents import read_document

    try:
        return read_document(path).lines
    except DocumentError:
        return None


class Build:
    """One build, split into steps so the CLI can show progress.

    ``for step in build.steps(): step()`` then :meth:`result`; or just :func:`run_build`.
    """

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.out = Path(options.out_dir)
        self.refs = Path(options.refs_dir)
        self.paths = find_documents(options.inputs)
        self.result_ = BuildResult()
        self.documents = self.result_.documents
        #: what each readable source gave, in input order
        self._read: list[Extraction | ImportedFile] = []
        self._intake: Intake | None = None
        self._refs_files: list[RefsFile] = []  # as read by the last load of refs/
        self._style: Style | None = None
        self._decisions: Decisions | None = None
        self._aliases: Aliases | None = None
        self._texts: dict[str, str] = {}
        self._staged: Path | None = None

    # ------------------------------------------------------------------------- steps

    def steps(self) -> list[Step]:
        """The steps of this build, in order."""
        steps = [Step("style and settings", self._prepare)]
        steps += [Step(f"read {p}", self._reader(p)) for p in self.paths]
        steps += [
            Step("merge into refs/", self._merge),
            Step("load refs/", self._load),
            Step("check records", self._check_records),
            Step("check duplicates", self._check_duplicates),
        ]
        if self.options.check_links:
            steps.append(Step("check links", self._check_links))
        steps += [
            Step("render", self._render),
            Step("review page", self._page),
            Step("word document", self._docx),
            Step("write outputs", self._publish),
        ]
        return steps

    def result(self) -> BuildResult:
        """The result, once every step has run."""
        return self.result_

    def _prepare(self) -> None:
        # Fails fast, before anything is written: an unknown style (StyleError listing the
        # available ones), a malformed refs/_decisions.yaml or refs/_aliases.yaml (StoreError).
        from .aliases import load_aliases
        from .intake import Intake
        from .merge import load_decisions
        from .render import load_style

        self._style = load_style(self.options.style)
        self._decisions = load_decisions(self.refs)
        self._aliases = load_aliases(self.refs)
        self._intake = Intake(self.refs, self._aliases, self.result_.problems)

    def _reader(self, path: str) -> Callable[[], None]:
        def run() -> None:
            from .inputs import source_kind

            intake = self._intake
            assert intake is not None
            try:
                kind, reason = source_kind(path, self.options.text_as)
            except InputError as exc:
                intake.fail(path, exc)
                return
            self.result_.sources.append((path, kind, reason))
            read: Extraction | ImportedFile | None
            if kind == "document":
                read = intake.extract(path)
                if read is not None:
                    self.documents.append(path)
            else:
                read = intake.read(path, kind)
                if read is not None:
                    read.reason = reason
            if read is not None:
                self._read.append(read)

        return run

    def _fail(self, count: int, what: str) -> None:
        raise BuildError(
            f"{count} {what}; fix them and run again (nothing was written to {self.out}/)",
            self.result_.problems,
        )

    def _merge(self) -> None:
        intake = self._intake
        assert intake is not None
        # Every source must be readable before refs/ is touched.
        if intake.failed:
            self._fail(len(intake.failed), "source document(s) could not be read")
        from .extract import Extraction

        # And refs/ must be readable: a merge keeps only the records it can read, so a record
        # with a typo in it would be lost.
        from .store import refs_lock

        with refs_lock(self.refs):
            self._load_refs()
            for read in self._read:
                if isinstance(read, Extraction):
                    intake.merge(read)
                else:
                    intake.merge_import(read)
        self.result_.imports = list(intake.imports)
        self.result_.added = intake.added
        self.result_.kept_edits = intake.kept_edits
        self.result_.unparsed = list(intake.unparsed)

    def _load_refs(self) -> tuple[Library, Problems]:
        from .store import load_refs

        # A record that cannot be read would be missing from every output: stop instead.
        found = Problems()
        self._refs_files = []  # kept for the review page (document records, sources)
        lib = (
            load_refs(self.refs, found, files=self._refs_files) if self.refs.exists() else Library()
        )
        if found.errors:
            self.result_.problems.extend(found)
            self._fail(len(found.errors), f"error(s) in {self.refs}/")
        return lib, found

    def _load(self) -> None:
        self.result_.library, found = self._load_refs()
        self.result_.problems.extend(found)

    def _check_records(self) -> None:
        from .checks.records import check_records

        self.result_.problems.extend(check_records(self.result_.library, today=self.options.today))

    def _check_duplicates(self) -> None:
        from .checks.duplicates import find_duplicates

        # "Not a duplicate" decisions (citekit merge --not-duplicate) are never reported again.
        self.result_.duplicates = find_duplicates(
            self.result_.library, decisions=self._decisions, aliases=self._aliases
        )

    def _check_links(self) -> None:
        from .checks.links import check_links, gather_targets

        targets = gather_targets(self.result_.library)
        self.result_.links = list(check_links(targets, self.options.link_options))

    def _render(self) -> None:
        from .formats.bibtex import to_bibtex
        from .formats.csljson import dump_csl_json
        from .render import render_bibliography

        lib = self.result_.library
        self.result_.rendered = list(
            render_bibliography(list(lib), self._style, problems=self.result_.problems)
        )
        self._texts["references.bib"] = to_bibtex(lib)
        self._texts["references.json"] = dump_csl_json(lib)
        self._texts["bibliography.txt"] = "".join(
            f"{r.label} {r.text}\n" if r.label else f"{r.text}\n" for r in self.result_.rendered
        )

    def _page(self) -> None:
        from .model import Reference
        from .report import Review, render_page
        from .store import load_refs_file, refs_path_for

        read = [*self.documents, *(i.source for i in self.result_.imports)]
        sources = {refs_path_for(d, self.refs).as_posix(): d for d in read}
        # The page says what each document is (its own record in its refs file), and where
        # the documents of refs files from earlier builds are.
        files = dict.fromkeys(
            [*sources, *(r.location.file for r in self.result_.library if r.origin)]
        )
        documents: dict[str, Reference] = {}
        read_before = {rf.path.as_posix(): rf for rf in self._refs_files}
        for file in files:
            if Path(file).is_file():
                rf = read_before.get(Path(file).as_posix()) or load_refs_file(file)
                if rf.document is not None:
                    documents[file] = rf.document
                if rf.source and file not in sources:
                    sources[file] = rf.source
        review = Review(
            library=self.result_.library,
            rendered=self.result_.rendered,
            problems=self.result_.problems,
            duplicates=self.result_.duplicates,
            links=self.result_.links,
            unparsed=self.result_.unparsed,
            read_source=_read_lines,
            sources=sources,
            documents=documents,
            style=self._style.name if self._style is not None else "",
            context=self.options.context,
            warnings_in_problems=True,  # the record checks ran (W312)
        )
        self._texts["index.html"] = xml_safe(render_page(review))  # no ESC, NUL ...

    def _records_date(self) -> datetime | None:
        """When the records last changed (the newest refs/ file): the list's date, so that a
        build of unchanged records writes the same bibliography.docx."""
        times = [p.stat().st_mtime for p in self.refs.glob("*.yaml")] if self.refs.is_dir() else []
        return datetime.fromtimestamp(max(times), timezone.utc) if times else None

    def _docx(self) -> None:
        from .atomic import located, recover_dir, staging_dir
        from .docx import write_bibliography_docx

        # Every output is written into a staging directory beside --out first; _publish puts
        # it in place as a whole, so build/ is never a mix of old and new outputs.
        recover_dir(self.out)
        self._staged = staging_dir(self.out)
        target = self._staged / "bibliography.docx"
        try:
            write_bibliography_docx(self.result_.rendered, target, now=self._records_date())
        except OSError as exc:
            self._discard()
            raise located(exc, str(self.out / target.name)) from exc
        except BaseException:
            self._discard()
            raise

    def _discard(self) -> None:
        if self._staged is not None:
            shutil.rmtree(self._staged, ignore_errors=True)
            self._staged = None

    def _replaceable(self) -> bool:
        """Whether --out holds only citekit's outputs (then it is replaced as a whole)."""
        if self.out.is_symlink():
            return False
        if not self.out.exists():
            return True
        return self.out.is_dir() and all(
            name in OUTPUTS or name.startswith(".") for name in os.listdir(self.out)
        )

    def _publish(self) -> None:
        """Put the outputs in place: the whole directory at once, or each file atomically
        when --out also holds files of its own (they are left alone)."""
        from .atomic import located, replace_dir

        assert self._staged is not None
        staged = self._staged
        try:
            for name in OUTPUTS:
                if name != "bibliography.docx":
                    try:
                        write_text_atomic(staged / name, self._texts[name])
                    except OSError as exc:
                        raise located(exc, str(self.out / name)) from exc
            if self._replaceable():
                replace_dir(staged, self.out)
                self._staged = None
            else:
                for name in OUTPUTS:
                    try:
                        os.replace(staged / name, self.out / name)
                    except OSError as exc:
                        raise located(exc, str(self.out / name)) from exc
            self.result_.outputs.extend(self.out / name for name in OUTPUTS)
        finally:
            self._discard()


def run_build(options: BuildOptions | None = None) -> BuildResult:
    """Run every step of a build; raises BuildError/CitekitError when it cannot be done."""
    build = Build(options or BuildOptions())
    for step in build.steps():
        step()
    return build.result()
