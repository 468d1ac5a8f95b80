"""benchmarks/model_bench.py runs on a few claims and prints its table and errors.

No timing is asserted: only that every row is there, with and without msgspec.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import load_benchmark


def _seconds(out: str, label: str) -> float:
    """The seconds column of the row that starts with ``label``."""
    rows = [line for line in out.splitlines() if line.strip().startswith(label)]
    assert len(rows) == 1, f"no single row {label!r} in:\n{out}"
    return float(rows[0].split(label, 1)[1].split()[0])


def _run(capsys: pytest.CaptureFixture[str]) -> str:
    bench = load_benchmark("model_bench")
    bench.main(["--claims", "200", "--repeat", "1"])
    return capsys.readouterr().out


def test_table_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys)
    assert _seconds(out, "pydantic: ClaimEntry.model_validate(record)") > 0
    assert _seconds(out, "baseline: dict(record) copy") >= 0
    assert _seconds(out, "nqpf_check.claims.load.load_inputs([path])") > 0
    assert _seconds(out, "pydantic: from pydantic import BaseModel") > 0
    assert "validation share of the load" in out
    assert "loc=('vlaue',) type='extra_forbidden'" in out
    assert "loc=('id',)" in out
    assert "did you mean 'value'?" in out  # the project's message, built on pydantic's loc
    if importlib.util.find_spec("msgspec") is not None:
        assert _seconds(out, "msgspec: convert(record, ClaimStruct)") > 0
        assert _seconds(out, "msgspec: convert + __post_init__ (same checks)") > 0
        assert "give the same fields for 200 of the first 200 records" in out
        assert "unknown field `vlaue`" in out
        assert "`$.id`" in out
    else:
        assert "msgspec: skipped" in out


def test_without_msgspec(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "msgspec", None)  # `import msgspec` now fails
    out = _run(capsys)
    assert "msgspec: skipped: msgspec is not installed" in out
    assert "msgspec: convert" not in out
    assert _seconds(out, "pydantic: ClaimEntry.model_validate(record)") > 0
    assert _seconds(out, "nqpf_check.claims.load.load_inputs([path])") > 0
    assert "loc=('vlaue',)" in out


def test_records_are_valid_and_varied() -> None:
    bench = load_benchmark("model_bench")
    sources, claims = bench.generate(500)
    assert len(claims) == 500 and len({c["id"] for c in claims}) == 500
    assert {c["source"] for c in claims} <= {s["id"] for s in sources}
    assert any("quote" in c for c in claims) and any("basis" in c for c in claims)
    assert any("unit" in c for c in claims) and any(isinstance(c["period"], int) for c in claims)
    assert any(isinstance(c["value"], str) and "billion yuan" in c["value"] for c in claims)
