"""``citekit render`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["render"]


@click.command()
def render() -> None:
    """Not built yet."""
    raise CitekitError("'citekit render' is not built yet")
