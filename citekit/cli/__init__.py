"""The ``citekit`` command line: a thin shell over the library.

Exit codes (a CI job can rely on them): 0 done and nothing found; 2 a check found something
(broken links, duplicates, bad records); 1 the job could not be done (bad input, usage error).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from ..errors import CitekitError
from .build import build
from .check import check
from .cite import cite
from .export import export
from .extract import extract
from .import_refs import import_refs
from .merge import merge
from .render import render, styles
from .review import review

__all__ = ["cli", "main"]


class _Group(click.Group):
    """A group whose usage errors exit 1 (2 is reserved for check findings)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.pop("standalone_mode", True)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.Exit as exc:
            if standalone:
                sys.exit(exc.exit_code)
            raise
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(1 if isinstance(exc, click.UsageError) else exc.exit_code)
        except CitekitError as exc:
            click.echo(f"citekit: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            # A full disk, a file-size limit, a read-only or forbidden directory: one line
            # naming the file. Atomic writes leave the previous file in place.
            click.echo(f"citekit: error: {_os_error(exc)}", err=True)
            sys.exit(1)
        except MemoryError:
            click.echo("citekit: error: out of memory (input too large?)", err=True)
            sys.exit(1)


def _os_error(exc: OSError) -> str:
    """``path: No space left on device`` (the path first, as in every citekit message)."""
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    return reason


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citekit")
def cli() -> None:
    """Turn source attributions in Chinese bulletins into GB/T 7714 bibliographies.

    \b
    Typical flow:
      citekit extract seeds/*.txt          # attributions -> refs/*.yaml
      citekit render refs/                 # GB/T 7714-2025 bibliography
      citekit check links refs/            # which sources no longer resolve
      citekit build                        # all of it, plus build/index.html
    """


for _cmd in (extract, import_refs, render, styles, export, cite, check, merge, build, review):
    cli.add_command(_cmd)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="citekit")
