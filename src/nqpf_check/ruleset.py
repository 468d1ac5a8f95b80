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
from nqpf_check.claims import ID_RE
from nqpf_check.errors import InputError
from nqpf_check.report import SEVERITIES
from nqpf_check.yamlsrc import LList, LMap, Mark, load_yaml

TOP_KEYS = ("version", "settings", "rules")
COMMON_KEYS = ("id", "kind", "severity", "metrics", "description")
SETTINGS: dict[str, tuple[float, str]] = {
    "approximate": (0.05, "relative tolerance of about / roughly / around / approximately"),
    "nearly": (0.05, "how far below its figure 'nearly' / 'almost' may fall, relative"),
}
IMPLICIT = RuleSpec(
    id="unreadable-value",
    kind="unreadable-value",
    severity="error",
    metrics=None,
    options={},
    file="<built-in>",
    line=0,
)


@dataclass(frozen=True)
class RuleSet:
    """The rules in force and the settings they share."""

    rules: tuple[RuleSpec, ...]
    settings: dict[str, float] = field(default_factory=dict)
    origin: str = "built-in"


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
    rules: list[RuleSpec] = []
    settings = {name: default for name, (default, _) in SETTINGS.items()}
    seen: dict[str, str] = {}
    for path in files:
        display = str(path) if origin != "built-in" else f"<built-in>/{path.name}"
        for spec in _load_file(path, display, settings):
            if spec.id in seen:
                raise InputError(
                    display,
                    spec.line,
                    1,
                    f"duplicate rule id '{spec.id}' (first in {seen[spec.id]}): rename one",
                )
            seen[spec.id] = f"{display}:{spec.line}"
            rules.append(spec)
    if not any(r.kind == "unreadable-value" for r in rules):
        rules.insert(0, IMPLICIT)
    return RuleSet(tuple(rules), settings, origin)


def _fail(display: str, mark: Mark, message: str) -> InputError:
    return InputError(display, mark.line, mark.col, message)


def _hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    valid = "valid: " + ", ".join(choices)
    return f"did you mean '{close[0]}'? ({valid})" if close else valid


def _load_file(path: Path, display: str, settings: dict[str, float]) -> list[RuleSpec]:
    data = load_yaml(path, display)
    if data is None:
        return []
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
        _settings(display, data, settings)
    items = data.get("rules")
    if items is None:
        return []
    if not isinstance(items, LList):
        raise _fail(display, data.value_marks["rules"], "'rules' must be a list of rules")
    return [_rule(display, item, items.item_marks[i]) for i, item in enumerate(items)]


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
        if isinstance(value, bool) or not isinstance(value, option.type):
            names = option.type if isinstance(option.type, tuple) else (option.type,)
            wanted = " or ".join(t.__name__ for t in names)
            raise _fail(
                display,
                item.value_marks[key],
                f'option "{key}" of rule "{rule_id}" must be {wanted}, not {value!r}',
            )
        options[key] = value
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
    )


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
