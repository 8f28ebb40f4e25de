"""Markdown that cannot carry script, nor load anything from another site.

- Raw HTML is shown as text (Markdown's HTML handling is switched off).
- Links keep http(s), mailto, same-site and Pelican intra-site ({filename}...) targets;
  any other href is dropped. Links to other sites get rel="nofollow ugc noopener":
  they are contributed, and vouch for nothing.
- Images load only from this site: an image from elsewhere becomes a plain link to it
  (the validator refuses such a file with its line; this is the safety net). Markdown
  can produce no other embedding element once raw HTML is off.
- Event-handler attributes are removed, whatever produced them.

Typographic quotes, dashes and ellipses come from Python-Markdown's `smarty`. It tries its
18 patterns on every piece of text, which was half the Markdown time; every one of them
needs a quote, `--` or `...`, so text without any of these is marked as finished before
`smarty` runs (the output is the same, tests/plugins/test_safe_markdown.py compares).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from casebook import links

CONTRIBUTED_REL = "nofollow ugc noopener"


def _safe_target(value: str) -> bool:
    return links.kind(value) in ("web", "site")


def _leaves_the_site(value: str) -> bool:
    return links.kind(value) == "web" and not value.strip().lower().startswith("mailto:")


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "img":
                    self._image(parent, index, element)
        for element in root.iter():
            for attribute in list(element.attrib):
                if attribute.lower().startswith("on") or attribute.lower() == "srcset":
                    del element.attrib[attribute]
            href = element.get("href")
            if href is not None and not _safe_target(href):
                del element.attrib["href"]
            elif element.tag == "a" and href is not None and _leaves_the_site(href):
                element.set("rel", CONTRIBUTED_REL)

    @staticmethod
    def _image(parent, index: int, image) -> None:
        src = image.get("src") or ""
        if links.kind(src) == "site":
            return
        replacement = etree.Element("a")
        replacement.text = image.get("alt") or src
        replacement.tail = image.tail
        if links.kind(src) == "web":
            replacement.set("href", src)
        parent.remove(image)
        parent.insert(index, replacement)


def _smarty_could_change(text: str) -> bool:
    """Whether one of smarty's patterns can match `text` (each needs one of these)."""
    return "'" in text or '"' in text or "--" in text or "..." in text


class _SkipPlainText(Treeprocessor):
    """Marks text smarty cannot change as atomic, so its inline patterns pass it by."""

    def run(self, root):
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, AtomicString) and not _smarty_could_change(text):
                element.text = AtomicString(text)
            if tail and not isinstance(tail, AtomicString) and not _smarty_could_change(tail):
                element.tail = AtomicString(tail)


class SafeExtension(Extension):
    """Drop Markdown's raw-HTML handling, unsafe link schemes and off-site images."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
        # just before smarty's (priority 6 in its documentation), after everything else
        md.treeprocessors.register(_SkipPlainText(md), "skip_plain_text", 6.5)


@cache
def _converter() -> markdown.Markdown:
    # One converter, reset after each text: building one costs more than a short case.
    converter = markdown.Markdown(
        extensions=["tables", "footnotes", "sane_lists", "smarty", SafeExtension()],
        output_format="html",
    )
    # The inline passes look their patterns up by index for every piece of text; a
    # registry sorts itself on each look-up, a tuple of the same patterns does not.
    for name in ("inline", "smarty"):
        inline = converter.treeprocessors[name]
        inline.inlinePatterns = tuple(inline.inlinePatterns)
    return converter


def render(text: str) -> str:
    """Untrusted Markdown -> HTML that runs no script and loads nothing from elsewhere."""
    converter = _converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()
