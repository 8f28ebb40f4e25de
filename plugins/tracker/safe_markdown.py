"""Markdown that cannot carry script: raw HTML is shown as text, links keep safe schemes only."""

from __future__ import annotations

from functools import cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# `{filename}` and `{static}` are Pelican's links to other content files, resolved at build time.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#", "./", "../", "{filename}", "{static}")


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not value.strip().lower().startswith(SAFE_SCHEMES):
                    del element.attrib[attribute]
            for attribute in list(element.attrib):
                if attribute.lower().startswith("on"):
                    del element.attrib[attribute]


class SafeExtension(Extension):
    """Drop Markdown's raw-HTML handling and unsafe link schemes."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@cache
def _converter() -> markdown.Markdown:
    # One converter, reset after each text: building one costs more than a short case.
    return markdown.Markdown(
        extensions=["tables", "footnotes", "sane_lists", "smarty", SafeExtension()],
        output_format="html",
    )


def render(text: str) -> str:
    """Untrusted Markdown -> HTML that runs no script."""
    converter = _converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()
