"""Round-trip rewriting of a refs file (ruamel.yaml): comments, key order and quoting survive.

Only what changed is touched: a field whose value is unchanged keeps its exact text (and the
comment beside it), a changed field keeps its place, a new field goes where the usual field
order puts it, and unknown fields are left alone. The only module that imports ruamel.yaml.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ._yaml import Flow

__all__ = ["rewrite_yaml"]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold long titles
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.allow_duplicate_keys = False
    return yaml


def _to_rt(value: Any) -> Any:
    """Plain data -> ruamel nodes (Flow mappings on one line, multi-line text as a block)."""
    if isinstance(value, Mapping):
        out = CommentedMap((k, _to_rt(v)) for k, v in value.items())
        if isinstance(value, Flow):
            out.fa.set_flow_style()
        return out
    if isinstance(value, list | tuple):
        return CommentedSeq(_to_rt(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def _insert_at(order: Sequence[str], target: CommentedMap, key: str) -> int:
    """Where a new ``key`` goes: before the first present key that follows it in ``order``."""
    if key in order:
        later = set(order[order.index(key) + 1 :])
        for i, existing in enumerate(target):
            if existing in later or existing in ("provenance", "warnings"):
                return i
    keys = list(target)
    for tail in ("warnings", "provenance"):
        if key not in ("warnings", "provenance") and tail in keys:
            return keys.index(tail)
    return len(keys)


def _update_map(
    target: CommentedMap, old: Mapping[str, Any], new: Mapping[str, Any], order: Sequence[str]
) -> None:
    """Make ``target`` (which reads as ``old``) read as ``new``, touching only what differs."""
    for key in list(target):
        if key not in new and (key in old or target[key] in (None, [], {}, "")):
            del target[key]
    for key, value in new.items():
        if key in target:
            if old.get(key) != value:
                target[key] = _to_rt(value)
        else:
            target.insert(_insert_at(order, target, key), key, _to_rt(value))


def rewrite_yaml(
    text: str | None,
    header: str,
    top: Mapping[str, Any],
    old_records: Mapping[str, Mapping[str, Any]],
    old_top: Mapping[str, Any],
    order: Sequence[str],
) -> str:
    """``text`` changed to read as ``top`` (``source``/``document``/``references``).

    ``old_records`` is each record of ``text`` by id in the canonical form ``top`` uses, and
    ``old_top`` the other top-level values, so that unchanged values keep their exact text.
    With ``text`` None a new file is written, starting with ``header``.
    """
    yaml = _yaml()
    doc = yaml.load(text) if text is not None else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
        text = None
    for key, value in top.items():
        if key == "references":
            _update_records(doc, value, old_records, order)
        elif key == "document" and isinstance(doc.get(key), CommentedMap) and value is not None:
            _update_map(doc[key], old_top.get(key) or {}, value, order)
        elif value is None:
            doc.pop(key, None)
        elif key not in doc or old_top.get(key) != value:
            if key in doc:
                doc[key] = _to_rt(value)
            else:
                doc.insert(_top_position(doc, key, list(top)), key, _to_rt(value))
    out = io.StringIO()
    yaml.dump(doc, out)
    body = out.getvalue()
    return body if text is not None else header + body


def _top_position(doc: CommentedMap, key: str, order: list[str]) -> int:
    later = set(order[order.index(key) + 1 :])
    for i, existing in enumerate(doc):
        if existing in later:
            return i
    return len(doc)


def _update_records(
    doc: CommentedMap,
    records: Iterable[Mapping[str, Any]],
    old_records: Mapping[str, Mapping[str, Any]],
    order: Sequence[str],
) -> None:
    seq = doc.get("references")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        if "references" in doc:
            doc["references"] = seq
        else:
            doc.insert(len(doc), "references", seq)
    by_id: dict[str, CommentedMap] = {}
    # Entries that are not records with a key cannot be matched: kept as they are, at the end.
    unmatched: list[Any] = []
    for item in seq:
        if isinstance(item, CommentedMap) and "id" in item and str(item["id"]) not in by_id:
            by_id[str(item["id"])] = item
        else:
            unmatched.append(item)
    items: list[Any] = []
    deferred: list[Any] = []
    for record in records:
        key = str(record["id"])
        target = by_id.pop(key, None)
        if target is None:
            # A comment after the previous record belongs, to the reader, to the next one:
            # ruamel keeps it on the previous record, so a new record goes to the end instead.
            if items and _has_trailing_comment(items[-1]):
                deferred.append(_to_rt(record))
            else:
                items.append(_to_rt(record))
        else:
            _update_map(target, old_records.get(key, {}), record, order)
            items.append(target)
    del seq[:]
    seq.extend(items + unmatched + deferred)


def _has_trailing_comment(node: Any) -> bool:
    """Whether a comment follows ``node``'s last value (ruamel attaches it there)."""
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        last: Any = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        tokens = [node.ca.items.get(last), getattr(node.ca, "end", None)]
        if any("#" in str(getattr(t, "value", "")) for t in _flatten(tokens)):
            return True
        node = node[last]
    return False


def _flatten(tokens: Any) -> list[Any]:
    out: list[Any] = []
    for t in tokens if isinstance(tokens, list) else [tokens]:
        if isinstance(t, list):
            out.extend(_flatten(t))
        elif t is not None:
            out.append(t)
    return out
