"""Atomic file writes: write to a temporary file beside the target, fsync, then rename.

A failure (a full disk, a file-size limit, a read-only or forbidden directory) raises
:class:`OSError` whose ``filename`` is the target, and leaves the target as it was. A directory
is replaced as a whole with :func:`replace_dir` (readers see the old one or the new one).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

__all__ = [
    "atomic_write",
    "located",
    "recover_dir",
    "replace_dir",
    "staging_dir",
    "write_bytes_atomic",
    "write_text_atomic",
]


def located(exc: OSError, target: str | os.PathLike[str]) -> OSError:
    """The same error, naming ``target`` (a write into a temporary file names no file)."""
    if exc.errno is None:
        return OSError(f"{target}: {exc}")
    return OSError(exc.errno, exc.strerror or str(exc), str(target))


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    before_replace: Callable[[], None] | None = None,
    **kw: object,
) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file for writing that replaces ``path`` only if the block succeeds.

    ``before_replace`` runs last, just before the rename (e.g. to check that the target did not
    change on disk meanwhile); an exception from it leaves the target untouched.
    """
    target = Path(path)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, mode, **kw) as fh:  # type: ignore[call-overload]
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise located(exc, target) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    with atomic_write(
        path, "w", encoding="utf-8", newline="\n", before_replace=before_replace
    ) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)


# ------------------------------------------------------------------------ whole directories

_OLD = ".old-"
_NEW = ".new-"


def staging_dir(target: str | os.PathLike[str]) -> Path:
    """A fresh, empty directory beside ``target`` to build its replacement in."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{target.name}{_NEW}{os.getpid()}-"
        return Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    except OSError as exc:
        raise located(exc, target) from exc


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_dir(staged: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Put the directory ``staged`` in the place of ``target`` as a whole, then remove the old.

    On Linux the two are exchanged in one step; elsewhere the old one is first renamed aside
    (:func:`recover_dir` puts it back if the process dies between the two renames).
    """
    staged, target = Path(staged), Path(target)
    try:
        for name in os.listdir(staged):
            with contextlib.suppress(OSError):
                os.chmod(staged / name, 0o644)
        os.chmod(staged, 0o755)
        _fsync_dir(staged)
        if not target.exists():
            os.rename(staged, target)
        elif _exchange(staged, target):
            shutil.rmtree(staged, ignore_errors=True)  # now holds the old outputs
        else:
            prefix = f".{target.name}{_OLD}{os.getpid()}-"
            aside = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
            os.rmdir(aside)
            os.rename(target, aside)
            os.rename(staged, target)
            shutil.rmtree(aside, ignore_errors=True)
        _fsync_dir(target.parent)
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        raise located(exc, target) from exc


def recover_dir(target: str | os.PathLike[str]) -> None:
    """Tidy up after a process that died while replacing ``target``.

    Puts an old directory set aside back when ``target`` is missing, and removes left-over
    staging directories.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        return
    for entry in sorted(parent.iterdir()):
        for tag in (_OLD, _NEW):
            prefix = f".{target.name}{tag}"
            if not entry.name.startswith(prefix) or not entry.is_dir():
                continue
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)):
                continue  # another process is still working on it
            if tag == _OLD and not target.exists():
                os.rename(entry, target)
            else:
                shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
