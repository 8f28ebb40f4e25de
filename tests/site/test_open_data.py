"""The data set, feeds, sitemap and the small files a static host serves."""

from __future__ import annotations

import csv
import json

import feedparser
import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from tests.site.sitelib import (
    CANONICAL,
    FIXTURE_CONTENT,
    fixture_cases,
    html_files,
    listing,
    page,
    url_of,
)

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_cases_json_has_one_valid_record_per_case_file(site):
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "case.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = Draft202012Validator(schema)
    files = list((FIXTURE_CONTENT / "cases").rglob("*.md"))
    assert data["count"] == len(data["cases"]) == len(files)
    assert sorted(r["id"] for r in data["cases"]) == sorted(f.stem for f in files)
    for record in data["cases"]:
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], record["id"]
    by_id = {r["id"]: r for r in data["cases"]}
    for c in fixture_cases():
        assert by_id[c.id] == c.record


def test_json_files_hold_one_case_or_board_row_a_line(site):
    """So a diff between two releases shows one changed line per changed case."""
    for name, key in (("cases.json", "cases"), ("board.json", "rows")):
        text = (site / "data" / name).read_text(encoding="utf-8")
        items = json.loads(text)[key]
        lines = [line.strip().removesuffix(",") for line in text.splitlines()]
        assert [json.loads(line) for line in lines if line.startswith('{"')] == items, name


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cases_csv_has_one_row_per_case(site):
    rows = read_csv(site / "data" / "cases.csv")
    assert sorted(r["id"] for r in rows) == sorted(c.id for c in fixture_cases())
    for row in rows:
        c = next(c for c in fixture_cases() if c.id == row["id"])
        assert row["url"] == CANONICAL + c.url
        assert row["date"] == c.record["date"]
        assert row["brands"].split(";") == c.record["brands"]
        assert int(row["source_count"]) == len(c.record["sources"])
        assert row["disagreement"] == c.record.get("disagreement", "")


def test_sources_csv_has_one_row_per_source(site):
    rows = read_csv(site / "data" / "sources.csv")
    expected = [
        (c.id, s["url"], s.get("archived", ""))
        for c in fixture_cases()
        for s in c.record["sources"]
    ]
    assert sorted((r["case_id"], r["url"], r["archived"]) for r in rows) == sorted(expected)
    for row in rows:
        assert int(row["position"]) >= 1 and row["publisher"] and row["lang"]


def parse_feed(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("path", "lang"), [("feeds/all.atom.xml", "en"), ("fr/feeds/all.atom.xml", "fr")]
)
def test_all_cases_feed(site, path, lang):
    feed = parse_feed(site / path)
    links = [e.link for e in feed.entries]
    assert sorted(links) == sorted(CANONICAL + c.url for c in listing(lang))
    titles = {e.title for e in feed.entries}
    assert titles == {c.record["title"] for c in listing(lang)}


def test_brand_feeds(site):
    brands = sorted({b for c in fixture_cases() for b in c.record["brands"]})
    assert sorted(p.stem.removesuffix(".atom") for p in (site / "feeds" / "brands").iterdir()) == (
        brands
    )
    for brand in brands:
        for prefix, lang in (("", "en"), ("fr/", "fr")):
            feed = parse_feed(site / f"{prefix}feeds/brands/{brand}.atom.xml")
            expected = [CANONICAL + c.url for c in listing(lang) if brand in c.record["brands"]]
            assert sorted(e.link for e in feed.entries) == sorted(expected)


def test_feeds_are_announced(site):
    doc = page(site, "/brands/klm/")
    feeds = [
        link["href"] for link in doc.select('link[rel="alternate"][type="application/atom+xml"]')
    ]
    assert any(h.endswith("feeds/brands/klm.atom.xml") for h in feeds)
    assert any(h.endswith("feeds/all.atom.xml") for h in feeds)


def test_sitemap_lists_every_page_and_its_translations(site):
    tree = etree.parse(str(site / "sitemap.xml"))
    assert tree.getroot().tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = tree.getroot().findall("s:url", SITEMAP_NS)
    locs = [u.findtext("s:loc", namespaces=SITEMAP_NS) for u in urls]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(CANONICAL + "/") for loc in locs)
    listed = {loc.removeprefix(CANONICAL) for loc in locs}
    for c in fixture_cases():
        assert c.url in listed
    redirects = {"/cases/klm-leaves-twitter-fixture/", "/fr/cases/air-france-ferme-les-dm-fixture/"}
    pages = {url_of(site, p) for p in html_files(site)} - {"/404.html"} - redirects
    assert pages == listed  # every brand, facet, timeline, search, data and site page
    assert not redirects & listed  # a former id's page sends elsewhere: not listed
    by_loc = {u.findtext("s:loc", namespaces=SITEMAP_NS): u for u in urls}
    af = by_loc[CANONICAL + "/cases/air-france-stops-dm-support-fixture/"]
    alternates = {
        link.get("hreflang"): link.get("href") for link in af.findall("x:link", SITEMAP_NS)
    }
    assert alternates == {
        "en": CANONICAL + "/cases/air-france-stops-dm-support-fixture/",
        "fr": CANONICAL + "/fr/cases/air-france-arrete-les-dm-fixture/",
    }
    assert af.findtext("s:lastmod", namespaces=SITEMAP_NS) == "2024-02-01"


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {CANONICAL}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_not_found_page(site):
    doc = page(site, "/404.html")
    assert doc.h1.get_text(strip=True) == "Page not found"
    assert doc.html["lang"] == "en"
    hrefs = [a["href"] for a in doc.select("main a")]
    assert "/timeline/" in hrefs and "/search/" in hrefs


def test_not_found_page_works_at_any_depth(site):
    doc = page(site, "/404.html")
    # served for any missing address, so its own links must not depend on its location
    for element in doc.select("link[href], script[src], a[href]"):
        target = element.get("href") or element.get("src")
        if not target.startswith(("http://", "https://", "#")):
            assert target.startswith("/"), f"404.html: {target!r} breaks below the site root"
