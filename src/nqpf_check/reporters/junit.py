"""--format junit: JUnit XML, one test case per rule and key, for CI test reports.

Every text from an input is written through ``visible``: characters XML 1.0 does
not allow (C0 controls, U+FFFE, lone surrogates) and control or bidi characters become
visible escapes (``\\x1b``), so the report is always well-formed XML and shows what was
written; ElementTree escapes ``& < > "`` in text and attributes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions, visible


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Errors and warnings fail their test case; info is printed in it; clean rules pass."""
    cases: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        cases[(visible(finding.rule), visible(str(finding.key)) if finding.key else "")].append(
            finding
        )
    rules = [visible(info.id) for info in report.rules]
    rules += sorted({rule for rule, _ in cases} - set(rules))
    suites = ET.Element("testsuites", name="nqpf-check")
    total_tests = total_failures = 0
    for rule in rules:
        keys = sorted(key for r, key in cases if r == rule)
        suite = ET.SubElement(suites, "testsuite", name=rule)
        failures = 0
        if not keys:
            ET.SubElement(suite, "testcase", classname=rule, name="all claims")
        for key in keys:
            case = ET.SubElement(suite, "testcase", classname=rule, name=key or "claims")
            found = cases[(rule, key)]
            failing = [f for f in found if f.severity in ("error", "warning")]
            for finding in failing:
                loc = finding.primary()
                where = f"{visible(loc.file)}:{loc.line}: " if loc else ""
                message = visible(finding.message)
                failure = ET.SubElement(
                    case, "failure", type=finding.severity, message=message[:200]
                )
                failure.text = f"{where}{message}"
            if failing:
                failures += 1
            notes = [visible(f.message) for f in found if f not in failing]
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
        tests = max(len(keys), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(suites).write(out, encoding="unicode")
    out.write("\n")
