"""Characters that cannot appear in HTML or XML output, or that hide what text says."""

from __future__ import annotations

import re

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_NONCHARACTER = "\ufdd0-\ufdef\ufffe\uffff"
_DIRECTION = "\u202a-\u202e\u2066-\u2069"
_BOM = "\ufeff"
FORBIDDEN = re.compile(f"[{_CONTROL}{_SURROGATE}{_NONCHARACTER}{_DIRECTION}{_BOM}]")


def describe(char: str) -> str:
    """What the forbidden character is, for a contributor who cannot see it."""
    code = f"U+{ord(char):04X}"
    if re.match(f"[{_DIRECTION}]", char):
        return f"an invisible text-direction control ({code}) that can make text read differently"
    if re.match(f"[{_SURROGATE}]", char):
        return f"a broken character (lone surrogate {code})"
    if char == _BOM:
        return f"an invisible byte-order mark ({code})"
    if re.match(f"[{_NONCHARACTER}]", char):
        return f"a Unicode non-character ({code})"
    return f"the control character {code}, which HTML and XML cannot carry"


def problem_in(text: str) -> str | None:
    """A description of the first forbidden character of `text`, or None when there is none."""
    found = FORBIDDEN.search(text)
    return f"contains {describe(found.group())}" if found else None


# A tag opening (closed or not), a comment, or a script URL; Markdown autolinks are fine.
RAW_HTML = re.compile(r"<\s*/?\s*(?!https?://|mailto:)[A-Za-z!?]|\bjavascript\s*:", re.I)

# An HTML character reference: in plain-text fields it would be shown, or decoded, by
# some outputs and not others (feeds decode it, pages show it, search decodes it twice).
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

FIX = "delete it (it often comes with pasted text); write only visible characters"


def text_values(value, path: tuple = (), seen: set | None = None):
    """Every (path, text) inside parsed YAML; a value shared by an alias is visited once."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield path, value
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*path, key), seen)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_values(item, (*path, index), seen)
