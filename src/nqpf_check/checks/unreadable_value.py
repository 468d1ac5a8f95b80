"""unreadable-value: a value the parser cannot read with confidence is a finding, not a guess."""

from __future__ import annotations

from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Problem, RuleSpec


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield one problem per claim whose value could not be read, and a note (info) per
    value whose sign has two readings (¥), saying how it was settled."""
    if not ctx.unreadable and not ctx.ambiguous:
        return
    for claim in ctx.claims:
        if (
            claim.id not in ctx.unreadable and claim.id not in ctx.ambiguous
        ) or not spec.applies_to(claim.metric):
            continue
        for said, severity in (
            (ctx.unreadable.get(claim.id), None),
            (ctx.ambiguous.get(claim.id), "info"),
        ):
            if said is not None:
                yield Problem(
                    message=f"{said} (claim {claim.id}, value at line {claim.value_line})",
                    claims=(claim.id,),
                    key=claim.key,
                    severity=severity,
                )


KIND = Kind(
    name="unreadable-value",
    summary="A value that cannot be read with confidence (unknown or ambiguous unit, no number).",
    what=(
        "reports every claim whose value string the parser cannot read with confidence, at its "
        "line; and, as info, every value whose sign has two readings (a bare ¥: yuan or yen) "
        "with the reading taken (the one that agrees with the figures of the same metric) or, "
        "when none decides, that the claim is left out."
    ),
    why=(
        "a guessed unit (B read as byte, M as molar) makes every later check wrong; the claim is "
        "left out of all other rules until its value is fixed."
    ),
    options={},
    check=check,
)
