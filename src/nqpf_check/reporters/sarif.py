"""--format sarif: SARIF 2.1.0, for code scanning; results point at each claim's line.

GitHub code scanning takes at most 25,000 results a run (``MAX_RESULTS``) and 1,000
locations a result (``MAX_LOCATIONS``): the most severe findings are kept, and the run says
in a tool notification and in its properties how many were left out. A file's path is a
relative URI reference, percent-encoded (``uri``), under ``%SRCROOT%``. Messages are shown to
people (code scanning alerts, pull request annotations): their control, bidi and invisible
characters are visible escapes (``visible``); ids and keys under ``properties`` are data,
written exactly.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from nqpf_check import __version__
from nqpf_check.report import SEVERITIES, Finding, Report
from nqpf_check.reporters import RenderOptions, uri, visible
from nqpf_check.reporters.json_report import write

MAX_RESULTS = 25_000
"""Results of one run at most: GitHub code scanning's limit."""
MAX_LOCATIONS = 1_000
"""Related locations of one result at most: GitHub code scanning's limit."""

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.kind,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.doc.split("\n")[0]},
        "help": {"text": info.doc},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"kind": info.kind},
    }


def _location(file: str, line: int, claim: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(file), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(line, 1)},
        },
        "logicalLocations": [{"name": claim, "kind": "object"}] if claim else [],
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    primary = finding.primary()
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": visible(finding.message)},
        "locations": [_location(primary.file, primary.line, primary.claim)] if primary else [],
        "relatedLocations": [
            {
                "id": i,
                **_location(loc.file, loc.line, loc.claim),
                "message": {"text": f"claim {visible(loc.claim)}"},
            }
            for i, loc in enumerate(finding.locations[: MAX_LOCATIONS + 1])
            if loc is not primary and loc.claim
        ][:MAX_LOCATIONS],
        "partialFingerprints": {
            "nqpfFinding/v1": "|".join((finding.rule, str(finding.key), *finding.claims))
        },
        "properties": {
            "diagnosis": finding.diagnosis,
            "suspect": finding.suspect,
            "claims": list(finding.claims),
            "key": finding.key.as_dict() if finding.key else None,
        },
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def left_out(findings: tuple[Finding, ...]) -> tuple[dict[str, Any], dict[str, int]]:
    """The notification and the counts of the findings left out of the results."""
    counts = Counter(f.severity for f in findings)
    said = ", ".join(f"{counts[s]:,} {s}" for s in SEVERITIES if counts[s])
    notification = {
        "level": "warning",
        "descriptor": {"id": "results-left-out"},
        "message": {
            "text": (
                f"{len(findings):,} findings ({said}) are left out of the results: GitHub "
                f"code scanning takes at most {MAX_RESULTS:,} results a run, and the most "
                "severe are kept. Run nqpf-check check --format json for every finding."
            )
        },
    }
    return notification, {"findings": len(findings), **{s: counts[s] for s in SEVERITIES}}


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Write one SARIF log with one run; every finding is a result, up to MAX_RESULTS."""
    rules = [_rule(info) for info in report.rules]
    index = {info.id: i for i, info in enumerate(report.rules)}
    extra = sorted({f.rule for f in report.findings} - set(index))
    for rule_id in extra:  # findings of the engine itself (unused-suppression, ...)
        index[rule_id] = len(rules)
        rules.append({"id": rule_id, "shortDescription": {"text": rule_id}})
    kept = report.findings[:MAX_RESULTS]  # sorted: errors, then warnings, then info
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "nqpf-check", "version": __version__, "rules": rules}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
        "results": (_result(f, index) for f in kept),
        "properties": {"summary": report.summary()},
    }
    if len(report.findings) > len(kept):
        notification, counts = left_out(report.findings[len(kept) :])
        run["invocations"] = [
            {"executionSuccessful": True, "toolExecutionNotifications": [notification]}
        ]
        run["properties"]["resultsLeftOut"] = counts
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    write(out, log, frozenset({"results"}))
    out.write("\n")
