"""Rule files: rules/*.yaml (or the built-in set) into validated rule specs and settings.

A rule file is data, never code: every key is checked against the declared
options of its kind, and a mistake is an InputError with file:line:col and the
valid choices.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from nqpf_check.checks import KINDS
from nqpf_check.checks.base import RuleSpec
from nqpf_check.claims.model import ID_RE
from nqpf_check.claims.yaml_file import LList, LMap, Mark, load_yaml
from nqpf_check.errors import InputError
from nqpf_check.reference import ANY_CURRENCY, ExchangeRate, Metric
from nqpf_check.report import SEVERITIES

TOP_KEYS = ("version", "settings", "rules", "metrics", "exchange_rates")
METRIC_KEYS = ("unit", "aliases", "description")
RATE_KEYS = ("base", "quote", "period", "rate", "source", "kind", "verified")
COMMON_KEYS = ("id", "kind", "severity", "metrics", "description")
SETTINGS: dict[str, tuple[float, str]] = {
    "approximate": (0.05, "relative tolerance of about / roughly / around / approximately"),
    "nearly": (0.05, "how far below its figure 'nearly' / 'almost' may fall, relative"),
}
CURRENCY_CODES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "PKR", "INR", "KRW", "RUB")
IMPLICIT = tuple(
    RuleSpec(
        id=kind, kind=kind, severity="error", metrics=None, options={}, file="<built-in>", line=0
    )
    for kind in ("unreadable-value", "placeholder")
)
"""Rules always in force, added where a rules folder does not list them."""


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, the settings they share, and the reference data they read."""

    rules: tuple[RuleSpec, ...]
    settings: dict[str, float] = field(default_factory=dict)
    origin: str = "built-in"
    metrics: dict[str, Metric] | None = None
    exchange_rates: tuple[ExchangeRate, ...] = ()


def builtin_dir() -> Path:
    """The folder of the built-in rule files inside the package."""
    return Path(str(resources.files("nqpf_check") / "data" / "rules"))


def resolve_rules_dir(rules: Path | None, claims_path: Path) -> tuple[Path, str]:
    """The rules folder in force: --rules, else rules/ beside the claims file, else built-in."""
    if rules is not None:
        return rules, str(rules)
    beside = claims_path.parent / "rules"
    if beside.is_dir() and any(beside.glob("*.yaml")):
        return beside, str(beside)
    return builtin_dir(), "built-in"


def load_ruleset(folder: Path, origin: str) -> RuleSet:
    """Load every *.yaml file of ``folder`` into one validated RuleSet."""
    if not folder.is_dir():
        raise InputError(str(folder), 1, 1, "the rules folder does not exist")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise InputError(str(folder), 1, 1, "the rules folder holds no *.yaml file")
    data = _Collected(settings={name: default for name, (default, _) in SETTINGS.items()})
    for path in files:
        display = str(path) if origin != "built-in" else f"<built-in>/{path.name}"
        _load_file(path, display, data)
    for implicit in reversed(IMPLICIT):
        if not any(r.kind == implicit.kind for r in data.rules):
            data.rules.insert(0, implicit)
    metrics = data.metrics if data.has_vocabulary else None
    if metrics is not None:
        _check_metric_references(data.rules, metrics)
    return RuleSet(tuple(data.rules), data.settings, origin, metrics, tuple(data.rates))


@dataclass
class _Collected:
    """What the files of a rules folder add up to, while they are read."""

    settings: dict[str, float]
    rules: list[RuleSpec] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    has_vocabulary: bool = False
    rates: list[ExchangeRate] = field(default_factory=list)


def _check_metric_references(rules: list[RuleSpec], metrics: dict[str, Metric]) -> None:
    """Every metric a rule names must be declared, once a vocabulary exists."""
    for spec in rules:
        named = [(m, "metrics") for m in spec.metrics or ()]
        for option in ("total", "parts"):
            value = spec.options.get(option)
            names = [value] if isinstance(value, str) else list(value or ())
            named += [(m, option) for m in names]
        for metric, where in named:
            if metric not in metrics:
                line, col = spec.positions.get(where, (spec.line, 1))
                raise InputError(
                    spec.file,
                    line,
                    col,
                    f"rule '{spec.id}' names the undeclared metric '{metric}' in '{where}': "
                    f"{_hint(metric, sorted(metrics))}",
                )


def _fail(display: str, mark: Mark, message: str) -> InputError:
    return InputError(display, mark.line, mark.col, message)


def _hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    valid = "valid: " + ", ".join(choices)
    return f"did you mean '{close[0]}'? ({valid})" if close else valid


def _load_file(path: Path, display: str, into: _Collected) -> None:
    data = load_yaml(path, display)
    if data is None:
        return
    if not isinstance(data, LMap):
        raise InputError(display, 1, 1, "a rules file must be a mapping with 'rules:'")
    for key in data:
        if key not in TOP_KEYS:
            raise _fail(
                display,
                data.key_marks[key],
                f"unknown key '{key}' in a rules file: {_hint(key, TOP_KEYS)}",
            )
    if "version" in data and data["version"] != 1:
        raise _fail(
            display,
            data.value_marks["version"],
            f"version {data['version']!r} is not supported: write 'version: 1'",
        )
    if data.get("settings") is not None:
        _settings(display, data, into.settings)
    if "metrics" in data:
        into.has_vocabulary = True
        _metrics_block(display, data, into.metrics)
    if data.get("exchange_rates") is not None:
        into.rates.extend(_rates(display, data))
    items = data.get("rules")
    if items is None:
        return
    if not isinstance(items, LList):
        raise _fail(display, data.value_marks["rules"], "'rules' must be a list of rules")
    for i, item in enumerate(items):
        spec = _rule(display, item, items.item_marks[i])
        if spec.id in into.seen:
            raise InputError(
                display,
                spec.line,
                items.item_marks[i].col,
                f"duplicate rule id '{spec.id}' (first at {into.seen[spec.id]}): rename one",
            )
        into.seen[spec.id] = f"{display}:{spec.line}"
        into.rules.append(spec)


def _metrics_block(display: str, data: LMap, metrics: dict[str, Metric]) -> None:
    from nqpf_check.claims.model import NAME_RE
    from nqpf_check.quantities.units import UnitError, resolve_unit

    block = data["metrics"]
    if block is None:
        return
    if not isinstance(block, LMap):
        raise _fail(display, data.value_marks["metrics"], "'metrics' must map names to entries")
    for name, entry in block.items():
        mark = block.key_marks[name]
        if not NAME_RE.fullmatch(name):
            raise _fail(display, mark, f"metric name '{name}' must be letters, digits, _ . -")
        if name in metrics:
            first = metrics[name]
            raise _fail(
                display,
                mark,
                f"metric '{name}' is declared twice (first at {first.file}:{first.line})",
            )
        entry = entry if entry is not None else LMap()
        if not isinstance(entry, LMap):
            raise _fail(
                display,
                block.value_marks[name],
                f"metric '{name}' must be a mapping with unit, aliases, description",
            )
        for key in entry:
            if key not in METRIC_KEYS:
                raise _fail(
                    display,
                    entry.key_marks[key],
                    f"unknown key '{key}' in metric '{name}': {_hint(key, METRIC_KEYS)}",
                )
        unit, dimension = entry.get("unit"), None
        if unit is not None:
            if not isinstance(unit, str):
                raise _fail(
                    display,
                    entry.value_marks["unit"],
                    f"the unit of metric '{name}' must be text, e.g. yuan, kW, %",
                )
            if unit != ANY_CURRENCY:
                try:
                    dimension = resolve_unit(unit).dimension
                except UnitError as err:
                    raise _fail(
                        display, entry.value_marks["unit"], f"metric '{name}': {err}"
                    ) from None
        aliases = entry.get("aliases") or LList()
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _fail(
                display,
                entry.value_marks.get("aliases", mark),
                f"the aliases of metric '{name}' must be a list of text",
            )
        description = entry.get("description") or ""
        if not isinstance(description, str):
            raise _fail(
                display,
                entry.value_marks["description"],
                f"the description of metric '{name}' must be text",
            )
        metrics[name] = Metric(
            name, unit, dimension, tuple(aliases), description, display, mark.line
        )


def _rates(display: str, data: LMap) -> list[ExchangeRate]:
    items = data["exchange_rates"]
    if not isinstance(items, LList):
        raise _fail(
            display, data.value_marks["exchange_rates"], "'exchange_rates' must be a list of rates"
        )
    rates = []
    for i, item in enumerate(items):
        mark = items.item_marks[i]
        if not isinstance(item, LMap):
            raise _fail(
                display,
                mark,
                "an exchange rate must be a mapping: base, quote, period, rate, source",
            )
        for key in item:
            if key not in RATE_KEYS:
                raise _fail(
                    display,
                    item.key_marks[key],
                    f"unknown key '{key}' in an exchange rate: {_hint(key, RATE_KEYS)}",
                )
        for key in ("base", "quote", "period", "rate", "source"):
            if key not in item:
                raise _fail(display, mark, f"an exchange rate is missing '{key}'")
        rate = item["rate"]
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0:
            raise _fail(
                display,
                item.value_marks["rate"],
                f"the rate must be a positive number, not {rate!r}",
            )
        codes = []
        for key in ("base", "quote"):
            code = str(item[key]).upper()
            if code not in CURRENCY_CODES:
                raise _fail(
                    display,
                    item.value_marks[key],
                    f"unknown currency '{item[key]}': {_hint(code, CURRENCY_CODES)}",
                )
            codes.append(code)
        verified = item.get("verified", True)
        if not isinstance(verified, bool):
            raise _fail(display, item.value_marks["verified"], "'verified' must be true or false")
        rates.append(
            ExchangeRate(
                base=codes[0],
                quote=codes[1],
                period=str(item["period"]),
                rate=float(rate),
                source=str(item["source"]),
                kind=str(item.get("kind", "average")),
                verified=verified,
                file=display,
                line=mark.line,
            )
        )
    return rates


def _settings(display: str, data: LMap, settings: dict[str, float]) -> None:
    block = data["settings"]
    if not isinstance(block, LMap):
        raise _fail(display, data.value_marks["settings"], "'settings' must be a mapping")
    for key, value in block.items():
        if key not in SETTINGS:
            raise _fail(
                display,
                block.key_marks[key],
                f"unknown setting '{key}': {_hint(key, tuple(SETTINGS))}",
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
            raise _fail(
                display,
                block.value_marks[key],
                f"setting '{key}' must be a number from 0 to below 1, not {value!r}",
            )
        settings[key] = float(value)


def _rule(display: str, item: Any, mark: Mark) -> RuleSpec:
    if not isinstance(item, LMap):
        raise _fail(display, mark, "a rule must be a mapping with id, kind and severity")
    for key in ("id", "kind"):
        if key not in item:
            raise _fail(display, item.mark, f"a rule is missing the required key '{key}'")
    rule_id, kind_name = item["id"], item["kind"]
    if not isinstance(rule_id, str) or not ID_RE.fullmatch(rule_id):
        raise _fail(
            display, item.value_marks["id"], f"rule id {rule_id!r} must match [a-z0-9][a-z0-9._-]*"
        )
    if kind_name not in KINDS:
        raise _fail(
            display,
            item.value_marks["kind"],
            f"unknown kind '{kind_name}' for rule '{rule_id}': "
            f"{_hint(str(kind_name), tuple(KINDS))}",
        )
    kind = KINDS[kind_name]
    severity = item.get("severity", "error")
    if severity not in SEVERITIES:
        raise _fail(
            display,
            item.value_marks["severity"],
            f"severity '{severity}' for rule '{rule_id}': valid: " + ", ".join(SEVERITIES),
        )
    options: dict[str, Any] = {name: opt.default for name, opt in kind.options.items()}
    for key, value in item.items():
        if key in COMMON_KEYS:
            continue
        if key not in kind.options:
            raise _fail(
                display,
                item.key_marks[key],
                f'unknown option "{key}" for rule "{rule_id}" (kind {kind_name}): '
                + (_hint(key, tuple(kind.options)) if kind.options else "it takes none"),
            )
        option = kind.options[key]
        if not _fits(value, option.type):
            names = option.type if isinstance(option.type, tuple) else (option.type,)
            shown = [t for t in names if not (t is int and float in names)]
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in shown)
            raise _fail(
                display,
                item.value_marks[key],
                f'option "{key}" of rule "{rule_id}" must be {wanted}, not {value!r}',
            )
        options[key] = value
    for name, option in kind.options.items():
        if option.required and name not in item:
            raise _fail(
                display,
                item.mark,
                f'rule "{rule_id}" (kind {kind_name}) is missing the option "{name}": {option.doc}',
            )
    description = item.get("description")
    if description is not None and not isinstance(description, str):
        raise _fail(display, item.value_marks["description"], "'description' must be text")
    return RuleSpec(
        id=rule_id,
        kind=kind_name,
        severity=severity,
        metrics=_metrics(display, item, rule_id),
        options=options,
        file=display,
        line=item.mark.line,
        description=description,
        positions={k: (m.line, m.col) for k, m in item.value_marks.items()},
    )


_TYPE_NAMES = {
    int: "a whole number",
    float: "a number",
    str: "text",
    list: "a list",
    type(None): "null",
    bool: "true or false",
}


def _fits(value: Any, wanted: type | tuple[type, ...]) -> bool:
    """Whether an option value has the declared type (true/false is not a number)."""
    types = wanted if isinstance(wanted, tuple) else (wanted,)
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, list):
        return list in types and all(isinstance(v, str) for v in value)
    return isinstance(value, types)


def _metrics(display: str, item: LMap, rule_id: str) -> tuple[str, ...] | None:
    value = item.get("metrics", "all")
    if value == "all" or value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, LList) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise _fail(
        display,
        item.value_marks["metrics"],
        f"'metrics' of rule '{rule_id}' must be 'all' or a list of metric names",
    )
