"""``citekit check records`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["records"]


@click.command()
def records() -> None:
    """Not built yet."""
    raise CitekitError("'citekit check records' is not built yet")
