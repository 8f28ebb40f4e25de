"""Measure a no-change re-run against a local server.

A first run stores every item (reading each thin entry's article page); the
second run must cost one conditional request per feed and no article fetch.

With ``--inbox-mb N`` the inbox first holds N MB of older items, to show
that a run's memory does not grow with the inbox (peak RSS is printed).

Usage: python benchmarks/rerun.py [--feeds 5] [--entries 20] [--inbox-mb 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapers.collect import Collector, RunOptions  # noqa: E402
from scrapers.fetch import CACHE_FILE, Fetcher, Policy  # noqa: E402
from scrapers.inbox import Inbox  # noqa: E402
from scrapers.sources import Source  # noqa: E402


def make_site(base: str, feeds: int, entries: int) -> dict[str, bytes]:
    """Path → body: feeds whose entries are thin (no summary, no date) half the time."""
    site = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n"}
    for f in range(feeds):
        items = []
        for e in range(entries):
            link = f"{base}/f{f}/a{e}.html"
            extra = "" if e % 2 else "<description>Summary.</description>"
            extra += "" if e % 2 else "<pubDate>Mon, 02 Mar 2020 10:00:00 GMT</pubDate>"
            items.append(f"<item><title>Feed {f} item {e}</title><link>{link}</link>{extra}</item>")
            site[f"/f{f}/a{e}.html"] = (
                f'<html lang="en"><head><title>Item {e}</title>'
                f'<meta property="article:published_time" content="2020-03-0{1 + e % 9}">'
                f"</head><body><p>Customer service moved from Twitter to chat.</p></body></html>"
            ).encode()
        channel = f"<channel><title>Feed {f}</title>{''.join(items)}</channel>"
        site[f"/feed{f}.xml"] = f'<rss version="2.0">{channel}</rss>'.encode()
    return site


def serve(site: dict[str, bytes]) -> tuple[ThreadingHTTPServer, Counter]:
    hits: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            body = site.get(self.path)
            kind = "article" if "/a" in self.path else self.path.lstrip("/").split(".")[0]
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                hits[f"{kind} 304"] += 1
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            hits[f"{kind} 200"] += 1
            self.send_response(200)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, hits


def fill_inbox(inbox_dir: Path, megabytes: int) -> int:
    """Write ``megabytes`` MB of older items (streamed: nothing is kept in memory)."""
    inbox_dir.mkdir(parents=True, exist_ok=True)
    text = "Customer service moved from Twitter to chat, the airline said. " * 45
    count = 0
    with (inbox_dir / "2020-01.jsonl").open("w", encoding="utf-8") as handle:
        while handle.tell() < megabytes * 1024 * 1024:
            url = f"https://old.example/{count}"
            item = {"id": hashlib.sha256(url.encode()).hexdigest()[:16], "url": url}
            item |= {"title": f"Old story {count}", "summary": text[:300], "text": text}
            handle.write(json.dumps(item) + "\n")
            count += 1
    return count


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def one_run(sources, inbox_dir: Path, state: Path):
    fetcher = Fetcher(Policy(min_delay=0, allow_loopback=True), cache_path=state / CACHE_FILE)
    collector = Collector(fetcher, Inbox(inbox_dir), RunOptions())
    started = time.perf_counter()
    reports = collector.run(sources)
    return reports, fetcher, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--inbox-mb", type=int, default=0, help="MB of older items first")
    args = parser.parse_args(argv)
    site: dict[str, bytes] = {}
    httpd, hits = serve(site)  # filled below, once the port (and so the links) is known
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    site.update(make_site(base, args.feeds, args.entries))
    sources = [
        Source(f"feed-{f}", f"{base}/feed{f}.xml", "feed", "en", "Bench") for f in range(args.feeds)
    ]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        inbox_dir, state = Path(tmp) / "inbox", Path(tmp) / "state"
        if args.inbox_mb:
            count = fill_inbox(inbox_dir, args.inbox_mb)
            print(f"inbox:      {args.inbox_mb} MB of older items ({count} items)")
        print(f"            peak memory before the runs: {peak_rss_mb():.0f} MB")
        reports, fetcher, took = one_run(sources, inbox_dir, state)
        new = sum(r.new for r in reports)
        print(f"first run:  {fetcher.request_count} requests, {new} items stored, {took:.2f} s")
        print(f"            server saw: {dict(sorted(hits.items()))}")
        hits.clear()
        reports, fetcher, took = one_run(sources, inbox_dir, state)
        conditional = sum(1 for r in fetcher.records if r.revalidated)
        articles = sum(v for k, v in hits.items() if k.startswith("article"))
        not_modified = sum(r.not_modified for r in reports)
        print(
            f"second run: {fetcher.request_count} requests ({conditional} conditional, "
            f"{not_modified} answered 304), {articles} article fetches, "
            f"{sum(r.new for r in reports)} new items, {took:.2f} s"
        )
        print(f"            server saw: {dict(sorted(hits.items()))}")
        robots = hits.get("robots 200", 0) + hits.get("robots 304", 0)
        feed_requests = fetcher.request_count - robots
        ok = feed_requests == args.feeds == not_modified and articles == 0
        print(f"            peak memory of the whole benchmark: {peak_rss_mb():.0f} MB")
    httpd.shutdown()
    print("OK: one conditional request per feed, no article fetch" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
