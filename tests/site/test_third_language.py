"""A third interface language is one catalogue and one setting: the fixture site in German."""

from __future__ import annotations

import json

import pytest
import yaml

from plugins.tracker import i18n
from tests.site.sitelib import FIXTURE_CONTENT, file_of, listing, pelican

TOY = "de"


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalogues")
    for lang, strings in i18n.strings(i18n.STRINGS_PATH).items():
        (folder / f"{lang}.yaml").write_text(yaml.safe_dump(strings), encoding="utf-8")
    english = i18n.strings(i18n.STRINGS_PATH)["en"]
    toy = {key: f"[{TOY}] {text}" for key, text in english.items()}
    for key in ("about_url", "methodology_url", "contribute_url"):  # no German pages
        toy[key] = english[key]
    toy["language_name"] = "Deutsch"
    (folder / f"{TOY}.yaml").write_text(yaml.safe_dump(toy), encoding="utf-8")
    output = tmp_path_factory.mktemp("trilingual") / "output"
    settings = [
        f"TRACKER_LANGUAGES={json.dumps(['en', 'fr', TOY])}",
        f"TRACKER_STRINGS_PATH={json.dumps(str(folder))}",
    ]
    result = pelican(FIXTURE_CONTENT, output, extra=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def read(output, url):
    from bs4 import BeautifulSoup

    return BeautifulSoup(file_of(output, url).read_text(encoding="utf-8"), "lxml")


def test_the_third_language_gets_its_pages(trilingual):
    home = read(trilingual, f"/{TOY}/")
    assert home.html["lang"] == TOY
    assert home.select_one("a.site-name").get_text().startswith(f"[{TOY}] ")
    assert home.find("meta", property="og:locale")["content"] == "de_DE"
    timeline = read(trilingual, f"/{TOY}/timeline/")
    assert len(timeline.select("li.entry")) == len(listing("en"))
    # dates in the language's own CLDR form
    assert "28. April 2023" in {t.get_text() for t in timeline.select("li.entry time")}
    assert file_of(trilingual, f"/{TOY}/brands/klm/").exists()
    assert file_of(trilingual, f"/{TOY}/search/").exists()


def test_every_page_links_the_third_language(trilingual):
    for url in ("/", "/fr/", "/timeline/"):
        doc = read(trilingual, url)
        switch = {a["hreflang"]: a.get_text() for a in doc.select("a.lang-switch")}
        assert switch.get(TOY) == "Deutsch", url
        alternates = {link["hreflang"] for link in doc.select("link[rel=alternate][hreflang]")}
        assert TOY in alternates, url
        locales = {m["content"] for m in doc.find_all("meta", property="og:locale:alternate")}
        assert "de_DE" in locales, url
