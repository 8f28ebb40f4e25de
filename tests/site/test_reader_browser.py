"""What a reader sees in Chromium: filters that recount, status everywhere, search that finds."""

from __future__ import annotations

import pytest

from tests.site.sitelib import case, listing

pytestmark = pytest.mark.browser

AF = case("air-france-stops-dm-support-fixture")
AF_FR = case("air-france-arrete-les-dm-fixture")
STATUS_LABELS = {"ongoing": "Ongoing", "resolved": "Resolved", "unknown": "Outcome unknown"}


def shown_years(tab) -> dict[str, tuple[str, int]]:
    """year -> (its heading's text, the number of entries shown under it), shown years only."""
    return tab.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('section.year')]
            .filter(s => !s.hidden)
            .map(s => [s.dataset.year, [s.querySelector('h2').innerText,
                s.querySelectorAll('li.entry:not([hidden])').length]]))"""
    )


def year_links(tab) -> list[str]:
    return tab.locator(".years-nav a").evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.textContent)"
    )


def results(tab, query: str, lang_prefix: str = "") -> list[str]:
    tab.goto(f"{tab.base}/{lang_prefix}search/?q={query}")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    return tab.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


@pytest.fixture
def tab(browse, server):
    page = browse().new_page()
    page.base = server
    return page


def test_filtered_year_headings_and_links_match_what_is_shown(tab):
    tab.goto(f"{tab.base}/timeline/")
    reset = tab.get_by_role("button", name="Show all")
    assert not reset.is_visible()  # nothing is filtered yet
    tab.locator("select[name=brands]").select_option(label="KLM")
    klm = [c for c in listing("en") if "klm" in c.record["brands"]]
    years = shown_years(tab)
    expected = {}
    for c in klm:
        expected[c.record["date"][:4]] = expected.get(c.record["date"][:4], 0) + 1
    assert {year: n for year, (_, n) in years.items()} == expected
    for year, (heading, n) in years.items():
        assert heading == f"{year} ({n} case{'s' if n != 1 else ''})"
    assert sorted(year_links(tab)) == sorted(expected)
    assert reset.is_visible()
    assert "brands=klm" in tab.url
    # The address keeps the filter: reloading shows the same selection.
    tab.reload()
    assert tab.locator("select[name=brands]").input_value() == "klm"
    assert sorted(year_links(tab)) == sorted(expected)
    reset.click()
    tab.wait_for_function("() => document.querySelectorAll('li.entry[hidden]').length === 0")
    assert not reset.is_visible()
    assert len(year_links(tab)) == len({c.record["date"][:4] for c in listing("en")})
    assert "brands" not in tab.url


def test_status_appears_in_timeline_entries_and_filters(tab):
    tab.goto(f"{tab.base}/timeline/")
    entries = listing("en")
    shown = tab.locator("li.entry .tag-status").all_inner_texts()
    assert shown == [STATUS_LABELS[c.record["status"]] for c in entries]
    options = tab.locator("select[name=statuses] option").all_inner_texts()
    assert set(options[1:]) == {STATUS_LABELS[c.record["status"]] for c in entries}
    tab.locator("select[name=statuses]").select_option(label="Ongoing")
    visible = tab.locator("li.entry:not([hidden]) .entry-title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    assert visible == [c.url for c in entries if c.record["status"] == "ongoing"]
    assert "statuses=ongoing" in tab.url


def test_the_timeline_does_not_shift_as_the_filters_load(tab):
    tab.goto(f"{tab.base}/timeline/")
    tab.wait_for_load_state("load")
    shift = tab.evaluate(
        """() => new Promise(done => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const e of list.getEntries()) total += e.value;
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(total), 500);
        })"""
    )
    assert shift == 0


def test_dm_support_finds_the_air_france_case(tab):
    assert AF.url in results(tab, "DM+support")


def test_french_synonyms_find_the_french_case(tab):
    # "SAV" and "MP" are nowhere in the French write-up: the vocabularies' synonyms are.
    assert AF_FR.url in results(tab, "SAV", "fr/")
    assert AF_FR.url in results(tab, "MP", "fr/")


def test_x_finds_twitter_cases(tab):
    # The English index holds the English write-ups (Pagefind splits by language).
    twitter = {
        c.url for c in listing("en") if c.record.get("platform") == "twitter" and c.lang == "en"
    }
    assert twitter <= set(results(tab, "X"))


def test_search_page_has_one_box_and_results_say_date_brand_type_status(tab):
    results(tab, "Air+France")
    boxes = tab.locator("input:not([type=checkbox]):not([type=radio]):not([type=hidden])")
    assert boxes.count() == 1
    first = tab.locator(".pagefind-ui__result", has=tab.locator(f"a[href$='{AF.url}']"))
    tags = first.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert [t.strip() for t in tags] == [
        "Brands: Air France",
        "Date: 28 April 2023",
        "Event type: Channel closure",
        "Status: Ongoing",
    ]
    excerpt = first.locator(".pagefind-ui__result-excerpt").inner_text()
    assert not excerpt.startswith(("·", "Channel closure", "28 April"))
    assert "archived copy" not in excerpt


def test_search_results_come_first_on_a_phone(browse, server):
    tab = browse(viewport={"width": 360, "height": 740}).new_page()
    tab.goto(f"{server}/search/?q=Twitter")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    assert tab.locator(".pagefind-ui__filter-panel").is_hidden()
    first = tab.locator(".pagefind-ui__result").first.bounding_box()
    assert first["y"] < 740
    toggle = tab.get_by_role("button", name="Filters")
    toggle.click()
    assert tab.locator(".pagefind-ui__filter-panel").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"


def test_search_page_says_when_the_index_cannot_load(browse, server):
    context = browse()
    context.route("**/pagefind/**", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(f"{server}/search/?q=Twitter")
    error = tab.locator(".search-error")
    error.wait_for(state="visible")
    assert "could not be loaded" in error.inner_text()


def test_french_search_page_says_effacer(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/fr/search/?q=Twitter")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    assert tab.locator(".pagefind-ui__search-clear").inner_text().strip() == "Effacer"
