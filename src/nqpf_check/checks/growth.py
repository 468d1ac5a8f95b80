"""growth: the levels of two periods against the year-on-year growth claimed.

Statistical bodies compute growth on like-for-like samples, so the implied growth
may differ a little from the stated one: the tolerance, in percentage points, is
the rule's option. Levels and rates are read with their stated precision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from nqpf_check.checks.base import Context, Item, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import clusters, items_of
from nqpf_check.checks.ratios import pick, ratio_interval
from nqpf_check.claims.model import Key
from nqpf_check.quantities.periods import Period
from nqpf_check.quantities.values import format_number


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each growth claim the levels of its two periods contradict."""
    tolerance = float(spec.options["tolerance"])
    levels = ctx.levels
    rates: dict[tuple[Key, str | None], list[Item]] = defaultdict(list)
    for item in items_of(ctx, ctx.claims_of(spec, "yoy")):
        if item.value.dimension == "[percent]":
            rates[(item.claim.key, item.claim.basis)].append(item)
    for (key, basis), items in rates.items():
        previous = Period(key.period).shifted(-1).text
        now = pick(levels.get((key.metric, key.entity, key.period), []), basis)
        before = pick(levels.get((key.metric, key.entity, previous), []), basis)
        pairs = [(a, b) for a in now for b in before if a.value.dimension == b.value.dimension]
        if not pairs:
            continue
        found, open_ended = clusters(items)
        for group in [c.items for c in found] + [(i,) for i in open_ended]:
            problem = _judge(key, previous, group, pairs, tolerance)
            if problem is not None:
                yield problem


def _judge(
    key: Key,
    previous: str,
    group: tuple[Item, ...],
    pairs: list[tuple[Item, Item]],
    tolerance: float,
) -> Problem | None:
    stated = group[0].value
    results = []
    for now, before in pairs:
        ratio = ratio_interval(now, before)
        if ratio is None:
            continue
        low, high = (ratio[0] - 1) * 100, (ratio[1] - 1) * 100
        gap = max(stated.low - high, low - stated.high, 0.0)
        results.append((gap, now, before, (low + high) / 2))
    if not results:
        return None
    best = min(results, key=lambda r: r[0])
    if best[0] <= tolerance:
        return None
    gap, now, before, implied = best
    official_levels = now.official and before.official
    suspect = (
        group[0].claim.id
        if len(group) == 1 and official_levels and not any(i.official for i in group)
        else None
    )
    claims = tuple(dict.fromkeys((now.claim.id, before.claim.id, *(i.claim.id for i in group))))
    return Problem(
        message=(
            f"{key}: the levels imply growth of {implied:+.2f}% ({now.value.text} in "
            f"{key.period} against {before.value.text} in {previous}), but "
            f"{group[0].label} states {stated.text}: a gap of {gap:.2f} percentage points, "
            f"more than the {format_number(tolerance)} allowed. Check the growth rate and the "
            "two levels against their sources (growth on a like-for-like sample may differ: "
            "raise the rule's tolerance if so)."
        ),
        claims=claims,
        key=key,
        suspect=suspect,
    )


KIND = Kind(
    name="growth",
    summary="Levels of two periods against the year-on-year growth claimed.",
    what=(
        "for every yoy claim, divides the level of its period by the level a year earlier (same "
        "metric, entity and basis) and compares the implied growth with the stated one."
    ),
    why=(
        "a growth rate that the levels contradict means one of the three figures is wrong, or "
        "belongs to another period or basis."
    ),
    options={
        "tolerance": Option(
            (int, float),
            0.5,
            "percentage points the implied growth may differ from the stated (like-for-like "
            "samples)",
        ),
    },
    check=check,
)
