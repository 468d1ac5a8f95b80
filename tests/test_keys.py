"""Keys that look alike are one key: folded, or refused when they hold invisible characters."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_in

HEAD = """version: 1
sources:
  gov: {title: G, kind: official}
  p1: {title: P}
claims:
  - {id: a, metric: m, entity: CN, period: "2023", value: "3,327.8 billion yuan", source: gov}
"""


def _check(runner: CliRunner, tmp_path: Path, claims: str) -> tuple[int, str, list[dict]]:
    (tmp_path / "claims.yaml").write_text(HEAD + claims, encoding="utf-8")
    result = run_in(runner, tmp_path, "check", "--format", "json")
    findings = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return result.exit_code, result.stderr, findings


def test_full_width_and_other_digits_fold_into_the_same_key(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, _, findings = _check(
        runner,
        tmp_path,
        '  - {id: b, metric: m, entity: "ＣＮ", period: "٢٠٢٣", value: "3.327 billion yuan",'
        " source: p1}\n"
        '  - {id: c, metric: m, entity: CN, period: "２０２３", value: "3.327 billion yuan",'
        " source: p1}\n",
    )
    assert code == 1
    [slip] = [f for f in findings if f["rule"] == "agreement"]
    assert sorted(slip["claims"]) == ["a", "b", "c"] and slip["diagnosis"] == "scale-slip"
    assert slip["key"]["entity"] == "CN" and slip["key"]["period"] == "2023"


def test_an_invisible_character_in_a_key_is_refused_at_its_place(
    runner: CliRunner, tmp_path: Path
) -> None:
    cases = (("entity", "CN\\u200b"), ("basis", "NBS\\u2060"), ("period", "2023\\u200e"))
    for field, value in cases:
        line = (
            f'  - {{id: b, metric: m, entity: CN, period: "2023", value: "3.327 billion yuan", '
            f'source: p1, {field}: "{value}"}}\n'
        )
        line = line.replace(f"{field}: CN, ", "").replace(f'{field}: "2023", ', "")
        code, stderr, _ = _check(runner, tmp_path, line)
        assert code == 2, (field, stderr)
        assert stderr.startswith("claims.yaml:7:"), stderr
        assert f"'{field}' in claim 'b' holds an invisible character (U+" in stderr
