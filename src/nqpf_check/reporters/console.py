"""The rich console every command prints through: sized for CI logs when not a terminal."""

from __future__ import annotations

import os
from typing import Any, TextIO

DEFAULT_WIDTH = 120


def make_console(
    out: TextIO | None = None, width: int | None = None, color: bool | None = None
) -> Any:
    """A rich Console on ``out``: 120 columns (or $COLUMNS) when it is not a terminal.

    NO_COLOR is honoured by rich itself; ``color=False`` forces plain text.
    """
    import sys

    from rich.console import Console

    stream = out if out is not None else sys.stdout
    if width is None and not (hasattr(stream, "isatty") and stream.isatty()):
        width = int(os.environ.get("COLUMNS", "0") or 0) or DEFAULT_WIDTH
    return Console(
        file=stream,
        width=width,
        no_color=True if color is False else None,
        force_terminal=color or None,
        highlight=False,
        soft_wrap=False,
    )
