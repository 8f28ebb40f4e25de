"""Session fixtures: the fixture site built once, a local server for it, headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site.sitelib import FIXTURE_CONTENT, ROOT, build_site, serve_folder

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The fixture content built into a temporary folder, search index included."""
    return build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-build") / "output")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The project's own content/ built the same way (about two seconds)."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("real-build") / "output")


@pytest.fixture(scope="session")
def server(site):
    """The fixture build served on 127.0.0.1 at a random port; yields the base URL."""
    with serve_folder(site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (invoke browsers)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browse(chromium, server):
    """Open a browser context on the local server; any request elsewhere is refused and kept."""
    contexts, offsite = [], []

    def open_context(**options):
        context = chromium.new_context(**options)
        context.set_default_timeout(10_000)

        def guard(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert offsite == [], f"the site asked for third-party resources: {offsite}"
