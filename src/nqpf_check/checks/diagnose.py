"""Why two figures for the same thing differ: the hypotheses, tested on the numbers.

Each test takes the odd value and the reference value (and the evidence around
them: exchange rates, the metric's figures in other periods) and returns a
Diagnosis with its evidence in words, or None. The first hypothesis that explains
the numbers wins; when none does, the caller says so rather than guessing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nqpf_check.checks.series import Series
from nqpf_check.quantities.values import Value, format_like, format_number, intervals_overlap
from nqpf_check.reference import ExchangeRate, find_rate, partners

SCALE_NAMES: dict[int, str] = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}
CHINESE_SCALES: dict[int, str] = {4: "万", 8: "亿", 12: "万亿"}
BENIGN = frozenset({"truncated", "basis-differs"})
"""Diagnoses that explain a difference without a wrong figure: reported as info."""


@dataclass(frozen=True)
class Diagnosis:
    """A hypothesis that explains the numbers, and its evidence."""

    code: str
    evidence: str


@dataclass(frozen=True)
class Evidence:
    """What a diagnosis may draw on beyond the two values."""

    period: str = ""
    rates: tuple[ExchangeRate, ...] = ()
    rate_tolerance: float = 0.02
    series: Series | None = None  # the metric's figures in every period


@dataclass(frozen=True)
class Figure:
    """A value as compared (perhaps converted to another currency) and as written."""

    value: Value
    written: Value

    @classmethod
    def of(cls, value: Value, written: Value | None = None) -> Figure:
        """A figure whose written form is ``written`` (default: the value itself)."""
        return cls(value, written or value)


def diagnose(odd: Figure, ref: Figure, evidence: Evidence | None = None) -> Diagnosis | None:
    """The first hypothesis that explains why ``odd`` differs from ``ref``, or None."""
    ev = evidence or Evidence()
    found = currency_mixup(odd, ref, ev)
    if found is not None or odd.value.dimension != ref.value.dimension:
        return found
    for test in (truncated, period_mismatch, scale_slip, transposed_digits):
        found = test(odd.written, ref.written, ev)
        if found is not None:
            return found
    return None


def truncated(odd: Value, ref: Value, ev: Evidence) -> Diagnosis | None:
    """``odd`` is ``ref`` cut after fewer digits instead of rounded (12.888 -> 12.88)."""
    if odd.dimension != ref.dimension or not (odd.exact and ref.exact):
        return None
    if odd.precision == 0 or odd.precision <= ref.precision:
        return None
    step = 2 * odd.precision
    lo, hi = sorted((odd.base, odd.base + math.copysign(step, odd.base)))
    if not lo - 1e-9 * abs(lo) <= ref.base < hi - 1e-9 * abs(hi):
        return None
    rounded = round(ref.base / step) * step
    return Diagnosis(
        "truncated",
        f"{odd.text} is {ref.text} cut after {_places(odd)} instead of rounded "
        f"(rounded, it would be {format_like(rounded, odd)})",
    )


def _places(value: Value) -> str:
    if value.decimals == 0:
        return "the units digit"
    return f"{value.decimals} decimal{'s' if value.decimals > 1 else ''}"


def period_mismatch(odd: Value, ref: Value, ev: Evidence) -> Diagnosis | None:
    """``odd`` is this metric's figure of another period, as another claim gives it."""
    if ev.series is None:
        return None
    for figure in ev.series.overlapping(odd, ev.period):
        other = figure.value
        if other.dimension == odd.dimension and not ref.overlaps(other):
            return Diagnosis(
                "period-mismatch",
                f"{odd.text} is the figure for {figure.period} (claim {figure.claim_id} gives "
                f"{other.text}), not for {ev.period}",
            )
    return None


def scale_slip(odd: Value, ref: Value, ev: Evidence) -> Diagnosis | None:
    """``odd`` is off from ``ref`` by a power of ten (10^3 billion/trillion, 10^4 万, ...)."""
    if odd.base == 0 or ref.base == 0 or (odd.base > 0) != (ref.base > 0):
        return None
    if not (math.isfinite(odd.low) and math.isfinite(odd.high)):
        return None
    power = round(math.log10(abs(ref.base / odd.base)))
    if power == 0 or (abs(power) < 3 and _significant(odd) < 2):
        return None  # one digit fits a tenfold gap too easily: "fell 1 %" beside "down 7.8 %"
    factor = 10.0**power
    # Admit truncation as well as rounding in the slipped figure: 3.327 for 3.3278.
    allowance = 2 * odd.precision if odd.exact else 0.0
    lo, hi = sorted((odd.low * factor, (odd.high + allowance) * factor))
    if not intervals_overlap((lo, hi, False, False), _interval(ref)):
        return None
    direction = "smaller" if power > 0 else "larger"
    return Diagnosis(
        "scale-slip",
        f"{odd.text} is 10^{abs(power)} ({format_number(10.0 ** abs(power))}) times {direction} "
        f"than {ref.text}{_scale_words(odd, power)}",
    )


def _interval(value: Value) -> tuple[float, float, bool, bool]:
    return (value.low, value.high, value.low_open, value.high_open)


def _scale_words(odd: Value, power: int) -> str:
    """Name the words involved: "billion written for trillion"."""
    said = odd.scale_word
    if said is None:
        return ""
    odd_power = round(math.log10(odd.scale))
    names = SCALE_NAMES if said.isascii() else CHINESE_SCALES
    meant = names.get(odd_power + power)
    return f": '{said}' written for '{meant}'" if meant else ""


def currency_mixup(odd: Figure, ref: Figure, ev: Evidence) -> Diagnosis | None:
    """A figure in the wrong currency: the same digits in another currency, or off by the rate."""
    odd_w, ref_w = odd.written, ref.written
    if not (odd_w.unit.is_currency and ref_w.unit.is_currency):
        return None
    if odd_w.dimension != ref_w.dimension:
        same = intervals_overlap(_own_interval(odd_w), _own_interval(ref_w))
        if same:
            return Diagnosis(
                "currency-mixup",
                f"{odd_w.text} has the digits of {ref_w.text} in {odd_w.unit.name} instead of "
                f"{ref_w.unit.name}: a figure in the wrong currency",
            )
        return None
    currency = ref_w.unit.name
    for other in partners(ev.rates, currency):
        found = find_rate(ev.rates, other, currency, ev.period)
        if found is None:
            continue
        rate, inverted = found
        per_other = 1 / rate.rate if inverted else rate.rate  # units of `currency` per `other`
        lo = odd_w.low * per_other * (1 - ev.rate_tolerance)
        hi = odd_w.high * per_other * (1 + ev.rate_tolerance)
        if intervals_overlap((lo, hi, False, False), _interval(ref_w)):
            return Diagnosis(
                "currency-mixup",
                f"{odd_w.text} is {ref_w.text} converted to {other} at the {rate.period} rate of "
                f"{format_number(rate.rate)} {rate.quote} per {rate.base}: a figure in {other} "
                f"written as {currency}",
            )
    return None


def _own_interval(value: Value) -> tuple[float, float, bool, bool]:
    """The interval in the value's own unit (comparable digits across currencies)."""
    f = value.unit.to_base
    return (value.low / f, value.high / f, value.low_open, value.high_open)


def transposed_digits(odd: Value, ref: Value, ev: Evidence) -> Diagnosis | None:
    """``odd`` has two adjacent digits of ``ref`` swapped (3,372.8 for 3,327.8), ``ref``
    rounded first where ``odd`` is written with fewer digits ($319 billion for $391,035
    million, which is $391 billion)."""
    if not (odd.exact and ref.exact) or _significant(odd) > _significant(ref):
        return None
    at = odd if _significant(odd) < _significant(ref) else ref  # the coarser writing
    a, b = _digit_string(odd, at), _digit_string(ref, at)
    if a is None or b is None or len(a) != len(b) or a == b:
        return None
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    ):
        return Diagnosis(
            "transposed-digits",
            f"{odd.text} has the digits {b[diffs[0]]}{b[diffs[1]]} of {ref.text} swapped",
        )
    return None


def _significant(value: Value) -> int:
    """How many digits the value was written with (a swap keeps the count)."""
    return len(value.digits.lstrip("+-").replace(".", "").lstrip("0"))


def _digit_string(value: Value, ref: Value) -> str | None:
    """The digits of ``value`` at the reference's scale and decimals."""
    unit = ref.scale * ref.unit.to_base
    if unit == 0:
        return None
    number = value.base / unit
    return f"{abs(number):.{ref.decimals}f}".replace(".", "")
