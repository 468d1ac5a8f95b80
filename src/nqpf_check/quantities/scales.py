"""Scale words in the languages sources write in, with the long-scale trap handled.

English "billion" is 10^9, but German "Billion" and French "billion" are 10^12 (the long
scale: "Milliarde" / "milliard" is 10^9). A word that means the same in every language
that uses it is read the same whatever the source's language; "billion" and "trillion"
are read by the language (English where none is declared).
"""

from __future__ import annotations

import re
from functools import cache

from nqpf_check.quantities.languages import language_parts

SCALES: dict[str, float] = {
    # English, and the abbreviations of news and filings
    "thousand": 1e3,
    "thousands": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "k": 1e3,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    # India
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
    "lakh crores": 1e12,
    # German
    "tausend": 1e3,
    "tsd.": 1e3,
    "tsd": 1e3,
    "mio.": 1e6,
    "mio": 1e6,
    "millionen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd.": 1e9,
    "mrd": 1e9,
    "billionen": 1e12,
    "bio.": 1e12,
    "mia.": 1e9,
    "mia": 1e9,
    # French
    "mille": 1e3,
    "millier": 1e3,
    "milliers": 1e3,
    "milliard": 1e9,
    "milliards": 1e9,
    "md": 1e9,
    "mds": 1e9,
    # Spanish and Portuguese
    "mil": 1e3,
    "millón": 1e6,
    "millones": 1e6,
    "mil millones": 1e9,
    "billón": 1e12,
    "billones": 1e12,
    "milhão": 1e6,
    "milhões": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "mil milhões": 1e9,
    "trilhão": 1e12,
    "trilhões": 1e12,
    # Italian
    "mila": 1e3,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    # Chinese and Japanese
    "万亿": 1e12,
    "亿": 1e8,
    "万": 1e4,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "千万": 1e7,
    "百万": 1e6,
    "萬": 1e4,
    "億": 1e8,
    "兆": 1e12,
}
"""Every scale word (lower case), as English or the one language that uses it reads it."""

LONG_SCALE: dict[str, float] = {
    "billion": 1e12,
    "billions": 1e12,
    "trillion": 1e18,
    "trillions": 1e18,
}
"""Words that the long-scale languages read differently from English."""

LONG_SCALE_LANGUAGES = frozenset(
    {"de", "fr", "es", "it", "nl", "pl", "sv", "da", "nb", "no", "fi", "cs", "sk", "hu"}
)
"""Languages whose "billion" is 10^12 (pt-PT too; pt-BR, like English, says 10^9)."""

AMBIGUOUS_SCALES: frozenset[str] = frozenset({"k", "m", "b"})
"""Short scale letters that are also unit symbols: scales only right after a currency."""

SCALE_NAMES: dict[str, str] = {"k": "thousand", "m": "million", "b": "billion"}
"""The word to write in full for each ambiguous letter."""

SCALE_RE = re.compile(
    "|".join(
        re.escape(w) + (r"(?![A-Za-z0-9²³])" if w.isascii() else "")
        for w in sorted(SCALES, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
"""A scale word at the start of a text (longest first: "mil millones" before "mil")."""

CONNECTOR_RE = re.compile(r"(?:(?:de|di|del)\s+|d['’]\s*)(?=\S)", re.IGNORECASE)
"""The word between a scale and its unit: "millions d'euros", "millones de dólares"."""


def long_scale(lang: str | None) -> bool:
    """Whether ``lang`` reads "billion" as 10^12."""
    parts = language_parts(lang)
    if not parts:
        return False
    if parts[0] == "pt":
        return parts[1:2] != ["br"]
    return parts[0] in LONG_SCALE_LANGUAGES


_ENGLISH_SCALES = frozenset(
    "thousand thousands million millions billion billions trillion trillions k mn mln m bn b "
    "tn trn lakh lakhs lac lacs crore crores".split()
) | {"lakh crore", "lakh crores"}

FOREIGN_SCALES: frozenset[str] = frozenset(
    word
    for word in SCALES
    if word not in _ENGLISH_SCALES and not any("\u4e00" <= ch <= "\u9fff" for ch in word)
)
"""Scale words English does not use (Mio., Milliarden, milliards, millones): a number with
a comma before one reads differently by language ("1,500 Mio." is 1,500 or 1.5 million)."""


@cache
def scale_of(word: str, lang: str | None = None) -> float:
    """The factor of a scale word (any case) in ``lang``; KeyError for a word that is none."""
    lower = word.lower()
    if long_scale(lang) and lower in LONG_SCALE:
        return LONG_SCALE[lower]
    return SCALES[lower]
