"""Merging a fresh extraction of one document into ``refs/`` without losing a record or an edit.

A record's identity is where it was found, its provenance anchor in the document: the raw
attribution text and its line span (matched exactly, then by text alone, then by line span
alone, in document order). Its type, title and every other field can therefore be edited by hand
and are recognised as edits: the last extraction is kept in ``refs/.extracted/`` (the merge
base), and a field that differs from it is the person's and is kept (a three-way merge). Records
the document no longer yields are reported and kept; records deleted by hand stay deleted; keys
are never reissued (:mod:`.registry`). The whole merge holds the ``refs/`` lock and writes each
file atomically, refs file before merge base, so a crash leaves every file old or new.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import located, write_text_atomic
from ..errors import StoreError
from ..keys import assign_keys
from ..model import Provenance, Reference
from ..problems import Problems
from ._yaml import dump_yaml
from .files import (
    HEADER,
    ChangedOnDiskError,
    RefsFile,
    load_refs_file,
    refs_files,
    write_refs_file,
)
from .lock import refs_lock
from .naming import _candidates, refs_path_for, same_source
from .records import ref_from_yaml, ref_to_yaml
from .registry import KeyRegistry

__all__ = [
    "MAX_RAW",
    "STATE_DIR",
    "MergeReport",
    "bound_raw",
    "match_records",
    "merge_extraction",
    "own_provenance",
]

STATE_DIR = ".extracted"
_ATTEMPTS = 3
#: longest provenance text kept on a record: the attribution and its title, not a whole
#: 2 MB line (the review page and the refs file would grow with it)
MAX_RAW = 500
_HEAD = 200


def bound_raw(ref: Reference) -> Reference:
    """``ref`` with every provenance text cut to :data:`MAX_RAW` characters (head … tail).

    Deterministic, so the same source text always gives the same stored anchor.
    """
    if all(len(p.raw) <= MAX_RAW for p in ref.provenance):
        return ref
    cut = tuple(
        p
        if len(p.raw) <= MAX_RAW
        else Provenance(
            p.file, p.start_line, p.end_line, p.raw[:_HEAD] + "…" + p.raw[-(MAX_RAW - _HEAD - 1) :]
        )
        for p in ref.provenance
    )
    return ref.replace(provenance=cut)


@dataclass
class MergeReport:
    """What a merge did, for the CLI summary."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    #: records extracted last time that the source no longer yields: kept, reported
    vanished: list[str] = field(default_factory=list)
    #: records moved into this document's own file from a file it shared with another
    #: document (libraries written before refs file names were unique per document)
    moved: list[str] = field(default_factory=list)
    #: the key each record passed in has now, in order ("" for one deleted by hand)
    keys: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------- identity


def own_provenance(ref: Reference, source: str) -> Provenance | None:
    """The record's provenance in ``source`` (None for a record found elsewhere)."""
    for p in ref.provenance:
        if same_source(p.file, source):
            return p
    return None


def match_records(
    new: Sequence[Reference], old: Sequence[Reference], source: str
) -> dict[int, int]:
    """Pair records of a new extraction with old ones by anchor: index in new -> index in old.

    Stages, each in document order: same text and lines; same text (the document was edited
    above it); same lines (the extractor now keeps a different part of the text).
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    anchors_new = [own_provenance(r, source) for r in new]
    anchors_old = [own_provenance(r, source) for r in old]

    def stage(key: Any) -> None:
        groups: dict[Hashable, deque[int]] = defaultdict(deque)
        for j, p in enumerate(anchors_old):
            if p is not None and j not in used:
                groups[key(p)].append(j)
        for i, p in enumerate(anchors_new):
            if p is None or i in pairs:
                continue
            queue = groups.get(key(p))
            if queue:
                j = queue.popleft()
                pairs[i] = j
                used.add(j)

    stage(lambda p: (p.raw, p.start_line, p.end_line))
    stage(lambda p: p.raw)
    stage(lambda p: (p.start_line, p.end_line))
    return pairs


# ---------------------------------------------------------------------------- three-way


def _merge_fields(
    ours: dict[str, Any], base: dict[str, Any] | None, theirs: dict[str, Any], source: str
) -> tuple[dict[str, Any], bool]:
    """Three-way merge of YAML mappings; returns (merged, whether a hand edit was kept).

    The record's own provenance in ``source`` is refreshed from the new extraction; any other
    provenance (added by ``citekit merge``) is kept.
    """
    merged: dict[str, Any] = {}
    kept = False
    for key in dict.fromkeys([*ours, *theirs]):
        if key == "id":
            merged[key] = ours.get(key, theirs.get(key))
            continue
        if key == "provenance":
            # The record's own anchor is refreshed; provenance merged in from other records
            # (`citekit merge`, from this document or others) is kept.
            mine = list(ours.get(key, []))
            own = next((p for p in mine if same_source(p.get("file", ""), source)), None)
            fresh = list(theirs.get(key, []))
            merged[key] = fresh + [p for p in mine if p is not own and p not in fresh]
            continue
        if key == "warnings":
            if key in theirs:
                merged[key] = theirs[key]
            continue
        # Without a record of the last extraction, what is on disk wins.
        edited = key in ours if base is None else ours.get(key) != base.get(key)
        if edited:
            if key in ours:
                merged[key] = ours[key]
            kept = kept or ours.get(key) != theirs.get(key)
        elif key in theirs:
            merged[key] = theirs[key]
    return merged, kept


# ----------------------------------------------------------------------------- the library

_KEY_CACHE: dict[Path, tuple[tuple[int, int], list[str]]] = {}


def _keys_in(path: Path) -> list[str]:
    """The keys of one refs file, re-read only when the file changed (keeps merging linear)."""
    st = path.stat()
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _KEY_CACHE.get(path)
    if cached is None or cached[0] != stamp:
        rf = load_refs_file(path, Problems())
        keys = [r.id for r in rf.references]
        if rf.document is not None:
            keys.append(rf.document.id)
        cached = (stamp, keys)
        _KEY_CACHE[path] = cached
    return cached[1]


def _load_base(path: Path) -> RefsFile | None:
    if not path.exists():
        return None
    try:
        return load_refs_file(path, Problems())
    except StoreError:
        return None  # citekit's own bookkeeping, unreadable: merge as if there were none


def _anchor_text(ref: Reference, source: str) -> str:
    p = own_provenance(ref, source)
    return p.location if p is not None else source


def _seed_registry(registry: KeyRegistry, out_dir: Path) -> None:
    """First merge into a library without a registry: every key in use is issued already."""
    issued: dict[str, str] = {}
    for path in [*refs_files(out_dir), *refs_files(out_dir / STATE_DIR)]:
        if not path.is_file():
            continue
        try:
            rf = load_refs_file(path, Problems())
        except StoreError:
            continue
        for ref in [*([rf.document] if rf.document else []), *rf.references]:
            first = ref.provenance[0].location if ref.provenance else str(path)
            issued.setdefault(ref.id, first)
    registry.add(issued)


def merge_extraction(
    source: str,
    document: Reference | None,
    extracted: Iterable[Reference],
    out_dir: str | Path = "refs",
    *,
    keep_ids: bool = False,
) -> MergeReport:
    """Merge freshly extracted records for ``source`` into ``refs/`` atomically.

    New records get keys that no refs file uses and that were never issued before
    (case-insensitively). With ``keep_ids`` (imported files whose records carry the user's own
    citation keys) a new record keeps its key when that key is free and was never issued to
    another source; otherwise it gets a fresh one (``MergeReport.keys`` says which). Raises
    StoreError, writing nothing, when the document's refs file has unreadable records or a
    key another file also uses.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise located(exc, str(out_dir)) from exc
    new = [bound_raw(r) for r in extracted]
    if document is not None:
        document = bound_raw(document)
    with refs_lock(out_dir):
        for attempt in range(_ATTEMPTS):
            try:
                return _merge_once(source, document, new, out_dir, keep_ids)
            except ChangedOnDiskError:
                if attempt == _ATTEMPTS - 1:
                    raise
    raise AssertionError("unreachable")  # pragma: no cover


def _refuse(problems: Problems, path: Path) -> None:
    if problems.errors:
        # Writing the file back would drop the records it could not read: refuse instead.
        raise StoreError(
            "cannot merge into a file with unreadable records; fix them first:\n  "
            + "\n  ".join(str(p) for p in problems.errors),
            str(path),
        )


def _merge_once(
    source: str, document: Reference | None, new: list[Reference], out_dir: Path, keep_ids: bool
) -> MergeReport:
    path = refs_path_for(source, out_dir)
    problems = Problems()
    existed = path.exists()
    current = load_refs_file(path, problems) if existed else RefsFile(path, read=True)
    _refuse(problems, path)
    report = MergeReport()
    base_file = _load_base(out_dir / STATE_DIR / path.name)
    base_refs = [
        r for r in (base_file.references if base_file else []) if own_provenance(r, source)
    ]

    # Libraries from before unique names: this document's records may sit in another
    # document's file of the same stem. Move them here (keys and edits kept).
    donor: RefsFile | None = None
    if not existed:
        stem_path = out_dir / _candidates(source)[0]
        if stem_path != path and stem_path.is_file():
            donor_problems = Problems()
            donor = load_refs_file(stem_path, donor_problems)
            _refuse(donor_problems, stem_path)
            mine = [
                r
                for r in donor.references
                if r.provenance and same_source(r.provenance[0].file, source)
            ]
            if mine:
                moved = {r.id for r in mine}
                donor.references = [r for r in donor.references if r.id not in moved]
                current.references = [r.replace(origin=None) for r in mine]
                report.moved = [r.id for r in mine]
                donor_base = _load_base(out_dir / STATE_DIR / stem_path.name)
                if donor_base is not None:
                    base_refs = [r for r in donor_base.references if own_provenance(r, source)]
                existed = True  # records deleted by hand there stay deleted
            else:
                donor = None

    # Keys: no two files share one; none is ever given out twice.
    moving = {r.id.casefold() for r in current.references} if donor else set()
    others: dict[str, Path] = {}
    for other in refs_files(out_dir):
        if other == path:
            continue
        for key in _keys_in(other):
            if other == (donor.path if donor else None) and key.casefold() in moving:
                continue
            others.setdefault(key.casefold(), other)
    for ref in current.references:
        where = others.get(ref.id.casefold())
        if where is not None:
            raise StoreError(
                f"two records share the key {ref.id!r} (also in {where}): rename one",
                ref.origin or str(path),
            )
    registry = KeyRegistry(out_dir)
    if not registry.path.exists():
        _seed_registry(registry, out_dir)
    registry.load()

    pairs = match_records(new, current.references, source)
    unmatched = [i for i in range(len(new)) if i not in pairs]
    base_pairs = match_records([new[i] for i in unmatched], base_refs, source)
    current_ids = {r.id.casefold() for r in current.references}
    slots: list[Reference | None] = []
    deleted: list[Reference] = []  # kept in the merge base so that they stay deleted
    matched: set[str] = set()
    for i, ref in enumerate(new):
        if i in pairs:
            slots.append(ref.replace(id=current.references[pairs[i]].id))
            matched.add(current.references[pairs[i]].id)
        else:
            slots.append(ref.replace(id=""))
    # Records the last extraction had but the refs file has not: deleted by hand (or merged
    # away by `citekit merge`), unless the whole file is new (then they come back, keys kept).
    for pos, j in base_pairs.items():
        i = unmatched[pos]
        last = base_refs[j]
        if last.id.casefold() in current_ids:
            continue
        if existed:
            deleted.append(new[i].replace(id=last.id))
            slots[i] = None
        else:
            slots[i] = new[i].replace(id=last.id)
    proposed = [new[i].id if keep_ids else "" for i, r in enumerate(slots) if r is not None]
    keyed = [r for r in slots if r is not None]
    # A key issued earlier to this very anchor (and in use nowhere) is given back to it: a run
    # interrupted after the registry was written, or a refs file deleted, keeps its keys.
    in_use = set(others) | current_ids | {r.id.casefold() for r in deleted}
    in_use |= {r.id.casefold() for r in keyed if r.id}
    by_anchor = registry.by_anchor()
    for n, ref in enumerate(keyed):
        own, anchor = proposed[n], _anchor_text(ref, source)
        # The user's own key, unless another source was ever given it.
        if (
            own
            and not ref.id
            and own.casefold() not in in_use
            and registry.keys.get(own.casefold(), anchor) == anchor
        ):
            keyed[n] = ref = ref.replace(id=own)
            in_use.add(own.casefold())
        earlier = by_anchor.get(_anchor_text(ref, source)) if not ref.id else None
        if earlier is not None and earlier.casefold() not in in_use:
            keyed[n] = ref.replace(id=earlier)
            in_use.add(earlier.casefold())
    preset = {r.id.casefold() for r in keyed if r.id}
    taken = (
        set(others) | set(registry.keys) | current_ids | {r.id.casefold() for r in deleted}
    ) - preset
    keyed = assign_keys(keyed, taken=taken)
    given = iter(keyed)
    report.keys = [next(given).id if slot is not None else "" for slot in slots]
    if document is not None:
        doc_id = current.document.id if current.document is not None else ""
        if (
            not doc_id
            and base_file is not None
            and base_file.document is not None
            and (base_file.source is None or same_source(base_file.source, source))
        ):
            doc_id = base_file.document.id
        document = assign_keys(
            [document.replace(id=doc_id)],
            taken=(taken | {r.id.casefold() for r in keyed}) - {doc_id.casefold()}
            if doc_id
            else taken | {r.id.casefold() for r in keyed},
        )[0]
    issued = {
        r.id: _anchor_text(r, source)
        for r in [*keyed, *([document] if document is not None else [])]
        if r.id.casefold() not in registry
    }
    registry.add(issued)

    # Three-way merge of each matched record; new records go after their predecessor.
    cur_by_id = {r.id: r for r in current.references}
    base_by_id = {r.id: r for r in base_refs}
    merged: dict[str, Reference] = {}
    after: dict[str | None, list[Reference]] = defaultdict(list)
    previous: str | None = None
    for ref in keyed:
        old = cur_by_id.get(ref.id) if ref.id in matched else None
        if old is None:
            after[previous].append(ref)
            report.added.append(ref.id)
            continue
        previous = ref.id
        prev = base_by_id.get(ref.id)
        fields, kept = _merge_fields(
            ref_to_yaml(old), ref_to_yaml(prev) if prev else None, ref_to_yaml(ref), source
        )
        result = ref_from_yaml(fields)
        if kept:
            report.kept_edits.append(ref.id)
        if result != old.replace(origin=None):
            report.updated.append(ref.id)
        merged[ref.id] = result
    out: list[Reference] = list(after.get(None, []))
    base_ids = {r.id for r in base_refs}
    for old in current.references:
        out.append(merged.get(old.id, old.replace(origin=None)))
        out.extend(after.get(old.id, []))
        if old.id not in matched and old.id in base_ids and own_provenance(old, source):
            report.vanished.append(old.id)  # never silently dropped

    doc = current.document
    if document is not None:
        if current.document is None:
            doc = document
        else:
            base_doc = base_file.document if base_file is not None else None
            fields, _ = _merge_fields(
                ref_to_yaml(current.document),
                ref_to_yaml(base_doc) if base_doc is not None else None,
                ref_to_yaml(document),
                source,
            )
            doc = ref_from_yaml(fields)

    rf = RefsFile(
        path,
        current.source
        if current.source is not None and same_source(current.source, source)
        else source,
        doc,
        out,
        text=current.text,
        read=True,
        original=current.original,
    )
    unchanged = (
        current.read
        and current.text is not None
        and rf.source == current.source
        and rf.document == current.document
        and rf.references == current.references
    )
    if not unchanged:  # a no-op re-extraction rewrites nothing (and skips the round trip)
        write_refs_file(rf)
    if donor is not None:
        write_refs_file(donor)
    base_path = out_dir / STATE_DIR / path.name
    state = RefsFile(base_path, source, document, [*keyed, *deleted])
    text = HEADER + dump_yaml(_state_data(state))
    if base_file is None or base_file.text != text:
        write_text_atomic(base_path, text)
    return report


def _state_data(rf: RefsFile) -> dict[str, Any]:
    data: dict[str, Any] = {"source": rf.source}
    if rf.document is not None:
        data["document"] = ref_to_yaml(rf.document)
    data["references"] = [ref_to_yaml(r) for r in rf.references]
    return data
