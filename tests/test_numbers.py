"""The number reader, against the data file of texts and expected readings, and properties."""

from __future__ import annotations

import math
import time

import pytest
import yaml
from babel.numbers import format_decimal, parse_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from nqpf_check.quantities.numbers import AmbiguousNumber, Number, read_number, read_per

CASES = yaml.safe_load((DATA / "numbers.yaml").read_text(encoding="utf-8"))
LOCALES = ["en", "de", "fr", "es", "de_CH"]
LANGS = [None, "en", "de", "fr", "es", "de-CH", "zh", "ja", "hi", "pt-BR"]


def _id(case: dict) -> str:
    lang = f"@{case['lang']}" if "lang" in case else ""
    per = "(per)" if "per" in case else ""
    return f"{case['text'] or '<empty>'}{lang}{per}"


def test_there_are_enough_cases() -> None:
    chinese = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c["text"])]
    langs = {c.get("lang", "").split("-")[0] for c in CASES}
    assert len(CASES) >= 180
    assert len(chinese) >= 40
    assert {"en", "de", "fr", "es", "zh", "ja"} <= langs
    assert len({_id(c) for c in CASES}) == len(CASES)


def _read(case: dict) -> Number | None:
    if "per" in case:
        read = read_per(case["text"], case.get("lang"))
        if read is None:
            return None
        number, kind = read
        assert kind == case["per"]
        return number
    return read_number(case["text"], case.get("lang"))


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_number_case(case: dict) -> None:
    if case.get("ambiguous"):
        with pytest.raises(AmbiguousNumber) as err:
            _read(case)
        assert "set lang" in str(err.value)
        return
    number = _read(case)
    if case.get("none"):
        assert number is None
        return
    assert number is not None
    assert math.isclose(number.value, case["value"], rel_tol=1e-12, abs_tol=1e-12)
    assert (number.decimals, number.end) == (case["decimals"], case["end"])
    if "exact" in case:
        assert number.exact is case["exact"]
    if "digits" in case:
        assert number.digits == case["digits"]


def test_the_ambiguity_names_both_readings() -> None:
    with pytest.raises(AmbiguousNumber) as err:
        read_number("1.500")
    assert str(err.value) == (
        '"1.500" reads as 1.5 in English and 1,500 in German, French or Spanish: '
        "set lang on the source or under defaults"
    )
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("lang", ["xx-YY", "", "not a language"])
def test_an_unknown_language_is_refused(lang: str) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        read_number("5", lang)
    with pytest.raises(ValueError, match="unknown language"):
        read_per("5", lang)


def test_digits_are_exact_only_as_fractions() -> None:
    assert read_number("12.5") == Number(12.5, 1, "12.5", False, 4)
    assert read_number("二千三百") == Number(2300.0, 0, "二千三百", True, 4)
    assert read_number("10 1/2") == Number(10.5, 0, "10 1/2", True, 6)


def test_long_inputs_are_read_in_linear_time() -> None:
    texts = ["1," * 50_000, "1 " * 50_000, "1.2" * 30_000, "一" * 100_000, "one " * 50_000]
    start = time.perf_counter()
    for text in texts:
        read_number(text)
        read_number(text, "fr")
    assert time.perf_counter() - start < 1.0


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.sampled_from(LOCALES),
    st.sampled_from(["#,##0.###", "#,##0.######", "0.##"]),
)
def test_babel_formatting_reads_back(x: float, locale: str, pattern: str) -> None:
    text = format_decimal(x, format=pattern, locale=locale)
    number = read_number(text, locale.replace("_", "-"))
    assert number is not None
    assert number.end == len(text)
    assert number.value == float(parse_decimal(text, locale=locale))
    places = len(pattern.rsplit(".", 1)[1])
    assert math.isclose(number.value, x, rel_tol=1e-12, abs_tol=0.51 * 10.0**-places)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_english_grouping_reads_back_without_a_language(n: int) -> None:
    text = f"{n:,}"
    assert read_number(text) == Number(float(n), 0, str(n), False, len(text))


_CN_DIGITS = "零一二三四五六七八九"


def _chinese_below_10000(n: int) -> str:
    out, zero = "", False
    for digit, unit in zip(f"{n:04d}", ("千", "百", "十", ""), strict=True):
        if digit == "0":
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _CN_DIGITS[int(digit)] + unit
        zero = False
    return out


def _chinese(n: int) -> str:
    high, low = divmod(n, 10_000)
    if not high:
        return _chinese_below_10000(n)
    tail = ("零" if low < 1000 else "") + _chinese_below_10000(low) if low else ""
    return _chinese_below_10000(high) + "万" + tail


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_chinese_numerals_read_back(n: int) -> None:
    text = _chinese(n)
    number = read_number(text)
    assert number is not None
    scale = 10_000 if number.end == len(text) - 1 and text.endswith("万") else 1
    assert number.end == len(text) or scale > 1
    assert number.value * scale == n


_SYMBOLS = "0123456789.,'’ \u00a0\u202f\u2009-+−/⁄½¾%"
_NUMERALS = "万亿億兆千百十零〇一二两三五九点负分之壹拾１，．"
_WORD_PIECES = ["one", "two", "twenty", "hundred", "thousand", "million", "and", "a", "half"]
_ALPHABET = st.sampled_from([*_SYMBOLS, *_NUMERALS, *_WORD_PIECES, "dozen", "quarter", "thirds"])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=40), st.lists(_ALPHABET, max_size=20).map("".join)),
    st.sampled_from(LANGS),
)
def test_reading_random_text_never_fails(text: str, lang: str | None) -> None:
    for reader in (read_number, read_per):
        try:
            read = reader(text, lang)
        except AmbiguousNumber:
            continue
        number = read[0] if reader is read_per and read is not None else read
        if number is not None:
            assert 0 < number.end <= len(text)
            assert isinstance(number.value, float)
            assert number.decimals >= 0
