"""``citekit merge`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["merge"]


@click.command()
def merge() -> None:
    """Not built yet."""
    raise CitekitError("'citekit merge' is not built yet")
