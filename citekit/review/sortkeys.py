"""What an author-date list files each record under, per refs file, kept between runs.

Consumes refs files (their text); produces, per file, one :data:`Row` per record as the store
reads them (in order): the record's key and what ``render.sort_fields`` makes of it (language
group, authors as they sort, year) with its title — all that the year suffixes (2018a, 2018b)
of a whole library depend on. The workbench's first answer in an author-date style needs those
suffixes for its first records, so it needs the rows of every file, not the files themselves.

* Kept by the file's path and text (:class:`SortIndex`, one :class:`~.cache.Bundle` per
  library, under the user's cache like the parsed files): any change to a file, by citekit or
  by hand, gives it a new key, so no row is ever stale. Titles' pinyin, computed only for
  records that share authors and year, is kept with them.
* A file not seen before is read quickly (:func:`quick_rows`): its text without the fields
  that cannot change the rows (provenance, warnings, URL, ... — dropped line by line in the
  layout citekit writes, :func:`sort_text_of`) goes through the store's own parser, so values
  are read exactly as the store reads them. A file in another layout, or whose short text the
  store refuses, is read whole (:meth:`~.workbench.Workbench.parsed`), as are its errors.
* When the page later reads a file whole, it compares that file's rows with the ones its
  first answer used (:func:`rows_of`): a difference (a field dropped that made the store
  refuse a record, a file changed meanwhile) makes the page reload, with the right rows kept.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..model import Reference
from ..store._yaml import _ANY_FIRST, _IMPLICIT
from .cache import Bundle, ReviewCache, digest

__all__ = ["KEPT_FIELDS", "Row", "SortIndex", "quick_rows", "rows_of", "sort_text_of"]

_STR = "tag:yaml.org,2002:str"

#: (key, language group, authors as they sort, year, title)
Row = tuple[str, int, str, str, str]

#: the fields of a record that its row depends on (``Reference.to_csl``'s language, names,
#: dates and text): every other field of a record is dropped by :func:`sort_text_of`
KEPT_FIELDS = frozenset(
    [
        "id",
        "type",
        "language",
        "title",
        "container-title",
        "publisher",
        "author",
        "editor",
        "authority",
        "issued",
        "accessed",
        "warnings",  # (a record whose warnings are not a list of text is left out)
    ]
)
_NAME = r"[A-Za-z][A-Za-z0-9_-]*:(?: |$)"
_START = re.compile(r"^references:[ ]*$", re.M)
# before the records: top-level keys (and their nested lines), comments, blank lines
_BAD_HEAD = re.compile(rf"^(?![ #]|$|{_NAME})", re.M)
# in the records: a record's first line at column 0, its fields at column 2, their lines
# (nested, or a list without indent) deeper or as "  - "; comments; no tab in an indent
_BAD_BODY = re.compile(rf"^(?:(?! *$| *#|- {_NAME}|- \{{|  {_NAME}|  - |   )|[ ]*\t)", re.M)
# a field not in KEPT_FIELDS with its lines (nested, listed, blank, comments)
_DROPPED = re.compile(
    r"^  (?!(?:" + "|".join(sorted(KEPT_FIELDS)) + rf"):)({_NAME}.*)\n?"
    r"((?:(?:   |  - | {0,2}#| *$).*(?:\n|\Z))*)",
    re.M,
)
_ONE_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_-]*): (.+)")
_SOURCE = re.compile(
    r"  - \{file: ([^,{}\[\]\n]+), lines: \[(\d{1,9}), (\d{1,9})\], raw: ([^\n]*)\}"
)
_QUOTED = re.compile(r"'(?:[^'\n]|'')*'|\"[^\"\\\n]*\"")
_INDICATORS = frozenset("&*!|>%@`[{-?:,#")
_FLOW_PLAIN = re.compile(r"[^,\[\]{}'\"\n]+")


def _plain_tag(value: str) -> str:
    """The type the store's loader gives a plain (unquoted) scalar (its resolver's rules)."""
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()) + _ANY_FIRST:
        if regexp.match(value):
            return str(tag)
    return _STR


def _text(value: str, *, flow: bool = False) -> bool:
    """Whether a one-line YAML ``value`` surely reads as text (or a short number) wherever
    the store reads it: quoted, or plain and resolved as a string by the store's loader."""
    first = value[:1]
    if first in ("'", '"'):
        return _QUOTED.fullmatch(value) is not None
    if not first or first in _INDICATORS or ": " in value or " #" in value:
        return False
    if flow and _FLOW_PLAIN.fullmatch(value) is None:
        return False
    if first not in _IMPLICIT:  # no other type starts so: text
        return True
    if value.isdigit() and len(value) <= 9:
        return True
    return _plain_tag(value) == _STR


def _drop(found: re.Match[str]) -> str:
    """A field's lines, or nothing when the store surely accepts them whatever they are:
    one line of text, or provenance as citekit writes it (else the store may leave its record
    out, and the quick reading must too)."""
    head, rest = found[1], found[2]
    field = _ONE_FIELD.fullmatch(head.rstrip())
    if field is not None and not rest.strip() and _text(field[2].strip()):
        return rest  # (blank lines)
    if head.rstrip() == "provenance:" and rest.strip():
        for line in rest.splitlines():
            if not line.strip():
                continue
            item = _SOURCE.fullmatch(line.rstrip())
            if item is None or not 1 <= int(item[2]) <= int(item[3]):
                return found[0]
            if not (_text(item[1].strip(), flow=True) and _text(item[4].strip(), flow=True)):
                return found[0]
        return ""
    return found[0]


def sort_text_of(text: str) -> str | None:
    """The records of a refs file's ``text`` with only :data:`KEPT_FIELDS`, or None when the
    text is not laid out as citekit writes it (top-level keys at column 0, ``references:``
    alone on its line, each record a ``- `` item at column 0 and its fields at column 2)."""
    start = _START.search(text)
    if start is None or _BAD_HEAD.search(text, 0, start.start()):
        return None
    body = text[start.end() :]
    if _BAD_BODY.search(body):
        return None
    return "references:" + _DROPPED.sub(_drop, body)


_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?: (.*))?")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_INT = re.compile(r"[1-9][0-9]{0,8}|0")
_NO_VALUE = object()


def _scalar(raw: str) -> Any:
    """A one-line YAML scalar as the store's loader reads it, or :data:`_NO_VALUE` when it is
    not one of the plain forms citekit writes (text, quoted text, a small number, nothing)."""
    if raw.startswith("'"):
        m = _SINGLE.fullmatch(raw)
        return m[1].replace("''", "'") if m else _NO_VALUE
    if raw.startswith('"'):
        m = _DOUBLE.fullmatch(raw)
        return m[1] if m else _NO_VALUE
    if not raw or raw[0] in _INDICATORS or ": " in raw or " #" in raw or raw != raw.rstrip():
        return _NO_VALUE
    if raw[0] not in _IMPLICIT:
        return raw
    tag = _plain_tag(raw)
    if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
        return raw
    if tag == "tag:yaml.org,2002:int" and _INT.fullmatch(raw):
        return int(raw)
    if tag == "tag:yaml.org,2002:null":
        return None
    return _NO_VALUE


def _records(short: str) -> list[dict[str, Any]] | None:
    """The records of a short text (:func:`sort_text_of`) as the store's loader reads them
    (without their lines), when they are written as citekit writes them: fields of one line,
    lists of names one a line (text or ``family``/``given`` mappings); else None."""
    lines = short.split("\n")
    if lines[0] != "references:":
        return None
    out: list[dict[str, Any]] = []
    record: dict[str, Any] | None = None
    listed: list[Any] | None = None  # the list the field being read holds
    item: dict[str, Any] | None = None  # the mapping the list's last item is
    for line in lines[1:]:
        if not line.strip():
            continue
        if line.startswith("- ") or (line.startswith("  ") and line[2] not in " -"):
            if line.startswith("- "):
                record = {}
                out.append(record)
            m = _KEY_VALUE.fullmatch(line[2:])
            if m is None or record is None or m[1] in record:
                return None
            listed = item = None
            if m[2] is None:  # a list follows, or nothing
                record[m[1]] = listed = []
                continue
            value = _scalar(m[2])
            if value is _NO_VALUE:
                return None
            record[m[1]] = value
        elif line.startswith("  - ") and listed is not None:
            m = _KEY_VALUE.fullmatch(line[4:])
            if m is not None and m[2] is not None:
                item = {}
                listed.append(item)
            else:
                item = None
                value = _scalar(line[4:])
                if value is _NO_VALUE:
                    return None
                listed.append(value)
                continue
            value = _scalar(m[2])
            if value is _NO_VALUE:
                return None
            item[m[1]] = value
        elif line.startswith("    ") and line[4] != " " and item is not None:  # (not blank)
            m = _KEY_VALUE.fullmatch(line[4:])
            if m is None or m[2] is None or m[1] in item:
                return None
            value = _scalar(m[2])
            if value is _NO_VALUE:
                return None
            item[m[1]] = value
        else:
            return None
    for record in out:  # a field with no list after it is empty
        for key, value in record.items():
            if value == []:
                record[key] = None
    return out


def rows_of(refs: Iterable[Reference], keys: dict[str, str] | None = None) -> tuple[Row, ...]:
    """The rows of ``refs`` (``keys`` memoises names' pinyin)."""
    from ..render._order import sort_fields

    out = []
    for ref in refs:
        item = ref.to_csl(provenance=False)
        group, authors, year = sort_fields(item, keys)
        out.append((ref.id, group, authors, year, str(item.get("title") or "")))
    return tuple(out)


def quick_rows(path: Path, text: str, keys: dict[str, str] | None = None) -> tuple[Row, ...] | None:
    """The rows of refs file ``path`` holding ``text`` from its short text, read as the store
    reads a file's records (None when it has no short text or the store's parser refuses it:
    then the file is read whole)."""
    from ..errors import CitekitError
    from ..model import DateError
    from ..store._yaml import load_yaml, strip_lines
    from ..store.records import ref_from_yaml

    short = sort_text_of(text)
    if short is None:
        return None
    entries: Any = _records(short)
    if entries is None:
        try:
            data = load_yaml(short, str(path))
        except CitekitError:
            return None
        entries = data.get("references") or [] if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return None
        entries = [strip_lines(e) if isinstance(e, dict) else e for e in entries]
    refs = []
    for entry in entries:  # as ``store.files`` reads them: a bad record is left out
        if isinstance(entry, dict):
            try:
                refs.append(ref_from_yaml(entry))
            except (ValueError, DateError):
                continue
    return rows_of(refs, keys)


class SortIndex:
    """The rows of a library's refs files, by each file's path and text, kept in ``cache``."""

    def __init__(self, cache: ReviewCache, refs: Path) -> None:
        self._kept = Bundle(cache, "sortkeys", digest(os.getcwd(), str(refs.resolve()), "rows"))
        self._lock = threading.RLock()
        self._rows: dict[str, tuple[Row, ...]] = {}  # by file key, this process's
        self._used: dict[Path, str] = {}  # each file's key as last looked up
        self._fresh = False
        self._titles_kept = 0
        # the suffixes last computed, with the keys of the files they were computed from
        self._suffixes: tuple[tuple[str | None, ...], dict[str, str]] | None = None
        #: titles' pinyin (``render.sort_text``'s memo), kept with the rows
        self.title_keys: dict[str, str] = {}
        #: names' pinyin (not kept: names are few)
        self.name_keys: dict[str, str] = {}

    @staticmethod
    def key(path: Path, text: str) -> str:
        """What a file's rows are kept by (its path and text, as the parsed files are)."""
        return digest(str(path), text)

    def rows(
        self, paths: Sequence[Path], read_whole: Callable[[Path], Iterable[Reference] | None]
    ) -> list[tuple[str | None, tuple[Row, ...]]]:
        """The key and rows of each of ``paths`` as they are now (``read_whole(path)``: the
        file's records read by the store, None when it is gone; it raises on a malformed
        file; such a file has no key and no rows here: the page names it when it reads it)."""
        from ..errors import CitekitError
        from ..store.files import read_yaml_text

        with self._lock:
            if not self.title_keys:
                kept = self._kept.get("\0titles")
                if isinstance(kept, dict):
                    self.title_keys.update(kept)
                self._titles_kept = len(self.title_keys)
            self._used = {}
            out: list[tuple[str | None, tuple[Row, ...]]] = []
            for path in paths:
                try:
                    text = read_yaml_text(path)
                except CitekitError:  # gone or unreadable
                    out.append((None, ()))
                    continue
                key = self.key(path, text)
                found = self._rows.get(key)
                if found is None:
                    found = self._kept.get(key)
                if found is None:
                    found = quick_rows(path, text, self.name_keys)
                    if found is None:
                        try:
                            found = rows_of(read_whole(path) or (), self.name_keys)
                        except CitekitError:  # malformed
                            out.append((None, ()))
                            continue
                    self._fresh = True
                self._rows[key] = found
                self._used[path] = key
                out.append((key, found))
            return out

    def suffixes(
        self, paths: Sequence[Path], read_whole: Callable[[Path], Iterable[Reference] | None]
    ) -> tuple[list[tuple[str | None, tuple[Row, ...]]], dict[str, str]]:
        """:meth:`rows` and the author-date year suffixes of the library they make (by key,
        case-folded; the first file to use a key keeps it, as in ``load_refs``), kept for
        the next caller while the files stay the same."""
        from ..render._order import order_by_fields

        with self._lock:
            found = self.rows(paths, read_whole)
            made = tuple(key for key, _ in found)
            if self._suffixes is not None and self._suffixes[0] == made:
                return found, self._suffixes[1]
            keys: list[str] = []
            fields: list[tuple[int, str, str]] = []
            titles: list[str] = []
            seen: set[str] = set()
            for _, rows in found:
                for key, group, authors, year, title in rows:
                    folded = key.casefold()
                    if folded not in seen:
                        seen.add(folded)
                        keys.append(folded)
                        fields.append((group, authors, year))
                        titles.append(title)
            _, order = order_by_fields(fields, titles, self.title_keys)
            suffixes = {keys[i]: s for i, s in order.items()}
            if None not in made:  # (a file that could not be read may be read next time)
                self._suffixes = (made, suffixes)
            self.keep()
            return found, suffixes

    def correct(self, path: Path, key: str, rows: tuple[Row, ...]) -> None:
        """``path``, read whole with key ``key``, has ``rows``: kept for that key."""
        with self._lock:
            if self._rows.get(key) != rows:
                self._rows[key] = rows
                self._used[path] = key
                self._fresh = True
                self._suffixes = None

    def keep(self) -> None:
        """Keep the rows of the files last looked up, and their titles' pinyin, for the next
        run (nothing when nothing is new)."""
        with self._lock:
            if not self._fresh and len(self.title_keys) == self._titles_kept:
                return
            current: dict[str, Any] = {k: self._rows[k] for k in set(self._used.values())}
            nfkc = unicodedata.normalize
            titles = {nfkc("NFKC", r[4]) for rows in current.values() for r in rows}
            current["\0titles"] = {t: k for t, k in self.title_keys.items() if t in titles}
            self._kept.save(current)
            self._fresh = False
            self._titles_kept = len(self.title_keys)
