"""``citekit check``: links, records, duplicates. Exit 0 clean, 2 findings, 1 errors."""

from __future__ import annotations

import click

from .check_dupes import dupes
from .check_links import links
from .check_records import records

__all__ = ["check"]


@click.group()
def check() -> None:
    """Check references: broken links, incomplete records, duplicate sources.

    Exit code 0 when nothing is found, 2 when something is, 1 when the check could not run.
    """


check.add_command(links)
check.add_command(records)
check.add_command(dupes)
