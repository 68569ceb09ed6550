"""CSL-JSON <-> :class:`~citekit.model.Library`.

Provenance and warnings travel in each item's ``custom.citekit`` object, so a CSL-JSON export
re-imports without loss. A malformed item is reported with its file and line; the rest load:
E401 an item that is not an object · E402 an item that is not valid CSL (no id, names not a
list ...) · E403 a repeated id (ids are case-insensitive) · E404 an unknown CSL type (kept,
warning). Malformed JSON itself raises :class:`~citekit.errors.FormatError` at line:column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..errors import FormatError
from ..model import CSL_TYPES, TEXT_VARIABLES, DateError, Library, Reference
from ..problems import Problems

__all__ = ["dump_csl_json", "from_csl_json", "load_csl_json", "to_csl_json", "write_csl_json"]


def to_csl_json(lib: Library, *, provenance: bool = True) -> list[dict[str, Any]]:
    """Library -> CSL-JSON array (plain dicts)."""
    return lib.to_csl(provenance=provenance)


def dump_csl_json(lib: Library, *, provenance: bool = True) -> str:
    """Library -> CSL-JSON text (UTF-8, Chinese unescaped, stable order)."""
    return json.dumps(to_csl_json(lib, provenance=provenance), ensure_ascii=False, indent=2) + "\n"


def write_csl_json(lib: Library, path: str | Path, *, provenance: bool = True) -> None:
    """Write a CSL-JSON file atomically."""
    write_text_atomic(path, dump_csl_json(lib, provenance=provenance))


# CSL variables citekit keeps as text; a JSON object, array or boolean there is a mistake.


class _Lines:
    """1-based line numbers of increasing offsets, counted once (large files stay linear)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _split_items(text: str) -> list[tuple[int, Any]]:
    """Decode a JSON array item by item (or one value), remembering each item's line."""
    decoder = json.JSONDecoder(parse_constant=str)  # NaN, Infinity: not JSON; kept as text
    lines = _Lines(text)
    items: list[tuple[int, Any]] = []
    pos = _skip_ws(text, 0)
    if text[pos : pos + 1] == "[":
        pos = _skip_ws(text, pos + 1)
        if text[pos : pos + 1] == "]":
            pos += 1
        else:
            while True:
                value, end = decoder.raw_decode(text, pos)
                items.append((lines.at(pos), value))
                pos = _skip_ws(text, end)
                if text[pos : pos + 1] == ",":
                    pos = _skip_ws(text, pos + 1)
                elif text[pos : pos + 1] == "]":
                    pos += 1
                    break
                else:
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    else:
        value, pos = decoder.raw_decode(text, pos)
        items.append((lines.at(_skip_ws(text, 0)), value))
    pos = _skip_ws(text, pos)
    if pos != len(text):
        raise json.JSONDecodeError("Extra data", text, pos)
    return items


def from_csl_json(
    text: str, where: str = "<csl-json>", problems: Problems | None = None
) -> Library:
    """Parse CSL-JSON text: an array of items (or one item). Bad items go to ``problems``.

    Malformed JSON raises :class:`FormatError` at ``file:line:column``; an item that is not a
    valid CSL item (E401, E402) or repeats an id (E403) is reported and skipped; an unknown CSL
    type is reported (E404) and kept. Each record's ``origin`` is ``file:line`` of its ``{``.
    """
    problems = problems if problems is not None else Problems()
    try:
        items = _split_items(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"malformed JSON: {exc.msg}", f"{where}:{exc.lineno}:{exc.colno}"
        ) from None
    except ValueError as exc:  # a number of more than 4300 digits
        raise FormatError(f"malformed JSON: {exc}"[:200], where) from None
    lib = Library()
    for line, item in items:
        at = f"{where}:{line}"
        if not isinstance(item, dict):
            problems.add(at, "E401", f"CSL-JSON item is not an object: {item!r:.60}", "error")
            continue
        wrong = next(
            (v for v in TEXT_VARIABLES if isinstance(item.get(v), dict | list | bool)), None
        )
        if wrong is not None:
            problems.add(
                at,
                "E402",
                f"malformed CSL-JSON item {item.get('id')!r}: {wrong!r} must be text, "
                f"not {type(item[wrong]).__name__}",
                "error",
            )
            continue
        try:
            ref = Reference.from_csl(item)
        except (ValueError, DateError, TypeError, KeyError, AttributeError) as exc:
            problems.add(at, "E402", f"malformed CSL-JSON item {item.get('id')!r}: {exc}", "error")
            continue
        if ref.type not in CSL_TYPES:
            problems.add(at, "E404", f"item {ref.id!r}: unknown CSL type {ref.type!r}")
        try:
            lib.add(ref.replace(origin=at))
        except KeyError:
            problems.add(at, "E403", f"duplicate id {ref.id!r} (ids are case-insensitive)", "error")
    return lib


def load_csl_json(path: str | Path, problems: Problems | None = None) -> Library:
    """Read a CSL-JSON file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 (byte {exc.start}); save it as UTF-8", str(path)) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return from_csl_json(text, str(path), problems)
