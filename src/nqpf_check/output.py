"""Where a report goes: the terminal, and a file written whole or not at all."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from nqpf_check.config import CheckOptions
from nqpf_check.errors import InputError
from nqpf_check.report import Report
from nqpf_check.reporters import RenderOptions, renderer


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: whole or not at all."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(str(path), 1, 1, f"cannot write the file: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:  # a new file gets the usual permissions, not mkstemp's private ones
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(report: Report, options: CheckOptions) -> None:
    """Render the format to stdout, or to ``--output`` with the table still on the terminal."""
    format = options.resolved_format()
    screen = RenderOptions(limit=options.limit, show_suppressed=options.show_suppressed)
    if options.output is None:
        renderer(format)(report, sys.stdout, screen)
        return
    buffer = io.StringIO()
    whole = RenderOptions(limit=0, width=120, color=False, show_suppressed=options.show_suppressed)
    renderer(format)(report, buffer, whole)
    atomic_write(options.output, buffer.getvalue())
    renderer("table")(report, sys.stdout, screen)
