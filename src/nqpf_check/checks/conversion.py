"""conversion: one figure given in two currencies, against the reference exchange rate.

A source that writes "22.07 trillion yuan ($3.09 trillion)" makes two claims of one
figure. Converted at the period's reference rate (kept in rules/ with its source)
the two must agree within the rule's tolerance. Equivalent physical units (540
million kW and 540 GW) need no rate: pint converts them and `agreement` compares.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from nqpf_check.checks.base import Context, Item, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import items_of
from nqpf_check.checks.diagnose import Diagnosis, Figure, diagnose
from nqpf_check.checks.ratios import in_currency
from nqpf_check.claims.model import Key
from nqpf_check.quantities.values import Value, format_like, format_number
from nqpf_check.reference import find_rate


def _code(item: Item) -> str:
    return item.value.dimension[len("[currency_") : -1]


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each pair of currencies off by more than the tolerance."""
    tolerance = float(spec.options["tolerance"])
    by_key: dict[Key, list[Item]] = defaultdict(list)
    codes: dict[Key, str] = {}  # the key's first currency, or "" once it has two
    for item in items_of(ctx, ctx.claims_of(spec, "level")):
        if item.value.unit.is_currency:
            key = item.claim.key
            by_key[key].append(item)
            if codes.setdefault(key, _code(item)) not in ("", _code(item)):
                codes[key] = ""
    backing = _Backing(ctx)
    for key, items in by_key.items():
        if codes[key]:
            continue  # one currency: nothing to convert (most keys; no per-source tables)
        by_source: dict[str, dict[str, dict[tuple, Item]]] = defaultdict(dict)
        for item in items:
            figures = by_source[item.claim.source].setdefault(_code(item), {})
            figures.setdefault(_interval(item), item)  # one figure repeated is judged once
        for by_code in by_source.values():
            for a, b in _pairs(ctx, by_code):
                problem = _judge(ctx, key, a, b, tolerance, backing)
                if problem is not None:
                    yield problem


def _interval(item: Item) -> tuple[float, float, bool, bool]:
    value = item.value
    return (value.low, value.high, value.low_open, value.high_open)


def _pairs(ctx: Context, by_code: dict[str, dict[tuple, Item]]) -> list[tuple[Item, Item]]:
    """Every pair of a source's distinct figures in two currencies, the earlier claim first,
    in the claims' order."""
    order = ctx.order
    pairs: list[tuple[Item, Item]] = []
    for first, second in combinations(sorted(by_code), 2):
        for x in by_code[first].values():
            for y in by_code[second].values():
                pairs.append((x, y) if order[x.claim.id] < order[y.claim.id] else (y, x))
    pairs.sort(key=lambda pair: (order[pair[0].claim.id], order[pair[1].claim.id]))
    return pairs


def _judge(
    ctx: Context, key: Key, a: Item, b: Item, tolerance: float, backing: _Backing
) -> Problem | None:
    found = find_rate(ctx.exchange_rates, _code(a), _code(b), key.period)
    if found is None:
        return Problem(
            message=(
                f"{key}: {a.label} gives {a.value.text} and {b.value.text}, but no reference "
                f"rate {_code(a)}/{_code(b)} for {key.period} is kept: add one under "
                "exchange_rates in rules/, with its source, to check the conversion."
            ),
            claims=(a.claim.id, b.claim.id),
            key=key,
            severity="info",
        )
    rate, inverted = found
    factor = 1 / rate.rate if inverted else rate.rate
    converted = a.value.base * factor
    low, high = b.value.low * (1 - tolerance), b.value.high * (1 + tolerance)
    if low <= converted <= high:
        return None
    implied = b.value.base / a.value.base if a.value.base else float("inf")
    off = converted / b.value.base - 1 if b.value.base else float("inf")
    per = f"{rate.quote} per {rate.base}"
    unverified = "" if rate.verified else " (the rate is marked unverified: confirm it)"
    found, suspect = _why(key, a, b, factor, backing)
    return Problem(
        message=(
            f"{key}: {a.label} gives {a.value.text} and {b.value.text}, which implies "
            f"{format_number(1 / implied if inverted else implied)} {per}; the {rate.kind} "
            f"rate for {rate.period} is {format_number(rate.rate)} {per} ({rate.source})"
            f"{unverified}. At that rate {a.value.text} is {format_like(converted, b.value)}, "
            f"{abs(off) * 100:.1f}% {'above' if off > 0 else 'below'} the figure "
            f"given, more than the {tolerance * 100:g}% allowed."
            f"{' ' + found.evidence + '.' if found else ''} Check both figures and the rate the "
            "source used."
        ),
        claims=(a.claim.id, b.claim.id),
        key=key,
        diagnosis=found.code if found else None,
        suspect=suspect,
        severity=None if rate.verified else "warning",
    )


def _why(
    key: Key, a: Item, b: Item, factor: float, backing: _Backing
) -> tuple[Diagnosis | None, str | None]:
    """The diagnosis of the pair (the dollar figure a thousand times off, its digits those of
    the yuan figure, ...) and the suspect: the figure the other claims of its currency do not
    back, where the other's do."""
    converted = dataclasses.replace(
        in_currency(a.value, _code(b), factor),
        text=f"{format_like(a.value.base * factor, b.value)} ({a.value.text} at the rate)",
    )
    found = diagnose(Figure.of(b.value), Figure.of(converted))
    support = {item.claim.id: backing.count(key, item) for item in (a, b)}
    if support[a.claim.id] > support[b.claim.id] == 0:
        return found, b.claim.id
    if support[b.claim.id] > support[a.claim.id] == 0:
        return found, a.claim.id
    return found, None


class _Backing:
    """How many claims of other sources back a figure: same metric, entity, period and
    currency, and a value that overlaps it. Counted from sorted ends, not by a scan."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.ends: dict[tuple, tuple[_Ends, dict[str, _Ends]]] = {}

    def count(self, key: Key, item: Item) -> int:
        """The other sources' claims that back ``item``."""
        index = (key.metric, key.entity, key.period, item.value.dimension)
        found = self.ends.get(index)
        if found is None:
            every: list[Value] = []
            by_source: dict[str, list[Value]] = defaultdict(list)
            for other in self.ctx.levels.get(index[:3], []):
                if other.value.dimension == index[3]:
                    every.append(other.value)
                    by_source[other.claim.source].append(other.value)

            found = (_Ends(every), {s: _Ends(values) for s, values in by_source.items()})
            self.ends[index] = found
        every_ends, own = found
        mine = own.get(item.claim.source)
        return every_ends.overlapping(item.value) - (mine.overlapping(item.value) if mine else 0)


class _Ends:
    """The sorted low and high ends of some values: how many overlap a value, in O(log n)."""

    def __init__(self, values: list[Value]) -> None:
        self.lows = sorted(v.low for v in values)
        self.highs = sorted(v.high for v in values)

    def overlapping(self, value: Value) -> int:
        """The values that start at or before its high and end at or after its low."""
        after = len(self.lows) - bisect.bisect_right(self.lows, value.high)
        before = bisect.bisect_left(self.highs, value.low)
        return len(self.lows) - after - before


KIND = Kind(
    name="conversion",
    summary="One figure in two currencies, against the period's reference exchange rate.",
    what=(
        "pairs the claims of one source that give the same figure (metric, entity, period) in two "
        "currencies, converts one at the reference rate kept in rules/ (exchange_rates, each with "
        "its source), and compares."
    ),
    why=(
        "a conversion off by more than rate differences explain is a misprint or a figure in the "
        "wrong currency."
    ),
    options={
        "tolerance": Option(
            (int, float),
            0.02,
            "relative difference allowed (sources use different rates: average, end of period)",
        ),
    },
    check=check,
)
