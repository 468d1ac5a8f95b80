"""Output formats: one module per format, every one rendering the same Report; and the
escaping every format shares.

Claim values, quotes, source labels, keys, file paths and the messages that embed them
come from a claims file, which may come from anyone. Each output has its own escaper:

- ``visible``: terminals, GitHub annotations, JUnit, HTML and Markdown text: every
  control, format, bidi, line-separator and surrogate character is written as an escape
  (``\\x1b``, ``\\u202e``), so no input sets a window title, a clipboard, a link or a
  colour, hides text, or reverses it;
- ``markdown_text``: also the characters Markdown reads as markup (``|`` ``` ` ``` ``*`` ``_``
  ``~`` ``[`` ``]`` ``$`` ``\\``) and ``<`` ``>`` ``&`` as entities, so a cell stays one cell
  and no input becomes a link, an image, math or HTML;
- ``html_text``: ``visible``, then every ``& < > " '`` as an entity;
- ``json_text``: JSON already escapes C0 controls; C1 controls, bidi and format characters,
  line separators and lone surrogates are written as ``\\uXXXX`` too, so the JSON is valid
  UTF-8 and safe to print on a terminal, and reads back as the same strings;
- ``uri``: a path as a relative URI reference, percent-encoded (RFC 3986).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from nqpf_check.errors import printable
from nqpf_check.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """How to render: row cap for people, width and colour for terminals."""

    limit: int = 50
    width: int | None = None
    color: bool | None = None
    show_suppressed: bool = False


Renderer = Callable[[Report, TextIO, RenderOptions], None]


MODULES: dict[str, str] = {
    "table": "table",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
}
"""Every format name and the module that renders it (imported only when used)."""

FORMATS: tuple[str, ...] = tuple(MODULES)
"""Every format name; a test proves each has a renderer."""

FORMAT_CHOICES: tuple[str, ...] = (*FORMATS, "auto")
"""What --format and [tool.nqpf-check] format accept: ``auto`` is github under GitHub
Actions, else table."""


def renderer(name: str) -> Renderer:
    """The renderer of a format."""
    import importlib

    module = importlib.import_module(f"nqpf_check.reporters.{MODULES[name]}")
    return module.render


# Escaping: text from an input, for where a report writes it.
def visible(text: str) -> str:
    """``text`` with every non-printable character escaped (``\\n``, ``\\x1b``, ``\\u202e``):
    one line, no terminal or bidi control, no lone surrogate."""
    return printable(text)


_MARKDOWN = re.compile(
    r"[\\`*~\[\]|$<>&]|(?<![^\W_])_|_(?![^\W_])|[@#](?=\w)|(?i:https?|www)(?=[:.])"
)
"""Markdown's markup characters; ``_`` only where it is not inside a word (``rd_expenditure``
is no emphasis); and what GitHub links in text: ``@name`` (which notifies the person), ``#12``
and bare URLs (a zero-width space after ``@``, ``#``, ``http`` or ``www`` breaks the link)."""
_MARKDOWN_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _markdown_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch[0] in "@#hHwW":
        return ch + "&#8203;"
    return _MARKDOWN_ESCAPES.get(ch) or "\\" + ch


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell or paragraph, shown exactly as written."""
    return _MARKDOWN.sub(_markdown_char, printable(text))


def html_text(text: str) -> str:
    """Text safe in HTML content and in a quoted attribute value, shown as written."""
    from html import escape

    return escape(printable(text), quote=True)


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\ud800-\udfff]"
)


def json_text(encoded: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with C1 controls,
    invisible and bidi characters and lone surrogates as ``\\uXXXX`` escapes: the same
    values, but valid UTF-8 and inert on a terminal. Outside strings JSON is ASCII, so
    only string contents change."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)


_URI_SAFE = "/-._~"


def uri(path: str) -> str:
    """A file path as a URI reference: ``/`` separators, every other byte but letters,
    digits and ``-._~`` percent-encoded as UTF-8 (a path that was not UTF-8 on disk keeps
    its bytes)."""
    from urllib.parse import quote

    text = path.replace("\\", "/")
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte stands for
        data = text.encode("utf-8", "surrogatepass")
    return quote(data, safe=_URI_SAFE)
