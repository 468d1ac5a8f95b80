"""Names a user types: the "did you mean" suggestion, and the check that each id is used once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from nqpf_check.errors import InputError


def did_you_mean(word: str, choices: Iterable[str], label: str = "valid:", most: int = 40) -> str:
    """``did you mean 'x'? (valid: a, b, c)`` or ``valid: a, b, c`` when nothing is close.

    Past ``most`` choices the list is cut and their number said.
    """
    options = list(dict.fromkeys(choices))
    shown = ", ".join(options[:most]) if options else "none"
    if len(options) > most:
        shown += f", … ({len(options)} in all)"
    listed = f"{label} {shown}"
    close = closest(word, options)
    return f"did you mean '{close}'? ({listed})" if close else listed


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (the same but for case counts as closest), or None."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    if close:
        return close[0]
    lowered = {o.lower(): o for o in options}
    return lowered.get(word.lower())


class FirstSeen:
    """Where each name was first used; a second use is an InputError pointing at both."""

    def __init__(self, what: str, fix: str) -> None:
        self.what = what
        self.fix = fix
        self.places: dict[str, tuple[str, int]] = {}

    def add(self, name: str, file: str, line: int, col: int = 1) -> None:
        """Record ``name`` at file:line, or raise if it was used before."""
        first = self.places.setdefault(name, (file, line))
        if first == (file, line):
            return
        where = f"line {first[1]}" if first[0] == file else f"{first[0]}:{first[1]}"
        raise InputError(
            file, line, col, f"duplicate {self.what} '{name}' (first at {where}): {self.fix}"
        )
