"""--format table: the report as a rich table for people, readable without colour.

Every text from an input is a rich ``Text`` (never markup) and escaped by ``visible``:
no control or escape sequence of an input reaches the terminal.
"""

from __future__ import annotations

from typing import Any, TextIO

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions, visible
from nqpf_check.reporters.console import make_console

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _claims_cell(finding: Finding, report: Report) -> str:
    lines = []
    for loc in finding.locations:
        if not loc.claim:
            continue
        mark = " ◀ suspect" if loc.claim == finding.suspect else ""
        lines.append(f"{visible(report.claim_value(loc.claim))} (line {loc.line}){mark}")
    return "\n".join(lines)


def _message(finding: Finding) -> str:
    """The message without the key, which has its own column; escaped for a terminal."""
    prefix = f"{finding.key}: " if finding.key else ""
    text = finding.message.removeprefix(prefix)
    if finding.diagnosis:
        text = f"Diagnosis: {finding.diagnosis}. {text}"
    return visible(text)


def _table(console: Any, title: str, findings: tuple[Finding, ...], report: Report) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False, title=title, title_justify="left")
    table.add_column("Severity", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Metric · entity · period", ratio=2)
    table.add_column("Source: value as written", ratio=3, overflow="fold")
    table.add_column("Message", ratio=5, overflow="fold")
    for i, finding in enumerate(findings):
        last = i + 1 == len(findings) or findings[i + 1].severity != finding.severity
        table.add_row(
            Text(finding.severity.upper(), style=STYLES[finding.severity]),
            Text(visible(finding.rule)),
            Text(visible(str(finding.key)) if finding.key else ""),
            Text(_claims_cell(finding, report)),
            Text(_message(finding)),
            end_section=last,
        )
    console.print(table)


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Print the findings table, capped at ``options.limit`` rows, and the summary line."""
    from rich.text import Text

    console = make_console(out, options.width, options.color)
    if report.note:
        console.print(Text(visible(report.note)))
    if options.show_suppressed and report.suppressed:
        _table(console, "Suppressed findings", report.suppressed, report)
    if not report.findings:
        console.print(Text(f"No findings. {report.summary_line()}."))
        return
    shown = report.findings if options.limit <= 0 else report.findings[: options.limit]
    _table(console, "nqpf-check findings", shown, report)
    hidden = len(report.findings) - len(shown)
    if hidden:
        console.print(
            f"… {hidden} more finding{'s' if hidden > 1 else ''} not shown: run with --limit 0 "
            "to see all of them, or --format json."
        )
    console.print(Text(report.summary_line() + "."))
