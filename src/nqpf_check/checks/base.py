"""What every rule kind shares: its options, the problems it yields, what it sees."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from nqpf_check.claims.model import Claim, Key, Source
from nqpf_check.quantities.values import Value
from nqpf_check.reference import ExchangeRate, Metric


@dataclass(frozen=True)
class Option:
    """One option of a rule kind: its type, default and what it means; a number may have a
    ``minimum`` and a ``maximum`` (inclusive), which a rules file is refused for leaving.

    An option named ``minor`` or ``...tolerance`` is a tolerance: at least 0 unless its
    ``minimum`` says otherwise.
    """

    type: type | tuple[type, ...]
    default: Any
    doc: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Problem:
    """What a check yields; the engine stamps the rule id and severity on it."""

    message: str
    claims: tuple[str, ...]
    key: Key | None = None
    diagnosis: str | None = None
    suspect: str | None = None
    severity: str | None = None  # None: the rule's own; otherwise at most the rule's


@dataclass(frozen=True, slots=True)
class Item:
    """A claim with its value as read and its source's standing."""

    claim: Claim
    value: Value
    official: bool
    label: str
    written: Value | None = None  # the value as written, where ``value`` is a conversion

    @property
    def as_written(self) -> Value:
        """The value in the claim's own unit."""
        return self.written or self.value


@dataclass(frozen=True)
class Context:
    """Everything a check may read: claims, sources and the values as read."""

    claims: tuple[Claim, ...]
    sources: dict[str, Source]
    values: dict[str, Value]
    unreadable: dict[str, str]
    settings: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Metric] | None = None
    exchange_rates: tuple[ExchangeRate, ...] = ()
    allow_outside_text: bool = False
    texts: dict[str, str] | None = None
    """Source texts by source id, given in memory (examples); None: read each text: file."""
    ambiguous: dict[str, str] = field(default_factory=dict)
    """Notes on values whose sign has two readings (¥), by claim id: how each was settled."""

    def source_of(self, claim: Claim) -> Source:
        """The source of a claim."""
        return self.sources[claim.source]

    def claims_of(self, spec: RuleSpec, measure: str | None = None) -> list[Claim]:
        """The claims a rule covers, optionally of one measure only."""
        claims = self.claims if measure is None else self.by_measure.get(measure, ())
        if spec.metrics is None:
            return list(claims)
        return [c for c in claims if c.metric in spec.metrics]

    @cached_property
    def order(self) -> dict[str, int]:
        """Each claim's place in the claims, by id."""
        return {claim.id: place for place, claim in enumerate(self.claims)}

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        """The claims by id (computed once)."""
        return {c.id: c for c in self.claims}

    @cached_property
    def by_measure(self) -> dict[str, tuple[Claim, ...]]:
        """The claims of each measure (computed once, shared by every rule)."""
        found: dict[str, list[Claim]] = {}
        for claim in self.claims:
            found.setdefault(claim.measure, []).append(claim)
        return {measure: tuple(claims) for measure, claims in found.items()}

    @cached_property
    def items(self) -> dict[str, Item]:
        """Every readable claim as a consensus Item, by claim id (computed once)."""
        official = {sid for sid, s in self.sources.items() if s.kind == "official"}
        labels = {sid: s.label for sid, s in self.sources.items()}
        values = self.values
        return {
            c.id: Item(c, values[c.id], c.source in official, labels[c.source])
            for c in self.claims
            if c.id in values
        }

    @cached_property
    def levels(self) -> dict[tuple[str, str, str], list[Item]]:
        """The readable level claims by (metric, entity, period), as Items (computed once)."""
        found: dict[tuple[str, str, str], list[Item]] = {}
        items = self.items
        for claim in self.by_measure.get("level", ()):
            item = items.get(claim.id)
            if item is not None:
                found.setdefault((claim.metric, claim.entity, claim.period), []).append(item)
        return found


@dataclass(frozen=True)
class RuleSpec:
    """A rule instance from a rules file: which kind, how severe, on what, with what options."""

    id: str
    kind: str
    severity: str
    metrics: tuple[str, ...] | None
    options: dict[str, Any]
    file: str
    line: int
    description: str | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def applies_to(self, metric: str) -> bool:
        """Whether the rule covers this metric."""
        return self.metrics is None or metric in self.metrics


Check = Callable[[Context, RuleSpec], Iterable[Problem]]


@dataclass(frozen=True)
class Kind:
    """A built-in rule kind: its check, its options, its documentation."""

    name: str
    summary: str
    what: str
    """What it does: the documentation's first paragraph."""
    why: str
    """Why it matters: what a finding of this kind means for the figures."""
    options: dict[str, Option]
    check: Check
    ordered: tuple[tuple[str, str], ...] = ()
    """Pairs of options (low, high) where low may not exceed high when both are set."""

    @property
    def doc(self) -> str:
        """What it does and why it matters, as `explain` and the SARIF rule help show it."""
        return f"What it does: {self.what}\nWhy it matters: {self.why}"
