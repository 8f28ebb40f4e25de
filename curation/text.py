"""Text normalisation: fold case and accents without moving characters, clean untrusted text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u2032"
_TAG = re.compile(r"<[^>]{0,500}>")
_SCRIPT_URL = re.compile(r"javascript\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def _fold_char(char: str, lower: bool) -> str:
    if char in APOSTROPHES:
        return "'"
    if char in "\u2010\u2011\u2012\u2013\u2014\u2212":
        return "-"
    if char in "\u00a0\u202f\u2009":
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if len(base) != 1:
        base = char
    if lower:
        low = base.lower()
        return low if len(low) == 1 else base
    return base


class _FoldTable(dict):
    """A `str.translate` table that works out each character's folded form once."""

    def __init__(self, lower: bool):
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code), self.lower)
        return folded


_STRIP_TABLE = _FoldTable(lower=False)
_FOLD_TABLE = _FoldTable(lower=True)


def strip_accents(text: str) -> str:
    """`text` without accents, apostrophes and dashes unified; same length, same offsets."""
    return text.translate(_STRIP_TABLE)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case `text` without accents; every character stays at its offset."""
    return text.translate(_FOLD_TABLE)


def words(text: str) -> list[str]:
    """Folded words of `text`."""
    return _WORD.findall(fold(text))


def clean(text: object, limit: int | None = None) -> str:
    """Untrusted text made safe to show and store: no tags, no control characters, one line."""
    if not isinstance(text, str):
        return ""
    text = _CONTROL.sub(" ", _SCRIPT_URL.sub("", _TAG.sub(" ", text)))
    text = re.sub(r"[<>]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if limit is not None and len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:.") + "…"
    return text


def snippet(text: str, start: int, end: int, margin: int = 30) -> str:
    """The words around text[start:end], for showing evidence."""
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
