"""Load YAML safely, keeping the line and column of every key and value.

Duplicate keys, aliases and tags that construct objects are refused with their
position: PyYAML keeps the last of two equal keys silently, and an alias can make
a tiny file explode when it is walked. The C loader is used where PyYAML has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nqpf_check.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    col: int


class LMap(dict):
    """A mapping that knows where it, each of its keys and each of its values stand."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class LList(list):
    """A sequence that knows where it and each of its items stand."""

    mark: Mark
    item_marks: list[Mark]


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed), refusing binary and huge files."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(display, 1, 1, f"cannot read the file: {err.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(
            display,
            1,
            1,
            f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,}: split it",
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(display, 1, 1, f"cannot read the file: {err.strerror}") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(display, line, 1, "the file holds a NUL byte: it is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(
            display,
            line,
            col,
            f"the byte 0x{data[err.start]:02x} is not UTF-8: save the file as UTF-8",
        ) from None


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Load one YAML document from ``path`` into plain data with positions (LMap, LList)."""
    shown = display or str(path)
    return load_yaml_text(read_text(path, shown), shown)


def load_yaml_text(text: str, shown: str) -> Any:
    """Load one YAML document from text into plain data with positions (LMap, LList)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or err.context or "invalid YAML"
        raise InputError(shown, line, col, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as err:
        raise InputError(shown, 1, 1, f"invalid YAML: {err}") from None
    if node is None:
        return None
    try:
        return _Builder(shown).build(node, 0)
    except _AliasFound:
        mark = _first_alias(text, loader)
        raise InputError(
            shown, mark.line, mark.col, "YAML aliases (*name) are not allowed: write the value out"
        ) from None


class _AliasFound(Exception):
    """A node reached twice: an alias stands somewhere in the document."""


def _first_alias(text: str, loader: Any) -> Mark:
    """The position of the first alias, found by a second pass over the parse events."""
    import yaml

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            return Mark(event.start_mark.line + 1, event.start_mark.column + 1)
    return Mark(1, 1)


class _Builder:
    def __init__(self, display: str) -> None:
        import yaml

        self.display = display
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()
        self.yaml = yaml

    def fail(self, node: Any, message: str) -> InputError:
        mark = _mark(node)
        return InputError(self.display, mark.line, mark.col, message)

    def build(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        if id(node) in self.seen:
            raise _AliasFound
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"the tag {node.tag} is not allowed: remove it")
        if isinstance(node, self.yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, self.yaml.SequenceNode):
            items = LList()
            items.mark = _mark(node)
            items.item_marks = []
            for child in node.value:
                items.append(self.build(child, depth + 1))
                items.item_marks.append(_mark(child))
            return items
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except self.yaml.YAMLError as err:
            raise self.fail(node, f"invalid value: {err}") from None
        if isinstance(value, dt.date):
            return node.value
        return value

    def _mapping(self, node: Any, depth: int) -> LMap:
        result = LMap()
        result.mark = _mark(node)
        result.key_marks = {}
        result.value_marks = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (<<) are not allowed: write the keys out")
            key = self.build(key_node, depth + 1)
            if not isinstance(key, str | int | float | bool) or isinstance(key, LMap | LList):
                raise self.fail(key_node, "a key must be plain text")
            key = str(key)
            if key in result:
                first = result.key_marks[key]
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first at line {first.line}): keep one of them",
                )
            result[key] = self.build(value_node, depth + 1)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result
