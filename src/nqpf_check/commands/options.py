"""Settings of `check` from [tool.nqpf-check] in pyproject.toml, under the command line's.

The command line takes precedence; the file's paths are relative to its folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nqpf_check.errors import InputError
from nqpf_check.names import did_you_mean
from nqpf_check.report import FAIL_LEVELS
from nqpf_check.reporters import FORMAT_CHOICES

KEYS = ("claims", "rules", "format", "fail-on", "select", "ignore", "output")


@dataclass(frozen=True)
class CheckOptions:
    """Everything `check` needs to know, wherever it was set."""

    claims: tuple[Path, ...] = (Path("claims.yaml"),)
    rules: Path | None = None
    format: str = "table"
    output: Path | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    limit: int = 50
    changed_since: str | None = None
    show_suppressed: bool = False
    allow_outside_text: bool = False
    builtin_rules: bool = True

    def resolved_format(self) -> str:
        """``auto`` is ``github`` under GitHub Actions, else ``table``."""
        if self.format != "auto":
            return self.format
        actions = os.environ.get("GITHUB_ACTIONS", "").strip().lower()
        return "github" if actions not in ("", "0", "false") else "table"


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has [tool.nqpf-check]."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[tool\.nqpf-check\]", text, re.MULTILINE):
                return candidate
    return None


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def load_config(start: Path) -> tuple[dict[str, Any], Path | None]:
    """The [tool.nqpf-check] table (validated) and the file it came from."""
    import tomllib

    path = find_pyproject(start)
    if path is None:
        return {}, None
    text = path.read_text(encoding="utf-8")
    shown = os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    try:
        table = tomllib.loads(text).get("tool", {}).get("nqpf-check", {})
    except tomllib.TOMLDecodeError as err:
        raise InputError(shown, 1, 1, f"invalid TOML: {err}") from None
    except ValueError:  # an integer of more digits than Python converts
        raise InputError(
            shown, 1, 1, "the file holds a number of over 4,300 digits: no setting is that large"
        ) from None
    for key, value in table.items():
        line = _line_of(text, key)
        if key not in KEYS:
            hint = did_you_mean(key, KEYS)
            raise InputError(shown, line, 1, f"unknown key '{key}' in [tool.nqpf-check]: {hint}")
        _check_value(shown, line, key, value)
    return table, path


def _check_value(shown: str, line: int, key: str, value: Any) -> None:
    choices = {"format": FORMAT_CHOICES, "fail-on": FAIL_LEVELS}.get(key)
    if choices is not None and value not in choices:
        hint = did_you_mean(str(value), choices, "choose one of")
        raise InputError(shown, line, 1, f"'{key}' is {value!r}: {hint}")
    if key in ("claims", "select", "ignore"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise InputError(shown, line, 1, f"'{key}' must be text or a list of text")
    if key in ("rules", "output") and not isinstance(value, str):
        raise InputError(shown, line, 1, f"'{key}' must be a path as text")


def merge(cli: dict[str, Any], start: Path) -> CheckOptions:
    """Command-line values (None where not given) over the config file's over the defaults."""
    table, path = load_config(start)
    base = path.parent if path else Path(".")
    options = CheckOptions()
    here = Path.cwd().resolve()

    def rel(value: str) -> Path:
        full = (base / value).resolve()
        return Path(os.path.relpath(full, here)) if full.is_relative_to(here) else full

    if "claims" in table:
        claims = table["claims"]
        options = replace(
            options, claims=tuple(rel(c) for c in ([claims] if isinstance(claims, str) else claims))
        )
    if "rules" in table:
        options = replace(options, rules=rel(table["rules"]))
    if "output" in table:
        options = replace(options, output=rel(table["output"]))
    for key in ("format", "fail-on"):
        if key in table:
            options = replace(options, **{key.replace("-", "_"): table[key]})
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            options = replace(options, **{key: tuple([value] if isinstance(value, str) else value)})
    given = {k: v for k, v in cli.items() if v is not None and v != () and v != []}
    if "claims" in given:
        given["claims"] = tuple(given["claims"])
    for key in ("select", "ignore"):
        if key in given:
            given[key] = tuple(given[key])
    return replace(options, **given)
