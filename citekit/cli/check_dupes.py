"""``citekit check dupes`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["dupes"]


@click.command()
def dupes() -> None:
    """Not built yet."""
    raise CitekitError("'citekit check dupes' is not built yet")
