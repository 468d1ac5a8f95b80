"""The rules folder: validation, `rules`, `explain`, and the shipped rule set at work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT, run_in
from nqpf_check.checks import KINDS
from nqpf_check.ruleset import builtin_dir, load_ruleset

FIXTURE_CLAIMS = ROOT / "tests" / "fixtures" / "claims.yaml"


def test_rules_lists_the_rules_in_force(runner: CliRunner) -> None:
    result = run_in(runner, ROOT, "rules")
    assert result.exit_code == 0
    for rule_id in (
        "agreement",
        "growth",
        "share",
        "conversion",
        "trade-sum",
        "bounds",
        "dimension",
        "quote",
        "undeclared-metric",
        "unreadable-value",
    ):
        assert f"│ {rule_id} " in result.stdout
    assert "│ placeholder " in result.stdout
    assert "11 rules from rules + built-in;" in result.stdout
    assert "3 exchange rates" in result.stdout


def test_rules_without_a_rules_folder_are_the_built_in_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = run_in(runner, tmp_path, "rules")
    assert result.exit_code == 0
    assert "rules from built-in; no metric vocabulary" in result.stdout


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_explain_every_kind_shows_a_passing_and_a_failing_example(
    runner: CliRunner, kind: str
) -> None:
    result = run_in(runner, ROOT, "explain", kind)
    assert result.exit_code == 0
    text = result.stdout
    assert "What it does:" in text and "Why it matters:" in text
    assert "\nPasses: " in text and "\nFails: " in text
    assert "  -> " in text  # the failing example was run and its finding printed


def test_explain_a_rule_in_force_shows_its_settings(runner: CliRunner) -> None:
    result = run_in(runner, ROOT, "explain", "trade-sum")
    assert "In force: severity error" in result.stdout
    assert "parts = ['total_exports', 'total_imports']" in result.stdout


def test_explain_an_unknown_rule(runner: CliRunner) -> None:
    result = run_in(runner, ROOT, "explain", "grwth")
    assert result.exit_code == 2
    assert "unknown rule 'grwth': did you mean 'growth'?" in result.output


def test_the_builtin_rules_hold_the_default_kinds_and_rates() -> None:
    ruleset = load_ruleset(builtin_dir(), "built-in")
    assert {r.kind for r in ruleset.rules} >= {
        "agreement",
        "growth",
        "share",
        "bounds",
        "dimension",
        "quote",
        "conversion",
    }
    years = {r.period for r in ruleset.exchange_rates if (r.base, r.quote) == ("USD", "CNY")}
    assert years >= {"2022", "2023", "2024"}
    assert all(r.source for r in ruleset.exchange_rates)


def test_the_builtin_rates_match_the_projects() -> None:
    ours = yaml.safe_load((ROOT / "rules" / "rates.yaml").read_text(encoding="utf-8"))
    builtin = yaml.safe_load((builtin_dir() / "rates.yaml").read_text(encoding="utf-8"))
    assert ours["exchange_rates"] == builtin["exchange_rates"]


def test_the_vocabulary_declares_every_metric_of_the_shipped_claims(runner: CliRunner) -> None:
    result = run_in(runner, ROOT, "check", "--select", "undeclared-metric", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


# The shipped claims exercise every kind they can: a change to one shipped value makes each
# fire. A new kind needs no entry here (it is tested by its examples); add one when the
# shipped corpus has a figure it can check.

MUTATIONS = [
    ("agreement", 'value: "3,327.8 billion RMB"', 'value: "3,327.8 million RMB"'),
    ("growth", 'value: "35.8%"', 'value: "45.8%"'),
    ("share", 'value: "2.64 per cent"', 'value: "3.64 per cent"'),
    ("conversion", 'value: "$3.09 trillion"', 'value: "$2.5 trillion"'),
    ("sum", 'value: "18.39 trillion yuan"', 'value: "16.39 trillion yuan"'),
    ("bounds", 'value: "51.7 percent"', 'value: "151.7 percent"'),
    ("dimension", 'value: "540 million kilowatts"', 'value: "540 million kWh"'),
    ("quote", 'value: "7.833 million sets"', 'value: "7.883 million sets"'),
    (
        "undeclared-metric",
        "service-robot-production-2023-brecorder\n    metric: service_robot_",
        "service-robot-production-2023-brecorder\n    metric: service_robots_",
    ),
    ("unreadable-value", 'value: "3.91 billion units"', 'value: "3.91 B units"'),
    ("placeholder", "metric: lithium_battery_exports", "metric: _todo"),
]


def test_the_mutations_cover_the_seed_kinds() -> None:
    mutated = {kind for kind, _, _ in MUTATIONS}
    assert mutated <= set(KINDS)
    assert len(mutated) == len(MUTATIONS) >= 11


@pytest.mark.parametrize(("kind", "old", "new"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_shipped_claims_exercise_every_kind(
    runner: CliRunner, tmp_path: Path, kind: str, old: str, new: str
) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    text = (ROOT / "claims.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / "claims.yaml").write_text(text.replace(old, new), encoding="utf-8")
    before = json.loads(run_in(runner, ROOT, "check", "--format", "json").stdout)
    after = json.loads(run_in(runner, tmp_path, "check", "--format", "json").stdout)
    kinds = {r.id: r.kind for r in load_ruleset(ROOT / "rules", "rules").rules}
    fired_before = sum(1 for f in before["findings"] if kinds[f["rule"]] == kind)
    fired_after = sum(1 for f in after["findings"] if kinds[f["rule"]] == kind)
    assert fired_after > fired_before


# Rule files with mistakes: file:line:col, exit 2, the valid choices

BAD_RULES = [
    (
        "rules:\n  - id: s\n    kind: sum\n    parts: [a, b]\n",
        "2:5: rule 's' (kind sum) is missing the required key 'total': the metric of the total",
    ),
    (
        "metrics:\n  m: {unit: yuan}\nrules:\n  - id: a\n    kind: agreement\n    metrics: [n]\n",
        "6:14: rule 'a' names the undeclared metric 'n' in 'metrics': declared: m",
    ),
    (
        "metrics:\n  m: {unit: yuan}\nrules:\n  - id: s\n    kind: sum\n    total: m\n"
        "    parts: [m, x]\n",
        "7:12: rule 's' names the undeclared metric 'x' in 'parts'",
    ),
    (
        "metrics:\n  m: {unti: yuan}\n",
        "2:7: unknown key 'unti' in metric 'm': did you mean 'unit'?",
    ),
    ("metrics:\n  m: {unit: B}\n", "2:13: metric 'm': the unit 'B' is ambiguous"),
    (
        "exchange_rates:\n  - {base: USD, quote: CNY, period: '2024', rate: -1, source: x}\n",
        "2:51: the rate must be a positive number, not -1",
    ),
    (
        "exchange_rates:\n  - {base: USD, quote: XYZ, period: '2024', rate: 7, source: x}\n",
        "2:24: unknown currency 'XYZ'",
    ),
    (
        "exchange_rates:\n  - {base: USD, quote: CNY, period: '2024', rate: 7}\n",
        "2:5: exchange rate #1 is missing the required key 'source'",
    ),
    (
        "rules:\n  - id: a\n    kind: agreement\n  - id: a\n    kind: growth\n",
        "4:5: duplicate rule id 'a'",
    ),
    (
        "rules:\n  - id: b\n    kind: bounds\n    max: [1]\n",
        "4:10: option 'max' of rule 'b' (kind bounds) must be a number or null, not [1]",
    ),
]


@pytest.mark.parametrize(("rules", "expected"), BAD_RULES)
def test_bad_rules_files(runner: CliRunner, tmp_path: Path, rules: str, expected: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "rules.yaml").write_text(rules, encoding="utf-8")
    shutil.copy(FIXTURE_CLAIMS, tmp_path / "claims.yaml")
    result = run_in(runner, tmp_path, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{Path('rules') / 'rules.yaml'}:{expected}"), result.stderr
