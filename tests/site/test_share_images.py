"""Links unfurl with a picture: a 1200 x 630 share image per case and per brand page."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.site.sitelib import CANONICAL, FIXTURE_CONTENT, case, listing, page, pelican

AF_FR = case("air-france-arrete-les-dm-fixture")


def image_of(site, doc):
    og = doc.find("meta", property="og:image")["content"]
    assert doc.find("meta", attrs={"name": "twitter:image"})["content"] == og
    assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert og.startswith(CANONICAL + "/images/share/") and og.endswith(".png")
    path = site / og.removeprefix(CANONICAL + "/")
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_case_page_has_its_own_share_image(site, lang):
    images = {image_of(site, page(site, c.url)) for c in listing(lang)}
    assert len(images) == len(listing(lang))


def test_a_french_case_and_its_english_original_have_different_cards(site):
    english = image_of(site, page(site, case("air-france-stops-dm-support-fixture").url))
    french = image_of(site, page(site, AF_FR.url))
    assert english != french


def test_brand_pages_have_a_share_image_per_language(site):
    assert image_of(site, page(site, "/brands/klm/")) != image_of(
        site, page(site, "/fr/brands/klm/")
    )


def test_pages_without_a_card_keep_the_small_summary(site):
    doc = page(site, "/timeline/")
    assert doc.find("meta", property="og:image") is None
    assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_a_preview_build_draws_no_cards(tmp_path):
    """Development settings leave the cards to published builds: no images, small summaries."""
    output = tmp_path / "output"
    result = pelican(FIXTURE_CONTENT, output)
    assert result.returncode == 0, result.stderr
    assert not (output / "images" / "share").exists()
    doc = page(output, AF_FR.url)
    assert doc.find("meta", property="og:image") is None
    assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
