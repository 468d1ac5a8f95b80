"""Which of several figures for one thing the evidence favours.

Claims whose values admit a common true value form a cluster. The reference
cluster is the one with an official source (when the others have none), else
the one with more independent sources; where the evidence is even there is none.
Every rule that needs "the" value of a metric in a period asks here.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from nqpf_check.checks.base import Context, Item
from nqpf_check.claims.model import Claim
from nqpf_check.quantities.values import Value


@dataclass(frozen=True)
class Cluster:
    """Claims whose values agree with each other."""

    items: tuple[Item, ...]

    @cached_property
    def sources(self) -> frozenset[str]:
        """The distinct sources in the cluster."""
        return frozenset(item.claim.source for item in self.items)

    @cached_property
    def official(self) -> bool:
        """Whether an official source is in the cluster."""
        return any(item.official for item in self.items)

    @cached_property
    def representative(self) -> Item:
        """The most telling member: official first, then the most precise point value."""
        return min(self.items, key=_rank)

    def ids(self) -> tuple[str, ...]:
        """The claim ids of the cluster."""
        return tuple(item.claim.id for item in self.items)

    @cached_property
    def named(self) -> tuple[str, ...]:
        """The claims a finding names for the cluster: the representative, then the first
        others up to NAMED in all (a finding about one figure does not list 10,000)."""
        rep = self.representative.claim.id
        rest = (cid for cid in self.ids() if cid != rep)
        return (rep, *itertools.islice(rest, NAMED - 1))

    @cached_property
    def labels(self) -> str:
        """The cluster's sources by label, each once, sorted; beyond NAMED, how many more."""
        by_source = {item.claim.source: item.label for item in self.items}
        return listed(sorted(by_source.values()))


NAMED = 10
"""How many claims or sources a finding names for one cluster before it counts the rest."""


def listed(words: Iterable[str], limit: int = NAMED) -> str:
    """Words joined by commas, the first ``limit`` of them, then "and N more"."""
    words = list(words)
    if len(words) <= limit:
        return ", ".join(words)
    return f"{', '.join(words[:limit])} and {len(words) - limit:,} more"


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
    split around its most telling member, then around the most telling of the rest,
    so such a bridge never hides a conflict. Clusters come in ascending order of value.
    The cost is O(n log n) in the number of items, whatever their shape.
    """
    finite = sorted(
        (i for i in items if bounded(i.value)), key=lambda i: (i.value.low, i.value.high)
    )
    open_ended = [i for i in items if not bounded(i.value)]
    result: list[Cluster] = []
    for chain in _chains(finite):
        result.extend(_split(chain))
    result.sort(key=lambda c: (c.items[0].value.low, c.items[0].value.high))
    return result, open_ended


def _chains(finite: list[Item]) -> Iterator[list[Item]]:
    """Runs of values (sorted by low) each overlapping an earlier member of its run."""
    chain: list[Item] = []
    reach = -math.inf  # the highest high of the run
    edge: list[Item] = []  # the members whose high is the reach, up to rounding
    for item in finite:
        value = item.value
        if chain and not _reaches(value, reach, edge):
            yield chain
            chain, reach, edge = [], -math.inf, []
        chain.append(item)
        if value.high > reach:
            near = value.high - 1e-9 * max(1.0, abs(value.high))
            edge = [o for o in edge if o.value.high >= near]
            reach = value.high
        if value.high >= reach - 1e-9 * max(1.0, abs(reach)):
            edge.append(item)
    if chain:
        yield chain


def _reaches(value: Value, reach: float, edge: list[Item]) -> bool:
    """Whether ``value`` (its low at least every low of the run) overlaps a member of it."""
    eps = 1e-9 * max(1.0, abs(value.low), abs(reach))
    if value.low < reach - eps:
        return True  # inside the member that reaches furthest
    if value.low > reach + eps:
        return False
    # At the edge of the reach, only an exact test knows (open ends, rounding).
    return any(value.overlaps(o.value) for o in edge)


def _split(chain: list[Item]) -> list[Cluster]:
    """The chain as one cluster if its members share a value, else cut into clusters: the
    most telling member and every value it overlaps, then the same again on the rest."""
    if len(chain) < 2 or max(i.value.low for i in chain) <= min(i.value.high for i in chain):
        return [Cluster(tuple(chain))]
    tree = _Open(chain)
    found: list[Cluster] = []
    for index in sorted(range(len(chain)), key=lambda k: _rank(chain[k])):
        if tree.taken[index]:
            continue
        core = chain[index]
        members = [k for k in tree.overlapping(core.value) if chain[k].value.overlaps(core.value)]
        if index not in members:
            members.append(index)
        members.sort()
        for k in members:
            tree.take(k)
        found.append(Cluster(tuple(chain[k] for k in members)))
    return found


def _rank(item: Item) -> tuple[bool, bool, float, str]:
    """Official first, then exact, then the narrowest interval, then the id."""
    return (
        not item.official,
        not item.value.exact,
        item.value.high - item.value.low,
        item.claim.id,
    )


class _Open:
    """The members of a chain not yet in a cluster: a max-tree of highs over the lows' order,
    so the values overlapping an interval are found in O(log n) each."""

    def __init__(self, chain: list[Item]) -> None:
        self.lows = [i.value.low for i in chain]
        size = 1
        while size < len(chain):
            size *= 2
        self.size = size
        tree = [-math.inf] * (2 * size)
        tree[size : size + len(chain)] = [i.value.high for i in chain]
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self.tree = tree
        self.taken = bytearray(len(chain))
        ends = [abs(x) for i in chain for x in (i.value.low, i.value.high)]
        self.slack = 1e-9 * max(1.0, *ends)  # the widest rounding allowance intervals_overlap uses

    def overlapping(self, value: Value) -> list[int]:
        """Indexes of open members whose low is at most the value's high and whose high is at
        least its low (with rounding slack): a superset of those that overlap it."""
        stop = bisect.bisect_right(self.lows, value.high + self.slack)
        floor = value.low - self.slack
        tree, size = self.tree, self.size
        found: list[int] = []
        stack = [(1, 0, size)]
        while stack:
            node, start, end = stack.pop()
            if start >= stop or tree[node] < floor:
                continue
            if node >= size:
                found.append(start)
                continue
            middle = (start + end) // 2
            stack.append((2 * node + 1, middle, end))
            stack.append((2 * node, start, middle))
        return found

    def take(self, index: int) -> None:
        """Remove a member from the open ones."""
        self.taken[index] = 1
        node = self.size + index
        tree = self.tree
        tree[node] = -math.inf
        node //= 2
        while node:
            best = max(tree[2 * node], tree[2 * node + 1])
            if tree[node] == best:
                break
            tree[node] = best
            node //= 2


class Reach:
    """Some figures indexed by value: whether any overlaps a value, and the distance to the
    nearest, each in O(log n) (a scan per question made mixed bases quadratic)."""

    def __init__(self, items: list[Item]) -> None:
        ordered = sorted((i for i in items if bounded(i.value)), key=lambda i: i.value.low)
        self.items = ordered
        self.lows = [i.value.low for i in ordered]
        self.furthest: list[Item] = []  # of the first k figures, the one reaching highest
        for item in ordered:
            if not self.furthest or item.value.high > self.furthest[-1].value.high:
                self.furthest.append(item)
            else:
                self.furthest.append(self.furthest[-1])
        self.unbounded = [i for i in items if not bounded(i.value)]
        self.bases = sorted(i.value.base for i in items)
        ends = [abs(x) for i in ordered for x in (i.value.low, i.value.high)]
        self.slack = 1e-9 * max(1.0, *ends)

    def overlaps(self, value: Value) -> bool:
        """Whether a figure overlaps ``value``."""
        if any(i.value.overlaps(value) for i in self.unbounded):
            return True
        stop = bisect.bisect_right(self.lows, value.high + self.slack)
        if stop == 0:
            return False
        best = self.furthest[stop - 1]
        if best.value.overlaps(value):
            return True
        if best.value.high < value.low - self.slack:
            return False
        # At an edge (open ends, rounding): only an exact test of the figures there knows.
        floor = value.low - self.slack
        return any(i.value.overlaps(value) for i in self.items[:stop] if i.value.high >= floor)

    def distance(self, value: Value) -> float:
        """How far the nearest figure's stated number is from the value's."""
        at = bisect.bisect_left(self.bases, value.base)
        near = self.bases[max(0, at - 1) : at + 1]
        return min((abs(value.base - b) for b in near), default=math.inf)


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
