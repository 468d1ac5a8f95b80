"""--format sarif: SARIF 2.1.0, for code scanning; results point at each claim's line."""

from __future__ import annotations

import json
from typing import Any, TextIO

from nqpf_check import __version__
from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions

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
            "artifactLocation": {"uri": file.replace("\\", "/"), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(line, 1)},
        },
        "logicalLocations": [{"name": claim, "kind": "object"}] if claim else [],
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    primary = finding.primary()
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(primary.file, primary.line, primary.claim)] if primary else [],
        "relatedLocations": [
            {
                "id": i,
                **_location(loc.file, loc.line, loc.claim),
                "message": {"text": f"claim {loc.claim}"},
            }
            for i, loc in enumerate(finding.locations)
            if loc is not primary and loc.claim
        ],
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


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Write one SARIF log with one run; every finding is a result."""
    rules = [_rule(info) for info in report.rules]
    index = {info.id: i for i, info in enumerate(report.rules)}
    extra = sorted({f.rule for f in report.findings} - set(index))
    for rule_id in extra:  # findings of the engine itself (unused-suppression, ...)
        index[rule_id] = len(rules)
        rules.append({"id": rule_id, "shortDescription": {"text": rule_id}})
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nqpf-check",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": [_result(f, index) for f in report.findings],
                "properties": {"summary": report.summary()},
            }
        ],
    }
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")
