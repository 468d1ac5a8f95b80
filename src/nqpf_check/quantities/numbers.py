"""Read the number at the start of a text, in the way its language writes numbers.

One reader for every form a figure takes in the sources: digits with the decimal mark
and thousands separators of the source's language (from CLDR through babel), English
number words ("two hundred and fifty", "one and a half"), fractions ("10 1/2", "2½"),
and Chinese and Japanese numerals ("两千三百", "三万五千", "零点五", "2億3000").

Scale words are the caller's: "five million" reads as 5 and ends before "million",
"两千三百万" as 2300 and ends before "万". A number whose reading depends on a language
that nobody declared raises :class:`AmbiguousNumber`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

__all__ = ["AmbiguousNumber", "Number", "per_denominator", "read_number", "read_per"]


class Number(NamedTuple):
    """A number read from the start of a text (a named tuple: made for every value read)."""

    value: float
    """The number read (negative for a sign or 负)."""
    decimals: int
    """Digits written after the decimal mark (0 for words and numerals)."""
    digits: str
    """The number as written, normalised ("3327.8", "-12.5"), or the word/numeral itself."""
    exact: bool
    """True for number words, numerals and fractions (no stated precision)."""
    end: int
    """Index in the input where the number ends."""


class AmbiguousNumber(ValueError):
    """A number whose reading depends on a language none declared.

    The message names both readings and says to set lang.
    """

    def __init__(self, written: str, english: str, european: str) -> None:
        super().__init__(
            f'"{written}" reads as {english} in English and {european} in German, French or '
            "Spanish: set lang on the source or under defaults"
        )
        self.written = written
        self.english = english
        self.european = european


# --- digits ------------------------------------------------------------------------------

_SPACES = frozenset(" \u00a0\u202f\u2009")
_TYPOGRAPHIC_SPACES = frozenset("\u00a0\u202f\u2009")
_APOSTROPHES = frozenset("'’")
_SIGNS = {"+": "+", "-": "-", "\u2212": "-", "\u2012": "-", "\u2010": "-", "＋": "+", "－": "-"}
_SLASHES = frozenset("/⁄")
_VULGAR = {ch: unicodedata.numeric(ch) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒↉"}
_FOLD = {"，": ",", "．": ".", "＇": "'"}
_CLASS = {" ": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "'": "'", "’": "'"}

# Digit runs joined by single separators: one quantifier per run, no overlap (linear).
_TOKEN = re.compile(r"\d+(?:[.,'’ \u00a0\u202f\u2009，．＇\u066b\u066c]\d+)*")
_SPLIT = re.compile(r"(\D)")
# The usual English forms "3,327.8" and "12.5", read without splitting (a fast path).
_ENGLISH_FORM = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?")
_MAX_FRACTION_DIGITS = 3


@dataclass(frozen=True, slots=True)
class _Convention:
    decimal: str
    groups: frozenset[str]
    indian: bool  # 1,00,000: groups of two before the last three


@dataclass(frozen=True, slots=True)
class _Language:
    main: _Convention
    other: _Convention | None  # a second convention to try when no language is declared
    leading_marks: frozenset[str]  # decimal marks a number may start with: ".5"
    english: bool  # "3,327.8" reads as in English: the fast path applies


_ENGLISH = _Convention(".", frozenset(",'’") | _SPACES, indian=True)
_EUROPEAN = _Convention(",", frozenset(".") | _SPACES, indian=False)
_UNDECLARED = _Language(_ENGLISH, _EUROPEAN, frozenset(".．"), english=True)


@cache
def _language(lang: str) -> _Language:
    """The number conventions of a BCP 47 language tag, from CLDR."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from nqpf_check.quantities.languages import check_language

    locale = Locale.parse(check_language(lang).replace("-", "_"))  # LanguageError: unknown
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    groups = {group} | _TYPOGRAPHIC_SPACES
    if group in _SPACES or group == ".":
        groups |= _SPACES  # "1 234,5" is also German, Spanish, Italian practice
    if group in _APOSTROPHES:
        groups |= _APOSTROPHES
    groups.discard(decimal)
    pattern = locale.decimal_formats.get(None)
    indian = pattern is not None and tuple(pattern.grouping)[1:] == (2,)
    marks = frozenset({decimal} | {k for k, v in _FOLD.items() if v == decimal})
    english = decimal == "." and "," in groups
    return _Language(_Convention(decimal, frozenset(groups), indian), None, marks, english)


def decimal_mark(lang: str | None) -> str:
    """The decimal mark of a language ("," for de, fr, es; "." for en, zh, ja and none)."""
    return "." if lang is None else _language(lang).main.decimal


def _fold(token: str) -> str:
    """Full-width and other Unicode digits and marks as ASCII, one character for one."""
    return "".join(
        _FOLD.get(ch) or (str(unicodedata.decimal(ch)) if ch.isdecimal() else ch) for ch in token
    )


_Reading = tuple[str, str, int]  # integer digits, fraction digits, characters read


def _groups_read(runs: list[str], seps: list[str], conv: _Convention) -> int:
    """How many runs after the first are thousands groups under ``conv``."""
    head = runs[0]
    if not seps or seps[0] not in conv.groups or len(head) > 3 or head[0] == "0":
        return 0
    kind = _CLASS.get(seps[0], seps[0])

    def same(m: int) -> bool:
        return seps[m] in conv.groups and _CLASS.get(seps[m], seps[m]) == kind

    count = 0
    while count < len(seps) and len(runs[count + 1]) == 3 and same(count):
        count += 1
    if conv.indian and len(head) <= 2:
        twos = 0
        while twos < len(seps) and len(runs[twos + 1]) == 2 and same(twos):
            twos += 1
        if twos and twos < len(seps) and len(runs[twos + 1]) == 3 and same(twos):
            count = max(count, twos + 1)
    return count


def _interpret(parts: list[str], conv: _Convention) -> _Reading:
    """The longest reading of a token of digit runs and separators under ``conv``."""
    runs, seps = parts[0::2], parts[1::2]
    used = 1 + _groups_read(runs, seps, conv)
    whole = "".join(runs[:used])
    length = len(whole) + used - 1
    if used <= len(seps) and seps[used - 1] == conv.decimal:
        return whole, runs[used], length + 1 + len(runs[used])
    return whole, "", length


def _is_cjk(text: str, pos: int) -> bool:
    """Whether a Chinese or Japanese character is at ``pos`` (1.500万 is Chinese: 1.5)."""
    ch = text[pos] if pos < len(text) else ""
    return "\u3040" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _choose(token: str, lang: _Language, text: str, after: int) -> _Reading:
    """The reading of a digit token; with no language declared, the one that reads most."""
    if lang.english and _ENGLISH_FORM.fullmatch(token):
        suspect = lang.other is not None and token[-1] == "0" and token[-4:-3] == "."
        if not suspect or "," in token:
            whole, _, frac = token.partition(".")
            return whole.replace(",", ""), frac, len(token)
    parts = _SPLIT.split(token)
    first = _interpret(parts, lang.main)
    if lang.other is None or (first[2] == len(token) and not _dot_thousands(parts, first)):
        return first
    second = _interpret(parts, lang.other)
    if second[2] > first[2]:
        return second
    if second[2] == first[2] and _dot_thousands(parts, first) and not _is_cjk(text, after):
        english = f"{first[0]}.{first[1].rstrip('0')}".rstrip(".")
        raise AmbiguousNumber(token[: first[2]], english, f"{int(first[0] + first[1]):,}")
    return first


def _dot_thousands(parts: list[str], reading: _Reading) -> bool:
    """Whether an English reading is "1.500": one dot, three digits ending in 0."""
    return (
        len(parts) >= 3
        and parts[1] == "."
        and reading[2] == len(parts[0]) + 4
        and len(parts[2]) == 3
        and parts[2][-1] == "0"
        and len(parts[0]) <= 3
        and parts[0][0] != "0"
    )


def _read_digits(text: str, start: int, lang: _Language) -> Number | None:
    """Digits, with sign, separators, decimals and a following fraction."""
    pos, sign = start, ""
    if text[pos] in _SIGNS:
        sign, pos = _SIGNS[text[pos]], pos + 1
    match = _TOKEN.match(text, pos)
    if match is None:
        return _read_bare(text, start, pos, sign, lang)
    token = match.group()
    if not token.isascii():
        token = _fold(token)
    if token.isdigit():
        whole, frac, length = token, "", len(token)
    else:
        whole, frac, length = _choose(token, lang, text, match.end())
    end = pos + length
    if not frac and whole.isdigit() and length == len(whole):
        special = _after_integer(text, start, pos, end, whole, sign)
        if special is not None:
            return special
    digits = f"{sign}{whole}.{frac}" if frac else sign + whole
    return Number(float(digits), len(frac), digits, False, end)


def _read_bare(text: str, start: int, pos: int, sign: str, lang: _Language) -> Number | None:
    """A number that starts with its decimal mark (".5") or is a vulgar fraction ("½")."""
    n = len(text)
    if pos >= n:
        return None
    if text[pos] in _VULGAR:
        value = _VULGAR[text[pos]]
        return Number(-value if sign == "-" else value, 0, text[start : pos + 1], True, pos + 1)
    if text[pos] not in lang.leading_marks or pos + 1 >= n or not text[pos + 1].isdecimal():
        return None
    end = pos + 1
    while end < n and text[end].isdecimal():
        end += 1
    frac = _fold(text[pos + 1 : end])
    digits = f"{sign}0.{frac}"
    return Number(float(digits), len(frac), digits, False, end)


def _after_integer(
    text: str, start: int, pos: int, end: int, whole: str, sign: str
) -> Number | None:
    """A plain integer that goes on as a fraction (1/4, 10 1/2, 2½) or a numeral (2億3000)."""
    if end >= len(text) or len(whole) > _MAX_WORD:
        return None
    ch = text[end]
    follows = text[end + 1] if end + 1 < len(text) else ""
    # 2億3000万 goes on; 5000万千瓦 does not: 千瓦 is kilowatts, not a thousand.
    if (
        ch in _BIG
        and follows
        and (follows.isdecimal() or follows in _DIGIT_CHARS or follows in _TWO)
    ):
        return _read_cjk(text, pos, sign == "-", mixed=True)
    read = _fraction_after(text, end, whole)
    if read is None:
        return None
    value, stop = read
    return Number(-value if sign == "-" else value, 0, text[start:stop], True, stop)


def _fraction_after(text: str, end: int, whole: str) -> tuple[float, int] | None:
    """The value and end of ``whole`` read on as a fraction, or None."""
    n = len(text)
    ch = text[end]
    if ch in _SLASHES:
        proper = _proper(text, end - len(whole), len(whole))
        if proper is not None:
            return proper
        if ch == "⁄" and len(whole) >= 2:  # NFKC turned "2½" into "21⁄2"
            proper = _proper(text, end - 1, 1)
            if proper is not None:
                return int(whole[:-1]) + proper[0], proper[1]
        return None
    if ch in _VULGAR:
        return int(whole) + _VULGAR[ch], end + 1
    if ch in _SPACES and end + 1 < n:
        nxt = text[end + 1]
        if nxt in _VULGAR:
            return int(whole) + _VULGAR[nxt], end + 2
        digits = end + 1
        while digits < n and text[digits].isdecimal():
            digits += 1
        proper = _proper(text, end + 1, digits - end - 1)
        if proper is not None:
            return int(whole) + proper[0], proper[1]
    return None


def _proper(text: str, pos: int, width: int) -> tuple[float, int] | None:
    """A proper fraction "num/den" whose numerator is the ``width`` digits at ``pos``."""
    n = len(text)
    slash = pos + width
    if not 1 <= width <= _MAX_FRACTION_DIGITS or slash >= n or text[slash] not in _SLASHES:
        return None
    end = slash + 1
    while end < n and text[end].isdecimal():
        end += 1
    if end == slash + 1 or end - slash - 1 > _MAX_FRACTION_DIGITS + 1:
        return None
    if end + 1 < n and text[end] in _SLASHES and text[end + 1].isdecimal():
        return None  # 5/12/2023 is a date
    num, den = int(_fold(text[pos:slash])), int(_fold(text[slash + 1 : end]))
    if not 0 < num < den:
        return None  # 24/7, 2022/23
    return num / den, end


# --- Chinese and Japanese numerals -------------------------------------------------------

_DIGIT_CHARS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "壱": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "弐": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_TWO = {"两": 2, "兩": 2}  # 2 before a unit, never in a string of digits
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_POINT = frozenset("点點")
_NEGATIVE = frozenset("负負")
_ZEROS = frozenset("零〇")
_NUMERAL: dict[str, tuple[str, int]] = (
    {ch: ("d", v) for ch, v in (_DIGIT_CHARS | _TWO).items()}
    | {ch: ("s", v) for ch, v in _SMALL.items()}
    | {ch: ("b", v) for ch, v in _BIG.items()}
)
_CJK_START = frozenset(_DIGIT_CHARS) | frozenset(_TWO) | frozenset(_SMALL) | _NEGATIVE
_PER_NAMES = {
    100: "percent",
    1000: "per mille",
    10**4: "per ten thousand",
    10**6: "per million",
}
"""The rates 百分之, 千分之, 万分之 and 百万分之 by name; any other is "per <denominator>"."""
_PER_SMALL = {"百": 100, "佰": 100, "千": 1000, "仟": 1000, "十": 10, "拾": 10}
_PER_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_MAX_PER_WORD = 5  # characters of a rate's denominator: 百万万 (10^10) has 3


def _per_denominator(word: str) -> int | None:
    """The denominator a rate's word names (百 100, 千万 10^7, 万万 10^8, 百万万 10^10).

    A power of ten of at least a hundred, written as units alone: at most one of 十 百 千
    first, then 万 or 亿 each no smaller than the one before. None for anything else.
    """
    if not word or len(word) > _MAX_PER_WORD:
        return None
    denominator = _PER_SMALL.get(word[0], 1)
    last = 1
    for ch in word[1:] if denominator > 1 else word:
        big = _PER_BIG.get(ch)
        if big is None or big < last:
            return None
        denominator, last = denominator * big, big
    return denominator if denominator >= 100 else None


def per_denominator(kind: str) -> int:
    """The denominator of a rate read_per names: 100 for "percent", 10^7 for "per 10000000"."""
    for denominator, name in _PER_NAMES.items():
        if name == kind:
            return denominator
    return int(kind.removeprefix("per "))


_MAX_INT = 10**300
_MAX_WORD = 64  # characters: a longer numeral, or a longer run of digits before ½, is no figure


def _numeral_char(ch: str) -> bool:
    return ch in _NUMERAL or ch.isdecimal()


def _more_digits(text: str, pos: int) -> bool:
    """Whether a separator and more digits follow (2億3,000万: not read as a numeral)."""
    return pos + 1 < len(text) and text[pos] in ",.'’，．" and text[pos + 1].isdecimal()


def _thousands_group(text: str, comma: int) -> bool:
    """Whether three digits and a big unit follow the comma at ``comma`` (2,000億, 3,000万)."""
    group = text[comma + 1 : comma + 4]
    return (
        len(group) == 3
        and group.isdecimal()
        and text[comma - 1 : comma].isdecimal()
        and text[comma + 4 : comma + 5] in _BIG
    )


def _numeral_end(text: str, pos: int, mixed: bool) -> int:
    """Where the numeral's digits and units from ``pos`` end."""
    n = len(text)
    start = pos
    while pos < n and (text[pos] in _NUMERAL or (mixed and text[pos].isdecimal())):
        follows = text[pos + 1] if pos + 1 < n else ""
        if mixed and follows == "," and _thousands_group(text, pos + 1):
            pos += 2  # 1兆2,000億: a group separator inside the digits before a unit
            continue
        if text[pos] == "两" and pos > start and follows not in _SMALL and follows not in _BIG:
            return pos  # 三十两: thirty liang (两 the unit); 两 is two only before a unit
        if text[pos] in _BIG and follows in _SMALL:
            return pos + 1  # 五千万千瓦: 千瓦 after 万 is kilowatts, not a thousand
        pos += 1
    return pos


def _atoms(word: str) -> list[tuple[str, int]]:
    """The numeral's digits and units; a run of digits (3000 in 2億3000万) is one atom."""
    atoms: list[tuple[str, int]] = []
    pos, n = 0, len(word)
    while pos < n:
        if word[pos] in _NUMERAL:
            atoms.append(_NUMERAL[word[pos]])
            pos += 1
            continue
        stop = pos
        while stop < n and word[stop] not in _NUMERAL:
            stop += 1
        atoms.append(("a", int(_fold(word[pos:stop]))))
        pos = stop
    return atoms


def _positional(word: str) -> int | None:
    """Digits one after another (二〇二三): a year or code, read digit by digit."""
    if len(word) == 1:
        return (_DIGIT_CHARS | _TWO)[word]
    if any(ch in _TWO for ch in word):
        return None
    if len(word) >= 4 or any(ch in _ZEROS for ch in word):
        return int("".join(str(_DIGIT_CHARS[ch]) for ch in word))
    return None  # 三五, 七八: "three or five", not 35


def _with_units(atoms: list[tuple[str, int]]) -> int | None:
    """A numeral with units (两千三百, 三万五千, 一亿两千万) as an int; None if malformed."""
    total = section = last_unit = last_big = top = 0
    digit: int | None = None
    last_small = 10_000
    after_unit = colloquial = False
    previous = ""
    for kind, v in atoms:
        if kind in "da":
            if digit:
                return None  # 十四五: two digits in a row name a plan, not a number
            colloquial, digit, after_unit = after_unit and kind == "d", v, False
        elif kind == "s":
            if v >= last_small:
                return None
            section += (digit or 1) * v
            digit, last_small, last_unit, after_unit = None, v, v, True
        else:
            big = section + (digit or 0)
            if big == 0 and not (previous == "b" and v > top):
                return None
            if v < last_big:
                total += big * v
            elif v > top:
                total = (total + big) * v
            else:
                return None
            section, digit, last_small, last_unit, after_unit = 0, None, 10_000, v, True
            last_big, top = v, max(top, v)
        previous = kind
    if digit:
        section += digit * (last_unit // 10) if colloquial and last_unit >= 100 else digit
    return total + section


@lru_cache(maxsize=4096)
def _numeral_value(word: str) -> int | None:
    """The whole numeral as an int (big units at its end included); None if malformed."""
    if len(word) > _MAX_WORD:
        return None
    atoms = _atoms(word)
    positional = all(kind == "d" for kind, _ in atoms)
    whole = _positional(word) if positional else _with_units(atoms)
    return None if whole is None or whole > _MAX_INT else whole


def _read_cjk(text: str, start: int, negative: bool = False, mixed: bool = False) -> Number | None:
    """A Chinese or Japanese numeral; big units (万, 亿) at its end are left for the caller."""
    pos = start
    if not mixed and text[pos] in _NEGATIVE:
        negative, pos = True, pos + 1
    end = _numeral_end(text, pos, mixed)
    if end == pos or (mixed and _more_digits(text, end)):
        return None
    if text.startswith("分之", end):
        return _read_cjk_fraction(text, start, pos, end, negative)
    keep, scale = end, 1
    while keep > pos and text[keep - 1] in _BIG:
        keep -= 1
        scale *= _BIG[text[keep]]
    whole = _numeral_value(text[pos:end].replace(",", "")) if keep > pos else None
    if whole is None:
        return None
    sign = "-" if negative else ""
    if scale > 1:
        value = whole // scale if whole % scale == 0 else whole / scale
    else:
        value = whole
        decimal = _read_point(text, end)
        if decimal is not None:
            frac, stop = decimal
            number = float(f"{sign}{whole}.{frac}")
            return Number(number, len(frac), text[start:stop], False, stop)
    digits = f"{sign}{value}" if mixed else text[start:keep]
    return Number(float(-value if negative else value), 0, digits, not mixed, keep)


def _read_point(text: str, pos: int) -> tuple[str, int] | None:
    """The digits after 点 (三点一四), and where they end."""
    if pos >= len(text) or text[pos] not in _POINT:
        return None
    end = pos + 1
    while end < len(text) and text[end] in _DIGIT_CHARS:
        end += 1
    if end == pos + 1:
        return None
    return "".join(str(_DIGIT_CHARS[ch]) for ch in text[pos + 1 : end]), end


def _read_cjk_fraction(text: str, start: int, pos: int, end: int, negative: bool) -> Number | None:
    """三分之一: one third. 百分之, 千分之 and 万分之 are not numbers but rates (read_per)."""
    word = text[pos:end]
    if _per_denominator(word) is not None or not all(ch in _NUMERAL for ch in word):
        return None
    den = _numeral_value(word)
    num_at = end + 2
    if not den or num_at >= len(text) or text[num_at] not in _CJK_START:
        return None
    num = _read_cjk(text, num_at)
    if num is None or num.value < 0:
        return None
    value = num.value / den
    return Number(-value if negative else value, 0, text[start : num.end], True, num.end)


# --- English number words ----------------------------------------------------------------

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
}
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth".split())
_ARTICLES = frozenset({"a", "an"})
_WORDS = (
    frozenset(_UNITS)
    | frozenset(_TENS)
    | frozenset(_SCALE_WORDS)
    | frozenset(_DENOMINATORS)
    | _ARTICLES
    | frozenset({"hundred", "and", "dozen"})
)
_MAX_WORDS = 24


@dataclass(frozen=True, slots=True)
class _Word:
    word: str  # lower case
    end: int
    hyphen: bool  # joined to the word before by a hyphen


def _words(text: str, pos: int) -> list[_Word]:
    """Number words from ``pos``, joined by white space or one hyphen; then one more word."""
    n = len(text)
    words: list[_Word] = []
    hyphen = False
    while len(words) < _MAX_WORDS:
        end = pos
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        if end == pos:
            break
        word = text[pos:end].lower()
        words.append(_Word(word, end, hyphen))
        if word not in _WORDS or end >= n:
            break
        hyphen = text[end] == "-"
        pos = end + 1 if hyphen else end
        while not hyphen and pos < n and text[pos].isspace():
            pos += 1
        if pos == end:
            break
    return words


@dataclass(frozen=True, slots=True)
class _Phrase:
    value: float
    end: int
    next: int  # index of the first word not read
    state: str  # what the last word read was: unit, teen, tens, hundred
    count: int  # words read


def _integer(
    words: list[_Word], k: int, section: int = 0, state: str = "", end: int = -1
) -> _Phrase | None:
    """A whole number in words from word ``k``; stops before a scale word that ends it."""
    total, last_scale, first = 0, math.inf, k
    while k < len(words):
        word = words[k].word
        if word in _UNITS:
            v = _UNITS[word]
            if state in ("unit", "teen") or (v == 0 and state) or (state == "tens" and v >= 10):
                break
            section += v
            state = "teen" if v >= 10 else "unit"
        elif word in _TENS:
            if state in ("unit", "teen", "tens"):
                break
            section += _TENS[word]
            state = "tens"
        elif word == "hundred":
            if state not in ("unit", "teen") or not 0 < section < 100:
                break
            section *= 100
            state = "hundred"
        elif word == "and":
            if state not in ("hundred", "scale") or not _goes_on(words, k + 1, after_and=True):
                break
            k += 1
            continue
        elif word in _SCALE_WORDS:
            scale = _SCALE_WORDS[word]
            if section == 0 or state == "scale" or scale >= last_scale:
                break
            if not _goes_on(words, k + 1):
                return _Phrase(total / scale + section, end, k, state, k - first)
            total, section, last_scale, state = total + section * scale, 0, scale, "scale"
        else:
            break
        end = words[k].end
        k += 1
    if not state:
        return None
    return _Phrase(float(total + section), end, k, state, k - first)


def _goes_on(words: list[_Word], k: int, after_and: bool = False) -> bool:
    """Whether word ``k`` continues a number after a scale word or "and"."""
    if k >= len(words):
        return False
    word = words[k].word
    if word == "and" and not after_and:
        return _goes_on(words, k + 1, after_and=True)
    if not (word in _TENS or _UNITS.get(word, 0) > 0):
        return False
    if after_and:  # "between two hundred and three hundred": "and" is not in the number
        k += 2 if word in _TENS and k + 1 < len(words) and words[k + 1].word in _UNITS else 1
        return k >= len(words) or words[k].word != "hundred"
    return True


def _fraction_word(words: list[_Word], k: int) -> tuple[float, int] | None:
    """ "a half", "three quarters", "two-thirds" at word ``k``: value and next word index."""
    if k + 1 >= len(words) or words[k + 1].word not in _DENOMINATORS:
        return None
    head = words[k].word
    num = 1 if head in _ARTICLES else _UNITS.get(head, 0)
    if not 0 < num < 10:
        return None
    return num / _DENOMINATORS[words[k + 1].word], k + 2


def _suffix(words: list[_Word], phrase: _Phrase) -> tuple[float, int]:
    """The phrase read on: "two dozen", "two thirds", "one and a half"."""
    k, value = phrase.next, phrase.value
    if k >= len(words):
        return value, phrase.end
    word = words[k].word
    if word == "dozen" and phrase.state in ("unit", "teen", "tens") and value < 100:
        return value * 12, words[k].end
    if phrase.count == 1 and phrase.state == "unit":
        fraction = _fraction_word(words, k - 1)
        if fraction is not None:
            return fraction[0], words[fraction[1] - 1].end
    if word == "and":
        fraction = _fraction_word(words, k + 1)
        if fraction is not None:
            return value + fraction[0], words[fraction[1] - 1].end
    return value, phrase.end


def _after_article(words: list[_Word]) -> tuple[float, int] | None:
    """ "a hundred", "a thousand" (1, before the scale word), "a dozen", "a quarter"."""
    if len(words) < 2:
        return None
    word = words[1].word
    if word == "dozen":
        return 12.0, words[1].end
    fraction = _fraction_word(words, 0)
    if fraction is not None:
        return fraction[0], words[1].end
    if word == "hundred" or word in _SCALE_WORDS:
        phrase = _integer(words, 1, section=1, state="unit", end=words[0].end)
        return None if phrase is None else _suffix(words, phrase)
    return None


def _after_half(words: list[_Word]) -> tuple[float, int]:
    """ "half a million" (0.5, before the scale word), "half a dozen", "half"."""
    if len(words) >= 2 and words[1].word in _ARTICLES:
        if len(words) >= 3 and words[2].word == "dozen":
            return 6.0, words[2].end
        if len(words) >= 3 and words[2].word == "hundred":
            return 50.0, words[2].end
        return 0.5, words[1].end
    return 0.5, words[0].end


def _read_words(text: str, start: int) -> Number | None:
    """English number words at ``start``."""
    words = _words(text, start)
    if not words or words[0].word not in _WORDS:
        return None
    first = words[0].word
    if first in _ARTICLES:
        read = _after_article(words)
    elif first == "half":
        read = _after_half(words)
    elif first == "dozen":
        read = 12.0, words[0].end
    else:
        phrase = _integer(words, 0)
        read = None if phrase is None else _suffix(words, phrase)
    if read is None:
        return None
    value, end = read
    stop = next((w for w in words if w.end > end), None)
    if stop is not None and stop.hyphen and stop.word in _ORDINALS:
        return None  # twenty-first is an ordinal
    return Number(value, 0, text[start:end], True, end)


# --- public ------------------------------------------------------------------------------


def _read_at(text: str, pos: int, lang: str | None) -> Number | None:
    conventions = _UNDECLARED if lang is None else _language(lang)
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return None
    ch = text[pos]
    if ch.isdecimal() or ch in _SIGNS or ch in conventions.leading_marks or ch in _VULGAR:
        return _read_digits(text, pos, conventions)
    if ch in _CJK_START:
        return _read_cjk(text, pos)
    if ch.isascii() and ch.isalpha():
        return _read_words(text, pos)
    return None


def read_number(text: str, lang: str | None = None) -> Number | None:
    """The number at the start of ``text`` (after optional white space), or None.

    ``lang`` is the BCP 47 tag of the language the text is written in; it decides the
    decimal mark and thousands separators. Without it, English conventions are read,
    and forms only another convention allows ("1.234.567", "12,5") in that convention;
    "1.500", which English and German read differently, raises :class:`AmbiguousNumber`.
    An unknown ``lang`` raises ValueError.
    """
    return _read_at(text, 0, lang)


def read_per(text: str, lang: str | None = None) -> tuple[Number, str] | None:
    """A rate written 百分之X, 千分之X, 万分之X or 千万分之X: the number X and the rate's
    name ("percent", "per mille", "per ten thousand", "per million", or "per <n>" for
    another power of ten, see `per_denominator`); None when the text does not start with one.
    """
    pos = 0
    while pos < len(text) and text[pos].isspace():
        pos += 1
    at = text.find("分之", pos, pos + _MAX_PER_WORD + 2)
    denominator = _per_denominator(text[pos:at]) if at > pos else None
    if denominator is not None:
        number = _read_at(text, at + 2, lang)
        kind = _PER_NAMES.get(denominator, f"per {denominator}")
        return None if number is None else (number, kind)
    if lang is not None:
        _language(lang)
    return None
