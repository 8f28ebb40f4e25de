"""``python -m scrapers run`` end to end against the local server."""

import json
from pathlib import Path

import pytest

from casebook.inbox_item import item_problems
from scrapers.cli import main

FAST = ["--allow-loopback", "--delay", "0", "--retries", "1", "--max-wait", "0.01"]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # keep the summary table on one line per source


def write_sources(path: Path, server, entries: list[dict]) -> Path:
    lines = ["sources:"]
    for entry in entries:
        lines.append(f"  - name: {entry['name']}")
        lines.append(f"    url: {server.url(entry['path'])}")
        lines.append(f"    kind: {entry.get('kind', 'feed')}")
        if "selector" in entry:
            lines.append(f'    link_selector: "{entry["selector"]}"')
        lines.append(f"    lang: {entry.get('lang', 'en')}")
        lines.append(f"    publisher: {entry.get('publisher', entry['name'].title())}")
        if "keywords" in entry:
            lines.append(f"    keywords: {json.dumps(entry['keywords'])}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_inbox(directory: Path) -> list[dict]:
    """Items as curation reads them: a later line with the same id replaces the earlier."""
    items: dict[str, dict] = {}
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)  # every line must be valid JSON
            assert not item_problems(item), item_problems(item)
            items[item["id"]] = item
    return list(items.values())


def run(tmp_path, sources, *extra):
    argv = ["run", "--sources", str(sources), "--inbox", str(tmp_path / "inbox")]
    return main(argv + ["--state", str(tmp_path / "state"), *FAST, *extra])


def five_sources(server, tmp_path):
    server.add_file("/feeds/rss.xml", "rss_en.xml", etag=True, content_type="application/rss+xml")
    server.add_file(
        "/feeds/atom.xml", "atom_fr.xml", etag=True, content_type="application/atom+xml"
    )
    server.add_file("/feeds/malformed.xml", "malformed.xml", etag=True)
    server.add_file("/private/feed.xml", "rss_en.xml")
    server.add("/feeds/broken.xml", status=500)
    server.add_file("/articles/rail-whatsapp.html", "article_en.html")
    return write_sources(
        tmp_path / "sources.yaml",
        server,
        [
            {"name": "rss-en", "path": "/feeds/rss.xml"},
            {"name": "atom-fr", "path": "/feeds/atom.xml", "lang": "fr"},
            {"name": "malformed", "path": "/feeds/malformed.xml"},
            {"name": "disallowed", "path": "/private/feed.xml"},
            {"name": "failing", "path": "/feeds/broken.xml"},
        ],
    )


def test_five_sources_then_no_change_rerun(server, tmp_path, capsys):
    sources = five_sources(server, tmp_path)
    assert run(tmp_path, sources) == 1
    out = capsys.readouterr().out
    items = read_inbox(tmp_path / "inbox")
    by_source = {}
    for item in items:
        by_source.setdefault(item["source"], []).append(item)
    assert sorted(by_source) == ["atom-fr", "malformed", "rss-en"]
    assert len(by_source["rss-en"]) == 2  # the tracking-link duplicate is not stored
    assert len(by_source["atom-fr"]) == 2
    # feedparser reads the broken feed up to where it breaks off: both items.
    assert [i["title"] for i in by_source["malformed"]] == [
        "Ferry operator answers complaints on Instagram",
        "Bus company closes its phone line",
    ]
    assert len({i["id"] for i in items}) == len(items)
    first = next(i for i in items if "skyways" in i["url"])
    assert first["url"] == server.url("/news/skyways-ends-dm.html")
    assert first["published"] == "2020-02-18" and first["extracted_by"]["title"] == "feed"
    rail = next(i for i in items if "rail-whatsapp" in i["url"])
    assert rail["summary"].startswith("The operator closes")  # filled from the article page
    assert rail["published"] == "2020-02-20" and rail["extracted_by"]["published"] == "page:json-ld"
    assert rail["author"] == "Sam Writer" and "WhatsApp instead" in rail["text"]
    sncf = next(i for i in items if "sncf" in i["url"])
    assert sncf["url"] == server.url("/fr/sncf-chat") and sncf["lang"] == "fr"
    assert sncf["title"] == "Réclamations : la SNCF mise sur le chat"
    for item in items:
        assert {
            "id",
            "url",
            "title",
            "published",
            "source",
            "lang",
            "fetched_at",
            "summary",
            "text",
            "extracted_by",
        } <= set(item)
    # Nothing disallowed was fetched; the failing feed was retried, then reported.
    assert not server.hits("/private/feed.xml")
    assert len(server.hits("/feeds/broken.xml")) == 2
    # Off a terminal the summary is plain lines, "source: ...", never cut or wrapped.
    lines = {}
    for line in out.splitlines():
        name, _, rest = line.partition(": ")
        lines.setdefault(name, []).append(rest)
    assert any("robots.txt of 127.0.0.1 disallows" in n for n in lines["disallowed"])
    assert any("ERROR: HTTP 500" in n for n in lines["failing"])
    assert any("warning: malformed feed" in n for n in lines["malformed"])
    assert all(len(notes) == 1 for notes in (lines["disallowed"][1:], lines["failing"][1:]))
    assert "2 of 5 sources failed" in out

    # Second run: nothing new, one conditional request (304) per readable feed.
    server.log.clear()
    assert run(tmp_path, sources) == 1
    assert len(read_inbox(tmp_path / "inbox")) == len(items)
    feeds = [
        h for h in server.log if h.path.startswith("/feeds/") and h.path != "/feeds/broken.xml"
    ]
    assert sorted(h.status for h in feeds) == [304, 304, 304]
    assert not server.hits("/articles/rail-whatsapp.html")
    assert "stored 0 new items" in capsys.readouterr().out


def test_rerun_without_validators_reads_no_article(server, tmp_path):
    # A server without ETag/Last-Modified: the inbox index alone prevents refetching.
    server.add_file("/feeds/rss.xml", "rss_en.xml")
    server.add_file("/articles/rail-whatsapp.html", "article_en.html")
    sources = write_sources(
        tmp_path / "s.yaml", server, [{"name": "rss", "path": "/feeds/rss.xml"}]
    )
    assert run(tmp_path, sources) == 0
    assert len(server.hits("/articles/rail-whatsapp.html")) == 1
    assert run(tmp_path, sources) == 0
    assert len(server.hits("/articles/rail-whatsapp.html")) == 1
    assert len(read_inbox(tmp_path / "inbox")) == 2


def test_html_listing_keywords_since_and_canonical_duplicates(server, tmp_path):
    server.add_file("/news/", "listing.html")
    server.add_file("/articles/rail-whatsapp.html", "article_en.html")
    server.add_file("/news/bank-chatbot.html", "article_bank.html")
    server.add_file("/feeds/rss.xml", "rss_en.xml")
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [
            {"name": "listing", "path": "/news/", "kind": "html", "selector": "h2 a"},
            {"name": "rss", "path": "/feeds/rss.xml", "keywords": ["WhatsApp", "Twitter DM"]},
        ],
    )
    assert run(tmp_path, sources, "--only", "listing", "--since", "2020-03-01") == 0
    items = read_inbox(tmp_path / "inbox")
    assert [i["title"] for i in items] == ["Bank replaces phone line with chatbot"]  # rail is older
    bank = items[0]
    assert bank["url"] == server.url("/news/bank-chatbot.html")
    assert (bank["publisher"], bank["author"], bank["published"]) == (
        "Money Daily",
        "Alex Reporter",
        "2020-03-05",
    )
    assert run(tmp_path, sources) == 0
    titles = sorted(i["title"] for i in read_inbox(tmp_path / "inbox"))
    assert titles == [
        "Bank replaces phone line with chatbot",
        "Rail & Co moves complaints to WhatsApp",
        "Skyways ends customer service by Twitter DM",
    ]


def test_dry_run_writes_nothing(server, tmp_path, capsys):
    sources = five_sources(server, tmp_path)
    assert run(tmp_path, sources, "--dry-run") == 1
    assert not (tmp_path / "inbox").exists() and not (tmp_path / "state").exists()
    assert "would store 6 new items" in capsys.readouterr().out


def test_bad_arguments_and_bad_source_list(server, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    url: https://x.example/f\n    kind: atom\n")
    assert run(tmp_path, bad) == 2
    assert "field 'kind'" in capsys.readouterr().err
    good = five_sources(server, tmp_path)
    assert run(tmp_path, good, "--only", "nope") == 2
    with pytest.raises(SystemExit) as caught:
        run(tmp_path, good, "--since", "yesterday")
    assert caught.value.code == 2
    assert not server.log
