"""Helpers shared by the CLI commands: JSON output, problem reports, progress bars."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..problems import Problems

if TYPE_CHECKING:
    from ..model import Library

__all__ = ["echo_json", "format_option", "progress", "progress_steps", "report_problems"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, help: str) -> Callable[[F], F]:
    """The ``--format`` option every command shares: ``fmt``, the first choice by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, Chinese unescaped) on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def report_problems(problems: Problems) -> None:
    """Print each problem on stderr, one per line."""
    for p in problems:
        click.echo(str(p), err=True)


def progress(
    items: Iterable[T], label: str, length: int | None = None, min_items: int = 2
) -> Iterator[T]:
    """Iterate with a progress bar on stderr when it is a terminal and there is enough work."""
    seq = list(items)
    if not sys.stderr.isatty() or len(seq) < min_items:
        yield from seq
        return
    with click.progressbar(seq, label=label, length=length, file=sys.stderr) as bar:
        yield from bar


@contextlib.contextmanager
def progress_steps(length: int, label: str, min_items: int = 2) -> Iterator[Callable[[], None]]:
    """A progress bar for work that reports back (callbacks): yields ``step()`` to advance it.

    Like :func:`progress`, drawn on stderr only when it is a terminal and there is enough work.
    """
    if not sys.stderr.isatty() or length < min_items:
        yield lambda: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def load_announced(path: str | os.PathLike[str], problems: Problems) -> Library:
    """:func:`citekit.inputs.load_input`, saying on stderr which format an input citekit does
    not write itself was read as (``lib.ris: read as ris (has a 'TY  -' line), 12 record(s)``)."""
    from ..inputs import read_input

    loaded = read_input(os.fspath(path), problems)
    if loaded.note is not None:
        click.echo(loaded.note, err=True)
    return loaded.library
