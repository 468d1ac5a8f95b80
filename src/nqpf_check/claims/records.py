"""Claims as JSON Lines (streamed) and CSV: the same fields as claims.yaml, one record a line.

A record is a claim, or, with ``"type": "source"``, a source declaration (its ``id``
and the source fields), or with ``"type": "defaults"`` the defaults. A source must
be declared before the claims that cite it (in the same file, or in a YAML file of
the same claims folder).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
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
from nqpf_check.claims.reader import claim_name, make_claim, make_source, record_places, validate
from nqpf_check.claims.validation import Place
from nqpf_check.claims.yaml_file import LMap, Mark
from nqpf_check.errors import InputError
from nqpf_check.files import MAX_BYTES
from nqpf_check.names import FirstSeen, did_you_mean

TYPES = ("claim", "source", "defaults")


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


def _located(record: dict[str, Any], line: int, raw: str) -> LMap:
    """A record as an LMap that points at its line (and, when asked, its columns)."""
    item = _Record(record)
    item.mark = Mark(line, 1)
    item.raw = raw
    return item


def _records_jsonl(path: Path, shown: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, raw line, record) for every non-blank line, read one line at a time."""
    if path.stat().st_size > MAX_BYTES * 64:
        raise InputError(shown, 1, 1, "the file is over 4 GiB: split it")
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            try:
                raw = data.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                raise InputError(
                    shown, number, err.start + 1, "the line is not UTF-8: save the file as UTF-8"
                ) from None
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except RecursionError:
                raise InputError(
                    shown, number, 1, "the record nests too deeply: flatten it"
                ) from None
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


def _records_csv(path: Path, shown: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, raw line, record) for every row; empty cells are absent fields."""
    import io

    from nqpf_check.files import read_text

    rows = csv.reader(io.StringIO(read_text(path, shown), newline=""))
    try:
        header = next(rows, None)
        if header is None:
            raise InputError(shown, 1, 1, "the CSV file is empty: start with a header row")
        header = [h.strip() for h in header]
        for row in rows:
            number = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise InputError(
                    shown, number, 1, f"the row has {len(row)} cells but the header {len(header)}"
                )
            record = {k: v for k, v in zip(header, row, strict=False) if v.strip()}
            yield number, ",".join(row), record
    except csv.Error as err:
        raise InputError(shown, rows.line_num, 1, f"invalid CSV: {err}") from None


def _claim_places(record: dict[str, Any], index: int) -> Any:
    """Places of one claim record, its name made only when a message needs it."""
    return lambda loc: Place(claim_name(record, index), CLAIM_KEYS, 0)


def load_records(path: Path, pool: dict[str, Source], display: str | None = None) -> ClaimSet:
    """Load a JSON Lines or CSV claims file; sources may also come from ``pool``."""
    shown = display or str(path)
    records = _records_csv(path, shown) if path.suffix == ".csv" else _records_jsonl(path, shown)
    sources: dict[str, Source] = {}
    known = dict(pool)
    defaults: dict[str, str] = {}
    claims: list[Claim] = []
    seen = FirstSeen("claim id", "give each claim its own id")
    defaults_places = record_places("'defaults'", DEFAULT_KEYS)
    for number, raw, record in records:
        kind = record.pop("type", "claim")
        item = _located(record, number, raw)
        if kind == "source":
            what = f"source '{record.get('id')}'" if "id" in record else "a source"
            places = record_places(what, ("id", *SOURCE_KEYS))
            entry = validate(SourceRecord, item, shown, places)
            source = make_source(entry.id, entry, shown, number)
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
                number,
                1,
                f"unknown record type '{kind}': {did_you_mean(str(kind), TYPES, 'choose one of')}",
            )
    return ClaimSet(shown, sources, tuple(claims))
