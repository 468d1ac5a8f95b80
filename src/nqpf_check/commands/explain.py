"""`explain RULE`: a rule's documentation, options and examples, as in force."""

from __future__ import annotations

from pathlib import Path

from nqpf_check.checks import KINDS
from nqpf_check.checks.base import RuleSpec
from nqpf_check.checks.examples import Case, describe_case, load_cases
from nqpf_check.errors import EXIT_OK, UsageError, printable
from nqpf_check.names import did_you_mean
from nqpf_check.ruleset import RuleSet, load_rules_for


def find_rule(ruleset: RuleSet, name: str) -> tuple[str, RuleSpec | None]:
    """The kind of a rule id in force, or of a kind name; UsageError when neither."""
    for spec in ruleset.rules:
        if spec.id == name:
            return spec.kind, spec
    if name in KINDS:
        return name, None
    known = sorted({s.id for s in ruleset.rules} | set(KINDS))
    raise UsageError("RULE", f"unknown rule '{name}': {did_you_mean(name, known, 'known:')}")


def _run_case(case: Case) -> list[str]:
    """The messages the case gives when it is run, as the tests run it."""
    from nqpf_check.engine import run_case

    return [f"{f.severity}: {f.message}" for f in run_case(case).findings]


def explain(ruleset: RuleSet, name: str) -> str:
    """The documentation of a rule or kind, with a passing and a failing example."""
    kind_name, spec = find_rule(ruleset, name)
    kind = KINDS[kind_name]
    lines = [f"{spec.id if spec else kind.name}  (kind {kind.name})", "", kind.summary, ""]
    if spec is not None:
        where = printable(spec.file if spec.line == 0 else f"{spec.file}:{spec.line}")
        lines += [
            f"In force: severity {spec.severity}, metrics "
            f"{'all' if spec.metrics is None else ', '.join(spec.metrics)} ({where})"
        ]
        if spec.description:
            lines.append(printable(spec.description))  # a rules file's text: one line
        lines.append("")
    lines += [kind.doc, ""]
    if kind.options:
        lines.append("Options:")
        for option_name, option in kind.options.items():
            value = spec.options.get(option_name) if spec else option.default
            shown = "required" if option.required and value is None else f"{value!r}"
            lines.append(f"  {option_name} = {shown}: {option.doc}")
        lines.append("")
    cases = load_cases(kind.name)
    passing = next((c for c in cases if c.passes), None)
    failing = next((c for c in cases if not c.passes), None)
    if passing is not None:
        lines += [f"Passes: {passing.name}", describe_case(passing), ""]
    if failing is not None:
        lines += [f"Fails: {failing.name}", describe_case(failing)]
        lines += [f"  -> {message}" for message in _run_case(failing)]
    return "\n".join(lines).rstrip() + "\n"


def run_explain(name: str, rules: Path | None, claims: Path, builtin: bool = True) -> int:
    """Print the documentation of a rule in force or a kind."""
    print(explain(load_rules_for(rules, claims, builtin), name), end="")
    return EXIT_OK


def kinds_markdown() -> str:
    """The table of rule kinds for the README, from each kind's own documentation."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = ["| kind | what it does | options (default): meaning |", "|---|---|---|"]
    for kind in KINDS.values():
        options = "; ".join(
            f"`{name}` ({'required' if option.required else _yaml(option.default)}): {option.doc}"
            for name, option in kind.options.items()
        )
        what = kind.what[:1].upper() + kind.what[1:]
        rows.append(f"| `{kind.name}` | {cell(what)} | {cell(options or 'none')} |")
    return "\n".join(rows) + "\n"


def _yaml(value: object) -> str:
    """A default as a rules file writes it (null, true, 0.5)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)
