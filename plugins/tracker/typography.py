"""French typography applied to a rendered page: narrow no-break spaces where French puts them.

Only the page's text is touched: never a tag or an attribute (so never a URL in `href`),
never a comment, never the inside of `pre`, `code`, `script`, `style` or `textarea`, and
never an element marked as written in another language (`lang="en"`, an English title
listed on a French page). Entities (`&amp;`) count as one character and are left as they are.

A page has thousands of tags and a few dozen pieces of text with a mark in them, so the
pass looks for those pieces first (one regular expression over the page) and then walks
only the tags that can change whether text is skipped: the skipped elements, the elements
with a `lang`, and the other tags of those names (so that nesting is counted right).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

NNBSP = "\u202f"  # narrow no-break space
SKIPPED = {"pre", "code", "script", "style", "textarea", "kbd", "samp"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
}  # fmt: skip
MARKS = ";:?!«»"
LANG = re.compile(r"""\blang\s*=\s*["']?([a-zA-Z-]+)""")
LANG_ATTRIBUTE = re.compile(r"""lang\s*=\s*["']?[a-zA-Z-]""")
TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# a piece of text (between two tags) with a mark in it; group 1 is the text
TEXT_WITH_MARK = re.compile(rf">([^<>]*[{MARKS}][^<>]*)(?=<|\Z)")
ENTITY = re.compile(r"&#?[a-zA-Z0-9]+;")
SPACE = "[ \u00a0\u202f]?"
# before ; ? ! : after a character that is not a space or an opening mark, and followed by
# the end of the text, a space or closing punctuation (so "https://x" and "?q=1" stay)
BEFORE_MARK = re.compile(
    rf"(?<![\s\u00a0\u202f(«\[;:?!]){SPACE}([;:?!]+)(?=$|[\s\u00a0)»\]\"”’,.;:?!])"
)
OPEN_QUOTE = re.compile(rf"«{SPACE}")
CLOSE_QUOTE = re.compile(rf"{SPACE}»")
PRIVATE_USE = range(0xE000, 0xF900)


def french_text(text: str) -> str:
    """One run of text (HTML-escaped) with French spacing."""
    if not any(mark in text for mark in MARKS):
        return text
    hidden, entities = text, []
    if "&" in text:  # an entity stands for one character while the rules apply
        entities = ENTITY.findall(text)
        stand_in = next(chr(c) for c in PRIVATE_USE if chr(c) not in text)
        hidden = ENTITY.sub(stand_in, text)
    hidden = BEFORE_MARK.sub(NNBSP + r"\1", hidden)
    hidden = OPEN_QUOTE.sub("«" + NNBSP, hidden)
    hidden = CLOSE_QUOTE.sub(NNBSP + "»", hidden)
    if entities:  # the rules add and remove no stand-in, so they come back in order
        restored = iter(entities)
        hidden = re.sub(stand_in, lambda _: next(restored), hidden)
    return hidden


@cache
def _tags_named(names: frozenset[str]) -> re.Pattern:
    """Comments, and the opening and closing tags of these elements."""
    alternatives = "|".join(sorted(map(re.escape, names)))
    return re.compile(
        rf"<!--.*?-->|<(/?)({alternatives})(?![a-zA-Z0-9-])([^>]*)>", re.IGNORECASE | re.DOTALL
    )


def _names_with_lang(html: str) -> set[str]:
    """The names of the elements written with a lang attribute (and maybe a few more)."""
    names = set()
    for attribute in LANG_ATTRIBUTE.finditer(html):
        tag = TAG_NAME.match(html, html.rfind("<", 0, attribute.start()))
        if tag:
            names.add(tag.group(1).lower())
    return names


def _skipped_spans(html: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the stretches whose text is left alone (sorted, apart).

    An element is entered on its opening tag and left on the closing tag of the same name
    (which also leaves the elements opened inside it and never closed).
    """
    names = SKIPPED | _names_with_lang(html)
    starts: list[int] = []
    ends: list[int] = []
    stack: list[tuple[str, bool]] = []  # open elements of those names, and whether skipped
    skip = False
    for tag in _tags_named(frozenset(names)).finditer(html):
        closing, name, attributes = tag.groups()
        if name is None:  # a comment: its text is no text of the page
            if not skip:
                starts.append(tag.start())
                ends.append(tag.end())
            continue
        name = name.lower()
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
            else:
                continue
            now = stack[-1][1] if stack else False
        elif name in VOID or attributes.endswith("/"):
            continue
        else:
            if name in SKIPPED:
                now = True
            elif lang := LANG.search(attributes):
                now = not lang.group(1).lower().startswith("fr")
            else:
                now = skip
            stack.append((name, now))
        if now and not skip:
            starts.append(tag.end())
        elif skip and not now:
            ends.append(tag.start())
        skip = now
    if len(ends) < len(starts):
        ends.append(len(html))
    return starts, ends


def french(html: str) -> str:
    """The page with French spacing in its French text."""
    runs = [(m.start(1), m.end(1)) for m in TEXT_WITH_MARK.finditer(html)]
    head = html.find("<")
    head = len(html) if head < 0 else head
    if head and any(mark in html[:head] for mark in MARKS):
        runs.insert(0, (0, head))
    if not runs:
        return html
    starts, ends = _skipped_spans(html)
    out: list[str] = []
    position = 0
    for start, end in runs:
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and start < ends[index]:
            continue  # inside a skipped stretch
        out.append(html[position:start])
        out.append(french_text(html[start:end]))
        position = end
    out.append(html[position:])
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
