"""URL normalisation, item ids and aggregator-link resolution (no I/O)."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the reader; dropping them merges duplicates.
_TRACKING_EXACT = {
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ocid",
    "cmpid",
    "xtor",
    "ref_src",
    "s_cid",
    "ncid",
    "guccounter",
    "at_medium",
    "at_campaign",
    "sr_share",
    "spm",
}
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_", "__twitter", "oly_")
_DEFAULT_PORTS = {"http": 80, "https": 443}

AGGREGATOR_HOSTS = ("news.google.com", "news.yahoo.com", "bing.com", "feedproxy.google.com")
_REDIRECT_PARAMS = ("url", "u", "q", "target", "dest")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def normalize_url(url: str, base: str | None = None) -> str:
    """Canonical form used for ids: lower-case scheme and host, no default port,
    no fragment, no tracking parameters, remaining parameters kept in order."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if port and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in params if not is_tracking_param(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def item_id(normalized_url: str) -> str:
    """Stable id of an item: first 16 hex digits of SHA-256 of its normalised URL."""
    return hashlib.sha256(normalized_url.encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_http_url(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).hostname)


def is_aggregator(url: str) -> bool:
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in AGGREGATOR_HOSTS)


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
