"""Exceptions raised by citekit.

::

    CitekitError                 every error citekit raises on purpose (exit code 1)
    ├── InputError               bad input; carries ``where`` (file, file:line or paragraph)
    │   ├── DocumentError        a source document that cannot be read (binary, bad encoding)
    │   ├── StoreError           malformed refs/*.yaml
    │   ├── FormatError          malformed CSL-JSON / BibTeX input
    │   ├── StyleError           unknown style name or broken CSL file
    │   └── CitationError        unknown citation key, malformed marker, broken .docx
    └── InternalError            a broken invariant: a bug, report it

Anything that is not a CitekitError is a bug and propagates with its traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .location import Location

__all__ = [
    "CitationError",
    "CitekitError",
    "DocumentError",
    "DuplicateKeyError",
    "FormatError",
    "InputError",
    "InternalError",
    "RecordError",
    "StoreError",
    "StyleError",
]


class CitekitError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(CitekitError):
    """Bad input, located by ``where`` (``path``, ``path:line`` or ``path: paragraph N``)."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    @property
    def location(self) -> Location | None:
        """:attr:`where` as a typed :class:`~citekit.model.Location` (None when unknown)."""
        from .location import Location

        return Location.parse(self.where) if self.where else None


class DocumentError(InputError):
    """A source document that cannot be read."""


class StoreError(InputError):
    """A malformed file in refs/."""


class FormatError(InputError):
    """Malformed CSL-JSON or BibTeX input."""


class StyleError(InputError):
    """An unknown style name or an unusable CSL file."""


class CitationError(InputError):
    """An unknown citation key, a malformed marker or an unreadable .docx."""


class RecordError(InputError, ValueError):
    """A record or value that cannot be what it claims (a CSL item without id, a bad span).

    Also a ``ValueError``, so code written before it existed still catches it.
    """


class DuplicateKeyError(InputError, KeyError):
    """Two records with one citation key (keys compare case-insensitively); also a KeyError."""


class InternalError(CitekitError):
    """A broken invariant inside citekit."""
