"""The command line as a user runs it: exit codes, formats, golden output, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HERE, ROOT, compare_golden, run_in
from nqpf_check.cli import Format, app
from nqpf_check.reporters import FORMATS, renderer

FIXTURES = HERE / "fixtures"
BAD = FIXTURES / "bad"


# The shipped claims.yaml and the corpus's real conflict


def test_shipped_claims_flag_the_rd_scale_slip(runner: CliRunner) -> None:
    result = run_in(runner, ROOT, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    slips = [f for f in data["findings"] if f["diagnosis"] == "scale-slip"]
    assert len(slips) == 1
    slip = slips[0]
    assert slip["severity"] == "error"
    assert slip["key"] == {
        "metric": "rd_expenditure",
        "entity": "CN",
        "period": "2023",
        "measure": "level",
    }
    assert slip["suspect"] == "rd-expenditure-2023-morningstar"
    assert "rd-expenditure-2023-brecorder" in slip["claims"]
    assert "'billion' written for 'trillion'" in slip["message"]


def test_shipped_claims_rounding_is_not_flagged_and_truncation_is_info(runner: CliRunner) -> None:
    data = json.loads(run_in(runner, ROOT, "check", "--format", "json").stdout)
    involved = {cid for f in data["findings"] for cid in f["claims"]}
    assert not any("base-stations-5g" in cid for cid in involved)
    truncated = [f for f in data["findings"] if f["diagnosis"] == "truncated"]
    assert {f["suspect"] for f in truncated} >= {"nev-production-2024-ecns", "nev-sales-2024-ecns"}
    assert all(f["severity"] == "info" for f in truncated)
    assert data["summary"]["error"] == 1


def test_shipped_claims_hold_every_kind_of_claim() -> None:
    from nqpf_check.claims.reader import load_claims

    claimset = load_claims(ROOT / "claims.yaml")
    measures = {c.measure for c in claimset.claims}
    assert measures == {"level", "yoy", "share", "rank"}
    article = [c for c in claimset.claims if claimset.sources[c.source].kind != "official"]
    assert len(article) > 40
    assert all(
        c.quote and c.value.split()[0].lstrip("$") in c.quote
        for c in article
        if c.value[0].isdigit()
    )


# Golden files: one per output format


def test_table_golden(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "check", "claims.yaml")
    assert result.exit_code == 1
    compare_golden("check_table.txt", result.stdout)


def test_json_golden(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "check", "claims.yaml", "--format", "json")
    assert result.exit_code == 1
    compare_golden("check.json", result.stdout)


def test_json_shape_is_the_public_contract(runner: CliRunner) -> None:
    data = json.loads(run_in(runner, FIXTURES, "check", "--format", "json").stdout)
    assert set(data) == {"version", "findings", "summary"}
    for finding in data["findings"]:
        assert {
            "rule",
            "severity",
            "claims",
            "key",
            "message",
            "diagnosis",
            "suspect",
            "locations",
        } <= set(finding)
        for loc in finding["locations"]:
            assert set(loc) == {"file", "line", "claim"}
            assert loc["file"] == "claims.yaml"


def test_every_format_has_a_renderer() -> None:
    assert {f.value for f in Format} - {"auto"} == set(FORMATS)
    for name in FORMATS:
        assert callable(renderer(name))


def test_the_table_is_capped_with_a_note(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "check", "--limit", "1")
    assert "more findings not shown: run with --limit 0" in result.stdout
    assert result.stdout.count("ERROR") == 1


def test_no_findings_says_so(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "check", "--select", "bounds")
    assert result.exit_code == 0
    assert result.stdout.startswith("No findings. 0 errors, 0 warnings, 0 info in 10 claims")


def test_an_unknown_rule_in_select_or_ignore_exits_2_with_the_choices(runner: CliRunner) -> None:
    for option, name in (("--select", "agrement"), ("--ignore", "nonesuch")):
        result = run_in(runner, FIXTURES, "check", option, name)
        assert result.exit_code == 2, result.output
        assert f"'{name}' is no rule in force and no rule kind" in result.output
        assert "agreement" in result.output
    typo = run_in(runner, FIXTURES, "check", "--select", "agrement")
    assert "did you mean 'agreement'?" in typo.output
    listed = run_in(runner, FIXTURES, "check", "--select", "growth,Agreement", "-f", "json")
    rules = {f["rule"] for f in json.loads(listed.stdout)["findings"]}
    assert rules and rules <= {"growth", "agreement"}


# Exit codes and selection


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on(runner: CliRunner, fail_on: str, code: int) -> None:
    assert run_in(runner, FIXTURES, "check", "--fail-on", fail_on).exit_code == code


def test_fail_on_warning_passes_when_only_info_remains(runner: CliRunner) -> None:
    args = ("check", "--select", "agreement", "--fail-on", "warning", "--format", "json")
    result = run_in(runner, FIXTURES, *args)
    data = json.loads(result.stdout)
    assert data["summary"]["warning"] == 1 and result.exit_code == 1
    ignore = run_in(runner, FIXTURES, "check", "--ignore", "agreement", "--fail-on", "warning")
    assert ignore.exit_code == 1  # the unreadable value is still an error
    only_info = run_in(
        runner,
        FIXTURES,
        "check",
        "--ignore",
        "agreement",
        "--ignore",
        "unreadable-value",
        "--fail-on",
        "info",
    )
    assert only_info.exit_code == 0


def test_output_writes_the_format_and_the_table_still_shows(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = run_in(runner, FIXTURES, "check", "--format", "json", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 4
    assert "nqpf-check findings" in result.stdout
    assert not list(tmp_path.glob(".report.json.*"))


def test_suppressed_findings_are_counted(runner: CliRunner, tmp_path: Path) -> None:
    text = (FIXTURES / "claims.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '    value: "3.327 billion yuan"\n',
        '    value: "3.327 billion yuan"\n    suppress: {agreement: "known misprint"}\n',
    )
    (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")
    data = json.loads(run_in(runner, tmp_path, "check", "--format", "json").stdout)
    assert data["summary"]["suppressed"] == 1
    assert not any(f["diagnosis"] == "scale-slip" for f in data["findings"])


# Bad input: see test_robustness.py for the corpus


def test_missing_claims_file(runner: CliRunner, tmp_path: Path) -> None:
    result = run_in(runner, tmp_path, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("claims.yaml:1:1: no such claims file")


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "check", "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.output


def test_rules_beside_the_claims_file_extend_the_built_in_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    rules = folder / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: agree-loosely\n    kind: agreement\n    severity: warning\n",
        encoding="utf-8",
    )
    (tmp_path / "claims.yaml").write_text(
        (FIXTURES / "claims.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )

    def rules_found(*args: str) -> set[str]:
        data = json.loads(run_in(runner, tmp_path, "check", "--format", "json", *args).stdout)
        return {f["rule"] for f in data["findings"]}

    # A new id adds to the built-in set: the built-in agreement runs beside it.
    assert {"agree-loosely", "agreement"} <= rules_found()
    # --no-builtin-rules, or builtin: false in a file, starts from the folder alone.
    assert rules_found("--no-builtin-rules") == {"agree-loosely", "unreadable-value"}
    rules.write_text("builtin: false\n" + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert rules_found() == {"agree-loosely", "unreadable-value"}
    # A rule with a built-in id replaces the built-in one.
    rules.write_text(
        "rules:\n  - id: agreement\n    kind: agreement\n    severity: warning\n",
        encoding="utf-8",
    )
    data = json.loads(run_in(runner, tmp_path, "check", "--format", "json").stdout)
    agreement = [f for f in data["findings"] if f["rule"] == "agreement"]
    assert agreement and all(f["severity"] != "error" for f in agreement)
    listed = run_in(runner, tmp_path, "rules").stdout
    assert "rules/rules.yaml:2" in listed and "<built-in>/default.yaml" in listed


# parse


def test_parse_shows_magnitude_unit_interval_precision(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "3.3278万亿元"])
    assert result.exit_code == 0
    assert "magnitude  3,327,800,000,000 CNY" in result.stdout
    assert "interval   [3,327,750,000,000, 3,327,850,000,000] CNY" in result.stdout
    assert "precision  ± 50,000,000 CNY" in result.stdout


def test_parse_json(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["parse", "more than half", "--json"]).stdout)
    assert data["unit"] == "pct" and data["qualifier"] == "gt"
    assert data["interval"] == {"low": 50.0, "high": None, "low_open": True, "high_open": True}


def test_parse_refuses_what_it_cannot_read(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "3 B"])
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nqpf_check", "parse", "540 GW"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "540 GW" in result.stdout
