"""What a journalist relies on: redirects from former ids, corrections, right of reply, citations
pinned to a revision, links to correct and edit a case, and honest archive links."""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

import feedparser

from tests.site.sitelib import CANONICAL, SETTINGS, case, file_of, page, resolve, run

KLM = "klm-stops-twitter-service-fixture"
AF_FR = "air-france-arrete-les-dm-fixture"
REPOSITORY = SETTINGS["REPOSITORY_URL"]


def head_commit() -> str:
    return run(["git", "rev-parse", "HEAD"]).stdout.strip()


def test_a_former_id_redirects_to_the_case_in_its_own_url_scheme(site):
    for former, current, url in (
        ("klm-leaves-twitter-fixture", KLM, "/cases/klm-leaves-twitter-fixture/"),
        ("air-france-ferme-les-dm-fixture", AF_FR, "/fr/cases/air-france-ferme-les-dm-fixture/"),
    ):
        doc = page(site, url)
        target = case(current).url
        refresh = doc.select_one('meta[http-equiv="refresh"]')["content"]
        assert re.fullmatch(r"0; url=(.+)", refresh)
        assert resolve(url, refresh.split("url=", 1)[1]) == target
        assert doc.select_one('link[rel="canonical"]')["href"] == CANONICAL + target
        visible = doc.select_one("main a")
        assert resolve(url, visible["href"]) == target
        assert visible.get_text(strip=True) == case(current).record["title"]
        assert former in doc.get_text()
        assert not doc.find("script")


def test_redirect_pages_are_not_in_the_sitemap(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "klm-leaves-twitter-fixture" not in sitemap
    assert f"/cases/{KLM}/" in sitemap


def test_the_case_page_shows_its_corrections_log(site):
    doc = page(site, case(KLM).url)
    items = doc.select("section.changes li")
    assert [li.time["datetime"] for li in items] == ["2024-02-01", "2024-03-05"]
    assert "Corrected the month of the notice" in items[1].get_text()
    assert items[1].a["href"] == f"{REPOSITORY}/pull/42"
    other = page(site, case("delta-reply-pledge-fixture").url)
    assert "No substantive change" in other.select_one("section.changes").get_text()


def test_the_case_page_shows_the_right_of_reply(site):
    section = page(site, case(KLM).url).select_one("section.brand-response")
    text = section.get_text(" ", strip=True)
    assert "asked for comment on 10 February 2024" in text
    assert section.blockquote.get_text(strip=True) == (
        "Our agents now answer on WhatsApp and by phone."
    )
    assert section.select_one("a")["href"] == "https://klm.example.com/press/service-channels"
    silent = page(site, case(AF_FR).url).select_one("section.brand-response").get_text(" ")
    assert "15 janvier 2024" in silent and "n’a pas répondu" in silent
    unasked = page(site, case("delta-reply-pledge-fixture").url).select_one(
        "section.brand-response"
    )
    assert "has not been asked" in unasked.get_text()


def test_citation_is_pinned_to_the_build_revision(site):
    commit = head_commit()
    assert len(commit) == 40
    doc = page(site, case(KLM).url)
    pinned = f"{REPOSITORY}/blob/{commit}/content/cases/{KLM}.md"
    assert doc.select_one(".cite .revision a")["href"] == pinned
    assert pinned in doc.select_one("pre.citation").get_text()
    bibtex = doc.select_one("pre.bibtex").get_text()
    assert f"version      = {{{commit}}}" in bibtex
    assert f"\\url{{{pinned}}}" in bibtex


def test_suggest_a_correction_and_edit_this_case(site):
    doc = page(site, case(AF_FR).url)
    links = {a.get_text(strip=True): a["href"] for a in doc.select(".contribute-links a")}
    correction = urlsplit(links["Proposer une correction"])
    assert f"{correction.scheme}://{correction.netloc}{correction.path}" == (
        f"{REPOSITORY}/issues/new"
    )
    query = parse_qs(correction.query)
    assert query["template"] == ["correction.yml"]
    assert query["case"] == [AF_FR]
    assert query["title"] == [f"Correction: {case(AF_FR).record['title']}"]
    assert links["Modifier ce cas"] == f"{REPOSITORY}/edit/main/content/cases/fr/{AF_FR}.md"


def test_only_a_real_snapshot_is_called_an_archived_copy(site):
    sources = page(site, case(KLM).url).select("ol.sources > li")
    first, second = (li.find_all("a")[-1] for li in sources)
    assert first.get_text(strip=True) == "archived copy"
    assert first["href"] == "https://archive.example.org/klm-twitter-2023"
    assert second.get_text(strip=True) == "look for archived copies"
    assert (
        second["href"]
        == "https://web.archive.org/web/*/https://daily.example.com/airlines-leave-twitter"
    )


def test_open_data_carries_aliases_changes_and_the_response(site):
    with open(site / "data" / "cases.csv", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    klm = rows[KLM]
    assert klm["aliases"] == "klm-leaves-twitter-fixture"
    assert klm["change_count"] == "2"
    assert klm["last_change"].startswith("2024-03-05: Corrected the month")
    assert klm["brand_asked"] == "2024-02-10"
    assert klm["brand_answer"] == "Our agents now answer on WhatsApp and by phone."
    assert klm["brand_answer_url"] == "https://klm.example.com/press/service-channels"
    assert rows[AF_FR]["brand_answer"] == "did not answer"
    assert rows["delta-reply-pledge-fixture"]["brand_asked"] == ""


def test_an_updated_case_is_a_feed_update(site):
    feed = feedparser.parse((site / "feeds" / "updated.atom.xml").read_bytes())
    first = feed.entries[0]
    assert first.link == CANONICAL + case(KLM).url
    assert first.updated.startswith("2024-03-05")
    added = feedparser.parse((site / "feeds" / "added.atom.xml").read_bytes())
    assert added.entries and file_of(site, "/fr/feeds/added.atom.xml").exists()
