"""The outlets of ``data/outlets.yaml`` as extraction reads them: folded names, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .fold import fold_text

_OUTLETS = Path(__file__).resolve().parent.parent / "data" / "outlets.yaml"


def _table() -> dict[object, object]:
    from ..store import load_mapping_file

    return dict(load_mapping_file(_OUTLETS).get("outlets") or {})


@cache
def outlet_keys() -> tuple[str, ...]:
    """Every outlet's own name, folded, in the file's order."""
    return tuple(fold_text(str(k)) for k in _table())


@cache
def outlet_names() -> frozenset[str]:
    """Every name and other name of an outlet, folded (南都, 澎湃, Xinhua)."""
    out: set[str] = set()
    for key, others in _table().items():
        out.add(fold_text(str(key)))
        out.update(fold_text(str(o)) for o in (others or ()))  # type: ignore[attr-defined]
    return frozenset(out)
