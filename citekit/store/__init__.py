"""The reference library on disk: ``refs/*.yaml`` <-> :class:`~citekit.model.Library`.

One human-readable YAML file per source document (``refs/<document stem>.yaml``; see
:mod:`.naming` when two documents share a stem)::

    # citekit references ... (header comment)
    source: seeds/000_eabb3536ebd0d52d.txt
    document:            # the bulletin or magazine issue itself (optional)
      id: ...
      type: report
    references:
    - id: lishuiribao2018
      type: article-newspaper
      title: 以“丽水之干”担纲“丽水之赞”
      container-title: 丽水日报
      issued: '2018-09-03'
      author: [马跃明, 袁卫]            # Chinese names as plain strings, kept whole
      provenance:
      - {file: seeds/000_....txt, lines: [98, 112], raw: （来源：《丽水日报》2018-9-3）}

Keys are CSL-JSON variable names. The library is an invariant that is checked, not assumed:

- reading (:mod:`.files`, :mod:`._yaml`) refuses duplicate YAML keys, alias bombs, unknown
  top-level keys and values of the wrong type, with file:line; two records sharing a key are an
  error (E203), never silently one;
- writing is a round-trip edit (:mod:`._roundtrip`: comments, order and unknown fields kept),
  atomic, under a lock on ``refs/`` (:mod:`.lock`), and refused when the file changed on disk
  since it was read;
- re-extraction (:mod:`.merging`) identifies records by their provenance anchor, keeps every
  hand edit (three-way merge against ``refs/.extracted/``) and never reissues a key
  (:mod:`.registry`, ``refs/_keys.yaml``).

The package and :mod:`citekit.store.records` are the public surface; ``_yaml`` (PyYAML) and
``_roundtrip`` (ruamel.yaml) are the only YAML importers.
"""

from __future__ import annotations

from .files import (
    HEADER,
    TOP_KEYS,
    ChangedOnDiskError,
    RefsFile,
    dump_mapping_file,
    dump_refs_file,
    load_mapping_file,
    load_refs,
    load_refs_file,
    load_sidecar,
    refs_files,
    write_refs_file,
)
from .lock import locked_refs, refs_lock
from .merging import STATE_DIR, MergeReport, match_records, merge_extraction, own_provenance
from .naming import refs_path_for, same_source
from .records import ref_from_yaml, ref_to_yaml
from .registry import KEYS_FILE, KeyRegistry

__all__ = [
    "HEADER",
    "KEYS_FILE",
    "STATE_DIR",
    "TOP_KEYS",
    "ChangedOnDiskError",
    "KeyRegistry",
    "MergeReport",
    "RefsFile",
    "dump_mapping_file",
    "dump_refs_file",
    "load_mapping_file",
    "load_refs",
    "load_refs_file",
    "load_sidecar",
    "locked_refs",
    "match_records",
    "merge_extraction",
    "own_provenance",
    "ref_from_yaml",
    "ref_to_yaml",
    "refs_files",
    "refs_lock",
    "refs_path_for",
    "same_source",
    "write_refs_file",
]
