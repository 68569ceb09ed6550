"""The registry of issued citation keys, ``refs/_keys.yaml``: a key is never given out twice.

One line per key, ``key: "file:line"`` (the source it was first given to). citekit only ever
appends to it, so a key that was later merged away (``refs/_redirects.yaml``) or deleted by hand
is still known and not assigned to another source. Appending one line at a time keeps writing
cheap at any library size; a line cut short by a crash or a full disk is ignored on reading.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..atomic import located
from ..errors import StoreError
from ._yaml import load_yaml, strip_lines

__all__ = ["KEYS_FILE", "KeyRegistry"]

KEYS_FILE = "_keys.yaml"
_HEADER = (
    "# citekit: every citation key ever given out, and the source it was given to.\n"
    "# A key listed here is never given to another record, even after it was merged or\n"
    "# deleted. Written by citekit; keep it under version control with refs/.\n"
)
_LINE = re.compile(r'^([A-Za-z0-9_.:+-]+): ("(?:[^"\\]|\\.)*")$')


class KeyRegistry:
    """The issued keys of one refs directory."""

    def __init__(self, refs_dir: str | os.PathLike[str]) -> None:
        self.path = Path(refs_dir) / KEYS_FILE
        #: case-folded key -> anchor
        self.keys: dict[str, str] = {}
        #: case-folded key -> the key as issued
        self.spelled: dict[str, str] = {}
        self._loaded = False

    def load(self) -> KeyRegistry:
        """Read the file (a missing file is an empty registry)."""
        self.keys = {}
        self.spelled = {}
        self._loaded = True
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return self
        except OSError as exc:
            raise StoreError(f"cannot read: {exc.strerror}", str(self.path)) from None
        text = data.decode("utf-8", errors="replace")
        lines = text.split("\n")
        if not text.endswith("\n"):
            lines = lines[:-1]  # a line cut short while being written
        for line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = _LINE.match(line)
            if m is not None:
                key, anchor = m[1], json.loads(m[2])
            else:  # edited by hand into another YAML form, or a line a crash cut short
                try:
                    parsed = load_yaml(line, str(self.path))
                except StoreError:
                    continue
                if not isinstance(parsed, Mapping):
                    continue
                plain = strip_lines(parsed)
                if len(plain) != 1:
                    continue
                ((key, anchor),) = plain.items()
                key, anchor = str(key), str(anchor)
            self.keys[key.casefold()] = anchor
            self.spelled[key.casefold()] = key
        return self

    def by_anchor(self) -> dict[str, str]:
        """Anchor -> the first key issued to it (keys as written, not case-folded)."""
        out: dict[str, str] = {}
        for key, anchor in self.keys.items():
            out.setdefault(anchor, self.spelled.get(key, key))
        return out

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.casefold() in self.keys

    def add(self, issued: Mapping[str, str]) -> None:
        """Record newly issued keys (key -> anchor), appended to the file."""
        if not self._loaded:
            self.load()
        fresh = {k: v for k, v in issued.items() if k.casefold() not in self.keys}
        if not fresh:
            return
        body = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fresh.items())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                prefix = _HEADER if size == 0 else ""
                if size and not _ends_with_newline(self.path, size):
                    prefix = "\n"  # after a line cut short
                data = (prefix + body).encode("utf-8")
                while data:
                    data = data[os.write(fd, data) :]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise located(exc, str(self.path)) from exc
        for k, v in fresh.items():
            self.keys[k.casefold()] = v
            self.spelled[k.casefold()] = k


def _ends_with_newline(path: Path, size: int) -> bool:
    with path.open("rb") as fh:
        fh.seek(size - 1)
        return fh.read(1) == b"\n"
