"""Our quantity reader against the Recognizers-Text specs: currency, dimension, percent.

Run: python benchmarks/recognizers_bench.py [--misses 30] [--show] [--set "en currency"]
(pip install quantulum3, the project's bench extra, to score it beside ours on English)

The cases are the Recognizers-Text conformance specs (microsoft/Recognizers-Text, MIT
licence) kept whole in tests/data/recognizers/ (its README says which commit). Each
case is an ``Input`` sentence and the ``Results`` Recognizers expects: a ``Text`` and a
``Resolution`` with ``value`` and (currency, dimension) ``unit``. For every case, the
extractor finds the quantities in the sentence (ours: ``quantities(text)``) and they
are matched one-to-one with the expected results:

- on "value" when the numbers agree (relative 1e-9); a range found agrees with a result
  equal to either of its ends, since Recognizers reports no ranges (for "eight to 10
  feet" it gives "10 feet", for "5-20%" "20%");
- on "value+unit" when the unit agrees too: Recognizers' unit names are mapped to
  ours by the explicit table ``UNITS`` below (currencies to ISO codes, as our
  ``[currency_XXX]`` dimensions; physical units to the pint names our reader gives;
  a percent set's results to ``pct`` or ``percentage_point``, since Recognizers has
  no unit for points). A result whose unit has no entry is not scored
  on value+unit (neither it nor a quantity agreeing with its value counts); the
  report lists those unit names. quantulum3's unit names go through ``QUANTULUM``.

A found quantity counts (as a true or false positive) when it is of the set's kind
(a currency, a percent, a physical unit other than time) or its number agrees with an
expected result; other quantities (counts, years, durations) are set aside, since
Recognizers' model for that set would not report them either. Expected results with
no number (a unit named alone, "dollar", "人民币") are not quantities and are left out.

Cases are skipped as Recognizers' own runners skip them (Specs/README.md, Python
tests/runner.py, .NET TestHelpers.EvaluateSpec): when ``NotSupported`` or
``NotSupportedByDesign`` names one of the platforms of --skip-platforms (default
python and dotnet, the two reference runners; '' scores every case). Cases marked
only for java or javascript are scored. The targets are the project's own; they are
printed beside the scores, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import platform
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nqpf_check.quantities.text import quantities
from nqpf_check.quantities.values import Value, ValueParseError, parse_value

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "tests" / "data" / "recognizers" / "Specs"
SPEC_COMMIT = "90e968ea44dc8fda3f2e1c3e4b20aa233817488d"


@dataclass(frozen=True)
class SpecSet:
    """One spec file: its name here, language, kind of quantity and target."""

    name: str
    path: str
    lang: str
    kind: str  # currency, dimension or percent
    target: float  # value+unit F1, percent: the project's target, printed, not asserted


SETS: tuple[SpecSet, ...] = (
    SpecSet("en currency", "NumberWithUnit/English/CurrencyModel.json", "en", "currency", 90),
    SpecSet("en dimension", "NumberWithUnit/English/DimensionModel.json", "en", "dimension", 90),
    SpecSet("en percent", "Number/English/PercentModel.json", "en", "percent", 95),
    SpecSet("zh currency", "NumberWithUnit/Chinese/CurrencyModel.json", "zh", "currency", 85),
    SpecSet("zh dimension", "NumberWithUnit/Chinese/DimensionModel.json", "zh", "dimension", 85),
    SpecSet("zh percent", "Number/Chinese/PercentModel.json", "zh", "percent", 85),
)

PERCENT = "Percentage"
"""The unit name given here to a percent set's results (their Resolution has none)."""

UNITS: dict[str, tuple[str, ...]] = {
    # Currencies -> ISO 4217 codes, the XXX of our [currency_XXX] dimensions. Recognizers'
    # isoCurrency agrees where it gives one. Codes the reader does not know yet (CAD, CHF,
    # ...) are mapped all the same: those results count as misses until it does.
    "Dollar": ("USD",),  # a bare "$" or "dollar": our reader takes it as USD
    "United States dollar": ("USD",),
    "Chinese yuan": ("CNY",),
    "Euro": ("EUR",),
    "Pound": ("GBP",),  # a bare "£" or "pound": our reader takes it as GBP
    "British pound": ("GBP",),
    "Japanese yen": ("JPY",),
    "Hong Kong dollar": ("HKD",),
    "Canadian dollar": ("CAD",),
    "Australian dollar": ("AUD",),
    "New Zealand dollar": ("NZD",),
    "New Taiwan dollar": ("TWD",),
    "Swiss franc": ("CHF",),
    "Mexican peso": ("MXN",),
    "Turkish lira": ("TRY",),
    "Sri Lankan rupee": ("LKR",),
    "Nigerian naira": ("NGN",),
    "Georgian lari": ("GEL",),
    "Lao kip": ("LAK",),
    "Costa Rican colón": ("CRC",),
    "Finnish markka": ("FIM",),  # withdrawn ISO 4217 codes of pre-euro currencies
    "Netherlands guilder": ("NLG",),
    "Peseta": ("ESP",),
    # Not mapped, so not scored on value+unit: "Franc" and "Rupee" (which country's?),
    # "Cent", "Pence", "Penny", "Sen", "Satoshi" (fractional units), "Bitcoin" (no ISO code).
    #
    # Percent -> our pct dimension, or percentage points: Recognizers' PercentModel has
    # one unit for both ("六个百分点" resolves to "6%"), where ours reads points apart.
    PERCENT: ("pct", "percentage_point"),
    #
    # Physical units -> the pint unit names our reader gives (Unit.name).
    "Meter": ("meter",),
    "Kilometer": ("kilometer",),
    "Decimeter": ("decimeter",),
    "Centimeter": ("centimeter",),
    "Millimeter": ("millimeter",),
    "Picometer": ("picometer",),
    "Mile": ("mile",),
    "Foot": ("foot",),
    "Inch": ("inch",),
    "Square meter": ("meter ** 2",),
    "Square kilometer": ("kilometer ** 2",),
    "Acre": ("acre",),
    "Mu": ("mu_cn",),
    "Milliliter": ("milliliter",),
    "Gallon": ("gallon",),
    "Barrel": ("barrel", "oil_barrel"),
    "Cubic foot": ("foot ** 3", "cubic_foot"),
    "Cup": ("cup",),
    "Tablespoon": ("tablespoon",),
    "Teaspoon": ("teaspoon",),
    "Gram": ("gram",),
    "Kilogram": ("kilogram",),
    "Microgram": ("microgram",),
    "Ounce": ("ounce",),
    "Dram": ("dram",),
    "Ton": ("ton", "metric_ton", "long_ton"),  # 吨 is metric; English "ton" is either
    "Metric ton": ("metric_ton",),
    "Jin": ("jin",),
    "Liang": ("liang",),  # 两, 50 g: no such unit in data/units.txt yet
    "Mile per hour": ("mile_per_hour", "mile / hour"),
    "Kilometer per hour": ("kilometer_per_hour", "kilometer / hour"),
    "Meter per millisecond": ("meter / millisecond",),
    "Centimeter per millisecond": ("centimeter / millisecond",),
    "Kilometer per millisecond": ("kilometer / millisecond",),
    "Bit": ("bit",),
    "Kilobit": ("kilobit",),
    "Megabit": ("megabit",),
    "Kilobyte": ("kilobyte",),
    "Megabyte": ("megabyte",),
    "Hertz": ("hertz",),
    "Megahertz": ("megahertz",),
    "Kilowatt": ("kilowatt",),
    "Kilocalorie": ("kilocalorie",),
    "Degree": ("degree",),
    "Radian": ("radian",),
    "Turn": ("turn",),
}
UNITS_BY_KIND: dict[str, dict[str, tuple[str, ...]]] = {
    "currency": UNITS,
    "dimension": {**UNITS, "Pound": ("pound",)},  # in a dimension set, "Pound" is the mass
    "percent": UNITS,
}

QUANTULUM: dict[str, str] = {
    # quantulum3's unit names -> ours, as for UNITS.
    "dollar": "USD",
    "united states dollar": "USD",
    "chinese yuan": "CNY",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "hong kong dollar": "HKD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "new zealand dollar": "NZD",
    "swiss franc": "CHF",
    "mexican peso": "MXN",
    "turkish lira": "TRY",
    "indian rupee": "INR",
    "sri lankan rupee": "LKR",
    "percentage": "pct",
    "dimensionless": "item",  # a number with no unit: our bare count
    "count": "item",
    "metre": "meter",
    "kilometre": "kilometer",
    "decimetre": "decimeter",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "picometre": "picometer",
    "mile": "mile",
    "foot": "foot",
    "inch": "inch",
    "square metre": "meter ** 2",
    "square kilometre": "kilometer ** 2",
    "acre": "acre",
    "millilitre": "milliliter",
    "gallon": "gallon",
    "barrel": "barrel",
    "cubic foot": "foot ** 3",
    "cup": "cup",
    "tablespoon": "tablespoon",
    "teaspoon": "teaspoon",
    "gram": "gram",
    "kilogram": "kilogram",
    "microgram": "microgram",
    "pound-mass": "pound",
    "ounce": "ounce",
    "dram": "dram",
    "ton": "ton",
    "tonne": "metric_ton",
    "mile per hour": "mile_per_hour",
    "kilometre per hour": "kilometer_per_hour",
    "metre per millisecond": "meter / millisecond",
    "centimetre per millisecond": "centimeter / millisecond",
    "kilometre per millisecond": "kilometer / millisecond",
    "bit": "bit",
    "megabit": "megabit",
    "megabyte": "megabyte",
    "degree angle": "degree",
    "radian": "radian",
    "turn": "turn",
}

NOT_DIMENSIONS = frozenset(
    {"[percent]", "[percentage_point]", "[item]", "[rank]", "[person_year]", "[time]"}
)
"""Our dimensions that are not a physical unit of Recognizers' dimension model."""


@dataclass(frozen=True)
class Expected:
    """One expected result of a case: its text, span, number and unit name."""

    text: str
    start: int
    end: int
    number: float
    unit: str


@dataclass(frozen=True)
class Case:
    """One spec case: the sentence and the results with a number."""

    input: str
    expected: tuple[Expected, ...]
    unit_only: int  # results with no number: a unit named alone


@dataclass(frozen=True)
class Found:
    """A quantity an extractor found: number, unit (our name), kind, text and span."""

    number: float
    unit: str
    kind: str  # currency, percent, dimension or other
    text: str
    start: int
    end: int
    range: bool = False
    high: float | None = None  # a range's upper end as written ("eight to 10 feet": 10)

    def agrees(self, number: float) -> bool:
        """Whether the quantity reads as ``number``: its number, or either end of a range."""
        return same(self.number, number) or (self.high is not None and same(self.high, number))


@dataclass
class Counts:
    """True and false positives and negatives; ``aside`` are not scored (unmapped unit)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    aside_expected: int = 0
    aside_found: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """An expected result not matched on value+unit, with why (a rough kind)."""

    case: str
    expected: Expected
    kind: str
    found: str


@dataclass
class Score:
    """One extractor on one spec set."""

    spec: SpecSet
    extractor: str
    cases: int = 0
    skipped: int = 0
    expected: int = 0
    unit_only: int = 0
    found: int = 0
    set_aside: int = 0  # found quantities out of the set's kind matching nothing
    value: Counts = field(default_factory=Counts)
    value_unit: Counts = field(default_factory=Counts)
    unmapped: Counter[str] = field(default_factory=Counter)
    unmapped_found: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return self.cases - self.skipped


def platforms(mark: str | None) -> set[str]:
    """The platform names of a NotSupported mark: "java, javascript, python"."""
    return {p.strip().lower() for p in (mark or "").split(",") if p.strip()}


def skipped(raw: dict, skip: Iterable[str]) -> bool:
    """Whether Recognizers' runners for the ``skip`` platforms skip this case."""
    marked = platforms(raw.get("NotSupported")) | platforms(raw.get("NotSupportedByDesign"))
    return bool(marked & {p.lower() for p in skip})


def _number(text: str) -> float | None:
    """A Resolution value: "75000000", "-3.9%", "6E-05%"; None when it has none."""
    if text is None or str(text).strip().lower() in ("", "null"):
        return None
    return float(str(text).strip().rstrip("%"))


def load_raw(spec: SpecSet) -> list[dict]:
    """The cases of a spec file as written."""
    return json.loads((SPECS / spec.path).read_text(encoding="utf-8-sig"))


def load_cases(spec: SpecSet, skip: Iterable[str] = ("python", "dotnet")) -> tuple[list[Case], int]:
    """The cases of a spec set to score, and how many were skipped."""
    cases, skipped_count = [], 0
    skip = tuple(skip)
    for raw in load_raw(spec):
        if skipped(raw, skip):
            skipped_count += 1
            continue
        expected, unit_only = [], 0
        for result in raw["Results"]:
            resolution = result.get("Resolution") or {}
            number = _number(resolution.get("value"))
            if number is None:
                unit_only += 1
                continue
            unit = PERCENT if spec.kind == "percent" else resolution.get("unit", "")
            expected.append(
                Expected(result["Text"], result["Start"], result["End"] + 1, number, unit)
            )
        cases.append(Case(raw["Input"], tuple(expected), unit_only))
    return cases, skipped_count


def ours(text: str) -> list[Found]:
    """Our extractor's quantities, each as its number in the unit as written."""
    result = []
    for q in quantities(text):
        value = q.value
        dimension = value.dimension
        if dimension.startswith("[currency_"):
            kind, unit = "currency", dimension[len("[currency_") : -1]
        elif dimension == "[percent]":
            kind, unit = "percent", "pct"
        elif dimension == "[percentage_point]":
            kind, unit = "percent", "percentage_point"
        elif dimension in NOT_DIMENSIONS:
            kind, unit = "other", value.unit.name
        else:
            kind, unit = "dimension", value.unit.name
        ranged = value.qualifier == "range"
        high = _upper_end(q.text, value) if ranged else None
        result.append(Found(value.number, unit, kind, q.text, q.start, q.end, ranged, high))
    return result


def quantulum(text: str) -> list[Found]:
    """quantulum3's quantities in the same terms (its unknown unit names kept, prefixed)."""
    from quantulum3 import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = parser.parse(text)
    result = []
    for q in parsed:
        entity, name = q.unit.entity.name, q.unit.name
        unit = QUANTULUM.get(name, f"quantulum:{name}")
        if entity == "currency":
            kind = "currency"
        elif name == "percentage":
            kind = "percent"
        elif entity in ("dimensionless", "time", "unknown"):
            kind = "other"
        else:
            kind = "dimension"
        start, end = q.span
        result.append(Found(float(q.value), unit, kind, q.surface, start, end))
    return result


def _upper_end(text: str, value: Value) -> float | None:
    """A range's upper end as written: its last number with what follows, read alone."""
    digits = list(re.finditer(r"\d[\d.,]*", text))
    if not digits:
        return None
    try:
        end = parse_value(text[digits[-1].start() :])
    except ValueParseError:
        return None
    return end.number if end.unit == value.unit else None


def same(a: float, b: float) -> bool:
    """Equal numbers, relative 1e-9."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _take(items: list[Expected], f: Found, test: Callable) -> Expected | None:
    """Remove and return the expected result passing ``test``, one over ``f`` first."""
    passing = [i for i, e in enumerate(items) if test(e)]
    over = [i for i in passing if items[i].start < f.end and f.start < items[i].end]
    return items.pop((over or passing)[0]) if passing else None


def score_case(case: Case, found: Sequence[Found], spec: SpecSet, score: Score) -> None:
    """Match one case's found quantities with its expected results; add to ``score``."""
    table = UNITS_BY_KIND[spec.kind]
    in_scope = [
        f for f in found if f.kind == spec.kind or any(f.agrees(e.number) for e in case.expected)
    ]
    score.set_aside += len(found) - len(in_scope)
    score.found += len(in_scope)
    score.expected += len(case.expected)
    score.unit_only += case.unit_only

    left = list(case.expected)  # value
    for f in in_scope:
        if _take(left, f, lambda e, f=f: f.agrees(e.number)) is None:
            score.value.fp += 1
        else:
            score.value.tp += 1
    score.value.fn += len(left)

    mapped = [e for e in case.expected if e.unit in table]
    unmapped = [e for e in case.expected if e.unit not in table]
    score.unmapped.update(e.unit for e in unmapped)
    score.value_unit.aside_expected += len(unmapped)
    rest = []
    for f in in_scope:  # value and unit
        hit = _take(mapped, f, lambda e, f=f: f.agrees(e.number) and f.unit in table[e.unit])
        if hit is None:
            rest.append(f)
        else:
            score.value_unit.tp += 1
    for f in rest:
        if _take(unmapped, f, lambda e, f=f: f.agrees(e.number)) is not None:
            score.value_unit.aside_found += 1  # agrees with a result not scored on unit
        else:
            score.value_unit.fp += 1
            if f.unit.startswith("quantulum:"):
                score.unmapped_found[f.unit] += 1
    score.value_unit.fn += len(mapped)
    for e in mapped:
        kind, seen = miss_kind(e, found)
        score.misses.append(Miss(case.input, e, kind, seen))


_CN_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟半]")
_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half)\b",
    re.IGNORECASE,
)
_COMPOUND = re.compile(
    r"\b(?:dollars?|yen)\s+(?:and\s+)?\w|(?<!per )\bcents\b|\bpence\b|\bmao\b"
    r"|(?:元|块|美元)\S*[毛角分]|又|元\d+\S*銭"
)


def miss_kind(e: Expected, found: Sequence[Found]) -> tuple[str, str]:
    """A rough kind for a miss, from the result's text and what was found over its span."""
    near = [f for f in found if f.start < e.end and e.start < f.end]
    seen = "; ".join(f"{f.text!r}={f.number:g} {f.unit}" for f in near) or "nothing"
    text = e.text
    if any(same(f.number, e.number) for f in near):
        if any(f.unit == "percentage_point" for f in near):
            return "个百分点 read as percentage points (ours by design; Recognizers: %)", seen
        if all(f.unit == "item" for f in near if same(f.number, e.number)):
            return "number read, unit not known (a bare count)", seen
        return "number read, another unit", seen
    if any(same(f.number, -e.number) for f in near):
        return "sign (down/fell read as negative; minus, 负 not read)", seen
    if any(f.range for f in near) or re.search(r"\d\s*(?:-|to|~|至|到)\s*\d", text):
        return "ranges", seen
    if re.search(r"\d\s*/\s*\d|[½¼¾]", text):
        return "fractions (10 1/2)", seen
    if re.search(r"[折成]", text) and not re.search(r"[%％]", text):
        return "折/成 (Chinese discount, tenths)", seen
    if re.search(r"[百佰千仟万萬]\s*分", text):
        return "百分之, 千分之, 個百分點 (Chinese percent words)", seen
    if _COMPOUND.search(text):
        return "compound amounts (3 dollars 50 cents, 五元三毛)", seen
    if _CN_NUMERALS.search(text):
        return "Chinese numerals", seen
    if _WORDS.search(text) and not re.search(r"\d", text):
        return "number words", seen
    if near:
        return "number read otherwise", seen
    return "not found (unit word or symbol not known)", seen


def score_set(
    spec: SpecSet,
    extract: Callable[[str], list[Found]],
    name: str,
    cases: Sequence[Case],
    skipped_count: int = 0,
) -> Score:
    """Score one extractor on the cases of one spec set."""
    score = Score(spec, name, cases=len(cases) + skipped_count, skipped=skipped_count)
    for case in cases:
        score_case(case, extract(case.input), spec, score)
    return score


def _row(score: Score) -> str:
    v, vu = score.value, score.value_unit
    gap = vu.f1 * 100 - score.spec.target
    return (
        f"{score.spec.name:<13} {score.cases:>5} {score.skipped:>4} {score.expected:>7} "
        f"{score.extractor:<11} {v.precision:>6.1%} {v.recall:>6.1%} {v.f1:>6.1%}  "
        f"{vu.precision:>6.1%} {vu.recall:>6.1%} {vu.f1:>6.1%}  "
        f">={score.spec.target:.0f} ({gap:+.0f})"
    )


def main(argv: Iterable[str] | None = None) -> list[Score]:
    """Score every set, print the table, the unmapped units and the kinds of misses."""
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument(
        "--skip-platforms",
        default="python,dotnet",
        help="skip cases NotSupported on any of these platforms (comma-separated; '' for none)",
    )
    args.add_argument(
        "--misses", type=int, default=30, help="group the first N misses of each set by kind"
    )
    args.add_argument("--show", action="store_true", help="print those misses one by one")
    args.add_argument("--set", action="append", help="only this set (repeatable): 'en currency'")
    args.add_argument("--no-quantulum", action="store_true", help="score our reader alone")
    options = args.parse_args(list(argv) if argv is not None else None)
    skip = tuple(sorted(platforms(options.skip_platforms)))
    sets = [s for s in SETS if not options.set or s.name in options.set]

    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    print(f"date: {now.isoformat()}")
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(f"specs: microsoft/Recognizers-Text @ {SPEC_COMMIT[:12]} (tests/data/recognizers)")
    tools: dict[str, Callable[[str], list[Found]]] = {"nqpf-check": ours}
    if not options.no_quantulum:
        try:
            from importlib.metadata import version

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Classifier dependencies not installed"
                from quantulum3 import parser  # noqa: F401

            tools["quantulum3"] = quantulum
            print(f"quantulum3 {version('quantulum3')}: scored on the English sets")
        except ImportError:
            print("quantulum3 is not installed (pip install quantulum3): ours alone")
    print(f"skipped: cases NotSupported(ByDesign) on {', '.join(skip) or 'nothing'}\n")

    scores: list[Score] = []
    for spec in sets:
        cases, skipped_count = load_cases(spec, skip)
        for name, extract in tools.items():
            if name != "nqpf-check" and spec.lang != "en":
                continue
            scores.append(score_set(spec, extract, name, cases, skipped_count))

    print(
        f"{'':<13} {'':>5} {'':>4} {'':>7} {'':<11} {'value':^20}  {'value+unit':^20}  target (gap)"
    )
    print(
        f"{'set':<13} {'cases':>5} {'skip':>4} {'results':>7} {'extractor':<11} "
        f"{'P':>6} {'R':>6} {'F1':>6}  {'P':>6} {'R':>6} {'F1':>6}  value+unit F1"
    )
    for score in scores:
        print(_row(score))

    print("\ncounts (value | value+unit): tp fp fn; aside = not scored on value+unit")
    for s in scores:
        v, vu = s.value, s.value_unit
        print(
            f"  {s.spec.name:<13} {s.extractor:<11} scored cases {s.scored}, results "
            f"{s.expected} (+{s.unit_only} unit-only, left out), found {s.found} "
            f"(+{s.set_aside} set aside) | {v.tp} {v.fp} {v.fn} | {vu.tp} {vu.fp} {vu.fn}; "
            f"aside {vu.aside_expected} results, {vu.aside_found} found"
        )

    unmapped: Counter[str] = Counter()
    for s in scores:
        if s.extractor == "nqpf-check":
            unmapped.update(s.unmapped)
    print("\nunit names not in UNITS (results not scored on value+unit):")
    print("  " + (", ".join(f"{u} {n}" for u, n in sorted(unmapped.items())) or "none"))
    q_unmapped: Counter[str] = Counter()
    for s in scores:
        q_unmapped.update(s.unmapped_found)
    if q_unmapped:
        print("quantulum3 unit names not in QUANTULUM (found, unmatched):")
        print("  " + ", ".join(f"{u[10:]} {n}" for u, n in q_unmapped.most_common()))

    if options.misses:
        print(f"\nmisses on value+unit, the first {options.misses} of each set, by kind:")
        for s in scores:
            if s.extractor != "nqpf-check":
                continue
            first = s.misses[: options.misses]
            groups = ((f"first {len(first)}", first), (f"all {len(s.misses)}", s.misses))
            for label, misses in groups:
                kinds = Counter(m.kind for m in misses)
                print(
                    f"  {s.spec.name}, {label}: "
                    + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
                )
            if options.show:
                for m in first:
                    e = m.expected
                    print(
                        f"    [{m.kind}] {e.text!r} = {e.number:g} {e.unit}; found {m.found}"
                        f"   <- {m.case[:90]!r}"
                    )
    return scores


if __name__ == "__main__":
    main()
