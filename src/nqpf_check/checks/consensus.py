"""Which of several figures for one thing the evidence favours.

Claims whose values admit a common true value form a cluster. The reference
cluster is the one with an official source (when the others have none), else
the one with more independent sources; where the evidence is even there is none.
Every rule that needs "the" value of a metric in a period asks here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from nqpf_check.checks.base import Context, Item
from nqpf_check.claims.model import Claim
from nqpf_check.quantities.values import Value


@dataclass(frozen=True)
class Cluster:
    """Claims whose values agree with each other."""

    items: tuple[Item, ...]

    @property
    def sources(self) -> set[str]:
        """The distinct sources in the cluster."""
        return {item.claim.source for item in self.items}

    @property
    def official(self) -> bool:
        """Whether an official source is in the cluster."""
        return any(item.official for item in self.items)

    @property
    def representative(self) -> Item:
        """The most telling member: official first, then the most precise point value."""
        return min(
            self.items,
            key=lambda i: (
                not i.official,
                not i.value.exact,
                i.value.high - i.value.low,
                i.claim.id,
            ),
        )

    def ids(self) -> tuple[str, ...]:
        """The claim ids of the cluster."""
        return tuple(item.claim.id for item in self.items)


def items_of(ctx: Context, claims: Iterable[Claim]) -> list[Item]:
    """The claims whose values could be read, as Items."""
    items = ctx.items
    return [items[c.id] for c in claims if c.id in items]


def bounded(value: Value) -> bool:
    """Whether the value's interval is finite at both ends."""
    return math.isfinite(value.low) and math.isfinite(value.high)


def clusters(items: list[Item]) -> tuple[list[Cluster], list[Item]]:
    """Cluster the bounded values by overlap; open-ended ones are returned apart.

    Overlap is not transitive: an imprecise "3.1" overlaps both "3.07" and "3.09",
    which do not overlap each other. A chain whose members share no common value is
    split around its most telling member, so such a bridge never hides a conflict.
    """
    finite = sorted(
        (i for i in items if bounded(i.value)), key=lambda i: (i.value.low, i.value.high)
    )
    open_ended = [i for i in items if not bounded(i.value)]
    groups: list[list[Item]] = []
    for item in finite:
        if groups and any(item.value.overlaps(o.value) for o in groups[-1]):
            groups[-1].append(item)
        else:
            groups.append([item])
    result: list[Cluster] = []
    for group in groups:
        result.extend(_split(group))
    return result, open_ended


def _split(group: list[Item]) -> list[Cluster]:
    """The group as one cluster if its members share a value, else split around its core."""
    if max(i.value.low for i in group) <= min(i.value.high for i in group) or len(group) < 2:
        return [Cluster(tuple(group))]
    core = Cluster(tuple(group)).representative
    inside = [i for i in group if i.value.overlaps(core.value)]
    outside = [i for i in group if i not in inside]
    if not outside:
        return [Cluster(tuple(group))]
    rest, _ = clusters(outside)
    return [*_split(inside), *rest]


def reference(found: list[Cluster]) -> tuple[Cluster | None, str]:
    """The cluster the evidence favours, and why; None when the evidence is even."""
    if len(found) == 1:
        return found[0], "it is the only figure"
    ranked = sorted(found, key=lambda c: (c.official, len(c.sources)), reverse=True)
    best, second = ranked[0], ranked[1]
    if best.official and not second.official:
        return best, "an official source says so"
    if best.official == second.official and len(best.sources) > len(second.sources):
        return best, f"{len(best.sources)} independent sources against {len(second.sources)}"
    return None, ""


def candidates(items: list[Item]) -> list[Item]:
    """The figures a derived check should use: the reference's, else every cluster's."""
    found, _ = clusters(items)
    if not found:
        return []
    ref, _ = reference(found)
    chosen = [ref] if ref is not None else found
    return [c.representative for c in chosen]


def basis_compatible(claim: Claim, basis: str | None) -> bool:
    """Whether a claim may be combined with figures of ``basis`` (None: any)."""
    return basis is None or claim.basis is None or claim.basis == basis
