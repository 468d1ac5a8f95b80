"""The registry of built-in rule kinds: one module per kind, one table here."""

from __future__ import annotations

from nqpf_check.checks import (
    agreement,
    bounds,
    conversion,
    dimension,
    growth,
    placeholder,
    quote,
    share,
    sums,
    undeclared,
    unreadable,
)
from nqpf_check.checks.base import Kind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        agreement.KIND,
        growth.KIND,
        share.KIND,
        conversion.KIND,
        sums.KIND,
        bounds.KIND,
        dimension.KIND,
        quote.KIND,
        undeclared.KIND,
        unreadable.KIND,
        placeholder.KIND,
    )
}
"""Every rule kind by name."""
