"""Claims and sources as the rest of the program reads them, and the names of their fields.

The claims file format itself is declared in ``format.py``; this module stays light
(no pydantic) so that reports and reporters can name a claim's key cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

MEASURES = ("level", "yoy", "share", "rank")
SOURCE_KINDS = ("official", "press", "opinion")
ID_PATTERN = r"[a-z0-9][a-z0-9._-]*"
"""Claim, source and rule ids: lower-case letters, digits and . _ - ."""
NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_.-]*"
"""Metric names."""
ID_RE = re.compile(ID_PATTERN)
NAME_RE = re.compile(NAME_PATTERN)


class Key(NamedTuple):
    """What a claim speaks of: the same key means the same figure.

    A named tuple: every rule groups claims by it, and a tuple hashes without Python code.
    """

    metric: str
    entity: str
    period: str
    measure: str

    def __str__(self) -> str:
        measure = "" if self.measure == "level" else f" {self.measure}"
        return f"{self.metric}{measure} · {self.entity} · {self.period}"

    def as_dict(self) -> dict[str, str]:
        """The key as JSON-ready data."""
        return {
            "metric": self.metric,
            "entity": self.entity,
            "period": self.period,
            "measure": self.measure,
        }


@dataclass(frozen=True)
class Source:
    """Who said it: an article, a communique, a report."""

    id: str
    title: str
    publisher: str | None
    author: str | None
    date: str | None
    url: str | None
    kind: str
    text: str | None
    line: int
    file: str = ""
    lang: str | None = None
    currency: str | None = None
    """The ISO 4217 code its bare currency signs stand for; None where none is declared."""

    @property
    def label(self) -> str:
        """A short name for people: publisher and date, else the id."""
        if self.publisher:
            return f"{self.publisher} {self.date}" if self.date else self.publisher
        return self.id


@dataclass(frozen=True, slots=True)
class Claim:
    """A number said by a source about a metric of an entity in a period."""

    id: str
    metric: str
    entity: str
    period: str
    measure: str
    value: str
    source: str
    file: str
    line: int
    value_line: int
    value_col: int
    of: str | None = None
    basis: str | None = None
    quote: str | None = None
    note: str | None = None
    suppress: tuple[tuple[str, str], ...] = ()
    written: str = ""
    unit: str | None = None
    lang: str | None = None
    """The language its source writes numbers in (BCP 47); None where none is declared."""
    currency: str | None = None
    """The currency its bare signs stand for (claim, else source, else defaults), or None."""

    key: Key = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # The key is asked for by every rule: made once, with the claim.
        object.__setattr__(self, "key", Key(self.metric, self.entity, self.period, self.measure))


@dataclass(frozen=True)
class ClaimSet:
    """The sources and claims of one claims file."""

    path: str
    sources: dict[str, Source]
    claims: tuple[Claim, ...]

    def by_id(self) -> dict[str, Claim]:
        """The claims by id."""
        return {claim.id: claim for claim in self.claims}
