"""INPUT, everywhere in citekit: ``refs/`` (or one YAML file in it), a CSL-JSON file or a BibTeX
file, recognized by its extension -> :class:`~citekit.model.Library`."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import Library
from .problems import Problems

__all__ = ["INPUT_KINDS", "input_kind", "load_input"]

INPUT_KINDS = ("refs", "csl-json", "bibtex")


def input_kind(path: str | Path) -> str:
    """``refs``, ``csl-json`` or ``bibtex``; raise InputError for anything else."""
    p = Path(path)
    suffix = p.suffix.lower()
    if p.is_dir() or suffix in (".yaml", ".yml"):
        return "refs"
    if suffix in (".json", ".csljson"):
        return "csl-json"
    if suffix in (".bib", ".bibtex", ".biblatex"):
        return "bibtex"
    raise InputError(
        "not a reference input: expected refs/ (or a .yaml file), a CSL-JSON .json file "
        "or a BibTeX .bib file",
        str(path),
    )


def load_input(path: str | Path, problems: Problems | None = None) -> Library:
    """Load records from ``path``; malformed items go to ``problems``, the rest still load."""
    problems = problems if problems is not None else Problems()
    if not Path(path).exists():
        raise InputError("no such file or directory", str(path))
    kind = input_kind(path)
    if kind == "refs":
        from .redirects import attach_redirects
        from .store import load_refs

        # Keys merged away by `citekit merge` still find their survivor (with a note).
        return attach_redirects(load_refs(path, problems), path, problems)
    if kind == "csl-json":
        from .formats.csljson import load_csl_json

        return load_csl_json(path, problems)
    from .formats.bibtex import load_bibtex

    return load_bibtex(path, problems)
