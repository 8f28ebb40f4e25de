"""Measure a no-change re-run against a local server.

A first run stores every item (reading each thin entry's article page); the
second run must cost one conditional request per feed and no article fetch.

Usage: python benchmarks/rerun.py [--feeds 5] [--entries 20]
"""

from __future__ import annotations

import argparse
import hashlib
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
from scrapers.fetch import Fetcher, Policy  # noqa: E402
from scrapers.inbox import Inbox  # noqa: E402
from scrapers.sources import Source  # noqa: E402
from scrapers.state import STATE_FILE, Validators  # noqa: E402


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


def one_run(sources, inbox_dir: Path, state: Path):
    fetcher = Fetcher(Policy(min_delay=0, allow_loopback=True))
    collector = Collector(fetcher, Inbox(inbox_dir), Validators(state / STATE_FILE), RunOptions())
    started = time.perf_counter()
    reports = collector.run(sources)
    return reports, fetcher, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=20)
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
        reports, fetcher, took = one_run(sources, inbox_dir, state)
        new = sum(r.new for r in reports)
        print(f"first run:  {fetcher.request_count} requests, {new} items stored, {took:.2f} s")
        print(f"            server saw: {dict(sorted(hits.items()))}")
        hits.clear()
        reports, fetcher, took = one_run(sources, inbox_dir, state)
        conditional = sum(1 for r in fetcher.records if r.conditional)
        articles = sum(v for k, v in hits.items() if k.startswith("article"))
        not_modified = sum(r.not_modified for r in reports)
        print(
            f"second run: {fetcher.request_count} requests ({conditional} conditional, "
            f"{not_modified} answered 304), {articles} article fetches, "
            f"{sum(r.new for r in reports)} new items, {took:.2f} s"
        )
        print(f"            server saw: {dict(sorted(hits.items()))}")
        feed_requests = fetcher.request_count - hits.get("robots 200", 0)
        ok = feed_requests == args.feeds == not_modified and articles == 0
    httpd.shutdown()
    print("OK: one conditional request per feed, no article fetch" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
