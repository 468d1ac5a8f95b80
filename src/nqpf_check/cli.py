"""The command line: Typer only. Options are declared here; each command runs in commands/."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from nqpf_check.errors import EXIT_INPUT, InputError, UsageError
from nqpf_check.report import FAIL_LEVELS
from nqpf_check.reporters import FORMAT_CHOICES

app = typer.Typer(
    name="nqpf-check",
    help="Check numeric claims across sources: unit-aware, grouped, diagnosed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


Format = StrEnum("Format", {name: name for name in FORMAT_CHOICES})  # type: ignore[misc]
"""Output formats of ``check``; ``auto`` is github under GitHub Actions, else table."""

FailOn = StrEnum("FailOn", {name: name for name in FAIL_LEVELS})  # type: ignore[misc]
"""The lowest severity that makes ``check`` exit 1."""


NoBuiltinOption = Annotated[
    bool,
    typer.Option(
        "--no-builtin-rules",
        help="Use the rules folder alone, without the built-in rules, rates and words "
        "(as builtin: false in a rules file).",
    ),
]


@app.command()
def check(
    claims: Annotated[
        list[Path] | None,
        typer.Argument(help="Claims files (default: ./claims.yaml, or [tool.nqpf-check] claims)."),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="Rules folder (default: rules/ beside the claims file, else the built-in rules).",
        ),
    ] = None,
    format: Annotated[
        Format | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the format to this file; the table still goes to the terminal.",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exit 1 when a finding is at or above this (default: error)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="The same as --fail-on warning.")
    ] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Run only these rules (id or kind).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rules (id or kind).")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Check every claim, but report only findings of claims added or changed "
            "since this git revision.",
        ),
    ] = None,
    show_suppressed: Annotated[
        bool, typer.Option("--show-suppressed", help="List suppressed findings too.")
    ] = False,
    allow_outside_text: Annotated[
        bool,
        typer.Option(
            "--allow-outside-text", help="Read source texts outside the claims file's folder."
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", help="Rows of the table at most; 0 shows all (default: 50)."),
    ] = None,
    no_builtin_rules: NoBuiltinOption = False,
) -> None:
    """Check claims files and report conflicts, with diagnoses and suspects."""
    from nqpf_check.commands.check import run_check
    from nqpf_check.commands.options import merge

    if strict and fail_on is not None and fail_on != FailOn.warning:
        raise typer.BadParameter("--strict is --fail-on warning: give one of them")
    if limit is not None and limit < 0:
        raise typer.BadParameter(
            f"{limit} is below 0: give the most rows the table may show, or 0 for all",
            param_hint="'--limit'",
        )
    given = {
        "claims": claims,
        "rules": rules,
        "format": format.value if format else None,
        "output": output,
        "fail_on": "warning" if strict else (fail_on.value if fail_on else None),
        "select": select,
        "ignore": ignore,
        "changed_since": changed_since,
        "show_suppressed": show_suppressed or None,
        "allow_outside_text": allow_outside_text or None,
        "limit": limit,
        "builtin_rules": False if no_builtin_rules else None,
    }
    finish(lambda: run_check(merge(given, Path.cwd())))


@app.command()
def parse(
    value: Annotated[str, typer.Argument(help='A value string, e.g. "3.3278万亿元".')],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="The language the value is written in (BCP 47: en, de, fr, zh)."
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            "--currency",
            help="The currency a bare sign stands for (ISO 4217), as a claim's currency: says.",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="The metric's declared unit, which decides kt, pounds, ¥."),
    ] = None,
) -> None:
    """Show how a value string is read: magnitude, unit, interval, precision."""
    from nqpf_check.commands.parse import run_parse

    finish(lambda: run_parse(value, json_out, lang, currency, unit))


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Rules folder (default: rules/ beside the claims file, else the built-in rules).",
    ),
]
ClaimsForRules = Annotated[
    Path, typer.Option("--claims", help="The claims file whose rules/ folder to read.")
]


@app.command("rules")
def list_rules(
    rules: RulesOption = None,
    claims: ClaimsForRules = Path("claims.yaml"),
    no_builtin_rules: NoBuiltinOption = False,
) -> None:
    """List the rules in force, with their kind, severity, metrics and options."""
    from nqpf_check.commands.rules import run_rules

    finish(lambda: run_rules(rules, claims, not no_builtin_rules))


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id in force, or a rule kind.")],
    rules: RulesOption = None,
    claims: ClaimsForRules = Path("claims.yaml"),
    no_builtin_rules: NoBuiltinOption = False,
) -> None:
    """Document a rule: what it does, why it matters, options, a passing and a failing example."""
    from nqpf_check.commands.explain import run_explain

    finish(lambda: run_explain(rule, rules, claims, not no_builtin_rules))


@app.command()
def extract(
    texts: Annotated[list[Path], typer.Argument(help="Plain-text articles to read.")],
    source: Annotated[
        str | None,
        typer.Option("--source", help="The source id of the claims (default: the file name)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The source's date, YYYY-MM-DD, for 'last year' and "
            "'this year' (default: the source's date in --append's file).",
        ),
    ] = None,
    append: Annotated[
        Path | None,
        typer.Option(
            "--append",
            help="Append the claims to this claims file (atomic; "
            "comments and layout stay) instead of printing them.",
        ),
    ] = None,
    rules: RulesOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language the texts write numbers in (BCP 47: en, de, fr, zh; default: "
            "the source's lang in --append's file, else English).",
        ),
    ] = None,
    no_builtin_rules: NoBuiltinOption = False,
) -> None:
    """Propose claims from plain text: every quantity, with metric, period and measure."""
    from nqpf_check.commands.extract import ExtractOptions, run_extract

    given = ExtractOptions(tuple(texts), source, date, append, rules, lang, not no_builtin_rules)
    finish(lambda: run_extract(given))


@app.command()
def show(
    metric: Annotated[str, typer.Argument(help="The metric to show, e.g. rd_expenditure.")],
    claims: Annotated[
        list[Path] | None, typer.Argument(help="Claims files (default: ./claims.yaml).")
    ] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only this entity.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="Only this period.")] = None,
    rules: RulesOption = None,
    no_builtin_rules: NoBuiltinOption = False,
) -> None:
    """Every claim of one metric, across sources and periods: a table and a chart."""
    from nqpf_check.commands.show import run_show

    files = claims or [Path("claims.yaml")]
    finish(lambda: run_show(metric, files, entity, period, rules, not no_builtin_rules))


@app.command()
def schema(
    rules: Annotated[
        bool, typer.Option("--rules", help="The schema of rules files instead.")
    ] = False,
) -> None:
    """Print the JSON Schema (2020-12) of claims files, or of rules files with --rules."""
    from nqpf_check.commands.schema import run_schema

    finish(lambda: run_schema(rules))


def finish(command: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its code; a bad input or name exits 2 with its message."""
    try:
        code = command()
    except InputError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(EXIT_INPUT) from None
    except UsageError as err:
        raise typer.BadParameter(err.message, param_hint=err.param) from None
    raise typer.Exit(code)


def main() -> None:
    """Entry point of the ``nqpf-check`` command."""
    app()
