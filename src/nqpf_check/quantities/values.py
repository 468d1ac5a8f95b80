"""Read a value string ("3,327.8 billion RMB", "more than half", "3.3278万亿元") into a Value.

A Value is a number in a unit, with the interval of true values it admits: its
stated precision (half a unit of its last digit), its qualifier ("more than",
"about", "nearly") and its range. Anything the parser cannot read with confidence
raises :class:`ValueParseError` with a message saying what to write instead.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from nqpf_check.quantities.chinese import HAS_CJK, fold, squeeze
from nqpf_check.quantities.languages import language_parts
from nqpf_check.quantities.numbers import (
    AmbiguousNumber,
    per_denominator,
    read_number,
    read_per,
)
from nqpf_check.quantities.scales import (
    AMBIGUOUS_SCALES,
    CONNECTOR_RE,
    FOREIGN_SCALES,
    SCALE_NAMES,
    SCALE_RE,
    scale_of,
)
from nqpf_check.quantities.units import (
    CHINESE_PHYSICAL,
    VOCABULARY_CACHES,
    Unit,
    UnitError,
    ambiguous_readings,
    currency_code,
    decide_reading,
    describe_readings,
    dollar_currencies,
    own_unit,
    per_capita,
    resolve_unit,
)

INF = math.inf


MAX_VALUE_LENGTH = 200
"""A value longer than this is not a figure."""


class ValueParseError(ValueError):
    """A value string that cannot be read with confidence."""


class Hints(NamedTuple):
    """What the claim says beside its value that decides an ambiguous symbol.

    A named tuple, not a dataclass: it is part of the value cache's key, hashed on
    every lookup.
    """

    currency: str | None = None
    """The ISO 4217 code declared on the claim, its source or the defaults."""
    unit: str | None = None
    """The unit the claim's metric declares in the rules (``yuan``, ``kt``, ``t``)."""

    def expected(self) -> Unit | None:
        """The metric's declared unit, resolved (None when absent or not a unit)."""
        if not self.unit:
            return None
        try:
            return resolve_unit(self.unit)
        except UnitError:
            code = currency_code(self.unit.strip())
            return own_unit(code, code) if code else None


NO_HINTS = Hints()


@dataclass(frozen=True, slots=True)
class Value:
    """A claim's value, read unit-aware. Bounds and precision are in base units."""

    text: str
    number: float
    unit: Unit
    scale: float
    scale_word: str | None
    decimals: int
    digits: str
    precision: float
    low: float
    high: float
    low_open: bool
    high_open: bool
    qualifier: str | None
    change: bool = False
    """Whether a direction word made it a change ("fell 3 %", "up 0.4 %", "下降2%")."""
    others: tuple[Unit, ...] = ()
    """Other units the written symbol may stand for ("¥": JPY beside CNY); () when certain."""

    @property
    def readings(self) -> tuple[Value, ...]:
        """The value under each reading of an ambiguous symbol (itself alone when certain)."""
        return (self, *(reread(self, unit) for unit in self.others))

    @property
    def base(self) -> float:
        """The stated number in base units."""
        return self.number * self.unit.to_base

    @property
    def dimension(self) -> str:
        """The value's dimension, e.g. ``[currency_CNY]``."""
        return self.unit.dimension

    @property
    def exact(self) -> bool:
        """Whether the value is a point figure (no qualifier, no range)."""
        return self.qualifier is None

    def overlaps(self, other: Value) -> bool:
        """Whether the two values admit a common true value."""
        return intervals_overlap(
            (self.low, self.high, self.low_open, self.high_open),
            (other.low, other.high, other.low_open, other.high_open),
        )

    def interval_text(self) -> str:
        """The interval in the value's own unit, as ``[a, b)``."""
        factor = self.unit.to_base
        lo = "-inf" if self.low == -INF else format_number(self.low / factor)
        hi = "inf" if self.high == INF else format_number(self.high / factor)
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        unit = f" {self.unit.symbol}" if self.unit.symbol else ""
        return f"{left}{lo}, {hi}{right}{unit}"


Interval = tuple[float, float, bool, bool]


def intervals_overlap(a: Interval, b: Interval) -> bool:
    """Whether two intervals (low, high, low_open, high_open) share a point, up to rounding."""
    eps = 1e-9 * max(1.0, *(abs(x) for x in (a[0], a[1], b[0], b[1]) if math.isfinite(x)))
    if a[1] < b[0] - eps or b[1] < a[0] - eps:
        return False
    if abs(a[1] - b[0]) <= eps and (a[3] or b[2]) and a[1] != INF:
        return a[1] - b[0] > eps
    if abs(b[1] - a[0]) <= eps and (b[3] or a[2]) and b[1] != INF:
        return b[1] - a[0] > eps
    return True


def format_number(x: float) -> str:
    """A number for people: thousands separators, no needless zeros, up to 6 significant."""
    if x == 0:
        return "0"
    if abs(x) >= 1e15 or abs(x) < 1e-4:
        return f"{x:.4g}"
    digits = max(0, 6 - math.floor(math.log10(abs(x))) - 1)
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_like(base: float, like: Value) -> str:
    """A base-unit magnitude written the way ``like`` is: same scale word and unit."""
    number = format_number(base / (like.scale * like.unit.to_base))
    scale = f" {like.scale_word}" if like.scale_word else ""
    unit = f" {like.unit.symbol}" if like.unit.symbol else ""
    if like.unit.symbol == "%":
        unit = "%"
    return f"{number}{scale}{unit}"


QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("more than", "gt"),
    ("over", "gt"),
    ("above", "gt"),
    ("exceeds", "gt"),
    ("exceeded", "gt"),
    ("exceeding", "gt"),
    ("in excess of", "gt"),
    ("upwards of", "gt"),
    ("at least", "ge"),
    ("no less than", "ge"),
    ("not less than", "ge"),
    ("no fewer than", "ge"),
    ("less than", "lt"),
    ("fewer than", "lt"),
    ("under", "lt"),
    ("below", "lt"),
    ("up to", "le"),
    ("at most", "le"),
    ("no more than", "le"),
    ("not more than", "le"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("just under", "nearly"),
    ("about", "approx"),
    ("roughly", "approx"),
    ("around", "approx"),
    ("approximately", "approx"),
    ("some", "approx"),
    ("an estimated", "approx"),
    ("estimated", "approx"),
    ("circa", "approx"),
    ("ca.", "approx"),
    ("~", "approx"),
    ("≈", "approx"),
    ("超过", "gt"),
    ("逾", "gt"),
    ("超", "gt"),
    ("高于", "gt"),
    ("多于", "gt"),
    ("至少", "ge"),
    ("不少于", "ge"),
    ("不低于", "ge"),
    ("不到", "lt"),
    ("不足", "lt"),
    ("低于", "lt"),
    ("少于", "lt"),
    ("最多", "le"),
    ("不超过", "le"),
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("近", "nearly"),
    ("大约", "approx"),
    ("约", "approx"),
    ("大概", "approx"),
    # German, French, Spanish, Italian, Portuguese, Japanese
    ("mehr als", "gt"),
    ("über", "gt"),
    ("mindestens", "ge"),
    ("weniger als", "lt"),
    ("bis zu", "le"),
    ("knapp", "nearly"),
    ("fast", "nearly"),
    ("rund", "approx"),
    ("etwa", "approx"),
    ("plus de", "gt"),
    ("au moins", "ge"),
    ("moins de", "lt"),
    ("jusqu'à", "le"),
    ("jusqu’à", "le"),
    ("près de", "nearly"),
    ("presque", "nearly"),
    ("environ", "approx"),
    ("más de", "gt"),
    ("al menos", "ge"),
    ("menos de", "lt"),
    ("hasta", "le"),
    ("casi", "nearly"),
    ("alrededor de", "approx"),
    ("cerca de", "approx"),
    ("oltre", "gt"),
    ("più di", "gt"),
    ("almeno", "ge"),
    ("meno di", "lt"),
    ("fino a", "le"),
    ("quasi", "nearly"),
    ("mais de", "gt"),
    ("pelo menos", "ge"),
    ("até", "le"),
    ("quase", "nearly"),
    ("約", "approx"),
    (">=", "ge"),
    ("≥", "ge"),
    ("<=", "le"),
    ("≤", "le"),
    (">", "gt"),
    ("<", "lt"),
)
_QUALIFIER_RE = re.compile(
    "|".join(
        re.escape(w) + (r"\b\s*" if w[-1].isalpha() and w.isascii() else r"\s*")
        for w, _ in sorted(QUALIFIERS, key=lambda q: -len(q[0]))
    ),
    re.IGNORECASE,
)
_QUALIFIER_KIND = {w.lower(): k for w, k in QUALIFIERS}
SUFFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("or more", "ge"),
    ("or above", "ge"),
    ("or less", "le"),
    ("or fewer", "le"),
    ("and above", "ge"),
    ("plus", "ge"),
    ("左右", "approx"),
    ("以上", "ge"),
    ("以下", "le"),
    ("多", "gt"),
    ("余", "gt"),
    ("超", "gt"),
    ("未満", "lt"),
)

FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "one-third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "one-quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "one-fifth": 20.0,
    "一半": 50.0,
    "半数": 50.0,
    "三分之一": 100 / 3,
    "三分之二": 200 / 3,
    "四分之一": 25.0,
    "四分之三": 75.0,
    "五分之一": 20.0,
    "十分之一": 10.0,
    "two-fifths": 40.0,
    "two fifths": 40.0,
    "three-fifths": 60.0,
    "three fifths": 60.0,
    "four-fifths": 80.0,
    "four fifths": 80.0,
    "three-tenths": 30.0,
    "three tenths": 30.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
    "one-tenth": 10.0,
}

NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}

ORDINAL_WORDS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}

CURRENCY_SIGNS = "$¥€£₹₩₽₡₦₪₫₭₮₲₴₸₺₼₾"
"""The currency signs read before a number (each one currency's, but $ and ¥)."""
_CURRENCY_PREFIX = re.compile(
    r"(?P<cur>(?:US|HK|CA|AU|NT|NZ|Mex|C) ?\$|JP¥|RMB¥|RMB|CNY|USD|EUR|GBP|JPY|HKD|CHF"
    rf"|[ASR]\$|[{CURRENCY_SIGNS}]|Rs\.?(?=\s*[0-9])|(?-i:[A-Z]{{3}})(?=\s*[0-9.]))\s*",
    re.IGNORECASE,
)
"""A currency before the number. "c $ 16.4 million", "hk $ 10": the letters may stand apart
from the dollar sign, but not "a", "s", "r" (an article, a possessive's s)."""
_ORDINAL_RE = re.compile(r"(?P<num>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_TOP_RE = re.compile(r"(?:the\s+)?top\s+(?P<num>\d+)|前\s*(?P<cn>\d+)\s*(?:位|名)?", re.I)
_CN_ORDINAL_RE = re.compile(r"第\s*(?P<num>\d+|[一二三四五六七八九十]+)\s*(?:位|名)")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|至|~|and)\s*", re.IGNORECASE)


def normalize(text: str) -> str:
    """Fold full-width forms, Unicode minus signs and runs of white space; in Chinese,
    traditional numeral and unit characters and the spaces Chinese does not write."""
    if text.isascii():  # ASCII is its own NFKC form, with no Unicode minus and no Chinese
        return " ".join(text.split())
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2212", "-").replace("\u2012", "-").replace("\u2010", "-")
    text = " ".join(text.split())
    return squeeze(fold(text)) if HAS_CJK.search(text) else text


class _Number(NamedTuple):
    """A number as the value reader uses it (a named tuple: made for every value read)."""

    value: float
    decimals: int
    digits: str
    exact: bool = False


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """A small Chinese numeral (一 to 九千九百九十九) as an int; None if malformed."""
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 十四五: two digits in a row is a name, not a number
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


_MAIN_UNITS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR"}
_MAIN_UNITS |= {"pound": "GBP", "pounds": "GBP", "yuan": "CNY"}
_SUB_UNITS = {"cent": 0.01, "cents": 0.01, "pence": 0.01, "penny": 0.01, "p": 0.01}
_CHINESE_MONEY = re.compile(
    r"(?P<yuan>[^元块角毛分]+)[元块]又?(?:(?P<jiao>[^元块角毛分]+)[角毛])?(?:(?P<fen>[^元块角毛分]+)分)?"
)
_CJK_CENTS = {"美分": "USD", "欧分": "EUR", "便士": "GBP"}
"""The hundredths of other currencies in Chinese, with the currency each is of."""
_CJK_MONEY = re.compile(
    r"(?P<main>[^元]+)(?P<unit>美元|欧元|英镑)(?:又|和|零)?(?P<cents>[^元分士]+)(?P<word>美分|欧分|便士)"
)
"""两美元又三美分: a foreign currency and its hundredth, in Chinese."""


def _whole_number(text: str, lang: str | None) -> float | None:
    """``text`` read as one number and nothing else, or None."""
    found = _read_number(text.strip(), lang)
    if found is None or found[1].strip():
        return None
    return found[0].value


def _two_units(s: str, lang: str | None) -> tuple[_Number, Unit] | None:
    """Money written in a unit and its hundredth: "3 dollars and 50 cents", "五元三毛"."""
    foreign = _CJK_MONEY.fullmatch(s) if s.endswith(tuple(_CJK_CENTS)) else None
    cjk = _CHINESE_MONEY.fullmatch(s) if foreign is None else None
    if cjk is not None and (cjk["jiao"] or cjk["fen"]):
        parts = [(cjk["yuan"], 1.0), (cjk["jiao"], 0.1), (cjk["fen"], 0.01)]
        code = "CNY"
    elif foreign is not None:
        code = currency_code(foreign["unit"]) or ""
        if _CJK_CENTS[foreign["word"]] != code:
            return None  # 两美元又三欧分: two currencies
        cents = _whole_number(foreign["cents"], lang)
        if cents is None or not 0 <= cents < 100:
            return None
        parts = [(foreign["main"], 1.0), (foreign["cents"], 0.01)]
    else:
        words = s.split()
        if len(words) < 4 or words[-1].lower() not in _SUB_UNITS:
            return None
        at = next((i for i, w in enumerate(words) if w.lower() in _MAIN_UNITS), None)
        if at is None or at == 0:
            return None
        rest = words[at + 1 : -1]
        if rest and rest[0].lower() == "and":
            rest = rest[1:]
        code = _MAIN_UNITS[words[at].lower()]
        sub = _SUB_UNITS[words[-1].lower()]
        parts = [(" ".join(words[:at]), 1.0), (" ".join(rest), sub)]
    total = 0.0
    for text, factor in parts:
        if text:
            number = _whole_number(text, lang)
            if number is None:
                return None
            total += number * factor
    total = round(total, 2)
    return _Number(total, 2, f"{total:.2f}", False), own_unit(code, code)


_SPOKEN_UNITS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR"}
_SPOKEN_ENDS = tuple(_SPOKEN_UNITS)


def _cents(text: str, lang: str | None, words_only: bool = False) -> float | None:
    """The cents said as a whole number from 1 to 99 ("forty five", "50"), or None."""
    if not text or "." in text or (words_only and any(ch.isdigit() for ch in text)):
        return None
    cents = _whole_number(text, lang)
    if cents is None or cents != int(cents) or not 1 <= cents <= 99:
        return None
    return cents


def _spoken_money(s: str, lang: str | None) -> tuple[_Number, Unit] | None:
    """Dollars or euros with the cents said after them as a bare number: "thirteen dollars
    forty five", "3 dollars 50", "one dollar and one" (a figure and its hundredths)."""
    words = s.split()
    at = next((i for i, w in enumerate(words) if w.lower() in _SPOKEN_UNITS), None)
    if at is None or at == 0 or at == len(words) - 1:
        return None
    rest = words[at + 1 :]
    if rest[0].lower() == "and":
        rest = rest[1:]
    whole = _whole_number(" ".join(words[:at]), lang)
    cents = _cents(" ".join(rest), lang)
    if whole is None or cents is None or whole != int(whole) or "." in words[at - 1]:
        return None
    code = _SPOKEN_UNITS[words[at].lower()]
    total = round(whole + cents / 100, 2)
    return _Number(total, 2, f"{total:.2f}", False), own_unit(code, code)


_DOWN = (
    "fell|fall|falls|falling|dropped|drop|drops|declined|decline|declines|decreased|decrease|"
    "decreases|down|shrank|shrunk|contracted|lowered|slid|slumped|plunged|plummeted"
)
_UP = "rose|rise|rises|rising|grew|grow|grows|increased|increase|increases|up|gained|climbed|jumped"
_DIRECTION_BEFORE = re.compile(
    rf"(?P<word>{_DOWN}|{_UP})(?:\s+(?P<to>by|to))?\s+(?=\S)|(?P<cjk>下降|减少|下跌|回落|降低|增长|上升|增加|提高)",
    re.IGNORECASE,
)
_DIRECTION_AFTER = re.compile(r"(?<!\s)\s++(?P<word>lower|higher|down|up)$", re.IGNORECASE)
_DIRECTION_WORDS = (" lower", " higher", " down", " up")
_CJK_DOWN = frozenset({"下降", "减少", "下跌", "回落", "降低"})


def _direction(s: str) -> tuple[int, str] | None:
    """(-1 down, 1 up, 0 a level reached, the rest) where a direction word stands first or last."""
    before = _DIRECTION_BEFORE.match(s) if not s[:1].isdigit() else None
    if before is not None:
        if before["to"] and before["to"].lower() == "to":
            if before["word"].lower() == "up":
                return None  # "up to 50 GW" is a qualifier: at most 50 GW
            return 0, s[before.end() :]
        if before["cjk"]:
            return (-1 if before["cjk"] in _CJK_DOWN else 1), s[before.end() :]
        down = re.fullmatch(_DOWN, before["word"], re.IGNORECASE) is not None
        return (-1 if down else 1), s[before.end() :]
    after = _DIRECTION_AFTER.search(s) if s.lower().endswith(_DIRECTION_WORDS) else None
    if after is not None and after.start() > 0:
        return (-1 if after["word"].lower() in ("lower", "down") else 1), s[: after.start()]
    return None


_RUPEES_BEFORE = re.compile(r"Rs\.?\s*(?=[0-9])")
_SIGN_BEFORE_CURRENCY = re.compile(rf"([-+−])\s*(?=US\$|[A-Z]{{0,3}}[{CURRENCY_SIGNS}])")
_BETWEEN = re.compile(r"between\s+", re.IGNORECASE)
_MINUS_STARTS = frozenset("mMnN负マ")
"""The first characters of the sign words (a quick test before the pattern)."""
_MONEY_ENDS = ("cent", "cents", "pence", "penny", "p", "角", "毛", "分", "便士")
"""Money in two units ends with the smaller unit."""
_MINUS_WORD = re.compile(
    r"(?:minus|negative)\s+(?=\S)|(?:负|マイナス)(?=[0-9.零〇一二两三四五六七八九十])",
    re.IGNORECASE,
)
"""A sign written as a word before the number."""

_PERCENT_OF = re.compile(r"(?:percents?|per\s?cent)\s+of\s+(?=\S)", re.IGNORECASE)
"""The percent named before its number, as Recognizers' specs write it: "percent of 10"."""
_OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_PER_CAPITA_ENDS = ("per capita", "per person", "per head", "per inhabitant")
_PER_CAPITA = re.compile(r"(?<!\s)\s++per\s++(?:capita|person|head|inhabitant)$", re.IGNORECASE)
_NOT_PER_CAPITA = frozenset({"[percent]", "[percentage_point]", "[rank]", "[item]"})
"""Shares, ranks and counts are not read per person: only money and physical units are."""


_PER_STARTS = frozenset("十百千万亿拾佰仟萬億")
"""The first characters of a rate's word (百分之, 千万分之): a quick test."""
_THOUSANDS = re.compile(r"\s?[kK]")
"""k after digits: thousands ("百分之15k", "12k个百分点")."""


def _read_number(text: str, lang: str | None = None) -> tuple[_Number, str] | None:
    """The number at the start of ``text`` as the language writes it, and the rest."""
    minus = _MINUS_WORD.match(text) if text[:1] in _MINUS_STARTS else None
    if minus is not None:  # "minus five percent", "负5%": the figure below zero
        read = _read_number(text[minus.end() :], lang)
        if read is None:
            return None
        number, rest = read
        digits = number.digits[1:] if number.digits.startswith("-") else "-" + number.digits
        return _Number(-number.value, number.decimals, digits, number.exact), rest
    try:
        found = read_number(text, lang)
    except AmbiguousNumber as err:
        raise ValueParseError(str(err)) from None
    if found is None:
        return None
    number = _Number(found.value, found.decimals, found.digits, found.exact)
    return number, text[found.end :]


@lru_cache(maxsize=65536)
def parse_value(
    text: str,
    approx: float = 0.05,
    nearly: float = 0.05,
    lang: str | None = None,
    hints: Hints = NO_HINTS,
) -> Value:
    """Read a value string. ``approx`` and ``nearly`` are relative tolerances for those words;
    ``lang`` is the language the number is written in (None: none declared); ``hints``
    what the claim says beside the value (its currency, its metric's unit).

    Raises ValueParseError when the string cannot be read with confidence. A ``¥`` that
    nothing decides is read as yuan with the yen in ``others``: the caller weighs both.
    """
    try:
        return _read_value(text, approx, nearly, lang, hints)
    except ValueParseError:
        ranged = _repeated_range(text, approx, nearly, lang, hints)
        if ranged is None:
            raise
        return ranged


_RANGE_SPLIT = re.compile(
    r"(?!(?<=\s)\s)(?:\s*(?:-|–|—|~|至|到)\s*|\s+(?:to|and|bis|et|y|e|a|à)\s+)", re.IGNORECASE
)
"""A range's separator; never tried inside a run of white space (linear time)."""
_RANGE_LEAD = re.compile(r"(?:between|entre|zwischen|tra|fra)\s+", re.IGNORECASE)


def _repeated_range(
    text: str, approx: float, nearly: float, lang: str | None, hints: Hints = NO_HINTS
) -> Value | None:
    """A range whose ends each carry the unit: "€3bn-€4bn", "between 5% and 7%", "2.5万至3万人".

    An end without a unit takes the other's ("2 bis 3 Prozent", "5到10个百分点").
    """
    s = normalize(text)
    lead = _RANGE_LEAD.match(s)
    body = s[lead.end() :] if lead else s
    for split in itertools.islice(_RANGE_SPLIT.finditer(body), 3):  # bounded work per value
        left, right = body[: split.start()], body[split.end() :]
        if not left or not right:
            continue
        if right[-1] in "成割折" and (left[-1].isdigit() or left[-1] in _CN_DIGITS):
            left += right[-1]  # 2到3成, 7到8折: 20 to 30 %, 70 to 80 %
        try:
            low = _read_value(left, approx, nearly, lang, hints)
            high = _read_value(right, approx, nearly, lang, hints)
        except ValueParseError:
            continue
        if low.qualifier or high.qualifier:
            continue
        if low.unit != high.unit and low.unit.name == "item" and not low.unit.symbol:
            factor = high.unit.to_base * (1.0 if low.scale_word else high.scale)
            low = dataclasses.replace(
                low,
                unit=high.unit,
                number=low.number * (1.0 if low.scale_word else high.scale),
                low=low.low * factor,
                high=low.high * factor,
                precision=low.precision * factor,
            )
        if low.unit != high.unit or low.base > high.base:
            continue
        return dataclasses.replace(
            low, text=text, high=high.high, low_open=False, high_open=False, qualifier="range"
        )
    return None


def _read_value(
    text: str, approx: float, nearly: float, lang: str | None, hints: Hints = NO_HINTS
) -> Value:
    """Read a value string (``parse_value`` without its cache and its ranges of two values)."""
    original = text
    if len(text) > MAX_VALUE_LENGTH:
        raise ValueParseError(
            f"the value is {len(text):,} characters long, over the {MAX_VALUE_LENGTH} a value may "
            "have: write the figure alone, and the sentence as the quote"
        )
    s = normalize(text)
    if not s:
        raise ValueParseError("the value is empty: write a number with its unit")
    if s.startswith("零下"):  # 零下5度: five degrees below zero (a level, not a change)
        s = "-" + s[2:].lstrip()
        if s.endswith("度") and not s.endswith(("摄氏度", "华氏度")):
            s = s[:-1] + "摄氏度"  # below zero, 度 is a temperature, not a kilowatt-hour
    direction = _direction(s) if not s[:1].isdigit() or s[-1:].isalpha() else None
    if direction is not None:  # "fell 3 %", "down 0.4 %", "下降2%", "0.3 % lower", "rose to 5"
        sign, rest = direction
        value = parse_value(rest, approx, nearly, lang, hints)
        if sign == 0:  # "fell to 3 million": the level it reached
            return dataclasses.replace(value, text=original)
        turned = negated(value) if sign < 0 else value
        return dataclasses.replace(turned, text=original, change=True)
    if s[:3].lower() == "per":
        percent_of = _PERCENT_OF.match(s)
        if percent_of is not None:  # "percent of 10", "per cent of twenty-two": 10 %, 22 %
            s = f"{s[percent_of.end() :]} percent"
    qualifier, s = _strip_qualifier(s)
    suffix_qualifier, s = _strip_suffix_qualifier(s)
    if qualifier and suffix_qualifier:
        raise ValueParseError(f"'{original}' has two qualifiers: keep one of them")
    qualifier = qualifier or suffix_qualifier

    lower = s.lower()
    money = _two_units(s, lang) if lower.endswith(_MONEY_ENDS) else None
    if (
        money is None
        and (" dollar" in lower or " euro" in lower)
        and not lower.endswith(_SPOKEN_ENDS)
    ):
        money = _spoken_money(s, lang)
    if money is not None:  # "thirteen dollars and forty-five cents", "五元三毛"
        number, unit = money
        return _build(original, number, None, unit, 1.0, None, qualifier, approx, nearly)

    per = _per(s, lang) if s[:1] in _PER_STARTS else None
    if per is not None:  # 百分之一点九, 千分之三, 千万分之六, 百分之15k
        number, scale, word = per
        return _build(
            original, number, None, own_unit("pct"), scale, word, qualifier, approx, nearly
        )

    tenths = _tenths(s, lang) if s[-1:] in "折割" or "成" in s else None
    if tenths is not None:  # 九成, 七成六, 三成半, 八折, 75折, 五五折, 对折, 3割
        return _build(original, tenths, None, own_unit("pct"), 1.0, None, qualifier, approx, nearly)

    fraction = FRACTIONS.get(lower) if not s[:1].isdigit() else None
    if fraction is not None:
        unit = own_unit("pct")
        return _build(
            original,
            _Number(fraction, 0, s, exact=True),
            None,
            unit,
            1.0,
            None,
            qualifier,
            approx,
            nearly,
        )

    top = _TOP_RE.fullmatch(s) if s[:1] in "tT前" else None
    if top is not None:
        if qualifier:
            raise ValueParseError(f"'{original}': a rank takes no qualifier")
        digits = top["num"] or top["cn"]
        return _build(
            original,
            _Number(float(digits), 0, digits, exact=True),
            None,
            own_unit("rank"),
            1.0,
            None,
            "le",
            approx,
            nearly,
        )

    rank = _read_rank(s)
    if rank is not None:
        if qualifier:
            raise ValueParseError(f"'{original}': a rank takes no qualifier")
        return _build(
            original,
            _Number(float(rank), 0, str(rank), exact=True),
            None,
            own_unit("rank"),
            1.0,
            None,
            None,
            approx,
            nearly,
        )

    per_person = None
    if s.lower().endswith(_PER_CAPITA_ENDS):  # "$12,000 per capita": the unit per person
        found = _PER_CAPITA.search(s)
        if found is not None:
            per_person, s = found.group(0).strip(), s[: found.start()]

    currency: str | None = None
    rupees = _RUPEES_BEFORE.match(s) if s[:1] == "R" else None
    if (
        rupees
        and currency_code(rupees.group(0).strip()) is None
        and decide_reading("Rs", hints.currency, hints.expected()) is None
    ):
        raise ValueParseError(
            f"'{original}': Rs may be Indian rupees (INR) or Pakistani rupees (PKR): write "
            "INR or PKR, set currency: INR on the claim, its source or defaults, or say "
            "which in rules/ (units: currencies: {Rs: INR})"
        )
    signed = _SIGN_BEFORE_CURRENCY.match(s) if s[:1] in "-+−" else None
    sign = ""
    if signed is not None:  # "-$3.5 billion": the sign belongs to the number
        sign, s = "-" if signed.group(1) in "-−" else "", s[signed.end() :]
    match = None if s[:1].isdigit() else _CURRENCY_PREFIX.match(s)
    if match and currency_code(match["cur"].replace(" ", "")) is None and rupees is None:
        match = None  # three capitals that name no currency ("ABC 5")
    if match and (len(s) == match.end() or not s[match.end()].isalpha() or match["cur"] == "$"):
        currency = match["cur"].replace(" ", "")
        s = s[match.end() :]

    s = sign + s
    between = _BETWEEN.match(s) if s[:1] in "bB" else None
    if between:
        s = s[between.end() :]
    read = _read_number(s, lang)
    if read is None:
        if any(ch.isdigit() for ch in s):
            raise ValueParseError(
                f"cannot read '{original}': it does not start with its number (after a "
                "currency sign or a word such as 'about', if any): write it as, e.g., "
                "'3,327.8 billion yuan', 'US$5 million', 'A$10' or 'about 10%'"
            )
        raise ValueParseError(
            f"no number in '{original}': write digits such as '3,327.8 billion yuan'"
        )
    first, rest = read
    written = s[: len(s) - len(rest)]  # the number as written, for the check of its scale word
    second: _Number | None = None
    range_match = _RANGE_SEP.match(rest)
    if range_match and rest[range_match.end() : range_match.end() + 1].strip():
        after = _read_number(rest[range_match.end() :], lang)
        if after is not None and (between or range_match.group(0).strip().lower() != "and"):
            second, rest = after
    if between and second is None:
        raise ValueParseError(f"'{original}': 'between' needs two numbers, 'between 3 and 4'")

    if rest[:1] == "+" and second is None and (len(rest) == 1 or rest[1] == " "):
        if qualifier:  # "5,000+ deaths": that many or more
            raise ValueParseError(f"'{original}' has two qualifiers: keep one of them")
        qualifier, rest = "ge", rest[1:]
    rest = rest.strip()
    if rest[:5].lower() in ("of a ", "of an") and not first.value.is_integer():
        rest = rest[5:].strip()  # "a quarter of a percentage point", "half of a percent"
    if rest[:1] == "-" and rest[1:2].isalpha():  # adjectival: "3-inch", "a 776-foot tower"
        rest = rest[1:]
    scale, scale_word, rest = _read_scale(rest, currency, lang, hints)
    if (
        lang is None
        and scale_word
        and "," in written
        and scale_word.lower() in FOREIGN_SCALES
        and _GROUPED.fullmatch(written.strip())
    ):  # "1,500 Mio.": 1,500 in English, 1.5 in German; "1,5 Mio." reads one way only
        _refuse_foreign_comma(original, written, scale_word)
    unit_word = rest.strip()
    if unit_word[:1] in _OPENERS and _OPENERS[unit_word[0]] == unit_word[-1:]:
        unit_word = unit_word[1:-1].strip()  # "20 (kg)", "20 [kg]": a unit in brackets
    if unit_word.endswith("半") and len(unit_word) > 1 and first.exact and second is None:
        # 一吨半, 两米半: and a half
        unit_word = unit_word[:-1]
        first = _Number(first.value + 0.5, 1, f"{first.value + 0.5:g}", True)
    if (
        currency is not None
        and unit_word[:4].lower() == "and "
        and (currency.endswith("$") or currency == "€")
        and scale == 1.0
        and second is None
        and first.decimals == 0
    ):
        cents = _cents(unit_word[4:], lang, words_only=True)
        if cents is not None:  # "c $ 100 and fifty": the cents said after the dollars
            total = round(first.value + cents / 100, 2)
            first, unit_word = _Number(total, 2, f"{total:.2f}", False), ""
    if currency is not None:
        if unit_word and currency_code(unit_word) is None:
            raise ValueParseError(
                f"'{original}' names a currency and also '{unit_word}': keep one unit"
            )
        others: tuple[Unit, ...] = ()
        if currency in ("¥", "$", "Rs", "Rs.") and not unit_word:
            currency, others = _settle_sign(currency, lang, hints)
        elif currency == "¥" and _currency_code(unit_word) == "JPY":
            currency = "JPY"  # ¥100 円
        unit_word = unit_word if unit_word else currency
        if currency.lower() != unit_word.lower():
            code_a = _currency_code(currency)
            code_b = _currency_code(unit_word)
            if code_a != code_b:
                raise ValueParseError(
                    f"'{original}' names two currencies ({currency} and {unit_word})"
                )
    else:
        others = ()
    goods = _OF_GOODS.fullmatch(unit_word) if " of " in unit_word else None
    if goods is not None:  # "2 million pounds of beef": a weight; "5 tonnes of steel"
        unit_word = "lb" if goods["unit"].lower() in ("pound", "pounds") else goods["unit"]
    try:
        unit = resolve_unit(unit_word)
    except UnitError as err:
        decided = decide_reading(unit_word, hints.currency, hints.expected())
        if decided is None:
            understood = first.digits + (f" {scale_word}" if scale_word else "")
            if unit_word[:1] in ".," and unit_word[1:2].isdigit():
                language = f"the language '{lang}'" if lang else "English (no lang: declared)"
                raise ValueParseError(
                    f"cannot read '{original}': the number stops at {first.digits}: "
                    f"'{unit_word[:1]}' and more digits do not continue a number in {language}: "
                    "write it as the source's language does, or set lang: on the source"
                ) from None
            raise ValueParseError(
                f"cannot read '{original}': the number is {understood}, but "
                f"{_undecided(unit_word, hints) or err}"
            ) from None
        unit = decided
    if (
        hints.currency is not None
        and unit_word.lower() in _BARE_DOLLARS
        and hints.currency in dollar_currencies()
    ):
        unit = own_unit(hints.currency, hints.currency)  # "5 dollars" of a claim in AUD
    if per_person is not None:
        unit = _per_capita(unit, per_person, original)
    value = _build(original, first, second, unit, scale, scale_word, qualifier, approx, nearly)
    return dataclasses.replace(value, others=others) if others else value


_BARE_DOLLARS = frozenset({"dollar", "dollars"})
_OF_GOODS = re.compile(
    r"(?P<unit>pounds?|lbs?|(?:kilo|mega|giga)?tonnes?|metric tons?|kilograms?|kilos?|kg|kt|Mt|"
    r"ounces?|oz|barrels?)"
    r" of (?!(?:the|its|their|his|her|a|an|this|that|our|my|your|sterling)\b)"
    r"(?:[^\W\d_][\w'-]*)(?: [^\W\d_][\w'-]*){0,3}",
    re.IGNORECASE,
)
"""A weight or volume of a named good: the good says the pounds are weight, not money."""


def _undecided(word: str, hints: Hints) -> str | None:
    """Why the claim's declared currency does not settle an ambiguous word, or None."""
    readings = ambiguous_readings(word.lower())
    if readings is None or hints.currency is None or hints.currency in readings:
        return None
    return (
        f"the unit '{word}' may be {describe_readings(readings)}, and the claim's currency "
        f"({hints.currency}) is none of these: write the unit in full, or set currency: to "
        "one of them"
    )


def _settle_sign(sign: str, lang: str | None, hints: Hints) -> tuple[str, tuple[Unit, ...]]:
    """The currency a bare sign stands for, and the other readings nothing here rules out.

    ``$`` is the US dollar unless the claim's currency is another dollar or peso; ``Rs``
    is decided by the claim's currency (else refused before); ``¥`` is the yen with a
    yen word or ``lang: ja``, the yuan in Chinese, else whichever the claim's currency or
    metric names, and otherwise both: yuan, with the yen among the others.
    """
    decided = decide_reading(sign, hints.currency, hints.expected())
    if decided is not None:
        return decided.name, ()
    if sign != "¥":
        return sign, ()
    language = language_parts(lang)[:1]
    if language == ["ja"]:
        return "JPY", ()
    if language == ["zh"]:
        return "CNY", ()
    return "CNY", (own_unit("JPY", "JPY"),)


def _per_capita(unit: Unit, words: str, original: str) -> Unit:
    """The unit per person: "$12,000 per capita", "12.6 tonnes per capita"."""
    if unit.dimension in _NOT_PER_CAPITA or unit.name == "item":
        raise ValueParseError(
            f"'{original}': '{words}' after {unit.symbol or 'a count'} is no unit: write the "
            "amount per person in money or a physical unit ('$12,000 per capita')"
        )
    return per_capita(unit)


def _currency_code(word: str) -> str:
    return currency_code(word) or word.upper()


def _strip_qualifier(s: str) -> tuple[str | None, str]:
    if s[:1].isdigit():
        return None, s  # a qualifier stands before the number: most values have none
    match = _QUALIFIER_RE.match(s)
    if not match:
        return None, s
    word = match.group(0).strip().lower()
    rest = s[match.end() :].lstrip()
    if word == "some" and not rest[:1].isdigit():
        return None, s
    return _QUALIFIER_KIND[word], rest


def _strip_suffix_qualifier(s: str) -> tuple[str | None, str]:
    lower = s.lower()
    words = SUFFIX_QUALIFIERS if lower.endswith(_SUFFIX_WORDS) else ()
    for word, kind in words:
        if lower.endswith(word) and len(s) > len(word):
            head = s[: -len(word)].rstrip()
            if word in ("多", "余"):
                # "200多个", "1000余家": the qualifier follows the number.
                continue
            if word == "plus" and not re.search(r"\d\s*plus$", lower):
                continue
            return kind, head
    match = _MORE_AFTER.match(s) if "多" in s or "余" in s else None
    if match:
        return "gt", match["num"] + match["rest"]
    return None, s


_SUFFIX_WORDS = tuple(word for word, _ in SUFFIX_QUALIFIERS)
_MORE_AFTER = re.compile(r"(?P<num>[\d.,]+\s*+(?:万亿|亿|万)?)\s*(?:多|余)(?P<rest>.*)$", re.S)


def _per(s: str, lang: str | None) -> tuple[_Number, float, str | None] | None:
    """A rate 百分之X (千分之X, 千万分之X...) as percent, with "k" after its digits as
    thousands (百分之15k): the number, scale and scale word; None if ``s`` is not one."""
    per = read_per(s, lang)
    if per is None:
        return None
    number, kind = per
    rest = s[number.end :]
    scale, word = 1.0, None
    thousands = _THOUSANDS.match(rest) if not number.exact else None
    if thousands is not None:  # 百分之15k: the digits' thousands
        scale, word, rest = 1000.0, "k", rest[thousands.end() :]
    if rest.strip():
        return None
    per_hundred = per_denominator(kind) / 100
    scaled = _Number(number.value / per_hundred, number.decimals, number.digits, number.exact)
    return scaled, scale, word


_TENTHS_WORDS = {"对折": 50.0, "半折": 50.0, "半成": 5.0}
"""对折 (a price halved) and 半折 are 50 %; 半成, half a tenth, 5 %."""
_TENTHS = re.compile(r"(?P<head>.+?)(?P<word>[成割折])(?P<tail>半|[一二两三四五六七八九1-9])?")
_NINE = "一二三四五六七八九"


def _tenths(s: str, lang: str | None) -> _Number | None:
    """Tenths as percent: 九成 90 %, 七成六 76 %, 三成半 35 %, 十成 100 %, 3割 30 %.

    A discount (折) says the share of the price paid: one digit is tenths (八折 80 %,
    8.5折 85 %), two digits a percent (75折 75 %, 五五折 55 %), 对折 and 半折 50 %. What
    is none of these (十五成, 100折) is refused, never read some other way.
    """
    if s in _TENTHS_WORDS:
        return _Number(_TENTHS_WORDS[s], 0, s, True)
    match = _TENTHS.fullmatch(s)
    if match is None:
        return None
    head, word, tail = match["head"].strip(), match["word"], match["tail"]
    if tail and word != "成":
        return None  # 七成六 only: 八折五 is no figure
    if word == "折" and len(head) == 2 and all(ch in _NINE for ch in head):  # 五五折: 55 %
        return _Number(float(10 * _CN_DIGITS[head[0]] + _CN_DIGITS[head[1]]), 0, head, True)
    read = _read_number(head, lang)
    if read is None or read[1].strip():
        return None  # 2到3成: a range, read as one
    number = read[0]
    if word == "折" and head.isdigit() and len(head) == 2 and head[0] != "0" and head[1] != "0":
        return _Number(number.value, 0, number.digits, number.exact)  # 75折: 75 %
    if not 0 < number.value <= (9.9 if word == "折" else 10):
        raise ValueParseError(f"'{s}': {number.digits}{word} is not a number of tenths")
    value = number.value * 10
    if tail:
        if number.decimals or number.value >= 10:
            return None
        value += 5 if tail == "半" else _CN_DIGITS.get(tail) or int(tail)
    return _Number(value, number.decimals, number.digits, number.exact)


def _read_rank(s: str) -> int | None:
    if not s[-1:].isalpha():
        return None  # "11th", "third", "第11位": a rank ends in a letter or character
    match = _ORDINAL_RE.fullmatch(s) or ("第" in s and _CN_ORDINAL_RE.fullmatch(s))
    if match:
        num = match["num"]
        return int(num) if num.isdigit() else chinese_number(num)
    return ORDINAL_WORDS.get(s.lower())


_CJK_UNIT_WORDS = tuple(word for word in CHINESE_PHYSICAL if len(word) > 1)


def _starts_unit(text: str) -> bool:
    """Whether a Chinese unit word (兆瓦, 千瓦时) begins ``text``."""
    return text.startswith(_CJK_UNIT_WORDS)


_EXTENT = re.compile(r"\s+(?:tall|long|high|wide|deep|thick)", re.IGNORECASE)
"""A word of extent after "m": the m is a length."""


def _read_scale(
    rest: str, currency: str | None, lang: str | None = None, hints: Hints = NO_HINTS
) -> tuple[float, str | None, str]:
    match = SCALE_RE.match(rest)
    if not match or (not match.group(0).isascii() and _starts_unit(rest)):
        return 1.0, None, rest  # 兆瓦 is megawatts, 千瓦 kilowatts: units, not scales
    word = match.group(0)
    tail = rest[match.end() :]
    lower = word.lower()
    if word == "m" and currency is None and _EXTENT.fullmatch(tail):
        return 1.0, None, "m"  # "1.8m tall", "5 m long": metres, never millions
    thousands = lower == "k" and _money_or_rate(tail.strip())  # 12k个百分点, 15k元
    if (
        lower in AMBIGUOUS_SCALES
        and not thousands
        and not (currency and not tail.strip())
        and not (not tail.strip() and _counts_or_money(hints))
        and not (tail[:1] in _SIGNS and currency_code(tail.strip()) is not None)
    ):  # "450 M€", "20 k$": a letter glued to a currency sign is its scale
        # "m", "k", "b" are scales only right after a currency ("$20m", "$5k", "$3B") or
        # where the claim's metric counts things or money ("5 M" of a metric in vehicles).
        raise ValueParseError(
            f"'{word}' after a number is ambiguous (a scale or a unit symbol?): write "
            f"'{SCALE_NAMES[lower]}' in full"
        )
    scale = scale_of(word, lang)
    # 万亿 may also be written as two scale characters; 亿 after 万 etc. compound once.
    more = None if word.isascii() else SCALE_RE.match(tail)
    if more and not more.group(0).isascii():
        scale *= scale_of(more.group(0))
        word += more.group(0)
        tail = tail[more.end() :]
    connector = CONNECTOR_RE.match(tail.lstrip()) if "d" in tail[:3].lower() else None
    if connector:  # "millions d'euros", "millones de dólares"
        tail = tail.lstrip()[connector.end() :]
    return scale, word, tail


_SIGNS = frozenset("€$£¥₹₩₽")


_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+")


def _refuse_foreign_comma(original: str, written: str, scale_word: str) -> None:
    """ "1,500 Mio. Euro" with no language: 1,500 million in English, 1.5 million in German."""
    english = written.replace(",", "").strip()
    european = written.replace(".", "").replace(",", ".").strip()
    raise ValueParseError(
        f"'{original}' writes {written.strip()} before the word '{scale_word}', which English "
        f"does not use: in English the number is {english}, in German, French or Spanish "
        f"{european}: set lang on the source or under defaults"
    )


def _counts_or_money(hints: Hints) -> bool:
    """Whether the claim's metric is declared in a currency or as a count."""
    if hints.unit is not None and hints.unit.strip().lower() == "currency":
        return True  # a metric in money, its currency left open
    expected = hints.expected()
    return expected is not None and (expected.is_currency or expected.dimension == "[item]")


def reread(value: Value, unit: Unit) -> Value:
    """The value read in another unit its symbol may stand for (one of ``value.others``)."""
    factor = unit.to_base / value.unit.to_base
    return dataclasses.replace(
        value,
        unit=unit,
        precision=value.precision * factor,
        low=value.low * factor,
        high=value.high * factor,
        others=tuple(u for u in (value.unit, *value.others) if u != unit),
    )


def _money_or_rate(word: str) -> bool:
    """Whether a Chinese unit word is a currency or a percent word: "k" before it is thousands
    (15k元, 12k个百分点), as in no other place (4K台 may be a screen's resolution)."""
    if HAS_CJK.match(word) is None:
        return False
    try:
        dimension = resolve_unit(word).dimension
    except UnitError:
        return False
    return dimension.startswith("[currency_") or dimension in ("[percent]", "[percentage_point]")


def _build(
    original: str,
    first: _Number,
    second: _Number | None,
    unit: Unit,
    scale: float,
    scale_word: str | None,
    qualifier: str | None,
    approx: float,
    nearly: float,
) -> Value:
    factor = scale * unit.to_base
    number = first.value * scale
    if not math.isfinite(first.value * factor):
        raise ValueParseError(f"'{original}' is too large a number to be a figure")

    def half_step(n: _Number) -> float:
        return 0.0 if n.exact else 0.5 * 10.0 ** (-n.decimals) * factor

    precision = half_step(first)
    base = first.value * factor
    if second is not None:
        if qualifier and qualifier != "approx":
            raise ValueParseError(f"'{original}': a range takes no qualifier")
        lo_val, hi_val = sorted((base, second.value * factor))
        low, high, low_open, high_open = (
            lo_val - precision,
            hi_val + half_step(second),
            False,
            False,
        )
        qualifier = "range"
    else:
        low, high, low_open, high_open = _bounds(base, precision, qualifier, approx, nearly)
    return Value(
        text=original,
        number=number,
        unit=unit,
        scale=scale,
        scale_word=scale_word,
        decimals=first.decimals,
        digits=first.digits,
        precision=precision,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        qualifier=qualifier,
    )


def _bounds(
    base: float, precision: float, qualifier: str | None, approx: float, nearly: float
) -> tuple[float, float, bool, bool]:
    """The interval a single figure admits under its qualifier."""
    if qualifier == "gt":
        return base, INF, True, True
    if qualifier == "ge":
        return base, INF, False, True
    if qualifier == "lt":
        return -INF, base, True, True
    if qualifier == "le":
        return -INF, base, True, False
    if qualifier == "nearly":
        return base - max(precision, nearly * abs(base)), base, False, False
    spread = max(precision, approx * abs(base)) if qualifier == "approx" else precision
    return base - spread, base + spread, False, False


def negated(value: Value) -> Value:
    """The same value with its sign turned: "fell 2.3 percent" is a change of -2.3 %."""
    import dataclasses

    flip = {"gt": "lt", "ge": "le", "lt": "gt", "le": "ge"}
    return dataclasses.replace(
        value,
        number=-value.number,
        digits=value.digits[1:] if value.digits.startswith("-") else "-" + value.digits,
        low=-value.high,
        high=-value.low,
        low_open=value.high_open,
        high_open=value.low_open,
        qualifier=flip.get(value.qualifier or "", value.qualifier),
    )


def value_from_yaml(raw: object, unit: str | None) -> str:
    """The value string of a claim whose value is given as a number (with ``unit``) or text."""
    if isinstance(raw, bool):
        raise ValueParseError("the value is true/false, not a number")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueParseError(f"the value {raw} is not a finite number")
        text = repr(raw) if isinstance(raw, float) else str(raw)
        if "e" in text.lower():
            text = f"{raw:f}".rstrip("0").rstrip(".")
        return f"{text} {unit}".strip() if unit else text
    if isinstance(raw, str):
        return f"{raw} {unit}" if unit else raw
    raise ValueParseError(f"the value must be text or a number, not {type(raw).__name__}")


VOCABULARY_CACHES.append(parse_value.cache_clear)
