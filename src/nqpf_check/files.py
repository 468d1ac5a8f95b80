"""Files in and out: text read with size and encoding limits, files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from nqpf_check.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
"""The largest text file read whole (a claims, rules or source file)."""
MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest source text: an article, a report; a longer file is no one text."""

Content = str | Callable[[TextIO], None]
"""What is written: a text, or a function that writes it to the stream it is given (a
report is written piece by piece, never held whole)."""


def _put(handle: TextIO, content: Content) -> None:
    if isinstance(content, str):
        handle.write(content)
    else:
        content(handle)


def read_text(path: Path, display: str, limit: int = MAX_BYTES, advice: str = "split it") -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed), refusing binary files and files
    over ``limit`` bytes (``advice`` says what to do)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(display, 1, 1, f"cannot read the file: {err.strerror}") from None
    if size > limit:
        raise InputError(
            display,
            1,
            1,
            f"the file is {size:,} bytes, over the limit of {limit:,}: {advice}",
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(display, 1, 1, f"cannot read the file: {err.strerror}") from None
    return decode_text(data, display)


def decode_text(data: bytes, display: str) -> str:
    """The text of a file's bytes: UTF-8 (a byte-order mark is allowed), with no NUL byte."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(display, line, 1, "the file holds a NUL byte: it is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(
            display,
            line,
            col,
            f"the byte 0x{data[err.start]:02x} is not UTF-8: save the file as UTF-8",
        ) from None


def atomic_write(path: Path, text: Content) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: whole or not at all."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(str(path), 1, 1, f"cannot write the file: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            _put(handle, text)
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


def write_output(path: Path, text: Content, inputs: tuple[Path, ...] = ()) -> None:
    """Write a report to ``path``: a regular file whole or not at all (``atomic_write``), a
    device or pipe directly (never replaced by a file), and never over one of ``inputs``, a
    symbolic link or a folder (InputError, exit 2)."""
    import stat

    shown = str(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        atomic_write(path, text)
        return
    except OSError as err:
        raise InputError(shown, 1, 1, f"cannot write the report: {err.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            shown, 1, 1, "is a symbolic link: --output writes files, name the file itself"
        )
    if stat.S_ISDIR(info.st_mode):
        raise InputError(shown, 1, 1, "is a folder: name a file for --output")
    resolved = path.resolve()
    if any(resolved == given.resolve() for given in inputs):
        raise InputError(
            shown, 1, 1, "is one of the files being checked: --output would write over it"
        )
    if not stat.S_ISREG(info.st_mode):  # /dev/null, a pipe: written to, never replaced
        try:
            with path.open("w", encoding="utf-8", newline="") as handle:
                _put(handle, text)
        except OSError as err:
            raise InputError(shown, 1, 1, f"cannot write the report: {err.strerror}") from None
        return
    atomic_write(path, text)
