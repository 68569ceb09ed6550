"""The link checker's data files: ``citekit/data/{page_signals,deleted_pages}.yaml`` -> dicts.

A second YAML reader beside :func:`citekit.store.load_mapping_file` on purpose: the store pulls
in the pinyin tables (some 57 MB), which a link check has no use for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_link_data"]

_DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def load_link_data(name: str) -> dict[str, Any]:
    """The mapping in ``citekit/data/<name>`` (a file that ships with citekit)."""
    data = yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{_DATA / name}: expected a YAML mapping")
    return data
