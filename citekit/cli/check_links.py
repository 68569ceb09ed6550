"""``citekit check links``: the URLs of INPUT -> a link report; exit 2 when one is broken."""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..checks.links import ARCHIVE_API, DEFAULT_USER_AGENT, LinkResult, LinkTarget
from ..problems import Problems
from ._common import format_option, progress_steps, report_problems

__all__ = ["links"]

F = TypeVar("F", bound=Callable[..., Any])

_PROGRESS_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal


def _parse_headers(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for v in values:
        name, sep, value = v.partition(":")
        if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
            raise click.BadParameter(f"{v!r} is not 'Name: value'", param_hint="--header")
        out.append((name.strip(), value.strip()))
    return tuple(out)


def _parse_accept(value: str | None) -> frozenset[int]:
    from ..checks.links import parse_status_list

    if not value:
        return frozenset()
    try:
        return parse_status_list(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--accept") from exc


def _is_url(arg: str) -> bool:
    low = arg.lower()
    return low.startswith(("http://", "https://")) or (low.startswith("www.") and "/" in low)


def _targets(inputs: tuple[str, ...], problems: Problems) -> list[LinkTarget]:
    from ..checks.links import gather_targets, load_url_list, parse_pasted_urls, read_url_stream
    from ._common import load_announced

    targets: list[LinkTarget] = []
    for arg in inputs:
        if arg == "-":
            targets += read_url_stream(sys.stdin, "<stdin>")
        elif _is_url(arg) and not Path(arg).exists():
            url = arg if "://" in arg else "http://" + arg
            targets += parse_pasted_urls([url], "<argument>")
        elif Path(arg).suffix.lower() == ".txt":
            targets += load_url_list(arg)
        else:
            targets += gather_targets(load_announced(arg, problems))
    return targets


class _ProgressLines:
    """``checked 120/2000: 100 ok, 15 broken, 5 unverifiable`` on stderr every few seconds
    (for logs and CI, where no progress bar is drawn)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.verdicts: Counter[str] = Counter()
        self.last = time.monotonic()

    def __call__(self, result: LinkResult) -> None:
        self.done += 1
        self.verdicts[result.verdict] += 1
        now = time.monotonic()
        if now - self.last >= _PROGRESS_EVERY:
            self.last = now
            self.line()

    def line(self) -> None:
        v = self.verdicts
        click.echo(
            f"checked {self.done}/{self.total}: {v['ok']} ok, {v['broken']} broken, "
            f"{v['unverifiable']} unverifiable",
            err=True,
        )


def _journal_key(targets: list[LinkTarget]) -> str:
    h = hashlib.sha256()
    for t in targets:
        h.update(t.url.encode("utf-8") + b"\n")
    return h.hexdigest()


# (option, default, least value, metavar, help): the numeric options, in --help order
_NUMBERS: tuple[tuple[str, float, float, str, str], ...] = (
    ("--timeout", 10.0, 0.01, "SECONDS", "Seconds to wait for the first byte of an answer."),
    ("--connect-timeout", 5.0, 0.01, "SECONDS", "Seconds to establish a connection."),
    (
        "--read-timeout",
        60.0,
        0.01,
        "SECONDS",
        "Seconds to read the part of a page that is judged (a slow page is judged on what "
        "arrived, not called a timeout).",
    ),
    ("--max-concurrency", 128, 1, "N", "Requests in flight at once, over all hosts."),
    ("--host-concurrency", 4, 1, "N", "Cap on requests in flight to one host (each starts at 2)."),
    (
        "--host-rate",
        4.0,
        0,
        "PER_SECOND",
        "Cap on requests per second to one host (each starts at 2; 0: no cap).",
    ),
)
_RETRIES: tuple[tuple[str, float, float, str, str], ...] = (
    (
        "--retries",
        2,
        0,
        "N",
        "Retries for 429, 5xx, resets and refused connections (a 500 and a timeout: once at most).",
    ),
    (
        "--max-retry-after",
        30.0,
        0,
        "SECONDS",
        "Longest Retry-After (seconds) to wait for; a longer one ends the retries.",
    ),
)
_CACHE_AGE = (
    "--cache-max-age",
    24.0,
    0,
    "HOURS",
    "Hours a good result stays in the cache (failures are never cached).",
)


def _number(spec: tuple[str, float, float, str, str]) -> Callable[[F], F]:
    """An option taking a number at least ``least`` (an integer when the default is one)."""
    name, default, least, metavar, help_text = spec
    kind: click.IntRange | click.FloatRange = (
        click.IntRange(min=int(least))
        if isinstance(default, int)
        else click.FloatRange(min=float(least))
    )
    return click.option(
        name, type=kind, default=default, show_default=True, metavar=metavar, help=help_text
    )


def _flag(name: str, help_text: str, dest: str | None = None) -> Callable[[F], F]:
    return click.option(name, *([dest] if dest else []), is_flag=True, help=help_text)


def _repeatable(name: str, dest: str, metavar: str, help_text: str) -> Callable[[F], F]:
    return click.option(name, dest, multiple=True, metavar=metavar, help=help_text)


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Apply ``decorators`` so that --help lists them in the order given."""

    def apply(f: F) -> F:
        for d in reversed(decorators):
            f = d(f)
        return f

    return apply


@click.command(context_settings={"max_content_width": 100})
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@format_option(
    "table",
    "json",
    "markdown",
    "junit",
    help="table: problems for people; json: every URL, for scripts; markdown; junit: for CI.",
)
@_options(*map(_number, _NUMBERS))
@_flag(
    "--fixed-pace",
    "Run every host at the caps from the start; do not back off on 429/503/403/timeouts.",
)
@_options(*map(_number, _RETRIES))
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
@_options(
    _repeatable(
        "--header",
        "headers",
        "'NAME: VALUE'",
        "An extra request header (repeatable), e.g. --header 'Cookie: a=1'.",
    ),
    click.option(
        "--accept", metavar="CODES", help="Final statuses that count as ok, e.g. '200..299,403'."
    ),
    _repeatable(
        "--include",
        "include",
        "HOST",
        "Check only hosts matching this pattern (repeatable), e.g. '*.gov.cn'.",
    ),
    _repeatable(
        "--exclude",
        "exclude",
        "HOST",
        "Skip hosts matching this pattern (repeatable), e.g. 'weibo.com'.",
    ),
    click.option(
        "--proxy",
        metavar="URL",
        help="Send every request through this HTTP proxy. Without it, the HTTP_PROXY, "
        "HTTPS_PROXY and NO_PROXY environment variables apply.",
    ),
    _flag("--robots", "Obey robots.txt: disallowed URLs are not fetched."),
    _flag("--check-anchors", "Check that the #fragment of a URL exists on its page."),
    _flag(
        "--no-probe",
        "Do not compare pages with each site's answer for a URL that cannot exist, nor with a "
        "page of the site known to exist.",
    ),
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False),
    envvar="CITEKIT_LINK_CACHE",
    help="SQLite cache of good results [env CITEKIT_LINK_CACHE; default: user cache dir].",
)
@_flag("--no-cache", "Check every URL; read and write no cache.")
@_number(_CACHE_AGE)
@click.option(
    "--journal",
    "journal_path",
    type=click.Path(dir_okay=False),
    help="Record each result here as it arrives; a rerun continues from it [default: a file "
    "in the user cache dir named after the URLs, removed when the run completes].",
)
@_flag("--fresh", "Ignore an unfinished earlier run; check everything.")
@_flag("--suggest-archive", "Ask the Internet Archive for a snapshot of each broken link.")
@click.option(
    "--archive-api",
    envvar="CITEKIT_ARCHIVE_API",
    default=ARCHIVE_API,
    show_default=True,
    metavar="URL",
    help="Availability API for --suggest-archive [env CITEKIT_ARCHIVE_API].",
)
@_flag("--all", "table/markdown: list working links too.", "show_all")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE (replaced only when the check ran) instead of stdout.",
)
def links(
    inputs: tuple[str, ...],
    fmt: str,
    fixed_pace: bool,
    headers: tuple[str, ...],
    accept: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    proxy: str | None,
    no_probe: bool,
    cache_path: str | None,
    no_cache: bool,
    cache_max_age: float,
    journal_path: str | None,
    fresh: bool,
    show_all: bool,
    output: str | None,
    **same: Any,
) -> None:
    """Check that the URLs cited in INPUT still lead to their page.

    INPUT is refs/ (or one of its .yaml files), a CSL-JSON .json or a BibTeX .bib file: each
    record's URL and any URL in its source text are checked. A .txt file, or '-' for standard
    input, is a list of URLs, one a line ('#' starts a comment). An INPUT that starts with
    http:// or https:// is checked itself. URLs pasted from prose are cleaned and the change
    reported: a trailing 。 or ） is trimmed, the text after a space is cut off.

    Each URL gets a verdict (ok, broken, unverifiable), a reason and the evidence it rests
    on. Reasons: ok, moved, not-found, gone, soft-404 (a 200 page that is the site's answer for
    a URL that cannot exist, the site's page template with nothing of its own in it, a
    platform's deleted-content page, or an error wording beside other evidence), parked,
    server-error, timeout, dns, connection, tls, invalid, redirect-loop, missing-anchor;
    unverifiable: blocked (an anti-bot wall: 403/412/429), challenge (a JavaScript check),
    js-only (a page only a browser renders), oversized (a body that cannot be decoded within
    bounds), robots, maintenance (the site shows a maintenance page for every URL). Meta-refresh
    and script redirects are followed.

    Polite by default: each host starts at 2 requests in flight and 2 per second, speeds up
    slowly to --host-concurrency/--host-rate, and halves its pace on bursts of 429, 503, 403
    or timeouts.

    Results are journalled as they arrive: after Ctrl-C (which prints the report so far) or a
    crash, the same command continues where it stopped. Good results are cached for
    --cache-max-age hours.

    Exit code: 0 nothing broken, 2 something broken, 1 the check could not run, 130
    interrupted.

    \b
    Examples:
      citekit check links refs/
      citekit check links https://www.gov.cn/zhengce/content/2019-05/08/content_5389670.htm
      citekit check links refs/ --format json > links.json
      citekit check links library.bib --format junit -o links.xml
      grep -o 'https\\?://[^ ]*' notes.txt | citekit check links - --exclude '*.weibo.com'
      citekit check links urls.txt --no-cache --accept '200..299,403' --header 'Cookie: a=1'
      citekit check links refs/ --host-rate 1 --robots --proxy http://127.0.0.1:3128
      citekit check links refs/ --suggest-archive --format markdown
    """
    from ..atomic import write_text_atomic
    from ..checks.linkcache import LinkCache, LinkJournal, default_journal_path
    from ..checks.linkreport import format_report, summarize
    from ..checks.links import LinkOptions, check_links, filter_targets

    if proxy and not proxy.lower().startswith(("http://", "https://", "socks5://")):
        raise click.BadParameter(
            f"{proxy!r} is not an http://, https:// or socks5:// URL", param_hint="--proxy"
        )
    header_pairs = _parse_headers(headers)
    accepted = _parse_accept(accept)
    problems = Problems()
    targets = _targets(inputs, problems)
    report_problems(problems)
    for t in targets:
        if t.note:
            click.echo(f"{t.note}: {t.url}", err=True)
    targets, excluded = filter_targets(targets, include, exclude)
    if excluded:
        click.echo(f"{len(excluded)} URL(s) excluded by --include/--exclude, not checked", err=True)
    # ``same``: the options named as the fields of LinkOptions they set (--timeout, --retries...)
    options = LinkOptions(
        **same,
        adaptive=not fixed_pace,
        headers=header_pairs,
        accept=accepted,
        soft404_probes=not no_probe,
        proxy=proxy,
        cache_max_age=cache_max_age * 3600,
    )
    cache = None if no_cache else _open(LinkCache, cache_path)
    explicit_journal = journal_path is not None
    jpath = Path(journal_path) if journal_path else default_journal_path(_journal_key(targets))
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(str(jpath) + suffix).unlink(missing_ok=True)
    journal = _open(LinkJournal, str(jpath))
    if len(journal):
        click.echo(
            f"resuming: {len(journal)} URL(s) already checked in {jpath} (--fresh to start over)",
            err=True,
        )
    collected: dict[str, LinkResult] = {}
    lines = None if sys.stderr.isatty() else _ProgressLines(len(targets))
    started = time.monotonic()
    try:
        with progress_steps(len(targets), "Checking links") as step:

            def on_result(r: LinkResult) -> None:
                collected[r.url] = r
                step()
                if lines:
                    lines(r)

            results = check_links(
                targets, options, progress=on_result, cache=cache, journal=journal
            )
    except KeyboardInterrupt:
        partial = [collected[t.url] for t in targets if t.url in collected]
        _emit(format_report(partial, fmt, show_all=show_all), output, write_text_atomic)
        click.echo(
            f"interrupted: {len(partial)} of {len(targets)} URLs checked "
            f"({summarize(partial)}); run the same command again to continue",
            err=True,
        )
        raise SystemExit(130) from None
    finally:
        if cache is not None:
            cache.close()
        journal.close()
    if lines and targets:
        lines.line()
    _emit(format_report(results, fmt, show_all=show_all), output, write_text_atomic)
    if not explicit_journal:
        LinkJournal(jpath).remove()  # the run completed and was reported
    if fmt != "json" or output:
        click.echo(f"{summarize(results)} in {time.monotonic() - started:.1f} s", err=True)
    if any(r.verdict == "broken" for r in results):
        raise SystemExit(2)


def _open(kind: Callable[[Any], Any], path: str | None) -> Any:
    from ..errors import InputError

    try:
        return kind(path)
    except Exception as exc:  # sqlite3.Error, OSError: an unusable file or directory
        raise InputError(f"cannot open {kind.__name__} ({exc})", path) from exc


def _emit(text: str, output: str | None, write: Callable[[str, str], Any]) -> None:
    if output:
        write(output, text)
    elif text:
        click.echo(text, nl=False)
