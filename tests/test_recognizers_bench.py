"""The Recognizers-Text conformance benchmark: its data, skips, unit table and scorer.

The scores themselves are not asserted (the reader is far from the targets; that is
what the suite measures): only that every set is scored and the counts add up.
quantulum3 is optional: without it, its column is left out, the test still runs.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from typing import Any

import pytest

from conftest import DATA, load_benchmark

bench = load_benchmark("recognizers_bench")

FEW = 8


def _tools() -> dict[str, Any]:
    tools = {"nqpf-check": bench.ours}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Classifier dependencies not installed"
            from quantulum3 import parser  # noqa: F401
    except ImportError:
        return tools
    tools["quantulum3"] = bench.quantulum
    return tools


def test_the_specs_and_their_licence_are_there() -> None:
    folder = DATA / "recognizers"
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert bench.SPEC_COMMIT in readme
    assert len(bench.SETS) == 6
    for spec in bench.SETS:
        assert spec.path in readme
        raw = bench.load_raw(spec)
        assert raw and all("Input" in case and "Results" in case for case in raw)


def test_skips_follow_the_platform_marks() -> None:
    skip = ("python", "dotnet")
    assert not bench.skipped({"NotSupported": "javascript"}, skip)
    assert not bench.skipped({"NotSupported": "java, javascript"}, skip)
    assert bench.skipped({"NotSupported": "java, javascript, python"}, skip)
    assert bench.skipped({"NotSupported": "python,dotnet"}, skip)
    assert bench.skipped({"NotSupported": "dotNet"}, skip)
    assert bench.skipped({"NotSupportedByDesign": "javascript,python,java"}, skip)
    assert not bench.skipped({"NotSupported": "python"}, ())


@pytest.mark.parametrize("spec", bench.SETS, ids=lambda s: s.name)
def test_cases_load_whole(spec: Any) -> None:
    raw = bench.load_raw(spec)
    cases, skipped = bench.load_cases(spec)
    assert len(cases) + skipped == len(raw)
    everything, none = bench.load_cases(spec, ())
    assert none == 0 and len(everything) == len(raw)
    results = sum(len(c["Results"]) for c in raw)
    assert sum(len(c.expected) + c.unit_only for c in everything) == results
    if spec.kind == "percent":
        assert {e.unit for c in everything for e in c.expected} == {bench.PERCENT}


def test_the_unit_table_agrees_with_recognizers_iso_codes() -> None:
    for spec in bench.SETS:
        if spec.kind != "currency":
            continue
        for case in bench.load_raw(spec):
            for result in case["Results"]:
                resolution = result["Resolution"]
                iso, unit = resolution.get("isoCurrency"), resolution.get("unit")
                if iso and unit in bench.UNITS:
                    assert bench.UNITS[unit] == (iso,), unit


@pytest.mark.parametrize("spec", bench.SETS, ids=lambda s: s.name)
def test_a_few_cases_of_every_set_are_scored(spec: Any) -> None:
    cases, skipped = bench.load_cases(spec)
    few = cases[:FEW]
    for name, extract in _tools().items():
        if name != "nqpf-check" and spec.lang != "en":
            continue
        score = bench.score_set(spec, extract, name, few, skipped)
        assert score.cases == len(few) + skipped and score.scored == len(few)
        assert score.expected == sum(len(c.expected) for c in few)
        v, vu = score.value, score.value_unit
        assert v.tp + v.fn == score.expected
        assert v.tp + v.fp == score.found
        assert vu.tp + vu.fn + vu.aside_expected == score.expected
        assert vu.tp + vu.fp + vu.aside_found == score.found
        assert vu.tp <= v.tp
        assert len(score.misses) == vu.fn
        assert all(m.kind for m in score.misses)
        for counts in (v, vu):
            assert 0.0 <= counts.precision <= 1.0
            assert 0.0 <= counts.recall <= 1.0
            assert 0.0 <= counts.f1 <= 1.0


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("en currency", "national paid siegel and shuster $94,000 to drop all claims ."),
        ("en percent", "100%"),
        ("en percent", "240 percent"),
        ("zh currency", "其中，四川彩友中得1注1000万元基本头奖；"),
    ],
)
def test_a_case_we_certainly_read_is_matched(name: str, sentence: str) -> None:
    spec = next(s for s in bench.SETS if s.name == name)
    cases, _ = bench.load_cases(spec)
    case = next(c for c in cases if c.input == sentence)
    score = bench.score_set(spec, bench.ours, "nqpf-check", [case])
    assert score.value_unit.tp == len(case.expected) >= 1
    assert score.value_unit.fn == 0 and not score.misses


def test_a_range_agrees_with_either_end_and_points_count_as_percent() -> None:
    [found] = bench.ours("the walls were eight to 10 feet high")
    assert (found.number, found.high, found.unit) == (8.0, 10.0, "foot")
    assert found.agrees(10.0) and found.agrees(8.0) and not found.agrees(9.0)
    [points] = bench.ours("增长了六个百分点")
    assert points.kind == "percent" and points.unit == "percentage_point"
    assert "percentage_point" in bench.UNITS[bench.PERCENT]


def test_a_unit_left_out_of_the_table_is_not_scored_on_unit() -> None:
    spec = next(s for s in bench.SETS if s.name == "en currency")
    expected = bench.Expected("50 cents", 0, 8, 50.0, "Cent")
    case = bench.Case("50 cents", (expected,), 0)
    score = bench.score_set(
        spec, lambda text: [bench.Found(50.0, "item", "other", text, 0, 8)], "x", [case]
    )
    assert score.value.tp == 1
    assert (score.value_unit.tp, score.value_unit.fp, score.value_unit.fn) == (0, 0, 0)
    assert score.value_unit.aside_expected == score.value_unit.aside_found == 1
    assert score.unmapped == {"Cent": 1}


def test_the_report_names_every_set(capsys: pytest.CaptureFixture[str]) -> None:
    scores = bench.main(["--no-quantulum", "--misses", "3"])
    out = capsys.readouterr().out
    assert {s.spec.name for s in scores} == {s.name for s in bench.SETS}
    for spec in bench.SETS:
        assert spec.name in out
    assert "date:" in out and "machine:" in out and "not in UNITS" in out


def test_spec_files_are_as_copied() -> None:
    readme = (DATA / "recognizers" / "README.md").read_text(encoding="utf-8")
    rows = {line.split("`")[1]: line for line in readme.splitlines() if line.startswith("| `")}
    for spec in bench.SETS:
        data = (bench.SPECS / spec.path).read_bytes()
        assert isinstance(json.loads(data), list)
        digest = hashlib.sha256(data).hexdigest()[:8]
        assert f"`{digest}…`" in rows[f"Specs/{spec.path}"], spec.path
