"""unreadable-value: a value the parser cannot read with confidence is a finding, not a guess."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Problem, RuleSpec


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield one problem per claim whose value could not be read."""
    for claim in ctx.claims:
        reason = ctx.unreadable.get(claim.id)
        if reason is not None and spec.applies_to(claim.metric):
            yield Problem(
                message=f"{reason} (claim {claim.id}, value at line {claim.value_line})",
                claims=(claim.id,),
                key=claim.key,
            )


KIND = Kind(
    name="unreadable-value",
    summary="A value that cannot be read with confidence (unknown or ambiguous unit, no number).",
    what=(
        "reports every claim whose value string the parser cannot read with confidence, at its "
        "line."
    ),
    why=(
        "a guessed unit (B read as byte, M as molar) makes every later check wrong; the claim is "
        "left out of all other rules until its value is fixed."
    ),
    options={},
    check=check,
)
