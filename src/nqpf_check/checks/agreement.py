"""agreement: claims of the same metric, entity, period, measure and basis must agree.

Two values agree when the intervals they admit overlap: their stated precision
("3.38 million" admits 3.375 to 3.385 million), their qualifiers ("more than
half") and their ranges. Values that do not agree are split into clusters; the
cluster that the evidence favours (an official source, else more independent
sources) is the reference, and each other cluster is reported against it with a
diagnosis and its claims as the suspects. Different explicit bases (NBS, CAAM)
are not held to agree: their difference is info.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from nqpf_check.checks.base import Context, Kind, Option, Problem, RuleSpec
from nqpf_check.claims import Key
from nqpf_check.consensus import Cluster, Item, clusters, items_of, reference
from nqpf_check.diagnose import diagnose
from nqpf_check.values import Value

FIX = (
    "Correct the suspect's value from its source, or add `suppress: {agreement: reason}` "
    "to it if the difference is accepted."
)


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for every group of claims whose values disagree."""
    groups: dict[tuple[Key, str], list[Item]] = defaultdict(list)
    for item in items_of(ctx, (c for c in ctx.claims if spec.applies_to(c.metric))):
        groups[(item.claim.key, item.value.dimension)].append(item)
    minor = float(spec.options.get("minor", 0.01))
    for (key, _dimension), items in groups.items():
        if len(items) >= 2:
            yield from _check_group(key, items, minor)


def _check_group(key: Key, items: list[Item], minor: float) -> Iterator[Problem]:
    bases = sorted({i.claim.basis for i in items if i.claim.basis})
    if len(bases) <= 1:
        yield from _compare(key, items, minor)
        return
    per_basis = {b: [i for i in items if i.claim.basis == b] for b in bases}
    for members in per_basis.values():
        yield from _compare(key, members, minor)
    unbased = [i for i in items if not i.claim.basis]
    for item in unbased:
        if not any(item.value.overlaps(o.value) for o in items if o.claim.basis):
            nearest = min(bases, key=lambda b: _distance(item, per_basis[b]))
            basis_items = per_basis[nearest]
            supporters = [u for u in unbased if any(u.value.overlaps(o.value) for o in basis_items)]
            yield from _compare(key, [*basis_items, *supporters, item], minor, only=item.claim.id)
    yield from _basis_note(key, per_basis)


def _distance(item: Item, others: list[Item]) -> float:
    return min(abs(item.value.base - o.value.base) for o in others)


def _basis_note(key: Key, per_basis: dict[str, list[Item]]) -> Iterator[Problem]:
    reps = {b: Cluster(tuple(members)).representative for b, members in per_basis.items()}
    values = list(reps.values())
    if all(values[0].value.overlaps(r.value) for r in values[1:]):
        return
    said = "; ".join(f"{b}: {r.value.text} ({r.label})" for b, r in reps.items())
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


def _compare(
    key: Key, items: list[Item], minor: float, only: str | None = None
) -> Iterator[Problem]:
    found, open_ended = clusters(items)
    if not found:
        return
    ref_cluster, why = reference(found)
    if ref_cluster is None:
        if only is None:
            yield _even(key, found)
        return
    for cluster in found:
        if cluster is not ref_cluster and (only is None or only in cluster.ids()):
            yield _against(key, cluster.items, ref_cluster, why, minor)
    ref_value = ref_cluster.representative.value
    for item in open_ended:
        if (only is None or only == item.claim.id) and not item.value.overlaps(ref_value):
            yield _against(key, (item,), ref_cluster, why, minor)


def _describe(items: tuple[Item, ...]) -> str:
    return ", ".join(f"{i.label} says {i.value.text}" for i in items)


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


def _against(
    key: Key, odd: tuple[Item, ...], reference: Cluster, why: str, minor: float
) -> Problem:
    ref = reference.representative
    first = odd[0]
    found = diagnose(first.value, ref.value)
    others = ", ".join(sorted(i.label for i in reference.items))
    count = len(reference.sources)
    reference_text = (
        f"{ref.value.text} ({others})"
        if count == 1
        else f"{ref.value.text} ({count} sources: {others})"
    )
    severity = None
    if found is not None:
        detail = f"{found.evidence}."
        if found.code == "truncated":
            severity = "info"
    else:
        ratio = first.value.base / ref.value.base if ref.value.base else float("inf")
        gap = _gap(first.value, ref.value)
        detail = (
            f"It is {ratio:.4g} times the reference, {gap * 100:.2g}% beyond what the stated "
            "precision allows; no known slip explains the difference."
        )
        if gap < minor:
            severity = "warning"
    suspect = first.claim.id if len(odd) == 1 else None
    return Problem(
        message=(
            f"{key}: {_describe(odd)}; the reference is {reference_text}. {detail} "
            f"Suspect: {', '.join(i.claim.id for i in odd)}, because {why}. {FIX}"
        ),
        claims=(*reference.ids(), *(i.claim.id for i in odd)),
        key=key,
        diagnosis=found.code if found else None,
        suspect=suspect,
        severity=severity,
    )


def _even(key: Key, clusters: list[Cluster]) -> Problem:
    reps = [c.representative for c in clusters]
    found = None
    if len(reps) == 2:
        found = diagnose(reps[1].value, reps[0].value) or diagnose(reps[0].value, reps[1].value)
    said = "; ".join(_describe(c.items) for c in clusters)
    detail = f" {found.evidence}." if found else ""
    return Problem(
        message=(
            f"{key}: sources disagree: {said}.{detail} No source outweighs the others: add the "
            "official figure as a claim of an official source to settle which is wrong."
        ),
        claims=tuple(cid for c in clusters for cid in c.ids()),
        key=key,
        diagnosis=found.code if found else None,
        severity="info" if found and found.code == "truncated" else None,
    )


KIND = Kind(
    name="agreement",
    summary="Claims of the same metric, entity, period, measure and basis must agree.",
    doc=(
        "What it does: groups claims by metric, entity, period and measure, and reports values "
        "that cannot be the same figure given their stated precision and qualifiers.\n"
        "Why it matters: two sources giving different numbers for one figure means at least "
        "one of them is wrong.\n"
        'Passes: "3.38 million" against "3.377 million" (equal when rounded)\n'
        'Fails: "3,327.8 billion RMB" against "3.327 billion yuan" (a scale slip)'
    ),
    options={
        "minor": Option(
            (int, float),
            0.01,
            "a relative gap below which an unexplained difference is a warning, not an error",
        ),
    },
    check=check,
)
