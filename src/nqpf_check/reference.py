"""Reference data kept in rules/: the metric vocabulary and exchange rates.

Both are data with positions; they are validated where they are loaded
(ruleset.py) and read by the checks through the Context.
"""

from __future__ import annotations

from dataclasses import dataclass

ANY_CURRENCY = "currency"


@dataclass(frozen=True)
class Metric:
    """A declared metric: the unit its values come in, the words articles use for it."""

    name: str
    unit: str | None
    dimension: str | None
    aliases: tuple[str, ...]
    description: str
    file: str
    line: int

    def accepts(self, dimension: str) -> bool:
        """Whether a level value of this dimension fits the metric."""
        if self.unit is None:
            return True
        if self.unit == ANY_CURRENCY:
            return dimension.startswith("[currency_")
        return dimension == self.dimension


@dataclass(frozen=True)
class ExchangeRate:
    """One unit of ``base`` costs ``rate`` units of ``quote`` in ``period``."""

    base: str
    quote: str
    period: str
    rate: float
    source: str
    kind: str
    verified: bool
    file: str
    line: int


CROSS = "USD"
"""The currency two rates are crossed through when no rate names the pair itself."""


def find_rate(
    rates: tuple[ExchangeRate, ...], base: str, quote: str, period: str
) -> tuple[ExchangeRate, bool] | None:
    """The rate for the pair in the period, and whether it is inverted (quote per base).

    Without a rate for the pair itself, the rates of both against the US dollar in the
    same period make a cross rate (JPY/CNY from USD/JPY and USD/CNY), whose source names
    both.
    """
    direct = _direct(rates, base, quote, period)
    if direct is not None or CROSS in (base, quote) or base == quote:
        return direct
    to_cross, from_cross = _direct(rates, base, CROSS, period), _direct(rates, CROSS, quote, period)
    if to_cross is None or from_cross is None:
        return None
    a, b = (
        _units_per(found) for found in (to_cross, from_cross)
    )  # CROSS per base, quote per CROSS
    first, second = to_cross[0], from_cross[0]
    cross = ExchangeRate(
        base=base,
        quote=quote,
        period=first.period,
        rate=a * b,
        source=f"cross rate through {CROSS}: {first.source}; {second.source}",
        kind="cross rate",
        verified=first.verified and second.verified,
        file=first.file,
        line=first.line,
    )
    return cross, False


def _direct(
    rates: tuple[ExchangeRate, ...], base: str, quote: str, period: str
) -> tuple[ExchangeRate, bool] | None:
    """A declared rate for the pair (either way round) in the period or its year."""
    year = period[:4]
    for rate in rates:
        if rate.period in (period, year):
            if (rate.base, rate.quote) == (base, quote):
                return rate, False
            if (rate.base, rate.quote) == (quote, base):
                return rate, True
    return None


def _units_per(found: tuple[ExchangeRate, bool]) -> float:
    """Units of the asked quote per unit of the asked base, from a rate found either way."""
    rate, inverted = found
    return 1 / rate.rate if inverted else rate.rate
