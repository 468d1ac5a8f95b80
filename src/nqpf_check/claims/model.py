"""Claims and sources, loaded from claims.yaml (version 1) with their line numbers."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nqpf_check.claims.yaml_file import LList, LMap, Mark, load_yaml
from nqpf_check.errors import InputError
from nqpf_check.quantities.periods import PeriodError, parse_period

MEASURES = ("level", "yoy", "share", "rank")
SOURCE_KINDS = ("official", "press", "opinion")
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")

TOP_KEYS = ("version", "defaults", "sources", "claims")
DEFAULT_KEYS = ("entity", "period", "measure", "basis")
SOURCE_KEYS = ("title", "publisher", "author", "date", "url", "kind", "text")
CLAIM_KEYS = (
    "id",
    "metric",
    "entity",
    "period",
    "measure",
    "of",
    "basis",
    "value",
    "unit",
    "source",
    "quote",
    "note",
    "suppress",
)
REQUIRED_CLAIM_KEYS = ("id", "metric", "period", "value", "source")


@dataclass(frozen=True, slots=True)
class Key:
    """What a claim speaks of: the same key means the same figure."""

    metric: str
    entity: str
    period: str
    measure: str

    def __str__(self) -> str:
        measure = "" if self.measure == "level" else f" {self.measure}"
        return f"{self.metric}{measure} · {self.entity} · {self.period}"

    def as_dict(self) -> dict[str, str]:
        """The key as JSON-ready data."""
        return {
            "metric": self.metric,
            "entity": self.entity,
            "period": self.period,
            "measure": self.measure,
        }


@dataclass(frozen=True)
class Source:
    """Who said it: an article, a communique, a report."""

    id: str
    title: str
    publisher: str | None
    author: str | None
    date: str | None
    url: str | None
    kind: str
    text: str | None
    line: int
    file: str = ""

    @property
    def label(self) -> str:
        """A short name for people: publisher and date, else the id."""
        if self.publisher:
            return f"{self.publisher} {self.date}" if self.date else self.publisher
        return self.id


@dataclass(frozen=True, slots=True)
class Claim:
    """A number said by a source about a metric of an entity in a period."""

    id: str
    metric: str
    entity: str
    period: str
    measure: str
    value: str
    source: str
    file: str
    line: int
    value_line: int
    value_col: int
    of: str | None = None
    basis: str | None = None
    quote: str | None = None
    note: str | None = None
    suppress: tuple[tuple[str, str], ...] = ()
    written: str = ""
    unit: str | None = None

    key: Key = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # The key is asked for by every rule: made once, with the claim.
        object.__setattr__(self, "key", Key(self.metric, self.entity, self.period, self.measure))


@dataclass(frozen=True)
class ClaimSet:
    """The sources and claims of one claims file."""

    path: str
    sources: dict[str, Source]
    claims: tuple[Claim, ...]

    def by_id(self) -> dict[str, Claim]:
        """The claims by id."""
        return {claim.id: claim for claim in self.claims}


class Reader:
    """Validates the loaded YAML, raising InputError at the first problem."""

    def __init__(self, display: str) -> None:
        self.display = display

    def fail(self, mark: Mark, message: str) -> InputError:
        return InputError(self.display, mark.line, mark.col, message)

    def mapping(self, value: Any, mark: Mark, what: str) -> LMap:
        if not isinstance(value, LMap):
            raise self.fail(mark, f"{what} must be a mapping of keys to values")
        return value

    def check_keys(self, data: LMap, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                raise self.fail(data.key_marks[key], f"unknown key '{key}' in {what}: {hint}")

    def text(self, data: LMap, key: str, what: str, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                raise self.fail(data.mark, f"{what} is missing the required key '{key}'")
            return None
        value = data[key]
        if isinstance(value, bool):
            raise self.fail(
                data.value_marks[key],
                f"'{key}' in {what} must be text, but YAML reads it as {str(value).lower()} "
                "(yes/no/on/off are true/false): put it in quotes",
            )
        if not isinstance(value, str | int | float):
            raise self.fail(data.value_marks[key], f"'{key}' in {what} must be text")
        text = str(value).strip()
        if required and not text:
            raise self.fail(data.value_marks[key], f"'{key}' in {what} is empty")
        return text

    def choice(
        self, data: LMap, key: str, choices: tuple[str, ...], default: str, what: str
    ) -> str:
        value = self.text(data, key, what) or default
        if value not in choices:
            raise self.fail(
                data.value_marks[key],
                f"'{key}' is '{value}' in {what}: choose one of " + ", ".join(choices),
            )
        return value


def load_claims(path: Path, display: str | None = None) -> ClaimSet:
    """Load and validate a claims file; raise InputError with file:line:col on any problem."""
    shown = display or str(path)
    return _validate(load_yaml(path, shown), shown)


def load_claims_text(text: str, display: str) -> ClaimSet:
    """Validate claims given as text (what a file would hold after an edit)."""
    from nqpf_check.claims.yaml_file import load_yaml_text

    return _validate(load_yaml_text(text, display), display)


def _validate(data: Any, shown: str, pool: dict[str, Source] | None = None) -> ClaimSet:
    reader = Reader(shown)
    top = _top(reader, data)
    defaults = _defaults(reader, top)
    sources = _sources(reader, top)
    known = {**(pool or {}), **sources}
    claims = _claims(reader, top, defaults, known)
    return ClaimSet(shown, sources, claims)


def _top(reader: Reader, data: Any) -> LMap:
    shown = reader.display
    if data is None:
        raise InputError(shown, 1, 1, "the claims file is empty: start it with 'version: 1'")
    top = reader.mapping(data, getattr(data, "mark", Mark(1, 1)), "the claims file")
    reader.check_keys(top, TOP_KEYS, "the claims file")
    if "version" not in top:
        raise reader.fail(top.mark, "the claims file is missing 'version: 1'")
    if top["version"] != 1 or isinstance(top["version"], bool):
        version = top["version"]
        message = (
            f"version must be the number 1, not the text {version!r}: write version: 1"
            if isinstance(version, str)
            else f"version {version!r} is not supported: this checker reads version 1"
        )
        raise reader.fail(top.value_marks["version"], message)
    return top


def load_yaml_pool(paths: list[Path]) -> tuple[list[tuple[Path, Any]], dict[str, Source]]:
    """Several YAML claims files read once, and the sources they declare together."""
    loaded, pool = [], {}
    for path in paths:
        data = load_yaml(path, str(path))
        reader = Reader(str(path))
        top = _top(reader, data)
        for source_id, source in _sources(reader, top).items():
            if source_id in pool and pool[source_id] != _same_file(source, pool[source_id]):
                raise reader.fail(
                    Mark(source.line, 3),
                    f"source '{source_id}' is also declared in {pool[source_id].file}:"
                    f"{pool[source_id].line}: declare each source once",
                )
            pool.setdefault(source_id, source)
        loaded.append((path, data))
    return loaded, pool


def _same_file(source: Source, other: Source) -> Source:
    """``source`` as if declared where ``other`` is (to compare the declarations)."""
    from dataclasses import replace

    return replace(source, file=other.file, line=other.line)


def validate_with_pool(data: Any, shown: str, pool: dict[str, Source]) -> ClaimSet:
    """Validate one loaded YAML claims file whose claims may cite any source of the pool."""
    return _validate(data, shown, pool)


def _defaults(reader: Reader, top: LMap) -> dict[str, str]:
    if top.get("defaults") is None:
        return {}
    data = reader.mapping(top["defaults"], top.value_marks["defaults"], "'defaults'")
    reader.check_keys(data, DEFAULT_KEYS, "'defaults'")
    result = {key: reader.text(data, key, "'defaults'") for key in data}
    return {key: value for key, value in result.items() if value}


def _sources(reader: Reader, top: LMap) -> dict[str, Source]:
    if "sources" not in top:
        raise reader.fail(top.mark, "the claims file is missing 'sources'")
    data = reader.mapping(top["sources"], top.value_marks["sources"], "'sources'")
    return {
        source_id: source_entry(
            reader, source_id, data.value_marks[source_id], data.key_marks[source_id], entry
        )
        for source_id, entry in data.items()
    }


def source_entry(reader: Reader, source_id: str, mark: Mark, key_mark: Mark, entry: Any) -> Source:
    """One validated source declaration."""
    if not ID_RE.fullmatch(source_id):
        raise reader.fail(key_mark, f"source id '{source_id}' must match [a-z0-9][a-z0-9._-]*")
    what = f"source '{source_id}'"
    item = reader.mapping(entry, mark, what)
    reader.check_keys(item, SOURCE_KEYS, what)
    return Source(
        id=source_id,
        title=reader.text(item, "title", what, required=True) or "",
        publisher=reader.text(item, "publisher", what),
        author=reader.text(item, "author", what),
        date=reader.text(item, "date", what),
        url=reader.text(item, "url", what),
        kind=reader.choice(item, "kind", SOURCE_KINDS, "press", what),
        text=reader.text(item, "text", what),
        line=key_mark.line,
        file=reader.display,
    )


def _claims(
    reader: Reader, top: LMap, defaults: dict[str, str], sources: dict[str, Source]
) -> tuple[Claim, ...]:
    if "claims" not in top:
        raise reader.fail(top.mark, "the claims file is missing 'claims'")
    items = top["claims"]
    if items is None:
        return ()
    if not isinstance(items, LList):
        raise reader.fail(top.value_marks["claims"], "'claims' must be a list of claims")
    seen: dict[str, int] = {}
    claims = []
    for index, entry in enumerate(items):
        claim = claim_entry(reader, entry, items.item_marks[index], index, defaults, sources)
        if claim.id in seen:
            raise reader.fail(
                Mark(claim.line, items.item_marks[index].col),
                f"duplicate claim id '{claim.id}' (first at line {seen[claim.id]}): "
                "give each claim its own id",
            )
        seen[claim.id] = claim.line
        claims.append(claim)
    return tuple(claims)


def claim_entry(
    reader: Reader,
    entry: Any,
    mark: Mark,
    index: int,
    defaults: dict[str, str],
    sources: dict[str, Source],
) -> Claim:
    what = f"claim #{index + 1}"
    item = reader.mapping(entry, mark, what)
    if isinstance(item.get("id"), str):
        what = f"claim '{item['id']}'"
    reader.check_keys(item, CLAIM_KEYS, what)
    for key in REQUIRED_CLAIM_KEYS:
        if key not in item and key not in defaults:
            raise reader.fail(item.mark, f"{what} is missing the required key '{key}'")
    claim_id = reader.text(item, "id", what, required=True) or ""
    if not ID_RE.fullmatch(claim_id):
        raise reader.fail(
            item.value_marks["id"], f"claim id '{claim_id}' must match [a-z0-9][a-z0-9._-]*"
        )
    metric = reader.text(item, "metric", what, required=True) or ""
    if not NAME_RE.fullmatch(metric):
        raise reader.fail(
            item.value_marks["metric"],
            f"metric '{metric}' must be a name of letters, digits and _ . -",
        )
    source = reader.text(item, "source", what, required=True) or ""
    if source not in sources:
        close = difflib.get_close_matches(source, list(sources), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "declare it under 'sources'"
        raise reader.fail(item.value_marks["source"], f"unknown source '{source}': {hint}")
    period = _field(reader, item, "period", defaults, what)
    try:
        parse_period(period)
    except PeriodError as err:
        position = item.value_marks.get("period", item.mark)
        raise reader.fail(position, str(err)) from None
    measure = item.get("measure", defaults.get("measure", "level"))
    if measure not in MEASURES:
        raise reader.fail(
            item.value_marks.get("measure", item.mark),
            f"measure '{measure}' in {what}: choose one of " + ", ".join(MEASURES),
        )
    of = reader.text(item, "of", what)
    if measure == "share" and not of:
        raise reader.fail(
            item.mark, f"{what} has measure 'share' but no 'of': name the whole's metric"
        )
    value, unit = item["value"], reader.text(item, "unit", what)
    written = str(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        hint = (
            f" (YAML reads the bare word as {str(value).lower()}: put the value in quotes)"
            if isinstance(value, bool)
            else ""
        )
        raise reader.fail(
            item.value_marks["value"],
            f'the value of {what} must be text such as "3,327.8 billion yuan" or a number{hint}',
        )
    if isinstance(value, str) and unit:
        value = f"{value} {unit}"
    elif not isinstance(value, str):
        from nqpf_check.quantities.values import ValueParseError, value_from_yaml

        try:
            value = value_from_yaml(value, unit)
        except ValueParseError as err:
            raise reader.fail(item.value_marks["value"], f"{what}: {err}") from None
    value_mark = item.value_mark("value")
    return Claim(
        id=claim_id,
        metric=metric,
        entity=_field(reader, item, "entity", defaults, what),
        period=period,
        measure=str(measure),
        value=value,
        source=source,
        file=reader.display,
        line=item.mark.line,
        value_line=value_mark.line,
        value_col=value_mark.col,
        of=of,
        basis=reader.text(item, "basis", what) or defaults.get("basis"),
        quote=reader.text(item, "quote", what),
        note=reader.text(item, "note", what),
        suppress=_suppress(reader, item, what),
        written=written,
        unit=unit,
    )


def _field(reader: Reader, item: LMap, key: str, defaults: dict[str, str], what: str) -> str:
    value = reader.text(item, key, what) or defaults.get(key)
    if not value:
        raise reader.fail(item.mark, f"{what} has no '{key}': set it, or set it under 'defaults'")
    return value


def _suppress(reader: Reader, item: LMap, what: str) -> tuple[tuple[str, str], ...]:
    if item.get("suppress") is None:
        return ()
    data = reader.mapping(item["suppress"], item.value_marks["suppress"], f"'suppress' of {what}")
    result = []
    for rule, reason in data.items():
        if not isinstance(reason, str) or not reason.strip():
            raise reader.fail(
                data.value_marks[rule],
                f"suppressing '{rule}' in {what} needs a reason: {rule}: \"why it is accepted\"",
            )
        result.append((rule, reason.strip()))
    return tuple(result)
