"""The JSON Schema (draft-07) of claims.yaml, for editors and other tools."""

from __future__ import annotations

from typing import Any

from nqpf_check.claims.model import MEASURES, SOURCE_KINDS

ID = "^[a-z0-9][a-z0-9._-]*$"
PERIOD = (
    r"^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
    r"(\.\.\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
)


def claims_schema() -> dict[str, Any]:
    """The schema; `nqpf-check schema` prints it and schema/claims.schema.json is a copy."""
    text = {"type": "string", "minLength": 1}
    source = {
        "type": "object",
        "additionalProperties": False,
        "required": ["title"],
        "properties": {
            "title": {**text, "description": "The article's or document's title."},
            "publisher": text,
            "author": text,
            "date": {"type": "string", "description": "Publication date, YYYY-MM-DD."},
            "url": text,
            "kind": {
                "enum": list(SOURCE_KINDS),
                "default": "press",
                "description": "official, press or opinion: how much the source weighs.",
            },
            "text": {**text, "description": "A plain-text copy, relative to the claims file."},
        },
    }
    claim = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "metric", "period", "value", "source"],
        "properties": {
            "id": {"type": "string", "pattern": ID},
            "metric": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$"},
            "entity": text,
            "period": {
                "type": "string",
                "pattern": PERIOD,
                "description": "2023, 2023-H1, 2023-Q3, 2023-05, 2023-12-31, or a..b",
            },
            "measure": {"enum": list(MEASURES), "default": "level"},
            "of": {**text, "description": "With measure share: the whole's metric[@ENTITY]."},
            "basis": text,
            "value": {
                "type": ["string", "number"],
                "description": 'As written, e.g. "3,327.8 billion yuan"; or a number with unit.',
            },
            "unit": text,
            "source": {"type": "string", "pattern": ID},
            "quote": text,
            "note": {"type": "string"},
            "suppress": {
                "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1},
                "description": "rule id: the reason the finding is accepted",
            },
        },
        "if": {"properties": {"measure": {"const": "share"}}, "required": ["measure"]},
        "then": {"required": ["of"]},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "nqpf-check claims file, version 1",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "sources", "claims"],
        "properties": {
            "version": {"const": 1},
            "defaults": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "entity": text,
                    "period": {"type": "string", "pattern": PERIOD},
                    "measure": {"enum": list(MEASURES)},
                    "basis": text,
                },
            },
            "sources": {
                "type": "object",
                "propertyNames": {"pattern": ID},
                "additionalProperties": source,
            },
            "claims": {"type": ["array", "null"], "items": claim},
        },
    }
