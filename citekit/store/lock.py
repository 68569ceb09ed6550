"""A lock on ``refs/`` that serialises the processes writing it (extract, build, merge, review).

``with refs_lock("refs"):`` holds an exclusive ``flock`` on ``refs/.lock`` (released by the
kernel if the process dies, so a crash never leaves a stale lock). It is re-entrant within a
process. Another process waits up to ``CITEKIT_LOCK_TIMEOUT`` seconds (default 600), then gets a
:class:`~citekit.errors.StoreError` naming the process that holds it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..atomic import located
from ..errors import StoreError

__all__ = ["LOCK_FILE", "locked_refs", "refs_lock"]

LOCK_FILE = ".lock"
_held: set[str] = set()  # resolved refs dirs whose flock this process holds
_threads: dict[str, threading.RLock] = {}  # one re-entrant lock per refs dir, for threads
_registry_guard = threading.Lock()
F = TypeVar("F", bound=Callable[..., Any])

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: processes are not serialised there
    fcntl = None  # type: ignore[assignment]


def _timeout() -> float:
    try:
        return float(os.environ.get("CITEKIT_LOCK_TIMEOUT", "600"))
    except ValueError:
        return 600.0


@contextlib.contextmanager
def refs_lock(refs_dir: str | os.PathLike[str] = "refs") -> Iterator[None]:
    """Hold the write lock of ``refs_dir`` for the block (nothing to hold when it is missing).

    Serialises threads of one process too (a review server answering requests).
    """
    path = Path(refs_dir)
    if not path.is_dir():
        yield
        return
    ident = str(path.resolve())
    with _registry_guard:
        guard = _threads.setdefault(ident, threading.RLock())
    if not guard.acquire(timeout=_timeout()):
        raise StoreError("in use by another thread of this process; try again", str(path))
    try:
        if ident in _held:  # this thread holds it already (a merge inside a build)
            yield
            return
        lock = path / LOCK_FILE
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise located(exc, str(lock)) from exc
        try:
            _acquire(fd, lock)
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            _held.add(ident)
            try:
                yield
            finally:
                _held.discard(ident)
        finally:
            os.close(fd)  # releases the flock
    finally:
        guard.release()


def _acquire(fd: int, lock: Path) -> None:
    if fcntl is None:  # pragma: no cover
        return
    deadline = time.monotonic() + _timeout()
    delay = 0.05
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = lock.read_text(encoding="utf-8", errors="replace").strip() or "?"
                raise StoreError(
                    f"in use by another citekit process (pid {holder}); "
                    "try again when it has finished",
                    str(lock.parent),
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def locked_refs(func: F) -> F:
    """Decorator: run ``func`` holding the lock of its ``refs_dir``/``out_dir`` argument."""
    sig = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        refs = bound.arguments.get("refs_dir", bound.arguments.get("out_dir", "refs"))
        with refs_lock(refs):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
