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

    The rate declared for exactly the period; else, month by month, the most specific rate
    declared for a period that holds the month (a month's, a quarter's, a half's, the
    year's or a range's), and where those differ their month-weighted mean (a fiscal year
    from October takes three months of one year's rate and nine of the next). Without a
    rate for the pair itself, the rates of both against the US dollar make a cross rate
    whose source names both. Answers are remembered per table of rates: a run with many
    findings asks the same question again and again.
    """
    memo = _memo(rates)
    asked = (base, quote, period)
    if asked not in memo:
        memo[asked] = _find_rate(rates, base, quote, period)
    return memo[asked]


def partners(rates: tuple[ExchangeRate, ...], currency: str) -> tuple[str, ...]:
    """The currencies a rate relates ``currency`` to, sorted (remembered like find_rate)."""
    memo = _memo(rates)
    if currency not in memo:
        found = {r.base for r in rates if r.quote == currency}
        found |= {r.quote for r in rates if r.base == currency}
        memo[currency] = tuple(sorted(found))
    return memo[currency]


_MEMO: dict[int, tuple[tuple[ExchangeRate, ...], dict]] = {}


def _memo(rates: tuple[ExchangeRate, ...]) -> dict:
    """The answers remembered for this table of rates (one table is in use at a time)."""
    held = _MEMO.get(id(rates))
    if held is None or held[0] is not rates:
        held = (rates, {})
        _MEMO.clear()
        _MEMO[id(rates)] = held
    return held[1]


def _find_rate(
    rates: tuple[ExchangeRate, ...], base: str, quote: str, period: str
) -> tuple[ExchangeRate, bool] | None:
    direct = _pair_rate(rates, base, quote, period)
    if direct is not None or CROSS in (base, quote) or base == quote:
        return direct
    to_cross = _pair_rate(rates, base, CROSS, period)
    from_cross = _pair_rate(rates, CROSS, quote, period)
    if to_cross is None or from_cross is None:
        return None
    first, second = to_cross[0], from_cross[0]
    cross = ExchangeRate(
        base=base,
        quote=quote,
        period=period,
        rate=_units_per(to_cross) * _units_per(from_cross),
        source=f"cross rate through {CROSS}: {first.source}; {second.source}",
        kind="cross",
        verified=first.verified and second.verified,
        file=first.file,
        line=first.line,
    )
    return cross, False


def _pair_rate(
    rates: tuple[ExchangeRate, ...], base: str, quote: str, period: str
) -> tuple[ExchangeRate, bool] | None:
    """The pair's rate for the period: declared for it exactly, else by its months."""
    exact = _direct(rates, base, quote, (period,))
    if exact is not None:
        return exact
    months = months_of(period)
    if not months:
        return None
    found = []
    for month in months:
        rate = _direct(rates, base, quote, _holders(month), month)
        if rate is None:
            return None
        found.append(rate)
    if all(f[0] is found[0][0] for f in found):
        return found[0]  # one rate covers every month: a year's rate for its half
    weights: dict[int, tuple[tuple[ExchangeRate, bool], int]] = {}
    for rate in found:
        held = weights.get(id(rate[0]))
        weights[id(rate[0])] = (rate, (held[1] if held else 0) + 1)
    mean = sum(_units_per(rate) * n for rate, n in weights.values()) / len(months)
    said = "; ".join(
        f"{n} month(s) at {r.rate:g} ({r.period}, {r.source})" for (r, _), n in weights.values()
    )
    first = found[0][0]
    return (
        ExchangeRate(
            base=base,
            quote=quote,
            period=period,
            rate=mean,
            source=f"month-weighted mean of {said}",
            kind="month-weighted mean",
            verified=all(r.verified for (r, _), _n in weights.values()),
            file=first.file,
            line=first.line,
        ),
        False,
    )


def _direct(
    rates: tuple[ExchangeRate, ...],
    base: str,
    quote: str,
    periods: tuple[str, ...],
    month: tuple[int, int] | None = None,
) -> tuple[ExchangeRate, bool] | None:
    """A declared rate for the pair (either way round) for the first of ``periods`` that
    has one, or for a range of months that holds ``month``."""
    pair = [r for r in rates if (r.base, r.quote) in ((base, quote), (quote, base))]
    for wanted in periods:
        for rate in pair:
            if rate.period == wanted:
                return rate, rate.base != base
    if month is not None:
        for rate in pair:
            if ".." in rate.period and month in months_of(rate.period):
                return rate, rate.base != base
    return None


def _holders(month: tuple[int, int]) -> tuple[str, ...]:
    """The periods that hold a month, the most specific first: 2023-05, 2023-Q2, 2023-H1,
    2023."""
    year, m = month
    return (
        f"{year}-{m:02d}",
        f"{year}-Q{(m - 1) // 3 + 1}",
        f"{year}-H{1 if m <= 6 else 2}",
        str(year),
    )


def months_of(period: str) -> list[tuple[int, int]]:
    """The (year, month) pairs a period covers: 12 for a year, 3 for a quarter, ..."""
    start, _, end = period.partition("..")
    first, last = _span(start), _span(end or start)
    if first is None or last is None:
        return []
    (y, m), stop = first[0], last[1]
    months = []
    while (y, m) <= stop and len(months) < 1200:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _span(one: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last month of one period (a day is its month)."""
    if not one[:4].isdigit():
        return None
    year, rest = int(one[:4]), one[4:]
    if not rest:
        return (year, 1), (year, 12)
    if rest.startswith("-H") and rest[2:] in ("1", "2"):
        h = int(rest[2:])
        return (year, 6 * h - 5), (year, 6 * h)
    if rest.startswith("-Q") and rest[2:] in ("1", "2", "3", "4"):
        q = int(rest[2:])
        return (year, 3 * q - 2), (year, 3 * q)
    if rest[1:3].isdigit():
        month = int(rest[1:3])
        return (year, month), (year, month)
    return None


def _units_per(found: tuple[ExchangeRate, bool]) -> float:
    """Units of the asked quote per unit of the asked base, from a rate found either way."""
    rate, inverted = found
    return 1 / rate.rate if inverted else rate.rate
