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


def find_rate(
    rates: tuple[ExchangeRate, ...], base: str, quote: str, period: str
) -> tuple[ExchangeRate, bool] | None:
    """The rate for the pair in the period, and whether it is inverted (quote per base)."""
    year = period[:4]
    for rate in rates:
        if rate.period in (period, year):
            if (rate.base, rate.quote) == (base, quote):
                return rate, False
            if (rate.base, rate.quote) == (quote, base):
                return rate, True
    return None
