"""Every rule kind's pass and fail cases, from tests/data/rules/<kind>.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import DATA
from nqpf_check.claims import load_claims
from nqpf_check.engine import run
from nqpf_check.ruleset import builtin_dir, load_ruleset

SOURCES = {
    "gov": {"title": "Official figures", "publisher": "NBS", "kind": "official"},
    "p1": {"title": "Report one", "publisher": "Paper One", "kind": "press"},
    "p2": {"title": "Report two", "publisher": "Paper Two", "kind": "press"},
    "p3": {"title": "Report three", "publisher": "Paper Three", "kind": "opinion"},
}
CASES = [
    (path.stem, case)
    for path in sorted((DATA / "rules").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


def claims_file(tmp_path: Path, claims: list[dict]) -> Path:
    """A claims file of the given claims over the four test sources."""
    entries = [{"metric": "m", "period": "2023", "measure": "level", **c} for c in claims]
    data = {"version": 1, "defaults": {"entity": "CN"}, "sources": SOURCES, "claims": entries}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}: {c['name']}" for k, c in CASES])
def test_rule_case(kind: str, case: dict, tmp_path: Path) -> None:
    claimset = load_claims(claims_file(tmp_path, case["claims"]))
    ruleset = load_ruleset(builtin_dir(), "built-in")
    report = run([claimset], ruleset, select=(kind,))
    got = sorted(
        ((f.severity, f.diagnosis or "", f.suspect or "") for f in report.findings),
    )
    expected = sorted(
        (f["severity"], f["diagnosis"] or "", f["suspect"] or "") for f in case["findings"]
    )
    assert got == expected
    assert all(f.rule == kind for f in report.findings)


def test_every_kind_has_cases() -> None:
    from nqpf_check.checks import KINDS

    assert {kind for kind, _ in CASES} == set(KINDS)
