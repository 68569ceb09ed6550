"""Document text -> records (first cut: ``（来源：…）`` lines only)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..documents import Document
from ..model import DateError, PartialDate, Provenance, Reference
from ..problems import Problems
from .result import Extraction

__all__ = ["extract_document"]

_ATTR = re.compile(
    r"^\s*[（(]来源[:：]\s*《?(?P<name>[^》\d]+?)》?\s*(?P<date>[\d\-]+)\s*[）)]\s*$"
)


def extract_document(
    doc: Document, meta: Mapping[str, Any] | None = None, problems: Problems | None = None
) -> Extraction:
    """Extract the attributions of ``doc``."""
    ex = Extraction(doc.path, problems=problems if problems is not None else Problems())
    for n, line in enumerate(doc.lines, 1):
        m = _ATTR.match(line)
        if not m:
            continue
        try:
            issued: PartialDate | None = PartialDate.parse(m["date"])
        except DateError:
            issued = PartialDate.raw(m["date"])
        ex.items.append(
            Reference(
                id="",
                type="article-newspaper",
                container_title=m["name"],
                issued=issued,
                provenance=(Provenance(doc.path, n, n, line.strip()),),
            )
        )
    return ex
