"""Find the quantities in plain text, English and Chinese, with the parser `check` uses.

Every number of a sentence is read as the longest phrase around it that the value
parser accepts: a qualifier or currency before it, a scale word and unit after it
("more than 1 trillion yuan", "$3.09 trillion", "1288.8万辆"). Years, dates, list
numbers, identifiers ("5G", "COVID-19") and ordinals in names ("15th Five-Year
Plan") are not quantities; brackets are never negative signs.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from nqpf_check.quantities.chinese import HAS_CJK, fold
from nqpf_check.quantities.numbers import decimal_mark
from nqpf_check.quantities.scales import AMBIGUOUS_SCALES
from nqpf_check.quantities.units import (
    VOCABULARY_CACHES,
    UnitError,
    ambiguous_unit,
    resolve_unit,
)
from nqpf_check.quantities.values import (
    CURRENCY_SIGNS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    Value,
    ValueParseError,
    negated,
    normalize,
    parse_value,
)


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a text, with where it stands."""

    text: str
    start: int
    end: int
    value: Value
    noun: str | None  # a count noun a few words after a bare number ("10 major ... centres")
    sentence: str
    sentence_start: int


MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|(?<=[。！？；])|\n\s*\n")
_WORDS = "|".join(
    sorted(
        {*NUMBER_WORDS, *ORDINAL_WORDS, "half", "third", "thirds", "quarter"},
        key=len,
        reverse=True,
    )
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGIT_WORDS = "(?:one|two|three|four|five|six|seven|eight|nine)"
"""The second word of "twenty-two"; a hyphen before a unit word is adjectival ("six-mile")."""
_CN_START = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"
"""The characters a Chinese numeral starts with (after `shadow`: traditional ones folded)."""
_CN_GOES_ON = _CN_START + "万亿兆点"
_CN_AFTER = (
    "个项家年位名成倍种条台辆套座次人户所折美欧日英韩港台元块吨米克升瓦度亩斤公千毫厘分秒"
    "小天周月%％两比字"
)
"""What may follow a Chinese numeral for it to be a quantity (a unit, a count word)."""
_NOT_AFTER_CN = "".join(rf"(?<![{_CN_GOES_ON}]\s{{{k}}})" for k in range(4))
"""Not inside a numeral: its characters may stand up to three spaces apart (一 百 五 十)."""
_CN_SPACE = r"\s{0,3}"
_ON_SALE = "(?:优惠|出售|销售|促销|甩卖|特价)"
"""对折 is a discount after 打 or before a word of sale; alone it may be folding in half."""
_MIXED = r"\d{1,4}(?:[兆亿億万萬](?:\d{1,3}(?:,\d{3})+|\d+))+[兆亿億万萬]?"
"""Digits with big units between them, read as one number: 1兆2,000億, 2億3000万."""
_FIRST_LETTERS = "".join(sorted({w[0].lower() for w in _WORDS.split("|")} | {"o", "t"}))
_CN_FIRST = "".join(sorted(set(_CN_START + "十百千万亿拾佰仟一二三四五六七八九十负对半")))
_FIRST = rf"(?=[\d.+\-{_CN_FIRST}]|(?<![\w-])[{_FIRST_LETTERS}])"
"""The characters a number starts with, tested first: most characters of a text start none,
and one test each is quicker than every way a number may start."""
_NUMBER = re.compile(
    rf"{_FIRST}(?:(?<![A-Za-z0-9_.,:%/-]){_MIXED}"
    rf"|(?<![\w.,:%/-])(?<!/\s)[-+]?(?:\d+(?:/|\s\d{{1,3}}/)\d{{1,4}}(?![\d/])|{_DIGITS})"
    r"|(?<![\w.])\.\d+"
    rf"|(?<=RMB|USD|CNY|EUR){_DIGITS}"
    r"|(?<![\w-])(?:one|two|three)-(?:thirds?|quarters?|fifths?|tenths?)(?![\w-])"
    rf"|(?<![\w-])(?:{_WORDS})(?:-{_DIGIT_WORDS})?(?!\w)(?!-(?:{_WORDS})\b)"
    rf"|(?<=[\u4e00-\u9fff])[-+]?{_DIGITS}"
    rf"|(?<=[\u4e00-\u9fff][,、])[-+]?{_DIGITS}"
    rf"|[十百千万亿拾佰仟]{{1,4}}{_CN_SPACE}分{_CN_SPACE}之{_CN_SPACE}"
    rf"(?:[{_CN_START}点](?:{_CN_SPACE}[{_CN_GOES_ON}])*"
    rf"|[0-9]+(?:[.,][0-9]+)*(?:\s?[kK](?![A-Za-z]))?)"
    r"|[一二三四五六七八九十]分之[一二三四五六七八九十]|一半"
    rf"|{_NOT_AFTER_CN}(?<!第)负?[{_CN_START}](?:{_CN_SPACE}[{_CN_GOES_ON}])*"
    rf"(?=\s{{0,8}}[{_CN_AFTER}])"
    rf"|(?<=打)[对半](?={_CN_SPACE}折)|[对半](?={_CN_SPACE}折{_CN_SPACE}{_ON_SALE})"
    rf"|半(?={_CN_SPACE}成)"
    r"|(?<=第)[一二三四五六七八九十]+(?=[位名]))",
    re.IGNORECASE,
)
_COMMA_DIGITS = r"(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?"


@cache
def _number_comma() -> re.Pattern[str]:
    """The number starts of a text in a language with a decimal comma: "8,1", "1.234,5"
    (compiled when first needed: the pattern is large)."""
    return re.compile(_NUMBER.pattern.replace(_DIGITS, _COMMA_DIGITS), re.IGNORECASE)


def _number_starts(lang: str | None) -> re.Pattern[str]:
    """The pattern of number starts for the language's decimal mark."""
    return _number_comma() if decimal_mark(lang) == "," else _NUMBER


_DECREASE_BEFORE = re.compile(
    r"(?=[fdsclp下减降回收])"  # the first letters, tested first: a search through a window
    r"(?:\b(?:fell|fall|falls|falling|dropped|drop|drops|declined|decline|declines|decreased|"
    r"decrease|decreases|down|shrank|shrunk|contracted|cut|lowered|slid|slumped|plunged|"
    r"plummeted)(?:\s+by)?|下降|减少|降低|下跌|回落|下调|收窄)\s*$",
    re.IGNORECASE,
)
_DECREASE_AFTER = re.compile(r"\s*(?:lower|less|down)\b(?!\s+to)", re.IGNORECASE)
_WORD_CHAR = r"[^\s\d,.;:!?()，。；：、（）]"
_TAIL_WORD = re.compile(
    rf"\s*+{_WORD_CHAR}{{1,64}}+(?!{_WORD_CHAR})(?:(?<=[A-Za-z])[23](?!\d))?(?:\.(?=\s+\w))?"
)
"""A word after the number; a unit's power may follow its letters ("190 km2", "24703m2"),
and an abbreviation keeps its dot when a word follows ("Mio. Euro"). A run of over 64
characters ("八折八折…", a Chinese clause) is no word of a value: each number looks at a
bounded stretch after it."""
_BRACKETED = re.compile(
    r"\s?(?:\([^\s()]{1,12}\)|\[[^\s\[\]]{1,12}\]|\{[^\s{}]{1,12}\}|<[^\s<>]{1,12}>)"
)
"""A unit in brackets right after the number: "20 (kg)", "20 [kg]"."""
_PERCENT_OF = re.compile(r"(?:percents?|per\s?cent)\s+of\s", re.IGNORECASE)
_CENTS_SAID = r"(?:and\s+)?(?:\d{1,2}|[a-z]+(?:[- ][a-z]+)?)"
_SPOKEN_CENTS = re.compile(
    rf"(?:(?:dollars?|euros?)\s+{_CENTS_SAID}|\d\s+and\s+[a-z]+(?:[- ][a-z]+)?)$", re.I
)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?]|$)")
_MONEY_TAILS = (
    re.compile(rf"\s+(?:dollars?|euros?|pounds?)\s+{_CENTS_SAID}\s+(?:cents?|pence|penny)\b", re.I),
    re.compile(rf"\s+(?:dollars?|euros?)\s+{_CENTS_SAID}(?=\s*(?:[.,;:!?]|$))", re.I),
    re.compile(r"\s+and\s+[a-z]+(?:[- ][a-z]+)?(?=\s*(?:[.,;:!?]|$))", re.I),
)
"""Money with its cents after it: "3 dollars 50 cents"; said at the end of a clause, the cents
alone: "thirteen dollars forty five.", "c $ 100 and fifty." (the value parser decides)."""
_WORD_CODE = re.compile(
    r"(?:ALL|ARM|BAD|BAN|BOB|CAD|CUP|GEL|HUF|MAD|MOP|PEN|RON|SAR|SIT|SOS|SUR|TOP|TRY|USS)"
    r"\s?\d{1,3}(?![\d.,])(?!\s*(?:thousand|million|billion|trillion|bn|mn|tn|[mkb])\b)"
)
"""An ISO code that is also an English word, before a small whole number and no scale word:
"ALL 5 solutions", "TOP 10" are not money; "TRY 5.2 billion", "CAD 1,200" are."""
_CJK_TAIL = re.compile(r"(?:\s{0,3}[\u4e00-\u9fff%％]){1,16}")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff%％]")
_SPACED_DISCOUNT = re.compile(r"\s[0-9]\s{0,3}折")
"""The second digit of a discount written "7 2 折" (72折)."""
_WINDOW = 120
"""Characters looked at before and after a number: bounded work for every number found."""
_CURRENCY_BEFORE = re.compile(
    rf"(?=[-+{CURRENCY_SIGNS}RJASUCE]|(?i:[uhcanm]))"  # the first characters, tested first
    rf"(?:(?<![\w-])[-+])?(?:(?:\b(?i:US|HK|CA|AU|NT|NZ|Mex|C) ?|\b(?:RMB|JP|[ASR]))?"
    rf"[{CURRENCY_SIGNS}]"
    r"|\b(?:RMB|USD|CNY|EUR))\s*$"
)
_CJK_BEFORE = re.compile(
    r"(?:超过|不少于|不低于|不超过|将近|接近|大约|至少|不到|不足|低于|少于|约|逾|近|超|第|前|负)$"
)
_FRACTION_WORDS = frozenset(
    {"half", "third", "thirds", "quarter", "quarters", "three", "two", "one"}
)
_WORD_GOES_ON = re.compile(
    r"(?<=成)(?:[品本为功长交立员果绩熟就都型效分]|不变)|(?<=折)(?:[合算旧扣叠射服返腾磨]|八扣)"
)
"""成 or 折 as the first character of another word: not tenths, not a discount."""
_URL_BEFORE = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
_YEAR_WORDS = re.compile(
    r"(?:in|since|by|from|to|until|of|before|after|during|end of|year)\s*$", re.IGNORECASE
)


class _OneForOne(dict[int, str]):
    """Each character's NFKC form where that is one character, else itself (filled as
    characters are met: `str.translate` looks them up in C)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        self[code] = folded if len(folded) == 1 and ch != "，" else ch
        return self[code]


_ONE_FOR_ONE = _OneForOne()
_FULL_WIDTH_GROUPS = re.compile("(?<=[０-９])，")


def shadow(text: str) -> str:
    """The text with full-width digits and signs folded, character for character; in
    Chinese, traditional numeral and unit characters too (個百分點 as 个百分点).

    A full-width comma is a thousands separator only between full-width digits
    (１１１，１１１); after other digits it is Chinese punctuation ($20，300美圆).
    """
    if text.isascii():
        return text
    folded_text = text.translate(_ONE_FOR_ONE)
    if "，" in text:
        commas = [m.start() for m in _FULL_WIDTH_GROUPS.finditer(text)]
        if commas:
            chars = list(folded_text)
            for at in commas:
                chars[at] = ","
            folded_text = "".join(chars)
    folded_text = folded_text.replace("\u2212", "-")
    return fold(folded_text) if HAS_CJK.search(folded_text) else folded_text


_ABBREVIATIONS = frozenset(
    "mio. mrd. mill. tsd. md. mds. bn. mn. bzw. ca. rd. nr. no. approx. vs. etc. mr. ms. "
    "mrs. dr. st. inc. corp. ltd. co. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. "
    "nov. dec.".split()
)
"""Words a dot ends that do not end a sentence: "1.234,5 Mio. Euro", "Apple Inc. said"."""
_LAST_WORD = re.compile(r"(?:^|[\s(])([A-Za-z]{1,6}\.)$")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text with their start offsets."""
    result, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, max(0, match.start() - 8), match.start())
        if word is not None and word.group(1).lower() in _ABBREVIATIONS:
            continue  # "Mio. Euro": an abbreviation, not the end of a sentence
        chunk = text[start : match.start()] if match.start() > start else ""
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            result.append((start + lead, chunk.strip()))
        start = match.end()
    chunk = text[start:]
    if chunk.strip():
        result.append((start + len(chunk) - len(chunk.lstrip()), chunk.strip()))
    return result


def quantities(
    text: str, approx: float = 0.05, nearly: float = 0.05, lang: str | None = None
) -> list[Quantity]:
    """Every quantity of the text, in order; ``lang`` is how it writes numbers (None: English)."""
    found: list[Quantity] = []
    for offset, sentence in sentences(text):
        found.extend(_in_sentence(sentence, offset, approx, nearly, lang))
    return found


def readings(
    text: str, approx: float = 0.05, nearly: float = 0.05, lang: str | None = None
) -> list[Value]:
    """The value every number phrase of ``text`` reads as, each phrase taken whole.

    Unlike `quantities`, nothing is left out (years, dates and names read as what
    they say): the `quote` rule asks whether any phrase reads as a claim's value.
    """
    return list(each_reading(text, approx, nearly, lang))


def count_numbers(text: str, lang: str | None = None, stop: int | None = None) -> int:
    """How many places in ``text`` a number may start (a cheap scan; up to ``stop``)."""
    count = 0
    for _ in _number_starts(lang).finditer(shadow(text)):
        count += 1
        if stop is not None and count >= stop:
            break
    return count


def each_reading(
    text: str, approx: float = 0.05, nearly: float = 0.05, lang: str | None = None
) -> Iterator[Value]:
    """`readings` one at a time: who looks for one value stops when it is found."""
    folded = shadow(text)
    taken_until = -1
    for match in _number_starts(lang).finditer(folded):
        if match.start() < taken_until:
            continue
        reading = _read(folded, match, approx, nearly, lang, max(taken_until, 0))
        if reading is None or reading[0] < taken_until:
            continue
        yield reading[2]
        taken_until = reading[1]


def _in_sentence(
    sentence: str, offset: int, approx: float, nearly: float, lang: str | None = None
) -> list[Quantity]:
    folded = shadow(sentence)
    result: list[Quantity] = []
    taken_until = -1
    for match in _number_starts(lang).finditer(folded):
        if match.start() < taken_until:
            continue
        reading = _read(folded, match, approx, nearly, lang, floor=max(taken_until, 0))
        if reading is None:
            continue
        start, end, value = reading
        if start < taken_until:
            continue
        if _not_a_quantity(folded, match, start, end, value):
            taken_until = max(taken_until, end)  # a number inside a phrase judged already
            continue
        noun = (
            _noun_after(folded, end)
            if value.unit.name == "item" and not value.unit.symbol
            else None
        )
        word = match.group(0).lower().split("-")[0]
        if (
            word in NUMBER_WORDS
            and value.unit.name == "item"
            and not value.unit.symbol
            and (noun is None or word == "one")
        ):
            continue  # "one of the", "Two Sessions": a number word needs a noun
        if noun is not None and _is_unit(noun) and resolve_unit(noun).name != "item":
            # "four consecutive years": the value takes the unit word
            with_noun = _value_of(f"{sentence[start:end]} {noun}", approx, nearly, lang)
            if with_noun is None:
                noun = None
            else:
                value = with_noun
        if (
            value.number > 0
            and value.unit.name != "rank"
            and (
                _DECREASE_BEFORE.search(folded[max(0, start - _WINDOW) : start])
                or _DECREASE_AFTER.match(folded, end)
            )
        ):
            value = negated(value)  # "fell 2.3 percent", "0.1 percentage points lower"
        result.append(
            Quantity(
                sentence[start:end], offset + start, offset + end, value, noun, sentence, offset
            )
        )
        taken_until = end
    return _share_nouns(result, folded, offset)


def _share_nouns(found: list[Quantity], text: str, offset: int) -> list[Quantity]:
    """ "12.88 million and 12.86 million vehicles": the first takes the second's noun."""
    result = list(found)
    for i in range(len(result) - 2, -1, -1):
        a, b = result[i], result[i + 1]
        between = text[a.end - offset : b.start - offset]
        if (
            a.noun is None
            and b.noun
            and not a.value.unit.symbol
            and a.value.unit.name == "item"
            and re.fullmatch(r"\s*(?:,|and|or|to|,\s*and)\s*", between)
        ):
            result[i] = Quantity(
                a.text, a.start, a.end, a.value, b.noun, a.sentence, a.sentence_start
            )
    return result


def _read(
    text: str,
    match: re.Match[str],
    approx: float,
    nearly: float,
    lang: str | None = None,
    floor: int = 0,
) -> tuple[int, int, Value] | None:
    """The widest phrase around the number that reads as a value, starting at ``floor`` or
    after (where the quantity before it ends: "20 kg and 30 kg" is two). None for a number
    that goes on in a form not read here ("8,1" in English, "3.5" in German, 1.2.3): never a
    part of a number."""
    if _GOES_ON.match(text, match.end()):
        return None
    low = max(0, match.start() - _WINDOW)
    before = text[low : match.start()]
    starts = _word_starts(text, low, match.start())
    for pattern in (_CURRENCY_BEFORE, _CJK_BEFORE):
        if found := pattern.search(before):
            starts.append(low + found.start())
    starts = [*sorted(x for x in set(starts) if x >= floor), match.start()]
    ends = [match.end()]
    position = match.end()
    range_tail = _range_tail(text, position, match, lang)
    if range_tail:
        position = range_tail.end()
        ends.append(position)
    bracketed = _BRACKETED.match(text, position)
    if bracketed:
        ends.append(bracketed.end())
    ends += [m.end() for pattern in _MONEY_TAILS if (m := pattern.match(text, match.end()))]
    cjk = _CJK_TAIL.match(text, position)
    if cjk:
        ends += [position + char.end() for char in _CJK_CHAR.finditer(cjk.group(0))]
    ends += _ends_inside(text, match)
    for _ in range(4):
        word = _TAIL_WORD.match(text, position)
        if not word:
            break
        position = word.end()
        ends.append(position)
        if text[position - 1] == ".":  # "yuan. The": the dot may end the sentence instead
            ends.append(position - 1)
    metres = _metres(text, match, approx, nearly, lang)
    if metres is not None:
        return metres
    for start in starts:
        for end in sorted(set(ends), reverse=True):
            phrase = text[start:end].strip(" ,;:")
            if phrase[:1] in "-+" and phrase[1:2].isspace():
                break  # "md . - - $ 75 million": a dash set apart is no sign
            if not _may_read(text, start, end, phrase):
                continue
            value = _value_of(phrase, approx, nearly, lang)
            if value is None or value.change:
                continue  # the direction word stays outside the phrase; callers weigh it
            if _SPOKEN_CENTS.search(phrase) and not _CLAUSE_END.match(text, end):
                continue  # "one dollar and one and ...", "5 dollars and three friends"
            lead = len(text[start:end]) - len(text[start:end].lstrip(" ,;:"))
            return start + lead, start + lead + len(phrase), value
    return None


def _word_starts(text: str, low: int, pos: int, count: int = 3) -> list[int]:
    """Where the last one, two and three words before ``pos`` start, each word followed by
    white space (up to ``low``: a word running past it starts there)."""
    starts: list[int] = []
    for _ in range(count):
        space = pos
        while space > low and text[space - 1].isspace():
            space -= 1
        word = space
        while word > low and not text[word - 1].isspace():
            word -= 1
        if space == pos or word == space:
            break
        starts.append(word)
        pos = word
    return starts


_UNIT_CHARS = frozenset("十百千万亿拾佰仟")


def _ends_inside(text: str, match: re.Match[str]) -> list[int]:
    """A shorter end of a number: a rate before a word that starts with a numeral's unit
    (百分之七十|百分位, never 百分之二|三十), or a spaced discount (7 2 折)."""
    word = match.group(0)
    at = word.find("分之")
    if at > 0 and len(word) > at + 3 and word[-1] in _UNIT_CHARS:
        return [match.end() - 1]  # the 百 of 百分位 is not the rate's
    if len(word) == 1 and word.isdigit():
        discount = _SPACED_DISCOUNT.match(text, match.end())
        return [discount.end()] if discount else []
    return []


_M_AFTER = re.compile(r"\s?m(?![\w²³])")
_LENGTH_JOIN = r"(?:[x×*=]|by|equals|is equal to)"
_LENGTH_AFTER = re.compile(
    rf"\s?m\s*{_LENGTH_JOIN}\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>[A-Za-z]+)\b"
)
_LENGTH_BEFORE = re.compile(
    rf"(?<![\d,.])(?P<number>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>[A-Za-z]+)\s*{_LENGTH_JOIN}\s*$"
)


def _metres(
    text: str, match: re.Match[str], approx: float, nearly: float, lang: str | None
) -> tuple[int, int, Value] | None:
    """ "1 m x 1 m", "1m is equal to 10 dm": an m that another length it is multiplied by or
    equal to shows to be metres (alone, "5m" may be 5 million: it is refused)."""
    sign = _M_AFTER.match(text, match.end())
    if (
        sign is None
        or not match.group(0)[:1].isdigit()
        or _CURRENCY_BEFORE.search(text, max(0, match.start() - _WINDOW), match.start())
    ):
        return None  # "$5m x 3m" is money
    after = _LENGTH_AFTER.match(text, match.end())
    before = _LENGTH_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if before is not None and _CURRENCY_BEFORE.search(
        text, max(0, before.start() - 8), before.start()
    ):
        before = None
    other = after or before
    if other is None or not (other["unit"] == "m" or _is_length(other["unit"])):
        return None
    value = _value_of(f"{match.group(0)} metres", approx, nearly, lang)
    if value is None:
        return None
    return (
        match.start(),
        sign.end(),
        dataclasses.replace(value, text=text[match.start() : sign.end()]),
    )


def _is_length(word: str) -> bool:
    try:
        return resolve_unit(word).dimension == "[length]"
    except UnitError:
        return False


_SPACES = re.compile(r"\s*+")
_END_MARKS = re.compile(r"[ .!?]*+")


def _may_read(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether a phrase may be read at all, for what stands around it in the sentence."""
    if phrase.endswith('"') and bisect_left(_quote_marks(text), start) % 2:
        return False  # the closing quote of '"top 10"' is no inch sign; '10 " long' is
    if _WORD_CODE.match(phrase):
        return False
    if phrase[:1] in "pP" and _PERCENT_OF.match(phrase):
        # "percent of 10" is 10 % only standing alone ("a large percent of 10,000 people")
        return bool(_SPACES.fullmatch(text, 0, start) and _END_MARKS.fullmatch(text, end))
    return True


@lru_cache(maxsize=4)
def _quote_marks(text: str) -> list[int]:
    """Where the double quotes of a text stand, found once for all its numbers."""
    return [m.start() for m in re.finditer('"', text)]


_RANGE_SEPARATOR = r"(?<!\s)\s*+(?:-|–|to|and|bis|à|a|至|~)\s*+"
_RANGE_TAIL = re.compile(_RANGE_SEPARATOR + r"(\d[\d,]*+(?:\.\d+)?)")
_RANGE_TAIL_COMMA = re.compile(_RANGE_SEPARATOR + r"(\d[\d.]*+(?:,\d+)?)")


def _range_tail(
    text: str, position: int, match: re.Match[str], lang: str | None = None
) -> re.Match[str] | None:
    """ "-4", " to 4", " and 4" after a number, when the second number is not smaller."""
    comma = decimal_mark(lang) == ","
    tail = (_RANGE_TAIL_COMMA if comma else _RANGE_TAIL).match(text, position)
    if tail is None:
        return None

    def plain(number: str) -> float:
        if comma:
            number = re.sub(r"[. \u00a0\u202f]", "", number).replace(",", ".")
        return float(number.replace(",", ""))

    try:
        first, second = plain(match.group(0)), plain(tail.group(1))
    except ValueError:
        return None
    return tail if second >= first else None


@lru_cache(maxsize=65536)
def _value_of(phrase: str, approx: float, nearly: float, lang: str | None = None) -> Value | None:
    """The value parser, cached, None for a phrase it does not read: an article repeats its
    phrases, and most phrases tried around a number are not values."""
    try:
        return parse_value(phrase, approx, nearly, lang)
    except ValueParseError:
        return None


def _not_a_quantity(text: str, match: re.Match[str], start: int, end: int, value: Value) -> bool:
    """Years, dates, list numbers, identifiers and ordinals in names."""
    digits = match.group(0)
    after = text[match.end() : match.end() + _WINDOW]
    cut = match.start() > _WINDOW  # "\x00" marks a cut: the sentence starts further back
    before = ("\x00" if cut else "") + text[max(0, match.start() - _WINDOW) : match.start()]
    plain = value.unit.name == "item" and value.scale == 1 and value.qualifier is None
    # 百分之6酒精含量: the rate's word stands before its number; 千分之一秒 is a fraction of a unit
    rate = "分之" in digits and after[:1] not in _CN_AFTER
    if after[:1].isalpha() and not after[:1].isspace() and end == match.end() and not rate:
        return True  # 5G, 4K: a number glued to letters it does not read as
    glued = text[end - 1 : end + 1]
    if end > match.end() and glued.isascii() and glued[1:].isalnum():
        return True  # 24703L202, 46"N: a unit symbol inside a longer token (4人民币5美元 is two)
    if (
        value.unit.name == "item"
        and not value.unit.symbol
        and (
            _unreadable_unit_after(text[end : end + 40])
            or ((sign := _LAST_TOKEN.search(before)) is not None and ambiguous_unit(sign[1]))
        )
    ):
        return True  # "100 mb", "2,204.62 pounds", "Rs 5 crore": a figure, but not a count
    if value.unit.name == "pct" and _WORD_GOES_ON.match(text, end):
        return True  # 半成品, 一成不变, 八折算: 成 and 折 begin another word
    if value.unit.name == "liang" and (_CJK_CHAR.match(text, end) or before.endswith("斤")):
        return True  # 三两下, 三两个人 (two or three), 半斤八两: not liang
    if _URL_BEFORE.search(before):
        return True  # https://www.test.com/search?q=30%25: a web address
    if re.search(r"[A-Za-z]-?$", before) and not _CURRENCY_BEFORE.search(before):
        return True  # COVID-19, Web3, A-1
    if plain and re.fullmatch(r"\d{4}", digits) and 1800 <= int(digits) <= 2100:
        return True  # a year
    if re.match(r"\s*年", after) and re.fullmatch(r"\d{4}|[〇零一二三四五六七八九]{4}", digits):
        return True  # 2023年, 二〇二三年
    if re.match(r"\s*年(?:规划|计划)", after):
        return True  # 五年规划: the Five-Year Plan
    if re.match(r"\s*[-—–~至]\s*\d{1,2}\s*月", after):
        return True  # 1—5月份: months of the year
    if re.match(r"\s*(?:月|日|号|时|点|:\d)", after) or re.match(r"/\d", after):
        return True  # 7月30日, 10:30, 3/4/2025
    if "/" in digits and (plain or "/" not in value.digits):
        return True  # 3/4 alone, 24/7, 2022/23; "1/4 mile" and "10 1/2 miles" are read
    if re.fullmatch(r"\d{4}", digits) and re.match(r"-\d{2}(?!\d)", after):
        return True  # 2024-03-31
    if re.match(r"-\d", after) and (
        value.qualifier != "range"
        or re.fullmatch(r"(?:1[89]|20)\d\d[-–](?:1[89]|20)\d\d", text[match.start() : end].strip())
    ):
        return True  # 010-85061466, 2026-2030
    if (
        value.unit.name == "item"
        and value.scale == 1
        and re.search(r"\b(?:" + "|".join(MONTHS) + r")\.?\s*$", before, re.IGNORECASE)
    ):
        return True  # March 31, July 15 to 18
    if (
        plain
        and re.match(r"\s*+,?\s*+(?:19|20)\d\d\b", after)
        and re.search(r"(?:" + "|".join(MONTHS) + r")\.?\s+\d*$", before, re.IGNORECASE)
    ):
        return True
    if digits.startswith("0") and len(digits) > 1 and "." not in digits:
        return True  # 010, 007
    if len(digits) >= 8 and digits.isdigit() and value.scale == 1:
        return True  # licence and phone numbers
    if plain and re.match(r"[.)](?:\s|$)", after) and not cut and not before.strip():
        return True  # "1. ", "2) " at the start of a sentence
    if plain and re.match(r"\s*\)", after) and (re.search(r"\(\s*$", before) or "(" not in before):
        return True  # (2); "1 ) explains ... 2 ) cautions": an enumeration
    if plain and (_CODE_BEFORE.search(before) or re.match(r"\.[A-Z]{2}\b", after)):
        return True  # (HKEX: 1211), 300750.SZ
    if plain and re.match(r"\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])", after, re.IGNORECASE):
        return True  # 10 am
    if (
        plain
        and re.search(r"\b[A-Z][a-z]+\s+$", before)
        and not re.search(
            r"(?:^|[.;:]\s*)[A-Z][a-z]+\s+$" if not cut else r"[.;:]\s*[A-Z][a-z]+\s+$", before
        )
    ):
        return True  # Level 2, Phase 3, Industry 4.0 inside a sentence
    if re.search(r"\b(?:first|last)\s+$", before, re.IGNORECASE) and (
        value.unit.name in ("month", "year", "week", "day")
        or (value.unit.name == "pct" and match.group(0).lower() in _FRACTION_WORDS)
    ):
        return True  # "the first five months", "the first half": a period, not a quantity
    if match.group(0).lower() in _FRACTION_WORDS and re.match(
        r"\s*(?:quarters?\s+)?of\s+(?:\d{4}|the year|this year|last year)",
        text[end : end + _WINDOW] or after,
    ):
        return True  # "three quarters of 2025"
    if plain and (re.match(r"\s+\d", after) or re.search(r"\d\s+$", before)):
        return True  # 111 510 510: a phone number in groups
    if plain and re.match(r"\s*(?:" + "|".join(MONTHS) + r")\b", after, re.IGNORECASE):
        return True  # 18 November 2024
    if value.unit.name == "rank":
        following = text[end : end + _WINDOW].lstrip()
        preceding = before.rstrip().lower()
        ranked = re.search(
            r"(?:rank(?:ed|s|ing)?|placed|place|No\.?|top|第)\s*$", preceding, re.IGNORECASE
        )
        if following[:1].isupper() and not ranked:
            return True  # 15th Five-Year Plan, Fourth Industrial Revolution
        inside = text[start:end].lower()
        if not re.search(r"\d", inside) and not ranked:
            return True  # "for the first time": an ordinal word needs "ranked", "ranking"
        if (
            not ranked
            and not re.search(r"第|前|top", inside)
            and not re.match(r"\s*(?:place|position|in\b|and\b|,|\.|$)", following)
        ):
            return True
    return bool(plain and re.fullmatch(r"\d{4}", digits) and _YEAR_WORDS.search(before))


_CODE_BEFORE = re.compile(r"(?<![A-Z])[A-Z]{2,}+:\s*+$")
"""A stock exchange's code before a number: "(HKEX: 1211)"."""
_NEXT_TOKEN = re.compile(r"\s*([^\s\d,.;:!?()\[\]]+)")


_GOES_ON = re.compile(r"[.,]\d")
"""A decimal mark or separator and more digits right after a number read."""
_LAST_TOKEN = re.compile(r"(?<!\S)(\S++)\s*+$")


def _unreadable_unit_after(after: str) -> bool:
    """Whether the word after a bare number is a unit refused for two readings ("pounds",
    "mb") or a scale letter that may be a unit ("1 m", "5 k"): the number is no count."""
    token = _NEXT_TOKEN.match(after)
    if token is None:
        return False
    word = token.group(1)
    return ambiguous_unit(word) or (len(word) == 1 and word.lower() in AMBIGUOUS_SCALES)


def _is_unit(word: str) -> bool:
    try:
        resolve_unit(word)
    except UnitError:
        return False
    return True


def _noun_after(text: str, end: int) -> str | None:
    """The count noun closing a short run of words after a bare number.

    "10 major national supercomputing centres" -> centres; "15 RCEP member economies" ->
    economies. The run stops at punctuation and after four words.
    """
    run = re.match(r"(?:\s+[A-Za-z][A-Za-z-]*){1,4}", text[end : end + 80])
    if not run:
        return None
    found = None
    for word in run.group(0).split():
        try:
            unit = resolve_unit(word)
        except UnitError:
            continue
        if unit.name == "item" or found is None:
            found = word
    if found is None:
        first = run.group(0).split()[0]
        if re.fullmatch(r"[a-z]{3,}s", first) and first not in ("years", "times", "was", "has"):
            return first  # "eight actions": a plural noun counts what it follows
    return found


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalized(text: str) -> str:
    """Text with full-width forms, typographic quotes and white space folded."""
    return normalize(text).translate(_TYPOGRAPHIC)


VOCABULARY_CACHES.append(_value_of.cache_clear)
