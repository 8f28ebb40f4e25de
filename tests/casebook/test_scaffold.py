"""`new-case` writes a file that validates from the start."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook import scaffold, vocabulary
from casebook.validate import check_files


def test_new_case_validates_and_uses_the_title_slug(tmp_path):
    path = scaffold.write_case("Ryanair: ends live chat?", tmp_path, today=dt.date(2026, 1, 2))
    assert path == tmp_path / "ryanair-ends-live-chat.md"
    docs, problems = check_files([path], vocabulary.load(), today=dt.date(2026, 1, 2))
    assert problems == []
    assert docs[0].meta["title"] == "Ryanair: ends live chat?"


def test_new_french_case_goes_to_the_french_folder(tmp_path):
    path = scaffold.write_case("Free ferme son chat", tmp_path, lang="fr")
    assert path == tmp_path / "fr" / "free-ferme-son-chat.md"
    _, problems = check_files([path], vocabulary.load())
    assert problems == []


def test_new_case_never_overwrites(tmp_path):
    scaffold.write_case("Same title", tmp_path)
    with pytest.raises(SystemExit, match="already exists"):
        scaffold.write_case("Same title", tmp_path)
