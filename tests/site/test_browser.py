"""The fixture build in headless Chromium: search, filters, keyboard, small screens, no JS."""

from __future__ import annotations

import re

import pytest

from tests.site.sitelib import case, listing

pytestmark = pytest.mark.browser

AF = case("air-france-stops-dm-support-fixture")


def result_paths(tab) -> list[str]:
    """Paths of the search results on the page, in order."""
    return tab.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


def test_search_finds_a_case(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/search/")
    field = tab.locator("#search input")
    field.wait_for()
    field.fill("Air France")
    result = tab.locator(".pagefind-ui__result-link").first
    result.wait_for()
    hrefs = result_paths(tab)
    assert AF.url in hrefs


def test_search_is_prefilled_from_the_header_form(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/")
    tab.fill("#header-q", "Air France")
    tab.press("#header-q", "Enter")
    tab.wait_for_url(re.compile(r"/search/\?q=Air\+France"))
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    hrefs = result_paths(tab)
    assert AF.url in hrefs


def test_search_filters_by_the_case_facets(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/search/?q=Twitter")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    block = tab.locator("details.pagefind-ui__filter-block", has_text="Event type")
    block.locator("summary").wait_for()
    block.locator("summary").click()
    block.locator("label", has_text="Channel closure").click()
    closures = {c.url for c in listing("en") if c.record["event_type"] == "channel-closure"}
    tab.wait_for_function(
        "n => document.querySelectorAll('.pagefind-ui__result-link').length === n",
        arg=len(closures),
    )
    hrefs = result_paths(tab)
    assert set(hrefs) == closures


def visible_entries(tab) -> list[str]:
    return tab.locator("li.entry").evaluate_all(
        "items => items.filter(li => li.offsetParent !== null)"
        ".map(li => li.getAttribute('data-event-types'))"
    )


def test_timeline_filter_by_event_type(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/timeline/")
    form = tab.locator("#filters")
    assert form.is_visible()
    total = len(listing("en"))
    status = tab.locator(".filter-count")
    assert status.inner_text() == f"{total} of {total} cases shown"
    tab.locator("select[name=event-types]").select_option(label="Channel closure")
    closures = [c for c in listing("en") if c.record["event_type"] == "channel-closure"]
    assert visible_entries(tab) == ["channel-closure"] * len(closures)
    assert status.inner_text() == f"{len(closures)} of {total} cases shown"
    assert "event-types=channel-closure" in tab.url
    hidden_years = tab.locator("section.year[hidden]").count()
    assert hidden_years == 2  # 2013 and 2015 hold no closure
    tab.get_by_role("button", name="Show all").click()
    tab.wait_for_function("() => document.querySelectorAll('li.entry[hidden]').length === 0")
    assert status.inner_text() == f"{total} of {total} cases shown"


def test_timeline_filter_from_the_address(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/timeline/?years=2015")
    assert len(visible_entries(tab)) == 1
    assert tab.locator("select[name=years]").input_value() == "2015"


def test_first_tab_reaches_a_visible_skip_link(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}{AF.url}")
    tab.bring_to_front()  # keyboard events go to the focused page, even under load
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.className")
    assert focused == "skip"
    skip = tab.locator("a.skip")
    box = skip.bounding_box()
    viewport = tab.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20 and box["height"] > 10
    assert box["x"] + box["width"] <= viewport["width"]
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"#main$"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/timeline/",
        AF.url,
        "/fr/timeline/",
        "/brands/klm/",
        "/data/",
        "/search/",
        "/channels/board/",
    ],
)
def test_no_horizontal_scroll_at_360_px(browse, server, path):
    tab = browse(viewport={"width": 360, "height": 740}).new_page()
    tab.goto(f"{server}{path}")
    width = tab.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 360, f"{path} is {width}px wide"


def test_timeline_without_javascript(browse, server):
    tab = browse(java_script_enabled=False).new_page()
    tab.goto(f"{server}/timeline/")
    entries = tab.locator("li.entry")
    assert entries.count() == len(listing("en"))
    for index in range(entries.count()):
        assert entries.nth(index).is_visible()
    assert not tab.locator("#filters").is_visible()
    assert tab.locator("nav.browse a").count() == 6


def test_stylesheet_applies(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/")
    assert tab.evaluate("document.styleSheets.length") >= 1
    position = tab.evaluate("getComputedStyle(document.querySelector('a.skip')).position")
    assert position == "absolute"
