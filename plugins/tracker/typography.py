"""French typography applied to a rendered page: narrow no-break spaces where French puts them.

Only the page's text is touched: never a tag or an attribute (so never a URL in `href`),
never the inside of `pre`, `code`, `script`, `style` or `textarea`, and never an element
marked as written in another language (`lang="en"`, an English title listed on a French
page). Entities (`&amp;`) count as one character and are left as they are.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space
SKIPPED = {"pre", "code", "script", "style", "textarea", "kbd", "samp"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
}  # fmt: skip
TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|</?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)
LANG = re.compile(r"""\blang\s*=\s*["']?([a-zA-Z-]+)""")
ENTITY = re.compile(r"&#?[a-zA-Z0-9]+;")
SPACE = "[ \u00a0\u202f]?"
# before ; ? ! : after a character that is not a space or an opening mark, and followed by
# the end of the text, a space or closing punctuation (so "https://x" and "?q=1" stay)
BEFORE_MARK = re.compile(
    rf"(?:^|(?<=[^\s\u00a0\u202f(«\[;:?!])){SPACE}([;:?!]+)(?=$|[\s\u00a0)»\]\"”’,.;:?!])"
)
OPEN_QUOTE = re.compile(rf"«{SPACE}")
CLOSE_QUOTE = re.compile(rf"{SPACE}»")


def french_text(text: str) -> str:
    """One run of text (HTML-escaped) with French spacing."""
    if not any(mark in text for mark in ";:?!«»"):
        return text
    entities: list[str] = []

    def hide(match: re.Match) -> str:
        entities.append(match.group(0))
        return chr(0xE000 + len(entities) - 1)  # a private-use character stands for it

    hidden = ENTITY.sub(hide, text)
    hidden = BEFORE_MARK.sub(lambda m: NNBSP + m.group(1), hidden)
    hidden = OPEN_QUOTE.sub("«" + NNBSP, hidden)
    hidden = CLOSE_QUOTE.sub(NNBSP + "»", hidden)
    return re.sub("[\ue000-\uf8ff]", lambda m: entities[ord(m.group(0)) - 0xE000], hidden)


def french(html: str) -> str:
    """The page with French spacing in its French text."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements and whether their text is skipped
    position = 0
    for match in TOKEN.finditer(html):
        text = html[position : match.start()]
        skip = stack[-1][1] if stack else False
        out.append(text if skip else french_text(text))
        out.append(match.group(0))
        position = match.end()
        name = (match.group(1) or "").lower()
        tag = match.group(0)
        if not name or tag.endswith("/>"):
            continue
        if tag.startswith("</"):
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
        elif name not in VOID:
            lang = LANG.search(match.group(2) or "")
            if name in SKIPPED:
                inner = True
            elif lang:
                inner = not lang.group(1).lower().startswith("fr")
            else:
                inner = skip
            stack.append((name, inner))
    tail = html[position:]
    out.append(tail if (stack and stack[-1][1]) else french_text(tail))
    return "".join(out)


def for_text(text: str, lang: str) -> str:
    """Plain text (not HTML) with the typography of `lang`, for text shown in a `pre`."""
    if lang.split("-")[0].lower() != "fr":
        return text
    return french_text(text.replace("&", "&amp;")).replace("&amp;", "&")


PAGE_LANG = re.compile(r"<html[^>]*\blang=\"([a-zA-Z-]+)\"")
BY_LANGUAGE = {"fr": french}


def for_page(html: str) -> str:
    """The page with its language's typography (by `<html lang>`); unchanged if it has none."""
    match = PAGE_LANG.search(html[:500])
    if not match:
        return html
    rule = BY_LANGUAGE.get(match.group(1).split("-")[0].lower())
    return rule(html) if rule else html
