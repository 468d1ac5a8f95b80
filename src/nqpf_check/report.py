"""Findings and the report: sorting, counts, and the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from nqpf_check.claims.model import Key
from nqpf_check.errors import EXIT_FINDINGS, EXIT_OK

SEVERITIES = ("error", "warning", "info")
FAIL_LEVELS = ("error", "warning", "info", "never")
_RANK = {name: i for i, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Location:
    """Where a claim involved in a finding stands."""

    file: str
    line: int
    claim: str


@dataclass(frozen=True)
class Finding:
    """One problem, stamped by the engine with its rule id and severity."""

    rule: str
    severity: str
    message: str
    claims: tuple[str, ...]
    key: Key | None
    diagnosis: str | None
    suspect: str | None
    locations: tuple[Location, ...]

    def primary(self) -> Location | None:
        """Where to point: the suspect's claim, else the first claim involved."""
        for loc in self.locations:
            if loc.claim and loc.claim == self.suspect:
                return loc
        return self.locations[0] if self.locations else None

    def sort_key(self) -> tuple[int, str, str, str, tuple[str, ...]]:
        """Errors first, then by metric, entity and period, then rule."""
        key = str(self.key) if self.key else ""
        return (_RANK[self.severity], key, self.rule, self.message, self.claims)


@dataclass(frozen=True)
class ClaimDetail:
    """A claim as pictures draw it: where, who, what was written, what was read."""

    id: str
    source: str
    source_label: str
    value: str
    base: float
    low: float
    high: float
    unit: str
    dimension: str
    quote: str | None
    file: str
    line: int
    entity: str
    period: str
    measure: str


@dataclass(frozen=True)
class RuleInfo:
    """A rule in force, as reports describe it."""

    id: str
    kind: str
    severity: str
    summary: str
    doc: str


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info."""
    return _RANK[severity]


def lower_severity(a: str, b: str) -> str:
    """The less severe of two severities."""
    return a if _RANK[a] >= _RANK[b] else b


@dataclass(frozen=True)
class Report:
    """The findings of one run over one or more claims files."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    claims: int = 0
    sources: int = 0
    files: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    claim_values: tuple[tuple[str, str], ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    note: str = ""
    details: tuple[ClaimDetail, ...] = ()

    @classmethod
    def build(cls, findings: list[Finding], suppressed: list[Finding], **context: object) -> Report:
        """A report with findings sorted and counted; ``context`` fills the other fields."""
        ordered = tuple(sorted(findings, key=Finding.sort_key))
        counts = Counter(f.severity for f in ordered)
        return cls(
            findings=ordered,
            suppressed=tuple(sorted(suppressed, key=Finding.sort_key)),
            counts={s: counts.get(s, 0) for s in SEVERITIES},
            **context,  # type: ignore[arg-type]
        )

    def only(self, findings: list[Finding], suppressed: list[Finding], note: str = "") -> Report:
        """The same report with other findings (e.g. those of changed claims only)."""
        return Report.build(
            findings,
            suppressed,
            claims=self.claims,
            sources=self.sources,
            files=self.files,
            claim_values=self.claim_values,
            rules=self.rules,
            note=note,
        )

    @cached_property
    def _details_by_id(self) -> dict[str, ClaimDetail]:
        return {detail.id: detail for detail in self.details}

    @cached_property
    def _values_by_id(self) -> dict[str, str]:
        return dict(self.claim_values)

    def detail(self, claim_id: str) -> ClaimDetail | None:
        """The picture data of a claim involved in a finding."""
        return self._details_by_id.get(claim_id)

    def claim_value(self, claim_id: str) -> str:
        """``source: value as written`` of a claim."""
        return self._values_by_id.get(claim_id, claim_id)

    def exit_code(self, fail_on: str) -> int:
        """1 when a finding is at or above ``fail_on``, else 0."""
        if fail_on == "never":
            return EXIT_OK
        limit = _RANK[fail_on]
        failed = any(_RANK[f.severity] <= limit for f in self.findings)
        return EXIT_FINDINGS if failed else EXIT_OK

    def summary(self) -> dict[str, int]:
        """Counts for the summary line and the JSON summary."""
        return {
            "claims": self.claims,
            "sources": self.sources,
            "findings": len(self.findings),
            "error": self.counts.get("error", 0),
            "warning": self.counts.get("warning", 0),
            "info": self.counts.get("info", 0),
            "suppressed": len(self.suppressed),
        }

    def summary_line(self) -> str:
        """One line for people: what was found in how much."""
        s = self.summary()
        parts = [
            _plural(s["error"], "error"),
            _plural(s["warning"], "warning"),
            f"{s['info']} info",
        ]
        text = (
            f"{', '.join(parts)} in {_plural(s['claims'], 'claim')} "
            f"from {_plural(s['sources'], 'source')}"
        )
        if s["suppressed"]:
            text += f" ({s['suppressed']} suppressed)"
        return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
