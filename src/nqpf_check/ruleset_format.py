"""The rules file format, version 1, declared once: settings, rules, metrics, exchange rates.

A rule's own options are declared by its kind (``Kind.options`` in ``checks/``); the
model of each kind is made from them here, so a rule file is checked against exactly
the options its kind takes, and ``nqpf-check schema --rules`` prints the same thing
as a JSON Schema.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, create_model

from nqpf_check.checks import KINDS
from nqpf_check.checks.base import Option
from nqpf_check.claims.fields import (
    Currency,
    Note,
    Period,
    RequiredText,
    Text,
    exactly,
    matching,
    one_of,
    refuse,
)
from nqpf_check.claims.model import ID_PATTERN, NAME_PATTERN
from nqpf_check.claims.schema import SCHEMA_DIALECT
from nqpf_check.report import SEVERITIES

SETTINGS: dict[str, tuple[float, str]] = {
    "approximate": (0.05, "relative tolerance of about / roughly / around / approximately"),
    "nearly": (0.05, "how far below its figure 'nearly' / 'almost' may fall, relative"),
}

RuleId = matching(ID_PATTERN, "rule id '{value}' must match " + ID_PATTERN)
MetricName = matching(NAME_PATTERN, "metric name '{value}' must be letters, digits, _ . -")
Severity = one_of(SEVERITIES, "error, warning or info; a finding may be lower, never higher")
KindName = one_of(tuple(KINDS), "The rule kind: `nqpf-check explain KIND` documents each.")

_TYPE_NAMES = {
    int: "a whole number",
    float: "a number",
    str: "text",
    list: "a list of text",
    type(None): "null",
    bool: "true or false",
}
_TYPE_SCHEMAS: dict[type, dict[str, Any]] = {
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    list: {"type": "array", "items": {"type": "string"}},
    type(None): {"type": "null"},
    bool: {"type": "boolean"},
}


def _fits(value: Any, types: tuple[type, ...]) -> bool:
    """Whether an option value has a declared type (true/false is not a number)."""
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, list):
        return list in types and all(isinstance(v, str) for v in value)
    return isinstance(value, types)


def option_range(name: str, option: Option) -> tuple[float | None, float | None]:
    """The lowest and highest value a number option takes (None: no bound); a tolerance
    (``minor``, ``...tolerance``) is never negative."""
    low = option.minimum
    if low is None and (name == "minor" or name.endswith("tolerance")):
        low = 0
    return low, option.maximum


def _range_words(low: float | None, high: float | None) -> str:
    """``a number from 0 to 100``, ``a number of at least 0``, ``at most 100``."""
    if low is not None and high is not None:
        return f"a number from {low:g} to {high:g}"
    if low is not None:
        return f"a number of at least {low:g}"
    return f"a number of at most {high:g}"


def option_field(option: Option, name: str = "") -> Any:
    """The field of one option: its type check, range, message, default and JSON Schema."""
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    shown = [t for t in types if not (t is int and float in types)]
    wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in shown)
    low, high = option_range(name, option)

    def validate(value: Any) -> Any:
        if not _fits(value, types):
            raise refuse(f"option '{{key}}' of {{what}} must be {wanted}, not {{quoted}}")
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and (abs(value) > 1e300 or not math.isfinite(value)):
            raise refuse("option '{key}' of {what} must be a finite number, not {value}")
        if number and ((low is not None and value < low) or (high is not None and value > high)):
            raise refuse(
                f"option '{{key}}' of {{what}} must be {_range_words(low, high)}, not {{value}}"
            )
        return value

    bounds = {"minimum": low, "maximum": high}
    limits = {k: v for k, v in bounds.items() if v is not None}
    schemas = [
        {**_TYPE_SCHEMAS[t], **limits} if t in (int, float) else _TYPE_SCHEMAS[t] for t in shown
    ]
    schema = schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    field_type = Annotated[
        Any, PlainValidator(validate), WithJsonSchema({**schema, "description": option.doc})
    ]
    if option.required:
        return field_type, Field(description=option.doc)
    return field_type, Field(default=option.default, description=option.doc)


def _metrics(value: Any) -> tuple[str, ...] | None:
    if value is None or value == "all":
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise refuse("'metrics' of {what} must be 'all' or a list of metric names")


Metrics = Annotated[
    tuple[str, ...] | None,
    PlainValidator(_metrics),
    WithJsonSchema(
        {
            "anyOf": [
                {"const": "all"},
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ],
            "description": "The metrics the rule covers: all (default), one, or a list.",
        }
    ),
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RuleHead(BaseModel):
    """What every rule has, whatever its kind."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)

    id: RuleId
    kind: KindName
    severity: Severity = "error"
    metrics: Metrics = None
    description: Note | None = None


COMMON_KEYS = tuple(RuleHead.model_fields)


@cache
def kind_model(kind: str) -> type[BaseModel]:
    """The model of a rule of ``kind``: the common keys and the kind's options."""
    options = {name: option_field(option, name) for name, option in KINDS[kind].options.items()}
    model = create_model(  # type: ignore[call-overload]
        f"Rule_{kind.replace('-', '_')}",
        __base__=RuleHead,
        __doc__=KINDS[kind].summary,
        **options,
    )
    model.model_config["extra"] = "forbid"
    model.model_config["json_schema_extra"] = lambda schema: schema["properties"].update(
        kind={"const": kind}
    )
    model.model_rebuild(force=True)
    return model


def _setting(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise refuse("setting '{key}' must be a number from 0 to below 1, not {value}")
    return float(value)  # in [0, 1): finite


Fraction = Annotated[
    float,
    PlainValidator(_setting),
    WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": 1}),
]


class Settings(_Record):
    """Settings the rules share."""

    approximate: Fraction = Field(
        default=SETTINGS["approximate"][0], description=SETTINGS["approximate"][1]
    )
    nearly: Fraction = Field(default=SETTINGS["nearly"][0], description=SETTINGS["nearly"][1])


def _aliases(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return tuple(value)
    raise refuse("the aliases of {what} must be a list of text")


Aliases = Annotated[
    tuple[str, ...],
    PlainValidator(_aliases),
    WithJsonSchema({"type": ["array", "null"], "items": {"type": "string"}}),
]


class MetricEntry(_Record):
    """A declared metric: its unit, the words articles use for it, what it means."""

    unit: Text | None = Field(default=None, description="e.g. yuan, kW, %, or currency")
    aliases: Aliases = ()
    description: Note | None = None


def _rate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise refuse("the rate must be a positive number, not {value}")
    try:
        rate = float(value)
    except OverflowError:
        rate = math.inf
    if not math.isfinite(rate):
        raise refuse("the rate must be a finite positive number, not {value}")
    return rate


PositiveNumber = Annotated[
    float, PlainValidator(_rate), WithJsonSchema({"type": "number", "exclusiveMinimum": 0})
]


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise refuse("'{key}' of {what} must be true or false")
    return value


Flag = Annotated[bool, PlainValidator(_flag), WithJsonSchema({"type": "boolean"})]


class RateEntry(_Record):
    """One unit of ``base`` costs ``rate`` units of ``quote`` in ``period``."""

    base: Currency
    quote: Currency
    period: Period
    rate: PositiveNumber
    source: RequiredText = Field(description="Who publishes the rate, and which series.")
    kind: Text = "average"
    verified: Flag = True


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value):
        return tuple(w.strip() for w in value)
    raise refuse("'{key}' of {what} must be a list of words, e.g. [cases, deaths, flights]")


Words = Annotated[
    tuple[str, ...],
    PlainValidator(_words),
    WithJsonSchema({"type": "array", "items": {"type": "string", "pattern": r"\S"}}),
]


PercentKind = one_of(("percent", "percentage_point", "basis_point"), "percent word")


def _readings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise refuse(
            "the readings of {what} must be a list of two or more ISO codes or units, "
            "e.g. [SEK, NOK, DKK]"
        )
    readings = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise refuse("a reading of {what} must be an ISO code or a unit, not {quoted}")
        readings.append(item.strip())
    return tuple(readings)


Readings = Annotated[
    tuple[str, ...],
    PlainValidator(_readings),
    WithJsonSchema({"type": "array", "items": {"type": "string"}, "minItems": 2}),
]


class UnitsEntry(_Record):
    """Unit words for the value reader: count nouns, aliases and currency words."""

    count_nouns: Words = Field(default=(), description="Nouns that count things: cases, flights.")
    aliases: dict[str, RequiredText] = Field(
        default_factory=dict, description="A word and the unit it means, as pint writes it."
    )
    currencies: dict[str, Currency] = Field(
        default_factory=dict,
        description="A word and the ISO 4217 code it means in these claims (rupees: INR).",
    )
    percent_words: dict[str, PercentKind] = Field(
        default_factory=dict,
        description="A word and what it means: percent, percentage_point or basis_point.",
    )
    ambiguous: dict[str, Readings] = Field(
        default_factory=dict,
        description="A word with two readings or more (ISO codes or units, kr: [SEK, NOK]): "
        "a claim's currency: or its metric's unit decides, else the value is refused.",
    )


def _version_message(value: Any) -> str:
    if value is None:
        return "version is empty: write version: 1"
    shown = repr(value) if len(repr(value)) <= 40 else "a long number"
    return f"version {shown} is not supported: write 'version: 1'"


Version = exactly(1, _version_message)


class RulesFile(_Record):
    """A rules file: any of settings, rules, metrics and exchange rates."""

    model_config = ConfigDict(title="nqpf-check rules file, version 1")

    version: Version = 1
    builtin: bool | None = Field(
        default=None,
        description="false: this folder replaces the built-in rules, rates and words instead "
        "of extending them",
    )
    settings: Settings | None = None
    rules: list[dict[str, Any]] | None = Field(
        default=None, description="Rules; each is checked against its kind's options."
    )
    metrics: dict[MetricName, MetricEntry | None] | None = None
    exchange_rates: list[RateEntry] | None = None
    units: UnitsEntry | None = None


TOP_KEYS = tuple(RulesFile.model_fields)
METRIC_KEYS = tuple(MetricEntry.model_fields)
RATE_KEYS = tuple(RateEntry.model_fields)
UNITS_KEYS = tuple(UnitsEntry.model_fields)


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of rules files, each rule checked against its kind's options."""
    schema = RulesFile.model_json_schema()
    one_of_kinds = []
    for kind in KINDS:
        rule = kind_model(kind).model_json_schema(ref_template="#/$defs/{model}")
        schema.setdefault("$defs", {}).update(rule.pop("$defs", {}))
        one_of_kinds.append(
            {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": rule}
        )
    schema["properties"]["rules"] = {
        "anyOf": [
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "kind"],
                    "properties": {"kind": {"enum": list(KINDS)}},
                    "allOf": one_of_kinds,
                },
            },
            {"type": "null"},
        ],
        "description": "Rules; each is checked against its kind's options.",
    }
    return {"$schema": SCHEMA_DIALECT, **schema}
