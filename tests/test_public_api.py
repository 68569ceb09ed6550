"""The public surface: what ``import citekit`` offers, sorted and documented."""

from __future__ import annotations

import citekit


def test_all_is_sorted_and_every_name_exists() -> None:
    assert citekit.__all__ == sorted(citekit.__all__)
    for name in citekit.__all__:
        assert hasattr(citekit, name), name


def test_every_public_name_has_a_docstring() -> None:
    for name in citekit.__all__:
        obj = getattr(citekit, name)
        if name != "__version__":
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"
