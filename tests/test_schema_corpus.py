"""The JSON Schema and the loader agree on every file of the schema corpus.

Each file of ``fixtures/schema-corpus`` says in its first line whether it is valid;
``valid/`` and ``invalid/`` must get the same verdict from both, and ``loader-only/``
holds what a JSON Schema cannot see (ids that repeat, sources not declared, a range
that ends before it starts): the schema passes those, the loader refuses them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import HERE, ROOT
from nqpf_check.claims.load import load_inputs
from nqpf_check.errors import InputError

CORPUS = HERE / "fixtures" / "schema-corpus"
FILES = sorted(CORPUS.glob("*/*.yaml"))
SCHEMA = json.loads((ROOT / "schema" / "claims.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _as_json(data: Any) -> Any:
    """YAML data as a JSON document would hold it (dates as text)."""
    if isinstance(data, dict):
        return {str(k): _as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_json(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def schema_accepts(path: Path) -> bool:
    """Whether the file's document is valid against the claims schema."""
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    return VALIDATOR.is_valid(data)


def loader_accepts(path: Path) -> bool:
    """Whether the loader reads the file; a refusal must name a position in it."""
    try:
        load_inputs([path])
    except InputError as err:
        assert err.path == str(path) and err.line >= 1 and err.col >= 1
        return False
    return True


def test_the_corpus_is_large_and_labelled() -> None:
    assert len(FILES) >= 40
    for folder in ("valid", "invalid", "loader-only"):
        assert any(p.parent.name == folder for p in FILES), folder
    for path in FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        label = "valid" if path.parent.name == "valid" else "invalid"
        assert first.startswith(f"# {label}:"), path


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_and_loader_agree(path: Path) -> None:
    expected_loader = path.parent.name == "valid"
    expected_schema = path.parent.name in ("valid", "loader-only")
    assert loader_accepts(path) is expected_loader
    assert schema_accepts(path) is expected_schema
