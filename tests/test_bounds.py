"""Hostile inputs end in a clear problem, not a crash (sizes, times: benchmarks/bench_bounds.py)."""

from __future__ import annotations

import tracemalloc

from citekit.formats.bibtex import read_bibtex
from citekit.formats.bibtex.reader import FailedEntry
from citekit.problems import Problems


def test_braces_nested_fifty_thousand_deep_are_a_failed_entry_not_a_recursion_error() -> None:
    text = (
        "@article{deep, title={" + "{" * 50_000 + "x" + "}" * 50_000 + "}}\n"
        "@article{fine, title={Deep learning}, journal={Nature}, year={2015}}\n"
    )
    problems = Problems()
    items = read_bibtex(text, "deep.bib", problems).items
    assert isinstance(items[0], FailedEntry) and items[0].key == "deep"
    assert not isinstance(items[1], FailedEntry) and items[1].title == "Deep learning"
    (problem,) = problems.errors
    assert problem.code == "E410" and "nested more than 100 deep" in problem.message
    assert str(problem).startswith("deep.bib:1:")


def test_a_key_from_a_megabyte_title_reads_only_its_first_words() -> None:
    from citekit.keys import title_initials
    from citekit.model import Reference

    ref = Reference(id="", type="article-journal", title="以丽水之干担纲" + "题" * 1_000_000)
    tracemalloc.start()
    try:
        initials = title_initials(ref)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert initials == title_initials(ref.replace(title="以丽水之干担纲"))
    assert peak < 10_000_000  # bytes: reading the whole title made a string per character
