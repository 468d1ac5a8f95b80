"""The JSON Schema of claims files, generated from the format's declaration (``format.py``)."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def claims_schema() -> dict[str, Any]:
    """The schema; `nqpf-check schema` prints it and schema/claims.schema.json is a copy."""
    from nqpf_check.claims.format import ClaimsFile

    schema = ClaimsFile.model_json_schema(by_alias=True)
    _drop_titles(schema)
    schema["title"] = ClaimsFile.model_config.get("title")
    return {"$schema": SCHEMA_DIALECT, **schema}


def _drop_titles(node: Any) -> None:
    """Remove the field titles pydantic makes from Python names ("Metric" for metric)."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and "properties" not in node:
            node.pop("title")
        for key, child in node.items():
            if key != "properties":
                _drop_titles(child)
            else:
                for prop in child.values():
                    _drop_titles(prop)
    elif isinstance(node, list):
        for child in node:
            _drop_titles(child)
