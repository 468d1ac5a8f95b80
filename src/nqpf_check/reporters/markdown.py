"""--format markdown: the findings as a Markdown table, for a pull request or job summary."""

from __future__ import annotations

from typing import TextIO

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions

ICONS = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes, backslashes, line breaks, tags."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return text.replace("\n", "<br>")


def _claims(finding: Finding, report: Report) -> str:
    lines = []
    for loc in finding.locations:
        if loc.claim:
            mark = " **(suspect)**" if loc.claim == finding.suspect else ""
            lines.append(
                f"`{loc.claim}` {report.claim_value(loc.claim)} ({loc.file}:{loc.line}){mark}"
            )
    return "<br>".join(cell(line) for line in lines)


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """A heading, the summary line, and one table row per finding (no row cap)."""
    out.write("## nqpf-check\n\n")
    out.write(f"{report.summary_line()}.\n")
    if not report.findings:
        return
    out.write("\n| Severity | Rule | Metric · entity · period | Claims | Diagnosis | Message |\n")
    out.write("|---|---|---|---|---|---|\n")
    for finding in report.findings:
        out.write(
            f"| {ICONS[finding.severity]} | `{finding.rule}` | "
            f"{cell(str(finding.key) if finding.key else '')} | {_claims(finding, report)} | "
            f"{finding.diagnosis or ''} | {cell(finding.message)} |\n"
        )
