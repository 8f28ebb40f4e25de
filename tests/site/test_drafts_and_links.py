"""Drafts show, marked, in a preview and nowhere in a published build; `{filename}` links work."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest

from tasks import pagefind_command
from tests.site.sitelib import FIXTURE_CONTENT, page, pelican, resolve, run

DRAFT_ID = "lufthansa-whatsapp-service-draft-fixture"
DRAFT_TITLE = "Lufthansa tries customer service over WhatsApp"
DRAFT = f"""\
---
id: {DRAFT_ID}
title: {DRAFT_TITLE}
summary: >-
  A case still being written, used by the site tests to check that drafts stay out of the
  published site.
date: 2024-03-05
date_precision: day
brands: [lufthansa]
platform: twitter
channel: direct-message
event_type: channel-opening
status: ongoing
sources:
  - url: https://news.example.com/lufthansa-whatsapp
    title: Lufthansa and WhatsApp
    publisher: Example News
    published: 2024-03-05
    lang: en
lang: en
updated: 2024-03-06
draft: true
---
Lufthansa was said to try WhatsApp for customer service, as the
[Delta case]({{filename}}/cases/delta-reply-pledge-fixture.md) did with Twitter replies, and as
[the about page]({{filename}}../pages/about.md) explains.
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts") / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    (folder / "cases" / f"{DRAFT_ID}.md").write_text(DRAFT, encoding="utf-8")
    about = folder / "pages" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + "\nSee [the Delta case]({filename}/cases/delta-reply-pledge-fixture.md).\n",
        encoding="utf-8",
    )
    return folder


def built(content, name: str, settings: str):
    output = content.parent / name
    result = pelican(content, output, settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(pagefind_command(output))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def preview(content):
    return built(content, "preview", "pelicanconf.py")


@pytest.fixture(scope="module")
def published(content):
    os.environ.setdefault("SITEURL", "https://tracker.example")
    return built(content, "published", "publishconf.py")


def test_preview_shows_a_draft_with_a_banner(preview):
    url = f"/cases/{DRAFT_ID}/"
    doc = page(preview, url)
    assert doc.h1.get_text(strip=True) == DRAFT_TITLE
    banner = doc.select_one(".draft-banner")
    assert banner is not None and banner.get_text(strip=True).startswith("Draft")
    timeline = page(preview, "/timeline/")
    link = timeline.find("a", href=lambda h: h and h.endswith(url))
    assert link is not None
    assert link.find_next_sibling("span", class_="draft-mark").get_text() == "Draft"
    assert (preview / "brands" / "lufthansa" / "index.html").exists()
    data = json.loads((preview / "data" / "cases.json").read_text(encoding="utf-8"))
    assert DRAFT_ID in {r["id"] for r in data["cases"]}
    # a published case carries no draft marking
    assert page(preview, "/cases/delta-reply-pledge-fixture/").select_one(".draft-banner") is None


def readable(path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_published_build_leaves_a_draft_out_of_everything(preview, published):
    # the check below can see a case in the search index: the preview's index has the draft
    index = [p for p in (preview / "pagefind").rglob("*") if p.is_file()]
    assert any(DRAFT_ID.encode() in readable(p) for p in index)
    assert not (published / "cases" / DRAFT_ID).exists()
    assert not (published / "brands" / "lufthansa").exists()
    files = [p for p in published.rglob("*") if p.is_file()]
    assert any("pagefind" in p.parts for p in files)  # the search index is searched too
    leaks = [
        p.relative_to(published).as_posix()
        for p in files
        if DRAFT_ID.encode() in readable(p) or b"tries customer service" in readable(p)
    ]
    assert leaks == []


def test_filename_links_point_at_the_page_of_the_file(preview):
    url = f"/cases/{DRAFT_ID}/"
    links = page(preview, url).select(".narrative p a")
    hrefs = {a.get_text(): a.get("href") for a in links}
    assert resolve(url, hrefs["Delta case"]) == "/cases/delta-reply-pledge-fixture/"
    assert resolve(url, hrefs["the about page"]) == "/about/"
    about = page(preview, "/about/").find("a", string="the Delta case")
    assert resolve("/about/", about["href"]) == "/cases/delta-reply-pledge-fixture/"
