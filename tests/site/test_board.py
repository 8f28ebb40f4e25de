"""The channel board: every brand with a channel event, its channels' states, the evidence."""

from __future__ import annotations

import csv
import json

import pytest

from plugins.tracker.catalogue import CHANNEL_STATE_BY_EVENT
from tests.site.sitelib import CANONICAL, ROOT, FixtureCase, listing, normalise, page, read, resolve

BOARD = {"en": "/channels/board/", "fr": "/fr/channels/board/"}


def channel_events(cases) -> dict[str, set[str]]:
    """brand -> ids of the cases that record a channel event for it."""
    out: dict[str, set[str]] = {}
    for c in cases:
        r = c.record
        if r["event_type"] in CHANNEL_STATE_BY_EVENT and r.get("channel"):
            for brand in r["brands"]:
                out.setdefault(brand, set()).add(c.id)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_board_lists_every_brand_with_a_channel_event_with_evidence(site, lang):
    shown = listing(lang)
    expected = channel_events(shown)
    assert expected  # the fixture has channel events
    doc = page(site, BOARD[lang])
    assert doc.html["lang"] == lang
    rows = {}
    for tr in doc.select("table.board tbody tr"):
        brand_link = tr.th.a
        key = resolve(BOARD[lang], brand_link["href"]).strip("/").split("/")[-1]
        evidence = {
            resolve(BOARD[lang], a["href"]) for a in tr.select("td.state a") if "title" in a.attrs
        }
        rows[key] = evidence
    assert set(rows) == set(expected)
    urls = {c.id: c.url for c in shown}
    for brand, ids in expected.items():
        assert rows[brand], brand
        assert rows[brand] <= {urls[i] for i in ids}, brand


def test_cells_say_the_state_and_since_when(site):
    doc = page(site, BOARD["en"])
    af = next(tr for tr in doc.select("table.board tbody tr") if "Air France" in tr.th.get_text())
    closed = af.select_one("td.state-closed")
    assert closed is not None
    assert closed.get_text(strip=True) == "closed since 28 April 2023"
    fr = page(site, BOARD["fr"])
    assert "fermé depuis" in fr.select_one("table.board td.state-closed").get_text()


def test_the_board_works_without_javascript_and_its_script_is_a_file(site):
    doc = page(site, BOARD["en"])
    assert doc.select("table.board tbody tr")  # the table is in the HTML
    form = doc.select_one("form#board-filters")
    assert form.has_attr("hidden")  # shown by the script only
    assert {s["name"] for s in form.select("select")} == {"industry", "platform"}
    scripts = doc.find_all("script", src=True)
    assert any(s["src"].endswith("theme/js/board.js") for s in scripts)
    assert not [
        s
        for s in doc.find_all("script")
        if not s.get("src") and s.get_text().strip() and s.get("type") != "application/ld+json"
    ]
    assert (site / "theme" / "js" / "board.js").exists()


def test_board_data_files_match_the_page(site):
    data = json.loads((site / "data" / "board.json").read_text(encoding="utf-8"))
    with open(site / "data" / "board.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(data["rows"]) > 0
    expected = channel_events(listing("en"))
    assert {r["brand"] for r in rows} == set(expected)
    for row in data["rows"]:
        assert row["evidence_case"] in expected[row["brand"]]
        assert row["evidence_url"].startswith(CANONICAL + "/")
    assert {r["state"] for r in rows} <= set(data["states"])


def test_every_shipped_brand_with_a_channel_event_is_on_the_board(real_site):
    cases = [
        FixtureCase(normalise(read(f).meta))
        for f in sorted((ROOT / "content" / "cases").rglob("*.md"))
    ]
    cases = [c for c in cases if not c.record.get("draft")]
    expected = channel_events(cases)
    for lang in ("en", "fr"):
        doc = page(real_site, BOARD[lang])
        listed = {
            resolve(BOARD[lang], tr.th.a["href"]).strip("/").split("/")[-1]
            for tr in doc.select("table.board tbody tr")
        }
        assert listed == set(expected), lang
        assert all(tr.select("td.state a") for tr in doc.select("table.board tbody tr"))
