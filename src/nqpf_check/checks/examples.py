"""Pass and fail cases of every rule kind: the tests run them, `explain` shows them.

Each kind has examples/<kind>.yaml: a list of cases, each a few claims over four
sources (gov: official; p1, p2: press; p3: opinion) writing in English (lang: en),
optional rule options, metric vocabulary, exchange rates and source texts, and the
findings expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nqpf_check.claims.model import ClaimSet

SOURCES: dict[str, dict[str, str]] = {
    "gov": {"title": "Official figures", "publisher": "Statistics office", "kind": "official"},
    "p1": {"title": "Report one", "publisher": "Paper One", "kind": "press"},
    "p2": {"title": "Report two", "publisher": "Paper Two", "kind": "press"},
    "p3": {"title": "Comment three", "publisher": "Paper Three", "kind": "opinion"},
}
CLAIM_DEFAULTS = {"metric": "m", "period": "2023", "measure": "level"}


@dataclass(frozen=True)
class Case:
    """One example: claims, the setting of the rule, and the findings it must give."""

    kind: str
    name: str
    claims: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    rule: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] | None = None
    exchange_rates: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def passes(self) -> bool:
        """Whether the case expects no finding."""
        return not self.findings


def load_cases(kind: str) -> list[Case]:
    """The cases of one kind, in file order."""
    import yaml

    path = resources.files("nqpf_check") / "checks" / "examples" / f"{kind}.yaml"
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Case(
            kind=kind,
            name=c["name"],
            claims=c["claims"],
            findings=c["findings"],
            rule=c.get("rule", {}),
            metrics=c.get("metrics"),
            exchange_rates=c.get("exchange_rates", []),
            texts=c.get("texts", {}),
        )
        for c in data
    ]


def case_inputs(case: Case) -> tuple[ClaimSet, str, dict[str, str]]:
    """The case's claims (loaded as a claims file would be), its rules file text, its texts."""
    import yaml

    from nqpf_check.claims.reader import load_claims_text

    sources = {sid: dict(src) for sid, src in SOURCES.items()}
    for sid in case.texts:
        sources[sid]["text"] = f"sources/{sid}.txt"
    claims = [{**CLAIM_DEFAULTS, **c} for c in case.claims]
    defaults = {"entity": "CN", "lang": "en"}
    data = {"version": 1, "defaults": defaults, "sources": sources, "claims": claims}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    claimset = load_claims_text(text, f"<example {case.kind}>/claims.yaml")
    rules: dict[str, Any] = {
        "version": 1,
        "rules": [{"id": case.kind, "kind": case.kind, "severity": "error", **case.rule}],
    }
    if case.metrics is not None:
        rules["metrics"] = case.metrics
    if case.exchange_rates:
        rules["exchange_rates"] = case.exchange_rates
    rules_text = yaml.safe_dump(rules, allow_unicode=True, sort_keys=False)
    return claimset, rules_text, dict(case.texts)


def describe_case(case: Case) -> str:
    """The case's claims in a few lines, for `explain`."""
    lines = []
    for claim in case.claims:
        c = {**CLAIM_DEFAULTS, **claim}
        source = SOURCES[c["source"]]
        value = f"{c['value']} {c['unit']}" if c.get("unit") else str(c["value"])
        what = [c["metric"], c["period"]]
        if c["measure"] != "level":
            what.append(c["measure"] + (f" of {c['of']}" if c.get("of") else ""))
        if c.get("basis"):
            what.append(f"basis {c['basis']}")
        lines.append(f"  {c['id']}: {value!r}  ({source['kind']}; {', '.join(what)})")
        if c.get("quote"):
            lines.append(f"      quote: {c['quote']!r}")
    if case.rule:
        lines.append(f"  rule options: {case.rule}")
    return "\n".join(lines)
