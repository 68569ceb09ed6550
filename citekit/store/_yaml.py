"""Checked YAML reading (PyYAML; libyaml's C parser when present): the store's fast path.

Every YAML file citekit reads goes through :func:`load_yaml`, which refuses, with file:line:
duplicate keys at any level (YAML would silently keep the last one), alias bombs (aliases whose
expansion is far bigger than the file), nesting deeper than :data:`MAX_DEPTH`, and tags other than
the plain YAML ones. Timestamps stay text (``2018-02-30`` is a bad date to report, not a crash).
Mappings carry their 1-based line under ``__line__``. Also :func:`dump_yaml`, a deterministic
writer for citekit's own files. The only module besides :mod:`._roundtrip` that imports a YAML
library.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import StoreError

__all__ = ["LINE", "MAX_DEPTH", "Flow", "dump_yaml", "load_yaml", "strip_lines"]

#: key under which a loaded mapping keeps its 1-based line
LINE = "__line__"
#: deepest nesting accepted (a refs file needs 5)
MAX_DEPTH = 64
#: expanded size allowed beyond the file's own nodes (aliases may repeat small values)
ALIAS_BUDGET = 10_000

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)


class _LineLoader(_Loader):  # type: ignore[valid-type,misc]
    """Safe loader: mappings record their line; timestamps stay strings."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))
    mapping[LINE] = node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def _construct_float(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if value != value or value in (float("inf"), float("-inf")):
        # .nan/.inf are YAML floats, but nothing in a reference is infinite: keep the text.
        return str(node.value)
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_NULL, _BOOL, _INT = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"
_FLOAT, _TIMESTAMP = "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT: dict[str | None, tuple[tuple[str, Any], ...]] = {
    first: tuple(found) for first, found in _LineLoader.yaml_implicit_resolvers.items()
}
_ANY_FIRST = _IMPLICIT.get(None, ())
assert not _LineLoader.yaml_path_resolvers  # (what BaseResolver.resolve would also consult)


def _resolve(self: _LineLoader, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
    """The tag of a node without one: ``BaseResolver.resolve`` (which the parser calls for
    every node), minus the path resolvers this loader does not have."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()) + _ANY_FIRST:
                if regexp.match(value):
                    return str(tag)
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_LineLoader.resolve = _resolve


def _where(path: str, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def _check_nodes(root: yaml.Node, path: str) -> bool:
    """Refuse duplicate keys, unknown tags, deep nesting and alias bombs (linear time).

    Returns whether the document is plain: no alias, no merge key (``<<``), every key a
    scalar — what :func:`_construct_plain` builds.
    """
    seen: set[int] = set()
    aliases = 0
    plain = True
    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            aliases += 1  # reached a second time: an alias (not descended again)
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise StoreError(f"unsupported YAML tag {node.tag!r}", _where(path, node))
        if isinstance(node, mapping):
            if depth >= MAX_DEPTH:
                raise StoreError(f"nested more than {MAX_DEPTH} levels deep", _where(path, node))
            keys: dict[Any, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        raise StoreError(
                            f"duplicate key {key.value!r} (first at line {first}); YAML would "
                            "keep only the last one: merge the two or rename one",
                            _where(path, key),
                        )
                    keys[key.value] = key
                    if key.tag == _MERGE:
                        plain = False
                else:
                    plain = False
                    stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, sequence):
            if depth >= MAX_DEPTH:
                raise StoreError(f"nested more than {MAX_DEPTH} levels deep", _where(path, node))
            stack.extend((child, depth + 1) for child in node.value)
    if aliases:
        _check_expansion(root, path, len(seen))
    return plain and not aliases


def _construct_plain(loader: _LineLoader, node: yaml.Node) -> Any:
    """What ``loader.construct_document`` makes of a plain document (see
    :func:`_check_nodes`), built directly: the same values, without the constructor's
    generic (and slow) machinery for aliases, merges and recursive structures."""
    kind = node.__class__
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return loader.bool_values[node.value.lower()]
        if tag == _INT:
            return loader.construct_yaml_int(node)
        if tag == _FLOAT:
            return _construct_float(loader, node)
        return loader.construct_object(node, deep=True)  # (the check allows no other tag)
    if kind is yaml.SequenceNode:
        return [_construct_plain(loader, child) for child in node.value]
    mapping = {_construct_plain(loader, k): _construct_plain(loader, v) for k, v in node.value}
    mapping[LINE] = node.start_mark.line + 1
    return mapping


def _check_expansion(root: yaml.Node, path: str, distinct: int) -> None:
    """Refuse aliases whose expansion is far bigger than the file (billion laughs)."""
    size: dict[int, int] = {}
    started: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            total = 1
            for child in _children(node):
                if id(child) not in size:  # an alias to an enclosing node
                    raise StoreError("recursive YAML alias", _where(path, child))
                total += size[id(child)]
            size[id(node)] = total
            continue
        if id(node) in started:
            continue
        started.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in started)
    expanded = size[id(root)]
    if expanded > 2 * distinct + ALIAS_BUDGET:
        raise StoreError(
            f"YAML aliases expand to {expanded} values from {distinct} (an alias bomb?); "
            "write the values out instead of using &anchors and *aliases",
            _where(path, root),
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document checked as described above; StoreError names file:line:col."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _check_nodes(node, path):
            return _construct_plain(loader, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise StoreError(f"malformed YAML: {exc.problem or exc}", where) from None
    except yaml.YAMLError as exc:
        raise StoreError(f"malformed YAML: {exc}", path) from None
    finally:
        loader.dispose()


def strip_lines(value: Any) -> Any:
    """``value`` without the ``__line__`` keys (a plain copy)."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (provenance entries)."""


class _FastDumper(_Dumper):  # type: ignore[valid-type,misc]
    """Block style, unicode kept, long strings unwrapped, :class:`Flow` mappings on one line."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_representer(dumper: yaml.SafeDumper, value: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_FastDumper.add_representer(str, _str_representer)
_FastDumper.add_representer(Flow, _flow_representer)


def dump_yaml(data: Any, *, flow_lists: bool = False) -> str:
    """Deterministic YAML text (same data -> same bytes)."""
    return str(
        yaml.dump(
            data,
            Dumper=_FastDumper,
            allow_unicode=True,
            sort_keys=False,
            width=10_000,
            default_flow_style=None if flow_lists else False,
        )
    )
