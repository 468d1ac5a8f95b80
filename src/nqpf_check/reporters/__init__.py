"""Output formats: one module per format, every one rendering the same Report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

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
