"""Every rule kind's pass and fail cases (src/nqpf_check/data/examples/<kind>.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nqpf_check.checks import KINDS
from nqpf_check.checks.examples import Case, load_cases, write_case
from nqpf_check.claims.reader import load_claims
from nqpf_check.engine import run
from nqpf_check.ruleset import load_ruleset

CASES: list[Case] = [case for kind in KINDS for case in load_cases(kind)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}: {c.name}" for c in CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    claims = write_case(case, tmp_path)
    ruleset = load_ruleset(tmp_path / "rules", str(tmp_path / "rules"))
    report = run([load_claims(claims)], ruleset, select=(case.kind,))
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
