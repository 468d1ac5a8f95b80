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


def _metric_near(
    sentence: str,
    position: int,
    aliases: list[tuple[str, str]],
    after: bool = False,
    before_only: bool = False,
) -> str | None:
    """The metric whose alias stands nearest the figure: before it, or (farther) after it.

    With ``after``, only aliases after the position count (the whole of a share).
    """
    text = normalized(sentence).lower()
    best: tuple[int, str] | None = None
    for alias, name in aliases:
        for match in re.finditer(re.escape(alias), text):
            if match.end() <= position and not after:
                distance = position - match.end()
            elif match.start() >= position and not before_only:
                distance = match.start() - position + (0 if after else 10)
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None


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
    """Every period expression of the sentence: (position, period)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(sentence):
            if any(a <= match.start() < b for a, b in taken):
                continue
            groups = match.groupdict()
            year = _year_of(groups.get("year"), base_year)
            if year is None:
                continue
            period = _period(kind, year, groups)
            if period:
                found.append((match.start(), period))
                taken.append((match.start(), match.end()))
    return sorted(found)


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


def _whole(q: Quantity, aliases: list[tuple[str, str]]) -> str:
    end = q.end - q.sentence_start
    rest = q.sentence[end : end + 80]
    match = re.match(r"\s*(?:of|in)\s+", rest) or re.search(r"占", q.sentence[:end])
    if match is None and not re.search(r"accounting for|account for", q.sentence, re.I):
        return PLACEHOLDER
    found = _metric_near(q.sentence, end, aliases, after=True)
    return found or PLACEHOLDER


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
) -> list[Proposal]:
    """Proposed claims for every quantity of ``text``, said by ``source``; ``lang`` is the
    language its numbers are written in (None: English)."""
    aliases = _aliases(vocabulary)
    proposals: list[Proposal] = []
    context = str(base_year) if base_year else _latest_year(text)
    last_sentence = None
    for q in quantities(text, lang=lang):
        if q.sentence_start != last_sentence:
            last_sentence = q.sentence_start
            in_sentence = periods_in(q.sentence, base_year)
        at = q.start - q.sentence_start
        period, guessed = _nearest(in_sentence, at), False
        if period is None:
            period, guessed = context, True
        else:
            context = period
        if period is None:
            import datetime as dt

            period, guessed = str(dt.date.today().year), True
        measure = _measure(q)
        metric = _metric_near(q.sentence, at, aliases, before_only=measure == "share")
        metric = metric or PLACEHOLDER
        of = _whole(q, aliases) if measure == "share" else None
        unit = q.noun if q.noun and q.noun.lower() not in q.text.lower() else None
        base = f"{slug(metric if metric != PLACEHOLDER else 'claim')}"
        if measure != "level":
            base += f"-{measure}"
        claim_id = _unique(f"{base}-{slug(period)}-{slug(source)}", taken_ids)
        notes = [f"extracted from {where}, characters {q.start}-{q.end}"]
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
                quote=q.sentence,
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


def _nearest(found: list[tuple[int, str]], at: int) -> str | None:
    """The period nearest the figure, preferring one before it in the sentence."""
    if not found:
        return None
    return min(found, key=lambda p: abs(p[0] - at) + (0 if p[0] <= at else 15))[1]


def _unique(candidate: str, taken: set[str]) -> str:
    claim_id, n = candidate, 2
    while claim_id in taken:
        claim_id, n = f"{candidate}-{n}", n + 1
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
