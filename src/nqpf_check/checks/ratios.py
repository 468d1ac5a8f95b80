"""Shared arithmetic of the rules: ratios of figures, the figures to use, a share's whole."""

from __future__ import annotations

import dataclasses

from nqpf_check.checks.base import Item
from nqpf_check.checks.consensus import basis_compatible, candidates
from nqpf_check.quantities.units import own_unit
from nqpf_check.quantities.values import Value


def ratio_interval(num: Item, den: Item) -> tuple[float, float] | None:
    """The interval of num / den from the two values' intervals; None if den may be 0."""
    if den.value.low <= 0 or num.value.low < 0:
        return None
    return num.value.low / den.value.high, num.value.high / den.value.low


def pick(items: list[Item], basis: str | None) -> list[Item]:
    """The level figures usable with a rate of ``basis``."""
    return candidates([i for i in items if basis_compatible(i.claim, basis)])


def whole_of(of: str, entity: str) -> tuple[str, str]:
    """The whole's metric and entity from ``of`` (``gdp`` or ``batteries@WORLD``)."""
    metric, _, other = of.partition("@")
    return metric, other or entity


def in_currency(value: Value, code: str, factor: float, tolerance: float = 0.0) -> Value:
    """The value in another currency at ``factor`` units per unit, widened by the rate's
    tolerance (agreement and conversion compare figures across currencies this way)."""
    return dataclasses.replace(
        value,
        unit=own_unit(code),
        number=value.number * factor,
        precision=value.precision * factor,
        low=value.low * factor * (1 - tolerance),
        high=value.high * factor * (1 + tolerance),
    )
