"""``citekit render`` and ``citekit styles``: print a GB/T 7714 bibliography, list the styles."""

from __future__ import annotations

import html

import click

from ..problems import Problems
from ._common import echo_json, format_option, report_problems

__all__ = ["render", "styles"]


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True))
@click.option(
    "--style",
    "style_name",
    default=None,
    metavar="NAME|PATH",
    help="A style name (see 'citekit styles') or the path of a CSL file. "
    "[default: gb-t-7714-2025-numeric]",
)
@format_option(
    "text",
    "html",
    "markdown",
    "json",
    help="json: an array of {id, label, text} in bibliography order (text without label).",
)
def render(input_path: str, style_name: str | None, fmt: str) -> None:
    """Print the bibliography of every record in INPUT.

    INPUT is refs/ (or one YAML file in it), a CSL-JSON .json file or a BibTeX .bib file.
    Numeric styles keep the order of INPUT; author-date styles sort Chinese entries first, by
    pinyin. Records missing what their type needs still print and are reported on stderr.

    \b
    Examples:
      citekit render refs/
      citekit render refs/ --style gb-t-7714-2015-author-date
      citekit render library.json --style my-journal.csl --format html > refs.html
      citekit render refs/ --format json | jq -r '.[].text'
    """
    from ..render import RenderCache, load_style, render_bibliography
    from ._common import load_announced

    style = load_style(style_name)  # StyleError (exit 1) lists the available names
    problems = Problems()
    library = load_announced(input_path, problems)
    unreadable = bool(problems.errors)  # items of INPUT that could not be read are left out
    entries = render_bibliography(
        list(library), style, problems=problems, cache=RenderCache.default()
    )
    if fmt == "json":
        echo_json([{"id": e.id, "label": e.label, "text": e.text} for e in entries])
    elif fmt == "html":
        items = "\n".join(
            f'  <li id="{html.escape(e.id)}">'
            + (f'<span class="label">{e.label}</span> ' if e.label else "")
            + f"{e.html}</li>"
            for e in entries
        )
        click.echo(f'<ol class="bibliography">\n{items}\n</ol>' if entries else "")
    elif fmt == "markdown":
        for e in entries:
            label = e.label.replace("[", "\\[").replace("]", "\\]")
            click.echo(f"{label} {e.markdown}  " if label else f"- {e.markdown}")
    else:
        for e in entries:
            click.echo(f"{e.label} {e.text}" if e.label else e.text)
    report_problems(problems)
    # records left out (unreadable, or not renderable) fail the run; an incomplete record
    # (a web page without URL: an error of `check records`) is still printed
    if unreadable or len(entries) < len(library):
        raise SystemExit(1)


@click.command()
@format_option("text", "json", help="json: an array of {name, path, numeric}.")
def styles(fmt: str) -> None:
    """List the bundled citation styles (any CSL file path works with --style too).

    \b
    Examples:
      citekit styles
      citekit render refs/ --style "$(citekit styles | grep 2015-numeric)"
    """
    from ..render import DEFAULT_STYLE, available_styles, load_style

    loaded = [load_style(name) for name in available_styles()]
    if fmt == "json":
        echo_json([{"name": s.name, "path": str(s.path), "numeric": s.numeric} for s in loaded])
        return
    for s in loaded:
        mark = "  (default)" if s.name == DEFAULT_STYLE else ""
        click.echo(f"{s.name}{mark}")
