"""Per-host politeness: how many requests a site gets at once and how often, adapting to it.

Consumes what each answer from a host was (normal, a sign of overload, a timeout); produces the
host's current limits: requests in flight and requests per second. AIMD, as TCP does it: start
low (2 in flight, 2 per second), add a little after each run of normal answers, halve when
the host pushes back in a burst (two of its last five answers were 429, 503, 403 or no answer
in time; one such answer is a page's own business); never above the caps the user set, never
below 2 in flight and one request every 2 s. A host that pushed back recovers slowly (a tenth
of a request per second per normal answer). A timeout is the page's business, not the host's,
when the host has meanwhile answered a request sent after it (it is not overloaded: that page
is slow). Pure bookkeeping, no I/O and no clock of its own:
times are passed in.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Answer", "Pace"]

#: what one request to a host came to, as far as pacing is concerned
Answer = Literal["normal", "overload", "forbidden", "timeout"]

#: the slowest pace: one request every two seconds
MIN_RATE = 0.5
#: the fewest requests in flight after a cut (one hanging page must not stall a whole site)
MIN_IN_FLIGHT = 2
#: normal answers in a row before one more request may be in flight
_GROW_EVERY = 8
#: answers other than normal among the last few that make a burst (one is a page's business)
_BURST = 2
_RECENT = 5


@dataclass
class Pace:
    """The adaptive limits of one host, between ``start`` values and the user's caps."""

    max_in_flight: int
    #: requests per second at most (0: no limit)
    max_rate: float
    in_flight: int = 2
    rate: float = 2.0
    #: ``rate`` grows by this much per normal answer (additive increase)
    step: float = 0.1
    recent: deque[Answer] = field(default_factory=lambda: deque(maxlen=_RECENT))
    streak: int = 0
    backoffs: int = 0
    #: time of the last decrease: answers to requests sent before it do not halve again
    last_cut: float = float("-inf")
    #: when the latest request that got a normal answer was sent
    last_normal_sent: float = float("-inf")

    def __post_init__(self) -> None:
        self.in_flight = max(1, min(self.in_flight, self.max_in_flight))
        self.rate = min(self.rate, self.max_rate) if self.max_rate > 0 else self.rate

    @property
    def interval(self) -> float:
        """Seconds between the starts of two requests (0 when the rate is unlimited)."""
        return 1.0 / self.rate if self.rate > 0 and self.max_rate > 0 else 0.0

    def answered_after(self, sent_at: float) -> bool:
        """Whether a request sent after ``sent_at`` got a normal answer (the host is alive)."""
        return self.last_normal_sent > sent_at

    def record(self, answer: Answer, sent_at: float, now: float) -> bool:
        """Account for one answer to a request sent at ``sent_at``; True when it cut the pace."""
        if answer == "timeout" and self.answered_after(sent_at):
            return False  # the host is answering: this page is slow, the pace stays
        self.recent.append(answer)
        if answer == "normal":
            self.last_normal_sent = max(self.last_normal_sent, sent_at)
            self.streak += 1
            if self.max_rate > 0:
                self.rate = min(self.max_rate, self.rate + self.step)
            if self.streak % _GROW_EVERY == 0:
                self.in_flight = min(self.max_in_flight, self.in_flight + 1)
            return False
        self.streak = 0
        if sum(a != "normal" for a in self.recent) < _BURST:
            return False
        if sent_at < self.last_cut:
            return False  # one overload episode halves once, not once per request in flight
        self.last_cut = now
        self.backoffs += 1
        self.in_flight = max(min(MIN_IN_FLIGHT, self.max_in_flight), self.in_flight // 2)
        if self.max_rate > 0:
            self.rate = max(min(MIN_RATE, self.max_rate), self.rate / 2)
        return True
