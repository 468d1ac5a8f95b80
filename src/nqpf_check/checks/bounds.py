"""bounds: shares within 0-100 %, counts and levels not negative, growth above -100 %."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import items_of
from nqpf_check.quantities.values import Value, format_number


def _limits(spec: RuleSpec, measure: str) -> tuple[float | None, float | None, bool]:
    """(min, max, min_exclusive) for a measure under the rule's options."""
    o = spec.options
    if measure == "share":
        return o["share_min"], o["share_max"], False
    if measure == "yoy":
        return o["yoy_min"], None, True
    if measure == "rank":
        return 1, None, False
    return o["min"], o["max"], False


def _outside(value: Value, low: float | None, high: float | None, exclusive: bool) -> str | None:
    if low is not None and (value.high < low or (exclusive and value.high <= low)):
        return f"below the lowest possible {format_number(low)}"
    if high is not None and value.low > high:
        return f"above the highest possible {format_number(high)}"
    return None


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each value that cannot be true whatever its precision."""
    for item in items_of(ctx, ctx.claims_of(spec)):
        claim, value = item.claim, item.value
        low, high, exclusive = _limits(spec, claim.measure)
        why = _outside(value, low, high, exclusive)
        if why is None:
            continue
        what = {"share": "a share", "yoy": "a growth rate", "rank": "a rank"}.get(
            claim.measure, "a level"
        )
        yield Problem(
            message=(
                f"{claim.key}: {item.label} gives {value.text}, {why} for {what}. Check the "
                "value and its sign; if the metric can take such values, set the bounds of a "
                "bounds rule for it in rules/."
            ),
            claims=(claim.id,),
            key=claim.key,
            suspect=claim.id,
        )


KIND = Kind(
    name="bounds",
    summary="Impossible values: shares outside 0-100 %, negative levels, growth <= -100 %.",
    what=(
        "checks each value, with its stated precision, against the bounds of its measure: shares "
        "from share_min to share_max, growth above yoy_min, ranks from 1, levels from min to max "
        "(a rule instance per metric can set its own)."
    ),
    why=(
        "a value outside what is possible is a typo, a sign error or a figure of another measure."
    ),
    options={
        "share_min": Option((int, float), 0, "the lowest share, in percent"),
        "share_max": Option((int, float), 100, "the highest share, in percent"),
        "yoy_min": Option((int, float), -100, "growth must stay above this, in percent"),
        "min": Option((int, float, type(None)), 0, "the lowest level (null: no bound)"),
        "max": Option((int, float, type(None)), None, "the highest level (null: no bound)"),
    },
    check=check,
    ordered=(("share_min", "share_max"), ("min", "max")),
)
