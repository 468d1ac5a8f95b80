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
from dataclasses import dataclass
from functools import lru_cache

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
_NUMBER = re.compile(
    rf"(?<![\w.,:%/-])(?<!/\s)[-+]?(?:\d+(?:/|\s\d{{1,3}}/)\d{{1,4}}(?![\d/])|{_DIGITS})"
    r"|(?<![\w.])\.\d+"
    rf"|(?<=RMB|USD|CNY|EUR){_DIGITS}"
    r"|(?<![\w-])(?:one|two|three)-(?:thirds?|quarters?|fifths?|tenths?)(?![\w-])"
    rf"|(?<![\w-])(?:{_WORDS})(?:-{_DIGIT_WORDS})?(?!\w)(?!-(?:{_WORDS})\b)"
    rf"|(?<=[\u4e00-\u9fff])[-+]?{_DIGITS}"
    r"|(?:百万|百萬|[百千万佰仟萬])分之(?:[零〇一二两三四五六七八九十百千点壹贰叁肆伍陆柒捌玖拾佰仟]+"
    r"|[0-9]+(?:[.,][0-9]+)*)"
    r"|[一二三四五六七八九十]分之[一二三四五六七八九十]|一半"
    r"|(?<![一二两三四五六七八九十百千第])[一二两三四五六七八九十百千]+"
    r"(?=[个项家年位名成倍种条台辆套座次人户所折])"
    r"|(?<![零〇一二两三四五六七八九十百千万亿第])[负]?[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿点]*"
    r"(?=[美欧日英韩港台元块吨米克升瓦度亩斤公千毫厘分秒小天周月%％折成])"
    r"|(?<=第)[一二三四五六七八九十]+(?=[位名])",
    re.IGNORECASE,
)
_COMMA_DIGITS = r"(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?"
_NUMBER_COMMA = re.compile(_NUMBER.pattern.replace(_DIGITS, _COMMA_DIGITS), re.IGNORECASE)
"""The number starts of a text in a language with a decimal comma: "8,1", "1.234,5"."""


def _number_starts(lang: str | None) -> re.Pattern[str]:
    """The pattern of number starts for the language's decimal mark."""
    return _NUMBER_COMMA if decimal_mark(lang) == "," else _NUMBER


_DECREASE_BEFORE = re.compile(
    r"(?:\b(?:fell|fall|falls|falling|dropped|drop|drops|declined|decline|declines|decreased|"
    r"decrease|decreases|down|shrank|shrunk|contracted|cut|lowered|slid|slumped|plunged|"
    r"plummeted)(?:\s+by)?|下降|减少|降低|下跌|回落|下调|收窄)\s*$",
    re.IGNORECASE,
)
_DECREASE_AFTER = re.compile(r"^\s*(?:lower|less|down)\b(?!\s+to)", re.IGNORECASE)
_TAIL_WORD = re.compile(
    r"\s*(?:[^\s\d,.;:!?()，。；：、（）]+)(?:(?<=[A-Za-z])[23](?!\d))?(?:\.(?=\s+\w))?"
)
"""A word after the number; a unit's power may follow its letters ("190 km2", "24703m2"),
and an abbreviation keeps its dot when a word follows ("Mio. Euro")."""
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
_CJK_TAIL = re.compile(r"[\u4e00-\u9fff%％]+")
_BEFORE = tuple(re.compile(rf"(?:\S+\s+){{{k}}}$") for k in (3, 2, 1))
_CURRENCY_BEFORE = re.compile(
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
_WINDOW = 200
"""Characters around a number that its reading looks at: the work per number is bounded."""
_YEAR_WORDS = re.compile(
    r"(?:in|since|by|from|to|until|of|before|after|during|end of|year)\s*$", re.IGNORECASE
)


def shadow(text: str) -> str:
    """The text with full-width digits and signs folded, character for character."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).replace("\u2212", "-")


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
    folded = shadow(text)
    found: list[Value] = []
    taken_until = -1
    for match in _number_starts(lang).finditer(folded):
        if match.start() < taken_until:
            continue
        reading = _read(folded, match, approx, nearly, lang, max(taken_until, 0))
        if reading is None or reading[0] < taken_until:
            continue
        found.append(reading[2])
        taken_until = reading[1]
    return found


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
            try:  # "four consecutive years": the value takes the unit word
                value = _parse(f"{sentence[start:end]} {noun}", approx, nearly, lang)
            except ValueParseError:
                noun = None
        if (
            value.number > 0
            and value.unit.name != "rank"
            and (_DECREASE_BEFORE.search(folded[:start]) or _DECREASE_AFTER.match(folded[end:]))
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
    after (where the quantity before it ends: "20 kg and 30 kg" is two)."""
    lo, at = max(0, match.start() - _WINDOW), match.start()
    starts = [m.start() for pattern in _BEFORE if (m := pattern.search(text, lo, at))]
    for pattern in (_CURRENCY_BEFORE, _CJK_BEFORE):
        if found := pattern.search(text, lo, at):
            starts.append(found.start())
    starts = [*sorted(x for x in set(starts) if x >= floor), match.start()]
    ends = [match.end()]
    position = match.end()
    range_tail = _range_tail(text, position, match, lang)
    if range_tail:
        position += range_tail.end()
        ends.append(position)
    bracketed = _BRACKETED.match(text, position)
    if bracketed:
        ends.append(bracketed.end())
    ends += [m.end() for pattern in _MONEY_TAILS if (m := pattern.match(text, match.end()))]
    cjk = _CJK_TAIL.match(text, position)
    if cjk:
        ends += [position + k for k in range(1, len(cjk.group(0)) + 1)]
    for _ in range(4):
        word = _TAIL_WORD.match(text, position)
        if not word:
            break
        position = word.end()
        ends.append(position)
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
            try:
                value = _parse(phrase, approx, nearly, lang)
            except ValueParseError:
                continue
            if value.change:
                continue  # the direction word stays outside the phrase; callers weigh it
            if _SPOKEN_CENTS.search(phrase) and not _CLAUSE_END.match(text, end):
                continue  # "one dollar and one and ...", "5 dollars and three friends"
            lead = len(text[start:end]) - len(text[start:end].lstrip(" ,;:"))
            return start + lead, start + lead + len(phrase), value
    return None


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
    try:
        value = _parse(f"{match.group(0)} metres", approx, nearly, lang)
    except ValueParseError:
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


def _may_read(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether a phrase may be read at all, for what stands around it in the sentence."""
    if phrase.endswith('"') and text.count('"', 0, start) % 2:
        return False  # the closing quote of '"top 10"' is no inch sign; '10 " long' is
    if _WORD_CODE.match(phrase):
        return False
    if phrase[:1] in "pP" and _PERCENT_OF.match(phrase):
        # "percent of 10" is 10 % only standing alone ("a large percent of 10,000 people")
        return not text[:start].strip() and not text[end:].strip(" .!?")
    return True


def _range_tail(
    text: str, position: int, match: re.Match[str], lang: str | None = None
) -> re.Match[str] | None:
    """ "-4", " to 4", " and 4" after a number, when the second number is not smaller."""
    comma = decimal_mark(lang) == ","
    digits = r"(\d[\d.]*(?:,\d+)?)" if comma else r"(\d[\d,]*(?:\.\d+)?)"
    tail = re.match(r"\s*(?:-|–|to|and|bis|à|a|至|~)\s*" + digits, text[position:])
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
def _parse(phrase: str, approx: float, nearly: float, lang: str | None = None) -> Value:
    """The value parser, cached: an article repeats its phrases."""
    return parse_value(phrase, approx, nearly, lang)


def _not_a_quantity(text: str, match: re.Match[str], start: int, end: int, value: Value) -> bool:
    """Years, dates, list numbers, identifiers and ordinals in names."""
    digits = match.group(0)
    after = text[match.end() : match.end() + _WINDOW]
    lo = max(0, match.start() - _WINDOW)
    before = text[lo : match.start()]
    plain = value.unit.name == "item" and value.scale == 1 and value.qualifier is None
    if after[:1].isalpha() and not after[:1].isspace() and end == match.end():
        return True  # 5G, 4K: a number glued to letters it does not read as
    glued = text[end - 1 : end + 1]
    if end > match.end() and glued.isascii() and glued[1:].isalnum():
        return True  # 24703L202, 46"N: a unit symbol inside a longer token (4人民币5美元 is two)
    if "://" in before[before.rfind(" ") + 1 :] or before[before.rfind(" ") + 1 :][:4] == "www.":
        return True  # a number inside a web address
    if (
        value.unit.name == "item"
        and not value.unit.symbol
        and _unreadable_unit_after(text[end : end + 40])
    ):
        return True  # "100 mb", "2,204.62 pounds", "1 m": a figure, but not a count
    if re.search(r"[A-Za-z]-?$", before) and not _CURRENCY_BEFORE.search(before):
        return True  # COVID-19, Web3, A-1
    if plain and re.fullmatch(r"\d{4}", digits) and 1800 <= int(digits) <= 2100:
        return True  # a year
    if re.match(r"\s*年", after) and re.fullmatch(r"\d{4}", digits) and value.scale == 1:
        return True
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
        and re.match(r"\s*,?\s*(?:19|20)\d\d\b", after)
        and re.search(r"(?:" + "|".join(MONTHS) + r")\.?\s+\d*$", before, re.IGNORECASE)
    ):
        return True
    if digits.startswith("0") and len(digits) > 1 and "." not in digits:
        return True  # 010, 007
    if len(digits) >= 8 and digits.isdigit() and value.scale == 1:
        return True  # licence and phone numbers
    if plain and re.match(r"[.)](?:\s|$)", after) and lo == 0 and not before.strip():
        return True  # "1. ", "2) " at the start of a sentence
    if plain and re.match(r"\s*\)", after) and (re.search(r"\(\s*$", before) or "(" not in before):
        return True  # (2); "1 ) explains ... 2 ) cautions": an enumeration
    if plain and (re.search(r"[A-Z]{2,}:\s*$", before) or re.match(r"\.[A-Z]{2}\b", after)):
        return True  # (HKEX: 1211), 300750.SZ
    if plain and re.match(r"\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])", after, re.IGNORECASE):
        return True  # 10 am
    if (
        plain
        and re.search(r"\b[A-Z][a-z]+\s+$", before)
        and not re.search(
            r"(?:^|[.;:]\s*)[A-Z][a-z]+\s+$" if lo == 0 else r"[.;:]\s*[A-Z][a-z]+\s+$", before
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
    return bool(plain and _YEAR_WORDS.search(before) and re.fullmatch(r"\d{4}", digits))


_NEXT_TOKEN = re.compile(r"\s*([^\s\d,.;:!?()\[\]]+)")


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


VOCABULARY_CACHES.append(_parse.cache_clear)
