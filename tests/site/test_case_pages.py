"""What a reader, a journalist and a link unfurler get from a case page."""

from __future__ import annotations

import json

import pytest

from tests.site.sitelib import CANONICAL, case, fixture_cases, listing, page, resolve

AF = "air-france-stops-dm-support-fixture"
AF_FR = "air-france-arrete-les-dm-fixture"
KLM = "klm-stops-twitter-service-fixture"
SIA_FR = "singapore-airlines-alerte-usurpation-fixture"


def facts(doc) -> dict:
    """The facts box as {term: <dd>}."""
    box = doc.select_one("aside.facts dl")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in box.find_all("dt")}


@pytest.mark.parametrize("c", fixture_cases(), ids=lambda c: c.id)
def test_every_case_has_its_permanent_page(site, c):
    doc = page(site, c.url)
    assert doc.html["lang"] == c.lang
    assert doc.h1.get_text(strip=True) == c.record["title"]
    assert len(doc.find_all("h1")) == 1
    canonical = doc.select_one('link[rel="canonical"]')["href"]
    assert resolve(c.url, canonical) == c.url


def test_facts_box(site):
    doc = page(site, case(AF).url)
    box = facts(doc)
    assert box["Date"].time["datetime"] == "2023-04-28"
    assert box["Date"].get_text(strip=True) == "28 April 2023"
    brands = box["Brands"].find_all("a")
    assert [a.get_text(strip=True) for a in brands] == ["Air France"]
    assert resolve(case(AF).url, brands[0]["href"]) == "/brands/air-france/"
    assert box["Platform"].get_text(strip=True) == "Twitter / X"
    assert resolve(case(AF).url, box["Platform"].a["href"]) == "/platforms/twitter/"
    assert box["Channel"].get_text(strip=True) == "Direct messages"
    assert resolve(case(AF).url, box["Channel"].a["href"]) == "/channels/direct-message/"
    assert box["Event type"].get_text(strip=True) == "Channel closure"
    assert resolve(case(AF).url, box["Event type"].a["href"]) == "/event-types/channel-closure/"
    assert box["Outcome"].get_text(strip=True) == "Ongoing"
    assert box["Last updated"].time["datetime"] == "2024-02-01"
    fr = facts(page(site, case(AF_FR).url))
    assert fr["Date"].get_text(strip=True) == "28 avril 2023"
    assert resolve(case(AF_FR).url, fr["Marques"].a["href"]) == "/fr/brands/air-france/"


def test_sources_with_publisher_date_language_and_archived_copy(site):
    doc = page(site, case(KLM).url)
    items = doc.select("ol.sources > li")
    sources = case(KLM).record["sources"]
    assert len(items) == len(sources)
    for item, source in zip(items, sources, strict=True):
        links = item.find_all("a")
        assert links[0]["href"] == source["url"]
        assert links[0].get_text(strip=True) == source["title"]
        assert item.select_one(".publisher").get_text(strip=True) == source["publisher"]
        assert item.time["datetime"] == source["published"]
        assert item["lang"] == source["lang"]
        language = {"en": "(English)", "fr": "(French)"}[source["lang"]]
        assert item.select_one(".source-lang").get_text(strip=True) == language
        archived = links[1]
        if "archived" in source:
            assert archived.get_text(strip=True) == "archived copy"
            assert archived["href"] == source["archived"]
        else:  # no real snapshot yet: say what the link is
            assert archived.get_text(strip=True) == "look for archived copies"
            assert archived["href"] == f"https://web.archive.org/web/*/{source['url']}"
    assert "archived" in sources[0] and "archived" not in sources[1]  # both paths covered
    assert items[0].blockquote.get_text(strip=True) == sources[0]["quote"]


def test_disagreement_is_shown(site):
    note = page(site, case(KLM).url).select_one(".disagreement")
    assert note is not None and note.h2.get_text(strip=True) == "Sources disagree"
    assert note.p.get_text(strip=True) == case(KLM).record["disagreement"]
    assert page(site, case(AF).url).select_one(".disagreement") is None


def test_related_cases(site):
    section = page(site, case(AF).url).select_one('section[aria-labelledby="related-h"]')
    hrefs = [resolve(case(AF).url, a["href"]) for a in section.select("ul.related a")]
    assert hrefs == [case(KLM).url]


def test_older_and_newer_follow_the_timeline(site):
    for lang in ("en", "fr"):
        timeline = listing(lang)
        for index, c in enumerate(timeline):
            if c.lang != lang:
                continue  # a case shown in another language has its own neighbours there
            doc = page(site, c.url)
            older = doc.select_one('nav.pager a[rel="prev"]')
            newer = doc.select_one('nav.pager a[rel="next"]')
            if index + 1 < len(timeline):
                assert resolve(c.url, older["href"]) == timeline[index + 1].url
            else:
                assert older is None
            if index:
                assert resolve(c.url, newer["href"]) == timeline[index - 1].url
            else:
                assert newer is None


def test_cite_box(site):
    doc = page(site, case(AF).url)
    permalink = f"{CANONICAL}/cases/{AF}/"
    cite = doc.select_one("section.cite")
    assert cite.find("a", href=permalink).get_text(strip=True) == permalink
    citation = cite.select_one("pre.citation").get_text()
    assert case(AF).record["title"] in citation and permalink in citation
    bibtex = cite.select_one("pre.bibtex").get_text()
    assert bibtex.startswith(f"@misc{{tracker:{AF},")
    assert f"\\url{{{permalink}}}" in bibtex
    assert "year         = {2024}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_json_ld_describes_the_case(site):
    c = case(KLM)
    doc = page(site, c.url)
    scripts = doc.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == c.record["title"]
    assert data["datePublished"] == c.record["added"]
    assert data["dateModified"] == c.record["updated"]
    assert data["inLanguage"] == "en"
    assert data["url"] == f"{CANONICAL}/cases/{KLM}/"
    assert [s["url"] for s in data["citation"]] == [s["url"] for s in c.record["sources"]]
    assert [s["publisher"]["name"] for s in data["citation"]] == [
        s["publisher"] for s in c.record["sources"]
    ]
    assert data["mentions"] == [{"@type": "Organization", "name": "KLM"}]


def test_open_graph(site):
    c = case(AF)
    doc = page(site, c.url)

    def meta(name):
        return doc.select_one(f'meta[property="{name}"]')["content"]

    assert meta("og:title") == c.record["title"]
    assert meta("og:description") == c.record["summary"]
    assert meta("og:type") == "article"
    assert meta("og:url") == f"{CANONICAL}/cases/{AF}/"
    assert doc.select_one('meta[name="description"]')["content"] == c.record["summary"]


def alternates(doc, url) -> dict:
    return {
        link["hreflang"]: resolve(url, link["href"])
        for link in doc.select('link[rel="alternate"][hreflang]')
    }


def test_translations_point_at_each_other(site):
    en, fr = case(AF), case(AF_FR)
    expected = {"en": en.url, "fr": fr.url}
    assert alternates(page(site, en.url), en.url) == expected
    assert alternates(page(site, fr.url), fr.url) == expected
    en_doc, fr_doc = page(site, en.url), page(site, fr.url)
    assert en_doc.html["lang"] == "en" and fr_doc.html["lang"] == "fr"
    link = en_doc.select_one("p.translations a")
    assert (link["hreflang"], resolve(en.url, link["href"])) == ("fr", fr.url)
    switch = en_doc.select_one("a.lang-switch")
    assert resolve(en.url, switch["href"]) == fr.url
    assert resolve(fr.url, fr_doc.select_one("a.lang-switch")["href"]) == en.url


def test_a_case_in_one_language_claims_no_translation(site):
    c = case(SIA_FR)
    doc = page(site, c.url)
    assert alternates(doc, c.url) == {"fr": c.url}
    assert doc.select_one("p.translations") is None
