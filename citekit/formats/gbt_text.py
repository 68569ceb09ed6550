"""A formatted GB/T 7714 reference list (``gbt-text``) -> :class:`~citekit.model.Library`.

The grammar of one entry and the splitting of a list into entries live in
:mod:`citekit.gbt_entry` (shared with extraction); this module turns the entries into records.
An entry that does not parse is kept as a record of type ``document`` with its raw text in
``note`` and a warning naming its line (E421); nothing is dropped.
"""

from __future__ import annotations

from ..gbt_entry import LABEL_RE, MAX_ENTRY, parse_entry, parse_names, split_entries
from ..model import Library, Provenance, Reference
from ..problems import Problems

__all__ = ["MAX_ENTRY", "parse_entry", "parse_names", "read_gbt_text", "split_entries"]

#: the list label (``[1]``, ``1.``); scripts/eval_gbt_text.py reads labels with this name
_LABEL_RE = LABEL_RE


def read_gbt_text(
    text: str, where: str = "<gbt-text>", problems: Problems | None = None
) -> list[Reference]:
    """Every entry of a GB/T 7714 list as a record (ids empty; the caller assigns keys).

    An entry that does not parse becomes a ``document`` record holding its raw text in
    ``note``, flagged with a warning, and is reported as E421 at its line.
    """
    problems = problems if problems is not None else Problems()
    refs: list[Reference] = []
    for start, end, entry in split_entries(text):
        prov = Provenance(where, start, end, entry)
        csl, why = parse_entry(entry)
        if csl is None:
            problems.add(f"{where}:{start}", "E421", f"entry not parsed ({why}); kept as raw text")
            refs.append(
                Reference(
                    id="",
                    type="document",
                    note=entry,
                    provenance=(prov,),
                    warnings=(f"not parsed as GB/T 7714: {why}",),
                )
            )
            continue
        ref = Reference.from_csl({**csl, "id": "_"})
        refs.append(ref.replace(id="", provenance=(prov,)))
    return refs


def load_gbt_text(text: str, where: str, problems: Problems | None = None) -> Library:
    """A GB/T 7714 list as a Library with keys assigned."""
    from ..keys import assign_keys

    return Library(assign_keys(read_gbt_text(text, where, problems)))
