"""``citekit build`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["build"]


@click.command()
def build() -> None:
    """Not built yet."""
    raise CitekitError("'citekit build' is not built yet")
