"""From quantities in a text to proposed claims: metric, period, measure, id, quote.

The metric is the declared metric (rules/metrics.yaml) whose alias stands nearest
before the figure in its sentence, else the placeholder `_todo` that `check`
reports. The period comes from the sentence ("in 2023", "in the first half of
2025", "by the end of 2023", "last year" against the source's date), else from
the sentences before it. A percent is a growth rate (yoy) next to "increase",
"grew", "over the previous year", 增长; a share next to "accounting for", "of
GDP", 占; a rank is a rank; everything else is a level.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from nqpf_check.quantities.text import MONTHS, Quantity, normalized, quantities
from nqpf_check.quantities.values import chinese_number
from nqpf_check.reference import Metric

PLACEHOLDER = "_todo"

_MONTH_NUMBER = {name: (i % 12) + 1 for i, name in enumerate(MONTHS[:12])} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_YEAR = r"(?P<year>(?:19|20)\d\d|this year|last year|the year|the previous year)"
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (rf"first half of {_YEAR}", "H1"),
        (rf"second half of {_YEAR}", "H2"),
        (rf"first (?P<n>\w+) quarters of {_YEAR}", "Qn"),
        (rf"first quarter of {_YEAR}", "Q1"),
        (rf"first (?P<n>\w+) months of {_YEAR}", "Mn"),
        (r"from january to (?P<month>\w+)(?: (?P<year>(?:19|20)\d\d))?", "Jan-M"),
        (r"january-(?P<month>\w+)(?: (?P<year>(?:19|20)\d\d))?", "Jan-M"),
        (rf"(?:by|at) the end of {_YEAR}", "end"),
        (r"end-(?P<year>(?:19|20)\d\d)", "end"),
        (r"(?P<year>(?:19|20)\d\d)\s*年(?:末|底)", "end"),
        (r"(?P<year>(?:19|20)\d\d)\s*年\s*上半年", "H1"),
        (r"(?P<year>(?:19|20)\d\d)\s*年\s*前三季度", "Q1-3"),
        (r"(?P<year>(?:19|20)\d\d)\s*年\s*1\s*[-至~]\s*(?P<month>\d{1,2})\s*月", "Jan-M"),
        (r"(?:^|[^\d])1\s*[-至~]\s*(?P<month>\d{1,2})\s*月", "Jan-M"),
        (r"上半年", "H1"),
        (r"前三季度", "Q1-3"),
        (r"(?P<year>(?:19|20)\d\d)\s*年", "year"),
        (r"(?P<year>去年|今年|上年)", "year"),
        (r"\b(?P<year>last year|this year)\b", "year"),
        (r"\b(?:in|during|for|of|since)\s+(?P<year>(?:19|20)\d\d)\b", "year"),
        (r"\b(?P<year>(?:19|20)\d\d)\b", "year"),
    )
)
_GROWTH = re.compile(
    r"increase|increased|grew|grow|growth|rose|rise|up\b|down\b|fell|decline|declined|drop|"
    r"year-on-year|year on year|over the previous year|from a year|增长|同比|比上年|下降|增速",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"accounting for|accounted for|accounts? for|account for|share of|"
    r"of (?:its |the )?(?:total|gdp|global|world)|of gdp|percent of|per cent of|% of|"
    r"占|比重|supplied",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Proposal:
    """A claim proposed from a text, ready to be written as YAML."""

    id: str
    metric: str
    period: str
    measure: str
    value: str
    source: str
    quote: str
    note: str
    of: str | None = None
    unit: str | None = None


def _aliases(vocabulary: dict[str, Metric] | None) -> list[tuple[str, str]]:
    """(alias in lower case, metric) pairs, longest first."""
    pairs: list[tuple[str, str]] = []
    for name, metric in (vocabulary or {}).items():
        for alias in (*metric.aliases, name.replace("_", " ")):
            if len(alias) >= 3 and "..." not in alias:
                pairs.append((normalized(alias).lower(), name))
    return sorted(pairs, key=lambda p: -len(p[0]))


@dataclass(frozen=True)
class _Aliases:
    """Where the declared aliases stand in one sentence, found once for all its figures.

    The alias nearest a figure is then found by bisection: the work for a sentence grows
    with its length, not with its length times its figures. For each end (and start) of
    an alias, the first alias in the order of ``_aliases`` wins a tie.
    """

    ends: list[int]
    by_end: dict[int, tuple[int, int, str]]  # end: (rank of the alias, its start, metric)
    starts: list[int]
    by_start: dict[int, tuple[int, int, str]]

    @classmethod
    def of(cls, sentence: str, aliases: list[tuple[str, str]]) -> _Aliases:
        """Every alias of ``aliases`` in the sentence, as re.finditer finds each."""
        text = normalized(sentence).lower()
        letters = set(text)
        by_end: dict[int, tuple[int, int, str]] = {}
        by_start: dict[int, tuple[int, int, str]] = {}
        for rank, (alias, name) in enumerate(aliases):
            start = text.find(alias) if alias[0] in letters else -1
            while start >= 0:  # matches that do not overlap, left to right
                end = start + len(alias)
                if end not in by_end or (rank, start) < by_end[end][:2]:
                    by_end[end] = (rank, start, name)
                if start not in by_start:  # a later alias has a higher rank
                    by_start[start] = (rank, start, name)
                start = text.find(alias, end)
        return cls(sorted(by_end), by_end, sorted(by_start), by_start)

    def nearest(self, position: int, after: bool = False, before_only: bool = False) -> str | None:
        """The metric whose alias stands nearest ``position``: before it, or (farther by
        ten characters) after it; with ``after``, only aliases after it count (the whole
        of a share); with ``before_only``, only aliases before it."""
        best: tuple[int, int, int, str] | None = None  # (distance, rank, start, metric)
        if not after:
            i = bisect_right(self.ends, position)
            if i:
                end = self.ends[i - 1]
                rank, start, name = self.by_end[end]
                best = (position - end, rank, start, name)
        if not before_only:
            i = bisect_left(self.starts, position)
            if i < len(self.starts):
                start = self.starts[i]
                rank, _, name = self.by_start[start]
                candidate = (start - position + (0 if after else 10), rank, start, name)
                if best is None or candidate < best:
                    best = candidate
        return best[3] if best else None


def _year_of(word: str | None, base_year: int | None) -> int | None:
    if word is None:
        return base_year
    word = word.lower()
    if word.isdigit():
        return int(word)
    if base_year is None:
        return None
    return (
        base_year - 1 if word in ("last year", "the previous year", "去年", "上年") else base_year
    )


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _COUNTS.get(word) or chinese_number(word) or _MONTH_NUMBER.get(word)


def periods_in(sentence: str, base_year: int | None) -> list[tuple[int, str]]:
    """Every period expression of the sentence: (position, period).

    An expression that starts inside one found by an earlier pattern is not another.
    """
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []  # taken so far, merged: sorted and apart
    for pattern, kind in _PERIODS:
        starts = [a for a, _ in spans]
        added: list[tuple[int, int]] = []
        for match in pattern.finditer(sentence):
            i = bisect_right(starts, match.start())
            if i and match.start() < spans[i - 1][1]:
                continue
            groups = match.groupdict()
            year = _year_of(groups.get("year"), base_year)
            if year is None:
                continue
            period = _period(kind, year, groups)
            if period:
                found.append((match.start(), period))
                added.append((match.start(), match.end()))
        if added:  # the matches of one pattern never overlap: only earlier patterns' count
            spans = _merged(spans + added)
    return sorted(found)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open spans, as sorted spans that do not touch."""
    result: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if result and a <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], b))
        else:
            result.append((a, b))
    return result


def _period(kind: str, year: int, groups: dict[str, str | None]) -> str | None:
    if kind == "year":
        return str(year)
    if kind in ("H1", "H2"):
        return f"{year}-{kind}"
    if kind == "Q1":
        return f"{year}-Q1"
    if kind == "Q1-3":
        return f"{year}-Q1..{year}-Q3"
    if kind == "end":
        return f"{year}-12-31"
    n = _number(groups.get("n") or groups.get("month"))
    if n is None:
        return None
    if kind == "Qn" and 2 <= n <= 4:
        return f"{year}-Q1..{year}-Q{n}"
    if kind in ("Mn", "Jan-M") and 2 <= n <= 12:
        return f"{year}-01..{year}-{n:02d}"
    return None


def _measure(q: Quantity) -> str:
    """rank, level, or for a percent the measure whose cue stands nearest the figure."""
    if q.value.unit.name == "rank":
        return "rank"
    if q.value.unit.name != "pct":
        return "level"
    at, end = q.start - q.sentence_start, q.end - q.sentence_start
    before, after = q.sentence[max(0, at - 60) : at], q.sentence[end : end + 40]
    if re.search(
        r"\b(?:increased|rose|grew|fell|dropped|declined|up|down)\s+to\s+$", before, re.IGNORECASE
    ):
        return "share"  # "increased to 51.7 percent": the level of a share
    cues: list[tuple[int, int, str]] = []
    for kind, pattern in (("share", _SHARE), ("yoy", _GROWTH)):
        cues += [
            (len(before) - m.end(), 0 if kind == "share" else 1, kind)
            for m in pattern.finditer(before)
        ]
        cues += [(m.start(), 0 if kind == "share" else 1, kind) for m in pattern.finditer(after)]
    if not cues:
        return "share" if "half" in q.text.lower() else "yoy"
    return min(cues)[2]


@dataclass(frozen=True)
class _Sentence:
    """What the figures of one sentence look up in it, found once for the sentence."""

    periods: list[tuple[int, str]]
    positions: list[int]  # of the periods
    aliases: _Aliases
    first_zhan: int  # where 占 first stands, -1 if nowhere
    accounting: bool  # "accounting for", "account for" stands in it

    @classmethod
    def of(cls, sentence: str, base_year: int | None, aliases: list[tuple[str, str]]) -> _Sentence:
        """The sentence's periods, aliases and share words."""
        periods = periods_in(sentence, base_year)
        return cls(
            periods=periods,
            positions=[at for at, _ in periods],
            aliases=_Aliases.of(sentence, aliases),
            first_zhan=sentence.find("占"),
            accounting=re.search(r"accounting for|account for", sentence, re.I) is not None,
        )


def _whole(q: Quantity, known: _Sentence) -> str:
    end = q.end - q.sentence_start
    rest = q.sentence[end : end + 80]
    match = re.match(r"\s*(?:of|in)\s+", rest) or 0 <= known.first_zhan < end
    if not match and not known.accounting:
        return PLACEHOLDER
    found = known.aliases.nearest(end, after=True)
    return found or PLACEHOLDER


QUOTE_WINDOW = 1_000
"""The longest quote proposed: a longer sentence (a text without sentence breaks) is quoted
by the part around the figure, so that every proposal is short and the output grows with
the text, not with its length times its figures."""
_BREAKS = (("\n", "，", ",", "；", ";", "、"), (" ",))
"""Where a long sentence's quote is cut: after a clause, else between words."""


def _quoted(q: Quantity) -> str:
    """The sentence of the figure, or of a long sentence the part around the figure, cut
    after a comma (else a space) where one stands near the edges."""
    sentence = q.sentence
    if len(sentence) <= QUOTE_WINDOW:
        return sentence
    at, end = q.start - q.sentence_start, q.end - q.sentence_start
    margin = max(0, QUOTE_WINDOW - (end - at)) // 2
    low, high = max(0, at - margin), min(len(sentence), end + margin)
    if low > 0:
        for marks in _BREAKS:
            cuts = [i for mark in marks if (i := sentence.find(mark, low, at)) >= 0]
            if cuts:
                low = min(cuts) + 1
                break
    if high < len(sentence):
        for marks in _BREAKS:
            cuts = [i for mark in marks if (i := sentence.rfind(mark, end, high)) >= 0]
            if cuts:
                high = max(cuts) + (0 if marks[0] == " " else 1)
                break
    return sentence[low:high].strip()


def slug(text: str) -> str:
    """An id fragment: lower case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "claim"


def propose(
    text: str,
    source: str,
    vocabulary: dict[str, Metric] | None,
    base_year: int | None,
    taken_ids: set[str],
    where: str,
    lang: str | None = None,
    counters: dict[str, int] | None = None,
) -> list[Proposal]:
    """Proposed claims for every quantity of ``text``, said by ``source``; ``lang`` is the
    language its numbers are written in (None: English). Ids are unique among
    ``taken_ids``, which grows; ``counters`` (see `unique_id`) carries over between calls
    with the same ``taken_ids``."""
    aliases = _aliases(vocabulary)
    proposals: list[Proposal] = []
    context = str(base_year) if base_year else _latest_year(text)
    last_sentence = None
    next_suffix: dict[str, int] = {} if counters is None else counters
    for q in quantities(text, lang=lang):
        if q.sentence_start != last_sentence:
            last_sentence = q.sentence_start
            known = _Sentence.of(q.sentence, base_year, aliases)
        at = q.start - q.sentence_start
        period, guessed = _nearest(known.periods, at, known.positions), False
        if period is None:
            period, guessed = context, True
        else:
            context = period
        if period is None:
            import datetime as dt

            period, guessed = str(dt.date.today().year), True
        measure = _measure(q)
        metric = known.aliases.nearest(at, before_only=measure == "share")
        metric = metric or PLACEHOLDER
        of = _whole(q, known) if measure == "share" else None
        unit = q.noun if q.noun and q.noun.lower() not in q.text.lower() else None
        base = f"{slug(metric if metric != PLACEHOLDER else 'claim')}"
        if measure != "level":
            base += f"-{measure}"
        claim_id = unique_id(f"{base}-{slug(period)}-{slug(source)}", taken_ids, next_suffix)
        notes = [f"extracted from {where}, characters {q.start}-{q.end}"]
        quote = _quoted(q)
        if quote != q.sentence:
            notes.append(
                f"the sentence is {len(q.sentence):,} characters long: the quote is the part "
                "around the figure"
            )
        if guessed:
            notes.append("period taken from the context, not the sentence: check it")
        if metric == PLACEHOLDER or of == PLACEHOLDER:
            notes.append("name the metric: no declared alias stands in the sentence")
        proposals.append(
            Proposal(
                id=claim_id,
                metric=metric,
                period=period,
                measure=measure,
                value=q.text,
                source=source,
                quote=quote,
                note="; ".join(notes),
                of=of,
                unit=unit,
            )
        )
    return proposals


def _latest_year(text: str) -> str | None:
    """The latest year the text mentions, as the context of figures before any period."""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    return str(max(years)) if years else None


def _nearest(
    found: list[tuple[int, str]], at: int, positions: list[int] | None = None
) -> str | None:
    """The period nearest the figure, preferring one before it in the sentence (by 15
    characters); ``found`` is sorted, ``positions`` its positions."""
    if not found:
        return None
    if positions is None:
        positions = [p for p, _ in found]
    i = bisect_right(positions, at)  # found[i - 1] is the last at or before the figure
    before = found[i - 1] if i else None
    after = found[i] if i < len(found) else None
    if after is None or (before is not None and at - before[0] <= after[0] - at + 15):
        return before[1] if before else None
    return after[1]


def unique_id(candidate: str, taken: set[str], next_suffix: dict[str, int]) -> str:
    """``candidate``, or the first of ``candidate-2``, ``candidate-3``, ... not in ``taken``;
    the id is added to ``taken``.

    ``next_suffix`` remembers where each candidate's count stopped: as ``taken`` only
    grows, the count goes on from there, and a thousand figures with one candidate take a
    thousand steps, not half a million.
    """
    claim_id, n = candidate, next_suffix.get(candidate, 2)
    if n > 2 or claim_id in taken:
        claim_id = f"{candidate}-{n}"
        while claim_id in taken:
            n += 1
            claim_id = f"{candidate}-{n}"
        next_suffix[candidate] = n + 1
    taken.add(claim_id)
    return claim_id


def to_yaml(proposals: list[Proposal], indent: str = "  ") -> str:
    """The proposals as YAML list items (a block to paste under ``claims:``)."""
    import json

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar

    lines: list[str] = []
    for p in proposals:
        lines.append(f"{indent}- id: {p.id}")
        pad = indent + "  "
        lines.append(f"{pad}metric: {p.metric}")
        lines.append(f"{pad}period: {q(p.period)}")
        lines.append(f"{pad}measure: {p.measure}")
        if p.of:
            lines.append(f"{pad}of: {p.of}")
        lines.append(f"{pad}value: {q(p.value)}")
        if p.unit:
            lines.append(f"{pad}unit: {q(p.unit)}")
        lines.append(f"{pad}source: {p.source}")
        lines.append(f"{pad}quote: {q(p.quote)}")
        lines.append(f"{pad}note: {q(p.note)}")
    return "\n".join(lines) + ("\n" if lines else "")
