"""--format github: GitHub Actions workflow commands, one annotation per finding.

GitHub shows only the first ten annotations of each kind, so errors come first. Every
command is one line: the runner's escapes (``%25``, ``%0D``, ``%0A``, and ``%3A``, ``%2C`` in
properties) keep an input from ending it, and every other control character is written
visibly (``\\x1b``), so no input starts a command of its own or colours the log.
"""

from __future__ import annotations

from typing import TextIO

from nqpf_check.report import Report
from nqpf_check.reporters import RenderOptions, visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: % and line breaks as the runner reads them, any other
    control, bidi or invisible character visibly."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a command's property value (also : and ,)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """One ``::error file=…,line=…,col=1,title=…::message`` line per finding, errors first."""
    for finding in report.findings:  # already sorted: errors, warnings, info
        loc = finding.primary()
        title = finding.rule + (f" ({finding.diagnosis})" if finding.diagnosis else "")
        props = []
        if loc is not None:
            props += [f"file={escape_property(loc.file)}", f"line={loc.line}", "col=1"]
        props.append(f"title={escape_property(title)}")
        out.write(
            f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(finding.message)}\n"
        )
    out.write(f"{report.summary_line()}.\n")
