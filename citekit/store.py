"""The reference library on disk: ``refs/*.yaml`` <-> :class:`~citekit.model.Library`.

One human-readable YAML file per source document (``refs/<document stem>.yaml``)::

    # citekit references ... (header comment)
    source: seeds/000_eabb3536ebd0d52d.txt
    document:            # the bulletin or magazine issue itself (optional)
      id: ...
      type: report
    references:
    - id: lishuiribao2018
      type: article-newspaper
      title: 以“丽水之干”担纲“丽水之赞”
      container-title: 丽水日报
      issued: '2018-09-03'
      author: [马跃明, 袁卫]            # Chinese names as plain strings, kept whole
      provenance:
      - {file: seeds/000_....txt, lines: [98, 112], raw: （来源：《丽水日报》2018-9-3）}

Keys are CSL-JSON variable names. Re-running extraction merges (:func:`merge_extraction`): the
previous extraction is kept in ``refs/.extracted/`` so that a field a person changed by hand is
recognised (it differs from what was extracted last time) and kept. Every write is atomic.
This is the only module that imports ``yaml``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .atomic import write_text_atomic
from .errors import StoreError
from .keys import assign_keys
from .model import DateError, Library, Name, PartialDate, Reference, is_cjk
from .problems import Problems

__all__ = [
    "MergeReport",
    "RefsFile",
    "dump_mapping_file",
    "dump_refs_file",
    "load_mapping_file",
    "load_refs",
    "load_refs_file",
    "load_sidecar",
    "merge_extraction",
    "refs_path_for",
    "write_refs_file",
]

STATE_DIR = ".extracted"
HEADER = (
    "# citekit reference file: the references found in one source document.\n"
    "# Edit freely: `citekit extract` keeps fields you change here when it runs again.\n"
    "# Field names are CSL-JSON variables; dates are ISO (2018-09-03, 2018-09 or 2018).\n"
)
# Field order in the YAML, for people reading it; anything else follows alphabetically.
_ORDER = [
    "id",
    "type",
    "title",
    "author",
    "editor",
    "container-title",
    "collection-title",
    "issued",
    "issue",
    "volume",
    "page",
    "edition",
    "number",
    "genre",
    "event-title",
    "event-place",
    "publisher",
    "publisher-place",
    "authority",
    "section",
    "URL",
    "DOI",
    "accessed",
    "language",
    "note",
]
_DATE_VARS = ("issued", "accessed")
_NAME_VARS = ("author", "editor")


# ------------------------------------------------------------------ record <-> YAML mapping


def _name_to_yaml(name: Name) -> Any:
    if name.literal is not None and is_cjk(name.literal):
        return name.literal
    return name.to_csl()


def ref_to_yaml(ref: Reference) -> dict[str, Any]:
    """A record as a YAML-friendly mapping (ISO dates, Chinese names as strings)."""
    csl = ref.to_csl(provenance=False)
    out: dict[str, Any] = {}
    for var in _DATE_VARS:
        date = getattr(ref, var)
        if date is not None:
            csl[var] = date.iso()
    for var in _NAME_VARS:
        names = getattr(ref, var)
        if names:
            csl[var] = [_name_to_yaml(n) for n in names]
    for key in _ORDER:
        if key in csl:
            out[key] = csl.pop(key)
    for key in sorted(csl):
        out[key] = csl[key]
    if ref.provenance:
        out["provenance"] = [_Flow(p.to_csl()) for p in ref.provenance]
    if ref.warnings:
        out["warnings"] = list(ref.warnings)
    return out


def ref_from_yaml(data: Mapping[str, Any]) -> Reference:
    """Inverse of :func:`ref_to_yaml`; raises ValueError/DateError on bad values."""
    item: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("provenance", "warnings"):
            custom[key] = value or []
        elif key in _DATE_VARS and value is not None:
            if isinstance(value, _dt.date):
                value = value.isoformat()
            if isinstance(value, (str, int)):
                date = PartialDate.from_csl(value)
                item[key] = date.to_csl()
            else:
                item[key] = value
        elif key in _NAME_VARS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise ValueError(f"{key!r} must be a list of names")
            item[key] = [Name.parse(v).to_csl() if isinstance(v, str) else v for v in value]
        elif key == "id":
            item[key] = str(value)
        else:
            item[key] = value
    if custom:
        item["custom"] = {"citekit": custom}
    return Reference.from_csl(item)


# ---------------------------------------------------------------------------- YAML loading


# libyaml's C loader and dumper when PyYAML has them (about ten times faster), else pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that records the 1-based line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text here: PartialDate parses them, and reports 2018-02-30 instead of crashing.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@dataclass
class RefsFile:
    """One ``refs/*.yaml`` file."""

    path: Path
    source: str | None = None
    document: Reference | None = None
    references: list[Reference] = field(default_factory=list)
    #: 1-based line of each record in the file, by key (for messages and the review page)
    lines: dict[str, int] = field(default_factory=dict)


def load_refs_file(path: str | Path, problems: Problems | None = None) -> RefsFile:
    """Read one refs file. Malformed YAML raises StoreError; bad records go to ``problems``."""
    path = Path(path)
    problems = problems if problems is not None else Problems()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read: {exc}", str(path)) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise StoreError(f"malformed YAML: {exc.problem}", where) from None
    except yaml.YAMLError as exc:
        raise StoreError(f"malformed YAML: {exc}", str(path)) from None
    out = RefsFile(path)
    if data is None:
        return out
    if not isinstance(data, dict):
        raise StoreError("expected a mapping with a 'references' list", f"{path}:1")
    out.source = data.get("source")
    if isinstance(data.get("document"), dict):
        doc = data["document"]
        try:
            out.document = ref_from_yaml(_strip_lines(doc))
        except (ValueError, DateError, TypeError) as exc:
            problems.add(
                f"{path}:{doc['__line__']}", "E202", f"bad document record: {exc}", "error"
            )
    entries = data.get("references") or []
    if not isinstance(entries, list):
        raise StoreError("'references' must be a list", f"{path}:{data['__line__']}")
    for entry in entries:
        if not isinstance(entry, dict):
            problems.add(str(path), "E201", f"reference is not a mapping: {entry!r}", "error")
            continue
        where = f"{path}:{entry['__line__']}"
        try:
            ref = ref_from_yaml(_strip_lines(entry))
        except (ValueError, DateError, TypeError) as exc:
            problems.add(where, "E202", f"entry {entry.get('id')!r}: {exc}", "error")
            continue
        out.references.append(ref.replace(origin=where))
        out.lines[ref.id] = entry["__line__"]
    return out


def _refs_files(path: Path) -> list[Path]:
    """Reference files of ``refs/``: ``*.yaml`` except citekit's own ``_*.yaml`` data files."""
    if path.is_dir():
        return sorted(
            p
            for p in path.glob("*.y*ml")
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", "."))
        )
    return [path]


def load_refs(path: str | Path = "refs", problems: Problems | None = None) -> Library:
    """Load ``refs/`` (or one YAML file) into a Library; duplicate keys are reported."""
    problems = problems if problems is not None else Problems()
    lib = Library()
    for file in _refs_files(Path(path)):
        rf = load_refs_file(file, problems)
        for ref in rf.references:
            try:
                lib.add(ref)
            except KeyError:
                problems.add(
                    f"{file}:{rf.lines.get(ref.id, 1)}",
                    "E203",
                    f"duplicate citation key {ref.id!r} (keys are case-insensitive)",
                    "error",
                )
    return lib


# ---------------------------------------------------------------------------- YAML writing


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Block style, unicode kept, long strings unwrapped, provenance entries in flow style."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (provenance entries)."""


def _flow_representer(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(_Flow, _flow_representer)


def dump_refs_file(rf: RefsFile) -> str:
    """Serialize deterministically (same records -> same bytes)."""
    data: dict[str, Any] = {}
    if rf.source is not None:
        data["source"] = rf.source
    if rf.document is not None:
        data["document"] = ref_to_yaml(rf.document)
    data["references"] = [ref_to_yaml(r) for r in rf.references]
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return HEADER + body


def write_refs_file(rf: RefsFile) -> None:
    """Write atomically."""
    write_text_atomic(rf.path, dump_refs_file(rf))


def refs_path_for(source: str, out_dir: str | Path = "refs") -> Path:
    """``seeds/000_x.txt`` -> ``refs/000_x.yaml`` (``-`` -> ``refs/stdin.yaml``)."""
    stem = "stdin" if source == "-" else Path(source).stem
    return Path(out_dir) / f"{stem}.yaml"


# ---------------------------------------------------------------------------------- merging


@dataclass
class MergeReport:
    """What a merge did, for the CLI summary."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    #: records extracted last time that the source no longer yields: kept, reported
    vanished: list[str] = field(default_factory=list)


def _anchor(ref: Reference) -> tuple[str, str]:
    raw = ref.provenance[0].raw if ref.provenance else ""
    return (raw, ref.type)


def _anchored(refs: Sequence[Reference]) -> dict[tuple[str, str, int], Reference]:
    seen: dict[tuple[str, str], int] = {}
    out: dict[tuple[str, str, int], Reference] = {}
    for ref in refs:
        a = _anchor(ref)
        n = seen.get(a, 0)
        seen[a] = n + 1
        out[(*a, n)] = ref
    return out


def _merge_fields(
    ours: dict[str, Any], base: dict[str, Any] | None, theirs: dict[str, Any], source: str
) -> tuple[dict[str, Any], bool]:
    """Three-way merge of YAML mappings; returns (merged, whether a hand edit was kept).

    Provenance from ``source`` is refreshed from the new extraction; provenance from other
    documents (added by ``citekit merge``) is kept.
    """
    merged: dict[str, Any] = {}
    kept = False
    for key in dict.fromkeys([*theirs, *ours]):
        if key in ("id",):
            merged[key] = ours.get(key, theirs.get(key))
            continue
        # Without a record of the last extraction, what is on disk wins.
        edited = key in ours if base is None else ours.get(key) != base.get(key)
        if key in ("provenance", "warnings"):
            edited = False  # always refreshed from the source
        if key == "provenance":
            foreign = [p for p in ours.get(key, []) if p.get("file") != source]
            merged[key] = [*theirs.get(key, []), *foreign]
            continue
        if edited:
            if key in ours:
                merged[key] = ours[key]
            kept = kept or ours.get(key) != theirs.get(key)
        elif key in theirs:
            merged[key] = theirs[key]
    return merged, kept


_KEY_CACHE: dict[Path, tuple[tuple[int, int], list[str]]] = {}


def _keys_in(path: Path) -> list[str]:
    """The keys of one refs file, re-read only when the file changed (keeps merging linear)."""
    st = path.stat()
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _KEY_CACHE.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, list(load_refs_file(path).lines))
        _KEY_CACHE[path] = cached
    return cached[1]


def merge_extraction(
    source: str,
    document: Reference | None,
    extracted: Iterable[Reference],
    out_dir: str | Path = "refs",
) -> MergeReport:
    """Merge freshly extracted records for ``source`` into ``refs/`` atomically.

    New records get keys that no other refs file uses (case-insensitively).
    """
    out_dir = Path(out_dir)
    path = refs_path_for(source, out_dir)
    taken: list[str] = []
    for other in _refs_files(out_dir) if out_dir.is_dir() else []:
        if other != path:
            taken.extend(_keys_in(other))
    if out_dir.is_dir():
        from .redirects import issued_keys

        taken.extend(issued_keys(out_dir))  # merged-away keys are never given again
    state_path = out_dir / STATE_DIR / path.name
    problems = Problems()
    current = load_refs_file(path, problems) if path.exists() else RefsFile(path)
    if problems.errors:
        # Writing the file back would drop the records it could not read: refuse instead.
        raise StoreError(
            "cannot merge into a file with unreadable records; fix them first:\n  "
            + "\n  ".join(str(p) for p in problems.errors),
            str(path),
        )
    base = load_refs_file(state_path) if state_path.exists() else None
    report = MergeReport()

    new = list(extracted)
    cur_by_anchor = _anchored(current.references)
    base_by_key = {r.id: r for r in base.references} if base else {}
    merged: list[Reference] = []
    matched: set[str] = set()
    # Give the new records the keys they had before, matched by their attribution text.
    keyed: list[Reference] = []
    deleted: list[Reference] = []  # kept in the merge base so that they stay deleted
    for anchor, ref in _anchored(new).items():
        old = cur_by_anchor.get(anchor)
        if old is None and base:
            prev = _anchored(base.references).get(anchor)
            if (
                prev is not None
                and path.exists()  # emptied by hand or by `citekit merge`, not deleted
                and prev.id not in {r.id for r in current.references}
            ):
                deleted.append(ref.replace(id=prev.id))
                continue  # a person deleted this record by hand: do not bring it back
        keyed.append(ref.replace(id=old.id) if old else ref.replace(id=""))
    others = set(taken) | {r.id for r in current.references} | {r.id for r in deleted}
    keyed = assign_keys(keyed, taken=others - {r.id for r in keyed if r.id})
    if document is not None and not document.id:
        # The document record needs a key too: load_refs_file refuses a record without one.
        document = assign_keys([document], taken=others | {r.id for r in keyed})[0]
    cur_by_id = {r.id: r for r in current.references}
    for ref in keyed:
        old = cur_by_id.get(ref.id)
        if old is None:
            merged.append(ref)
            report.added.append(ref.id)
            matched.add(ref.id)
            continue
        matched.add(ref.id)
        prev = base_by_key.get(ref.id)
        fields, kept = _merge_fields(
            ref_to_yaml(old), ref_to_yaml(prev) if prev else None, ref_to_yaml(ref), source
        )
        result = ref_from_yaml(fields)
        if kept:
            report.kept_edits.append(ref.id)
        if result != old:
            report.updated.append(ref.id)
        merged.append(result)
    for old in current.references:
        if old.id in matched:
            continue
        merged.append(old)  # never silently dropped
        if old.id in base_by_key:
            report.vanished.append(old.id)
    doc = document
    if current.document is not None and document is not None and base and base.document:
        fields, _ = _merge_fields(
            ref_to_yaml(current.document),
            ref_to_yaml(base.document),
            ref_to_yaml(document),
            source,
        )
        doc = ref_from_yaml(fields)
    elif current.document is not None and document is not None and not base:
        doc = current.document
    rf = RefsFile(path, source, doc if doc is not None else current.document, merged)
    write_refs_file(rf)
    write_refs_file(RefsFile(state_path, source, document, [*keyed, *deleted]))
    return report


def load_mapping_file(path: str | Path) -> dict[str, Any]:
    """Read a small YAML mapping (sidecar metadata, alias table, decisions); {} when empty."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise StoreError(f"cannot read: {exc}", str(path)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise StoreError(f"malformed YAML: {exc.problem}", where) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StoreError("expected a YAML mapping", f"{path}:1")
    return data


def dump_mapping_file(path: str | Path, data: Mapping[str, Any], header: str = "") -> None:
    """Write a small YAML mapping atomically (inverse of :func:`load_mapping_file`).

    ``header`` is a comment block put first; inner lists are written on one line.
    """
    body = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=None,
    )
    write_text_atomic(path, header + body)


def load_sidecar(path: str | Path) -> dict[str, Any]:
    """Read a document's sidecar metadata (``<doc>.meta.yaml``): what the text cannot say."""
    return load_mapping_file(path)
