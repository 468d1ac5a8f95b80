"""placeholder: a claim proposed by `extract` whose metric is still the placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Problem, RuleSpec

PLACEHOLDER = "_todo"


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each claim whose metric or share whole is the placeholder."""
    for claim in ctx.claims:
        fields = [f for f, v in (("metric", claim.metric), ("of", claim.of)) if v == PLACEHOLDER]
        if fields:
            yield Problem(
                message=(
                    f"claim {claim.id} still has the placeholder '{PLACEHOLDER}' as its "
                    f"{' and '.join(fields)}: name the metric (rules/metrics.yaml lists the "
                    "declared ones; add aliases there so extract finds it next time)"
                ),
                claims=(claim.id,),
                key=claim.key,
                suspect=claim.id,
            )


KIND = Kind(
    name="placeholder",
    summary="A proposed claim whose metric is still the placeholder _todo.",
    what=(
        "reports every claim whose metric, or whose share's whole (of:), is the placeholder "
        "`_todo` that `nqpf-check extract` writes when no declared alias names the figure's "
        "metric."
    ),
    why=("a claim without its metric is grouped with nothing, so nothing checks it."),
    options={},
    check=check,
)
