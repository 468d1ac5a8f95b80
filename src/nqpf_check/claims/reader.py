"""Validated claims: loaded data checked against the format, then against each other.

The format (``format.py``) says what each record may hold. Here come the checks a
schema cannot make: a claim cites a declared source, claim ids are unique, defaults
fill a claim's entity, period, measure and basis, and a share names its whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from nqpf_check.claims.format import (
    CLAIM_KEYS,
    DEFAULT_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    ClaimEntry,
    ClaimsFile,
    Defaults,
    SourceEntry,
)
from nqpf_check.claims.model import Claim, ClaimSet, Source
from nqpf_check.claims.validation import Loc, Place, first_problem
from nqpf_check.claims.yaml_file import LMap, load_yaml, load_yaml_text
from nqpf_check.errors import InputError
from nqpf_check.names import FirstSeen, did_you_mean


def claim_name(entry: Any, index: int) -> str:
    """``claim 'id'`` where the entry has a textual id, else ``claim #n``."""
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"claim '{entry['id']}'"
    return f"claim #{index + 1}"


def _file_places(data: Any) -> Any:
    """Where an error of a claims file falls: the file, defaults, a source or a claim."""

    def place(loc: Loc) -> Place:
        if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
            claims = data.get("claims") if isinstance(data, dict) else None
            entry = claims[loc[1]] if isinstance(claims, list) else None
            return Place(claim_name(entry, loc[1]), CLAIM_KEYS, 2)
        if len(loc) >= 2 and loc[0] == "sources":
            return Place(f"source '{loc[1]}'", SOURCE_KEYS, 2)
        if len(loc) >= 1 and loc[0] == "defaults":
            return Place("'defaults'", DEFAULT_KEYS, 1)
        return Place("the claims file", TOP_KEYS, 0, whole_file=True)

    return place


def validate(
    model: type[BaseModel],
    data: Any,
    shown: str,
    place: Any,
    within: Any = None,
    prefix: Loc = (),
) -> Any:
    """``data`` as an instance of ``model``, or the first problem as an InputError.

    ``data`` may be a part of a larger document ``within`` (at ``prefix``), whose
    positions the message then uses.
    """
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise first_problem(err, data if within is None else within, shown, place, prefix) from None


def parse_file(data: Any, shown: str) -> ClaimsFile:
    """A loaded YAML claims document checked against the format, its claims one by one.

    The top level is validated with its claims list left empty (the list must be a list,
    or empty), and each claim on its own, so that a million claims never stand as
    validated models at once; ``claims_of`` validates them.
    """
    if data is None:
        raise InputError(shown, 1, 1, "the claims file is empty: start it with 'version: 1'")
    places = _file_places(data)
    top = data
    if isinstance(data, LMap) and isinstance(data.get("claims"), list):
        top = LMap(data)
        top["claims"] = []
    return validate(ClaimsFile, top, shown, places, within=data)


def sources_of(parsed: ClaimsFile, data: LMap, shown: str) -> dict[str, Source]:
    """The sources a parsed claims file declares."""
    marks = data["sources"].key_marks
    return {
        source_id: make_source(source_id, entry, shown, marks[source_id].line)
        for source_id, entry in parsed.sources.items()
    }


def make_source(source_id: str, entry: SourceEntry, shown: str, line: int) -> Source:
    """A Source from its validated entry."""
    return Source(
        id=source_id,
        title=entry.title,
        publisher=entry.publisher,
        author=entry.author,
        date=entry.date,
        url=entry.url,
        kind=entry.kind,
        text=entry.text,
        line=line,
        file=shown,
        lang=entry.lang,
        currency=entry.currency,
    )


@dataclass(frozen=True)
class Pending:
    """A claim made before its source was declared (in a file read later): where its source
    stands, and whether the claim set its own currency."""

    index: int
    line: int
    col: int
    own_currency: bool


def claims_of(
    data: LMap,
    shown: str,
    defaults: dict[str, str],
    sources: dict[str, Source],
    pending: list[Pending] | None = None,
) -> tuple[Claim, ...]:
    """The claims of a claims document, validated, with defaults applied and sources resolved.

    With ``pending``, a claim whose source is not declared yet is made all the same and
    noted there, for ``resolve_pending`` once every file is read."""
    items = data["claims"] or ()
    places = _file_places(data)
    seen = FirstSeen("claim id", "give each claim its own id")
    claims = []
    for index, record in enumerate(items):
        entry = validate(ClaimEntry, record, shown, places, within=data, prefix=("claims", index))
        later = pending is not None and entry.source not in sources
        if later:
            mark = record.value_mark("source")
            pending.append(Pending(index, mark.line, mark.col, bool(entry.currency)))  # type: ignore[union-attr]
        claim = make_claim(entry, record, shown, defaults, sources, index, later)
        seen.add(claim.id, shown, claim.line, record.mark.col)
        claims.append(claim)
    return tuple(claims)


def defaults_of(entry: Defaults | None) -> dict[str, str]:
    """The defaults that are set, by key."""
    if entry is None:
        return {}
    return {k: v for k, v in entry.model_dump().items() if v}


def _fail(shown: str, record: LMap, key: str | None, message: str) -> InputError:
    """An InputError at the value of ``key`` in ``record`` (at the record when None)."""
    mark = record.value_mark(key) if key is not None and key in record else record.mark
    return InputError(shown, mark.line, mark.col, message)


def make_claim(
    entry: ClaimEntry,
    record: LMap,
    shown: str,
    defaults: dict[str, str],
    sources: dict[str, Source],
    index: int,
    later: bool = False,
) -> Claim:
    """A Claim from its validated entry and its place in the file (the ``index``-th claim);
    ``later``: its source is resolved once every file is read (``resolve_pending``)."""
    source = sources.get(entry.source)
    if source is None and not later:
        raise _fail(shown, record, "source", unknown_source(entry.source, sources))
    measure = entry.measure or defaults.get("measure") or "level"
    if measure == "share" and not entry.of:
        message = "has measure 'share' but no 'of': name the whole's metric"
        raise _fail(shown, record, None, f"{claim_name(record, index)} {message}")
    period = entry.period or defaults.get("period")
    entity = entry.entity or defaults.get("entity")
    for key, given in (("period", period), ("entity", entity)):
        if not given:
            message = f"has no '{key}': set it, or set it under 'defaults'"
            raise _fail(shown, record, None, f"{claim_name(record, index)} {message}")
    unit = entry.unit or None
    written = entry.value
    if type(written) is str:
        value = f"{written} {unit}" if unit else written
    else:
        from nqpf_check.quantities.values import ValueParseError, value_from_yaml

        try:
            value = value_from_yaml(written, unit)
        except ValueParseError as err:
            raise _fail(shown, record, "value", f"{claim_name(record, index)}: {err}") from None
    value_mark = record.value_mark("value")
    return Claim(
        id=entry.id,
        metric=entry.metric,
        entity=entity,  # type: ignore[arg-type]
        period=period,  # type: ignore[arg-type]
        measure=measure,
        value=value,
        source=entry.source,
        file=shown,
        line=record.mark.line,
        value_line=value_mark.line,
        value_col=value_mark.col,
        of=entry.of or None,
        basis=entry.basis or defaults.get("basis"),
        quote=entry.quote or None,
        note=entry.note or None,
        suppress=tuple((entry.suppress or {}).items()),
        written=str(written),
        unit=unit,
        lang=(source.lang if source else None) or defaults.get("lang"),
        currency=entry.currency
        or (source.currency if source else None)
        or defaults.get("currency"),
    )


def read_claims(data: Any, shown: str, pool: dict[str, Source] | None = None) -> ClaimSet:
    """A loaded YAML claims document as a ClaimSet; its claims may cite ``pool``'s sources."""
    parsed = parse_file(data, shown)
    sources = sources_of(parsed, data, shown)
    known = {**(pool or {}), **sources}
    return ClaimSet(shown, sources, claims_of(data, shown, defaults_of(parsed.defaults), known))


def load_claims(path: Path, display: str | None = None) -> ClaimSet:
    """Load and validate a claims file; raise InputError with file:line:col on any problem."""
    shown = display or str(path)
    return read_claims(load_yaml(path, shown), shown)


def load_claims_text(text: str, display: str) -> ClaimSet:
    """Validate claims given as text (what a file would hold after an edit)."""
    return read_claims(load_yaml_text(text, display), display)


def load_yaml_files(paths: list[Path]) -> list[ClaimSet]:
    """Several YAML claims files; a source declared in any of them serves them all."""
    loaded = []
    pool: dict[str, Source] = {}
    for number, path in enumerate(paths, start=1):
        shown = str(path)
        data = load_yaml(path, shown)
        entry = parse_file(data, shown)
        sources = sources_of(entry, data, shown)
        for source_id, source in sources.items():
            first = pool.setdefault(source_id, source)
            refuse_redeclared(source, first, data["sources"].key_marks[source_id].col)
        pending: list[Pending] = []
        last = number == len(paths)  # every source is known: an unknown one is refused now
        claims = claims_of(
            data, shown, defaults_of(entry.defaults), pool, None if last else pending
        )
        loaded.append((ClaimSet(shown, sources, claims), pending))
        del data  # each file's tree goes once its claims are made: a folder of 10,000 files
        # is held as claims, not as 10,000 trees
    return [resolve_pending(claimset, pending, pool) for claimset, pending in loaded]


def resolve_pending(
    claimset: ClaimSet, pending: list[Pending], pool: dict[str, Source]
) -> ClaimSet:
    """The claim set with the claims made before their source was read given its language
    and currency; a source no file declares is refused at its place."""
    if not pending:
        return claimset
    from dataclasses import replace

    claims = list(claimset.claims)
    for waiting in pending:
        claim = claims[waiting.index]
        source = pool.get(claim.source)
        if source is None:
            raise InputError(
                claimset.path, waiting.line, waiting.col, unknown_source(claim.source, pool)
            )
        lang = source.lang or claim.lang
        currency = claim.currency if waiting.own_currency else source.currency or claim.currency
        if (lang, currency) != (claim.lang, claim.currency):
            claims[waiting.index] = replace(claim, lang=lang, currency=currency)
    return ClaimSet(claimset.path, claimset.sources, tuple(claims))


def unknown_source(source_id: str, sources: dict[str, Source]) -> str:
    """The message for a claim citing a source no file declares, with a suggestion."""
    hint = did_you_mean(source_id, sources, "declared:")
    if not hint.startswith("did you mean"):
        hint = f"declare it under 'sources' ({hint})" if sources else "declare it under 'sources'"
    return f"unknown source '{source_id}': {hint}"


def refuse_redeclared(source: Source, first: Source, col: int = 1) -> None:
    """Refuse a second declaration of a source id (in another file) that says something else
    than the first: the claims of both files would silently share one of the two."""
    from dataclasses import fields

    if source is first:
        return
    for field in fields(Source):
        if field.name in ("file", "line"):
            continue
        here, there = getattr(source, field.name), getattr(first, field.name)
        if here != there:
            raise InputError(
                source.file,
                source.line,
                col,
                f"source '{source.id}' is also declared in {first.file}:{first.line}, with "
                f"another {field.name} ({_said(there)} there, {_said(here)} here): declare "
                "each source once",
            )


def _said(value: Any) -> str:
    """A source field's value for a message: quoted, cut when long, or 'none'."""
    if value is None:
        return "none"
    text = str(value)
    return repr(text if len(text) <= 40 else f"{text[:39]}…")


def record_places(what: str, keys: tuple[str, ...]) -> Any:
    """Places of a single record (a JSON Lines or CSV line): all of it is ``what``."""
    place = Place(what, keys, 0)
    return lambda loc: place
