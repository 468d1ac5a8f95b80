"""`check` from options to exit code: load, run, narrow to changes, render."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from nqpf_check.ruleset import RuleSet

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from nqpf_check.claims.model import ClaimSet
from nqpf_check.commands.options import CheckOptions, Origin
from nqpf_check.errors import InputError
from nqpf_check.files import write_output
from nqpf_check.names import FirstSeen
from nqpf_check.report import Report
from nqpf_check.reporters import RenderOptions, renderer


def run_check(options: CheckOptions) -> int:
    """Check the claims as ``options`` say, write the report, and return the exit code."""
    with bulk():
        return _run_check(options)


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of long-lived objects are made.

    Claims, values and findings hold no reference cycles worth collecting during a run;
    without the pause, each full collection walks every object made so far, and the
    cost of loading grows faster than the number of claims.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def known_rules(
    option: str, names: tuple[str, ...], ruleset: RuleSet, origin: Origin | None = None
) -> tuple[str, ...]:
    """The rule ids and kinds of ``--select`` / ``--ignore``, comma lists split and case
    folded; a name that is no rule in force and no kind, or a value that names nothing
    (``--select ,``), is a usage error (exit 2) naming the choices: a typo never switches
    every rule off, nor on. Names from the configuration file (``origin``) are refused at
    their line there."""
    from nqpf_check.checks import KINDS
    from nqpf_check.engine import UNUSED
    from nqpf_check.errors import UsageError
    from nqpf_check.names import did_you_mean

    ids = [spec.id for spec in ruleset.rules]
    choices = list(dict.fromkeys([*ids, *KINDS, UNUSED]))
    by_lower = {name.lower(): name for name in choices}

    def refuse(message: str) -> Exception:
        if origin is None:
            return UsageError(option, message)
        key = option.removeprefix("--")
        return InputError(origin.file, origin.line, origin.col, f"'{key}': {message}")

    found = []
    for given in names:
        parts = [part.strip() for part in given.split(",")]
        if not any(parts):
            raise refuse(
                f"{given!r} names no rule: give rule ids or kinds "
                f"({did_you_mean('', choices, 'choose from')})"
            )
        for name in filter(None, parts):
            known = by_lower.get(name.lower())
            if known is None:
                raise refuse(
                    f"'{name}' is no rule in force and no rule kind: "
                    f"{did_you_mean(name.lower(), choices, 'choose from')}"
                )
            found.append(known)
    return tuple(found)


def _run_check(options: CheckOptions) -> int:
    from nqpf_check.claims.load import expand, load_inputs
    from nqpf_check.engine import run
    from nqpf_check.ruleset import load_ruleset, resolve_rules_dir

    files = expand(list(options.claims))
    claimsets = load_inputs(files)
    changed = None
    if options.changed_since is not None:  # the files are read and sound: compare them
        from nqpf_check.claims.changes import changed_claims

        changes = changed_claims(files, options.changed_since)
        for note in changes.notes:
            print(note, file=sys.stderr)
        changed = set(changes.ids)
    refuse_unsafe_texts(claimsets)
    if not options.allow_outside_text:
        refuse_outside_texts(claimsets)
    unique_ids(claimsets)
    anchor = options.claims[0]
    folder, origin = resolve_rules_dir(
        options.rules, anchor / "claims.yaml" if anchor.is_dir() else anchor
    )
    ruleset = load_ruleset(folder, origin, options.builtin_rules)
    select = known_rules("--select", options.select, ruleset, options.origins.get("select"))
    ignore = known_rules("--ignore", options.ignore, ruleset, options.origins.get("ignore"))
    report = run(claimsets, ruleset, select, ignore, options.allow_outside_text)
    if changed is not None:
        report = report.only(
            # A finding about no claim (a rule that crashed) stays: no filter lets it pass.
            [f for f in report.findings if not f.claims or changed & set(f.claims)],
            [f for f in report.suppressed if changed & set(f.claims)],
            note=(
                f"Only findings of the {len(changed)} claims added or changed since "
                f"{options.changed_since} are reported."
            ),
        )
    rule_files = tuple(folder.glob("*.yaml")) if folder.is_dir() else ()
    write_report(report, options, (*files, *rule_files))
    return report.exit_code(options.fail_on)


def refuse_outside_texts(claimsets: list[ClaimSet]) -> None:
    """A source's text: file must lie in its claims file's folder, unless allowed."""
    from pathlib import Path

    for claimset in claimsets:
        for source in claimset.sources.values():
            if not source.text:
                continue
            folder = Path(source.file).parent.resolve()
            path = (folder / source.text).resolve()
            if not path.is_relative_to(folder):
                raise InputError(
                    source.file,
                    source.line,
                    1,
                    f"the text file {source.text!r} of source '{source.id}' lies outside the "
                    "claims file's folder and is not read: keep source texts beside the claims, "
                    "or pass --allow-outside-text",
                )


def refuse_unsafe_texts(claimsets: list[ClaimSet]) -> None:
    """A source's text: is a plain file the claims name, never a hidden path (``.git/config``),
    a FIFO, a device or a folder, nor a file past the size a text may have."""
    import stat
    from pathlib import Path, PurePath

    from nqpf_check.checks.quote import MAX_TEXT_BYTES

    for claimset in claimsets:
        for source in claimset.sources.values():
            if not source.text:
                continue
            where = f"the text file {source.text!r} of source '{source.id}'"
            problem = None
            if "\x00" in source.text:
                problem = "holds a NUL character"
            elif any(
                part.startswith(".") and part not in (".", "..")
                for part in PurePath(source.text).parts
            ):
                problem = "is a hidden path (such as .git/): source texts are plain article files"
            else:
                path = Path(source.file).parent / source.text
                try:
                    info = path.stat()
                except OSError:
                    continue  # missing: the quote rule says so
                if not stat.S_ISREG(info.st_mode):
                    problem = "is not a regular file (a folder, a FIFO or a device)"
                elif info.st_size > MAX_TEXT_BYTES:
                    problem = f"is over {MAX_TEXT_BYTES // 2**20} MiB: no article is that long"
            if problem is not None:
                raise InputError(
                    source.file, source.line, 1, f"{where} {problem}: name the article's text file"
                )


def unique_ids(claimsets: list[ClaimSet]) -> None:
    """Claim ids must be unique across all the claims files of one run."""
    seen = FirstSeen("claim id", "ids must be unique across all claims files")
    for claimset in claimsets:
        for claim in claimset.claims:
            seen.add(claim.id, claim.file, claim.line)


def write_report(report: Report, options: CheckOptions, inputs: tuple[Path, ...] = ()) -> None:
    """Render the format to stdout, or to ``--output`` with the table still on the terminal."""
    format = options.resolved_format()
    screen = RenderOptions(limit=options.limit, show_suppressed=options.show_suppressed)
    if options.output is None:
        renderer(format)(report, sys.stdout, screen)
        return
    whole = RenderOptions(limit=0, width=120, color=False, show_suppressed=options.show_suppressed)
    render = renderer(format)
    write_output(options.output, lambda handle: render(report, handle, whole), inputs)
    renderer("table")(report, sys.stdout, screen)
