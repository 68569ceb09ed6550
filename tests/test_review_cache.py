"""What ``citekit review`` keeps between runs: never a stale value, never a different page.

A page made from the cache must be the page made without it; any change to a refs file, a
source document or its sidecar must show, even one that keeps the file's size and time. "The
page" here is all of it: the first answer, every chunk, the findings (``workbench_page``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from citekit.review import ReviewCache, Workbench
from citekit.review.page import workbench_page
from citekit.store import load_refs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds and their refs/, as the working directory."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def page(cache: Path | None, style: str | None = None) -> str:
    """The page a new ``citekit review`` process would serve (a fresh workbench), in chunks
    small enough that every document comes in more than one."""
    return workbench_page(Workbench("refs", style, ReviewCache(cache)), "token", first=3, chunk=4)


def replace_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Edit ``path`` by hand so that neither its size nor its modification time changes."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


def test_the_page_from_the_cache_is_the_page_made_without_one(
    library_dir: Path, tmp_path: Path
) -> None:
    fresh = page(None)
    assert page(tmp_path / "cache") == fresh  # made, and kept
    kept = tmp_path / "cache" / "review"
    assert list(kept.glob("parsed-*.pickle")) and list(kept.glob("unparsed-*.pickle"))
    assert page(tmp_path / "cache") == fresh  # from the cache


def test_the_page_in_chunks_shows_what_the_page_at_once_shows(library_dir: Path) -> None:
    import re

    def cards(html: str) -> list[str]:
        return re.findall(r'<article class="rec".*?</article>', html, re.S)

    at_once = workbench_page(Workbench("refs"), "token", first=1000)
    in_chunks = workbench_page(Workbench("refs"), "token", first=2, chunk=3)
    assert len(cards(at_once)) == len(load_refs("refs"))
    assert cards(in_chunks) == cards(at_once)


def test_a_hand_edit_of_a_refs_file_shows_even_with_the_same_size_and_time(
    library_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = page(cache)
    refs_file = library_dir / "refs" / "000_eabb3536ebd0d52d.yaml"
    replace_keeping_size_and_time(refs_file, "丽水之干", "丽水之千")
    after = page(cache)
    assert after != before
    assert after == page(None)
    assert "丽水之千" in after


def test_a_changed_source_document_shows(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = page(cache)
    document = library_dir / "seeds" / "000_eabb3536ebd0d52d.txt"
    replace_keeping_size_and_time(document, "《丽水日报》2018-9-3", "《丽水日报》2018-9-4")
    after = page(cache)
    assert after != before
    assert "《丽水日报》2018-9-4" in after
    assert after == page(None)


def test_a_new_sidecar_counts(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    page(cache)
    (library_dir / "seeds" / "000_eabb3536ebd0d52d.meta.yaml").write_text(
        "container-title: 专题信息\n", encoding="utf-8"
    )
    assert page(cache) == page(None)


def test_each_style_has_its_own_page(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    numeric = page(cache)
    author_date = page(cache, "gb-t-7714-2025-author-date")
    assert author_date != numeric
    assert author_date == page(None, "gb-t-7714-2025-author-date")


def test_a_corrupt_cache_is_a_miss(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = page(cache)
    for kept in (cache / "review").glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert page(cache) == fresh


def test_a_malformed_refs_file_is_refused_with_or_without_a_cache(
    library_dir: Path, tmp_path: Path
) -> None:
    from citekit.errors import StoreError

    cache = tmp_path / "cache"
    page(cache)
    (library_dir / "refs" / "bad.yaml").write_text("references:\n- id: a\n  id: b\n")
    with pytest.raises(StoreError, match="duplicate key 'id'") as cached:
        page(cache)
    with pytest.raises(StoreError, match="duplicate key 'id'") as uncached:
        page(None)
    assert cached.value.where == uncached.value.where == "refs/bad.yaml:3"


def test_without_a_directory_nothing_is_kept(library_dir: Path, tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    page(None)
    assert set(tmp_path.rglob("*")) == before


def test_saves_are_read_back_by_the_next_process(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    wb = Workbench("refs", None, ReviewCache(cache))
    workbench_page(wb, "token")
    key = next(iter(wb.library())).id
    record = wb.record_json(key)
    wb.save(key, {"title": "改过的题名"}, record["version"])
    again = Workbench("refs", None, ReviewCache(cache))
    assert again.record(key).title == "改过的题名"
    assert "改过的题名" in workbench_page(again, "token")
