"""The geometry both pictures share: one axis for a group of figures, linear or log."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nqpf_check.quantities.values import format_number
from nqpf_check.report import ClaimDetail

LOG_SPAN = 100.0
"""Values spanning this factor or more are drawn on a log scale."""


@dataclass(frozen=True)
class Axis:
    """Where the figures of one group fall: from ``lo`` to ``hi``, linear or log."""

    lo: float
    hi: float
    log: bool

    def fraction(self, x: float) -> float:
        """Where ``x`` falls on the axis, from 0 to 1 (clipped: open ends run to the edge)."""
        if math.isinf(x):
            return 0.0 if x < 0 else 1.0
        if self.log:
            if x <= 0:
                return 0.0
            span = math.log10(self.hi) - math.log10(self.lo)
            at = (math.log10(x) - math.log10(self.lo)) / span if span else 0.5
        else:
            span = self.hi - self.lo
            at = (x - self.lo) / span if span else 0.5
        return min(1.0, max(0.0, at))

    def ticks(self, count: int = 4) -> list[tuple[float, str]]:
        """A few labelled positions along the axis."""
        if self.log:
            first, last = math.floor(math.log10(self.lo)), math.ceil(math.log10(self.hi))
            step = max(1, (last - first) // count)
            values = [10.0**k for k in range(first, last + 1, step)]
        else:
            values = [self.lo + (self.hi - self.lo) * i / count for i in range(count + 1)]
        return [
            (self.fraction(v), compact(v))
            for v in values
            if self.lo <= v <= self.hi or not self.log
        ]


def compact(x: float) -> str:
    """A short label for an axis: 3.3 tn, 450 bn, 12 m, 8.25."""
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(x) >= size:
            return f"{format_number(round(x / size, 2))} {word}"
    return format_number(round(x, 3))


def axis_for(details: list[ClaimDetail]) -> Axis | None:
    """One axis for figures of one dimension; None when nothing finite can be drawn."""
    points = [x for d in details for x in (d.base, d.low, d.high) if math.isfinite(x)]
    if not points:
        return None
    lo, hi = min(points), max(points)
    if lo > 0 and hi / lo >= LOG_SPAN:
        return Axis(lo / 1.5, hi * 1.5, True)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
    return Axis(lo - pad, hi + pad, False)


def groups(details: list[ClaimDetail]) -> dict[tuple[str, str, str, str], list[ClaimDetail]]:
    """Figures that can share an axis: same entity, period, measure and dimension."""
    found: dict[tuple[str, str, str, str], list[ClaimDetail]] = {}
    for d in details:
        found.setdefault((d.entity, d.period, d.measure, d.dimension), []).append(d)
    return found
