"""CNKI's own export (``自定义`` / 知网研学 E-Study: ``Title-题名: …``) -> records.

Each line is ``English-中文: value``; the English part is the tag. A record starts at
``SrcDatabase-来源库`` (or ``DataType`` in the E-Study form), whose value (期刊, 硕士, 报纸 …)
is the type. This is the CNKI export that carries 中图分类号 (``CLC``), kept as
``call-number``; 关键词 (``a;;b``) and 摘要 are kept too. Tags and types map through
``citekit/data/import_fields.yaml`` (``cnki``).
"""

from __future__ import annotations

import re

from ..model import Reference
from ..problems import Problems
from .tagged import read_tagged_lines

__all__ = ["read_cnki"]

_LINE_RE = re.compile(r"^([A-Za-z]+)-[^:：\s]{0,12}\s*[:：]\s?(.*)$")


def read_cnki(text: str, where: str, problems: Problems) -> list[Reference]:
    """Every record of a CNKI 自定义 / E-Study export (ids empty)."""
    first = re.search(r"^\s*(DataType|SrcDatabase)\s*[-:：]", text, re.M)
    start = first.group(1) if first else "SrcDatabase"
    return read_tagged_lines(text, where, "cnki", _LINE_RE, start, problems)
