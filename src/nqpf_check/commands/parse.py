"""`parse VALUE`: how a value string is read, for people and as JSON."""

from __future__ import annotations

import json
import math

from nqpf_check.quantities.values import Value, format_number

QUALIFIER_WORDS = {
    None: "none (a point figure)",
    "gt": "more than",
    "ge": "at least",
    "lt": "less than",
    "le": "at most",
    "nearly": "nearly (just below)",
    "approx": "about",
    "range": "a range",
}


def value_data(value: Value) -> dict[str, object]:
    """The reading of a value as JSON-ready data."""
    factor = value.unit.to_base

    def own(x: float) -> float | None:
        return x / factor if math.isfinite(x) else None

    return {
        "text": value.text,
        "magnitude": value.number,
        "unit": value.unit.name,
        "dimension": value.dimension,
        "scale": value.scale_word,
        "interval": {
            "low": own(value.low),
            "high": own(value.high),
            "low_open": value.low_open,
            "high_open": value.high_open,
        },
        "precision": own(value.precision),
        "qualifier": value.qualifier,
        "base": {"magnitude": value.base, "unit": value.unit.base_name},
        "other_units": [unit.name for unit in value.others],
    }


def describe_value(value: Value, as_json: bool = False) -> str:
    """A few aligned lines (or JSON) saying how ``value`` was read."""
    if as_json:
        return json.dumps(value_data(value), ensure_ascii=False, indent=2)
    unit = value.unit.symbol or value.unit.name
    scaled = ""
    if value.scale_word:
        scaled = f"  ({value.digits} {value.scale_word} × {format_number(value.scale)})"
    precision = value.precision / value.unit.to_base
    rows = [
        ("value", value.text),
        ("magnitude", f"{format_number(value.number)} {unit}{scaled}"),
        ("unit", f"{value.unit.name}  {value.dimension}"),
        ("interval", value.interval_text()),
        ("precision", "exact" if precision == 0 else f"± {format_number(precision)} {unit}"),
        ("qualifier", QUALIFIER_WORDS.get(value.qualifier, value.qualifier or "")),
    ]
    if value.unit.to_base != 1:
        rows.append(("base", f"{value.base:.6g} {value.unit.base_name}"))
    if value.others:
        names = " or ".join(u.name for u in value.others)
        rows.append(
            (
                "or",
                f"{names}: the sign has two readings; `check` takes the one the figures of the "
                "same metric agree with (set currency: on the claim to decide)",
            )
        )
    return "\n".join(f"{name:<10} {text}" for name, text in rows)


def run_parse(
    text: str,
    as_json: bool,
    lang: str | None = None,
    currency: str | None = None,
    unit: str | None = None,
) -> int:
    """Print how ``text`` is read; an unreadable value is an input error (exit 2)."""
    import sys

    from nqpf_check.errors import EXIT_INPUT, EXIT_OK, UsageError, printable
    from nqpf_check.quantities.languages import LanguageError, check_language
    from nqpf_check.quantities.units import iso_currencies
    from nqpf_check.quantities.values import Hints, ValueParseError, parse_value

    if lang is not None:
        try:
            check_language(lang)
        except LanguageError as err:
            raise UsageError("--lang", str(err)) from None
    if currency is not None:
        currency = currency.upper()
        if currency not in iso_currencies():
            raise UsageError(
                "--currency", f"'{currency}' is no ISO 4217 code: write USD, EUR, CNY, JPY, ..."
            )
    if unit is not None:
        from nqpf_check.quantities.units import UnitError, currency_code, resolve_unit

        try:
            resolve_unit(unit)
        except UnitError as err:
            if currency_code(unit.strip()) is None and unit.strip().lower() != "currency":
                raise UsageError("--unit", f"{err}: name a unit as a metric declares it") from None
    try:
        parsed = parse_value(text, lang=lang, hints=Hints(currency, unit))
    except ValueParseError as err:
        print(f"error: {printable(str(err))}", file=sys.stderr)
        return EXIT_INPUT
    described = describe_value(parsed, as_json=as_json)  # JSON escapes; the lines do not
    print(described if as_json else "\n".join(printable(line) for line in described.split("\n")))
    return EXIT_OK
