"""Link results on disk, in SQLite: a cache of good results and a journal of one run.

:class:`LinkCache` consumes URLs and their JSON results and produces the results still younger
than a maximum age. Only links that worked are stored (``ok`` and ``moved``): a failure may be
temporary and is always checked again. Its location is, in order: an explicit path,
``$CITEKIT_LINK_CACHE``, then ``links.sqlite`` in the platform's user cache directory
(``~/.cache/citekit`` on Linux). The library opens none by itself: callers pass one.

:class:`LinkJournal` records every result of one run the moment it arrives (one committed
transaction each, write-ahead log), so that a run stopped by Ctrl-C, a crash or ``kill -9``
continues where it stopped: the URLs it holds are not fetched again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

__all__ = ["CACHE_ENV", "LinkCache", "LinkJournal", "default_cache_path", "default_journal_path"]

#: environment variable that overrides the cache location (tests point it at a tmp dir)
CACHE_ENV = "CITEKIT_LINK_CACHE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    checked REAL NOT NULL,
    result TEXT NOT NULL
)
"""


def default_journal_path(key: str) -> Path:
    """Where the journal of the run identified by ``key`` lives (the user cache directory)."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return default_cache_path().parent / "runs" / f"{digest}.sqlite"


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


_JOURNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    url TEXT PRIMARY KEY,
    finished REAL NOT NULL,
    result TEXT NOT NULL
)
"""


class LinkJournal:
    """The results of one run so far, each committed as it arrives."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10)
        # WAL + NORMAL: a committed result survives the process being killed; fast enough to
        # commit once per URL.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:
            self._db.execute(_JOURNAL_SCHEMA)

    def results(self) -> dict[str, dict[str, Any]]:
        """Every result recorded so far, by URL."""
        rows = self._db.execute("SELECT url, result FROM results")
        return {url: json.loads(text) for url, text in rows}

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM results").fetchone()[0])

    def record(self, url: str, result: Mapping[str, Any]) -> None:
        """Record one finished URL (committed before this returns)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO results (url, finished, result) VALUES (?, ?, ?)",
                (url, time.time(), json.dumps(result, ensure_ascii=False)),
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def remove(self) -> None:
        """Close and delete the journal (the run finished and was reported)."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    def __enter__(self) -> LinkJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
