"""RefWorks tagged (CNKI's "RefWorks" export: ``RT Journal Article``, ``A1 潘紫麟;刘庆鹏``)
-> records.

A record starts at ``RT``. Tags are two characters, any case (CNKI writes ``vo``), usually
followed by a space (CNKI sometimes omits it: ``A1林行众``); ``URL`` is read as ``UL``. Only the
tags in the RefWorks table count as tags, so a wrapped abstract line that happens to start
with two capitals stays part of the abstract.
"""

from __future__ import annotations

import re

from ..model import Reference
from ..problems import Problems
from .tagged import field_table, read_tagged_lines

__all__ = ["read_refworks"]


def _line_re() -> re.Pattern[str]:
    tags = sorted({*field_table("refworks")[1], "URL"}, key=len, reverse=True)
    alt = "|".join(re.escape(t) for t in tags)
    return re.compile(rf"^(?i:({alt}))(?:\s+|(?=[^\sA-Za-z0-9])|$)(.*)$")


def read_refworks(text: str, where: str, problems: Problems) -> list[Reference]:
    """Every RefWorks record of ``text`` (ids empty)."""
    text = re.sub(r"(?im)^URL\b", "UL", text)
    return read_tagged_lines(text, where, "refworks", _line_re(), "RT", problems)
