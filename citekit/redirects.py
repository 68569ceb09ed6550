"""Redirects: citation keys merged away point to their survivor; reposts to their original.

Consumes and produces ``refs/_redirects.yaml``::

    merged:            # key merged away by `citekit merge` -> the record that survived
      zjol2018a: zjol2018
    reposts:           # key of a repost (`citekit merge --as-repost`) -> the original to cite
      renminribao2024: xinhuashe2024

A merged-away key keeps working: :func:`attach_redirects` gives the library of a refs/ directory
a :class:`RedirectingLibrary` whose ``get`` follows the redirect (so ``render``, ``cite`` and
``export`` find the survivor of an old ``[@key]``) and notes it (``W330``). A redirected key is
never assigned again: :func:`issued_keys` lists them for key assignment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import StoreError
from .model import Library, Reference
from .problems import Problems

__all__ = [
    "REDIRECTS_FILE",
    "RedirectingLibrary",
    "Redirects",
    "attach_redirects",
    "issued_keys",
    "load_redirects",
    "refs_dir_of",
    "resolve_key",
    "save_redirects",
]

REDIRECTS_FILE = "_redirects.yaml"
_HEADER = (
    "# citekit: keys merged away (merged: old -> survivor) and reposts\n"
    "# (reposts: key -> original).\n"
    "# Written by `citekit merge` and `citekit merge --as-repost`. A merged-away key keeps\n"
    "# working in reports ([@old] cites the survivor) and is never given to another record.\n"
)


@dataclass
class Redirects:
    """Merged-away keys and repost relations (keys compared case-insensitively)."""

    merged: dict[str, str] = field(default_factory=dict)
    reposts: dict[str, str] = field(default_factory=dict)

    def resolve(self, key: str) -> str | None:
        """The survivor ``key`` was merged into (following later merges), or None."""
        seen: set[str] = set()
        current = key.casefold()
        folded = {k.casefold(): v for k, v in self.merged.items()}
        target: str | None = None
        while current in folded and current not in seen:
            seen.add(current)
            target = folded[current]
            current = target.casefold()
        return target

    def original(self, key: str) -> str | None:
        """The original a repost ``key`` was recorded as a copy of, or None."""
        folded = {k.casefold(): v for k, v in self.reposts.items()}
        return folded.get(key.casefold())

    def add_merge(self, old: str, survivor: str) -> None:
        """Record that ``old`` was merged into ``survivor`` (earlier redirects follow)."""
        for k, v in list(self.merged.items()):
            if v.casefold() == old.casefold():
                self.merged[k] = survivor
        self.merged[old] = survivor
        for k, v in list(self.reposts.items()):
            if v.casefold() == old.casefold():
                self.reposts[k] = survivor
        self.reposts.pop(old, None)

    def add_repost(self, repost: str, original: str) -> None:
        """Record that ``repost`` is a copy of ``original``."""
        self.reposts[repost] = original

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = REDIRECTS_FILE) -> Redirects:
        """Read ``{"merged": {old: new}, "reposts": {key: original}}``; ValueError naming
        ``where``."""
        out = cls()
        for name in ("merged", "reposts"):
            section = data.get(name) or {}
            if not isinstance(section, Mapping):
                raise ValueError(f"{where}: {name!r} must map keys to keys")
            for k, v in section.items():
                if not isinstance(v, (str, int)) or not str(v).strip():
                    raise ValueError(f"{where}: {name} entry {k!r} must name one key")
                getattr(out, name)[str(k)] = str(v)
        return out

    def to_mapping(self) -> dict[str, Any]:
        """Inverse of :meth:`from_mapping` (empty sections left out)."""
        return {k: dict(v) for k, v in (("merged", self.merged), ("reposts", self.reposts)) if v}


def load_redirects(refs_dir: str | Path = "refs") -> Redirects:
    """The redirects of ``refs_dir`` (none when the file does not exist)."""
    from .store import load_mapping_file

    path = Path(refs_dir) / REDIRECTS_FILE
    if not path.exists():
        return Redirects()
    try:
        return Redirects.from_mapping(load_mapping_file(path), str(path))
    except ValueError as exc:
        raise StoreError(str(exc).removeprefix(f"{path}: "), str(path)) from None


def save_redirects(redirects: Redirects, refs_dir: str | Path = "refs") -> None:
    """Write ``refs_dir/_redirects.yaml`` atomically."""
    from .store import dump_mapping_file

    dump_mapping_file(Path(refs_dir) / REDIRECTS_FILE, redirects.to_mapping(), _HEADER)


def issued_keys(refs_dir: str | Path) -> list[str]:
    """Keys that must never be assigned to a new record: every key merged away."""
    path = Path(refs_dir) / REDIRECTS_FILE
    return list(load_redirects(refs_dir).merged) if path.exists() else []


class RedirectingLibrary(Library):
    """A library whose ``get`` also finds a merged-away key's survivor, with a note."""

    def __init__(
        self,
        refs: Iterable[Reference],
        redirects: Redirects,
        problems: Problems | None = None,
        where: str = REDIRECTS_FILE,
    ) -> None:
        super().__init__(refs)
        self.redirects = redirects
        self._problems = problems
        self._where = where
        self._noted: set[str] = set()

    def get(self, key: str) -> Reference | None:
        """The record with ``key``, or the survivor it was merged into."""
        ref = super().get(key)
        if ref is not None:
            return ref
        target = self.redirects.resolve(key)
        ref = super().get(target) if target is not None else None
        if ref is not None and self._problems is not None and key.casefold() not in self._noted:
            self._noted.add(key.casefold())
            self._problems.add(
                self._where, "W330", f"key {key!r} was merged into {ref.id!r}: cited as {ref.id!r}"
            )
        return ref

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


def refs_dir_of(path: str | Path) -> Path | None:
    """The refs/ directory ``path`` is (or is a YAML file in), else None."""
    p = Path(path)
    if p.is_dir():
        return p
    if p.suffix.lower() in (".yaml", ".yml"):
        return p.parent
    return None


def attach_redirects(lib: Library, path: str | Path, problems: Problems | None = None) -> Library:
    """``lib`` (loaded from ``path``) resolving the merged-away keys of its refs/ directory."""
    refs = refs_dir_of(path)
    if refs is None or not (refs / REDIRECTS_FILE).exists():
        return lib
    return RedirectingLibrary(lib, load_redirects(refs), problems, str(refs / REDIRECTS_FILE))


def resolve_key(lib: Library, key: str) -> tuple[Reference | None, str | None]:
    """The record cited by ``key`` and, when a redirect was followed, the key it resolved to."""
    ref = lib.get(key)
    if ref is None:
        return None, None
    return ref, (ref.id if ref.id.casefold() != key.casefold() else None)
