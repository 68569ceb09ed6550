"""``citekit check links``: the URLs of INPUT -> a link report; exit 2 when one is broken."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..checks.links import ARCHIVE_API, DEFAULT_USER_AGENT
from ..problems import Problems
from ._common import format_option, progress_steps, report_problems

__all__ = ["links"]


@click.command(context_settings={"max_content_width": 100})
@click.argument("input_path", metavar="INPUT", type=click.Path())
@format_option(
    "table",
    "json",
    "markdown",
    "junit",
    help="table: problems for people; json: every URL, for scripts; markdown; junit: for CI.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds one request may take in all (connect within min(5, this)).",
)
@click.option(
    "--max-concurrency",
    type=click.IntRange(min=1),
    default=128,
    show_default=True,
    metavar="N",
    help="Requests in flight at once, over all hosts.",
)
@click.option(
    "--host-concurrency",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    metavar="N",
    help="Requests in flight at once to one host.",
)
@click.option(
    "--host-interval",
    type=click.FloatRange(min=0),
    default=0.02,
    show_default=True,
    metavar="SECONDS",
    help="Minimum seconds between two requests to one host (grows while it answers 429/503).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    metavar="N",
    help="Retries for 429, 5xx, resets and refused connections (timeouts: once at most).",
)
@click.option(
    "--max-retry-after",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest Retry-After (seconds) to wait for; a longer one ends the retries.",
)
@click.option(
    "--method",
    type=click.Choice(["auto", "head", "get"]),
    default="auto",
    show_default=True,
    help="auto: HEAD first for documents (.pdf, .doc...), GET for pages (a soft 404 needs the "
    "text); head: HEAD first always; get: GET only.",
)
@click.option(
    "--user-agent",
    default=DEFAULT_USER_AGENT,
    show_default=True,
    help="User-Agent header; a site that refuses it is reported as blocked, not broken.",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False),
    envvar="CITEKIT_LINK_CACHE",
    help="SQLite cache of good results [env CITEKIT_LINK_CACHE; default: user cache dir].",
)
@click.option("--no-cache", is_flag=True, help="Check every URL; read and write no cache.")
@click.option(
    "--cache-max-age",
    type=click.FloatRange(min=0),
    default=24.0,
    show_default=True,
    metavar="HOURS",
    help="Hours a good result stays in the cache (failures are never cached).",
)
@click.option(
    "--suggest-archive",
    is_flag=True,
    help="Ask the Internet Archive for a snapshot of each broken link.",
)
@click.option(
    "--archive-api",
    envvar="CITEKIT_ARCHIVE_API",
    default=ARCHIVE_API,
    show_default=True,
    metavar="URL",
    help="Availability API for --suggest-archive [env CITEKIT_ARCHIVE_API].",
)
@click.option("--all", "show_all", is_flag=True, help="table/markdown: list working links too.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE (replaced only when the check ran) instead of stdout.",
)
def links(
    input_path: str,
    fmt: str,
    timeout: float,
    max_concurrency: int,
    host_concurrency: int,
    host_interval: float,
    retries: int,
    max_retry_after: float,
    method: str,
    user_agent: str,
    cache_path: str | None,
    no_cache: bool,
    cache_max_age: float,
    suggest_archive: bool,
    archive_api: str,
    show_all: bool,
    output: str | None,
) -> None:
    """Check that the URLs cited in INPUT still lead to their page.

    INPUT is refs/ (or one of its .yaml files), a CSL-JSON .json or a BibTeX .bib file: each
    record's URL and any URL in its source text are checked. A .txt file is read as a plain list
    of URLs, one a line ('#' starts a comment).

    Each URL gets a verdict (ok, broken, unverifiable) and a reason: ok, moved, not-found, gone,
    soft-404 (a 200 page that says 页面不存在, or a deep link sent to the home page),
    server-error, timeout, dns, connection, tls, blocked (an anti-bot wall: 403/412/429),
    invalid, redirect-loop. Good results are cached for --cache-max-age hours.

    Exit code: 0 nothing broken, 2 something broken, 1 the check could not run.

    \b
    Examples:
      citekit check links refs/
      citekit check links refs/ --format json > links.json
      citekit check links library.bib --format junit -o links.xml
      citekit check links urls.txt --no-cache --timeout 5 --host-concurrency 2
      citekit check links refs/ --suggest-archive --format markdown
    """
    from ..atomic import write_text_atomic
    from ..checks.linkreport import format_report, summarize
    from ..checks.links import LinkOptions, check_links, gather_targets, load_url_list
    from ..inputs import load_input

    problems = Problems()
    if Path(input_path).suffix.lower() == ".txt":
        targets = load_url_list(input_path)
    else:
        targets = gather_targets(load_input(input_path, problems))
    report_problems(problems)
    options = LinkOptions(
        timeout=timeout,
        max_concurrency=max_concurrency,
        host_concurrency=host_concurrency,
        host_interval=host_interval,
        retries=retries,
        max_retry_after=max_retry_after,
        method=method,  # type: ignore[arg-type]  # click.Choice guarantees the Literal
        user_agent=user_agent,
        use_cache=not no_cache,
        cache_path=Path(cache_path) if cache_path else None,
        cache_max_age=cache_max_age * 3600,
        suggest_archive=suggest_archive,
        archive_api=archive_api,
    )
    started = time.monotonic()
    with progress_steps(len(targets), "Checking links") as step:
        results = check_links(targets, options, progress=lambda _: step())
    text = format_report(results, fmt, show_all=show_all)
    if output:
        write_text_atomic(output, text)
    elif text:
        click.echo(text, nl=False)
    if fmt != "json" or output:
        click.echo(f"{summarize(results)} in {time.monotonic() - started:.1f} s", err=True)
    if any(r.verdict == "broken" for r in results):
        raise SystemExit(2)
