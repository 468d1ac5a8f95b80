"""The claims file format, version 1, declared once.

The loader validates every file against these models, ``nqpf-check schema`` and
``schema/claims.schema.json`` are generated from them, and the lists of keys that
error messages and the CSV reader use are read off them. What a JSON Schema cannot
say (a claim cites a declared source, ids are unique, ``defaults`` fill a claim's
entity and period) is checked by ``reader.py`` after this.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nqpf_check.claims.fields import (
    Currency,
    Date,
    KeyText,
    Lang,
    Note,
    Period,
    Quote,
    Reasons,
    RequiredText,
    Text,
    Value,
    exactly,
    matching,
    one_of,
)
from nqpf_check.claims.model import ID_PATTERN, MEASURES, NAME_PATTERN, SOURCE_KINDS

ClaimId = matching(ID_PATTERN, "claim id '{value}' must match " + ID_PATTERN)
SourceId = matching(ID_PATTERN, "source id '{value}' must match " + ID_PATTERN)
SourceRef = matching(
    ID_PATTERN, "unknown source '{value}': source ids match " + ID_PATTERN + ", as under 'sources'"
)
MetricName = matching(NAME_PATTERN, "metric '{value}' must be a name of letters, digits and _ . -")
Measure = one_of(MEASURES, "level (default), yoy growth in %, share of a whole, or rank")
SourceKind = one_of(SOURCE_KINDS, "official, press or opinion: how much the source weighs.")


def _version_message(value: Any) -> str:
    if value is None:
        return "version is empty: write version: 1"
    if isinstance(value, str):
        return f"version must be the number 1, not the text {value!r}: write version: 1"
    return f"version {value!r} is not supported: this checker reads version 1"


class _Record(BaseModel):
    """A mapping whose keys are fixed: any other key is refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Defaults(_Record):
    """Values that claims without their own take."""

    entity: KeyText | None = None
    period: Period | None = None
    measure: Measure | None = None
    basis: KeyText | None = None
    lang: Lang | None = None
    currency: Currency | None = None


class SourceEntry(_Record):
    """Who said it: an article, a communique, a report."""

    title: RequiredText = Field(description="The article's or document's title.")
    publisher: Text | None = None
    author: Text | None = None
    date: Date | None = None
    url: Text | None = None
    kind: SourceKind = "press"
    text: Text | None = Field(
        default=None, description="A plain-text copy, relative to the claims file."
    )
    lang: Lang | None = None
    currency: Currency | None = None


class SourceRecord(SourceEntry):
    """A source as one record of JSON Lines or CSV: its id among its fields."""

    id: SourceId


class ClaimEntry(_Record):
    """A number said by a source about a metric of an entity in a period."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"measure": {"const": "share"}}, "required": ["measure"]},
            "then": {"required": ["of"], "properties": {"of": {"type": ["string", "number"]}}},
        }
    )

    id: ClaimId
    metric: MetricName
    entity: KeyText | None = None
    period: Period | None = None
    measure: Measure | None = None
    of: KeyText | None = Field(
        default=None, description="With measure share: the whole's metric[@ENTITY]."
    )
    basis: KeyText | None = None
    value: Value
    unit: Text | None = None
    currency: Currency | None = None
    source: SourceRef
    quote: Quote | None = None
    note: Note | None = None
    suppress: Reasons | None = None


Version = exactly(1, _version_message)


class ClaimsFile(_Record):
    """A claims file: version, defaults, sources and claims."""

    model_config = ConfigDict(
        title="nqpf-check claims file, version 1",
        json_schema_extra={
            # Where defaults give no entity (or period), every claim names its own.
            "allOf": [
                {
                    "if": {
                        "not": {
                            "required": ["defaults"],
                            "properties": {"defaults": {"type": "object", "required": [key]}},
                        }
                    },
                    "then": {"properties": {"claims": {"items": {"required": [key]}}}},
                }
                for key in ("entity", "period")
            ]
        },
    )

    version: Version
    defaults: Defaults | None = None
    sources: dict[SourceId, SourceEntry] = Field(json_schema_extra={"additionalProperties": False})
    claims: list[ClaimEntry] | None


TOP_KEYS = tuple(ClaimsFile.model_fields)
DEFAULT_KEYS = tuple(Defaults.model_fields)
SOURCE_KEYS = tuple(SourceEntry.model_fields)
CLAIM_KEYS = tuple(ClaimEntry.model_fields)
