"""`new-case` writes a file to fill in: every part left to write is named by the validator."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import yaml

from casebook import scaffold, vocabulary
from casebook.validate import check_files

TODAY = dt.date(2026, 1, 2)
# what an untouched scaffold leaves to fill in, in every language
TO_FILL = [
    "summary",
    "date",
    "sources[0].url",
    "sources[0].title",
    "sources[0].publisher",
    "sources[0].published",
    "text",
]


def fill_in(text: str) -> str:
    """What a contributor does: replace every TODO with the facts."""
    return (
        text.replace(
            "TODO: one or two sentences saying what happened, who did it and when.",
            "Ryanair closed its live chat for customers in January 2026.",
        )
        .replace("date: TODO", "date: 2026-01-01")
        .replace("https://example.org/TODO-replace-with-the-article-address", "https://news.test/a")
        .replace("TODO title of the article", "Ryanair ends live chat")
        .replace("TODO outlet name", "Travel News")
        .replace("published: TODO", "published: 2026-01-01")
        .replace(
            "TODO: tell what happened in your own words. Every fact must come from a listed "
            "source.",
            "Ryanair said its live chat would close.",
        )
    )


def test_an_untouched_scaffold_fails_naming_every_field_to_fill(tmp_path):
    path = scaffold.write_case("Ryanair: ends live chat?", tmp_path, today=TODAY)
    assert path == tmp_path / "ryanair-ends-live-chat.md"
    _, problems = check_files([path], vocabulary.load(), today=TODAY)
    assert [p.field for p in problems] == TO_FILL
    assert all("draft: true" in p.fix for p in problems)
    assert problems[0].message == "is placeholder text ('TODO')"
    assert "placeholder address" in problems[2].message


def test_a_filled_in_scaffold_validates(tmp_path):
    path = scaffold.write_case("Ryanair: ends live chat?", tmp_path, today=TODAY)
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    docs, problems = check_files([path], vocabulary.load(), today=TODAY)
    assert problems == []
    assert docs[0].meta["title"] == "Ryanair: ends live chat?"


@pytest.mark.parametrize(
    "title",
    [
        'United charges $50 to talk to an "agent" `x`',
        "It's $(rm -rf ~) and 100% \\ backslashes \\n #1: yes",
        "Lufthansa #1 airline: no, 'quoted' & <angled>",
        "Émoji ✈️ and 漢字 — “curly” quotes",
    ],
)
def test_any_title_comes_back_exactly(tmp_path, title):
    path = scaffold.write_case(title, tmp_path, today=TODAY)
    docs, _ = check_files([path], vocabulary.load(), today=TODAY)
    assert docs[0].meta["title"] == title


def test_new_french_case_goes_to_the_french_folder(tmp_path):
    path = scaffold.write_case("Free ferme son chat", tmp_path, lang="fr")
    assert path == tmp_path / "fr" / "free-ferme-son-chat.md"
    docs, problems = check_files([path], vocabulary.load())
    assert docs[0].meta["lang"] == "fr"
    text = path.read_text(encoding="utf-8")
    assert "# quand c’est arrivé" in text and "when it happened" not in text
    # the French guidance leaves the same fields to fill in as the English one
    assert [p.field for p in problems] == TO_FILL


def test_new_case_never_overwrites(tmp_path):
    scaffold.write_case("Same title", tmp_path)
    with pytest.raises(SystemExit, match="already exists"):
        scaffold.write_case("Same title", tmp_path)


def test_the_guidance_comes_from_the_languages_catalogue(tmp_path):
    """A new language's catalogue brings its own scaffold guidance; missing keys fall back
    to English, and the TODO markers the validator looks for stay the same."""
    strings = tmp_path / "i18n"
    strings.mkdir()
    english = yaml.safe_load((scaffold.STRINGS_PATH / "en.yaml").read_text(encoding="utf-8"))
    (strings / "en.yaml").write_text(yaml.safe_dump(english), encoding="utf-8")
    toy = {"scaffold_colon": " ::", "scaffold_date": "wann es geschah"}
    (strings / "de.yaml").write_text(yaml.safe_dump(toy), encoding="utf-8")
    path = scaffold.write_case("Bahn schliesst Chat", tmp_path, lang="de", strings_path=strings)
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "de" / "bahn-schliesst-chat.md"
    assert "date: TODO                # wann es geschah" in text
    assert "TODO :: one or two sentences" in text  # its colon, the English sentence
    assert "lang: de" in text


def test_the_default_language_is_written_at_the_root(tmp_path):
    path = scaffold.write_case("Free ferme son chat", tmp_path, lang="fr", default_lang="fr")
    assert path == tmp_path / "free-ferme-son-chat.md"


def test_new_case_offers_the_schemas_languages():
    from casebook.schema import case_schema

    result = subprocess.run(
        [sys.executable, "-m", "casebook", "new-case", "x", "--lang", "xx"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    for lang in case_schema()["properties"]["lang"]["enum"]:
        assert repr(lang) in result.stderr
