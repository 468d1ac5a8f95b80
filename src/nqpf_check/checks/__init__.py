"""The registry of rule kinds, found by walking this package.

A kind is a module of this package that defines ``KIND``, a :class:`~base.Kind` whose
name is the module's name with ``-`` for ``_`` (``undeclared_metric.py`` is the kind
``undeclared-metric``). Its pass and fail cases are ``examples/<kind>.yaml``. The other
modules (base, ratios, consensus, relations, diagnose, examples) are shared helpers.
"""

from __future__ import annotations

import importlib
import pkgutil

from nqpf_check.checks.base import Kind


def _discover() -> dict[str, Kind]:
    """Every kind module of this package, by kind name, in name order."""
    found: dict[str, Kind] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if not isinstance(kind, Kind):
            continue
        expected = info.name.replace("_", "-")
        if kind.name != expected:
            raise RuntimeError(
                f"checks/{info.name}.py defines the kind '{kind.name}': name it '{expected}'"
            )
        found[kind.name] = kind
    return found


KINDS: dict[str, Kind] = _discover()
"""Every rule kind by name."""
