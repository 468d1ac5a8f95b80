"""agreement: claims of the same metric, entity, period, measure and basis must agree.

Two values agree when the intervals they admit overlap: their stated precision
("3.38 million" admits 3.375 to 3.385 million), their qualifiers ("more than
half") and their ranges. Figures in other currencies are converted at the
period's reference rate first. Values that do not agree are split into clusters;
the cluster the evidence favours (an official source, else more independent
sources, else the only one that fits a stated growth rate or share) is the
reference, and each other cluster is reported against it with a diagnosis and
its claims as the suspects. Different explicit bases (NBS, CAAM) are not held to
agree: their difference is info.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property

from nqpf_check.checks.base import Context, Item, Kind, Option, Problem, RuleSpec
from nqpf_check.checks.consensus import (
    Cluster,
    Reach,
    clusters,
    items_of,
    listed,
    reference,
)
from nqpf_check.checks.diagnose import BENIGN, Evidence, Figure, diagnose
from nqpf_check.checks.ratios import in_currency
from nqpf_check.checks.relations import Relations
from nqpf_check.checks.series import Series
from nqpf_check.claims.model import Key
from nqpf_check.quantities.values import Value, format_number
from nqpf_check.reference import find_rate

FIX = (
    "Correct the suspect's value from its source, or add `suppress: {agreement: reason}` "
    "to it if the difference is accepted."
)


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for every group of claims whose values disagree."""
    judge = _Judge(ctx, spec)
    groups: dict[Key, list[Item]] = defaultdict(list)
    for item in items_of(ctx, (c for c in ctx.claims if spec.applies_to(c.metric))):
        groups[item.claim.key].append(item)
    for key, items in groups.items():
        if len(items) >= 2:
            yield from judge.group(key, items)


class _Judge:
    """Judges the groups of one run, with the evidence of the whole claim set at hand."""

    def __init__(self, ctx: Context, spec: RuleSpec) -> None:
        self.ctx = ctx
        self.minor = float(spec.options["minor"])
        self.rate_tolerance = float(spec.options["rate_tolerance"])
        self.tolerances = (
            float(spec.options["growth_tolerance"]),
            float(spec.options["share_tolerance"]),
        )
        self._series: dict[tuple[str, str, str], Series] = {}

    @cached_property
    def relations(self) -> Relations:
        """Growth and share relations, built the first time two even clusters need them."""
        return Relations(self.ctx, *self.tolerances)

    @cached_property
    def _figures(self) -> dict[tuple[str, str, str], list[Item]]:
        """Every figure by metric, entity and measure, built the first time a diagnosis asks."""
        found: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
        for item in items_of(self.ctx, self.ctx.claims):
            c = item.claim
            found[(c.metric, c.entity, c.measure)].append(item)
        return found

    def evidence(self, key: Key) -> Evidence:
        """Rates and the metric's figures in other periods, for diagnoses in this group."""
        index = (key.metric, key.entity, key.measure)
        series = self._series.get(index)
        if series is None:
            figures = self._figures.get(index, ())
            series = Series((i.claim.period, i.claim.id, i.value) for i in figures)
            self._series[index] = series
        return Evidence(key.period, self.ctx.exchange_rates, self.rate_tolerance, series)

    def group(self, key: Key, items: list[Item]) -> Iterator[Problem]:
        """Judge each dimension of a group, then figures across currencies."""
        by_dimension: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            by_dimension[item.value.dimension].append(item)
        self._beside = by_dimension  # the other currencies' figures, for even clusters
        for members in by_dimension.values():
            if len(members) >= 2:
                yield from self._bases(key, members)
        currencies = {d: m for d, m in by_dimension.items() if d.startswith("[currency_")}
        if len(currencies) >= 2:
            # Every finding stands on its own: one across currencies is not dropped because
            # its claim was judged within its own currency too.
            yield from self._across_currencies(key, currencies)

    def _across_currencies(self, key: Key, groups: dict[str, list[Item]]) -> Iterator[Problem]:
        """Figures in other currencies against the main currency's reference, at the rate.

        A source that gives one figure in two currencies is left to the conversion rule;
        with no rate for the period, only the same digits in another currency tell.
        """
        main = max(
            sorted(groups),
            key=lambda d: (sum(i.official for i in groups[d]), len(groups[d])),
        )
        found, _ = clusters(groups[main])
        ref, why = reference(found) if found else (None, "")
        if ref is None:
            return
        rep = ref.representative
        code = rep.value.unit.name
        paired = {i.claim.source for i in groups[main]}
        for dimension, items in groups.items():
            if dimension == main:
                continue
            unrated: list[Item] = []
            for item in items:
                if item.claim.source in paired:
                    continue
                rate = find_rate(self.ctx.exchange_rates, item.value.unit.name, code, key.period)
                if rate is None:
                    figure = Figure.of(item.value)
                    if diagnose(figure, Figure.of(rep.value), self.evidence(key)) is not None:
                        yield self._against(key, (item,), ref, why)
                    else:
                        unrated.append(item)
                    continue
                factor = 1 / rate[0].rate if rate[1] else rate[0].rate
                converted = in_currency(item.value, code, factor, self.rate_tolerance)
                if not converted.overlaps(rep.value):
                    moved = dataclasses.replace(item, value=converted, written=item.value)
                    used = rate[0]
                    via = (
                        f" (compared at the {used.kind} rate for {used.period}, "
                        f"{format_number(used.rate)} {used.quote} per {used.base}: {used.source})"
                    )
                    yield self._against(key, (moved,), ref, why, via)
            if unrated:
                yield _no_rate(key, unrated, rep)

    def _bases(self, key: Key, items: list[Item]) -> Iterator[Problem]:
        """Compare within each explicit basis; a claim without basis may match any, and a gap
        between a figure with a basis and one without that no slip explains is a question
        about the basis (a warning), not an error."""
        declared = [i for i in items if i.claim.basis]
        based = {i.claim.id: str(i.claim.basis) for i in declared}
        reach = _reach_by_basis(declared)
        for item in items if declared else ():  # no basis, agreeing with one basis: takes it
            if not item.claim.basis:
                agreeing = []
                for basis, figures in reach.items():
                    if figures.overlaps(item.value):
                        agreeing.append(basis)
                        if len(agreeing) > 1:
                            break
                if len(agreeing) == 1:
                    based[item.claim.id] = agreeing[0]
        for problem in self._by_basis(key, items, reach):
            named = set(problem.claims)
            if (
                problem.diagnosis is None
                and named & based.keys()
                and named - based.keys()
                and problem.severity != "info"
            ):
                yield _ask_basis(key, problem, items, based)
            else:
                yield problem

    def _by_basis(self, key: Key, items: list[Item], reach: dict[str, Reach]) -> Iterator[Problem]:
        """Compare within each explicit basis; a claim without basis may match any."""
        bases = sorted(reach)
        if len(bases) <= 1:
            yield from self._compare(key, items)
            return
        per_basis = {b: [i for i in items if i.claim.basis == b] for b in bases}
        for members in per_basis.values():
            yield from self._compare(key, members)
        unbased = [i for i in items if not i.claim.basis]
        any_basis = Reach([i for i in items if i.claim.basis])
        supporting: dict[str, list[Item]] = {}
        for item in unbased:
            if not any_basis.overlaps(item.value):
                nearest = min(bases, key=lambda b: reach[b].distance(item.value))
                members = per_basis[nearest]
                if nearest not in supporting:
                    supporting[nearest] = [u for u in unbased if reach[nearest].overlaps(u.value)]
                supporters = supporting[nearest]
                yield from self._compare(key, [*members, *supporters, item], only=item.claim.id)
        yield from _basis_note(key, per_basis)

    def _compare(self, key: Key, items: list[Item], only: str | None = None) -> Iterator[Problem]:
        found, open_ended = clusters(items)
        if not found:
            return
        ref_cluster, why = reference(found)
        if ref_cluster is None:
            ref_cluster, why = self._by_relations(found)
        if ref_cluster is None:
            ref_cluster, why = self._by_other_currency(key, found)
        if ref_cluster is None:
            if only is None:
                yield self._even(key, found)
            return
        for cluster in found:
            if cluster is not ref_cluster and (only is None or only in cluster.ids()):
                yield self._against(key, cluster.items, ref_cluster, why)
        ref_value = ref_cluster.representative.value
        for item in open_ended:
            if (only is None or only == item.claim.id) and not item.value.overlaps(ref_value):
                yield self._against(key, (item,), ref_cluster, why)

    def _by_other_currency(self, key: Key, found: list[Cluster]) -> tuple[Cluster | None, str]:
        """With even sources in one currency, the only cluster that the reference figure of
        another currency agrees with at the period's rate ($4.46 trillion, not $4.12, beside
        Destatis' 4,121.2 billion euros)."""
        code = found[0].representative.value.unit.name
        if not found[0].representative.value.unit.is_currency:
            return None, ""
        for dimension, items in getattr(self, "_beside", {}).items():
            if not dimension.startswith("[currency_") or dimension == f"[currency_{code}]":
                continue
            clustered, _ = clusters(items)
            other, _why = reference(clustered) if clustered else (None, "")
            if other is None:
                continue
            rep = other.representative
            rate = find_rate(self.ctx.exchange_rates, rep.value.unit.name, code, key.period)
            if rate is None:
                continue
            factor = 1 / rate[0].rate if rate[1] else rate[0].rate
            converted = in_currency(rep.value, code, factor, self.rate_tolerance)
            agreeing = [c for c in found if c.representative.value.overlaps(converted)]
            if len(agreeing) == 1:
                return agreeing[0], (
                    f"only its figure agrees with {rep.as_written.text} ({rep.label}) at the "
                    f"{rate[0].kind} rate for {rate[0].period}"
                )
        return None, ""

    def _by_relations(self, found: list[Cluster]) -> tuple[Cluster | None, str]:
        """With even sources, the only cluster that fits a stated growth rate or share."""
        supports = [self.relations.support(c.representative) for c in found]
        fitting = [i for i, s in enumerate(supports) if s.satisfied]
        if len(fitting) == 1 and all(s.checkable for s in supports):
            note = supports[fitting[0]].notes[0]
            return found[fitting[0]], f"only its figure fits a related claim: {note}"
        return None, ""

    def _against(
        self, key: Key, odd: tuple[Item, ...], reference: Cluster, why: str, via: str = ""
    ) -> Problem:
        ref = reference.representative
        first = odd[0]
        found = diagnose(
            Figure(first.value, first.as_written),
            Figure(ref.value, ref.as_written),
            self.evidence(key),
        )
        others = reference.labels
        count = len(reference.sources)
        said = ref.as_written.text
        reference_text = f"{said} ({others if count == 1 else f'{count} sources: {others}'})"
        gap = _gap(first.value, ref.value)
        if found is not None:
            detail = f"{found.evidence}."
            severity = "info" if found.code in BENIGN else None
        else:
            ratio = first.value.base / ref.value.base if ref.value.base else float("inf")
            detail = (
                f"It is {ratio:.4g} times the reference, {gap * 100:.2g}% beyond what the stated "
                "precision allows; no known slip (scale, currency, period, digits, truncation) "
                "explains the difference."
            )
            severity = "warning" if gap < self.minor else None
        suspects = listed(i.claim.id for i in odd)
        return Problem(
            message=(
                f"{key}: {_describe(odd)}; the reference is {reference_text}{via}. {detail} "
                f"Suspect: {suspects}, because {why}. {FIX}"
            ),
            claims=(*reference.named, *(i.claim.id for i in odd)),
            key=key,
            diagnosis=found.code if found else None,
            suspect=first.claim.id if len(odd) == 1 else None,
            severity=severity,
        )

    def _even(self, key: Key, found: list[Cluster]) -> Problem:
        reps = [c.representative for c in found]
        diagnosis = None
        if len(reps) == 2:
            a, b = (Figure(r.value, r.as_written) for r in reps)
            evidence = self.evidence(key)
            diagnosis = diagnose(b, a, evidence) or diagnose(a, b, evidence)
        said = "; ".join(_describe(c.items) for c in found)
        detail = f" {diagnosis.evidence}." if diagnosis else " No known slip explains it."
        severity = "warning" if diagnosis is None else None
        if diagnosis is not None and diagnosis.code in BENIGN:
            severity = "info"
        return Problem(
            message=(
                f"{key}: sources disagree: {said}.{detail} No source outweighs the others and no "
                "related claim tells them apart: add the official figure as a claim of an "
                "official source to settle which is wrong."
            ),
            claims=tuple(cid for c in found for cid in c.ids()),
            key=key,
            diagnosis=diagnosis.code if diagnosis else None,
            severity=severity,
        )


def _no_rate(key: Key, items: list[Item], rep: Item) -> Problem:
    """Figures in a currency no reference rate relates to the group's: said, not silent."""
    other = items[0].value.unit.name
    code = rep.value.unit.name
    said = "; ".join(f"{i.label} says {i.claim.value}" for i in items)
    return Problem(
        message=(
            f"{key}: {said}, in {other}; the reference is {rep.claim.value} ({rep.label}), in "
            f"{code}. No exchange rate {other}/{code} for {key.period} is known, so they are "
            f"not compared: add one to rules/ (exchange_rates: base: {other}, quote: {code}, "
            f'period: "{key.period}", rate, source) to check them.'
        ),
        claims=(*(i.claim.id for i in items), rep.claim.id),
        key=key,
        severity="info",
    )


def _reach_by_basis(declared: list[Item]) -> dict[str, Reach]:
    """The figures of each declared basis, indexed by value."""
    by_basis: dict[str, list[Item]] = defaultdict(list)
    for item in declared:
        by_basis[str(item.claim.basis)].append(item)
    return {basis: Reach(members) for basis, members in by_basis.items()}


def _ask_basis(key: Key, problem: Problem, items: list[Item], based: dict[str, str]) -> Problem:
    """A gap between figures with and without a basis: ask for the basis, name both sides."""
    named = [i for i in items if i.claim.id in problem.claims]
    with_basis = "; ".join(
        f"{i.label} says {i.as_written.text} ({based[i.claim.id]})"
        for i in named
        if i.claim.id in based
    )
    without = "; ".join(
        f"{i.label} says {i.as_written.text}" for i in named if i.claim.id not in based
    )
    unbased_ids = ", ".join(i.claim.id for i in named if i.claim.id not in based)
    return Problem(
        message=(
            f"{key}: {with_basis}; {without}, with no basis. They differ and no known slip "
            "explains it, so they may be on different statistical bases (nominal or real, "
            f"comparable or not): add basis: to {unbased_ids} from its source, or correct "
            "the figure that is wrong."
        ),
        claims=problem.claims,
        key=key,
        diagnosis="basis-differs",
        severity="warning",
        suspect=problem.suspect if problem.suspect and problem.suspect not in based else None,
    )


def _basis_note(key: Key, per_basis: dict[str, list[Item]]) -> Iterator[Problem]:
    reps = {b: Cluster(tuple(members)).representative for b, members in per_basis.items()}
    values = list(reps.values())
    if all(values[0].value.overlaps(r.value) for r in values[1:]):
        return
    said = "; ".join(f"{b}: {r.as_written.text} ({r.label})" for b, r in reps.items())
    yield Problem(
        message=(
            f"{key}: the figures differ by statistical basis ({said}). Different bases are "
            "not held to agree; cite the basis when quoting a figure."
        ),
        claims=tuple(r.claim.id for r in reps.values()),
        key=key,
        diagnosis="basis-differs",
        severity="info",
    )


def _describe(items: tuple[Item, ...]) -> str:
    return listed(f"{i.label} says {i.as_written.text}" for i in items)


def _gap(odd: Value, ref: Value) -> float:
    """The relative distance between the two values' intervals."""
    if odd.high < ref.low:
        distance = ref.low - odd.high
    elif ref.high < odd.low:
        distance = odd.low - ref.high
    else:
        return 0.0
    scale = max(abs(ref.base), abs(odd.base)) or 1.0
    return distance / scale


KIND = Kind(
    name="agreement",
    summary="Claims of the same metric, entity, period, measure and basis must agree.",
    what=(
        "groups claims by metric, entity, period and measure, converts other currencies at the "
        "period's reference rate, and reports values that cannot be the same figure given their "
        "stated precision and qualifiers, with a diagnosis (scale slip, currency mix-up, another "
        "period's figure, swapped digits, truncation) and the suspect: the claim the official "
        "source, the majority of sources or a related growth rate or share contradicts."
    ),
    why=(
        "two sources giving different numbers for one figure means at least one of them is wrong."
    ),
    options={
        "minor": Option(
            (int, float),
            0.01,
            "a relative gap below which an unexplained difference is a warning, not an error",
        ),
        "rate_tolerance": Option(
            (int, float),
            0.02,
            "relative slack when comparing figures in two currencies at the reference rate",
        ),
        "growth_tolerance": Option(
            (int, float), 0.5, "percentage points a related growth rate may differ by"
        ),
        "share_tolerance": Option(
            (int, float), 0.1, "percentage points a related share may differ by"
        ),
    },
    check=check,
)
