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
    by_key: dict[Key, list[Item]] = defaultdict(list)
    for item in items_of(ctx, ctx.claims_of(spec, "yoy")):
        if item.value.dimension in ("[percent]", "[percentage_point]"):
            by_key[item.claim.key].append(item)
    rates: dict[tuple[Key, str | None], list[Item]] = defaultdict(list)
    for key, items in by_key.items():
        declared = [i for i in items if i.claim.basis]
        for item in items:
            rates[(key, _basis_of(item, declared))].append(item)
    for (key, basis), items in rates.items():
        previous = Period(key.period).shifted(-1).text
        now = pick(levels.get((key.metric, key.entity, key.period), []), basis)
        before = pick(levels.get((key.metric, key.entity, previous), []), basis)
        pairs = [
            (a, b)
            for a in now
            for b in before
            if a.value.dimension == b.value.dimension
            and (basis is None or basis in (a.claim.basis, b.claim.basis))
        ]  # a rate on a declared basis needs a level of that basis: never nominal against real
        if not pairs:
            if basis is not None:
                note = _other_basis(ctx, key, previous, basis, items)
                if note is not None:
                    yield note
            continue
        by_unit: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            by_unit[item.value.dimension].append(item)
        groups: list[tuple[Item, ...]] = []
        for same_unit in by_unit.values():
            found, open_ended = clusters(same_unit)
            groups += [c.items for c in found] + [(i,) for i in open_ended]
        for group in groups:
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
    in_points = stated.dimension == "[percentage_point]"
    results = []
    for now, before in pairs:
        relative = _relative(now, before)
        points = _points(now, before)
        said, other = (points, relative) if in_points else (relative, points)
        if said is None:
            continue
        gap = max(stated.low - said[1], said[0] - stated.high, 0.0)
        slip = other is not None and max(stated.low - other[1], other[0] - stated.high) <= 0
        results.append((gap, now, before, (said[0] + said[1]) / 2, slip, other))
    if not results:
        return None
    best = min(results, key=lambda r: r[0])
    if best[0] <= tolerance:
        return None
    gap, now, before, implied, slip, other = best
    official_levels = now.official and before.official
    suspect = (
        group[0].claim.id
        if len(group) == 1 and official_levels and not any(i.official for i in group)
        else None
    )
    claims = tuple(dict.fromkeys((now.claim.id, before.claim.id, *(i.claim.id for i in group))))
    unit = "percentage points" if in_points else "%"
    levels = f"{now.value.text} in {key.period} against {before.value.text} in {previous}"
    basis = group[0].claim.basis
    unbased = [i.claim.id for i in (now, before) if basis and not i.claim.basis]
    caveat = (
        f" The rate is on the basis '{basis}' and level {', '.join(unbased)} declares none: if "
        "the level is nominal and the rate real (or comparable), they do not compare."
        if unbased
        else ""
    )
    if slip and other is not None:  # the change in the other unit matches: a unit slip
        written, meant = ("points", "percent") if in_points else ("percent", "points")
        mid = (other[0] + other[1]) / 2
        return Problem(
            message=(
                f"{key}: {group[0].label} states {stated.text}, but the levels ({levels}) "
                f"change by {implied:+.2f} {unit}; {stated.text} is their change in {meant} "
                f"({mid:+.2f}): {written} written for {meant}. Write the change as "
                f"{implied:+.2f} {unit}, or as {format_number(stated.number)} "
                f"{'%' if in_points else 'percentage points'}."
            ),
            claims=claims,
            key=key,
            diagnosis="percent-vs-points",
            suspect=group[0].claim.id if len(group) == 1 else None,
        )
    return Problem(
        message=(
            f"{key}: the levels imply growth of {implied:+.2f} {unit} ({levels}), but "
            f"{group[0].label} states {stated.text}: a gap of {gap:.2f} percentage points, "
            f"more than the {format_number(tolerance)} allowed. Check the growth rate and the "
            "two levels against their sources (growth on a like-for-like sample may differ: "
            f"raise the rule's tolerance if so).{caveat}"
        ),
        claims=claims,
        key=key,
        suspect=suspect,
    )


def _basis_of(item: Item, declared: list[Item]) -> str | None:
    """A rate's basis: its own, else that of the only declared basis whose rates agree with it
    (Reuters' "shrank 0.3 %" beside Destatis' "-0.3 %, price-adjusted" is price-adjusted)."""
    if item.claim.basis:
        return item.claim.basis
    agreeing = {other.claim.basis for other in declared if other.value.overlaps(item.value)}
    return agreeing.pop() if len(agreeing) == 1 else None


def _other_basis(
    ctx: Context, key: Key, previous: str, basis: str, items: list[Item]
) -> Problem | None:
    """A rate on a declared basis whose levels have none or another: said, not compared."""
    levels = ctx.levels
    now = levels.get((key.metric, key.entity, key.period), [])
    before = levels.get((key.metric, key.entity, previous), [])
    if not now or not before or all(i.claim.basis for i in (*now, *before)):
        return None  # levels on other declared bases: simply not combined
    said = "; ".join(f"{i.label} states {i.claim.value}" for i in items)
    return Problem(
        message=(
            f"{key}: {said} on the basis '{basis}', but levels of {key.period} or {previous} "
            f"declare no basis (they may be nominal, or on another), so the "
            f"rate is not checked against them: give the levels their basis, or add levels "
            f"on the basis '{basis}'."
        ),
        claims=tuple(dict.fromkeys((*(i.claim.id for i in items), now[0].claim.id))),
        key=key,
        diagnosis="basis-differs",
        severity="info",
    )


def _relative(now: Item, before: Item) -> tuple[float, float] | None:
    """The relative change from ``before`` to ``now``, in percent (low, high)."""
    ratio = ratio_interval(now, before)
    return None if ratio is None else ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100)


def _points(now: Item, before: Item) -> tuple[float, float] | None:
    """The change of a rate in percentage points (low, high); None for levels of no rate."""
    if now.value.dimension != "[percent]" or before.value.dimension != "[percent]":
        return None
    return now.value.low - before.value.high, now.value.high - before.value.low


KIND = Kind(
    name="growth",
    summary="Levels of two periods against the year-on-year growth claimed.",
    what=(
        "for every yoy claim, divides the level of its period by the level a year earlier (same "
        "metric, entity and basis) and compares the implied growth with the stated one; a "
        "change in percentage points is compared with the difference of two rates, and a rate "
        "written in the wrong one of the two is diagnosed percent-vs-points. A rate on a "
        "declared basis (real, comparable) is checked only against levels on that basis (an "
        "info finding says when the levels have none), and a rate without a basis takes the "
        "basis of the declared rates it agrees with."
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
