"""A validation error of a declared format, as a message a person can act on, with its place.

The formats (``format.py``, ``ruleset_format.py``) refuse a value with pydantic; the
data they validate was loaded with positions (``LMap``, ``LList``). Here the first
problem, in file order, becomes an ``InputError`` at file:line:col that names the
record (``claim 'x'``), the key, the bad value, and the valid choices.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from nqpf_check.claims.yaml_file import LList, LMap, Mark
from nqpf_check.errors import InputError
from nqpf_check.names import did_you_mean

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class Place:
    """The record an error location falls in: its name for people, its keys, its depth."""

    what: str
    keys: tuple[str, ...]
    depth: int
    hints: Mapping[str, str] = field(default_factory=dict)
    """What a missing key is for, said after its name."""
    whole_file: bool = False
    """Whether the record is the file itself (its keys are then named alone: 'claims')."""


Places = Callable[[Loc], Place]


def first_problem(
    err: ValidationError, data: Any, shown: str, places: Places, prefix: Loc = ()
) -> InputError:
    """The problem of ``err`` that stands first in the file, as an InputError.

    ``prefix`` is where the validated part stands in ``data`` (a claim in the claims list).
    """
    found = []
    for error in err.errors(include_url=False):
        loc = (*prefix, *error["loc"])
        place = places(loc)
        record = _node(data, loc[: place.depth])
        start = getattr(record, "mark", Mark(1, 1))
        rank, mark, message = _explain(error, data, loc, place, record)
        found.append(((start.line, start.col), rank, (mark.line, mark.col), message))
    _, _, (line, col), message = min(found)
    return InputError(shown, line, col, message)


def _explain(
    error: dict[str, Any], data: Any, loc: Loc, place: Place, record: Any
) -> tuple[int, Mark, str]:
    """(rank among the problems of one record, position, message) of one error."""
    kind = error["type"]
    key = loc[place.depth] if len(loc) > place.depth else None
    what = place.what
    if kind == "extra_forbidden":
        mark = _key_mark(record, key)
        return (
            0,
            mark,
            f"unknown key '{key}' in {what}: {did_you_mean(key, place.keys, 'allowed:')}",
        )
    if kind == "missing":
        hint = f": {place.hints[key]}" if key in place.hints else ""
        message = f"{what} is missing the required key '{key}'{hint}"
        return 1, getattr(record, "mark", Mark(1, 1)), message
    value = error.get("input")
    if loc and loc[-1] == "[key]":  # a mapping's key was refused
        loc = loc[:-1]
        mark = _key_mark(_node(data, loc[:-1]), loc[-1])
        value, key = loc[-1], loc[-1]
    else:
        mark = _value_mark(data, loc)
    context = dict(error.get("ctx") or {})
    if kind == "nqpf":
        template = context.pop("message")
        at = context.pop("at", None)
        if at is not None:
            mark = _value_mark(data, (*loc, at))
        shown, quoted = _shown(value), _quoted(value)
        return 2, mark, template.format(key=key, what=what, value=shown, quoted=quoted, **context)
    named = what if key is None else f"'{key}' of {what}"
    if place.whole_file and key is not None:
        named = f"'{key}'"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return 2, mark, f"{named} must be a mapping of keys to values"
    if kind == "list_type":
        return 2, mark, f"{named} must be a list, one item per line starting with '- '"
    return 2, mark, f"{named} cannot be read ({_shown(value)}): write it as the format says"


def _shown(value: Any) -> str:
    """A value as the user wrote it: YAML's words for null and booleans, long ones cut."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and abs(value) >= 10**40:
        return f"a number of {value.bit_length() * 30103 // 100000 + 1} digits"
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=_shown)
    else:
        text = str(value)
    return text if len(text) <= 80 else f"{text[:79]}…"


def _quoted(value: Any) -> str:
    """Text in quotes, anything else as ``_shown`` writes it."""
    return repr(_shown(value)) if isinstance(value, str) else _shown(value)


def _node(data: Any, path: Loc) -> Any:
    """The loaded node at ``path`` (None where the path leaves the data)."""
    node = data
    for step in path:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            node = node[step]
        else:
            return None
    return node


def _key_mark(record: Any, key: Any) -> Mark:
    if isinstance(record, LMap) and key in record:
        return record.key_marks[key]
    return getattr(record, "mark", Mark(1, 1))


def _value_mark(data: Any, loc: Loc) -> Mark:
    """Where the value at ``loc`` stands, else where the nearest value around it stands."""
    for end in range(len(loc), 0, -1):
        parent = _node(data, loc[: end - 1])
        step = loc[end - 1]
        if isinstance(parent, LMap) and step in parent:
            return parent.value_mark(step)
        if isinstance(parent, LList) and isinstance(step, int) and 0 <= step < len(parent):
            return parent.item_marks[step]
    return getattr(data, "mark", Mark(1, 1))
