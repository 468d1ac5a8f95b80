"""sum: named parts against their total (exports + imports = total trade)."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.ratios import pick
from nqpf_check.claims.model import Key
from nqpf_check.quantities.values import format_like


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each entity and period whose parts do not add up to the total."""
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
        yield Problem(
            message=(
                f"{key}: the parts {', '.join(parts)} add up to {added} = "
                f"{format_like((low + high) / 2, total.value)}, but "
                f"{total.label} gives the total as {total.value.text}, "
                f"{abs(total.value.base - (low + high) / 2) / abs(total.value.base) * 100:.2f}% "
                f"apart, more than the {tolerance * 100:g}% allowed. Check the parts and the "
                "total against their sources, or whether a part is missing from the rule."
            ),
            claims=(total.claim.id, *(m.claim.id for m in members)),
            key=key,
        )


KIND = Kind(
    name="sum",
    summary="Named parts against their total.",
    what=(
        "for every entity and period where the total and each part have a level, adds the parts "
        "(with their stated precision) and compares with the total."
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
