"""`extract`: read text files, propose claims, print them or append them to a claims file."""

from __future__ import annotations

import datetime as dt
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from nqpf_check.claims.model import ClaimSet
from nqpf_check.claims.reader import load_claims
from nqpf_check.errors import InputError, printable
from nqpf_check.extract.propose import Proposal, propose, slug, to_yaml, unique_id
from nqpf_check.files import MAX_TEXT_BYTES, read_text

_TOO_LONG = "check reads no source text that long: split it into its articles and extract from each"


@dataclass(frozen=True)
class ExtractOptions:
    """What `extract` was asked to do."""

    texts: tuple[Path, ...]
    source: str | None = None
    date: str | None = None
    append: Path | None = None
    rules: Path | None = None
    lang: str | None = None
    builtin: bool = True


RECENT = 32
"""Proposals of one source and value whose quotes a new quote is compared with, inside."""

_Key = tuple[str, object]
"""A claim's source and the reading of its value (or its value as written)."""


@dataclass(frozen=True)
class Repeats:
    """The claims present so far, by source and value: which proposals are already there.

    A proposal repeats a claim with the same source and value when the quote of one
    contains the other's (a headline and the sentence of the body that says more, or the
    same sentence twice). Every claim of the claims file is compared; of the proposals of
    the run, the same quote is always found, and a quote inside another among the last
    `RECENT` proposals of that source and value: a text of any size takes time in
    proportion to its size, never to its size squared.
    """

    _file: dict[_Key, list[str]] = field(default_factory=dict)
    _run: dict[_Key, deque[str]] = field(default_factory=dict)
    _exact: set[tuple[_Key, str]] = field(default_factory=set)

    def add_file(self, source: str, quote: str, reading: object) -> None:
        """A claim of the claims file, with its quote normalised."""
        key = (source, reading)
        self._file.setdefault(key, []).append(quote)
        self._exact.add((key, quote))

    def add(self, source: str, quote: str, reading: object) -> None:
        """A claim proposed in this run, with its quote normalised."""
        key = (source, reading)
        self._run.setdefault(key, deque(maxlen=RECENT)).append(quote)
        self._exact.add((key, quote))

    def seen(self, source: str, quote: str, reading: object) -> bool:
        """Whether a claim of this source and value is there with a quote inside this one,
        or with a quote this one is inside."""
        key = (source, reading)
        if (key, quote) in self._exact:
            return True
        for quotes in (self._file.get(key, ()), self._run.get(key, ())):
            if any(map(quote.__contains__, quotes)) or any(quote in q for q in quotes):
                return True
        return False


def _year(date: str | None, where: str) -> int | None:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(str(date)[:10]).year
    except ValueError:
        raise InputError(where, 1, 1, f"the date '{date}' is not YYYY-MM-DD") from None


def _reading(
    value: str, lang: str | None = None
) -> tuple[str, float, float, float, str | None] | None:
    """A value's reading as a comparable tuple (None when it cannot be read)."""
    from nqpf_check.quantities.values import ValueParseError, parse_value

    try:  # the parser's defaults written out: the reading of the text has it cached so
        v = parse_value(value, 0.05, 0.05, lang)
    except ValueParseError:
        return None
    return (v.dimension, round(v.base, 6), round(v.low, 6), round(v.high, 6), v.qualifier)


def _present(claimset: ClaimSet | None) -> Repeats:
    """(source, quote, reading of the value) of the claims already in the file."""
    from nqpf_check.quantities.text import normalized

    present = Repeats()
    for c in claimset.claims if claimset is not None else ():
        present.add_file(c.source, normalized(c.quote or ""), _reading(c.value, c.lang) or c.value)
    return present


def run_extract(options: ExtractOptions) -> int:
    """Propose claims from every text; print them, or append them. Returns the exit code."""
    from nqpf_check.extract.append import append_claims, item_indent
    from nqpf_check.quantities.text import normalized
    from nqpf_check.ruleset import load_ruleset, resolve_rules_dir

    if options.lang is not None:
        from nqpf_check.errors import UsageError
        from nqpf_check.quantities.languages import LanguageError, check_language

        try:
            check_language(options.lang)
        except LanguageError as err:
            raise UsageError("--lang", str(err)) from None
    for path in options.texts:
        if not path.is_file():
            raise InputError(str(path), 1, 1, "no such text file")
    target = options.append
    existing = load_claims(target, str(target)) if target is not None else None
    anchor = target if target is not None else Path("claims.yaml")
    folder, origin = resolve_rules_dir(options.rules, anchor)
    vocabulary = load_ruleset(folder, origin, options.builtin).metrics
    taken = {c.id for c in existing.claims} if existing else set()
    present = _present(existing)
    proposals: list[Proposal] = []
    counters: dict[str, int] = {}
    skipped = 0
    for path in _progress(options.texts):
        text = read_text(path, str(path), MAX_TEXT_BYTES, _TOO_LONG)
        source = options.source or slug(path.stem)
        date = options.date
        if existing is not None:
            if source not in existing.sources:
                raise InputError(
                    str(target),
                    1,
                    1,
                    f"source '{source}' is not declared in {target}: add it under 'sources' "
                    "(a title is required) or pass --source with a declared id",
                )
            date = date or existing.sources[source].date
        declared = existing.sources[source].lang if existing is not None else None
        if options.lang and declared and options.lang.lower() != declared.lower():
            from nqpf_check.errors import UsageError

            raise UsageError(
                "--lang",
                f"'{options.lang}' contradicts lang: {declared} of source '{source}' in "
                f"{target}: drop --lang (the source's language is used), or fix the source",
            )
        lang = options.lang or declared
        year = _year(date, str(path))
        found = propose(text, source, vocabulary, year, taken, str(path), lang, counters)
        last_quote, quote = None, ""
        for proposal in found:
            value = f"{proposal.value} {proposal.unit}" if proposal.unit else proposal.value
            if proposal.quote is not last_quote:  # the figures of a sentence share its quote
                last_quote, quote = proposal.quote, normalized(proposal.quote)
            reading = _reading(value, lang) or value
            if present.seen(proposal.source, quote, reading):
                skipped += 1
                continue
            present.add(proposal.source, quote, reading)
            proposals.append(proposal)
    if target is None:
        said = (
            f"# The values are read as {options.lang} writes numbers: declare lang: "
            f"{options.lang} on the source.\n"
            if options.lang
            else ""
        )
        sys.stdout.write(
            f"# {len(proposals)} claims proposed; paste them under 'claims:' and fill in "
            f"every '_todo'.\n{said}{to_yaml(proposals)}"
        )
        return 0

    def rendered(text: str) -> str:
        """The proposals as YAML for the file as it now is: ids another run took get a
        suffix, so two runs at once both land."""
        import dataclasses

        from nqpf_check.claims.reader import load_claims_text

        taken = {claim.id for claim in load_claims_text(text, str(target)).claims}
        suffixes: dict[str, int] = {}
        fresh = [
            dataclasses.replace(proposal, id=unique_id(proposal.id, taken, suffixes))
            for proposal in proposals
        ]
        return to_yaml(fresh, item_indent(text))

    if proposals:
        append_claims(target, rendered, str(target))
    print(
        f"appended {len(proposals)} claims to {printable(str(target))}"
        + (f"; {skipped} already there were skipped" if skipped else ""),
    )
    return 0


def _progress(paths: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    """The paths, with a progress bar on stderr when there are several."""
    if len(paths) < 2:
        yield from paths
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(paths, description="Reading", console=Console(stderr=True), transient=True)
