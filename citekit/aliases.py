"""Container aliases: names that denote the same source (``浙江在线网`` = ``浙江在线``).

Data, not code: the table ships in ``citekit/data/aliases.yaml`` and a user extends it with
``refs/_aliases.yaml`` (same format: ``canonical: [alias, ...]``). Used by extraction
(normalization) and duplicate detection alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Aliases", "load_aliases", "normalize_name"]

_BUILTIN = Path(__file__).with_name("data") / "aliases.yaml"
_STRIP = re.compile(r"[《》〈〉<>“”\"'‘’「」『』\s]")


def normalize_name(name: str) -> str:
    """NFKC, no 《》/quotes/spaces, case-folded: the form aliases are compared in."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name)).casefold()


@dataclass
class Aliases:
    """Alias table: ``canonical(name)`` maps any known spelling to its canonical name."""

    table: dict[str, str] = field(default_factory=dict)

    def update(self, data: Mapping[str, Any]) -> None:
        """Add ``canonical: [aliases]`` entries (later entries win)."""
        for canonical, aliases in data.items():
            canonical = str(canonical)
            self.table[normalize_name(canonical)] = canonical
            for alias in aliases or []:
                self.table[normalize_name(str(alias))] = canonical

    def canonical(self, name: str) -> str:
        """The canonical spelling of ``name`` (``name`` without 《》 when unknown)."""
        return self.table.get(normalize_name(name), _STRIP.sub("", name).strip() or name)


@lru_cache(maxsize=8)
def _load(user: Path | None, mtime: float) -> Aliases:
    from .store import load_mapping_file

    aliases = Aliases()
    aliases.update(load_mapping_file(_BUILTIN))
    if user is not None:
        aliases.update(load_mapping_file(user))
    return aliases


def load_aliases(refs_dir: str | Path | None = "refs") -> Aliases:
    """The built-in table extended by ``<refs_dir>/_aliases.yaml`` when it exists."""
    user = Path(refs_dir) / "_aliases.yaml" if refs_dir is not None else None
    if user is not None and not user.exists():
        user = None
    return _load(user, user.stat().st_mtime if user else 0.0)
