"""Every rule kind's pass and fail cases (src/nqpf_check/checks/examples/<kind>.yaml).

The kinds and their cases are found, not listed: a new kind module with its examples
file is tested here without editing this file.
"""

from __future__ import annotations

import pytest

from nqpf_check.checks import KINDS
from nqpf_check.checks.examples import Case, load_cases
from nqpf_check.engine import run_case

CASES: list[Case] = [case for kind in KINDS for case in load_cases(kind)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}: {c.name}" for c in CASES])
def test_rule_case(case: Case) -> None:
    report = run_case(case)
    got = sorted((f.severity, f.diagnosis or "", f.suspect or "") for f in report.findings)
    expected = sorted(
        (f["severity"], f["diagnosis"] or "", f["suspect"] or "") for f in case.findings
    )
    assert got == expected, [f.message for f in report.findings]
    assert all(f.rule == case.kind for f in report.findings)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_passing_and_a_failing_case(kind: str) -> None:
    cases = load_cases(kind)
    assert any(c.passes for c in cases)
    assert any(not c.passes for c in cases)
