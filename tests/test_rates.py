"""The built-in exchange rates and the cross rates made from them."""

from __future__ import annotations

import math

from nqpf_check.reference import ExchangeRate, find_rate, months_of
from nqpf_check.ruleset import builtin_dir, load_ruleset

RATES = load_ruleset(builtin_dir(), "built-in").exchange_rates


def test_every_built_in_rate_names_its_publisher_and_where_it_was_read() -> None:
    assert len(RATES) >= 190
    for rate in RATES:
        assert "USD" in (rate.base, rate.quote), rate
        assert rate.source.strip() and rate.rate > 0
        if rate.file.endswith("rates-annual.yaml"):
            assert "read from" in rate.source, rate
            assert "G.5A" in rate.source or "IMF" in rate.source, rate
    pairs = [(r.base, r.quote, r.period) for r in RATES]
    assert len(pairs) == len(set(pairs))  # one rate per pair and year


def test_the_twenty_largest_economies_currencies_are_covered_2015_to_2024() -> None:
    wanted = "CNY EUR JPY INR GBP BRL CAD RUB MXN AUD KRW IDR TRY SAR CHF PLN TWD SEK".split()
    for code in wanted:
        for year in range(2015, 2025):
            assert find_rate(RATES, "USD", code, str(year)) is not None, (code, year)


def test_a_cross_rate_through_the_dollar_names_both_sources() -> None:
    found = find_rate(RATES, "JPY", "CNY", "2023-H1")
    assert found is not None
    rate, inverted = found
    usd_jpy = find_rate(RATES, "USD", "JPY", "2023")
    usd_cny = find_rate(RATES, "USD", "CNY", "2023")
    assert usd_jpy is not None and usd_cny is not None
    assert not inverted and rate.kind == "cross"
    assert math.isclose(rate.rate, usd_cny[0].rate / usd_jpy[0].rate)
    assert "cross rate through USD" in rate.source and "G.5A" in rate.source
    euro = find_rate(RATES, "EUR", "GBP", "2020")
    assert euro is not None and 0.8 < euro[0].rate < 0.95  # a euro buys under a pound
    assert find_rate(RATES, "JPY", "XAF", "2023") is None  # no rate, no guess


def _rate(period: str, rate: float, base: str = "USD", quote: str = "JPY") -> ExchangeRate:
    return ExchangeRate(base, quote, period, rate, f"test {period}", "average", True, "t", 1)


def test_a_claim_takes_the_rate_of_the_period_it_covers() -> None:
    rates = (_rate("2022", 130.0), _rate("2023", 140.0), _rate("2023-05", 137.0))
    assert find_rate(rates, "USD", "JPY", "2023") == (rates[1], False)
    assert find_rate(rates, "USD", "JPY", "2023-H2") == (rates[1], False)  # the year's
    assert find_rate(rates, "JPY", "USD", "2023-05-31") == (rates[2], True)  # the month's
    fiscal = find_rate(rates, "USD", "JPY", "2022-10..2023-09")  # 3 months of 2022, 9 of 2023
    assert fiscal is not None
    assert math.isclose(fiscal[0].rate, (3 * 130 + 8 * 140 + 137) / 12)
    assert fiscal[0].kind == "month-weighted mean" and "3 month(s) at 130" in fiscal[0].source
    assert find_rate(rates, "USD", "JPY", "2021-10..2022-09") is None  # 2021 has no rate
    quarters = (_rate("2024-Q1", 150.0), _rate("2024-Q2..2024-Q4", 152.0))
    year = find_rate(quarters, "USD", "JPY", "2024")
    assert year is not None and math.isclose(year[0].rate, (3 * 150 + 9 * 152) / 12)


def test_the_months_of_a_period() -> None:
    assert len(months_of("2023")) == 12 and months_of("2023-Q2")[0] == (2023, 4)
    assert months_of("2023-H2") == [(2023, m) for m in range(7, 13)]
    assert len(months_of("2022-10..2023-09")) == 12 and months_of("2023-05-31") == [(2023, 5)]
