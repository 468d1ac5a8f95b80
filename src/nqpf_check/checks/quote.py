"""quote: the claim's value appears, read the same, in its quote; the quote in its source.

The value counts as present when its text appears in the quote, or when a number
phrase of the quote reads to the same value (same unit, magnitude, qualifier and
interval). The quote counts as present in the source's text file when it appears
there with white space and typographic quotes normalised.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from nqpf_check import files
from nqpf_check.checks.base import Context, Kind, Problem, RuleSpec
from nqpf_check.claims.model import Claim, Source
from nqpf_check.quantities.text import count_numbers, each_reading, normalized
from nqpf_check.quantities.values import Value, ValueParseError, parse_value


def same_reading(a: Value, b: Value) -> bool:
    """Whether two values read the same: unit, magnitude, qualifier and interval."""

    def close(x: float, y: float) -> bool:
        return x == y or math.isclose(x, y, rel_tol=1e-9)

    return (
        a.dimension == b.dimension
        and close(a.base, b.base)
        and a.qualifier == b.qualifier
        and close(a.low, b.low)
        and close(a.high, b.high)
    )


def check(ctx: Context, spec: RuleSpec) -> Iterator[Problem]:
    """Yield a problem for each quote without its value, and each quote not in its source."""
    approx = ctx.settings.get("approximate", 0.05)
    nearly = ctx.settings.get("nearly", 0.05)
    for claim in ctx.claims_of(spec):
        if not claim.quote:
            continue
        value = ctx.values.get(claim.id)
        if value is not None:
            problem = _value_problem(claim, value, approx, nearly)
            if problem is not None:
                yield problem
        source = ctx.source_of(claim)
        if source.text:
            problem = _quote_in_text(ctx, claim, source)
            if problem is not None:
                yield problem


def _value_problem(claim: Claim, value: Value, approx: float, nearly: float) -> Problem | None:
    """A quote too full of numbers to read, or one without the claim's value."""
    quote = normalized(claim.quote or "")
    if count_numbers(quote, claim.lang, MAX_QUOTE_NUMBERS + 1) > MAX_QUOTE_NUMBERS:
        message = (
            f"{claim.key}: the quote of claim {claim.id} holds more than {MAX_QUOTE_NUMBERS} "
            f"numbers ({len(claim.quote or ''):,} characters), more than a sentence or two that "
            "give a value would, so it is not read: quote the sentence that gives the value."
        )
    elif not _value_in_quote(claim, quote, value, approx, nearly):
        message = (
            f"{claim.key}: the quote of claim {claim.id} does not contain its value "
            f'{claim.value!r} read the same way (quote: "{_short(claim.quote or "")}"). '
            "Copy the value as the quote writes it, or fix the quote."
        )
    else:
        return None
    return Problem(message=message, claims=(claim.id,), key=claim.key, suspect=claim.id)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_in_quote(claim: Claim, quote: str, value: Value, approx: float, nearly: float) -> bool:
    """Whether a number phrase of the quote (as ``normalized``) reads as the value.

    With a separate ``unit:``, the number as written must read the same and the unit
    word must stand in the quote (words may sit between: "10 major ... centres").
    """
    if claim.unit:
        if claim.unit.lower() not in quote.lower():
            return False
        try:
            value = parse_value(claim.written, approx, nearly, claim.lang)
        except ValueParseError:
            return False
    found = each_reading(quote, approx, nearly, claim.lang)
    # A ¥ in the quote may be yuan or yen: either reading matches the value as settled.
    return any(same_reading(value, reading) for r in found for reading in r.readings)


MAX_QUOTE_NUMBERS = 50
"""A quote holding more numbers than this is not read: a sentence or two hold a few, and
reading a number costs up to a millisecond (a quote of 10,000 characters of numerals took
more than a second)."""

MAX_TEXT_BYTES = files.MAX_TEXT_BYTES
"""A source text longer than this is no article: it is not read."""


@cache
def _source_text(path: Path) -> str | None:
    try:  # a regular file only: a FIFO or a device would hang or never end
        if not path.is_file() or path.stat().st_size > MAX_TEXT_BYTES:
            return None
        return normalized(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


def _quote_in_text(ctx: Context, claim: Claim, source: Source) -> Problem | None:
    folder = Path(source.file).parent
    path = (folder / (source.text or "")).resolve()
    where = f"the text file {source.text!r} of source {source.id}"
    given = ctx.texts.get(source.id) if ctx.texts is not None else None
    if given is not None:
        text: str | None = normalized(given)
    elif not ctx.allow_outside_text and not path.is_relative_to(folder.resolve()):
        text = None
        message = (
            f"{where} lies outside the claims file's folder and is not read: keep source texts "
            "beside the claims, or pass --allow-outside-text"
        )
    elif (text := _source_text(path)) is None:
        message = f"{where} cannot be read as UTF-8 text ({path}): check the path"
    if text is not None:
        if normalized(claim.quote or "") in text:
            return None
        message = (
            f"the quote of claim {claim.id} does not appear in {where}: copy it verbatim "
            f'from the text ("{_short(claim.quote or "")}")'
        )
    return Problem(
        message=f"{claim.key}: {message}",
        claims=(claim.id,),
        key=claim.key,
        suspect=claim.id,
    )


KIND = Kind(
    name="quote",
    summary="The value appears, read the same, in its quote; the quote in the source's text.",
    what=(
        "checks that each claim's quote contains its value (as written, or a number phrase read "
        "the same), and that the quote appears in the source's text file when the source names one"
        " (text:, relative to the claims file)."
    ),
    why=(
        "a value copied wrong from its quote, or a quote that its source does not contain, cannot "
        "be checked against the article."
    ),
    options={},
    check=check,
)
