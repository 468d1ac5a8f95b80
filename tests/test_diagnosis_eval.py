"""The labelled diagnosis set: the figures the README states are measured here."""

from __future__ import annotations

import pytest

from conftest import ROOT, load_benchmark

evaluate_diagnosis = load_benchmark("evaluate_diagnosis")


CLASSES = (
    "scale-slip",
    "currency-mixup",
    "period-mismatch",
    "transposed-digits",
    "truncated",
    "percent-vs-points",
    "basis-differs",
)
"""The error classes both labelled sets plant."""


def test_the_labelled_set_is_large_enough() -> None:
    scores = evaluate_diagnosis.evaluate()
    assert scores.claims >= 60
    labels = (ROOT / "benchmarks" / "diagnosis" / "labels.yaml").read_text(encoding="utf-8")
    for code in (*CLASSES, "unit-mismatch"):
        assert f": {code}" in labels


def test_no_agreeing_claim_is_reported_at_warning_or_above() -> None:
    assert evaluate_diagnosis.evaluate().false_alarms == ()


def test_precision_recall_and_diagnosis_accuracy() -> None:
    scores = evaluate_diagnosis.evaluate()
    assert scores.precision == 1.0
    assert scores.accuracy == 1.0
    assert scores.misdiagnosed == ()
    # A wrong figure that no other claim speaks of cannot be caught: the one miss.
    assert scores.missed == ("robotg-p1",)
    assert scores.recall == (scores.errors - 1) / scores.errors


WORLD = ROOT / "benchmarks" / "diagnosis-world"


def test_every_labelled_set_is_found() -> None:
    sets = evaluate_diagnosis.labelled_sets()
    assert sets["diagnosis"] == ROOT / "benchmarks" / "diagnosis"
    assert sets["diagnosis-world"] == WORLD


def test_the_world_set_loads_and_is_scored() -> None:
    scores = evaluate_diagnosis.evaluate(WORLD / "claims.yaml", WORLD / "labels.yaml")
    assert scores.claims >= 100
    assert scores.errors >= 15
    assert scores.traps >= 50
    labels = (WORLD / "labels.yaml").read_text(encoding="utf-8")
    for code in CLASSES:
        assert f": {code}" in labels
    # Scored, not pinned: the figures are findings for the checker, reported as they are.
    assert 0 <= scores.detected <= scores.errors
    assert 0.0 <= scores.recall <= 1.0
    assert 0.0 <= scores.precision <= 1.0
    assert 0.0 <= scores.accuracy <= 1.0
    assert len(scores.missed) + scores.detected == scores.errors


def test_the_script_prints_each_set(capsys: pytest.CaptureFixture[str]) -> None:
    evaluate_diagnosis.main([])
    out = capsys.readouterr().out
    assert "== diagnosis (benchmarks/diagnosis)" in out
    assert "== diagnosis-world (benchmarks/diagnosis-world)" in out
    assert out.count("recall:") == len(evaluate_diagnosis.labelled_sets())
    evaluate_diagnosis.main(["--set", "diagnosis-world"])
    assert capsys.readouterr().out.count("recall:") == 1
