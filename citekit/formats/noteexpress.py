"""NoteExpress (``{Reference Type}: Journal Article``, ``{Author}: 潘紫麟;刘庆鹏;`` ...) -> records.

CNKI's and Wanfang's "NoteExpress" export and NoteExpress's own ``.net`` export. A record
starts at ``{Reference Type}``; a line without ``{Tag}:`` continues the value above it (long
abstracts are wrapped). Tags and types map through ``citekit/data/import_fields.yaml``.
"""

from __future__ import annotations

import re

from ..model import Reference
from ..problems import Problems
from .tagged import read_tagged_lines

__all__ = ["read_noteexpress"]

_LINE_RE = re.compile(r"^\{([^{}]{1,40})\}\s*[:：]\s?(.*)$")


def read_noteexpress(text: str, where: str, problems: Problems) -> list[Reference]:
    """Every NoteExpress record of ``text`` (ids empty)."""
    return read_tagged_lines(text, where, "noteexpress", _LINE_RE, "Reference Type", problems)
