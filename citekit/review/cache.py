"""What ``citekit review`` keeps between runs, so that reopening a large library is quick.

Consumes file contents and values computed from them; produces those values again the next time
the same contents are seen. Two kinds, each keyed by a SHA-256 of everything the value depends
on, so that nothing is ever stale and nothing needs invalidating (a changed file has a new key):

* a parsed refs file: (the file's path and bytes, citekit's code);
* what extraction could not read in a source document: (its path and bytes, its sidecar's,
  citekit's code).

The page itself is not kept: it opens with its first records at once (``page.py``).

"citekit's code" is a hash of the package's own files (modules, templates, data) and of the
versions of Python and the libraries that shape the page, so that an upgrade or an edit of the
code never serves a value computed by the old one.

The values of one library's files are kept together (:class:`Bundle`: one file for all its
parsed refs files, one for its documents' unparsed lines). Values are pickled into files under
the user's cache directory (``$CITEKIT_CACHE_DIR``, or the platform's; ``off`` keeps nothing),
never under refs/ — a directory that may be shared, and a pickle must only ever be read from
where the user alone writes. Every error of the cache
(unwritable, corrupt, from another Python) is a miss: the value is computed as without one.
The directory is bounded (:data:`MAX_FILES` values; the least recently used go first).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "MAX_FILES",
    "Bundle",
    "ReviewCache",
    "code_digest",
    "digest",
    "file_digests",
]

#: cached values kept at most (files), the least recently used removed first
MAX_FILES = 5000
_T = TypeVar("_T")


#: the libraries whose versions a cached value may depend on
_LIBRARIES = ("citeproc-py", "jinja2", "markupsafe", "pyyaml", "pypinyin", "rapidfuzz", "lxml")


@functools.cache
def code_digest() -> str:
    """A hash of citekit's own files, Python's and its libraries' versions (what every cached
    value also depends on)."""
    from importlib import metadata

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and path.suffix not in (".pyc", ".pyo")
            and "__pycache__" not in path.parts
        ):
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            with contextlib.suppress(OSError):
                h.update(path.read_bytes())
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    """A SHA-256 of ``parts`` (each one length-prefixed: no two lists of parts collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class ReviewCache:
    """Values by key in ``directory`` (None: nothing is kept, every lookup misses)."""

    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        #: the user's cache directory (the render cache's too); None: nothing kept
        self.root = Path(directory) if directory is not None else None
        self.directory = self.root / "review" if self.root is not None else None
        self._written = 0

    @classmethod
    def default(cls) -> ReviewCache:
        """The user's: ``$CITEKIT_CACHE_DIR`` or the platform's cache directory."""
        from ..render._cache import default_directory

        return cls(default_directory())

    def _path(self, kind: str, key: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"{kind}-{digest(code_digest(), key)}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The value kept under (``kind``, ``key``), or None."""
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            with path.open("rb") as f:
                value = pickle.load(f)
            os.utime(path)  # recently used
        except Exception:  # missing, corrupt, foreign: a miss
            return None
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Keep ``value`` under (``kind``, ``key``) (best effort: errors are ignored)."""
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except Exception:  # unwritable or unpicklable: not kept
            return
        self._written += 1
        if self._written % 100 == 1:
            self._prune("*.pickle", MAX_FILES)

    def _prune(self, pattern: str, keep: int) -> None:
        """Remove the least recently used of the values matching ``pattern`` beyond ``keep``."""
        assert self.directory is not None
        with contextlib.suppress(OSError):
            entries = [(p.stat().st_mtime_ns, p) for p in self.directory.glob(pattern)]
            if len(entries) > keep:
                for _, old in sorted(entries)[: len(entries) - keep]:
                    with contextlib.suppress(OSError):
                        old.unlink()

    def through(self, kind: str, key: str, make: Callable[[], _T]) -> _T:
        """The value under (``kind``, ``key``); made by ``make`` and kept when missing."""
        found = self.get(kind, key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = make()
        self.put(kind, key, value)
        return value


class Bundle:
    """Many small values kept as one value of a :class:`ReviewCache` (one file read and one
    written, not one each: a library has hundreds of refs files and source documents).

    :meth:`get` looks a value up; :meth:`save` keeps exactly the ``current`` values given, so
    the bundle holds what the library is now, never its history.
    """

    def __init__(self, cache: ReviewCache, kind: str, name: str) -> None:
        self._cache, self._kind, self._name = cache, kind, name
        self._values: dict[str, Any] | None = None

    def get(self, key: str) -> Any | None:
        """The value kept under ``key``, or None."""
        if self._values is None:
            found = self._cache.get(self._kind, self._name)
            self._values = found if isinstance(found, dict) else {}
        return self._values.get(key)

    def save(self, current: dict[str, Any]) -> None:
        """Keep ``current`` (and only it) as the bundle."""
        self._values = dict(current)
        self._cache.put(self._kind, self._name, self._values)


def file_digests(paths: Iterable[Path]) -> list[str]:
    """``path\\0sha256`` of each readable file of ``paths`` (``path\\0-`` when unreadable)."""
    out = []
    for path in paths:
        try:
            out.append(f"{path}\0{hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            out.append(f"{path}\0-")
    return out
