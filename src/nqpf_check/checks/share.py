"""share: a part and its whole against the share claimed ("2.64 % of GDP", "more than half")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from nqpf_check.checks.base import Context, Item, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import items_of
from nqpf_check.checks.diagnose import Diagnosis, Figure, diagnose
from nqpf_check.checks.ratios import pick, ratio_interval, whole_of
from nqpf_check.quantities.values import Value, ValueParseError, format_number, parse_value


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each share claim its part and whole contradict, and for the shares
    of one whole that one source gives for one period when they add to more than 100 %."""
    yield from _parts(ctx, spec)
    yield from _over_the_whole(ctx, spec)


def _over_the_whole(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Shares of the same whole, entity, period and source adding to over 100 % (at the
    least their stated precision and qualifiers allow), each part counted once."""
    tolerance = float(spec.options["tolerance"])
    groups: dict[tuple[str, str, str, str], dict[str, Item]] = defaultdict(dict)
    for item in items_of(ctx, ctx.claims_of(spec, "share")):
        claim = item.claim
        if item.value.dimension == "[percent]" and claim.of and claim.metric != claim.of:
            whole = "@".join(whole_of(claim.of, claim.entity))
            groups[(whole, claim.entity, claim.period, claim.source)].setdefault(claim.metric, item)
    for (whole, entity, period, _), parts in groups.items():
        if len(parts) < 2:
            continue
        least = sum(max(i.value.low / i.value.unit.to_base, 0.0) for i in parts.values())
        if least <= 100 + tolerance:
            continue
        items = list(parts.values())
        said = "; ".join(f"{i.claim.metric} {i.claim.value}" for i in items)
        yield Problem(
            message=(
                f"{items[0].claim.key}: {items[0].label} gives shares of {whole} for {entity} in "
                f"{period} that add to at least {least:.4g}% ({said}): parts of one whole add "
                "to 100 % at most. Check each share against the source; if the parts overlap "
                "(one thing counted in two of them), suppress this with the reason."
            ),
            claims=tuple(i.claim.id for i in items),
            key=items[0].claim.key,
            severity="warning",
        )


def _parts(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Each share claim against its part's and whole's levels."""
    tolerance = float(spec.options["tolerance"])
    levels = ctx.levels
    for item in items_of(ctx, ctx.claims_of(spec, "share")):
        claim, stated = item.claim, item.value
        if stated.dimension != "[percent]" or not claim.of:
            continue
        metric, entity = whole_of(claim.of, claim.entity)
        parts = pick(levels.get((claim.metric, claim.entity, claim.period), []), claim.basis)
        wholes = pick(levels.get((metric, entity, claim.period), []), None)
        results = []
        for part in parts:
            for whole in wholes:
                if part.value.dimension != whole.value.dimension:
                    continue
                ratio = ratio_interval(part, whole)
                if ratio is None:
                    continue
                low, high = ratio[0] * 100, ratio[1] * 100
                gap = max(stated.low - high, low - stated.high, 0.0)
                results.append((gap, part, whole, (low + high) / 2))
        if not results:
            continue
        gap, part, whole, implied = min(results, key=lambda r: r[0])
        if gap <= tolerance:
            continue
        found = _diagnosis(stated, implied)
        why = f" {found.evidence}." if found is not None else ""
        yield Problem(
            message=(
                f"{claim.key}: {part.value.text} of {whole.value.text} ({claim.of}) is "
                f"{implied:.2f}%, but {item.label} states {stated.text}: a gap of {gap:.2f} "
                f"percentage points, more than the {format_number(tolerance)} allowed.{why} "
                "Check the share, the part and the whole against their sources."
            ),
            claims=tuple(dict.fromkeys((part.claim.id, whole.claim.id, claim.id))),
            key=claim.key,
            diagnosis=found.code if found is not None else None,
            suspect=claim.id if part.official and whole.official and not item.official else None,
        )


def _diagnosis(stated: Value, implied: float) -> Diagnosis | None:
    """Why a stated share differs from the one its part and whole give (digits swapped, ...),
    from the same hypotheses as agreement's."""
    try:
        computed = parse_value(f"{implied:.{max(len(stated.digits.strip('-.')), 2)}g}%")
    except ValueParseError:
        return None
    return diagnose(Figure.of(stated), Figure.of(computed))


KIND = Kind(
    name="share",
    summary="A part and its whole against the share claimed.",
    what=(
        "for every share claim (measure: share, of: WHOLE), divides the part's level by the "
        "whole's level in the same period and compares the result with the stated share, "
        'qualifiers included ("more than half"); and warns where the shares of one whole '
        "that one source gives for one period add to more than 100 %."
    ),
    why=("a share that its part and whole contradict means one of the three figures is wrong."),
    options={
        "tolerance": Option(
            (int, float),
            0.1,
            "percentage points the computed share may differ from the stated",
            maximum=100,  # shares lie within 100 points of each other: more lets every one pass
        ),
    },
    check=check,
)
