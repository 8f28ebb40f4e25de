"""Language codes: normalise declared ones, detect from text when missing."""

from __future__ import annotations

import re

_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def normalize_lang(value: str | None) -> str | None:
    """``fr-FR``, ``fr_FR``, ``FR`` → ``fr``; None when not a language code."""
    if not value:
        return None
    match = _CODE.match(value.strip().split(",")[0].strip())
    if not match:
        return None
    code = match.group(1).lower()
    return None if code in ("und", "mul", "zxx", "xx") else code


def detect_language(text: str | None, minimum_chars: int = 40) -> str | None:
    """ISO 639-1 code guessed by py3langid; None for text too short to tell."""
    if not text or len(text) < minimum_chars:
        return None
    from py3langid.langid import classify  # loads a model: import only when needed

    code, _score = classify(text[:5000])
    return code
