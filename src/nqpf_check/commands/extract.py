"""`extract`: read text files, propose claims, print them or append them to a claims file."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from nqpf_check.claims.model import ClaimSet
from nqpf_check.claims.reader import load_claims
from nqpf_check.errors import InputError, printable
from nqpf_check.extract.propose import Proposal, propose, slug, to_yaml
from nqpf_check.files import read_text


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

    try:
        v = parse_value(value, lang=lang)
    except ValueParseError:
        return None
    return (v.dimension, round(v.base, 6), round(v.low, 6), round(v.high, 6), v.qualifier)


def _present(claimset: ClaimSet | None) -> set[tuple[str, str, object]]:
    """(source, quote, reading of the value) of the claims already in the file."""
    from nqpf_check.quantities.text import normalized

    if claimset is None:
        return set()
    return {
        (c.source, normalized(c.quote or ""), _reading(c.value, c.lang) or c.value)
        for c in claimset.claims
    }


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
    skipped = 0
    for path in _progress(options.texts):
        text = read_text(path, str(path))
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
        for proposal in propose(text, source, vocabulary, year, taken, str(path), lang):
            value = f"{proposal.value} {proposal.unit}" if proposal.unit else proposal.value
            quote = normalized(proposal.quote)
            reading = _reading(value, lang) or value
            if any(
                src == proposal.source and read == reading and (q in quote or quote in q)
                for src, q, read in present
            ):
                skipped += 1
                continue
            key = (proposal.source, quote, reading)
            present.add(key)
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
        fresh = []
        for proposal in proposals:
            new_id, k = proposal.id, 2
            while new_id in taken:
                new_id, k = f"{proposal.id}-{k}", k + 1
            taken.add(new_id)
            fresh.append(dataclasses.replace(proposal, id=new_id))
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
