"""--format json: the public JSON shape {"version": 1, "findings": [...], "summary": {...}}.

No cap applies. ``json.dump(..., indent=2)`` runs Python's pure-Python encoder over every
value and builds the whole text first; here the envelope (a few keys) is indented as
``indent=2`` would, and each item of the long lists (findings, and SARIF's results) is one
line made by the C encoder and written as it is made: the same JSON values for any parser,
one finding per line for grep, three times faster. Every string goes through
``json_text``: the output is valid UTF-8 and inert on a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from nqpf_check.report import Finding, Report
from nqpf_check.reporters import RenderOptions, json_text

LINES = frozenset({"findings", "suppressed"})
"""The lists written one item per line."""


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
    data: dict[str, Any] = {
        "version": 1,
        "findings": map(finding_dict, report.findings),
        "summary": report.summary(),
    }
    if options.show_suppressed:
        data["suppressed"] = map(finding_dict, report.suppressed)
    write(out, data, LINES)
    out.write("\n")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def dumps(value: Any) -> str:
    """``value`` as JSON on one line (``, `` and ``: `` separators), escaped for safety."""
    return json_text(_ENCODE(value))


def write(out: TextIO, value: Any, flat: frozenset[str] = frozenset(), level: int = 0) -> None:
    """Write ``value`` indented by two spaces a level; a list (or any iterable, read once)
    under a key in ``flat`` has one item per line."""
    pad = "  " * level
    if isinstance(value, dict) and value:
        out.write("{\n")
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            out.write(f"{pad}  {dumps(str(key))}: ")
            if key in flat and isinstance(item, Iterable) and not isinstance(item, dict | str):
                _write_lines(out, item, level + 1)
            else:
                write(out, item, flat, level + 1)
            out.write(",\n" if i < last else "\n")
        out.write(pad + "}")
    elif isinstance(value, list | tuple) and value:
        out.write("[\n")
        last = len(value) - 1
        for i, item in enumerate(value):
            out.write(pad + "  ")
            write(out, item, flat, level + 1)
            out.write(",\n" if i < last else "\n")
        out.write(pad + "]")
    else:
        out.write(dumps(value))


def _write_lines(out: TextIO, items: Iterable[Any], level: int) -> None:
    pad = "  " * (level + 1)
    first = True
    for item in items:
        out.write(("[\n" if first else ",\n") + pad + dumps(item))
        first = False
    out.write("[]" if first else "\n" + "  " * level + "]")
