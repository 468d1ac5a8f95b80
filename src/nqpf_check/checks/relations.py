"""Derived relations between figures: growth and shares, used to tell which figure is right.

When two sources disagree and neither outweighs the other, the figure that fits
the growth rate or share that other claims state (with the level of the year
before, or the whole) is the more likely right one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from nqpf_check.checks.base import Context, Item
from nqpf_check.checks.consensus import candidates, items_of
from nqpf_check.checks.ratios import ratio_interval, whole_of
from nqpf_check.quantities.periods import Period

Place = tuple[str, str, str]  # metric, entity, period


@dataclass(frozen=True)
class Support:
    """How many relations could test a figure, how many it fits, and which."""

    checkable: int
    satisfied: int
    notes: tuple[str, ...]


class Relations:
    """The growth and share relations among a context's claims."""

    def __init__(self, ctx: Context, growth_tolerance: float, share_tolerance: float) -> None:
        self.levels = ctx.levels
        self.growth: dict[Place, list[Item]] = defaultdict(list)
        self.shares: dict[Place, list[Item]] = defaultdict(list)
        self.shares_of: dict[Place, list[Item]] = defaultdict(list)
        for item in items_of(ctx, ctx.claims):
            c = item.claim
            if item.value.dimension != "[percent]":
                continue
            if c.measure == "yoy":
                self.growth[(c.metric, c.entity, c.period)].append(item)
            elif c.measure == "share" and c.of:
                self.shares[(c.metric, c.entity, c.period)].append(item)
                metric, entity = whole_of(c.of, c.entity)
                self.shares_of[(metric, entity, c.period)].append(item)
        self.growth_tolerance = growth_tolerance
        self.share_tolerance = share_tolerance

    def _level(self, place: Place) -> list[Item]:
        return candidates(self.levels.get(place, []))

    def support(self, item: Item) -> Support:
        """The relations that can test a level figure (or a growth rate), and those it fits."""
        c = item.claim
        here = (c.metric, c.entity, c.period)
        before = (c.metric, c.entity, Period(c.period).shifted(-1).text)
        if c.measure == "yoy" and item.value.dimension == "[percent]":
            checks = [
                self._growth(new, old, item)
                for new in self._level(here)
                for old in self._level(before)
            ]
            fitting = tuple(note for ok, note in checks if ok)
            return Support(len(checks), len(fitting), fitting)
        if c.measure != "level":
            return Support(0, 0, ())
        after = (c.metric, c.entity, Period(c.period).shifted(1).text)
        tests: list[tuple[bool, str]] = []
        for rate in candidates(self.growth.get(here, [])):
            for old in self._level(before):
                tests.append(self._growth(item, old, rate))
        for rate in candidates(self.growth.get(after, [])):
            for new in self._level(after):
                tests.append(self._growth(new, item, rate))
        for share in candidates(self.shares.get(here, [])):
            metric, entity = whole_of(share.claim.of or "", c.entity)
            for whole in self._level((metric, entity, c.period)):
                tests.append(self._share(item, whole, share))
        for share in candidates(self.shares_of.get(here, [])):
            s = share.claim
            for part in self._level((s.metric, s.entity, s.period)):
                tests.append(self._share(part, item, share))
        fits = tuple(note for ok, note in tests if ok)
        return Support(len(tests), len(fits), fits)

    def _growth(self, new: Item, old: Item, rate: Item) -> tuple[bool, str]:
        ratio = ratio_interval(new, old) if new.value.dimension == old.value.dimension else None
        if ratio is None:
            return False, ""
        low, high = (ratio[0] - 1) * 100, (ratio[1] - 1) * 100
        gap = max(rate.value.low - high, low - rate.value.high, 0.0)
        note = (
            f"{new.value.text} against {old.value.text} a year earlier is the stated growth of "
            f"{rate.value.text} ({rate.label})"
        )
        return gap <= self.growth_tolerance, note

    def _share(self, part: Item, whole: Item, share: Item) -> tuple[bool, str]:
        same = part.value.dimension == whole.value.dimension
        ratio = ratio_interval(part, whole) if same else None
        if ratio is None:
            return False, ""
        low, high = ratio[0] * 100, ratio[1] * 100
        gap = max(share.value.low - high, low - share.value.high, 0.0)
        note = (
            f"{part.value.text} of {whole.value.text} is the stated share of "
            f"{share.value.text} ({share.label})"
        )
        return gap <= self.share_tolerance, note
