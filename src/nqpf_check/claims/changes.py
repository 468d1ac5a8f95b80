"""--changed-since: which claims were added or changed since a git revision.

Each claims file is compared, claim by claim (by id), with its copy at the revision, which
is read through git under the limits of the working file: its size is asked first (a copy
over the limit is never read), then its encoding and format are checked as the loader
checks them. No copy at that path means a new file. A copy that cannot be read (a folder,
a submodule or a symbolic link at that path, over the size limit, not UTF-8, not valid
YAML, JSON Lines or CSV) does not stop the run: every claim of the file then counts as
changed, which hides no finding, and a note on stderr says why. A revision that names no
commit is a mistake on the command line: exit 2.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nqpf_check.errors import InputError, printable

GIT_SECONDS = 60
"""How long one git command may take."""


@dataclass(frozen=True)
class Changes:
    """The ids of the claims added or changed, and a note for each file whose copy at the
    revision could not be read (all of its claims count as changed)."""

    ids: frozenset[str]
    notes: tuple[str, ...] = ()


class _Unreadable(Exception):
    """The copy of a claims file at the revision cannot be compared; the message says why."""


def _git(args: list[str], cwd: Path, shown: str) -> subprocess.CompletedProcess[bytes]:
    """Run git (bytes out: a file at a revision may be in any encoding)."""
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=GIT_SECONDS,
            env=env,
        )
    except FileNotFoundError:
        raise InputError(
            shown, 1, 1, "--changed-since needs git, which is not installed: install it"
        ) from None
    except subprocess.TimeoutExpired:
        raise InputError(
            shown,
            1,
            1,
            f"git did not answer 'git {args[0]}' within {GIT_SECONDS} s: check the repository "
            "(git status), then run again",
        ) from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """The first line git wrote to stderr, for a message."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else f"exit code {result.returncode}"


def check_revision(rev: str, shown: str) -> None:
    """Refuse what can be no revision before git sees it: nothing, or an option."""
    fix = "name a commit, branch or tag, e.g. origin/main"
    if not rev.strip():
        raise InputError(shown, 1, 1, f"--changed-since is empty: {fix}")
    if rev.startswith("-"):
        raise InputError(
            shown,
            1,
            1,
            f"--changed-since '{rev}' starts with '-', which git would read as an option: {fix}",
        )


def _commit(rev: str, root: Path, shown: str) -> str:
    """The commit ``rev`` names in the repository at ``root`` (InputError if none)."""
    found = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root, shown
    )
    if found.returncode != 0:
        raise InputError(
            shown,
            1,
            1,
            f"unknown git revision '{rev}' for --changed-since: name a commit, "
            "branch or tag, e.g. origin/main",
        )
    return found.stdout.decode("ascii", "replace").strip()


def _top(path: Path) -> tuple[Path, str]:
    """The top folder of the repository that holds ``path``, and the path from it."""
    shown = str(path)
    top = _git(["rev-parse", "--show-toplevel"], path.resolve().parent, shown)
    if top.returncode != 0:
        raise InputError(
            shown,
            1,
            1,
            "--changed-since needs the claims file inside a git repository "
            f"(git says: {_said(top)})",
        )
    root = Path(os.fsdecode(top.stdout.rstrip(b"\n"))).resolve()
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise InputError(
            shown,
            1,
            1,
            f"the claims file leads to {path.resolve()}, outside the git repository {root}: "
            "--changed-since compares files of one repository; name the file itself",
        ) from None
    return root, relative


def changed_claims(paths: list[Path], rev: str) -> Changes:
    """The claims added or changed since ``rev`` in any of ``paths`` (compared by id)."""
    check_revision(rev, str(paths[0]) if paths else ".")
    commits: dict[Path, str] = {}
    changed: set[str] = set()
    notes: list[str] = []
    for path in paths:
        shown = str(path)
        root, relative = _top(path)
        if root not in commits:
            commits[root] = _commit(rev, root, shown)
        now = _digests(_working_records(path, shown))
        try:
            before = _old_digests(root, commits[root], relative, path.suffix, f"{rev}:{relative}")
        except _Unreadable as err:
            notes.append(
                printable(
                    f"note: {shown}: its copy at {rev} cannot be read ({err}), so every claim "
                    "of it counts as changed"
                )
            )
            before = {}
        if before is None:  # the file is new since rev
            changed |= set(now)
            continue
        changed |= {cid for cid, digest in now.items() if before.get(cid) != digest}
    return Changes(frozenset(changed), tuple(notes))


def _working_records(path: Path, shown: str) -> Iterator[dict[str, Any]]:
    """The records of the working file (the loader has checked it already)."""
    if path.suffix == ".jsonl":
        with path.open("rb") as handle:
            yield from _records(handle, path.suffix, shown)
        return
    yield from _records(path.read_bytes(), path.suffix, shown)


def _old_digests(
    root: Path, commit: str, relative: str, suffix: str, shown: str
) -> dict[str, bytes] | None:
    """The claims of the file's copy at ``commit`` (None: no file there)."""
    from nqpf_check.claims.records import MAX_JSONL_BYTES
    from nqpf_check.files import MAX_BYTES

    listed = _git(["ls-tree", "-l", "-z", "--full-tree", commit, "--", relative], root, shown)
    if listed.returncode != 0:
        raise _Unreadable(f"git ls-tree failed: {_said(listed)}")
    entry = _entry(listed.stdout, relative)
    if entry is None:
        return None
    mode, kind, obj, size = entry
    if mode == "160000":
        raise _Unreadable("a submodule stands at that path")
    if kind == "tree":
        raise _Unreadable("a folder stands at that path")
    if mode == "120000":
        raise _Unreadable("a symbolic link stands at that path")
    if kind != "blob" or not size.isdigit():
        raise _Unreadable(f"a git {kind} stands at that path")
    limit = MAX_JSONL_BYTES if suffix == ".jsonl" else MAX_BYTES
    if int(size) > limit:
        raise _Unreadable(f"the file is {int(size):,} bytes, over the limit of {limit:,}")
    try:
        if suffix == ".jsonl":
            return _digests(_streamed(root, obj, shown))
        blob = _git(["cat-file", "blob", obj], root, shown)
        if blob.returncode != 0:
            raise _Unreadable(f"git cat-file failed: {_said(blob)}")
        return _digests(_records(blob.stdout, suffix, shown))
    except InputError as err:
        raise _Unreadable(str(err)) from None


def _entry(listing: bytes, relative: str) -> tuple[str, str, str, str] | None:
    """(mode, type, object, size) of ``relative`` in ``git ls-tree -l -z`` output."""
    for line in listing.split(b"\0"):
        head, _, name = line.partition(b"\t")
        if os.fsdecode(name) != relative:
            continue
        fields = head.decode("ascii", "replace").split()
        if len(fields) == 4:
            return fields[0], fields[1], fields[2], fields[3]
    return None


def _streamed(root: Path, obj: str, shown: str) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines blob, read from git one line at a time."""
    with subprocess.Popen(
        ["git", "cat-file", "blob", obj],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None
        try:
            yield from _records(process.stdout, ".jsonl", shown)
        except BaseException:
            process.kill()
            raise
    if process.returncode != 0:
        raise _Unreadable(f"git cat-file failed with exit code {process.returncode}")


def _records(data: bytes | Iterable[bytes], suffix: str, shown: str) -> Iterator[dict[str, Any]]:
    """The records of a claims file's bytes (JSON Lines: its lines), read as the loader
    reads them: a claims file's claims as records of type claim."""
    import io

    from nqpf_check.claims.records import csv_records, jsonl_records
    from nqpf_check.claims.yaml_file import load_yaml_text
    from nqpf_check.files import decode_text

    if suffix == ".jsonl":
        lines = io.BytesIO(data) if isinstance(data, bytes) else data
        for _, _, record in jsonl_records(lines, shown):
            yield record
        return
    assert isinstance(data, bytes)
    text = decode_text(data, shown)
    if suffix == ".csv":
        for _, _, record in csv_records(text, shown):
            yield record
        return
    document = load_yaml_text(text, shown)
    claims = document.get("claims") if isinstance(document, dict) else None
    for claim in claims if isinstance(claims, list) else ():
        if isinstance(claim, dict):
            yield claim


def _digests(records: Iterable[dict[str, Any]]) -> dict[str, bytes]:
    """A digest of each claim record, by id (a record of type source or defaults is none)."""
    import hashlib
    import json

    found = {}
    for record in records:
        claim_id = record.get("id")
        if record.get("type", "claim") != "claim" or not isinstance(claim_id, str):
            continue
        text = json.dumps(record, sort_keys=True, default=str)
        found[claim_id] = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    return found
