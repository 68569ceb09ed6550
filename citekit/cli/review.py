"""``citekit review``: the review page as a workbench, served on 127.0.0.1."""

from __future__ import annotations

import threading
import webbrowser

import click

__all__ = ["review"]


@click.command()
@click.argument("refs", default="refs", type=click.Path(file_okay=False))
@click.option(
    "--port", default=0, type=click.IntRange(0, 65535), help="Port (default: a free one)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--style",
    default=None,
    help="Style of the entries shown and downloaded (default gb-t-7714-2025-numeric).",
)
def review(refs: str, port: int, open_browser: bool, style: str | None) -> None:
    """Correct the records of REFS (default refs/) in the browser, never in YAML.

    \b
    The review page of `citekit build`, where a librarian can:
      edit any field of a record, the GB/T 7714 entry changing as they type;
      mark a record "not a reference" (it stays deleted) or confirm it;
      turn lines extraction could not read into a record;
      merge a duplicate group, or mark it "not duplicates" or a repost;
      check one record's link; undo the last change; download the list.
    Every change is written to refs/ at once (atomically, comments kept, under the
    refs/ lock); the next `citekit extract` keeps it. Two tabs saving the same record:
    the second is told, with both values, and nothing is lost.

    \b
    The server listens on 127.0.0.1 only and every request needs the random token in
    the address it prints. Stop it with Ctrl-C.

    \b
    The page opens with its first records; the rest follow in the background, and
    the duplicate groups and totals as soon as they are computed. Parsed refs files,
    the records' author-date sort keys and the lines extraction could not read are
    kept in the user cache directory ($CITEKIT_CACHE_DIR; off keeps nothing), keyed
    by the bytes they come from, so that a large library loads faster the next time
    and never shows an old version.

    \b
    Examples:
      citekit review
      citekit review refs/ --port 8765 --open
    """
    from ..render import load_style
    from ..review import ReviewCache, ReviewServer, Workbench, serve, warm_up
    from ..review.page import prepare

    if style is not None:
        load_style(style)  # an unknown style is refused before the server starts
    server = ReviewServer(Workbench(refs, style, ReviewCache.default()), port)
    warm_up()

    def ready(url: str) -> None:
        threading.Thread(target=prepare, args=(server.wb,), daemon=True).start()
        click.echo(f"citekit review: {url}  (Ctrl-C to stop)", err=True)
        if open_browser:
            webbrowser.open(url)

    try:
        serve(server, ready=ready)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
