"""One record as YAML: :func:`ref_to_yaml` and its checked inverse :func:`ref_from_yaml`.

The YAML form is CSL-JSON with ISO dates and Chinese names as plain strings. Reading checks every
value's type and raises :class:`ValueError` naming the field (``'issued' must be a date, not a
list``) instead of letting a wrong type crash a later stage or be turned into text like ``None``.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from typing import Any

from ..model import Name, PartialDate, Reference, is_cjk
from ._yaml import Flow

__all__ = ["FIELD_ORDER", "ref_from_yaml", "ref_to_yaml"]

# Field order in the YAML, for people reading it; anything else follows alphabetically.
FIELD_ORDER = (
    "id",
    "type",
    "title",
    "author",
    "editor",
    "container-title",
    "collection-title",
    "issued",
    "issue",
    "volume",
    "page",
    "edition",
    "number",
    "genre",
    "event-title",
    "event-place",
    "publisher",
    "publisher-place",
    "authority",
    "section",
    "URL",
    "DOI",
    "accessed",
    "language",
    "note",
)
_DATE_VARS = ("issued", "accessed")
_NAME_VARS = ("author", "editor")
_NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle")
_TEXT_VARS = frozenset(FIELD_ORDER) - {"id", "type", *_DATE_VARS, *_NAME_VARS}
#: longest number accepted as a field value (longer ones are almost surely a paste error)
_MAX_DIGITS = 30


def _name_to_yaml(name: Name) -> Any:
    if name.literal is not None and is_cjk(name.literal):
        return name.literal
    return name.to_csl()


def ref_to_yaml(ref: Reference) -> dict[str, Any]:
    """A record as a YAML-friendly mapping (ISO dates, Chinese names as strings)."""
    csl = ref.to_csl(provenance=False)
    out: dict[str, Any] = {}
    for var in _DATE_VARS:
        date = getattr(ref, var)
        if date is not None:
            csl[var] = date.iso()
    for var in _NAME_VARS:
        names = getattr(ref, var)
        if names:
            csl[var] = [_name_to_yaml(n) for n in names]
    for key in FIELD_ORDER:
        if key in csl:
            out[key] = csl.pop(key)
    for key in sorted(csl):
        out[key] = csl[key]
    if ref.provenance:
        out["provenance"] = [Flow(p.to_csl()) for p in ref.provenance]
    if ref.warnings:
        out["warnings"] = list(ref.warnings)
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _scalar_text(key: str, value: Any) -> str:
    """A text field's value: strings and plain numbers (``issue: 19``) are accepted."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if len(str(abs(value))) > _MAX_DIGITS:
            raise ValueError(f"{key!r} is a {len(str(abs(value)))}-digit number; quote it")
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    raise ValueError(f"{key!r} must be text, not {_kind(value)}")


def _date(key: str, value: Any) -> Any:
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, Mapping)):
        raise ValueError(f"{key!r} must be a date such as 2018-09-03, not {_kind(value)}")
    if isinstance(value, int) and not 1 <= value <= 9999:
        raise ValueError(f"{key!r}: year out of range: {value}")
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        ok = parts is None or (
            isinstance(parts, list)
            and all(
                isinstance(p, list)
                and all(isinstance(x, (int, str)) and not isinstance(x, bool) for x in p)
                for p in parts
            )
        )
        if not ok or not all(isinstance(value.get(k, ""), str) for k in ("raw", "literal")):
            raise ValueError(f"{key!r} must be a date such as 2018-09-03 or {{date-parts: ...}}")
    return PartialDate.from_csl(value).to_csl()


def _names(key: str, value: Any) -> list[Any]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{key!r} must be a list of names, not {_kind(value)}")
    out: list[Any] = []
    for i, name in enumerate(value, 1):
        if isinstance(name, str):
            out.append(Name.parse(name).to_csl())
        elif isinstance(name, Mapping) and all(
            k in _NAME_PARTS and isinstance(v, str) for k, v in name.items()
        ):
            out.append(dict(name))
        else:
            raise ValueError(
                f"{key!r}: name {i} must be text or {{family: ..., given: ...}}, "
                f"not {_kind(name)} {name!r}"[:200]
            )
    return out


def _provenance(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError(f"'provenance' must be a list of {{file, lines, raw}}, not {_kind(value)}")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or not isinstance(item.get("file", ""), str):
            raise ValueError("'provenance' entries must be {file: ..., lines: [a, b], raw: ...}")
        lines = item.get("lines", item.get("line", 1))
        if isinstance(lines, int) and not isinstance(lines, bool):
            lines = [lines, lines]
        if not (
            isinstance(lines, list)
            and 1 <= len(lines) <= 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
            and 1 <= lines[0] <= lines[-1]
        ):
            raise ValueError(f"'provenance': bad line span {lines!r}")
        if not isinstance(item.get("raw", ""), str):
            raise ValueError("'provenance': 'raw' must be text")
        out.append({**item, "lines": lines})
    return out


def ref_from_yaml(data: Mapping[str, Any]) -> Reference:
    """Inverse of :func:`ref_to_yaml`; raises ValueError naming the field on a bad value."""
    item: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise ValueError(f"field names must be text, not {key!r}")
        if key == "provenance":
            custom[key] = _provenance(value) if value is not None else []
        elif key == "warnings":
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise ValueError("'warnings' must be a list of text")
            custom[key] = value
        elif key == "id":
            if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
                raise ValueError(f"'id' must be a citation key (text), not {_kind(value)}")
            item[key] = str(value)
        elif key == "type":
            if not isinstance(value, str) or not value:
                raise ValueError(f"'type' must be a CSL type such as webpage, not {_kind(value)}")
            item[key] = value
        elif value is None:
            continue  # an empty field is a missing field
        elif key in _DATE_VARS:
            item[key] = _date(key, value)
        elif key in _NAME_VARS:
            item[key] = _names(key, value)
        elif key in _TEXT_VARS:
            item[key] = _scalar_text(key, value)
        else:
            item[key] = value  # an unknown field: kept as written
    if "id" not in item:
        raise ValueError("no 'id' (citation key)")
    if custom:
        item["custom"] = {"citekit": custom}
    return Reference.from_csl(item)
