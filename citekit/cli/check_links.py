"""``citekit check links`` (under construction: replaced by its owner's implementation)."""

from __future__ import annotations

import click

from ..errors import CitekitError

__all__ = ["links"]


@click.command()
def links() -> None:
    """Not built yet."""
    raise CitekitError("'citekit check links' is not built yet")
