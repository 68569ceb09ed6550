"""citekit: source attributions in Chinese bulletins -> reference records -> GB/T 7714."""

from __future__ import annotations

from .errors import (
    CitationError,
    CitekitError,
    DocumentError,
    FormatError,
    InputError,
    InternalError,
    StoreError,
    StyleError,
)
from .model import DateError, Library, Name, PartialDate, Provenance, Reference

__version__ = "0.1.0"

__all__ = [
    "CitationError",
    "CitekitError",
    "DateError",
    "DocumentError",
    "FormatError",
    "InputError",
    "InternalError",
    "Library",
    "Name",
    "PartialDate",
    "Provenance",
    "Reference",
    "StoreError",
    "StyleError",
    "__version__",
]
