"""Markdown that cannot carry script, nor load anything from another site.

Contributed text is rendered by markdown-it-py (CommonMark, plus tables and footnotes):

- Raw HTML is shown as text (markdown-it's `html` option is off).
- Links keep http(s), mailto, same-site and Pelican intra-site (`{filename}`...) targets,
  as `casebook.links.kind` decides. A link, autolink, image or reference definition
  (`[label]: target`) with any other target (`javascript:`, `data:`, `//host`, a bare
  `evil.example`, ...) is no link at all: it shows as it was written. (An empty target,
  `[text]()`, gives its text without an href, and so does any href the last check refuses
  if something ever let it through.) Links to other sites get rel="nofollow ugc noopener":
  they are contributed, and vouch for nothing.
- Images load only from this site: an image from elsewhere becomes a plain link to it
  (the validator refuses such a file with its line; this is the safety net). Markdown
  can produce no other embedding element once raw HTML is off.
- Event-handler attributes are removed, whatever produced them, and so are inline styles:
  the site's policy (style-src 'self') would refuse them, so a table column's alignment
  is a class (`align-right`), styled in site.css.
- Pelican's intra-site markers stay literal in an href (`{filename}x.md`, not the
  percent-encoded `%7Bfilename%7Dx.md` markdown-it would write), so Pelican finds them.

Lists follow CommonMark: a numbered list after a bullet list is a new list, and a numbered
list starts at its first number. Typography: straight quotes become curly ones (the same
quotes in French: the French spacing pass in typography.py runs later, on the page), `--`
an en dash, `---` an em dash and `...` an ellipsis, with the patterns of Python-Markdown's
smarty, which rendered cases before. markdown-it's other replacements (`(c)` to ©, `+-` to
±, `..` to an ellipsis) are off: a case quotes people, and must not change what they wrote.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from casebook import links

CONTRIBUTED_REL = "nofollow ugc noopener"

# smarty's patterns: exactly two or three hyphens, exactly three dots, a decade ('90s)
EM_DASH = re.compile(r"(?<!-)---(?!-)")
EN_DASH = re.compile(r"(?<!-)--(?!-)")
ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
DECADE = re.compile(r"(?<!\w)'(?=\d\ds\b)")
ALIGNED = re.compile(r"text-align:(left|right|center)")
# a quote left straight (its pair not found) opens after these, and closes otherwise
OPENS_AFTER = re.compile(r"(^|[\s([{])([\"'])")


def _inline_blocks(state: StateCore, marks: tuple[str, ...]):
    """The inline content (of a paragraph, heading, cell...) holding one of `marks`."""
    for block in state.tokens:
        if block.type == "inline" and block.children and any(m in block.content for m in marks):
            yield block


def _dashes_and_ellipses(state: StateCore) -> None:
    """smarty's dashes, ellipsis and decade apostrophe, before the quotes are paired.

    An autolink's text is the address: it is marked verbatim ("text_special", which the
    quotes pass skips and markdown-it's text_join turns back into text afterwards).
    """
    for block in _inline_blocks(state, ("--", "...", "'", '"')):
        in_autolink = False
        for token in block.children:
            if token.type in ("link_open", "link_close") and token.info == "auto":
                in_autolink = token.type == "link_open"
            elif token.type == "text" and in_autolink:
                token.type = "text_special"
            elif token.type == "text":
                text = token.content
                if "--" in text:
                    text = EN_DASH.sub("\u2013", EM_DASH.sub("\u2014", text))
                if "..." in text:
                    text = ELLIPSIS.sub("\u2026", text)
                if "'" in text:
                    text = DECADE.sub("\u2019", text)
                token.content = text


def _unpaired_quotes(state: StateCore) -> None:
    """Quotes markdown-it found no pair for (a quotation running over several paragraphs,
    a stray inch mark) are curled as smarty did: opening after a space or a bracket."""
    for block in _inline_blocks(state, ('"', "'")):
        before = ""  # the text before the token, for the look-behind
        for token in block.children:
            text = token.content
            if token.type == "text" and ('"' in text or "'" in text):
                text = OPENS_AFTER.sub(_open, before[-1:] + text)[len(before[-1:]) :]
                token.content = text.replace('"', "\u201d").replace("'", "\u2019")
            if token.type in ("softbreak", "hardbreak"):
                before = "\n"
            elif token.content:
                before = token.content


def _open(quote: re.Match) -> str:
    return quote.group(1) + ("\u201c" if quote.group(2) == '"' else "\u2018")


def _safe_target(value: str) -> bool:
    return links.kind(value) in ("web", "site")


def _leaves_the_site(value: str) -> bool:
    return links.kind(value) == "web" and not value.strip().lower().startswith("mailto:")


def _normalize_link(url: str) -> str:
    """markdown-it's URL encoding, but a Pelican marker (`{filename}`) stays as written."""
    marker = links.INTRASITE.match(url)
    if marker:
        return marker.group(0) + normalizeLink(url[marker.end() :])
    return normalizeLink(url)


def _image_as_link(image: Token) -> list[Token]:
    """An image from elsewhere: a link to it with its alt text (no link if not web)."""
    src = str(image.attrGet("src") or "")
    opening = Token("link_open", "a", 1)
    if links.kind(src) == "web":
        opening.attrSet("href", src)
    text = Token("text", "", 0)
    text.content = "".join(child.content for child in image.children or []) or src
    return [opening, text, Token("link_close", "a", -1)]


def _drop_handlers(token: Token) -> None:
    """No event-handler attribute, and no srcset (an image source the checks never saw)."""
    for name in list(token.attrs):
        if name.lower().startswith("on") or name.lower() == "srcset":
            del token.attrs[name]


def _inline_safety(children: list[Token]) -> list[Token]:
    kept = []
    for token in children:
        if token.type == "image" and links.kind(str(token.attrGet("src") or "")) != "site":
            kept += _image_as_link(token)
        else:
            kept.append(token)
    for token in kept:
        if not token.attrs:
            continue
        _drop_handlers(token)
        href = token.attrGet("href")
        if href is not None:
            if not _safe_target(str(href)):
                del token.attrs["href"]
            elif token.type == "link_open" and _leaves_the_site(str(href)):
                token.attrSet("rel", CONTRIBUTED_REL)
    return kept


def _safe_links(state: StateCore) -> None:
    """Drop unsafe hrefs, mark off-site links, turn images from elsewhere into links."""
    for block in state.tokens:
        if block.attrs:
            _drop_handlers(block)
            style = block.attrs.pop("style", None)
            aligned = ALIGNED.fullmatch(str(style)) if style else None
            if aligned and block.type in ("th_open", "td_open"):
                block.attrSet("class", "align-" + aligned.group(1))
        if block.type == "inline" and block.children:
            block.children = _inline_safety(block.children)


@cache
def _converter() -> MarkdownIt:
    # One converter for the build: building one costs more than rendering a short case.
    md = MarkdownIt(
        "commonmark",
        {"html": False, "xhtmlOut": False, "typographer": True, "linkify": False},
    )
    # (the preset leaves markdown-it's "replacements" off: (c) -> ©, +- -> ±, .. -> …)
    md.enable(["table", "smartquotes"])
    # footnotes as Python-Markdown wrote them ([^1] and [^1]: ...), not pandoc's ^[inline]
    md.use(footnote_plugin, inline=False)
    md.core.ruler.before("smartquotes", "dashes_and_ellipses", _dashes_and_ellipses)
    md.core.ruler.after("smartquotes", "unpaired_quotes", _unpaired_quotes)
    md.core.ruler.push("safe_links", _safe_links)  # last: sees the footnotes' links too
    md.validateLink = _safe_target
    md.normalizeLink = _normalize_link
    return md


def render(text: str) -> str:
    """Untrusted Markdown -> HTML that runs no script and loads nothing from elsewhere."""
    return _converter().render(text)
