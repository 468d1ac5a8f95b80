"""The labelled diagnosis set: the figures the README states are measured here."""

from __future__ import annotations

from conftest import ROOT, load_benchmark

evaluate_diagnosis = load_benchmark("evaluate_diagnosis")


def test_the_labelled_set_is_large_enough() -> None:
    scores = evaluate_diagnosis.evaluate()
    assert scores.claims >= 60
    labels = (ROOT / "benchmarks" / "diagnosis" / "labels.yaml").read_text(encoding="utf-8")
    for code in (
        "scale-slip",
        "currency-mixup",
        "period-mismatch",
        "transposed-digits",
        "truncated",
        "percent-vs-points",
        "basis-differs",
        "unit-mismatch",
    ):
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
