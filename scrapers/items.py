"""Build inbox items from what a feed entry and an article page said (pure)."""

from __future__ import annotations

from casebook.inbox_item import AGGREGATOR_LINK
from scrapers.feeds import FeedEntry
from scrapers.pages import PageInfo
from scrapers.sources import Source
from scrapers.text import strip_publisher
from scrapers.urls import is_aggregator, item_id, normalize_url


def build_item(
    source: Source,
    entry: FeedEntry,
    url: str,
    url_method: str,
    page: PageInfo | None,
    fetched_at: str,
    feed_lang: str | None = None,
) -> dict:
    """An inbox item; ``extracted_by`` says where each field came from.

    Feed fields win for title, date and summary (the publisher wrote them for
    syndication); the page fills gaps and is the only source of text. An
    aggregator's opaque link is replaced by the page's canonical address when
    the page was read; otherwise the item is flagged ``aggregator-link``.
    """
    canonical = page.canonical_url if page else None
    if is_aggregator(url) and canonical and not is_aggregator(canonical):
        url, url_method = canonical, "page-canonical"
    normalized = normalize_url(url)
    by: dict[str, str] = {"url": url_method}
    item: dict = {"id": item_id(normalized), "url": normalized, "source": source.name}

    def pick(name: str, *candidates: tuple[object, str]) -> object:
        for value, method in candidates:
            if value:
                by[name] = method
                return value
        return None

    page_by = page.extracted_by if page else {}

    def from_page(name: str) -> tuple[object, str]:
        if page is None:
            return None, ""
        return getattr(page, name), f"page:{page_by.get(name, '?')}"

    item["canonical_url"] = normalize_url(canonical) if canonical else None
    if canonical:
        by["canonical_url"] = f"page:{page_by.get('canonical_url')}"
    item["title"] = pick("title", (entry.title, "feed"), from_page("title")) or normalized
    if "title" not in by:
        by["title"] = "url"
    item["published"] = pick("published", (entry.published, "feed"), from_page("published"))
    item["modified"] = pick("modified", from_page("modified"))
    item["summary"] = pick("summary", (entry.summary, "feed"), from_page("description"))
    item["text"] = pick("text", from_page("text"))
    item["author"] = pick("author", (entry.author, "feed"), from_page("author"))
    # An aggregator's source-list name (e.g. "Google News") is not the outlet.
    listed = None if is_aggregator(url) else source.publisher
    item["publisher"] = pick(
        "publisher",
        (entry.publisher, "feed-source"),
        from_page("publisher"),
        (listed, "source-list"),
    )
    item["lang"] = pick(
        "lang",
        from_page("lang"),
        (entry.lang, "feed"),
        (feed_lang, "feed"),
        (source.lang, "source-list"),
    )
    # The outlet's name at the end of a headline is the publisher, not the title.
    names = [item["publisher"], source.publisher, page.publisher if page else None]
    item["title"], _suffix = strip_publisher(item["title"], names)
    item["seen_in"] = [source.name]
    item["fetched_at"] = fetched_at
    item["extracted_by"] = by
    item["flags"] = [AGGREGATOR_LINK] if is_aggregator(normalized) else []
    return item
