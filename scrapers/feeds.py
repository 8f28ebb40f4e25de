"""Read RSS/Atom feeds with feedparser (pure: bytes in, entries out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import feedparser
from bs4 import BeautifulSoup

from scrapers import text as textutil
from scrapers.dates import date_from_struct, parse_date
from scrapers.languages import normalize_lang


@dataclass
class FeedEntry:
    link: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    author: str | None = None
    publisher: str | None = None  # the entry's <source>, e.g. on news aggregators
    lang: str | None = None
    alternates: list[str] = field(default_factory=list)  # other URLs the entry gives

    @property
    def thin(self) -> bool:
        """Too little to curate from: the article page should fill the gaps."""
        return not self.summary or not self.published


@dataclass
class Feed:
    entries: list[FeedEntry]
    problem: str | None = None  # what feedparser tolerated (bozo), if anything
    lang: str | None = None


def html_to_text(fragment: str | None) -> str | None:
    """Plain text of an HTML fragment such as a feed summary."""
    if not fragment:
        return None
    if "<" not in fragment:
        return textutil.clean(fragment)
    return textutil.clean(BeautifulSoup(fragment, "lxml").get_text(" "))


def _headline_list_publisher(fragment: str | None) -> tuple[bool, str | None]:
    """Is the fragment only headlines (links and outlet names), as aggregators write
    their descriptions (``<a>Headline</a>&nbsp;&nbsp;<font>Publisher</font>``, or an
    ``<ol>`` of those)? And the outlet named after the first link, if any."""
    if not fragment or "<a" not in fragment:
        return False, None
    soup = BeautifulSoup(fragment, "lxml")
    publisher = None
    first = soup.find("a")
    if first is not None:
        outlet = first.find_next_sibling("font")
        if outlet is not None:
            publisher = textutil.clean(outlet.get_text(" "))
    for node in soup.find_all(["a", "font"]):
        node.decompose()
    rest = textutil.clean(soup.get_text(" ").replace("\xa0", " ")) or ""
    return len(rest) < 3, publisher


def _adds_nothing(summary: str, title: str | None, publishers: list[str | None]) -> bool:
    """True when a summary only repeats the title (and outlet names)."""
    rest = summary.casefold()
    if not title or title.casefold() not in rest:
        return False
    for part in [title, *publishers]:
        if part:
            rest = rest.replace(part.casefold(), " ")
    return len(textutil.clean(rest.strip(" -–—|·:.,")) or "") < 12


def _links_in(fragment: str | None) -> list[str]:
    if not fragment or "<a" not in fragment:
        return []
    soup = BeautifulSoup(fragment, "lxml")
    return [a["href"] for a in soup.find_all("a", href=True)]


def _entry(raw: feedparser.FeedParserDict, feed_lang: str | None) -> FeedEntry | None:
    link = raw.get("link") or next(
        (ln.get("href") for ln in raw.get("links", []) if ln.get("href")), None
    )
    if not link:
        return None
    summary_html = raw.get("summary") or next(
        (c.get("value") for c in raw.get("content", []) if c.get("value")), None
    )
    alternates = [
        raw.get("feedburner_origlink"),
        raw.get("id") if "://" in raw.get("id", "") else None,
    ]
    alternates += [ln.get("href") for ln in raw.get("links", [])]
    alternates += _links_in(summary_html)
    source = raw.get("source") or {}
    headlines_only, described_publisher = _headline_list_publisher(summary_html)
    publisher = textutil.clean(source.get("title")) or described_publisher
    title, suffix = textutil.strip_publisher(
        html_to_text(raw.get("title")), [publisher, described_publisher]
    )
    publisher = publisher or suffix
    summary = textutil.remove_footers(html_to_text(summary_html))
    if summary and (headlines_only or _adds_nothing(summary, title, [publisher, suffix])):
        summary = None  # aggregators repeat the title (and the outlet) as the summary
    published = date_from_struct(raw.get("published_parsed")) or date_from_struct(
        raw.get("updated_parsed")
    )
    return FeedEntry(
        link=link.strip(),
        title=title,
        summary=summary,
        published=published or parse_date(raw.get("published") or raw.get("updated")),
        author=textutil.clean(raw.get("author")),
        publisher=publisher,
        lang=normalize_lang(raw.get("language")) or feed_lang,
        alternates=[a for a in alternates if a and a != link],
    )


_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def not_a_feed(data: bytes, content_type: str | None = None) -> str | None:
    """Why a response that should be a feed is not one (empty, an HTML page), or None."""
    if not data.strip():
        return "empty response: the server sent no feed (HTTP 200 with no body)"
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    is_html = bool(_HTML_START.match(head)) or "html" in (content_type or "").lower()
    if is_html and not _FEED_ROOT.search(data[:65536]):
        found = _TITLE.search(data[:65536])
        title = textutil.clean(textutil.decode(found.group(1))) if found else None
        shown = f" titled {title[:80]!r}" if title else ""
        return (
            f"got an HTML page{shown}, not a feed (a block or login page, or the feed moved):"
            " check the source's url"
        )
    return None


def parse_feed(data: bytes, content_type: str | None = None) -> Feed:
    """Entries of a feed; a malformed feed yields what could be read, plus the problem."""
    refusal = not_a_feed(data, content_type)
    if refusal:
        return Feed(entries=[], problem=refusal)
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - a feed must never end the run
        return Feed(entries=[], problem=f"unreadable feed: {type(exc).__name__}: {exc}")
    problem = None
    # Harmless: a feed served as text/html, or a charset header the XML overrides.
    harmless = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), harmless):
        exc = parsed.get("bozo_exception")
        problem = f"malformed feed: {type(exc).__name__}: {exc}" if exc else "malformed feed"
    feed_lang = normalize_lang(parsed.feed.get("language"))
    entries = [e for e in (_entry(raw, feed_lang) for raw in parsed.entries) if e]
    return Feed(entries=entries, problem=problem, lang=feed_lang)
