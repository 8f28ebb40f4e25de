"""What a reader on a phone downloads for the timeline: HTML, CSS and JS, compressed."""

from __future__ import annotations

import gzip
import re

from casebook.frontmatter import read
from tests.site.sitelib import ROOT, page, resolve

BUDGET = 60_000  # bytes, gzip-compressed


def shipped_bytes(output, url: str) -> dict[str, int]:
    """gzip size of the page and of every stylesheet and script it loads from the site."""
    doc = page(output, url)
    assets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in doc.select("script[src]")]
    sizes = {url: len(gzip.compress((output / url.strip("/") / "index.html").read_bytes(), 9))}
    for asset in assets:
        path = output / resolve(url, asset).lstrip("/")
        sizes[asset] = len(gzip.compress(path.read_bytes(), 9))
    return sizes


def test_real_timeline_is_under_budget(real_site):
    sizes = shipped_bytes(real_site, "/timeline/")
    assert any(re.search(r"site\.css$", name) for name in sizes)
    assert any(re.search(r"filters\.js$", name) for name in sizes)
    assert sum(sizes.values()) < BUDGET, sizes


def test_real_timeline_lists_every_real_case(real_site):
    """The budget is measured on the real timeline, holding one entry per real case."""
    originals = [
        p
        for p in (ROOT / "content" / "cases").rglob("*.md")
        if not read(p).meta.get("translation_of")
    ]
    assert len(page(real_site, "/timeline/").select("li.entry")) == len(originals)
