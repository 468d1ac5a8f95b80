"""undeclared-metric: a metric that the vocabulary (rules/metrics.yaml) does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Problem, RuleSpec
from nqpf_check.names import closest


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each claim naming an undeclared metric (only with a vocabulary)."""
    if ctx.metrics is None:
        return
    names = sorted(ctx.metrics)
    for claim in ctx.claims:
        wanted = [(claim.metric, "metric")]
        if claim.of:
            wanted.append((claim.of.partition("@")[0], "of"))
        for metric, field in wanted:
            if metric in ctx.metrics:
                continue
            close = closest(metric, names, cutoff=0.7)
            hint = f"did you mean '{close}'?" if close else "declare it in rules/metrics.yaml"
            yield Problem(
                message=(
                    f"{claim.key}: the {field} '{metric}' of claim {claim.id} is not declared "
                    f"in the metric vocabulary: {hint}"
                ),
                claims=(claim.id,),
                key=claim.key,
                suspect=claim.id,
            )


KIND = Kind(
    name="undeclared-metric",
    summary="A claim's metric (or share whole) that rules/metrics.yaml does not declare.",
    what=(
        "where a metric vocabulary exists, reports each claim whose metric, or whose share's whole"
        " (of:), is not declared, with the closest declared name."
    ),
    why=(
        "a misspelt metric puts a claim in a group of its own, where no other claim can contradict"
        " it."
    ),
    options={},
    check=check,
)
