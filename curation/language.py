"""Guess an item's language cheaply: count common words of each language."""

from __future__ import annotations

import re

from casebook.language import normalize_lang
from curation.text import words

LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def detect(text: str, stopwords: dict[str, set[str]], default: str = "en") -> str:
    """The language whose common words are most frequent in `text` (`default` on a tie)."""
    tokens = words(text)
    counts = {lang: sum(1 for t in tokens if t in common) for lang, common in stopwords.items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == default), default=default)
    return best if counts.get(best) else default


def language_of(item: dict, text: str, stopwords: dict[str, set[str]]) -> tuple[str, str]:
    """(language, how it was found): the item's own `lang` when it is a code, else a guess."""
    code = normalize_lang(item.get("lang"))
    if code:
        return code, "item field 'lang'"
    return detect(text, stopwords), "common-word count"
