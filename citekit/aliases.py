"""Container aliases: names that denote the same source (``浙江在线网`` = ``浙江在线``).

Data, not code: the table ships in ``citekit/data/aliases.yaml`` and a user extends it with
``refs/_aliases.yaml`` (same format: ``canonical: [alias, ...]``; the user's entries win).
Entries under the key ``kept as printed`` are official names of one outlet (``中新网`` and
``中国新闻网``): the duplicate check treats them as one source, extraction keeps the name as
printed (:meth:`Aliases.spelling`); every other entry is a mere spelling variant, rewritten.
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
#: the section whose names denote one outlet but are each cited as printed
PRINTED_SECTION = "kept as printed"
_STRIP = re.compile(r"[《》〈〉<>“”\"'‘’「」『』\s]")


def normalize_name(name: str) -> str:
    """NFKC, no 《》/quotes/spaces, case-folded: the form aliases are compared in."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name)).casefold()


def _printed(data: Mapping[str, Any]) -> Mapping[str, Any]:
    section = data.get(PRINTED_SECTION)
    return section if isinstance(section, Mapping) else {}


def _table(
    data: Mapping[str, Any], base: Mapping[str, str] = MappingProxyType({})
) -> dict[str, str]:
    table = dict(base)
    entries = [*_printed(data).items(), *data.items()]
    for canonical, aliases in entries:
        canonical = str(canonical)
        if canonical == PRINTED_SECTION:
            continue
        table[normalize_name(canonical)] = canonical
        if isinstance(aliases, str):
            aliases = [aliases]  # `浙江在线: 浙江在线网`: one alias written without brackets
        for alias in aliases or []:
            table[normalize_name(str(alias))] = canonical
    return table


def _names(data: Mapping[str, Any]) -> set[str]:
    """The normalized names ``data`` mentions (canonicals and aliases, the section's too)."""
    out: set[str] = set()
    for canonical, aliases in [*_printed(data).items(), *data.items()]:
        if str(canonical) == PRINTED_SECTION:
            continue
        out.add(normalize_name(str(canonical)))
        for alias in [aliases] if isinstance(aliases, str) else aliases or []:
            out.add(normalize_name(str(alias)))
    return out


@dataclass(frozen=True)
class Aliases:
    """An alias table (immutable): ``canonical(name)`` maps a known spelling to its canonical."""

    #: normalized spelling -> canonical name
    table: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: normalized names extraction keeps as printed (the ``kept as printed`` section)
    printed: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Aliases:
        """A table from ``canonical: [aliases]`` entries (later entries win)."""
        return cls(MappingProxyType(_table(data)), frozenset(_names(_printed(data))))

    @classmethod
    def builtin(cls) -> Aliases:
        """The table shipped in ``citekit/data/aliases.yaml``."""
        return _builtin()

    def extended(self, data: Mapping[str, Any]) -> Aliases:
        """This table plus ``canonical: [aliases]`` entries, which win over it (a name the
        user's table maps outside its ``kept as printed`` section is rewritten again)."""
        printed = _names(_printed(data))
        plain = _names({k: v for k, v in data.items() if k != PRINTED_SECTION})
        return Aliases(
            MappingProxyType(_table(data, self.table)),
            frozenset((self.printed - plain) | printed),
        )

    def canonical(self, name: str) -> str:
        """The canonical spelling of ``name`` (``name`` without 《》 when unknown)."""
        return self.table.get(normalize_name(name), _STRIP.sub("", name).strip() or name)

    def spelling(self, name: str) -> str:
        """The name to cite: the canonical of a spelling variant, ``name`` (without 《》) when
        it is one of an outlet's official names (``中国新闻网`` stays; ``浙江在线网`` ->
        ``浙江在线``)."""
        if normalize_name(name) in self.printed:
            return _STRIP.sub("", name).strip() or name
        return self.canonical(name)


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
    for canonical, names in [*_printed(data).items(), *data.items()]:
        if canonical == PRINTED_SECTION and isinstance(names, Mapping):
            continue
        if names is not None and not isinstance(names, (str, list)):
            raise StoreError(
                f"alias table: {canonical!r} must map to a list of names, "
                f"e.g. `浙江在线: [浙江在线网]`",
                str(user),
            )
    return builtin.extended(data)
