"""``citekit cite`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["cite"]


@click.command()
def cite() -> None:
    """Not built yet."""
    raise CitekitError("'citekit cite' is not built yet")
