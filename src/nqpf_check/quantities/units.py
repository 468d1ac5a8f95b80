"""The one shared pint registry, and unit words resolved against it.

Every unit word in a claim goes through :func:`resolve_unit`. Our own vocabulary
(currencies, percent, percentage points, count nouns, ordinals, Chinese unit
characters) is looked up first; anything else goes to pint, but only when pint's
reading is a physical unit we trust. Short tokens that pint reads as something
surprising (``B`` byte, ``M`` molar, ``k`` Boltzmann's constant, ``T`` tesla) are
refused, never guessed. Results are cached: pint sees each distinct word once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from nqpf_check.quantities.chinese import fold


class UnitError(ValueError):
    """A unit word that cannot be read with confidence."""


@dataclass(frozen=True)
class Unit:
    """A resolved unit: its pint name, how we print it, and its place among dimensions."""

    name: str
    symbol: str
    dimension: str
    to_base: float
    base_name: str

    @property
    def is_currency(self) -> bool:
        """Whether this unit is a currency."""
        return self.dimension.startswith("[currency_")


def _builtin_words() -> dict[str, Any]:
    """The built-in unit words (data/units.yaml, the format of a rules file's ``units:``)."""
    import yaml

    text = (resources.files("nqpf_check") / "data" / "units.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)["units"]


_BUILTIN = _builtin_words()

CURRENCY_WORDS: dict[str, str] = dict(_BUILTIN["currencies"])
"""Currency words (lower case) and the ISO code each names."""

PERCENT_KINDS: dict[str, str] = {
    "percent": "pct",
    "percentage_point": "percentage_point",
    "basis_point": "basis_point",
}
"""What a percent word may mean in the vocabulary, and our unit for it."""

PERCENT_WORDS: dict[str, str] = {
    word.lower(): PERCENT_KINDS[kind] for word, kind in _BUILTIN["percent_words"].items()
}
"""Percent words (lower case) and our unit for each: pct, percentage_point, basis_point."""

COUNT_NOUNS: frozenset[str] = frozenset(_BUILTIN["count_nouns"])
"""Nouns that count things: "2,911 cases" compares with "2,191 cases" and a bare number."""

COUNT_ADJECTIVES: frozenset[str] = frozenset(
    "new confirmed reported recorded suspected probable active live daily weekly additional "
    "excess total registered".split()
)
"""Words that may stand before a count noun and keep it a count: "new cases"."""

PERSON_YEAR_WORDS: frozenset[str] = frozenset(
    {"person-years", "person-year", "person years", "person year", "man-years", "人年"}
)

COMPOUND_UNITS: dict[str, str] = {
    f"{prefix}{sep}{hour}": f"{name}_hour"
    for prefix, name in (
        ("kilowatt", "kilowatt"),
        ("megawatt", "megawatt"),
        ("gigawatt", "gigawatt"),
        ("terawatt", "terawatt"),
        ("watt", "watt"),
    )
    for sep in ("-", " ")
    for hour in ("hour", "hours")
} | {
    f"{shape} {unit}": f"{base} ** {power}"
    for shape, power in (("square", 2), ("cubic", 3))
    for unit, base in (
        ("metres", "meter"),
        ("meters", "meter"),
        ("metre", "meter"),
        ("meter", "meter"),
        ("kilometres", "kilometer"),
        ("kilometers", "kilometer"),
        ("kilometre", "kilometer"),
        ("kilometer", "kilometer"),
    )
}

UNIT_ALIASES: dict[str, str] = dict(_BUILTIN["aliases"])
"""Unit words pint does not read as meant (or at all), and what they mean."""

AMBIGUOUS_READINGS: dict[str, tuple[str, ...]] = {
    word.lower(): tuple(readings) for word, readings in _BUILTIN["ambiguous"].items()
}
"""Words with two readings or more (ISO codes or pint units): the claim's context decides."""

DOLLAR_SIGNS: frozenset[str] = frozenset({"$"})
"""A bare dollar sign: US dollars unless the claim's ``currency`` is another dollar or peso."""


def builtin_meaning(word: str) -> str | None:
    """What a word already means in the built-in vocabulary, for people ("the currency CNY",
    "percent", "a count"), or None: a rules file may not give such a word another meaning."""
    lower = fold(word.strip().lower())
    if lower in AMBIGUOUS_READINGS:
        return None  # a word with readings: a rules file may say which one it means
    code = CURRENCY_WORDS.get(lower) or (
        word.strip()
        if word.strip().upper() in iso_currencies() and len(word.strip()) == 3
        else None
    )
    if code is not None:
        return f"the currency {code.upper()}"
    if lower in PERCENT_WORDS:
        return {"pct": "percent", "percentage_point": "percentage points"}.get(
            PERCENT_WORDS[lower], "basis points"
        )
    if lower in COUNT_NOUNS:
        return "a count"
    return None


def check_reading(reading: str) -> Unit:
    """The unit of a reading a rules file declares, or UnitError saying why it is none."""
    if len(reading) == 3 and reading.isupper():
        if reading not in iso_currencies():
            raise UnitError(f"'{reading}' is no ISO 4217 code: write USD, EUR, SEK, ...")
        return own_unit(reading, reading)
    return check_alias(reading, reading)


def reading_unit(reading: str) -> Unit:
    """The unit of one reading of `AMBIGUOUS_READINGS` (an ISO code or a pint name)."""
    if len(reading) == 3 and reading.isupper():
        return own_unit(reading, reading)
    return _cached_physical(reading, lambda: _from_pint(reading))


def decide_reading(word: str, currency: str | None, expect: Unit | None) -> Unit | None:
    """The reading of an ambiguous symbol that the claim's context decides, or None.

    ``currency`` is the ISO code the claim, its source or the defaults declare;
    ``expect`` the unit the claim's metric declares. A bare ``$`` becomes that
    currency when it is a dollar or a peso (``currency: CAD``).
    """
    lower = _norm(word).lower()
    if lower in DOLLAR_SIGNS:
        if currency is not None and currency in dollar_currencies():
            return own_unit(currency, currency)
        return None
    readings = ambiguous_readings(lower)
    if readings is None:
        return None
    if currency is not None and currency in readings:
        return own_unit(currency, currency)
    if expect is not None:
        units = [reading_unit(reading) for reading in readings]
        for unit in units:
            if unit.name == expect.name:
                return unit  # the metric is declared in one of the readings: "short_ton"
        alike = [unit for unit in units if unit.dimension == expect.dimension]
        if len(alike) == 1:
            return alike[0]  # the only reading of the metric's kind: kt of a mass is kilotonnes
    return None


def ambiguous_readings(lower: str) -> tuple[str, ...] | None:
    """The readings of an ambiguous word (lower case), the user's first; None if it has one."""
    return _HINTS["ambiguous"].get(lower) or AMBIGUOUS_READINGS.get(lower)


def describe_readings(readings: tuple[str, ...]) -> str:
    """The readings for a message: "British Pound (GBP) or pound (mass)", "tonne, short
    ton or long ton" (the kind of quantity is said only where the readings differ in it)."""
    kinds = {reading_unit(r).dimension for r in readings}
    named = [_reading_name(r, len(kinds) > 1) for r in readings[:4]]
    if len(readings) > 4:  # pounds: GBP, mass, EGP and seven more pounds
        return ", ".join(named[:3]) + f" or another ({', '.join(readings[3:])})"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def currency_label(code: str) -> str:
    """A currency's English name with its code, for messages: "Japanese Yen (JPY)"."""
    from babel.numbers import get_currency_name

    return f"{get_currency_name(code, locale='en')} ({code})"


def _reading_name(reading: str, with_kind: bool) -> str:
    if len(reading) == 3 and reading.isupper():
        return currency_label(reading)
    name = reading.replace("_", " ")
    if not with_kind:
        return name
    dimension = reading_unit(reading).dimension
    return f"{name} ({_DIMENSION_WORDS.get(dimension, dimension.strip('[]'))})"


_DIMENSION_WORDS = {
    "[length] / [time]": "speed",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
}


@cache
def dollar_currencies() -> frozenset[str]:
    """The currencies a bare ``$`` may stand for: dollars and pesos (CLDR's English names)."""
    from babel.numbers import get_currency_name

    return frozenset(
        code
        for code in iso_currencies()
        if re.search(r"\b(?:dollar|peso)s?\b", get_currency_name(code, locale="en").lower())
    )


AMBIGUOUS_SYMBOLS: dict[str, str] = {
    "mb": "megabits, megabytes or millibars",
    "Mb": "megabits or megabytes",
    "kb": "kilobits or kilobytes",
    "Kb": "kilobits or kilobytes",
    "Gb": "gigabits or gigabytes",
    "gb": "gigabits or gigabytes",
}
"""Data sizes written with a lower-case b, case as written: "100 MB" is megabytes."""


def ambiguous_unit(word: str) -> bool:
    """Whether ``word`` is a unit symbol or word refused for its two readings ("pounds", "mb")."""
    return ambiguous_readings(word.lower()) is not None or word in AMBIGUOUS_SYMBOLS


CHINESE_PHYSICAL: dict[str, str] = {
    "千瓦": "kilowatt",
    "瓦": "watt",
    "千瓦时": "kilowatt_hour",
    "度": "kilowatt_hour",
    "吨": "metric_ton",
    "公斤": "kilogram",
    "千克": "kilogram",
    "公里": "kilometer",
    "千米": "kilometer",
    "米": "meter",
    "平方米": "meter ** 2",
    "平方公里": "kilometer ** 2",
    "公顷": "hectare",
    "立方米": "meter ** 3",
    "年": "year",
    "小时": "hour",
    "吉瓦": "gigawatt",
    "兆瓦": "megawatt",
    "吉瓦时": "gigawatt_hour",
    "兆瓦时": "megawatt_hour",
    "克": "gram",
    "斤": "jin",
    "个月": "month",
    "天": "day",
    "周": "week",
    "亩": "mu_cn",
    "公分": "centimeter",
    "厘米": "centimeter",
    "毫米": "millimeter",
    "微克": "microgram",
    "毫克": "milligram",
    "两": "liang",
    "公升": "liter",
    "升": "liter",
    "毫升": "milliliter",
}

# Symbols short enough to be ambiguous are accepted only from this list.
SHORT_SYMBOLS: frozenset[str] = frozenset(
    """
    W kW MW GW TW kWh MWh GWh TWh Wh J kJ MJ GJ TJ PJ EJ
    g kg t Mt Gt km m cm mm dm km2 m2 m3 km² m² m³ ha L ml mL mg μg μm
    h min yr yrs ft lb lbs mph
    bit kB MB GB KiB MiB GiB TiB
    """.split()
)
"""TB and PB are not among them: "10,000 TB cases" counts tuberculosis, not terabytes."""

INFORMATION = "[information]"
"""Data sizes (bits, bytes, MB, GiB): pint counts them as dimensionless; here they are a
dimension of their own, in bits, compared only with data sizes."""

# Dimensions pint may supply; a reading outside them is refused.
ALLOWED_DIMENSIONS: frozenset[str] = frozenset(
    {
        "[mass] * [length] ** 2 / [time] ** 3",  # power
        "[mass] * [length] ** 2 / [time] ** 2",  # energy
        "[mass]",
        "[length]",
        "[length] ** 2",
        "[length] ** 3",
        "[time]",
        "[length] / [time]",
        "[mass] / [time]",
        "[mass] * [length] ** 2 / [time] ** 3 / [length] ** 2",
        "1 / [time]",  # frequency
        INFORMATION,
    }
)

SYMBOLS: dict[str, str] = {
    "pct": "%",
    "percentage_point": "pp",
    "basis_point": "bp",
    "item": "",
    "rank": "",
    "person_year": "person-years",
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
}

_DEFINITIONS = "units.txt"


@cache
def registry() -> Any:
    """The one pint registry of the program, with our definitions loaded once.

    Every ISO 4217 currency is a base unit of its own dimension, so that no two
    currencies ever convert silently.
    """
    import pint

    ureg = pint.UnitRegistry(cache_folder=":auto:", on_redefinition="raise")
    with resources.as_file(resources.files("nqpf_check") / "data" / _DEFINITIONS) as path:
        ureg.load_definitions(str(path))
    for code in sorted(iso_currencies()):
        if code not in ureg:
            ureg.define(f"{code} = [currency_{code}]")
    return ureg


@cache
def iso_currencies() -> frozenset[str]:
    """Every ISO 4217 currency code CLDR knows (current and historical), upper case."""
    from babel.numbers import list_currencies

    return frozenset(code for code in list_currencies() if len(code) == 3 and code.isupper())


TEMPERATURES: dict[str, Unit] = {
    name: Unit(name, symbol, f"[temperature_{symbol.lstrip('°')}]", 1.0, name)
    for name, symbol in (
        ("degree_Celsius", "°C"),
        ("degree_Fahrenheit", "°F"),
        ("kelvin", "K"),
    )
}
"""Temperatures, each scale a dimension of its own: °C and °F differ by an offset as well as a
factor, so a figure in one is never converted to or compared with a figure in another."""

_SCALE_NAMES = {"c": "degree_Celsius", "f": "degree_Fahrenheit"}
_CJK_TEMPERATURES = {"摄氏度": "degree_Celsius", "华氏度": "degree_Fahrenheit"}
_TEMPERATURE_WORD = re.compile(
    r"(?:°|º|deg\.?|degrees?)\s?(?P<letter>[cf])|(?:(?:°|º|degrees?)\s?)?"
    r"(?P<name>celsius|centigrade|fahrenheit)|(?:degrees?\s)?(?P<k>kelvins?)"
)
"""°C, º F, deg C, degC, degrees Celsius, centigrade, Fahrenheit, kelvin (lower case)."""
_BARE_DEGREES = frozenset({"°", "º", "deg", "deg.", "degree", "degrees"})
_DEGREE_STARTS = frozenset("°ºd")
_DEGREE_ENDS = ("celsius", "centigrade", "fahrenheit", "kelvin", "kelvins")


def temperature_unit(lower: str) -> Unit | None:
    """The temperature a unit word names ("°c", "degrees fahrenheit"), or None.

    Raises UnitError for degrees of no scale: an angle, or a temperature in °C or °F?
    """
    if lower in _BARE_DEGREES:
        raise UnitError(
            f"'{lower}' may be an angle or a temperature: write °C, °F or kelvin "
            "(degrees Celsius, degrees Fahrenheit)"
        )
    match = _TEMPERATURE_WORD.fullmatch(lower)
    if match is None:
        return None
    if match["k"]:
        return TEMPERATURES["kelvin"]
    letter = match["letter"] or ("f" if match["name"] == "fahrenheit" else "c")
    return TEMPERATURES[_SCALE_NAMES[letter]]


def currency_code(word: str) -> str | None:
    """The ISO code a currency word names ("yuan", "US$", "KRW"), or None.

    A code not among our words counts only in capitals ("KRW", "CHF"): "all", "cup" and
    "top" are words, not the currencies ALL, CUP and TOP.
    """
    lower = word.lower()
    found = _HINTS["currencies"].get(lower) or CURRENCY_WORDS.get(lower)
    if found is not None:
        return found
    if len(word) == 3 and word.isascii() and word.isupper() and word in iso_currencies():
        return word
    return None


def _from_pint(name: str, symbol: str | None = None) -> Unit:
    ureg = registry()
    unit = ureg.parse_units(name)
    temperature = TEMPERATURES.get(str(unit))
    if temperature is not None:
        return temperature
    base = (1 * unit).to_base_units()
    dimension = str(unit.dimensionality)
    if dimension == "dimensionless" and str(base.units) == "bit":
        dimension = INFORMATION
    pretty = symbol if symbol is not None else SYMBOLS.get(str(unit), f"{unit:~P}")
    return Unit(
        name=str(unit),
        symbol=pretty,
        dimension=dimension,
        to_base=float(base.magnitude),
        base_name=str(base.units),
    )


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip())


OWN_DIMENSIONS: dict[str, str] = {
    **{
        code: f"[currency_{code}]"
        for code in ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "PKR", "INR", "KRW", "RUB")
    },
    "pct": "[percent]",
    "percentage_point": "[percentage_point]",
    "item": "[item]",
    "rank": "[rank]",
    "person_year": "[person_year]",
}
"""Our base units (data/units.txt) and their dimensions, known without asking pint."""


@cache
def own_unit(name: str, symbol: str | None = None) -> Unit:
    """One of our own units by its name: ``pct``, ``rank``, ``item``, ``CNY``, ...

    Our units are base units of their own dimensions, so pint need not be loaded
    for them; a test keeps this table and data/units.txt in step.
    """
    dimension = OWN_DIMENSIONS.get(name)
    if dimension is None and len(name) == 3 and name.isupper() and name in iso_currencies():
        dimension = f"[currency_{name}]"
    if dimension is None:
        return _from_pint(name, symbol)
    pretty = symbol if symbol is not None else SYMBOLS.get(name, name)
    return Unit(name, pretty, dimension, 1.0, name)


class _WordCache:
    """Physical unit words as pint read them, kept on disk between runs.

    Reading a claims file must not cost pint's import and registry when every unit
    word in it was seen before: the cache file is keyed by the versions of pint and
    of our definitions, and written whole (temporary file and rename) at exit. It keeps
    at most MAX_WORDS words of at most MAX_WORD_LENGTH characters: a file of random
    words (a hostile claims file, a fuzz test) must not grow it for every later run.
    A bigger file is ignored, and rewritten from what the run reads.
    """

    MAX_WORDS = 5_000
    MAX_WORD_LENGTH = 40

    def __init__(self) -> None:
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        self.path: Any = None
        try:
            import hashlib
            import json
            import os
            from importlib.metadata import version
            from pathlib import Path

            data = resources.files("nqpf_check") / "data"
            definitions = (data / _DEFINITIONS).read_bytes() + (data / "units.yaml").read_bytes()
            rules = Path(__file__).read_bytes()  # how words are resolved: a change renews it
            digest = hashlib.sha256(
                definitions + rules + version("pint").encode() + b"v2"
            ).hexdigest()[:16]
            root = os.environ.get("NQPF_CHECK_CACHE") or os.path.join(
                os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nqpf-check"
            )
            self.path = Path(root) / f"units-{digest}.json"
            if self.path.is_file() and self.path.stat().st_size < self.MAX_WORDS * 200:
                entries = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(entries, dict) and len(entries) <= self.MAX_WORDS:
                    self.entries = entries
        except Exception:  # an unreadable cache is an empty one
            self.entries = {}

    def get(self, word: str) -> Unit | None:
        entry = self.entries.get(word)
        if entry is None:
            return None
        if entry[0] == "error":
            raise UnitError(entry[1])
        return Unit(*entry)

    def put(self, word: str, unit: Unit | None, error: str | None = None) -> None:
        if len(word) > self.MAX_WORD_LENGTH or len(self.entries) >= self.MAX_WORDS:
            return  # read again next time: no input grows the file without bound
        self.entries[word] = (
            ["error", error]
            if unit is None
            else [unit.name, unit.symbol, unit.dimension, unit.to_base, unit.base_name]
        )
        if not self.dirty:
            import atexit

            atexit.register(self.save)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        try:
            import json
            import os
            import tempfile

            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".units.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.entries, handle, ensure_ascii=False)
            os.replace(tmp, self.path)
            self.dirty = False
        except Exception:  # a cache that cannot be written is no reason to fail
            return


@cache
def _words() -> _WordCache:
    return _WordCache()


def _cached_physical(word: str, compute: Any) -> Unit:
    """A pint reading of ``word`` from the disk cache, or computed (and remembered)."""
    cache_ = _words()
    found = cache_.get(word)
    if found is not None:
        return found
    try:
        unit = compute()
    except UnitError as err:
        cache_.put(word, None, str(err))
        raise
    cache_.put(word, unit)
    return unit


@dataclass(frozen=True)
class Vocabulary:
    """Unit words a rules folder adds (``units:``): count nouns, aliases, currency words.

    The user's words are looked up before the built-in ones: a currency word settles an
    ambiguity ("rupees: INR"), an alias names a unit pint reads ("tkm: tonne * kilometer").
    """

    count_nouns: frozenset[str] = frozenset()
    aliases: tuple[tuple[str, str], ...] = ()
    currencies: tuple[tuple[str, str], ...] = ()
    percent_words: tuple[tuple[str, str], ...] = ()
    """A word and what it means: percent, percentage_point or basis_point."""
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """A word and its readings (ISO codes or pint units), decided by the claim's context."""


_VOCABULARY: list[Vocabulary] = [Vocabulary()]
_HINTS: dict[str, dict[str, Any]] = {
    "currencies": {},
    "aliases": {},
    "percent": {},
    "ambiguous": {},
}
"""The vocabulary in force by lower-case word (derived from it in ``use_vocabulary``)."""
_COUNT_NOUNS: list[frozenset[str]] = [frozenset()]
"""The vocabulary's count nouns, traditional characters folded."""


def use_vocabulary(vocabulary: Vocabulary) -> None:
    """Read unit words with ``vocabulary`` from now on (the readings cached so far go)."""
    if _VOCABULARY[0] == vocabulary:
        return
    _VOCABULARY[0] = vocabulary
    # Words are looked up as the value reader leaves them: traditional characters folded.
    _HINTS["currencies"] = {fold(said.lower()): code for said, code in vocabulary.currencies}
    _HINTS["aliases"] = {fold(said.lower()): meaning for said, meaning in vocabulary.aliases}
    _HINTS["percent"] = {
        fold(said.lower()): PERCENT_KINDS[kind] for said, kind in vocabulary.percent_words
    }
    _HINTS["ambiguous"] = {fold(said.lower()): readings for said, readings in vocabulary.ambiguous}
    _COUNT_NOUNS[0] = frozenset(fold(noun) for noun in vocabulary.count_nouns)
    resolve_unit.cache_clear()
    for forget in VOCABULARY_CACHES:
        forget()


@contextmanager
def vocabulary_in_force(vocabulary: Vocabulary) -> Iterator[None]:
    """Read unit words with ``vocabulary`` inside the block, and as before after it."""
    before = _VOCABULARY[0]
    use_vocabulary(vocabulary)
    try:
        yield
    finally:
        use_vocabulary(before)


VOCABULARY_CACHES: list[Any] = []
"""The caches of readings that depend on the vocabulary (the value parser registers its own)."""


def check_alias(word: str, meaning: str) -> Unit:
    """The unit an alias stands for, or UnitError saying why it cannot be one."""
    if meaning.lower() in COUNT_NOUNS or meaning == "item":
        return Unit("item", word, "[item]", 1.0, "item")
    code = currency_code(meaning)
    if code is not None:
        return own_unit(code, code)
    try:
        unit = _from_pint(meaning, word)
    except Exception:
        raise UnitError(
            f"'{meaning}' is no unit pint reads: write a pint expression such as "
            "'tonne * kilometer' or 'kilowatt_hour'"
        ) from None
    if unit.dimension in ("[temperature]", "dimensionless"):
        raise UnitError(
            f"'{meaning}' is {unit.dimension}: bare ratios and temperatures other than "
            "degC, degF and kelvin are not read"
        )
    return unit


@cache
def resolve_unit(word: str) -> Unit:
    """Resolve a unit word ("yuan", "million kW" is not one: "kW", "sets", "%") to a Unit.

    An empty word is a plain count. Raises UnitError when the word is unknown or
    ambiguous; the message says why and what to write instead.
    """
    text = fold(_norm(word))  # 個, 噸: as the simplified 个, 吨
    lower = text.lower()
    if not text:
        return own_unit("item", "")
    hinted = _HINTS["currencies"].get(lower)
    if hinted is not None:
        return own_unit(hinted, hinted)
    meaning = _HINTS["aliases"].get(lower)
    if meaning is not None:
        return check_alias(text, meaning)
    if lower in _COUNT_NOUNS[0]:
        return Unit("item", text, "[item]", 1.0, "item")
    percent = _HINTS["percent"].get(lower)
    if percent is not None:
        return own_unit(percent)
    readings = ambiguous_readings(lower)
    if readings is not None:
        raise UnitError(
            f"the unit '{text}' may be {describe_readings(readings)}: write the unit in full, "
            "set currency: on the claim, its source or defaults, declare the metric's unit "
            "in rules/, or say what the word means there (units: currencies, aliases)"
        )
    if text in AMBIGUOUS_SYMBOLS:
        raise UnitError(
            f"the unit '{text}' may be {AMBIGUOUS_SYMBOLS[text]}: write the unit in full "
            "(megabytes, MB; megabits, Mbit)"
        )
    code = currency_code(text)
    if code is not None:
        return own_unit(code, code)
    if lower in PERCENT_WORDS:
        return own_unit(PERCENT_WORDS[lower])
    if text in _CJK_TEMPERATURES:  # 摄氏度, 华氏度
        return TEMPERATURES[_CJK_TEMPERATURES[text]]
    if lower[:1] in _DEGREE_STARTS or lower.endswith(_DEGREE_ENDS):
        temperature = temperature_unit(lower)
        if temperature is not None:
            return temperature
    per = _PER_N.fullmatch(lower)
    if per is not None:
        return per_n(per)
    counted = _COUNTED_PER.fullmatch(lower)
    if counted is not None and (per := _PER_N.fullmatch(counted["per"])) is not None:
        try:  # "cases per 100,000", "Fälle pro 100.000 Einwohner": a count per N
            counts = resolve_unit(counted["noun"]).dimension == "[item]"
        except UnitError:
            counts = False
        if counts:
            return per_n(per)
    if lower in PERSON_YEAR_WORDS:
        return own_unit("person_year")
    words = lower.split()
    if (
        lower in COUNT_NOUNS
        or (len(words) == 1 and lower.rstrip("s") in COUNT_NOUNS)
        or (
            1 < len(words) <= 3 and words[-1] in COUNT_NOUNS and set(words[:-1]) <= COUNT_ADJECTIVES
        )
    ):  # "cases", "new cases", "live births"
        return Unit("item", text, "[item]", 1.0, "item")
    if text in CHINESE_PHYSICAL:
        return _cached_physical(text, lambda: _from_pint(CHINESE_PHYSICAL[text], text))
    if lower in COMPOUND_UNITS:
        return _cached_physical(text, lambda: _from_pint(COMPOUND_UNITS[lower]))
    if lower in UNIT_ALIASES:
        return _cached_physical(text, lambda: _from_pint(UNIT_ALIASES[lower]))
    if len(text) <= 3 and text not in SHORT_SYMBOLS:
        return _cached_physical(text, lambda: _refuse_short(text))
    return _cached_physical(text, lambda: _physical(text))


_PER_N = re.compile(
    r"(?:per|pro|pour|por|/)\s?(?P<n>[0-9][0-9,.'  ]*[0-9]|[0-9])(?P<k>k)?(?P<of>(?: [^\W\d_]+)*)"
)
"""A rate per N ("per 100,000", "per 1,000 live births"), with what is counted."""


_COUNTED_PER = re.compile(
    r"(?P<noun>[^\W\d_]+(?: [^\W\d_]+){0,2}) (?P<per>(?:per|pro|pour|por) .+)"
)
"""A count noun before a rate per N ("new cases per 100,000")."""


def per_n(match: re.Match[str]) -> Unit:
    """A rate per N as a unit of its own: it compares only with rates per the same N."""
    n = int(re.sub(r"[^0-9]", "", match["n"])) * (1000 if match["k"] else 1)
    if n < 2:
        raise UnitError("a rate is per 100, 1,000, 100,000 or so: 'per 1' is no rate")
    of = match["of"].strip()
    name = f"per {n:,}" + (f" {of}" if of else "")
    return Unit(name, name, f"[per_{n}]", 1.0, f"per {n:,}")


PER_CAPITA = "[per_capita] "
"""The start of a per-person unit's dimension: "[per_capita] [currency_USD]"."""


@cache
def per_capita(unit: Unit) -> Unit:
    """``unit`` per person: a dimension of its own, compared only with the same unit per person.

    The dimension does not start with "[currency_": money per person is not a currency figure.
    """
    return Unit(
        f"{unit.name} per capita",
        f"{unit.symbol or unit.name} per capita",
        PER_CAPITA + unit.dimension,
        unit.to_base,
        f"{unit.base_name} per capita",
    )


def _refuse_short(text: str) -> Unit:
    raise UnitError(_short_token_message(text))


def _short_token_message(text: str) -> str:
    reading = _pint_reading(text)
    if reading is None:
        return f"unknown unit '{text}': name a currency, '%', a count noun or a unit"
    said = f" (pint would read it as {reading})"
    return (
        f"the unit '{text}' is ambiguous{said}: write the scale or unit out in full, "
        "e.g. 'billion', 'million', 'bn', 'kW'"
    )


def _pint_reading(text: str) -> str | None:
    try:
        return str(registry().parse_units(text))
    except Exception:
        return None


def _physical(text: str) -> Unit:
    """A physical unit through pint, refused when pint's reading is not one we trust."""
    if not re.fullmatch(r"[A-Za-zμ][A-Za-z ]*[A-Za-z]?[0-9²³]?", text):
        raise UnitError(f"unknown unit '{text}': name a currency, '%', a count noun or a unit")
    spelled = text.replace("gramme", "gram")  # British: kilogramme, microgrammes
    try:
        unit = _from_pint(
            re.sub(r"([A-Za-z])[2²]$", r"\1**2", re.sub(r"([A-Za-z])[3³]$", r"\1**3", spelled))
        )
    except Exception:
        raise UnitError(
            f"unknown unit '{text}': name a currency (yuan, USD), '%', a count noun "
            "(units, sets) or a physical unit (kW, tonnes)"
        ) from None
    if unit.dimension not in ALLOWED_DIMENSIONS:
        raise UnitError(
            f"the unit '{text}' reads as {unit.name} ({unit.dimension}), which is not a "
            "quantity claims are made in: write the unit out in full"
        )
    if text not in SHORT_SYMBOLS and not _names_match(text, unit.name):
        raise UnitError(
            f"the unit '{text}' would be read as {unit.name}: write the unit as its usual "
            "name or symbol"
        )
    return unit


def _names_match(text: str, name: str) -> bool:
    """Whether pint's unit name plausibly is what the word says (not a prefix accident)."""
    word = text.lower().replace(" ", "_").replace("metre", "meter").replace("litre", "liter")
    word = word.replace("gramme", "gram")
    stems = {word, word.rstrip("s"), word.removesuffix("es")}
    if name in stems or any(name.endswith(s) or s.endswith(name) for s in stems):
        return True
    try:
        aliases = registry()._units[name].aliases  # pint keeps a definition's aliases
    except Exception:
        aliases = ()
    return any(a.lower() in stems for a in aliases)


DIMENSION_NAMES: dict[str, str] = {
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass]": "mass",
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[time]": "time",
    "[length] / [time]": "speed",
    "[mass] / [time]": "mass per time",
    "[percent]": "percent",
    "[percentage_point]": "percentage points",
    "[item]": "a count",
    "[rank]": "a rank",
    "[person_year]": "person-years",
    INFORMATION: "a data size",
    "[temperature_C]": "temperature in °C",
    "[temperature_F]": "temperature in °F",
    "[temperature_K]": "temperature in kelvin",
}


def dimension_name(dimension: str) -> str:
    """A dimension in words: ``power``, ``a count``, ``currency USD``."""
    if dimension.startswith("[currency_"):
        return f"currency {dimension[len('[currency_') : -1]}"
    if dimension.startswith(PER_CAPITA):
        return f"{dimension_name(dimension[len(PER_CAPITA) :])} per person"
    if dimension.startswith("[per_"):
        return f"a rate per {int(dimension[len('[per_') : -1]):,}"
    return DIMENSION_NAMES.get(dimension, dimension)
