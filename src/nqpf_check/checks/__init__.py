"""The registry of built-in rule kinds: one module per kind, one table here."""

from __future__ import annotations

from nqpf_check.checks import agreement, unreadable
from nqpf_check.checks.base import Kind

KINDS: dict[str, Kind] = {kind.name: kind for kind in (agreement.KIND, unreadable.KIND)}
"""Every rule kind by name."""
