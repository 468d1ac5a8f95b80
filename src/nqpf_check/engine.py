"""Run the rules over the claims: read values, check, stamp, suppress, report."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from nqpf_check.checks import KINDS
from nqpf_check.checks.ambiguity import settle
from nqpf_check.checks.base import Context, Problem, RuleSpec
from nqpf_check.checks.examples import Case, case_inputs
from nqpf_check.claims.model import Claim, ClaimSet
from nqpf_check.quantities.units import use_vocabulary
from nqpf_check.quantities.values import NO_HINTS, Hints, Value, ValueParseError, parse_value
from nqpf_check.reference import Metric
from nqpf_check.report import (
    ClaimDetail,
    Finding,
    Location,
    Report,
    RuleInfo,
    lower_severity,
)
from nqpf_check.ruleset import RuleSet, load_ruleset_text

UNUSED = "unused-suppression"


def read_values(
    claimsets: Iterable[ClaimSet],
    settings: dict[str, float],
    metrics: dict[str, Metric] | None = None,
) -> tuple[dict[str, Value], dict[str, str]]:
    """Every claim's value as read, and the reason for each value that could not be read.

    A bare sign or ambiguous word is decided by the claim's ``currency`` and its
    metric's declared unit (``metrics``); a ``¥`` neither decides keeps both readings.
    """
    values: dict[str, Value] = {}
    unreadable: dict[str, str] = {}
    approx, nearly = settings.get("approximate", 0.05), settings.get("nearly", 0.05)
    units = {name: m.unit for name, m in (metrics or {}).items() if m.unit}
    for claimset in claimsets:
        for claim in claimset.claims:
            unit = units.get(claim.metric) if units else None
            hints = (
                NO_HINTS if claim.currency is None and unit is None else Hints(claim.currency, unit)
            )
            try:
                value = parse_value(claim.value, approx, nearly, claim.lang, hints)
            except ValueParseError as err:
                unreadable[claim.id] = str(err)
                continue
            if value.change and claim.measure != "yoy":
                unreadable[claim.id] = (
                    f"'{claim.value}' is a change (a word such as fell, rose, down or 下降 says "
                    f"so), but the claim's measure is {claim.measure}: set measure: yoy for a "
                    "growth rate, or write the figure without the direction word"
                )
                continue
            values[claim.id] = value
    return values, unreadable


def make_context(
    claimsets: list[ClaimSet],
    ruleset: RuleSet,
    allow_outside_text: bool = False,
    texts: dict[str, str] | None = None,
) -> Context:
    """What every check reads: the claims and sources of all files, and the values as read."""
    use_vocabulary(ruleset.vocabulary)
    values, unreadable = read_values(claimsets, ruleset.settings, ruleset.metrics)
    claims = tuple(c for cs in claimsets for c in cs.claims)
    units = {name: m.unit for name, m in (ruleset.metrics or {}).items() if m.unit}
    values, ambiguous = settle(claims, values, ruleset.exchange_rates, units)
    return Context(
        claims,
        {sid: s for cs in claimsets for sid, s in cs.sources.items()},
        values,
        unreadable,
        ruleset.settings,
        ruleset.metrics,
        ruleset.exchange_rates,
        allow_outside_text,
        texts,
        ambiguous,
    )


def selected(spec: RuleSpec, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether --select / --ignore keep a rule (by id or by kind)."""
    names = {spec.id, spec.kind}
    if select and not names & set(select):
        return False
    return not names & set(ignore)


def run(
    claimsets: list[ClaimSet],
    ruleset: RuleSet,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    allow_outside_text: bool = False,
) -> Report:
    """Check the claims against the rules and return the report."""
    ctx = make_context(claimsets, ruleset, allow_outside_text)
    return evaluate(ctx, ruleset, tuple(cs.path for cs in claimsets), select, ignore)


def run_case(case: Case) -> Report:
    """One example case of a rule kind, run in memory as the tests and `explain` run it."""
    claimset, rules, texts = case_inputs(case)
    ruleset = load_ruleset_text(rules, f"<example {case.kind}>/rules.yaml")
    ctx = make_context([claimset], ruleset, texts=texts)
    return evaluate(ctx, ruleset, (claimset.path,), select=(case.kind,))


def evaluate(
    ctx: Context,
    ruleset: RuleSet,
    files: tuple[str, ...],
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> Report:
    """The report of the rules over a context made once (``show`` reuses the context)."""
    claims, sources = ctx.claims, ctx.sources
    by_id = ctx.by_id
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    for spec in ruleset.rules:
        if not selected(spec, select, ignore):
            continue
        for finding in _evaluate(ctx, spec, by_id):
            reason = _suppression(finding, by_id)
            if reason is None:
                findings.append(finding)
            else:
                message = f"{finding.message} [suppressed: {reason}]"
                suppressed.append(dataclasses.replace(finding, message=message))
    ran = [spec for spec in ruleset.rules if selected(spec, select, ignore)]
    if selected(_UNUSED_SPEC, select, ignore):
        findings.extend(unused_suppressions(claims, ruleset.rules, ran, suppressed))
    return Report.build(
        findings,
        suppressed,
        claims=len(claims),
        sources=len(sources),
        files=files,
        claim_values=_values_of(by_id, findings, suppressed),
        details=details_of(ctx, [cid for f in findings for cid in f.claims]),
        rules=tuple(
            RuleInfo(s.id, s.kind, s.severity, KINDS[s.kind].summary, KINDS[s.kind].doc)
            for s in ran
        ),
    )


_UNUSED_SPEC = RuleSpec(UNUSED, UNUSED, "warning", None, {}, "<built-in>", 0)


def unused_suppressions(
    claims: tuple[Claim, ...],
    rules: tuple[RuleSpec, ...],
    ran: list[RuleSpec],
    suppressed: list[Finding],
) -> list[Finding]:
    """A suppression that no longer matches a finding is itself a finding (warning).

    Suppressions of rules that exist but were not run (--select, --ignore) are left alone.
    """
    ids = {spec.id for spec in rules}
    ran_ids = {spec.id for spec in ran}
    matched = {(cid, f.rule) for f in suppressed for cid in (f.suspect, *f.claims) if cid}
    result = []
    for claim in claims:
        for rule, _reason in claim.suppress:
            if (claim.id, rule) in matched or (rule in ids and rule not in ran_ids):
                continue
            if rule in ids:
                why = f"no '{rule}' finding involves it any more: remove the suppression"
            else:
                why = (
                    f"'{rule}' is not a rule in force (rules: {', '.join(sorted(ids))}): "
                    "fix the rule id or remove the suppression"
                )
            result.append(
                Finding(
                    rule=UNUSED,
                    severity="warning",
                    message=f"{claim.key}: claim {claim.id} suppresses '{rule}', but {why}.",
                    claims=(claim.id,),
                    key=claim.key,
                    diagnosis=None,
                    suspect=claim.id,
                    locations=(Location(claim.file, claim.line, claim.id),),
                )
            )
    return result


def details_of(ctx: Context, claim_ids: Iterable[str]) -> tuple[ClaimDetail, ...]:
    """Picture data of the claims (whose values could be read), each once, in order."""
    by_id = ctx.by_id
    result = []
    for cid in dict.fromkeys(claim_ids):
        claim, value = by_id.get(cid), ctx.values.get(cid)
        if claim is None or value is None:
            continue
        source = ctx.sources[claim.source]
        result.append(
            ClaimDetail(
                id=cid,
                source=claim.source,
                source_label=source.label,
                value=claim.value,
                base=value.base,
                low=value.low,
                high=value.high,
                unit=value.unit.base_name if value.unit.base_name != "item" else "",
                dimension=value.dimension,
                quote=claim.quote,
                file=claim.file,
                line=claim.line,
                entity=claim.entity,
                period=claim.period,
                measure=claim.measure,
            )
        )
    return tuple(result)


def _values_of(by_id: dict[str, Claim], *groups: list[Finding]) -> tuple[tuple[str, str], ...]:
    """``source: value`` of the claims the findings involve (not of every claim)."""
    ids = dict.fromkeys(cid for group in groups for f in group for cid in f.claims)
    return tuple((cid, f"{by_id[cid].source}: {by_id[cid].value}") for cid in ids if cid in by_id)


def _evaluate(ctx: Context, spec: RuleSpec, by_id: dict) -> list[Finding]:
    """One rule's findings; a crashing rule becomes a finding, not an aborted run."""
    kind = KINDS[spec.kind]
    try:
        return [_stamp(p, spec, by_id) for p in kind.check(ctx, spec)]
    except Exception as err:  # a rule's bug must not hide the other rules' findings
        return [
            Finding(
                rule=spec.id,
                severity="error",
                message=(
                    f"the rule '{spec.id}' failed ({type(err).__name__}: {err}) and checked "
                    "nothing: please report this with the claims that trigger it"
                ),
                claims=(),
                key=None,
                diagnosis=None,
                suspect=None,
                locations=(Location(spec.file, spec.line, ""),),
            )
        ]


def _stamp(problem: Problem, spec: RuleSpec, by_id: dict) -> Finding:
    severity = spec.severity
    if problem.severity is not None:
        severity = lower_severity(problem.severity, spec.severity)
    locations = tuple(
        Location(by_id[cid].file, by_id[cid].line, cid) for cid in problem.claims if cid in by_id
    )
    return Finding(
        rule=spec.id,
        severity=severity,
        message=problem.message,
        claims=problem.claims,
        key=problem.key,
        diagnosis=problem.diagnosis,
        suspect=problem.suspect,
        locations=locations,
    )


def _suppression(finding: Finding, by_id: dict) -> str | None:
    """The reason a claim of the finding gives for suppressing its rule (the suspect's first)."""
    ids = (finding.suspect,) if finding.suspect else finding.claims
    for cid in ids:
        if cid in by_id:
            reason = dict(by_id[cid].suppress).get(finding.rule)
            if reason is not None:
                return f"{cid}: {reason}"
    return None
