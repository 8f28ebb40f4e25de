"""Language codes as the project stores them: ISO 639 primary subtags (``fr``)."""

from __future__ import annotations

import re

_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_NOT_A_LANGUAGE = {"und", "mul", "zxx", "mis", "xx"}


def normalize_lang(value: object) -> str | None:
    """``fr-FR``, ``fr_FR``, ``FR``, ``fr-FR,en`` → ``fr``; None when not a language code."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _CODE.match(value.strip().split(",")[0].split(";")[0].strip())
    if not match:
        return None
    code = match.group(1).lower()
    return None if code in _NOT_A_LANGUAGE else code
