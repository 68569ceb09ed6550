"""citekit: source attributions in Chinese bulletins -> reference records -> GB/T 7714.

``import citekit`` gives the verbs (:mod:`citekit.api`), the record types and the exceptions::

    ex = citekit.extract_text(bulletin)            # keyed records + problems
    bib = citekit.render(ex.references)            # entries + problems, one render
    citekit.export(ex.references, "bibtex", "refs.bib")
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .aliases import Aliases, load_aliases
from .api import (
    Bibliography,
    build,
    check_links,
    check_records,
    cite_docx,
    export,
    extract_file,
    extract_into_refs,
    extract_text,
    find_duplicates,
    import_into_refs,
    load,
    merge,
    render,
)
from .errors import (
    CitationError,
    CitekitError,
    DocumentError,
    DuplicateKeyError,
    FormatError,
    InputError,
    InternalError,
    RecordError,
    StoreError,
    StyleError,
)
from .model import DateError, Library, Location, Name, PartialDate, Provenance, Reference
from .problems import Problem, Problems

__version__ = "0.1.0"

# Three verbs share their names with the parts they wrap (citekit/render/, build.py, merge.py).
# Importing such a part sets it as an attribute of this package, which would hide the verb:
# the package keeps its verbs instead (``from citekit.render import ...`` still works).
_VERBS_OVER_PARTS = frozenset(["build", "merge", "render"])


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _VERBS_OVER_PARTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Aliases",
    "Bibliography",
    "CitationError",
    "CitekitError",
    "DateError",
    "DocumentError",
    "DuplicateKeyError",
    "FormatError",
    "InputError",
    "InternalError",
    "Library",
    "Location",
    "Name",
    "PartialDate",
    "Problem",
    "Problems",
    "Provenance",
    "RecordError",
    "Reference",
    "StoreError",
    "StyleError",
    "__version__",
    "build",
    "check_links",
    "check_records",
    "cite_docx",
    "export",
    "extract_file",
    "extract_into_refs",
    "extract_text",
    "find_duplicates",
    "import_into_refs",
    "load",
    "load_aliases",
    "merge",
    "render",
]
