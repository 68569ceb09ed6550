"""``citekit export`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["export"]


@click.command()
def export() -> None:
    """Not built yet."""
    raise CitekitError("'citekit export' is not built yet")
