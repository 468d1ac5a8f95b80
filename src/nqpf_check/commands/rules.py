"""`rules`: the rules in force, with their kind, severity, metrics, options and origin."""

from __future__ import annotations

from pathlib import Path

from nqpf_check.errors import EXIT_OK
from nqpf_check.ruleset import RuleSet, load_rules_for


def rules_table(ruleset: RuleSet) -> tuple[list[tuple[str, ...]], str]:
    """Rows (id, kind, severity, metrics, options, where) and a closing line."""
    rows = []
    for spec in ruleset.rules:
        options = ", ".join(f"{k}={v}" for k, v in spec.options.items())
        metrics = "all" if spec.metrics is None else ", ".join(spec.metrics)
        where = spec.file if spec.line == 0 else f"{spec.file}:{spec.line}"
        rows.append((spec.id, spec.kind, spec.severity, metrics, options, where))
    vocabulary = (
        "no metric vocabulary"
        if ruleset.metrics is None
        else f"{len(ruleset.metrics)} metrics declared"
    )
    closing = (
        f"{len(ruleset.rules)} rules from {ruleset.origin}; {vocabulary}; "
        f"{len(ruleset.exchange_rates)} exchange rates. `nqpf-check explain RULE` documents one."
    )
    return rows, closing


def run_rules(rules: Path | None, claims: Path, builtin: bool = True) -> int:
    """Print the table of rules in force and a closing line."""
    from rich.table import Table
    from rich.text import Text

    from nqpf_check.reporters import visible
    from nqpf_check.reporters.console import make_console

    rows, closing = rules_table(load_rules_for(rules, claims, builtin))
    table = Table()
    for name in ("Rule", "Kind", "Severity"):
        table.add_column(name, no_wrap=True)
    for name in ("Metrics", "Options", "Defined at"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text(visible(cell)) for cell in row))
    console = make_console()
    console.print(table)
    ruleset = load_rules_for(rules, claims, builtin)
    if ruleset.exchange_rates:
        rates = Table(title="Exchange rates")
        for name in ("Pair", "Period", "Rate", "Source", "Defined at"):
            rates.add_column(name, overflow="fold")
        for rate in ruleset.exchange_rates:
            rates.add_row(
                *(
                    Text(visible(cell))
                    for cell in (
                        f"{rate.base}/{rate.quote}",
                        rate.period,
                        f"{rate.rate:g}",
                        rate.source,
                        f"{rate.file}:{rate.line}",
                    )
                )
            )
        console.print(rates)
    if ruleset.words:
        words = Table(title="Unit words of the rules folder (read before the built-in ones)")
        for name in ("Word", "Means", "Defined at"):
            words.add_column(name, overflow="fold")
        for row in ruleset.words:
            words.add_row(*(Text(visible(cell)) for cell in row))
        console.print(words)
    console.print(Text(visible(closing)))
    console.print(
        Text("The built-in unit words are in src/nqpf_check/data/units.yaml (package data).")
    )
    return EXIT_OK
