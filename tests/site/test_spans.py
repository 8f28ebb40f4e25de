"""Spans on the built site: an ongoing closure counts to the build's as-of day, an ended
state shows its end, in the timeline entries and on the case page, in both languages."""

from __future__ import annotations

import csv
import shutil

import pytest

from tests.site.sitelib import FIXTURE_CONTENT, page, pelican

NB, NNB = "\xa0", "\u202f"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    content = tmp_path_factory.mktemp("spans") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    klm = content / "cases" / "klm-stops-twitter-service-fixture.md"
    text = klm.read_text(encoding="utf-8")
    klm.write_text(text.replace("status: ongoing", "status: reversed\nended: 2024-06", 1))
    output = content.parent / "output"
    result = pelican(content, output, extra=['TRACKER_AS_OF="2025-12-01"'])
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def entry_span(soup, case_url_part: str) -> str:
    link = soup.select_one(f'li.entry a[href*="{case_url_part}"]')
    return link.find_parent("li").select_one(".entry-span").get_text()


def test_an_ongoing_closure_shows_how_long_it_has_lasted(built):
    timeline = page(built, "/timeline/")
    assert entry_span(timeline, "air-france-stops-dm-support-fixture") == (
        f"Closed: 28 April 2023 – ongoing (2{NB}years, 7{NB}months)"
    )
    facts = page(built, "/cases/air-france-stops-dm-support-fixture/").select_one(".facts")
    assert f"(2{NB}years, 7{NB}months) (as of 1 December 2025)" in facts.get_text()


def test_french_pages_write_the_span_in_french(built):
    timeline = page(built, "/fr/timeline/")
    assert entry_span(timeline, "air-france-arrete-les-dm-fixture") == (
        f"Fermé{NNB}: 28 avril 2023 – en cours (2{NB}ans et 7{NB}mois)"
    )


def test_an_ended_state_shows_its_end_and_no_as_of(built):
    assert entry_span(page(built, "/timeline/"), "klm-stops-twitter-service-fixture") == (
        f"Closed: May 2023 – June 2024 (1{NB}year, 1{NB}month)"
    )
    facts = page(built, "/cases/klm-stops-twitter-service-fixture/").select_one(".facts")
    assert "June 2024" in facts.get_text() and "as of" not in facts.get_text()
    rows = csv.DictReader((built / "data" / "cases.csv").open(encoding="utf-8"))
    assert {r["id"]: r["ended"] for r in rows}["klm-stops-twitter-service-fixture"] == "2024-06"


def test_events_without_a_lasting_state_show_no_span(built):
    timeline = page(built, "/timeline/")
    link = timeline.select_one('li.entry a[href*="ba-promoted-tweet-fixture"]')
    assert link.find_parent("li").select_one(".entry-span") is None
