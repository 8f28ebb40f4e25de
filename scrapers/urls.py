"""URL normalisation, item ids and aggregator-link resolution (no I/O)."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from casebook.item_id import is_tracking_param, item_id_for_url, normalize_url

__all__ = ["is_tracking_param", "item_id", "normalize_url", "publisher_url"]

AGGREGATOR_HOSTS = ("news.google.com", "news.yahoo.com", "bing.com", "feedproxy.google.com")
# Aggregators whose links answer with an HTTP redirect to the article: worth fetching.
# The others (Google News article tokens) need a browser to reach the article.
REDIRECTOR_HOSTS = ("feedproxy.google.com",)
_REDIRECT_PARAMS = ("url", "u", "q", "target", "dest")


def item_id(normalized_url: str) -> str:
    """Stable id of an item: first 16 hex digits of SHA-256 of its normalised URL."""
    return item_id_for_url(normalized_url)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_http_url(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).hostname)


def is_aggregator(url: str) -> bool:
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in AGGREGATOR_HOSTS)


def worth_fetching(url: str) -> bool:
    """False for an aggregator link whose page would not lead to the article."""
    host = host_of(url)
    return not is_aggregator(url) or any(
        host == h or host.endswith("." + h) for h in REDIRECTOR_HOSTS
    )


def _url_in_query(url: str) -> str | None:
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _REDIRECT_PARAMS and re.match(r"https?://", unquote(value)):
            return unquote(value)
    return None


def _url_in_google_token(url: str) -> str | None:
    """Older Google News article tokens (``/articles/CBMi...``) are base64 that
    embeds the publisher URL; newer ones are opaque and give None."""
    match = re.search(r"/articles/([A-Za-z0-9_-]+)", urlsplit(url).path)
    if not match:
        return None
    token = match.group(1)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        return None
    found = re.search(rb"https?://[\x21-\x7e]+", raw)
    if not found:
        return None
    candidate = found.group(0).decode("ascii")
    # Tokens pack a second (AMP) URL right after the first, behind a length byte.
    candidate = re.split(r"[\x00-\x20\x7f]|\xd2", candidate)[0]
    return candidate if is_http_url(candidate) and not is_aggregator(candidate) else None


def publisher_url(link: str, alternates: list[str] = ()) -> tuple[str, str]:
    """The publisher's URL for a feed link, and how it was found.

    Aggregator links are resolved from what the feed itself gives: another
    link of the entry, a target in the query string, or the article token.
    """
    if not is_aggregator(link):
        return link, "feed-link"
    for other in alternates:
        if other and is_http_url(other) and not is_aggregator(other):
            return other, "feed-alternate-link"
    found = _url_in_query(link)
    if found and not is_aggregator(found):
        return found, "aggregator-query"
    found = _url_in_google_token(link)
    if found:
        return found, "aggregator-token"
    return link, "aggregator-link"
