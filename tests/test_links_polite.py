"""Politeness, measured where it matters: on the server's side of the connection.

The pace of each host starts at 2 requests in flight and 2 per second, grows slowly toward the
caps, and halves on 429/503, bursts of 403 and timeouts. These tests count what the loopback
server saw. Their time bounds are lower bounds that the client enforces by sleeping, so a loaded
machine only makes the gaps longer.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from linkserver import LinkServer

from citekit.checks.links import LinkOptions, LinkTarget, check_links
from citekit.checks.politeness import Pace

DEFAULTS = LinkOptions(trust_env=False, backoff=0.2)


def _starts(srv: LinkServer, prefix: str) -> list[float]:
    return sorted(s.start for s in srv.requests if s.path.startswith(prefix))


def _most_in_one_second(starts: list[float]) -> int:
    return max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)


def test_defaults_start_at_two_a_second_and_stay_under_the_caps() -> None:
    with LinkServer() as srv:
        res = check_links([LinkTarget(srv.url(f"/ok/{i}")) for i in range(12)], DEFAULTS)
        starts = sorted(s.start for s in srv.requests)
    assert [r.verdict for r in res] == ["ok"] * 12
    # 2 per second at first, growing by a tenth per answer: the first four intervals are at least
    # 1/2.4 s each (measured over the span: the server's clock adds jitter to single gaps).
    assert starts[4] - starts[0] >= 4 * 0.4, [b - a for a, b in itertools.pairwise(starts)]
    assert _most_in_one_second(starts) <= 4  # the default cap: 4 per second
    assert max(srv.max_in_flight.values()) <= 2  # 12 answers: not yet earned a third slot


def test_a_server_that_bans_above_5_per_second_never_bans_the_default_pace() -> None:
    targets = lambda srv: [LinkTarget(srv.url(f"/guarded/{i}")) for i in range(20)]  # noqa: E731
    polite = replace(DEFAULTS, host_rate=10, host_concurrency=8)  # generous caps, adaptive
    with LinkServer() as srv:
        res = check_links(targets(srv), polite)
        assert srv.bans == 0
    assert [r.verdict for r in res] == ["ok"] * 20
    # The same caps without adaptation trip the ban: the test can tell the two apart.
    with LinkServer() as srv:
        res = check_links(targets(srv), replace(polite, adaptive=False, retries=0))
        assert srv.bans == 1
    assert sum(r.verdict == "ok" for r in res) < 20


def test_429_without_retry_after_slows_the_host_and_every_live_url_ends_ok() -> None:
    opt = replace(DEFAULTS, host_rate=10, host_concurrency=4)
    with LinkServer() as srv:
        res = check_links([LinkTarget(srv.url(f"/limited/{i}")) for i in range(10)], opt)
        statuses = [s for s in srv.requests if s.path.startswith("/limited/")]
        starts = _starts(srv, "/limited/")
    assert [r.verdict for r in res] == ["ok"] * 10, [r.detail for r in res]
    assert len(statuses) > 10  # some were refused with 429 and tried again
    assert _most_in_one_second(starts) <= 5  # far below the cap of 10 the caller allowed


def test_the_pace_is_additive_up_and_multiplicative_down() -> None:
    pace = Pace(max_in_flight=4, max_rate=4.0)
    assert (pace.in_flight, pace.rate) == (2, 2.0)
    for t in range(8):
        pace.record("normal", t, t)
    assert pace.in_flight == 3 and round(pace.rate, 1) == 2.8
    # One 429, 503, 403 or timeout is a page's business; a burst of them is the host's.
    assert not pace.record("overload", 9, 9)
    assert pace.record("overload", 10, 10)
    assert pace.in_flight == 2 and round(pace.rate, 1) == 1.4  # never below 2 in flight
    # Answers to requests sent before the cut do not cut again (one episode, one halving).
    assert not pace.record("overload", 9.5, 10.2)
    assert pace.record("forbidden", 12, 12)
    for t in range(100):
        pace.record("normal", 20 + t, 20 + t)
    assert (pace.in_flight, pace.rate) == (4, 4.0)  # never above the caps


def test_timeouts_in_a_burst_slow_the_host_down() -> None:
    pace = Pace(max_in_flight=4, max_rate=4.0)
    assert not pace.record("timeout", 1, 1)
    assert pace.record("timeout", 2, 2)
    assert pace.rate == 1.0


def test_a_timeout_while_the_host_answers_later_requests_leaves_the_pace() -> None:
    pace = Pace(max_in_flight=4, max_rate=4.0)
    pace.record("normal", 5, 6)  # a request sent at 5 was answered
    assert pace.answered_after(1) and not pace.answered_after(5)
    # Two pages that hang, sent before it: the host is answering, the pages are slow.
    assert not pace.record("timeout", 1, 11)
    assert not pace.record("timeout", 2, 12)
    assert (pace.in_flight, round(pace.rate, 1)) == (2, 2.1)
    # Sent after the last normal answer: the host may be the slow one; a burst halves.
    assert not pace.record("timeout", 7, 17)
    assert pace.record("timeout", 8, 18)
