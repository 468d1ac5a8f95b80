"""sum: named parts against their total (exports + imports = total trade)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator

from nqpf_check.checks.base import Context, Item, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import items_of
from nqpf_check.checks.diagnose import Diagnosis, Figure, diagnose
from nqpf_check.checks.ratios import pick, whole_of
from nqpf_check.claims.model import Key
from nqpf_check.quantities.values import Value, format_like


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each entity and period whose parts do not add up to the total, in
    levels, and whose parts' shares of the total do not add up to 100 %."""
    yield from _levels(ctx, spec)
    yield from _shares(ctx, spec)


def _shares(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """The parts' shares of the total (measure share, of: the total) add up to 100 %."""
    total_metric: str = spec.options["total"]
    parts: list[str] = list(spec.options["parts"])
    tolerance = float(spec.options["tolerance"]) * 100  # of the whole: in percentage points
    shares: dict[tuple[str, str], dict[str, Item]] = defaultdict(dict)
    for item in items_of(ctx, ctx.claims_of(spec, "share")):
        claim = item.claim
        if (
            claim.metric in parts
            and item.value.dimension == "[percent]"
            and claim.of
            and whole_of(claim.of, claim.entity) == (total_metric, claim.entity)
        ):
            chosen = shares[(claim.entity, claim.period)]
            if claim.metric not in chosen or (item.official and not chosen[claim.metric].official):
                chosen[claim.metric] = item
    for (entity, period), chosen in sorted(shares.items()):
        if len(chosen) != len(parts):
            continue
        members = [chosen[p] for p in parts]
        low = sum(m.value.low for m in members)
        high = sum(m.value.high for m in members)
        if low - tolerance <= 100 <= high + tolerance:
            continue
        key = Key(total_metric, entity, period, "share")
        added = " + ".join(f"{m.claim.metric} {m.value.text}" for m in members)
        yield Problem(
            message=(
                f"{key}: the parts {', '.join(parts)} make the whole {total_metric}, but their "
                f"shares add up to {added} = {(low + high) / 2:.4g}%, not 100 %. Check each "
                "share against its source, or whether a part is missing from the rule."
            ),
            claims=tuple(m.claim.id for m in members),
            key=key,
        )


def _levels(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """The parts' levels add up to the total's."""
    total_metric: str = spec.options["total"]
    parts: list[str] = list(spec.options["parts"])
    tolerance = float(spec.options["tolerance"])
    levels = ctx.levels
    for (metric, entity, period), items in sorted(levels.items()):
        if metric != total_metric:
            continue
        totals = pick(items, None)
        chosen = [pick(levels.get((p, entity, period), []), None) for p in parts]
        if not totals or not all(chosen):
            continue
        members = [c[0] for c in chosen]
        dimension = totals[0].value.dimension
        if any(m.value.dimension != dimension for m in members):
            continue
        low = sum(m.value.low for m in members)
        high = sum(m.value.high for m in members)
        total = totals[0]
        slack = tolerance * abs(total.value.base)
        if total.value.low - slack <= high and low <= total.value.high + slack:
            continue
        key = Key(total_metric, entity, period, "level")
        added = " + ".join(m.value.text for m in members)
        found, suspect = _why(total, members)
        yield Problem(
            message=(
                f"{key}: the parts {', '.join(parts)} add up to {added} = "
                f"{format_like((low + high) / 2, total.value)}, but "
                f"{total.label} gives the total as {total.value.text}, "
                f"{abs(total.value.base - (low + high) / 2) / abs(total.value.base) * 100:.2f}% "
                f"apart, more than the {tolerance * 100:g}% allowed."
                f"{' ' + found.evidence + '.' if found else ''} Check the parts and the "
                "total against their sources, or whether a part is missing from the rule."
            ),
            claims=(total.claim.id, *(m.claim.id for m in members)),
            key=key,
            diagnosis=found.code if found else None,
            suspect=suspect,
        )


def _as(value: Value, base: float, text: str) -> Value:
    """A figure of ``base`` (in base units) written like ``value``: what the others imply."""
    number = base / (value.unit.to_base or 1.0)
    return dataclasses.replace(
        value, text=text, number=number, low=base, high=base, precision=0.0, qualifier=None
    )


def _why(total: Item, members: list[Item]) -> tuple[Diagnosis | None, str | None]:
    """The slip that explains the gap and its figure: the total against the parts' sum, else
    the one part against what the total and the other parts leave for it."""
    added = sum(m.value.base for m in members)
    found = diagnose(Figure.of(total.value), Figure.of(_as(total.value, added, "the parts' sum")))
    if found is not None:
        return found, total.claim.id
    explained = []
    for member in members:
        rest = total.value.base - (added - member.value.base)
        if rest > 0:
            left = _as(member.value, rest, f"{format_like(rest, member.value)} left by the total")
            diagnosis = diagnose(Figure.of(member.value), Figure.of(left))
            if diagnosis is not None:
                explained.append((diagnosis, member.claim.id))
    return explained[0] if len(explained) == 1 else (None, None)


KIND = Kind(
    name="sum",
    summary="Named parts against their total.",
    what=(
        "for every entity and period where the total and each part have a level, adds the parts "
        "(with their stated precision) and compares with the total; where each part has a "
        "share of the total (measure: share, of: the total), checks that the shares add up to "
        "100 %."
    ),
    why=(
        "parts that do not add up to their total mean a figure is wrong or belongs to another "
        "period."
    ),
    options={
        "total": Option(str, None, "the metric of the total", required=True),
        "parts": Option(list, None, "the metrics of the parts", required=True),
        "tolerance": Option((int, float), 0.001, "relative difference allowed"),
    },
    check=check,
)
