"""Interface strings and dates in each interface language.

The strings are one YAML catalogue per language, `theme/i18n/<lang>.yaml` (key: text),
rather than gettext: the project's contributors edit YAML everywhere else (front matter,
vocabularies), a catalogue is read without a compile step, and the placeholders are
`str.format` fields checked by a test (same keys, same placeholders in every catalogue).
Dates, plurals, language and country names come from Babel (CLDR).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.core import LOCALE_ALIASES
from babel.dates import format_date
from babel.numbers import format_decimal

from casebook import dates

STRINGS_PATH = Path(__file__).resolve().parents[2] / "theme" / "i18n"
# The CLDR locale each interface language is written in (dates "28 April 2023", not US order).
LOCALES = {"en": "en_GB"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


@cache
def og_locale(lang: str) -> str:
    """The territory-qualified locale Open Graph wants ('en_GB', 'fr_FR', 'de_DE')."""
    return str(Locale.parse(LOCALES.get(lang) or LOCALE_ALIASES.get(lang, lang)))


def strings_path(settings: dict | None = None) -> Path:
    """The folder of catalogues: `TRACKER_STRINGS_PATH`, else the theme's i18n/."""
    return Path((settings or {}).get("TRACKER_STRINGS_PATH") or STRINGS_PATH)


@cache
def strings(path: Path = STRINGS_PATH) -> dict[str, dict[str, str]]:
    """{lang: {key: text}}, one catalogue file `<lang>.yaml` per language in `path`."""
    return {
        file.stem: yaml.safe_load(file.read_text(encoding="utf-8"))
        for file in sorted(Path(path).glob("*.yaml"))
    }


@cache
def human_date(value: str, lang: str) -> str:
    """'2023-04-28' -> '28 April 2023' / '28 avril 2023'; partial dates stay partial.

    Month names and the order of day, month and year come from Babel (CLDR) for `lang`.
    Memoised: a build formats the same few thousand dates on tens of thousands of pages.
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


@cache
def since_date(value: str, lang: str) -> str:
    """The date as it follows "since": French puts "le" before a day ("depuis le 28 avril")."""
    text = human_date(value, lang)
    return f"le {text}" if lang == "fr" and dates.precision_of(value) == "day" else text


def case_count(count: int, lang: str, ui: dict | None = None) -> str:
    """'1 case', '3 cases' (and French equivalents), by the language's CLDR plural rules."""
    ui = ui or strings()[lang]
    form, number = _count_parts(count, lang)
    template = ui.get(f"case_count_{form}", ui["case_count"])
    return template.format(n=number)


@cache
def _count_parts(count: int, lang: str) -> tuple[str, str]:
    """(CLDR plural form, the number written in `lang`), once per count and language."""
    return Locale.parse(locale(lang)).plural_form(count), format_decimal(count, locale=locale(lang))


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
