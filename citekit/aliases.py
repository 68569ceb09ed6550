"""Container aliases: names that denote the same source (``浙江在线网`` = ``浙江在线``).

Data, not code: the table ships in ``citekit/data/aliases.yaml`` and a user extends it with
``refs/_aliases.yaml`` (same format: ``canonical: [alias, ...]``; the user's entries win).
An :class:`Aliases` value is passed explicitly to extraction (normalization) and duplicate
detection; :func:`load_aliases` builds the one a ``refs/`` directory asks for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["Aliases", "load_aliases", "normalize_name"]

_BUILTIN = Path(__file__).with_name("data") / "aliases.yaml"
_STRIP = re.compile(r"[《》〈〉<>“”\"'‘’「」『』\s]")


def normalize_name(name: str) -> str:
    """NFKC, no 《》/quotes/spaces, case-folded: the form aliases are compared in."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name)).casefold()


def _table(
    data: Mapping[str, Any], base: Mapping[str, str] = MappingProxyType({})
) -> dict[str, str]:
    table = dict(base)
    for canonical, aliases in data.items():
        canonical = str(canonical)
        table[normalize_name(canonical)] = canonical
        if isinstance(aliases, str):
            aliases = [aliases]  # `浙江在线: 浙江在线网`: one alias written without brackets
        for alias in aliases or []:
            table[normalize_name(str(alias))] = canonical
    return table


@dataclass(frozen=True)
class Aliases:
    """An alias table (immutable): ``canonical(name)`` maps a known spelling to its canonical."""

    #: normalized spelling -> canonical name
    table: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Aliases:
        """A table from ``canonical: [aliases]`` entries (later entries win)."""
        return cls(MappingProxyType(_table(data)))

    @classmethod
    def builtin(cls) -> Aliases:
        """The table shipped in ``citekit/data/aliases.yaml``."""
        return _builtin()

    def extended(self, data: Mapping[str, Any]) -> Aliases:
        """This table plus ``canonical: [aliases]`` entries, which win over it."""
        return Aliases(MappingProxyType(_table(data, self.table)))

    def canonical(self, name: str) -> str:
        """The canonical spelling of ``name`` (``name`` without 《》 when unknown)."""
        return self.table.get(normalize_name(name), _STRIP.sub("", name).strip() or name)


@cache
def _builtin() -> Aliases:
    # Read once per process: the shipped file does not change, and the value is immutable.
    from .store import load_mapping_file

    return Aliases.from_mapping(load_mapping_file(_BUILTIN))


def load_aliases(refs_dir: str | Path | None = "refs") -> Aliases:
    """The built-in table extended by ``<refs_dir>/_aliases.yaml`` when it exists.

    Raises :class:`~citekit.errors.StoreError` (file and line) for a malformed user table.
    """
    builtin = _builtin()
    user = Path(refs_dir) / "_aliases.yaml" if refs_dir is not None else None
    if user is None or not user.exists():
        return builtin
    from .errors import StoreError
    from .store import load_mapping_file

    data = load_mapping_file(user)
    for canonical, names in data.items():
        if names is not None and not isinstance(names, (str, list)):
            raise StoreError(
                f"alias table: {canonical!r} must map to a list of names, "
                f"e.g. `浙江在线: [浙江在线网]`",
                str(user),
            )
    return builtin.extended(data)
