"""Append claims to a claims file as text: comments, layout and every other byte stay."""

from __future__ import annotations

import re
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


def append_claims(path: Path, items: str, display: str) -> ClaimSet:
    """Append the items to the file atomically, after checking the result loads."""
    text = read_text(path, display)
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
