"""--format markdown: the findings as a Markdown table, for a pull request or job summary.

Every text from an input is escaped (``markdown_text``): a row keeps its six cells and no
input becomes HTML, a link, an image, emphasis or math. GitHub takes at most 1 MiB of
Markdown in a job summary, so the output stops before ``MAX_BYTES`` with whole rows, errors
first, and a closing line says how many findings were left out and how to get them all.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions, markdown_text

ICONS = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}

MAX_BYTES = 1024 * 1024
"""The most the whole output takes, in UTF-8 bytes: GitHub's limit for a job summary."""

_RESERVE = 400
"""Bytes kept for the closing line about findings left out."""

_CODE = re.compile(r"[A-Za-z0-9._-]+")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell, shown as written: one line, no markup."""
    return markdown_text(text)


def code(text: str) -> str:
    """An id in code font; one that is not a plain name is escaped text instead."""
    return f"`{text}`" if _CODE.fullmatch(text) else cell(text)


def _claims(finding: Finding, report: Report) -> str:
    lines = []
    for loc in finding.locations:
        if loc.claim:
            mark = " **(suspect)**" if loc.claim == finding.suspect else ""
            lines.append(
                f"{code(loc.claim)} {cell(report.claim_value(loc.claim))} "
                f"({cell(loc.file)}:{loc.line}){mark}"
            )
    return "<br>".join(lines)


def row(finding: Finding, report: Report) -> str:
    """One table row, ending with a line break."""
    return (
        f"| {ICONS[finding.severity]} | {code(finding.rule)} | "
        f"{cell(str(finding.key) if finding.key else '')} | {_claims(finding, report)} | "
        f"{cell(finding.diagnosis or '')} | {cell(finding.message)} |\n"
    )


def left_out(findings: tuple[Finding, ...]) -> str:
    """The closing line when rows were left out: how many, of which severity, and how to get
    them all."""
    counts = Counter(f.severity for f in findings)
    said = ", ".join(_count(counts[s], s) for s in ICONS if counts[s])
    return (
        f"\n**{len(findings):,} more findings not shown** ({said}): GitHub takes at most "
        f"1 MiB of Markdown in a job summary. Run `nqpf-check check --format json` "
        "(or `--format sarif`) for every finding.\n"
    )


def _count(n: int, severity: str) -> str:
    return f"{n:,} {severity}" + ("s" if n != 1 and severity != "info" else "")


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """A heading, the summary line, and one table row per finding, up to ``MAX_BYTES``."""
    head = f"## nqpf-check\n\n{report.summary_line()}.\n"
    out.write(head)
    if not report.findings:
        return
    table = "\n| Severity | Rule | Metric · entity · period | Claims | Diagnosis | Message |\n"
    table += "|---|---|---|---|---|---|\n"
    out.write(table)
    room = MAX_BYTES - _RESERVE - len(head.encode()) - len(table.encode())
    for i, finding in enumerate(report.findings):
        text = row(finding, report)
        room -= len(text.encode("utf-8"))
        if room < 0:
            out.write(left_out(report.findings[i:]))
            return
        out.write(text)
