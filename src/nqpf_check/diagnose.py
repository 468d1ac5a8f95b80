"""Why two figures for the same thing differ: the hypotheses, tested on the numbers.

Each test takes the odd value and the reference value and returns a Diagnosis
with its evidence in words, or None. The first hypothesis that explains the
numbers wins; when none does, the caller says so rather than guessing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nqpf_check.values import Value, format_number, intervals_overlap

SCALE_NAMES: dict[int, str] = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}
CHINESE_SCALES: dict[int, str] = {4: "万", 8: "亿", 12: "万亿"}


@dataclass(frozen=True)
class Diagnosis:
    """A hypothesis that explains the numbers, and its evidence."""

    code: str
    evidence: str


def diagnose(odd: Value, ref: Value) -> Diagnosis | None:
    """The first hypothesis that explains why ``odd`` differs from ``ref``, or None."""
    if odd.dimension != ref.dimension:
        return None
    for test in (truncated, scale_slip, transposed_digits):
        found = test(odd, ref)
        if found is not None:
            return found
    return None


def truncated(odd: Value, ref: Value) -> Diagnosis | None:
    """``odd`` is ``ref`` cut after fewer digits instead of rounded (12.888 -> 12.88)."""
    if not (odd.exact and ref.exact) or odd.precision == 0 or odd.precision <= ref.precision:
        return None
    step = 2 * odd.precision
    lo, hi = sorted((odd.base, odd.base + math.copysign(step, odd.base)))
    if not lo - 1e-9 * abs(lo) <= ref.base < hi - 1e-9 * abs(hi):
        return None
    rounded = round(ref.base / step) * step
    return Diagnosis(
        "truncated",
        f"{odd.text} is {ref.text} cut after {_places(odd)} instead of rounded "
        f"(rounded, it would be {format_number(rounded / (odd.scale * odd.unit.to_base))}"
        f"{' ' + odd.scale_word if odd.scale_word else ''})",
    )


def _places(value: Value) -> str:
    if value.decimals == 0:
        return "the units digit"
    return f"{value.decimals} decimal{'s' if value.decimals > 1 else ''}"


def scale_slip(odd: Value, ref: Value) -> Diagnosis | None:
    """``odd`` is off from ``ref`` by a power of ten (10^3 billion/trillion, 10^4 万, ...)."""
    if odd.base == 0 or ref.base == 0 or (odd.base > 0) != (ref.base > 0):
        return None
    if not (math.isfinite(odd.low) and math.isfinite(odd.high)):
        return None
    power = round(math.log10(abs(ref.base / odd.base)))
    if power == 0:
        return None
    factor = 10.0**power
    # Admit truncation as well as rounding in the slipped figure: 3.327 for 3.3278.
    allowance = 2 * odd.precision if odd.exact else 0.0
    lo, hi = sorted((odd.low * factor, (odd.high + allowance) * factor))
    if not intervals_overlap(
        (lo, hi, False, False), (ref.low, ref.high, ref.low_open, ref.high_open)
    ):
        return None
    direction = "smaller" if power > 0 else "larger"
    words = _scale_words(odd, ref, power)
    return Diagnosis(
        "scale-slip",
        f"{odd.text} is 10^{abs(power)} ({format_number(10.0 ** abs(power))}) times {direction} "
        f"than {ref.text}{words}",
    )


def _scale_words(odd: Value, ref: Value, power: int) -> str:
    """Name the words involved: "billion written for trillion"."""
    said = odd.scale_word
    if said is None:
        return ""
    odd_power = round(math.log10(odd.scale))
    meant = SCALE_NAMES.get(odd_power + power)
    if not said.isascii():
        meant = CHINESE_SCALES.get(odd_power + power)
    if meant is None:
        return ""
    return f": '{said}' written for '{meant}'"


def transposed_digits(odd: Value, ref: Value) -> Diagnosis | None:
    """``odd`` has two adjacent digits of ``ref`` swapped (3,372.8 for 3,327.8)."""
    if not (odd.exact and ref.exact):
        return None
    a, b = _digit_string(odd, ref), _digit_string(ref, ref)
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


def _digit_string(value: Value, ref: Value) -> str | None:
    """The digits of ``value`` at the reference's scale and decimals."""
    unit = ref.scale * ref.unit.to_base
    if unit == 0:
        return None
    number = value.base / unit
    return f"{abs(number):.{ref.decimals}f}".replace(".", "")
