"""Timeline, brand pages, facet pages, home page and search page, as a reader sees them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from casebook.vocabulary import load
from plugins.tracker.catalogue import facet_keys
from tests.site.sitelib import ROOT, case, listing, page, resolve

VOCAB = load(ROOT / "data" / "vocab")
PREFIX = {"en": "", "fr": "/fr"}


def entry_urls(doc, url) -> list[str]:
    return [resolve(url, li.select_one(".entry-title a")["href"]) for li in doc.select("li.entry")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_timeline_lists_every_case_newest_first_grouped_by_year(site, lang):
    url = f"{PREFIX[lang]}/timeline/"
    doc = page(site, url)
    expected = listing(lang)
    assert entry_urls(doc, url) == [c.url for c in expected]
    years = doc.select("section.year")
    assert [s["data-year"] for s in years] == sorted(
        {c.record["date"][:4] for c in expected}, reverse=True
    )
    for section in years:
        heading = section.find(["h2"])
        assert heading["id"] == "y" + section["data-year"]
        assert heading.get_text().startswith(section["data-year"])
        for li in section.select("li.entry"):
            assert li.time["datetime"].startswith(section["data-year"])
    dates = [li.time["datetime"] for li in doc.select("li.entry")]
    assert dates == [c.record["date"] for c in expected]


def test_case_in_another_language_is_listed_and_marked(site):
    doc = page(site, "/timeline/")
    sia = case("singapore-airlines-alerte-usurpation-fixture")
    link = doc.find("a", href=lambda h: h and h.endswith(f"/fr/cases/{sia.id}/"))
    assert link["hreflang"] == "fr" and link["lang"] == "fr"
    assert link.find_next_sibling("span", class_="lang-mark").get_text() == "(in French)"
    fr = page(site, "/fr/timeline/")
    klm = fr.find("a", href=lambda h: h and h.endswith("/cases/klm-stops-twitter-service-fixture/"))
    assert klm.find_next_sibling("span", class_="lang-mark").get_text() == "(en anglais)"
    # the French version of the Air France case replaces the English one, it is not listed twice
    assert len(fr.select("li.entry")) == len(doc.select("li.entry")) == 5


@pytest.mark.parametrize(
    ("url", "channel", "state"),
    [
        ("/brands/air-france/", "Twitter / X · Direct messages", "closed since 28 April 2023"),
        ("/brands/klm/", "Twitter / X · Direct messages", "closed since May 2023"),
        ("/brands/delta/", "Twitter / X · Public replies and mentions", "response pledge (2015)"),
        (
            "/fr/brands/air-france/",
            "Twitter / X · Messages privés",
            "fermé depuis le 28 avril 2023",
        ),
    ],
)
def test_brand_page_derives_channel_status_from_cases(site, url, channel, state):
    doc = page(site, url)
    states = doc.select(".channel-states li.state")
    assert len(states) == 1
    assert states[0].strong.get_text(strip=True) == channel
    assert state in states[0].get_text(" ", strip=True)
    evidence = [resolve(url, a["href"]) for a in states[0].find_all("a")]
    brand = url.rstrip("/").rsplit("/", 1)[1]
    lang = "fr" if url.startswith("/fr/") else "en"
    assert evidence == [c.url for c in listing(lang) if brand in c.record["brands"]]


def test_brand_without_channel_event_says_so(site):
    doc = page(site, "/brands/singapore-airlines/")
    assert doc.select(".channel-states li.state") == []
    assert "No channel change recorded yet." in doc.select_one(".channel-states").get_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "facet", ["event-types", "platforms", "channels", "industries", "years", "brands"]
)
def test_facet_pages_list_the_right_cases(site, lang, facet):
    expected: dict[str, list[str]] = {}
    for c in listing(lang):
        for key in facet_keys(c.record, VOCAB)[facet]:
            expected.setdefault(key, []).append(c.url)
    index_url = f"{PREFIX[lang]}/{facet}/"
    index = page(site, index_url)
    listed = {resolve(index_url, a["href"]) for a in index.select("ul.facet-values a")}
    assert listed == {f"{index_url}{key}/" for key in expected}
    for key, urls in expected.items():
        url = f"{index_url}{key}/"
        assert entry_urls(page(site, url), url) == urls, url


def test_home_page_chart_has_a_text_alternative(site):
    doc = page(site, "/")
    figures = doc.select("figure.chart-figure")
    assert len(figures) == 2
    for figure in figures:
        svg = figure.find("svg")
        assert svg is not None and svg["aria-hidden"] == "true"
        table = figure.find("table")
        assert table.caption.get_text() == figure.figcaption.get_text()
    years = figures[0].find("table")
    assert years.caption.get_text() == "Cases by year of the event"
    counts = {tr.th.get_text(): int(tr.td.get_text()) for tr in years.find_all("tr")}
    # Every year from the first to the last, the empty ones included.
    assert counts == {str(y): {2013: 1, 2015: 1, 2023: 3}.get(y, 0) for y in range(2013, 2024)}
    types = {tr.th.get_text(): int(tr.td.get_text()) for tr in figures[1].find_all("tr")}
    assert types["Channel closure"] == 2
    assert sum(types.values()) == 5
    latest = entry_urls(doc, "/")
    assert latest == [c.url for c in listing("en")]
    assert doc.select_one('form[role="search"] input[name="q"]') is not None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_page_explains_itself_without_javascript(site, lang):
    url = f"{PREFIX[lang]}/search/"
    doc = page(site, url)
    assert doc.html["lang"] == lang
    noscript = doc.select_one("main noscript")  # the one in <head> loads nojs.css
    assert noscript is not None
    inner = noscript if noscript.find("a") else BeautifulSoup(noscript.decode_contents(), "lxml")
    links = {resolve(url, a["href"]) for a in inner.find_all("a")}
    assert links == {
        f"{PREFIX[lang]}/{f}/"
        for f in ["event-types", "platforms", "channels", "brands", "industries", "years"]
    }
    assert "JavaScript" in inner.get_text()


@pytest.mark.parametrize(("url", "lang"), [("/about/", "en"), ("/fr/a-propos/", "fr")])
def test_site_pages_in_both_languages(site, url, lang):
    doc = page(site, url)
    assert doc.html["lang"] == lang
    alternates = {
        link["hreflang"]: resolve(url, link["href"])
        for link in doc.select('link[rel="alternate"][hreflang]')
    }
    assert doc.h1.get_text(strip=True) == {"en": "About the tracker", "fr": "À propos"}[lang]
    assert alternates == {"en": "/about/", "fr": "/fr/a-propos/"}
    other = "fr" if lang == "en" else "en"
    assert resolve(url, doc.select_one("a.lang-switch")["href"]) == alternates[other]
