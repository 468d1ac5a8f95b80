"""Chinese as it is really written, folded to one form before it is read.

Two things a Chinese reader does without thinking, done here for the readers of
numbers and values:

- Traditional characters are the simplified ones: 個百分點 is 个百分点, 兩 is 两, 萬 is
  万. Only characters with one simplified form, and that the readers of numbers, rates
  and units look for, are folded, one character for one (offsets keep).
- Chinese puts no spaces between characters: "一 百 五 十 个 百 分 点" and "百 分 之 2.4"
  are 一百五十个百分点 and 百分之2.4. A space next to a Chinese character, with a Chinese
  character or a digit on its other side, is dropped; a space between two digits or
  Latin letters ("1 2", "52.5 k") stays, except in a discount "7 2 折" (72折).
"""

from __future__ import annotations

import re

TRADITIONAL: dict[str, str] = {
    "個": "个",
    "點": "点",
    "萬": "万",
    "億": "亿",
    "兩": "两",
    "陸": "陆",
    "貳": "贰",
    "對": "对",
    "圓": "圆",
    "幣": "币",
    "歐": "欧",
    "鎊": "镑",
    "韓": "韩",
    "噸": "吨",
    "釐": "厘",
    "節": "节",
    "負": "负",
    "臺": "台",
}
"""Traditional characters of numerals, rates and units, and their one simplified form."""

_FOLD = str.maketrans(TRADITIONAL)
_TRADITIONAL_RE = re.compile(f"[{''.join(TRADITIONAL)}]")
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
HAS_CJK = re.compile(f"[{_CJK}]")
"""A Chinese or Japanese character (a quick test before any Chinese reading)."""

_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}0-9.])|(?<=[0-9.])\\s+(?=[{_CJK}])")
_DISCOUNT_DIGITS = re.compile(r"(?<![0-9.])([0-9])\s+([0-9])(?=折)")


def fold(text: str) -> str:
    """Traditional numeral, rate and unit characters as simplified, one for one."""
    return text.translate(_FOLD) if _TRADITIONAL_RE.search(text) else text


def squeeze(text: str) -> str:
    """The text without the spaces Chinese does not write (see the module's docstring).

    Call it on text with a Chinese character (``HAS_CJK``); it leaves other text alone.
    """
    text = _SPACE_NEXT_TO_CJK.sub("", text)
    return _DISCOUNT_DIGITS.sub(r"\1\2", text) if "折" in text else text
