"""Gather -> curate -> publish, each stage run as its command, on one small local feed."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site.sitelib import pelican

ROOT = Path(__file__).resolve().parents[2]
FEED = Path(__file__).with_name("news_feed.xml")


@pytest.fixture
def news_site(tmp_path):
    """A local outlet on 127.0.0.1 serving the feed and a permissive robots.txt."""
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"127.0.0.1:{server.server_address[1]}"
    (folder / "feed.xml").write_text(FEED.read_text().replace("BASE", base))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{base}"
    server.shutdown()


def run(*args, ok=(0,)):
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in ok, result.stdout + result.stderr
    return result


def test_a_news_item_becomes_a_published_case(news_site, tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - name: travel-desk\n    url: " + news_site + "/feed.xml\n"
        "    kind: feed\n    lang: en\n    publisher: Travel Desk\n"
    )
    inbox, state, decisions = tmp_path / "inbox", tmp_path / "state", tmp_path / "decisions"
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)

    # gather
    run(
        "-m",
        "scrapers",
        "run",
        "--sources",
        str(sources),
        "--inbox",
        str(inbox),
        "--state",
        str(state),
        "--allow-loopback",
        "--delay",
        "0",
    )
    [inbox_file] = inbox.glob("*.jsonl")
    items = [json.loads(line) for line in inbox_file.read_text().splitlines()]
    assert len(items) == 3

    # curate: the two copies form one relevant cluster; the recipe is not relevant
    tags = [
        json.loads(line)
        for line in run("-m", "curation", "tag", str(inbox_file)).stdout.splitlines()
    ]
    assert [t["relevant"] for t in tags] == [True, True, False]
    review = [
        "--inbox",
        str(inbox),
        "--cases",
        str(content / "cases"),
        "--decisions",
        str(decisions),
    ]
    listing = run("-m", "curation", "review", "--list", *review).stdout
    cluster = next(w for w in listing.split() if w.startswith("c-"))
    run("-m", "curation", "review", "--accept", cluster, "--case", "NEW", *review)
    recipe = next(i["id"] for i, t in zip(items, tags, strict=True) if not t["relevant"])
    run("-m", "curation", "review", "--reject", recipe, "--reason", "a recipe", *review)
    assert "0 in all" in run("-m", "curation", "review", "--list", "--all", *review).stdout

    [new_case] = [
        p
        for p in (content / "cases").glob("*.md")
        if not (ROOT / "content" / "cases" / p.name).exists()
    ]
    run("-m", "casebook", "validate", str(content / "cases"))

    # publish
    output = tmp_path / "output"
    built = pelican(content, output)
    assert built.returncode == 0, built.stderr
    page = output / "cases" / new_case.stem / "index.html"
    html = BeautifulSoup(page.read_text(), "lxml")
    assert "Ryanair" in html.h1.get_text()
    sources_listed = [
        a["href"]
        for a in html.select("ol.sources > li > a[rel~=external]")
        if "web.archive.org" not in a["href"]
    ]
    assert len(sources_listed) == 2 and all(news_site in href for href in sources_listed)
    brand_page = BeautifulSoup((output / "brands" / "ryanair" / "index.html").read_text(), "lxml")
    assert "closed since 2 November 2026" in brand_page.get_text(" ", strip=True)
