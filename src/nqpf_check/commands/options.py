"""Settings of `check` from [tool.nqpf-check] in pyproject.toml, under the command line's.

The command line takes precedence; the file's paths are relative to its folder. A value
of the wrong type, an empty one, a name of no choice or an unknown key exits 2 with the
file's line, the key, what it takes and the choices.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nqpf_check.errors import InputError
from nqpf_check.names import did_you_mean
from nqpf_check.report import FAIL_LEVELS
from nqpf_check.reporters import FORMAT_CHOICES

KEYS = ("claims", "rules", "format", "fail-on", "select", "ignore", "output", "limit")
TABLE = ("tool", "nqpf-check")


@dataclass(frozen=True)
class Origin:
    """Where a setting was read from the configuration file: file, line and column."""

    file: str
    line: int
    col: int


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
    origins: dict[str, Origin] = field(default_factory=dict)
    """The settings in force that the configuration file gave (by option name)."""

    def resolved_format(self) -> str:
        """``auto`` is ``github`` under GitHub Actions, else ``table``."""
        if self.format != "auto":
            return self.format
        actions = os.environ.get("GITHUB_ACTIONS", "").strip().lower()
        return "github" if actions not in ("", "0", "false") else "table"


def _parse(text: str, shown: str) -> dict[str, Any]:
    """A pyproject.toml's data (InputError on invalid TOML)."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, col = _toml_position(str(err))
        problem = _AT.sub("", str(err)).strip()
        raise InputError(shown, line, col, f"invalid TOML: {problem}") from None
    except ValueError:  # an integer of more digits than Python converts
        raise InputError(
            shown, 1, 1, "the file holds a number of over 4,300 digits: no setting is that large"
        ) from None


_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_position(message: str) -> tuple[int, int]:
    """The line and column tomllib names in its message, else 1, 1."""
    found = _AT.search(message)
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


def _shown_path(path: Path) -> str:
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)


def find_config(start: Path) -> tuple[Path, str, dict[str, Any]] | None:
    """The nearest pyproject.toml at or above ``start`` that has [tool.nqpf-check]: its path,
    text and table. A file that names nqpf-check is read under the limits of every input
    (size, NUL, UTF-8) and must be valid TOML; any other is passed by."""
    from nqpf_check.files import read_text

    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        shown = _shown_path(candidate)
        text = read_text(candidate, shown)
        if "nqpf-check" not in text:
            continue
        tool = _parse(text, shown).get("tool")
        if isinstance(tool, dict) and "nqpf-check" in tool:
            return candidate, text, tool["nqpf-check"]
    return None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has [tool.nqpf-check]."""
    found = find_config(start)
    return found[0] if found else None


_HEADER = re.compile(r"\s*\[\[?([^\]\n]*)\]")


def _table_path(header: str) -> tuple[str, ...]:
    """The keys of a TOML table header (``tool."nqpf-check"`` is tool, nqpf-check)."""
    return tuple(part.strip().strip("\"'") for part in header.split("."))


def key_origin(text: str, shown: str, key: str) -> Origin:
    """Where ``key`` of [tool.nqpf-check] is set: its line in the table, or the header of a
    table under it; else the table's header, else the file's start."""
    section: tuple[str, ...] = ()
    table_line = 1
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            section = _table_path(header.group(1))
            if section == TABLE:
                table_line = number
            if section[:3] == (*TABLE, key):
                return Origin(shown, number, header.start(1) + 1)
            continue
        if section != TABLE:
            continue
        stripped = line.lstrip()
        for written in (key, f'"{key}"', f"'{key}'"):
            if stripped.startswith(written) and stripped[len(written) :].lstrip()[:1] in ("=", "."):
                return Origin(shown, number, len(line) - len(stripped) + 1)
    return Origin(shown, table_line, 1)


def load_config(start: Path) -> tuple[dict[str, Any], Path | None, dict[str, Origin]]:
    """The [tool.nqpf-check] table (validated), the file it came from, and where each key
    stands in it."""
    found = find_config(start)
    if found is None:
        return {}, None, {}
    path, text, table = found
    shown = _shown_path(path)
    if not isinstance(table, dict):
        line = next((n for n, t in enumerate(text.splitlines(), 1) if "nqpf-check" in t), 1)
        raise InputError(
            shown,
            line,
            1,
            f"'nqpf-check' under [tool] is {_toml(table)}: write it as a table, "
            "[tool.nqpf-check], one setting a line",
        )
    origins = {}
    for key, value in table.items():
        at = origins[key] = key_origin(text, shown, key)
        if key not in KEYS:
            hint = did_you_mean(key, KEYS)
            raise InputError(
                shown, at.line, at.col, f"unknown key '{key}' in [tool.nqpf-check]: {hint}"
            )
        problem = _problem(key, value)
        if problem is not None:
            raise InputError(shown, at.line, at.col, f"'{key}' is {_toml(value)}: {problem}")
    return table, path, origins


_TAKES = {
    "claims": 'a claims file or folder, or a list of them, e.g. claims = ["claims.yaml"]',
    "rules": 'the path of a rules folder, e.g. rules = "rules"',
    "output": 'the path of the report file, e.g. output = "report.sarif"',
    "select": 'rule ids or kinds, as text or a list, e.g. select = ["agreement"]; '
    "leave the key out to run every rule",
    "ignore": 'rule ids or kinds, as text or a list, e.g. ignore = ["bounds"]',
    "limit": "a whole number of table rows, 0 for all, e.g. limit = 50",
}


def _problem(key: str, value: Any) -> str | None:
    """What is wrong with the value of a known key, or None."""
    choices = {"format": FORMAT_CHOICES, "fail-on": FAIL_LEVELS}.get(key)
    if choices is not None:
        if isinstance(value, str) and value in choices:
            return None
        return did_you_mean(str(value) if isinstance(value, str) else "", choices, "choose one of")
    takes = f"it takes {_TAKES[key]}"
    if key == "limit":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else takes
    if key in ("rules", "output"):
        return None if isinstance(value, str) and value.strip() else takes
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        return takes
    if key == "claims" and not items:
        return takes
    return None


def _toml(value: Any) -> str:
    """A value as TOML writes it, cut when long."""
    import json

    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, str | list | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
        if isinstance(value, dict):
            text = "a table " + text
    else:
        text = str(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def merge(cli: dict[str, Any], start: Path) -> CheckOptions:
    """Command-line values (None where not given) over the config file's over the defaults."""
    table, path, origins = load_config(start)
    base = path.parent if path else Path(".")
    options = CheckOptions()
    here = Path.cwd().resolve()

    def rel(value: str) -> Path:
        full = (base / value).resolve()
        return Path(os.path.relpath(full, here)) if full.is_relative_to(here) else full

    if "claims" in table:
        claims = table["claims"]
        paths = tuple(rel(c) for c in ([claims] if isinstance(claims, str) else claims))
        options = replace(options, claims=paths)
    if "rules" in table:
        options = replace(options, rules=rel(table["rules"]))
    if "output" in table:
        options = replace(options, output=rel(table["output"]))
    for key in ("format", "fail-on", "limit"):
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
    from_file = {
        key.replace("-", "_"): at
        for key, at in origins.items()
        if key.replace("-", "_") not in given
    }
    options = replace(options, **given, origins=from_file)
    _refuse_missing_paths(options)
    return options


def _refuse_missing_paths(options: CheckOptions) -> None:
    """A claims file or rules folder the configuration names must exist (said at its line)."""
    at = options.origins.get("claims")
    if at is not None:
        for claims in options.claims:
            if not claims.exists():
                raise InputError(
                    at.file,
                    at.line,
                    at.col,
                    f"'claims' names {claims}, which does not exist: name a claims file or "
                    "folder, relative to this file",
                )
    at = options.origins.get("rules")
    if at is not None and options.rules is not None and not options.rules.is_dir():
        raise InputError(
            at.file,
            at.line,
            at.col,
            f"'rules' names {options.rules}, which is no folder: name the rules folder, "
            "relative to this file",
        )
