"""The channel board in a browser: filters and sorting with JavaScript, the table without."""

from __future__ import annotations


def brands(tab) -> list[str]:
    return tab.locator("table.board tbody tr:not([hidden]) th").all_inner_texts()


def test_board_sorts_and_filters_with_javascript(browse, server):
    tab = browse().new_page()
    tab.goto(f"{server}/channels/board/")
    form = tab.locator("#board-filters")
    assert form.is_visible()
    first = brands(tab)
    assert len(first) >= 2 and first == sorted(first)
    status = tab.locator("#board-filters .filter-count")
    assert status.inner_text() == f"{len(first)} of {len(first)} brands"
    heading = tab.locator("table.board thead th").first.locator("button")
    heading.click()  # ascending: already the order
    heading.click()  # descending
    assert brands(tab) == sorted(first, reverse=True)
    industries = tab.locator("select[name=industry] option").all()
    value = industries[1].get_attribute("value")
    tab.locator("select[name=industry]").select_option(value)
    expected = tab.locator(f'table.board tbody tr[data-industry="{value}"]').count()
    assert len(brands(tab)) == expected
    assert status.inner_text() == f"{expected} of {len(first)} brands"
    platform = tab.locator("select[name=platform] option").all()[1].get_attribute("value")
    tab.locator("select[name=platform]").select_option(platform)
    hidden = tab.locator(f'table.board [data-platform]:not([data-platform="{platform}"])')
    for index in range(hidden.count()):
        assert not hidden.nth(index).is_visible()


def test_board_without_javascript_shows_every_row(browse, server):
    tab = browse(java_script_enabled=False).new_page()
    tab.goto(f"{server}/fr/channels/board/")
    assert not tab.locator("#board-filters").is_visible()
    rows = tab.locator("table.board tbody tr")
    assert rows.count() >= 2
    for index in range(rows.count()):
        assert rows.nth(index).is_visible()
        assert rows.nth(index).locator("td.state a").count() >= 1
