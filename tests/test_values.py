"""The value parser, against the data file of strings and expected readings."""

from __future__ import annotations

import json
import math

import pytest
import yaml

from conftest import DATA
from nqpf_check.quantities.units import registry
from nqpf_check.quantities.values import Hints, ValueParseError, parse_value

# The SPEC's reading of qualifiers: more than (v, inf), at least [v, inf), less than
# (-inf, v), at most (-inf, v].
OPEN_ENDS = {"gt": [True, True], "ge": [False, True], "lt": [True, True], "le": [True, False]}
CASES = yaml.safe_load((DATA / "values.yaml").read_text(encoding="utf-8"))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def test_there_are_enough_cases() -> None:
    readings = [c for c in CASES if "reads" in c]
    chinese = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c["text"])]
    assert len(CASES) >= 400
    assert len(readings) >= 80
    assert len(chinese) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "<empty>" for c in CASES])
def test_value_case(case: dict) -> None:
    hints = Hints(case.get("currency"), case.get("unit"))
    if "error" in case:
        with pytest.raises(ValueParseError) as err:
            parse_value(case["text"], lang=case.get("lang"), hints=hints)
        assert case["error"] in str(err.value)
        return
    value = parse_value(case["text"], lang=case.get("lang"), hints=hints)
    number, unit = case["reads"].split(" ", 1)
    assert value.unit.name == unit
    assert [u.name for u in value.others] == case.get("or", [])
    assert _close(value.number, float(number))
    assert value.qualifier == case.get("qualifier")
    factor = value.unit.to_base
    if "interval" in case:
        low, high = case["interval"]
        assert (value.low == -math.inf) if low is None else _close(value.low / factor, float(low))
        assert (
            (value.high == math.inf) if high is None else _close(value.high / factor, float(high))
        )
    expected_open = case.get("open", OPEN_ENDS.get(case.get("qualifier"), [False, False]))
    assert [value.low_open, value.high_open] == expected_open
    if "base" in case:
        magnitude, base_unit = case["base"].split(" ", 1)
        expected = registry().Quantity(float(magnitude), base_unit).to_base_units()
        assert _close(value.base, float(expected.magnitude))
        assert value.unit.base_name == str(expected.units)


def test_percent_and_points_never_compare() -> None:
    assert parse_value("5%").dimension != parse_value("5 percentage points").dimension


def test_currencies_are_separate_dimensions() -> None:
    dims = {parse_value(t).dimension for t in ("5 yuan", "$5", "€5", "5 yen")}
    assert len(dims) == 4


def test_kw_and_kwh_are_different_dimensions() -> None:
    assert parse_value("5 kW").dimension != parse_value("5 kWh").dimension


def test_count_nouns_compare_with_each_other() -> None:
    units = {parse_value(t).dimension for t in ("5 units", "5 sets", "5 vehicles", "5 辆", "5")}
    assert units == {"[item]"}


def test_stated_precision_agreement_and_truncation() -> None:
    assert parse_value("3.38 million").overlaps(parse_value("3.377 million"))
    assert not parse_value("12.88 million").overlaps(parse_value("12.888 million"))


def test_tolerances_come_from_the_caller() -> None:
    wide = parse_value("about 10 percent", approx=0.2)
    assert _close(wide.low, 8.0) and _close(wide.high, 12.0)


def test_pint_sees_each_unit_word_once() -> None:
    from nqpf_check.quantities.units import resolve_unit

    resolve_unit.cache_clear()
    parse_value.cache_clear()
    for text in ("5 kW", "6 kW", "7 kW", "8 kW"):
        parse_value(text)
    info = resolve_unit.cache_info()
    assert info.misses == 1
    assert info.hits == 3


def test_our_units_known_without_pint_match_pints_reading() -> None:
    from nqpf_check.quantities.units import OWN_DIMENSIONS, _from_pint, own_unit

    for name, dimension in OWN_DIMENSIONS.items():
        ours, pints = own_unit(name), _from_pint(name)
        assert (ours.name, ours.dimension, ours.to_base) == (pints.name, dimension, 1.0)
        assert pints.dimension == dimension


def test_unit_words_are_remembered_on_disk(tmp_path, monkeypatch) -> None:
    import subprocess
    import sys

    env = {"NQPF_CHECK_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    code = (
        "import sys; from nqpf_check.quantities.values import parse_value; "
        "parse_value('540 million kilowatts'); print('pint' in sys.modules)"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert first.stdout.strip() == "True"  # the first run asks pint
    assert second.stdout.strip() == "False"  # the second reads the word from the cache
    assert len(list(tmp_path.glob("units-*.json"))) == 1


def test_the_unit_word_cache_is_bounded(tmp_path, monkeypatch) -> None:
    """Random words (a hostile file, a fuzz test) once grew the cache to 9.7 MB, which every
    later run loaded (66 MB in memory): it keeps at most MAX_WORDS short words."""
    from nqpf_check.quantities.units import _WordCache, own_unit

    monkeypatch.setenv("NQPF_CHECK_CACHE", str(tmp_path))
    cache = _WordCache()
    unit = own_unit("pct")
    for k in range(cache.MAX_WORDS + 100):
        cache.put(f"w{k}", unit)
    cache.put("x" * (cache.MAX_WORD_LENGTH + 1), unit)
    assert len(cache.entries) == cache.MAX_WORDS
    cache.save()
    assert len(_WordCache().entries) == cache.MAX_WORDS  # read back whole
    (path,) = tmp_path.glob("units-*.json")
    path.write_text(json.dumps({f"w{k}": ["error", "e"] for k in range(9_000)}), "utf-8")
    assert _WordCache().entries == {}  # too big: ignored, and rewritten by the next run


def test_temperature_scales_never_compare() -> None:
    celsius, fahrenheit = parse_value("25 °C"), parse_value("77 °F")
    assert celsius.dimension != fahrenheit.dimension  # 25 °C is 77 °F only with the offset
    assert parse_value("-5 degrees Celsius").dimension == celsius.dimension
    assert celsius.base == 25 and fahrenheit.base == 77  # no factor applied, no offset lost
    assert parse_value("300 kelvin").dimension not in (celsius.dimension, fahrenheit.dimension)


def test_data_sizes_are_a_dimension_of_their_own() -> None:
    sizes = {parse_value(t).dimension for t in ("10 GB", "10 GiB", "16 bits", "5 kB")}
    assert sizes == {"[information]"}
    assert parse_value("1 GB").base == 8e9 and parse_value("1 GiB").base == 8 * 2**30
    assert parse_value("10 GB").dimension != parse_value("10").dimension


def test_money_per_person_is_not_money() -> None:
    value = parse_value("$12,000 per capita")
    assert not value.unit.is_currency
    assert value.dimension != parse_value("$12,000").dimension
    assert value.dimension == parse_value("US$ 9,000 per person").dimension
