"""Pure helpers: source list, URLs, text, dates, languages."""

import base64
from pathlib import Path

import pytest

from scrapers.dates import date_from_url, parse_date
from scrapers.languages import detect_language, normalize_lang
from scrapers.sources import SourceListError, load_sources, parse_sources
from scrapers.text import clean, decode, detect_encoding, fix_mojibake
from scrapers.urls import item_id, normalize_url, publisher_url

REPO = Path(__file__).resolve().parents[2]
GOOD = """
sources:
  - name: example-news
    url: https://example.org/feed.xml
    kind: feed
    lang: fr
    publisher: Example News
    keywords: [twitter, "service client"]
  - name: example-list
    url: https://example.org/news/
    kind: html
    link_selector: "h2 a"
    lang: en
    publisher: Example
"""


def test_good_source_list():
    feed, listing = parse_sources(GOOD)
    assert feed.name == "example-news" and feed.keywords == ("twitter", "service client")
    assert listing.link_selector == "h2 a" and listing.kind == "html"
    assert feed.matches("Le SERVICE CLIENT répond") and not feed.matches("rien")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("name: example-news", "name: Example News", "name"),
        ("url: https://example.org/feed.xml", "url: ftp://example.org/feed", "url"),
        ("kind: feed", "kind: rss", "kind"),
        ('    link_selector: "h2 a"\n', "", "link_selector"),
        ('link_selector: "h2 a"', 'link_selector: "h2 >> a["', "link_selector"),
        ("lang: fr", "lang: French", "lang"),
        ("publisher: Example News", "publisher: ''", "publisher"),
        ('keywords: [twitter, "service client"]', "keywords: twitter", "keywords"),
        ("name: example-list", "name: example-news", "name"),
        ("    lang: en\n", "    lang: en\n    colour: red\n", "colour"),
    ],
)
def test_bad_entry_names_entry_and_field(old, new, field):
    assert old in GOOD
    with pytest.raises(SourceListError) as caught:
        parse_sources(GOOD.replace(old, new, 1))
    message = str(caught.value)
    assert f"field '{field}'" in message
    assert "entry #" in message and "Fix:" in message


def test_source_list_not_yaml_or_missing(tmp_path):
    with pytest.raises(SourceListError, match="not valid YAML"):
        parse_sources("sources: [")
    with pytest.raises(SourceListError, match="sources:"):
        parse_sources("- a\n- b\n")
    with pytest.raises(SourceListError, match="cannot read"):
        load_sources(tmp_path / "missing.yaml")


def test_shipped_source_list_is_valid_and_bilingual():
    sources = load_sources(REPO / "data" / "sources.yaml")
    langs = {s.lang for s in sources}
    assert {"en", "fr"} <= langs
    assert any("news.google.com/rss/search" in s.url for s in sources)
    assert len(sources) >= 10


def test_normalize_url_and_id():
    a = normalize_url("HTTPS://Example.ORG:443/a/b?utm_source=x&id=3&fbclid=1&gclid=2#frag")
    assert a == "https://example.org/a/b?id=3"
    assert normalize_url("http://example.org") == "http://example.org/"
    assert normalize_url("/x?xtor=RSS-1", base="http://h.fr/a/") == "http://h.fr/x"
    assert item_id(a) == item_id(normalize_url("https://example.org/a/b?id=3&utm_medium=y"))
    assert len(item_id(a)) == 16 and item_id(a) != item_id("https://example.org/a/c")


def test_aggregator_links_resolved_from_feed_data():
    token = base64.urlsafe_b64encode(b"\x08\x13\x22\x2bhttps://www.lemonde.fr/a.html\xd2\x01")
    link = "https://news.google.com/rss/articles/" + token.decode().rstrip("=") + "?oc=5"
    assert publisher_url(link) == ("https://www.lemonde.fr/a.html", "aggregator-token")
    assert publisher_url(link, ["https://pub.example/story"]) == (
        "https://pub.example/story",
        "feed-alternate-link",
    )
    bing = "https://www.bing.com/news/apiclick.aspx?url=https%3a%2f%2fx.example%2fa&c=1"
    assert publisher_url(bing) == ("https://x.example/a", "aggregator-query")
    opaque = "https://news.google.com/rss/articles/CBMiAAAA?oc=5"
    assert publisher_url(opaque)[1] == "aggregator-link"
    assert publisher_url("https://pub.example/x") == ("https://pub.example/x", "feed-link")


def test_text_cleaning_and_charsets():
    broken = "Le service client a répondu à l’avion".encode().decode("cp1252")
    assert fix_mojibake(broken) == "Le service client a répondu à l’avion"
    assert fix_mojibake("déjà vu, naïve") == "déjà vu, naïve"
    assert clean("  caf&eacute; &amp;\n\t thé ") == "café & thé"
    assert clean("   ") is None
    utf8_claiming_latin1 = "é à".encode()
    assert detect_encoding(utf8_claiming_latin1, "iso-8859-1") == "utf-8"
    assert decode("réclamation".encode("latin-1"), "iso-8859-1") == "réclamation"


def test_dates():
    assert parse_date("2020-06-07T23:30:00+03:00") == "2020-06-07"
    assert parse_date("7 juin 2020") == "2020-06-07"
    assert parse_date("June 7th, 2020") == "2020-06-07"
    assert parse_date("07.06.2020") == "2020-06-07"
    assert parse_date("Sun, 07 Jun 2020 10:00:00 GMT") == "2020-06-07"
    assert parse_date("2020-02-30") is None and parse_date("no date") is None
    assert date_from_url("https://x.fr/2020/06/07/titre") == "2020-06-07"
    assert date_from_url("https://x.com/news/story-20200113") == "2020-01-13"
    assert date_from_url("https://x.com/news/123456") is None


def test_languages():
    assert normalize_lang("fr-FR") == "fr" and normalize_lang("en_GB") == "en"
    assert normalize_lang("und") is None and normalize_lang("") is None
    assert detect_language("Le service client ne répondra plus sur Twitter à partir de lundi.") == (
        "fr"
    )
    assert detect_language("short") is None
