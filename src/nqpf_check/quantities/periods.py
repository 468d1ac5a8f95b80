"""Periods: a year, half, quarter, month, a date (a stock), or a range of those."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONE = r"[0-9]{4}(?:-H[12]|-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
_PERIOD_RE = re.compile(rf"(?P<start>{_ONE})(?:\.\.(?P<end>{_ONE}))?")
PATTERN = rf"^{_ONE}(?:\.\.{_ONE})?$"
"""The accepted forms as one anchored pattern (for the JSON Schema)."""

EXAMPLES = '"2023", "2023-H1", "2023-Q3", "2023-05", "2023-12-31", "2025-01..2025-05"'


class PeriodError(ValueError):
    """A period string that is not one of the accepted forms."""


@dataclass(frozen=True)
class Period:
    """A period as written in a claim, e.g. ``2023`` or ``2025-Q1..2025-Q3``."""

    text: str

    def shifted(self, years: int) -> Period:
        """The same period ``years`` years later (negative: earlier)."""
        return Period(re.sub(r"[0-9]{4}", lambda m: str(int(m.group(0)) + years), self.text))

    @property
    def is_range(self) -> bool:
        """Whether the period is a range ``a..b``."""
        return ".." in self.text


def parse_period(text: str) -> Period:
    """Validate a period string; raise PeriodError naming the accepted forms."""
    match = _PERIOD_RE.fullmatch(text)
    if not match:
        raise PeriodError(f"the period '{text}' is not one of the accepted forms: {EXAMPLES}")
    start, end = match["start"], match["end"]
    if end is not None:
        if _granularity(start) != _granularity(end):
            raise PeriodError(
                f"the range '{text}' mixes granularities: write both ends alike, "
                "e.g. 2025-Q1..2025-Q3"
            )
        if end == start:
            raise PeriodError(f"the range '{text}' starts and ends at {start}: write it as {start}")
        if end < start:
            raise PeriodError(f"the range '{text}' ends before it starts: write {end}..{start}")
    return Period(text)


def _granularity(one: str) -> str:
    if "-H" in one:
        return "half"
    if "-Q" in one:
        return "quarter"
    return {4: "year", 7: "month", 10: "day"}[len(one)]
