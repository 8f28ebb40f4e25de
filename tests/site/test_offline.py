"""`invoke build --offline`: every local link opens from disk; the search page says it cannot."""

from __future__ import annotations

import pytest

from plugins.tracker.offline import for_page
from tests.site.sitelib import FIXTURE_CONTENT, file_of, pelican


def test_folder_links_name_their_index():
    html = (
        '<a href="../timeline/">t</a><a href="./">h</a><a href="..">u</a>'
        '<a href="../cases/x/#sources">s</a><form action="../search/">'
        '<a href="https://example.org/">e</a><a href="#main">m</a>'
        '<link href="../theme/css/site.css"><a href="mailto:a@example.org">m</a>'
    )
    assert for_page(html) == (
        '<a href="../timeline/index.html">t</a><a href="./index.html">h</a>'
        '<a href="../index.html">u</a><a href="../cases/x/index.html#sources">s</a>'
        '<form action="../search/index.html"><a href="https://example.org/">e</a>'
        '<a href="#main">m</a><link href="../theme/css/site.css">'
        '<a href="mailto:a@example.org">m</a>'
    )


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("offline") / "output"
    result = pelican(FIXTURE_CONTENT, output, extra=["TRACKER_OFFLINE=true"])
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.mark.browser
def test_the_offline_build_opens_from_disk(offline_site, chromium):
    context = chromium.new_context()
    try:
        tab = context.new_page()
        tab.goto(file_of(offline_site, "/").as_uri())
        tab.get_by_role("link", name="Timeline").first.click()
        assert tab.url.endswith("/timeline/index.html")
        assert tab.locator("li.entry").count() > 0
        tab.locator("li.entry a").first.click()
        assert tab.url.endswith("/index.html") and "/cases/" in tab.url
        tab.goto(file_of(offline_site, "/search/").as_uri())
        error = tab.locator(".search-error")
        error.wait_for(state="visible")
        assert "could not be loaded" in error.inner_text()
    finally:
        context.close()
