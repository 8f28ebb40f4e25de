"""French typography applied to a rendered page: narrow no-break spaces where French puts them.

Only the page's text is touched: never a tag or an attribute (so never a URL in `href`),
never a comment, never the inside of `pre`, `code`, `script`, `style` or `textarea`, and
never an element marked as written in another language (`lang="en"`, an English title
listed on a French page). Entities (`&amp;`) count as one character and are left as they are.

A page has thousands of tags and a few dozen pieces of text with a mark in them, so the
pass looks for those pieces first (one regular expression over the page), then finds the
stretches to skip: each skipped element (and comment) followed to its closing tag, counting
only the tags of its own name. Where an element with a `lang` sits inside a skipped one
(a lang="fr" inside a lang="en" brings French back), it walks every tag of those names
with a stack instead; tests/plugins/test_typography.py checks that the two agree.
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
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# (the look-ahead on the first letters lets the search pass the other tags quickly)
SKIPPED_TAG = re.compile(
    rf"<(?=[cCkKpPsStT])((?i:{'|'.join(sorted(SKIPPED))}))(?![a-zA-Z0-9-])[^>]*>"
)
# a piece of text (between two tags) with a mark in it; group 1 is the text
TEXT_WITH_MARK = re.compile(rf">([^<>{MARKS}]*+[{MARKS}][^<>]*+)(?=<|\Z)")
ENTITY = re.compile(r"&#?[a-zA-Z0-9]+;")
SPACE = "[ \u00a0\u202f]?"
SPACES = " \u00a0\u202f"  # the space a mark may have before it, replaced by a narrow one
# A run of ; ? ! : gets a narrow space before it when it is followed by the end of the
# text, a space or closing punctuation (so "https://x" and "?q=1" stay), and comes after a
# character that is neither a space nor an opening mark (the space it had, if any, goes).
# Written as one expression (tests/plugins/test_typography.py keeps it as the reference):
#   (?<![\s(«\[;:?!])[ \u00a0\u202f]?([;:?!]+)(?=$|[\s\u00a0)»\]"”’,.;:?!])
# Searched from the marks instead (a look-behind first makes the search try every position).
MARK_RUN = re.compile(r"[;:?!]+(?=$|[\s\u00a0)»\]\"”’,.;:?!])")
NOT_BEFORE_A_MARK = "(«[;:?!"  # besides white space
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
    hidden = _before_marks(hidden)
    if "«" in hidden:
        hidden = OPEN_QUOTE.sub("«" + NNBSP, hidden)
    if "»" in hidden:
        hidden = CLOSE_QUOTE.sub(NNBSP + "»", hidden)
    if entities:  # the rules add and remove no stand-in, so they come back in order
        restored = iter(entities)
        hidden = re.sub(stand_in, lambda _: next(restored), hidden)
    return hidden


def _opens(char: str) -> bool:
    """Whether a mark right after `char` stays as it is (a space or an opening mark)."""
    return char.isspace() or char in NOT_BEFORE_A_MARK


def _before_marks(text: str) -> str:
    """A narrow no-break space before each run of ; ? ! : that takes one."""
    out: list[str] = []
    position = 0
    for run in MARK_RUN.finditer(text):
        start = run.start()
        if start and text[start - 1] in SPACES:  # the space it has becomes a narrow one
            if start > 1 and _opens(text[start - 2]):
                continue
            start -= 1
        elif start and _opens(text[start - 1]):
            continue
        out += (text[position:start], NNBSP, run.group())
        position = run.end()
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


@cache
def _tags_named(names: frozenset[str]) -> re.Pattern:
    """Comments, and the opening and closing tags of these elements."""
    alternatives = "|".join(sorted(map(re.escape, names)))
    return re.compile(
        rf"<!--.*?-->|<(/?)({alternatives})(?![a-zA-Z0-9-])([^>]*)>", re.IGNORECASE | re.DOTALL
    )


def _tags_with_lang(html: str) -> dict[int, re.Match]:
    """The opening tags written with a lang attribute, by position."""
    tags = {}
    for attribute in LANG_ATTRIBUTE.finditer(html):
        start = html.rfind("<", 0, attribute.start())
        if start >= 0 and start not in tags and html.find(">", start, attribute.start()) < 0:
            tag = TAG.match(html, start)
            if tag:
                tags[start] = tag
    return tags


def _element_end(html: str, name: str, after: int) -> int:
    """Where the element `name` opened just before `after` closes (the page's end if never)."""
    depth = 0
    for tag in _tags_named(frozenset({name})).finditer(html, after):
        closing, found, attributes = tag.groups()
        if found is None:
            continue  # a comment
        if closing:
            if depth == 0:
                return tag.start()
            depth -= 1
        elif found.lower() not in VOID and not attributes.endswith("/"):
            depth += 1
    return len(html)


def _skipped_elements(html: str) -> tuple[list[int], list[int]] | None:
    """What `_skipped_spans` finds, for the usual page: the skipped elements and comments,
    each followed to its end; None when an element with a lang sits inside a skipped one
    (whose text a lang="fr" would bring back), which only the full walk can say."""
    comments = [m.span() for m in COMMENT.finditer(html)]
    openers = [(m.start(), m.end(), m.group(1).lower()) for m in SKIPPED_TAG.finditer(html)]
    with_lang = _tags_with_lang(html)
    for start, tag in with_lang.items():
        lang = LANG.search(tag.group(2))
        if lang and not lang.group(1).lower().startswith("fr"):
            openers.append((start, tag.end(), tag.group(1).lower()))
    events = sorted([(start, end, None) for start, end in comments] + openers)
    starts: list[int] = []
    ends: list[int] = []
    for start, end, name in events:
        if ends and start < ends[-1]:
            continue  # inside a comment or a skipped element already
        if name is None:
            starts.append(start)
            ends.append(end)
            continue
        attributes = html[start:end]
        if name in VOID or attributes.endswith("/>"):
            continue
        starts.append(end)
        ends.append(_element_end(html, name, end))
    for start in with_lang:
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and start < ends[index]:
            return None
    return starts, ends


def _skipped_spans(html: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the stretches whose text is left alone (sorted, apart)."""
    found = _skipped_elements(html)
    return found if found is not None else _walk_all(html)


def _walk_all(html: str) -> tuple[list[int], list[int]]:
    """What `_skipped_spans` finds, by walking the page's tags with a stack of elements.

    An element is entered on its opening tag and left on the closing tag of the same name
    (which also leaves the elements opened inside it and never closed).
    """
    names = SKIPPED | {tag.group(1).lower() for tag in _tags_with_lang(html).values()}
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
