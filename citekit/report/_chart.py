"""Bar-chart geometry for the review page's inline SVG (no JavaScript, no external library)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bar", "Chart", "bar_chart"]


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value and rectangle, and where its texts go."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's size and bars; ``horizontal`` charts put labels on the left."""

    width: int
    height: int
    horizontal: bool
    bars: tuple[Bar, ...]


def bar_chart(
    data: Sequence[tuple[str, int]], *, horizontal: bool, width: int = 360, band: int = 22
) -> Chart:
    """Lay out ``(label, value)`` pairs as bars scaled to the largest value."""
    top = max((v for _, v in data), default=0) or 1
    bars: list[Bar] = []
    if horizontal:
        # Labels (Chinese type names) on the left, values after each bar.
        left, right = 118.0, 36.0
        span = width - left - right
        for i, (label, value) in enumerate(data):
            y = 4 + i * band
            w = max(1.0, span * value / top)
            h = band - 6
            bars.append(
                Bar(label, value, left, y, w, h, left - 6, y + h - 4, left + w + 4, y + h - 4)
            )
        return Chart(width, int(8 + band * len(data)), True, tuple(bars))
    # Vertical: years along the bottom, values above each bar.
    # The width follows the number of years (a few years make a narrow chart), within bounds.
    height = 150
    width = min(max(160, 48 * len(data)), 2 * width)
    base, top_pad = height - 22.0, 16.0
    slot = width / max(1, len(data))
    bar_w = min(36.0, slot * 0.7)
    for i, (label, value) in enumerate(data):
        bar_h = max(1.0, (base - top_pad) * value / top)
        x = i * slot + (slot - bar_w) / 2
        cx = x + bar_w / 2
        top_y = base - bar_h
        bars.append(Bar(label, value, x, top_y, bar_w, bar_h, cx, height - 6, cx, top_y - 4))
    return Chart(width, height, False, tuple(bars))
