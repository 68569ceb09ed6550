"""The committed reference library ``refs/`` is what the extractor makes of ``seeds/`` today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from citekit.extract import extract_file
from citekit.store import load_refs, merge_extraction

ROOT = Path(__file__).resolve().parent.parent


def test_committed_refs_are_in_step_with_the_extractor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    monkeypatch.chdir(tmp_path)
    before = len(load_refs("refs"))
    assert before > 0
    for seed in sorted(Path("seeds").glob("*.txt")):
        ex = extract_file(seed)
        report = merge_extraction(str(seed), ex.document, ex.references, "refs")
        hint = "refs/ is stale: run `citekit extract seeds/*.txt` and commit refs/"
        assert report.added == [], f"{seed}: {hint}"
        assert report.updated == [], f"{seed}: {hint}: {report.updated}"
        assert report.vanished == [], f"{seed}: {hint}"
    assert len(load_refs("refs")) == before
