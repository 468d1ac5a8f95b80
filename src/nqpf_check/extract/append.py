"""Append claims to a claims file as text: comments, layout and every other byte stay."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from nqpf_check.claims.model import ClaimSet
from nqpf_check.claims.reader import load_claims_text
from nqpf_check.errors import InputError
from nqpf_check.files import atomic_write, read_text

_CLAIMS = re.compile(r"^claims:[ \t]*(?P<empty>\[\s*\])?[ \t]*(?:#.*)?$")
_TOP_KEY = re.compile(r"^[^\s#-]")


def item_indent(text: str) -> str:
    """The indentation of the claims list's items ("  " when there are none yet)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if _CLAIMS.match(line):
            for follow in lines[i + 1 :]:
                if _TOP_KEY.match(follow):
                    break
                match = re.match(r"^(\s*)- ", follow)
                if match:
                    return match.group(1)
    return "  "


def with_claims(text: str, items: str) -> str:
    """The file's text with ``items`` (YAML list items) at the end of its claims list."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if _CLAIMS.match(line.rstrip("\n"))), None)
    if start is None:
        return "".join(lines) + "claims:\n" + items
    if _CLAIMS.match(lines[start].rstrip("\n")).group("empty"):  # type: ignore[union-attr]
        lines[start] = "claims:\n"
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _TOP_KEY.match(lines[i]):
            end = i
            break
    insert = end
    while insert > start + 1 and (not lines[insert - 1].strip() or lines[insert - 1][0] == "#"):
        insert -= 1  # before the blank lines and comments that open the next key
    return "".join(lines[:insert]) + items + "".join(lines[insert:])


def append_claims(path: Path, items: str | Callable[[str], str], display: str) -> ClaimSet:
    """Append the items to the file atomically, after checking the result loads; two runs
    on one file take turns (a lock beside it), so neither's claims are lost. ``items`` may
    be made from the file's text as it is once the lock is held (to keep ids unique)."""
    with _locked(path):
        text = read_text(path, display)
        return _append(path, items if isinstance(items, str) else items(text), display)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``.NAME.lock`` beside the file, held while it is rewritten."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here: the write is still whole or not at all
        yield
        return
    import os

    lock_path = path.parent / f".{path.name}.lock"
    while True:  # the lock file is removed after use: hold the one that is still there
        lock = open(lock_path, "a", encoding="utf-8")  # noqa: SIM115 (held past the block)
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if os.fstat(lock.fileno()).st_ino == os.stat(lock_path).st_ino:
                break
        except FileNotFoundError:
            pass
        lock.close()
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def _append(path: Path, items: str, display: str) -> ClaimSet:
    text = read_text(path, display)  # read again under the lock: what another run wrote
    new_text = with_claims(text, items)
    try:
        claimset = load_claims_text(new_text, display)
    except InputError as err:
        raise InputError(
            err.path,
            err.line,
            err.col,
            f"the claims to append would make the file invalid, so it was left as it was: "
            f"{err.message}",
        ) from None
    atomic_write(path, new_text)
    return claimset
