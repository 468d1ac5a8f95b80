"""The built-in exchange rates and the cross rates made from them."""

from __future__ import annotations

import math

from nqpf_check.reference import find_rate
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
    assert not inverted and rate.kind == "cross rate"
    assert math.isclose(rate.rate, usd_cny[0].rate / usd_jpy[0].rate)
    assert "cross rate through USD" in rate.source and "G.5A" in rate.source
    euro = find_rate(RATES, "EUR", "GBP", "2020")
    assert euro is not None and 0.8 < euro[0].rate < 0.95  # a euro buys under a pound
    assert find_rate(RATES, "JPY", "XAF", "2023") is None  # no rate, no guess
