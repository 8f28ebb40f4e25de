"""Language codes: normalise declared ones, detect from text when missing."""

from __future__ import annotations

from casebook.language import normalize_lang

__all__ = ["detect_language", "normalize_lang"]


def detect_language(text: str | None, minimum_chars: int = 40) -> str | None:
    """ISO 639-1 code guessed by py3langid; None for text too short to tell."""
    if not text or len(text) < minimum_chars:
        return None
    from py3langid.langid import classify  # loads a model: import only when needed

    code, _score = classify(text[:5000])
    return code
