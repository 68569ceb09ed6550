"""``citekit render`` and ``citekit export`` (under construction)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["export", "render"]


@click.command()
def render() -> None:
    """Not built yet."""
    raise CitekitError("'citekit render' is not built yet")


@click.command()
def export() -> None:
    """Not built yet."""
    raise CitekitError("'citekit export' is not built yet")
