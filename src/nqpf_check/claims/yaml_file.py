"""Load YAML safely, keeping the line and column of every key and value.

Duplicate keys, aliases and tags that construct objects are refused with their
position: PyYAML keeps the last of two equal keys silently, and an alias can make
a tiny file explode when it is walked. The C loader is used where PyYAML has it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from nqpf_check.errors import InputError
from nqpf_check.files import read_text

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


class Mark(NamedTuple):
    """A 1-based position in a file."""

    line: int
    col: int


class LMap(dict):
    """A mapping that knows where it, each of its keys and each of its values stand.

    Built from YAML, the positions of keys and values are read from the nodes only
    when asked for (an error message, a claim's line), which keeps loading fast.
    """

    mark: Mark
    _pairs: list[tuple[str, Any, Any]] | None = None  # (key, key's start, value's start)
    _key_marks: dict[str, Mark] | None = None
    _value_marks: dict[str, Mark] | None = None

    def _positions(self) -> None:
        keys: dict[str, Mark] = {}
        values: dict[str, Mark] = {}
        for key, key_start, value_start in self._pairs or ():
            keys[key] = Mark(key_start.line + 1, key_start.column + 1)
            values[key] = Mark(value_start.line + 1, value_start.column + 1)
        self._key_marks, self._value_marks = keys, values

    @property
    def key_marks(self) -> dict[str, Mark]:
        """Where each key stands."""
        if self._key_marks is None:
            self._positions()
        return self._key_marks  # type: ignore[return-value]

    @key_marks.setter
    def key_marks(self, marks: dict[str, Mark]) -> None:
        self._key_marks = marks

    def value_mark(self, key: str) -> Mark:
        """Where one value stands."""
        return self.value_marks[key]

    @property
    def value_marks(self) -> dict[str, Mark]:
        """Where each value stands."""
        if self._value_marks is None:
            self._positions()
        return self._value_marks  # type: ignore[return-value]

    @value_marks.setter
    def value_marks(self, marks: dict[str, Mark]) -> None:
        self._value_marks = marks


class LList(list):
    """A sequence that knows where it and each of its items stand."""

    mark: Mark
    item_marks: list[Mark]


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Load one YAML document from ``path`` into plain data with positions (LMap, LList)."""
    shown = display or str(path)
    return load_yaml_text(read_text(path, shown), shown)


@cache
def _loader() -> Any:
    """The C loader where PyYAML has one (else the pure-Python one), resolving plain
    scalars through a cache: the same keys and words recur on every claim."""
    import yaml

    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        import sys

        print(
            "note: PyYAML has no C loader here (libyaml); reading YAML with the slower "
            "pure-Python one",
            file=sys.stderr,
        )
        base = yaml.SafeLoader
    scalar = yaml.ScalarNode
    string = base.DEFAULT_SCALAR_TAG

    class Loader(base):  # type: ignore[misc, valid-type]
        _tags: dict[str, str] = {}  # noqa: RUF012

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is scalar:
                if not implicit[0]:
                    return string
                tag = self._tags.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(self._tags) < 100_000:
                        self._tags[value] = tag
                return tag
            return super().resolve(kind, value, implicit)

    return Loader


_FLOW = re.compile(r"""[\[\]{}]|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*""")


def check_nesting(text: str, shown: str) -> None:
    """Refuse flow nesting deeper than MAX_DEPTH before any YAML parser sees it.

    PyYAML's C loader crashes the process on some 30,000 nested brackets; the text is
    scanned for brackets (outside quotes and comments) first, which is cheap.
    """
    if "[" not in text and "{" not in text:
        return
    depth = 0
    for match in _FLOW.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise InputError(
                    shown,
                    line,
                    col,
                    f"nesting deeper than {MAX_DEPTH} levels is not allowed: flatten the data",
                )
        elif token in "]}":
            depth = max(0, depth - 1)


def load_yaml_text(text: str, shown: str) -> Any:
    """Load one YAML document from text into plain data with positions (LMap, LList)."""
    import yaml

    check_nesting(text, shown)
    loader = _loader()
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


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Builder:
    """Builds plain data from composed nodes, with positions, refusing what is not data."""

    def __init__(self, display: str) -> None:
        import yaml

        self.display = display
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()
        self.yaml = yaml
        self.mapping_node = yaml.MappingNode
        self.sequence_node = yaml.SequenceNode

    def fail(self, node: Any, message: str) -> InputError:
        mark = _mark(node)
        return InputError(self.display, mark.line, mark.col, message)

    def build(self, node: Any, depth: int) -> Any:
        tag = node.tag
        if tag == _STR:  # the common case first: plain text
            if id(node) in self.seen:
                raise _AliasFound
            self.seen.add(id(node))
            return node.value
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        if id(node) in self.seen:
            raise _AliasFound
        self.seen.add(id(node))
        if tag not in _PLAIN_TAGS:
            raise self.fail(node, f"the tag {tag} is not allowed: remove it")
        if isinstance(node, self.mapping_node):
            return self._mapping(node, depth)
        if isinstance(node, self.sequence_node):
            items = LList()
            start = node.start_mark
            items.mark = Mark(start.line + 1, start.column + 1)
            marks: list[Mark] = []
            for child in node.value:
                items.append(self.build(child, depth + 1))
                child_start = child.start_mark
                marks.append(Mark(child_start.line + 1, child_start.column + 1))
            items.item_marks = marks
            return items
        if tag == _TIMESTAMP:
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except self.yaml.YAMLError as err:
            raise self.fail(node, f"invalid value: {err}") from None
        except (ValueError, KeyError, TypeError, OverflowError):
            shown = node.value if len(node.value) <= 40 else f"{node.value[:40]}…"
            what = tag.rsplit(":", 1)[-1]
            hint = (
                "put it in quotes: a number of over 4,300 digits is no figure"
                if len(node.value) > 4300
                else f"write a valid {what}, or remove the tag"
            )
            raise self.fail(node, f"the value {shown!r} cannot be read as {what}: {hint}") from None
        if isinstance(value, dt.date):
            return node.value
        return value

    def _mapping(self, node: Any, depth: int) -> LMap:
        result = LMap()
        start = node.start_mark
        result.mark = Mark(start.line + 1, start.column + 1)
        pairs: list[tuple[str, Any, Any]] = []
        result._pairs = pairs
        for key_node, value_node in node.value:
            if key_node.tag == _STR:
                key = key_node.value
            else:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "merge keys (<<) are not allowed: write the keys out")
                key = self.build(key_node, depth + 1)
                if not isinstance(key, str | int | float | bool) or isinstance(key, LMap | LList):
                    raise self.fail(key_node, "a key must be plain text")
                key = key_node.value  # as written: `on:` is the key 'on', not True
            if key in result:
                first = result.key_marks[key]
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first at line {first.line}): keep one of them",
                )
            result[key] = self.build(value_node, depth + 1)
            pairs.append((key, key_node.start_mark, value_node.start_mark))
        return result
