"""Status in every listing; brand pages say where the brand is, its names and accounts, and
how old each channel state's evidence is."""

from __future__ import annotations

import pytest

from casebook import vocabulary
from tests.site.sitelib import case, listing, page

STATUS = {"en": "Ongoing", "fr": "En cours"}


@pytest.mark.parametrize(
    "url", ["/timeline/", "/brands/air-france/", "/event-types/channel-closure/", "/years/2023/"]
)
def test_every_listing_shows_each_entry_status(site, url):
    doc = page(site, url)
    entries = doc.select("li.entry")
    assert entries
    labels = vocabulary.load()["statuses"]
    for entry in entries:
        status = entry["data-statuses"]
        assert entry.select_one(".tag-status").get_text() == labels[status]["label"]["en"]


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("fr", "/fr")])
def test_brand_page_shows_country_names_accounts_and_as_of(site, lang, prefix):
    brand = vocabulary.load()["brands"]["air-france"]
    doc = page(site, f"{prefix}/brands/air-france/")
    facts = doc.select_one("dl.brand-facts").get_text(" ")
    assert "France" in facts
    assert all(alias in facts for alias in brand["aliases"])
    assert all(f"@{handle}" in facts for handle in brand["handles"].values())
    af = case("air-france-stops-dm-support-fixture")
    as_of = doc.select_one(".channel-states .as-of").get_text()
    expected = {"en": "as of 1 February 2024", "fr": "état au 1er février 2024"}[lang]
    assert af.record["updated"] == "2024-02-01" and as_of == expected


def test_status_labels_follow_the_page_language(site):
    doc = page(site, "/fr/timeline/")
    ongoing = [e for e in listing("fr") if e.record["status"] == "ongoing"]
    shown = [t.get_text() for t in doc.select("li.entry .tag-status")]
    assert shown.count(STATUS["fr"]) == len(ongoing)
