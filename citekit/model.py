"""The one record type: :class:`Reference`, with its value types, and :class:`Library`.

Consumes and produces plain values; no I/O. A Reference is CSL-JSON shaped (field names are the
CSL variables in snake_case) plus provenance: where in which source document it was found, and the
raw attribution text. ``to_csl``/``from_csl`` convert to and from CSL-JSON dicts losslessly; the
provenance and extraction warnings travel in the CSL-JSON ``custom`` object.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any

from .errors import DuplicateKeyError, RecordError
from .location import Location
from .numerals import cn_to_int

__all__ = [
    "CSL_TYPES",
    "TEXT_VARIABLES",
    "DateError",
    "Library",
    "Location",
    "Name",
    "PartialDate",
    "Provenance",
    "Reference",
    "is_cjk",
]

#: CSL 1.0.2 item types (the ones citekit produces are newspaper, webpage, periodical, speech,
#: legislation; every other one is accepted on import).
CSL_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def is_cjk(text: str) -> bool:
    """True when ``text`` contains at least one CJK ideograph."""
    return bool(_CJK_RE.search(text))


# --------------------------------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class Name:
    """A person or body. Chinese names and corporate bodies are kept whole in ``literal``."""

    family: str | None = None
    given: str | None = None
    #: the name as one unit: Chinese personal names (马跃明), corporate bodies (本刊评论员)
    literal: str | None = None
    #: ``Jr.``, ``III``
    suffix: str | None = None
    #: ``van`` in "Ludwig van Beethoven" (dropped when sorting), ``de`` in "de Gaulle" (kept)
    dropping_particle: str | None = None
    non_dropping_particle: str | None = None

    @classmethod
    def parse(cls, text: str) -> Name:
        """Parse one name as written: ``沈 仁`` -> 沈仁, ``Smith, John`` -> family/given."""
        text = unicodedata.normalize("NFKC", text).strip()
        if is_cjk(text):
            # Two-character names are padded with a space in typeset Chinese: 沈 仁 is 沈仁.
            return cls(literal=re.sub(r"\s+", "", text))
        if "," in text:
            family, _, given = text.partition(",")
            return cls(family=family.strip(), given=given.strip() or None)
        parts = text.split()
        if len(parts) >= 2:
            return cls(family=parts[-1], given=" ".join(parts[:-1]))
        return cls(literal=text) if text else cls()

    @property
    def display(self) -> str:
        """The name as a person would write it (family first for CSL-style display)."""
        if self.literal:
            return self.literal
        if self.family and self.given:
            if is_cjk(self.family):
                return self.family + self.given
            return f"{self.family}, {self.given}"
        return self.family or self.given or ""

    def to_csl(self) -> dict[str, str]:
        """CSL-JSON name object."""
        if self.literal is not None:
            return {"literal": self.literal}
        out: dict[str, str] = {}
        for key, value in (
            ("family", self.family),
            ("given", self.given),
            ("dropping-particle", self.dropping_particle),
            ("non-dropping-particle", self.non_dropping_particle),
            ("suffix", self.suffix),
        ):
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_csl(cls, data: Mapping[str, Any] | str) -> Name:
        """Read a CSL-JSON name object (or a bare string)."""
        if isinstance(data, str):
            return cls.parse(data)

        def opt(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            family=opt("family"),
            given=opt("given"),
            literal=opt("literal"),
            suffix=opt("suffix"),
            dropping_particle=opt("dropping-particle"),
            non_dropping_particle=opt("non-dropping-particle"),
        )


# --------------------------------------------------------------------------------------- dates


class DateError(RecordError):
    """A date that cannot be read, or that does not exist (2018-2-30); also a ValueError."""


def _int(text: str) -> int:
    try:
        return cn_to_int(text)
    except ValueError:
        raise DateError(f"not a number: {text!r}") from None


_DATE_RE = re.compile(
    r"^\s*(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})\s*(?:[-./年]\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:[-./月]\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?)?月?)?\s*年?\s*$"
)


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A year, year-month or full date. ``literal`` holds text that is not a real date."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    #: the text as found when it is not a valid date: kept, flagged, never guessed
    literal: str | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``2018-9-3``, ``2018年9月3日``, ``2018.09.03``, ``二〇一八年``, full-width digits.

        Raises :class:`DateError` for text that is not a date or names a day that does not exist.
        """
        norm = unicodedata.normalize("NFKC", text)
        m = _DATE_RE.match(norm)
        if not m:
            raise DateError(f"not a date: {text!r}")
        year = _int(m["y"])
        month = None if m["m"] is None else _int(m["m"])
        day = None if m["d"] is None else _int(m["d"])
        return cls.of(year, month, day, text=text)

    @classmethod
    def of(
        cls, year: int, month: int | None = None, day: int | None = None, *, text: str = ""
    ) -> PartialDate:
        """Build a checked date; raise :class:`DateError` when it cannot exist."""
        shown = text or "-".join(str(p) for p in (year, month, day) if p is not None)
        if not 1 <= year <= 9999:
            raise DateError(f"year out of range: {shown!r}")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"no such month: {shown!r}")
        if day is not None:
            if month is None:
                raise DateError(f"day without month: {shown!r}")
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise DateError(f"no such day: {shown!r}")
        return cls(year, month, day)

    @classmethod
    def raw(cls, text: str) -> PartialDate:
        """A date kept as written because it could not be read."""
        return cls(literal=text)

    @property
    def is_valid(self) -> bool:
        """False for a date kept only as its literal text."""
        return self.year is not None

    def iso(self) -> str:
        """``2018-09-03``, ``2018-09`` or ``2018``; the literal text for an invalid date."""
        if self.year is None:
            return self.literal or ""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def to_csl(self) -> dict[str, Any]:
        """CSL-JSON date: ``{"date-parts": [[y, m, d]]}`` or ``{"raw": text}``."""
        if self.year is None:
            return {"raw": self.literal or ""}
        return {"date-parts": [[p for p in (self.year, self.month, self.day) if p is not None]]}

    @classmethod
    def from_csl(cls, data: Mapping[str, Any] | str | int) -> PartialDate:
        """Read a CSL-JSON date object, an ISO string or a bare year; invalid ones stay raw."""
        if isinstance(data, int):
            return cls.of(data)
        if isinstance(data, str):
            try:
                return cls.parse(data)
            except DateError:
                return cls.raw(data)
        parts = data.get("date-parts")
        if parts and parts[0] and parts[0][0] not in (None, ""):
            try:
                return cls.of(*(int(p) for p in parts[0][:3]))
            except (DateError, ValueError, TypeError, OverflowError):  # 1e400 is inf
                return cls.raw("-".join(str(p) for p in parts[0]))
        for key in ("raw", "literal"):
            if data.get(key):
                return cls.from_csl(str(data[key]))
        raise DateError(f"empty date: {dict(data)!r}")

    def __str__(self) -> str:
        return self.iso()


# --------------------------------------------------------------------------------- provenance


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record was found: file, 1-based inclusive line span, the text exactly as found."""

    file: str
    start_line: int
    end_line: int
    raw: str = ""

    def __post_init__(self) -> None:
        if self.start_line < 1 or self.end_line < self.start_line:
            raise RecordError(f"bad line span {self.start_line}-{self.end_line} in {self.file}")

    @property
    def span(self) -> Location:
        """The typed place: file and line span."""
        return Location(self.file, self.start_line, self.end_line)

    @property
    def location(self) -> str:
        """``seeds/a.txt:12`` or ``seeds/a.txt:12-14``."""
        if self.end_line == self.start_line:
            return f"{self.file}:{self.start_line}"
        return f"{self.file}:{self.start_line}-{self.end_line}"

    def to_csl(self) -> dict[str, Any]:
        """Plain dict (for CSL-JSON ``custom`` and YAML)."""
        return {"file": self.file, "lines": [self.start_line, self.end_line], "raw": self.raw}

    @classmethod
    def from_csl(cls, data: Mapping[str, Any]) -> Provenance:
        """Inverse of :meth:`to_csl`; ``lines`` may be one number or ``[start, end]``."""
        lines = data.get("lines", data.get("line", 1))
        if isinstance(lines, int):
            start = end = lines
        else:
            start, end = int(lines[0]), int(lines[-1])
        return cls(str(data.get("file", "")), start, end, str(data.get("raw", "")))


# ---------------------------------------------------------------------------------- reference

# Reference attribute -> CSL-JSON variable, for the declared fields (everything else is ``extra``).
_STR_FIELDS: dict[str, str] = {
    "title": "title",
    "container_title": "container-title",
    "collection_title": "collection-title",
    "issue": "issue",
    "volume": "volume",
    "page": "page",
    "edition": "edition",
    "number": "number",
    "genre": "genre",
    "event_title": "event-title",
    "event_place": "event-place",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "authority": "authority",
    "section": "section",
    "url": "URL",
    "doi": "DOI",
    "language": "language",
    "note": "note",
}
#: CSL variables that hold text in a Reference (not names, dates or ``extra``)
TEXT_VARIABLES = tuple(_STR_FIELDS.values())
_NAME_FIELDS: dict[str, str] = {"author": "author", "editor": "editor"}
_DATE_FIELDS: dict[str, str] = {"issued": "issued", "accessed": "accessed"}
_CSL_TO_ATTR = {v: k for d in (_STR_FIELDS, _NAME_FIELDS, _DATE_FIELDS) for k, v in d.items()}


@dataclass(frozen=True, slots=True)
class Reference:
    """One cited source. Field names are CSL-JSON variables in snake_case."""

    #: citation key, lowercase and unique in a library regardless of case (CSL ``id``)
    id: str
    #: CSL item type: ``article-newspaper``, ``webpage``, ``article-journal``, ``speech`` ...
    type: str = "document"
    title: str | None = None
    author: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    #: newspaper, magazine, website or news agency name, without 《》
    container_title: str | None = None
    collection_title: str | None = None
    issued: PartialDate | None = None
    #: GB/T 7714 [引用日期]
    accessed: PartialDate | None = None
    issue: str | None = None
    volume: str | None = None
    #: page or page range (``14-19``); for newspapers GB/T 7714 puts the 版次 here
    page: str | None = None
    edition: str | None = None
    #: document number (文号) of legislation and reports: ``发改地区〔2017〕922号``
    number: str | None = None
    genre: str | None = None
    event_title: str | None = None
    event_place: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    #: issuing body of legislation
    authority: str | None = None
    section: str | None = None
    url: str | None = None
    doi: str | None = None
    #: ``zh-CN``, ``en-US`` ...: decides 等 vs et al. in GB/T 7714
    language: str | None = None
    note: str | None = None
    #: other CSL-JSON variables, kept as read
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: where it was found; merged duplicates keep every provenance
    provenance: tuple[Provenance, ...] = ()
    #: extraction warnings (impossible date, title not found ...)
    warnings: tuple[str, ...] = ()
    #: where this record itself is stored (``refs/a.yaml:30``, ``lib.bib:5``); not compared
    origin: str | None = field(default=None, compare=False)

    def replace(self, **changes: Any) -> Reference:
        """A copy with ``changes`` applied (records are immutable)."""
        if type(self) is not Reference:
            return replace(self, **changes)
        # what dataclasses.replace does, without reading the field specs on every call (a
        # third of the time: extraction copies every record a few times)
        values = dict(zip(_REFERENCE_FIELDS, _reference_values(self), strict=True))
        values.update(changes)
        return Reference(**values)

    @property
    def key(self) -> str:
        """Alias of :attr:`id`: the citation key."""
        return self.id

    @property
    def location(self) -> Location:
        """Where to point at this record: where it is stored, else where it was found."""
        if self.origin:
            return Location.parse(self.origin, key=self.id or None)
        if self.provenance:
            return self.provenance[0].span.with_key(self.id or None)
        return Location(key=self.id or None)

    def to_csl(self, *, provenance: bool = True) -> dict[str, Any]:
        """CSL-JSON item; provenance and warnings go into ``custom.citekit``."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for attr, var in _STR_FIELDS.items():
            value = getattr(self, attr)
            if value is not None:
                out[var] = value
        for attr, var in _NAME_FIELDS.items():
            names = getattr(self, attr)
            if names:
                out[var] = [n.to_csl() for n in names]
        for attr, var in _DATE_FIELDS.items():
            date = getattr(self, attr)
            if date is not None:
                out[var] = date.to_csl()
        for var, value in self.extra.items():
            out.setdefault(var, value)
        if provenance and (self.provenance or self.warnings):
            custom = dict(out.get("custom") or {})
            ck: dict[str, Any] = {}
            if self.provenance:
                ck["provenance"] = [p.to_csl() for p in self.provenance]
            if self.warnings:
                ck["warnings"] = list(self.warnings)
            custom["citekit"] = ck
            out["custom"] = custom
        return out

    @classmethod
    def from_csl(cls, item: Mapping[str, Any]) -> Reference:
        """Read a CSL-JSON item; raises :class:`RecordError` (a ValueError) on a malformed one."""
        if "id" not in item or item["id"] in (None, ""):
            raise RecordError("CSL-JSON item has no id")
        try:
            return cls._from_csl(item)
        except RecordError:
            raise
        except (TypeError, AttributeError, ValueError, KeyError, IndexError) as exc:
            # a value of the wrong shape (a number for a name list, a list for a date)
            raise RecordError(str(exc)) from exc

    @classmethod
    def _from_csl(cls, item: Mapping[str, Any]) -> Reference:
        kwargs: dict[str, Any] = {"id": str(item["id"]), "type": str(item.get("type", "document"))}
        extra: dict[str, Any] = {}
        for var, value in item.items():
            if var in ("id", "type"):
                continue
            attr = _CSL_TO_ATTR.get(var)
            if attr in _STR_FIELDS:
                kwargs[attr] = str(value)
            elif attr in _NAME_FIELDS:
                if not isinstance(value, list):
                    raise RecordError(f"{var!r} must be a list of names")
                kwargs[attr] = tuple(Name.from_csl(n) for n in value)
            elif attr in _DATE_FIELDS:
                kwargs[attr] = PartialDate.from_csl(value)
            elif var == "custom" and isinstance(value, Mapping) and "citekit" in value:
                ck = value["citekit"]
                kwargs["provenance"] = tuple(
                    Provenance.from_csl(p) for p in ck.get("provenance", ())
                )
                kwargs["warnings"] = tuple(str(w) for w in ck.get("warnings", ()))
                rest = {k: v for k, v in value.items() if k != "citekit"}
                if rest:
                    extra["custom"] = rest
            else:
                extra[var] = value
        kwargs["extra"] = extra
        return cls(**kwargs)


#: every field of a record (all set by ``__init__``) and a getter of their values, in order
_REFERENCE_FIELDS = tuple(f.name for f in fields(Reference))
_reference_values = attrgetter(*_REFERENCE_FIELDS)


# ------------------------------------------------------------------------------------ library


class Library(Sequence[Reference]):
    """An ordered collection of references with unique keys (compared case-insensitively)."""

    def __init__(self, refs: Iterable[Reference] = ()) -> None:
        self._refs: list[Reference] = []
        self._index: dict[str, int] = {}
        for ref in refs:
            self.add(ref)

    def add(self, ref: Reference) -> None:
        """Append ``ref``; raise :class:`DuplicateKeyError` (a KeyError) if its key is taken."""
        folded = ref.id.casefold()
        if folded in self._index:
            raise DuplicateKeyError(f"duplicate citation key {ref.id!r}")
        self._index[folded] = len(self._refs)
        self._refs.append(ref)

    def get(self, key: str) -> Reference | None:
        """The record with ``key`` (case-insensitive), or None."""
        i = self._index.get(key.casefold())
        return None if i is None else self._refs[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.casefold() in self._index

    def __getitem__(self, i: Any) -> Any:
        return self._refs[i]

    def __len__(self) -> int:
        return len(self._refs)

    def __iter__(self) -> Iterator[Reference]:
        return iter(self._refs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Library) and self._refs == other._refs

    def __repr__(self) -> str:
        return f"Library({len(self._refs)} references)"

    def keys(self) -> list[str]:
        """Citation keys in order."""
        return [r.id for r in self._refs]

    def to_csl(self, *, provenance: bool = True) -> list[dict[str, Any]]:
        """CSL-JSON array."""
        return [r.to_csl(provenance=provenance) for r in self._refs]
