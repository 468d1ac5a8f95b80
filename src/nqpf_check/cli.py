"""The command line: options in, load, check, render, exit code out. Nothing heavy at import."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nqpf_check.errors import EXIT_INPUT, InputError

app = typer.Typer(
    name="nqpf-check",
    help="Check numeric claims across sources: unit-aware, grouped, diagnosed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    """Output formats of ``check``; ``auto`` is github under GitHub Actions, else table."""

    table = "table"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    markdown = "markdown"
    html = "html"
    auto = "auto"


class FailOn(StrEnum):
    """The lowest severity that makes ``check`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


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
        int, typer.Option("--limit", help="Rows of the table at most; 0 shows all.")
    ] = 50,
) -> None:
    """Check claims files and report conflicts, with diagnoses and suspects."""
    from nqpf_check.commands.check import run_check
    from nqpf_check.commands.options import merge

    if strict and fail_on is not None and fail_on != FailOn.warning:
        raise typer.BadParameter("--strict is --fail-on warning: give one of them")
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
    }
    with input_errors():
        code = run_check(merge(given, Path.cwd()))
    raise typer.Exit(code)


@app.command()
def parse(
    value: Annotated[str, typer.Argument(help='A value string, e.g. "3.3278万亿元".')],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show how a value string is read: magnitude, unit, interval, precision."""
    from nqpf_check.commands.parse import describe_value
    from nqpf_check.quantities.values import ValueParseError, parse_value

    try:
        parsed = parse_value(value)
    except ValueParseError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(describe_value(parsed, as_json=json_out))


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


def _ruleset(rules: Path | None, claims: Path):
    from nqpf_check.ruleset import load_ruleset, resolve_rules_dir

    folder, origin = resolve_rules_dir(rules, claims)
    return load_ruleset(folder, origin)


@app.command("rules")
def list_rules(rules: RulesOption = None, claims: ClaimsForRules = Path("claims.yaml")) -> None:
    """List the rules in force, with their kind, severity, metrics and options."""
    from rich.table import Table
    from rich.text import Text

    from nqpf_check.commands.explain import rules_table
    from nqpf_check.reporters.console import make_console

    with input_errors():
        rows, closing = rules_table(_ruleset(rules, claims))
    table = Table()
    for name in ("Rule", "Kind", "Severity"):
        table.add_column(name, no_wrap=True)
    for name in ("Metrics", "Options", "Defined at"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console = make_console()
    console.print(table)
    console.print(Text(closing))


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id in force, or a rule kind.")],
    rules: RulesOption = None,
    claims: ClaimsForRules = Path("claims.yaml"),
) -> None:
    """Document a rule: what it does, why it matters, options, a passing and a failing example."""
    from nqpf_check.commands.explain import UnknownRuleError
    from nqpf_check.commands.explain import explain as explain_rule

    with input_errors():
        ruleset = _ruleset(rules, claims)
    try:
        text = explain_rule(ruleset, rule)
    except UnknownRuleError as err:
        raise typer.BadParameter(str(err), param_hint="RULE") from None
    typer.echo(text, nl=False)


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
) -> None:
    """Propose claims from plain text: every quantity, with metric, period and measure."""
    from nqpf_check.commands.extract import ExtractOptions, run_extract

    with input_errors():
        for path in texts:
            if not path.is_file():
                raise InputError(str(path), 1, 1, "no such text file")
        code = run_extract(ExtractOptions(tuple(texts), source, date, append, rules))
    raise typer.Exit(code)


@app.command()
def show(
    metric: Annotated[str, typer.Argument(help="The metric to show, e.g. rd_expenditure.")],
    claims: Annotated[
        list[Path] | None, typer.Argument(help="Claims files (default: ./claims.yaml).")
    ] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only this entity.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="Only this period.")] = None,
    rules: RulesOption = None,
) -> None:
    """Every claim of one metric, across sources and periods: a table and a chart."""
    from nqpf_check.claims.load import load_inputs
    from nqpf_check.commands.show import UnknownMetricError, collect, render_show
    from nqpf_check.reporters.console import make_console

    paths = claims or [Path("claims.yaml")]
    with input_errors():
        claimsets = load_inputs(paths)
        ruleset = _ruleset(rules, paths[0])
        try:
            details, suspects = collect(claimsets, ruleset, metric, entity, period)
        except UnknownMetricError as err:
            raise typer.BadParameter(str(err), param_hint="METRIC") from None
    if not details:
        typer.echo(f"no claim of {metric} matches --entity {entity} --period {period}", err=True)
        raise typer.Exit(0)
    render_show(details, suspects, metric, make_console())


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of claims.yaml."""
    import json

    from nqpf_check.claims.schema import claims_schema

    typer.echo(json.dumps(claims_schema(), indent=2, ensure_ascii=False))


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn an InputError into ``file:line:col: message`` on stderr and exit code 2."""
    try:
        yield
    except InputError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(EXIT_INPUT) from None


def main() -> None:
    """Entry point of the ``nqpf-check`` command."""
    app()
