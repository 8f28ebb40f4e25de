"""One run over the sources: fetch, parse, deduplicate, store.

This module decides what to fetch and keep; HTTP is done by :mod:`fetch`,
parsing by :mod:`feeds`/:mod:`listing`/:mod:`pages`, storage by :mod:`inbox`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from casebook.inbox_item import item_problems
from scrapers.feeds import Feed, parse_feed
from scrapers.fetch import ROBOTS_AGENT, Fetcher, FetchError
from scrapers.inbox import Inbox
from scrapers.items import build_item
from scrapers.listing import parse_listing
from scrapers.pages import PageInfo, extract_page
from scrapers.sources import Source
from scrapers.text import charset_from_content_type
from scrapers.urls import host_of, normalize_url, publisher_url, worth_fetching


@dataclass
class SourceReport:
    name: str
    fetched: int = 0  # responses with a body (feed/listing and article pages)
    not_modified: int = 0
    new: int = 0
    duplicates: int = 0
    merged: int = 0  # stored items completed by a richer copy
    entries: int | None = None  # entries the feed or listing gave (None: not read)
    filtered: int = 0  # dropped by --since or the source's keywords
    error: str | None = None  # the source failed: nothing was read
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class RunOptions:
    since: str | None = None  # YYYY-MM-DD
    dry_run: bool = False
    max_articles: int = 50  # article pages fetched per source and run, at most
    workers: int = 8


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Collector:
    def __init__(
        self,
        fetcher: Fetcher,
        inbox: Inbox,
        options: RunOptions | None = None,
        clock: Callable[[], datetime] = now_utc,
    ):
        self.fetcher = fetcher
        self.inbox = inbox
        self.options = options or RunOptions()
        self.clock = clock

    def run(
        self, sources: list[Source], on_done: Callable[[SourceReport], None] | None = None
    ) -> list[SourceReport]:
        """Every source, in parallel threads; reports come back in source order."""
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            futures = [pool.submit(self._run_guarded, s, on_done) for s in sources]
            return [f.result() for f in futures]

    def _run_guarded(self, source: Source, on_done) -> SourceReport:
        try:
            report = self.run_source(source)
        except Exception as exc:  # one broken source must not stop the others
            report = SourceReport(source.name, error=f"internal error: {exc!r}")
        if on_done:
            on_done(report)
        return report

    def run_source(self, source: Source) -> SourceReport:
        report = SourceReport(source.name)
        try:
            response = self.fetcher.get(source.url)
        except FetchError as exc:
            report.error = exc.reason
            if exc.reason == "disallowed by robots.txt":
                report.error = (
                    f"skipped: robots.txt of {host_of(source.url)} disallows {source.url}"
                    f" for {ROBOTS_AGENT}; remove the source or ask the site"
                )
            return report
        # Unchanged (304) feeds are still read from the cache's copy: cheap, and an
        # interrupted earlier run can never have turned unsaved items into a 304.
        if response.not_modified:
            report.not_modified += 1
        else:
            report.fetched += 1
        charset = charset_from_content_type(response.content_type)
        if source.kind == "feed":
            feed = parse_feed(response.body, response.content_type)
            if not feed.entries and feed.problem:
                report.error = feed.problem  # reported once, as the source's error
                return report
            if feed.problem:
                report.warnings.append(feed.problem)
        else:
            entries = parse_listing(
                response.body, response.final_url, source.link_selector, charset
            )
            feed = Feed(entries=entries)
        report.entries = len(feed.entries)
        fetched_at = self.clock()
        items = self._items(source, feed, fetched_at.isoformat(), report)
        added = self.inbox.add(items, fetched_at.strftime("%Y-%m"), write=not self.options.dry_run)
        report.new = len(added.new)
        report.merged = len(added.merged)
        report.duplicates += added.duplicates
        return report

    def _items(self, source: Source, feed: Feed, fetched_at: str, report: SourceReport):
        items: list[dict] = []
        seen: set[str] = set()
        articles = 0
        for entry in feed.entries:
            url, method = publisher_url(entry.link, entry.alternates)
            normalized = normalize_url(url)
            if normalized in seen:
                report.duplicates += 1
                continue
            seen.add(normalized)
            if self.inbox.knows(None, normalized):
                # Stored already: never read again, but its feed copy may add fields.
                items.append(build_item(source, entry, url, method, None, fetched_at, feed.lang))
                continue
            if self._filtered(source, entry.published, entry.title, entry.summary, thin=entry.thin):
                report.filtered += 1
                continue
            page = None
            if entry.thin and articles < self.options.max_articles and worth_fetching(url):
                articles += 1
                page = self._read_article(normalized, report)  # no tracking parameters
            item = build_item(source, entry, url, method, page, fetched_at, feed.lang)
            if item["canonical_url"] and item["canonical_url"] != item["url"]:
                if item["canonical_url"] in seen:
                    report.duplicates += 1
                    continue
                seen.add(item["canonical_url"])
            if self._filtered(
                source, item["published"], item["title"], item["summary"], item["text"]
            ):
                report.filtered += 1
                continue
            problems = item_problems(item)
            if problems:  # a bug of ours: say so rather than store a bad line
                report.warnings.append(f"item not stored ({'; '.join(problems)}): {url}")
                continue
            items.append(item)
        return items

    def _filtered(self, source: Source, published, *texts, thin: bool = False) -> bool:
        """True when the item falls before --since or lacks the source's keywords."""
        if self.options.since and published and published < self.options.since:
            return True
        # A thin entry may still match in its article text: decide after fetching it.
        return not thin and not source.matches(" ".join(t for t in texts if t))

    def _read_article(self, url: str, report: SourceReport) -> PageInfo | None:
        try:
            response = self.fetcher.get(url, cache=False)  # read once: not worth caching
        except FetchError as exc:
            report.warnings.append(f"article not read: {exc.reason} ({url})")
            return None
        report.fetched += not response.not_modified
        try:
            charset = charset_from_content_type(response.content_type)
            return extract_page(response.body, response.final_url, charset)
        except ValueError as exc:
            report.warnings.append(f"article not parsed: {exc} ({url})")
        except Exception as exc:  # noqa: BLE001 - one page must never end its source
            report.warnings.append(f"article not parsed: internal error {exc!r} ({url})")
        return None
