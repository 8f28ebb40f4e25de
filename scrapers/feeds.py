"""Read RSS/Atom feeds with feedparser (pure: bytes in, entries out)."""

from __future__ import annotations

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
    title = html_to_text(raw.get("title"))
    summary = html_to_text(summary_html)
    if summary and title and summary.startswith(title) and len(summary) < len(title) + 40:
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
        publisher=textutil.clean(source.get("title")),
        lang=normalize_lang(raw.get("language")) or feed_lang,
        alternates=[a for a in alternates if a and a != link],
    )


def parse_feed(data: bytes, content_type: str | None = None) -> Feed:
    """Entries of a feed; a malformed feed yields what could be read, plus the problem."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"malformed feed: {type(exc).__name__}: {exc}" if exc else "malformed feed"
    feed_lang = normalize_lang(parsed.feed.get("language"))
    entries = [e for e in (_entry(raw, feed_lang) for raw in parsed.entries) if e]
    return Feed(entries=entries, problem=problem, lang=feed_lang)
