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


Renderer = Callable[[Report, TextIO, RenderOptions], None]


def renderer(name: str) -> Renderer:
    """The renderer of a format, imported only when it is used."""
    if name == "table":
        from nqpf_check.reporters.table import render
    elif name == "json":
        from nqpf_check.reporters.json_report import render
    else:
        raise KeyError(name)
    return render


FORMATS: tuple[str, ...] = ("table", "json")
"""Every format name; a test proves each has a renderer."""
