"""The faster Markdown set-up writes exactly what Python-Markdown's own smarty writes."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest

from casebook.frontmatter import read
from plugins.tracker import safe_markdown

ROOT = Path(__file__).resolve().parents[2]
PIECES = [
    "word", "l'avion", "it's", "'90s", '"quoted"', "'single'", "« guillemets »", "--", "---",
    "...", "....", "a--b", "**bold**", "*it*", "_u_", "`code 'x' -- y`", "[link](https://x.example/a'b)",
    "[ref][1]", "![img](/a.png)", "&amp;", "&nbsp;", "\\'", '\\"', "<b>raw</b>", "footnote[^1]",
    ":", "?", "!", "(", ")", "«", "»", "—", "–", "-", ".", ",", "'", '"',
]  # fmt: skip
BLOCKS = ["", "- ", "1. ", "> ", "## ", "    ", "| a | b |\n|---|---|\n| ", "[^1]: ", "[1]: /x\n"]


def stock_converter() -> markdown.Markdown:
    """The same extensions with smarty trying every piece of text, as shipped."""
    converter = markdown.Markdown(
        extensions=["tables", "footnotes", "sane_lists", "smarty", safe_markdown.SafeExtension()],
        output_format="html",
    )
    converter.treeprocessors.deregister("skip_plain_text")
    return converter


def random_markdown(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 8)):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 12))]
        glue = rng.choice([" ", " ", "", "\n"])
        lines.append(rng.choice(BLOCKS) + glue.join(words))
    return rng.choice(["\n", "\n\n"]).join(lines)


def test_the_skip_runs_just_before_smarty():
    passes = safe_markdown._converter().treeprocessors
    in_order = list(passes)  # a registry iterates by priority
    assert in_order.index(passes["skip_plain_text"]) + 1 == in_order.index(passes["smarty"])


@pytest.mark.parametrize("seed", range(4))
def test_same_html_as_stock_smarty_on_generated_text(seed):
    rng = random.Random(seed)
    converter = stock_converter()
    for _ in range(150):
        text = random_markdown(rng)
        expected = converter.convert(text)
        converter.reset()
        assert safe_markdown.render(text) == expected, text


def test_same_html_as_stock_smarty_on_the_shipped_pages_and_cases():
    files = sorted((ROOT / "content").rglob("*.md"))
    assert len(files) > 50
    converter = stock_converter()
    for path in files:
        body = read(path).body
        expected = converter.convert(body)
        converter.reset()
        assert safe_markdown.render(body) == expected, path


def test_smart_punctuation_is_still_applied():
    html = safe_markdown.render("It's \"quoted\" -- and... 'single' --- end")
    assert html == (
        "<p>It&rsquo;s &ldquo;quoted&rdquo; &ndash; and&hellip; &lsquo;single&rsquo; "
        "&mdash; end</p>"
    )
    assert safe_markdown.render("Plain text: no quote, no dash.") == (
        "<p>Plain text: no quote, no dash.</p>"
    )
