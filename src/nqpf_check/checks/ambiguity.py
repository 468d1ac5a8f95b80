"""Settle a value whose sign has two readings (a bare ``¥``: yuan or yen) by its neighbours.

The parser decides a sign by what the claim says (its ``currency``, its metric's unit,
a yen or yuan word, its language); what is left keeps both readings. Here each reading
is compared with the certain figures of the same metric, entity and measure (the same
period first, then any other): the only reading that can be compared with them (the
same currency, or one a reference rate relates), else the one clearly closer, is taken,
and a note says so and how to settle it for good. When no figure decides, the claim
is left out of the checks with a note; the ambiguity alone is never an error.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from nqpf_check.claims.model import Claim
from nqpf_check.quantities.units import Unit, currency_label
from nqpf_check.quantities.values import Value
from nqpf_check.reference import ExchangeRate, find_rate

MARGIN = math.log(2)
"""How much closer (as a log ratio) one reading must be than the other to be taken."""


def settle(
    claims: Iterable[Claim],
    values: dict[str, Value],
    rates: tuple[ExchangeRate, ...],
    units: dict[str, str] | None = None,
) -> tuple[dict[str, Value], dict[str, str]]:
    """The values with every two-reading value settled or left out, and a note for each.

    ``units`` are the metrics' declared units: a metric declared in a currency neither
    reading is keeps the first reading, for the dimension rule to report.
    """
    claims = tuple(claims)
    open_ids = [c.id for c in claims if c.id in values and values[c.id].others]
    if not open_ids:
        return values, {}
    by_key: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    by_series: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        value = values.get(claim.id)
        if value is not None and not value.others and value.unit.is_currency:
            by_key[(claim.metric, claim.entity, claim.period, claim.measure)].append(claim)
            by_series[(claim.metric, claim.entity, claim.measure)].append(claim)
    settled = dict(values)
    notes: dict[str, str] = {}
    by_id = {c.id: c for c in claims}
    undecided: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for claim_id in open_ids:
        claim = by_id[claim_id]
        value = values[claim_id]
        near = by_key.get(
            (claim.metric, claim.entity, claim.period, claim.measure)
        ) or by_series.get((claim.metric, claim.entity, claim.measure), [])
        choice = _closest(value, claim, [(c, values[c.id]) for c in near], rates)
        names = " or ".join(_name(r.unit) for r in value.readings)
        codes = " or ".join(f"currency: {r.unit.name}" for r in value.readings)
        declared = (units or {}).get(claim.metric)
        if choice is None and declared and _foreign(declared, value):
            notes[claim_id] = (
                f"'{claim.value}' may be {names}, and the metric {claim.metric} is declared "
                f"in {declared}, neither of them: it is compared as {_name(value.unit)}"
            )
            continue  # the first reading stays, for the dimension rule to report
        if choice is None:
            undecided[(claim.metric, claim.entity, claim.period, claim.measure)].append(claim_id)
            del settled[claim_id]
            notes[claim_id] = (
                f"'{claim.value}' may be {names}, and no figure of the same metric, entity "
                f"and measure (in either currency, or one a rate relates) decides which: the "
                f"claim is left out of the checks. Write {codes} on the claim, its source or "
                "the defaults"
            )
            continue
        reading, witness = choice
        settled[claim_id] = reading
        notes[claim_id] = (
            f"'{claim.value}' may be {names}: read as {_name(reading.unit)}, the reading "
            f"closest to claim {witness.id} ({witness.value}). Write currency: "
            f"{reading.unit.name} on the claim, its source or the defaults to settle it"
        )
    for ids in undecided.values():
        if len(ids) > 1:  # all with the same sign: compared with each other under one reading
            _compare_alike(ids, by_id, values, settled, notes)
    return settled, notes


def _compare_alike(
    ids: list[str],
    by_id: dict[str, Claim],
    values: dict[str, Value],
    settled: dict[str, Value],
    notes: dict[str, str],
) -> None:
    """Claims of one key that all write the sign and nothing decides: whichever currency it
    is, it is the same for all of them, so they are compared under the first reading."""
    together = ", ".join(ids)
    for claim_id in ids:
        value = values[claim_id]
        settled[claim_id] = value
        names = " or ".join(_name(r.unit) for r in value.readings)
        notes[claim_id] = (
            f"'{by_id[claim_id].value}' may be {names}, and nothing decides which; claims "
            f"{together} all write it, so they are compared with each other as one currency. "
            "Write currency: on the claims, their sources or the defaults to settle it"
        )


def _foreign(declared: str, value: Value) -> bool:
    """Whether the metric's declared unit is a currency none of the value's readings is."""
    from nqpf_check.quantities.units import UnitError, currency_code, resolve_unit

    try:
        unit = resolve_unit(declared)
    except UnitError:
        code = currency_code(declared.strip())
        return code is not None and all(r.unit.name != code for r in value.readings)
    return unit.is_currency and all(r.unit.name != unit.name for r in value.readings)


def _closest(
    value: Value, claim: Claim, near: list[tuple[Claim, Value]], rates: tuple[ExchangeRate, ...]
) -> tuple[Value, Claim] | None:
    """The reading clearly closest to a certain figure nearby, with that figure's claim.

    Figures in a reading's own currency speak first: a ¥ among yen figures is yen even when
    a slip puts it nearer the yuan at the exchange rate. Converted figures decide only where
    no reading has figures of its own currency.
    """
    own = [r for r in value.readings if any(v.unit.name == r.unit.name for _, v in near)]
    if own:
        near_own = [(c, v) for c, v in near if any(v.unit.name == r.unit.name for r in own)]
        return _nearest(own, claim, near_own, ())
    return _nearest(list(value.readings), claim, near, rates)


def _nearest(
    readings: list[Value],
    claim: Claim,
    near: list[tuple[Claim, Value]],
    rates: tuple[ExchangeRate, ...],
) -> tuple[Value, Claim] | None:
    """The reading clearly nearest the figures (converted at ``rates`` where they allow)."""
    scored: list[tuple[float, Value, Claim]] = []
    for reading in readings:
        best: tuple[float, Claim] | None = None
        for other, other_value in near:
            distance = _distance(reading, other_value, claim.period, rates)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, other)
        if best is not None:
            scored.append((best[0], reading, best[1]))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0])
    if len(scored) > 1 and scored[1][0] - scored[0][0] < MARGIN:
        return None
    return scored[0][1], scored[0][2]


def _distance(
    reading: Value, other: Value, period: str, rates: tuple[ExchangeRate, ...]
) -> float | None:
    """|log| of the ratio of two money figures, converted at a reference rate if need be."""
    a, b = abs(reading.base), abs(other.base)
    if a == 0 or b == 0 or not (math.isfinite(a) and math.isfinite(b)):
        return None
    if reading.unit.name != other.unit.name:
        found = find_rate(rates, other.unit.name, reading.unit.name, period)
        if found is None:
            return None
        rate, inverted = found
        b = b / rate.rate if inverted else b * rate.rate
    return abs(math.log(a / b))


def _name(unit: Unit) -> str:
    """A currency's English name with its code: "Japanese Yen (JPY)"."""
    return currency_label(unit.name)
