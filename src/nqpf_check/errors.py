"""Errors a user must fix before anything can be checked, and the exit codes."""

from __future__ import annotations

EXIT_OK = 0
"""No finding at or above the fail level."""
EXIT_FINDINGS = 1
"""At least one finding at or above the fail level."""
EXIT_INPUT = 2
"""A usage error, or an input that cannot be read."""


class InputError(Exception):
    """An input that cannot be read, positioned as ``file:line:col: message``."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path = path
        self.line = line
        self.col = col
        self.message = message


class UsageError(Exception):
    """A command-line value that names nothing known; the CLI shows it as a usage error."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message
