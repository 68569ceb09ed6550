"""CSL-JSON <-> :class:`~citekit.model.Library`.

Provenance and warnings travel in each item's ``custom.citekit`` object, so a CSL-JSON export
re-imports without loss. A malformed item is reported with its file and line; the rest load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..errors import FormatError
from ..model import DateError, Library, Reference
from ..problems import Problems

__all__ = ["dump_csl_json", "from_csl_json", "load_csl_json", "to_csl_json", "write_csl_json"]


def to_csl_json(lib: Library, *, provenance: bool = True) -> list[dict[str, Any]]:
    """Library -> CSL-JSON array (plain dicts)."""
    return lib.to_csl(provenance=provenance)


def dump_csl_json(lib: Library, *, provenance: bool = True) -> str:
    """Library -> CSL-JSON text (UTF-8, Chinese unescaped, stable order)."""
    return json.dumps(to_csl_json(lib, provenance=provenance), ensure_ascii=False, indent=2) + "\n"


def write_csl_json(lib: Library, path: str | Path) -> None:
    """Write a CSL-JSON file atomically."""
    write_text_atomic(path, dump_csl_json(lib))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def from_csl_json(
    text: str, where: str = "<csl-json>", problems: Problems | None = None
) -> Library:
    """Parse CSL-JSON text: an array of items (or one item). Bad items go to ``problems``."""
    problems = problems if problems is not None else Problems()
    decoder = json.JSONDecoder()
    text = text.lstrip("\ufeff")
    pos = len(text) - len(text.lstrip())
    items: list[tuple[int, Any]] = []
    try:
        if text[pos : pos + 1] == "[":
            pos += 1
            while True:
                while pos < len(text) and text[pos] in " \t\r\n,":
                    pos += 1
                if pos >= len(text):
                    raise json.JSONDecodeError("unterminated array", text, pos)
                if text[pos] == "]":
                    break
                value, end = decoder.raw_decode(text, pos)
                items.append((_line_of(text, pos), value))
                pos = end
        else:
            value, _ = decoder.raw_decode(text, pos)
            items.append((_line_of(text, pos), value))
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"malformed JSON: {exc.msg}", f"{where}:{exc.lineno}:{exc.colno}"
        ) from None
    lib = Library()
    for line, item in items:
        at = f"{where}:{line}"
        if not isinstance(item, dict):
            problems.add(at, "E401", f"CSL-JSON item is not an object: {item!r:.60}", "error")
            continue
        try:
            ref = Reference.from_csl(item)
        except (ValueError, DateError, TypeError, KeyError, AttributeError) as exc:
            problems.add(at, "E402", f"malformed CSL-JSON item {item.get('id')!r}: {exc}", "error")
            continue
        try:
            lib.add(ref)
        except KeyError:
            problems.add(at, "E403", f"duplicate id {ref.id!r} (ids are case-insensitive)", "error")
    return lib


def load_csl_json(path: str | Path, problems: Problems | None = None) -> Library:
    """Read a CSL-JSON file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read: {exc}", str(path)) from None
    return from_csl_json(text, str(path), problems)
