"""Shared test helpers: paths, and golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from nqpf_check.cli import app

# Property tests run the same examples on every run and machine: a CI run is reproducible.
settings.register_profile("nqpf", derandomize=True, database=None)
settings.load_profile("nqpf")

# The tests read thousands of made-up unit words: they get a cache of their own, never the
# user's ~/.cache/nqpf-check (set before any test imports the reader).
if "NQPF_CHECK_CACHE" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["NQPF_CHECK_CACHE"] = tempfile.mkdtemp(prefix="nqpf-check-test-cache-")
    atexit.register(shutil.rmtree, os.environ["NQPF_CHECK_CACHE"], ignore_errors=True)

HERE = Path(__file__).parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
ROOT = HERE.parent


def git(folder: Path, *args: str) -> None:
    """Run git in ``folder`` as a throw-away author (the tests' repositories)."""
    import subprocess

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


def load_benchmark(name: str) -> Any:
    """A script of benchmarks/ as a module (they are run as scripts, not installed)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner in a plain, colourless, 120-column terminal."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return CliRunner()


def run_in(runner: CliRunner, folder: Path, *args: str) -> Result:
    """Invoke the command line with ``folder`` as the working directory."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(cwd)
