"""dimension: a value's dimension against its measure's and its metric's.

Growth rates and shares are percent (percentage points are a different unit:
"percent-vs-points"), except that the change of a metric whose levels are rates (an
unemployment rate) may be said in points; ranks are ranks; a level is in its metric's declared unit
(rules/metrics.yaml), or, with no vocabulary, in the dimension most claims of the
metric use. Currencies are one family here: conversion checks them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from nqpf_check.checks.base import Context, Item, Kind, Problem, RuleSpec
from nqpf_check.checks.consensus import items_of
from nqpf_check.quantities.units import dimension_name

EXPECTED = {"yoy": "[percent]", "share": "[percent]", "rank": "[rank]"}


def _family(dimension: str) -> str:
    return "[currency]" if dimension.startswith("[currency_") else dimension


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each value in a dimension its measure or metric does not take."""
    levels: dict[str, list[Item]] = defaultdict(list)
    items = list(items_of(ctx, ctx.claims_of(spec)))
    in_points = any(i.value.unit.name == "percentage_point" for i in items)
    rates = (  # metrics whose levels are rates: their change may be said in points
        {i.claim.metric for i in items if i.claim.measure == "level" and i.value.unit.name == "pct"}
        if in_points
        else set()
    )
    for item in items:
        claim, dimension = item.claim, item.value.dimension
        expected = EXPECTED.get(claim.measure)
        if expected is not None:
            points_of_a_rate = (
                claim.measure == "yoy"
                and dimension == "[percentage_point]"
                and claim.metric in rates
            )
            if dimension != expected and not points_of_a_rate:
                yield _problem(item, dimension_name(expected), f"a {claim.measure} figure")
            continue
        metric = ctx.metrics.get(claim.metric) if ctx.metrics else None
        if metric is not None and metric.unit is not None:
            if not metric.accepts(dimension):
                wanted = (
                    "a currency" if metric.dimension is None else dimension_name(metric.dimension)
                )
                yield _problem(item, wanted, f"metric {claim.metric} (unit: {metric.unit})")
        else:
            levels[claim.metric].append(item)
    yield from _consistency(levels)


def _consistency(levels: dict[str, list[Item]]) -> Iterator[Problem]:
    """With no declared unit, the minority dimension of a metric's levels is suspect."""
    for metric, items in levels.items():
        counts = Counter(_family(i.value.dimension) for i in items)
        if len(counts) < 2:
            continue
        (top, n), (_, m) = counts.most_common(2)
        if n == m:
            continue
        for item in items:
            if _family(item.value.dimension) != top:
                name = "a currency" if top == "[currency]" else dimension_name(top)
                yield _problem(item, name, f"the other levels of {metric} ({n} claims)")


def _problem(item: Item, wanted: str, whose: str) -> Problem:
    claim, dimension = item.claim, item.value.dimension
    points = dimension == "[percentage_point]" and wanted == "percent"
    return Problem(
        message=(
            f"{claim.key}: {item.label} gives {item.value.text}, which is "
            f"{dimension_name(dimension)}, but {whose} is {wanted}. "
            + (
                "A change in percentage points is not a growth rate in percent: restate it, "
                "or record it under its own metric."
                if points
                else "Check the unit against the source, or the claim's metric and measure."
            )
        ),
        claims=(claim.id,),
        key=claim.key,
        diagnosis="percent-vs-points" if points else "unit-mismatch",
        suspect=claim.id,
    )


KIND = Kind(
    name="dimension",
    summary="A value's dimension against its measure's and its metric's (kW is not kWh).",
    what=(
        "growth and shares must be percent, ranks ranks, and a level must be in its metric's "
        "declared unit (or in the dimension most levels of the metric use)."
    ),
    why=(
        "kW against kWh, or percentage points for percent, is a different quantity, and every "
        "comparison with it is meaningless."
    ),
    options={},
    check=check,
)
