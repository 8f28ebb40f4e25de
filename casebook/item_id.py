"""Item ids: the normalised URL of an article and the stable id derived from it.

Scrapers give every inbox item ``id = item_id_for_url(normalize_url(url))``;
curation derives the same id for an item written without one.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the address as written
        port = None
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if port and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in params if not is_tracking_param(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def item_id_for_url(normalized_url: str) -> str:
    """First 16 hex digits of the SHA-256 of a normalised URL."""
    return hashlib.sha256(normalized_url.encode("utf-8")).hexdigest()[:16]


def item_id(item: dict) -> str:
    """The item's own id, or the one the scrapers would have given it: from its
    canonical or plain URL, else (no address at all) from its title."""
    value = item.get("id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()[:200]
    for key in ("canonical_url", "url"):
        address = item.get(key)
        if isinstance(address, str) and urlsplit(address.strip()).scheme in ("http", "https"):
            return item_id_for_url(normalize_url(address))
    seed = str(item.get("title") or item.get("summary") or item.get("text") or "")
    return "item-" + item_id_for_url(seed)
