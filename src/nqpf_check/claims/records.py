"""Claims as JSON Lines (streamed) and CSV: the same fields as claims.yaml, one record a line.

A record is a claim, or, with ``"type": "source"``, a source declaration (its ``id``
and the source fields), or with ``"type": "defaults"`` the defaults. A source must
be declared before the claims that cite it (in the same file, or in a YAML file of
the same claims folder).
"""

from __future__ import annotations

import bisect
import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nqpf_check.claims.format import (
    CLAIM_KEYS,
    DEFAULT_KEYS,
    SOURCE_KEYS,
    ClaimEntry,
    Defaults,
    SourceRecord,
)
from nqpf_check.claims.model import Claim, ClaimSet, Source
from nqpf_check.claims.reader import (
    claim_name,
    make_claim,
    make_source,
    record_places,
    refuse_redeclared,
    validate,
)
from nqpf_check.claims.validation import Place
from nqpf_check.claims.yaml_file import LMap, Mark
from nqpf_check.errors import InputError
from nqpf_check.files import MAX_BYTES
from nqpf_check.names import FirstSeen, did_you_mean

TYPES = ("claim", "source", "defaults")
MAX_JSONL_BYTES = MAX_BYTES * 64
"""The largest JSON Lines file (4 GiB): it is read one line at a time."""


def _value_col(raw: str, at: int, default: int) -> int:
    """The 1-based column where the value after the key at ``at`` begins."""
    if at < 0:
        return default
    colon = raw.find(":", at)
    if colon < 0:
        return default
    start = colon + 1
    while start < len(raw) and raw[start] in " \t":
        start += 1
    return start + 1


class _Record(LMap):
    """A record whose key and value columns are found in its line only when asked for."""

    raw: str

    def _positions(self) -> None:
        line = self.mark.line
        keys: dict[str, Mark] = {}
        values: dict[str, Mark] = {}
        for key in self:
            at = self.raw.find(f'"{key}"')
            col = at + 1 if at >= 0 else 1
            keys[key] = Mark(line, col)
            values[key] = Mark(line, _value_col(self.raw, at, col))
        self._key_marks, self._value_marks = keys, values

    def value_mark(self, key: str) -> Mark:
        """Where one value stands, found without locating every other key."""
        at = self.raw.find(f'"{key}"')
        return Mark(self.mark.line, _value_col(self.raw, at, 1))


class _Row(LMap):
    """A CSV row: each key and value stands where its cell starts."""

    cells: dict[str, tuple[int, int]]

    def _positions(self) -> None:
        marks = {key: Mark(*self.cells.get(key, self.mark)) for key in self}
        self._key_marks, self._value_marks = marks, marks

    def value_mark(self, key: str) -> Mark:
        """Where the cell of ``key`` starts."""
        return Mark(*self.cells.get(key, self.mark))


def _located(record: dict[str, Any], line: int, raw: str | dict[str, tuple[int, int]]) -> LMap:
    """A record as an LMap that points at its line (and, when asked, its columns): ``raw`` is
    a JSON line, or the positions of a CSV row's cells."""
    item: LMap
    if isinstance(raw, str):
        item = _Record(record)
        item.raw = raw
    else:
        item = _Row(record)
        item.cells = raw
    item.mark = Mark(line, 1)
    return item


def _records_jsonl(path: Path, shown: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, raw line, record) for every non-blank line, read one line at a time."""
    if path.stat().st_size > MAX_JSONL_BYTES:
        raise InputError(shown, 1, 1, "the file is over 4 GiB: split it")
    with path.open("rb") as handle:
        yield from jsonl_records(handle, shown)


def jsonl_records(lines: Iterable[bytes], shown: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, raw line, record) for every non-blank line of JSON Lines given as bytes.

    Each line must be one JSON object in UTF-8; an object may not name a key twice (JSON
    keeps the last silently), hold a lone surrogate escape or a number of over 4,300 digits.
    """
    for number, data in enumerate(lines, start=1):
        try:
            raw = data.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            raise InputError(
                shown, number, err.start + 1, "the line is not UTF-8: save the file as UTF-8"
            ) from None
        if not raw.strip():
            continue
        try:
            record = json.loads(raw, object_pairs_hook=_unique_keys)
        except _DuplicateKey as dup:
            first, second = _key_columns(raw, dup.key)
            raise InputError(
                shown,
                number,
                second,
                f"duplicate key '{dup.key}' (first at column {first}): keep one of them",
            ) from None
        except RecursionError:
            raise InputError(shown, number, 1, "the record nests too deeply: flatten it") from None
        except json.JSONDecodeError as err:
            col = min(err.pos, len(raw.rstrip("\r\n"))) + 1
            raise InputError(shown, number, col, f"invalid JSON: {err.msg}") from None
        except ValueError:  # an integer of more digits than Python converts
            raise InputError(
                shown, number, 1, "the record holds a number of over 4,300 digits: quote it"
            ) from None
        if not isinstance(record, dict):
            raise InputError(shown, number, 1, "each line must be one JSON object")
        if "\\u" in raw and "\\ud" in raw.lower():
            _refuse_lone_surrogates(record, shown, number)
        yield number, raw, record


class _DuplicateKey(Exception):
    """A JSON object names one key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A decoded JSON object, refusing a key named twice."""
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return record


def _key_columns(raw: str, key: str) -> tuple[int, int]:
    """The 1-based columns of the first two places ``raw`` names ``key`` as a key (1 where
    the key is written with escapes and cannot be found as written)."""
    written = json.dumps(key, ensure_ascii=False)
    found: list[int] = []
    at = raw.find(written)
    while at >= 0 and len(found) < 2:
        after = at + len(written)
        while after < len(raw) and raw[after] in " \t":
            after += 1
        if after < len(raw) and raw[after] == ":":
            found.append(at + 1)
        at = raw.find(written, at + 1)
    found += [1] * (2 - len(found))
    return found[0], found[1]


def _refuse_lone_surrogates(record: Any, shown: str, number: int) -> None:
    """A ``\\ud800`` escape with no partner decodes to a character no file can hold."""
    for value in (record, *record.keys()) if isinstance(record, dict) else (record,):
        for text in _strings(value):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(
                    shown,
                    number,
                    1,
                    "the record holds a lone surrogate escape (\\ud800-\\udfff with no pair): "
                    "it is no character; fix the text",
                ) from None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a decoded JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _records_csv(path: Path, shown: str) -> Iterator[tuple[int, Any, dict[str, Any]]]:
    """(line number, cell positions, record) for every row; empty cells are absent fields."""
    from nqpf_check.files import read_text

    return csv_records(read_text(path, shown), shown)


def csv_records(text: str, shown: str) -> Iterator[tuple[int, Any, dict[str, Any]]]:
    """(line number, cell columns by header name, record) for every row of CSV text.

    The header names each column once; empty cells are absent fields. Positions are those
    of the row's cells in the file, so a message points at the cell it is about.
    """
    import io

    lines = io.StringIO(text, newline="").readlines()  # the lines csv counts
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, None)
        if header is None:
            raise InputError(shown, 1, 1, "the CSV file is empty: start with a header row")
        header = [h.strip() for h in header]
        _unique_header(header, _cell_marks(lines, 1, rows.line_num), shown)
        end = rows.line_num
        for row in rows:
            start, end = end + 1, rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            marks = _cell_marks(lines, start, end)
            if len(row) > len(header):
                line, col = marks[len(header)] if len(marks) > len(header) else (start, 1)
                raise InputError(
                    shown,
                    line,
                    col,
                    f"the row has {len(row)} cells but the header {len(header)}: "
                    "quote a cell that holds a comma, or name the column in the header",
                )
            record = {k: v for k, v in zip(header, row, strict=False) if v.strip()}
            cells = {k: m for k, m in zip(header, marks, strict=False)}
            yield start, cells, record
    except csv.Error as err:
        raise InputError(shown, rows.line_num, 1, f"invalid CSV: {err}") from None


def _unique_header(header: list[str], marks: list[tuple[int, int]], shown: str) -> None:
    """Refuse a header that names one column twice (csv would keep the last cell silently)."""
    seen: dict[str, tuple[int, int]] = {}
    for name, mark in zip(header, marks, strict=False):
        if not name:
            continue  # a trailing comma: its cells must stay empty (else: unknown key '')
        if name in seen:
            first = seen[name]
            where = f"column {first[1]}" if first[0] == mark[0] else f"{first[0]}:{first[1]}"
            raise InputError(
                shown,
                mark[0],
                mark[1],
                f"duplicate column '{name}' in the header (first at {where}): keep one of them",
            )
        seen[name] = mark


def _cell_columns(text: str) -> list[int]:
    """The 1-based offsets in ``text`` where each cell of one CSV row starts (a comma inside
    quotes, or a doubled quote, is part of its cell)."""
    starts = [0]
    at, size = 0, len(text)
    while True:
        if at < size and text[at] == '"':
            at += 1
            while at < size:
                if text[at] == '"':
                    if at + 1 < size and text[at + 1] == '"':
                        at += 2
                        continue
                    at += 1
                    break
                at += 1
        comma = text.find(",", at)
        if comma < 0:
            return [s + 1 for s in starts]
        at = comma + 1
        starts.append(at)


def _cell_marks(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """(line, column) of each cell of the row on lines ``start`` to ``end`` (1-based)."""
    text = "".join(lines[start - 1 : end])
    line_starts = [0]
    for line in lines[start - 1 : end - 1]:
        line_starts.append(line_starts[-1] + len(line))
    marks = []
    for col in _cell_columns(text):
        offset = col - 1
        index = bisect.bisect_right(line_starts, offset) - 1
        marks.append((start + index, offset - line_starts[index] + 1))
    return marks


def _claim_places(record: dict[str, Any], index: int) -> Any:
    """Places of one claim record, its name made only when a message needs it."""
    return lambda loc: Place(claim_name(record, index), CLAIM_KEYS, 0)


def load_records(
    path: Path,
    pool: dict[str, Source],
    display: str | None = None,
    declared: dict[str, Source] | None = None,
) -> ClaimSet:
    """Load a JSON Lines or CSV claims file; sources may also come from ``pool``.

    ``declared`` holds the first declaration of each source id in the files read before
    (``pool``'s when not given): a source declared here again must say the same; this
    file's sources are added to it.
    """
    shown = display or str(path)
    declared = dict(pool) if declared is None else declared
    records = _records_csv(path, shown) if path.suffix == ".csv" else _records_jsonl(path, shown)
    sources: dict[str, Source] = {}
    known = dict(pool)
    defaults: dict[str, str] = {}
    claims: list[Claim] = []
    seen = FirstSeen("claim id", "give each claim its own id")
    defaults_places = record_places("'defaults'", DEFAULT_KEYS)
    for number, raw, record in records:
        item = _located(record, number, raw)
        type_mark = item.value_mark("type")
        kind = item.pop("type", "claim")
        record = item
        if kind == "source":
            what = f"source '{record.get('id')}'" if "id" in record else "a source"
            places = record_places(what, ("id", *SOURCE_KEYS))
            entry = validate(SourceRecord, item, shown, places)
            source = make_source(entry.id, entry, shown, number)
            col = item.value_mark("id").col
            if entry.id in sources:
                first = sources[entry.id]
                raise InputError(
                    shown,
                    number,
                    col,
                    f"duplicate source id '{entry.id}' (first at line {first.line}): "
                    "declare each source once",
                )
            refuse_redeclared(source, declared.setdefault(entry.id, source), col)
            sources[entry.id] = known[entry.id] = source
        elif kind == "defaults":
            entry = validate(Defaults, item, shown, defaults_places)
            defaults.update({k: v for k, v in entry.model_dump().items() if v})
        elif kind == "claim":
            entry = validate(ClaimEntry, item, shown, _claim_places(record, len(claims)))
            claim = make_claim(entry, item, shown, defaults, known, len(claims))
            seen.add(claim.id, shown, number)
            claims.append(claim)
        else:
            raise InputError(
                shown,
                type_mark.line,
                type_mark.col,
                f"unknown record type '{kind}': {did_you_mean(str(kind), TYPES, 'choose one of')}",
            )
    return ClaimSet(shown, sources, tuple(claims))
