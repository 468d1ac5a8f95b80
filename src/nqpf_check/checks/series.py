"""A metric's figures across periods, indexed by value for the period-mismatch diagnosis.

A diagnosis asks "which figure of another period does this value match?" once per
finding. Scanning the metric's whole series each time made a run with many findings
grow as findings x series; the index answers from the figures near the value only.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass

from nqpf_check.quantities.values import Value


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of the series: where it stands in the claims, its period, claim and value."""

    order: int
    period: str
    claim_id: str
    value: Value


class Series:
    """The figures of one metric, entity and measure, sorted by the low end of their value.

    Figures with the same period and interval are kept once (the first in the claims'
    order), so ten sources repeating one figure cost one entry.
    """

    def __init__(self, figures: Iterable[tuple[str, str, Value]]) -> None:
        seen: set[tuple] = set()
        bounded: list[Figure] = []
        self.unbounded: list[Figure] = []
        for order, (period, claim_id, value) in enumerate(figures):
            mark = (period, value.dimension, value.low, value.high, value.low_open, value.high_open)
            if mark in seen:
                continue
            seen.add(mark)
            figure = Figure(order, period, claim_id, value)
            if math.isfinite(value.low) and math.isfinite(value.high):
                bounded.append(figure)
            else:
                self.unbounded.append(figure)
        bounded.sort(key=lambda f: f.value.low)
        self.bounded = bounded
        self.lows = [f.value.low for f in bounded]
        self.width = max((f.value.high - f.value.low for f in bounded), default=0.0)

    def overlapping(self, value: Value, besides: str) -> list[Figure]:
        """The figures of periods other than ``besides`` whose values overlap ``value``, in
        the claims' order."""
        if not (math.isfinite(value.low) and math.isfinite(value.high)):
            candidates: Iterable[Figure] = self.bounded
        else:
            slack = 1e-9 * max(1.0, abs(value.low), abs(value.high)) + 1e-9 * self.width
            start = bisect.bisect_left(self.lows, value.low - self.width - slack)
            stop = bisect.bisect_right(self.lows, value.high + slack)
            candidates = self.bounded[start:stop]
        found = [
            f
            for f in (*candidates, *self.unbounded)
            if f.period != besides and f.value.overlaps(value)
        ]
        found.sort(key=lambda f: f.order)
        return found
