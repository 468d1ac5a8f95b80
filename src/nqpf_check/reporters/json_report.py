"""--format json: the public JSON shape {"version": 1, "findings": [...], "summary": {...}}."""

from __future__ import annotations

import json
from typing import Any, TextIO

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-ready data (the keys are a public contract)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "claims": list(finding.claims),
        "key": finding.key.as_dict() if finding.key else None,
        "message": finding.message,
        "diagnosis": finding.diagnosis,
        "suspect": finding.suspect,
        "locations": [
            {"file": loc.file, "line": loc.line, "claim": loc.claim} for loc in finding.locations
        ],
    }


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Write the whole report as one JSON object; no row cap applies."""
    data = {
        "version": 1,
        "findings": [finding_dict(f) for f in report.findings],
        "summary": report.summary(),
    }
    if options.show_suppressed:
        data["suppressed"] = [finding_dict(f) for f in report.suppressed]
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")
