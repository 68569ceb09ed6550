"""Rendered entries cached by a hash of (renderer version, style, record fields).

Consumes cache keys (computed by ``_render._record_key``); produces cached (text, html,
markdown) triples. Two levels: a bounded in-memory LRU, and an SQLite file that survives the
process (so ``citekit render refs/`` after editing one record of a 10,000-record library
renders only that record). The key covers everything the output depends on — the record's
fields, the CSL source, the adapter's code (:attr:`Cache.salt`) and citeproc-py's version — so
the cache is never stale and never needs invalidating: an edited record has a new key.

A cache is an explicit object: ``render_bibliography(..., cache=None)`` keeps what it renders
in memory for that call only and writes nothing. :meth:`RenderCache.default` is the one the CLI
passes: a file in the user cache directory (``platformdirs``), or in ``$CITEKIT_CACHE_DIR``
(``CITEKIT_CACHE_DIR=off``: memory only). The disk cache is best effort: any SQLite error
leaves rendering to proceed uncached. The cache also memoises pinyin sort keys (in memory).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path

from platformdirs import user_cache_dir

__all__ = ["Entry", "RenderCache", "default_directory"]

Entry = tuple[str, str, str]

_MEMORY_SIZE = 200_000
_SALT_FILES = (
    "_engine.py",
    "_prepare.py",
    "_render.py",
    "_cache.py",
    "editions.py",
    "extra.py",
    "_order.py",
    "data/surnames.tsv",
)


@functools.cache
def _salt() -> str:
    from ._engine import ENGINE_VERSION

    h = hashlib.sha256(ENGINE_VERSION.encode())
    here = Path(__file__).resolve().parent
    for name in _SALT_FILES:
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()


class RenderCache:
    """Rendered entries: a memory LRU in front of an optional SQLite file in ``directory``."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.salt = _salt()
        self._memory: OrderedDict[str, Entry] = OrderedDict()
        #: pinyin sort keys computed so far (memory only; bounded)
        self.sort_keys: dict[str, str] = {}
        directory = Path(directory) if directory is not None else None
        self._db: sqlite3.Connection | None = None
        self._dir = directory
        self._opened = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        if self._dir is None:
            return None
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self._dir / "render.sqlite3", timeout=5)
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries "
                "(key TEXT PRIMARY KEY, text TEXT, html TEXT, markdown TEXT)"
            )
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None
        return self._db

    def get_many(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The cached entries among ``keys``."""
        found: dict[str, Entry] = {}
        missing: list[str] = []
        for key in keys:
            hit = self._memory.get(key)
            if hit is None:
                missing.append(key)
            else:
                self._memory.move_to_end(key)
                found[key] = hit
        db = self._connect() if missing else None
        if db is not None:
            try:
                for start in range(0, len(missing), 500):
                    chunk = missing[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, text, html, markdown FROM entries WHERE key IN ({marks})",
                        chunk,
                    )
                    for key, text, html, markdown in rows:
                        found[key] = (text, html, markdown)
                        self._remember(key, (text, html, markdown))
            except sqlite3.Error:
                pass
        return found

    def put_many(self, entries: Mapping[str, Entry]) -> None:
        """Store ``entries`` in memory and on disk."""
        for key, value in entries.items():
            self._remember(key, value)
        db = self._connect() if entries else None
        if db is not None:
            try:
                with db:
                    db.executemany(
                        "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                        [(k, *v) for k, v in entries.items()],
                    )
            except sqlite3.Error:
                pass

    def _remember(self, key: str, value: Entry) -> None:
        self._memory[key] = value
        if len(self._memory) > _MEMORY_SIZE:
            self._memory.popitem(last=False)

    def clear(self) -> None:
        """Forget everything, in memory and on disk."""
        self._memory.clear()
        self.sort_keys.clear()
        db = self._connect()
        if db is not None:
            try:
                with db:
                    db.execute("DELETE FROM entries")
            except sqlite3.Error:
                pass

    @classmethod
    def default(cls) -> RenderCache:
        """The user's cache: ``$CITEKIT_CACHE_DIR`` or the platform cache directory."""
        return cls(default_directory())

    @property
    def directory(self) -> Path | None:
        """Where the SQLite file is kept (None: memory only)."""
        return self._dir


def default_directory() -> Path | None:
    """``$CITEKIT_CACHE_DIR`` (``off``: None), else the platform's user cache directory."""
    configured = os.environ.get("CITEKIT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    return Path(user_cache_dir("citekit"))
