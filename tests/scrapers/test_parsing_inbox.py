"""Feeds, listing pages, article pages and the inbox file format."""

import json

from casebook.jsonl import BadLine, read_jsonl
from scrapers.feeds import parse_feed
from scrapers.inbox import Inbox
from scrapers.listing import parse_listing
from scrapers.pages import choose_published, extract_page


def test_rss_entries(fixture_bytes):
    feed = parse_feed(fixture_bytes("rss_en.xml"))
    assert feed.problem is None and feed.lang == "en"
    first, _dup, thin = feed.entries
    assert first.summary == "The airline will only answer complaints through its app from 1 March."
    assert first.published == "2020-02-18" and not first.thin
    assert thin.title == "Rail & Co moves complaints to WhatsApp" and thin.thin


def test_atom_french_with_mojibake(fixture_bytes):
    feed = parse_feed(fixture_bytes("atom_fr.xml"))
    assert feed.lang == "fr" and len(feed.entries) == 2
    assert feed.entries[0].summary.startswith("La compagnie répondra désormais aux réclamations")
    assert feed.entries[1].title == "Réclamations : la SNCF mise sur le chat"
    assert "d’assistance sur les réseaux sociaux" in feed.entries[1].summary


def test_malformed_feed_read_as_far_as_it_goes(fixture_bytes):
    feed = parse_feed(fixture_bytes("malformed.xml"))
    assert feed.problem and feed.problem.startswith("malformed feed")
    assert (
        feed.entries and feed.entries[0].title == "Ferry operator answers complaints on Instagram"
    )
    assert parse_feed(b"\x00\x01 not a feed at all").entries == []


def test_listing_links(fixture_bytes):
    data = fixture_bytes("listing.html").replace(b"http://BASE", b"http://h.example")
    entries = parse_listing(data, "http://h.example/news/", "h2 a")
    assert [e.link for e in entries] == [
        "http://h.example/articles/rail-whatsapp.html",
        "http://h.example/news/bank-chatbot.html?utm_campaign=home",
    ]


def test_article_page_fields(fixture_bytes):
    info = extract_page(
        fixture_bytes("article_en.html"),
        "http://h.example/articles/rail-whatsapp.html?utm_source=x",
    )
    assert info.title == "Rail & Co moves complaints to WhatsApp"
    assert (info.published, info.modified) == ("2020-02-20", "2020-02-21")
    assert info.extracted_by["published"] == "json-ld"  # JSON-LD and htmldate agree
    assert info.canonical_url == "http://h.example/articles/rail-whatsapp.html"
    assert (info.author, info.publisher, info.lang) == ("Sam Writer", "Transport Weekly", "en")
    assert info.description.startswith("The operator closes its Twitter help account")
    assert "WhatsApp instead" in info.text


def test_wrong_and_missing_charsets(fixture_bytes):
    fr = extract_page(fixture_bytes("article_fr_wrong_charset.html"), "http://h.fr/a", "iso-8859-1")
    assert fr.title == "Air Exemple quitte Twitter : le service client passe à la messagerie"
    assert (fr.published, fr.extracted_by["published"]) == ("2020-03-02", "htmldate")
    assert fr.lang == "fr" and fr.extracted_by["lang"] == "html-lang"
    latin = extract_page(fixture_bytes("article_fr_latin1.html"), "http://h.fr/2020/03/01/sncf")
    assert latin.title == "Réclamations : la SNCF mise sur le chat en ligne"
    assert (latin.lang, latin.extracted_by["lang"]) == ("fr", "py3langid")
    assert (latin.published, latin.extracted_by["published"]) == ("2020-03-01", "url")


def test_real_pages(fixture_bytes):
    url = "https://boingboing.net/2020/12/12/this-deep-funk-hanukkah-song.html"
    bb = extract_page(fixture_bytes("real_en_boingboing.html"), url)
    assert bb.published == "2020-12-12" and bb.publisher == "Boing Boing" and bb.lang == "en"
    rna = extract_page(fixture_bytes("real_en_rnanews.html"), "http://rnanews.com/young-leaders/")
    assert rna.published == "2020-03-11" and rna.title.startswith("Young leaders from Canada")


def test_published_date_combines_htmldate_and_claims():
    # htmldate decides when the page's own claims do not back each other up...
    claims = [("json-ld", "2005-07-26"), ("url", "2020-04-07")]
    assert choose_published(claims, "2020-04-07") == ("2020-04-07", "url")
    assert choose_published([("json-ld", "2020-04-14")], "2020-04-13") == ("2020-04-13", "htmldate")
    # ...two kinds of standard claim agreeing outweigh it...
    claims = [("json-ld", "2020-04-14"), ("meta:article:published_time", "2020-04-14")]
    assert choose_published(claims, "2019-01-01") == (
        "2020-04-14",
        "json-ld+meta:article:published_time",
    )
    # ...and without htmldate the strongest claim is taken.
    assert choose_published([("microdata", "2020-01-02"), ("url", "2020-01-03")], None) == (
        "2020-01-02",
        "microdata",
    )
    assert choose_published([], None) == (None, None)


def test_a_bare_copyright_year_is_not_a_publication_date():
    page = b"<html><title>Old page</title><body><p>Text</p><footer>&copy; 2016 Site</footer>"
    assert extract_page(page, "https://example.org/about").published is None


def _item(n: int, url: str | None = None) -> dict:
    return {"id": f"id{n}", "url": url or f"https://x.example/{n}", "title": f"t{n}"}


def test_inbox_is_append_only_and_keeps_damaged_lines(tmp_path):
    inbox = Inbox(tmp_path)
    added = inbox.add([_item(1), _item(2), _item(1)], "2020-03")
    assert [i["id"] for i in added.new] == ["id1", "id2"] and added.duplicates == 1
    path = tmp_path / "2020-03.jsonl"
    with path.open("ab") as handle:  # what a crash mid-line would leave behind
        handle.write(b'{"id": "id3", "url": "https://x.exa')
    before = path.read_bytes()
    reopened = Inbox(tmp_path)
    assert len(reopened.problems) == 1
    assert reopened.problems[0].startswith(f"{path}:3: truncated line")
    assert reopened.knows("id1") and not reopened.knows("id3")
    assert reopened.knows(None, "https://x.example/2")
    added = reopened.add([_item(2), _item(4, "https://x.example/2"), _item(5)], "2020-03")
    assert [i["id"] for i in added.new] == ["id5"]
    after = path.read_bytes()
    assert after.startswith(before)  # old bytes never rewritten, the damaged line kept
    lines = after.decode().splitlines()
    assert lines[2] == '{"id": "id3", "url": "https://x.exa'
    assert [json.loads(line)["id"] for line in lines[:2] + lines[3:]] == ["id1", "id2", "id5"]
    # Problems are found again, with file and line, on every read.
    assert [n for n, v in read_jsonl(path) if isinstance(v, BadLine)] == [3]
    dry = Inbox(tmp_path / "dry").add([_item(9)], "2020-03", write=False)
    assert [i["id"] for i in dry.new] == ["id9"]
    assert not (tmp_path / "dry").exists()


def test_a_richer_copy_completes_the_stored_item_in_a_new_line(tmp_path):
    inbox = Inbox(tmp_path)
    poor = _item(1) | {"summary": None, "published": None, "source": "google-news"}
    inbox.add([poor], "2020-03")
    rich = _item(1) | {"summary": "The airline ends DMs.", "published": "2020-03-02"}
    rich |= {"source": "outlet", "extracted_by": {"summary": "feed"}}
    added = Inbox(tmp_path).add([rich], "2020-04")
    assert added.new == [] and [i["id"] for i in added.merged] == ["id1"]
    assert (tmp_path / "2020-03.jsonl").read_text().count("\n") == 1  # untouched
    latest = json.loads((tmp_path / "2020-04.jsonl").read_text())
    assert (latest["summary"], latest["published"]) == ("The airline ends DMs.", "2020-03-02")
    assert latest["seen_in"] == ["google-news", "outlet"]
    # The same copy again adds nothing: no new line.
    again = Inbox(tmp_path).add([rich], "2020-04")
    assert again.duplicates == 1 and again.merged == []
    assert (tmp_path / "2020-04.jsonl").read_text().count("\n") == 1
