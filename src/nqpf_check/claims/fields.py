"""Field types of the file formats: each is a validator, its JSON Schema, and its messages.

A field type is declared once here and used by the claims format (``format.py``) and
the rules format (``ruleset_format.py``). A refusal is a ``PydanticCustomError`` of
type ``nqpf`` whose ``message`` is a template with ``{key}`` (the field), ``{what}``
(the record, e.g. ``claim 'x'``), ``{value}`` (what was written) and ``{quoted}`` (the
same, in quotes if it is text); ``validation.py`` fills them in and finds the position.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from nqpf_check.names import did_you_mean
from nqpf_check.quantities.periods import PATTERN as PERIOD_PATTERN
from nqpf_check.quantities.periods import PeriodError, parse_period

BOOL_HINT = "YAML reads it as {value} (yes/no/on/off are true/false): put it in quotes"


def refuse(message: str, **context: Any) -> PydanticCustomError:
    """A refusal with a message template (``{key}``, ``{what}``, ``{value}`` filled later)."""
    return PydanticCustomError("nqpf", "{message}", {"message": message, **context})


def escaped(text: str) -> str:
    """Text put into a message template as it is (its braces are not placeholders)."""
    return text.replace("{", "{{").replace("}", "}}")


def _text(value: Any) -> str:
    if type(value) is str:  # the common case first
        return value.strip()
    if isinstance(value, bool):
        raise refuse("'{key}' in {what} must be text, but " + BOOL_HINT)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        if isinstance(value, int) and abs(value) >= 10**4000:
            raise refuse("'{key}' in {what} is a number of over 4,000 digits: write text")
        return str(value)
    raise refuse("'{key}' in {what} must be text")


def _required_text(value: Any) -> str:
    text = _text(value)
    if not text:
        raise refuse("'{key}' in {what} is empty")
    return text


TEXT_SCHEMA = {"type": ["string", "number"]}

Text = Annotated[str, PlainValidator(_text), WithJsonSchema(TEXT_SCHEMA)]
"""Text; a number is taken as its text (``title: 1984``); true/false is refused."""

RequiredText = Annotated[
    str,
    PlainValidator(_required_text),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]}),
]
"""Text that is not empty."""

Note = Annotated[str, PlainValidator(_text), WithJsonSchema({"type": "string"})]
"""Free text for people (a number is taken as its text)."""

MAX_QUOTE_LENGTH = 10_000
"""The longest quote, in characters: a quote is the sentence or two that give the value."""


def _quote(value: Any) -> str:
    text = _text(value)
    if len(text) > MAX_QUOTE_LENGTH:
        raise refuse(
            "'{key}' in {what} is {length:,} characters long, over the {cap:,} a quote may "
            "have: quote the sentence or two that give the value, not the article",
            length=len(text),
            cap=MAX_QUOTE_LENGTH,
        )
    return text


Quote = Annotated[
    str,
    PlainValidator(_quote),
    WithJsonSchema({"type": ["string", "number"], "maxLength": MAX_QUOTE_LENGTH}),
]
"""The words of the source that give the value, at most `MAX_QUOTE_LENGTH` characters."""


def matching(pattern: str, message: str, description: str = "") -> Any:
    """Text that matches ``pattern`` whole; ``message`` says what it must look like."""
    compiled = re.compile(pattern)

    def validate(value: Any) -> str:
        if type(value) is str and compiled.fullmatch(value):  # the common case first
            return value
        text = _required_text(value)
        if not compiled.fullmatch(text):
            raise refuse(message)
        return text

    schema: dict[str, Any] = {"type": "string", "pattern": f"^{pattern}$"}
    if description:
        schema["description"] = description
    return Annotated[str, PlainValidator(validate), WithJsonSchema(schema)]


def one_of(choices: tuple[str, ...], description: str = "") -> Any:
    """One of a few words; the message names them all."""

    def validate(value: Any) -> str:
        if isinstance(value, str) and value in choices:
            return value
        hint = did_you_mean(str(value), choices, "choose one of")
        raise refuse("'{key}' is '{value}' in {what}: " + escaped(hint))

    schema: dict[str, Any] = {"enum": list(choices)}
    if description:
        schema["description"] = description
    return Annotated[str, PlainValidator(validate), WithJsonSchema(schema)]


def _plain(value: str, what: str) -> str:
    """A key as one string compares: NFKC (full-width ＣＮ is CN), digits in ASCII (٢٠٢٣ is
    2023), and no invisible character, which would make a look-alike key of its own."""
    if value.isascii() and value.isprintable():
        return value.strip()  # NFKC leaves printable ASCII as it is: the common case, fast
    import unicodedata

    text = unicodedata.normalize("NFKC", value).strip()
    for at, ch in enumerate(text, start=1):
        if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp"):
            name = unicodedata.name(ch, "a control character")
            raise refuse(
                f"'{{key}}' in {{what}} holds an invisible character (U+{ord(ch):04X} {name}) at "
                f"{at}: {what} that look alike must be equal, so remove it"
            )
    if not text.isascii():
        text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
    return text


def _key_text(value: Any) -> str:
    return _plain(_text(value), "keys")


KeyText = Annotated[str, PlainValidator(_key_text), WithJsonSchema(TEXT_SCHEMA)]
"""Text that groups claims (entity, basis, of): folded so that look-alikes are one key."""


@lru_cache(maxsize=4096)
def _good_period(text: str) -> bool:
    """Whether ``text`` is a period (cached: a claims file repeats a few periods)."""
    try:
        parse_period(text)
    except PeriodError:
        return False
    return True


def _period(value: Any) -> str:
    if type(value) is str and value.isascii() and value == value.strip() and _good_period(value):
        return value  # the common case first
    if isinstance(value, str) and not value.isascii():
        value = _plain(value, "periods")
    wrong = isinstance(value, bool) or not isinstance(value, str | int)
    if wrong or (isinstance(value, int) and not 0 <= value < 10**8):
        raise refuse("'{key}' in {what} must be a period such as 2023 or \"2023-Q1\"")
    text = str(value).strip()
    try:
        parse_period(text)
    except PeriodError as err:
        raise refuse(escaped(str(err))) from None
    return text


Period = Annotated[
    str,
    PlainValidator(_period),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PERIOD_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "2023, 2023-H1, 2023-Q3, 2023-05, 2023-12-31, or a range a..b",
        }
    ),
]
"""A period: a year (a bare number is fine), half, quarter, month, day, or a range."""


def _number_or_text(value: Any) -> str | int | float:
    if isinstance(value, bool):
        raise refuse(
            'the value of {what} must be text such as "3,327.8 billion yuan" or a number '
            "(YAML reads the bare word as {value}: put the value in quotes)"
        )
    if isinstance(value, int) and abs(value) >= 10**40:
        raise refuse(
            "the value of {what} is {value}, more than any figure: write it as text with a scale"
        )
    if isinstance(value, str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise refuse("{what}: the value {value} is not a finite number")
        return value
    raise refuse('the value of {what} must be text such as "3,327.8 billion yuan" or a number')


Value = Annotated[
    str | int | float,
    PlainValidator(_number_or_text),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "description": 'As written, e.g. "3,327.8 billion yuan"; or a number with unit.',
        }
    ),
]
"""A claim's value: text as written, or a number (with ``unit``)."""


def _date(value: Any) -> str:
    text = _required_text(value)
    try:
        dt.date.fromisoformat(text) if _DATE.fullmatch(text) else None
    except ValueError:
        raise refuse("'{key}' in {what} is '{value}', which is no date in the calendar") from None
    if not _DATE.fullmatch(text):
        raise refuse("'{key}' in {what} is '{value}': write the date as YYYY-MM-DD")
    return text


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Date = Annotated[
    str,
    PlainValidator(_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date, YYYY-MM-DD.",
        }
    ),
]
"""A calendar date written YYYY-MM-DD (an unquoted YAML date is fine)."""


def _lang(value: Any) -> str:
    text = _required_text(value)
    from nqpf_check.quantities.languages import LanguageError, check_language

    try:
        return check_language(text)
    except LanguageError as err:
        raise refuse("'{key}' in {what}: " + escaped(str(err))) from None


Lang = Annotated[
    str,
    PlainValidator(_lang),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$",
            "description": "The language numbers are written in, BCP 47: en, de, fr, zh, ...",
        }
    ),
]
"""A language tag (BCP 47) that CLDR knows: how the source writes its numbers."""


def _currency(value: Any) -> str:
    from nqpf_check.quantities.units import iso_currencies

    code = str(value).upper() if isinstance(value, str) else ""
    if code not in iso_currencies():
        raise refuse(
            "unknown currency '{value}' in {what}: write an ISO 4217 code such as USD, EUR, "
            "CNY or JPY"
        )
    return code


Currency = Annotated[
    str,
    PlainValidator(_currency),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z]{3}$",
            "description": "An ISO 4217 code; on claims, sources and defaults the currency a "
            "bare sign (¥, $, Rs) or an ambiguous word (pounds, rupees) in a value stands for.",
        }
    ),
]
"""An ISO 4217 currency code (any case): the currency a value's bare sign stands for."""


def _reasons(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise refuse("'{key}' of {what} must be a mapping of rule ids to reasons")
    result = {}
    for rule, reason in value.items():
        if not isinstance(reason, str) or not reason.strip():
            raise refuse(
                "suppressing '{rule}' in {what} needs a reason: {rule}: \"why it is accepted\"",
                rule=str(rule),
                at=str(rule),
            )
        result[str(rule)] = reason.strip()
    return result


Reasons = Annotated[
    dict[str, str],
    PlainValidator(_reasons),
    WithJsonSchema(
        {
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": r"\S"},
            "description": "rule id: the reason the finding is accepted",
        }
    ),
]
"""Suppressions: rule id to the reason a finding is accepted."""


def exactly(expected: int, message: Callable[[Any], str]) -> Any:
    """The number ``expected`` and nothing else (true is not 1); ``message`` explains."""

    def validate(value: Any) -> int:
        if isinstance(value, bool) or value != expected or not isinstance(value, int):
            raise refuse(escaped(message(value)))
        return expected

    return Annotated[int, PlainValidator(validate), WithJsonSchema({"const": expected})]
