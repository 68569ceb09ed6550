"""Which refs file belongs to which source document: one file per document, never shared.

A refs file names its document in its ``source:`` field, and that is what ties the two together.
A new document gets ``refs/<stem>.yaml``; when another document already owns that name (two
``第1期.txt`` in different folders) the parent folders are added (``refs/2019-第1期.yaml``), then
a short hash of the path. Libraries written before this rule kept both documents' records in one
file: :func:`orphans_of` finds the records a document left in such a file, so the merge moves
them into the document's own file (keys and hand edits kept).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from ..errors import StoreError
from ._yaml import load_yaml
from .files import refs_files

__all__ = ["find_source", "refs_path_for", "same_source", "source_index"]

_SOURCE_RE = re.compile(r"^source:[ \t]*(.*)$", re.M)
_CACHE: dict[Path, tuple[tuple[int, int], str | None]] = {}


def same_source(a: str, b: str) -> bool:
    """Whether two spellings of a document path name the same document."""
    return _norm(a) == _norm(b)


def _norm(path: str) -> str:
    return PurePosixPath(os.path.normpath(path.replace("\\", "/"))).as_posix()


def find_source(path: Path) -> str | None:
    """The ``source:`` of a refs file, read without parsing the whole file (cached)."""
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    source: str | None = None
    m = _SOURCE_RE.search(text)
    if m:
        try:
            value = load_yaml(f"source: {m[1]}", str(path))
        except StoreError:
            value = None
        if isinstance(value, dict) and isinstance(value.get("source"), str):
            source = value["source"]
    _CACHE[path] = (stamp, source)
    return source


def source_index(out_dir: Path) -> dict[str, Path]:
    """Normalized source path -> its refs file, for every refs file that names one."""
    index: dict[str, Path] = {}
    if out_dir.is_dir():
        for path in refs_files(out_dir):
            source = find_source(path)
            if source is not None:
                index.setdefault(_norm(source), path)
    return index


def _safe(name: str) -> str:
    # refs/_x.yaml and refs/.x.yaml are citekit's own files: a document named so gets "doc".
    name = name.replace("/", "-").replace("\\", "-") or "doc"
    return f"doc{name}" if name.startswith(("_", ".")) else name


def _candidates(source: str) -> list[str]:
    if source == "-":
        return ["stdin.yaml"]
    norm = _norm(source)
    path = PurePosixPath(norm)
    parents = [p for p in path.parent.parts if p not in ("/", "..", ".")]
    names = [path.stem]
    for n in range(1, len(parents) + 1):
        names.append("-".join([*parents[-n:], path.stem]))
    digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
    names.append(f"{path.stem}-{digest}")
    return [f"{_safe(n)}.yaml" for n in names]


def refs_path_for(source: str, out_dir: str | Path = "refs") -> Path:
    """The refs file of ``source``: the one that names it, else a free name for it."""
    out = Path(out_dir)
    index = source_index(out)
    found = index.get(_norm(source))
    if found is not None:
        return found
    owned = set(index.values())
    names = _candidates(source)
    for name in names:
        path = out / name
        # A file of that name that names no document (written by hand, or before refs files
        # recorded their source) is taken to be this document's, as it always was.
        if path not in owned and (not path.exists() or find_source(path) is None):
            return path
    return out / names[-1]
