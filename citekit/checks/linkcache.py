"""A persistent cache of good link results: SQLite in the user's cache directory.

Consumes URLs and their JSON results; produces the results still younger than a maximum age.
Only links that worked are stored (``ok`` and ``moved``): a failure may be temporary and is
always checked again. The location is, in order: an explicit path, ``$CITEKIT_LINK_CACHE``, then
``links.sqlite`` in the platform's user cache directory (``~/.cache/citekit`` on Linux).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

__all__ = ["CACHE_ENV", "LinkCache", "default_cache_path"]

#: environment variable that overrides the cache location (tests point it at a tmp dir)
CACHE_ENV = "CITEKIT_LINK_CACHE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    checked REAL NOT NULL,
    result TEXT NOT NULL
)
"""


def default_cache_path() -> Path:
    """``$CITEKIT_LINK_CACHE`` or ``<user cache dir>/citekit/links.sqlite``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return platformdirs.user_cache_path("citekit") / "links.sqlite"


class LinkCache:
    """URL -> JSON result, with the time it was checked."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10)
        with self._db:
            self._db.execute(_SCHEMA)

    def get_many(self, urls: Iterable[str], max_age: float) -> dict[str, dict[str, Any]]:
        """The cached results of ``urls`` checked less than ``max_age`` seconds ago."""
        wanted = list(dict.fromkeys(urls))
        since = time.time() - max_age
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT url, result FROM links WHERE checked >= ? AND url IN ({marks})",
                [since, *chunk],
            )
            for url, text in rows:
                out[url] = json.loads(text)
        return out

    def put_many(self, results: Mapping[str, Mapping[str, Any]]) -> None:
        """Store results (the caller passes only successes), stamped now."""
        now = time.time()
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO links (url, checked, result) VALUES (?, ?, ?)",
                [(u, now, json.dumps(r, ensure_ascii=False)) for u, r in results.items()],
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> LinkCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
