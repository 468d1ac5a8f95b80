"""Languages a source may write in: BCP 47 tags checked against CLDR (through babel)."""

from __future__ import annotations

from functools import cache


class LanguageError(ValueError):
    """A language tag that is malformed or that CLDR does not know."""


@cache
def check_language(tag: str) -> str:
    """``tag`` as given when CLDR knows it (``en``, ``de-CH``, ``zh-Hans``); else LanguageError."""
    from babel import Locale, UnknownLocaleError

    parts = tag.replace("_", "-").split("-")
    if not parts[0].isascii() or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        raise LanguageError(
            f"unknown language '{tag}', which is no language tag: write a BCP 47 tag such as "
            "en, de, fr, zh or de-CH"
        )
    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise LanguageError(
            f"unknown language '{tag}', which CLDR does not know: write a BCP 47 tag such as "
            "en, de, fr, zh or de-CH"
        ) from None
    return tag


def language_parts(tag: str | None) -> list[str]:
    """The subtags of a language tag in lower case (``pt-BR`` -> ``["pt", "br"]``); [] for None."""
    return [] if tag is None else tag.replace("_", "-").lower().split("-")
