"""Interface strings and dates in each interface language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from casebook import dates

STRINGS_PATH = Path(__file__).resolve().parents[2] / "theme" / "i18n.yaml"
# The CLDR locale each interface language is written in (dates "28 April 2023", not US order).
LOCALES = {"en": "en_GB"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


@cache
def strings(path: Path = STRINGS_PATH) -> dict[str, dict[str, str]]:
    """{lang: {key: text}} from the theme's i18n.yaml ({key: {lang: text}})."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for key, by_lang in raw.items():
        for lang, text in by_lang.items():
            out.setdefault(lang, {})[key] = text
    return out


def human_date(value: str, lang: str) -> str:
    """'2023-04-28' -> '28 April 2023' / '28 avril 2023'; partial dates stay partial.

    Month names and the order of day, month and year come from Babel (CLDR) for `lang`.
    """
    day = dates.parse(value)
    precision = dates.precision_of(value)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, "LLLL y", locale=locale(lang))
    text = format_date(day, "long", locale=locale(lang))
    if lang == "fr" and day.day == 1:
        # French writes the first of the month as an ordinal: "1er avril" (CLDR has no ordinals).
        text = "1er" + text.removeprefix("1")
    return text


def since_date(value: str, lang: str) -> str:
    """The date as it follows "since": French puts "le" before a day ("depuis le 28 avril")."""
    text = human_date(value, lang)
    return f"le {text}" if lang == "fr" and dates.precision_of(value) == "day" else text


def case_count(count: int, lang: str) -> str:
    """'1 case', '3 cases' (and French equivalents), by the language's CLDR plural rules."""
    ui = strings()[lang]
    form = Locale.parse(locale(lang)).plural_form(count)
    template = ui.get(f"case_count_{form}", ui["case_count"])
    return template.format(n=format_decimal(count, locale=locale(lang)))


@cache
def country_name(code: str, lang: str) -> str:
    """The name of country `code` (ISO 3166-1) written in `lang` ('FR' in English: 'France')."""
    try:
        return Locale.parse(locale(lang)).territories.get(code.upper(), code)
    except (ValueError, LookupError):
        return code


@cache
def language_name(code: str, lang: str) -> str:
    """The name of language `code` written in `lang` ('de' in French: 'allemand')."""
    try:
        return Locale.parse(code).get_display_name(locale(lang)) or code
    except (ValueError, LookupError):
        return code
