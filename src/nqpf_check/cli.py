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
    """Output formats of ``check``."""

    table = "table"
    json = "json"


class FailOn(StrEnum):
    """The lowest severity that makes ``check`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command()
def check(
    claims: Annotated[
        list[Path] | None, typer.Argument(help="Claims files (default: ./claims.yaml).")
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="Rules folder (default: rules/ beside the claims file, else the built-in rules).",
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = (
        Format.table
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the format to this file; the table still goes to the terminal.",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this.")
    ] = FailOn.error,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Run only these rules (id or kind).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rules (id or kind).")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="Rows of the table at most; 0 shows all.")
    ] = 50,
) -> None:
    """Check claims files and report conflicts, with diagnoses and suspects."""
    with input_errors():
        code = _check(
            claims or [Path("claims.yaml")],
            rules,
            format.value,
            output,
            fail_on.value,
            tuple(select or ()),
            tuple(ignore or ()),
            limit,
        )
    raise typer.Exit(code)


def _check(
    paths: list[Path],
    rules: Path | None,
    format: str,
    output: Path | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    limit: int,
) -> int:
    from nqpf_check.claims import load_claims
    from nqpf_check.engine import run
    from nqpf_check.output import write_report
    from nqpf_check.ruleset import load_ruleset, resolve_rules_dir

    for path in paths:
        if not path.is_file():
            raise InputError(
                str(path), 1, 1, "no such claims file: name one, or run where claims.yaml is"
            )
    claimsets = [load_claims(path, str(path)) for path in paths]
    _unique_ids(claimsets)
    folder, origin = resolve_rules_dir(rules, paths[0])
    ruleset = load_ruleset(folder, origin)
    report = run(claimsets, ruleset, select, ignore)
    write_report(report, format, output, limit)
    return report.exit_code(fail_on)


def _unique_ids(claimsets: list) -> None:
    seen: dict[str, str] = {}
    for claimset in claimsets:
        for claim in claimset.claims:
            if claim.id in seen:
                raise InputError(
                    claim.file,
                    claim.line,
                    1,
                    f"claim id '{claim.id}' is also used in {seen[claim.id]}: ids must be "
                    "unique across all claims files",
                )
            seen[claim.id] = f"{claim.file}:{claim.line}"


@app.command()
def parse(
    value: Annotated[str, typer.Argument(help='A value string, e.g. "3.3278万亿元".')],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show how a value string is read: magnitude, unit, interval, precision."""
    from nqpf_check.describe import describe_value
    from nqpf_check.values import ValueParseError, parse_value

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

    from nqpf_check.explain import rules_table
    from nqpf_check.terminal import make_console

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
    from nqpf_check.explain import UnknownRuleError
    from nqpf_check.explain import explain as explain_rule

    with input_errors():
        ruleset = _ruleset(rules, claims)
    try:
        text = explain_rule(ruleset, rule)
    except UnknownRuleError as err:
        raise typer.BadParameter(str(err), param_hint="RULE") from None
    typer.echo(text, nl=False)


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
