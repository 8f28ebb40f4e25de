"""Article links of an HTML listing page (pure: bytes in, URLs out)."""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

from scrapers import text as textutil
from scrapers.feeds import FeedEntry
from scrapers.urls import is_http_url


def parse_listing(data: bytes, base_url: str, selector: str, declared: str | None = None):
    """One thin entry per distinct link matched by the CSS ``selector``."""
    soup = BeautifulSoup(textutil.decode(data, declared), "lxml")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for node in soup.select(selector):
        anchor = node if node.name == "a" else node.find("a", href=True)
        if anchor is None or not anchor.get("href"):
            continue
        url = urljoin(base_url, anchor["href"].strip())
        if not is_http_url(url) or url in seen:
            continue
        seen.add(url)
        entries.append(FeedEntry(link=url, title=textutil.clean(anchor.get_text(" "))))
    return entries
