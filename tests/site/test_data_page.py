"""/data/: a citable release: counts, date and commit, file sizes, every column documented."""

from __future__ import annotations

import csv
import json

import feedparser
import pytest

from casebook.schema import case_schema
from tests.site.sitelib import CANONICAL, fixture_cases, listing, page, run

DATA = {"en": "/data/", "fr": "/fr/data/"}


def documented(doc, file: str) -> list[str]:
    table = doc.select_one(f"table#fields-{file.replace('.', '-')}")
    return [th.get_text(strip=True).rstrip(" *") for th in table.select("tbody th")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_csv_column_and_json_field_is_documented(site, lang):
    doc = page(site, DATA[lang])
    for name in ("cases.csv", "sources.csv", "board.csv"):
        with open(site / "data" / name, encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        rows = doc.select_one(f"table#fields-{name.replace('.', '-')}").select("tbody tr")
        assert documented(doc, name) == header, name
        assert all(row.select("td")[-1].get_text(strip=True) for row in rows), name
    fields = set(documented(doc, "cases.json"))
    assert fields == set(case_schema()["properties"])
    records = json.loads((site / "data" / "cases.json").read_text("utf-8"))["cases"]
    assert {key for r in records for key in r} <= fields


def test_the_schema_is_the_only_place_a_field_is_described(site):
    doc = page(site, DATA["en"])
    row = doc.select_one("table#fields-cases-csv").find("code", string="summary")
    assert (
        row.find_parent("tr").select("td")[-1].get_text(strip=True)
        == (case_schema()["properties"]["summary"]["description"])
    )


def test_counts_commit_date_and_sizes(site):
    doc = page(site, DATA["en"])
    facts = doc.select_one("dl.data-facts").get_text(" ", strip=True)
    assert f"{len(fixture_cases())} cases" in facts
    commit = run(["git", "rev-parse", "HEAD"]).stdout.strip()
    day = run(["git", "log", "-1", "--format=%cs"]).stdout.strip()
    assert doc.select_one("dl.data-facts a code").get_text() == commit[:12]
    assert doc.select_one("dl.data-facts time")["datetime"] == day
    sizes = {li.a.get_text(): li.select_one(".size") for li in doc.select("ul.downloads li")}
    for name in ("cases.json", "cases.csv", "sources.csv", "board.json", "board.csv"):
        assert sizes[name] is not None, name
        assert sizes[name].get_text() not in ("", "()")


def test_the_recently_added_feed_follows_the_added_date(site):
    feed = feedparser.parse((site / "feeds" / "added.atom.xml").read_bytes())
    links = [e.link for e in feed.entries]
    added = sorted(
        (c for c in listing("en") if c.record.get("added")),
        key=lambda c: (c.record["added"], c.id),
        reverse=True,
    )
    assert links == [CANONICAL + c.url for c in added][: len(links)]
