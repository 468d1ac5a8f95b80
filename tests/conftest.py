"""Shared test helpers: paths, and golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
ROOT = HERE.parent


def compare_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 once and review it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def data_dir() -> Path:
    """The folder of test data files."""
    return DATA
