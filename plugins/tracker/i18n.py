"""Interface strings and dates in each interface language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from casebook import dates

STRINGS_PATH = Path(__file__).resolve().parents[2] / "theme" / "i18n.yaml"


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
    """'2023-04-28' -> '28 April 2023' / '28 avril 2023'; partial dates stay partial."""
    months = strings()[lang]["months"].split()
    day = dates.parse(value)
    precision = dates.precision_of(value)
    if precision == "year":
        return str(day.year)
    month = months[day.month - 1]
    if precision == "month":
        return f"{month} {day.year}"
    first = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{first} {month} {day.year}"


def since_date(value: str, lang: str) -> str:
    """The date as it follows "since": French puts "le" before a day ("depuis le 28 avril")."""
    text = human_date(value, lang)
    return f"le {text}" if lang == "fr" and dates.precision_of(value) == "day" else text


def case_count(count: int, lang: str) -> str:
    """'1 case', '3 cases' (and French equivalents)."""
    ui = strings()[lang]
    return ui["case_count_one"] if count == 1 else ui["case_count"].format(n=count)
