"""EndNote tagged (``.enw``, ``%0 Journal Article``, ``%A`` ...) -> records.

CNKI's "EndNote" export and EndNote's own tagged export. A record starts at ``%0``; tags and
types map through ``citekit/data/import_fields.yaml`` (``endnote``).
"""

from __future__ import annotations

import re

from ..model import Reference
from ..problems import Problems
from .tagged import read_tagged_lines

__all__ = ["read_endnote"]

_LINE_RE = re.compile(r"^(%[0-9A-Za-z@!#$&()*+^~|\]>?])\s?(.*)$")


def read_endnote(text: str, where: str, problems: Problems) -> list[Reference]:
    """Every EndNote tagged record of ``text`` (ids empty)."""
    return read_tagged_lines(text, where, "endnote", _LINE_RE, "%0", problems)
