"""The interface catalogues: one per language, the same keys and placeholders in each."""

from __future__ import annotations

import runpy
import string

from plugins.tracker import i18n

ROOT = i18n.STRINGS_PATH.parents[1]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_catalogue_has_the_same_keys_and_placeholders():
    catalogues = i18n.strings(i18n.STRINGS_PATH)
    assert set(catalogues) >= {"en", "fr"}
    reference = catalogues["en"]
    for lang, strings in catalogues.items():
        assert set(strings) == set(reference), f"{lang}.yaml: keys differ from en.yaml"
        for key, text in strings.items():
            assert isinstance(text, str) and text.strip(), f"{lang}.yaml: {key} is empty"
            assert placeholders(text) == placeholders(reference[key]), f"{lang}.yaml: {key}"


def test_every_interface_language_has_a_catalogue():
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    languages = settings.get("TRACKER_LANGUAGES", ["en", "fr"])
    assert set(languages) <= set(i18n.strings(i18n.STRINGS_PATH))


def test_open_graph_locales():
    assert [i18n.og_locale(lang) for lang in ("en", "fr", "de")] == ["en_GB", "fr_FR", "de_DE"]
