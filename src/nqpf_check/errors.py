"""Errors a user must fix before anything can be checked, and the exit codes."""

from __future__ import annotations

EXIT_OK = 0
"""No finding at or above the fail level."""
EXIT_FINDINGS = 1
"""At least one finding at or above the fail level."""
EXIT_INPUT = 2
"""A usage error, or an input that cannot be read."""


def printable(text: str) -> str:
    """``text`` with every control, format and line-separator character escaped (``\\n``,
    ``\\x1b``, ``\\u200b``): a message that quotes an input stays one line, so no input can
    start a line of its own (a GitHub workflow command, a terminal escape)."""
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for ch in text:
        if ch.isprintable() or ch == " " or unicodedata.category(ch) in ("Zs",):
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class InputError(Exception):
    """An input that cannot be read, positioned as ``file:line:col: message``; the message
    is made printable (inputs it quotes cannot break it into lines)."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        path, message = printable(path), printable(message)
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path = path
        self.line = line
        self.col = col
        self.message = message


class UsageError(Exception):
    """A command-line value that names nothing known; the CLI shows it as a usage error."""

    def __init__(self, param: str, message: str) -> None:
        message = printable(message)
        super().__init__(message)
        self.param = param
        self.message = message
